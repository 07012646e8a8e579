"""The language a message is written in, and a sign when it is not one a practice in France reads every day.

A message's language is the one whose own frequent words it holds most (langues.txt, built from pyspellchecker's
word lists by scripts/build_mail_languages.py). SpamAssassin does the same with its TextCat plugin and
« ok_languages »: unsolicited mass mailings come in every language, a practitioner's correspondents write in French,
and international services in English.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources

from gardien.mail.signals import WEAK, Signal


class Language(StrEnum):
    FRENCH = "fr"
    ENGLISH = "en"
    GERMAN = "de"
    SPANISH = "es"
    PORTUGUESE = "pt"
    ITALIAN = "it"
    DUTCH = "nl"


READ_EVERY_DAY = {Language.FRENCH, Language.ENGLISH}
NAMES = {Language.GERMAN: "allemand", Language.SPANISH: "espagnol", Language.PORTUGUESE: "portugais",
         Language.ITALIAN: "italien", Language.DUTCH: "néerlandais"}
MIN_OWN_WORDS = 6  # distinct words of its own: fewer tell no language (a name, a brand, a quotation)
MARGIN = 2  # its own words at least twice those of any other language
SIGN = "texte.langue_inattendue"


@cache
def own_words() -> dict[str, Language]:
    text = resources.files("gardien.mail").joinpath("langues.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    return {word: Language(code) for code, word in pairs}


def of_words(words: set[str]) -> tuple[Language | None, list[str]]:
    """The language these distinct lower-case words are written in, with the words that tell it; None if unclear."""
    table = own_words()
    telling: dict[Language, list[str]] = {}
    for word in words & table.keys():
        telling.setdefault(table[word], []).append(word)
    ranked = sorted(((found, sorted(said)) for found, said in telling.items()), key=lambda pair: -len(pair[1]))
    if not ranked or len(ranked[0][1]) < MIN_OWN_WORDS:
        return None, []
    if len(ranked) > 1 and len(ranked[0][1]) < MARGIN * len(ranked[1][1]):
        return None, []
    return ranked[0]


def unexpected(words: set[str]) -> Signal | None:
    """The sign, when the message's distinct words are in a language other than French or English."""
    language, telling = of_words(words)
    if language is None or language in READ_EVERY_DAY:
        return None
    return Signal(SIGN, WEAK,
                  f"Ce message est écrit en {NAMES[language]}. Un cabinet en France en reçoit rarement de légitimes dans "
                  "cette langue, sauf d'un correspondant qu'il connaît : les envois en masse non sollicités, eux, "
                  "arrivent dans toutes les langues.",
                  f"langue : {language.value} ({', '.join(telling[:5])}…)")
