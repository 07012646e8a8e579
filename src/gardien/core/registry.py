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
from gardien.core.model import Severity, Source

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
    effort_minutes: int
    why: str
    risk: str
    remediation: dict[str, tuple[str, ...]]  # platform -> steps
    sources: tuple[Source, ...]

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
    return tomllib.loads(resources.files("gardien.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def themes() -> dict[str, str]:
    """Theme id -> French title, in display order."""
    return {key: value["titre"] for key, value in _data(THEMES_FILE).items()}


@cache
def sources() -> dict[str, Source]:
    """Reference id (as in references.md) -> Source."""
    return {
        key: Source(key, value["libelle"], value.get("url", ""), bool(value["verifie"]))
        for key, value in _data(SOURCES_FILE).items()
    }


def load_meta(check_id: str, text: str) -> CheckMeta:
    """Parse and validate one check.fr.toml; raises MetadataError with the reason."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{check_id}: TOML invalide ({exc})") from exc
    problems = []
    for key in ("titre", "theme", "gravite", "effort_minutes", "pourquoi", "risque", "sources", "remediation"):
        if key not in raw:
            problems.append(f"clé « {key} » absente")
    if problems:
        raise MetadataError(f"{check_id}: " + ", ".join(problems))
    if raw["theme"] not in themes():
        problems.append(f"thème inconnu {raw['theme']!r}")
    if raw["gravite"] not in {s.value for s in Severity}:
        problems.append(f"gravité inconnue {raw['gravite']!r}")
    if len(raw["titre"]) > MAX_TITLE:
        problems.append(f"titre de plus de {MAX_TITLE} caractères")
    for key in ("pourquoi", "risque"):
        if not raw[key].strip() or len(raw[key]) > MAX_TEXT:
            problems.append(f"« {key} » vide ou de plus de {MAX_TEXT} caractères")
    unknown_sources = [s for s in raw["sources"] if s not in sources()]
    if unknown_sources or not raw["sources"]:
        problems.append(f"sources absentes ou inconnues : {unknown_sources}")
    remediation = raw["remediation"]
    if not remediation or set(remediation) - set(PLATFORMS):
        problems.append("remediation doit avoir des clés parmi linux, macos, windows")
    if any(not steps or not all(isinstance(s, str) and s.strip() for s in steps) for steps in remediation.values()):
        problems.append("chaque plateforme doit avoir au moins une étape non vide")
    if not isinstance(raw["effort_minutes"], int) or raw["effort_minutes"] <= 0:
        problems.append("effort_minutes doit être un entier positif")
    if problems:
        raise MetadataError(f"{check_id}: " + ", ".join(problems))
    return CheckMeta(
        id=check_id,
        title=raw["titre"],
        theme=raw["theme"],
        severity=Severity(raw["gravite"]),
        effort_minutes=raw["effort_minutes"],
        why=" ".join(raw["pourquoi"].split()),  # TOML multi-line strings: one paragraph
        risk=" ".join(raw["risque"].split()),
        remediation={p: tuple(remediation[p]) for p in PLATFORMS if p in remediation},
        sources=tuple(sources()[s] for s in raw["sources"]),
    )


def check_ids() -> list[str]:
    """Every check folder name, sorted."""
    import gardien.checks

    return sorted(m.name for m in pkgutil.iter_modules(gardien.checks.__path__) if m.ispkg)


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
