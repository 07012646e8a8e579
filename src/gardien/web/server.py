"""Start the interface: bind 127.0.0.1, write the opening file, open the browser, serve until Ctrl+C."""

from __future__ import annotations

import socket
import webbrowser
from html import escape
from pathlib import Path

from gardien.errors import GardienError
from gardien.explain import reason
from gardien.paths import data_dir, write_private
from gardien.web.security import Guard

HOST = "127.0.0.1"  # never another address: the interface shows patients' data and the machine's weaknesses
OPENING_PREFIX = "ouvrir-gardien-"  # one opening file per running interface, named by its port


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (`port` 0: any free port)."""
    if port != 0 and not 1024 <= port <= 65535:
        raise GardienError(f"Port invalide : {port}. Choisissez un nombre de 1024 à 65535, ou laissez Gardien en choisir un.")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: SO_REUSEADDR there would let another program share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    else:  # a Gardien closed a moment ago leaves its connections in TIME_WAIT: its port is free at once all the same
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (a port another program listens on stays refused)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        if _is_gardien(port):  # not « another program »: Gardien itself, opened earlier
            raise GardienError(f"Gardien est déjà ouvert sur le port {port}. Pour y revenir, lancez Gardien sans --port "
                               "(il ramène celui-ci dans le navigateur) ; pour en ouvrir un second à part, choisissez un "
                               "autre port.") from exc
        raise GardienError(f"Le port {port} est déjà pris ou interdit ({reason(exc)}). Choisissez-en un autre avec --port, "
                           "ou laissez Gardien en choisir un.") from exc
    sock.listen(64)
    return sock


def opening_path(port: int) -> Path:
    """The opening file of the interface listening on `port`: each interface has its own, so a second one
    started on the same data folder neither overwrites the first one's file nor deletes it when it stops."""
    return data_dir() / f"{OPENING_PREFIX}{port}.html"


def _is_gardien(port: int) -> bool:
    """Whether a Gardien interface answers on `port` (after a crash, another program may have taken it)."""
    try:
        with socket.create_connection((HOST, port), timeout=2) as connection:
            connection.sendall(f"GET / HTTP/1.0\r\nHost: {HOST}:{port}\r\n\r\n".encode())
            answer = b""
            while len(answer) < 65536 and (chunk := connection.recv(8192)):
                answer += chunk
    except OSError:
        return False
    return answer.startswith(b"HTTP/") and b"Gardien" in answer


def other_interfaces(own_port: int) -> list[int]:
    """The ports of the other interfaces still running on this data folder. The opening files of those that
    no longer answer (a crash, a forced stop) are removed: their link could not open anything any more."""
    running = []
    for path in sorted(data_dir().glob(f"{OPENING_PREFIX}*.html")):
        port = path.name.removeprefix(OPENING_PREFIX).removesuffix(".html")
        if not port.isdigit() or int(port) == own_port:
            continue
        if _is_gardien(int(port)):
            running.append(int(port))
        else:
            try:
                path.unlink(missing_ok=True)
            except OSError:  # not ours to remove after all: it only stays in the folder
                pass
    return running


def write_opening_file(guard: Guard) -> Path:
    """A page only this user can read, which sends the browser to the current one-time login link (rewritten after
    each opening, so the file can be opened again).

    The browser is given this file's path, so the token never shows on a command line (where other local
    users could read it) nor in the terminal's scroll-back.
    """
    url = escape(guard.login_url)
    path = opening_path(guard.port)
    write_private(path, (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={url}">'
        f'<title>Ouverture de Gardien</title></head><body><p><a href="{url}">Ouvrir Gardien</a></p></body></html>'
    ))
    return path


def open_guard(port: int, announce) -> tuple[Guard, Path]:
    """The guard of the interface on `port` and its opening file, which each opening renews."""
    guard = Guard(port=port)
    opening = write_opening_file(guard)
    guard.on_new_token = lambda: _renew_opening_file(guard, announce)
    return guard, opening


def _renew_opening_file(guard: Guard, announce) -> None:
    """After each opening, the file gets the next one-time link: opening it again opens Gardien again."""
    try:
        write_opening_file(guard)
    except OSError as exc:
        announce(f"Le fichier d'ouverture de Gardien n'a pas pu être renouvelé ({reason(exc)}) : pour rouvrir Gardien "
                 "dans un autre navigateur, fermez-le (Ctrl+C) puis relancez-le.")


def _already_open(count: int) -> str:
    if count == 1:
        return ("Un autre Gardien était déjà ouvert sur cet ordinateur : celui-ci s'ouvre à part, dans son propre onglet, "
                "et l'autre continue de marcher. Fermez celui dont vous n'avez plus besoin avec son bouton « Fermer Gardien ».")
    return (f"Gardien était déjà ouvert {count} fois sur cet ordinateur : celui-ci s'ouvre à part, dans son propre onglet, "
            "et les autres continuent de marcher. Fermez ceux dont vous n'avez plus besoin avec leur bouton « Fermer Gardien ».")


def reuse(open_browser: bool, announce) -> bool:
    """When a Gardien already runs on this data folder, open the browser on it (its opening file holds its next
    one-time link) instead of starting a second one: what she prepared there (the pseudonymiser's correspondences,
    held in its memory only) is found again. False when none runs."""
    running = other_interfaces(own_port=-1)
    if not running:
        return False
    opening = opening_path(running[0])
    if open_browser and webbrowser.open(opening.as_uri()):
        announce(f"Gardien est déjà ouvert sur cet ordinateur (http://{HOST}:{running[0]}) : il revient dans votre "
                 "navigateur, avec ce que vous y aviez préparé. Rien d'autre n'est lancé.")
    else:
        announce(f"Gardien est déjà ouvert sur cet ordinateur (http://{HOST}:{running[0]}). Pour y revenir, ouvrez ce "
                 f"fichier dans votre navigateur : {opening}")
    return True


class _CtrlC:
    """Ctrl+C stops Gardien from its first moment, and never in the middle of a step: it is noted, and tells the
    server to stop once there is one. (Python's own Ctrl+C raised KeyboardInterrupt wherever the program was, an event
    loop half built included; and an interface started as the background job of a script inherited Ctrl+C ignored,
    then heard it only once uvicorn had installed its own handler: one pressed before was lost, the interface serving
    on — round 17, tests/test_web.py timed out in background runs.) uvicorn's handler takes over while it serves, and
    passes on to this one the Ctrl+C it received."""

    def __init__(self) -> None:
        self.pressed = False
        self.server = None  # the uvicorn server, once created

    def __call__(self, *_signal) -> None:
        self.pressed = True
        if self.server is not None:
            self.server.should_exit = True


def serve(port: int, open_browser: bool, announce, separate: bool = False) -> None:
    """`separate`: start a second Gardien even when one already runs (else the running one is reopened)."""
    import signal
    import threading

    ctrl_c = _CtrlC()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, ctrl_c)
    try:
        _serve(port, open_browser, announce, separate, ctrl_c)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _serve(port: int, open_browser: bool, announce, separate: bool, ctrl_c: _CtrlC) -> None:
    import uvicorn

    from gardien.web.app import create_app

    if ctrl_c.pressed:  # while Gardien was loading: nothing opened yet
        announce("Gardien est fermé.")
        return
    if not separate and reuse(open_browser, announce):
        return
    sock = bind(port)
    guard, opening = open_guard(sock.getsockname()[1], announce)
    try:
        others = other_interfaces(guard.port)
        announce(f"Gardien est ouvert sur cet ordinateur seulement (http://{HOST}:{guard.port}), à une adresse secrète "
                 "que seul le fichier d'ouverture de Gardien donne au navigateur.")
        if others:
            announce(_already_open(len(others)))
        if not (open_browser and webbrowser.open(opening.as_uri())):
            announce(f"Ouvrez ce fichier dans votre navigateur pour entrer : {opening}")
        announce("Pour arrêter Gardien : Ctrl+C dans cette fenêtre.")
        app = create_app(guard)
        app.state.already_open = len(others)  # said on the dashboard too: the shortcut shows no terminal
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))  # no log of URLs or bodies
        app.state.stop = lambda: setattr(server, "should_exit", True)
        ctrl_c.server = server
        if not ctrl_c.pressed:
            server.run(sockets=[sock])
        announce("Gardien est fermé.")
    finally:
        opening.unlink(missing_ok=True)
        sock.close()
