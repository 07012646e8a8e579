"""What a file's first bytes say about it, and what its name says.

Encryption turns a document into bytes that look random: the format's signature (« %PDF », « PK » for Word and
LibreOffice files, FF D8 for a JPEG photo) is gone, the text no longer reads as text, and the entropy of the bytes
jumps close to 8 bits per byte. Only the start of a file is read (HEAD bytes): families that encrypt only the
beginning of each file (intermittent encryption) destroy exactly that part.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import PurePath

HEAD = 4096  # bytes read from the start of a file
SMALL = 256  # a first window on its own: intermittent encryption of the first bytes only
MIN_BYTES = 32  # below this, random-looking and structured data cannot be told apart


class Kind(StrEnum):
    """What the first bytes of a file look like."""

    EMPTY = "vide"
    TEXT = "texte"
    TYPED = "format_connu"  # a known format signature: PDF, ZIP (Office), JPEG…
    SEALED = "conteneur_chiffre"  # a known encryption or archive container made by a user tool (OpenPGP, age, 7z)
    STRUCTURED = "binaire"  # binary with visible structure (low entropy), format unknown
    OPAQUE = "aleatoire"  # no signature, not text, random-looking: what encrypted data looks like

    @property
    def intact(self) -> bool:
        """The file still holds readable content of its kind (what encryption destroys)."""
        return self in (Kind.TEXT, Kind.TYPED, Kind.STRUCTURED)


@dataclass(frozen=True)
class Signature:
    kind: Kind
    format: str = ""  # the format name when TYPED or SEALED


# (offset, magic bytes, format name). Offset 4 "ftyp"/"moov"…: ISO media (MP4, MOV, HEIC photos from a phone).
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF", "pdf"), (0, b"PK\x03\x04", "zip"), (0, b"PK\x05\x06", "zip"), (0, b"PK\x07\x08", "zip"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"), (0, b"\xff\xd8\xff", "jpeg"), (0, b"\x89PNG\r\n\x1a\n", "png"),
    (0, b"GIF87a", "gif"), (0, b"GIF89a", "gif"), (0, b"II*\x00", "tiff"), (0, b"MM\x00*", "tiff"),
    (0, b"RIFF", "riff"), (4, b"ftyp", "iso-media"), (4, b"moov", "iso-media"), (4, b"mdat", "iso-media"),
    (4, b"wide", "iso-media"), (4, b"free", "iso-media"), (4, b"skip", "iso-media"), (0, b"\x1a\x45\xdf\xa3", "matroska"),
    (0, b"ID3", "mp3"), (0, b"OggS", "ogg"), (0, b"fLaC", "flac"), (128, b"DICM", "dicom"), (0, b"\x1f\x8b", "gzip"),
    (0, b"BZh", "bzip2"), (0, b"\xfd7zXZ\x00", "xz"), (0, b"\x28\xb5\x2f\xfd", "zstd"), (0, b"Rar!\x1a\x07", "rar"),
    (0, b"SQLite format 3\x00", "sqlite"), (0, b"{\\rtf", "rtf"), (0, b"\x7fELF", "elf"), (0, b"MZ", "exe"),
    (0, b"\xca\xfe\xba\xbe", "mach-o"), (0, b"\xcf\xfa\xed\xfe", "mach-o"), (0, b"\xce\xfa\xed\xfe", "mach-o"),
    (0, b"8BPS", "psd"), (0, b"%!PS", "postscript"), (0, b"BM", "bmp"), (0, b"\x00\x00\x01\x00", "ico"),
    (0, b"wOFF", "font"), (0, b"wOF2", "font"), (0, b"\x00\x01\x00\x00\x00", "font"), (0, b"OTTO", "font"),
    (0, b"\xef\xbb\xbf", "utf-8"), (0, b"\xff\xfe", "utf-16"), (0, b"\xfe\xff", "utf-16"), (0, b"AC10", "dwg"),
    (0, b"\x00\x00\x00\x0cjP  ", "jpeg2000"), (0, b"ITSF", "chm"), (0, b"!<arch>", "deb"), (0, b"\xed\xab\xee\xdb", "rpm"),
    (0, b"xar!", "xar"), (0, b"\x78\x01", "zlib"), (0, b"\x78\x9c", "zlib"), (0, b"\x78\xda", "zlib"),
)
# Containers made on purpose by user tools: a new one beside the original is no loss (gpg, age, 7-Zip, VeraCrypt
# cannot be recognised — its volumes are random by design and are not documents).
SEALED_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"7z\xbc\xaf\x27\x1c", "7z"), (0, b"age-encryption.org/v1", "age"), (0, b"Salted__", "openssl"),
    (0, b"AES\x02", "aescrypt"), (0, b"AES\x01", "aescrypt"),
)
WEAK_MAGIC_FORMATS = {"bmp", "exe", "zlib", "ico", "utf-16"}  # two bytes only: random data starts so one time in 65 536

# Documents: files whose content is known to be readable when Gardien has not seen them yet.
DOCUMENT_EXTENSIONS = frozenset(
    """pdf doc docx docm dot dotx rtf odt ods odp odg ott xls xlsx xlsm xlt xltx ppt pptx pps ppsx pages numbers
    txt csv tsv md html htm xml json log ini hpr hprim hl7 vcf ics eml msg tex yaml yml svg
    jpg jpeg png gif bmp tif tiff heic heif webp mp4 mov m4a mp3 wav avi mkv dcm psd ai eps epub xps oxps
    zip rar gz tgz dwg""".split()
)
# Extensions programs use for their own files: a random-looking newcomer named so is a program's data, not the
# encrypted copy of a deleted document (unless it is named after it).
COMMON_EXTENSIONS = DOCUMENT_EXTENSIONS | frozenset(
    """dat bin pak dll exe so dylib sys js css map tmp temp db sqlite sqlite3 wal shm journal idx pack bak old cache lock
    part crdownload download partial cab msi msp jar class pyc wasm woff woff2 ttf otf ico gpg pgp asc age 7z aes enc
    key pem crt p12 pfx kdbx""".split()
)
CONTAINER_EXTENSIONS = frozenset({"7z", "gpg", "pgp", "asc", "age", "aes", "enc"})  # made by user tools on purpose


@cache
def _names() -> dict:
    text = resources.files("gardien.veille").joinpath("signes.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    return {
        "extensions": frozenset(raw["extensions"]),
        "notes": frozenset(raw["notes"]),
        "motifs": re.compile("|".join(f"(?:{m})" for m in raw["motifs"])),
        "note_extensions": frozenset(raw["note_extensions"]),
        "note_max_bytes": int(raw["note_max_bytes"]),
    }


def prepare() -> None:
    """Read the lists of names and judge one sample now: done at the first event of an attack, this costs
    milliseconds, that is documents lost to a program encrypting thousands of them a second."""
    _names()
    classify(bytes(range(256)))


def extension(path: str) -> str:
    """The last extension, lower case, without the dot ("" for none)."""
    return PurePath(path).suffix.lower().lstrip(".")


def is_document(path: str) -> bool:
    return extension(path) in DOCUMENT_EXTENSIONS


def ransomware_extension(path: str) -> bool:
    """The name ends with an extension a known ransomware family appends."""
    return extension(path) in _names()["extensions"]


def ransom_note_name(path: str, size: int | None = None) -> bool:
    """The name is one ransomware uses for its note (« HOW_TO_DECRYPT.txt », « _readme.txt »…)."""
    names = _names()
    name = PurePath(path).name.lower()
    if size is not None and size > names["note_max_bytes"]:
        return False
    if name in names["notes"]:
        return True
    return extension(path) in names["note_extensions"] and bool(names["motifs"].search(name))


def entropy(data: bytes) -> float:
    """Shannon entropy in bits per byte (8 for perfectly random bytes)."""
    if not data:
        return 0.0
    total = len(data)
    return -sum(c / total * math.log2(c / total) for c in Counter(data).values())


def _random_threshold(length: int) -> float:
    """The entropy above which `length` bytes look random: n random bytes measure about 8 - 184/n bits per byte
    (the estimate is biased low on short samples), so the threshold follows it, with a margin."""
    return min(7.2, 8 - 184 / length - 0.45)


def _looks_random(data: bytes) -> bool:
    return len(data) >= MIN_BYTES and entropy(data) >= _random_threshold(len(data))


def _is_text(data: bytes) -> bool:
    """UTF-8 or a single-byte code page, printable: no NUL, almost no control characters."""
    if not data or b"\x00" in data:
        return False
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a character cut by the end of the sample
            decoded = data[: exc.start].decode("utf-8", "replace")
        else:
            printable = sum(32 <= b < 127 or b in (9, 10, 13) or b >= 160 for b in data)
            return printable / len(data) >= 0.97
    controls = sum(1 for ch in decoded if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= len(decoded) * 0.01


def _magic(data: bytes, table: tuple[tuple[int, bytes, str], ...]) -> str:
    for offset, magic, name in table:
        if data[offset : offset + len(magic)] == magic:
            return name
    return ""


def _openpgp(head: bytes) -> bool:
    """An OpenPGP message as gpg writes it (RFC 4880/9580): a public-key or password session-key packet first,
    checked down to the algorithm numbers so that random bytes pass only about once in a million."""
    if len(head) < 16 or not head[0] & 0x80:
        return False
    if head[0] & 0x40:  # new packet format
        tag, first = head[0] & 0x3F, head[1]
        offset = 2 if first < 192 else 3 if first < 224 else 6 if first == 255 else 0
    else:
        tag, offset = (head[0] >> 2) & 0x0F, {0: 2, 1: 3, 2: 5}.get(head[0] & 3, 0)
    if not offset:
        return False
    body = head[offset:]
    if tag == 3:  # password-protected (gpg -c): version 4, cipher 1-13, then a known S2K type and hash
        return body[0] == 4 and 1 <= body[1] <= 13 and body[2] in (0, 1, 3) and body[3] in (1, 2, 3, 8, 9, 10, 11)
    if tag == 1:  # to a public key (gpg -e): version 3, 8 bytes of key id, a public-key algorithm
        return body[0] == 3 and body[9] in (1, 2, 3, 16, 18, 22, 25)
    return False


def classify(head: bytes) -> Signature:
    """What the first bytes of a file are. The watcher judges every write with it while a program may be encrypting
    thousands of files a second: the cheap tests come first (signatures, then the first SMALL bytes), the entropy of
    the whole head only when they leave it open."""
    if not head:
        return Signature(Kind.EMPTY)
    sealed = _magic(head, SEALED_MAGIC) or ("openpgp" if _openpgp(head) else "")
    if sealed:
        return Signature(Kind.SEALED, sealed)
    typed = _magic(head, MAGIC)
    if typed and not (typed in WEAK_MAGIC_FORMATS and _looks_random(head)):
        return Signature(Kind.TYPED, typed)
    start = head[:SMALL]
    start_text = _is_text(start)
    if start_text and _is_text(head):
        return Signature(Kind.TEXT)
    if _looks_random(start) or _looks_random(head):
        return Signature(Kind.OPAQUE)
    if start_text:  # readable start, binary further on (a text with an embedded part)
        return Signature(Kind.TEXT)
    return Signature(Kind.STRUCTURED)


def read_sample(path: str) -> tuple[bytes, int] | None:
    """The first HEAD bytes and the size, or None when the file cannot be read (gone, locked by its program, not a
    regular file). Files that only exist in the cloud (OneDrive's on-demand files) are not read: reading them would
    download them."""
    import os
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        if getattr(info, "st_file_attributes", 0) & CLOUD_ONLY:
            return None
        with open(path, "rb") as handle:
            return handle.read(HEAD), info.st_size
    except OSError:
        return None


CLOUD_ONLY = 0x1000 | 0x40000 | 0x400000  # Windows: OFFLINE, RECALL_ON_OPEN, RECALL_ON_DATA_ACCESS
