"""Backup bad input and bad state (issue 14): each case once reproduced on the old code, kept here.

Every case asserts a French message, the documented exit code (2 for bad input or damaged state, 1 for a run that
did not save everything), nothing lost (the user's files untouched), nothing left running, never « erreur interne ».
The fake restic programs below are hand-written; their messages are the words restic 0.14.0 printed on this machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gardien.backup import restic


def gardien(home: Path, *args: str, env: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GARDIEN_SAUVEGARDE_MOT_DE_PASSE"}
    environment.update(GARDIEN_HOME=str(home), **(env or {}))
    return subprocess.run([sys.executable, "-m", "gardien", *args], input=stdin, capture_output=True, text=True,
                          env=environment, timeout=300, check=False)


def assert_french_refusal(result: subprocess.CompletedProcess, code: int = 2) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    for english in ("Traceback", "erreur interne", "Error", "Fatal", "No such file", "skipping"):
        assert english not in result.stdout + result.stderr, result.stdout + result.stderr


def fake_restic(folder: Path, script: str) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "restic"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    return {"GARDIEN_RESTIC": str(program), "PATH": f"{folder}:{os.environ['PATH']}"}


def configuration(home: Path, tmp_path: Path, secret: object, folders: list[str] | None = None) -> Path:
    """A configuration as Gardien writes it, with `secret` as given (damaged on purpose by some tests)."""
    home.mkdir(parents=True, exist_ok=True)
    for name in ("d1", "d2"):
        (tmp_path / name / "r").mkdir(parents=True, exist_ok=True)
        (tmp_path / name / "r" / "config").write_text("dépôt fictif")  # what makes a repository look present
    target = home / "sauvegarde.json"
    target.write_text(json.dumps({
        "dossiers": folders or [str(tmp_path)],
        "destinations": [{"nom": "disque-1", "type": "disque", "depot": str(tmp_path / "d1" / "r"), "hors_site": False},
                         {"nom": "hors-site-1", "type": "disque", "depot": str(tmp_path / "d2" / "r"), "hors_site": True}],
        "secret": secret, "retention": {"keep-daily": 7}}), encoding="utf-8")
    return target


# --- damaged configuration and password file ------------------------------------------------------------------------

@pytest.mark.parametrize("secret", [{}, [], "trousseau", {"kind": "fichier"}, {"kind": "coffre"}])
def test_a_damaged_secret_in_the_configuration_is_named_not_an_internal_error(tmp_path, isolated_home, secret):
    target = configuration(isolated_home, tmp_path, secret)
    before = target.read_bytes()
    for command in (["sauvegarde", "lancer"], ["sauvegarde", "mot-de-passe", "--afficher"], ["sauvegarde", "etat"],
                    ["sauvegarde", "fiche"]):
        result = gardien(isolated_home, *command)
        assert_french_refusal(result)
        assert str(target) in result.stderr and "abîmé" in result.stderr and "« secret »" in result.stderr
    assert target.read_bytes() == before  # nothing rewritten


def test_a_configuration_cut_short_is_reported(tmp_path, isolated_home):
    target = configuration(isolated_home, tmp_path, {"kind": "demander"})
    target.write_bytes(target.read_bytes()[:50])
    result = gardien(isolated_home, "sauvegarde", "etat")
    assert_french_refusal(result)
    assert "coupé ou illisible" in result.stderr


@pytest.mark.parametrize("content", [bytes(range(256)), b"", b"\xff\xfe\x00m\x00d\x00p", b"ligne 1\nligne 2\n", b"x" * 10_000])
def test_a_password_file_that_holds_no_password_is_explained(tmp_path, isolated_home, content):
    secret_file = tmp_path / "mdp"
    secret_file.write_bytes(content)
    configuration(isolated_home, tmp_path, {"kind": "fichier", "chemin": str(secret_file)})
    env = fake_restic(tmp_path / "bin", 'echo "restic 0.14.0 compiled with go1.19.8 on linux/amd64"\n')
    for command in (["sauvegarde", "lancer"], ["sauvegarde", "mot-de-passe", "--afficher"]):
        result = gardien(isolated_home, *command, env=env)
        assert_french_refusal(result)
        assert "ne contient pas un mot de passe lisible" in result.stderr
    assert secret_file.read_bytes() == content


# --- restic that hangs ----------------------------------------------------------------------------------------------

def test_restic_hanging_on_version_is_bounded_and_its_children_killed(tmp_path, isolated_home):
    configuration(isolated_home, tmp_path, {"kind": "demander"})
    pid_file = tmp_path / "enfant.pid"
    # hand-written: a restic that never answers, with a child of its own
    env = fake_restic(tmp_path / "bin", f"sleep 600 &\necho $! > {pid_file}\nwait\n")
    env["GARDIEN_SAUVEGARDE_MOT_DE_PASSE"] = "x"
    started = time.monotonic()
    result = gardien(isolated_home, "sauvegarde", "lancer", env=env)
    elapsed = time.monotonic() - started
    assert_french_refusal(result)
    assert "ne répond pas" in result.stderr and elapsed < restic.VERSION_SECONDS + 15
    child = int(pid_file.read_text())
    time.sleep(0.2)
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2], "orphan left"


# --- the state file: cut, wrong shape, concurrent writes ------------------------------------------------------------

HISTORY = {"disque-1": {"sauvegarde": {"date": "2026-11-20T10:00:00+01:00"}, "verification": {"date": "2026-11-21T10:00:00+01:00"}}}


@pytest.mark.parametrize("damage", ["cut", "list", "entry"])
def test_a_damaged_history_is_reported_kept_and_set_aside_only_when_asked(tmp_path, isolated_home, damage):
    configuration(isolated_home, tmp_path, {"kind": "demander"})
    history = isolated_home / "sauvegarde-etat.json"
    text = {"cut": json.dumps(HISTORY)[:40], "list": "[]", "entry": json.dumps({"disque-1": ["pas", "un", "objet"]})}[damage]
    history.write_text(text)
    shown = gardien(isolated_home, "sauvegarde", "etat")
    assert_french_refusal(shown)
    assert str(history) in shown.stderr and "jamais" not in shown.stdout and "--mettre-de-cote" in shown.stderr
    env = fake_restic(tmp_path / "bin", 'echo "restic 0.14.0 compiled with go1.19.8 on linux/amd64"\n')
    run = gardien(isolated_home, "sauvegarde", "lancer", env={**env, "GARDIEN_SAUVEGARDE_MOT_DE_PASSE": "x"})
    assert_french_refusal(run)
    assert "--mettre-de-cote" in run.stderr and history.read_text() == text  # the next write did not drop the old history
    aside = gardien(isolated_home, "sauvegarde", "etat", "--mettre-de-cote")
    assert aside.returncode == 0 and "gardé à part" in aside.stdout
    kept = [p for p in isolated_home.iterdir() if p.name.startswith("sauvegarde-etat.json.abime-")]
    assert len(kept) == 1 and kept[0].read_text() == text and not history.exists()
    assert gardien(isolated_home, "sauvegarde", "etat").returncode == 0


def test_eight_simultaneous_writers_lose_no_update(isolated_home):
    writer = ("import sys\nfrom gardien.backup import state\nfor i in range(10):\n"
              "    state.record(f'd{sys.argv[1]}-{i}', state.Event.BACKUP, n=i)\n")
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home))
    processes = [subprocess.Popen([sys.executable, "-c", writer, str(n)], env=env) for n in range(8)]
    assert [p.wait(timeout=120) for p in processes] == [0] * 8
    from gardien.backup import state

    assert len(state.load()) == 80


# --- restic's English, in French; restic 0.14's error lines on stderr -----------------------------------------------

PARTIAL_014 = """
case "$1" in
  version) echo "restic 0.14.0 compiled with go1.19.8 on linux/amd64" ;;
  backup)
    echo '{"message_type":"status","percent_done":0.5}'
    echo "/x/Compta does not exist, skipping" >&2
    echo '{"message_type":"error","error":{"Op":"open","Path":"/x/Cabinet/secret.pdf","Err":13},"during":"archival","item":"/x/Cabinet/secret.pdf"}' >&2
    echo '{"message_type":"error","error":{},"during":"scan","item":"/x/Cabinet/prive"}' >&2
    echo '{"message_type":"error","error":{},"during":"archival","item":"/x/Cabinet/prive"}' >&2
    echo "Warning: at least one source file could not be read" >&2
    echo '{"message_type":"summary","files_new":1,"snapshot_id":"abcd1234","total_files_processed":2,"data_added":10}'
    exit 3 ;;
  *) exit 0 ;;
esac
"""


def test_restic_014_error_lines_on_stderr_are_read_and_named(tmp_path, isolated_home):
    source = tmp_path / "Cabinet"
    source.mkdir()
    configuration(isolated_home, tmp_path, {"kind": "demander"}, folders=[str(source)])
    env = fake_restic(tmp_path / "bin", PARTIAL_014)
    result = gardien(isolated_home, "sauvegarde", "lancer", env={**env, "GARDIEN_SAUVEGARDE_MOT_DE_PASSE": "x"})
    assert_french_refusal(result, code=1)
    assert result.stdout.count(": partielle") == 2 and "0 fichier" not in result.stdout and "()" not in result.stdout
    assert "« /x/Cabinet/secret.pdf »" in result.stdout and "accès refusé" in result.stdout
    assert "« /x/Compta »" in result.stdout and "2 fichiers ou dossiers n'ont pas pu être lus" in result.stdout
    report = json.loads(gardien(isolated_home, "sauvegarde", "etat", "--json").stdout)
    assert report["regle_3_2_1"] is False and report["destinations"][0]["partielle"]


def test_a_partial_run_without_names_never_says_zero_files():
    from gardien.backup.operations import what_is_missing

    assert what_is_missing([], {}) == "le programme de sauvegarde signale que des fichiers n'ont pas pu être lus, sans dire lesquels."


@pytest.mark.parametrize("line, kind, expected", [
    ("/home/sf/Compta does not exist, skipping", "skipped", "/home/sf/Compta"),
    ("path /home/sf/Cabinet/prive is not readable", "unreadable", "/home/sf/Cabinet/prive"),
    ("error: open /home/sf/Cabinet/a.pdf: permission denied", "unreadable", "/home/sf/Cabinet/a.pdf"),
])
def test_restic_lines_about_sources_are_understood(line, kind, expected):
    problems = restic.Problems()
    problems.add_line(line)
    found = problems.skipped if kind == "skipped" else list(problems.unreadable)
    assert found == [expected] and not problems.other


def test_an_unknown_restic_failure_is_french_and_keeps_the_detail_for_the_helper():
    error = restic.classify("Fatal: unable to do something new: frobnication failed\n", 1)
    assert "Fatal" not in error.message and "frobnication" not in error.message and "restic a échoué" in error.message
    assert "frobnication failed" in error.detail


def test_an_unknown_restic_failure_is_kept_in_the_state_for_the_helper(tmp_path, isolated_home):
    configuration(isolated_home, tmp_path, {"kind": "demander"})
    env = fake_restic(tmp_path / "bin", 'case "$1" in version) echo "restic 0.14.0 compiled with go1.19.8 on linux/amd64";;\n'
                                        '*) echo "Fatal: frobnication failed" >&2; exit 1;; esac\n')
    result = gardien(isolated_home, "sauvegarde", "lancer", env={**env, "GARDIEN_SAUVEGARDE_MOT_DE_PASSE": "x"})
    assert_french_refusal(result, code=1)
    history = json.loads((isolated_home / "sauvegarde-etat.json").read_text())
    assert history["disque-1"]["echec"]["detail_restic"] == "Fatal: frobnication failed"


def test_restic_missing_is_explained(tmp_path, isolated_home):
    configuration(isolated_home, tmp_path, {"kind": "demander"})
    result = gardien(isolated_home, "sauvegarde", "lancer", env={"GARDIEN_RESTIC": str(tmp_path / "pas-de-restic"),
                                                                 "GARDIEN_SAUVEGARDE_MOT_DE_PASSE": "x"})
    assert_french_refusal(result)
    assert "restic ne peut pas être lancé" in result.stderr


# --- dates ----------------------------------------------------------------------------------------------------------

def test_a_backup_dated_in_the_future_is_unknown_never_recent(tmp_path, isolated_home):
    configuration(isolated_home, tmp_path, {"kind": "demander"})
    disk = {"volume": "uuid:aaaa", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:A"}  # hand-written
    (isolated_home / "sauvegarde-etat.json").write_text(json.dumps({
        name: {"sauvegarde": {"date": "2031-01-01T10:00:00+01:00", "appareil": {**disk, "disk": f"serie:{name}"},
                              "meme_disque_que_les_dossiers": False}} for name in ("disque-1", "hors-site-1")}))
    text = gardien(isolated_home, "sauvegarde", "etat")
    assert text.returncode == 0 and "date inconnue" in text.stdout and "il y a 0 jour" not in text.stdout
    report = json.loads(gardien(isolated_home, "sauvegarde", "etat", "--json").stdout)
    assert report["regle_3_2_1"] is False and all(r["inconnu"] and not r["compte"] for r in report["destinations"])


def test_a_failure_found_by_a_restore_test_stands_until_a_good_one(tmp_path, isolated_home):
    """Damage found by a restore test is not cleared by a later backup or by a later failed backup."""
    from datetime import datetime, timedelta, timezone

    from gardien.backup import config, status

    configuration(isolated_home, tmp_path, {"kind": "demander"})
    now = datetime.now().astimezone()
    disk = {"volume": "uuid:a", "medium": "disque", "removable": "amovible", "disk": "serie:A"}  # hand-written

    def at(days: int, **extra) -> dict:
        # dates in two UTC offsets, as around a change to summer time: compared as moments, not as text
        moment = (now - timedelta(days=days)).astimezone(timezone(timedelta(hours=2 if days % 2 else 1)))
        return {"date": moment.isoformat(timespec="seconds"), **extra}

    (isolated_home / "sauvegarde-etat.json").write_text(json.dumps({"disque-1": {
        "echec_verification": at(5, message="données abîmées", raison="corrupt"),
        "echec": at(4, message="mot de passe", raison="wrong_password"),
        "sauvegarde": at(3, appareil=disk, meme_disque_que_les_dossiers=False)}}))
    row = status.report(config.load()).destinations[0]
    assert row.dernier_echec["raison"] == "corrupt" and not row.compte
