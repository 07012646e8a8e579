"""`gardien registre violations`: the breach register (GDPR art. 33.5) from the command line."""

from __future__ import annotations

from typing import Annotated

import typer

violation_app = typer.Typer(help="Registre des violations de données : les noter, les suivre, les lister.",
                            no_args_is_help=True, rich_markup_mode=None)



@violation_app.command("liste")
def list_violations() -> None:
    """Liste les violations enregistrées, la plus récente en premier."""
    from gardien import fr
    from gardien.registre import breaches

    entries = breaches.all_violations()
    if not entries:
        typer.echo("Aucune violation enregistrée.")
        return
    for v in entries:
        typer.echo(f"[{v.id}] découverte le {breaches.when_text(v.discovered_at)} — {v.nature_text}")
        typer.echo(f"    {v.description}")
        typer.echo(f"    CNIL : {breaches.CNIL_LABEL[v.cnil]}" + (f" le {fr.day(v.cnil_date)}" if v.cnil_date else "")
                   + f" ; patients : {breaches.PATIENTS_LABEL[v.patients]}" + (f" le {fr.day(v.patients_date)}" if v.patients_date else ""))
        if v.overdue():
            typer.echo(f"    Délai de 72 heures passé (jusqu'au {breaches.when_text(v.deadline.isoformat())}) : si la violation "
                       "présente un risque, notifiez la CNIL quand même et expliquez le retard.")
        elif v.cnil is breaches.Decision.TO_DECIDE:
            typer.echo(f"    Notification à la CNIL à décider avant le {breaches.when_text(v.deadline.isoformat())}, "
                       "si la violation présente un risque pour les personnes.")


@violation_app.command("ajouter")
def add(
    decouverte: Annotated[str, typer.Option("--decouverte", help="Date (et heure) de la découverte : JJ/MM/AAAA [HH:MM].")],
    description: Annotated[str, typer.Option("--description", help="Ce qui s'est passé, en quelques mots.")],
    survenue: Annotated[str, typer.Option("--survenue", help="Date à laquelle la violation a eu lieu, si vous la connaissez.")] = "",
    nature: Annotated[list[str] | None, typer.Option("--nature", help="confidentialite, integrite ou disponibilite (répétable).")] = None,
    donnees: Annotated[str, typer.Option("--donnees", help="Données concernées.")] = "",
    personnes: Annotated[str, typer.Option("--personnes", help="Nombre approximatif de personnes concernées.")] = "",
    enregistrements: Annotated[str, typer.Option("--enregistrements", help="Nombre approximatif d'enregistrements.")] = "",
    consequences: Annotated[str, typer.Option("--consequences", help="Conséquences probables.")] = "",
    mesures: Annotated[str, typer.Option("--mesures", help="Mesures prises ou prévues.")] = "",
) -> None:
    """Note une violation de données dans le registre (la décision de notifier se note ensuite avec « suivi »)."""
    from gardien.registre import breaches

    entry = breaches.record(breaches.manual(
        decouverte, description, occurred=survenue, natures=nature or (), data=donnees, people=personnes,
        records=enregistrements, consequences=consequences, measures=mesures))
    typer.echo(f"Violation notée (numéro {entry.id}).")
    typer.echo(f"Si elle présente un risque pour les patients, la CNIL doit être prévenue avant le "
               f"{breaches.when_text(entry.deadline.isoformat())} (72 heures après la découverte) : "
               "https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles")
    typer.echo(f"Notez ensuite la décision : gardien registre violations suivi {entry.id} --cnil fait --cnil-date JJ/MM/AAAA")


@violation_app.command("suivi")
def follow(
    numero: Annotated[str, typer.Argument(help="Le numéro de la violation (gardien registre violations liste).")],
    cnil: Annotated[str | None, typer.Option("--cnil", help="fait, non_necessaire ou a_decider.")] = None,
    cnil_date: Annotated[str | None, typer.Option("--cnil-date", help="Date de la notification à la CNIL.")] = None,
    cnil_motif: Annotated[str | None, typer.Option("--cnil-motif", help="Pourquoi pas de notification, ou pourquoi après 72 heures.")] = None,
    patients: Annotated[str | None, typer.Option("--patients", help="fait, non_necessaire ou a_decider.")] = None,
    patients_date: Annotated[str | None, typer.Option("--patients-date", help="Date de l'information des patients.")] = None,
    patients_motif: Annotated[str | None, typer.Option("--patients-motif", help="Pourquoi les patients ne sont pas informés.")] = None,
    consequences: Annotated[str | None, typer.Option("--consequences", help="Conséquences probables.")] = None,
    mesures: Annotated[str | None, typer.Option("--mesures", help="Mesures prises ou prévues.")] = None,
) -> None:
    """Met à jour le suivi d'une violation : notification à la CNIL, information des patients, mesures."""
    from gardien.registre import breaches

    breaches.change_follow_up(numero, cnil=cnil, cnil_date=cnil_date, cnil_reason=cnil_motif, patients=patients,
                              patients_date=patients_date, patients_reason=patients_motif, consequences=consequences,
                              measures=mesures)
    typer.echo(f"Suivi de la violation {numero} enregistré.")
