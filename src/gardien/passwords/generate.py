"""Passphrases and random passwords, drawn with `secrets` only."""

from __future__ import annotations

import math
import secrets
import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations

DEFAULT_WORDS = 7  # the CNIL example of a passphrase (references.md MDP-02)
MIN_WORDS = 5
DEFAULT_LENGTH = 14
# Characters she can read back and type without a doubt: none of the look-alikes O/0, l/1/I, no quotes, and only the
# symbols of a French AZERTY keyboard that need no AltGr (# @ { } [ ] | \ need it on Windows and Linux) and are no dead
# key (^ ` ~ wait for the next key: « ^ » then « Z » gives « ^Z » or « Ẑ » depending on the computer). The same 19
# symbols are plain keys or Shift on a US keyboard too.
LOOK_ALIKES = "O0l1I"
SYMBOLS = "!$%&()*+,-./:;<=>?_"
# The CNIL's example of 12 characters of 4 types (MDP-02) assumes a list of at least 37 special characters; drawn
# from these 76 characters (19 symbols), 12 characters give 74.4 bits, 13 give 80.8: Gardien never hands out less
# than 80 bits.
MIN_LENGTH = 13
CLASSES = tuple("".join(c for c in group if c not in LOOK_ALIKES)
                for group in (string.ascii_lowercase, string.ascii_uppercase, string.digits, SYMBOLS))
# A draw in which Gardien's own checker finds a guessable pattern (a year, "abcd", a word) by
# chance, so that it would give a weaker verdict than the draw's entropy deserves, is discarded: the
# user must never be handed a password the checker then calls weaker.
# Discarding draws lowers the entropy a little (0.2 bit measured at 14 characters, see
# docs/benchmarks.md): the figure shown is lowered by this margin to stay on the safe side.
REJECTION_MARGIN_BITS = 0.5


@dataclass(frozen=True)
class Generated:
    password: str
    entropy_bits: float


@cache
def passphrase_words() -> tuple[str, ...]:
    text = resources.files("gardien.passwords.data").joinpath("phrase_fr.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def passphrase(words: int = DEFAULT_WORDS, accents: bool = False, separator: str = "-") -> Generated:
    """`words` different common French words drawn at random. The list stays unique without accents, so both
    forms carry the same entropy: log2 of the number of ordered draws of distinct words."""
    if words < MIN_WORDS:
        raise ValueError(f"au moins {MIN_WORDS} mots")
    vocabulary = passphrase_words()
    bits = sum(math.log2(len(vocabulary) - i) for i in range(words))
    while True:
        # a word already drawn is drawn again: the checker does not always see a word said twice (« voile-tableaux-
        # voile » was rated « fort »), and she should never be handed one
        chosen: list[str] = []
        while len(chosen) < words:
            word = secrets.choice(vocabulary)
            if word not in chosen:
                chosen.append(word)
        if not accents:
            chosen = [_plain(w) for w in chosen]
        candidate = separator.join(chosen)
        if _no_chance_pattern(candidate, bits):
            return Generated(candidate, round(bits - REJECTION_MARGIN_BITS, 1))


def random_password(length: int = DEFAULT_LENGTH) -> Generated:
    """`length` characters with at least one of each type (lowercase, uppercase, digit, symbol)."""
    if length < MIN_LENGTH:
        raise ValueError(f"au moins {MIN_LENGTH} caractères")
    alphabet = "".join(CLASSES)
    bits = math.log2(_valid_count(length))
    while True:  # rejection sampling keeps every accepted password equally likely
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if all(any(c in group for c in candidate) for group in CLASSES) and _no_chance_pattern(candidate, bits):
            return Generated(candidate, round(bits - REJECTION_MARGIN_BITS, 1))


def _no_chance_pattern(candidate: str, bits: float) -> bool:
    from gardien.passwords import strength

    deserved = strength.Verdict.STRONG if bits >= strength.STRONG_BITS else strength.Verdict.MEDIUM
    evaluation = strength.evaluate(candidate)
    return not evaluation.in_offline_list and evaluation.verdict == deserved


def _valid_count(length: int) -> int:
    """Number of passwords of `length` holding every class (inclusion-exclusion over missing classes)."""
    sizes = [len(group) for group in CLASSES]
    total = 0
    for missing in range(len(sizes) + 1):
        for subset in combinations(sizes, missing):
            total += (-1) ** missing * (sum(sizes) - sum(subset)) ** length
    return total
