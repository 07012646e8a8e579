"""The « Rappels » page (walkthrough r16: a practitioner who uses only the web interface could neither see nor install
her reminders). What is scheduled, read from the scheduler itself, when each comes next, and the buttons that install,
refresh or remove them through the same library calls as `gardien rappels installer|desinstaller|etat`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.errors import GardienError
from gardien.web.forms import SMALL_FORM, read_form
from gardien.web.render import page

router = APIRouter()
TITLE = "Rappels"
INSTALL_BUTTON = "Programmer les rappels"
REMOVE_BUTTON = "Retirer les rappels"


@dataclass(frozen=True)
class Shown:
    """One reminder as the page lists it."""

    title: str
    when: str  # « chaque lundi à 12h30 »
    next: str  # « lundi 07/12/2026 à 12h30 », or why there is none


def _state() -> dict:
    """Everything the page says, measured now: the scheduler's entries, whether it will run them, the next moments."""
    from gardien import fr
    from gardien.reminders import install, scheduler
    from gardien.reminders.routines import DAYS, by_id, next_moment, routines, said_when

    state: dict = {"unread": "", "other": None, "check": None, "listed": [], "stale": None, "lost": False}
    try:
        state["traces"] = install.traces()
        other = install.other_gardien()
    except GardienError as exc:  # the crontab could not be read: nothing is said about the reminders
        state["traces"], other = [], None
        state["unread"] = exc.args[0] if exc.args else str(exc)
    if other is not None:
        state["other"] = other.said(f"le bouton « {INSTALL_BUTTON} » ci-dessous", f"le bouton « {REMOVE_BUTTON} »")
    manifest = install.installed()
    state["manifest"] = manifest
    chosen = by_id(routines())
    if manifest:
        state["installed_on"] = fr.day(manifest["installed_at"])
        if not state["unread"]:  # judged as `gardien rappels etat` judges them
            state["check"] = scheduler.check_installed(manifest, state["traces"], other)
            state["lost"] = state["check"].lost
            state["stale"] = None if state["lost"] else install.outdated(manifest)
        now = datetime.now().astimezone()
        for entry in manifest["routines"]:
            when = install.when_of(entry)
            moment = next_moment(when, now)
            if state["check"] and state["check"].runs is scheduler.Runs.NO:
                upcoming = "ne s'affichera pas"
            elif moment is None:
                upcoming = "inconnu"
            else:
                upcoming = f"{DAYS[moment.weekday()]} {fr.day_and_time(moment)}"
            state["listed"].append(Shown(str(entry["title"]), said_when(when), upcoming))
            if entry.get("id") in chosen and entry.get("weekday") is not None:
                chosen[entry["id"]] = entry  # her days and hours, offered again
    state["days"] = DAYS
    state["chosen"] = {key: _day_and_hour(value) for key, value in chosen.items() if key in install.CHOSEN}
    state["runs"] = scheduler.Runs
    return state


def _day_and_hour(value) -> tuple[int, str]:
    if isinstance(value, dict):
        return value["weekday"], f"{value['hour']:02d}:{value['minute']:02d}"
    return value.when.weekday, f"{value.when.hour:02d}:{value.when.minute:02d}"


def _page(request: Request, done: str = "", status: int = 200) -> Response:
    return page(request, "rappels.html.j2", status=status, title=TITLE, done=done, install_button=INSTALL_BUTTON,
                remove_button=REMOVE_BUTTON, **_state())


@router.get("/rappels")
async def reminders_page(request: Request) -> Response:
    return await run_in_threadpool(_page, request)


@router.post("/rappels/programmer")
async def install_reminders(request: Request) -> Response:
    """As `gardien rappels installer --jour-sauvegarde … --heure-sauvegarde … --jour-maj … --heure-maj …`."""
    from gardien.reminders import install
    from gardien.reminders.routines import parse_day, parse_time, routines

    form = await read_form(request, SMALL_FORM)
    chosen = routines(parse_day(form.text("jour_maj", "jeudi")), parse_time(form.text("heure_maj", "13:00")),
                      parse_day(form.text("jour_sauvegarde", "lundi")), parse_time(form.text("heure_sauvegarde", "12:30")))
    await run_in_threadpool(install.install, chosen)
    return await run_in_threadpool(_page, request, "C'est fait : les rappels sont notés dans le planificateur de "
                                                   "l'ordinateur. S'il les lancera, vérifié à l'instant : juste en dessous.")


@router.post("/rappels/retirer")
async def remove_reminders(request: Request) -> Response:
    """As `gardien rappels desinstaller`."""
    from gardien.reminders import install

    await read_form(request, SMALL_FORM)
    removed = await run_in_threadpool(install.uninstall)
    return await run_in_threadpool(_page, request, "Rappels retirés." if removed else "Aucun rappel de Gardien n'était "
                                                                                       "programmé.")
