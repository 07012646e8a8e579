"""Build the eponyms of gardien.pseudonym (run by developers, not at run time).

    apt-get install hunspell-en-med hunspell-en-us   # OpenMedSpel, Debian's English medical spelling dictionary
    python3 scripts/build_eponym_data.py

Neither edsnlp's drug names nor the CIM-10 labels hold the names that medicine writes alone (« Hashimoto »,
« Lachman », « Pancoast »); no French terminology that has them is distributed as a package. The medical spelling
dictionary does, as proper names written with their possessive (« Hashimoto's », « Pancoast's ») or flagged to take
it (« Lachman/M »): those are eponyms, and so is a name written with its possessive in lower case that English
does not use as a word (« lasègue's »; not « jumper's »). Read as data only (the package is not installed by Gardien).
Writes src/gardien/pseudonym/data/eponymes.txt, one name a line, as written; the names that people in France bear
too are left out at run time, against the lists of first names and surnames (gardien.pseudonym.medical.eponyms).
"""

from __future__ import annotations

import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "gardien" / "pseudonym" / "data"
DICTIONARY = Path("/usr/share/hunspell/en_med_glut.dic")
ENGLISH = Path("/usr/share/hunspell/en_US.dic")  # hunspell-en-us: the common words of English
POSSESSIVE = re.compile(r"([^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*)(?:'s|')")
NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def main() -> None:
    english = {line.partition("/")[0] for line in ENGLISH.read_text(encoding="utf-8").splitlines()[1:]}
    eponyms = set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]:  # the first line is the count
        word, _, flags = line.partition("/")
        if m := POSSESSIVE.fullmatch(word):
            word = m.group(1)
            if word.islower():  # « lasègue's », « codman's »; not a common noun such as « jumper's »
                if word in english or word.rstrip("s") in english:
                    continue
                word = word[:1].upper() + word[1:]
        elif "M" not in flags:  # hunspell's M: takes « 's »
            continue
        # a proper name: a capital, then lower case (no acronym)
        if NAME.fullmatch(word) and word[:1].isupper() and not word.isupper() and len(word) >= 4:
            eponyms.add(word)
    (OUT / "eponymes.txt").write_text("\n".join(sorted(eponyms, key=str.casefold)) + "\n", encoding="utf-8")
    print(f"{len(eponyms)} eponyms")


if __name__ == "__main__":
    main()
