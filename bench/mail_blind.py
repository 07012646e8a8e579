"""Count a batch of French mail texts written blind (`leurres.toml`, `honnetes.toml` in FOLDER): how many lures and
honest texts Gardien flags, even and odd entries apart (the odd ones are never read: counted only).

    .venv/bin/python bench/mail_blind.py bench/data/courriels_aveugles16
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from gardien.mail.analyze import analyse
from gardien.mail.pasted import parse_text

FLAGGED = ("suspicious", "dangerous")


def main(folder: Path) -> None:
    for name in ("leurres.toml", "honnetes.toml"):
        entries = tomllib.loads((folder / name).read_text(encoding="utf-8"))["texte"]
        counts = {"pairs": [0, 0], "impairs": [0, 0]}
        for index, entry in enumerate(entries):
            half = counts["pairs" if index % 2 == 0 else "impairs"]
            half[0] += analyse(parse_text(entry["texte"])).verdict in FLAGGED
            half[1] += 1
        flagged = sum(c[0] for c in counts.values())
        print(f"{name} : {flagged} sur {len(entries)} suspects ou dangereux ("
              + ", ".join(f"{half} {c[0]} sur {c[1]}" for half, c in counts.items()) + ")")


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage : bench/mail_blind.py DOSSIER (qui contient leurres.toml et honnetes.toml)")
    main(Path(sys.argv[1]))
