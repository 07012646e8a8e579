"""No backup work while the emergency mode is open (a ransomware incident, urgence/state.py).

During an attack a backup would copy files that may already be encrypted, and the backup disk plugged into the
attacked computer could be encrypted in its turn: the emergency instructions say not to plug it in (etapes.fr.toml).
So every command that makes or checks copies (set up, add, back up, restore test) stops first and says why and what
to do: close the incident once the computer is clean, or, when she knows it is, go on anyway (`--malgre-urgence` on
the command line). Restoring and listing the copies stay possible: they are the way back (urgence/apres.py), done
before the incident is closed; a restore is preceded by the instruction to do it on a clean computer only.
"""

from __future__ import annotations

from gardien import fr
from gardien.errors import GardienError

ANYWAY_OPTION = "--malgre-urgence"
ANYWAY_HELP = ("Pendant un incident ouvert dans le mode urgence : travailler quand même sur les sauvegardes (seulement si "
               "vous savez que cet ordinateur est sain, par exemple nettoyé par un professionnel).")


class EmergencyOpen(GardienError):
    """The emergency mode is open: the copies are not touched."""

    def __init__(self, opened_at: str) -> None:
        why = (f"Le mode urgence est ouvert depuis le {fr.day_and_time(opened_at)} (rançongiciel possible) : pendant "
               "l'incident, Gardien ne fait ni sauvegarde ni restauration d'essai, et n'ajoute pas de copie. Une "
               "sauvegarde maintenant pourrait copier des fichiers déjà chiffrés, et le disque de sauvegarde branché sur "
               "cet ordinateur pourrait être chiffré à son tour : ne le branchez pas. Rien n'a été fait.")
        super().__init__(
            f"{why} Quand l'ordinateur a été nettoyé ou réinstallé par un professionnel, fermez l'incident : gardien "
            "urgence terminer --issue attaque (ou --issue \"fausse alerte\" si c'en était une), puis relancez. Si "
            f"vous savez que cet ordinateur est sain, vous pouvez continuer quand même en ajoutant {ANYWAY_OPTION}.",
            f"{why} Quand l'ordinateur a été nettoyé ou réinstallé par un professionnel, fermez l'incident dans la page "
            "« En cas d'attaque » (« Fermer le mode urgence »), puis revenez ici.")


def open_since() -> str | None:
    """When the open emergency was opened, or None when there is none (read in urgence/state.py, its one place)."""
    from gardien.urgence import state

    emergency = state.current()
    return emergency.opened_at if emergency is not None else None


def plan_step_waits() -> str:
    """The plan's backup step while the emergency mode is open: its buttons are hidden and its commands refused, so
    what it says is to wait for the incident to be closed (else "")."""
    opened_at = open_since()
    if opened_at is None:
        return ""
    return (f"Le mode urgence est ouvert depuis le {fr.day_and_time(opened_at)} : les sauvegardes attendent que "
            "l'incident soit fermé. Une sauvegarde maintenant pourrait copier des fichiers déjà chiffrés : ne branchez "
            "pas le disque de sauvegarde sur cet ordinateur. Quand il a été nettoyé ou réinstallé par un professionnel, "
            "fermez l'incident (page « En cas d'attaque », « Fermer le mode urgence ») : cette étape redira alors quoi "
            "faire.")


def restore_warning() -> str:
    """Before a restore while the emergency mode is open: where to do it (else "")."""
    opened_at = open_since()
    if opened_at is None:
        return ""
    return (f"Le mode urgence est ouvert depuis le {fr.day_and_time(opened_at)} : ne restaurez que sur un ordinateur "
            "nettoyé ou réinstallé par un professionnel, et dans un dossier neuf ; sur l'ordinateur attaqué, les fichiers "
            "remis en place pourraient être chiffrés à nouveau.")


def refuse_if_open(anyway: bool = False) -> None:
    """Stop before touching the copies while the emergency mode is open, unless she said to go on anyway."""
    if anyway:
        return
    opened_at = open_since()
    if opened_at is not None:
        raise EmergencyOpen(opened_at)
