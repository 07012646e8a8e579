"""Secure deletion from the page (`gardien effacer` on the web): she picks files or folders by opening folders, as
the backup set-up lets her tick them (a typed path is only an option); the next page shows what will be erased and
what cannot be guaranteed, with the same backend and refusals as the command line (effacement/apercu.py); only the
second step, a POST with the token of that page, erases. Nothing is ever erased on a GET."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
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


class Order(StrEnum):
    """How a folder's entries are listed (folders first either way). Beyond MAX_LISTED the order decides what is
    hidden (walkthrough, round 17: a scans folder of 1 000 « 2019-… » files by name hid the newest ones)."""

    NAME = "nom"
    RECENT = "recents"


ORDER_SAID = {Order.NAME: "par ordre alphabétique", Order.RECENT: "du plus récent au plus ancien"}
ORDER_LINK = {Order.NAME: "Ranger par ordre alphabétique", Order.RECENT: "Mettre les plus récents d'abord"}


@dataclass(frozen=True)
class Shown:
    """One entry of the folder being looked at."""

    path: Path
    folder: bool
    size: int = 0
    modified: float = 0.0  # seconds since the epoch


@dataclass(frozen=True)
class Pending:
    """The erasure shown on the confirmation page, waiting for its second step (server memory only)."""

    token: str
    preview: object  # effacement.apercu.Preview


def folder_listing(folder: Path, order: Order = Order.NAME) -> tuple[list[Shown], int]:
    """The visible entries of `folder` in `order`, folders first, links left out (Gardien never follows them), at most
    MAX_LISTED of them; and how many there are in all."""
    shown = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    shown.append(Shown(Path(entry.path), True, 0, entry.stat(follow_symlinks=False).st_mtime))
                elif entry.is_file(follow_symlinks=False):
                    stat = entry.stat(follow_symlinks=False)
                    shown.append(Shown(Path(entry.path), False, stat.st_size, stat.st_mtime))
            except OSError:
                continue
    shown.sort(key=lambda s: s.path.name.casefold())
    if order is Order.RECENT:
        shown.sort(key=lambda s: s.modified, reverse=True)
    shown.sort(key=lambda s: not s.folder)  # stable: each group keeps the order chosen
    return shown[:MAX_LISTED], len(shown)


def browse_places() -> list[tuple[str, Path]]:
    """Where to start looking: the personal folder, its usual folders, the plugged-in disks and keys."""
    from gardien.backup.config import usual_folders
    from gardien.backup.drives import external_drives

    home = Path.home()
    places = [("Votre dossier personnel", home)] + [(folder.name, folder) for folder in usual_folders()]
    places += [(f"Disque ou clé branché : {drive.mountpoint}", Path(drive.mountpoint)) for drive in external_drives()]
    return places


def _order(typed: str) -> Order:
    try:
        return Order(typed)
    except ValueError:
        return Order.NAME


def _choose_page(request: Request, folder: str = "", problem: str = "", status: int = 200,
                 chosen: list[str] | None = None, order: Order = Order.NAME) -> Response:
    from gardien import fr

    where = Path(folder).expanduser() if folder.strip() else Path.home()
    entries, total, unreadable = [], 0, ""
    if not where.is_absolute() or not where.is_dir():
        unreadable = f"{where} n'est pas (ou plus) un dossier : choisissez un autre endroit ci-dessus."
        where = Path.home()
    try:
        entries, total = folder_listing(where, order)
    except OSError:
        unreadable = f"Gardien n'a pas le droit d'ouvrir le dossier {where} : choisissez un autre endroit."
    parent = where.parent if where.parent != where else None
    other = Order.NAME if order is Order.RECENT else Order.RECENT
    return page(request, "effacer.html.j2", status=status, title=TITLE, stage="choisir", folder=where, parent=parent,
                entries=entries, cut=total > len(entries), total=fr.decimal(total, 0), max_listed=MAX_LISTED, places=browse_places(),
                problem=problem, unreadable=unreadable, chosen=set(chosen or ()), size=fr.size, order=order,
                order_said=ORDER_SAID[order], other=other, other_said=ORDER_SAID[other], other_link=ORDER_LINK[other], Order=Order,
                modified=lambda moment: fr.day(datetime.fromtimestamp(moment)))


@router.get("/effacer")
def choose(request: Request, dossier: str = "", ordre: str = "") -> Response:
    return _choose_page(request, dossier, order=_order(ordre))


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
        return _choose_page(request, form.text("dossier"), exc.web_message, status=400, chosen=chosen,
                            order=_order(form.text("ordre")))
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
