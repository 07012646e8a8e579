"""An unencrypted USB drive is plugged in (ANSSI measure 31: encrypt USB keys and external disks)."""

from __future__ import annotations

from gardien.core.context import Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import windows as w

NOT_DATA = ("swap", None, "")


def linux(ctx: Context) -> Outcome:
    devices = lx.parse_lsblk(ctx.text("lsblk"))
    usb = [d for d in devices if (d.transport == "usb" or d.hotplug) and d.type in ("part", "disk", "crypt")]
    volumes = [d for d in usb if d.fstype not in NOT_DATA and d.fstype != "crypto_LUKS"]
    if not volumes:
        return Outcome(Status.NOT_APPLICABLE, "Aucune clé USB ni aucun disque externe n'est branché.")
    clear = [d.name for d in volumes if not d.encrypted]
    if clear:
        return Outcome(Status.FAIL, f"Support amovible non chiffré branché : {', '.join(clear)}.", {"supports": clear})
    return Outcome(Status.PASS, "Les supports amovibles branchés sont chiffrés.")


def windows(ctx: Context) -> Outcome:
    drives = w.parse_removable_drives(ctx.text("removable_drives"))
    if not drives:
        return Outcome(Status.NOT_APPLICABLE, "Aucune clé USB n'est branchée.")
    clear = [d.letter for d in drives if d.bitlocker and d.bitlocker.encryption == "decrypted"]
    unknown = [d.letter for d in drives if d.bitlocker is None]
    if clear:
        return Outcome(Status.FAIL, f"Clé USB non chiffrée branchée : {', '.join(clear)}.", {"supports": clear})
    if unknown:
        return Outcome(Status.MANUAL, f"Gardien ne sait pas si ces supports sont chiffrés : {', '.join(unknown)}.")
    return Outcome(Status.PASS, "Les clés USB branchées sont chiffrées avec BitLocker To Go.")
