"""« Repérez le piège »: how much of each message's teaching the mail analyser confirms, and how many real French
phishing texts of ../shared/corpus can be used as exercises (the analyser must place at least one clue in them).

No peer tool: this measures Gardien's two sources of clues against each other — the clues written with each
message (the teaching) and the analyser's findings placed on the same zones. A written clue the analyser does not
confirm is not wrong; it is what a person must see that the analyser cannot (urgency in context, a RIB change, a
request for a code…). Run: `.venv/bin/python bench/formation.py`.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from gardien.formation import clues, mails

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "mail"


def written_agreement() -> None:
    groups = confirmed = extra = 0
    verdicts: Counter[str] = Counter()
    missed_by_analyser: list[str] = []
    for mail in mails.written():
        if not mail.trap:
            continue
        result = clues.correct(mail, set())
        verdicts[result.reading.verdict] += 1
        for group in result.groups:
            origins = {c.origin for c in group.clues}
            if mails.ClueOrigin.EXERCISE in origins:
                groups += 1
                confirmed += mails.ClueOrigin.ANALYSER in origins
            else:
                extra += 1
        if result.reading.verdict == "safe":
            missed_by_analyser.append(mail.id)
    traps = sum(m.trap for m in mails.written())
    print("| Messages écrits pour l'exercice (pièges) | Indices écrits | … confirmés par l'analyseur | Indices en plus de l'analyseur |")
    print("|---|---|---|---|")
    print(f"| {traps} | {groups} | {confirmed} ({confirmed / groups:.0%}) | {extra} |")
    print()
    print("Verdicts de l'analyseur sur ces pièges : " + ", ".join(f"{k} {v}" for k, v in verdicts.most_common()))
    print("Pièges que l'analyseur juge « sans danger apparent » : " + (", ".join(missed_by_analyser) or "aucun"))
    honest = [m for m in mails.written() if not m.trap]
    print("Messages honnêtes : " + ", ".join(f"{m.id} → {clues.read(m).verdict}" for m in honest))


def corpus_usable() -> None:
    for name in ("phishing-fr-text", "phishing"):
        folder = CORPUS / name
        if not folder.is_dir():
            print(f"{folder} absent : mesure sautée.")
            continue
        start = time.perf_counter()
        files = mails.candidates((folder,))
        french = [m for m in (mails.folder_mail(p) for p in files) if m is not None]
        usable = [m for m in french if clues.correct(m, set()).total]
        elapsed = time.perf_counter() - start
        print(f"| {name} | {len(files)} | {len(french)} | {len(usable)} | {elapsed:.1f} s |")


if __name__ == "__main__":
    written_agreement()
    print()
    print("| Dossier du corpus | Fichiers | En français | Utilisables (un indice placé) | Temps |")
    print("|---|---|---|---|---|")
    corpus_usable()
