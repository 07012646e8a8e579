"""Medical vocabulary that must never be masked: an AI given « [PERSONNE_1] 420mg » answers about another case.

The words come from edsnlp's terminologies (drug names with their ATC classes, CIM-10 labels, units), extracted
by scripts/build_pseudonym_data.py, plus hand-written lists of lab tests (no French lab terminology is on PyPI) and of
specialties and care services (« service de Pédiatrie » names no one; the CIM-10 has diseases, not specialties).
A name or place found without positive evidence (a title, a role line, the patient's name typed by the user)
is dropped when all its words are medical; lab rows and measured values keep their numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources


@lru_cache(maxsize=100_000)  # called for every word of every text: words repeat
def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().strip(".'’").replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _fold_table() -> dict[int, str]:
    table = {ord("’"): "'"}
    for code in range(0xC0, 0x250):  # Latin letters with diacritics
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


def folded(text: str) -> str:
    """The text without accents, one character for one, so that offsets in it hold in the original (« LEFÈVRE » →
    « LEFEVRE »; « œ », which is two letters, stays)."""
    return text.translate(_fold_table())


def _lines(name: str) -> list[str]:
    text = resources.files("gardien.pseudonym.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def vocabulary() -> frozenset[str]:
    """Single words (unaccented, lower case) of drug names, CIM-10 labels, lab tests and specialties."""
    words = set(_lines("vocabulaire_medical.txt")) | SCORE_WORDS
    for term in lab_tests() | {plain(line) for line in _lines("specialites.txt")}:
        words.update(w for w in re.split(r"[\s'’]+", term) if len(w) >= 2)
    return frozenset(words)


@cache
def drugs() -> frozenset[str]:
    return frozenset(_lines("medicaments.txt"))


@cache
def lab_tests() -> frozenset[str]:
    return frozenset(plain(line) for line in _lines("analyses.txt"))


@cache
def joined_drugs() -> frozenset[str]:
    """Drug names of several words as letters write them in one word or with hyphens: « Gynopevaryl » and
    « Gyno-Pevaryl » for the terminology's « gyno pevaryl »."""
    return frozenset(j for d in drugs() if re.search(r"[\s-]", d) and "," not in d and len(j := re.sub(r"[\s-]", "", d)) >= 6)


def is_medical(word: str) -> bool:
    """A medical word; a compound is one when all its parts are (« Gynécologie-Obstétrique »)."""
    base = plain(word)
    if base in vocabulary() or base in drugs() or base.replace("-", "") in joined_drugs():
        return True
    parts = [p for p in base.split("-") if p]
    return len(parts) > 1 and all(p in vocabulary() or p in drugs() for p in parts)


# words that carry nothing on their own in a diagnosis (« Autres hypothyroïdies », « Fracture de côte(s) »)
NEUTRAL = {"de", "du", "des", "la", "le", "les", "l", "d", "en", "et", "a", "au", "aux", "avec", "sans", "sur", "par", "pour",
           "autres", "autre", "non", "type", "stade", "grade", "classe", "i", "ii", "iii", "iv", "v", "vi", "ix", "x", "xi", "xii"}


def all_medical(words: tuple[str, ...] | list[str]) -> bool:
    """Every word is medicine or a word that says nothing alone, and one at least is medicine (« Fièvre Q »,
    « Avitaminose A », « Fonction Ventriculaire Gauche »)."""
    meaningful = [w for w in words if plain(w) not in NEUTRAL and len(plain(w)) > 1]
    return bool(meaningful) and all(is_medical(w) for w in meaningful)


# A medical head noun followed by a proper name: the name belongs to a disease, sign, device or formula
# (« maladie de Crohn », « signe de Babinski », « anneau de Carpentier », « clairance de Cockroft »).
EPONYM_HEADS = (
    "maladie|syndrome|signe|sign|anneau|valve|valvule|prothèse|prothese|sonde|manœuvre|manoeuvre|test|score|échelle|echelle|"
    "classification|critères|criteres|clairance|clearance|formule|méthode|methode|technique|opération|operation|intervention|"
    "procédure|procedure|triade|tétralogie|tetralogie|maladies|syndromes|signes|réflexe|reflexe|phénomène|phenomene|loi|"
    "cellules|cellule|corps|nodule|nodules|tumeur|lymphome|sarcome|paralysie|kyste|fracture|ligament|canal|trompe|"
    "angor|angine|thyroïdite|thyroidite|encéphalopathie|encephalopathie|dystrophie|myopathie|ataxie|chorée|choree|"
    "position|point|points|tache|taches|bacille|virus|index|indice|stade|grade|type|classe|épreuve|epreuve|cathéter|catheter|"
    "fièvre|fievre|ulcère|ulcere|bouton|abcès|abces|hernie|chancre|lèpre|lepre|figure|"
    # instruments, incisions and charts of obstetrics, surgery and rehabilitation (« incision de Pfannenstiel »,
    # « pince de Kocher », « attelle de Zimmer », « courbe de Gauss », « questionnaire de Dallas »)
    "incision|cicatrice|pince|forceps|spatules|ventouse|courbe|diagramme|règle|regle|questionnaire|grille|protocole|"
    "attelle|orthèse|orthese|plâtre|platre|collier|clou|plaque|anse|espace|membrane|gaine|aphasie|apraxie|réaction|reaction|"
    # malformations (« séquence de Pierre Robin », « malformation d'Arnold-Chiari », « anomalie d'Ebstein »)
    "séquence|sequence|malformation|anomalie|"
    # exercises of rehabilitation and a memory test (« pendulaires de Codman », « diagonales de Kabat », « empans de
    # Corsi »); never a word that takes a patient after it (« mobilisation de Paul », « posture de Marie »)
    "pendulaire|diagonale|empan|"
    # an instrument of the foot's examination and a word recall test counted in words (« monofilament de
    # Semmes-Weinstein », « 5 mots de Dubois »; « les mots de Mme Dubois » are what she said)
    r"monofilament|\d{1,2}\s+mot|"
    # instruments of the orthoptic examination (« baguette de Maddox », « réglette de Parinaud », « prisme de Berens »)
    "baguette|réglette|reglette|prisme"
)
# heads that letters also write straight before the name (« méthode Mézières », « manœuvre Valsalva »)
EPONYM_HEADS_BARE = ("méthode|methode|technique|manœuvre|manoeuvre|test|score|échelle|echelle|classification|indice|épreuve|epreuve|"
                     "attelle|orthèse|orthese|gestes|questionnaire")  # « Attelle Zimmer », « gestes Borel-Maisonny », « questionnaire Conners »
# the name, and a second one joined to it (« signe de Lasègue », « Charcot-Marie-Tooth », « Lund et Browder »,
# « manœuvres d'Ortolani et de Barlow »)
_EPONYM_NAME = (r"((?:[A-ZÉÈÀÂÎÔÛ][\w'’]*)(?:[ -](?:et\s+|&\s+)?[A-ZÉÈÀÂÎÔÛ][\w'’]*){0,3}"
                r"(?:\s+et\s+(?:de\s+|d['’]\s*)[A-ZÉÈÀÂÎÔÛ][\w'’]*(?:-[A-ZÉÈÀÂÎÔÛ][\w'’]*)*)?)")
# a head in the plural too (« manœuvres d'Ortolani », « critères de Rome », « tests de Jobe »)
EPONYM = re.compile(
    rf"\b(?:(?i:(?:{EPONYM_HEADS})s?)(?:\s+(?:\d{{1,2}}|[IV]{{1,4}}))?\s+(?:de\s+l['’]\s*|de\s+|d['’]\s*|du\s+)|(?i:(?:{EPONYM_HEADS_BARE})s?)\s+){_EPONYM_NAME}"
)


# A disease of the terminology that is no everyday word, before « de » and a proper name, heads an eponym too
# (« hypothyroïdie de Hashimoto », « ostéochondrite de Scheuermann »; the list above holds the everyday heads). Only
# disease nouns (-ite, -ose, -ie, -ome, -isme…): an adjective or an act is followed by the patient's name
# (« intervention chirurgicale de Ghazaryan Khachik », « appendicectomie de Dupont »).
TECHNICAL_EPONYM = re.compile(
    r"(?<![\w-])([^\W\d_]{5,})\s+(?:de\s+|d['’]\s*)((?:[A-ZÉÈÀÂÎÔÛ][\w'’]*)(?:-(?:et-)?[A-ZÉÈÀÂÎÔÛ][\w'’]*){0,3})")
DISEASE_NOUN = re.compile(r"(?:ite|ose|ie|ome|isme|eme)s?$")
MEDICAL_ACT = re.compile(r"(?:tomie|graphie|scopie|plastie|therapie|pexie|stomie)s?$")


# a word that heads a rehabilitation device as well as a place (« plateau de Freeman », « plateau de Saclay »): an
# eponym when the name is one that medicine writes or that people of other countries bear, never a French one
INSTRUMENT_OR_PLACE = re.compile(r"(?<![\w-])(?i:plateaux?|planches?)\s+(?:de\s+|d['’]\s*)([A-ZÉÈÀÂÎÔÛ][\w'’]*)(?![\w'’-])")


def _technical_eponyms(text: str) -> list[tuple[int, int]]:
    from gardien.pseudonym.names import everyday_words, surnames, surnames_of_elsewhere  # names imports this module

    found = []
    for m in INSTRUMENT_OR_PLACE.finditer(text):
        name = plain(m.group(1))
        if (name in eponyms() or name in surnames_of_elsewhere()) and name not in surnames():
            found.append(m.span(1))
    for m in TECHNICAL_EPONYM.finditer(text):
        head = plain(m.group(1))
        if head in vocabulary() and head not in everyday_words() and DISEASE_NOUN.search(head) and not MEDICAL_ACT.search(head):
            found.append(m.span(2))
    return found


@cache
def disease_eponyms() -> frozenset[str]:
    """The proper names that the CIM-10 labels put after a disease noun (« Maladie de Crohn », « Syndrome de
    Cushing »), as plain keys: written alone after « Patiente : », they are her disease, not her name. Without the
    names that are also first names, frequent surnames or frequent French words (« Turner », « Down », « Edwards »
    are borne by people too)."""
    from gardien.pseudonym.names import common_words, first_names, surnames  # names imports this module

    borne_by_people = first_names() | surnames() | common_words()
    found = set()
    for label in _lines("maladies.txt"):
        for m in EPONYM.finditer(label):
            head = plain(m.group(0).split()[0])
            name = plain(m.group(1))
            if DISEASE_NOUN.search(head) and name not in borne_by_people:
                found.add(name)
    return frozenset(found)


@cache
def eponyms() -> frozenset[str]:
    """Proper names that medicine writes alone (« Hashimoto », « Lachman », « Pancoast »), as plain keys: the eponyms
    of a medical spelling dictionary (eponymes.txt, see pseudonym/data/SOURCES.md), less the names that people in
    France bear too (first names, surnames of here and elsewhere, frequent French words: « Martin », « Bishop »)."""
    from gardien.pseudonym.names import common_words, first_names, surnames, surnames_of_elsewhere  # names imports this module

    borne_by_people = first_names() | surnames() | surnames_of_elsewhere() | common_words()
    return frozenset(plain(name) for name in _lines("eponymes.txt")) - borne_by_people


def eponym_or_medical(words: tuple[str, ...] | list[str]) -> bool:
    """Every word is an eponym or medicine, and one at least is an eponym written as one (« Hashimoto »,
    « Wolff-Parkinson-White »): a name in capitals is a surname as letters write them (« PAGET »)."""
    meaningful = [w for w in words if plain(w) not in NEUTRAL and len(plain(w)) > 1]
    return (any(plain(w) in eponyms() and not w.isupper() for w in meaningful)
            and all(plain(w) in eponyms() or is_medical(w) for w in meaningful))


@cache
def _units_pattern() -> re.Pattern:
    units = sorted({u for u in _lines("unites.txt") if not u.isalpha() or len(u) >= 1}, key=lambda u: (-len(u), u))
    unit = "|".join(re.escape(u) for u in units if u not in ("'", '"', "jour", "mois", "ans", "an", "j", "h", "s", "sem", "min", "mn"))
    # a number, then a unit, optionally divided by another unit or a power of ten (g/L, µmol/L, mL/min/1,73m², G/L, x10*9/L);
    # never a digit right after it: « 2026M01234 » is a record number, not 2026 molar
    return re.compile(
        rf"(?<![\w.,])(?:[<>≤≥][ \t]?)?\d+(?:[.,]\d+)?[ \t]?(?:x[ \t]?10[ \t]?[*^]?[ \t]?\d+[ \t]?)?(?:{unit})(?:[ \t]?/[ \t]?(?:[\d,.]+[ \t]?)?(?:{unit}|min|h|j|jour|24[ \t]?h))*(?![^\W\d_])(?!\d)",
        re.I,
    )


def measured_after(text: str, end: int) -> bool:
    """A quantity with its unit starts right after `end`, past spaces (« HGPO 75 g », « CRP 12 mg/L »)."""
    position = end + len(text[end:end + 3]) - len(text[end:end + 3].lstrip(" \t"))
    return position > end and bool(_units_pattern().match(text, position))


LAB_ROW = re.compile(r"^[ \t]*(?P<name>[^\W\d_][\w'’ .()+/-]{0,40}?)[ \t]*(?:[:|¦]|\t| {2,})[ \t]*[<>≤≥]?\s?\d[^\n]*$", re.M)


NUMBER_START = re.compile(r"(?<![\w.,])(?:[<>≤≥][ \t]?)?\d")


def measurements(text: str) -> list[tuple[int, int]]:
    """Values with a unit (« 420mg », « 71 µmol/L », « 1,32 g/L », « 245 G/L »). The long pattern of units is tried
    only where a number starts, not at every character."""
    pattern, spans, end = _units_pattern(), [], 0
    for start in NUMBER_START.finditer(text):
        if start.start() >= end and (m := pattern.match(text, start.start())):
            spans.append(m.span())
            end = m.end()
    return spans


def lab_rows(text: str) -> list[tuple[int, int]]:
    """Lines of a lab table: a lab test's name, then values (« Créatinine   71 µmol/L   (45 - 90) »,
    « TSH : 2,31 mUI/L »). The whole line keeps its numbers."""
    rows = []
    for m in LAB_ROW.finditer(text):
        name = plain(m.group("name").strip(" .:("))
        words = [w for w in re.split(r"[\s()'’/]+", name) if w]
        if name in lab_tests() or (words and words[0] in lab_tests()) or " ".join(words[:2]) in lab_tests():
            rows.append(m.span())
    return rows


# Clinical scores: a score's name, then the value an AI needs to answer (« Bishop 6/13 », « Glasgow 15/15 »,
# « EVA 7/10 », « Apgar 8/9/10 »). The model read « Bishop » as a person and an Apgar triplet reads like a date: a
# score's name and its values are kept whatever a rule or the model reads there (a date with its year stays a date).
# Each score with the highest value it takes: a number above it ends the score (« EVA 3/10 12/03/2025 »). Only the
# scores French practice letters write; the acronyms are matched in capitals only (« Eva » is a first name).
SCORES: dict[str, int] = {
    "Apgar": 10, "Bishop": 13, "Glasgow": 15, "GCS": 15, "Silverman": 10, "Malinas": 10, "Manning": 10, "EPDS": 30,
    "MMSE": 30, "MMS": 30, "NIHSS": 42, "EVA": 10, "EVS": 4, "EN": 10, "ENS": 10, "HAS-BLED": 9, "CHA2DS2-VASc": 9,
    "Fagerström": 10, "Norton": 20, "Braden": 23,
    # the pain scales of French practice for those who cannot say their pain (the elderly, children, newborns)
    "Algoplus": 5, "Doloplus": 30, "ECPA": 32, "EVENDOL": 15, "FLACC": 10, "EDIN": 15, "DN4": 10,
}
# score names that letters also write alone (« Bishop favorable »): medicine, never a person's name on the model's word
SCORE_WORDS = {"apgar", "bishop", "silverman", "malinas"}
_ACRONYMS = "|".join(re.escape(n) for n in sorted(SCORES, key=len, reverse=True) if n.isupper() or "-" in n)
_NAMES = "|".join(re.escape(n) for n in sorted(SCORES, key=len, reverse=True) if not (n.isupper() or "-" in n))
SCORE_NAME = re.compile(rf"(?<![\w-])(?:{_ACRONYMS}|(?i:{_NAMES}))(?![\w-])")
_TOPS = {name.casefold(): top for name, top in SCORES.items()}
# between the name and the first value: a few small words, never « le », « du », « au » (« Apgar normal, vu le
# 10/10/10 ») nor a capitalised word (« EVA Martin 7 » may be a person)
_SCORE_GAP = re.compile(r"[^\d\n;,.A-ZÉÈÀÂÎÔÛ]{0,25}?(?<!\b[Ll]e )(?<!\b[Dd]u )(?<!\b[Aa]u )(?=\d|[JM][ \t]?\d)")
# what a score's values are written with: values, the minute they were taken at (« 8 à 1 min »), the twin they
# belong to (« J1 », « J2 »), the minute markers (« M5 ») and the words between them (« et », « puis », « pour »); a
# value starts with a zero only before the scale it is out of (« EVA 03/10 » is a score, « Norton 06 12 34 56 78 » a
# name and a phone, « EVA 03/10/2025 » a date)
_SCORE_TOKEN = re.compile(
    r"[ \t]*(?:(?P<minute>(?:à[ \t]*)?\d{1,2}[ \t]*(?:minutes?|min|mn|['’])(?![^\W\d_]))|(?P<label>[JM][ \t]?\d{1,2}(?!\d))|"
    r"(?P<value>(?:0|[1-9]\d?|0[1-9](?=[ \t]*/[ \t]*[1-9]\d?(?![\d/])))(?:[.,]5)?(?![\d/]?\d{3})(?!\d))|(?P<sep>[/:=(),-]|et|puis|pour|à|sur)(?![^\W\d_]))")
# the term of a pregnancy: « 39 SA + 3 j », « 39SA+3j », « 39 SA et 3 jours », « 39+3 SA », « 39 SA + 3/7 »
GESTATIONAL_AGE = re.compile(
    r"(?<![\w/])\d{1,2}[ \t]*(?:\+[ \t]*[0-6][ \t]*(?:j(?:ours?)?)?[ \t]*SA|SA(?:[ \t]*(?:\+|et)[ \t]*[0-6](?:[ \t]*(?:jours?|j)"
    r"(?:[ \t]?/[ \t]?7)?|[ \t]?/[ \t]?7)?)?)(?![\w/])")


def scores(text: str) -> list[tuple[int, int]]:
    """Clinical scores, name and values (« Apgar J1 8/9/10, J2 10/10/10 », « Apgar 8 à 1 min, 10 à 5 min »,
    « Bishop à 6/13 »), and terms of pregnancy (« 39 SA + 3 j »)."""
    found = [m.span() for m in GESTATIONAL_AGE.finditer(text)]
    for name in SCORE_NAME.finditer(text):
        top = _TOPS[name.group(0).casefold()]
        gap = _SCORE_GAP.match(text, name.end())
        position, end = gap.end() if gap else name.end(), None
        while token := _SCORE_TOKEN.match(text, position):
            if token.group("value") and float(token.group("value").replace(",", ".")) > top:
                break
            if token.group("value") or token.group("minute"):
                end = token.end()
            position = token.end()
        if end is not None:
            found.append((name.start(), end))
    return found


# A product that no list knows (« Castor equi », « Biflex », « Vicryl Rapide », « Purelan ») is read by the model as a
# person or a place. What stands around it says it is medicine: a treatment word before it (« sous », « relais
# par », « prendre », « met du », « compression par », « suturée au »), a dose or a form after it (« 1 dose »,
# « 10 : 1 cp », « 20 mg », a suture thread « 3/0 »), or a test's result after it (« Romberg négatif »).
_ARTICLE = r"(?:du|de\s+la|de\s+l['’]|des|de|d['’]|au|aux|à\s+la|à\s+l['’]|un|une|le|la|les|l['’]|son|sa|ses|mon|ma|mes|ton|ta|tes|leur)"
# care nouns and participles that take the product after « par », « avec », « au » or an article (« traitement par »,
# « compression par », « lavage au », « application de », « suturée au »)
_CARE = (r"relais|relayée?s?|traitements?|traitée?s?|compression|contention|pansements?|sutures?|suturée?s?|fermée?s?|"
         r"refermée?s?|lavages?|lavée?s?|désinfection|désinfectée?s?|nettoyage|nettoyée?s?|rinçage|bains?|soins|"
         r"supplémentation|supplémentée?s?|vaccinée?s?|vaccination|induction|déclenchement|déclenchée?s?|maturation|"
         r"perfusion|perfusée?s?|injection|injectée?s?|application|instillation|prescription|introduction|arrêt|reprise|"
         r"majoration|augmentation|diminution|posologie|prise|anesthésie|analgésie|soulagée?s?|calmée?s?|protégée?s?")
# feeding a baby: the infant formula follows with « par » or an article (« allaitement mixte par Gallia », « complétée
# par Guigoz », « biberons de Modilac »), never « avec », which people come with (« allaitement avec sa voisine »)
_FEEDING = r"allaitement(?:\s+mixte|\s+artificiel)?|biberons?|compléments?|complétée?s?|complémentée?s?"
# verbs of taking or giving a product: the product follows them bare or with an article (« prendre Castor equi »,
# « elle met du Purelan »), never after « à » (« donné à Martin » is a person)
_TAKE = (r"prend|prendre|prends|prenait|pris|met|mettre|mets|mettait|mis|mise|applique|appliquer|appliquée?|utilise|utiliser|"
         r"utilisée?|administrée?|administrer|reçoit|reçu|reçue|recevoir|prescrite?|prescrire|conseillée?|conseiller|"
         r"débutée?|introduite?|arrêtée?|poursuivie?|essayée?|essayer|essais?|repris|reprise|reprend|reprendre|conseils?|conseillée?s?")
# what a product is sold as, written right before its name (« larmes artificielles Hylo-Comod », « crème Bepanthen »,
# « collyre Vismed », « bas de contention Sigvaris »), without an article: « le fils de Martin » is a person
_FORM_NOUN = (r"crèmes?|pommades?|gels?|collyres?|sprays?|sirops?|lotions?|huiles?|baumes?|larmes\s+artificielles|solutions?|"
              r"ovules?|comprimés?|gélules?|sachets?|ampoules?|patchs?|vaccins?|pansements?|compresses?|bas\s+de\s+contention|"
              r"bandes?(?:\s+de\s+contention|\s+cohésives?)?|tulles?|mèches?|films?|"
              r"tire-lait|téterelles?|bouts\s+de\s+sein|coussinets|coquilles(?:\s+d['’]allaitement)?|attelles?|orthèses?|ceintures?|"
              r"sondes?|dispositifs?|laits?(?:\s+(?:infantiles?|maternisés?|1er\s+âge|2e\s+âge|de\s+suite|de\s+croissance))?")
FORM_NOUN_START = re.compile(rf"(?i:{_FORM_NOUN})[ \t]+[A-ZÉÈÀÂÎÔÛ]")  # « coquilles Medela »: a product item
TREATMENT_BEFORE = re.compile(
    rf"(?i:(?<![\w-])(?:(?:{_CARE})\s+(?:par|avec|{_ARTICLE})|(?:{_FEEDING})\s+(?:par|{_ARTICLE})|(?:{_TAKE})(?:\s+{_ARTICLE})?|(?:{_FORM_NOUN})|(?<=[a-zà-ÿ,;(]\s)sous|(?m:^)sous))[ \t]*$")
# forms and routes written between a product's name and its dose (« Spasfon Lyoc 80 mg », « Metformine LP »)
_FORM = r"(?:LP|L\.P\.|LM|Gé|GE|Lyoc|Flash|Retard|Fort|Forte|Enfants?|Nourrissons?|Adultes?|Buvable|Injectable)"
_DOSE_UNIT = (r"(?:cp|cpr|comprimés?|gélules?|sachets?|ampoules?|capsules?|doses?|gouttes?|bouffées?|pulvérisations?|"
              r"injections?|applications?|suppositoires?|ovules?|patchs?|unidoses?|flacons?|pipettes?|dosettes?|stylos?|"
              r"seringues?|mg|µg|mcg|UI|mUI)")
# a route of administration (« Nalador IV », « Lovenox SC », « per os »)
_ROUTE = r"(?:IV|IVD|IVL|IM|SC|PO|per[ \t]+os|en[ \t]+IV|intraveineux|intraveineuse|sous-cutané|sous-cutanée|intramusculaire)"
DOSE_AFTER = re.compile(
    rf"[ \t]+{_ROUTE}(?![\w])|(?:[ \t]+{_FORM})*[ \t]*(?:\d+(?:[.,]\d+)?[ \t]*(?:(?:mg|µg|mcg|g|ml|%)(?:[ \t]*/[ \t]*\d*[ \t]*(?:ml|g|j|jour|h))?[ \t]*)?(?::[ \t]*)?)?"
    rf"(?:\d+(?:[.,]\d+)?[ \t]*)?(?i:{_DOSE_UNIT})(?![\w])|[ \t]+[1-8][ \t]*/[ \t]*0(?![\w/])")
# a test's result (« Romberg négatif », « Homans douteux »), a grade or a stage (« Chisholm grade 4 »), an index's or
# a scale's value (« Schober 10+4 »; a value over 10 only with « à », since « Dupont 5/10 » may be a date)
RESULT_AFTER = re.compile(r"[ \t]+(?:(?:direct|indirecte?|bilatéral|à[ \t]+droite|à[ \t]+gauche)[ \t]+)?"
                          r"(?i:positi(?:f|ve)s?|n[ée]gati(?:f|ve)s?|douteu(?:x|se)s?)(?![\w])"
                          r"|[ \t]+(?i:grade|stade|type|classe)[ \t]+(?:[0-9]|[IV]{1,4}\b)"
                          r"|[ \t]+\d+(?:[.,]\d+)?[ \t]*\+[ \t]*\d"
                          # an angle (« Lasègue à 40° »)
                          r"|[ \t]+à[ \t]+\d{1,3}[ \t]*°"
                          # a scale's value: « Berg à 45/56 », « Oswestry à 14 % », « Tinetti 20/28 »
                          r"|[ \t]+à[ \t]+\d+(?:[.,]\d+)?[ \t]*(?:/[ \t]*\d+|%)"
                          r"|[ \t]+\d{1,2}(?:[.,]\d)?[ \t]*/[ \t]*(?:20|28|30|40|42|50|56|60|100)(?![\d/])"
                          # a value closing a parenthesis (« (Harvey-Bradshaw 9) »), an age range (« EXALang 3-6 »)
                          r"|[ \t]+\d{1,2}(?:[.,]\d)?[ \t]*\)|[ \t]+\d{1,2}[ \t]*-[ \t]*\d{1,2}(?![\d/-])")

# two signs sharing one result (« Ortolani et Barlow négatifs », « Kernig et Brudzinski négatifs »): the first is a
# sign too
PAIRED_SIGN = re.compile(r"[ \t]+(?:et|ou)[ \t]+[A-ZÉÈÀÂÎÔÛ][\w'’-]*")
# a sign that the examination did not find (« pas de Lasègue », « absence de Léri »): one word after a negation,
# unless a first name or a frequent surname; never after « sans », which people come with too (« venue sans Kowalski »)
NEGATED_BEFORE = re.compile(r"(?i:(?<![\w-])(?:pas|plus|absence|jamais|ni)[ \t]+(?:de|d['’]|du))[ \t]*$")
# a test done on a day of the stay (« Guthrie à J3 », « (Guthrie) réalisé à J3 »); never a person met that day
# (« rendez-vous avec Kowalski à J8 »), nor a first name or a frequent surname
CARE_DAY_AFTER = re.compile(r"\)?[ \t]+(?:(?:fait|réalisé|prélevé|effectué)e?s?[ \t]+)?(?:à|au)[ \t]+J[ \t]?\d{1,2}(?!\d)")
WITH_BEFORE = re.compile(r"(?i:\bavec|\bpar|\bchez|\bvue?s?|\brevue?s?)[ \t]+$")
# a test taken or done (« Guthrie réalisé », « Kleihauer prélevé »): a person is not, and a first name or a frequent
# surname never reads so (checked by the caller)
SAMPLED_AFTER = re.compile(r"[ \t]+(?:prélevée?s?|réalisée?s?|effectuée?s?)(?![\w])")

# how a product is used, written right after its name when no dose is: the moment of care it goes with (« Purelan
# après les tétées », « à chaque change »), how often (« matin et soir », « 2 fois par jour ») or where it goes on the
# body (« Lansinoh sur les crevasses », « sur la plaie »: a word of the terminology, checked by the caller)
_CARE_MOMENT = r"(?:tétées?|tetées?|repas|changes?|douches?|toilettes?|bains?|soins|selles|biberons?|pansements?)"
USE_AFTER = re.compile(
    rf"[ \t]+(?i:(?:(?:après|avant|pendant|entre|lors[ \t]+des?)[ \t]+(?:les|chaque|la|le|l['’]|ses|sa|son)?[ \t]*|à[ \t]+chaque[ \t]+)"
    rf"{_CARE_MOMENT}(?![\w])|matin[ \t]+et[ \t]+soir|\d+[ \t]*(?:fois|x)[ \t]*(?:par|/)[ \t]*(?:jour|j|semaine)(?![\w])"
    rf"|(?P<on>sur[ \t]+(?:les|le|la|l['’]|ses|son|sa)[ \t]*(?P<part>[^\W\d_]+)))")


def _use_after(text: str, end: int) -> bool:
    m = USE_AFTER.match(text, end)
    if not m:
        return False
    if not m.group("on"):
        return True
    part = m.group("part")
    return is_medical(part) or (part[-1:] in "sx" and is_medical(part[:-1]))  # « crevasses », « mamelons »


# the items of a list of treatments (« Kardegic 160 mg, Plavix 75 mg, Zoloft », « Voltarène ou Advil », « la Lamaline
# et le Lyrica »): what separates two items, and the article an item may take
_ITEM_BEFORE = re.compile(r"(?:,|\bet|\bou|\bpuis)[ \t]+(?:(?:le|la|les|du|de[ \t]+la|des|l['’]|de|d['’])[ \t]*)?$", re.I)
_ITEM_AFTER = re.compile(r"[ \t]*(?:,|(?:et|ou|puis)(?![\w]))[ \t]*(?:(?:le|la|les|du|de[ \t]+la|des|l['’]|de|d['’])[ \t]*)?", re.I)
_ITEM_END = re.compile(r"[,;:()\n]|\b(?:et|ou|puis)\b", re.I)


# the heading of what is prescribed (« Traitement de sortie : », « Contraception : », « Vitamine D : »): the product
# follows it on its line, or starts each of the list's lines under it (« - Loxen LP 50 mg »)
TREATMENT_LABEL = re.compile(
    r"(?i:traitements?(?:[ \t]+(?:de[ \t]+sortie|actuels?|habituels?|en[ \t]+cours|médical(?:[ \t]+associé)?|proposés?|prescrits?|"
    r"local|locaux|antalgiques?))?|ttt|contraception|vaccins?|vaccinations?|antalgiques?|antalgie|antibiotiques?|"
    r"antibiothérapie|prescriptions?|ordonnance|supplémentation|vitamine[ \t]+[A-K]\d?|anticoagulation|tocolyse|"
    r"soins[ \t]+locaux|épreuves|tests[ \t]+utilisés|produits?)[ \t]*:[ \t]*")
_BULLET = re.compile(r"[ \t]*(?:[-–•*·]|\d+[.)])[ \t]*")


def _under_treatment_label(text: str, start: int, line_start: int) -> bool:
    """The product right after a treatment heading's colon, or first on a list line under such a heading."""
    if (label := TREATMENT_LABEL.search(text, line_start, start)) and label.end() == start:
        return True
    bullet = _BULLET.match(text, line_start)
    if not bullet or bullet.end() != start:
        return False
    previous_end = line_start - 1
    while previous_end > 0:  # up the list's lines to its heading
        previous_start = text.rfind("\n", 0, previous_end) + 1
        line = text[previous_start:previous_end]
        if TREATMENT_LABEL.search(line) and line.rstrip().endswith(":"):
            return True
        if not _BULLET.match(line):
            return False
        previous_end = previous_start - 1
    return False


def _a_drug_item(item: str) -> bool:
    """A list's item that names a drug of the terminology or gives a dose (« Plavix 75 mg », « Voltarène »)."""
    words = re.findall(r"[^\W\d_][\w'’-]*", item)
    return (any(plain(w) in drugs() or plain(w).replace("-", "") in joined_drugs() for w in words) or bool(DOSE_AFTER.match(" " + item.strip()))
            or bool(FORM_NOUN_START.match(item.strip())))


def treated_as_medicine(text: str, start: int, end: int) -> bool:
    """A word the model or a rule reads as a name or a place, at text[start:end], that a treatment word precedes, a
    dose, a form, a use or a test's result follows, or that stands in a list beside a drug: a product or a test. The caller
    keeps a title, a first name, a role or a place verb above this (« Mme Biflex », « Julie Castor », « née au Mans »)."""
    line_start = text.rfind("\n", 0, start) + 1
    if _product_named(text, start, end):
        return True
    # the dose or the result may follow the name's first word inside what the model took (« Bizarrex IV »)
    ends = [start + m.end() for m in re.finditer(r"[^\W\d_][\w'’-]*", text[start:end])]
    if (TREATMENT_BEFORE.search(text, max(line_start, start - 40), start) or _under_treatment_label(text, start, line_start)
            or any(DOSE_AFTER.match(text, e) or (RESULT_AFTER.match(text, e) and not _person_tested(text, start, e))
                   or _use_after(text, e) for e in ends)
            or ((pair := PAIRED_SIGN.match(text, end)) and RESULT_AFTER.match(text, pair.end()))
            or ((SAMPLED_AFTER.match(text, end) or NEGATED_BEFORE.search(text, max(line_start, start - 20), start)
                 or (CARE_DAY_AFTER.match(text, end) and not WITH_BEFORE.search(text, max(line_start, start - 8), start)))
                and " " not in text[start:end].strip() and not _a_known_name(text[start:end]))):
        return True
    if separator := _ITEM_BEFORE.search(text, max(line_start, start - 12), start):
        previous = text[line_start:separator.start()]
        cut = list(_ITEM_END.finditer(previous))
        if _a_drug_item(previous[cut[-1].end():] if cut else previous):
            return True
    if separator := _ITEM_AFTER.match(text, end):
        if separator.end() > end:  # the next item runs to the next separator, or to the line's end (the last item)
            following = _ITEM_END.search(text, separator.end())
            line_end = text.find("\n", separator.end())
            stop = min(following.start() if following else len(text), line_end if line_end >= 0 else len(text))
            return _a_drug_item(text[separator.end():stop])
    return False


def _product_named(text: str, start: int, end: int) -> bool:
    """What the model took holds the product's own form or drug at its start: what it is sold as (« Pansement Mepilex
    Border », « Crème Bepanthen ») or a drug of the terminology followed by more of the product's name (« Fer
    Inject »); a first name that is also a drug (« Diane Rochard ») stays a person."""
    if FORM_NOUN_START.match(text, start):
        return True
    words = re.findall(r"[^\W\d_][\w'’-]*", text[start:end])
    return len(words) > 1 and plain(words[0]) in drugs() and not _a_known_name(words[0])


# Words that no list knows (no drug, no first name, no surname, no French word: checked by the caller) are decided by
# the sentence they stand in, since a brand, a device or a cosmetic the terminology lacks (« Lansinoh », « Mepilex »,
# « Cicalfate ») is no person and no place: what is done with it, or a care the sentence is about.
# a device or a product handled (« Mepilex changé », « tire-lait Medela loué », « Cicalfate en application »)
HANDLED_AFTER = re.compile(r"[ \t]+(?:changée?s?|refaite?s?|renouvelée?s?|posée?s?|retirée?s?|louée?s?|appliquée?s?|"
                           r"conseillée?s?|prescrite?s?|bien[ \t]+tolérée?s?|en[ \t]+application|localement|en[ \t]+crème)(?![\w])"
                           r"(?![ \t]+(?:de|d['’]|du|des)(?![\w]))")  # « Kerbrat changée de chambre » is somebody
# a care that the sentence is about, before the word (« Correction de la position, Lansinoh. », « Pansement de
# l'ulcère : Mepilex Border changé »): local care only, not a word that a judgment or a letter uses otherwise (« arrêt »,
# « prise », « traitement »)
_CARE_DONE = (r"pansements?|soins[ \t]+locaux|applications?|crèmes?|pommades?|conseils?|conseillée?s?|"
              r"corrections?[ \t]+de[ \t]+la[ \t]+(?:position|prise|mise)|hydratation|compresses?|désinfection|nettoyage|"
              r"lavages?|rinçage")
CARE_IN_SENTENCE = re.compile(rf"(?i:(?<![\w-])(?:{_CARE_DONE}|cicatrisation|crevasses?|mamelons?|tétées?|biberons?|allaitement|"
                              r"laits?|compléments?)(?![\w-]))")
# the word closes its clause: « Lansinoh. », « Lansinoh, »; not before an age (« Quéméneur, 32 ans » is somebody)
CLAUSE_END = re.compile(r"[ \t]*(?:[.;)\n]|$|,(?![ \t]*\d))")
SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n")


def unknown_product(text: str, start: int, end: int) -> bool:
    """Words that no list knows, read by the model as a person or a place, that the sentence says are a product: handled
    (« Mepilex changé »), closing a clause of a care sentence (« Correction de la position, Lansinoh. »), or an item
    of an enumeration that holds a drug (« Cicalfate, Dexeryl, bas de contention Sigvaris »). A word met with
    « avec », « par », « chez » or « vu » is somebody met."""
    line_start = text.rfind("\n", 0, start) + 1
    if WITH_BEFORE.search(text, max(line_start, start - 8), start):
        return False
    if HANDLED_AFTER.match(text, end):
        return True
    sentence_start = _sentence_start(text, line_start, start)
    if CLAUSE_END.match(text, end) and CARE_IN_SENTENCE.search(text, sentence_start, start):
        return True
    # a sentence of this word alone (« Correction de la position.⏎Lansinoh. », « Soins de cordon.⏎Quéméneur. ») or
    # the object of a visit (« Vu pour Quéméneur ») is no proof: a rare surname stands there as well as a brand, so
    # it is masked unless the letter names it as a product elsewhere (engine: a product's word is one everywhere)
    return _in_drug_enumeration(text, start, end, line_start)


# an infant formula's age range after its name (« Nidal 1er âge », « Guigoz 2e âge »)
FORMULA_AGE_AFTER = re.compile(r"[ \t]+(?:1er|1ère|2e|2ème|3e|3ème|premier|deuxième|troisième)[ \t]+âge(?![\w])", re.I)
FEEDING_WORD = re.compile(r"(?i:(?<![\w-])(?:allaitement|biberons?|laits?|mesurettes?|compléments?|complétée?s?|tétées?)(?![\w-]))")

# « lait Nidal », « lait infantile Nidal »; « au », « du » (à le, de le), which no first name takes
MILK_BEFORE = re.compile(r"(?<![\w-])(?i:laits?(?:[ \t]+(?:infantiles?|maternisés?|artificiels?))?)[ \t]+$")
CONTRACTED_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(?:au|du)[ \t]+$")


def infant_formula(text: str, start: int, end: int, unknown: Callable[[str], bool]) -> bool:
    """A first name that is also an infant formula (« Nidal »), read without a title nor a surname: a product when its
    age range follows (« Nidal 1er âge »), when « lait » comes right before it (« lait Nidal »), or, in a sentence
    about feeding a baby (or right after one), after « au » or « du », which no first name takes (« Allaitement mixte.
    Passage au Nidal Confort. »), or listed beside a word that no list knows (`unknown`: « (Gallia, Nidal) »). Never
    after « avec », « par », « chez », « vu » (« biberons donnés par Nidal »)."""
    line_start = text.rfind("\n", 0, start) + 1
    if WITH_BEFORE.search(text, max(line_start, start - 8), start):
        return False
    if FORMULA_AGE_AFTER.match(text, end) or MILK_BEFORE.search(text, max(line_start, start - 30), start):
        return True
    sentence_start = _sentence_start(text, line_start, start)
    if not (FEEDING_WORD.search(text, sentence_start, start) or FEEDING_WORD.search(_sentence_before(text, sentence_start))):
        return False
    return bool(CONTRACTED_ARTICLE_BEFORE.search(text, max(line_start, start - 6), start)) or any(
        unknown(text[a:b].strip(" \t()")) for a, b in enumeration_neighbours(text, start, end, line_start))


def _sentence_start(text: str, line_start: int, start: int) -> int:
    """Where the sentence holding `start` begins, within its line."""
    return max([line_start] + [m.end() for m in SENTENCE_BREAK.finditer(text, line_start, start)])


def _sentence_before(text: str, sentence_start: int) -> str:
    """The sentence that ends where the one at `sentence_start` begins, within its paragraph (no blank line between)."""
    window = max(0, sentence_start - 300)  # a sentence is shorter than that; a long text is not read again each time
    before = text[window:sentence_start].rstrip()
    if not before or text[window + len(before):sentence_start].count("\n") > 1:
        return ""
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(before, 0, max(0, len(before) - 1))]
    return before[max(breaks, default=0):]


_ENUMERATION_BOUND = re.compile(r"[:;()\n]|[.!?](?=\s|$)")
_ENUMERATION_SEPARATOR = re.compile(r"[ \t]*(?:,|\b(?:et|ou|puis)\b)[ \t]*", re.I)


def _in_drug_enumeration(text: str, start: int, end: int, line_start: int) -> bool:
    """The word is one item of a list (between a colon, a semicolon or a sentence's end) of which another item names a
    drug of the terminology, gives a dose or a form (« M. Benhamou : Cicalfate, Dexeryl, bas de contention Sigvaris »)."""
    return any(text[a:b].strip() and _a_drug_item(text[a:b]) for a, b in enumeration_neighbours(text, start, end, line_start))


def enumeration_neighbours(text: str, start: int, end: int, line_start: int | None = None) -> list[tuple[int, int]]:
    """The other items of the list (between a colon, a semicolon or a sentence's end, separated by commas, « et »,
    « ou », « puis ») that the word at text[start:end] is an item of, as offsets; none when it stands in no list."""
    if line_start is None:
        line_start = text.rfind("\n", 0, start) + 1
    bounds_before = [m.end() for m in _ENUMERATION_BOUND.finditer(text, line_start, start)]
    left = max([line_start] + bounds_before)
    after = _ENUMERATION_BOUND.search(text, end)
    right = after.start() if after else len(text)
    items = [(m.start(), m.end()) for m in _ENUMERATION_SEPARATOR.finditer(text, left, right)]
    if not items:
        return []
    cuts = [left] + [p for s, e in items for p in (s, e)] + [right]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    others = [(a, b) for a, b in pieces if not (a <= start < b or a < end <= b)]
    return others if len(pieces) >= 2 else []


# « Julien positif au Covid », « Camille négative à la coqueluche »: somebody tested for something
TESTED_FOR = re.compile(r"[ \t]+(?i:positi(?:f|ve)s?|n[ée]gati(?:f|ve)s?)[ \t]+(?i:au|aux|à|pour)(?![\w])")


def _person_tested(text: str, start: int, end: int) -> bool:
    """A first name or a frequent surname right before a result and what it was tested for: a person, not a test."""
    return bool(TESTED_FOR.match(text, end)) and _a_known_name(text[start:end])


def _a_known_name(word: str) -> bool:
    """A first name or a frequent surname (« Martin réalisé » is no test)."""
    from gardien.pseudonym.names import first_names, surnames  # names imports this module

    return plain(word) in first_names() or plain(word) in surnames()


def protected(text: str) -> list[tuple[int, int, str]]:
    """Spans that are medicine, not identity: (start, end, kind) with kind "eponyme", "eponyme_technique", "mesure",
    "score" or "analyse". A technical eponym is weaker: a name with a first name beside it stays a name there."""
    spans = [(m.start(1), m.end(1), "eponyme") for m in EPONYM.finditer(text)]
    spans += [(s, e, "eponyme_technique") for s, e in _technical_eponyms(text)]
    spans += [(s, e, "mesure") for s, e in measurements(text)]
    spans += [(s, e, "score") for s, e in scores(text)]
    spans += [(s, e, "analyse") for s, e in lab_rows(text)]
    return spans
