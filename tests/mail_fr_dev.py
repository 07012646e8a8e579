"""The hand-written French development set of the mail analyser (tests/data/mail_fr/, issue 16): French lures and
honest French texts that share their vocabulary, every one written for Gardien's tests (no corpus text).

The split is fixed by position: every third entry of each file (index 2, 5, 8…) is held out — it is never used to
write or tune a rule, only measured at the end (bench/mail.py prints precision and recall on it). The others are the
development part: rules are written against them, and scripts/fit_mail_weights.py weighs the signals on them beside
the tuning halves of the corpora. The probes (sondes.toml) were written fresh in rounds 7 to 13 and measured before
rules were written against them (see its header), so none of them is held out.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "data" / "mail_fr"
HELD_OUT_EVERY = 3


@dataclass(frozen=True)
class Text:
    index: int
    lure: bool
    family: str
    register: str
    text: str
    probe: bool = False
    blind: bool = False  # written by someone who did not know the rules (sondes.toml, batches 7 to 16)

    @property
    def held_out(self) -> bool:
        return not self.probe and self.index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1

    @property
    def name(self) -> str:
        kind = "aveugle" if self.blind else "sonde" if self.probe else ""
        return f"{kind}{'leurre' if self.lure else 'honnete'}-{self.index:03d}"


def load() -> list[Text]:
    texts = []
    for file, lure in (("leurres.toml", True), ("honnetes.toml", False)):
        entries = tomllib.loads((FOLDER / file).read_text(encoding="utf-8"))["texte"]
        texts += [Text(i, lure, e["famille"], e.get("registre", ""), e["texte"]) for i, e in enumerate(entries)]
    probes = tomllib.loads((FOLDER / "sondes.toml").read_text(encoding="utf-8"))["texte"]
    texts += [Text(i, e["leurre"], e["famille"], e.get("registre", ""), e["texte"], probe=True, blind=e.get("aveugle", False))
              for i, e in enumerate(probes)]
    return texts


def development() -> list[Text]:
    return [t for t in load() if not t.held_out]


def held_out() -> list[Text]:
    return [t for t in load() if t.held_out]
