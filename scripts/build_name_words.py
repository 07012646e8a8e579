"""Build the first names and surnames that French writes as common words (run by developers, not at run time).

    apt-get install hunspell-fr-classical   # Dicollecte's French dictionary (Grammalecte), MPL 2.0
    python3 scripts/build_name_words.py

A first name or a surname typed in lower case in a quick note (« vu lea martin ») is a name when the dictionary
does not know it in lower case (« lea », « durand »), or knows it also as a proper name (« martin », a noun and a
first name; « moreau », a noun and a surname). A name that the dictionary knows in lower case only is an ordinary
word there (« blanc », « berger », « petit », « pierre » is a noun and a first name, so it stays a name): those are
written to src/gardien/pseudonym/data/noms_mots.txt, one a line, without accents, and gardien.pseudonym.names
never reads them as a name in lower case. Read as data only (the package is not installed by Gardien).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "gardien" / "pseudonym" / "data"
DICTIONARY = Path("/usr/share/hunspell/fr.dic")
PROPER = re.compile(r"po:(?:prn|patr|npr)")


def plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def main() -> None:
    lower, proper = set(), set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]:  # the first line is the count
        word = line.split("/")[0].split()[0] if line.strip() else ""
        if not word:
            continue
        if word[0].isupper():
            if PROPER.search(line):
                proper.add(plain(word))
        else:
            lower.add(plain(word))
    names = set()
    for file in ("prenoms.txt", "noms.txt"):
        names |= {plain(w) for w in (DATA / file).read_text(encoding="utf-8").split() if len(w) >= 3}
    words = sorted(n for n in names if n in lower and n not in proper)
    (DATA / "noms_mots.txt").write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} names written as common words")


if __name__ == "__main__":
    main()
