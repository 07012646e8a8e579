"""A benign ransomware simulator: it encrypts the files of its own victim tree with AES-GCM, the way real families do,
and keeps the key (nothing is lost for good; the tree is a throwaway copy).

Behaviours modelled (each a Variant):
- in place: the file is overwritten with its ciphertext, the key material appended at the end (many families);
- new extension: encrypted in place, then renamed with a random or a known extension (STOP/Djvu, Phobos, Locky);
- copy then delete: an encrypted copy is written beside the file, the original deleted (WannaCry's way);
- random names: the copy gets a random name (Locky), so nothing ties it to the original but its folder and size;
- ransom notes: one dropped in each folder before its files are encrypted;
- intermittent: only the first 4 KiB of each file are encrypted (LockFile, BlackCat and others, for speed);
- fast and slow: in lock-step mode the delay is virtual time; in real time it is slept.
The order in which files are taken (alphabetical, reverse, shuffled) changes with the run, as it does between
families (NTFS lists a folder in alphabetical order; ext4 in hash order).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from gardien.veille.detector import CANARY_NAMES
from ransomware_sim.victim import MARKER

TARGETS = frozenset("docx xlsx odt pdf jpg png txt csv rtf doc xls".split())
NOTE_NAMES = ("HOW_TO_DECRYPT.txt", "_readme.txt", "RESTORE-MY-FILES.txt", "README_LOCKED.txt", "!!!INFO!!!.hta")
NOTE_TEXT = "Vos fichiers sont chiffrés (simulation de test de Gardien : rien n'est perdu, la clé est gardée).\n"
KNOWN_EXTENSION = "locky"
INTERMITTENT_BYTES = 4096


class Mode(StrEnum):
    IN_PLACE = "sur_place"
    RENAME = "renomme"
    COPY_DELETE = "copie_puis_efface"
    RANDOM_NAME = "nom_aleatoire"


class Order(StrEnum):
    ALPHA = "alphabetique"
    REVERSE = "inverse"
    SHUFFLED = "melange"


@dataclass(frozen=True)
class Variant:
    name: str
    mode: Mode
    extension: str = ""  # "" keep the name; "random": a per-run random extension; else that extension
    notes: bool = False
    intermittent: bool = False
    delay_s: float = 0.0  # between two files

    @property
    def slow(self) -> bool:
        return self.delay_s >= 1


VARIANTS = (
    Variant("sur_place_rapide", Mode.IN_PLACE),
    Variant("sur_place_lent", Mode.IN_PLACE, delay_s=30),
    Variant("extension_aleatoire", Mode.RENAME, extension="random"),
    Variant("extension_connue", Mode.RENAME, extension=KNOWN_EXTENSION),
    Variant("copie_puis_efface", Mode.COPY_DELETE, extension="random"),
    Variant("noms_aleatoires", Mode.RANDOM_NAME, extension="random"),
    Variant("notes_de_rancon", Mode.RENAME, extension="random", notes=True),
    Variant("intermittent", Mode.RENAME, extension="random", intermittent=True),
    Variant("intermittent_sur_place", Mode.IN_PLACE, intermittent=True),
    Variant("intermittent_lent", Mode.RENAME, extension="random", intermittent=True, delay_s=120),
)


@dataclass
class Step:
    """One file operation done: what the benchmark counts."""

    action: str
    path: str
    lost: bool  # a document of the practice is unreadable from now on (Gardien's witness files are not counted)
    at: float


@dataclass
class Simulator:
    root: Path
    variant: Variant
    seed: int
    clock: callable = time.time
    sleep: bool = False  # real time: sleep the variant's delay; lock-step: only advance the virtual clock
    every_file: bool = False  # also files of any extension (a second pass over what is already encrypted)
    lost: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        root = self.root.resolve()
        if not (root / MARKER).is_file() or not str(root).startswith(str(Path(tempfile.gettempdir()).resolve())):
            raise RuntimeError(f"{root} n'est pas un arbre de test du simulateur : refus de le toucher.")
        self.rng = random.Random(self.seed)
        self.key = AESGCM.generate_key(bit_length=256)
        self.extension = "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
        self.order = list(Order)[self.seed % 3]
        self.virtual = self.clock()

    def _now(self) -> float:
        return self.clock() if self.sleep else self.virtual

    def _wait(self) -> None:
        if self.sleep:
            time.sleep(self.variant.delay_s)
        else:
            self.virtual += max(self.variant.delay_s, 0.002)

    def _sorted(self, names: list[str]) -> list[str]:
        if self.order is Order.ALPHA:
            return sorted(names, key=str.upper)
        if self.order is Order.REVERSE:
            return sorted(names, key=str.upper, reverse=True)
        shuffled = sorted(names)
        self.rng.shuffle(shuffled)
        return shuffled

    def targets(self) -> Iterator[tuple[Path, list[Path]]]:
        """Folders depth first, each with its files to encrypt, in this run's order."""
        for folder, folders, files in os.walk(self.root):
            folders[:] = self._sorted(folders)
            chosen = [Path(folder) / n for n in self._sorted(files)
                      if n != MARKER and (self.every_file or n.rsplit(".", 1)[-1].lower() in TARGETS)]
            yield Path(folder), chosen

    def run(self) -> Iterator[Step]:
        """Encrypt the tree file by file, yielding after each file operation (the lock-step harness looks then)."""
        for folder, files in self.targets():
            if self.variant.notes and files:
                note = folder / self.rng.choice(NOTE_NAMES)
                note.write_text(NOTE_TEXT, encoding="utf-8")
                yield Step("note", str(note), False, self._now())
            for path in files:
                yield from self._encrypt(path)
                self._wait()

    def _cipher(self, data: bytes) -> tuple[bytes, bytes]:
        """(bytes that replace the start of the file, footer appended) — the file keeps its length plus a footer."""
        nonce = self.rng.randbytes(12)
        part = data[:INTERMITTENT_BYTES] if self.variant.intermittent else data
        sealed = AESGCM(self.key).encrypt(nonce, part, None)
        return sealed[: len(part)], sealed[len(part):] + nonce + b"GARDIEN-SIM"

    def _new_name(self, path: Path) -> Path:
        ext = self.extension if self.variant.extension == "random" else self.variant.extension
        if self.variant.mode is Mode.RANDOM_NAME:
            return path.with_name("".join(self.rng.choice("0123456789ABCDEF") for _ in range(32)) + f".{ext}")
        return path.with_name(f"{path.name}.{ext}") if ext else path

    def _encrypt(self, path: Path) -> Iterator[Step]:
        mine = path.name in CANARY_NAMES  # Gardien's witness file: encrypted like the rest, not counted
        data = path.read_bytes()
        start, footer = self._cipher(data)
        if self.variant.mode in (Mode.IN_PLACE, Mode.RENAME):
            with open(path, "r+b") as handle:
                handle.write(start)
                handle.seek(0, os.SEEK_END)
                handle.write(footer)
            yield Step("chiffre", str(path), not mine, self._now())
            target = self._new_name(path)
            if target != path:
                path.rename(target)
                yield Step("renomme", str(target), False, self._now())
        else:
            target = self._new_name(path)
            target.write_bytes(start + data[len(start):] + footer)
            yield Step("copie_chiffree", str(target), False, self._now())
            path.unlink()
            yield Step("efface", str(path), not mine, self._now())
