"""The instructions that go with an encrypted copy, with their sources: one text for the command and the web page."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import MetadataError, sources
from gardien.envoi.package import Mode, Sealed


@dataclass(frozen=True)
class Advice:
    text: str
    sources: tuple[Source, ...]


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


def instructions(sealed: Sealed, file_name: str) -> Instructions:
    raw = _raw()
    return Instructions(
        steps=tuple(_advice(step, file_name) for step in raw["etapes"]),
        reading=raw["lecture"][Mode.ATTACHED.value if sealed.mode is Mode.ATTACHED else Mode.PAGES.value],
        advice=tuple(_advice(tip, file_name) for tip in raw["conseils"]),
    )
