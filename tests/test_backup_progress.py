"""What is done and what is left of the backups, said where she looks (walkthrough, round 15: after her first backup
and a successful restore test she saw her score move and « la règle 3-2-1 n'est pas encore tenue », nothing else).
One sentence, worded in one place (backup/status.py, Report.progress), on the backup page, in `sauvegarde etat` and
in the plan's backup step; only what Gardien measured: a copy without a restore test of its own is not « vérifiée ».

The backup history and configuration are hand-written in the format backup/state.py and backup/config.py write (as in
test_plan_backup); the audits are replayed from hand-written outputs (test_plan_backup_since_audit)."""

from __future__ import annotations

import html
import os
import subprocess
import sys

from conftest import logged_in_client, visible_text
from test_plan_backup import USB, USB_AWAY, _ago, _backups
from test_plan_backup_since_audit import _audit

from gardien.backup import config
from gardien.backup import status as backup_status

TESTED = "Première copie faite et vérifiée ; reste la deuxième copie, hors du cabinet."
UNTESTED = ("Première copie faite, pas encore vérifiée ; restent la deuxième copie, hors du cabinet, et une "
            "restauration d'essai pour la vérifier.")


def _progress() -> str:
    return backup_status.report(config.load()).progress


def _said(args: list[str], home) -> str:
    env = dict(os.environ, GARDIEN_HOME=str(home), COLUMNS="200")
    shown = subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=env,
                           timeout=120, check=False)
    assert shown.returncode in (0, 1), shown.stdout + shown.stderr
    return " ".join(shown.stdout.split())


def test_a_first_copy_tested_is_done_and_checked_and_the_second_is_left(isolated_home):
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    assert _progress() == TESTED


def test_a_copy_is_verified_only_by_a_restore_test_of_its_own_less_than_six_months_old(isolated_home):
    _backups({"disque-1": {"sauvegarde": {"date": _ago(minutes=10), "appareil": USB}}})
    assert _progress() == UNTESTED
    _backups({"disque-1": {"sauvegarde": {"date": _ago(minutes=10), "appareil": USB},
                           "verification": {"date": _ago(days=200)}}})
    assert _progress() == UNTESTED


def test_two_copies_with_none_kept_away_and_one_tested(isolated_home):
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}},
              "disque-2": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}})
    config.save(config.BackupConfig(["/home/sf/Cabinet"], [  # two disks, both declared at the practice
        config.Destination("disque-1", config.Kind.DISK, "/media/sf/A/depot"),
        config.Destination("disque-2", config.Kind.DISK, "/media/sf/B/depot")], config.Secret(config.SecretKind.ASKED)))
    assert _progress() == ("2 copies faites, chacune sur son disque, dont 1 vérifiée ; reste à garder l'une d'elles "
                           "hors du cabinet ou débranchée, et à faire une restauration d'essai de chacune.")


def test_nothing_to_say_before_a_first_copy_nor_once_the_rule_is_held(isolated_home):
    _backups({"disque-1": {}})
    assert _progress() == ""
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}},
              "hors-site-1": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}}, away=True)
    assert _progress() == ""


def test_the_backup_page_and_the_status_command_say_it_first(isolated_home):
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    page = " ".join(html.unescape(visible_text(logged_in_client(8768).get("/sauvegardes").text)).split())
    assert f"Où en êtes-vous ? {TESTED} Une seule copie hors de l'ordinateur" in page, page
    said = _said(["sauvegarde", "etat"], isolated_home)
    assert f"{TESTED} Une seule copie hors de l'ordinateur" in said, said


def test_the_plan_step_says_it_and_asks_only_for_what_is_left(tmp_path, isolated_home):
    """Backups made after the audit: the step says what is done and left, and no longer asks to set the backup up nor
    to install restic (which made it « avec de l'aide »)."""
    _audit(tmp_path, "avant", _ago(hours=3))
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    said = _said(["plan", "--tout"], isolated_home)
    assert "[gravité importante, environ 30 minutes] Deuxième copie de sauvegarde, gardée ailleurs Gardien a fait une " \
           "sauvegarde le" in said and f"{TESTED} « Si mon ordinateur" in said, said
    page = " ".join(html.unescape(visible_text(logged_in_client(8769).get("/plan").text)).split())
    step = page[page.index("Deuxième copie de sauvegarde, gardée ailleurs"):page.index("3. ")]
    assert TESTED in step and "Ajouter le second disque" in step, step
    assert "Mettre en place la sauvegarde" not in step and "restic" not in step, step


def test_the_plan_step_says_it_after_an_audit_that_measured_them(tmp_path, isolated_home):
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    _audit(tmp_path, "apres", _ago(minutes=1), backup_status.audit_json())
    said = _said(["plan", "--tout"], isolated_home)
    assert "Deuxième copie de sauvegarde, gardée ailleurs Bilan du" in said and f"à corriger. {TESTED}" in said, said
