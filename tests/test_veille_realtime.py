"""The watcher as its own process (`gardien veille lancer`, what the service starts) on a temporary folder, in real
time: it catches the simulator, names the program that encrypts (this test's process), opens the emergency mode,
cuts the network when chosen beforehand (a fake nmcli records the call: the real network is never touched), and stays
quiet on office work. Every watcher is stopped at the end of its test."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from ransomware_sim import benign, realtime
from ransomware_sim.families import VARIANTS, Variant
from ransomware_sim.victim import build_tree

pytestmark = pytest.mark.slow
FAST = VARIANTS[2]  # encrypted in place, renamed with a random extension
SLOW = Variant("lent", FAST.mode, FAST.extension, delay_s=0.4)


@pytest.mark.parametrize("variant", [FAST, SLOW], ids=["rapide", "lent"])
def test_the_live_watcher_catches_the_simulator_and_names_it(tmp_path, variant):
    run = realtime.run_variant(tmp_path, variant, seed=1)
    assert run.detected
    assert run.lost <= (10 if variant is SLOW else run.total // 2), run
    assert os.getpid() in run.suspect_pids, run  # the encrypting process is this test's
    database = tmp_path / f"home-{variant.name}-1" / "journal-incidents.sqlite"
    with sqlite3.connect(database) as db:
        kinds = [row[0] for row in db.execute("SELECT sorte FROM entrees ORDER BY numero")]
    assert kinds[:2] == ["ouverture", "alerte"]
    state = json.loads((tmp_path / f"home-{variant.name}-1" / "urgence.json").read_text(encoding="utf-8"))
    assert state["active"] and state["origine"] == "alerte"
    page = (tmp_path / f"home-{variant.name}-1" / "urgence.html").read_text(encoding="utf-8")  # opened on a desktop
    assert "Alerte : Gardien a vu des fichiers" in page and "Coupez Internet tout de suite" in page


def test_automatic_network_cut_when_chosen(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "nmcli.log"
    (fake / "nmcli").write_text(f"#!/bin/sh\necho \"$@\" >> {log}\n", encoding="utf-8")
    (fake / "nmcli").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    root = tmp_path / "cabinet"
    build_tree(root, 2)
    watcher = realtime.LiveWatcher(root, tmp_path / "home")
    watcher.argv.append("--coupure-auto")
    with watcher:
        witness = root / "Courriers" / ".gardien-temoin.pdf"
        witness.write_bytes(os.urandom(2000))
        assert watcher.wait_alert(20) is not None
        for _attempt in range(100):
            if log.exists():
                break
            import time

            time.sleep(0.1)
    assert log.read_text() == "networking off\n"


def test_office_work_raises_no_alarm(tmp_path):
    raised, evidence = realtime.run_workload(tmp_path, "bureautique", benign.office_editing, seed=5)
    assert not raised, evidence


def test_the_program_that_encrypts_is_paused_when_chosen(tmp_path):
    """The simulator in its own process, one file every 0.2 s: the watcher pauses it (never kills it), nothing more is
    encrypted afterwards, and `gardien veille reprendre` would resume it (the test kills it instead)."""
    paused, at_pause, later, total = realtime.run_paused(tmp_path, "extension_aleatoire", seed=3, delay_s=0.2)
    assert paused, (at_pause, total)
    assert at_pause < total // 2 and later == at_pause, (at_pause, later, total)


def test_a_program_only_named_is_not_paused(tmp_path):
    """Without --pause-programme, the alert names the program and leaves it running."""
    run = realtime.run_variant(tmp_path, SLOW, seed=2)
    assert run.detected and os.getpid() in run.suspect_pids
    import psutil

    assert psutil.Process().status() != psutil.STATUS_STOPPED
