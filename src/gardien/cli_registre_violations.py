"""`gardien registre violations`: the breach register (GDPR art. 33.5) from the command line."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from gardien.errors import GardienError
from gardien.registre.breaches import CNIL_REASON, CNIL_WORDS, PATIENTS_WORDS, words_said

violation_app = typer.Typer(help="Registre des violations de données : les noter, les suivre, les lister. Sans "
                                 "commande, elles sont listées (comme « liste »).",
                            invoke_without_command=True, rich_markup_mode=None)



@violation_app.callback()
def violations_default(ctx: typer.Context) -> None:
    """« gardien registre violations » alone lists them, as « gardien urgence journal » shows the journal."""
    if ctx.invoked_subcommand is None:
        list_violations()


@violation_app.command("liste")
def list_violations() -> None:
    """Liste les violations enregistrées, la plus récente en premier."""
    from gardien import fr
    from gardien.registre import breaches
    from gardien.urgence import incident

    entries = breaches.all_violations()
    if not entries:
        typer.echo("Aucune violation enregistrée.")
        return
    if note := breaches.declared_note(entries):  # said once for the screen, not at every entry
        typer.echo(note)
    for v in entries:
        nature = v.nature_text if v.natures else "nature à préciser (confidentialité, intégrité ou disponibilité)"
        typer.echo(f"[{v.id}] découverte le {breaches.when_text(v.discovered_at)} — {nature}")
        number = incident.number_of(v.id) if v.source is breaches.ViolationSource.INCIDENT_JOURNAL else 0
        typer.echo(f"    {v.description}")
        if number:  # as « gardien urgence journal liste » names it
            typer.echo(f"    Vient de l'incident n° {number} du journal des incidents (gardien urgence journal liste).")
        if v.disk_text:
            typer.echo(f"    {v.disk_text}")
        typer.echo(f"    CNIL : {breaches.CNIL_LABEL[v.cnil]}" + (f" le {fr.day(v.cnil_date)}" if v.cnil_date else "")
                   + f" ; patients : {breaches.PATIENTS_LABEL[v.patients]}" + (f" le {fr.day(v.patients_date)}" if v.patients_date else ""))
        if v.overdue():
            typer.echo(f"    {fr.capitalised(breaches.late_said(v, declared=False))} : notifiez la CNIL quand même et expliquez le "
                       f"retard, {breaches.UNLESS_NO_RISK}.")
        elif v.cnil is breaches.Decision.TO_DECIDE:
            typer.echo(f"    Notification à la CNIL à faire {breaches.cnil_deadline_said(v.deadline)}, "
                       f"{breaches.UNLESS_NO_RISK}.")


def _ask(question: str) -> str:
    from gardien.cli_french import prompt

    try:
        return str(prompt(question, default="", show_default=False, prompt_suffix=" : ")).strip()
    except EOFError:
        raise GardienError("Interrompu avant la fin : rien n'a été noté. Pour recommencer : "
                           "gardien registre violations ajouter") from None


def _ask_until_valid(question: str, check):
    """Ask again until `check` accepts the answer (it raises GardienError with what is wrong)."""
    while True:
        answer = _ask(question)
        try:
            return check(answer)
        except GardienError as exc:
            typer.echo(exc.message)


def _understood(iso: str) -> None:
    """The date as Gardien read it (« hier » is a day she can check): said back at once."""
    from gardien.registre import breaches

    if iso:
        typer.echo(f"  Compris : {breaches.when_text(iso)}.")


def _ask_natures() -> list[str]:
    from gardien.registre import breaches

    kinds = list(breaches.BreachNature)
    typer.echo("Nature de la violation :")
    for number, kind in enumerate(kinds, start=1):
        typer.echo(f"  {number}. {breaches.NATURE_LABEL[kind]}")

    def check(answer: str) -> list[str]:
        parts = answer.replace(",", " ").split()
        if not all(p.isdigit() and 1 <= int(p) <= len(kinds) for p in parts):
            raise GardienError(f"Tapez un ou plusieurs numéros de 1 à {len(kinds)}, ou Entrée pour passer.")
        return [kinds[int(p) - 1].value for p in dict.fromkeys(parts)]

    return _ask_until_valid("Votre réponse (un ou plusieurs numéros, Entrée pour passer)", check)


def _ask_this_computer() -> bool:
    """Asked only when an audit measured this computer's disk encryption: is the lost or stolen device that computer?"""
    from gardien.cli_french import yes_no_answer
    from gardien.registre import breaches

    disk = breaches.audited_disk()
    if disk is None:
        return False

    def check(answer: str) -> bool:
        if not answer:
            return False
        said = yes_no_answer(answer, unknown=False)
        if said is None:
            raise GardienError("Répondez oui ou non (Entrée : ce n'est pas un ordinateur perdu ou volé).")
        return said == "oui"

    return _ask_until_valid(f"{breaches.this_computer_question(disk)} ? (oui/non ; Entrée : ce n'est pas un ordinateur "
                            "perdu ou volé)", check)


def _interview(decouverte: str | None, description: str | None, survenue: str, nature: list[str] | None,
               donnees: str, personnes: str, consequences: str, mesures: str, this_computer: bool) -> dict:
    """The questions, one by one, for what the options did not give (a practitioner types no options)."""
    from gardien import fr
    from gardien.registre import breaches

    typer.echo("Noter une violation de données : quelques questions. Entrée pour passer ce que vous ne savez pas.")
    if decouverte is None:
        def discovered(answer: str) -> str:
            answer = answer or datetime.now().strftime("%d/%m/%Y %H:%M")
            _understood(breaches.parse_when(answer, "date de découverte", required=True))
            return answer
        decouverte = _ask_until_valid("Date de la découverte (JJ/MM/AAAA, « hier »…, et l'heure si vous la connaissez ; "
                                      "Entrée pour maintenant)", discovered)
    if description is None:
        def described(answer: str) -> str:
            return breaches.manual(decouverte, answer).description
        description = _ask_until_valid("Ce qui s'est passé, en quelques mots", described)
    this_computer = this_computer or _ask_this_computer()
    if not survenue:
        def occurred(answer: str) -> str:
            _understood(breaches.manual(decouverte, description, occurred=answer).occurred_at)
            return answer
        survenue = _ask_until_valid("Date à laquelle elle a eu lieu, si vous la connaissez (JJ/MM/AAAA, « hier »…, "
                                    "Entrée pour passer)", occurred)
    if nature is None:
        nature = _ask_natures()
    donnees = donnees or _ask("Données concernées (Entrée pour passer)")
    personnes = personnes or _ask("Nombre de personnes concernées, environ (Entrée pour passer)")
    consequences = consequences or _ask("Conséquences probables pour les personnes concernées (Entrée pour passer)")
    mesures = mesures or _ask("Mesures prises ou prévues (Entrée pour passer)")
    typer.echo(f"Découverte le {fr.day_and_time(breaches.parse_when(decouverte, 'date de découverte'))}.")
    return {"decouverte": decouverte, "description": description, "survenue": survenue, "nature": nature,
            "donnees": donnees, "personnes": personnes, "consequences": consequences, "mesures": mesures,
            "this_computer": this_computer}


@violation_app.command("ajouter")
def add(
    decouverte: Annotated[str | None, typer.Option("--decouverte", help="Date (et heure) de la découverte : JJ/MM/AAAA [HH:MM]. Sans les options, les questions sont posées une à une.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="Ce qui s'est passé, en quelques mots.")] = None,
    survenue: Annotated[str, typer.Option("--survenue", help="Date à laquelle la violation a eu lieu, si vous la connaissez.")] = "",
    nature: Annotated[list[str] | None, typer.Option("--nature", help="confidentialité, intégrité ou disponibilité (répétable).")] = None,
    donnees: Annotated[str, typer.Option("--donnees", help="Données concernées.")] = "",
    personnes: Annotated[str, typer.Option("--personnes", help="Nombre approximatif de personnes concernées.")] = "",
    enregistrements: Annotated[str, typer.Option("--enregistrements", help="Nombre approximatif d'enregistrements.")] = "",
    consequences: Annotated[str, typer.Option("--consequences", help="Conséquences probables.")] = "",
    mesures: Annotated[str, typer.Option("--mesures", help="Mesures prises ou prévues.")] = "",
    cet_ordinateur: Annotated[bool, typer.Option("--cet-ordinateur", help="L'appareil perdu ou volé est l'ordinateur que Gardien a examiné : Gardien dit ce que son bilan a mesuré du chiffrement de son disque.")] = False,
) -> None:
    """Note une violation de données dans le registre : pose les questions une à une, ou prend les options (la
    décision de notifier se note ensuite avec « suivi »)."""
    from gardien.registre import breaches

    if decouverte is None or description is None:
        asked = _interview(decouverte, description, survenue, nature, donnees, personnes, consequences, mesures,
                           cet_ordinateur)
        decouverte, description, survenue, nature = (asked["decouverte"], asked["description"], asked["survenue"],
                                                     asked["nature"])
        donnees, personnes, consequences, mesures, cet_ordinateur = (
            asked["donnees"], asked["personnes"], asked["consequences"], asked["mesures"], asked["this_computer"])
    entry = breaches.record(breaches.manual(
        decouverte, description, occurred=survenue, natures=nature or (), data=donnees, people=personnes,
        records=enregistrements, consequences=consequences, measures=mesures, this_computer=cet_ordinateur))
    typer.echo(f"Violation notée (numéro {entry.id}).")
    typer.echo(breaches.recorded_text(entry))
    if entry.disk_text:
        from gardien.registre.content import all_sources

        source = all_sources()[breaches.DISK_SOURCE]
        typer.echo(entry.disk_text)
        typer.echo(f"Source : {source.label}{source.caveat} — {source.url}")
    elif cet_ordinateur:  # declared, but no audit measured it: nothing is said of it that was not measured
        typer.echo("Aucun bilan de Gardien n'a mesuré le chiffrement du disque de cet ordinateur : Gardien ne peut pas "
                   "dire si ses données étaient chiffrées.")
    typer.echo(f"Le brouillon de la notification, prêt à compléter : gardien urgence brouillon cnil --violation {entry.id}")
    typer.echo(f"Notez ensuite la décision : gardien registre violations suivi {entry.id} --cnil fait --cnil-date JJ/MM/AAAA")
    typer.echo(f"(ou, s'il est peu probable qu'elle crée un risque pour les personnes : --cnil pas-de-risque --cnil-motif "
               f"\"pourquoi\"). Notée par erreur : gardien registre violations supprimer {entry.id}")


@violation_app.command("supprimer")
def remove(
    numero: Annotated[str, typer.Argument(help="Le numéro de la violation (gardien registre violations liste).")],
    oui: Annotated[bool, typer.Option("--oui", help="Ne pas demander de confirmation.")] = False,
) -> None:
    """Efface une violation notée par erreur ou en double (une vraie violation reste dans le registre, même sans suite)."""
    from gardien.registre import breaches

    entry = breaches.find(numero)
    typer.echo(f"[{entry.id}] découverte le {breaches.when_text(entry.discovered_at)} : {entry.description}")
    if not oui:
        from gardien.cli_french import not_erased

        refused = not_erased(_ask("Effacer cette violation du registre ? Pour confirmer, tapez oui").lower())
        if refused is not None:  # as « gardien effacer »: the whole word, as nothing erased comes back
            typer.echo(refused)
            return
    breaches.delete(entry.id)
    typer.echo(f"Violation {entry.id} effacée du registre.")


@violation_app.command("suivi")
def follow(
    numero: Annotated[str, typer.Argument(help="Le numéro de la violation (gardien registre violations liste).")],
    cnil: Annotated[str | None, typer.Option("--cnil", help=f"{words_said(CNIL_WORDS)}. pas-de-risque : pas de notification, parce qu'il est peu probable que la violation crée un risque pour les personnes ; --cnil-motif dit pourquoi.")] = None,
    cnil_date: Annotated[str | None, typer.Option("--cnil-date", help="Date de la notification à la CNIL.")] = None,
    cnil_motif: Annotated[str | None, typer.Option("--cnil-motif", help=f"{CNIL_REASON}.")] = None,
    patients: Annotated[str | None, typer.Option("--patients", help=f"{words_said(PATIENTS_WORDS)}. non-necessaire : les patients n'ont pas à être informés ; --patients-motif dit pourquoi.")] = None,
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
