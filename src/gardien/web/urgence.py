"""The emergency mode's pages: one instruction at a time while it is open (the interface's first page then), the
contacts sheet, the printable « fiche réflexe », the incident journal, the drafts, the way back, and the watcher.
Routes only translate HTTP into calls to gardien.urgence and gardien.veille."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien import fr
from gardien.errors import GardienError
from gardien.urgence import apres, contacts, content, documents, incident, journal, network, state
from gardien.urgence.content import StepAction
from gardien.urgence.journal import EntryKind
from gardien.web.forms import KIB, read_form
from gardien.web.render import page, see_other

router = APIRouter()
TITLE = "En cas d'attaque"
# the form as sent: a note of journal.MAX_TEXT characters, up to 9 bytes each once encoded (« é » is %C3%A9); a longer
# note is refused in characters, the unit she can see (walkthrough, round 15: « 16 ko »), with her text given back
FORM = journal.MAX_TEXT * 9 + 2 * KIB
PDF = "application/pdf"


def _download(data: bytes, name: str, media: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


START_WAIT_S = 5.0  # after turning the watch on: how long the page waits for the watcher to say it runs
WATCH_FORM = "veille"  # « formulaire »: the activation form's state, carried through the folder browser and back


def _watch_status(request: Request | None = None) -> dict:
    """The watch as measured now (`gardien veille etat` says the same): installed, running since when; and the
    activation form's state when the folder browser brings it back (`request`: its query)."""
    from gardien.veille import config, service, watcher

    try:
        chosen = config.load()
    except GardienError:
        chosen = None
    status = watcher.status()
    running = bool(status.get("vivante"))
    carried = request is not None and request.query_params.get("formulaire") == WATCH_FORM
    ticked = [f for f in request.query_params.getlist("dossier") if f.strip()] if carried else []
    offered = [(folder, folder in ticked if carried else on) for folder, on in config.offered_folders()]
    return {"installed": service.installed(), "running": running, "config": chosen,
            "since": fr.day_and_time(status.get("depuis")) if running and status.get("depuis") else "",
            "offered": [(folder, on, _folder_name(folder)) for folder, on in offered],
            "added": [(f, _folder_name(f)) for f in dict.fromkeys(ticked) if f not in {folder for folder, _ in offered}],
            "cut": carried and request.query_params.get("coupure") == "oui",
            "suspend": carried and request.query_params.get("pause") == "oui",
            "home": str(Path.home()), "status": status,
            "paused": [p for p in status.get("mis_en_pause", []) if isinstance(p, int)]}


def _stopped_said(request: Request, watch: dict) -> list[str]:
    """After « Arrêter la veille »: what is measured now, as `gardien veille desinstaller` says what it removed
    (walkthrough r18: the page went back to the form without a word). Said once: the result is kept by the interface,
    not in the address (round 19: reloading « ?veille=arretee&temoins=2 », or opening it again from the history after
    turning the watch back on, said the witnesses removed again, or « n'a pas pu arrêter »)."""
    from gardien.veille import watcher

    witnesses = getattr(request.app.state, "watch_stopped", None)
    request.app.state.watch_stopped = None
    if request.query_params.get("veille") != "arretee" or witnesses is None:
        return []
    if watch["installed"] or watch["running"]:
        return ["Gardien n'a pas pu arrêter complètement la veille : elle "
                + ("tourne encore" if watch["running"] else "démarrera encore à l'ouverture de votre session")
                + ". Réessayez ; si cela continue, faites-vous aider."]
    said = ["La veille est arrêtée : elle ne surveille plus vos dossiers et ne démarrera plus à l'ouverture de votre "
            "session."]
    if witnesses:
        said.append(f"{fr.plural(witnesses, 'fichier témoin retiré', 'fichiers témoins retirés')} de vos dossiers.")
    if last := watcher.last_alert():
        said.append(f"Sa dernière alerte, le {fr.day_and_time(last['date'])}, reste notée dans Gardien.")
    return said


def _folder_name(folder: str) -> str:
    """« Documents », or « Tout votre dossier personnel » for her home folder."""
    return "Tout votre dossier personnel" if Path(folder) == Path.home() else Path(folder).name


def _step_page(request: Request, emergency: state.Emergency, message: str = "", status: int = 200,
               typed: str = "", warning: bool = False) -> Response:
    """`warning`: the message says something not done (a network cut that cut nothing), never in the box of a thing
    done."""
    steps = content.steps()
    index = min(emergency.step, len(steps) - 1)
    step = steps[index]
    sheet = contacts.by_id()
    seen, noted = "", []
    try:  # what the journal already holds; the instructions are shown even when it cannot be read (encrypted too)
        found = incident.find(emergency.incident)
        seen = found.watch_alert()
        noted = [(fr.day_and_time(e.at), e.text) for e in found.ransom_notes] if step.action is StepAction.NOTE_MESSAGE else []
    except GardienError:
        pass
    return page(request, "urgence.html.j2", status=status, title=TITLE, emergency=emergency, step=step, index=index,
                total=len(steps), steps=steps, contact=sheet.get(step.contact), message=message, Action=StepAction,
                outcomes=state.OUTCOME_LABEL, opened=fr.day_and_time(emergency.opened_at), typed=typed,
                refused=status >= 400 or warning, seen=seen, noted=noted)


@router.get("/urgence")
def emergency_page(request: Request) -> Response:
    emergency = state.current()
    if emergency is not None:
        return _step_page(request, emergency)
    watch = _watch_status(request)
    return page(request, "urgence.html.j2", title=TITLE, emergency=None, contacts=contacts.contacts(),
                prepared=contacts.prepared(), ready=contacts.readiness(), incidents=incident.all_incidents(),
                watch=watch, stopped=_stopped_said(request, watch), steps=content.steps())


@router.get("/urgence/veille/dossiers")
def watch_folders(request: Request, ouvrir: str = "") -> Response:
    """Another folder to watch, found by opening folders as on « Effacer des fichiers » (its listing and its places),
    folders only; the activation form's state (ticks, options) is carried along and back in the query."""
    from urllib.parse import urlencode

    from gardien.web.effacer import browse_places, folder_listing

    where = Path(ouvrir).expanduser() if ouvrir.strip() else Path.home()
    problem, folders = "", []
    if not where.is_absolute() or not where.is_dir():
        problem, where = f"{where} n'est pas (ou plus) un dossier : choisissez un autre endroit.", Path.home()
    try:
        folders = [entry.path for entry in folder_listing(where)[0] if entry.folder]
    except OSError:
        problem = f"Gardien n'a pas le droit d'ouvrir le dossier {where} : choisissez un autre endroit."
    carried = [(key, value) for key, value in request.query_params.multi_items()
               if key in ("dossier", "coupure", "pause") and value.strip()]
    state = urlencode([("formulaire", WATCH_FORM), *carried])
    return page(request, "veille_dossiers.html.j2", title="Choisir un dossier à surveiller", folder=where,
                parent=where.parent if where.parent != where else None, folders=folders, places=browse_places(),
                problem=problem, carried=carried, state=state)


@router.post("/urgence/ouvrir")
async def open_emergency(request: Request) -> Response:
    await read_form(request, KIB)
    state.open_(state.Origin.USER, "")
    return see_other("/urgence")


@router.post("/urgence/etape")
async def move(request: Request) -> Response:
    form = await read_form(request, KIB)
    emergency = _require()
    steps = content.steps()
    going = form.text("aller")
    if going in ("suivante", "fait", "pas_encore"):
        step = steps[min(emergency.step, len(steps) - 1)]
        done = {"fait": True, "pas_encore": False}.get(going) if step.gesture else None
        journal.record_step(emergency.incident, step.title, done)
        state.set_step(min(emergency.step + 1, len(steps) - 1))
    elif going == "precedente":
        state.set_step(emergency.step - 1)
    elif going.isdigit():
        state.set_step(min(int(going), len(steps) - 1))
    else:
        raise GardienError("Étape inconnue.")
    return see_other("/urgence")


@router.post("/urgence/reseau")
async def cut_network(request: Request) -> Response:
    await read_form(request, KIB)
    emergency = _require()
    result = await run_in_threadpool(network.cut)
    journal.append(emergency.incident, EntryKind.NETWORK, *network.journal_entry(result))
    return _step_page(request, emergency, result.summary(), warning=not result.anything_done)


@router.post("/urgence/noter")
async def note(request: Request) -> Response:
    form = await read_form(request, FORM)
    emergency = _require()
    text = form.text("texte").strip()
    if len(text) > journal.MAX_TEXT:  # refused with the text given back in its box, never cut
        return _step_page(request, emergency, f"C'est trop long : {fr.decimal(journal.MAX_TEXT, 0)} caractères au plus, ce texte en "
                          f"a {fr.decimal(len(text), 0)}. Rien n'a été gardé : raccourcissez-le (l'adresse, le montant et "
                          "l'identifiant suffisent), puis notez-le de nouveau.", status=400, typed=text)
    kind = {"message": EntryKind.RANSOM_NOTE, "appel": EntryKind.CALL}.get(form.text("sorte"), EntryKind.NOTE)
    if kind is EntryKind.CALL:
        who = content.default_contacts().get(form.text("contact"))
        text = f"{who.name if who else 'Appel'} : {text or 'fait'}"
    try:
        steps = content.steps()
        entry = journal.append_under(emergency.incident, steps[min(emergency.step, len(steps) - 1)].title, kind, text)
    except GardienError as exc:
        return _step_page(request, emergency, exc.web_message, status=400)
    return _step_page(request, emergency, f"Noté dans le journal le {fr.day_and_time(entry.at)}.")


@router.post("/urgence/terminer")
async def close(request: Request) -> Response:
    form = await read_form(request, FORM)
    try:
        outcome = state.Outcome(form.text("issue"))
    except ValueError:
        raise GardienError("Dites comment l'incident s'est terminé : attaque, ou fausse alerte.") from None
    state.close(outcome, form.text("note"))
    return see_other("/urgence/journal")


@router.get("/urgence/preparer")
def prepare_page(request: Request, enregistre: str = "") -> Response:
    return page(request, "urgence_preparer.html.j2", title="Préparer vos contacts d'urgence", contacts=contacts.contacts(),
                own=contacts.OWN, fields=contacts.FIELDS, labels=contacts.FIELD_LABEL, saved=bool(enregistre),
                print_copies=contacts.print_copies())


@router.post("/urgence/preparer")
async def prepare(request: Request) -> Response:
    form = await read_form(request, FORM)
    values = {key: {name: form.text(f"{key}-{name}") for name in contacts.FIELDS} for key in contacts.OWN}
    try:
        contacts.save(values)
    except GardienError as exc:  # what she typed comes back in the form: nothing to type again
        return page(request, "urgence_preparer.html.j2", status=400, title="Préparer vos contacts d'urgence",
                    contacts=contacts.contacts(), own=contacts.OWN, fields=contacts.FIELDS, labels=contacts.FIELD_LABEL,
                    error=exc.web_message, typed=values, print_copies=contacts.print_copies())
    return see_other("/urgence/preparer?enregistre=1")


@router.get("/urgence/fiche")
def sheet(request: Request) -> Response:
    """The sheet as a page of the interface (the browser prints it: the menu is hidden on paper)."""
    contacts.mark_prepared(contacts.SheetKept.OPENED)
    return page(request, "urgence_fiche.html.j2", title="Fiche réflexe", alert=False, ready=contacts.readiness(),
                **documents.sheet_context())


@router.post("/urgence/fiche/imprimee")
async def sheet_printed(request: Request) -> Response:
    """« Je l'ai imprimée »: only she knows; stored with the date, and said as declared."""
    await read_form(request, KIB)
    contacts.confirm_printed()
    return see_other("/urgence")


@router.get("/urgence/fiche.pdf")
def sheet_pdf(request: Request) -> Response:
    data = documents.sheet_bytes(documents.FileFormat.PDF)
    contacts.mark_prepared(contacts.SheetKept.DOWNLOADED)
    return _download(data, "fiche-reflexe-rancongiciel.pdf", PDF)


@router.get("/urgence/journal")
def journal_page(request: Request) -> Response:
    return page(request, "urgence_journal.html.j2", title="Journal des incidents", emergency=state.current(),
                kinds=journal.KIND_LABEL, **documents.journal_context())


@router.post("/urgence/journal")
async def journal_note(request: Request) -> Response:
    form = await read_form(request, FORM)
    emergency = state.current()
    target = emergency.incident if emergency else incident.find().id
    journal.append(target, EntryKind.NOTE, form.text("texte"))
    return see_other("/urgence/journal")


@router.get("/urgence/journal.{kind}")
def journal_download(request: Request, kind: str) -> Response:
    chosen = {"pdf": documents.FileFormat.PDF, "html": documents.FileFormat.HTML}.get(kind)
    if chosen is None:
        raise GardienError("Format inconnu : PDF ou HTML.")
    stamp = datetime.now().date().isoformat()
    return _download(documents.journal_bytes(chosen), f"journal-incidents-{stamp}.{kind}",
                     PDF if kind == "pdf" else "text/html; charset=utf-8")


DRAFTS = {"cnil": incident.cnil_notification, "patients": incident.patient_letter}


# ?incident=ID: the drafts of that incident (the plan's CNIL deadline names its own); the latest one otherwise
@router.get("/urgence/brouillons")
def drafts_page(request: Request, incident_id: str | None = Query(default=None, alias="incident")) -> Response:
    if incident_id is None and not incident.all_incidents():  # a stolen laptop is noted in the register, not here
        from gardien.registre import breaches

        typed = [v for v in breaches.all_violations() if v.source is breaches.ViolationSource.MANUAL]
        if typed:  # as the CLI: the one noted last (round 23)
            newest = max(typed, key=lambda v: v.recorded_at)
            return see_other(f"/registre/violations/{newest.id}/brouillon")
    found = incident.find(incident_id)
    others = [i for i in incident.all_incidents() if i.id != found.id and not i.false_alarm]
    return page(request, "urgence_brouillons.html.j2", title="Brouillons : CNIL et patients", incident=found,
                others=others, drafts=[(key, make(found)) for key, make in DRAFTS.items()], sources=content.sources())


@router.get("/urgence/brouillons/{name}.{kind}")
def draft_download(request: Request, name: str, kind: str,
                   incident_id: str | None = Query(default=None, alias="incident")) -> Response:
    make = DRAFTS.get(name)
    chosen = {"pdf": documents.FileFormat.PDF, "txt": documents.FileFormat.TEXT}.get(kind)
    if make is None or chosen is None:
        raise GardienError("Brouillon inconnu.")
    media = PDF if kind == "pdf" else "text/plain; charset=utf-8"
    return _download(documents.draft_bytes(make(incident.find(incident_id)), chosen), f"brouillon-{name}.{kind}", media)


def _after_page(request: Request, error: str = "", typed: str = "", status: int = 200) -> Response:
    """The way back; the moment her files stopped opening, asked while an incident is noted, and said back once
    journaled (read from the journal at each visit: a reload shows what is kept, never a stale message)."""
    latest = apres.concerned()
    return page(request, "urgence_apres.html.j2", status=status, title="Après l'attaque : récupérer vos fichiers",
                steps=apres.steps(latest), warning=apres.backup_warning(latest), network_hint=network.restore_hint(),
                sources=apres.sources(), incident=latest, declared=apres.declared_said(latest), error=error, typed=typed)


@router.get("/urgence/apres")
def after_page(request: Request) -> Response:
    return _after_page(request)


@router.post("/urgence/apres/debut")
async def declare_onset(request: Request) -> Response:
    """« Depuis quand vos fichiers ne s'ouvrent plus ? »: journaled, then the page again (POST-redirect-GET)."""
    form = await read_form(request, KIB)
    typed = form.text("depuis")
    try:
        apres.declare_onset(typed)
    except GardienError as exc:
        return _after_page(request, exc.web_message, typed, 400)
    return see_other("/urgence/apres")


@router.post("/urgence/veille/{action}")
async def watch(request: Request, action: str) -> Response:
    from gardien.veille import setup

    form = await read_form(request, FORM)
    if action == "activer":
        folders = [f.strip() for f in form.values("dossier") if f.strip()]
        await run_in_threadpool(setup.enable, folders or None, form.text("coupure") == "oui", form.text("pause") == "oui")
        await run_in_threadpool(_wait_for_start)
    elif action == "demarrer":  # activated but not running (measured): start it again with its settings
        from gardien.veille import config

        chosen = config.load()
        if chosen is None:
            raise GardienError("La veille n'est pas activée : choisissez ses dossiers, puis « Activer la veille ».")
        await run_in_threadpool(setup.enable, list(chosen.folders), chosen.auto_cut, chosen.suspend)
        await run_in_threadpool(_wait_for_start)
    elif action == "arreter":
        removed = await run_in_threadpool(setup.disable)
        request.app.state.watch_stopped = removed.witnesses  # said once by the page (_stopped_said)
        return see_other("/urgence?veille=arretee")
    elif action == "reprendre":
        from gardien.veille import watcher

        await run_in_threadpool(watcher.resume_paused)
    else:
        raise GardienError("Action inconnue sur la veille.")
    return see_other("/urgence")


def _wait_for_start() -> None:
    """Give the watcher just started a moment to say it runs, so that the page shows it measured, not « it will »."""
    import time

    from gardien.veille import watcher

    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline and not watcher.status().get("vivante"):
        time.sleep(0.2)


def _require() -> state.Emergency:
    emergency = state.current()
    if emergency is None:
        raise GardienError("Le mode urgence n'est pas ouvert.")
    return emergency
