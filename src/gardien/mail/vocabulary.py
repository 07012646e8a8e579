"""The message's words weighed against the words of known traps and of honest mail: a Bayesian word filter
(Gary Robinson's method, as in SpamBayes and SpamAssassin's Bayes), for what no hand-written family names.

The word table (mots.txt) is learned by scripts/fit_mail_weights.py on the tuning halves of the corpora only, each
group of messages weighing an equal share, and stored as hashed words with their probability: the corpora's text is
not in the package. What the table says is told with the message's own words, the ones that weigh most among those
the lure families also found in it (quoting_lure_words), or with none. Its honest
side is French and English mail only: a message in another language gets the language's sign instead (language.py),
for the filter would call any such text a trap because of its language alone.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources

from gardien import fr
from gardien.mail import language
from gardien.mail.message import ParsedMail
from gardien.mail.signals import MEDIUM, TEXT_SCANNED, Signal

WORD = re.compile(r"\b[^\W\d_]{3,20}\b")  # a longer run of letters is no word of any language
# addresses and links are judged elsewhere; bounded, so that a huge token without « @ » is read once, not once per letter
_NOT_WORDS = re.compile(r"[^\s@]{1,64}@[^\s@]{1,255}|\b(?:https?://|www\.)\S+", re.I)
# Robinson's smoothing and SpamBayes' defaults: a word seen n times counts (s·x + n·p) / (s + n); only words at
# least MIN_STRENGTH away from 0.5 speak, the MAX_CLUES strongest of them
STRENGTH, NEUTRAL = 0.45, 0.5
MIN_STRENGTH = 0.1
MAX_CLUES = 150
# a few words prove nothing: « casino » and « remise » are a supermarket's offer as much as a scam's
MIN_CLUES = 10
# how close to the traps' words the message must be, and how close for the stronger form of the sign
LEVELS = (0.95, 0.995)
WORDS_SHOWN = 3
SHOWN_LENGTH = 4
SIGN = "texte.mots_de_piege"

MESSAGE = "Ses mots ressemblent beaucoup plus à ceux des messages piégés connus qu'à ceux du courrier honnête{examples}."
MESSAGE_STRONG = "Ses mots sont presque tous ceux des messages piégés connus, et très peu ceux du courrier honnête{examples}."


def _seen(mail: ParsedMail) -> str:
    """What the reader sees, in lower case: sender's name, subject and text, without addresses and links."""
    seen = "\n".join((mail.from_name, mail.subject, mail.text[:TEXT_SCANNED]))
    return _NOT_WORDS.sub(" ", seen).lower()


def words(mail: ParsedMail) -> set[str]:
    """The distinct words the reader sees."""
    return _words_in(_seen(mail))


def _words_in(seen: str) -> set[str]:
    return set(WORD.findall(seen))


# « aujourd » of « aujourd'hui »: counted by the filter as it was learned, never quoted to her as a word (review, round 24)
_ELIDED = re.compile(r"\b([^\W\d_]{3,20})['’][^\W\d_]")


def _fragments(seen: str) -> frozenset[str]:
    return frozenset(digest(word) for word in _ELIDED.findall(seen))


def digest(word: str) -> str:
    return hashlib.blake2b(word.encode(), digest_size=5).hexdigest()


UNSHOWN = "outil"  # mots.txt marks the most frequent words of a language: « ihre » tells the language, not the trap


@cache
def _lines() -> list[list[str]]:
    text = resources.files("gardien.mail").joinpath("mots.txt").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]


@cache
def table() -> dict[str, float]:
    return {fields[0]: float(fields[1]) for fields in _lines()}


@cache
def unshown() -> frozenset[str]:
    return frozenset(fields[0] for fields in _lines() if fields[2:] == [UNSHOWN])


def _chi2_survival(chi2: float, freedom: int) -> float:
    """P(X ≥ chi2) for a chi-squared law of an even number of degrees of freedom."""
    half = chi2 / 2.0
    term = total = math.exp(-half)
    for i in range(1, freedom // 2):
        term *= half / i
        total += term
    return min(total, 1.0)


def trap_likeness(probabilities: Iterable[float]) -> float:
    """Robinson's chi-squared combination: near 1 when the words are the traps', near 0 when honest mail's, 0.5
    when they say nothing or both."""
    clues = sorted((p for p in probabilities if abs(p - NEUTRAL) >= MIN_STRENGTH), key=lambda p: -abs(p - NEUTRAL))
    clues = clues[:MAX_CLUES]
    if len(clues) < MIN_CLUES:
        return NEUTRAL
    n = len(clues)
    trap = 1.0 - _chi2_survival(-2.0 * sum(math.log(1.0 - p) for p in clues), 2 * n)
    honest = 1.0 - _chi2_survival(-2.0 * sum(math.log(p) for p in clues), 2 * n)
    return (trap - honest + 1.0) / 2.0


def signal_for(found: set[str], probability: dict[str, float], not_shown: frozenset[str] = frozenset()) -> Signal | None:
    """The sign, when the message's words (`found`) are close enough to the traps' (`probability`: hashed word to
    probability of a trap); the hashed words `not_shown` are never quoted."""
    if language.unexpected(found):  # its honest side never read that language: it would only tell the language
        return None
    return _filter_sign(found, probability, not_shown)


def _filter_sign(found: set[str], probability: dict[str, float], not_shown: frozenset[str]) -> Signal | None:
    keys = {word: digest(word) for word in found}
    known = {word: probability[key] for word, key in keys.items() if key in probability}
    likeness = trap_likeness(known.values())
    if likeness < LEVELS[0]:
        return None
    strong = likeness >= LEVELS[1]
    # the words told are whole words she can find in the message (« eur » or « les » would tell her nothing)
    telling = tuple(sorted((w for w in known if known[w] - NEUTRAL >= MIN_STRENGTH and len(w) >= SHOWN_LENGTH and keys[w] not in not_shown),
                           key=lambda w: (-known[w], w)))
    return Signal(SIGN, MEDIUM, _message(strong, telling[:WORDS_SHOWN]),
                  f"filtre de mots (bayésien) : ressemblance de {fr.percent(likeness, 2)} avec les messages piégés "
                  f"({len(known)} mots connus)",
                  repeated=strong, words=telling)


def _message(strong: bool, examples: Iterable[str]) -> str:
    shown = "\u00a0», «\u00a0".join(examples)
    return (MESSAGE_STRONG if strong else MESSAGE).format(examples=" (par exemple «\u00a0" + shown + "\u00a0»)" if shown else "")


_QUOTED = re.compile(r"«\s*([^«»]{1,300}?)\s*»")
LURE_FAMILIES = "contenu."


def quoting_lure_words(found: list[Signal]) -> list[Signal]:
    """The word filter's sign quoting only words that the lure families also found in the message (« expiration » in
    « arrive à expiration »), or none. The words that weigh most in the table are often a trade's everyday words that
    the hand-written honest texts happen to lack (« numérique », « télétransmissions » for a midwife, walkthrough,
    round 22): quoted as « words of traps », they make the whole warning look silly. This changes no verdict."""
    lure_words = {w for s in found if s.id.startswith(LURE_FAMILIES) for quote in _QUOTED.findall(s.message)
                  for w in WORD.findall(quote.lower())}
    return [replace(s, message=_message(s.repeated, [w for w in s.words if w in lure_words][:WORDS_SHOWN]))
            if s.id == SIGN and s.words else s for s in found]


def vocabulary(mail: ParsedMail) -> list[Signal]:
    """The word filter's sign; for a message in a language other than French or English, the language's sign instead."""
    seen = _seen(mail)
    found = _words_in(seen)
    sign = language.unexpected(found) or _filter_sign(found, table(), unshown() | _fragments(seen))  # the language read once
    return [sign] if sign else []
