"""The result model shared by the runner, the renderers, the history and the web interface."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gardien.fr import duration


class Status(StrEnum):
    """What a check concluded. Only `PASS` means "verified and fine"."""

    PASS = "pass"
    FAIL = "fail"
    MANUAL = "manual"  # Gardien cannot know: the user must look
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"  # the check itself could not run

    @property
    def unread(self) -> bool:
        """The fact could not be read: she must look (MANUAL), or the check could not run (ERROR)."""
        return self in (Status.MANUAL, Status.ERROR)


class Severity(StrEnum):
    """How much a failed finding matters, from the most to the least serious."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """4 for critical down to 0 for info, to compare severities."""
        return _SEVERITY_RANK[self]

    @property
    def weight(self) -> int:
        """Points this severity carries in the global score."""
        return _SEVERITY_WEIGHT[self]


_SEVERITY_RANK = {Severity.CRITICAL: 4, Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1, Severity.INFO: 0}
_SEVERITY_WEIGHT = {Severity.CRITICAL: 10, Severity.HIGH: 5, Severity.MEDIUM: 3, Severity.LOW: 1, Severity.INFO: 0}


@dataclass(frozen=True)
class Outcome:
    """What a check function returns: the verdict and a short French sentence about this machine.

    `severity` may lower the metadata severity for a milder case (e.g. a lock delay of 20 minutes
    is less serious than no lock at all); it is never used to raise it.
    """

    status: Status
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    done: frozenset[str] = frozenset()  # what the check measured done: steps naming it (sauf_si_fait) are left out
    title: str | None = None  # a title closer to this case than the metadata's (« Deuxième copie de sauvegarde »)


class Distribution(StrEnum):
    """A Linux distribution whose steps differ from the others' (menus, tools, commands).

    A machine is the first of these its /etc/os-release names, in ID then in ID_LIKE order: Linux Mint is
    LINUX_MINT, Pop!_OS (ID_LIKE="ubuntu debian") is UBUNTU. A step lists every distribution it is for.
    """

    DEBIAN = "debian"
    UBUNTU = "ubuntu"
    LINUX_MINT = "linuxmint"
    FEDORA = "fedora"

    @property
    def label(self) -> str:
        """Its name, shown before a step when Gardien does not know which distribution this is."""
        return _DISTRIBUTION_LABEL[self]


_DISTRIBUTION_LABEL = {
    Distribution.DEBIAN: "Debian",
    Distribution.UBUNTU: "Ubuntu",
    Distribution.LINUX_MINT: "Linux Mint",
    Distribution.FEDORA: "Fedora",
}


class Autonomy(StrEnum):
    """Who can carry out a remediation: the practitioner alone, or with someone at ease with computers."""

    ALONE = "seul"  # following the steps, without help
    WITH_HELP = "aide"  # « faites-vous aider »: the metadata says what to ask for, and why


@dataclass(frozen=True)
class RemediationStep:
    """One step of a remediation: a sentence, and for a terminal step the exact command to copy.

    `str(step)` is the step as plain text, the command included, for renderers that show text only.
    """

    text: str
    command: str | None = None  # the exact text to type, shown apart from the sentence
    command_effect: str | None = None  # what the command does, in plain French
    admin_password: bool = False  # the command asks for the administrator password
    distributions: tuple[Distribution, ...] = ()  # Linux: only for these distributions; () for every one
    unless_installed: str | None = None  # left out when this program is found installed (« installez restic »)
    unless_done: str | None = None  # left out when the check measured this done (Outcome.done)
    if_done: str | None = None  # shown only when the check measured this done
    when_unknown: bool = False  # for when the check could not read the fact: how to look for oneself
    admin_account: bool = False  # the command works only from the administrator account (no password asked):
    # Homebrew's files belong to the account that installed it, and a standard account may not change them
    terminal: str | None = None  # the same step said in the terminal, when `text` names a page or a button of
    # Gardien's interface: the Gardien command that does it there (« gardien registre completer »)
    as_root: bool = False  # Linux, the audit saw her work as root: the command is typed in root's session, without
    # sudo (not needed there, and often not installed on Debian when root has a password), and asks for no password

    @property
    def terminal_text(self) -> str:
        """The sentence as the terminal says it (`gardien plan`, `gardien audit`): the command, not the page."""
        return self.terminal or self.text

    @property
    def in_terminal(self) -> bool:
        return self.command is not None

    def command_note(self) -> str:
        """« Cette commande active le pare-feu. Elle demande le mot de passe d'un compte administrateur. »"""
        if self.command is None:
            return ""
        note = f"Cette commande {self.command_effect}."
        if self.admin_password:
            note += " Elle demande le mot de passe d'un compte administrateur."
            if self.command.startswith("sudo"):
                note += " Rien ne s'affiche pendant que vous le tapez : c'est normal."
        if self.admin_account:
            note += " Elle ne marche que depuis le compte administrateur de l'ordinateur."
        if self.as_root:
            note += " Elle se tape dans la session du compte root, qui a déjà tous les droits : aucun mot de passe n'est demandé."
        return note

    def __str__(self) -> str:
        if self.command is None:
            return self.text
        lead = self.text if self.text.endswith(":") else f"{self.text} Commande à copier :"
        return f"{lead} {self.command} — {self.command_note()}"


@dataclass(frozen=True)
class StepConditions:
    """What decides which remediation steps a finding shows on the audited machine: the programs named by its steps
    that were found installed (None when the list of programs could not be read: every step is kept), and what the
    check measured done. Saved with the audit, so that the plan shows the steps the audit showed."""

    installed: frozenset[str] | None = None
    done: frozenset[str] = frozenset()
    unknown: bool = False  # the check could not read the fact (not saved: the finding's status says it)

    def keeps(self, step: RemediationStep) -> bool:
        if step.unless_installed and self.installed is not None and step.unless_installed.lower() in self.installed:
            return False
        if step.unless_done and step.unless_done in self.done:
            return False
        return not step.if_done or step.if_done in self.done

    def select(self, steps: tuple[RemediationStep, ...]) -> tuple[RemediationStep, ...]:
        """A check that has steps `when_unknown` shows them only when it could not read the fact, and its other steps
        only when it could: « déconnectez-vous de ce réseau » is no advice when Gardien could not tell whether the
        network is open."""
        if any(step.when_unknown for step in steps):
            steps = tuple(step for step in steps if step.when_unknown == self.unknown)
        return tuple(step for step in steps if self.keeps(step))

    def to_dict(self) -> dict[str, Any]:
        return {"installes": None if self.installed is None else sorted(self.installed), "faits": sorted(self.done)}

    @classmethod
    def from_dict(cls, raw: object) -> StepConditions:
        """As saved with an audit; an audit saved before they were (or a damaged entry): every step is kept."""
        if not isinstance(raw, dict):
            return cls()
        installed, done = raw.get("installes"), raw.get("faits")
        return cls(frozenset(str(n) for n in installed) if isinstance(installed, list) else None,
                   frozenset(str(f) for f in done) if isinstance(done, list) else frozenset())


OTHER_WAY = ("Ou ", "Ou,")  # how a terminal step that is another way to do the step before it begins


def other_ways(steps: tuple[RemediationStep, ...] | list[RemediationStep]) -> frozenset[int]:
    """The places of the terminal steps that are another way to do what the step before them does by clicks
    (« Ou, dans un terminal : »): for the person who helps, not help she needs (the pages say them so)."""
    return frozenset(i for i, step in enumerate(steps) if i and step.in_terminal and not steps[i - 1].in_terminal
                     and step.text.startswith(OTHER_WAY))


def autonomy_here(declared: Autonomy, steps: tuple[RemediationStep, ...]) -> Autonomy:
    """Who can do it on this machine: a remediation typed in a terminal is not one she does alone without being told
    so, whatever the check declares for the whole system (Debian's automatic updates, unlike Ubuntu's): the order of
    first steps must not put it first as « sans aide ». A command given only as another way to do a step by clicks
    (other_ways) does not make it one she needs help for (walkthrough, round 17: setting the session's password,
    « avec de l'aide » for its `passwd`, where GNOME's Paramètres do it by clicks)."""
    others = other_ways(steps)
    if declared is Autonomy.ALONE and any(step.in_terminal and i not in others for i, step in enumerate(steps)):
        return Autonomy.WITH_HELP
    return declared


def effort_label(minutes: int, who: Autonomy) -> str:
    """« environ 20 minutes », « environ 10 minutes, avec de l'aide »: the time and, when she is not to do it alone,
    that she needs help (the same `who` that keeps the step from coming first as quick: autonomy_here)."""
    said = f"environ {duration(minutes * 60)}"
    return f"{said}, avec de l'aide" if who is Autonomy.WITH_HELP else said


@dataclass(frozen=True)
class Effort:
    """How long a remediation takes on one system, and who can do it."""

    minutes: int
    who: Autonomy
    ask_for: str | None = None  # with help: what to ask for, and why (a French sentence)


# What follows a source Gardien did not read in its primary text (references.md [S] or [M]): an official text (a CNIL
# deliberation, a code, a guide of the ANSSI) is said « non lu par Gardien », not « recommandation courante », which
# read as hearsay under the CNIL's own deliberation (walkthrough, round 15); other documents stay « recommandation
# courante ».
COMMON_PRACTICE = "recommandation courante"
OFFICIAL_NOT_READ = "texte officiel non lu par Gardien"
# Where many sources follow one another (the emergency instructions, one after the other; the printed sheet), an
# official text not read is marked NOT_READ_MARK and NOT_READ_LEGEND says what the mark means, once (round 22: the
# caveat after nearly every instruction was noise; which texts Gardien did not read stays on each one).
NOT_READ_MARK = "*"
NOT_READ_LEGEND = f"{NOT_READ_MARK} {OFFICIAL_NOT_READ[0].upper()}{OFFICIAL_NOT_READ[1:]}."
# A source's label names the text, then what it says, after LABEL_SEP (« RGPD, article 33 — notifier… »): after
# « Source : », a second colon on the line read badly (round 22).
LABEL_SEP = " — "


@dataclass(frozen=True)
class Source:
    """An authoritative reference shown to the user (from references.md)."""

    id: str
    label: str
    url: str
    verified: bool  # False for rules references.md tags [S] or [M]: shown with `caveat`
    official: bool = False  # an official text (data: « officiel = true »), whatever Gardien read of it

    @property
    def caveat(self) -> str:
        """« (texte officiel non lu par Gardien) », « (recommandation courante) », or "" for a text Gardien read: the
        one rule every page and command follows after a source's label."""
        if self.verified:
            return ""
        return f" ({OFFICIAL_NOT_READ if self.official else COMMON_PRACTICE})"

    @property
    def not_read(self) -> bool:
        """An official text Gardien did not read in its primary text."""
        return self.official and not self.verified

    @property
    def marked(self) -> str:
        """`caveat`, with NOT_READ_MARK instead of « (texte officiel non lu par Gardien) »: for a list that says
        NOT_READ_LEGEND once (`legend_for`)."""
        return NOT_READ_MARK if self.not_read else self.caveat

    @property
    def name(self) -> str:
        """The text's name, without what Gardien sums up of it (« RGPD, article 33 »)."""
        return self.label.partition(LABEL_SEP)[0]

    @property
    def marked_label(self) -> str:
        """The label with `marked` after the text's name, before what Gardien sums up of it (« Cybermalveillance.gouv.fr,
        fiche réflexe « Rançongiciels »* — débrancher… »): the mark is about the text, not its last words."""
        if not self.not_read:
            return self.label + self.caveat
        name, sep, rest = self.label.partition(LABEL_SEP)
        return name + self.marked + sep + rest


def legend_for(sources: Iterable[Source]) -> str:
    """NOT_READ_LEGEND when one of `sources` is marked (Source.marked), else ""."""
    return NOT_READ_LEGEND if any(s.not_read for s in sources) else ""


@dataclass(frozen=True)
class Finding:
    """One check's result on one machine, with everything needed to explain it."""

    id: str
    status: Status
    severity: Severity
    theme: str
    title: str
    detail: str
    why: str
    risk: str
    remediation: tuple[RemediationStep, ...]  # for this system; str(step) is the plain text
    sources: tuple[Source, ...]
    effort_minutes: int  # for this system
    evidence: dict[str, Any] = field(default_factory=dict)
    who: Autonomy = Autonomy.ALONE  # for this system
    ask_for: str | None = None  # with help: what to ask for, and why
    conditions: StepConditions = field(default_factory=StepConditions)  # what chose `remediation`'s steps

    @property
    def effort_label(self) -> str:
        """« environ 20 minutes », « environ 4 h, avec de l'aide »."""
        return effort_label(self.effort_minutes, self.who)

    @property
    def needs_action(self) -> bool:
        """True when the user has something to do: fix it, or look for herself."""
        return self.status in (Status.FAIL, Status.MANUAL, Status.ERROR)


@dataclass(frozen=True)
class AuditResult:
    """A whole audit: findings in check order, the score and the first steps."""

    os: str
    os_version: str
    gardien_version: str
    started_at: str  # ISO 8601, local time with offset
    mode: str  # "live" or "replay"
    findings: tuple[Finding, ...]
    score: int
    first_steps: tuple[str, ...]  # ids of the findings to fix first, most useful first
    duration_s: float

    @property
    def first_step(self) -> str | None:
        """The id of the finding to fix first, or None when there is nothing to do."""
        return self.first_steps[0] if self.first_steps else None

    def counts(self) -> dict[str, int]:
        """Number of findings per status, every status present."""
        counts = {status.value: 0 for status in Status}
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id (KeyError when absent)."""
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        raise KeyError(finding_id)
