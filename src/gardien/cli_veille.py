"""`gardien veille`: the ransomware tripwire — turn it on (a service started at logon), off, see it, or run it."""

from __future__ import annotations

from typing import Annotated

import typer

from gardien.errors import GardienError
from gardien.fr import plural

app = typer.Typer(help="Veille contre les rançongiciels : surveille vos dossiers et donne l'alerte.", invoke_without_command=True,
                  rich_markup_mode=None)
FOLDER_HELP = "Dossier à surveiller (répétable). Par défaut : les dossiers sauvegardés, sinon Documents et Bureau."
RUN_FOLDER_HELP = "Dossier à surveiller (répétable). Par défaut : ceux de la veille activée (gardien veille installer)."
PAUSE_HELP = ("En cas d'alerte, mettre en pause le programme vu en train de chiffrer vos fichiers (mis en pause, pas arrêté : "
              "« gardien veille reprendre » le relance).")


@app.command()
def installer(
    dossier: Annotated[list[str] | None, typer.Option("--dossier", help=FOLDER_HELP)] = None,
    coupure_auto: Annotated[bool, typer.Option("--coupure-auto", help="En cas d'alerte, couper le réseau sans attendre (ce qui ne demande pas de droits d'administrateur).")] = False,
    pause_programme: Annotated[bool, typer.Option("--pause-programme", help=PAUSE_HELP)] = False,
) -> None:
    """Active la veille : elle démarre maintenant et à chaque ouverture de session (sans droits d'administrateur)."""
    from gardien.veille import setup

    chosen, where = setup.enable(dossier, coupure_auto, pause_programme)
    typer.echo("Veille activée. Dossiers surveillés :")
    for folder in chosen.folders:
        typer.echo(f"  • {folder}")
    typer.echo("Deux petits fichiers témoins cachés (.gardien-temoin.pdf, listé en premier, et ～gardien-temoin.pdf, "
               "listé en dernier) sont placés dans chaque dossier : ne les modifiez pas.")
    typer.echo("En cas d'alerte : " + ("le réseau est coupé, puis " if chosen.auto_cut else "")
               + "une notification s'affiche" + (", le programme qui chiffre est mis en pause" if chosen.suspend else "")
               + " et le mode urgence s'ouvre (gardien urgence).")
    typer.echo(f"Démarrage automatique : {where}")
    typer.echo("Pour l'arrêter : gardien veille desinstaller")


@app.command()
def desinstaller() -> None:
    """Arrête la veille, retire son démarrage automatique et ses fichiers témoins."""
    from gardien import fr
    from gardien.veille import setup, watcher

    removed = setup.disable().said
    typer.echo("Veille arrêtée et retirée." if removed else "La veille n'était pas installée.")
    for item in removed:
        typer.echo(f"  • retiré : {item}")
    if last := watcher.last_alert():  # what she may still need: kept, and said where it is
        typer.echo(f"Sa dernière alerte, le {fr.day_and_time(last['date'])}, reste notée dans le dossier de données de "
                   "Gardien. Pour la relire : gardien veille etat")
    if paused := watcher.still_paused():
        typer.echo(_paused_said(paused, "toujours en pause"))


@app.command()
def etat() -> None:
    """Dit si la veille tourne, sur quels dossiers, et sa dernière alerte."""
    from gardien import fr
    from gardien.veille import config, service, watcher
    from gardien.veille.detector import seen

    chosen = config.load()
    status = watcher.status()
    if chosen is None and not status.get("etat"):
        typer.echo("La veille n'est pas activée. Pour l'activer : gardien veille installer")
        return
    typer.echo(f"Démarrage automatique : {'oui' if service.installed() else 'non'}.")
    if status.get("vivante"):
        typer.echo(f"La veille tourne depuis le {fr.day_and_time(status.get('depuis'))} (processus {status.get('pid')}), "
                   f"{fr.plural(status.get('temoins', 0), 'fichier témoin', 'fichiers témoins')}"
                   + (f" dans {fr.plural(status['dossiers_temoins'], 'dossier')}." if status.get("dossiers_temoins") else "."))
    else:
        typer.echo("La veille ne tourne pas en ce moment.")
    for folder in (chosen.folders if chosen else status.get("dossiers", [])):
        typer.echo(f"  • {folder}")
    if chosen is not None:
        typer.echo("Coupure automatique du réseau en cas d'alerte : " + ("oui." if chosen.auto_cut else "non."))
        typer.echo("Mise en pause du programme qui chiffre : " + ("oui." if chosen.suspend else "non."))
    last = status.get(watcher.LAST_ALERT)
    if isinstance(last, dict) and last.get("date"):
        files = last.get("fichiers")
        typer.echo(seen(last["date"], last.get("resume", ""),
                        [f for f in files if isinstance(f, str)] if isinstance(files, list) else []))
        typer.echo(_after_alert())
    elif status.get("etat") == "alerte":
        typer.echo("Dernière alerte : voir « gardien urgence journal liste ».")
    if status.get("mis_en_pause"):
        typer.echo(_paused_said(status["mis_en_pause"]))


def _paused_said(pids: list[int], still: str = "") -> str:
    """The programs an alert paused, and how they are resumed; `still`: « toujours en pause », once the watch is off."""
    many = len(pids) > 1
    return (f"{'Programmes mis' if many else 'Programme mis'} en pause par Gardien (processus {', '.join(map(str, pids))})"
            f"{', ' + still if still else ''} : « gardien veille reprendre » {'les' if many else 'le'} relance, quand la "
            "personne qui vous aide l'a décidé.")


def _after_alert() -> str:
    """Where the emergency stands after an alert: open (its instructions), or closed (the journal)."""
    from gardien.urgence import state

    if state.current() is not None:
        return ("Le mode urgence est ouvert : débranchez le réseau, ne branchez pas votre disque de sauvegarde, et suivez "
                "les consignes : gardien urgence")
    return "Le mode urgence a été fermé depuis. Le détail est dans le journal : gardien urgence journal liste"


@app.command()
def lancer(
    dossier: Annotated[list[str] | None, typer.Option("--dossier", help=RUN_FOLDER_HELP)] = None,
    coupure_auto: Annotated[bool, typer.Option("--coupure-auto", help="Couper le réseau en cas d'alerte.")] = False,
    pause_programme: Annotated[bool, typer.Option("--pause-programme", help=PAUSE_HELP)] = False,
    intervalle: Annotated[float, typer.Option("--intervalle", min=1, max=3600, help="Secondes entre deux vérifications des fichiers témoins.")] = 10.0,
) -> None:
    """Surveille au premier plan jusqu'à Ctrl+C (c'est ce que lance le démarrage automatique)."""
    import logging

    from gardien import fr
    from gardien.veille import config, service
    from gardien.veille.watcher import Watcher

    # one watcher per data folder: a second one would take over its status file, and « desinstaller » would then no
    # longer find the activated watcher to stop it
    running = service.running_pid()
    if running is not None:
        raise GardienError(f"La veille tourne déjà (processus {running}) : une seule à la fois. Pour surveiller d'autres "
                           "dossiers : gardien veille installer --dossier … ; pour l'arrêter : gardien veille desinstaller")
    if dossier:
        chosen = config.WatchConfig(config.checked_folders(dossier), coupure_auto, pause_programme)
    else:
        saved = config.load()
        if saved is None:
            defaults = config.default_folders()
            raise GardienError("La veille n'est pas configurée et aucun dossier n'est indiqué. " + (
                f"« gardien veille installer » surveillera {fr.listed(defaults)} ; ou indiquez --dossier." if defaults
                else config.no_default_said()))
        chosen = config.WatchConfig(config.checked_folders(saved.folders), saved.auto_cut or coupure_auto,
                                    saved.suspend or pause_programme)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    watcher = Watcher(chosen, interval_s=intervalle)
    typer.echo(f"Veille en cours sur {plural(len(chosen.folders), 'dossier')}, "
               f"{plural(len(watcher.detector.canaries), 'fichier témoin', 'fichiers témoins')}. "
               "Ctrl+C pour arrêter.")
    watcher.run()
    typer.echo("Veille arrêtée. " + _witnesses_after_stop())


def _witnesses_after_stop() -> str:
    """A watch run by hand cleans up its witness files; those of the installed watch stay, for its next start."""
    from gardien.veille import canary, config

    if config.load() is not None:
        return ("Les fichiers témoins (.gardien-temoin.pdf…) restent dans les dossiers : la veille activée s'en sert à "
                "chaque démarrage. Pour les retirer avec elle : gardien veille desinstaller")
    placed = len(canary.load())
    removed = canary.remove()
    said = f"{plural(removed, 'fichier témoin retiré', 'fichiers témoins retirés')} des dossiers surveillés."
    if placed > removed:  # changed or gone: left as they are, they are traces of what happened
        said += " Les fichiers témoins modifiés ou disparus n'ont pas été touchés : ce sont des traces de l'incident."
    return said


@app.command()
def reprendre() -> None:
    """Relance les programmes que la veille a mis en pause lors d'une alerte (à faire sur l'avis de la personne qui vous aide)."""
    from gardien.veille import watcher

    paused, resumed = watcher.resume_paused()
    if not paused:
        typer.echo("Aucun programme n'a été mis en pause par Gardien.")
        return
    typer.echo(f"{'Relancés' if len(resumed) > 1 else 'Relancé'} : processus {', '.join(map(str, resumed))}." if resumed
               else "Ces programmes ne tournent plus : rien à relancer.")


@app.callback()
def veille_alone(ctx: typer.Context) -> None:
    """« gardien veille » alone says where things stand and what to do first (its « etat »), not the sub-commands."""
    from gardien.cli_french import state_then_commands

    if ctx.invoked_subcommand is None:
        state_then_commands("veille", etat)
