"""Dashboard, audit, plan and questionnaire pages: HTTP in, library calls, a template out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from gardien.errors import GardienError
from gardien.web.forms import SMALL_FORM, read_form
from gardien.web.render import page, see_other

router = APIRouter()
CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 640, 220, 40
PLAN_NOTICE = {"fait": "fait", "reporter": "reporte", "rouvrir": "rouvert"}  # action -> query key of its notice


def _chart(audits) -> list[dict]:
    """Points of the score chart, drawn by the template as an SVG with a table beside it for screen readers."""
    if not audits:
        return []
    step = (CHART_WIDTH - 2 * CHART_MARGIN) / max(1, len(audits) - 1)
    usable = CHART_HEIGHT - 2 * 20
    return [
        {"x": round(CHART_MARGIN + i * step, 1), "y": round(20 + (100 - a.score) * usable / 100, 1),
         "score": a.score, "date": a.started_at}
        for i, a in enumerate(audits)
    ]


@dataclass(frozen=True)
class PlanNotice:
    """The confirmation of what the user just did to a plan step; `undo`: the step its « Annuler » button reopens."""

    text: str
    undo: str | None = None


def _notice(request: Request, plan) -> PlanNotice | None:
    """The confirmation of what the user just did to a plan step (the redirect after it says which)."""
    from gardien import fr
    from gardien.plan.build import declared_said, step_title
    from gardien.store import steps

    for key in ("fait", "reporte", "rouvert"):
        step_id = request.query_params.get(key, "")
        title = step_title(step_id, plan) if step_id else None
        if title is None:
            continue
        if key == "fait":
            step = next((s for s in plan.steps if s.id == step_id), None)
            if step is not None and step.contradicted:  # the emergency sheet with a contact missing: no « Bravo »
                return PlanNotice(f"L'étape « {title} » reste dans le plan. {step.contradicted}")  # may not be in view
            if step is not None and step.declared:
                said = f"C'est noté, sur votre parole : l'étape « {title} » est marquée faite. {declared_said(step)}".rstrip()
            else:
                said = f"C'est noté : l'étape « {title} » est faite. Bravo !"
            return PlanNotice(said + (" Voici la suite." if plan.open_steps else ""), undo=step_id)
        if key == "reporte":
            state = steps.states().get(step_id)
            return PlanNotice(f"L'étape « {title} » est reportée : elle reviendra dans le plan le "
                              f"{fr.day(state.until if state else None)}.", undo=step_id)
        return PlanNotice(f"L'étape « {title} » est de nouveau dans le plan.")
    return None


@router.get("/")
def dashboard(request: Request, tableau: str = "") -> Response:
    from gardien.plan.build import build
    from gardien.store import history
    from gardien.urgence import state

    if not tableau and state.current() is not None:  # during an attack, the emergency mode is the first page
        return see_other("/urgence")

    from gardien.plan import since_audit

    audits = history.recent(20)
    plan = build()
    latest = audits[-1] if audits else None
    return page(
        request, "dashboard.html.j2", title="Tableau de bord", notice=_notice(request, plan), latest=latest, plan=plan,
        since=since_audit.said(latest.started_at) if latest else "",
        already_open=request.app.state.already_open,
        first=plan.first, chart=_chart(audits),
        chart_size=(CHART_WIDTH, CHART_HEIGHT), chart_margin=CHART_MARGIN,
    )


@router.get("/audit")
def audit_page(request: Request) -> Response:
    from gardien.plan import since_audit
    from gardien.plan.deadlines import first_of_all
    from gardien.report.html import audit_context, past_context
    from gardien.store import history

    result = request.app.state.last_audit
    context = audit_context(result) if result is not None else past_context(history.latest())
    shown = result or context.get("latest")
    return page(request, "audit.html.j2", title="Bilan de l'ordinateur", urgent=first_of_all(),
                since=since_audit.said(shown.started_at) if shown is not None else "", **context)


@router.post("/audit/lancer")
async def run_audit(request: Request) -> Response:
    from gardien.core.audit import audit_live
    from gardien.store import history

    await read_form(request, SMALL_FORM)
    result = await run_in_threadpool(audit_live)
    await run_in_threadpool(history.save, result)
    request.app.state.last_audit = result
    return see_other("/audit")


@router.get("/plan")
def plan_page(request: Request) -> Response:
    from gardien.plan.build import ORDER_EXPLANATION, build

    plan = build()
    later = [s for s in plan.steps if s.status in ("reporte", "fait")]
    return page(request, "plan.html.j2", title="Mon plan", plan=plan, order=ORDER_EXPLANATION, later=later,
                notice=_notice(request, plan))


@router.post("/plan/{step_id}/{action}")
async def plan_action(request: Request, step_id: str, action: str) -> Response:
    from gardien.plan import actions

    form = await read_form(request, SMALL_FORM)
    if action == "fait":
        actions.mark_done(step_id)
    elif action == "reporter":
        actions.postpone(step_id, 7)
    elif action == "rouvrir":
        actions.reopen(step_id)
    else:
        raise GardienError("Action inconnue sur une étape du plan.")
    back = "/" if form.text("retour") == "/" else "/plan"
    return see_other(f"{back}?{PLAN_NOTICE[action]}={quote(step_id)}")


@router.get("/questionnaire")
def questionnaire_page(request: Request, question: str = "", apres: str = "") -> Response:
    from gardien.core.registry import themes
    from gardien.questionnaire.measured import contradiction, notes
    from gardien.questionnaire.questions import (
        ANSWER_LABEL,
        by_id,
        questions,
        register_conflict,
        register_note,
        settled_reason,
        settling_said,
    )
    from gardien.store import answers

    given = answers.current()
    everything = questions()
    if question and question not in by_id():
        raise GardienError("Cette question n'existe pas.")
    if question:
        current = by_id()[question]
    else:
        start = next((i + 1 for i, q in enumerate(everything) if q.id == apres), 0)
        # an answer the register contradicts is asked again (register_conflict): pointed out, not overridden
        waiting = [q for q in everything[start:] + everything[:start]
                   if (q.id not in given or register_conflict(q.id, given)) and q.id != apres]
        current = waiting[0] if waiting else None
    previous = by_id().get(apres)
    notice = None
    measured = notes()  # what Gardien measured of a question: said beside it, and when her answer says otherwise
    if previous is not None and previous.id in given:
        said = settling_said(previous.id, given[previous.id][0])
        said = " ".join(x for x in (said, register_conflict(previous.id, given),
                                    contradiction(measured.get(previous.id), given[previous.id][0])) if x)
        notice = f"Réponse enregistrée : « {ANSWER_LABEL[given[previous.id][0]]} » à « {previous.text} »" + (f". {said}" if said else "")
    return page(
        request, "questionnaire.html.j2", title="Questionnaire", notice=notice, current=current, given=given, questions=everything,
        labels=ANSWER_LABEL, themes=themes(), answered=sum(q.id in given for q in everything),
        settled={q.id: settled_reason(q.id, given) for q in everything if settled_reason(q.id, given)},
        register={q.id: register_note(q.id, given) for q in everything if register_note(q.id, given)},
        conflicts={q.id for q in everything if register_conflict(q.id, given)},
        measured=measured,
    )


@router.post("/questionnaire/{question_id}")
async def answer(request: Request, question_id: str) -> Response:
    from gardien.questionnaire.questions import ANSWER_LABEL, Answer, by_id, settled_reason
    from gardien.store import answers

    form = await read_form(request, SMALL_FORM)
    question = by_id().get(question_id)
    choice = next((a for a in question.answers if a == form.text("reponse")), None) if question else None
    if choice is None:
        offered = [ANSWER_LABEL[a] for a in question.answers] if question else ["Oui", "Non", "Je ne sais pas"]
        raise GardienError(f"Réponse non reconnue : choisissez {', '.join(offered[:-1])} ou {offered[-1]}.")
    reason = settled_reason(question_id, answers.current())
    if reason and choice is not Answer.NOT_CONCERNED:  # the page offers no button then: a page shown before
        raise GardienError(f"Cette question ne vous est pas posée, {reason}. Pour y répondre, changez d'abord "
                           "cette réponse-là.")
    answers.save(question_id, choice)
    return see_other(f"/questionnaire?apres={question_id}")


@router.post("/quitter")
async def quit_gardien(request: Request) -> Response:
    """Stop the server from the page: someone who started Gardien from a shortcut has no Ctrl+C."""
    form = await read_form(request, SMALL_FORM)
    job = request.app.state.backup_job
    if job is not None and not job.done:  # stopping now would cut the backup in the middle
        raise GardienError(f"{job.label} en cours : attendez qu'elle se termine avant de fermer Gardien.")
    kept = request.app.state.mappings
    if kept and form.text("malgre_textes") != "oui":  # their names, held in memory only, would be lost: asked first
        return page(request, "quitter_textes.html.j2", title="Fermer Gardien ?", count=len(kept))
    from gardien.web.app import reopen_context

    response = page(request, "message.html.j2", title="Gardien est fermé", closed=True,
                    message="Gardien est fermé. Vous pouvez fermer cet onglet.", **reopen_context())
    stop = request.app.state.stop
    if stop is not None:
        response.background = BackgroundTask(stop)
    return response

