"""`gardien urgence`: the first hour of a ransomware attack, one instruction at a time — works with the network cut
and without the web interface; plus the contacts prepared beforehand, the incident journal and the drafts."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gardien.errors import ExitCode, GardienError, Interrupted
from gardien.explain import refuse_folder
from gardien.registre import breaches
from gardien.urgence.state import FALSE_ALARM_HINT

if TYPE_CHECKING:
    from gardien.urgence.journal import EntryKind

app = typer.Typer(help="En cas d'attaque par rançongiciel : les consignes une à une, qui appeler, le journal de l'incident.",
                  invoke_without_command=True, rich_markup_mode=None)
journal_app = typer.Typer(help="Le journal des incidents : chaque entrée est datée, et Gardien vérifie qu'aucune n'a "
                                "été modifiée ni retirée. Sans commande, il est affiché (comme « liste »).",
                          invoke_without_command=True, rich_markup_mode=None)
app.add_typer(journal_app, name="journal")
RULE = "─" * 60


def _ask(prompt: str) -> str | None:
    """A line typed by the person; None at the end of the input (Ctrl+D), after ending the prompt's line: what
    follows must not be glued to the question."""
    try:
        return input(prompt)
    except EOFError:
        typer.echo()
        return None


def _show(step, index: int, total: int, read_only: bool = False, legend: bool = True) -> bool:
    """One instruction; with `legend`, under its sources the meaning of their mark, if one is marked. Returns whether
    the legend was said (then the next instructions need not say it again)."""
    from gardien.core.model import legend_for
    from gardien.urgence import contacts, content

    typer.echo(RULE)
    typer.secho(f" CONSIGNE {index + 1} SUR {total}", bold=True)
    typer.secho(f" {step.title.upper()}", bold=True, fg=typer.colors.RED)
    typer.echo(f" {step.read_text if read_only else step.text}")
    contact = contacts.by_id().get(step.contact)
    if contact is not None:
        typer.secho(f" {contact.role}" + (f" : {contact.name}" if contact.name else ""), bold=True)
        for line in (contact.phone and f"Téléphone : {contact.phone}", contact.address, contact.note):
            if line:
                typer.secho(f"   {line}", bold=True)
        if contact.missing:
            typer.echo("   (pas encore noté : cherchez-le sur votre contrat ou une facture)")
    typer.echo(" " + content.short_source_line(step.sources) + (" — conseil de Gardien" if step.gardien else ""))
    said = legend_for(step.sources) if legend else ""
    if said:
        typer.echo(" " + said)
    typer.echo(RULE)
    return bool(said)


YES_NO = {"o": True, "oui": True, "n": False, "non": False}
Pending = list[tuple["EntryKind", str]]  # journal entries written once the instruction itself is


RANSOM_CUT = "\n(recopie interrompue par Ctrl+C : la suite du message n'a pas été recopiée)"


class TypingInterrupted(KeyboardInterrupt):
    """Ctrl+C while she was writing for the journal: what she had written, to keep."""

    def __init__(self, pending: Pending) -> None:
        super().__init__()
        self.pending = pending


def _action(step, incident: str) -> tuple[str | None, Pending]:
    """What the step offers. Returns an answer typed at its own question that is not a note (« q », « p », or a lone
    yes/no to « C'est fait ? » typed one prompt early), and what she wrote for the journal: written once the
    instruction itself is, so the journal reads in order. Gardien's own network cut is journaled at once."""
    from gardien.urgence import content, journal, network
    from gardien.urgence.content import StepAction
    from gardien.urgence.journal import EntryKind

    if step.action is StepAction.CUT_NETWORK:
        planned, by_hand = network.actions()
        if planned:
            typer.echo("Gardien peut le faire sans mot de passe d'administrateur : " + " ; ".join(a.label for a in planned) + ".")
            answer = _ask("Couper le réseau maintenant ? [o/n] ")
            if answer is not None and answer.strip().lower() in ("o", "oui"):
                result = network.cut()
                journal.append(incident, EntryKind.NETWORK, *network.journal_entry(result))
                typer.secho(result.summary(), bold=True)
                return None, []
        typer.echo("À faire vous-même : " + " ; ".join(by_hand or ["débranchez le câble et coupez le Wi-Fi"]) + ".")
    elif step.action is StepAction.NOTE_MESSAGE:
        from gardien import fr
        from gardien.urgence.incident import find

        try:
            noted = find(incident).ransom_notes
        except GardienError:  # a journal that cannot be read: the message is asked for, as the first time
            noted = ()
        for entry in noted:  # already copied (walkthrough round 17: on the page, an empty field invited a second copy)
            typer.echo(f"Déjà noté dans le journal le {fr.day_and_time(entry.at)} :")
            typer.echo("\n".join(f"  | {line}" for line in entry.text.splitlines()))
        typer.echo(("Ce qui manque encore, s'il manque quelque chose" if noted else "Recopiez le message de rançon")
                   + " (une ligne vide pour finir, Entrée tout de suite pour passer) :")
        lines = []
        try:
            while (line := _ask("  ")) not in (None, ""):
                lines.append(line)
        except KeyboardInterrupt:  # the lines already typed are kept, said cut (walkthrough round 16: they were lost)
            if lines:
                raise TypingInterrupted([(EntryKind.RANSOM_NOTE, "\n".join(lines) + RANSOM_CUT)]) from None
            raise
        if lines:
            return None, [(EntryKind.RANSOM_NOTE, "\n".join(lines))]
    elif step.action is StepAction.NOTE_CALL:
        said = _ask("Ce qui a été dit ou fait (nom, numéro de dossier) — Entrée pour passer : ")
        answer = (said or "").strip().lower()
        if answer in ("q", "p") or (step.gesture and answer in YES_NO):
            return answer, []
        if answer:
            return None, [(EntryKind.CALL, f"{content.default_contacts()[step.contact].name} : {said.strip()}")]
    elif step.action is StepAction.DRAFTS:
        typer.echo("Brouillons : gardien urgence brouillon cnil   et   gardien urgence brouillon patients")
    return None, []


def _write_pending(incident: str, pending: Pending) -> None:
    from gardien.urgence import journal

    for kind, text in pending:
        entry = journal.append(incident, kind, text)
        typer.echo(f"Noté dans le journal : {entry.label[:1].lower()}{entry.label[1:]} (entrée n° {entry.number}).")


def _stop(incident: str, index: int, total: int, pending: Pending, how: str) -> None:
    """She leaves the instructions: what she wrote is kept, where she stopped is saved and journaled."""
    from gardien.urgence import journal, state
    from gardien.urgence.journal import EntryKind

    _write_pending(incident, pending)
    state.set_step(index)
    journal.append(incident, EntryKind.STOPPED, f"Consignes arrêtées à la consigne {index + 1} sur {total} ({how}).")


ATTACK_QUESTION = ("Votre ordinateur est-il attaqué en ce moment (message de rançon, fichiers qui ne s'ouvrent plus ou "
                   "portent un nom étrange) ?\nRépondre oui ouvre le mode urgence : un incident est noté dans le journal, et il "
                   f"faudra décider s'il faut prévenir la CNIL, {breaches.CNIL_DELAY_TEXT}.")


class Opening(Enum):
    """Her answer to the question asked before an incident is opened by hand."""

    OPEN = "o"  # attacked now: the emergency mode opens
    READ = "n"  # not attacked: the instructions, to read, nothing opened
    LEAVE = "q"  # neither: nothing opened, nothing shown


ATTACKED_NOW = "Attaqué maintenant ?"
ATTACK_PROMPT = f"{ATTACKED_NOW} o : oui ; n : non, lire les consignes ; q : quitter "
OPENING_ANSWERS = {"o": Opening.OPEN, "oui": Opening.OPEN, "n": Opening.READ, "non": Opening.READ, "q": Opening.LEAVE}


def _opening() -> Opening:
    """One clear question before an incident is opened by hand (walkthrough r12: « just to see » opened one, with its
    72-hour CNIL deadline). Entrée alone asks again: in a real attack, one keystroke more; the end of the input leaves."""
    typer.echo(ATTACK_QUESTION)  # not bold: the wrapping at the terminal width counts the bold codes as columns
    while True:
        answer = _ask(ATTACK_PROMPT)
        if answer is None:
            return Opening.LEAVE
        chosen = OPENING_ANSWERS.get(answer.strip().lower())
        if chosen is not None:
            return chosen
        typer.echo("Tapez o (oui, ouvrir le mode urgence), n (non, seulement lire les consignes) ou q (quitter).")


def _read_only(steps, start: int = 0) -> None:
    """The instructions, to read (from the `start`-th): nothing opened, nothing written in the journal."""
    legend = True  # said under the first instruction with a marked source
    for index, step in enumerate(steps):
        if index >= start:
            legend = not _show(step, index, len(steps), read_only=True, legend=legend) and legend


@app.callback()
def urgence(
    ctx: typer.Context,
    etape: Annotated[int | None, typer.Option("--etape", min=1, help="Reprendre à cette consigne.")] = None,
    lire: Annotated[bool, typer.Option("--lire", help="Lire les consignes sans ouvrir le mode urgence.")] = False,
) -> None:
    """Ouvre le mode urgence (après une question) et donne les consignes une à une (Entrée : la suivante ; p : la
    précédente ; q : arrêter)."""
    if ctx.invoked_subcommand is not None:
        return
    from gardien import fr
    from gardien.urgence import content, journal, state

    total = len(content.steps())
    if etape is not None and etape > total:
        raise GardienError(f"Il n'y a que {total} consignes : choisissez --etape entre 1 et {total}.")
    emergency = state.current()
    if emergency is None:
        chosen = Opening.READ if lire else _opening()
        if chosen is Opening.READ:
            _read_only(content.steps(), (etape - 1) if etape else 0)
        if chosen is not Opening.OPEN:
            # the answer in words: « puis o. » alone read as a stray letter (review r24)
            typer.echo("Le mode urgence n'est pas ouvert, rien n'a été noté. En cas d'attaque : gardien urgence, puis "
                       f"répondez « {Opening.OPEN.value} » (oui) à la question « {ATTACKED_NOW} ».")
            return
        emergency = state.open_(state.Origin.USER, "")
    typer.secho(f"MODE URGENCE — ouvert le {fr.day_and_time(emergency.opened_at)}. Tout est noté dans le journal de l'incident.",
                bold=True, fg=typer.colors.RED)
    from gardien.urgence import incident

    try:  # the instructions go on even when the journal cannot be read (encrypted too)
        seen = incident.find(emergency.incident).watch_alert()
    except GardienError:
        seen = ""
    if seen:
        typer.echo(seen)
    steps = content.steps()
    index = min((etape - 1) if etape else emergency.step, len(steps) - 1)
    legend = True  # said under the first instruction with a marked source
    while True:
        step = steps[index]
        legend = not _show(step, index, len(steps), legend=legend) and legend
        question = ("C'est fait ? o : oui ; n : pas encore ; Entrée : consigne suivante ; p : précédente ; q : arrêter là "
                    if step.gesture else "Entrée : consigne suivante ; p : précédente ; q : arrêter là ")
        pending: Pending = []
        try:
            typed, pending = _action(step, emergency.incident)
            typed = typed or _ask(question)
        except KeyboardInterrupt as exc:  # Ctrl+C is « q »: where she was, and the journal, are kept
            pending = exc.pending if isinstance(exc, TypingInterrupted) else pending
            _stop(emergency.incident, index, len(steps), pending, "Ctrl+C")
            raise Interrupted("gardien urgence", f"arrêt à la consigne {index + 1}, le journal de l'incident est gardé") from None
        answer = (typed or "").strip().lower()
        if typed is None or answer == "q":
            _stop(emergency.incident, index, len(steps), pending, "fin de la saisie" if typed is None else "« q »")
            typer.echo(f"Arrêt à la consigne {index + 1}. Pour reprendre : gardien urgence")
            typer.echo(FALSE_ALARM_HINT)
            return
        if answer == "p":
            _write_pending(emergency.incident, pending)
            index = max(0, index - 1)
            continue
        done = YES_NO.get(answer) if step.gesture else None
        journal.record_step(emergency.incident, step.title, done)
        _write_pending(emergency.incident, pending)
        if done:
            typer.echo("Noté dans le journal : fait.")
        if index + 1 >= len(steps):
            state.set_step(index)
            typer.echo("Toutes les consignes ont été données. Ensuite : gardien urgence apres (récupérer vos fichiers) ; "
                       "quand l'incident est réglé : gardien urgence terminer --issue attaque")
            return
        index += 1
        state.set_step(index)


@app.command()
def reseau(oui: Annotated[bool, typer.Option("--oui", help="Sans demander de confirmation.")] = False) -> None:
    """Coupe le réseau (ce qui ne demande pas de droits d'administrateur) et dit ce qui reste à faire à la main."""
    from gardien.urgence import journal, network, state
    from gardien.urgence.journal import EntryKind

    planned, by_hand = network.actions()
    if not planned:
        typer.echo("Gardien ne peut rien couper lui-même ici. À faire : " + " ; ".join(by_hand) + ".")
        return
    if not oui:
        typer.echo("Gardien va faire : " + " ; ".join(a.label for a in planned) + ".")
        answer = _ask("Continuer ? [o/n] ")
        if answer is None or answer.strip().lower() not in ("o", "oui"):
            typer.echo("Rien n'a été coupé.")
            return
    result = network.cut()
    emergency = state.current()
    if emergency is not None:
        journal.append(emergency.incident, EntryKind.NETWORK, *network.journal_entry(result))
    typer.echo(result.summary())
    typer.echo(network.restore_hint())


@app.command()
def preparer(
    fiche: Annotated[Path | None, typer.Option("--fiche", metavar="FICHIER", help="Écrit aussi la fiche réflexe (.pdf ou .html) à imprimer.")] = None,
) -> None:
    """Note vos contacts d'urgence (prestataire, éditeur, assureur, centre régional de réponse aux incidents) pour la
    fiche réflexe à imprimer."""
    from gardien.urgence import contacts

    refuse_folder(fiche, "fiche-reflexe.pdf")
    typer.echo("Vos contacts d'urgence (Entrée garde la valeur entre crochets ; « - » l'efface) :")
    current = contacts.by_id()
    values: dict[str, dict[str, str]] = {}
    for key in contacts.OWN:
        contact = current[key]
        typer.secho(f"\n{contact.role} — {contact.help}", bold=True)
        shown = {"nom": contact.name, "telephone": contact.phone, "adresse": contact.address if contact.prepared else "",
                 "note": contact.note}
        values[key] = {}
        for name in contacts.FIELDS:
            values[key][name] = _field(name, shown[name], contact.role)
    contacts.save(values)
    typer.echo("\nContacts enregistrés.")
    missing = contacts.readiness().missing
    if missing:
        typer.echo("Il manque : " + ", ".join(missing) + ". Pour les ajouter plus tard : gardien urgence preparer")
    if fiche is not None:
        _write_sheet(fiche)
    else:
        typer.echo(f"Imprimez la fiche réflexe {contacts.print_copies()} : gardien urgence fiche fiche-reflexe.pdf")


def _field(name: str, shown: str, role: str) -> str:
    """One answer of `preparer`: asked again while a phone has no digit; at the end of the input, the error (exit 2,
    nothing saved)."""
    from gardien.urgence import contacts

    refused: GardienError | None = None
    while True:
        typed = _ask(f"  {contacts.FIELD_LABEL[name]} [{shown}] : ")
        if typed is None and refused is not None:
            raise refused  # the input ended on a refused number: nothing is saved (exit 2)
        value = "" if (typed or "").strip() == "-" else ((typed or "").strip() or shown)
        if name != "telephone":
            return value
        try:
            return contacts.check_phone(value, role[:1].lower() + role[1:])
        except GardienError as exc:
            if typed is None:
                raise
            refused = exc
            typer.echo("  " + exc.message)


def _write(path: Path, data: bytes, what: str) -> None:
    refuse_folder(path, "document.pdf")  # made between the check and the write
    try:
        path.write_bytes(data)
    except OSError as exc:
        from gardien.explain import write_failure

        raise write_failure(path, exc, what) from exc


def _write_sheet(path: Path) -> None:
    from gardien.urgence import documents

    refuse_folder(path, "fiche-reflexe.pdf")
    kind = documents.format_of(path, (documents.FileFormat.PDF, documents.FileFormat.HTML))
    _write(path, documents.sheet_bytes(kind), "la fiche réflexe")
    from gardien.urgence import contacts

    contacts.mark_prepared(contacts.SheetKept.SAVED, path.absolute())

    typer.echo(f"Fiche réflexe écrite dans {path} : imprimez-la {contacts.print_copies()}.")
    missing = contacts.readiness().missing
    if missing:
        typer.echo("Il manque sur la fiche : " + ", ".join(missing) + " (gardien urgence preparer).")
    typer.echo("Une fois imprimée, dites-le à Gardien : gardien urgence fiche-imprimee")


@app.command("fiche-imprimee")
def sheet_printed() -> None:
    """Note que vous avez imprimé la fiche réflexe (« Je l'ai imprimée ») : Gardien ne peut pas le voir lui-même."""
    from gardien.urgence import contacts

    contacts.confirm_printed()
    typer.echo(contacts.readiness().text())


@app.command("fiche")
def fiche_command(fichier: Annotated[Path, typer.Argument(metavar="FICHIER", help="fiche.pdf ou fiche.html")]) -> None:
    """Écrit la fiche réflexe d'une page à imprimer : les premiers gestes et qui appeler."""
    _write_sheet(fichier)


@app.command()
def brouillon(
    quoi: Annotated[str, typer.Argument(metavar="QUOI", help="cnil (notification de violation) ou patients (lettre)")],
    sortie: Annotated[Path | None, typer.Option("--sortie", metavar="FICHIER", help="Écrit le brouillon dans un fichier .txt, .html ou .pdf.")] = None,
    incident_id: Annotated[str | None, typer.Option("--incident", help="Le numéro de l'incident (gardien urgence journal liste) ou le jour où il a été ouvert (JJ/MM/AAAA) ; par défaut, le dernier.")] = None,
    violation: Annotated[str | None, typer.Option("--violation", help="Pour « cnil » : le numéro d'une violation notée dans le registre (gardien registre violations liste). Par défaut, la plus récemment notée, du registre ou du journal des incidents.")] = None,
) -> None:
    """Brouillon de la notification à la CNIL ou de la lettre aux patients (articles 33 et 34 du RGPD)."""
    from gardien.urgence import documents, incident

    makers = {"cnil": incident.cnil_notification, "patients": incident.patient_letter}
    if quoi not in makers:
        raise GardienError("Choisissez « cnil » ou « patients ».")
    refuse_folder(sortie, f"brouillon-{quoi}.txt")
    typed = _typed_breach(quoi, incident_id, violation)
    draft = incident.breach_cnil_notification(typed) if typed else makers[quoi](incident.find(incident_id))
    if sortie is None:
        typer.echo(incident.plain_text(draft))
        return
    kind = documents.format_of(sortie, tuple(documents.FileFormat))
    _write(sortie, documents.draft_bytes(draft, kind), "le brouillon")
    typer.echo(f"Brouillon écrit dans {sortie}.")


def _typed_breach(quoi: str, incident_id: str | None, violation: str | None):
    """The register's breach the CNIL draft is for: the one named by --violation, or the one typed in the register
    last (a stolen laptop is noted there, not in the emergency mode) when it was noted after the journal's latest
    incident (round 23: the incident won, however old); None to draft from an incident. Which one is said, with the
    option that drafts the other."""
    from gardien.registre import breaches
    from gardien.urgence import incident

    if violation is not None:
        if quoi != "cnil" or incident_id is not None:
            raise GardienError("--violation ne sert qu'au brouillon « cnil », sans --incident.")
        found = breaches.find(violation)
        if found.source is breaches.ViolationSource.INCIDENT_JOURNAL:  # its incident's own draft is the one to write
            raise GardienError(f"La violation {found.id} vient du journal des incidents : son brouillon est « gardien "
                               f"urgence brouillon cnil --incident {incident.number_of(found.id)} ».")
        return found
    if incident_id is not None:
        return None
    incidents = incident.all_incidents()
    typed = [v for v in breaches.all_violations() if v.source is breaches.ViolationSource.MANUAL]
    if not typed:
        return None  # the latest incident; incident.find says when the journal is empty
    if incidents:
        if quoi != "cnil":
            return None  # the patient letter is written for an incident only
        last = incidents[-1]
        newest = max(typed, key=lambda v: _noted(v.recorded_at))
        if _noted(newest.recorded_at) <= _noted(last.discovered_at):  # both to the second: a tie is the incident
            typer.echo(f"Brouillon pour l'incident {last.name} du journal des incidents, noté le plus récemment. Pour la "
                       f"violation notée dans le registre (numéro {newest.id}) : gardien urgence brouillon cnil "
                       f"--violation {newest.id}\n")
            return None
        typer.echo(f"Brouillon pour la violation notée le plus récemment dans le registre (numéro {newest.id}, découverte "
                   f"le {breaches.when_text(newest.discovered_at)}). Pour l'incident {last.name} du journal des "
                   f"incidents : gardien urgence brouillon cnil --incident {last.number}\n")
        return newest
    newest = max(typed, key=lambda v: _noted(v.recorded_at))  # what it says: the one noted last (round 23)
    if quoi != "cnil":
        raise GardienError("Le journal des incidents est vide : la lettre aux patients n'est préparée que pour un "
                           "incident du mode urgence. Pour la violation notée dans le registre, le brouillon de la "
                           f"notification à la CNIL : gardien urgence brouillon cnil --violation {newest.id}")
    typer.echo(f"Le journal des incidents est vide : brouillon pour la violation notée le plus récemment dans le "
               f"registre (numéro {newest.id}, découverte le {breaches.when_text(newest.discovered_at)}). Pour une autre : "
               "gardien urgence brouillon cnil --violation NUMÉRO (gardien registre violations liste)\n")
    return newest


def _noted(iso: str) -> datetime:
    """When an entry was noted (ISO, with its time zone); the earliest moment for an entry stored without it."""
    return datetime.fromisoformat(iso) if iso else datetime.min.replace(tzinfo=UTC)


CLOSING_SHORT = {"a": "attaque", "f": "fausse_alerte"}


def _closing_issue() -> str:
    """How the incident ended, asked when `--issue` is not given (the README and the pages say « gardien urgence
    terminer »): one question, the end of the input closes nothing."""
    from gardien import fr
    from gardien.urgence import state

    if state.current() is None:
        raise GardienError("Le mode urgence n'est pas ouvert.")
    typer.echo("Comment l'incident s'est-il terminé ?")
    while True:
        answer = _ask("a : attaque (confirmée ou probable) ; f : fausse alerte ; q : ne rien fermer ")
        if answer is None or answer.strip().lower() == "q":
            raise GardienError("Le mode urgence reste ouvert : rien n'a été fermé. Pour le fermer : gardien urgence "
                               "terminer --issue attaque, ou gardien urgence terminer --issue \"fausse alerte\".")
        typed = CLOSING_SHORT.get(answer.strip().lower(), answer)
        if fr.typed_choice(typed, [o.value for o in state.Outcome]) is not None:
            return typed
        typer.echo("Tapez a (attaque), f (fausse alerte) ou q (ne rien fermer).")


@app.command()
def terminer(
    issue: Annotated[str | None, typer.Option("--issue", help="attaque, ou « fausse alerte » ; sans elle, Gardien vous le demande.")] = None,
    note: Annotated[str, typer.Option("--note", help="Une remarque pour le journal.")] = "",
) -> None:
    """Ferme le mode urgence en disant comment l'incident s'est terminé."""
    from gardien import fr
    from gardien.urgence import state

    if issue is None:
        issue = _closing_issue()
    chosen = fr.typed_choice(issue, [o.value for o in state.Outcome])
    if chosen is None:
        raise GardienError(f"--issue : « {issue} » n'est pas un choix possible. Tapez « attaque » ou « fausse alerte ».")
    outcome = state.Outcome(chosen)
    emergency = state.close(outcome, note)
    typer.echo(f"Mode urgence fermé ({state.OUTCOME_LABEL[outcome]}). L'incident ouvert le "
               f"{fr.day_and_time(emergency.opened_at)} reste noté dans le journal de Gardien.")
    if outcome is state.Outcome.ATTACK:
        typer.echo("Il figure au registre des violations (gardien registre violations liste) : notez-y la décision pour la CNIL.")


@app.command()
def apres(
    depuis: Annotated[str | None, typer.Option("--depuis", metavar="MOMENT", help="Le jour et l'heure où vos fichiers ont cessé de s'ouvrir (« 28/11 18:00 », « hier 18h ») : noté dans le journal de l'incident, la restauration prend la copie d'avant.")] = None,
) -> None:
    """Après l'attaque : récupérer vos fichiers depuis les sauvegardes, sur un ordinateur propre."""
    from gardien.urgence import apres as after
    from gardien.urgence import content
    from gardien.urgence.incident import OnsetSource

    latest = after.declare_onset(depuis) if depuis is not None else after.concerned()
    if declared := after.declared_said(latest):
        typer.echo(declared)
    elif latest is not None and latest.onset_source is OnsetSource.OPENING:
        typer.echo(after.DECLARE_HINT)
    typer.echo(after.backup_warning(latest))
    for number, step in enumerate(after.steps(latest), 1):
        typer.echo(f"{number}. {step.text}")
        if step.command:
            typer.echo(f"     {step.command}")
    for source in after.sources():  # one line each: the terminal reads better than one long line
        typer.echo(content.source_line((source,)))


@journal_app.callback()
def journal_default(ctx: typer.Context) -> None:
    """« gardien urgence journal » alone shows the journal: what she came for, not the list of sub-commands."""
    if ctx.invoked_subcommand is None:
        journal_list()


@journal_app.command("liste")
def journal_list() -> None:
    """Affiche le journal, incident par incident."""
    from gardien import fr
    from gardien.urgence import incident, journal

    found = incident.all_incidents()
    if not found:
        typer.echo("Le journal des incidents est vide.")
        return
    for item in found:
        state = " (fausse alerte)" if item.false_alarm else "" if item.closed else " (en cours)"
        typer.secho(f"Incident n° {item.number} — ouvert le {fr.day_and_time(item.discovered_at)}{state}", bold=True)
        for entry in item.entries:
            # « entrée », as « Noté dans le journal (entrée n° 4) »: not to be read as an incident's number
            typer.echo(f"  entrée n° {entry.number}  {fr.day_and_time(entry.at)}  {entry.label} : {entry.text}")
    typer.echo(journal.verify().summary())
    if any(not item.false_alarm for item in found):  # a false alarm has no draft
        typer.echo("Pour un brouillon : gardien urgence brouillon cnil --incident NUMÉRO (le numéro de l'incident, ou le "
                   "jour où il a été ouvert : JJ/MM/AAAA).")


@journal_app.command("ajouter")
def journal_add(texte: Annotated[str, typer.Argument(help="Ce qu'il faut noter.")]) -> None:
    """Ajoute une note datée à l'incident en cours (ou au dernier)."""
    from gardien import fr
    from gardien.urgence import incident, journal, state
    from gardien.urgence.journal import EntryKind

    emergency = state.current()
    target = emergency.incident if emergency else incident.find().id
    entry = journal.append(target, EntryKind.NOTE, texte)
    typer.echo(f"Noté (entrée n° {entry.number}, empreinte {fr.fingerprint(entry.fingerprint)}).")


@journal_app.command("verifier")
def journal_verify() -> None:
    """Vérifie qu'aucune entrée n'a été modifiée ni retirée, et le dit."""
    from gardien.urgence import journal

    result = journal.verify()
    typer.echo(result.summary())
    if not result.intact:
        raise typer.Exit(ExitCode.FINDINGS)


@journal_app.command("exporter")
def journal_export(fichier: Annotated[Path, typer.Argument(metavar="FICHIER", help="journal.pdf ou journal.html")]) -> None:
    """Exporte le journal en PDF ou en page web, avec son empreinte finale, pour l'imprimer."""
    from gardien.urgence import documents

    refuse_folder(fichier, "journal.pdf")
    kind = documents.format_of(fichier, (documents.FileFormat.PDF, documents.FileFormat.HTML))
    _write(fichier, documents.journal_bytes(kind), "l'export du journal des incidents")
    typer.echo(f"Journal exporté dans {fichier}.")
