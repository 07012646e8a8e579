"""Normal work that must not raise the alarm, each a generator doing one step at a time in a practice tree and
yielding the (virtual) time after each step — the same harness as the simulator's.

Real tools where they exist (gpg, zip, 7-Zip, restic), real file formats everywhere (python-docx, openpyxl, Pillow);
the way programs save is copied from what they do: LibreOffice writes a lock file and a temporary copy then renames it
over the document, Word renames the original aside, writes the new one and deletes the old; phones' files arrive
under a temporary name; a software update writes each file beside the old one and renames it over.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from gardien.veille.detector import CANARY_NAMES
from ransomware_sim.victim import _docx, _image, _pdf, _text, _xlsx

TOOLS = {"gpg": "gpg", "zip": "zip", "7z": "7zz", "restic": "restic"}


class Missing(Exception):
    """A tool the workload needs is not installed (the test skips, the benchmark says so)."""


def _tool(name: str) -> str:
    for candidate in (TOOLS[name], "7z", "7za") if name == "7z" else (TOOLS[name],):
        found = shutil.which(candidate)
        if found:
            return found
    raise Missing(f"{TOOLS[name]} absent")


def _run(argv: list[str], **kwargs) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=300, **kwargs)


def _documents(root: Path, *suffixes: str) -> list[Path]:
    """The practitioner's files of these kinds: hidden files (Gardien's witnesses among them) are not shown to her."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lstrip(".") in suffixes
                  and not p.name.startswith(".") and p.name not in CANARY_NAMES)


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def tick(self, seconds: float = 1.0) -> float:
        self.now += seconds
        return self.now


def office_editing(root: Path, seed: int) -> Iterator[float]:
    """A morning of office work: documents opened and saved the way LibreOffice and Word save them, PDFs exported,
    text notes edited in place, files renamed and moved, a few deleted (to the trash, outside the folder)."""
    rng, clock = random.Random(seed), Clock()
    trash = root.parent / f"corbeille-{seed}"
    trash.mkdir(exist_ok=True)
    for number, path in enumerate(_documents(root, "docx", "xlsx", "odt")[:24]):
        new = _docx(rng) if path.suffix == ".docx" else _xlsx(rng) if path.suffix == ".xlsx" else path.read_bytes()
        if number % 2:  # LibreOffice
            lock = path.with_name(f".~lock.{path.name}#")
            lock.write_text(f",Claire Martin,cabinet,{number},file:///home/claire;", encoding="utf-8")
            yield clock.tick(30)
            temporary = path.with_name(f"lu{rng.randrange(10**6)}.tmp")
            temporary.write_bytes(new)
            temporary.replace(path)
            yield clock.tick(2)
            lock.unlink()
        else:  # Word
            owner = path.with_name("~$" + path.name[2:])
            owner.write_bytes(bytes([12]) + "Claire Martin".encode("utf-16-le") + b"\x00" * 120)
            yield clock.tick(30)
            aside = path.with_name(f"~WRL{number:04d}.tmp")
            temporary = path.with_name(f"~WRD{number:04d}.tmp")
            temporary.write_bytes(new)
            path.rename(aside)
            temporary.rename(path)
            aside.unlink()
            yield clock.tick(2)
            owner.unlink()
        yield clock.tick(60)
    for path in _documents(root, "docx")[:6]:  # « Exporter en PDF »
        path.with_suffix(".pdf").write_bytes(_pdf(rng))
        yield clock.tick(20)
    for path in _documents(root, "txt")[:10]:  # notes edited in place
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n" + _text(rng).decode()[:300])
        yield clock.tick(15)
    for path in _documents(root, "pdf")[:8]:
        path.rename(path.with_name("archive-" + path.name))
        yield clock.tick(5)
    archive = root / "Archives"
    archive.mkdir(exist_ok=True)
    for path in _documents(root / "Courriers", "pdf", "odt")[:6]:
        path.rename(archive / path.name)
        yield clock.tick(5)
    for path in _documents(root / "Comptabilite", "csv")[:5]:
        shutil.move(str(path), trash / path.name)
        yield clock.tick(3)


def backup_copy(root: Path, seed: int) -> Iterator[float]:
    """A copy-based backup into a dated folder inside the watched tree, then an older copy deleted."""
    clock = Clock()
    target = root / "Sauvegardes"
    old = target / "copie-2025-05-01"
    shutil.copytree(root / "Courriers", old)
    yield clock.tick(5)
    new = target / "copie-2025-06-01"
    for path in sorted(p for p in root.rglob("*") if p.is_file() and target not in p.parents):
        destination = new / path.relative_to(root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        yield clock.tick(0.01)
    shutil.rmtree(old)
    yield clock.tick(5)


def restic_backup(root: Path, seed: int) -> Iterator[float]:
    """A restic repository inside the watched tree (the worst place for it): init, two backups, forget and prune."""
    restic, clock = _tool("restic"), Clock()
    environment = dict(os.environ, RESTIC_PASSWORD="essai-gardien", RESTIC_CACHE_DIR=str(root.parent / f"cache-{seed}"))
    repository = root / "Sauvegardes" / "depot-restic"
    _run([restic, "init", "--repo", str(repository)], env=environment)
    yield clock.tick(5)
    _run([restic, "backup", "--repo", str(repository), "--exclude", str(repository), str(root)], env=environment)
    yield clock.tick(60)
    (root / "Courriers" / "nouveau-courrier.txt").write_text("Courrier du jour.\n", encoding="utf-8")
    _run([restic, "backup", "--repo", str(repository), "--exclude", str(repository), str(root)], env=environment)
    yield clock.tick(60)
    _run([restic, "forget", "--repo", str(repository), "--keep-last", "1", "--prune"], env=environment)
    yield clock.tick(60)


def unzip_archive(root: Path, seed: int) -> Iterator[float]:
    """An archive received by mail, unzipped into the folder, then unzipped again over the same files."""
    clock = Clock()
    archive = root.parent / f"piece-jointe-{seed}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for number, path in enumerate(_documents(root, "docx", "pdf", "jpg", "txt")[:40]):
            bundle.write(path, f"dossier-recu/{number:02d}-{path.name}")
    for _round in range(2):
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.infolist():
                bundle.extract(member, root / "Reçus")
                yield clock.tick(0.05)
    archive.unlink()


def software_update(root: Path, seed: int) -> Iterator[float]:
    """A program kept in the folder updates itself: each file written beside the old one and renamed over it, some
    removed, new ones added (binaries, packed data, scripts, a PDF manual)."""
    rng, clock = random.Random(seed), Clock()
    program = root / "Logiciel"
    program.mkdir(exist_ok=True)

    def payload(kind: str) -> bytes:
        if kind in ("dll", "exe"):
            return b"MZ\x90\x00" + rng.randbytes(rng.randint(20000, 200000))
        if kind in ("pak", "dat", "bin"):
            return rng.randbytes(rng.randint(5000, 300000))
        if kind == "pdf":
            return _pdf(rng)
        return ("// version " + str(rng.random()) + "\n" + _text(rng).decode()).encode()

    names = [f"module{n:02d}.{kind}" for n, kind in enumerate(rng.choice(("dll", "exe", "pak", "dat", "bin", "js", "pdf"))
                                                              for _ in range(60))]
    for name in names:  # version 1, installed before
        (program / name).write_bytes(payload(name.rsplit(".", 1)[1]))
    yield clock.tick(1)
    for name in names:
        path = program / name
        if rng.random() < 0.1:
            path.unlink()
        else:
            temporary = path.with_name(name + ".new")
            temporary.write_bytes(payload(name.rsplit(".", 1)[1]))
            temporary.replace(path)
        yield clock.tick(0.02)
    for number in range(10):
        (program / f"ajout{number}.dat").write_bytes(payload("dat"))
        yield clock.tick(0.02)


def phone_photos(root: Path, seed: int) -> Iterator[float]:
    """Photos and videos copied from a phone (written under a temporary name, then renamed), then a few old ones
    deleted."""
    rng, clock = random.Random(seed), Clock()
    album = root / "Photos" / "Telephone"
    album.mkdir(parents=True, exist_ok=True)
    for number in range(40):
        kind = rng.choice(("jpg", "jpg", "png", "heic", "mov"))
        if kind in ("jpg", "png"):
            content = _image(rng, kind)
        else:  # ISO media as phones write them: a « ftyp » box, then compressed data
            brand = b"heic" if kind == "heic" else b"qt  "
            content = b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00" + brand + b"mif1" + rng.randbytes(rng.randint(50000, 400000))
        temporary = album / f".goutputstream-{rng.randrange(16**6):06X}"
        temporary.write_bytes(content)
        temporary.rename(album / f"IMG_{2000 + number}.{kind.upper()}")
        yield clock.tick(0.5)
    for path in sorted(album.glob("IMG_200*"))[:8]:
        path.unlink()
        yield clock.tick(1)


def gpg_encryption(root: Path, seed: int) -> Iterator[float]:
    """Documents encrypted with a password before sending them (gpg -c, binary and armoured), one decrypted back."""
    gpg, clock = _tool("gpg"), Clock()
    home = root.parent / f"gnupg-{seed}"
    home.mkdir(mode=0o700, exist_ok=True)
    base = [gpg, "--homedir", str(home), "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "essai"]
    documents = _documents(root, "pdf", "docx", "xlsx", "jpg")[:15]
    for number, path in enumerate(documents):
        _run([*base, *(["--armor"] if number % 4 == 0 else []), "--symmetric", "--output",
              str(path) + (".asc" if number % 4 == 0 else ".gpg"), str(path)])
        yield clock.tick(3)
    _run([*base, "--decrypt", "--output", str(documents[1].with_name("dechiffre-" + documents[1].name)),
          str(documents[1]) + ".gpg"])
    _stop_gpg_agent(home)
    yield clock.tick(3)


def _stop_gpg_agent(home: Path) -> None:
    """gpg starts an agent for its home folder that outlives the command: stop it, nothing is left running."""
    if shutil.which("gpgconf"):
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"], capture_output=True, check=False, timeout=30)


def compression(root: Path, seed: int) -> Iterator[float]:
    """Folders compressed with zip (with and without a password) and 7-Zip (with an encrypted header)."""
    zip_tool, seven, clock = _tool("zip"), _tool("7z"), Clock()
    out = root / "Envois"
    out.mkdir(exist_ok=True)
    _run([zip_tool, "-r", "-q", str(out / "courriers.zip"), "Courriers"], cwd=root)
    yield clock.tick(5)
    _run([zip_tool, "-r", "-q", "-P", "essai", str(out / "compta.zip"), "Comptabilite"], cwd=root)
    yield clock.tick(5)
    _run([seven, "a", "-bd", "-y", "-pessai", "-mhe=on", str(out / "patients.7z"), "Patients"], cwd=root)
    yield clock.tick(5)
    _run([seven, "a", "-bd", "-y", str(out / "photos.7z"), "Photos"], cwd=root)
    yield clock.tick(5)
    _run([seven, "a", "-bd", "-y", str(out / "photos.7z"), "Modeles"], cwd=root)  # an archive updated in place
    yield clock.tick(5)


WORKLOADS = {
    "bureautique": office_editing,
    "sauvegarde_copie": backup_copy,
    "sauvegarde_restic": restic_backup,
    "decompression": unzip_archive,
    "mise_a_jour_logiciel": software_update,
    "photos_telephone": phone_photos,
    "chiffrement_gpg": gpg_encryption,
    "compression_zip_7z": compression,
}

