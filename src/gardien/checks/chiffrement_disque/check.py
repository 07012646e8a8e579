"""The system disk is encrypted and its protection is on (BitLocker on, not merely "encrypted")."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

SYSTEM_MOUNTS = ("/", "/home")
IGNORED_MOUNTS = ("/boot", "/boot/efi", "/efi", "[SWAP]")


def linux(ctx: Context) -> Outcome:
    devices = lx.parse_lsblk(ctx.text("lsblk"))
    system = [d for d in devices if set(d.mountpoints) & set(SYSTEM_MOUNTS)]
    if not system:
        raise CannotTell("Gardien n'a pas trouvé le disque qui porte le système ou vos dossiers personnels.")
    clear = [m for d in system if not d.encrypted for m in d.mountpoints if m in SYSTEM_MOUNTS]
    others = sorted(
        m for d in devices if d.mountpoints and not d.encrypted and not d.hotplug and d.transport != "usb"
        for m in d.mountpoints if m not in SYSTEM_MOUNTS and m not in IGNORED_MOUNTS and not m.startswith(("/snap", "/run"))
    )
    note = f" Autre disque non chiffré monté : {', '.join(others)}." if others else ""
    if clear:
        return Outcome(Status.FAIL, f"Non chiffré : {', '.join(sorted(set(clear)))}.{note}", {"non_chiffres": sorted(set(clear))})
    return Outcome(Status.PASS, "Le disque du système et de vos dossiers est chiffré (LUKS)." + note)


def macos(ctx: Context) -> Outcome:
    try:
        state = mac.parse_fdesetup_status(ctx.text("fdesetup"))
    except (CannotTell, UnknownFormat):
        volumes = mac.parse_apfs_list(ctx.text("apfs"))
        data = [v for v in volumes if "Data" in v.roles]
        if not data:
            raise
        state = "on" if all(v.filevault for v in data) else "off"
    if state == "on":
        return Outcome(Status.PASS, "FileVault est activé : le disque est chiffré.")
    if state == "encrypting":
        raise CannotTell("Le chiffrement FileVault est en cours : revenez quand il sera terminé.")
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
        raise CannotTell("Gardien n'a pas pu lire l'état de BitLocker (droits d'administrateur ou langue non reconnue).")
    evidence = {"chiffrement": state.encryption, "protection": state.protection_on, "source": state.source}
    if state.encryption == "encrypted" and state.protection_on:
        return Outcome(Status.PASS, "BitLocker est actif : le disque est chiffré et protégé.", evidence)
    if state.encryption == "encrypted" and state.protection_on is False:
        return Outcome(
            Status.FAIL,
            "Le disque est chiffré mais la protection BitLocker est suspendue ou en attente d'activation : "
            "la clé est lisible sur le disque, le chiffrement ne protège rien.",
            evidence,
        )
    if state.encryption in ("encrypting", "unknown"):
        raise CannotTell("Le chiffrement BitLocker est en cours ou dans un état inconnu : revenez plus tard.")
    return Outcome(Status.FAIL, "Le disque n'est pas chiffré (BitLocker désactivé).", evidence)
