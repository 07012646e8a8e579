"""What a person would recognise as guessable in a password, and how Gardien says it.

zxcvbn finds every match, however small: a two-letter word, two neighbouring keys, "ab". In a password drawn at
random such matches appear by chance in most draws (measured: in about 9 random 12-character passwords out of 10),
and naming them invents a weakness (« 5F » read as « sf », a word of the profession). Gardien keeps only the
patterns people actually use to build passwords, at sizes where chance rarely produces them (measured in
docs/benchmarks.md): words of 4 letters or more written as people write words, keyboard walks of 4 keys or more,
« 123 » or « abcd », « aaa », a year, a whole date, a French postcode. Only these count in the estimate and in the explanation, each
with the part of the password it covers (kept for the estimate; the explanation names what it is, never the part).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum


class Misspelling(StrEnum):
    """A dictionary word typed with one change, as people misspell or bend a word (« troubador » for
    « troubadour »). Attackers' word rules try these too, at a cost counted in strength.py."""

    MISSING = "lettre_oubliee"  # troubadour -> troubador
    EXTRA = "lettre_en_trop"  # marguerite -> margueritte
    SWAPPED = "lettres_inversees"  # marguerite -> marguertie


MISSPELLING_TEXT = {Misspelling.MISSING: "une lettre en moins", Misspelling.EXTRA: "une lettre en trop",
                    Misspelling.SWAPPED: "deux lettres inversées"}


class PatternKind(StrEnum):
    WORD = "mot"
    KEYBOARD = "clavier"
    SEQUENCE = "suite"
    REPEAT = "repetition"
    YEAR = "annee"
    DATE = "date"
    POSTCODE = "code_postal"


# zxcvbn's dictionaries and Gardien's own (strength.py): what each word list means to the user
WORD_LISTS = {
    "passwords": "un mot de passe très répandu",
    "prenoms_fr": "un prénom",
    "male_names": "un prénom",
    "female_names": "un prénom",
    "surnames": "un nom de famille",
    "mots_fr": "un mot courant",
    "english_wikipedia": "un mot anglais courant",
    "us_tv_and_film": "un mot anglais courant",
    "metier": "un mot de votre métier",
}
FRENCH_LISTS = frozenset({"prenoms_fr", "mots_fr", "metier", "passwords"})
MIN_WORD = 4  # letters; shorter words turn up by chance in random characters (« qf », « Zap »)
MAX_SHORT_RANK = 2000  # a 4-letter word counts only among the most common ones of a French list
MIN_TRANSFORMED_WORD = 5  # a reversed or « l33t » word (P@ss…) needs more letters to be more than chance
MIN_REVERSED_WORD = 6
MIN_KEYBOARD_STRAIGHT = 4  # keys in a row or with one turn: « azer », « wxcv »
MIN_KEYBOARD_ANY = 6  # any walk: « 1qaz2wsx »
MIN_LETTER_SEQUENCE = 4  # « abcd »; « abc » appears by chance among random letters
MIN_DIGIT_SEQUENCE = 3  # « 123 », « 987 »
MIN_SAME_CHARACTER = 3  # « aaa », « !!! »
MIN_REPEATED_BLOCK = 6  # « abcabc », « 121212 »
MIN_DATE = 6  # « 120585 », « 12/05/85 »; four digits are a year (own pattern) or chance
# Five digits alone (no digit on either side) after a French département: metropolitan 01-95 (Corsica is 20),
# overseas 971-976, Monaco 980, 984-988. A town and its postcode (« Lyon69003 ») come to mind with where one works.
POSTCODE_REGEX = re.compile(r"(?<!\d)(?:(?:0[1-9]|[1-8]\d|9[0-5])\d{3}|97[1-6]\d\d|98[04-8]\d\d)(?!\d)")
POSTCODE_GUESSES = 95 * 1000 + 6 * 100 + 6 * 100  # every code of that shape: what an attacker runs through
KEYBOARDS = frozenset({"azerty", "qwerty", "keypad", "mac_keypad"})  # no Dvorak keyboard in French practices


@dataclass(frozen=True)
class Pattern:
    """One guessable part of a password: what it is, and where it lies (start included, end excluded)."""

    kind: PatternKind
    part: str
    start: int
    end: int
    word: str | None = None  # for a word: the dictionary word it stands for
    word_list: str | None = None
    rank: int | None = None  # the word's rank in its list (1 = most common)
    reversed: bool = False
    substituted: bool = False  # letters replaced by look-alike digits or symbols
    misspelled: Misspelling | None = None

    def details(self) -> str:
        """What the part is, without quoting it: « un prénom, avec une majuscule au début ». The password was typed
        hidden, often with a patient in the room: neither the part nor the word it stands for is ever shown."""
        if self.kind is not PatternKind.WORD:
            return {
                PatternKind.KEYBOARD: "une suite de touches voisines sur le clavier",
                PatternKind.SEQUENCE: "une suite de chiffres ou de lettres qui se suivent",
                PatternKind.REPEAT: "une répétition",
                PatternKind.YEAR: "une année",
                PatternKind.DATE: "une date",
                PatternKind.POSTCODE: "un code postal",
            }[self.kind]
        details = [WORD_LISTS.get(self.word_list or "", "un mot courant")]
        if self.misspelled:
            details.append(MISSPELLING_TEXT[self.misspelled])
        if self.reversed:
            details.append("écrit à l'envers")
        if self.substituted:
            details.append("des lettres remplacées par des chiffres ou des symboles")
        letters = "".join(c for c in self.part if c.isalpha())
        if len(letters) > 1 and letters.isupper():
            details.append("en majuscules")
        elif _CAMEL_CASE.fullmatch(letters):
            details.append("avec une majuscule à chaque mot")
        elif letters[:1].isupper():
            details.append("avec une majuscule au début")
        return ", ".join(details)


# plain parts said several times, counted (« 6 mots courants »): a passphrase read word by word was heavy and
# repetitive (walkthrough round 18: « un mot anglais courant, puis 2 parties à la suite, chacune un mot courant, puis… »)
PLURAL = {"un mot courant": "mots courants", "un mot anglais courant": "mots anglais courants", "un prénom": "prénoms",
          "un nom de famille": "noms de famille", "un mot de passe très répandu": "mots de passe très répandus",
          "un mot de votre métier": "mots de votre métier", "une année": "années", "une date": "dates",
          "une répétition": "répétitions"}
COMMON, ENGLISH = "un mot courant", "un mot anglais courant"


def describe_all(patterns: tuple[Pattern, ...] | list[Pattern]) -> str:
    """« un prénom, puis une année »: what each part is, in the password's order, never the part itself (the web
    page and `motdepasse verifier` would undo the hidden typing). Neighbours alike are counted:
    « 3 parties à la suite, chacune un prénom, avec une majuscule au début » (not « …, 3 fois », read as one word
    repeated); plain parts are counted: « 7 mots courants », and when order would only repeat itself, « 6 mots
    courants, dont 2 anglais »."""
    groups: list[list] = []  # [details, count]
    for pattern in patterns:
        details = pattern.details()
        if groups and groups[-1][0] == details:
            groups[-1][1] += 1
        else:
            groups.append([details, 1])
    if len(groups) > 1 and (alike := _alike_words(patterns)):
        return alike
    if len(groups) > 2 and all(details in PLURAL for details, _ in groups):
        counts = Counter(pattern.details() for pattern in patterns)
        if set(counts) == {COMMON, ENGLISH}:
            return f"{sum(counts.values())} mots courants, dont {counts[ENGLISH]} anglais"
        said = [details if count == 1 else f"{count} {PLURAL[details]}" for details, count in counts.items()]
        return ", ".join(said[:-1]) + " et " + said[-1]
    return ", puis ".join(details if count == 1 else f"{count} {PLURAL[details]}" if details in PLURAL
                          else f"{count} parties à la suite, chacune {details}" for details, count in groups)


ORDINALS = ("premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième")
COUNT_WORDS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six"}


def _alike_words(patterns: tuple[Pattern, ...] | list[Pattern]) -> str:
    """Words of one list written differently: « deux mots de passe très répandus mis bout à bout, le premier avec une
    majuscule au début » (review r24: « un mot de passe très répandu, avec une majuscule au début, puis un mot de
    passe très répandu » read garbled). "" when the parts are not all words of one list."""
    bases = {WORD_LISTS.get(p.word_list or "", COMMON) if p.kind is PatternKind.WORD else "" for p in patterns}
    base = bases.pop() if len(bases) == 1 else ""
    if base not in PLURAL or len(patterns) > len(ORDINALS):
        return ""
    marks = [f"le {ordinal} {how}" for ordinal, p in zip(ORDINALS, patterns, strict=False)
             if (how := p.details().removeprefix(base).removeprefix(", "))]
    joined = all(before.end == after.start for before, after in zip(patterns, patterns[1:], strict=False))
    return ", ".join([f"{COUNT_WORDS[len(patterns)]} {PLURAL[base]}" + (" mis bout à bout" if joined else ""), *marks])


def written_as_a_word(token: str, sub: dict[str, str]) -> bool:
    """A word with look-alike digits or symbols (`sub`) in place of a third of its letters at most, the rest written
    as people write words (« P@ssw0rd », not « p@S$w0Rd »)."""
    replaced = sum(1 for c in token if c in sub)
    letters = "".join(c for c in token if c not in sub)
    return replaced <= max(1, len(token) // 3) and letters.isalpha() and _written_as_a_word(letters)


def _written_as_a_word(letters: str) -> bool:
    """lowercase, Capitalised or UPPERCASE: how people write words (not « vOTe »)."""
    return letters.islower() or letters.isupper() or (letters[:1].isupper() and letters[1:].islower())


# « SageFemme », « MasseurKine »: the profession's compound words, written without their hyphen
_CAMEL_CASE = re.compile(r"(?:[A-Z][a-z]+){2,}")


def _letters(token: str) -> str:
    """A word's letters: « sage-femme » and « aujourd'hui » are words too."""
    return token.replace("-", "").replace("'", "")


def _word(match: dict) -> Pattern | None:
    token, name, rank = match["token"], match.get("dictionary_name", ""), match["rank"]
    if name not in WORD_LISTS:
        return None
    substituted = bool(match.get("l33t"))
    reversed_ = bool(match.get("reversed"))
    if substituted:
        if len(token) < MIN_TRANSFORMED_WORD or not written_as_a_word(token, match["sub"]):
            return None
    elif token.isdigit():  # « 123456 », « 2000 » from the list of common passwords
        if name != "passwords" or len(token) < MIN_WORD:
            return None
    elif not _letters(token).isalpha() or len(token) < MIN_WORD or not (
            _written_as_a_word(_letters(token)) or (name == "metier" and _CAMEL_CASE.fullmatch(token))):
        return None
    elif len(token) == MIN_WORD and (name not in FRENCH_LISTS or rank > MAX_SHORT_RANK):
        return None
    if reversed_ and len(token) < MIN_REVERSED_WORD:
        return None
    return Pattern(PatternKind.WORD, token, match["i"], match["j"] + 1, match["matched_word"], name, rank,
                   reversed_, substituted, match.get("misspelled"))


def _other(match: dict) -> Pattern | None:
    token, kind = match["token"], match["pattern"]
    start, end = match["i"], match["j"] + 1
    if kind == "spatial":
        letters = "".join(c for c in token if c.isalpha())
        same_case = not letters or letters.islower() or letters.isupper()
        long_enough = len(token) >= MIN_KEYBOARD_ANY or (len(token) >= MIN_KEYBOARD_STRAIGHT and match["turns"] <= 1)
        if match["graph"] in KEYBOARDS and same_case and long_enough:
            return Pattern(PatternKind.KEYBOARD, token, start, end)
    elif kind == "sequence":
        step = ord(token[1]) - ord(token[0])
        minimum = MIN_DIGIT_SEQUENCE if match["sequence_name"] == "digits" else MIN_LETTER_SEQUENCE
        if abs(step) == 1 and match["sequence_name"] in ("lower", "upper", "digits") and len(token) >= minimum:
            return Pattern(PatternKind.SEQUENCE, token, start, end)
    elif kind == "repeat":
        minimum = MIN_SAME_CHARACTER if len(match["base_token"]) == 1 else MIN_REPEATED_BLOCK
        if len(token) >= minimum:
            return Pattern(PatternKind.REPEAT, token, start, end)
    elif kind == "regex" and match.get("regex_name") == "recent_year":
        return Pattern(PatternKind.YEAR, token, start, end)
    elif kind == "regex" and match.get("regex_name") == PatternKind.POSTCODE.value:
        return Pattern(PatternKind.POSTCODE, token, start, end)
    elif kind == "date" and len(token) >= MIN_DATE:
        return Pattern(PatternKind.DATE, token, start, end)
    return None


def recognise(match: dict) -> Pattern | None:
    """The pattern a person would see in this zxcvbn match, or None for a match that is only chance."""
    if match["pattern"] == "dictionary":
        return _word(match)
    return _other(match)
