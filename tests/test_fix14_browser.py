"""Round 14 (brief fix14_b) in real Chromium, at 1280 and 390 px (screenshots in tests/artefacts, looked at by hand;
nothing scrolls sideways at 390 px): erasing files picked by opening folders, taking a backup copy out, and the
dashboard saying that a backup is newer than the last audit.

Files are hand-written under tmp_path; the backup configuration and history are hand-written in the format
backup/config.py and backup/state.py write (test_plan_backup); the audit is replayed from hand-written outputs."""

from __future__ import annotations

from dataclasses import replace

from test_backup_browser import both_widths
from test_plan import _recording
from test_plan_backup import USB, USB_AWAY, _ago
from test_web_browser import CHROMIUM, browser, gardien, go, page, shot  # noqa: F401 - fixtures

from gardien import statefile
from gardien.backup import config, state
from gardien.core.audit import audit_replay
from gardien.store import history


def test_erase_files_by_ticking_them_then_confirming(page, gardien, tmp_path):  # noqa: F811 - fixtures
    folder = tmp_path / "Anciens courriers"
    folder.mkdir()
    for name in ("courrier-2017.txt", "courrier-2018.txt"):
        (folder / name).write_text("Courrier écrit pour ce test.\n" * 30, encoding="utf-8")
    go(page, "Effacer des fichiers")
    assert page.get_by_role("heading", level=1).inner_text() == "Effacer des fichiers pour de bon"
    page.goto(f"{gardien[0]}/effacer?dossier={folder}")
    page.get_by_label("courrier-2017.txt").check()
    both_widths(page, "fix14-effacer-choisir")
    page.get_by_role("button", name="Voir ce qui sera effacé").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez avant d'effacer"
    assert (folder / "courrier-2017.txt").exists()
    both_widths(page, "fix14-effacer-verifier")
    page.get_by_role("button", name="Effacer définitivement").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == "Effacement fait"
    both_widths(page, "fix14-effacer-fait")
    assert not (folder / "courrier-2017.txt").exists() and (folder / "courrier-2018.txt").exists()


def test_remove_a_backup_copy_from_the_page(page, tmp_path):  # noqa: F811 - fixtures
    where = {name: tmp_path / disk / "depot" for name, disk in (("disque-1", "A"), ("hors-site-1", "B"))}
    for folder in where.values():
        folder.mkdir(parents=True)
        (folder / "config").write_text("copie écrite pour ce test\n", encoding="utf-8")
    config.save(config.BackupConfig([str(tmp_path / "Cabinet")], [
        config.Destination("disque-1", config.Kind.DISK, str(where["disque-1"])),
        config.Destination("hors-site-1", config.Kind.DISK, str(where["hors-site-1"]), hors_site=True)]))
    when = _ago(hours=1)
    statefile.write(state.path(), {"disque-1": {"sauvegarde": {"date": when, "appareil": USB}},
                                   "hors-site-1": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}})
    go(page, "Sauvegardes")
    page.get_by_role("link", name="Retirer cette copie (Le disque gardé hors du cabinet)").click()
    page.wait_for_load_state("load")
    both_widths(page, "fix14-retirer-confirmer")
    page.get_by_role("button", name="Retirer cette copie des sauvegardes").click()
    page.wait_for_load_state("load")
    assert "est retiré des sauvegardes" in page.get_by_role("status").first.inner_text()
    shot(page, "fix14-retirer-fait-1280")
    assert (where["hors-site-1"] / "config").is_file() and [d.nom for d in config.load().destinations] == ["disque-1"]


def test_dashboard_says_a_backup_is_newer_than_the_audit(page, tmp_path):  # noqa: F811 - fixtures
    result = audit_replay(_recording(tmp_path / "rec", {"os_release": 'ID=debian\nVERSION_ID="12"\n'}, "linux"))
    history.save(replace(result, started_at=_ago(hours=3)))
    config.save(config.BackupConfig([str(tmp_path / "Cabinet")],
                                    [config.Destination("disque-1", config.Kind.DISK, str(tmp_path / "A"))]))
    statefile.write(state.path(), {"disque-1": {"sauvegarde": {"date": _ago(minutes=5), "appareil": USB}}})
    page.reload()
    assert "refaites le bilan" in page.locator(".caution").inner_text()
    both_widths(page, "fix14-tableau-depuis-le-bilan")
    go(page, "Bilan de l'ordinateur")
    assert "Depuis ce bilan" in page.locator(".caution").inner_text()
    both_widths(page, "fix14-bilan-depuis")
