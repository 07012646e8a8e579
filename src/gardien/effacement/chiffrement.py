"""Is the disk under the erased files encrypted? The audit's own checks answer (chiffrement_disque for the disk of
the computer, usb_non_chiffre for a USB drive), run on this computer through the library: one logic, one verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gardien.core.model import Finding, Status
from gardien.effacement.support import Medium, Storage


class Encryption(StrEnum):
    ENCRYPTED = "chiffre"
    CLEAR = "non_chiffre"
    UNKNOWN = "inconnu"
    NO_DISK = "sans_disque"  # in memory (tmpfs): nothing was ever written to a disk


@dataclass(frozen=True)
class Verdict:
    state: Encryption
    detail: str  # the check's own sentence, or why Gardien could not tell
    check_id: str | None = None


def verdict(storage: Storage, run=None) -> Verdict:
    """`run(check_id) -> Finding` runs one check (core.audit.check_live by default; tests give recorded answers)."""
    if storage.medium is Medium.MEMORY:
        return Verdict(Encryption.NO_DISK, "Ces fichiers étaient en mémoire vive, pas sur un disque.")
    if run is None:
        from gardien.core.audit import check_live as run
    if storage.removable:
        return _from_usb(run("usb_non_chiffre"), storage)
    if storage.system_disk:
        return _from_disk(run("chiffrement_disque"))
    return Verdict(Encryption.UNKNOWN, "Gardien vérifie le chiffrement du disque de l'ordinateur et des clés USB, pas "
                                       "celui de ce disque-là : vérifiez-le vous-même.")


def _from_disk(finding: Finding) -> Verdict:
    states = {Status.PASS: Encryption.ENCRYPTED, Status.FAIL: Encryption.CLEAR}
    return Verdict(states.get(finding.status, Encryption.UNKNOWN), finding.detail, finding.id)


def _from_usb(finding: Finding, storage: Storage) -> Verdict:
    if finding.status is Status.PASS:
        return Verdict(Encryption.ENCRYPTED, finding.detail, finding.id)
    clear = {str(s).casefold() for s in finding.evidence.get("supports", ())}
    if finding.status is Status.FAIL and storage.device and storage.device.casefold() in clear:
        return Verdict(Encryption.CLEAR, finding.detail, finding.id)
    detail = finding.detail if finding.status is not Status.FAIL else (
        "Un support amovible branché n'est pas chiffré, mais Gardien ne sait pas si c'est celui-ci.")
    return Verdict(Encryption.UNKNOWN, detail, finding.id)
