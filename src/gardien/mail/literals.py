"""The words a phrase of the lexicon cannot match without. A phrase none of whose words is in a message is not searched
there: the lexicon's regexes were a third of the analysis time (profile, round 13), although most of its phrases can
be ruled out by one substring test. Only what the regex itself requires is used, so what is found does not change."""

from __future__ import annotations

from re import _constants as sre  # the standard library's own reader of regexes (used by re.compile)
from re import _parser

MIN_LENGTH = 3  # shorter strings are in nearly every message: no use as a filter

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains, or None when no such strings can be told."""
    best = _best(_candidates(_parser.parse(pattern)))
    return best if best and min(map(len, best)) >= MIN_LENGTH else None


def _candidates(sequence) -> list[frozenset[str]]:
    """For a parsed sequence: sets of strings, each set holding one string that every match contains."""
    found: list[frozenset[str]] = []
    run = ""
    for op, value in sequence:
        if op is sre.LITERAL:
            run += chr(value)
            continue
        if run:  # anything else ends a run of letters that must follow each other
            found.append(frozenset({run}))
            run = ""
        if op is sre.SUBPATTERN:
            found.extend(_candidates(value[-1]))
        elif op is sre.BRANCH:
            # one of the branches matches: their best strings together are required
            branches = [_best(_candidates(branch)) for branch in value[1]]
            if all(branches):
                found.append(frozenset().union(*branches))
        elif op in _REPEATS and value[0] >= 1:
            found.extend(_candidates(value[2]))
        # anything else (a class of characters, an optional part, a look-around) requires nothing for sure
    if run:
        found.append(frozenset({run}))
    return found


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling set: the one whose shortest string is longest."""
    return max(candidates, key=lambda strings: min(map(len, strings)), default=None)
