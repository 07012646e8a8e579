"""The GDPR register pages: interview, sheets, what is left to complete, downloads, re-import, breach register and
patient notice. Routes only translate HTTP into calls to gardien.registre."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.errors import GardienError
from gardien.fr import plural
from gardien.registre import breaches, builder, choices, exports, storage
from gardien.registre import notice as notice_module
from gardien.registre.content import all_sources, content
from gardien.registre.interview import (
    ACCESS_LABEL,
    ACCOUNTING_LABEL,
    ANSWER_LABEL,
    HOSTING_LABEL,
    MESSAGING_LABEL,
    MUST_ANSWER,
    NOBODY,
    NOT_KNOWN,
    PRACTICE_LABEL,
    PROFESSION_LABEL,
    BadAnswer,
    Interview,
    unanswered,
)
from gardien.web.forms import KIB, MIB, read_form
from gardien.web.render import page, see_other
from gardien.web.security import allowing_own_styles

router = APIRouter()
TITLE = "Registre RGPD"
FORM = 256 * KIB  # a whole sheet of texts
UPLOAD = 11 * MIB  # spreadsheet.MAX_FILE and the form around it
LABELS = {"profession": PROFESSION_LABEL, "exercice": PRACTICE_LABEL, "answer": ANSWER_LABEL, "hosting": HOSTING_LABEL,
          "messaging": MESSAGING_LABEL, "access": ACCESS_LABEL, "accounting": ACCOUNTING_LABEL}
INTERVIEW_FIELDS = ("profession", "nom", "adresse", "contact", "site", "exercice", "si_commun", "plus_10000",
                    "logiciel_dossiers", "hebergement", "fse", "logiciel_facturation", "logiciel_rdv", "messagerie",
                    "nom_messagerie", "logiciel_teleconsultation", "hors_ue", "salaries", "comptabilite")


def _overview(request: Request, register, message: list[str] | None = None, status: int = 200) -> Response:
    """The register's page; `message` says what was just done (or, with a 4xx status, what went wrong)."""
    return page(request, "registre.html.j2", status=status, title=TITLE, message=message, failed=status >= 400,
                **exports.page_context(register))


@router.get("/registre")
def overview(request: Request) -> Response:
    register = storage.load()
    if register is None:  # the interview first, with what she answered in the terminal if she stopped there
        return interview_page(request)
    return _overview(request, register)


def _interview_form(request: Request, interview: Interview, previous, blank=None, error: str = "", status: int = 200,
                    resumed: int = 0) -> Response:
    """The interview; `blank`: questions shown with nothing chosen (all of MUST_ANSWER on a first interview);
    `resumed`: how many answers come from an interview stopped in the terminal."""
    blank = set(MUST_ANSWER) if blank is None and previous is None else set(blank or ())
    return page(request, "registre_entretien.html.j2", status=status, title=TITLE, interview=interview, labels=LABELS,
                previous=previous is not None, blank=blank, nobody=NOBODY, error=error, resumed=resumed)


@router.get("/registre/entretien")
def interview_page(request: Request) -> Response:
    # an interview stopped in the terminal goes on here with its answers, as it would in the terminal (review, round 24)
    register, draft = storage.load(), storage.load_draft()
    interview = Interview.from_dict({**(register.interview if register else {}), **draft})
    blank = None if register or not draft else set(MUST_ANSWER) - set(draft)
    return _interview_form(request, interview, register, blank, resumed=len(draft))


@router.post("/registre/entretien")
async def interview_answers(request: Request) -> Response:
    form = await read_form(request, FORM)
    raw = {name: form.text(name) for name in INTERVIEW_FIELDS if name in form.fields}
    raw["acces"] = form.values("acces")
    previous = storage.load()
    missing = unanswered(raw)
    raw["acces"] = [a for a in raw["acces"] if a != NOBODY]
    try:
        interview = Interview.from_dict(raw, typed=True)
    except BadAnswer as exc:  # « oui » as a software's name: her other answers stay in the form, this one is asked again
        interview = Interview.from_dict({**raw, exc.name: ""})
        return _interview_form(request, interview, previous, set(missing), exc.web_message, 400)
    except GardienError as exc:
        return _interview_form(request, Interview(), previous, set(MUST_ANSWER), exc.web_message, 400)
    if missing:  # what she answered stays in the form; only the blank questions are asked again
        questions = " ; ".join(f"« {MUST_ANSWER[name]} »" for name in missing)
        return _interview_form(request, interview, previous, set(missing), "Répondez aussi à : " + questions +
                               ". Gardien ne choisit pas à votre place : la réponse sera écrite dans le registre.", 400)
    storage.save(builder.build(interview, previous), keep_previous="entretien")
    storage.clear_draft()  # an interview stopped in the terminal is now done here
    return see_other("/registre")


@router.get("/registre/fiche/{sheet_id}")
def sheet_page(request: Request, sheet_id: str) -> Response:
    register = exports.current()
    sheet = builder.require_sheet(register, sheet_id)
    return page(request, "registre_fiche.html.j2", title=sheet.title, sheet=sheet, **exports.page_context(register))


@router.post("/registre/fiche/{sheet_id}")
async def save_sheet(request: Request, sheet_id: str) -> Response:
    form = await read_form(request, FORM)
    register = exports.current()
    sheet = builder.require_sheet(register, sheet_id)
    try:
        if sheet_id != "cabinet" and "titre" in form.fields:
            sheet.title = builder.check_title(form.text("titre"))
        for definition in content().fields_of(sheet_id):
            builder.set_field(register, sheet_id, definition.id, form.values(definition.id))
    except GardienError as exc:
        fresh = exports.current()
        return page(request, "registre_fiche.html.j2", status=400, title=sheet.title, error=exc.web_message,
                    sheet=builder.require_sheet(fresh, sheet_id), **exports.page_context(fresh))
    storage.save(register)
    return _overview(request, register, [f"Fiche « {sheet.title} » enregistrée."])


@router.post("/registre/fiche/{sheet_id}/retirer")
async def remove_sheet(request: Request, sheet_id: str) -> Response:
    await read_form(request, KIB)
    register = exports.current()
    removed = builder.remove_sheet(register, sheet_id)
    storage.save(register, keep_previous="retrait")
    return _overview(request, register, [f"Fiche « {removed.title} » retirée du registre (la version précédente est gardée de côté)."])


@router.post("/registre/ajouter")
async def add_sheet(request: Request) -> Response:
    form = await read_form(request, FORM)  # a title too long is refused by its rule, in characters, not by the form's size
    register = exports.current()
    sheet = builder.add_sheet(register, form.text("titre"))
    storage.save(register)
    return see_other(f"/registre/fiche/{sheet.id}")


@router.get("/registre/completer")
def gaps_page(request: Request) -> Response:
    register = exports.current()
    return _gaps_page(request, register)


def _gaps_page(request: Request, register, error: str = "", status: int = 200, posted=None) -> Response:
    """`posted`: the answers sent, shown again after an error so that nothing typed is lost."""
    return page(request, "registre_completer.html.j2", status=status, title="Compléter le registre", error=error,
                groups=choices.groups(register), forms=choices.Form, units=choices.Unit, posted=posted or {},
                open_answers=builder.open_answers(register), not_known=NOT_KNOWN,
                signature=choices.signature(register),
                **exports.page_context(register))


def _answer(form, prefix: str) -> choices.Answer:
    return choices.Answer(form.values(f"{prefix}-choix"), form.text(f"{prefix}-libre"), form.text(f"{prefix}-nombre"),
                          form.text(f"{prefix}-unite"), form.text(f"{prefix}-depart"))


@router.post("/registre/completer")
async def fill_gaps(request: Request) -> Response:
    form = await read_form(request, FORM)
    register = exports.current()
    if form.text("etat") != choices.signature(register):  # the gaps are numbered: another list would shift them
        return _gaps_page(request, register, "Le registre a changé depuis l'ouverture de cette page : rien n'a été "
                          "enregistré. Les éléments ont pu changer de place : redonnez vos réponses ci-dessous.", status=409)
    planned = choices.groups(register)
    count = sum(len(g.gaps) for g in planned)
    given = {q.name: form.text(f"entretien-{q.name}") for q in builder.open_answers(register)}
    try:
        outcome = choices.apply(register, {g.key: _answer(form, f"tous-{g.key}") for g in planned},
                                {n: _answer(form, str(n)) for n in range(count)})
        before = len(builder.gaps(register))
        for name, value in given.items():  # after the numbered answers: a new interview answer renumbers the gaps
            if value:
                register = builder.answer(register, name, value)
    except GardienError as exc:
        return _gaps_page(request, exports.current(), exc.web_message, status=400, posted=form.fields)
    filled = outcome.filled + max(before - len(builder.gaps(register)), 0)
    if filled or any(given.values()):
        storage.save(register)
    left = len(builder.gaps(register))
    lines = [f"{plural(filled, 'élément complété', 'éléments complétés')} ; {plural(left, 'reste', 'restent')} à compléter."]
    if outcome.skipped:
        lines.append("La réponse commune n'a pas été reprise pour : " + " ; ".join(outcome.skipped))
    return _overview(request, register, lines)


@router.get("/registre/telecharger/{kind}")
async def download(request: Request, kind: str) -> Response:
    try:
        export_format = exports.ExportFormat(kind)
    except ValueError:
        raise GardienError("Format de téléchargement inconnu.") from None
    register = exports.current()
    data = await run_in_threadpool(exports.export, register, export_format)
    return _file(data, kind, exports.file_name(kind))


@router.get("/registre/imprimer")
def printable(request: Request) -> Response:
    from fastapi.responses import HTMLResponse

    return HTMLResponse(exports.printable_html(exports.current()))


@router.post("/registre/relire")
async def reimport(request: Request) -> Response:
    form = await read_form(request, UPLOAD)
    name, data = form.files.get("fichier", ("", b""))
    if not data:
        raise GardienError("Choisissez le fichier .ods ou .xlsx à relire.")
    try:
        imported = await run_in_threadpool(exports.import_spreadsheet, data, name)
    except GardienError as exc:
        return _overview(request, exports.current(), [exc.web_message], status=400)
    summary = imported.summary
    lines = [f"Fichier « {name} » relu : le registre est à jour."]
    if summary.changed:
        lines.append(plural(len(summary.changed), "rubrique modifiée", "rubriques modifiées") + " : " + " ; ".join(summary.changed[:12])
                     + (" ; …" if len(summary.changed) > 12 else "") + ".")
    if summary.added:
        lines.append(("Fiches ajoutées : " if len(summary.added) > 1 else "Fiche ajoutée : ") + ", ".join(summary.added) + ".")
    if summary.removed:
        lines.append(("Fiches absentes du fichier, donc retirées : " if len(summary.removed) > 1
                     else "Fiche absente du fichier, donc retirée : ") + ", ".join(summary.removed) + ".")
    if not (summary.changed or summary.added or summary.removed):
        lines.append("Aucune différence avec le registre actuel.")
    lines.append("La version précédente est gardée de côté.")
    return _overview(request, exports.current(), lines)


@router.get("/registre/note")
def notice_page(request: Request) -> Response:
    register = exports.current()
    built = notice_module.build(register)
    return page(request, "registre_note.html.j2", title="Note d'information des patients", notice=built,
                text=notice_module.plain_text(built), printable=False)


@router.get("/registre/note/imprimer")
def notice_printable(request: Request) -> Response:
    from fastapi.responses import HTMLResponse

    return HTMLResponse(exports.notice(exports.current(), exports.NoticeFormat.HTML).decode("utf-8"))


@router.get("/registre/note/pdf")
async def notice_pdf(request: Request) -> Response:
    data = await run_in_threadpool(exports.notice, exports.current(), exports.NoticeFormat.PDF)
    return _file(data, "pdf", exports.file_name("note-pdf"))


def _violations_context() -> dict:
    entries = breaches.all_violations()
    return {"violations": entries, "declared_note": breaches.declared_note(entries), "when": breaches.when_text, "cnil_labels": breaches.CNIL_LABEL,
            "patients_labels": breaches.PATIENTS_LABEL, "nature_labels": breaches.NATURE_LABEL, "editable": True,
            "sources": all_sources(), "audited_disk": breaches.audited_disk(),
            "this_computer_question": breaches.this_computer_question, "disk_source": breaches.DISK_SOURCE}


EMPTY_FORM = {"decouverte": "", "decouverte_heure": "", "survenue": "", "description": "", "natures": [], "donnees": "",
              "personnes": "", "enregistrements": "", "consequences": "", "mesures": "", "cnil": "a_decider", "cnil_date": "",
              "cnil_motif": "", "patients": "a_decider", "patients_date": "", "patients_motif": "", "cet_ordinateur": ""}


@router.get("/registre/violations")
def violations_page(request: Request, notee: str = "", suivi: str = "") -> Response:
    # the redirect after a change names the entry: the page says it was saved, at that entry (its anchor)
    return page(request, "registre_violations.html.j2", title="Registre des violations", form=EMPTY_FORM,
                action=f"/registre/violations#{FORM_ANCHOR}", violation=None, noted=notee, followed=suivi,
                **_violations_context())


FORM_ANCHOR = "nouvelle"  # the form's heading: a refused form comes back scrolled to it, its error in view


def _form_values(form) -> dict:
    values = {key: form.text(key) for key in EMPTY_FORM if key != "natures"}
    values["natures"] = form.values("nature")
    return values


@router.post("/registre/violations")
async def add_violation(request: Request) -> Response:
    form = await read_form(request, FORM)
    values = _form_values(form)
    try:
        violation = breaches.manual(
            f"{values['decouverte']} {values['decouverte_heure']}", values["description"], occurred=values["survenue"],
            natures=values["natures"], data=values["donnees"], people=values["personnes"], records=values["enregistrements"],
            consequences=values["consequences"], measures=values["mesures"], cnil=values["cnil"] or "a_decider",
            cnil_date=values["cnil_date"], cnil_reason=values["cnil_motif"], patients=values["patients"] or "a_decider",
            patients_date=values["patients_date"], patients_reason=values["patients_motif"],
            this_computer=values["cet_ordinateur"] == "oui")
        entry = breaches.record(violation)
    except GardienError as exc:
        return page(request, "registre_violations.html.j2", status=400, title="Registre des violations", form=values,
                    action=f"/registre/violations#{FORM_ANCHOR}", violation=None, error=exc.web_message,
                    **_violations_context())
    return see_other(f"/registre/violations?notee={entry.id}#violation-{entry.id}")


@router.get("/registre/violations/{violation_id}")
def violation_page(request: Request, violation_id: str) -> Response:
    violation = breaches.find(violation_id)
    form = {"donnees": violation.data, "personnes": violation.people, "enregistrements": violation.records,
            "consequences": violation.consequences, "mesures": violation.measures, "cnil": violation.cnil.value,
            "cnil_date": violation.cnil_date[:10], "cnil_motif": violation.cnil_reason, "patients": violation.patients.value,
            "patients_date": violation.patients_date[:10], "patients_motif": violation.patients_reason}
    return page(request, "registre_violation.html.j2", title="Suivi d'une violation", form=form, violation=violation,
                action=f"/registre/violations/{violation.id}", **_violations_context())


@router.post("/registre/violations/{violation_id}")
async def update_violation(request: Request, violation_id: str) -> Response:
    form = await read_form(request, FORM)
    values = _form_values(form)
    violation = breaches.find(violation_id)
    try:
        breaches.change_follow_up(
            violation_id, data=values["donnees"], people=values["personnes"], records=values["enregistrements"],
            consequences=values["consequences"], measures=values["mesures"], cnil=values["cnil"] or "a_decider",
            cnil_date=values["cnil_date"], cnil_reason=values["cnil_motif"], patients=values["patients"] or "a_decider",
            patients_date=values["patients_date"], patients_reason=values["patients_motif"])
    except GardienError as exc:
        return page(request, "registre_violation.html.j2", status=400, title="Suivi d'une violation", form=values,
                    violation=violation, action=f"/registre/violations/{violation.id}", error=exc.web_message, **_violations_context())
    return see_other(f"/registre/violations?suivi={violation_id}#violation-{violation_id}")


DRAFT_FORMATS = {"pdf": ("PDF", "application/pdf"), "txt": ("TEXT", "text/plain; charset=utf-8"),
                 "html": ("HTML", "text/html; charset=utf-8")}


def _typed_breach(violation_id: str):
    """The breach typed in the register whose CNIL draft is asked; None for one from the incident journal (its own
    draft, with what the journal measured, is on the emergency mode's drafts page)."""
    violation = breaches.find(violation_id)
    return None if violation.source is breaches.ViolationSource.INCIDENT_JOURNAL else violation


@router.get("/registre/violations/{violation_id}/brouillon")
def draft_page(request: Request, violation_id: str) -> Response:
    from gardien.urgence import content as urgence_content
    from gardien.urgence import incident

    violation = _typed_breach(violation_id)
    if violation is None:
        return see_other(f"/urgence/brouillons?incident={violation_id[1:]}")
    return page(request, "registre_brouillon.html.j2", title="Brouillon : notification à la CNIL", violation=violation,
                draft=incident.breach_cnil_notification(violation), draft_sources=urgence_content.sources(),
                when=breaches.when_text)


@router.get("/registre/violations/{violation_id}/brouillon.{kind}")
def draft_file(request: Request, violation_id: str, kind: str) -> Response:
    from gardien.urgence import documents, incident

    violation = _typed_breach(violation_id)
    if violation is None or kind not in DRAFT_FORMATS:
        raise GardienError("Brouillon inconnu.")
    name, media = DRAFT_FORMATS[kind]
    data = documents.draft_bytes(incident.breach_cnil_notification(violation), documents.FileFormat[name])
    if kind == "html":  # to print from the browser: shown, not downloaded, with the style it carries
        return Response(data, media_type=media, headers=allowing_own_styles(data.decode("utf-8")))
    return _file_as(data, media, f"brouillon-cnil-{violation.id}.{kind}")


def _file_as(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


def _file(data: bytes, kind: str, name: str) -> Response:
    return Response(data, media_type=exports.MEDIA_TYPE[kind],
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
