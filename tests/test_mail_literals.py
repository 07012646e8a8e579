"""The lexicon's prefilter (mail/literals.py): a phrase is searched only in a message holding one of the strings it
cannot match without. It must never change what is found."""

from __future__ import annotations

import re

import pytest
from mail_fr_dev import load

from gardien.mail import content, literals
from gardien.mail.pasted import parse_text


@pytest.mark.parametrize("pattern, expected", [
    # hand-written regexes, in the lexicon's style
    ("votre colis.{0,80}(bloque|retenu)", {"votre colis"}),
    ("(fonds|somme|heritage|don|donation)\\b.{0,60}a votre nom", {"a votre nom"}),
    ("(ameli|cpam) remboursement", {" remboursement"}),
    ("(payer|regler) (frais|droits)", {"payer", "regler"}),
    ("(?<!une )carte vitale", {"carte vitale"}),
    ("compte( [\\w'-]+){1,3} (sera )?(suspendu|bloque)", {"compte"}),
    ("(de )?ou", None),  # nothing required long enough to filter on
    ("(a|b)?c", None),
])
def test_what_a_phrase_cannot_match_without(pattern, expected):
    needed = literals.required(pattern)
    assert (set(needed) if needed else None) == expected
    for text in ("on dirait votre colis bloque ici", "un don de 5 000 euros a votre nom", "cpam remboursement",
                 "regler frais", "sa carte vitale", "le compte du cabinet sera bloque"):
        if re.search(pattern, text):  # a match always holds one of the strings
            assert needed is None or any(word in text for word in needed), (pattern, text)


def test_every_phrase_of_the_lexicon_can_be_filtered():
    # the speed of the analysis rests on it (bench/mail.py): a phrase that requires nothing is searched in every message
    unfiltered = [phrase for category in content._lexicon().values()
                  for phrase, need in zip(category.phrases, category.needs, strict=True) if need is None]
    assert unfiltered == []


def test_the_filter_changes_nothing_found_on_the_development_texts():
    everything = {category: tuple(range(len(phrases.phrases))) for category, phrases in content._lexicon().items()}
    texts = [text.text for text in load()]
    assert len(texts) > 500
    for text in texts:
        folded = content._fold(" ".join(parse_text(text).text.split()))
        present = frozenset(word for word in content._needed() if word in folded)
        for category, chosen in everything.items():
            filtered = [m.group(0) for m in content._phrase_matches(category, folded, present)]
            whole = [m.group(0) for m in content._pattern(category, chosen).finditer(folded)]
            assert filtered == whole, (category, text[:80])
