"""Shared scoring of the pseudonymiser benchmark: token-level precision and recall per label on ../shared/corpus/deid.

A gold token counts as found when a predicted span of a compatible class covers it; a predicted token is
correct when it lies inside any gold span. Person names are scored on their name words only (titles like
"M." or "Mme" inside the ECHR spans, and elided words like the "d" of "d’Anita", are left out). The ECHR file is tokenised; its text is rebuilt with French
typographic spacing (see _spaced) so that the tools read ordinary French rather than "M . Dupont".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "deid"
TOKEN = re.compile(r"\w+", re.UNICODE)
TITLE_TOKENS = {"m", "mm", "mme", "mmes", "mlle", "sir", "lord", "dr", "pr", "me", "mes", "madame", "monsieur", "mademoiselle"}
ELISIONS = {"d", "qu", "l"}  # "fils d’Anita": the elided word before a name is not part of the name
# gold label -> our compatible classes
EDS = {"NOM": "personne", "PRENOM": "personne", "TEL": "tel", "MAIL": "mail", "SECU": "nir", "DATE": "date",
       "DATE_NAISSANCE": "date", "VILLE": "lieu", "ZIP": "code_postal", "ADRESSE": "adresse", "HOPITAL": "etablissement",
       "IPP": "numero", "NDA": "numero"}
ECHR = {"PER": "personne", "LEGAL_PROFESSIONAL": "personne", "DATE": "date", "LOC": "lieu", "ORG": "etablissement", "CODE": "numero"}
OURS = {"PATIENT": "personne", "MEDECIN": "personne", "PERSONNE": "personne", "TEL": "tel", "EMAIL": "mail", "NIR": "nir",
        "DATE": "date", "DATE_NAISSANCE": "date", "VILLE": "lieu", "LIEU": "lieu", "CODE_POSTAL": "code_postal",
        "ADRESSE": "adresse", "ETABLISSEMENT": "etablissement", "IPP": "numero", "NDA": "numero", "DOSSIER": "numero",
        "RPPS": "numero", "ADELI": "numero", "FINESS": "numero", "IBAN": "numero", "URL": "mail", "AGE": "date"}


def eds_documents() -> list[tuple[str, list[tuple[int, int, str]]]]:
    docs = []
    with (CORPUS / "eds-pseudo-gen-train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            docs.append((row["note_text"], [(e["start"], e["end"], e["label"]) for e in row["entities"]]))
    return docs


def echr_documents() -> list[tuple[str, list[tuple[int, int, str]]]]:
    docs, tokens = [], []
    lines = (CORPUS / "echr-fr-train.tsv").read_text(encoding="utf-8").split("\n")
    for line in [*lines, ""]:
        if not line.strip():
            if tokens:
                text, spans, current = "", [], None
                previous = None
                for word, tag in tokens:
                    gap = " " if text and _spaced(previous, word) else ""
                    start = len(text) + len(gap)
                    text = f"{text}{gap}{word}"
                    previous = word
                    if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                        current = [start, len(text), tag[2:]]
                        spans.append(current)
                    elif tag.startswith("I-") and current is not None:
                        current[1] = len(text)
                    else:
                        current = None
                docs.append((text, [tuple(s) for s in spans]))
                tokens = []
            continue
        parts = line.rsplit(" ", 1)
        if len(parts) == 2:
            tokens.append((parts[0], parts[1]))
    return docs


NO_SPACE_BEFORE = {".", ",", ")", "]", "’", "'", "-", "…"}
NO_SPACE_AFTER = {"(", "[", "’", "'", "-"}


def _spaced(previous: str | None, word: str) -> bool:
    """The TSV is tokenised ("M . Dupont", "l ' affaire"): the text is rebuilt with French typographic spacing
    ("M. Dupont", "l'affaire"), keeping the space before ; : ! ? as French does. Gold offsets follow."""
    return previous not in NO_SPACE_AFTER and word not in NO_SPACE_BEFORE


def _not_a_name_word(text: str, token: re.Match) -> bool:
    word = token.group(0).lower()
    return word in TITLE_TOKENS or (word in ELISIONS and text[token.end():token.end() + 1] in ("'", "’"))


def score(documents, gold_map, predict) -> dict:
    """predict(text) -> [(start, end, our_label)]. Returns per-class counts and the characters processed."""
    stats: dict[str, dict[str, int]] = {}
    for text, gold in documents:
        predicted = [(s, e, OURS.get(label, "autre")) for s, e, label in predict(text)]
        for match in TOKEN.finditer(text):
            a, b = match.span()
            gold_class = next((gold_map.get(label) for s, e, label in gold if s <= a and b <= e), None)
            pred_class = next((c for s, e, c in predicted if s <= a and b <= e), None)
            if gold_class == "personne" and _not_a_name_word(text, match):
                continue
            if gold_class:
                entry = stats.setdefault(gold_class, {"gold": 0, "found": 0, "predicted": 0, "correct": 0})
                entry["gold"] += 1
                entry["found"] += pred_class is not None
            if pred_class:
                entry = stats.setdefault(pred_class, {"gold": 0, "found": 0, "predicted": 0, "correct": 0})
                entry["predicted"] += 1
                entry["correct"] += gold_class is not None
    return stats
