"""After the crisis: getting the files back from the backups onto a clean computer (references.md INC-02: reinstall the
system and restore the backups), and what the last backup's date means for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gardien import fr
from gardien.core.model import Source
from gardien.errors import GardienError
from gardien.urgence.incident import Incident, OnsetSource

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
    source = incident.onset_source
    if source is OnsetSource.WATCH:
        return "moment du premier signe de chiffrement vu par la veille de Gardien"
    if source is OnsetSource.DECLARED:
        return "moment où vos fichiers ont cessé de s'ouvrir, déclaré par vous"
    return ("moment où le mode urgence a été ouvert : si vos fichiers ont cessé de s'ouvrir avant, indiquez ce moment-là "
            "à la place")


def closed_said(incident: Incident | None) -> str:
    """« l'incident n° 2 du 29/11/2026 à 22h55, fermé le 30/11/2026 à 9h10 » for a closed incident; "" otherwise: its
    moment is no longer proposed as today's (round 19), only named."""
    if incident is None or incident.closed_at is None:
        return ""
    return f"l'incident {incident.name}, fermé le {fr.day_and_time(incident.closed_at)}"


def closed_restore_hint(incident: Incident | None) -> str:
    """The restore form's line for a closed incident: which one, and the copy to take if she restores for it."""
    closed = closed_said(incident)
    if not closed:
        return ""
    return (f"Le dernier incident, {incident.name}, est fermé depuis le {fr.day_and_time(incident.closed_at)} : si vous "
            f"restaurez pour lui, choisissez « La dernière copie d'avant le » {before_incident(incident)} "
            f"({onset_said(incident)}). Si la copie la plus récente a été faite pendant cet incident, Gardien prend la "
            "dernière copie d'avant.")


def concerned() -> Incident | None:
    """The incident the way back is about: the open one, else the last attack (closed); None when none is noted."""
    from gardien.urgence import incident, state

    emergency = state.current()
    return incident.find(emergency.incident) if emergency is not None else incident.last_attack()


# the command line's way to give the moment, while only the opening of the emergency mode is known
DECLARE_HINT = ("Vos fichiers ont cessé de s'ouvrir avant l'ouverture du mode urgence ? Notez ce moment dans le journal : "
                "gardien urgence apres --depuis \"JJ/MM HH:MM\"")


def declare_onset(typed: str, now: datetime | None = None) -> Incident:
    """She says when her files stopped opening: journaled in the open incident (else the last attack, closed) with the
    moment in its details, which the restore steers before (Incident.onset). GardienError in French when no incident is
    noted, the moment is not understood or is in the future: nothing is written then."""
    from gardien.urgence import incident as incidents
    from gardien.urgence import journal
    from gardien.urgence.journal import EntryKind

    target = concerned()
    if target is None:
        raise GardienError("Aucun incident n'est noté dans le journal : Gardien ne peut pas y noter ce moment. En cas "
                           "d'attaque, ouvrez d'abord le mode urgence.")
    now = now or datetime.now().astimezone()
    try:
        moment = fr.typed_moment(typed, now)
    except ValueError:
        raise GardienError(f"Date non comprise : « {typed.strip()} ». Indiquez le jour et l'heure où vos fichiers ont "
                           "cessé de s'ouvrir, par exemple « 28/11 18:00 » ou « hier 18h ».") from None
    if moment > now:
        raise GardienError(f"Le {fr.day_and_time(moment)} est dans le futur : indiquez le jour et l'heure où vos "
                           "fichiers ont cessé de s'ouvrir.")
    journal.append(target.id, EntryKind.ONSET, f"Vos fichiers ont cessé de s'ouvrir le {fr.day_and_time(moment)} (déclaré).",
                   {"depuis": moment.isoformat(timespec="minutes")})
    return incidents.find(target.id)


def declared_said(incident: Incident | None) -> str:
    """The declared moment, said back as the journal keeps it; "" when she has declared none."""
    declared = incident.declared_onset if incident is not None else None
    if declared is None:
        return ""
    from gardien.backup.operations import moment_label

    return (f"Noté dans le journal de l'incident {incident.name} : vos fichiers ont cessé de s'ouvrir le "
            f"{moment_label(declared)} (déclaré par vous).")


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
    closed = closed_said(incident)
    if before:
        choice = ((f" Pour {closed} : choisissez" if closed else " Choisissez")
                  + f" la dernière copie d'avant le {before} ({onset_said(incident)}) : une copie faite après "
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
    if incident.closed_at is not None and latest >= incident.closed_at:  # made once the incident was over
        return (f"Dernière sauvegarde faite par Gardien : le {fr.day_and_time(latest)}, après la fin de "
                f"{closed_said(incident)}.")
    if latest >= start:
        return (f"Attention : la dernière sauvegarde (le {fr.day_and_time(latest)}) a été faite après le début de l'incident "
                f"(le {fr.day_and_time(start)}, {onset_said(incident)}). Elle peut contenir des fichiers déjà chiffrés : "
                f"restaurez la copie d'avant le {before_incident(incident)} ; Gardien la choisit lui-même si vous ne "
                "donnez pas de date.")
    return (f"La dernière sauvegarde (le {fr.day_and_time(latest)}) date d'avant l'incident (le {fr.day_and_time(start)}). "
            "Si le chiffrement avait commencé avant, sans être vu, ses fichiers peuvent l'être aussi : vérifiez-en quelques-uns, "
            f"et au besoin restaurez une copie plus ancienne (« avant le … »). Ce qui a été modifié depuis est à refaire.")
