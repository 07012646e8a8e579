"""The spelling dictionaries shipped with pyspellchecker, loaded once per process: the mail analyser (misspellings),
the password checker (is it a French word?) and the encrypted sending's passphrase words read the same ones."""

from __future__ import annotations

from functools import cache


@cache
def checker(language: str):
    """pyspellchecker's dictionary of `language` (« fr », « en »)."""
    from spellchecker import SpellChecker

    return SpellChecker(language=language)
