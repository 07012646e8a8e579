"""Build the French data files of gardien.passwords from PyPI packages (run by developers, not at run time).

    python3 -m venv /tmp/build && /tmp/build/bin/pip install wordfreq==3.1.1 gender-guesser==0.4.0 \
        pyspellchecker==0.9.1 django==5.2.8 zxcvbn==4.5.0
    /tmp/build/bin/python scripts/build_password_data.py            # everything
    /tmp/build/bin/python scripts/build_password_data.py --listes   # the word lists only
    /tmp/build/bin/python scripts/build_password_data.py --fuites   # the breach filter only (needs django, zxcvbn)

Writes src/gardien/passwords/data/{mots_fr,prenoms_fr,phrase_fr}.txt, fuites.bloom and fuites.json.
Sources and licences are described in src/gardien/passwords/data/SOURCES.md.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import secrets
import unicodedata
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "gardien" / "passwords" / "data"
WORDS = 60_000  # French tokens kept for the strength estimator
PASSPHRASE_WORDS = 4096  # 12 bits a word: 7 words = 84 bits
# A false positive makes Gardien say a password was leaked when it was not: rare enough never to be met
# (1 in 10 million), for 170 kB instead of 96 kB at 1 in 10 000.
BLOOM_FALSE_POSITIVE = 1e-7
# Passphrase words must be French dictionary words: pyspellchecker's French dictionary (a dependency of Gardien)
# leaves out the proper nouns (cities, people, brands: londres, google, iphone), most English words (love, black,
# hello) and much slang of the common-words list. What it still holds and a practitioner must never be handed
# is listed below, accents removed: vulgar words and insults, violence, sex, drugs, identities, and the English
# words it knows. A word is compared without its accents and without a final « s » (plurals go with it).
PASSPHRASE_EXCLUDED = {
    # vulgar words and insults
    "merde", "putain", "salope", "salaud", "salopard", "connard", "connasse", "conne", "con", "connerie", "bordel",
    "enculer", "encule", "baiser", "baise", "pute", "bite", "couille", "nique", "niquer", "chier", "chiant",
    "chiotte", "foutre", "foutu", "foutue", "emmerder", "emmerde", "cul", "garce", "petasse", "batard", "pede",
    "tapette", "gouine", "negre", "negro", "bougnoule", "abruti", "cretin", "debile", "idiot", "imbecile", "tare",
    "stupide", "minable", "ordure", "pourri", "pourriture", "crever", "creve", "gueule", "cocu", "bouffon",
    # violence, death, disease
    "nazi", "hitler", "viol", "violer", "violeur", "suicide", "mort", "morte", "mourir", "cadavre", "cancer", "sida",
    "tuer", "tueur", "meurtre", "meurtrier", "assassin", "massacre", "torture", "terroriste", "attentat", "bombe",
    "genocide", "pedophile", "otage", "cercueil", "enterrer", "poison", "arme", "fusil", "pistolet", "meurent",
    # sex and drugs
    "porno", "sexe", "sexy", "sexuel", "sexuelle", "seins", "nichon", "fesse", "penis", "vagin", "sperme", "orgasme",
    "prostituee", "drogue", "cocaine", "heroine", "cannabis", "alcool", "ivre", "bourre", "bouffer",
    # identities a password must not carry
    "juif", "juive", "musulman", "musulmane", "islam", "islamiste", "arabe", "chretien", "catholique", "gay",
    "lesbienne",
    # English words the French dictionary also holds (loans a voice reads the English way)
    "girl", "show", "home", "business", "manager", "stock", "miss", "design", "support", "stop", "star", "fans",
    "rock", "look", "flash", "gang", "leader", "team", "live", "cool", "best", "game", "love", "baby", "boss",
    "boys", "data",
}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def french_words(wordfreq) -> list[str]:
    """wordfreq's French tokens by frequency, letters only, 3+ characters, with their unaccented forms."""
    ranked: list[str] = []
    seen: set[str] = set()
    for word in wordfreq.top_n_list("fr", WORDS * 2):
        if len(word) < 3 or not re.fullmatch(r"[a-zà-ÿœæ-]+", word):
            continue
        for form in (word, strip_accents(word)):
            if form not in seen:
                seen.add(form)
                ranked.append(form)
        if len(ranked) >= WORDS:
            break
    return ranked


def french_first_names(wordfreq) -> list[str]:
    """First names gender-guesser marks as used in France, ordered by their frequency in French text."""
    import gender_guesser.detector as detector

    countries = detector.Detector.COUNTRIES
    france = countries.index("france")
    # UTF-8, as gender-guesser itself reads it: read as Latin-1, « Hélène » became « hã©lã¨ne » and was dropped
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 31 or line[0] not in "MFM?=1":
            continue
        if line[0] == "=":  # "=  short long" lines are equivalences, not names
            continue
        name = line[3:29].strip().lower()
        if line[30 + france : 31 + france].strip() and re.fullmatch(r"[a-zà-ÿ'-]+", name):
            names.add(name)
    ordered = sorted(names, key=lambda n: (-wordfreq.word_frequency(n, "fr"), n))
    result, seen = [], set()
    for name in ordered:
        for form in (name, strip_accents(name)):
            if form not in seen:
                seen.add(form)
                result.append(form)
    return result


def excluded(word: str) -> bool:
    """In PASSPHRASE_EXCLUDED, compared without accents, and also without a final « s » (plural)."""
    plain = strip_accents(word)
    return plain in PASSPHRASE_EXCLUDED or plain.endswith("s") and plain[:-1] in PASSPHRASE_EXCLUDED


def french_dictionary() -> set[str]:
    """The words of pyspellchecker's French dictionary (Gardien's own dependency)."""
    from spellchecker import SpellChecker

    return set(SpellChecker(language="fr").word_frequency.dictionary)


def passphrase_words(words: list[str], first_names: set[str], dictionary: set[str]) -> list[str]:
    """Common words of 4 to 8 letters, easy to type, unique without accents, in the French dictionary, no first
    names, none of PASSPHRASE_EXCLUDED; by decreasing frequency, the first PASSPHRASE_WORDS."""
    chosen, seen = [], set()
    for word in words:
        plain = strip_accents(word)
        if not (4 <= len(word) <= 8) or not re.fullmatch(r"[a-zàâäçéèêëîïôöùûüÿ]+", word):
            continue
        if plain in seen or plain in first_names or word not in dictionary or excluded(word):
            continue
        seen.add(plain)
        chosen.append(word)
        if len(chosen) == PASSPHRASE_WORDS:
            break
    if len(chosen) < PASSPHRASE_WORDS:
        raise SystemExit(f"only {len(chosen)} passphrase words")
    return chosen


def breached_passwords() -> list[str]:
    """Django's 20,000 common passwords (from breaches) and zxcvbn's list from the Xato corpus."""
    from importlib.util import find_spec

    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    # the file only: importing django.contrib.auth would pull Django's own dependencies
    path = Path(find_spec("django").origin).parent / "contrib" / "auth" / "common-passwords.txt.gz"
    django_list = gzip.decompress(path.read_bytes()).decode("utf-8").split()
    return sorted(set(django_list) | set(FREQUENCY_LISTS["passwords"]))


def bloom(items: list[str]) -> tuple[bytes, dict]:
    from gardien.passwords.bloom import BloomFilter  # the same code that reads the filter at run time

    size = math.ceil(-len(items) * math.log(BLOOM_FALSE_POSITIVE) / math.log(2) ** 2)
    hashes = round(size / len(items) * math.log(2))
    bloom_filter = BloomFilter(bytearray((size + 7) // 8), size, hashes)
    for item in items:
        bloom_filter.add(item)
    trials = 10_000_000
    false_hits = sum(bloom_filter.might_contain(secrets.token_hex(8)) for _ in range(trials))
    meta = {
        "elements": len(items),
        "bits": size,
        "hashes": hashes,
        "target_false_positive_rate": BLOOM_FALSE_POSITIVE,
        "measured_false_positive_rate": false_hits / trials,
        "measured_on": f"{trials} random 16-hex-digit strings",
    }
    return bytes(bloom_filter.bits), meta


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    if "--fuites" in sys.argv:
        write_filter()
        return
    lists_only = "--listes" in sys.argv
    import wordfreq

    OUT.mkdir(parents=True, exist_ok=True)
    words = french_words(wordfreq)
    names = french_first_names(wordfreq)
    phrase = passphrase_words(words, set(names), french_dictionary())
    (OUT / "mots_fr.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    (OUT / "prenoms_fr.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    (OUT / "phrase_fr.txt").write_text("\n".join(phrase) + "\n", encoding="utf-8")
    meta = {} if lists_only else write_filter()
    print(f"{len(words)} words, {len(names)} first names, {len(phrase)} passphrase words, bloom {meta or 'unchanged'}")


def write_filter() -> dict:
    bits, meta = bloom(breached_passwords())
    (OUT / "fuites.bloom").write_bytes(bits)
    (OUT / "fuites.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


if __name__ == "__main__":
    main()
