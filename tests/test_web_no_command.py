"""The web interface never tells the practitioner to type a command: she opens Gardien from its shortcut, and
what the command line says with « gardien … » the interface says with a page to open or a person to ask."""

from __future__ import annotations

import re

import pytest
from conftest import visible_text as visible
from test_web import SAME, anonymous, client, guard  # noqa: F401 - the fixtures of the web tests

from gardien.backup import restic
from gardien.errors import DamagedFile, GardienError
from gardien.web.app import NOT_OPENED, REUSED_LINK
from gardien.web.render import NAVIGATION

COMMAND = re.compile(r"\bgardien [a-z]|`|\bsudo\b|\bwinget\b|\bbrew install\b")


def test_the_refusal_texts_speak_of_the_shortcut_not_of_a_command():
    for text in (NOT_OPENED, REUSED_LINK):
        assert not COMMAND.search(text), text


def outside_folded(page: str) -> str:
    """What she reads without unfolding « pour la personne qui a installé Gardien »."""
    return visible(re.sub(r'<details class="terminal">.*?</details>', " ", page, flags=re.S))


def test_not_opened_and_reused_link_pages_without_a_shortcut(guard, anonymous, monkeypatch):  # noqa: F811
    """A README-only install has no shortcut: the pages said « double-cliquez sur son raccourci » all the same. They
    now say what to do, with the commands folded for the person who installed Gardien."""
    from gardien.web import shortcut

    monkeypatch.setattr(shortcut, "installed", lambda platform=None: [])
    not_opened = anonymous.get("/plan")
    assert not_opened.status_code == 401 and not COMMAND.search(outside_folded(not_opened.text))
    assert "double-cliquez" not in visible(not_opened.text)
    assert "Gardien n'a pas de raccourci sur cet ordinateur" in visible(not_opened.text)
    assert "Les commandes, pour la personne qui a installé Gardien" in visible(not_opened.text)
    assert "gardien interface --raccourci" in visible(not_opened.text)
    used = guard.token
    assert anonymous.get(f"/connexion?jeton={used}").status_code == 200
    reused = anonymous.get(f"/connexion?jeton={used}")
    assert reused.status_code == 403 and not COMMAND.search(outside_folded(reused.text))
    assert "Gardien n'a pas de raccourci sur cet ordinateur" in visible(reused.text)


def test_the_closed_page_with_a_shortcut_says_where_it_is(client, monkeypatch, tmp_path):  # noqa: F811
    from gardien.web import shortcut

    monkeypatch.setattr(shortcut, "installed", lambda platform=None: [tmp_path / "applications" / "gardien.desktop"])
    client.app.state.stop = lambda: None
    closed = visible(client.post("/quitter", headers=SAME).text)
    assert "Gardien est fermé" in closed and "son raccourci « Gardien », dans le menu des applications" in closed
    assert not COMMAND.search(closed)


@pytest.mark.parametrize("path", [href for href, _ in NAVIGATION] + ["/sauvegardes/configurer", "/reparer"])
def test_no_page_of_a_fresh_home_shows_a_command(client, path):  # noqa: F811 - the fixtures imported above
    response = client.get(path)
    assert response.status_code == 200
    found = COMMAND.search(visible(response.text))
    assert not found, f"{path}: {visible(response.text)[max(0, found.start() - 80):found.end() + 80]}"


def test_backups_not_set_up_say_so_without_a_command(client):  # noqa: F811 - the fixtures imported above
    page = visible(client.get("/sauvegardes").text)
    assert "Aucune sauvegarde n'est encore en place" in page and "gardien sauvegarde" not in page
    refused = visible(client.post("/sauvegardes/lancer", headers=SAME).text)
    assert "gardien" not in refused.replace("Gardien", "")


def test_an_unknown_plan_step_sends_back_to_the_plan_page(client):  # noqa: F811 - the fixtures imported above
    page = visible(client.post("/plan/inconnu/fait", headers=SAME).text)
    assert "page « Mon plan »" in page and not COMMAND.search(page)


def test_library_errors_keep_the_command_for_the_command_line_only(tmp_path, monkeypatch):
    monkeypatch.delenv("GARDIEN_RESTIC", raising=False)
    monkeypatch.setattr(restic.shutil, "which", lambda name: None)
    with pytest.raises(GardienError) as missing:
        restic.binary()
    assert "Installez restic" in missing.value.message
    assert not COMMAND.search(missing.value.web_message) and "Faites-vous aider" in missing.value.web_message
    locked = restic.classify("Fatal: unable to create lock in backend: repository is already locked", 1)
    assert "gardien sauvegarde deverrouiller" in locked.message and not COMMAND.search(locked.web_message)
    other = restic.classify("Fatal: something new", 1)
    assert "gardien sauvegarde etat" in other.message and not COMMAND.search(other.web_message)
    damaged = DamagedFile(tmp_path / "x.json", "JSON invalide")
    assert "gardien reparer" in damaged.message and "page « Réparer »" in damaged.web_message
    assert GardienError("sans variante").web_message == "sans variante"


def test_web_pages_show_the_web_message_of_library_errors():
    from pathlib import Path

    import gardien.web

    for path in Path(gardien.web.__file__).parent.glob("*.py"):
        assert "exc.message" not in path.read_text(encoding="utf-8"), f"{path.name}: exc.web_message, not exc.message"


def test_a_step_done_in_a_terminal_is_said_and_its_command_folded_for_the_helper():
    """A tester met « sudo apt install … » as her first step on the dashboard: the page now says the step needs a
    terminal and help, and keeps the command folded « pour la personne qui vous aide ». On paper it is printed."""
    from gardien.core.model import RemediationStep
    from gardien.web.render import environment

    macro = environment().get_template("macros.html.j2").module.remediation_steps
    step = RemediationStep("Ouvrez un terminal et copiez-y :", "sudo apt install unattended-upgrades",
                           "installe l'outil de mise à jour automatique", True)  # hand-written step
    page = str(macro([step], "essai"))
    outside = re.sub(r"<details class=\"terminal\">.*?</details>", " ", page, flags=re.S)
    assert not COMMAND.search(visible(outside)) and "faites-vous aider" in visible(outside)
    assert "mot de passe d'un compte administrateur" in visible(outside)
    assert "sudo apt install unattended-upgrades" in page and "Copier la commande" in page
    on_paper = str(macro([step], "essai", True))
    assert "<details" not in on_paper and "sudo apt install" in on_paper and "Copier la commande" not in on_paper


def test_one_help_warning_per_step_and_a_setting_she_can_tick_is_not_said_to_need_help():
    """Walkthrough r12, finding 9: the Linux firewall step (two commands) said « faites-vous aider » twice; the USB
    step said it right after a setting she can tick herself in the Paramètres. The real steps of both checks."""
    from gardien.core.registry import discover
    from gardien.web.render import environment

    macro = environment().get_template("macros.html.j2").module.remediation_steps
    specs = {spec.id: spec for spec in discover()}
    firewall = [s for s in specs["pare_feu"].meta.remediation["linux"] if "fedora" not in s.distributions]
    assert sum(s.in_terminal for s in firewall) == 2
    shown = visible(outside_folded(str(macro(tuple(firewall), "pare_feu"))))
    assert shown.count("faites-vous aider") == 1 and shown.count("Cette étape se fait en tapant une commande") == 1, shown
    usb = specs["usb_autorun"].meta.remediation["linux"]
    assert not usb[0].in_terminal and usb[1].text.startswith("Ou ")  # a setting to tick, then the same in a terminal
    shown = visible(outside_folded(str(macro(usb, "usb_autorun"))))
    assert "faites-vous aider" not in shown and "tapant une commande" not in shown, shown
    assert shown.strip().endswith("Ou, à la place :") and "Ne jamais demander" in shown  # the command folded below



def _typed_here(monkeypatch):
    """The full path of this Gardien, with a terminal that does not find « gardien » by its name (.venv install)."""
    import sys
    from pathlib import Path

    from gardien.web import shortcut

    installed = Path(sys.executable).with_name("gardien")
    if not installed.is_file():
        pytest.skip("la commande gardien installée est absente")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(shortcut, "installed", lambda platform=None: [])
    return installed


def _folded_commands_work(page: str, installed) -> None:
    text = " ".join(visible(page).split())
    assert f"{installed} interface ouvre Gardien" in text and f"{installed} interface --raccourci" in text, text
    assert not re.search(r"(?<![/\w])gardien interface", text)


def test_the_refusal_pages_write_the_commands_as_they_work_here(guard, anonymous, monkeypatch):  # noqa: F811
    """Walkthrough round 14, finding 11: « Gardien ne s'ouvre pas ainsi » and « Demande refusée » folded a bare
    « gardien interface », which the terminal of the README's install (.venv/bin) does not find. They write the full
    path of this Gardien, which works in any terminal."""
    installed = _typed_here(monkeypatch)
    _folded_commands_work(anonymous.get("/plan").text, installed)
    used = guard.token
    anonymous.get(f"/connexion?jeton={used}")
    _folded_commands_work(anonymous.get(f"/connexion?jeton={used}").text, installed)


def test_the_closed_page_writes_the_commands_as_they_work_here(client, monkeypatch):  # noqa: F811
    installed = _typed_here(monkeypatch)
    client.app.state.stop = lambda: None
    _folded_commands_work(client.post("/quitter", headers=SAME).text, installed)
