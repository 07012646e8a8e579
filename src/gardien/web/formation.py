"""The staff-awareness pages: learners, quizzes, « Repérez le piège », certificates and the IT charter. Routes only
translate HTTP into calls to gardien.formation; every page works without JavaScript."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gardien.errors import GardienError
from gardien.formation import charter, printable, progress, quiz, rounds, tracking
from gardien.formation.content import module as find_module
from gardien.formation.content import modules
from gardien.web.forms import KIB, SMALL_FORM, read_form
from gardien.web.render import page, see_other

router = APIRouter()
TITLE = "Formation"
_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _checked(value: str) -> str:
    if not _ID.fullmatch(value):
        raise GardienError("Cette page n'existe pas.")
    return value


def _index(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise GardienError("Cette page n'existe pas.")
    return int(value)


def _required_index(value: str) -> int:
    number = _index(value)
    if number is None:
        raise GardienError("Cette page n'existe pas.")
    return number


@router.get("/formation")
def overview(request: Request) -> Response:
    return _overview(request)


def _overview(request: Request, status: int = 200, **extra) -> Response:
    people = tracking.everyone()
    return page(request, "formation.html.j2", status=status, title=TITLE, people=people, modules=modules(),
                reminders=tracking.reminder_lines(tracking.reminders(people)), **extra)


@router.post("/formation/apprenants")
async def add_learner(request: Request) -> Response:
    form = await read_form(request, SMALL_FORM)
    try:
        learner = progress.add_learner(form.text("prenom"))
    except GardienError as exc:
        return _overview(request, 400, error=exc.web_message, typed=form.text("prenom"))
    return see_other(f"/formation/apprenant/{learner.id}")


@router.get("/formation/apprenant/{learner_id}")
def learner_page(request: Request, learner_id: str) -> Response:
    state = progress.read()
    person = tracking.learner_progress(progress.find_learner(_checked(learner_id), state), state)
    return page(request, "formation_apprenant.html.j2", title=f"Formation — {person.learner.first_name}", person=person)


@router.get("/formation/apprenant/{learner_id}/retirer")
def confirm_removal(request: Request, learner_id: str) -> Response:
    learner = progress.find_learner(_checked(learner_id))
    return page(request, "formation_retirer.html.j2", title=TITLE, learner=learner)


@router.post("/formation/apprenant/{learner_id}/retirer")
async def remove_learner(request: Request, learner_id: str) -> Response:
    await read_form(request, SMALL_FORM)
    progress.remove_learner(_checked(learner_id))
    return see_other("/formation")


@router.post("/formation/apprenant/{learner_id}/quiz/{module_id}")
async def start_quiz(request: Request, learner_id: str, module_id: str) -> Response:
    await read_form(request, SMALL_FORM)
    attempt = quiz.start(_checked(learner_id), find_module(_checked(module_id)).id)
    return see_other(f"/formation/quiz/{attempt.id}")


@router.get("/formation/quiz/{attempt_id}")
def quiz_page(request: Request, attempt_id: str, corrige: str | None = None) -> Response:
    attempt = quiz.load(_checked(attempt_id))
    shown = _index(corrige)
    if shown is not None and not (shown < len(attempt.asked) and attempt.asked[shown].answer is not None):
        shown = None
    learner = progress.find_learner(attempt.learner)
    return page(request, "formation_quiz.html.j2", title=f"Module : {attempt.module.title}", attempt=attempt,
                corrected=shown, learner=learner)


@router.post("/formation/quiz/{attempt_id}/{index}")
async def answer_question(request: Request, attempt_id: str, index: str) -> Response:
    form = await read_form(request, SMALL_FORM)
    number = _required_index(index)
    choice = _index(form.text("choix"))
    if choice is None:
        attempt = quiz.load(_checked(attempt_id))
        return page(request, "formation_quiz.html.j2", status=400, title=f"Module : {attempt.module.title}", attempt=attempt,
                    corrected=None, learner=progress.find_learner(attempt.learner), error="Choisissez une réponse.")
    quiz.answer(_checked(attempt_id), number, choice)
    return see_other(f"/formation/quiz/{attempt_id}?corrige={number}")


@router.post("/formation/apprenant/{learner_id}/piege")
async def start_round(request: Request, learner_id: str) -> Response:
    await read_form(request, SMALL_FORM)
    started = rounds.start(_checked(learner_id))
    return see_other(f"/formation/piege/{started.id}")


@router.get("/formation/piege/{round_id}")
def round_page(request: Request, round_id: str, corrige: str | None = None) -> Response:
    current = rounds.load(_checked(round_id))
    shown = _index(corrige)
    if shown is not None and not (shown < len(current.items) and current.items[shown].clicked is not None):
        shown = None
    learner = progress.find_learner(current.learner)
    return page(request, "formation_piege.html.j2", title="Repérez le piège", round=current, corrected=shown, learner=learner)


@router.post("/formation/piege/{round_id}/{index}")
async def answer_mail(request: Request, round_id: str, index: str) -> Response:
    form = await read_form(request, 4 * KIB)
    number = _required_index(index)
    rounds.answer(_checked(round_id), number, form.values("zone"))
    return see_other(f"/formation/piege/{round_id}?corrige={number}")


@router.get("/formation/attestation/{learner_id}")
def certificate(request: Request, learner_id: str) -> Response:
    state = progress.read()
    person = tracking.learner_progress(progress.find_learner(_checked(learner_id), state), state)
    title = "Pas encore d'attestation" if person.certificate_refusal else "Attestation"
    return page(request, "formation_attestation.html.j2", title=f"{title} — {person.learner.first_name}",
                **printable.certificate_context(person))


@router.get("/formation/charte")
def charter_page(request: Request) -> Response:
    return page(request, "formation_charte.html.j2", title="Charte informatique", **printable.charter_context(charter.build()))
