"""Record the raw outputs of an audit to a folder, and read such a folder back (replay).

Folder format (documented in docs/enregistrement.md):
  gardien-enregistrement.json  {"format": 1, "os": "windows", "os_version": ..., "probes": {name: {...}}}
  <probe>.stdout.txt            what the command printed (UTF-8)
  <probe>.stderr.txt            optional
Only "os" is required in the JSON; a probe with no file is replayed as absent.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from gardien import __version__
from gardien.compat import PLATFORMS
from gardien.errors import BadRecording
from gardien.explain import failure
from gardien.paths import write_private
from gardien.probes.base import ABSENT, RawOutput

MANIFEST = "gardien-enregistrement.json"
FORMAT_VERSION = 1


def prepare_folder(folder: Path) -> None:
    """Check, before the audit runs, that `folder` can receive a recording, and create it (owner-only).

    Refused: a file (nothing is overwritten), a folder that already holds a recording."""
    if folder.exists() and not folder.is_dir():
        raise BadRecording(f"{folder} est un fichier, pas un dossier : indiquez un dossier nouveau ou vide "
                           "(rien n'a été écrasé).")
    if (folder / MANIFEST).exists():
        raise BadRecording(f"Le dossier {folder} contient déjà un enregistrement : choisissez un dossier vide.")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise failure(f"de créer le dossier {folder}", exc) from exc


def save_recording(folder: Path, os_name: str, os_version: str, outputs: dict[str, RawOutput]) -> None:
    """Write every raw output to `folder`, each file readable by its owner only (they name her account, her
    Wi-Fi networks, her software); existing recordings are refused."""
    prepare_folder(folder)
    probes = {}
    try:
        for name, out in sorted(outputs.items()):
            probes[name] = {
                "command": out.command,
                "returncode": out.returncode,
                "error": out.error,
                "duration_s": round(out.duration_s, 3),
            }
            write_private(folder / f"{name}.stdout.txt", out.stdout)
            if out.stderr:
                write_private(folder / f"{name}.stderr.txt", out.stderr)
        manifest = {
            "format": FORMAT_VERSION,
            "os": os_name,
            "os_version": os_version,
            "gardien_version": __version__,
            "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "probes": probes,
        }
        write_private(folder / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    except OSError as exc:
        raise failure(f"d'écrire l'enregistrement dans {folder}", exc) from exc


class Recording:
    """A recording folder read back: its OS and the raw output of each probe."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise BadRecording(f"Le dossier {folder} n'existe pas.")
        manifest_path = folder / MANIFEST
        if not manifest_path.is_file():
            raise BadRecording(f"Le dossier {folder} n'est pas un enregistrement Gardien : il manque le fichier {MANIFEST}.")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadRecording(f"Le fichier {manifest_path} est illisible (ce n'est pas du JSON valide).") from exc
        except OSError as exc:
            raise failure(f"de lire {manifest_path}", exc) from exc
        if not isinstance(manifest, dict) or manifest.get("os") not in PLATFORMS:
            raise BadRecording(
                f"Le fichier {manifest_path} doit indiquer le système : \"os\" vaut linux, macos ou windows."
            )
        self.folder = folder
        self.os: str = manifest["os"]
        self.os_version: str = str(manifest.get("os_version") or "")  # unknown: the reports name the system alone
        probes = manifest.get("probes")
        self._meta: dict = probes if isinstance(probes, dict) else {}

    def output(self, name: str) -> RawOutput:
        """The recorded output of one probe, or an `absent` output when it was not recorded."""
        meta = self._meta.get(name)
        meta = meta if isinstance(meta, dict) else {}
        stdout_path = self.folder / f"{name}.stdout.txt"
        stderr_path = self.folder / f"{name}.stderr.txt"
        if not stdout_path.is_file() and not stderr_path.is_file():
            if meta.get("error"):
                return RawOutput(name, returncode=None, error=str(meta["error"]), command=str(meta.get("command", "")))
            return RawOutput(name, returncode=None, error=ABSENT)
        returncode = meta.get("returncode", 0)
        return RawOutput(
            name,
            stdout=_read(stdout_path),
            stderr=_read(stderr_path),
            returncode=returncode if isinstance(returncode, int) else None,
            error=meta.get("error") or None,
            command=str(meta.get("command", "")),
        )


def _read(path: Path) -> str:
    if not path.is_file():
        return ""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # saved by PowerShell's Out-File
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")
