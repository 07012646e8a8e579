"""The system disk is encrypted and its protection is on (BitLocker on, not merely "encrypted")."""

from __future__ import annotations

from pathlib import PurePosixPath

from gardien import fr
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

SYSTEM_MOUNT = "/"
HOME_MOUNT = "/home"
IGNORED_MOUNTS = ("/boot", "/boot/efi", "/efi", "[SWAP]")
# file systems that encrypt by themselves, invisibly to lsblk: Gardien cannot tell
SELF_ENCRYPTING = ("zfs", "zfs_member", "bcachefs")


def linux(ctx: Context) -> Outcome:
    devices = lx.parse_lsblk(ctx.text("lsblk"))
    system = [d for d in devices if set(d.mountpoints) & {SYSTEM_MOUNT, HOME_MOUNT}]
    if not system:
        raise CannotTell("Gardien n'a pas trouvé le disque qui porte le système ou vos dossiers personnels.")
    if any(d.fstype in SELF_ENCRYPTING for d in system):
        raise CannotTell("Ce système de fichiers peut chiffrer lui-même ses données : Gardien ne sait pas le vérifier.")
    clear = {m for d in system if not d.encrypted for m in d.mountpoints}
    others = sorted({  # a disk mounted at several places is named once
        PurePosixPath(m).name or m
        for d in devices if d.mountpoints and not d.encrypted and not d.hotplug and d.transport != "usb"
        and "loop" not in (d.type, *d.ancestors)  # a disk image: its data lives in a file of a disk checked itself
        for m in d.mountpoints
        if m not in (SYSTEM_MOUNT, HOME_MOUNT) and m not in IGNORED_MOUNTS and not m.startswith(("/snap", "/run"))
    })
    named = fr.quoted_listed(others)
    note = (f" Un autre disque interne n'est pas chiffré ({named})." if len(others) == 1
            else f" D'autres disques internes ne sont pas chiffrés ({named})." if others else "")
    evidence = {"non_chiffres": sorted(clear), "autres_non_chiffres": others}
    home_apart = any(HOME_MOUNT in d.mountpoints for d in devices)
    system_clear = SYSTEM_MOUNT in clear
    home_clear = HOME_MOUNT in clear if home_apart else system_clear
    if system_clear and home_clear:
        return Outcome(Status.FAIL, "Le disque de l'ordinateur n'est pas chiffré : le système et vos dossiers sont lisibles." + note, evidence)
    if clear:
        where = "vos dossiers personnels" if home_clear else "le système"
        return Outcome(Status.FAIL, f"Une partie du disque n'est pas chiffrée : celle qui contient {where}." + note, evidence)
    return Outcome(Status.PASS, "Le disque du système et de vos dossiers est chiffré." + note, evidence)


def macos(ctx: Context) -> Outcome:
    try:
        state = mac.parse_fdesetup_status(ctx.text("fdesetup"))
    except (CannotTell, UnknownFormat):
        volumes = mac.parse_apfs_list(ctx.text("apfs"))
        data = [v for v in volumes if "Data" in v.roles]
        if not data:
            raise CannotTell("Gardien n'a pas pu lire l'état de FileVault.") from None
        state = "on" if all(v.filevault for v in data) else "off"
    if state == "on":
        return Outcome(Status.PASS, "FileVault est activé : le disque est chiffré.")
    if state == "encrypting":
        raise CannotTell("Le chiffrement FileVault est en cours : revenez quand il sera terminé.")
    if state == "pending":
        return Outcome(Status.FAIL, "FileVault est prêt mais ne chiffrera le disque qu'au prochain redémarrage : redémarrez le Mac.")
    if state == "decrypting":
        return Outcome(Status.FAIL, "FileVault est en train d'être désactivé : le disque est en cours de déchiffrement.")
    return Outcome(Status.FAIL, "FileVault est désactivé : le disque n'est pas chiffré.")


def windows(ctx: Context) -> Outcome:
    state = None
    for probe, parser in (
        ("bitlocker_volume", w.parse_bitlocker_volume),
        ("manage_bde", w.parse_manage_bde_status),
        ("bitlocker_shell", w.parse_bitlocker_shell_property),
    ):
        text = ctx.optional(probe)
        if text is None:
            continue
        try:
            state = parser(text)
            break
        except UnknownFormat:
            continue
    if state is None:
        raise CannotTell("Gardien n'a pas pu lire l'état du chiffrement du disque (droits d'administrateur ou langue non reconnue).")
    evidence = {"chiffrement": state.encryption, "protection": state.protection_on, "source": state.source}
    if state.encryption == "encrypted" and state.protection_on:
        return Outcome(Status.PASS, "Le chiffrement du disque (BitLocker) est actif : le disque est chiffré et protégé.", evidence)
    if state.encryption == "encrypted" and state.protection_on is False:
        return Outcome(
            Status.FAIL,
            "Le disque est chiffré mais la protection BitLocker est suspendue ou en attente d'activation : "
            "la clé est lisible sur le disque, le chiffrement ne protège rien.",
            evidence,
        )
    if state.encryption in ("encrypting", "unknown") or state.protection_on is None:
        raise CannotTell("Le chiffrement du disque est en cours ou dans un état inconnu : revenez plus tard.")
    return Outcome(Status.FAIL, "Le disque n'est pas chiffré : BitLocker est désactivé.", evidence)
