"""After the crisis: getting the files back from the backups onto a clean computer (references.md INC-02: reinstall the
system and restore the backups), and what the last backup's date means for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gardien import fr
from gardien.core.model import Source
from gardien.errors import GardienError
from gardien.urgence.incident import Incident

# What the steps rest on (references.md ids, texts in data/sources.toml): reinstall and restore (INC-02), change the
# compromised passwords (PHISH-04, ANSSI measure 40).
SOURCES = ("INC-02", "PHISH-04")


@dataclass(frozen=True)
class RestoreStep:
    text: str
    command: str = ""  # for the command line only; the web page says where to click instead


def before_incident(incident: Incident | None) -> str:
    """« 29/11 à 04:50 »: the moment the copy to restore must predate (the attack's start: the watch's first sign of
    encryption, else the opening of the emergency mode), or ""."""
    if incident is None:
        return ""
    from gardien.backup.operations import moment_label

    return moment_label(incident.onset)


def onset_said(incident: Incident | None) -> str:
    """What that moment is, after « le 29/11 à 04:50, » (round 18: it was the incident's opening, said « noté »)."""
    if incident is None:
        return ""
    if incident.first_sign is not None:
        return "moment du premier signe de chiffrement vu par la veille de Gardien"
    return ("moment où le mode urgence a été ouvert : si vos fichiers ont cessé de s'ouvrir avant, indiquez ce moment-là "
            "à la place")


def _destination() -> tuple[str, str]:
    """The destination to type in the commands: its name when there is one; else NOM, with the names to choose from."""
    from gardien.backup import config

    try:
        names = [d.nom for d in config.load().destinations]
    except GardienError:  # not configured, or a damaged configuration: the page says so elsewhere
        names = []
    if len(names) == 1:
        return names[0], ""
    return "NOM", (f" — NOM : {' ou '.join(names)}" if names else " — NOM : voir gardien sauvegarde etat")


def sources() -> tuple[Source, ...]:
    """The page's and the command's « Source : » lines, from the sources file."""
    from gardien.urgence import content

    known = content.sources()
    return tuple(known[rule] for rule in SOURCES)


def steps(incident: Incident | None = None) -> list[RestoreStep]:
    before = before_incident(incident)
    if before:
        choice = (f" Choisissez la dernière copie d'avant le {before} ({onset_said(incident)}) : une copie faite après "
                  "peut contenir des fichiers déjà chiffrés. Si les fichiers de cette copie sont chiffrés eux aussi, "
                  "prenez une copie plus ancienne.")
    else:  # no incident noted (walkthrough, round 15: the page never said « d'avant l'attaque »)
        choice = (" Choisissez une copie d'AVANT l'attaque : « La dernière copie d'avant le », avec le jour et l'heure où "
                  "les fichiers ont cessé de s'ouvrir. Une copie faite après contient des fichiers déjà chiffrés.")
    option = f' --avant "{before.replace(" à ", " ")}"' if before else ' --avant "JJ/MM HH:MM"'
    moment = "" if before else "   (JJ/MM HH:MM : le jour et l'heure où les fichiers ont cessé de s'ouvrir)"
    name, which = _destination()
    return [
        RestoreStep("Ne restaurez rien sur l'ordinateur attaqué tant qu'un professionnel ne l'a pas nettoyé ou réinstallé : "
                    "les fichiers remis en place seraient chiffrés à nouveau. Ne branchez pas votre disque de sauvegarde "
                    "dessus avant."),
        RestoreStep("Changez les mots de passe utilisés sur cet ordinateur (messagerie, logiciel métier, banque), depuis un "
                    "autre appareil sain."),
        RestoreStep("Sur l'ordinateur propre, si Gardien y est configuré avec vos sauvegardes : restaurez dans un dossier neuf "
                    "(page Sauvegardes, « Restaurer des fichiers »). Rien n'est écrasé." + choice,
                    f"gardien sauvegarde copies --destination {name}   (les copies gardées, avec leur date){which}\n"
                    f"     gardien sauvegarde restaurer --destination {name} --vers DOSSIER-NEUF{option}{moment}"),
        RestoreStep("Sur un ordinateur neuf ou réinstallé, sans sauvegarde en place : installez Gardien, branchez le disque "
                    "de sauvegarde, puis page Sauvegardes, « Restaurer des fichiers », partie « Copies faites sur un autre "
                    "ordinateur », avec le dossier des copies et le mot de passe notés sur la fiche de secours (ou la "
                    "personne qui vous aide restaure avec restic et cette fiche). Même choix de copie qu'au-dessus.",
                    f"gardien sauvegarde restaurer --depuis DOSSIER-DES-COPIES --vers DOSSIER-NEUF{option}"),
        RestoreStep("Ouvrez quelques documents restaurés de chaque dossier avant de les remettre à leur place, puis "
                    "reprenez les sauvegardes régulières."),
    ]


def last_backup() -> datetime | None:
    """The most recent successful backup Gardien made, any destination (None when unknown)."""
    try:
        from gardien.backup import state

        recorded = state.load()
    except Exception:  # noqa: BLE001 - the backup state is another module's file: unknown is an answer here
        return None
    dates = []
    for events in recorded.values() if isinstance(recorded, dict) else ():
        event = events.get("sauvegarde") if isinstance(events, dict) else None
        if isinstance(event, dict) and isinstance(event.get("date"), str):
            try:
                dates.append(datetime.fromisoformat(event["date"]))
            except ValueError:
                continue
    return max(dates, default=None)


def backup_warning(incident: Incident | None) -> str:
    """What the last backup's date says about restoring it: the restore takes the most recent copy."""
    latest = last_backup()
    if latest is None:
        return ("Gardien ne connaît pas de sauvegarde faite par lui : vérifiez avec votre fiche de secours, ou votre "
                "prestataire, la date de votre dernière copie.")
    if incident is None:
        return f"Dernière sauvegarde faite par Gardien : le {fr.day_and_time(latest)}."
    start = incident.onset
    if latest.tzinfo is None:
        latest = latest.astimezone()
    if latest >= start:
        return (f"Attention : la dernière sauvegarde (le {fr.day_and_time(latest)}) a été faite après le début de l'incident "
                f"(le {fr.day_and_time(start)}, {onset_said(incident)}). Elle peut contenir des fichiers déjà chiffrés : "
                f"restaurez la copie d'avant le {before_incident(incident)} ; Gardien la choisit lui-même si vous ne "
                "donnez pas de date.")
    return (f"La dernière sauvegarde (le {fr.day_and_time(latest)}) date d'avant l'incident (le {fr.day_and_time(start)}). "
            "Si le chiffrement avait commencé avant, sans être vu, ses fichiers peuvent l'être aussi : vérifiez-en quelques-uns, "
            f"et au besoin restaurez une copie plus ancienne (« avant le … »). Ce qui a été modifié depuis est à refaire.")
