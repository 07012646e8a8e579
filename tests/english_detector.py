"""A small, honest detector of English in what Gardien shows: command output, web pages.

Gardien's users read French; English reaches them mostly through libraries (click/typer's « Usage: »,
« Missing argument », pydantic's « Input should be… », the browser's « Choose File », a server's « Internal
Server Error »). The detector looks for two things:
- the phrases those libraries write (PHRASES), whatever the surrounding text;
- English words that French never uses (ENGLISH_WORDS: function words and interface words, chosen so that
  none is also a French word — « file », « range », « usage », « message », « on », « or », « an » are
  French too and are left out).
Before looking, it removes what is legitimately not French: the names of products and services (PROPER_NOUNS),
and what a user types or reads as code (options, paths, addresses, file names, identifiers, placeholders).
tests/test_journey.py proves it fires on the English strings Gardien used to show and stays quiet on French.
"""

from __future__ import annotations

import re

PHRASES = [
    r"\bUsage:", r"Show this message and exit", r"\bMissing (?:argument|option|parameter|command)\b",
    r"\bNo such (?:command|option)\b", r"\bDid you mean\b", r"\bInput should be\b", r"\bInvalid value\b",
    r"\bis not in the range\b", r"\bis not one of\b", r"\bis not a valid\b", r"(?:^|\n)\s*Error:",
    r"\bTry '[^']*' for help", r"\bAborted!?", r"\bunexpected extra argument", r"\brequires an argument\b",
    r"\bdoes not take a value\b", r"\bPossible options\b", r"\[default: ", r"\[required\]",
    r"(?:^|\n)\s*(?:Options|Commands|Arguments):", r"\[[yY]/[nN]\]", r"\bChoose Files?\b", r"\bNo file chosen\b",
    r"Traceback \(most recent call last\)", r"\bInternal Server Error\b", r"\bNot Found\b", r"\bMethod Not Allowed\b",
    r"\bUnprocessable (?:Entity|Content)\b", r"\bfield required\b",
]
ENGLISH_WORDS = frozenset("""
the and of to is are was were be been being this that these those with for from by it its you your yours
should must will would can could cannot not such than which what when where who whom whose has have had does
did doing into please there they them their we our if then else yes no any some every each only also just
here about after before because while until without within other another more most much many
missing invalid required error errors aborted submit cancel loading warning unknown choose chosen browse found
exit help show value values input inputs greater equal less mean default defaults try again back next previous
save saved settings success successful failed failure internal server upload download click select selected
enter press skip done password passwords command commands directory folder folders
""".split())
# Names of products, services and standards a French text may name as they are.
PROPER_NOUNS = ["Have I Been Pwned", "Let's Encrypt", "1Password"]
CODE = re.compile(
    r"\b[0-9a-f]{16,}\b|\b(?=[a-f]*\d)[0-9a-f]{6,}\b|https?://\S+|\S+@\S+|`[^`]*`|\[[A-Z_0-9]+\]|\{[^{}]*\}|\"[\w.-]+\""  # addresses, code, placeholders, JSON, "keys"
    r"|(?<![\w-])--?[\w-]+|\S*[/\\]\S*|\b\w+\.\w{2,4}\b|\b\w*_\w*\b|\b[A-Z]{2,}[A-Z0-9|…]*\b"  # options, paths, files, ids, METAVARS
    r"|\b[a-z0-9]{4}(?:-[a-z0-9]{4}){3,}\b"  # a key drawn at random (« hpnu-dexn-3nf6-kwrz-cdk2-y3by »): no words in it
)
WORD = re.compile(r"[A-Za-zÀ-ÿ']+(?:-[A-Za-zÀ-ÿ']+)*")  # « post-it », « sont-ils » are one word, not « it »


def _clean(text: str) -> str:
    for name in PROPER_NOUNS:
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text, flags=re.IGNORECASE)
    return CODE.sub(" ", text)


def english(text: str) -> list[str]:
    """What looks English in `text`: library phrases first, then English words; empty when all reads French."""
    found = [m.group(0).strip() for pattern in PHRASES for m in re.finditer(pattern, text)]
    for word in WORD.findall(_clean(text)):
        bare = word.strip("'").lower()
        if bare in ENGLISH_WORDS:
            found.append(word)
    return found


def english_lines(text: str) -> list[str]:
    """The lines of `text` that contain English, each with what was found in it (for an assertion message)."""
    lines = []
    gap = r"(?:\s|\x1b\[[0-9;]*m)+"  # a terminal may wrap a name (and close a style) between two of its words
    for name in PROPER_NOUNS:
        text = re.sub(gap.join(re.escape(word) for word in name.split()), lambda m: re.sub(r"\S", " ", m.group(0)), text)
    for line in text.splitlines():
        hits = english(line)
        if hits:
            lines.append(f"{line.strip()}  ⟵ {', '.join(dict.fromkeys(hits))}")
    whole = [p for p in PHRASES if re.search(p, text) and not any(re.search(p, line) for line in text.splitlines())]
    return lines + [f"(sur plusieurs lignes) {p}" for p in whole]
