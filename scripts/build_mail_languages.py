"""Build src/gardien/mail/langues.txt, the words that tell a message's language (run by developers, not at run time).

    python3 scripts/build_mail_languages.py

For each language: its most frequent words in pyspellchecker's word-frequency lists (a dependency of Gardien, built
from OpenSubtitles), keeping only those that are not also frequent in one of the other languages (« que », « para »,
« die » belong to several), so that a message's language is the one whose own words it holds most.
"""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path

from spellchecker import SpellChecker

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from gardien.mail.language import Language  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "gardien" / "mail" / "langues.txt"
OWN_WORDS = 120  # words kept per language
SHARED_RANK = 2000  # a word this frequent in another language tells neither
MIN_LENGTH = 3  # the analyser reads words of three letters or more


def most_frequent(language: Language, count: int) -> list[str]:
    frequency = SpellChecker(language=language.value).word_frequency.dictionary
    words = (w for w in sorted(frequency, key=lambda w: (-frequency[w], w)) if w.isalpha() and len(w) >= MIN_LENGTH)
    return list(islice(words, count))


def main() -> None:
    frequent = {language: most_frequent(language, SHARED_RANK) for language in Language}
    lines = ["# Words that tell a message's language: written by scripts/build_mail_languages.py (do not edit by hand).",
             "# Source: pyspellchecker's word-frequency lists; each word is frequent in its language and not in the others."]
    for language in Language:
        others = {w for other, words in frequent.items() if other != language for w in words}
        own = [w for w in frequent[language] if w not in others][:OWN_WORDS]
        lines += [f"{language.value}\t{w}" for w in own]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 2} words")


if __name__ == "__main__":
    main()
