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
MIN_LENGTH = 12  # the CNIL example: 12 characters of 4 types (MDP-02)
SYMBOLS = string.punctuation  # the 32 ASCII symbols: typable on every keyboard and accepted by most sites
CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits, SYMBOLS)


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
    """`words` common French words drawn at random. The list stays unique without accents, so both
    forms carry the same entropy: words × log2(list size)."""
    if words < MIN_WORDS:
        raise ValueError(f"au moins {MIN_WORDS} mots")
    vocabulary = passphrase_words()
    chosen = [secrets.choice(vocabulary) for _ in range(words)]
    if not accents:
        chosen = [_plain(w) for w in chosen]
    return Generated(separator.join(chosen), round(words * math.log2(len(vocabulary)), 1))


def random_password(length: int = DEFAULT_LENGTH) -> Generated:
    """`length` characters with at least one of each type (lowercase, uppercase, digit, symbol)."""
    if length < MIN_LENGTH:
        raise ValueError(f"au moins {MIN_LENGTH} caractères")
    alphabet = "".join(CLASSES)
    while True:  # rejection sampling keeps every valid password equally likely
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if all(any(c in group for c in candidate) for group in CLASSES):
            return Generated(candidate, round(math.log2(_valid_count(length)), 1))


def _valid_count(length: int) -> int:
    """Number of passwords of `length` holding every class (inclusion-exclusion over missing classes)."""
    sizes = [len(group) for group in CLASSES]
    total = 0
    for missing in range(len(sizes) + 1):
        for subset in combinations(sizes, missing):
            total += (-1) ** missing * (sum(sizes) - sum(subset)) ** length
    return total
