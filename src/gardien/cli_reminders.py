"""`gardien rappels`: register the routines with the OS scheduler, remove them, show them, notify."""

from __future__ import annotations

from typing import Annotated

import typer

from gardien.errors import ExitCode, GardienError
from gardien.reminders import scheduler

app = typer.Typer(
    help="Rappels : sauvegarde de la semaine, test de restauration du semestre, créneau de mises à jour, bilan trimestriel.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


DATA_HELP = "Le dossier de données de Gardien qui a installé le rappel."
INSTALL, REMOVE = "gardien rappels installer", "gardien rappels desinstaller"

# the first line after « installer »: « installés » only when the scheduler was seen ready to run them
HEADING = {
    scheduler.Runs.YES: "Rappels installés ({backend}) :",
    scheduler.Runs.NO: "Rappels notés dans le planificateur ({backend}), mais ils ne se déclencheront pas :",
    scheduler.Runs.UNKNOWN: "Rappels notés dans le planificateur ({backend}) ; Gardien n'a pas pu vérifier qu'ils se "
                            "déclencheront :",
}


def _describe(entry: dict) -> str:
    from gardien.reminders.install import when_of
    from gardien.reminders.routines import said_when

    return said_when(when_of(entry))


def _outdated(stale) -> str:
    """What an older Gardien programmed otherwise, and the one step that brings it up to date."""
    from gardien.fr import listed
    from gardien.reminders.install import entry

    said = [f"« {r.title} » : {_describe(entry(r))}" for r in stale.changed]
    said += [f"« {title} » : Gardien ne le propose plus" for title in stale.dropped]
    return ("Ces rappels ont été programmés par une version précédente de Gardien, qui ne les plaçait pas aux mêmes "
            f"moments. Cette version-ci prévoit : {listed(said)}. Pour les mettre à jour, en gardant vos jours et "
            f"heures : {stale.command}")


@app.command()
def installer(
    jour_maj: Annotated[str, typer.Option("--jour-maj", help="Jour du créneau de mises à jour.")] = "jeudi",
    heure_maj: Annotated[str, typer.Option("--heure-maj", help="Heure du créneau de mises à jour (13:00 par défaut).")] = "13:00",
    jour_sauvegarde: Annotated[str, typer.Option("--jour-sauvegarde", help="Jour de la sauvegarde de la semaine.")] = "lundi",
    heure_sauvegarde: Annotated[str, typer.Option("--heure-sauvegarde", help="Heure de la sauvegarde de la semaine.")] = "12:30",
) -> None:
    """Programme les rappels dans le planificateur du système (sans droits d'administrateur).

    Code de sortie : 0 si le planificateur les lancera (vérifié à l'instant), 1 s'ils ne se déclencheront pas, 4 si
    Gardien n'a pas pu le vérifier."""
    from gardien.reminders import install
    from gardien.reminders.routines import parse_day, parse_time, routines

    chosen = routines(parse_day(jour_maj), parse_time(heure_maj), parse_day(jour_sauvegarde), parse_time(heure_sauvegarde))
    other = install.other_gardien()
    manifest = install.install(chosen)
    checked = scheduler.check(manifest)
    typer.echo(HEADING[checked.runs].format(backend=manifest["backend"]))
    for entry in manifest["routines"]:
        typer.echo(f"  • {entry['title']} : {_describe(entry)}")
    if other is not None:
        typer.echo(f"Ils remplacent ceux d'un autre Gardien, qui lançaient {other.program} : cet autre Gardien n'a plus "
                   "de rappels.")
    typer.echo(checked.in_terminal)
    typer.echo("Pour les retirer : gardien rappels desinstaller")
    if checked.runs is scheduler.Runs.NO:
        raise typer.Exit(ExitCode.FINDINGS)
    if checked.runs is scheduler.Runs.UNKNOWN:  # as `etat`: « je ne sais pas » must not look like success to a script
        raise typer.Exit(ExitCode.CANNOT_TELL)


@app.command()
def desinstaller() -> None:
    """Retire tous les rappels de Gardien du planificateur, sans toucher au reste."""
    from gardien.reminders import install

    removed = install.uninstall()
    typer.echo("Rappels retirés." if removed else "Aucun rappel de Gardien n'était installé.")


@app.command()
def etat() -> None:
    """Montre les rappels installés.

    Code de sortie : 0 si le planificateur les lancera (vérifié à l'instant) ou s'il n'y en a aucun, 1 s'ils ne se
    déclencheront pas, 4 si Gardien n'a pas pu le vérifier."""
    from gardien.reminders import install
    from gardien.statefile import DamagedState

    try:
        manifest = install.installed()
    except DamagedState as damaged:  # never « aucun rappel » while they may still be programmed
        if (other := install.other_gardien()) is not None:
            raise GardienError(f"{damaged.explanation} {other.said(INSTALL, REMOVE)}") from damaged
        still = install.traces()
        where = f" Des rappels de Gardien sont pourtant programmés ({', '.join(still)})." if still else ""
        raise GardienError(f"{damaged.explanation}{where} Pour les remettre au propre : gardien rappels installer "
                           "(ou desinstaller pour les retirer).") from damaged
    other = install.other_gardien()
    if other is not None and not manifest:  # never « remettez au propre » over another Gardien's reminders
        typer.echo(other.said(INSTALL, REMOVE))
        return
    if not manifest:
        still = install.traces()
        if still:
            typer.echo(f"Des rappels de Gardien sont programmés ({', '.join(still)}), mais leur liste n'a pas été "
                       "trouvée. Pour les remettre au propre : gardien rappels installer (ou desinstaller).")
            return
        typer.echo("Aucun rappel installé. Pour les programmer : gardien rappels installer")
        return
    from gardien.fr import day

    checked = scheduler.check_installed(manifest, install.traces(), other)  # as the web page judges them
    if checked.runs is not scheduler.Runs.YES:  # what matters first: they may not fire, and what to do
        typer.echo(checked.in_terminal)
        if other is not None:  # whose they are now, right after it, as the page says it (never with Runs.YES)
            typer.echo(other.said(INSTALL, REMOVE))
    if checked.lost:
        heading = "Ce qui était programmé le {day} ({backend}) :"
    elif checked.runs is scheduler.Runs.YES:
        heading = "Rappels installés le {day} ({backend}) :"
    else:
        heading = "Rappels notés dans le planificateur le {day} ({backend}) :"
    typer.echo(heading.format(day=day(manifest["installed_at"]), backend=manifest["backend"]))
    for entry in manifest["routines"]:
        typer.echo(f"  • {entry['title']} : {_describe(entry)}")
    if checked.runs is scheduler.Runs.YES:
        typer.echo(checked.in_terminal)
    if not checked.lost and (stale := install.outdated(manifest)):
        typer.echo(_outdated(stale))
    if checked.runs is scheduler.Runs.NO:  # « they will not fire »: the same exit code as « installer » says it with
        raise typer.Exit(ExitCode.FINDINGS)
    if checked.runs is scheduler.Runs.UNKNOWN:  # « je ne sais pas » must not look like success to a script
        raise typer.Exit(ExitCode.CANNOT_TELL)


@app.command()
def notifier(
    routine: Annotated[str, typer.Argument(metavar="RAPPEL", help="sauvegarde, restauration, mises_a_jour ou bilan")],
    donnees: Annotated[str | None, typer.Option("--donnees", hidden=True, help=DATA_HELP)] = None,
) -> None:
    """Affiche la notification d'un rappel (c'est ce que lance le planificateur)."""
    from gardien.fr import typed_choice
    from gardien.reminders.routines import by_id, routines

    _data_folder(donnees)
    known = by_id(routines())
    routine = typed_choice(routine, known) or routine
    if routine not in known:
        raise GardienError(f"Rappel inconnu : « {routine} ». Rappels : {', '.join(known)}.")
    _show(known[routine])


@app.command()
def rattraper(
    donnees: Annotated[str | None, typer.Option("--donnees", hidden=True, help=DATA_HELP)] = None,
) -> None:
    """Affiche un rappel manqué pendant que l'ordinateur était éteint (lancé par le service des tâches programmées de l'ordinateur)."""
    from gardien.reminders import install, missed
    from gardien.reminders.routines import by_id, routines
    from gardien.statefile import DamagedState

    _data_folder(donnees)
    try:
        manifest = install.installed()
    except DamagedState:
        return  # « rappels etat » says it; a catch-up run in the background has no one to tell
    known = by_id(routines())
    for entry in (manifest or {}).get("routines", []):
        if entry.get("id") in known and missed.missed(entry, manifest["installed_at"]):
            _show(known[entry["id"]])


def _data_folder(given: str | None) -> None:
    import os

    if given:  # « rappels installer » run with GARDIEN_HOME: the reminder uses the same data folder
        os.environ["GARDIEN_HOME"] = given


def _show(routine) -> None:
    from gardien import launch
    from gardien.reminders import missed
    from gardien.reminders.notify import notify
    from gardien.reminders.routines import notification
    from gardien.web.shortcut import places_said

    message = notification(routine, places_said(), launch.typed_anywhere())
    if not notify(f"Gardien : {routine.title}", message):
        typer.echo(f"{routine.title} — {message}")
    missed.record(routine.id)


@app.command("heures-actives")
def heures_actives(
    debut: Annotated[int, typer.Option("--debut", min=0, max=23, help="Début des consultations (heure).")] = 8,
    fin: Annotated[int, typer.Option("--fin", min=0, max=23, help="Fin des consultations (heure).")] = 19,
) -> None:
    """Windows : empêche les redémarrages de mise à jour pendant vos heures de consultation."""
    from gardien.reminders.windows import active_hours_commands

    if not 0 < (fin - debut) % 24 <= 18:
        raise GardienError("Windows accepte une plage d'heures d'activité de 18 heures au plus.")
    typer.echo("Le plus simple : Paramètres > Windows Update > Options avancées > Heures d'activité,")
    typer.echo(f"choisissez « Manuellement », de {debut} h à {fin} h. Windows ne redémarrera pas pendant ces heures.")
    typer.echo("\nOu, dans un terminal ouvert en administrateur :")
    for command in active_hours_commands(debut, fin):
        typer.echo(f"  {command}")


@app.callback()
def rappels_alone(ctx: typer.Context) -> None:
    """« gardien rappels » alone says where things stand and what to do first (its « etat »), not the sub-commands."""
    from gardien.cli_french import state_then_commands

    if ctx.invoked_subcommand is None:
        state_then_commands("rappels", etat)
