"""Line breaks in the terminal as French typography wants them: never between a guillemet and the words it opens or
closes (« Standard » stays whole, no « » » alone at the start of a line), nor at a no-break space.

Rich cuts a line at any whitespace, no-break spaces included: its word pattern is `\\s*\\S+\\s*`, and Python's `\\s`
matches U+00A0 and U+202F (Textualize/rich#3545, still open). `install()` gives Rich, once for the whole command line
(cli.main), a word pattern in which the space just inside guillemets and the no-break spaces join; `fill()` does the
same for textwrap (the command's help, the mail report's paragraphs). The spaces printed stay ordinary ones: a legacy
Windows console has no U+202F, and a command copied from a box must not carry a no-break space.
"""

from __future__ import annotations

import builtins
import re
import textwrap

from gardien import fr

NO_BREAK = "\u00a0\u202f"
# a word: breakable spaces, then characters, no-break spaces and the spaces inside guillemets, then breakable spaces
# (and the space before « : ; ! ? », which French sets apart from its word but never at the start of a line)
WORD = re.compile(rf"[^\S{NO_BREAK}]*(?:[\S{NO_BREAK}]|(?<=«)\s+|\s+(?=»)|[ ]+(?=[:;!?](?:\s|$)))+[^\S{NO_BREAK}]*")


def install() -> None:
    """Rich's wrapping keeps « … » and no-break spaces together (every Console of this process)."""
    from rich import _wrap

    if isinstance(getattr(_wrap, "re_word", None), re.Pattern):  # a Rich without it wraps its own way: left alone
        _wrap.re_word = WORD


# the space before French high punctuation stays with its word: no line starts with « : » or « ? »
_BEFORE_PUNCTUATION = re.compile(r" (?=[:;!?](?:\s|$))")


def fill(text: str, width: int, **options) -> str:
    """textwrap.fill, never breaking just inside guillemets nor before « : ; ! ? » (textwrap breaks at ASCII spaces
    only)."""
    held = _BEFORE_PUNCTUATION.sub(fr.NO_BREAK_SPACE, fr.hold_guillemets(text))
    return textwrap.fill(held, width, **options).replace(fr.NO_BREAK_SPACE, " ")


# What a line of plain output may open with: its continuation lines go under its words, not under the marker
# (« a) Dans Gardien, ouvrez… », « • Le message… », « 3. Choisissez… », « [ 3] Bonjour… » in the training's exercise)
_MARKER = re.compile(r"[ \t]*(?:[a-z]\)|\d{1,2}[.)]|\[ ?\d{1,2}\]|[•·≠✓✗*-])[ \t]+")
_CONTROL = re.compile(r"[\x1b\r\b]")  # colours inside a line, progress bars, cursor moves: laid out by their writer
_STYLE = re.compile(r"\x1b\[[0-9;]*m")
# one style around a whole line (typer.secho's bold title): its words are wrapped, the style put back on each piece
_STYLED_LINE = re.compile(r"((?:\x1b\[[0-9;]*m)+)([^\x1b\r\b]*)((?:\x1b\[[0-9;]*m)*)")


def visible_length(text: str) -> int:
    return len(_STYLE.sub("", text))


def wrap_line(line: str, width: int, column: int = 0) -> str:
    """One line of output cut at spaces to the terminal's width, as `fill` does; `column` is where the cursor already
    is (a line written in several pieces). A word longer than the width (a web address) stays whole."""
    styled = _STYLED_LINE.fullmatch(line)
    if styled:  # the terminal would cut it in the middle of a word (« l'i|ncident », walkthrough round 12)
        start, plain, end = styled.groups()
        return "\n".join(start + piece + end if piece else piece for piece in wrap_line(plain, width, column).split("\n"))
    if column + len(line) <= width or _CONTROL.search(line) or width < 20:
        return line
    if column and column + len(line.lstrip(" ").split(" ", 1)[0]) > width:  # not even its first word fits: next line
        return "\n" + wrap_line(line.lstrip(" "), width)
    marker = _MARKER.match(line)
    indent = " " * (len(marker.group(0)) if marker else len(line) - len(line.lstrip(" ")))
    trailing = line[len(line.rstrip(" ")):]  # a prompt's space before the cursor
    taken = "\x00" * column  # the columns already written, which textwrap must count without seeing them as text
    wrapped = fill(line, width - len(trailing), initial_indent=taken,
                   subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return wrapped[column:] + trailing


class TerminalLines:
    """sys.stdout or sys.stderr of a terminal, whose long lines are cut at spaces rather than by the terminal in the
    middle of a word: most commands print with typer.echo, which never wraps (Rich's own output already fits)."""

    def __init__(self, stream, width=None) -> None:
        import shutil

        self._stream = stream
        self._width = width or (lambda: shutil.get_terminal_size().columns)
        self._column = 0

    def write(self, text: str) -> int:
        self._stream.write(self.laid_out(text))
        return len(text)

    def laid_out(self, text: str) -> str:
        """`text` cut as it will be shown from where the cursor is, the cursor then after it (a question written by
        what reads the answer, not through this stream, is cut here all the same)."""
        width = self._width()  # Rich fills the whole width: its lines must pass as they are
        out = []
        for index, piece in enumerate(text.split("\n")):
            if index:  # a new line starts at the left edge
                self._column = 0
            wrapped = wrap_line(piece, width, self._column)
            out.append(wrapped)
            tail = wrapped.rsplit("\n", 1)[-1]
            self._column = visible_length(tail) if "\n" in wrapped else self._column + visible_length(tail)
        return "\n".join(out)

    def __getattr__(self, name):  # isatty, fileno, flush, encoding, buffer…: the terminal's own
        return getattr(self._stream, name)

    def at_line_start(self) -> None:
        self._column = 0


def _terminal(read) -> TerminalLines | None:
    """Where `read` shows its question, if that is a terminal: input() writes it to standard output (to a pipe as it
    is), getpass to the terminal itself, whichever output is one."""
    import sys

    outputs = (sys.stdout,) if read is builtins.input else (sys.stdout, sys.stderr)
    return next((s for s in outputs if isinstance(s, TerminalLines)), None)


def _asking(read):
    """`read` (input, getpass, a prompt of Click), its question cut at spaces to the terminal's width like the rest of
    the output: input() and getpass write it to the terminal themselves, which cut it inside a word (round 13). After
    the answer the cursor is back at the left edge: the answer and its Enter were echoed by the terminal, not written
    through TerminalLines, which would still count the question's columns and cut the next line far too early (round
    11: « Où les⏎patients peuvent vous écrire… » after an answer). At the end of the input (Ctrl+D) the terminal
    writes no Enter: one is written, so that what follows does not go on the question's line."""
    import functools
    import sys

    @functools.wraps(read)
    def reading(*args, **kwargs):
        terminal = _terminal(read)
        if terminal is not None and args and isinstance(args[0], str):
            args = (terminal.laid_out(args[0]), *args[1:])
        try:
            return read(*args, **kwargs)
        except EOFError:
            if terminal is not None:
                terminal.write("\n")
            raise
        finally:
            for stream in (sys.stdout, sys.stderr):  # TerminalLines, itself or inside launch.TypedCommands
                if isinstance(getattr(stream, "_stream", None), TerminalLines) or isinstance(stream, TerminalLines):
                    stream.at_line_start()

    reading.gardien_resets_column = True
    return reading


def wrap_terminal_output() -> None:
    """Long lines cut at spaces on standard output and error when they are a terminal (a pipe or a file gets the
    lines whole, for programs and copies); what reads an answer (input, getpass, and the prompts of Click and of the
    copy of Click that Typer carries, which hold their own reference to them) cuts its question the same way and
    leaves the column at the left edge."""
    import getpass
    import importlib
    import sys

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and stream.isatty() and not isinstance(stream, TerminalLines):
            setattr(sys, name, TerminalLines(stream))
    readers = [(builtins, "input"), (getpass, "getpass")]
    for module in ("click.termui", "typer._click.termui"):
        try:
            termui = importlib.import_module(module)
        except ImportError:  # a Typer that uses Click itself
            continue
        readers += [(termui, name) for name in ("visible_prompt_func", "hidden_prompt_func") if hasattr(termui, name)]
    for owner, name in readers:
        read = getattr(owner, name)
        if not getattr(read, "gardien_resets_column", False):
            setattr(owner, name, _asking(read))
