"""Pseudonymise a text: find identifiers, resolve overlaps, give each person and each value one consistent
placeholder ([PATIENT_1], [MEDECIN_1], [DATE_2]...), and keep offsets in the original text."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from gardien.pseudonym import names, rules
from gardien.pseudonym.dates import age_on, parse_date, relative, shifted

# When two findings overlap, the first label of this list wins (then the longer span).
PRIORITY = ["EMAIL", "URL", "IBAN", "NIR", "TEL", "RPPS", "ADELI", "FINESS", "IPP", "NDA", "DOSSIER", "DATE_NAISSANCE",
            "DATE", "AGE", "ADRESSE", "CODE_POSTAL", "ETABLISSEMENT", "PATIENT", "MEDECIN", "PERSONNE", "VILLE", "LIEU"]
PERSON_LABELS = ("PATIENT", "MEDECIN", "PERSONNE")
IGNORED_PLACES = {"france", "europe", "union europeenne", "etats-unis"}
# the model's "places" that are institutions ("Cour de cassation", "High Court"): they name no patient
INSTITUTIONS = {"cour", "high", "tribunal", "conseil", "commission", "palais", "procureur", "greffe", "ministere", "chambre",
                "parlement", "gouvernement", "assemblee", "senat", "parquet", "prefecture"}


LABEL_NAMES = {  # for the summary shown to the user
    "PATIENT": "patient(s)", "MEDECIN": "médecin(s)", "PERSONNE": "personne(s)", "DATE": "date(s)",
    "DATE_NAISSANCE": "date(s) de naissance", "TEL": "téléphone(s)", "EMAIL": "adresse(s) e-mail", "NIR": "NIR",
    "ADRESSE": "adresse(s)", "VILLE": "ville(s)", "LIEU": "lieu(x)", "CODE_POSTAL": "code(s) postal(aux)",
    "ETABLISSEMENT": "établissement(s)", "IPP": "IPP", "NDA": "NDA", "DOSSIER": "numéro(s) de dossier",
    "RPPS": "RPPS", "ADELI": "ADELI", "FINESS": "FINESS", "IBAN": "IBAN", "URL": "lien(s)", "AGE": "âge(s) de plus de 89 ans",
}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    replacement: str


@dataclass
class Result:
    text: str
    entities: list[Entity]
    mapping: dict[str, str]  # placeholder -> original text
    date_offset_days: int | None = None

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entity in self.entities:
            counts[entity.label] = counts.get(entity.label, 0) + 1
        return counts

    def summary_sentence(self) -> str:
        found = ", ".join(f"{count} {LABEL_NAMES.get(label, label)}" for label, count in sorted(self.summary().items()))
        return f"Remplacé : {found or 'rien trouvé'}."


@dataclass
class Options:
    patient_names: list[str] = field(default_factory=list)  # always caught, as [PATIENT_1]
    dates: str = "balises"  # "balises", "decaler" (one secret offset) or "relatif" (J0, J+3)
    use_model: bool = True


def _candidates(text: str, options: Options) -> list[tuple[int, int, str, tuple[str, ...]]]:
    found = [(f.start, f.end, f.label, ()) for f in rules.find(text)]
    doc = names.nlp()(_for_model(text)) if options.use_model else None
    typed = _patient_words(options)
    for span in names.find(text, doc):
        # a detected name holding the typed patient name is the patient's whole name ("Mme Ginette Lavignac")
        role = "PATIENT" if typed & {names.plain(w) for w in span.words} else span.role
        found.append((span.start, span.end, role, span.words))
    for full_name in options.patient_names:
        for word in re.findall(r"[\w'’-]{2,}", full_name):
            for m in re.finditer(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.I):
                found.append((m.start(), m.end(), "PATIENT", (m.group(0),)))
    if doc is not None:
        for entity in doc.ents:
            words = entity.text.split()
            if (entity.label_ == "LOC" and names.plain(entity.text) not in IGNORED_PLACES
                    and names.plain(words[0]) not in INSTITUTIONS
                    and (len(words) > 1 or names.plain(entity.text) not in names.common_words() | names.NOT_NAMES)
                    and not entity.text.isupper()):
                found.append((entity.start_char, entity.end_char, "LIEU", ()))
    return found


PERSON_LABELS = {"PATIENT", "MEDECIN", "PERSONNE"}


NUMBER_RUN = re.compile(r"\d[\d \t./:-]{2,}\d")


def _for_model(text: str) -> str:
    """The text the model reads: each run of digits (phone numbers, NIR, lab values) shrunk to one digit and
    spaces, same length so every offset holds. The rules find those numbers; spelled out, they took a third of
    the model's time, and the single digit keeps the context the model uses ("Renard Monique 0")."""
    return NUMBER_RUN.sub(lambda m: "0" + " " * (len(m.group(0)) - 1), text)


def _patient_words(options: Options) -> set[str]:
    return {names.plain(w) for n in options.patient_names for w in re.findall(r"[\w'’-]{2,}", n)}


def _resolve(found: list[tuple[int, int, str, tuple[str, ...]]]) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Keep non-overlapping findings, the most specific label first, then the longest.

    Two overlapping person names are merged rather than one dropped: the model's "M. GAFFORY" inside the rules'
    "M. GAFFORY MARIE JEANNE" must not leave "MARIE" in the text.
    """
    ordered = sorted(found, key=lambda f: (PRIORITY.index(f[2]), -(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str, tuple[str, ...]]] = []
    for candidate in ordered:
        overlapping = [k for k in kept if not (candidate[1] <= k[0] or candidate[0] >= k[1])]
        if not overlapping:
            kept.append(candidate)
        elif len(overlapping) == 1 and {candidate[2], overlapping[0][2]} <= PERSON_LABELS:
            known = overlapping[0]
            merged = (min(known[0], candidate[0]), max(known[1], candidate[1]), known[2], tuple(dict.fromkeys(known[3] + candidate[3])))
            if all(k is known or merged[1] <= k[0] or merged[0] >= k[1] for k in kept):
                kept[kept.index(known)] = merged
    return sorted(kept)


class _People:
    """Clusters of name words: the same person keeps one placeholder (full name, surname, first name, initial)."""

    def __init__(self) -> None:
        self.clusters: list[dict] = []  # {"words": set, "role": str, "id": str}
        self.counters: dict[str, int] = {}

    def placeholder(self, words: tuple[str, ...], role: str, patient: bool) -> str:
        keys = {names.plain(w) for w in words if len(names.plain(w)) >= 2 and names.plain(w) not in names.PARTICLES}
        initials = {names.plain(w)[0] for w in words if re.fullmatch(r"[A-ZÉÈ]\.", w)}
        role = "PATIENT" if patient else role
        match = next((c for c in self.clusters if keys & c["words"]), None)
        if match is None and initials and not keys:
            candidates = [c for c in self.clusters if any(k[0] in initials for k in c["words"])]
            match = candidates[0] if len(candidates) == 1 else None
        if match is None:
            self.counters[role] = self.counters.get(role, 0) + 1
            match = {"words": set(), "role": role, "id": f"[{role}_{self.counters[role]}]"}
            self.clusters.append(match)
        match["words"] |= keys
        return match["id"]


def pseudonymise(text: str, options: Options | None = None, today: date | None = None) -> Result:
    options = options or Options()
    kept = _resolve(_candidates(text, options))
    patient_words = _patient_words(options)
    people = _People()
    values: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    # J0 is the first date of care, never a date of birth; ages are counted on the latest date of the text
    care_dates = [d for s, e, label, _ in kept if label == "DATE" and (d := parse_date(text[s:e]))]
    reference = min(care_dates) if care_dates else None
    latest = max(care_dates) if care_dates else (today or date.today())
    offset = secrets.choice([d for d in range(-365, 366) if abs(d) >= 30]) if options.dates == "decaler" else None
    entities, pieces, mapping, cursor = [], [], {}, 0
    for start, end, label, words in kept:
        original = text[start:end]
        if label in PERSON_LABELS:
            is_patient = bool({names.plain(w) for w in words} & patient_words)
            replacement = people.placeholder(words or (original,), label, is_patient)
            label = replacement.strip("[]").rsplit("_", 1)[0]
        else:
            replacement = _replacement(label, original, options, offset, reference, latest, values, counters)
        if replacement.startswith("["):
            mapping.setdefault(replacement, original)
        entities.append(Entity(start, end, label, replacement))
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return Result("".join(pieces), entities, mapping, offset)


def _replacement(label: str, original: str, options: Options, offset: int | None, reference: date | None, latest: date,
                 values: dict[tuple[str, str], str], counters: dict[str, int]) -> str:
    if label in ("DATE", "DATE_NAISSANCE"):
        when = parse_date(original)
        if when and label == "DATE_NAISSANCE":
            return f"[{age_on(when, latest)} ans]"
        if when and options.dates == "decaler" and offset is not None:
            return shifted(original, when, timedelta(days=offset))
        if when and options.dates == "relatif" and reference is not None:
            return relative(when, reference)
    if label == "AGE":
        return "[plus de 89 ans]"
    key = (label, re.sub(r"[\s.-]", "", original.lower()))
    if key not in values:
        counters[label] = counters.get(label, 0) + 1
        values[key] = f"[{label}_{counters[label]}]"
    return values[key]
