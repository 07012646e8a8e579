"""One place for the limits on what Gardien accepts from outside, and for reading untrusted input as text.

The command line and the web interface both use these, so that a text refused by one is refused by the other,
with the same French sentence. Every limit says why it is where it is.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import timedelta

from gardien.errors import GardienError

KIB = 1024
MIB = 1024 * KIB

# Text given to the pseudonymiser: about 15 s of analysis on a slow laptop. A letter is rarely over 20,000
# characters; spaCy itself refuses texts over 1,000,000 characters (and needs gigabytes well before that).
MAX_TEXT_CHARS = 300_000
# A letter or a note given as a file (.docx, .odt, .pdf, .txt): a scanned 50-page PDF is a few megabytes.
MAX_DOCUMENT_BYTES = 20_000_000
# A password longer than this is not a password (and the strength estimate slows down with length).
MAX_PASSWORD_CHARS = 4096
# Everything read on standard input by `motdepasse verifier --stdin`: a list of a few thousand passwords.
MAX_PASSWORD_INPUT_BYTES = 16 * MIB

# E-mail headers: RFC 5322 lines stop at 998 characters; a folded To with a hundred recipients is about 5,000.
# Beyond, only the start is read: the analysis rules must never spend seconds on one header.
MAX_HEADER_CHARS = 16_000
# A sender's display name is a few words (« Service client Ameli »); a longer one is cut for the analysis.
MAX_DISPLAY_NAME_CHARS = 300
# An address: 64 characters before the @, 255 after (RFC 5321).
MAX_ADDRESS_CHARS = 320
# Nested comments « (a (b (c))) » or groups « a: b: c; » in an address: real mail uses one level; Python's
# parser recurses on each.
MAX_ADDRESS_NESTING = 8

# Web forms: buttons and short fields; a pasted text; an e-mail with its attachments.
SMALL_FORM_BYTES = 8 * KIB
TEXT_FORM_BYTES = 2 * MIB
MAIL_FORM_BYTES = 30 * MIB

# How long the pseudonymiser may keep a correspondence (it holds patients' names, even encrypted).
MAX_KEEP = timedelta(days=90)


class Deadline:
    """A moment after which work stops: `remaining()` for a wait, `expired()` for a loop. One per operation that
    makes several waits (probes of an audit, the pages of a network answer), so that their sum is bounded too."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.end


def read_within(stream, max_bytes: int, deadline: Deadline, chunk: int = 64 * KIB) -> bytes:
    """Read a network answer until its end, `max_bytes` or the deadline (TimeoutError): a server that sends one
    byte every few seconds cannot hold the caller for ever, whatever the socket's own timeout."""
    parts, size = [], 0
    while size <= max_bytes:
        if deadline.expired():
            raise TimeoutError(f"pas de réponse complète en {deadline.seconds:.0f} secondes")
        part = stream.read1(chunk) if hasattr(stream, "read1") else stream.read(chunk)
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)[:max_bytes]


class BadInput(GardienError):
    """What was given cannot be used as it is; nothing was done with it (exit code 2, HTTP 400)."""


def size_text(limit: int) -> str:
    """« 2 Mo », « 8 ko »: a byte count as the French say it."""
    return f"{limit // MIB} Mo" if limit >= MIB else f"{limit // KIB} ko"


def too_large(limit: int) -> str:
    return f"Ce qui a été envoyé dépasse la taille permise ici ({size_text(limit)}). Rien n'a été gardé."


def _text_too_long() -> BadInput:
    return BadInput(
        f"Ce texte dépasse {MAX_TEXT_CHARS:,} caractères : découpez-le en plusieurs parties (une lettre en fait "
        "rarement plus de 20\u202f000). Rien n'a été gardé.".replace(",", "\u202f")
    )


def check_text_length(text: str) -> str:
    """The text itself, or BadInput when it is longer than the pseudonymiser accepts."""
    if len(text) > MAX_TEXT_CHARS:
        raise _text_too_long()
    return text


KEYBOARD_HINT = ("Collez le texte ici, puis appuyez sur Entrée et sur Ctrl+D (sous Windows : Ctrl+Z puis Entrée). "
                 "Pour abandonner : Ctrl+C.")


def stdin_bytes(limit: int) -> bytes:
    """At most `limit` + 1 bytes of standard input. Typed at a keyboard, a silent wait looks like a frozen program:
    say what is awaited and how to end it (on the error stream, so that a result piped elsewhere stays clean)."""
    if sys.stdin.isatty():
        print(KEYBOARD_HINT, file=sys.stderr, flush=True)
    return sys.stdin.buffer.read(limit + 1)


def stdin_text(what: str = "Le texte reçu sur l'entrée standard") -> str:
    """A text for the pseudonymiser from standard input, within MAX_TEXT_CHARS (read as bytes: never more than
    four bytes a character, so nothing beyond that is read)."""
    data = stdin_bytes(MAX_TEXT_CHARS * 4)
    if len(data) > MAX_TEXT_CHARS * 4:
        raise _text_too_long()
    return check_text_length(decode_text(data, what, advice=LETTER_ADVICE))


LETTER_ADVICE = ("copiez le texte de la lettre depuis le document d'origine et collez-le, ou donnez ce document "
                 "lui-même (.docx, .odt ou .pdf avec du texte).")


def decode_text(data: bytes, what: str, legacy: bool = True,
                advice: str = "ouvrez le document, copiez son texte et collez-le.") -> str:
    """Bytes from a file, standard input or a form, as text.

    UTF-8 (with or without the mark Windows puts at the start); when `legacy`, also UTF-16 when it starts with its
    mark and Windows-1252 (what Notepad wrote before 2019). Binary data (a NUL byte) is refused: it is not a
    text, and reading it as one would give a wrong answer rather than an error. An image, a PDF or another known
    format is named (file_kinds), with `advice`: what to give Gardien instead.
    """
    if legacy and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="strict") if legacy and _cp1252_ok(data) else None
    if text is None or "\x00" in text:
        from gardien.file_kinds import kind_of  # what a file starts with -> what it is, in plain words

        kind = kind_of(data)
        if kind is not None:
            raise BadInput(f"{what} n'est pas un texte : c'est {kind}. Gardien lit du texte : {advice} Rien n'a été fait.")
    if text is None and b"\x00" not in data:
        raise BadInput(f"{what} n'est pas un texte lisible (caractères inconnus). {_utf8_hint()} Rien n'a été fait.")
    if text is None or "\x00" in text:
        raise BadInput(f"{what} n'est pas un texte (on dirait un fichier d'un autre type). Rien n'a été fait.")
    return text


def _utf8_hint() -> str:
    """How to save a text in UTF-8 with the editor of her system."""
    from gardien.compat import current_platform

    platform = current_platform()
    if platform == "windows":
        return "Enregistrez-le en UTF-8 (dans le Bloc-notes : Fichier > Enregistrer sous > Encodage UTF-8)."
    if platform == "macos":
        return "Enregistrez-le en UTF-8 (dans TextEdit : Fichier > Dupliquer, puis Enregistrer, Codage « Unicode (UTF-8) »)."
    return "Ouvrez-le dans votre éditeur de texte et enregistrez-le en UTF-8 (Enregistrer sous, codage « UTF-8 »)."


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D have no meaning in Windows-1252
        return False
    return True


def read_stdin(limit: int, what: str = "L'entrée standard") -> bytes:
    """At most `limit` bytes of standard input; BadInput when there is more (nothing is done with a cut text)."""
    data = stdin_bytes(limit)
    if len(data) > limit:
        raise BadInput(f"{what} dépasse {size_text(limit)} : c'est trop pour cette commande. Rien n'a été fait.")
    return data


_DURATION = re.compile(r"\s*(\d+)\s*(h|j|d)\s*", re.IGNORECASE)


def parse_duration(text: str, longest: timedelta = MAX_KEEP) -> timedelta:
    """« 12h », « 7j » as a duration, from one hour to `longest`."""
    match = _DURATION.fullmatch(text) if len(text) <= 40 else None
    if not match or int(match.group(1)) == 0:
        raise BadInput(f"Durée invalide : « {text[:40]} ». Écrivez par exemple 12h ou 7j.")
    hours = int(match.group(1)) * (1 if match.group(2).lower() == "h" else 24)
    if hours > longest.total_seconds() // 3600:
        raise BadInput(f"Durée trop longue : « {text} ». {longest.days} jours au plus.")
    return timedelta(hours=hours)


def ask_hidden(prompt: str, other_way: str = "") -> str:
    """Read a secret from the keyboard without showing it; BadInput when this terminal cannot hide what is typed
    (Python would otherwise warn in English and show the password on the screen). `other_way` tells how else to
    give it (« Ou donnez-le par l'entrée standard (--stdin). »)."""
    import getpass
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt)
        except getpass.GetPassWarning as exc:
            raise BadInput(
                "Cette fenêtre ne permet pas de cacher ce que vous tapez : le mot de passe s'afficherait à l'écran. "
                f"Ouvrez un vrai terminal. {other_way}".strip()
            ) from exc
        except EOFError as exc:
            raise BadInput("Rien n'a été tapé : la saisie a été fermée.") from exc
