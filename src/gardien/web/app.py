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
from gardien.web import backup, pages, registre, repair, tools
from gardien.web.forms import TooLarge
from gardien.web.render import page
from gardien.web.security import LOGIN_PATH, PUBLIC_PREFIXES, SAFE_METHODS, SECURITY_HEADERS, Guard

STATIC = Path(__file__).parent / "static"


def create_app(guard: Guard) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)  # no API explorer on a private interface
    app.state.guard = guard
    app.state.last_audit = None  # the full result of the last audit run here (the history keeps findings only)
    app.state.mapping = {}  # the pseudonymiser's placeholders, in memory only, for the re-identification
    app.state.backup_job = None  # the backup or restore test running in the background, if any
    app.state.stop = None  # set by the server: how the « Fermer Gardien » button stops it
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(tools.router)
    app.include_router(backup.router)
    app.include_router(registre.router)
    app.include_router(repair.router)

    @app.middleware("http")
    async def guard_every_request(request: Request, call_next) -> Response:
        response = await _check(request, guard) or await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.get(LOGIN_PATH)
    def login(request: Request, jeton: str = "") -> Response:
        session = guard.exchange(jeton)
        if session is None:
            return _refused(request, 403, "Ce lien d'ouverture a déjà servi ou n'est pas le bon. Pour rouvrir Gardien, "
                            "arrêtez-le (Ctrl+C dans sa fenêtre) et relancez « gardien interface ».")
        # A page rather than a redirect: a SameSite=Strict cookie is not sent on a redirect that started from
        # the local file, but it is on a refresh issued by this same-site page.
        response = page(request, "login.html.j2", title="Ouverture de Gardien")
        response.set_cookie(guard.cookie_name, session, httponly=True, samesite="strict", path="/")
        return response

    @app.exception_handler(GardienError)
    def user_error(request: Request, exc: GardienError) -> Response:
        if isinstance(exc, DamagedFile):
            return repair.damaged_page(request, exc)
        return _refused(request, 413 if isinstance(exc, TooLarge) else 400, exc.message)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "Cette page n'existe pas." if exc.status_code == 404 else "Cette demande n'est pas possible ici."
        return _refused(request, exc.status_code, message)

    @app.exception_handler(Exception)
    def internal_error(request: Request, exc: Exception) -> Response:
        # Logged with the path only: never a request body (a password, a patient's letter).
        plain = explain.known(exc)
        if plain is not None:  # a full disk, a missing file: said in French, not « erreur interne »
            return _refused(request, 400, plain.message)
        log_error("erreur interne sur %s %s", exc, request.method, request.url.path, name="gardien.web")
        return _refused(request, 500, "Gardien a rencontré une erreur interne ; rien n'a été modifié. Réessayez, "
                        "ou relancez « gardien interface ».")

    return app


async def _check(request: Request, guard: Guard) -> Response | None:
    """A refusal page, or None when the request may go on."""
    if not guard.host_allowed(request.headers.get("host")):
        return _refused(request, 400, "Adresse non reconnue : Gardien ne répond qu'à 127.0.0.1 ou localhost.", plain=True)
    path = request.url.path
    if path.startswith(PUBLIC_PREFIXES) and request.method in SAFE_METHODS:
        return None
    if path == LOGIN_PATH and request.method in SAFE_METHODS:
        return None
    if not guard.is_session(request.cookies.get(guard.cookie_name)):
        return _refused(request, 401, "Gardien ne s'ouvre que depuis la commande « gardien interface », sur cet ordinateur. "
                        "Lancez-la : elle ouvre le navigateur au bon endroit.")
    if request.method not in SAFE_METHODS and not guard.same_origin(
        request.headers.get("origin"), request.headers.get("sec-fetch-site")
    ):
        return _refused(request, 403, "Demande refusée : elle ne vient pas d'une page de Gardien.")
    return None


def _refused(request: Request, status: int, message: str, plain: bool = False) -> Response:
    if plain:  # for a foreign Host, nothing of Gardien's pages is shown
        return HTMLResponse(f"<!DOCTYPE html><html lang=fr><title>Gardien</title><p>{message}</p></html>", status_code=status)
    return page(request, "message.html.j2", status=status, title="Gardien", message=message)
