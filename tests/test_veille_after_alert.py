"""What the watch says at and after an alert (walkthrough, round 11): « 2 documents chiffrés ou remplacés » when 30
were, no next step in the terminal, `veille etat` silent about the alert once the watch stopped, the register's
« Rançongiciel : Signes de rançongiciel : … », and witness files left in a folder watched by hand.

The live test runs `gardien veille lancer` as its own process on a hand-made tree (ransomware_sim.victim) and changes
one witness file, as the other real-time tests do."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from ransomware_sim import realtime
from ransomware_sim.victim import build_tree

from gardien.veille.detector import CANARY_NAMES, LOST_CLUES, Alert, Clue, Evidence


def gardien(home, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True,
                          env={**os.environ, "GARDIEN_HOME": str(home)}, timeout=120, check=False)


def test_the_count_says_at_least_what_was_seen_when_the_alarm_went_off():
    """The alarm goes off at the first documents lost while the attack goes on: never a bare « 2 »."""
    alert = Alert(0.0, 3, (Evidence(Clue.REPLACED, "/c/a.docx", 0.0), Evidence(Clue.REPLACED, "/c/b.docx", 0.0),
                           Evidence(Clue.RANSOM_EXTENSION, "/c/b.docx.locked", 0.0)))
    assert alert.summary().startswith("Signes de rançongiciel : au moins 2 documents chiffrés ou remplacés"), alert.summary()


def test_after_the_alarm_the_count_follows_what_the_watch_still_sees(tmp_path, isolated_home):
    """Round 12: « au moins 2 » stayed the count at the alarm in `veille etat` and the journal while the attack went
    on. In-process watcher fed by hand (no thread of events): documents rewritten with random bytes."""
    from gardien.urgence import journal, state
    from gardien.urgence.journal import EntryKind
    from gardien.veille import watcher as watch
    from gardien.veille.config import WatchConfig
    from gardien.veille.detector import EventKind, FileEvent

    root = tmp_path / "cabinet"
    documents = [d for d in build_tree(root, 3) if d.suffix in (".pdf", ".docx", ".odt")]
    opened = []
    watcher = watch.Watcher(WatchConfig((str(root),)), on_alert=lambda alert, *_: opened.append(
        state.open_(state.Origin.ALERT, alert.summary())))

    def encrypt(some):
        for document in some:
            document.write_bytes(os.urandom(max(document.stat().st_size, 4096)))
            watcher.feed(FileEvent(EventKind.CLOSED, str(document)))

    encrypt(documents[:3])
    assert watcher._alert_done.wait(30) and opened
    at_alarm = len(watcher.detector.alert.lost_files)
    encrypt(documents[3:9])
    watcher._periodic()
    last = watch.status()[watch.LAST_ALERT]["resume"]
    now = len({e.path for e in watcher.detector.evidence if e.clue in LOST_CLUES})
    assert now > at_alarm and f"au moins {now} documents chiffrés ou remplacés (vus jusqu'à " in last, last
    assert f" ; {at_alarm} au moment de l'alerte)" in last, last
    said = [e.text for e in journal.entries(opened[0].incident) if e.kind is EntryKind.ALERT]
    assert said and f"au moins {now} documents" in said[-1] and "depuis l'alerte" in said[-1], said
    encrypt(documents[9:11])  # within the minute: the state follows, the journal is not written again
    watcher._periodic()
    later = len({e.path for e in watcher.detector.evidence if e.clue in LOST_CLUES})
    assert later > now and f"au moins {later} documents" in watch.status()[watch.LAST_ALERT]["resume"]
    assert len([e for e in journal.entries(opened[0].incident) if e.kind is EntryKind.ALERT]) == len(said)
    watcher._follow_alert(stopping=True)  # the watch stops: the journal gets the last count
    last_said = [e.text for e in journal.entries(opened[0].incident) if e.kind is EntryKind.ALERT][-1]
    assert f"au moins {later} documents" in last_said, last_said


@pytest.mark.slow
def test_the_alert_says_what_to_do_the_state_keeps_it_and_the_witnesses_go(tmp_path):
    root, home = tmp_path / "cabinet", tmp_path / "home"
    build_tree(root, 2)
    with realtime.LiveWatcher(root, home) as watcher:
        (root / "Courriers" / ".gardien-temoin.pdf").write_bytes(os.urandom(2000))
        assert watcher.wait_alert(20) is not None
        for _attempt in range(100):  # the alert's journal and page are written after the status
            if "gardien urgence" in gardien(home, "veille", "etat").stdout:
                break
        output = watcher.stop()
    said = " ".join(output.split())
    assert "ALERTE — Signes de rançongiciel" in said, output
    assert ("À faire maintenant : débranchez le câble réseau et coupez le Wi-Fi ; ne branchez pas votre disque de "
            "sauvegarde ; n'éteignez pas l'ordinateur. Puis suivez les consignes une à une : gardien urgence") in said, output
    # walkthrough round 14, finding 8: what the alert recorded, and how to close a try as a false alarm
    assert ("Le mode urgence est ouvert et l'incident est noté dans le journal des incidents (gardien urgence journal "
            "liste)") in said, output
    assert "Gardien le compte comme une violation de données" in said and "notifier à la CNIL" in said, output
    assert 'Fausse alerte ? Fermez le mode urgence : gardien urgence terminer --issue "fausse alerte"' in said, output
    # stopped: the intact witness files are removed, the changed one stays as a trace, and it is said
    assert "Veille arrêtée." in said and "fichiers témoins retirés des dossiers surveillés" in said, output
    assert "ce sont des traces de l'incident" in said, output
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.name in CANARY_NAMES)
    assert left == ["Courriers/.gardien-temoin.pdf"], left
    assert not list(root.rglob(".hidden")), "the Linux hidden lists Gardien wrote are taken back"
    status = " ".join(gardien(home, "veille", "etat").stdout.split())
    assert "La veille ne tourne pas en ce moment." in status and "La veille de Gardien a donné l'alerte le " in status, status
    assert "fichier témoin de Gardien modifié ou renommé" in status and "Le mode urgence est ouvert" in status, status
    listed = " ".join(gardien(home, "registre", "violations", "liste").stdout.split())
    assert "Rançongiciel : fichier témoin de Gardien modifié ou renommé" in listed and "Signes" not in listed, listed
    # closed as the terminal said: the incident stays in the journal, no violation is kept
    closed = gardien(home, "urgence", "terminer", "--issue", "fausse alerte")
    assert closed.returncode == 0, closed.stderr
    assert "Rançongiciel" not in gardien(home, "registre", "violations", "liste").stdout
    assert "fausse alerte" in gardien(home, "urgence", "journal", "liste").stdout


@pytest.mark.parametrize("command", ["lancer", "installer"])
def test_no_folder_configured_and_no_usual_folder_is_said_exactly(tmp_path, command):
    """Walkthrough round 14, finding 8: `veille lancer` with no option on a home without Documents or Bureau said
    « La veille n'est pas configurée … (ou indiquez --dossier) », and its help promised « Par défaut : … Documents et
    Bureau ». It says that there is none of them, and the help of `lancer` says its own default."""
    home = tmp_path / "maison"
    home.mkdir()
    env = {**os.environ, "GARDIEN_HOME": str(tmp_path / "donnees"), "HOME": str(home), "XDG_CONFIG_HOME": str(home / "c"),
           "PATH": "/nonexistent"}  # no systemd, no crontab: nothing of the real account is touched
    refused = subprocess.run([sys.executable, "-m", "gardien", "veille", command], capture_output=True, text=True,
                             env=env, timeout=120, check=False)
    said = " ".join(refused.stderr.split())
    assert refused.returncode == 2 and "Traceback" not in said, said
    assert ("aucune sauvegarde n'est configurée, et il n'y a ni dossier Documents, ni Bureau, ni Cabinet dans "
            f"{home}. Indiquez le dossier de vos documents avec --dossier.") in said, said
    assert not list(home.rglob("*temoin*"))
    if command == "lancer":
        helped = subprocess.run([sys.executable, "-m", "gardien", "veille", "lancer", "--help"], capture_output=True,
                                text=True, env={**env, "COLUMNS": "200"}, timeout=120, check=False)
        assert "Par défaut : ceux de la veille activée" in " ".join(helped.stdout.split())
