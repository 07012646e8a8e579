"""The instructions that go with an encrypted copy, with their sources: one text for the command and the web page."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import MetadataError, sources
from gardien.envoi.package import Mode, Sealed

# a source the step just before cites already: named by this, not printed a second time in a row
SAME_AS_ABOVE = "la même qu'à l'étape précédente"


@dataclass(frozen=True)
class Advice:
    text: str
    sources: tuple[Source, ...]
    said_above: tuple[Source, ...] = ()  # of `sources`, those the step just before cites too

    @property
    def new_sources(self) -> tuple[Source, ...]:
        """The sources to print under this step: those the step just before did not print already."""
        return tuple(s for s in self.sources if s not in self.said_above)


@dataclass(frozen=True)
class Instructions:
    steps: tuple[Advice, ...]  # what to do, in order
    reading: str  # how the recipient opens it
    advice: tuple[Advice, ...]  # good to know


@cache
def _raw() -> dict:
    return tomllib.loads(resources.files("gardien.envoi").joinpath("consignes.fr.toml").read_text(encoding="utf-8"))


def _advice(raw: dict, file_name: str) -> Advice:
    known = sources()
    unknown = [s for s in raw["sources"] if s not in known]
    if unknown:
        raise MetadataError(f"envoi : sources inconnues {unknown}")
    return Advice(raw["texte"].replace("{fichier}", file_name), tuple(known[s] for s in raw["sources"]))


def _not_repeated(steps: list[Advice]) -> tuple[Advice, ...]:
    """Each step with the sources it shares with the step just before marked said above (walkthrough round 14: the
    same CNIL line printed under two steps in a row)."""
    return tuple(replace(step, said_above=tuple(s for s in step.sources if s in steps[n - 1].sources)) if n else step
                 for n, step in enumerate(steps))


def instructions(sealed: Sealed, file_name: str) -> Instructions:
    raw = _raw()
    return Instructions(
        steps=_not_repeated([_advice(step, file_name) for step in raw["etapes"]]),
        reading=raw["lecture"][Mode.ATTACHED.value if sealed.mode is Mode.ATTACHED else Mode.PAGES.value],
        advice=tuple(_advice(tip, file_name) for tip in raw["conseils"]),
    )
