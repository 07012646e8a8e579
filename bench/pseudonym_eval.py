"""Shared scoring of the pseudonymiser benchmark: token-level precision and recall per label on ../shared/corpus/deid.

A gold token counts as found when a predicted span of a compatible class covers it; a predicted token is
correct when it lies inside any gold span. Person names are scored on their name words only (titles like
"M." or "Mme", inside or beside the spans, and elided words like the "d" of "d’Anita", are left out; places too
are scored without their elided article, the "d" of "Université d’Essex"); dates
without the article the ECHR puts in them (« le » of « le 5 mars 2015 »). The ECHR file is tokenised; its text is rebuilt with French
typographic spacing (see _spaced) so that the tools read ordinary French rather than "M . Dupont".
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "deid"
HELD_OUT = Path(__file__).resolve().parent / "data" / "lettres_manuscrites.txt"
MARKUP = re.compile(r"\{([A-Z_]+):([^{}]*)\}")
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
        "ADRESSE": "adresse", "ETABLISSEMENT": "etablissement", "PAYS": "lieu", "IPP": "numero", "NDA": "numero", "DOSSIER": "numero",
        "RPPS": "numero", "ADELI": "numero", "FINESS": "numero", "IBAN": "numero", "URL": "mail", "AGE": "date"}


def half(key: str) -> str:
    """The fixed split of a corpus: "reglage" (tuning) or "controle" (control), from a hash of the document's key
    (eds-pseudo's note_id, an ECHR segment's own text). Rules are tuned on the first half only."""
    return "reglage" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "controle"


def eds_documents(part: str | None = None) -> list[tuple[str, list[tuple[int, int, str]]]]:
    docs = []
    with (CORPUS / "eds-pseudo-gen-train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if part is None or half(row["note_id"]) == part:
                docs.append((row["note_text"], [(e["start"], e["end"], e["label"]) for e in row["entities"]]))
    return docs


def held_out_documents(path: Path = HELD_OUT) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Hand-written fictitious letters (eds-pseudo labels, {LABEL:text} markup, one « === title » line before each):
    bench/data's by default. {MED:text} marks a medical term that must stay visible; it is no identifier (EDS maps
    no class to it), so masking it counts against precision."""
    docs = []
    chunks = re.split(r"^=== .*\n", path.read_text(encoding="utf-8"), flags=re.M)[1:]
    for chunk in chunks:
        text, spans, cursor = "", [], 0
        for m in MARKUP.finditer(chunk):
            text += chunk[cursor:m.start()]
            spans.append((len(text), len(text) + len(m.group(2)), m.group(1)))
            text += m.group(2)
            cursor = m.end()
        docs.append((text + chunk[cursor:], spans))
    return docs


def echr_documents(part: str | None = None) -> list[tuple[str, list[tuple[int, int, str]]]]:
    docs = [d for d in _echr_all() if part is None or half(d[0]) == part]
    return docs


def _echr_all() -> list[tuple[str, list[tuple[int, int, str]]]]:
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


DATE_ARTICLES = {"le", "les", "la", "l", "du", "au", "et"}  # « le 5 mars 2015 »: the ECHR puts the article in the date


def _not_a_name_word(text: str, token: re.Match) -> bool:
    """A title, or an elided article (« d’ » of « fils d’Anita », of « Université d’Essex »): neither leaks anything."""
    word = token.group(0).lower()
    return word in TITLE_TOKENS or (word in ELISIONS and text[token.end():token.end() + 1] in ("'", "’"))


def score(documents, gold_map, predict, misses: list | None = None) -> dict:
    """predict(text) -> [(start, end, our_label)]. Returns per-class counts. `misses` (tuning half only) collects
    (kind, class, token, context) for reading what the rules miss or mask wrongly."""
    stats: dict[str, dict[str, int]] = {}
    for text, gold in documents:
        predicted = [(s, e, OURS.get(label, "autre")) for s, e, label in predict(text)]
        for match in TOKEN.finditer(text):
            a, b = match.span()
            gold_class = next((gold_map.get(label) for s, e, label in gold if s <= a and b <= e), None)
            pred_class = next((c for s, e, c in predicted if s <= a and b <= e), None)
            if gold_class in ("personne", "lieu") and _not_a_name_word(text, match):
                continue
            if gold_class == "date" and match.group(0).lower() in DATE_ARTICLES:
                continue
            if gold_class is None and pred_class == "personne" and match.group(0).lower() in TITLE_TOKENS:
                continue  # « M. » masked with the name it announces: neither a leak nor a loss
            if gold_class is None and pred_class == "date" and match.group(0).lower() in DATE_ARTICLES:
                continue  # « née le 12/03/1991 » → « née [il y a 35 ans] »: the article goes with the date, as above
            if gold_class:
                entry = stats.setdefault(gold_class, {"gold": 0, "found": 0, "predicted": 0, "correct": 0})
                entry["gold"] += 1
                entry["found"] += pred_class is not None
                if misses is not None and pred_class is None:
                    misses.append(("manqué", gold_class, match.group(0), text[max(0, a - 50):b + 50]))
            if pred_class:
                entry = stats.setdefault(pred_class, {"gold": 0, "found": 0, "predicted": 0, "correct": 0})
                entry["predicted"] += 1
                entry["correct"] += gold_class is not None
                if misses is not None and gold_class is None:
                    misses.append(("en trop", pred_class, match.group(0), text[max(0, a - 50):b + 50]))
    return stats


def medical_spans_masked(documents, predict) -> tuple[int, list[tuple[str, str]]]:
    """The {MED:…} spans of hand-written letters: (how many, those of which a word was masked, with their context)."""
    total, masked = 0, []
    for text, gold in documents:
        predicted = predict(text)
        for s, e, label in gold:
            if label != "MED":
                continue
            total += 1
            words = [t.span() for t in TOKEN.finditer(text, s, e)]
            if any(ps < b and a < pe for a, b in words for ps, pe, _ in predicted):
                masked.append((text[s:e], text[max(0, s - 40):e + 40]))
    return total, masked


def medical_terms() -> dict[str, list[str]]:
    """The bench's list of medical terms, built from the pseudonymiser's terminology files (drug names and CIM-10
    categories from edsnlp, the lab-test list): a sample of each, in the case a letter writes it."""
    from importlib import resources

    data = resources.files("gardien.pseudonym.data")
    drugs = data.joinpath("medicaments.txt").read_text(encoding="utf-8").split("\n")
    diseases = data.joinpath("maladies.txt").read_text(encoding="utf-8").split("\n")
    labs = [line for line in data.joinpath("analyses.txt").read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")]
    single_drugs = [d for d in drugs if d and " " not in d and d.isalpha() and len(d) >= 4]
    return {
        # one in three single-word drug names, as prescriptions write them: capitalised and in capitals
        "médicament": [d.capitalize() for d in single_drugs[::3]] + [d.upper() for d in single_drugs[1::3]],
        "maladie": [d for d in diseases if d],
        "analyse": labs,
    }


TEMPLATES = {
    "médicament": ("Traitement de sortie : {} 20 mg matin et soir.", "{} 420mg : 1 gélule par jour"),
    "maladie": ("Antécédents : {}.", "Elle est suivie pour {} depuis 2019."),
    "analyse": ("{} : 1,2 mmol/L", "Bilan du jour : {} normal."),
}


def medical_masked(predict) -> dict[str, tuple[int, int, list[str]]]:
    """For each kind, (terms, terms of which a word was masked in at least one sentence, examples)."""
    report = {}
    for kind, terms in medical_terms().items():
        masked = []
        for term in terms:
            for template in TEMPLATES[kind]:
                text = template.format(term)
                start = template.index("{}")
                if any(s < start + len(term) and e > start for s, e, _ in predict(text)):
                    masked.append(term)
                    break
        report[kind] = (len(terms), len(masked), masked[:15])
    return report


# The ECHR's « LOC » mixes countries, towns, regions and buildings; its annotations do not say which. Each gold span
# is sorted here by what it holds, so that town recall can be told apart from the rest.
BUILDING = re.compile(r"\d|\b(?:palais|galeries?|ar[èe]ne|street|road|avenue|rue|centre|prison|[ée]glise|maison|b[âa]timent|h[ôo]pital)\b", re.I)
STATE = re.compile(r"\b(?:cet|l['’]|un|cette|chaque)\s*[EÉ]tat\b|\b(?:partie|r[ée]gion)\s", re.I)


def place_kind(span: str) -> str:
    from gardien.pseudonym import places

    if BUILDING.search(span):
        return "bâtiment ou adresse"
    if STATE.search(span) or any(label == "PAYS" for *_, label, _ in places.named(span)):
        return "pays ou partie d'un pays"
    return "ville ou région"


def place_recall(documents, predict) -> dict[str, tuple[int, int]]:
    """For each kind of gold « LOC » span: (tokens, tokens masked)."""
    counts: dict[str, list[int]] = {}
    for text, gold in documents:
        predicted = predict(text)
        for s, e, label in gold:
            if label != "LOC":
                continue
            entry = counts.setdefault(place_kind(text[s:e]), [0, 0])
            for token in TOKEN.finditer(text, s, e):
                if _not_a_name_word(text, token):
                    continue  # the elided article of « d’Essex », as in score()
                entry[0] += 1
                entry[1] += any(ps <= token.start() and token.end() <= pe for ps, pe, _ in predicted)
    return {kind: (total, found) for kind, (total, found) in sorted(counts.items())}
