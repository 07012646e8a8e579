"""Pseudonymise a text: find identifiers, resolve overlaps, give each person and each value one consistent
placeholder ([PATIENT_1], [MEDECIN_1], [DATE_2]...), and keep offsets in the original text."""

from __future__ import annotations

import bisect
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from gardien.fr import plural
from gardien.pseudonym import medical, names, places, reidentify, rules
from gardien.pseudonym.dates import (
    age_words,
    in_year,
    parse_date,
    parse_day_month,
    relative,
    shifted,
    shifted_day_month,
    year_only,
)
from gardien.pseudonym.reidentify import placeholders_in

# When two findings overlap, the first label of this list wins (then the longer span).
PRIORITY = ["EMAIL", "URL", "IBAN", "NIR", "TEL", "RPPS", "ADELI", "FINESS", "IPP", "NDA", "DOSSIER", "DATE_NAISSANCE",
            "DATE", "AGE", "ADRESSE", "CODE_ACCES", "CODE_POSTAL", "ETABLISSEMENT", "PAYS", "VILLE", "PATIENT", "MEDECIN", "PERSONNE", "LIEU"]
PERSON_LABELS = {"PATIENT", "MEDECIN", "PERSONNE"}
PLACE_LABELS = {"PAYS", "VILLE", "LIEU"}
NUMBER_LABELS = {"NIR", "TEL", "RPPS", "ADELI", "FINESS", "IPP", "NDA", "DOSSIER", "DATE_NAISSANCE", "DATE", "AGE", "CODE_POSTAL",
                 "CODE_ACCES"}


LABEL_NAMES = {  # for the summary shown to the user: singular, plural
    "PATIENT": ("patient", "patients"), "MEDECIN": ("médecin", "médecins"), "PERSONNE": ("personne", "personnes"),
    "DATE": ("date", "dates"), "DATE_NAISSANCE": ("date de naissance", "dates de naissance"),
    "TEL": ("téléphone", "téléphones"), "EMAIL": ("adresse e-mail", "adresses e-mail"), "NIR": ("numéro de sécurité sociale", "numéros de sécurité sociale"),
    "ADRESSE": ("adresse", "adresses"), "VILLE": ("ville", "villes"), "PAYS": ("pays", "pays"), "LIEU": ("lieu", "lieux"),
    "CODE_POSTAL": ("code postal", "codes postaux"), "CODE_ACCES": ("code d'entrée", "codes d'entrée"), "ETABLISSEMENT": ("établissement", "établissements"),
    "IPP": ("IPP", "IPP"), "NDA": ("NDA", "NDA"), "DOSSIER": ("numéro de dossier", "numéros de dossier"),
    "RPPS": ("RPPS", "RPPS"), "ADELI": ("ADELI", "ADELI"), "FINESS": ("FINESS", "FINESS"), "IBAN": ("IBAN", "IBAN"),
    "URL": ("lien", "liens"), "AGE": ("âge de plus de 89 ans", "âges de plus de 89 ans"),
}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    replacement: str
    who: str = ""  # what it stands for: one patient named twice is one « who », whatever the words used


@dataclass
class Result:
    text: str
    entities: list[Entity]
    mapping: dict[str, str]  # placeholder -> original text
    date_offset_days: int | None = None

    def summary(self) -> dict[str, int]:
        """Distinct values replaced, per kind: « Mme Durand … Mme Durand » is one patient."""
        return {label: len(whos) for label, whos in self._whos().items()}

    def mentions(self) -> dict[str, int]:
        """Places in the text where a value of each kind was replaced."""
        counts: dict[str, int] = {}
        for entity in self.entities:
            counts[entity.label] = counts.get(entity.label, 0) + 1
        return counts

    def _whos(self) -> dict[str, set[str]]:
        whos: dict[str, set[str]] = {}
        for entity in self.entities:
            whos.setdefault(entity.label, set()).add(entity.who or entity.replacement)
        return whos

    def summary_sentence(self) -> str:
        """« Remplacé : 1 personne (2 mentions), 2 dates (3 mentions), 1 téléphone. »"""
        mentions = self.mentions()
        parts = []
        for label, count in sorted(self.summary().items()):
            part = plural(count, *LABEL_NAMES.get(label, (label, label)))
            if mentions[label] > count:
                part += f" ({plural(mentions[label], 'mention', 'mentions')})"
            parts.append(part)
        return f"Remplacé : {', '.join(parts) or 'rien trouvé'}."


@dataclass
class Options:
    patient_names: list[str] = field(default_factory=list)  # always caught, one [PATIENT_n] per patient
    dates: str = "balises"  # "balises", "decaler" (one secret offset) or "relatif" (J0, J+3)
    use_model: bool = True


class Candidate(NamedTuple):
    start: int
    end: int
    label: str
    words: tuple[str, ...] = ()
    evidence: bool = False  # for names and places: a title, a role, a place word or the typed name says so
    title: str = ""
    typed: bool = False  # holds a name the user typed (--nom): it becomes the patient whatever else reads it


def _candidates(text: str, options: Options) -> list[Candidate]:
    found = [Candidate(f.start, f.end, f.label, evidence=f.vouched) for f in rules.find(text)]
    doc = names.nlp()(_for_model(text)) if options.use_model else None
    typed = _patient_words(options)
    for span in names.find(text, doc):
        # a detected name holding the typed patient name is the patient's whole name ("Mme Ginette Lavignac")
        is_typed = bool(typed & {names.plain(w) for w in span.words})
        found.append(Candidate(span.start, span.end, "PATIENT" if is_typed else span.role, span.words, span.evidence or is_typed,
                               span.title, is_typed))
    found += _professional_initials(text)
    found += [Candidate(s, e, "ETABLISSEMENT", (), True) for s, e in _employers(text)]
    # the typed name in any case and with or without its accents (« LEFEVRE » for « Lefèvre »)
    plain_text = medical.folded(text) if options.patient_names else text
    for full_name in options.patient_names:
        surnames = _split_name(tuple(re.findall(r"[\w'’-]{2,}", full_name)), "")[1]
        for word in re.findall(r"[\w'’-]{2,}", full_name):
            for m in re.finditer(rf"(?<![\w]){re.escape(medical.folded(word))}(?![\w])", plain_text, re.I):
                found.append(Candidate(m.start(), m.end(), "PATIENT", (text[m.start():m.end()],), True, "", True))
                if names.plain(word) in surnames and (relative := _beside_typed_surname(text, m.start(), m.end(), typed)):
                    found.append(relative)
    found += [Candidate(s, e, "VILLE", (), vouched) for s, e, vouched in places.towns(text)]
    found += [Candidate(s, e, "VILLE", (), True) for s, e in places.institution_towns(text) + places.towns_after_titled_names(text)]
    found += [Candidate(s, e, label, (), vouched) for s, e, label, vouched in places.named(text)]
    establishments = [(c.start, c.end) for c in found if c.label == "ETABLISSEMENT"]
    found += [Candidate(s, e, "VILLE", (), True) for s, e in places.towns_after_establishments(text, establishments)]
    if doc is not None:
        for entity in doc.ents:
            if entity.label_ == "LOC" and (civility := rules.CIVILITY_WORD.search(entity.text)):
                # « Clinique du Dr MARTIN »: the doctor is found by the title rule; before him, what is left is a place
                # only if it holds more than the word of a clinic and its article
                kept = PLACE_BEFORE_TITLE.fullmatch(entity.text[:civility.start()])
                if not kept or all(names.plain(w) in ESTABLISHMENT_HEADS for w in kept.group(1).split()):
                    continue
                entity = doc.char_span(entity.start_char, entity.start_char + kept.end(1), label="LOC", alignment_mode="contract")
                if entity is None:
                    continue
            words = entity.text.split()
            # a single frequent word the model calls a place is one after a place preposition (« de Stockholm »)
            after_preposition = bool(places.PLACE_PREPOSITION.search(text, max(0, entity.start_char - 6), entity.start_char))
            # or in apposition after a name, or listed beside another place (« (boulangerie Legrand, Rennes) »)
            placed = (len(words) == 1 and not after_preposition and entity.label_ == "LOC"
                      and places.town_by_position(text, entity.start_char, entity.end_char,
                                                  [(c.start, c.end) for c in found if c.label in PLACE_LABELS]))
            if (entity.label_ == "LOC" and names.plain(entity.text) not in places.IGNORED_PLACES
                    and names.plain(words[0]) not in places.INSTITUTIONS
                    and not (len(words) == 1 and names.plain(entity.text) in places.CARE_UNITS)
                    and (len(words) > 1 or after_preposition or placed or (names.plain(entity.text) not in names.common_words() and names.plain(entity.text) not in names.NOT_NAMES))
                    and not entity.text.isupper() and "\n" not in entity.text and len(entity.text) > 2
                    and not names.BLOOD_GROUP.match(text, entity.start_char)
                    and not (len(words) == 1 and names.field_name(text, entity.end_char, entity.text))
                    and not (len(words) == 1 and names.sentence_start_noun(text, entity.start_char, entity.end_char))
                    and not _exam_note(words) and not names.DOTTED_ACRONYM.search(entity.text)):
                town = after_preposition and places.town_shaped(text, entity.start_char, entity.end_char)
                found.append(Candidate(entity.start_char, entity.end_char, "VILLE" if town else "LIEU", tuple(words)))
    # « et » and a first name or a frequent surname after any place read (« vue à Lyon et Dupont l'a revue », « de Lyon et
    # Dupont »): a person, not the rest of the place
    found += [Candidate(*m.span(1), "PERSONNE", (m.group(1),), True) for c in list(found)
              if c.label in PLACE_LABELS and (m := places.person_after_and(text, c.end))]
    found = _without_codes(text, _without_medicine(text, _with_town_tails(text, found)))
    return [piece for c in found for piece in _within_brackets(text, c)]


_OPENING, _CLOSING = "([{", ")]}"


def _bracketed_first_name(text: str, previous_end: int, c: Candidate) -> bool:
    """A first name alone in brackets right after a name (« Dupont (Bernard) », « Durand [Jean-Paul] »)."""
    opening = text[previous_end:c.start].strip(" \t")
    if len(opening) != 1 or opening not in _OPENING or c.start - previous_end > 3:
        return False
    if text[c.end:c.end + 1] != _CLOSING[_OPENING.index(opening)] or len(c.words) != 1:
        return False
    return all(part in names.first_names() for part in re.split(r"[-'’]", names.plain(c.words[0])) if part)


def _within_brackets(text: str, candidate: Candidate) -> list[Candidate]:
    """A name or a place never covers half of a bracket pair: « Dupont (Bernard » would swallow the opening bracket and
    leave its closing one alone in the text (« M. [PERSONNE_1]) »). Such a finding is cut at each lone bracket, each
    piece cut to its words (« Mme R. (Mamie Jo » gives « R. » and « Mamie Jo »); a pair held whole stays as it is."""
    if candidate.label not in PERSON_LABELS | PLACE_LABELS:
        return [candidate]
    part = text[candidate.start:candidate.end]
    if not any(ch in part for ch in _OPENING + _CLOSING):
        return [candidate]
    open_at: list[int] = []
    lone: list[int] = []
    for i, ch in enumerate(part):
        if ch in _OPENING:
            open_at.append(i)
        elif ch in _CLOSING:
            if open_at and _OPENING.index(part[open_at[-1]]) == _CLOSING.index(ch):
                open_at.pop()
            else:
                lone.append(i)
    lone = sorted(lone + open_at)
    if not lone:
        return [candidate]
    cuts = [-1, *lone, len(part)]
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        words = list(names.WORD.finditer(part, a + 1, b))
        if not words:
            continue
        start, end = candidate.start + words[0].start(), candidate.start + words[-1].end()
        if candidate.label in PERSON_LABELS:
            kept = tuple(w for w in candidate.words if w in text[start:end])
            # a lower-case letter alone is no name (« côte(s) »); an initial is (« R. », « affaire R (Mellor) »)
            if any(len(w.rstrip(".")) >= 2 or w.endswith(".") or w.isupper() for w in kept):
                pieces.append(candidate._replace(start=start, end=end, words=kept))
        elif len(re.sub(r"\W", "", text[start:end])) >= 2:
            pieces.append(candidate._replace(start=start, end=end))
    return pieces


# the shop or company someone works for, after a verb of work and « chez » (« travaille chez Leroy Merlin », « employée
# chez Decathlon »): an establishment, not a person; a civility or a family word after « chez » names a person
EMPLOYER = re.compile(
    r"(?<![\w-])(?i:travaill(?:e|es|ent|ait|aient|ant|é|ée)|employée?s?|salariée?s?|embauchée?s?|intérimaire|stagiaire|apprentie?|"
    r"en[ \t]+(?:stage|poste|CDI|CDD|alternance|apprentissage)|caissière|caissier|vendeuse|vendeur|magasinier|magasinière|"
    # shopping: a shop's name follows (« Courses chez Leroy Merlin », « achetée chez Decathlon »)
    r"courses|achats?|achetée?s?|achète|acheter|commandée?s?|emplettes)"
    r"[ \t]+chez[ \t]+((?:[A-ZÉÈÀÂÎÔÛÇ][\w'’&-]*|[A-Z0-9&]{2,})(?:[ \t]+(?:[A-ZÉÈÀÂÎÔÛÇ][\w'’&-]*|[A-Z0-9&]{2,})){0,3})")


def _employers(text: str) -> list[tuple[int, int]]:
    found = []
    for m in EMPLOYER.finditer(text):
        first = names.plain(m.group(1).split()[0]).rstrip(".")
        if first in names.TITLES or first in names.FAMILY_KEYS or first in names.NOT_NAMES and len(m.group(1).split()) == 1:
            continue  # « travaille chez M. Dupont », « chez Maman »: a person
        found.append(m.span(1))
    return found


# an initial and a capitalised surname beside a profession, before it and a colon or after it and a comma:
# « Orthophoniste : C. Roussel », « C. ROUSSEL, orthophoniste »
_INITIAL_NAME = r"((?:[A-ZÉÈ]\.-?)+[A-ZÉÈ]?\.?[ \t]+[A-ZÉÈÀÂÎÔÛ][\w'’]*(?:-[A-ZÉÈÀÂÎÔÛ][\w'’]*)*)"
PROFESSIONAL_INITIAL = re.compile(rf"(?<![\w'’-])([^\W\d_][\w'’-]*)[ \t]*:[ \t]*{_INITIAL_NAME}(?![\w'’])"
                                  rf"|(?<![\w'’.]){_INITIAL_NAME}[ \t]*,[ \t]*([^\W\d_][\w'’-]*)")


def _professional_initials(text: str) -> list[Candidate]:
    """A colleague written with an initial, even when the surname is also a word of the terminology (« Roussel »,
    « Petit »; walkthrough round 17); « E. Coli » beside no profession stays a germ."""
    found = []
    for m in PROFESSIONAL_INITIAL.finditer(text):
        profession = m.group(1) or m.group(4)
        key = names.plain(profession)
        group = 2 if m.group(1) else 3
        if re.match(r"M\.[ \t]", m.group(group)):
            continue  # « Patient : M. Dupont »: the civility, left readable; the title rule finds the name after it
        if places.PROFESSION.search(key) or key in names.ROLE_WORDS:
            found.append(Candidate(m.start(group), m.end(group), "PERSONNE", tuple(names.WORD.findall(m.group(group))), True))
    return found


# a capitalised word right before or after the typed surname, on the same line: « Aminata N'Diaye », « N'DIAYE Aminata »
WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")
WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def _beside_typed_surname(text: str, start: int, end: int, typed: set[str]) -> Candidate | None:
    """A relative sharing the patient's surname (« Parents : Aminata N'Diaye (mère) », walkthrough round 17): a first
    name the lists may not hold, right before or after the typed surname, is a person's whole name, never a place;
    _People tells her from the patient."""
    surname = text[start:end]
    before = WORD_BEFORE.search(text, max(0, start - 40), start)
    after = WORD_AFTER.match(text, end)
    for match, words in ((before, lambda w: (w, surname)), (after, lambda w: (surname, w))):
        if match is None:
            continue
        word = match.group(1)
        key = names.plain(word)
        if (word[0].isupper() and len(key) > 2 and key not in typed and key not in names.common_words()
                and key not in names.NOT_NAMES and key not in names.TITLES and key not in names.PARTICLES
                and not medical.is_medical(word)):
            span = (match.start(1), end) if match is before else (start, match.end(1))
            return Candidate(*span, "PATIENT", words(word), True, "", True)
    return None


# the rest of a town's name written without its hyphens (« Nogent sous Marne », « Châlons en Champagne »), after a
# place or an establishment that stops before it; never a service or a title (« à Nogent en Réanimation »)
TOWN_TAIL = re.compile(r"[ \t]+(?:sur|sous|lès|lez|en)[ \t]+([A-ZÉÈÀÂÎÔÛ][\w'’]*(?:-[A-ZÉÈÀÂÎÔÛ][\w'’]*)*)")


def _with_town_tails(text: str, found: list[Candidate]) -> list[Candidate]:
    extended = []
    for c in found:
        tail = TOWN_TAIL.match(text, c.end) if c.label in PLACE_LABELS | {"ETABLISSEMENT"} else None
        if tail and places.town_part(tail.group(1)):
            c = c._replace(end=tail.end(), words=c.words + (tail.group(1),) if c.words else ())
        extended.append(c)
    return extended


PLACE_BEFORE_TITLE = re.compile(r"(.*?[^\W\d_])(?:[ \t]+(?:du|de|des|de la|d['’]|l['’]|chez))*[ \t]*", re.S)
# the words of an establishment that the model reads as a place when a doctor's name follows (« Clinique du Dr X »)
ESTABLISHMENT_HEADS = {"clinique", "polyclinique", "cabinet", "hopital", "maternite", "centre", "institut", "laboratoire",
                       "maison", "medical", "medicale", "sante"}


# short groups of letters glued to digits are a clinical code, never part of a name or a place: « G3P2 »
# (pregnancies and births), « J3 » (third day), « T21 », « L5 »; a whole name glued to a number (« Dedoncker76 ») is
# not one
GLUED_CODE = re.compile(r"(?<!\w)(?=[^\W\d_]*\d)(?=\d*[^\W\d_])(?:[^\W\d_]{1,3}(?![^\W\d_])|\d+)+(?!\w)")


def _without_codes(text: str, found: list[Candidate]) -> list[Candidate]:
    """Names and establishments stop before a code glued to them (« Mme Le Goff (G3P2) », « clinique Saint-Michel
    J3 ») and a name that is only a code is dropped (« Patiente G2P1 »)."""
    kept = []
    for c in found:
        if c.label not in PERSON_LABELS | {"ETABLISSEMENT", "LIEU", "VILLE"}:
            kept.append(c)
            continue
        start, end = c.start, c.end
        for code in GLUED_CODE.finditer(text, c.start, min(len(text), c.end + 20)):
            if code.start() < end and code.end() > start:
                end = min(end, code.start())
        end = start + len(text[start:end].rstrip(" \t([-–,;:"))
        if end <= start:
            continue
        kept.append(c if end == c.end else c._replace(end=end, words=tuple(names.WORD.findall(text[start:end]))))
    return kept


# numbers inside a lab row or a measured value are results, not identifiers; a full phone number or NIR stays one
RESULT_LABELS = {"DATE", "DOSSIER", "AGE", "CODE_POSTAL", "TEL", "IPP", "NDA"}


def _without_medicine(text: str, found: list[Candidate]) -> list[Candidate]:
    """Drop what the terminology says is medicine: a name or place made only of medical words (« Adalimumab »,
    « Fonction Ventriculaire Gauche ») or inside an eponym (« maladie de Crohn ») or a clinical score (« Bishop 6/13 »)
    unless a title, a role or the typed name vouches for it; lab values, scores and lab-table numbers taken for dates
    or phones."""
    protected = medical.protected(text)
    eponyms = [(s, e) for s, e, kind in protected if kind == "eponyme"]
    technical = [(s, e) for s, e, kind in protected if kind == "eponyme_technique"]
    results = [(s, e) for s, e, kind in protected if kind in ("mesure", "analyse", "score")]
    scores = [(s, e) for s, e, kind in protected if kind == "score"]
    measures = sorted((s, e) for s, e, kind in protected if kind == "mesure")
    # « signe de Lasègue » then « Lasègue négatif »: a word of an eponym is that eponym everywhere in the letter; so is
    # a product that a treatment word or a dose names once (« elle met du Purelan » then « Purelan bien toléré »)
    eponym_words = {names.plain(w) for s, e in eponyms + technical for w in names.WORD.findall(text[s:e])}
    products = [c for c in found if c.label in PERSON_LABELS | PLACE_LABELS and not c.evidence and not c.title and not c.typed
                and (medical.treated_as_medicine(text, c.start, c.end)
                     or (_unknown_words(text[c.start:c.end]) and medical.unknown_product(text, c.start, c.end))
                     or (_first_name_and_words(text[c.start:c.end]) and medical.infant_formula(text, c.start, c.end, _unknown_words)))]
    # an unknown word listed beside a product found so (« allaitement mixte avec Gallia, Guigoz puis Modilac ») is one too
    made = [(c.start, c.end) for c in products]
    products += [c for c in found if c.label in PERSON_LABELS | PLACE_LABELS and not c.evidence and not c.title and not c.typed
                 and (c.start, c.end) not in made and _unknown_words(text[c.start:c.end])
                 and any(a <= s < b or s <= a < e for a, b in medical.enumeration_neighbours(text, c.start, c.end)
                         for s, e in made)]
    eponym_words |= {names.plain(w) for c in products for w in c.words or names.WORD.findall(text[c.start:c.end])}
    # first names of the drug list and eponyms that a title, a surname or the word for the child vouches for somewhere
    # in the letter (« Mme Jasmine Morel » then « Jasmine va mieux », « Mme Hashimoto » then « Hashimoto revue »): a
    # person there and wherever no dose or treatment word is beside
    vouched_names = {names.plain(w) for c in found if c.label in PERSON_LABELS and (c.evidence or c.title)
                     for w in c.words if names.drug_first_name(w) or names.plain(w) in medical.eponyms()}
    kept = []
    for c in found:
        if c.label in PERSON_LABELS | PLACE_LABELS:
            c = _outside_measures(text, c, measures)
            if c is None:
                continue

        def inside(spans: list[tuple[int, int]], c: Candidate = c) -> bool:
            return any(s < c.end and c.start < e for s, e in spans)

        if (c.label in PERSON_LABELS | PLACE_LABELS and not c.title and not c.typed
                and _drug_maker(text, c, c.words or tuple(names.WORD.findall(text[c.start:c.end])), measures)):
            continue  # a first name beside it (« Cyanocobalamine Gerda 1000 µg ») is no title
        if c.label in PERSON_LABELS | PLACE_LABELS and not c.title and not c.typed and _substance_brand(text, c):
            continue  # « Vitamine D Zyma », even on a line « Bébé : » that would make it the patient
        if c.label in PERSON_LABELS | {"LIEU", "VILLE", "PAYS"} and not c.evidence:
            words = c.words or tuple(names.WORD.findall(text[c.start:c.end]))
            vouched = (c.label in PERSON_LABELS and bool(words) and all(names.plain(w) in vouched_names for w in words)
                       and not medical.treated_as_medicine(text, c.start, c.end))
            # words in lower case that the model ran over stay out of it (« Crohn iléal » read as a place)
            named = tuple(w for w in words if not w.islower())
            # an eponym alone is medicine, except where a sentence meets a person (« venue avec Boerhaave », « vu
            # Hashimoto hier »)
            eponym = medical.eponym_or_medical(named) and not MEETS_A_PERSON.search(text, max(0, c.start - 12), c.start)
            medicine = medical.all_medical(words) or medical.all_medical(named) or eponym
            if inside(eponyms) or inside(technical) or inside(scores) or (medicine and not vouched) or _exam_compound(words):
                continue
            if words and all(names.plain(w) in eponym_words or names.plain(w) in medical.NEUTRAL for w in words):
                continue
        if c.label in PERSON_LABELS and c.evidence and c.title == "" and inside(eponyms):
            continue  # « maladie de Parkinson Jean »: the eponym wins over a first name beside it
        if (c.label == "PATIENT" and not c.typed and c.title in ("", "patient", "patiente") and len(c.words) == 1
                and names.plain(c.words[0]) in medical.disease_eponyms()):
            continue  # « Patiente : Crohn iléal »: her disease, not her name
        if (c.label in RESULT_LABELS and inside(results) and not _full_identifier(text[c.start:c.end], c.label)
                and not (c.label == "DATE" and DATE_WORD_BEFORE.search(text, max(0, c.start - 12), c.start))):
            continue
        kept.append(c)
    return kept


def _unknown_words(original: str) -> bool:
    """Capitalised words that no list holds: no first name, no surname of France or elsewhere, no frequent French
    word (« Lansinoh », « Mepilex Border »); in capitals, a surname as records write it (« DUPONT »)."""
    words = names.WORD.findall(original)
    return bool(words) and all(
        w[:1].isupper() and not w.isupper() and (key := names.plain(w)) not in names.first_names() and key not in names.surnames()
        and key not in names.surnames_of_elsewhere() and key not in names.common_words() and key not in names.NOT_NAMES
        for w in words)


def _first_name_and_words(original: str) -> bool:
    """A first name, alone or with capitalised words that no list of surnames holds (« Nidal », « Nidal Confort »)."""
    words = names.WORD.findall(original)
    return (bool(words) and names.plain(words[0]) in names.first_names()
            and not any(names.plain(w) in names.surnames() or names.plain(w) in names.surnames_of_elsewhere() for w in words))


# the word before a person met or seen (« avec », « par », « chez », « vu »)
MEETS_A_PERSON = re.compile(r"(?<![\w'’-])(?i:avec|par|chez|vue?s?)[ \t]+$")
# a day told by the words before it (« précédent INR du 03/10 : 3,1 », « TSH le 12/09 »): a date even in a lab row
DATE_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?i:du|le|au|depuis[ \t]+le|en[ \t]+date[ \t]+du)[ \t]+$")


def _exam_note(words: list[str]) -> bool:
    """« Dernière IRM », « Nouvelle TDM »: an exam's abbreviation and everyday words, never a place's name."""
    keys = [names.plain(w) for w in words]
    return any(k in names.NOT_NAMES for k in keys) and all(k in names.NOT_NAMES or k in names.common_words() for k in keys)


def _exam_compound(words: tuple[str, ...]) -> bool:
    """One word joined to an exam's or a note's abbreviation in capitals: « Entéro-IRM », « Angio-TDM », « Uro-IRM »."""
    return len(words) == 1 and any(part.isupper() and names.plain(part) in names.NOT_NAMES for part in words[0].split("-")[1:])


PREVIOUS_WORD = re.compile(r"([^\W_][\w'’-]*)[ \t]+$")


def _drug_maker(text: str, c: Candidate, words: tuple[str, ...], measures: list[tuple[int, int]]) -> bool:
    """A prescription's drug, its laboratory and its dose (« Oméprazole Sandoz 20 mg », « Vitamine B12 Gerda
    1000 µg »): a word read as a name or a place that a dose follows and that a drug name starts or comes right after
    is the drug's laboratory."""
    gap = text[c.end:c.end + 20]
    dose = c.end + len(gap) - len(gap.lstrip(" \t"))  # where the next word starts
    index = bisect.bisect_left(measures, (dose, -1))
    if index == len(measures) or measures[index][0] != dose or not words:
        return False
    before = PREVIOUS_WORD.search(text, max(0, c.start - 40), c.start)
    drug_before = bool(before) and (medical.is_medical(before.group(1)) or bool(re.fullmatch(r"[A-Z]\d{1,2}", before.group(1))))
    return (len(words) == 2 and medical.is_medical(words[0])) or (len(words) == 1 and drug_before)


# a substance's designation after its name: a letter, with digits or not (« D », « B12 », « K1 », « D3 »)
DESIGNATION = re.compile(r"[A-Z]\d{0,2}")


def _substance(word: str) -> bool:
    """A drug or a word of the terminology that is no everyday word nor a first name (« Vitamine », « Fer », « Fluor »;
    not « vers », « de », « Transfert », « Diane »)."""
    key = names.plain(word)
    if key in names.first_names():
        return False  # « Diane Rochard »: a pill's name, but a woman's first name before a surname
    return key in medical.drugs() or (len(key) >= 4 and key in medical.vocabulary() and key not in names.everyday_words()
                                      and key not in medical.NEUTRAL)


def _substance_brand(text: str, c: Candidate) -> bool:
    """A brand right after a substance and its designation (« Vitamine D Zyma », « vitamine D3 Uvedose », « Fer
    Tardyferon »): the substance, then words that no list of names or French words holds. A reading that starts at the
    letter or at the brand is completed by the substance written right before it."""
    words = [m.group(0).rstrip(".") for m in names.WORD.finditer(text, c.start, c.end)]
    before = text[max(0, c.start - 40):c.start]
    while words and (DESIGNATION.fullmatch(words[0]) or not _substance(words[0]) and _unknown_words(words[0])):
        previous = PREVIOUS_WORD.search(before)
        if previous is None or not (_substance(previous.group(1)) or DESIGNATION.fullmatch(previous.group(1))):
            break
        words.insert(0, previous.group(1))
        before = before[:previous.start()]
    if len(words) < 2 or not _substance(words[0]):
        return False
    rest = words[2:] if DESIGNATION.fullmatch(words[1]) else words[1:]
    return bool(rest) and all(_unknown_words(w) or _substance(w) for w in rest) and any(_unknown_words(w) for w in rest)


def _outside_measures(text: str, c: Candidate, measures: list[tuple[int, int]]) -> Candidate | None:
    """A name or a place never starts or ends inside a measured value: « Oxytocine 5 UI. Déchirure » is no person
    « UI Déchirure », « le Kardegic 75 mg » no place « Kardegic 75 mg », « 3 400 g. » no place « g »."""
    start, end = c.start, c.end
    # measures do not overlap: only the last one starting at or before each end can hold it
    index = bisect.bisect_right(measures, (start, len(text))) - 1
    if index >= 0 and measures[index][0] <= start < measures[index][1]:
        start = measures[index][1]
    index = bisect.bisect_left(measures, (end, -1)) - 1
    if index >= 0 and measures[index][0] < end <= measures[index][1]:
        end = measures[index][0]
    if (start, end) == (c.start, c.end):
        return c
    part = text[start:end]
    stripped = part.strip(" \t\n,;:.-")
    if not names.WORD.search(stripped):
        return None
    start += part.index(stripped)
    words = tuple(names.WORD.findall(stripped))
    return c._replace(start=start, end=start + len(stripped), words=tuple(w for w in c.words if w in words) or words if c.words else ())


def _full_identifier(value: str, label: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if label == "TEL":
        return len(digits) >= 10
    if label == "DATE":
        return bool(re.search(r"(?:19|20)\d\d", value)) and parse_date(value) is not None
    return False


NUMBER_RUN = re.compile(r"\d[\d \t./:-]{2,}\d")


def _for_model(text: str) -> str:
    """The text the model reads: each run of digits (phone numbers, NIR, lab values) shrunk to one digit and
    spaces, same length so every offset holds. The rules find those numbers; spelled out, they took a third of
    the model's time, and the single digit keeps the context the model uses ("Renard Monique 0")."""
    return NUMBER_RUN.sub(lambda m: "0" + " " * (len(m.group(0)) - 1), text)


def _patient_words(options: Options) -> set[str]:
    return {names.plain(w) for n in options.patient_names for w in re.findall(r"[\w'’-]{2,}", n)}


def _resolve(found: list[Candidate], text: str) -> list[Candidate]:
    """Keep non-overlapping findings, the most specific label first, then the longest.

    Two overlapping person names are merged rather than one dropped: the model's "M. GAFFORY" inside the rules'
    "M. GAFFORY MARIE JEANNE" must not leave "MARIE" in the text; so are two overlapping places.
    """
    ordered = sorted(found, key=lambda f: (_rank(f), -(f.end - f.start), f.start))
    kept = _Kept()
    for candidate in ordered:
        overlapping = kept.overlapping(candidate.start, candidate.end)
        trimmable = (candidate.label in NUMBER_LABELS
                     or (candidate.label in PERSON_LABELS and not {k.label for k in overlapping} & PERSON_LABELS)
                     # a town holding the typed name keeps the rest: « Saint-Genis-Laval » for a patient « Laval »
                     or (candidate.label in PLACE_LABELS and all(k.typed for k in overlapping)))
        if overlapping and trimmable:
            # « Robert Joseph Turmelarnould@… », « Ferrer Villa Julien », boxed digits beside a NIR: a name or a number
            # keeps what the more specific finding does not take
            candidate = _outside(candidate, overlapping, text)
            overlapping = [] if candidate else overlapping
        if candidate is None:
            continue
        if not overlapping:
            kept.add(candidate)
        elif len(overlapping) == 1 and ({candidate.label, overlapping[0].label} <= PERSON_LABELS
                                         or {candidate.label, overlapping[0].label} <= PLACE_LABELS):
            # two readings of one name or one place: the union, so that no word of the longer one is left in clear
            known = overlapping[0]
            merged = known._replace(start=min(known.start, candidate.start), end=max(known.end, candidate.end),
                                    words=_whole_words(known.words + candidate.words),
                                    evidence=known.evidence or candidate.evidence, title=known.title or candidate.title)
            if kept.overlapping(merged.start, merged.end) == [known]:
                kept.replace(known, merged)
    return kept.spans


def _whole_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of two readings of one name, without a part of another word: the typed surname « Lambert » read
    inside « Lambert-Moreau » is not a surname of its own there (walkthrough round 18: the patient's daughter then
    shared her mother's surname, and every « Mme Lambert » after became somebody new)."""
    unique = tuple(dict.fromkeys(words))
    return tuple(w for w in unique if not any(w != other and w in re.split(r"[-'’]", other) for other in unique))


# The user's word is surer than any reading of ours: a name typed with --nom outranks places and other people
# (« née Lefèvre » is the patient, not a town), never an e-mail, a number, an address or an establishment that
# holds it whole.
TYPED_RANK = PRIORITY.index("PAYS") - 0.5


def _rank(candidate: Candidate) -> float:
    return TYPED_RANK if candidate.typed else PRIORITY.index(candidate.label)


class _Kept:
    """Findings that do not overlap, in text order, so that the ones a new finding overlaps are found by bisection
    (a long text has thousands: a scan of all of them for each new one made a 300,000-character text take minutes)."""

    def __init__(self) -> None:
        self.spans: list[Candidate] = []
        self.starts: list[int] = []

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        index = max(bisect.bisect_right(self.starts, start) - 1, 0)
        found = []
        while index < len(self.spans) and self.spans[index].start < end:
            if self.spans[index].end > start:
                found.append(self.spans[index])
            index += 1
        return found

    def add(self, candidate: Candidate) -> None:
        index = bisect.bisect_left(self.starts, candidate.start)
        self.spans.insert(index, candidate)
        self.starts.insert(index, candidate.start)

    def replace(self, old: Candidate, new: Candidate) -> None:
        index = self.spans.index(old, max(bisect.bisect_left(self.starts, old.start), 0))
        del self.spans[index], self.starts[index]
        self.add(new)


def _outside(candidate: Candidate, taken: list[Candidate], text: str) -> Candidate | None:
    """The longest part of `candidate` that no finding in `taken` covers, cut to its own name words."""
    free, cursor = [], candidate.start
    for k in sorted(taken):
        if k.start > cursor:
            free.append((cursor, min(k.start, candidate.end)))
        cursor = max(cursor, k.end)
    if cursor < candidate.end:
        free.append((cursor, candidate.end))
    for start, end in sorted(free, key=lambda part: part[0] - part[1]):
        if candidate.label not in PERSON_LABELS:
            part = text[start:end]
            stripped = part.strip(" \t\n,;:.-/")
            if len(re.sub(r"\W", "", stripped)) >= 2:
                offset = start + part.index(stripped)
                return candidate._replace(start=offset, end=offset + len(stripped))
            continue
        words = [m for m in names.WORD.finditer(text, start, end)
                 if m.group(0).rstrip(".") in {w.rstrip(".") for w in candidate.words} or not candidate.words]
        if words:
            return candidate._replace(start=words[0].start(), end=words[-1].end(), words=tuple(m.group(0) for m in words))
    return None


MALE_TITLES = {"m", "mr", "monsieur", "mm", "messieurs", "pere", "epoux", "conjoint"}
FEMALE_TITLES = {"mme", "madame", "mlle", "melle", "mademoiselle", "mmes", "mesdames", "mere", "epouse", "conjointe", "dresse"}


class _Numbers:
    """The next placeholder of each label, never one the text already holds: a « [PERSONNE_1] » written in the text
    would otherwise be given a name on the way back (walkthrough, round 16)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.last: dict[str, int] = {}

    def next(self, label: str) -> str:
        while True:
            self.last[label] = self.last.get(label, 0) + 1
            placeholder = f"[{label}_{self.last[label]}]"
            if placeholder not in self.taken:
                return placeholder


@dataclass
class _Person:
    placeholder: str
    role: str
    first: set[str]  # first names and initials (one letter), as plain keys
    last: set[str]  # surnames
    gender: str = ""  # "m", "f" or "" when no title said it
    family: bool = False  # named with a family role (« Mme N'Diaye (mère) »): a relative of the one cared for
    child: bool = False  # said to be a child (« Enfant : », « son fils », « 4 ans »)
    adult: bool = False  # met with an adult civility (« Mme », « M. »): never a child's name
    other: set[str] = field(default_factory=set)  # her birth or married name (« épouse Guillou »), borne by others too


class _People:
    """Who is who. The same person keeps one placeholder in every form (full name, surname, first name, initial);
    two people sharing a surname stay two people: « M. Julien Rousseau », the husband of the patient « Mme Marie
    Rousseau », is not [PATIENT_1]. A mention that could be either of two people gets its own placeholder rather
    than borrowing one: given back, it then reads as written, never as somebody else."""

    def __init__(self, patient_names: list[str], numbers: _Numbers) -> None:
        self.people: list[_Person] = []
        self.numbers = numbers
        # each name typed is a patient of its own ([PATIENT_1], [PATIENT_2]: a nurse types her round), unless it is
        # one already typed (« Dupont », « Marie Dupont »): given back, a name never lands on another patient
        self.patients: list[_Person] = []
        for full_name in patient_names:
            given, surnames = _split_name(tuple(re.findall(r"[\w'’-]{2,}", full_name)), "")
            same = [p for p in self.patients if _same_person(p, given, surnames, "")]
            if len(same) == 1:
                same[0].first |= given
                same[0].last |= surnames
            elif given or surnames:
                self.patients.append(self._new("PATIENT", given, surnames, ""))

    def _new(self, role: str, first: set[str], last: set[str], gender: str) -> _Person:
        person = _Person(self.numbers.next(role), role, set(first), set(last), gender)
        self.people.append(person)
        return person

    def also(self, placeholder: str, words: tuple[str, ...], first: bool = False) -> str:
        """Another surname of the person behind `placeholder` (her married or birth name), or with `first` the first
        name written in brackets after her name: hers from now on."""
        person = next(p for p in self.people if p.placeholder == placeholder)
        keys = {key for w in words if (key := names.plain(w)) and key not in names.PARTICLES}
        if first:
            person.first |= keys
        else:
            person.other |= keys - person.last
            person.last |= keys
        return placeholder

    @staticmethod
    def _relative_of(person: _Person, first: set[str], last: set[str]) -> bool:
        """A name holding a word that a person's full name has not, and none of her first names: somebody of her
        family (« Aminata N'Diaye » for the patient « Léa-Marie N'Diaye », then « Moussa N'Diaye », walkthrough round
        17: first names the lists do not hold read as surnames), never her."""
        known = _known(person)
        if len((person.first | person.last) - _letters(person.first)) < 2:  # « Dr Ph. ROCHE » may be « ROCHE Philippe »
            return False
        extra = {key for key in (first | last) - _letters(first)
                 if key not in known and not all(part in known for part in re.split(r"[-'’]", key))}
        return bool(extra) and not (first & person.first)

    @staticmethod
    def _other_generation(person: _Person, first: set[str], last: set[str], family: bool) -> bool:
        """A relative named by her role (« Mme N'Diaye (mère) ») is not the one named with a word she was not given
        (« Léa-Marie N'Diaye »: compound first names read as surnames), whichever comes first."""
        words = (first | last) - _letters(first)
        known = (person.first | person.last) - _letters(person.first)
        if person.family and not family:
            return bool(words - _known(person))
        return family and not person.family and bool(known - words)

    def placeholder(self, words: tuple[str, ...], role: str, title: str, family: bool = False, child: bool = False) -> str:
        first, last = _split_name(words, title)
        gender = "m" if title in MALE_TITLES else "f" if title in FEMALE_TITLES else ""
        adult = title in names.ADULT_TITLES
        child = child and not adult
        candidates = [p for p in self.people if _same_person(p, first, last, gender) and not self._relative_of(p, first, last)
                      and not self._other_generation(p, first, last, family)]
        if not candidates and not title and len(first | last) == 1 and not _letters(first | last):
            # one word alone that the lists read as a first name but that one person bears as her surname (« Capucine
            # Martin » then « Martin a de la fièvre »), or the reverse: that person
            word = next(iter(first | last))
            candidates = [p for p in self.people if word in p.first | p.last]
            candidates = candidates if len(candidates) == 1 else []
        if len(candidates) > 1:  # the one with the same full name, else nobody
            exact = [p for p in candidates if first and last and first <= p.first and last <= p.last]
            # the same doubtful mention again (« Mme Lambert » twice): the one it got the first time, not one more
            exact = exact or [p for p in candidates if p.first == first and p.last == last and p.gender == gender]
            # « N'Diaye Léa-Marie », surname first: the one whose known names hold every word of it
            words = (first | last) - _letters(first)
            exact = exact or [p for p in candidates if len(words) > 1 and words <= _known(p)]
            candidates = exact if len(exact) == 1 else []
        # a child is never the one met with an adult civility (« Mme Martin », then « Léo Martin a 4 ans »), nor the
        # reverse: such a mention is somebody else (a doubtful one still gets a placeholder of its own, above)
        candidates = [p for p in candidates if not (child and p.adult) and not (adult and p.child)]
        if candidates and not title and not first and last and last <= candidates[0].other:
            # her married or birth name alone, with no civility nor first name (« Guillou passe ce soir »): her husband's
            # or her parents' name as well, so a doubtful mention of its own, not her
            candidates = []
            role = "PERSONNE"
        if candidates:
            person = candidates[0]
            if person in self.patients and not person.first and first and last <= person.last:
                person.first |= first  # the patient's first name, met with the typed surname
        else:
            role = "PERSONNE" if (role == "PATIENT" and self.patients) or family else role
            person = self._new(role, first, last, gender)
            person.family, person.child, person.adult = family, child, adult
            return person.placeholder
        if not title and len(first | last) == 1 and not (first & person.first or last & person.last):
            return person.placeholder  # « Martin » alone, her surname: not a first name of hers
        person.first |= first
        person.last |= last
        person.gender = person.gender or gender
        person.family = person.family or family
        person.child, person.adult = person.child or child, person.adult or adult
        return person.placeholder


def _split_name(words: tuple[str, ...], title: str) -> tuple[set[str], set[str]]:
    """(first names and initials, surnames) of a name as written."""
    keys = [(w, names.plain(w)) for w in words if names.plain(w) not in names.PARTICLES and names.plain(w)]
    first, last = set(), set()
    for index, (word, key) in enumerate(keys):
        if names.INITIAL.match(word):
            first.add(key[0])
        elif (key in names.first_names() and not word.isupper() and not (title and len(keys) == 1)
              and not (index == len(keys) - 1 and not last and len(keys) > 1 and keys[0][1] in names.first_names() and not keys[0][0].isupper())):
            first.add(key)
        else:
            last.add(key)
    return first, last


def _same_person(person: _Person, first: set[str], last: set[str], gender: str) -> bool:
    if gender and person.gender and gender != person.gender:
        return False
    if last and not last & person.last:
        return False
    if not last and not (first - _letters(first)) & person.first and not (_letters(first) and not last):
        return False
    if not last and first:  # a first name alone: the person who bears it
        full = first - _letters(first)
        if full and not full & person.first:
            return False
    initials = _letters(first)
    names_given = first - initials
    if names_given and person.first - _letters(person.first) and not names_given & person.first:
        return False  # « Julien Rousseau » is not « Marie Rousseau »
    # « Mme D. » alone is Mme Dubois's surname initial, and never a person whose names do not begin with it (« Dr
    # Martin », who has no first name written, walkthrough round 16); beside a surname it is a first name's
    named = person.first if last else person.first | person.last
    if initials and named and not any(f[0] in initials for f in named):
        return False
    return bool(last or first)


def _known(person: _Person) -> set[str]:
    """The names of a person and their parts: « Léa » and « Marie » of « Léa-Marie », « Diaye » of « N'Diaye »."""
    known = person.first | person.last
    return known | {part for key in known for part in re.split(r"[-'’]", key)}


def _letters(keys: set[str]) -> set[str]:
    return {k for k in keys if len(k) == 1}


def pseudonymise(text: str, options: Options | None = None, today: date | None = None) -> Result:
    options = options or Options()
    kept = _every_place_occurrence(text, _resolve(_candidates(text, options), text))
    numbers = _Numbers(placeholders_in(text))
    people = _People(options.patient_names, numbers)
    values: dict[tuple[str, str], str] = {}
    # J0 is the first date of care, never a date of birth; ages are counted on the latest date of the text
    care_dates = [d for c in kept if c.label == "DATE" and not year_only(text[c.start:c.end]) and (d := parse_date(text[c.start:c.end]))]
    reference = min(care_dates) if care_dates else None
    latest = max(care_dates) if care_dates else (today or date.today())
    offset = secrets.choice([d for d in range(-365, 366) if abs(d) >= 30]) if options.dates == "decaler" else None
    places_named = _place_labels(text, kept)
    entities, pieces, mapping, cursor = [], [], {}, 0
    # a patient on a label line (« Enfant : Lou Kerbrat ») is the patient wherever her name was met first (« Mme
    # Kerbrat accompagne sa fille. »): she is met first
    # an adult named so (« Patiente : FOURNIER Camille ») is the patient; a child named in the same letter, even on a
    # label line of her own (« Bébé Léo », « Nouveau-né : Timéo »), is somebody else
    adult_labelled = any(c.label == "PATIENT" and names.labelled_adult_patient(text, c.start) and not names.child(text, c.start, c.end)
                         for c in kept)
    for c in kept:
        if (c.label == "PATIENT" and names.labelled_patient(text, c.start)
                and not (adult_labelled and not names.labelled_adult_patient(text, c.start))):
            people.placeholder(c.words or (text[c.start:c.end],), c.label, c.title, names.family_role(text, c.start, c.end),
                               names.child(text, c.start, c.end))
    previous_person: tuple[int, str] | None = None  # where the last name ended, and its placeholder
    for c in kept:
        original = text[c.start:c.end]
        label = places_named.get(_place_key(original), c.label) if c.label in PLACE_LABELS else c.label
        if label in PERSON_LABELS:
            family = names.family_role(text, c.start, c.end)
            is_child = names.child(text, c.start, c.end)
            if label == "PATIENT" and is_child and adult_labelled and not names.labelled_adult_patient(text, c.start):
                label = "PERSONNE"  # « Patiente : FOURNIER Camille » then « Bébé Léo »: the baby is not the patient
            if previous_person and names.other_surname_of(text, previous_person[0], c.start):
                # « FOURNIER Camille (épouse LEGRAND) »: her married name, the same person's placeholder
                replacement = people.also(previous_person[1], c.words or (original,))
            elif previous_person and _bracketed_first_name(text, previous_person[0], c):
                # « M. Dupont (Bernard) », « M. Paul Durand (Jean-Paul) »: the first name he goes by, the same person
                replacement = people.also(previous_person[1], c.words or (original,), first=True)
            else:
                replacement = people.placeholder(c.words or (original,), label, c.title, family, is_child)
            previous_person = (c.end, replacement)
            label = replacement.strip("[]").rsplit("_", 1)[0]
        else:
            replacement = _replacement(label, original, options, offset, reference, latest, values, numbers)
        start = c.start  # where the text is rewritten: the date, and the article that an age no longer takes
        if replacement.startswith("[") and not AGE_SHOWN.fullmatch(replacement):  # an age names nobody
            mapping.setdefault(replacement, original)
            if other := reidentify.other_surname_word(text, c.start):
                # « (épouse [PATIENT_1]) » is put back as the married name written there, not as her first-recorded form
                mapping.setdefault(reidentify.other_form_key(replacement, other), original)
        elif AGE_SHOWN.fullmatch(replacement) and label == "DATE_NAISSANCE" and (article := AGE_ARTICLE.search(text, cursor, c.start)):  # « née le 12/03/1991 » → « née [il y a 35 ans] »
            start, replacement = article.start(), f"[il y a {replacement[1:]}"
        # a person is who the placeholder stands for (« Mme Durand », « Durand »); anything else, its own value
        who = replacement if c.label in PERSON_LABELS else " ".join(original.split()).casefold()
        if (c.label in PERSON_LABELS and entities and entities[-1].replacement == replacement
                and SAME_NAME_GAP.fullmatch(text, entities[-1].end, start)):
            # two words of one person's name read apart (« vu lea martin » with --nom "Léa Martin"): one mention, one
            # placeholder
            previous = entities[-1]
            if mapping.get(replacement) == text[previous.start:previous.end]:
                mapping[replacement] = text[previous.start:c.end]  # given back whole by reidentify
            entities[-1] = Entity(previous.start, c.end, label, replacement, who)
            cursor = c.end
            continue
        entities.append(Entity(start, c.end, label, replacement, who))
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = c.end
    pieces.append(text[cursor:])
    return Result("".join(pieces), entities, mapping, offset)


# what may stand between two words of one name read apart: spaces, or a hyphen (« lea-marie »)
SAME_NAME_GAP = re.compile(r"[ \t]+|[ \t]*-[ \t]*")


def _every_place_occurrence(text: str, kept: list[Candidate]) -> list[Candidate]:
    """A place masked once is masked wherever the same name stands as a word with its capital (round 18: « sage-femme,
    Toulouse. » stayed in clear above « 31400 [VILLE_1] » and told the reader who [VILLE_1] was): not inside another
    word, nor where another finding already is (a masked person's name, an establishment), nor in medicine (an eponym,
    « maladie de Paris »); a frequent word read once as a place is no reason to mask it everywhere."""
    names_kept = {_place_key(text[c.start:c.end]): c.label for c in kept if c.label in PLACE_LABELS}
    wanted = [key for key, label in names_kept.items()
              if label != "LIEU" or " " in key or (key not in names.common_words() and key not in names.NOT_NAMES)]
    if not wanted:
        return kept
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(wanted, key=len, reverse=True))
                         + r")(?![\w'’-]|-\w)", re.I)
    found = _Kept()
    for c in kept:
        found.add(c)
    more = [Candidate(m.start(), m.end(), names_kept[_place_key(m.group(0))], tuple(m.group(0).split()))
            for m in pattern.finditer(text) if m.group(0)[0].isupper() and not found.overlapping(m.start(), m.end())]
    for c in _without_medicine(text, more):
        found.add(c)
    return found.spans


def _place_key(original: str) -> str:
    return " ".join(original.split()).casefold()


def _place_labels(text: str, kept: list[Candidate]) -> dict[str, str]:
    """One label for one place name throughout the text: « Écully » read as a town here and as a place there is one
    town, [VILLE_1] everywhere (the most specific reading wins), not two places."""
    labels: dict[str, str] = {}
    for c in kept:
        if c.label in PLACE_LABELS:
            key = _place_key(text[c.start:c.end])
            if key not in labels or PRIORITY.index(c.label) < PRIORITY.index(labels[key]):
                labels[key] = c.label
    return labels


# an age told instead of a date of birth or a great age (dates.age_words): no value to give back
AGE_SHOWN = re.compile(r"\[(?:\d+ (?:ans?|mois|jours?)|moins d'un jour|plus de 89 ans)\]")
# the article before a date of birth given as an age: « née le [35 ans] » reads « née [il y a 35 ans] »
AGE_ARTICLE = re.compile(r"(?<![\w'’])(?:le|du)[ \t]+$", re.I)


def _replacement(label: str, original: str, options: Options, offset: int | None, reference: date | None, latest: date,
                 values: dict[tuple[str, str], str], numbers: _Numbers) -> str:
    if label in ("DATE", "DATE_NAISSANCE"):
        when = parse_date(original)
        day_month = None if when else parse_day_month(original)
        if day_month and options.dates != "balises":
            # the year is the one that puts the date closest to the letter's dates (« depuis le 20 octobre » in March)
            around = reference or latest
            options_in_years = [d for y in (around.year - 1, around.year, around.year + 1) if (d := in_year(day_month, y))]
            when_in_year = min(options_in_years, key=lambda d: abs((d - around).days)) if options_in_years else None
            if when_in_year and options.dates == "decaler" and offset is not None:
                return shifted_day_month(original, when_in_year, timedelta(days=offset))
            if when_in_year and options.dates == "relatif" and reference is not None:
                return relative(when_in_year, reference)
        if when and label == "DATE_NAISSANCE":
            return f"[{age_words(when, latest)}]"
        if when and options.dates == "decaler" and offset is not None:
            return shifted(original, when, timedelta(days=offset))
        if when and options.dates == "relatif" and reference is not None and not year_only(original):
            return relative(when, reference)
    if label == "AGE":
        return "[plus de 89 ans]"
    key = (label, re.sub(r"[\s.-]", "", original.lower()))
    if key not in values:
        values[key] = numbers.next(label)
    return values[key]
