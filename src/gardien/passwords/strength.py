"""Password strength the way attackers guess: zxcvbn, taught French.

Additions to zxcvbn (set up once, on first use):
- dictionaries: French words and first names (wordfreq, gender-guesser), words of the profession;
- an AZERTY keyboard graph, so that "azerty" or "wxcvbn" count as keyboard walks;
- years up to 2099 (zxcvbn 4.5 stops at 2019);
- brute-force cost by the character classes the password uses (lowercase 26, uppercase 26, digits 10,
  other 33) instead of zxcvbn's flat 10 per character, so that a truly random password gets the
  entropy the CNIL counts. The whole password's alphabet is used for every unexplained segment: an
  attacker does not know where one segment ends.
The CNIL thresholds (references.md MDP-01, recommendation 2022-100, not read in the primary text):
80 bits for a password used alone; 50 bits when the account limits failed attempts.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from gardien.passwords.bloom import BloomFilter

STRONG_BITS = 80  # CNIL case 1: password alone
MEDIUM_BITS = 50  # CNIL case 2: with access restriction (attempt limits, delays)
MAX_EVALUATED = 72  # zxcvbn's limit: a longer password is judged on its first 72 characters (a lower bound)
CLASS_SIZES = (("minuscules", 26), ("majuscules", 26), ("chiffres", 10), ("autres", 33))

VERDICT_WEAK, VERDICT_MEDIUM, VERDICT_STRONG = "faible", "moyen", "fort"
CNIL_ALONE = "mot_de_passe_seul"  # >= 80 bits
CNIL_RESTRICTED = "avec_restriction_d_acces"  # >= 50 bits
CNIL_NOTE = ("Seuils CNIL (recommandation 2022, recommandation courante) : 80 bits pour un mot de passe seul, "
             "50 bits si le compte se bloque après des essais ratés.")

_lock = threading.Lock()


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one password. It never holds the password itself."""

    entropy_bits: float
    verdict: str
    cnil: str | None
    reasons: tuple[str, ...]
    in_offline_list: bool
    length: int


def _data(name: str) -> str:
    return resources.files("gardien.passwords.data").joinpath(name).read_text(encoding="utf-8")


def _words(name: str) -> list[str]:
    return [line.strip() for line in _data(name).splitlines() if line.strip()]


# Physical positions are the same on AZERTY and QWERTY keyboards: map each QWERTY key to its AZERTY twin.
_QWERTY_TO_AZERTY = dict(
    zip(
        "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+ qQ wW eE rR tT yY uU iI oO pP [{ ]} \\| "
        "aA sS dD fF gG hH jJ kK lL ;: '\" zZ xX cC vV bB nN mM ,< .> /?".split(),
        "²³ &1 é2 \"3 '4 (5 -6 è7 _8 ç9 à0 )° =+ aA zZ eE rR tT yY uU iI oO pP ^¨ $£ *µ "
        "qQ sS dD fF gG hH jJ kK lL mM ù% wW xX cC vV bB nN ,? ;. :/ !§".split(),
        strict=True,
    )
)


def azerty_graph(qwerty: dict[str, list[str | None]]) -> dict[str, list[str | None]]:
    """The AZERTY adjacency graph, built from zxcvbn's QWERTY graph by key position."""
    graph: dict[str, list[str | None]] = {}
    for qwerty_key, azerty_key in _QWERTY_TO_AZERTY.items():
        neighbours = [_QWERTY_TO_AZERTY.get(n) if n else None for n in qwerty[qwerty_key[0]]]
        for char in azerty_key:
            graph[char] = neighbours
    return graph


def charset_size(password: str) -> int:
    """Size of the alphabet an attacker must try for this password: the classes it uses."""
    present = (
        any(c.isascii() and c.islower() for c in password),
        any(c.isascii() and c.isupper() for c in password),
        any(c.isascii() and c.isdigit() for c in password),
        any(not (c.isascii() and c.isalnum()) for c in password),
    )
    return sum(size for (_, size), used in zip(CLASS_SIZES, present, strict=True) if used)


_bruteforce_cardinality = 10  # set for each evaluation, under _lock


def _class_bruteforce_guesses(match: dict) -> int:
    # the segments zxcvbn cannot explain cost the whole password's alphabet per character
    minimum = 11 if len(match["token"]) == 1 else 51  # as zxcvbn: just above its smallest real match
    return max(_bruteforce_cardinality ** len(match["token"]), minimum)


@cache
def _zxcvbn():
    """Import zxcvbn and teach it French, once."""
    import zxcvbn
    from zxcvbn import matching, scoring

    matching.add_frequency_lists(
        {"mots_fr": _words("mots_fr.txt"), "prenoms_fr": _words("prenoms_fr.txt"), "metier": _words("metier.txt")}
    )
    matching.GRAPHS["azerty"] = azerty_graph(matching.GRAPHS["qwerty"])
    matching.REGEXEN["recent_year"] = re.compile(r"19\d\d|20\d\d")
    scoring.REFERENCE_YEAR = date.today().year
    scoring.bruteforce_guesses = _class_bruteforce_guesses
    return zxcvbn.zxcvbn


@cache
def offline_list() -> BloomFilter:
    import json

    meta = json.loads(_data("fuites.json"))
    bits = resources.files("gardien.passwords.data").joinpath("fuites.bloom").read_bytes()
    return BloomFilter(bits, meta["bits"], meta["hashes"])


def warm_up() -> None:
    """Load dictionaries now rather than at the first evaluation."""
    _zxcvbn()
    offline_list()


_DICTIONARY_WORDS = {
    "passwords": "un mot de passe très répandu",
    "prenoms_fr": "un prénom",
    "male_names": "un prénom",
    "female_names": "un prénom",
    "surnames": "un nom de famille",
    "mots_fr": "un mot ou un nom courant",
    "english_wikipedia": "un mot courant (anglais)",
    "us_tv_and_film": "un mot courant (anglais)",
    "metier": "un mot de votre métier",
    "user_inputs": "une information sur vous",
}


def _describe(match: dict) -> str | None:
    pattern = match["pattern"]
    if pattern == "dictionary":
        token = match["token"]
        details = []
        if match.get("reversed"):
            details.append("écrit à l'envers")
        if match.get("l33t"):
            details.append("des lettres remplacées par des chiffres ou des symboles")
        if token[:1].isupper() and token[1:].islower():
            details.append("une majuscule au début")
        elif token.isupper() and len(token) > 1:
            details.append("en majuscules")
        text = _DICTIONARY_WORDS.get(match.get("dictionary_name", ""), "un mot courant")
        return f"{text} ({', '.join(details)})" if details else text
    return {
        "spatial": "une suite de touches voisines sur le clavier",
        "sequence": "une suite logique (abcd, 1234…)",
        "repeat": "une répétition",
        "regex": "une année",
        "date": "une date",
    }.get(pattern)


def evaluate(password: str) -> Evaluation:
    """Evaluate one password. The password is neither kept, nor logged, nor written anywhere."""
    if not password:
        return Evaluation(0.0, VERDICT_WEAK, None, ("Le mot de passe est vide.",), False, 0)
    estimate = _zxcvbn()
    global _bruteforce_cardinality
    with _lock:  # zxcvbn and this module keep per-call state in module globals
        _bruteforce_cardinality = max(charset_size(password), 10)
        result = estimate(password[:MAX_EVALUATED])
    bits = round(math.log2(max(float(result["guesses"]), 1.0)), 1)
    in_list = offline_list().might_contain(password)
    reasons = []
    parts = [d for m in result["sequence"] if (d := _describe(m))]
    strong = bits >= STRONG_BITS and not in_list
    if parts and not strong:
        reasons.append("Il se devine comme : " + ", puis ".join(parts) + ".")
    if in_list:
        reasons.append("Il figure dans les listes de mots de passe divulgués lors de fuites : les pirates l'essaient en premier.")
    if len(password) < 12:
        reasons.append(f"Il ne fait que {len(password)} caractères ; la CNIL donne en exemple au moins 12 caractères de 4 types, ou 14 sans caractère spécial.")
    if any(m.get("dictionary_name") == "metier" for m in result["sequence"]):
        reasons.append("Un mot de votre métier se devine facilement pour qui sait où vous travaillez.")
    if in_list or bits < MEDIUM_BITS:
        verdict, cnil = VERDICT_WEAK, None
    elif not strong:
        verdict, cnil = VERDICT_MEDIUM, CNIL_RESTRICTED
        reasons.append("Suffisant seulement pour un compte qui se bloque après quelques essais ratés ; utilisé seul, il faut 80 bits.")
        if bits >= STRONG_BITS - 10:
            reasons.append("Il s'en faut de peu : quelques caractères ou un mot de plus suffisent.")
    else:
        verdict, cnil = VERDICT_STRONG, CNIL_ALONE
        reasons.append("Long et imprévisible : au-delà des 80 bits que la CNIL donne pour un mot de passe utilisé seul.")
    if verdict != VERDICT_STRONG:
        reasons.append("Préférez une phrase de passe de 7 mots tirés au hasard : gardien motdepasse generer.")
    return Evaluation(bits, verdict, cnil, tuple(reasons), in_list, len(password))
