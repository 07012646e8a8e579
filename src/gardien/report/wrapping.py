"""Line breaks in the terminal as French typography wants them: never between a guillemet and the words it opens or
closes (« Standard » stays whole, no « » » alone at the start of a line), nor at a no-break space.

Rich cuts a line at any whitespace, no-break spaces included: its word pattern is `\\s*\\S+\\s*`, and Python's `\\s`
matches U+00A0 and U+202F (Textualize/rich#3545, still open). `install()` gives Rich, once for the whole command line
(cli.main), a word pattern in which the space just inside guillemets and the no-break spaces join; `fill()` does the
same for textwrap (the command's help, the mail report's paragraphs). The spaces printed stay ordinary ones: a legacy
Windows console has no U+202F, and a command copied from a box must not carry a no-break space.
"""

from __future__ import annotations

import re
import textwrap

from gardien import fr

NO_BREAK = "\u00a0\u202f"
# a word: breakable spaces, then characters, no-break spaces and the spaces inside guillemets, then breakable spaces
WORD = re.compile(rf"[^\S{NO_BREAK}]*(?:[\S{NO_BREAK}]|(?<=«)\s+|\s+(?=»))+[^\S{NO_BREAK}]*")


def install() -> None:
    """Rich's wrapping keeps « … » and no-break spaces together (every Console of this process)."""
    from rich import _wrap

    if isinstance(getattr(_wrap, "re_word", None), re.Pattern):  # a Rich without it wraps its own way: left alone
        _wrap.re_word = WORD


def fill(text: str, width: int, **options) -> str:
    """textwrap.fill, never breaking just inside guillemets (textwrap breaks at ASCII spaces only)."""
    return textwrap.fill(fr.hold_guillemets(text), width, **options).replace(fr.NO_BREAK_SPACE, " ")
