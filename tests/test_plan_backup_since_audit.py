"""Walkthrough round 13, finding 3: after `sauvegarde configurer`, `lancer` and `verifier` (restore test passed), the
plan still said « Sauvegarde récente — Bilan du 30/11/2026 : à corriger » until a new audit, and after that audit the
step left the plan without ever being counted as done. The backups Gardien recorded after the audit are newer than it
and win; the step they settle is done, and stays counted after the next audit.

Backup configuration and history hand-written in the format backup/config.py and backup/state.py write (as in
test_plan_backup); the audits are replayed from hand-written outputs; the plan is read as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

from test_plan import _recording
from test_plan_backup import USB, USB_AWAY, _ago, _backups

from gardien import fr
from gardien.backup import status as backup_status
from gardien.core.audit import audit_replay
from gardien.plan.build import build
from gardien.probes.readers import APPLICATIONS_HEADER
from gardien.store import history

LINUX = {"applications": f"{APPLICATIONS_HEADER}\nfirefox\n", "os_release": 'ID=debian\nVERSION_ID="12"\n'}


def _audit(tmp_path, name: str, started_at: str, backups: str = "") -> None:
    outputs = {**LINUX, "gardien_sauvegarde": backups} if backups else LINUX
    result = audit_replay(_recording(tmp_path / name, outputs, "linux"))
    history.save(replace(result, started_at=started_at))


def _plan(home) -> tuple[str, list[dict]]:
    env = dict(os.environ, GARDIEN_HOME=str(home), COLUMNS="200")
    shown = subprocess.run([sys.executable, "-m", "gardien", "plan", "--tout"], capture_output=True, text=True,
                           env=env, timeout=120, check=False)
    listed = subprocess.run([sys.executable, "-m", "gardien", "plan", "--json"], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    assert shown.returncode in (0, 1) and listed.returncode in (0, 1), shown.stderr + listed.stderr
    return " ".join(shown.stdout.split()), json.loads(listed.stdout)


def test_backups_made_after_the_audit_settle_its_backup_step_and_count_as_done(tmp_path, isolated_home):
    _audit(tmp_path, "avant", _ago(hours=3))  # no backup at all: « Sauvegarde récente », critique, to fix
    before = next(s for s in build().steps if s.id == "sauvegarde")
    assert before.status == "a_faire" and before.impact == 4

    when = _ago(minutes=10)  # then: two disks, one kept away, backed up and a restore test passed
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}},
              "hors-site-1": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}}, away=True)
    said, listed = _plan(isolated_home)
    (row,) = [row for row in listed if row["id"] == "sauvegarde"]
    assert row["status"] == "fait", row  # no longer a step to do
    assert f"[fait] Sauvegarde récente — Règle 3-2-1 respectée, dernière sauvegarde ou restauration d'essai le " \
        f"{fr.day(when)} (vérifié par Gardien)." in said, said
    assert "Avancement : 1 étape faite sur" in said, said

    total = len(build().steps)  # a new audit measures the same: the step stays counted as done
    _audit(tmp_path, "apres", _ago(minutes=1), backup_status.audit_json())
    assert history.latest().findings["sauvegarde"] == "pass"
    plan = build()
    assert len(plan.steps) == total and plan.done == 1
    assert next(s for s in plan.steps if s.id == "sauvegarde").status == "fait"


def test_a_single_disk_after_the_audit_leaves_what_is_missing(tmp_path, isolated_home):
    _audit(tmp_path, "avant", _ago(hours=3))
    when = _ago(minutes=10)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}}})
    step = next(s for s in build().steps if s.id == "sauvegarde")
    assert step.status == "a_faire" and step.title == "Deuxième copie de sauvegarde, gardée ailleurs", step
    assert step.impact == 3 and f"Gardien a fait une sauvegarde le {fr.day(when)}, après le bilan" in step.reason


def test_backups_older_than_the_audit_leave_its_verdict(tmp_path, isolated_home):
    when = _ago(hours=5)
    _backups({"disque-1": {"sauvegarde": {"date": when, "appareil": USB}, "verification": {"date": when}},
              "hors-site-1": {"sauvegarde": {"date": when, "appareil": USB_AWAY}}}, away=True)
    _audit(tmp_path, "apres", _ago(hours=1))  # the audit saw no backup (its outputs say none): it is the newer
    assert next(s for s in build().steps if s.id == "sauvegarde").status == "a_faire"
