"""Shared test helpers: the recorded outputs of ../shared/fixtures and an isolated GARDIEN_HOME."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = SHARED / "fixtures"


def visible_text(page: str) -> str:
    """The text a reader sees in a web page: no tags, scripts or styles, entities decoded, and a no-break space read as
    a space (the pages hold « » to their words with one, and fingerprints' groups together)."""
    page = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\u00a0", " ")


def menu(page):
    """The main menu as a person reaches it in a browser page (Playwright): on a phone, behind the « Menu » button,
    opened first."""
    folded = page.locator("header.site summary")
    if folded.is_visible() and page.locator("header.site details[open]").count() == 0:
        folded.click()
    return page.get_by_role("navigation")


def fixture_text(relative: str) -> str:
    """A recorded output without its "# " provenance lines; skips the test when shared/ is absent."""
    path = FIXTURES / relative
    if not path.is_file():
        # called at import time by some test modules: the whole module is skipped then
        pytest.skip(f"sorties enregistrées absentes : {path} (le dossier ../shared n'est pas là)", allow_module_level=True)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "".join(lines)


def fixture_names(os_name: str) -> list[str]:
    """Every recorded output file name of one OS (empty when shared/ is absent)."""
    folder = FIXTURES / os_name
    return sorted(p.name for p in folder.glob("*.txt")) if folder.is_dir() else []


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data folder: the real user's data is never touched."""
    home = tmp_path / "gardien-home"
    monkeypatch.setenv("GARDIEN_HOME", str(home))
    return home


@pytest.fixture
def test_keyring(tmp_path, monkeypatch):
    """The tests' own keyring (keyring_for_tests.py, secrets in a JSON file of the test's folder), put back after
    the test: the real user's keyring is never touched."""
    import keyring
    import keyring_for_tests

    monkeypatch.setenv("GARDIEN_TEST_KEYRING_FILE", str(tmp_path / "trousseau.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring_for_tests.TestKeyring())
    yield
    keyring.set_keyring(previous)


def logged_in_client(port: int = 8765, follow_redirects: bool = True):
    """A TestClient of the interface, logged in, at its secret root (`.root`); server errors come back as pages."""
    from fastapi.testclient import TestClient

    from gardien.web.app import create_app
    from gardien.web.security import Guard

    guard = Guard(port=port)
    client = TestClient(create_app(guard), base_url=guard.base_url, raise_server_exceptions=False,
                        follow_redirects=follow_redirects)
    client.root = guard.root
    assert client.get(f"/connexion?jeton={guard.token}").status_code == 200
    return client


def interface_banner(process, timeout: float = 60) -> list[str]:
    """The lines `gardien interface` prints up to « Ctrl+C » (its server is then bound), or until it ends."""
    import time

    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if "Ctrl+C" in line or not line:
            break
    return lines


@pytest.fixture
def running_interface(isolated_home):
    """A real interface on a free port of 127.0.0.1, served in a thread: yields (guard, opening file)."""
    import threading
    import time

    import uvicorn

    from gardien.web import server
    from gardien.web.app import create_app

    sock = server.bind(0)
    guard, opening = server.open_guard(sock.getsockname()[1], print)
    instance = uvicorn.Server(uvicorn.Config(create_app(guard), log_level="warning", access_log=False))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield guard, opening
    instance.should_exit = True
    thread.join(10)
    sock.close()


def shown_in_terminal(text: str, output: bytes) -> bool:
    """`text` was shown in this terminal output, even cut over two lines: Gardien cuts a long line at a space to
    the terminal's width (report/wrapping.py), a prompt included."""
    return " ".join(text.split()).encode() in b" ".join(output.split())
