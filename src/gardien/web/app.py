"""The FastAPI application: the guard in front, then pages that only translate HTTP into library calls."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from gardien import explain
from gardien.errors import DamagedFile, GardienError
from gardien.logs import log_error
from gardien.web import backup, documents, effacer, formation, pages, registre, reminders, repair, tools, urgence
from gardien.web.forms import TooLarge
from gardien.web.render import PROBLEM_HEADING, page
from gardien.web.security import LOGIN_PATH, PUBLIC_PREFIXES, SAFE_METHODS, SECURITY_HEADERS, Guard, SecretRoot

STATIC = Path(__file__).parent / "static"
NOT_OPENED = ("Cette adresse seule n'ouvre pas Gardien : chaque ouverture donne au navigateur un lien secret, valable "
              "une fois. Gardien est déjà ouvert dans un autre onglet ? Revenez simplement à cet onglet.")
REUSED_LINK = ("Ce lien d'ouverture a déjà servi ou n'est pas le bon : chaque lien n'ouvre Gardien qu'une fois. Gardien "
               "est déjà ouvert dans un autre onglet ? Revenez-y. Sinon, rouvrez Gardien comme vous l'aviez ouvert (son "
               "raccourci, ou son fichier d'ouverture) : chaque ouverture donne un nouveau lien. Revenir en arrière ou "
               "recharger cette page-ci ne marche pas.")


def create_app(guard: Guard) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)  # no API explorer on a private interface
    app.state.guard = guard
    app.state.last_audit = None  # the full result of the last audit run here (the history keeps findings only)
    app.state.mappings = []  # the pseudonymiser's correspondences, one per text, in memory only (reidentify.Kept)
    app.state.backup_job = None  # the backup or restore test running in the background, if any
    app.state.stop = None  # set by the server: how the « Fermer Gardien » button stops it
    app.state.already_open = 0  # set by the server: how many other Gardien interfaces were running when it started
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(tools.router)
    app.include_router(backup.router)
    app.include_router(registre.router)
    app.include_router(documents.router)
    app.include_router(effacer.router)
    app.include_router(urgence.router)
    app.include_router(formation.router)
    app.include_router(repair.router)
    app.include_router(reminders.router)

    @app.middleware("http")
    async def guard_every_request(request: Request, call_next) -> Response:
        response = await _check(request, guard) or await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(SecretRoot, guard=guard)  # added last: outermost, it sees the path as the browser sent it

    @app.get(LOGIN_PATH)
    def login(request: Request, jeton: str = "") -> Response:
        session = guard.exchange(jeton)
        if session is None:
            return _refused(request, 403, REUSED_LINK, reopen=True)
        # A page rather than a redirect: a SameSite=Strict cookie is not sent on a redirect that started from
        # the local file, but it is on a refresh issued by this same-site page.
        response = page(request, "login.html.j2", title="Ouverture de Gardien")
        # Path: the browser sends it only under the secret root, never to another program on 127.0.0.1
        response.set_cookie(guard.cookie_name, session, httponly=True, samesite="strict", path=guard.root)
        return response

    @app.exception_handler(GardienError)
    def user_error(request: Request, exc: GardienError) -> Response:
        if isinstance(exc, DamagedFile):
            return repair.damaged_page(request, exc)
        return _refused(request, 413 if isinstance(exc, TooLarge) else 400, exc.web_message)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = ("L'adresse demandée ne correspond à aucune page de Gardien : choisissez une page dans le menu, en haut."
                   if exc.status_code == 404 else "Cette demande n'est pas possible ici : revenez à la page précédente.")
        return _refused(request, exc.status_code, message)

    @app.exception_handler(Exception)
    def internal_error(request: Request, exc: Exception) -> Response:
        # Logged with the page's path only (not the secret root): never a request body.
        inner = guard.inner_path(request.url.path)
        plain = explain.known(exc)
        if plain is not None:  # a full disk, a missing file: said in French, not « erreur interne »
            status, message = 400, plain.message
        else:
            log_error("erreur interne sur %s %s", exc, request.method, inner, name="gardien.web")
            status, message = 500, ("Gardien a rencontré une erreur interne ; rien n'a été modifié. Réessayez, "
                                    "ou fermez Gardien et rouvrez-le.")
        response = _refused(request, status, message)
        # This answer leaves from outside the other middlewares: links and headers are set here
        body = guard.rewrite_html(response.body) if inner is not None else response.body
        return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)

    return app


async def _check(request: Request, guard: Guard) -> Response | None:
    """A refusal page, or None when the request may go on."""
    if not guard.host_allowed(request.headers.get("host")):
        return _refused(request, 400, "Adresse non reconnue : Gardien ne répond qu'à 127.0.0.1 ou localhost.", plain=True)
    path = request.url.path
    if path.startswith(PUBLIC_PREFIXES) and request.method in SAFE_METHODS:
        return None
    if not request.scope.get("gardien_root"):  # outside the secret root: nothing there, whatever the cookie
        return _refused(request, 401, NOT_OPENED, reopen=True)
    if path == LOGIN_PATH and request.method in SAFE_METHODS:
        return None
    if not guard.is_session(request.cookies.get(guard.cookie_name)):
        return _refused(request, 401, NOT_OPENED, reopen=True)
    if request.method not in SAFE_METHODS and not guard.same_origin(
        request.headers.get("origin"), request.headers.get("sec-fetch-site")
    ):
        return _refused(request, 403, "Demande refusée : elle ne vient pas d'une page de Gardien.")
    return None


def _refused(request: Request, status: int, message: str, plain: bool = False, reopen: bool = False) -> Response:
    """`reopen`: the page also says how to open Gardien (its shortcut, or what to ask when it has none)."""
    if plain:  # for a foreign Host, nothing of Gardien's pages is shown
        return HTMLResponse(f"<!DOCTYPE html><html lang=fr><title>Gardien</title><p>{message}</p></html>", status_code=status)
    heading = PROBLEM_HEADING.get(status, "Gardien")
    back = request.method not in SAFE_METHODS and status in (400, 413)  # a form to correct: the user goes back to it
    return page(request, "message.html.j2", status=status, title=heading, heading=heading, message=message, back=back,
                fragment="parts/problem.html.j2", **(reopen_context(_opening(request)) if reopen else {}))


def _opening(request: Request) -> Path | None:
    """This running Gardien's opening file, for a request that came under its secret root (her old address, from the
    browser's history): opening it brings her back here. None for any other request, or when the file is gone."""
    from gardien.web.server import opening_path

    if not request.scope.get("gardien_root"):
        return None
    path = opening_path(request.app.state.guard.port)
    return path if path.is_file() else None


def reopen_context(opening: Path | None = None) -> dict:
    """What parts/reopen.html.j2 needs: the address of this running Gardien's opening file (`opening`: she pastes it
    into the address bar, no terminal needed); where her shortcut is, in her words (empty: none on this computer);
    and, only when neither is there (Gardien is closing), the command that opens Gardien in any terminal (the bare
    « gardien » is not found after the README's install)."""
    from gardien.launch import typed_anywhere
    from gardien.web.shortcut import places_said

    return {"reopen": True, "opening_address": opening.as_uri() if opening else "", "shortcut_places": places_said(),
            "gardien_command": typed_anywhere()}
