"""Every clue of a message: those written with it, and what Gardien's mail analyser finds in it, placed on the zones the
learner can click; then the correction of what the learner clicked.

The analyser is read only through its public result (a verdict and a list of findings, each with an id, a French
explanation and its evidence), so that its signals can change without breaking the exercise. A finding is placed by
its evidence first (a host named in it is a link's, a file name an attachment's, a quoted phrase a paragraph's), then
by the family its id names (sender, subject, links, attachments, content); a finding that cannot be placed is still
shown, as an observation, but is not scored.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gardien.formation.mails import Clue, ClueOrigin, ExerciseMail, Origin

SENDER_FAMILIES = {"expediteur", "authentification", "sante", "sender", "from"}
SUBJECT_FAMILIES = {"sujet", "objet", "subject"}
LINK_FAMILIES = {"liens", "lien", "links", "urls"}
ATTACHMENT_FAMILIES = {"pieces_jointes", "piece_jointe", "attachments"}
TEXT_FAMILIES = {"contenu", "texte", "content", "body"}
_QUOTED = re.compile(r"«\s*([^»]{3,120}?)\s*»")  # the phrases a finding quotes, as the analyser writes them
_LISTED = re.compile(r"'([^'\n]{3,120})'")  # …and as its evidence lists them: ['dernier rappel', 'rib']
VERDICT_LABEL = {"safe": "sans danger apparent", "suspicious": "suspect", "dangerous": "dangereux",
                 "incomplete": "analyse incomplète"}  # when the result carries no French label of its own
MEDIUM_WEIGHT = 3  # weaker findings (everyday words) are shown, not counted: two marketing words are no trap
_HOST = re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b")


@dataclass(frozen=True)
class Finding:
    """One finding of the analyser, as its public result gives it."""

    id: str
    text: str
    evidence: str
    strength: int  # 0 information only, 1 weak (everyday words), 2 medium or more
    location: str = ""


@dataclass(frozen=True)
class Reading:
    verdict: str
    verdict_label: str
    clues: tuple[Clue, ...]  # placed on zones
    observations: tuple[str, ...]  # findings that could not be placed, or that only inform


@dataclass(frozen=True)
class ClueGroup:
    zones: frozenset[str]
    clues: tuple[Clue, ...]
    found: bool


@dataclass(frozen=True)
class Correction:
    mail: ExerciseMail
    groups: tuple[ClueGroup, ...]
    clicked: frozenset[str]
    false_alarms: tuple[str, ...]  # zones clicked where there was nothing to find
    reading: Reading

    @property
    def found(self) -> int:
        return sum(g.found for g in self.groups)

    @property
    def total(self) -> int:
        return len(self.groups)

    @property
    def zone_state(self) -> dict[str, str]:
        """zone -> « trouve », « manque » or « fausse_alerte », for the reveal."""
        state: dict[str, str] = {}
        for group in self.groups:
            for zone in group.zones:
                if state.get(zone) != "manque":  # a zone of a missed clue stays shown as missed
                    state[zone] = "trouve" if group.found else "manque"
        for zone in self.false_alarms:
            state[zone] = "fausse_alerte"
        return state


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").split())


def _findings(analysis) -> list[Finding]:
    """The analyser's findings, whatever the exact names of its result's fields."""
    items = getattr(analysis, "findings", None)
    if items is None:
        items = getattr(analysis, "signals", [])
    found = []
    for item in items:
        weight = getattr(item, "weight", None)
        severity = str(getattr(item, "severity", ""))
        if isinstance(weight, int | float):
            strength = 0 if weight <= 0 else 1 if weight < MEDIUM_WEIGHT else 2
        else:
            strength = 2 if severity in ("medium", "high", "critical") else 1 if severity == "low" else 0
        text = getattr(item, "message", None) or getattr(item, "explanation", None) or getattr(item, "explication", "")
        evidence = getattr(item, "technical", None) or getattr(item, "detail", None) or ""
        location = getattr(item, "location", None) or getattr(item, "zone", None) or ""
        found.append(Finding(str(getattr(item, "id", "")), str(text), str(evidence), strength, str(location)))
    return found


def _place(finding: Finding, mail: ExerciseMail) -> frozenset[str]:
    """The zones a finding points at; empty when it cannot be placed on this message."""
    zones = mail.zones()
    if finding.location in zones:
        return frozenset({finding.location})
    family = re.split(r"[.:/]", finding.id, maxsplit=1)[0].lower()
    said = _normal(f"{finding.text} {finding.evidence}")
    if family in LINK_FAMILIES or (family not in SENDER_FAMILIES | SUBJECT_FAMILIES | TEXT_FAMILIES | ATTACHMENT_FAMILIES
                                   and any(link.host and link.host in said for link in mail.links)):
        named = {link.zone for link in mail.links if link.host and link.host in said}
        if named or family in LINK_FAMILIES:
            return frozenset(named or {link.zone for link in mail.links})
    if family in ATTACHMENT_FAMILIES or any(_normal(a.name) in said for a in mail.attachments):
        named = {a.zone for a in mail.attachments if _normal(a.name) in said}
        if named or family in ATTACHMENT_FAMILIES:
            return frozenset(named or {a.zone for a in mail.attachments})
    if family in SENDER_FAMILIES:
        if mail.reply_to and ("repon" in finding.id or _normal(mail.reply_to) in said):
            return frozenset({"repondre_a"} & set(zones))
        return frozenset({"expediteur"} & set(zones))
    if family in SUBJECT_FAMILIES:
        return frozenset({"objet"} & set(zones))
    phrases = [_normal(p) for p in _QUOTED.findall(finding.text) + _QUOTED.findall(finding.evidence)
               + _LISTED.findall(finding.evidence)]
    phrases = [p for p in phrases if len(p) >= 3 and not _HOST.fullmatch(p)]
    placed = {p.zone for p in mail.paragraphs if p.zone in zones and any(ph in _normal(p.text) for ph in phrases)}
    if phrases and any(ph in _normal(mail.subject) for ph in phrases):
        placed.add("objet")
    if placed:
        return frozenset(placed)
    if family in TEXT_FAMILIES:  # somewhere in the text: any paragraph or the subject counts
        return frozenset({p.zone for p in mail.paragraphs if p.zone in zones} | ({"objet"} & set(zones)))
    return frozenset()


@lru_cache(maxsize=256)
def _reading(mail: ExerciseMail) -> Reading:
    from gardien.mail.analyze import analyse
    from gardien.mail.message import parse_bytes

    try:
        analysis = analyse(parse_bytes(mail.raw))
    except Exception:  # the analyser is another team's, and changing: the exercise goes on with its written clues
        logging.getLogger("gardien.formation").exception("analyse impossible du message %s", mail.id)
        return Reading("", "analyse impossible", (), ("L'analyseur de Gardien n'a pas pu examiner ce message.",))
    verdict = str(getattr(analysis, "verdict", ""))
    label = str(getattr(analysis, "label", "") or VERDICT_LABEL.get(verdict, verdict))
    clues, observations = [], []
    for finding in _findings(analysis):
        zones = _place(finding, mail)
        if finding.strength and zones:
            clues.append(Clue(zones, finding.text, ClueOrigin.ANALYSER, weak=finding.strength < 2))
        elif finding.text:
            observations.append(finding.text)
    return Reading(verdict, label, tuple(clues), tuple(dict.fromkeys(observations)))


def read(mail: ExerciseMail) -> Reading:
    """What the analyser says of this message (cached: the same message is read once per process)."""
    return _reading(mail)


def correct(mail: ExerciseMail, clicked: set[str]) -> Correction:
    """Group the clues by the zones they point at and say which the learner found.

    An honest message written for the exercise has nothing to find: what the analyser says of it is shown as an
    observation, never counted against the learner; nor are everyday words (a weak finding) on a written message,
    whose clues are written with it. On a real message from a folder, the analyser's findings are all the clues
    there are, weak ones included. An analyser clue that shares a zone with a written one joins it.
    """
    reading = read(mail)
    known = set(mail.zones())
    clicked_zones = frozenset(z for z in clicked if z in known)
    groups: list[tuple[frozenset[str], list[Clue]]] = [(c.zones, [c]) for c in mail.clues]
    observations = list(reading.observations)
    for clue in reading.clues:
        if mail.origin is Origin.WRITTEN and (not mail.trap or clue.weak):
            observations.append(clue.text)
            continue
        home = next((g for g in groups if g[0] & clue.zones), None)
        if home is None:
            groups.append((clue.zones, [clue]))
        else:
            home[1].append(clue)
    built = tuple(ClueGroup(zones, tuple(items), bool(zones & clicked_zones)) for zones, items in groups)
    pointed = frozenset().union(*(g.zones for g in built)) if built else frozenset()
    alarms = tuple(z for z in mail.zones() if z in clicked_zones and z not in pointed)
    final = Reading(reading.verdict, reading.verdict_label, reading.clues, tuple(dict.fromkeys(observations)))
    return Correction(mail, built, clicked_zones, alarms, final)
