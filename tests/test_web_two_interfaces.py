"""Two `gardien interface` on the same data folder, as real processes: each keeps its own opening file."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import interface_banner

from gardien.web import server

pytestmark = pytest.mark.slow
ARTEFACTS = Path(__file__).resolve().parents[1] / "tests" / "artefacts"


def _start(home: Path, *options: str) -> tuple[subprocess.Popen, list[str]]:
    """`gardien interface --sans-navigateur`, read until it says how to stop it (the server is then bound)."""
    env = dict(os.environ, GARDIEN_HOME=str(home), BROWSER="true")
    process = subprocess.Popen([sys.executable, "-m", "gardien", "interface", "--sans-navigateur", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    return process, interface_banner(process)


def _opening_file(lines: list[str]) -> Path:
    found = re.search(r"Ouvrez ce fichier dans votre navigateur pour entrer : (\S+)", "".join(lines))
    assert found, "".join(lines)
    return Path(found.group(1))


def _link(opening: Path) -> str:
    return re.search(r'url=([^"]+)"', opening.read_text(encoding="utf-8")).group(1).replace("&amp;", "&")


def _opens(opening: Path) -> int:
    """What the link in the opening file answers (the first visit exchanges its one-time token)."""
    return _answers(_link(opening))


def _answers(url: str) -> int:
    deadline = time.monotonic() + 30
    while True:  # the socket is bound before the server answers
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    return rest


def _second_page_says_so(opening: Path) -> None:
    """The second interface's first page, in real Chromium, says that Gardien was already open: the shortcut starts
    it without a terminal, so the terminal's line was all a practitioner never saw."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright absent (pip install playwright)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium absent (apt-get install chromium) : test dans le navigateur sauté")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        try:
            page = browser.new_context(locale="fr-FR").new_page()
            page.goto(opening.as_uri())
            page.wait_for_selector("h1:has-text('Tableau de bord')", timeout=30000)
            said = page.locator("main").inner_text()
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTEFACTS / "second-gardien.png"), full_page=True)
        finally:
            browser.close()
    assert "Gardien est aussi ouvert dans un autre onglet ou une autre fenêtre : les deux marchent." in said


def test_a_second_interface_neither_overwrites_nor_deletes_the_first_ones_opening_file(tmp_path):
    home = tmp_path / "gardien-home"
    first, first_lines = _start(home)
    second = None
    try:
        first_file = _opening_file(first_lines)
        assert "déjà ouvert" not in "".join(first_lines)
        first_text = first_file.read_text(encoding="utf-8")

        second, second_lines = _start(home, "--a-part")  # asked for: since round 16 the running one comes back
        second_file = _opening_file(second_lines)
        assert second_file != first_file
        assert "Un autre Gardien était déjà ouvert sur cet ordinateur" in "".join(second_lines)
        assert first_file.read_text(encoding="utf-8") == first_text  # untouched by the second one

        used = _link(second_file)
        _second_page_says_so(second_file)
        # each link serves once; the file then holds the next one, so that it opens Gardien again (walkthrough r12)
        assert _answers(used) == 403 and _opens(second_file) == 200
        assert _opens(first_file) == 200
        first_text = first_file.read_text(encoding="utf-8")  # its next link, written by the first interface
        _stop(second)
        assert not second_file.exists() and first_file.read_text(encoding="utf-8") == first_text
    finally:
        for process in (second, first):
            if process is not None and process.poll() is None:
                _stop(process)
    assert not first_file.exists()


def test_a_second_launch_brings_back_the_running_gardien_instead_of_starting_another(tmp_path):
    """Walkthrough r16: a second `gardien interface` started a second Gardien, whose « Remettre les noms » knew none
    of the texts prepared in the first one (held in its memory only). It now sends the browser to the running one."""
    home = tmp_path / "gardien-home"
    first, first_lines = _start(home)
    try:
        first_file = _opening_file(first_lines)
        env = dict(os.environ, GARDIEN_HOME=str(home), BROWSER="true")
        again = subprocess.run([sys.executable, "-m", "gardien", "interface", "--sans-navigateur"], capture_output=True,
                               text=True, env=env, timeout=60, check=False)
        said = " ".join(again.stderr.split())
        assert again.returncode == 0, again.stdout + again.stderr  # it returned: no second server runs
        assert "Gardien est déjà ouvert sur cet ordinateur" in said and str(first_file) in said, said
        assert sorted(p.name for p in home.glob(f"{server.OPENING_PREFIX}*")) == [first_file.name]
        assert _opens(first_file) == 200  # the file named opens the running Gardien
    finally:
        _stop(first)


def test_the_opening_file_of_an_interface_that_no_longer_answers_is_removed(isolated_home):
    taken = server.bind(0)  # a port nobody answers on once closed
    port = taken.getsockname()[1]
    taken.close()
    isolated_home.mkdir(parents=True, exist_ok=True)
    stale = server.opening_path(port)
    stale.write_text("un fichier laissé par un Gardien arrêté de force (écrit par ce test)", encoding="utf-8")
    assert server.other_interfaces(own_port=0) == [] and not stale.exists()


def test_the_opening_file_of_a_running_interface_is_counted_and_kept(running_interface):
    guard, opening = running_interface
    assert server.other_interfaces(own_port=0) == [guard.port] and opening.exists()
    assert server.other_interfaces(own_port=guard.port) == []  # itself is not « another »


def test_a_port_taken_by_another_program_is_not_another_gardien(isolated_home):
    """After a crash, the port of the left-over file may belong to some other program: not a Gardien."""
    listening = server.bind(0)  # listens, never answers
    try:
        isolated_home.mkdir(parents=True, exist_ok=True)
        left_over = server.opening_path(listening.getsockname()[1])
        left_over.write_text("écrit par ce test", encoding="utf-8")
        assert server.other_interfaces(own_port=0) == [] and not left_over.exists()
    finally:
        listening.close()


def test_a_port_taken_by_gardien_itself_is_said_to_be_gardien(running_interface):
    """Walkthrough r16: `--port 8470` while the first Gardien ran on it said the port was taken « par un autre
    programme »: it was Gardien itself."""
    from gardien.errors import GardienError

    guard, _ = running_interface
    with pytest.raises(GardienError) as refused:
        server.bind(guard.port)
    assert f"Gardien est déjà ouvert sur le port {guard.port}" in str(refused.value)
