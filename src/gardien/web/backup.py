"""Backups page: the 3-2-1 status, and a backup or a restore test run in the background with its progress.

Setting up from the page covers the common case (usual folders, two external disks, the password in the system's
keyring); other destinations (SFTP, S3) and keyring-less machines stay with `gardien sauvegarde configurer`.
One job at a time; its progress lives in the server's memory and is polled by the page (htmx, or a link).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.errors import GardienError
from gardien.web.forms import SMALL_FORM, read_form
from gardien.web.render import page, see_other

router = APIRouter()
JOB_LABEL = {"lancer": "Sauvegarde", "verifier": "Restauration d'essai"}


@dataclass
class Job:
    kind: str  # "lancer" or "verifier"
    progress: dict[str, float] = field(default_factory=dict)  # destination -> 0..1
    outcomes: list = field(default_factory=list)
    error: str | None = None
    done: bool = False

    @property
    def label(self) -> str:
        return JOB_LABEL[self.kind]


def _run(job: Job, configuration, password: str | None) -> None:
    from gardien.backup import operations

    def on_progress(name: str, fraction: float) -> None:
        job.progress[name] = fraction

    try:
        if job.kind == "lancer":
            job.outcomes = operations.run_backup(configuration, on_progress, password)
        else:
            job.outcomes = operations.verify(configuration, password=password)
    except GardienError as exc:
        job.error = exc.message
    except Exception:  # noqa: BLE001 - a background thread must always end with a message
        logging.getLogger("gardien.web").exception("erreur interne pendant « %s »", job.kind)
        job.error = "Erreur interne pendant l'opération ; rien n'a été supprimé. Réessayez, ou lancez-la depuis le terminal."
    finally:
        job.done = True


def _context(request: Request) -> dict:
    from gardien.backup import config, operations

    try:
        configuration = config.load()
    except GardienError as exc:
        return {"configured": False, "problem": exc.message, "job": request.app.state.backup_job}
    return {"configured": True, "report": operations.status(configuration), "job": request.app.state.backup_job,
            "asks_password": configuration.secret["kind"] == "demander", "words": operations.OUTCOME_WORD}


@router.get("/sauvegardes")
def backup_page(request: Request, prete: str = "") -> Response:
    return page(request, "backup.html.j2", title="Sauvegardes", ready=bool(prete), **_context(request))


@router.get("/sauvegardes/progression")
def backup_progress(request: Request) -> Response:
    context = _context(request)
    response = page(request, "backup.html.j2", fragment="parts/backup_job.html.j2", title="Sauvegardes", **context)
    if context["job"] is not None and context["job"].done:
        response.headers["HX-Refresh"] = "true"  # the whole page again: the dates and the 3-2-1 status changed
    return response


@router.get("/sauvegardes/configurer")
def setup_page(request: Request) -> Response:
    from gardien.backup.config import usual_folders
    from gardien.backup.drives import external_drives

    return page(request, "backup_setup.html.j2", title="Mettre en place la sauvegarde", folders=usual_folders(),
                drives=external_drives())


@router.post("/sauvegardes/configurer")
async def set_up(request: Request) -> Response:
    from gardien.backup import operations
    from gardien.backup.config import Destination, repository_for

    form = await read_form(request, SMALL_FORM)
    folders = [Path(f) for f in form.values("dossier") if f] + [Path(f.strip()) for f in [form.text("autre_dossier")] if f.strip()]
    places = [_place(form, "disque"), _place(form, "hors_site")]
    if not all(places):
        raise GardienError("Choisissez deux disques : celui gardé au cabinet et celui gardé ailleurs (ou débranché).")
    destinations = [Destination("disque-1", "disque", repository_for("disque", places[0])),
                    Destination("hors-site-1", "disque", repository_for("disque", places[1]), hors_site=True)]
    await run_in_threadpool(operations.configure, folders, destinations, {"kind": "trousseau"})
    return see_other("/sauvegardes?prete=1")


def _place(form, name: str) -> str:
    """The folder typed by the user, or a new folder on the chosen drive."""
    from gardien.backup.drives import BACKUP_FOLDER

    typed = form.text(f"{name}_chemin").strip()
    if typed:
        return typed
    drive = form.text(name)
    return str(Path(drive) / BACKUP_FOLDER) if drive else ""


@router.post("/sauvegardes/mot-de-passe")
async def show_password(request: Request) -> Response:
    """Shown on demand, once per click, to be copied by hand onto the recovery sheet (never stored by the page)."""
    from gardien.backup import config, secret

    await read_form(request, SMALL_FORM)
    password = await run_in_threadpool(secret.load, config.load().secret)
    return page(request, "backup_password.html.j2", title="Mot de passe des sauvegardes", password=password)


@router.get("/sauvegardes/fiche")
def recovery_sheet(request: Request) -> Response:
    from gardien.backup import config, sheet

    return page(request, "backup_sheet.html.j2", title="Fiche de secours", sheet=sheet.text(config.load()))


@router.post("/sauvegardes/{kind}")
async def start_job(request: Request, kind: str) -> Response:
    from gardien.backup import config

    form = await read_form(request, SMALL_FORM)
    if kind not in JOB_LABEL:
        raise GardienError("Opération inconnue.")
    current = request.app.state.backup_job
    if current is not None and not current.done:
        raise GardienError(f"{current.label} déjà en cours : attendez qu'elle se termine.")
    configuration = config.load()
    password = form.text("motdepasse") or None
    if configuration.secret["kind"] == "demander" and not password:
        raise GardienError("Tapez le mot de passe de la sauvegarde (celui de la fiche de secours).")
    job = Job(kind)
    request.app.state.backup_job = job
    threading.Thread(target=_run, args=(job, configuration, password), daemon=True).start()
    return see_other("/sauvegardes")
