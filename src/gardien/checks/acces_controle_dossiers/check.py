"""Windows' own protection against ransomware: Controlled Folder Access (« Dispositif d'accès contrôlé aux
dossiers »), a Microsoft Defender feature that lets only trusted programs change the protected folders.

Read without admin rights: `(Get-MpPreference).EnableControlledFolderAccess`, a number (0 off, 1 on, 2 audit — it
notes what it would block without blocking —, 3 and 4 the same for disks only; Set-MpPreference's documentation), and
Defender's running mode from Get-MpComputerStatus: with another antivirus in charge, Defender is passive and this
protection does not work at all. Audit mode comes first in the plan (steps): switched straight to blocking, the
feature may refuse a save in the practice software, and people then switch it off for good.
"""

from __future__ import annotations

import re

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Severity, Status
from gardien.parsers import key_values

OFF, ON, AUDIT, DISKS_ONLY, AUDIT_DISKS_ONLY = 0, 1, 2, 3, 4


def windows(ctx: Context) -> Outcome:
    defender = ctx.optional("defender")
    mode = key_values(defender).get("AMRunningMode", "") if defender else ""
    if mode and mode.lower() != "normal":
        raise CannotTell("Microsoft Defender n'est pas l'antivirus actif de cet ordinateur : la protection des dossiers de "
                         "Windows ne fonctionne pas. Vérifiez si votre antivirus a sa propre protection contre les rançongiciels.")
    text = ctx.text("controlled_folder_access").strip()
    if not re.fullmatch(r"\d+", text):
        raise CannotTell("Gardien n'a pas pu lire l'état de la protection des dossiers de Windows.")
    value = int(text)
    if value == ON:
        return Outcome(Status.PASS, "La protection des dossiers contre les rançongiciels est activée : seuls les programmes "
                       "de confiance peuvent modifier vos documents.", {"mode": value})
    if value in (AUDIT, AUDIT_DISKS_ONLY):
        return Outcome(Status.FAIL, "La protection des dossiers est en mode audit : Windows note les programmes qu'il aurait "
                       "bloqués, sans rien bloquer encore. Après deux semaines sans blocage gênant, activez-la pour de bon.",
                       {"mode": value}, severity=Severity.LOW)
    if value == DISKS_ONLY:
        return Outcome(Status.FAIL, "Seuls les disques sont protégés, pas vos dossiers de documents.", {"mode": value})
    if value == OFF:
        return Outcome(Status.FAIL, "La protection des dossiers contre les rançongiciels de Windows est désactivée.", {"mode": value})
    raise CannotTell(f"État de la protection des dossiers inconnu de Gardien (valeur {value}) : vérifiez-le dans Sécurité Windows.")
