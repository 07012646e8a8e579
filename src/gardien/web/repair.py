"""The « Réparer » page: Gardien's damaged files, and — only when the user presses the button — each one put
aside (never deleted) and started again from what could be read. The same library calls as `gardien reparer`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.errors import DamagedFile
from gardien.web.forms import SMALL_FORM, read_form
from gardien.web.render import page

router = APIRouter()
TITLE = "Réparer les fichiers de Gardien"


@router.get("/reparer")
async def repair_page(request: Request) -> Response:
    from gardien import repair

    damages = await run_in_threadpool(repair.damages)
    return page(request, "repair.html.j2", title=TITLE, damages=damages)


@router.post("/reparer")
async def repair_now(request: Request) -> Response:
    from gardien import repair

    await read_form(request, SMALL_FORM)
    damages = await run_in_threadpool(repair.damages)
    done = [(d.path.name, await run_in_threadpool(d.mend)) for d in damages]
    return page(request, "repair.html.j2", title=TITLE, done=done)


def damaged_page(request: Request, exc: DamagedFile) -> Response:
    """What a page shows when one of Gardien's files is damaged: what, that nothing was changed, and the way out."""
    return page(request, "repair.html.j2", status=409, title=TITLE, blocked=exc.explanation)
