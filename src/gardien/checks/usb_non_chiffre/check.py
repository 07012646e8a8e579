"""An unencrypted USB drive is plugged in (ANSSI measure 31: encrypt USB keys and external disks)."""

from __future__ import annotations

from gardien import fr
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

NOT_DATA = ("swap", None, "")


def _nothing_plugged() -> CannotTell:
    """Nothing plugged in right now is no answer: her keys are in her bag, not checked (« à vérifier », never
    « non concerné »), with how to have them checked."""
    return CannotTell("Aucune clé USB ni aucun disque externe n'est branché en ce moment : Gardien n'a pas pu vérifier "
                      "s'ils sont chiffrés. Branchez vos clés et vos disques externes, puis refaites le bilan.")


def _describe(device: lx.BlockDevice) -> str:
    """« CLE-CABINET, 14,9 Go » rather than a device path."""
    size = (device.size or "").replace(".", ",")
    size = size[:-1] + " Go" if size.endswith("G") else size[:-1] + " To" if size.endswith("T") else size
    name = f"« {device.label} »" if device.label else "sans nom"
    return f"{name}, {size}" if size else name


def linux(ctx: Context) -> Outcome:
    devices = lx.parse_lsblk(ctx.text("lsblk"))
    if all(d.transport is None and d.hotplug is None for d in devices):
        raise CannotTell("La liste des disques ne dit pas lesquels sont branchés en USB : Gardien ne peut pas conclure.")
    usb = [d for d in devices if (d.transport == "usb" or d.hotplug) and d.type in ("part", "disk", "crypt")]
    volumes = [d for d in usb if d.fstype not in NOT_DATA and d.fstype != "crypto_LUKS"]
    if not volumes and any(d.fstype == "crypto_LUKS" for d in usb):  # plugged in, still locked: encrypted
        return Outcome(Status.PASS, "Les supports amovibles branchés sont chiffrés.")
    if not volumes:
        raise _nothing_plugged()
    clear = [d for d in volumes if not d.encrypted]
    if clear:
        names = "; ".join(_describe(d) for d in clear)
        return Outcome(Status.FAIL, f"Support amovible non chiffré branché ({names}).", {"supports": [d.name for d in clear]})
    return Outcome(Status.PASS, "Les supports amovibles branchés sont chiffrés.")


# File systems macOS mounts without asking for a password and cannot encrypt: mounted, they are readable by anyone.
MAC_CLEAR_FILE_SYSTEMS = ("MS-DOS", "FAT", "ExFAT", "NTFS", "UDF")


def _mac_name(volume: mac.ExternalVolume) -> str:
    name = f"« {volume.name} »" if volume.name else "sans nom"
    return f"{name}, {fr.size(volume.size)}" if volume.size else name


def _mac_encrypted(volume: mac.ExternalVolume) -> bool | None:
    """True or False when diskutil says so, or when the file system cannot be encrypted; None otherwise."""
    info = volume.info
    if info is None:
        return None
    if info.encrypted is not None:
        return info.encrypted
    if volume.mounted and info.file_system and info.file_system.startswith(MAC_CLEAR_FILE_SYSTEMS):
        return False
    return None


def macos(ctx: Context) -> Outcome:
    found = mac.parse_external_disks(ctx.text("external_disks"))
    if not found.complete:
        raise CannotTell("La liste des disques externes est incomplète : Gardien ne peut pas conclure.")
    if not found.disks:
        raise _nothing_plugged()
    unknown_disks = [d for d, info in found.disks.items() if info is None]
    drives = {d for d, info in found.disks.items() if info and info.external and not info.virtual and info.protocol != "Disk Image"}
    volumes = [v for v in found.volumes if v.disk in drives]
    if not drives and not unknown_disks:
        raise _nothing_plugged()
    states = {v.identifier: _mac_encrypted(v) for v in volumes}
    clear = [v for v in volumes if states[v.identifier] is False]
    if clear:
        names = "; ".join(_mac_name(v) for v in clear)
        return Outcome(Status.FAIL, f"Support amovible non chiffré branché ({names}).",
                       {"supports": [v.identifier for v in clear]})
    unknown = [v for v in volumes if states[v.identifier] is None]
    empty_drives = [d for d in drives if not any(v.disk == d for v in volumes)]
    if unknown or unknown_disks or empty_drives:
        raise CannotTell("Gardien ne sait pas si les supports branchés sont chiffrés (format que macOS ne décrit pas, "
                         "ou support sans volume lisible).", evidence={"inconnus": [v.identifier for v in unknown] + unknown_disks + empty_drives})
    return Outcome(Status.PASS, "Les supports amovibles branchés sont chiffrés.")


def windows(ctx: Context) -> Outcome:
    drives = w.parse_removable_drives(ctx.text("removable_drives"))
    if not drives:
        raise _nothing_plugged()
    clear = [d.letter for d in drives if d.bitlocker and d.bitlocker.encryption == "decrypted"]
    unknown = [d.letter for d in drives if d.bitlocker is None or d.bitlocker.encryption not in ("decrypted", "encrypted")]
    if clear:
        return Outcome(Status.FAIL, f"Clé USB non chiffrée branchée (lecteur {', '.join(clear)}).", {"supports": clear})
    if unknown:
        raise CannotTell(f"Gardien ne sait pas si ces supports sont chiffrés : lecteur {', '.join(unknown)}.")
    return Outcome(Status.PASS, "Les clés USB branchées sont chiffrées avec BitLocker To Go.")
