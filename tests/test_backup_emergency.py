"""No backup work while the emergency mode is open (walkthrough, round 11: after the watch opened « MODE URGENCE »,
whose instructions say not to plug the backup disk in, `sauvegarde lancer` said « réussie »).

Real restic on repositories in the test's folder (a configuration with two folders on the computer's own disk:
test_backup.old_style_configuration), the emergency opened as the watch opens it (urgence/state.py)."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import logged_in_client, visible_text
from test_backup import gardien, make_source, old_style_configuration

pytestmark = pytest.mark.skipif(shutil.which("restic") is None, reason="restic absent (apt-get install restic)")
PASSWORD = "mot-de-passe-de-test"
PORT = 8766
SAME = {"Origin": f"http://127.0.0.1:{PORT}"}


@pytest.fixture
def attacked(tmp_path, isolated_home):
    """Backups set up, then the watch's alert opened the emergency mode."""
    from gardien.urgence import state

    source = make_source(tmp_path / "Cabinet")
    old_style_configuration(isolated_home, source, tmp_path / "d1", tmp_path / "d2", PASSWORD)
    state.open_(state.Origin.ALERT, "Signes de rançongiciel : 30 documents chiffrés ou remplacés.")
    return {"home": isolated_home, "tmp": tmp_path, "source": source}


def untouched(tmp_path) -> bool:
    """No copy was made in either repository (restic keeps one file per copy under snapshots/)."""
    return not any(any((tmp_path / name / "snapshots").iterdir()) for name in ("d1", "d2"))


@pytest.mark.parametrize("command", [
    ["lancer"], ["verifier"], ["ajouter", "--hors-site", "AUTRE"], ["configurer", "--dossier", "SOURCE", "--disque", "AUTRE"],
])
def test_every_command_that_makes_or_checks_copies_stops_during_an_emergency(attacked, command):
    tmp = attacked["tmp"]
    args = [{"RESTAURATION": str(tmp / "restauration"), "AUTRE": str(tmp / "d3"), "SOURCE": str(attacked["source"])}
            .get(a, a) for a in command]
    result = gardien(attacked["home"], "sauvegarde", *args, stdin=PASSWORD + "\n")
    assert result.returncode == 2, result.stdout + result.stderr
    said = " ".join(result.stderr.split())
    assert "Le mode urgence est ouvert depuis le" in said and "ne le branchez pas. Rien n'a été fait." in said, said
    assert "gardien urgence terminer --issue attaque" in said and "--malgre-urgence" in said, said
    assert "Traceback" not in result.stderr and "réussie" not in result.stdout
    assert "Mot de passe" not in result.stderr  # stopped before asking anything
    assert untouched(tmp) and not (tmp / "restauration").exists() and not (tmp / "d3").exists()
    assert not (attacked["home"] / "sauvegarde-etat.json").exists()


def test_she_may_go_on_anyway_or_close_the_incident(attacked):
    home, tmp = attacked["home"], attacked["tmp"]
    anyway = gardien(home, "sauvegarde", "lancer", "--malgre-urgence", stdin=PASSWORD + "\n")
    assert anyway.returncode == 0 and "réussie" in anyway.stdout, anyway.stdout + anyway.stderr
    assert not untouched(tmp)
    # the way back stays open (urgence « après »): a restore into a new folder, said where to do it
    restored = gardien(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(tmp / "r"),
                       stdin=PASSWORD + "\n")
    assert restored.returncode == 0 and (tmp / "r").is_dir(), restored.stdout + restored.stderr
    assert "ne restaurez que sur un ordinateur nettoyé ou réinstallé" in " ".join(restored.stderr.split())
    assert gardien(home, "sauvegarde", "verifier", stdin=PASSWORD + "\n").returncode == 2
    closed = gardien(home, "urgence", "terminer", "--issue", "fausse_alerte")
    assert closed.returncode == 0, closed.stderr
    verified = gardien(home, "sauvegarde", "verifier", stdin=PASSWORD + "\n")
    assert verified.returncode == 0 and "réussie" in verified.stdout, verified.stdout + verified.stderr


def test_the_page_says_why_hides_the_buttons_and_refuses(attacked):
    client = logged_in_client(PORT)
    page = client.get("/sauvegardes")
    text = visible_text(page.text)
    assert page.status_code == 200 and "Le mode urgence est ouvert depuis le" in text, text
    assert "fermez l'incident dans la page « En cas d'attaque »" in text and "gardien " not in text and "--malgre" not in text
    assert 'action="/sauvegardes/lancer"' not in page.text and 'action="/sauvegardes/verifier"' not in page.text
    assert "Branchez d'abord les disques" not in text
    # round 12: « Ajouter une autre copie » led to a page that refuses; no way in, and the page says why
    assert 'href="/sauvegardes/ajouter"' not in page.text and "Ajouter" not in text, text
    assert "pas de sauvegarde, de restauration d'essai ni de nouvelle copie" in text, text
    for path, data in (("/sauvegardes/lancer", {"motdepasse": PASSWORD}), ("/sauvegardes/verifier", {"motdepasse": PASSWORD}),
                       ("/sauvegardes/ajouter", {"hors_site_chemin": str(attacked["tmp"] / "d3"), "motdepasse": PASSWORD})):
        refused = client.post(path, headers=SAME, data=data, follow_redirects=False)
        assert refused.status_code == 400 and "Le mode urgence est ouvert" in visible_text(refused.text), path
    assert untouched(attacked["tmp"]) and not (attacked["tmp"] / "d3").exists()


def test_the_emergency_page_is_named_as_the_menu_names_it():
    """Round 13: the web message of EmergencyOpen sent her to « la page Urgence », a page the menu calls « En cas
    d'attaque »; no text of the package names it otherwise (failed on main)."""
    from pathlib import Path

    import gardien
    from gardien.backup.emergency import EmergencyOpen
    from gardien.web.render import NAVIGATION

    menu = dict(NAVIGATION)["/urgence"]
    assert f"page « {menu} »" in EmergencyOpen("2026-11-30T09:00:00+01:00").web_message
    root = Path(gardien.__file__).parent
    named = [f"{path.relative_to(root)}: {line.strip()}" for path in sorted(root.rglob("*"))
             if path.suffix in (".py", ".toml", ".j2", ".html", ".js") and path.is_file()
             for line in path.read_text(encoding="utf-8").splitlines()
             if re.search(r"page\s+(« ?)?Urgence\b", line)]
    assert named == []
