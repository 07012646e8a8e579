"""Walkthrough r16: `gardien desinstaller` did not exist (« Commande inconnue ») and nothing said how to remove Gardien.
Real subprocesses on a fresh data folder; every place outside it is the test's own: HOME and the XDG folders (the
shortcuts, the watch's autostart), a fake crontab (GARDIEN_CRONTAB), the tests' keyring (a JSON file). The real user's
crontab, keyring, menu and Desktop are never touched. The register and the keyring entry are hand-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_reminders_scheduler import fake_crontab

from gardien.reminders import linux

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the shortcuts and the cron path checked are Linux's")
TESTS = Path(__file__).resolve().parent


@pytest.fixture
def computer(tmp_path, isolated_home):
    if linux.systemd_available():
        pytest.skip("a systemd user session is here: the reminders would go to systemd, not cron")
    home = tmp_path / "maison"
    (home / "Desktop").mkdir(parents=True)
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               GARDIEN_HOME=str(isolated_home), GARDIEN_CRONTAB=fake_crontab(tmp_path), PYTHONPATH=str(TESTS),
               PYTHON_KEYRING_BACKEND="keyring_for_tests.TestKeyring",
               GARDIEN_TEST_KEYRING_FILE=str(tmp_path / "trousseau.json"))
    return env


def run(env: dict, *args: str, answer: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gardien", *args], input=answer, capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def _set_up(env: dict, tmp_path: Path, home: Path) -> None:
    assert run(env, "rappels", "installer").returncode in (0, 1, 4)
    assert run(env, "interface", "--raccourci").returncode == 0
    home.mkdir(exist_ok=True)
    (home / "registre.json").write_text("{}", encoding="utf-8")
    (tmp_path / "trousseau.json").write_text(json.dumps({"gardien-sauvegarde/depot": "x"}), encoding="utf-8")


def test_it_lists_what_gardien_put_here_and_removes_the_scheduled_things_after_one_yes(tmp_path, isolated_home, computer):
    _set_up(computer, tmp_path, isolated_home)
    shortcut = Path(computer["XDG_DATA_HOME"]) / "applications" / "gardien.desktop"
    assert shortcut.exists() and (tmp_path / "table").exists()

    refused = run(computer, "desinstaller", answer="n\n")
    said = " ".join(refused.stdout.split())
    assert refused.returncode == 0 and "Rien n'a été retiré." in said, refused.stdout + refused.stderr
    assert "Rappels : programmés" in said and str(shortcut) in said, said
    assert f"Dossier de données : {isolated_home} : le registre RGPD (gardé)" in said, said
    assert "Trousseau : le mot de passe des sauvegardes (gardé avec vos données)" in said, said
    assert shortcut.exists() and (tmp_path / "table").exists()

    done = run(computer, "desinstaller", answer="o\n")
    said = " ".join(done.stdout.split())
    assert done.returncode == 0 and "Retirer les rappels et les raccourcis ? [o/N]" in said, done.stdout + done.stderr
    assert not shortcut.exists() and not (tmp_path / "table").exists()  # the crontab held only Gardien's block
    assert (isolated_home / "registre.json").exists()  # her records stay
    assert json.loads((tmp_path / "trousseau.json").read_text(encoding="utf-8")) == {"gardien-sauvegarde/depot": "x"}
    assert f"Vos données restent dans {isolated_home} (le registre RGPD)" in said, said
    assert "Dernière étape : supprimez le dossier de Gardien" in said and "Traceback" not in done.stderr, said


def test_the_data_folder_goes_only_when_asked(tmp_path, isolated_home, computer):
    _set_up(computer, tmp_path, isolated_home)
    done = run(computer, "desinstaller", "--effacer-donnees", "--oui")
    said = " ".join(done.stdout.split())
    assert done.returncode == 0, done.stdout + done.stderr
    assert not isolated_home.exists() and json.loads((tmp_path / "trousseau.json").read_text(encoding="utf-8")) == {}
    assert "Vos données restent" not in said and "le mot de passe des sauvegardes (trousseau)" in said, said


def test_the_help_and_the_readme_say_how_to_remove_gardien(computer):
    helped = " ".join(run(computer, "--help").stdout.split())
    assert "desinstaller Retire Gardien de cet ordinateur" in helped, helped
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    assert "### Retirer Gardien" in readme and "gardien desinstaller" in readme


def test_the_last_step_names_the_readme_install_folder_and_leaves_pipx_to_pipx(monkeypatch):
    """Hand-written prefixes: the README's « .venv » inside the folder she cloned, and pipx's own venv (« pipx
    install . » in the README), which « pipx uninstall gardien » removes, not a folder to delete by hand."""
    from gardien import footprint

    monkeypatch.setattr(sys, "base_prefix", "/usr")
    monkeypatch.setattr(sys, "prefix", "/home/sage/gardien/.venv")
    assert footprint.install_folder() == Path("/home/sage/gardien")
    monkeypatch.setattr(sys, "prefix", "/home/sage/.local/share/pipx/venvs/gardien")
    assert footprint.install_folder() is None


def test_the_home_folder_is_never_erased_as_the_data_folder(tmp_path, monkeypatch):
    # hand-written: GARDIEN_HOME set to the home folder itself; nothing may be removed
    from gardien import footprint
    from gardien.errors import GardienError

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "lettre.txt").write_text("à garder", encoding="utf-8")
    found = footprint.Footprint(data=tmp_path)
    with pytest.raises(GardienError, match="dossier personnel"):
        footprint.remove(found, with_data=True)
    assert (tmp_path / "lettre.txt").exists()


def test_nothing_in_the_keyring_is_listed_not_an_internal_error(computer):
    """Round 17: with no Gardien secret in the keyring (no backup configured: the usual case), `gardien desinstaller`
    ended in « erreur interne » (the list of the keyring's entries was said before being known to hold one)."""
    listed = run(computer, "desinstaller", answer="n\n")
    said = " ".join(listed.stdout.split())
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stdout + listed.stderr
    assert "Trousseau : rien." in said and "Raccourcis : aucun." in said, said
