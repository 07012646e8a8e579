"""The advice screens (conseils.fr.toml), with their sources from the shared catalogue."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import sources
from gardien.registre.breaches import with_cnil_delay


@dataclass(frozen=True)
class Topic:
    title: str
    paragraphs: tuple[str, ...]
    sources: tuple[Source, ...]


@cache
def topics() -> dict[str, Topic]:
    raw = tomllib.loads(with_cnil_delay(resources.files("gardien.passwords").joinpath("conseils.fr.toml").read_text(encoding="utf-8")))
    catalogue = sources()
    return {
        key: Topic(value["titre"], tuple(value["texte"]), tuple(catalogue[s] for s in value["sources"]))
        for key, value in raw.items()
    }
