"""`gardien desinstaller`: what Gardien put on this computer, removed after one confirmation (gardien/footprint.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from gardien.cli_french import confirm


def desinstaller(
    effacer_donnees: Annotated[bool, typer.Option("--effacer-donnees", help="Efface aussi le dossier de données de Gardien (registre, formation, journal des incidents…) et ses secrets du trousseau.")] = False,
    oui: Annotated[bool, typer.Option("--oui", help="Ne demande pas de confirmation (pour un script).")] = False,
) -> None:
    """Retire Gardien de cet ordinateur : rappels, veille, raccourcis ; vos données restent, sauf si vous le demandez."""
    from gardien import footprint
    from gardien.fr import listed

    found = footprint.measure()
    typer.echo("Ce que Gardien a mis sur cet ordinateur :")
    for line in _listing(found, effacer_donnees):
        typer.echo(f"  • {line}")
    removable = _removable(found)
    if effacer_donnees:
        removable += ["le dossier de données et tout ce qu'il contient"] + (["ses secrets du trousseau"] if found.keyring else [])
    if removable:
        question = f"Retirer {listed(removable)} ?"
        if effacer_donnees:
            question += " Vos documents de ce dossier seront perdus."
            if found.records and "les réglages des sauvegardes" in found.records:
                question += (" Vos sauvegardes, elles, restent sur leur disque : elles se relisent avec le mot de passe "
                             "de leur fiche d'urgence.")
        if not oui and not confirm(question, default=False):
            typer.echo("Rien n'a été retiré.")
            return
        removed = footprint.remove(found, effacer_donnees)
        typer.echo(f"Retiré : {listed(removed)}." if removed else "Rien n'était à retirer.")
    else:
        typer.echo("Rien à retirer : ni rappel, ni veille, ni raccourci de ce Gardien.")
    if not effacer_donnees:
        typer.echo(_data_kept(found))
    typer.echo(_last_step(found))


def _listing(found, with_data: bool) -> list[str]:
    from gardien.fr import listed

    other = found.other_reminders
    if found.reminders_unread:
        reminders = f"Rappels : {found.reminders_unread}"
    elif other is not None and not other.gone:
        reminders = (f"Rappels : ceux qui sont programmés sont ceux d'un autre Gardien ({other.program}) ; ils restent, "
                     "pour lui.")
    elif found.reminders:
        reminders = f"Rappels : programmés dans le planificateur du système ({', '.join(found.reminders)})."
    else:
        reminders = "Rappels : aucun."
    lines = [reminders, f"Veille : {'installée (démarrage automatique, fichiers témoins)' if found.watch else 'non installée'}."]
    lines.append(f"Raccourcis : {', '.join(str(p) for p in found.shortcuts)}." if found.shortcuts else "Raccourcis : aucun.")
    if found.keyring_unread:
        lines.append(f"Trousseau : {found.keyring_unread}.")
    elif found.keyring:
        held = listed([words for _, _, words in found.keyring])
        lines.append(f"Trousseau : {held}{'' if with_data else ' (gardé avec vos données)'}.")
    else:  # nothing to list (fr.listed([]) was an internal error)
        lines.append("Trousseau : rien.")
    records = f" : {listed(found.records)}" if found.records else ""
    lines.append(f"Dossier de données : {found.data}{records}{'' if with_data else ' (gardé)'}.")
    return lines


def _removable(found) -> list[str]:
    other = found.other_reminders
    things = []
    if found.reminders and (other is None or other.gone):
        things.append("les rappels")
    if found.watch:
        things.append("la veille")
    if found.shortcuts:
        things.append("les raccourcis")
    return things


def _data_kept(found) -> str:
    from gardien.fr import listed

    held = f" ({listed(found.records)})" if found.records else ""
    return (f"Vos données restent dans {found.data}{held}. Ce sont vos propres documents : le registre et le journal des "
            "incidents peuvent vous être demandés. Gardez ce dossier, ou copiez-le avant de le supprimer. Pour l'effacer "
            "avec Gardien : gardien desinstaller --effacer-donnees")


def _last_step(found) -> str:
    folder = found.install_folder
    if folder is None:
        return ("Dernière étape : retirez le programme Gardien lui-même comme il a été installé (installé avec pipx : "
                "pipx uninstall gardien) : il ne peut pas se retirer pendant qu'il tourne.")
    try:
        inside = found.data.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    warning = " Attention : votre dossier de données est dedans ; copiez-le d'abord si vous voulez le garder." if inside else ""
    return (f"Dernière étape : supprimez le dossier de Gardien, {folder} (mettez-le à la corbeille) : Gardien ne peut "
            f"pas le supprimer lui-même pendant qu'il tourne.{warning}")
