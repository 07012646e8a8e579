"""Recognise known programs by name (data/logiciels.toml), for the checks that look at installed software."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _patterns() -> dict[str, tuple[str, re.Pattern[str]]]:
    data = tomllib.loads(resources.files("gardien.data").joinpath("logiciels.toml").read_text(encoding="utf-8"))
    compiled = {}
    for category, entry in data.items():
        alternatives = "|".join(re.escape(_normalise(m)) for m in sorted(entry["motifs"], key=len, reverse=True))
        compiled[category] = (entry["libelle"], re.compile(rf"(?<![\w]){'(?:' + alternatives + ')'}(?![\w])"))
    return compiled


def label(category: str) -> str:
    """The French description of a category."""
    return _patterns()[category][0]


def matching(names: Iterable[str], category: str) -> list[str]:
    """The program names of `names` that belong to `category`, deduplicated, sorted."""
    pattern = _patterns()[category][1]
    found = {name.strip() for name in names if name.strip() and pattern.search(_normalise(name))}
    return sorted(found, key=str.lower)
