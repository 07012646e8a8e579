"""Check discovery and metadata: each folder of gardien/checks is one check.

A check folder holds `check.py` (one function per platform it supports: `linux`, `macos`,
`windows`, each taking a Context and returning an Outcome) and `check.fr.toml` (all its French
text). Adding a folder adds a check: there is no list to edit.
"""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from gardien.compat import PLATFORMS
from gardien.core.model import Autonomy, Distribution, Effort, RemediationStep, Severity, Source

THEMES_FILE = "themes.toml"
SOURCES_FILE = "sources.toml"
MAX_TITLE = 90
MAX_TEXT = 400


class MetadataError(ValueError):
    """A check's metadata file is invalid (a bug in Gardien, caught by the tests)."""


@dataclass(frozen=True)
class CheckMeta:
    """The French text and settings of one check, read from its check.fr.toml."""

    id: str
    title: str
    theme: str
    severity: Severity
    effort: dict[str, Effort]  # platform -> effort and who can do it
    why: str
    risk: str
    remediation: dict[str, tuple[RemediationStep, ...]]  # platform -> steps (with help: « Faites-vous aider » first)
    sources: tuple[Source, ...]
    # the register's line when the check passed, for a title that names the bad thing (« Logiciels de prise en main à
    # distance » read « installed » beside « En place »); None: the title already reads as the good state
    in_place: str | None = None

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(p for p in PLATFORMS if p in self.remediation)


@dataclass(frozen=True)
class CheckSpec:
    """A discovered check: its metadata and its platform functions."""

    meta: CheckMeta
    functions: dict[str, Callable]

    @property
    def id(self) -> str:
        return self.meta.id


def _data(name: str) -> dict:
    from gardien.registre.breaches import with_cnil_delay  # the CNIL's delay, said in one place (INC-06)

    return tomllib.loads(with_cnil_delay(resources.files("gardien.data").joinpath(name).read_text(encoding="utf-8")))


@cache
def themes() -> dict[str, str]:
    """Theme id -> French title, in display order."""
    return {key: value["titre"] for key, value in _data(THEMES_FILE).items()}


@cache
def sources() -> dict[str, Source]:
    """Reference id (as in references.md) -> Source."""
    return sources_from(_data(SOURCES_FILE))


def sources_from(table: dict) -> dict[str, Source]:
    """A TOML table of sources (id -> libelle, url, verifie, officiel), as data/sources.toml and the capabilities' own
    files write it."""
    return {key: Source(key, value["libelle"], value.get("url", ""), bool(value["verifie"]), bool(value.get("officiel", False)))
            for key, value in table.items()}


STEP_KEYS = {"texte", "terminal", "commande", "effet", "admin", "pour", "sauf_si_installe", "sauf_si_fait", "si_fait", "si_inconnu"}
HELP_PREFIX = "Faites-vous aider : "
# a command's « admin »: true (it asks for the administrator password), false, or this (it works only from the
# administrator account, asking nothing: Homebrew)
ADMIN_ACCOUNT = "compte"


def load_meta(check_id: str, text: str) -> CheckMeta:
    """Parse and validate one check.fr.toml; raises MetadataError with the reason."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{check_id}: TOML invalide ({exc})") from exc
    problems = []
    for key in ("titre", "theme", "gravite", "pourquoi", "risque", "sources", "remediation"):
        if key not in raw:
            problems.append(f"clé « {key} » absente")
    if "effort" not in raw and "effort_minutes" not in raw:
        problems.append("table « effort » absente")
    if problems:
        raise MetadataError(f"{check_id}: " + ", ".join(problems))
    if raw["theme"] not in themes():
        problems.append(f"thème inconnu {raw['theme']!r}")
    if raw["gravite"] not in {s.value for s in Severity}:
        problems.append(f"gravité inconnue {raw['gravite']!r}")
    for key in ("titre", "en_place"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip() or len(raw[key]) > MAX_TITLE):
            problems.append(f"« {key} » vide ou de plus de {MAX_TITLE} caractères")
    for key in ("pourquoi", "risque"):
        if not raw[key].strip() or len(raw[key]) > MAX_TEXT:
            problems.append(f"« {key} » vide ou de plus de {MAX_TEXT} caractères")
    unknown_sources = [s for s in raw["sources"] if s not in sources()]
    if unknown_sources or not raw["sources"]:
        problems.append(f"sources absentes ou inconnues : {unknown_sources}")
    remediation = raw["remediation"]
    if not isinstance(remediation, dict) or not remediation or set(remediation) - set(PLATFORMS):
        problems.append("remediation doit avoir des clés parmi linux, macos, windows")
        raise MetadataError(f"{check_id}: " + ", ".join(problems))
    steps = {}
    for platform, raw_steps in remediation.items():
        parsed, step_problems = _steps(raw_steps)
        steps[platform] = parsed
        problems += [f"{platform}: {p}" for p in step_problems]
        if platform != "linux" and any(step.distributions for step in parsed):
            problems.append(f"{platform}: « pour » (distributions) ne vaut que pour linux")
    effort, effort_problems = _effort(raw, set(remediation))
    problems += effort_problems
    if problems:
        raise MetadataError(f"{check_id}: " + ", ".join(problems))
    for platform, platform_effort in effort.items():
        if platform_effort.ask_for:
            steps[platform] = (RemediationStep(HELP_PREFIX + platform_effort.ask_for), *steps[platform])
    return CheckMeta(
        id=check_id,
        title=raw["titre"],
        theme=raw["theme"],
        severity=Severity(raw["gravite"]),
        effort=effort,
        why=" ".join(raw["pourquoi"].split()),  # TOML multi-line strings: one paragraph
        risk=" ".join(raw["risque"].split()),
        remediation={p: steps[p] for p in PLATFORMS if p in steps},
        sources=tuple(sources()[s] for s in raw["sources"]),
        in_place=raw.get("en_place"),
    )


def _steps(raw_steps: object) -> tuple[tuple[RemediationStep, ...], list[str]]:
    """A platform's steps: plain sentences, or tables {texte, commande, effet, admin} for a terminal step, and
    `terminal`: the same sentence as the terminal says it, when `texte` names a page of the interface (the command);
    `pour` (Linux) lists the distributions a step is for, when it is not for every one; `sauf_si_installe` names a
    program whose presence makes the step needless; `sauf_si_fait` / `si_fait` name a fact the check measures
    (Outcome.done) that makes the step needless / that the step needs; `si_inconnu = true` marks a step for when the
    check could not read the fact (model.StepConditions.select)."""
    if not isinstance(raw_steps, list) or not raw_steps:
        return (), ["au moins une étape"]
    steps, problems = [], []
    for raw in raw_steps:
        if isinstance(raw, str) and raw.strip():
            steps.append(RemediationStep(raw.strip()))
            continue
        if not isinstance(raw, dict) or set(raw) - STEP_KEYS or not str(raw.get("texte", "")).strip():
            problems.append(f"étape invalide {raw!r}")
            continue
        command = raw.get("commande")
        if command is not None and not (
            isinstance(command, str) and command.strip()
            and isinstance(raw.get("effet"), str) and raw["effet"].strip()
            and (isinstance(raw.get("admin"), bool) or raw.get("admin") == ADMIN_ACCOUNT)
        ):
            problems.append(f"commande sans « effet » ou sans « admin » : {raw!r}")
            continue
        if command is None and ("effet" in raw or "admin" in raw):
            problems.append(f"« effet »/« admin » sans commande : {raw!r}")
            continue
        families = raw.get("pour", [])
        if not isinstance(families, list) or not set(families) <= {d.value for d in Distribution} or "pour" in raw and not families:
            problems.append(f"« pour » doit lister des distributions parmi {[d.value for d in Distribution]} : {raw!r}")
            continue
        named = [key for key in ("sauf_si_installe", "sauf_si_fait", "si_fait")
                 if key in raw and not (isinstance(raw[key], str) and raw[key].strip())]
        if named:
            problems.append(f"« {named[0]} » doit nommer un programme ou un fait : {raw!r}")
            continue
        if "terminal" in raw and not (isinstance(raw["terminal"], str) and raw["terminal"].strip()):
            problems.append(f"« terminal » dit l'étape comme le terminal la dit (la commande, pas la page) : {raw!r}")
            continue
        if not isinstance(raw.get("si_inconnu", False), bool):
            problems.append(f"« si_inconnu » vaut true ou false : {raw!r}")
            continue
        steps.append(RemediationStep(raw["texte"].strip(), command, raw.get("effet"), raw.get("admin") is True,
                                     tuple(Distribution(f) for f in families), raw.get("sauf_si_installe"),
                                     raw.get("sauf_si_fait"), raw.get("si_fait"), raw.get("si_inconnu", False),
                                     raw.get("admin") == ADMIN_ACCOUNT, raw.get("terminal")))
    return tuple(steps), problems


def _effort(raw: dict, platforms: set[str]) -> tuple[dict[str, Effort], list[str]]:
    """[effort] platform = {minutes, qui, demander}; `effort_minutes` alone is the older form (everyone, alone)."""
    if "effort" not in raw:
        minutes = raw["effort_minutes"]
        if not isinstance(minutes, int) or minutes <= 0:
            return {}, ["effort_minutes doit être un entier positif"]
        return {p: Effort(minutes, Autonomy.ALONE) for p in platforms}, []
    table = raw["effort"]
    if not isinstance(table, dict) or set(table) != platforms:
        return {}, ["« effort » doit donner une entrée par système de « remediation »"]
    efforts, problems = {}, []
    for platform, entry in table.items():
        minutes = entry.get("minutes") if isinstance(entry, dict) else None
        who = entry.get("qui") if isinstance(entry, dict) else None
        ask = entry.get("demander") if isinstance(entry, dict) else None
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            problems.append(f"effort {platform} : « minutes » doit être un entier positif")
            continue
        if who not in {a.value for a in Autonomy} or set(entry) - {"minutes", "qui", "demander"}:
            problems.append(f"effort {platform} : « qui » vaut seul ou aide")
            continue
        needs_help = Autonomy(who) is Autonomy.WITH_HELP
        if needs_help != (isinstance(ask, str) and bool(ask.strip())) or (ask and len(ask) > MAX_TEXT):
            problems.append(f"effort {platform} : « demander » (quoi demander et pourquoi) va avec qui = aide, et seulement avec lui")
            continue
        efforts[platform] = Effort(minutes, Autonomy(who), " ".join(ask.split()) if ask else None)
    return efforts, problems


def check_ids() -> list[str]:
    """Every check folder name, sorted."""
    import gardien.checks

    return sorted(m.name for m in pkgutil.iter_modules(gardien.checks.__path__) if m.ispkg)


def passed_title(check_id: str, title: str) -> str:
    """How a passed point is listed: the good state measured, when the title names the danger (`en_place`; review
    r24: « Logiciels de prise en main à distance » under « En ordre » read as "you have one, and that is fine")."""
    meta = next((spec.meta for spec in discover() if spec.id == check_id), None)
    return meta.in_place if meta is not None and meta.in_place else title


@cache
def discover() -> tuple[CheckSpec, ...]:
    """Load every check, ordered by theme then by decreasing severity then by id."""
    specs = []
    for check_id in check_ids():
        text = resources.files(f"gardien.checks.{check_id}").joinpath("check.fr.toml").read_text(encoding="utf-8")
        meta = load_meta(check_id, text)
        module = importlib.import_module(f"gardien.checks.{check_id}.check")
        functions = {p: getattr(module, p) for p in PLATFORMS if callable(getattr(module, p, None))}
        if set(functions) != set(meta.platforms):
            raise MetadataError(
                f"{check_id}: les fonctions {sorted(functions)} ne correspondent pas aux remédiations {sorted(meta.platforms)}"
            )
        specs.append(CheckSpec(meta, functions))
    order = list(themes())
    return tuple(sorted(specs, key=lambda s: (order.index(s.meta.theme), -s.meta.severity.rank, s.id)))
