"""Secure deletion from the page (`gardien effacer` on the web): she picks files or folders by opening folders, as
the backup set-up lets her tick them (a typed path is only an option); the next page shows what will be erased and
what cannot be guaranteed, with the same backend and refusals as the command line (effacement/apercu.py); only the
second step, a POST with the token of that page, erases. Nothing is ever erased on a GET."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.errors import GardienError
from gardien.web.forms import SMALL_FORM, pending_action, read_form
from gardien.web.render import page

router = APIRouter()
MAX_LISTED = 300  # entries shown in one folder: beyond, the page says so and offers the typed path
TITLE = "Effacer des fichiers"


@dataclass(frozen=True)
class Shown:
    """One entry of the folder being looked at."""

    path: Path
    folder: bool
    size: int = 0


@dataclass(frozen=True)
class Pending:
    """The erasure shown on the confirmation page, waiting for its second step (server memory only)."""

    token: str
    preview: object  # effacement.apercu.Preview


def _listing(folder: Path) -> tuple[list[Shown], bool]:
    """The visible entries of `folder`, folders first, links left out (Gardien never follows them); whether the list
    was cut at MAX_LISTED."""
    shown = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    shown.append(Shown(Path(entry.path), True))
                elif entry.is_file(follow_symlinks=False):
                    shown.append(Shown(Path(entry.path), False, entry.stat(follow_symlinks=False).st_size))
            except OSError:
                continue
    shown.sort(key=lambda s: (not s.folder, s.path.name.casefold()))
    return shown[:MAX_LISTED], len(shown) > MAX_LISTED


def _places() -> list[tuple[str, Path]]:
    """Where to start looking: the personal folder, its usual folders, the plugged-in disks and keys."""
    from gardien.backup.config import usual_folders
    from gardien.backup.drives import external_drives

    home = Path.home()
    places = [("Votre dossier personnel", home)] + [(folder.name, folder) for folder in usual_folders()]
    places += [(f"Disque ou clé branché : {drive.mountpoint}", Path(drive.mountpoint)) for drive in external_drives()]
    return places


def _choose_page(request: Request, folder: str = "", problem: str = "", status: int = 200,
                 chosen: list[str] | None = None) -> Response:
    from gardien import fr

    where = Path(folder).expanduser() if folder.strip() else Path.home()
    entries, cut, unreadable = [], False, ""
    if not where.is_absolute() or not where.is_dir():
        unreadable = f"{where} n'est pas (ou plus) un dossier : choisissez un autre endroit ci-dessus."
        where = Path.home()
    try:
        entries, cut = _listing(where)
    except OSError:
        unreadable = f"Gardien n'a pas le droit d'ouvrir le dossier {where} : choisissez un autre endroit."
    parent = where.parent if where.parent != where else None
    return page(request, "effacer.html.j2", status=status, title=TITLE, stage="choisir", folder=where, parent=parent,
                entries=entries, cut=cut, max_listed=MAX_LISTED, places=_places(), problem=problem,
                unreadable=unreadable, chosen=set(chosen or ()), size=fr.size)


@router.get("/effacer")
def choose(request: Request, dossier: str = "") -> Response:
    return _choose_page(request, dossier)


@router.post("/effacer/verifier")
async def check(request: Request) -> Response:
    """Plan, refuse, measure: nothing erased. The page shows it all and the button of the second step."""
    from gardien.effacement import apercu

    form = await read_form(request, SMALL_FORM)
    chosen = [value for value in form.values("cible") if value.strip()]
    typed = form.text("chemin").strip()
    targets = [Path(value) for value in chosen] + ([Path(typed).expanduser()] if typed else [])
    try:
        if not targets:
            raise GardienError("Cochez d'abord le fichier ou le dossier à effacer (ou indiquez son chemin complet).")
        if any(not target.is_absolute() for target in targets):
            raise GardienError(f"Indiquez le chemin complet, par exemple {Path.home() / 'Documents' / 'ancien-dossier'}.")
        preview = await run_in_threadpool(apercu.prepare, targets)
    except GardienError as exc:
        return _choose_page(request, form.text("dossier"), exc.web_message, status=400, chosen=chosen)
    pending = Pending(secrets.token_urlsafe(16), preview)
    request.app.state.erase_pending = pending
    return page(request, "effacer.html.j2", title="Effacer : vérifiez avant de confirmer", stage="confirmer",
                preview=preview, token=pending.token, folder=form.text("dossier"))


@router.post("/effacer/confirmer")
async def erase(request: Request) -> Response:
    from gardien.effacement import messages
    from gardien.effacement.operation import execute

    form = await read_form(request, SMALL_FORM)
    pending = pending_action(request, "erase_pending", form.text("jeton"),
                             "Cet effacement n'est plus en cours (Gardien a été relancé, ou il a déjà été fait) : rien "
                             "n'a été effacé. Recommencez depuis la page « Effacer des fichiers ».")
    request.app.state.erase_pending = None  # one erasure per confirmation page
    results = []
    for plan in pending.preview.plans:
        report = await run_in_threadpool(execute, plan)
        results.append((plan, report.complete, messages.report_text(plan, report)))
    complete = all(done for _, done, _ in results)
    return page(request, "effacer.html.j2", title="Effacement fait" if complete else "Effacement incomplet",
                stage="fait", results=results, complete=complete, preview=pending.preview)
