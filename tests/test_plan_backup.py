"""The plan reads what Gardien measured of its own backups (walkthrough, round 11: after `sauvegarde verifier` said
« 1 fichier restauré et identique à la sauvegarde » and a new audit, the plan's first step was still « Tester une
restauration depuis la sauvegarde — Vous avez répondu « non » »; and the backup advice came three times).

The backup history and configuration are hand-written in the format backup/state.py and backup/config.py write; the
audit is replayed from hand-written outputs (test_plan._saved_audit)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

from test_plan import _saved_audit

from gardien import fr, statefile
from gardien.backup import config, state
from gardien.plan.build import build
from gardien.store import answers, steps

USB = {"volume": "uuid:aaaa", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:A1"}
USB_AWAY = {"volume": "uuid:bbbb", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:B2"}


def _ago(**delta) -> str:
    return (datetime.now().astimezone() - timedelta(**delta)).isoformat(timespec="seconds")


def _backups(events: dict[str, dict], away: bool = False) -> None:
    """Gardien's backups: one disk at the practice (and one kept away), with the events given."""
    destinations = [config.Destination("disque-1", config.Kind.DISK, "/media/sf/A/depot")]
    if away:
        destinations.append(config.Destination("hors-site-1", config.Kind.DISK, "/media/sf/B/depot", hors_site=True))
    config.save(config.BackupConfig(["/home/sf/Cabinet"], destinations, config.Secret(config.SecretKind.ASKED)))
    statefile.write(state.path(), events)


def _step(step_id: str):
    return next((s for s in build().steps if s.id == step_id), None)


def test_a_restore_test_gardien_made_settles_the_question_and_says_when(isolated_home):
    answers.save("restauration_testee", "non")
    when = _ago(hours=1)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    step = _step("restauration_testee")
    assert step.status == "fait" and not step.declared, step
    assert f"vérifié par Gardien le {fr.day(when)}" in step.reason and "vous avez répondu « non »" in step.reason, step.reason
    assert "restauration_testee" not in [s.id for s in build().open_steps]


def test_a_restore_test_too_old_or_never_made_leaves_her_answer(isolated_home):
    answers.save("restauration_testee", "nsp")
    old = _ago(days=200)
    _backups({"disque-1": {"sauvegarde": {"date": _ago(hours=1), "appareil": USB}, "verification": {"date": old}}})
    step = _step("restauration_testee")
    assert step.status == "a_verifier" and step.reason == "Vous avez répondu « je ne sais pas » : à vérifier."


def test_a_failed_restore_test_is_not_hidden_by_a_yes_nor_by_done(isolated_home):
    answers.save("restauration_testee", "oui")
    failed = _ago(hours=2)
    _backups({"disque-1": {"sauvegarde": {"date": _ago(hours=3), "appareil": USB}, "verification": {"date": _ago(days=30)},
                           "echec_verification": {"date": failed, "raison": "fichiers_differents",
                                                  "message": "1 fichier restauré n’est pas identique à l'original : "
                                                             "cette copie est abîmée."}}})
    step = _step("restauration_testee")
    assert step is not None and step.status == "a_faire", step
    assert f"La restauration d'essai faite par Gardien le {fr.day(failed)}" in step.reason and "abîmée" in step.reason
    assert "vous avez répondu « oui »" in step.reason
    steps.mark("restauration_testee", "fait")  # her « fait » does not hide it either
    assert _step("restauration_testee").status == "a_faire"


def test_a_copy_kept_away_measured_settles_that_question(isolated_home):
    answers.save("sauvegarde_hors_site", "non")
    when = _ago(hours=1)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}},
              "hors-site-1": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}}, away=True)
    step = _step("sauvegarde_hors_site")
    assert step.status == "fait" and f"vérifié par Gardien le {fr.day(when)}" in step.reason, step
    assert "hors du cabinet : c'est vous qui l'avez déclaré" in step.reason


def test_the_backup_advice_is_one_step_with_her_answers_said(tmp_path, isolated_home):
    """One disk backed up: the audit's step « Deuxième copie de sauvegarde, gardée ailleurs » says what the two
    questions answered « non » asked, instead of three steps for one thing."""
    from test_plan import _one_disk_backed_up_and_tested_today

    from gardien.probes.readers import APPLICATIONS_HEADER

    _saved_audit(tmp_path, {"applications": f"{APPLICATIONS_HEADER}\nfirefox\ncmd:restic\n",
                            "os_release": 'ID=debian\nVERSION_ID="12"\n',
                            "gardien_sauvegarde": _one_disk_backed_up_and_tested_today()}, "linux")
    for question in ("sauvegarde_hors_ligne", "sauvegarde_hors_site"):
        answers.save(question, "non")
    ids = [s.id for s in build().open_steps]
    assert "sauvegarde" in ids and "sauvegarde_hors_ligne" not in ids and "sauvegarde_hors_site" not in ids, ids
    step = _step("sauvegarde")
    assert step.title == "Deuxième copie de sauvegarde, gardée ailleurs"
    assert "« Garder une copie de sauvegarde débranchée »" in step.reason and "« Garder une copie de sauvegarde hors du cabinet »" in step.reason


def test_the_plan_command_after_a_restore_test(isolated_home):
    """The command line, as in the walkthrough: the step is no longer the first one, and `--tout` says who checked it."""
    answers.save("restauration_testee", "non")
    when = _ago(minutes=5)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), COLUMNS="200")
    shown = subprocess.run([sys.executable, "-m", "gardien", "plan"], capture_output=True, text=True, env=env, check=False)
    assert shown.returncode in (0, 1) and "Tester une restauration" not in shown.stdout, shown.stdout
    everything = subprocess.run([sys.executable, "-m", "gardien", "plan", "--tout"], capture_output=True, text=True,
                                env=env, check=False)
    assert f"vérifié par Gardien le {fr.day(when)}" in " ".join(everything.stdout.split()), everything.stdout
    assert "gardien plan rouvrir restauration_testee" not in everything.stdout  # reopening it would change nothing


def test_the_plan_page_says_who_checked_it_and_offers_no_reopening(isolated_home):
    from conftest import logged_in_client, visible_text

    answers.save("restauration_testee", "non")
    when = _ago(minutes=5)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    page = logged_in_client(8767).get("/plan")
    text = " ".join(visible_text(page.text).split())
    assert page.status_code == 200 and "Tester une restauration depuis la sauvegarde — faite : Restauration d'essai " \
        f"réussie sur le disque du cabinet (vérifié par Gardien le {fr.day(when)})." in text, text
    assert 'action="/plan/restauration_testee/rouvrir"' not in page.text
