"""checks/sauvegarde: PASS only on measured facts, per platform (the per-check convention of TEAM.md).

Gardien's own status is the JSON its status code writes from a configuration and a state file made here (the
measured disks in them are hand-written: `# hand-written`); the other tools' outputs are the recorded ones of
../shared/fixtures where they exist, hand-written otherwise (marked).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import fixture_text

from gardien.core.audit import audit_replay
from gardien.core.model import Status
from gardien.probes.readers import APPLICATIONS_HEADER

NOW = datetime(2026, 11, 29, 10, 0).astimezone()
# hand-written measured disks: the internal disk of the folders, two USB disks
INTERNAL = {"volume": "uuid:1111", "medium": "disque", "removable": "fixe", "said_by": "lsblk", "disk_name": "nvme0n1"}
USB_A = {"volume": "uuid:aaaa", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:A1",
         "disk_name": "sdb"}
USB_B = {"volume": "uuid:bbbb", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:B2",
         "disk_name": "sdc"}


def recording(tmp_path: Path, os_name: str, outputs: dict[str, str]) -> Path:
    folder = tmp_path / f"rec-{os_name}-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    manifest = {"format": 1, "os": os_name, "recorded_at": NOW.isoformat()}
    (folder / "gardien-enregistrement.json").write_text(json.dumps(manifest), encoding="utf-8")
    for name, text in outputs.items():
        body = fixture_text(text) if text.endswith(".txt") and "/" in text else text
        (folder / f"{name}.stdout.txt").write_text(body, encoding="utf-8")
    return folder


def finding(tmp_path: Path, os_name: str, outputs: dict[str, str]):
    return audit_replay(recording(tmp_path, os_name, outputs)).finding("sauvegarde")


def gardien_status(runs: dict[str, dict], days_ago: int = 1, server: bool = False) -> str:
    """Gardien's own status JSON for two destinations (disque-1 at the practice, hors-site-1 elsewhere), each run
    given as {"appareil": …, "meme": bool, "event": …}: written by status.report, as the audit reads it."""
    from gardien import statefile
    from gardien.backup import config, state
    from gardien.backup import status as backup_status

    configuration = config.BackupConfig(["/home/sf/Cabinet"], [
        config.Destination("disque-1", config.Kind.DISK, "/media/sf/A/depot"),
        config.Destination("hors-site-1", config.Kind.SFTP, "sftp:sf@exemple.invalid:/depot") if server else
        config.Destination("hors-site-1", config.Kind.DISK, "/media/sf/B/depot", hors_site=True)],
        config.Secret(config.SecretKind.ASKED))
    when = (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds")
    recorded = {}
    for name, run in runs.items():
        recorded[name] = {run.get("event", "sauvegarde"): {"date": run.get("date", when), "appareil": run["appareil"],
                                                          "meme_disque_que_les_dossiers": run.get("meme", False),
                                                          "message": "échec."}}
    statefile.write(state.path(), recorded)
    return json.dumps(backup_status.report(configuration, NOW).to_dict(), ensure_ascii=False)


TWO_DISKS = {"disque-1": {"appareil": USB_A}, "hors-site-1": {"appareil": USB_B}}
SAME_DISK_AS_FOLDERS = {"disque-1": {"appareil": INTERNAL, "meme": True}, "hors-site-1": {"appareil": INTERNAL, "meme": True}}
ONE_USB_DISK_FOR_BOTH = {"disque-1": {"appareil": USB_A}, "hors-site-1": {"appareil": USB_A}}
FUTURE = {"disque-1": {"appareil": USB_A, "date": (NOW + timedelta(days=40)).isoformat()},
          "hors-site-1": {"appareil": USB_B, "date": (NOW + timedelta(days=40)).isoformat()}}
FAILED_SINCE = {"disque-1": {"appareil": USB_A, "event": "echec"}, "hors-site-1": {"appareil": USB_B, "event": "echec"}}


# --- Gardien's own backups (the same on every platform) ---------------------------------------------------------------

@pytest.mark.parametrize("os_name", ["linux", "macos", "windows"])
def test_gardien_two_measured_usb_disks_pass_on_every_platform(tmp_path, os_name):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    result = finding(tmp_path, os_name, {"gardien_sauvegarde": gardien_status(TWO_DISKS)})
    assert result.status is Status.PASS and "Règle 3-2-1 tenue d'après vos déclarations" in result.detail
    # walkthrough, round 13: « respectée » rested on a disk said to be away, both disks plugged in at that moment
    assert "respectée" not in result.detail and "Gardien ne peut pas le vérifier" in result.detail


def test_gardien_copy_on_a_server_is_away_by_its_address(tmp_path):
    # hand-written: a measured USB disk, and a server whose address says it is elsewhere
    text = gardien_status({"disque-1": {"appareil": USB_A}, "hors-site-1": {"appareil": USB_B}}, server=True)
    phrase = json.loads(text)["phrase"]
    assert phrase.startswith("Règle 3-2-1 respectée") and "d'après son adresse" in phrase and "pas hors ligne" in phrase


@pytest.mark.parametrize("runs", [SAME_DISK_AS_FOLDERS, ONE_USB_DISK_FOR_BOTH, FAILED_SINCE], ids=["same-disk", "one-usb-disk", "failed"])
def test_gardien_never_pass_nor_321_when_not_measured_elsewhere(tmp_path, runs):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    text = gardien_status(runs)
    assert json.loads(text)["regle_3_2_1"] is False and json.loads(text)["phrase"].startswith("Règle 3-2-1 non respectée")
    result = finding(tmp_path, "linux", {"gardien_sauvegarde": text})
    assert result.status is Status.FAIL
    if runs is ONE_USB_DISK_FOR_BOTH:  # one up-to-date copy on another disk: less serious, but not the 3-2-1 set up
        assert "cela ne fait qu'un support" in result.detail and result.severity.value == "high"
    # the sentence the plan and the audit pages show names the copies in words, never « disque-1 »
    assert "le disque du cabinet" in result.detail and "le disque gardé hors du cabinet" in result.detail
    assert "disque-1" not in result.detail and "hors-site-1" not in result.detail


# --- Linux ------------------------------------------------------------------------------------------------------------

def dejadup(backend: str, last: datetime) -> str:
    # hand-written: `gsettings list-recursively org.gnome.DejaDup` in Déjà Dup 42's keys
    return (f"org.gnome.DejaDup backend '{backend}'\norg.gnome.DejaDup last-backup '{last.isoformat()}'\n"
            "org.gnome.DejaDup.Local folder '/home/sf/sauvegardes'\norg.gnome.DejaDup.Drive uuid 'ab12'\n")


def test_linux_pass_gardien_measured_on_two_other_disks(tmp_path):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    assert finding(tmp_path, "linux", {"gardien_sauvegarde": gardien_status(TWO_DISKS)}).status is Status.PASS


def test_linux_pass_dejadup_to_a_removable_drive(tmp_path):
    # hand-written: Déjà Dup's gsettings (see dejadup())
    result = finding(tmp_path, "linux", {"gsettings_dejadup": dejadup("drive", NOW - timedelta(days=2))})
    assert result.status is Status.PASS and "il y a 2 jours" in result.detail


def test_linux_fail_gardien_two_folders_on_the_computer_disk(tmp_path):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    result = finding(tmp_path, "linux", {"gardien_sauvegarde": gardien_status(SAME_DISK_AS_FOLDERS)})
    assert result.status is Status.FAIL and "même disque que les dossiers" in result.detail


def test_linux_fail_nothing_configured(tmp_path):
    # hand-written: the application list of the reader, nothing else recorded
    result = finding(tmp_path, "linux", {"applications": f"{APPLICATIONS_HEADER}\nfirefox\n"})
    assert result.status is Status.FAIL and "Aucune sauvegarde" in result.detail


@pytest.mark.parametrize("applications, install_step", [("firefox\n", True), ("firefox\ncmd:restic\n", False)])
def test_linux_restic_installed_for_gardien_is_no_backup_and_is_not_installed_again(tmp_path, applications, install_step):
    """The application lists are hand-written. A practitioner's test: restic installed (Gardien backs up with it) made the
    audit say « Logiciel de sauvegarde installé (restic) … vérifiez-la » and then « sudo apt install restic »."""
    result = finding(tmp_path, "linux", {"applications": f"{APPLICATIONS_HEADER}\n{applications}",
                                         "os_release": 'ID=debian\nVERSION_ID="12"\n'})
    assert result.status is Status.FAIL and "Aucune sauvegarde" in result.detail
    # walkthrough r21: « L'outil restic est installé » named a tool she never installed; it is Gardien's own
    assert ("L'outil de sauvegarde de Gardien (restic) est installé" in result.detail) is not install_step
    commands = [step.command for step in result.remediation if step.command]
    assert commands == (["sudo apt install restic"] if install_step else []), commands


def test_linux_cannot_tell_dejadup_to_a_local_folder(tmp_path):
    # hand-written: Déjà Dup's gsettings (see dejadup())
    result = finding(tmp_path, "linux", {"gsettings_dejadup": dejadup("local", NOW - timedelta(days=1))})
    assert result.status is Status.MANUAL and "pas mesuré" in result.detail


def test_linux_cannot_tell_restic_trace_without_destination(tmp_path):
    # hand-written: the reader's « outil<TAB>date » line for a restic snapshot in the user's cache
    result = finding(tmp_path, "linux", {"backup_traces": f"restic\t{(NOW - timedelta(days=1)).isoformat()}\n"})
    assert result.status is Status.MANUAL and "ne sait pas où elle est" in result.detail


def test_linux_cannot_tell_backup_dated_in_the_future(tmp_path):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    result = finding(tmp_path, "linux", {"gardien_sauvegarde": gardien_status(FUTURE)})
    assert result.status is Status.MANUAL and "futur" in result.detail


def test_linux_cannot_tell_damaged_gardien_state(tmp_path):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    text = json.dumps({"format": 1, "configuree": True, "etat": "illisible", "erreur": "Le fichier … est abîmé."})
    assert finding(tmp_path, "linux", {"gardien_sauvegarde": text}).status is Status.MANUAL


# --- macOS ------------------------------------------------------------------------------------------------------------

def test_macos_pass_time_machine_recent(tmp_path):
    # hand-written: `tmutil latestbackup` prints the path of the last backup, named after its date
    last = (NOW - timedelta(days=1)).strftime("%Y-%m-%d-%H%M%S")
    result = finding(tmp_path, "macos", {"tm_latest": f"/Volumes/Sauvegarde/Backups.backupdb/Mac/{last}\n"})
    assert result.status is Status.PASS and "Time Machine" in result.detail


def test_macos_fail_time_machine_not_configured(tmp_path):
    # recorded: tmutil output of ../shared/fixtures, read with fixture_text( by recording(); the rest hand-written
    result = finding(tmp_path, "macos", {"tm_destinations": "macos/tmutil-destinationinfo.not-configured.txt",
                                         "applications": f"{APPLICATIONS_HEADER}\nSafari\n"})
    assert result.status is Status.FAIL


def test_macos_fail_gardien_on_the_startup_disk(tmp_path):
    # recorded: tmutil output of ../shared/fixtures, read with fixture_text( by recording(); the rest hand-written
    result = finding(tmp_path, "macos", {"gardien_sauvegarde": gardien_status(SAME_DISK_AS_FOLDERS),
                                         "tm_destinations": "macos/tmutil-destinationinfo.not-configured.txt"})
    assert result.status is Status.FAIL


def test_macos_cannot_tell_time_machine_set_up_but_date_unreadable(tmp_path):
    # recorded: tmutil output of ../shared/fixtures, read with fixture_text( by recording(); the rest hand-written
    result = finding(tmp_path, "macos", {"tm_destinations": "macos/tmutil-destinationinfo.network.txt",
                                         "applications": f"{APPLICATIONS_HEADER}\nSafari\n"})
    assert result.status is Status.MANUAL


# --- Windows ----------------------------------------------------------------------------------------------------------

def file_history(days_ago: int) -> str:
    # hand-written: the reader's « fichier<TAB>date » lines of the File History configuration folder
    return f"Config1.xml\t{(NOW - timedelta(days=days_ago)).replace(tzinfo=None).isoformat(timespec='seconds')}\n"


def test_windows_pass_file_history_recent(tmp_path):
    # hand-written: the File History reader's lines (see file_history())
    result = finding(tmp_path, "windows", {"file_history": file_history(2)})
    assert result.status is Status.PASS and "Historique des fichiers" in result.detail


def test_windows_fail_file_history_too_old(tmp_path):
    # hand-written: the File History reader's lines (see file_history())
    result = finding(tmp_path, "windows", {"file_history": file_history(30)})
    assert result.status is Status.FAIL and "plus de 7 jours" in result.detail


def test_windows_fail_gardien_on_the_same_disk(tmp_path):
    # hand-written: the measured disks of the module's constants, through Gardien's own status code
    assert finding(tmp_path, "windows", {"gardien_sauvegarde": gardien_status(SAME_DISK_AS_FOLDERS)}).status is Status.FAIL


def test_windows_cannot_tell_borg_trace_only(tmp_path):
    # hand-written: the reader's line for a borg repository's manifest timestamp
    result = finding(tmp_path, "windows", {"backup_traces": f"borg\t{(NOW - timedelta(days=3)).isoformat()}\n"})
    assert result.status is Status.MANUAL


# --- what is left to do, from what Gardien measured of its own backups --------------------------------------------------

def one_disk_status(events: dict[str, dict]) -> str:
    """Gardien's own status JSON for one destination (disque-1), its events given as {event: {date, …}}: written by
    status.report, as the audit reads it (the measured disk is the module's hand-written USB_A)."""
    from gardien import statefile
    from gardien.backup import config, state
    from gardien.backup import status as backup_status

    configuration = config.BackupConfig(["/home/sf/Cabinet"], [
        config.Destination("disque-1", config.Kind.DISK, "/media/sf/A/depot")], config.Secret(config.SecretKind.ASKED))
    statefile.write(state.path(), {"disque-1": events})
    return json.dumps(backup_status.report(configuration, NOW).to_dict(), ensure_ascii=False)


TODAY = (NOW - timedelta(hours=1)).isoformat(timespec="seconds")
BACKED_UP = {"sauvegarde": {"date": TODAY, "appareil": USB_A, "meme_disque_que_les_dossiers": False}}
TESTED = {**BACKED_UP, "verification": {"date": TODAY}}
WITH_RESTIC = {"applications": f"{APPLICATIONS_HEADER}\nfirefox\ncmd:restic\n", "os_release": 'ID=debian\nVERSION_ID="12"\n'}


def texts(result) -> list[str]:
    return [step.text for step in result.remediation]


@pytest.mark.parametrize("os_name", ["linux", "macos", "windows"])
def test_one_disk_backed_up_and_tested_leaves_the_second_copy_only(tmp_path, os_name):
    """A practitioner's walk: one disk, a backup and a restore test made today, restic installed; the audit kept
    « Mettre en place la sauvegarde » and « lancez la première sauvegarde », under the title « Sauvegarde récente ».
    The application list and the measured disk are hand-written; the status is written by Gardien's own code."""
    outputs = {**WITH_RESTIC, "gardien_sauvegarde": one_disk_status(TESTED)}
    result = finding(tmp_path, os_name, outputs)
    assert result.status is Status.FAIL and result.severity.value == "high"
    assert result.title == "Deuxième copie de sauvegarde, gardée ailleurs"
    assert len(texts(result)) == 1 and "Ajouter le second disque" in texts(result)[0], texts(result)
    assert not any(step.in_terminal for step in result.remediation)


def test_one_disk_backed_up_but_never_tested_asks_for_the_restore_test(tmp_path):
    # hand-written: the application list and the measured disk, through Gardien's own status code
    result = finding(tmp_path, "linux", {**WITH_RESTIC, "gardien_sauvegarde": one_disk_status(BACKED_UP)})
    assert [t for t in texts(result) if "restauration d'essai" in t] and len(texts(result)) == 2, texts(result)
    assert not any("Mettre en place" in t or "Sauvegarder maintenant" in t for t in texts(result))


def test_one_disk_set_up_without_a_copy_asks_for_the_backup_not_the_set_up(tmp_path):
    # hand-written: the measured disk, through Gardien's own status code; no application list recorded (unreadable):
    # Gardien set up, its install step is left out all the same
    result = finding(tmp_path, "linux", {"gardien_sauvegarde": one_disk_status({})})
    assert result.status is Status.FAIL and result.title == "Sauvegarde récente"
    assert any("Sauvegarder maintenant" in t for t in texts(result)), texts(result)
    assert not any("Mettre en place" in t for t in texts(result)) and not any(s.in_terminal for s in result.remediation)


def test_two_disks_one_not_up_to_date_point_to_the_page_not_to_adding_a_disk(tmp_path):
    # hand-written: the measured disks of the module's constants; the second copy failed since its last backup
    runs = {"disque-1": {"appareil": USB_A}, "hors-site-1": {"appareil": USB_B, "event": "echec"}}
    result = finding(tmp_path, "linux", {**WITH_RESTIC, "gardien_sauvegarde": gardien_status(runs)})
    assert result.status is Status.FAIL and result.title == "Deuxième copie de sauvegarde, gardée ailleurs"
    assert any("copie par copie" in t for t in texts(result)) and not any("Ajouter le second" in t for t in texts(result))


def test_nothing_set_up_keeps_every_step_to_start(tmp_path):
    # hand-written: the application list of the reader, nothing else recorded
    result = finding(tmp_path, "linux", {"applications": f"{APPLICATIONS_HEADER}\nfirefox\n",
                                         "os_release": 'ID=debian\nVERSION_ID="12"\n'})
    assert result.title == "Sauvegarde récente" and "Mettre en place" in texts(result)[0]
    assert [s.command for s in result.remediation if s.in_terminal] == ["sudo apt install restic"]
    assert not any("copie par copie" in t for t in texts(result))


def test_every_fact_a_step_names_is_one_the_check_measures():
    # no output: the check's metadata only
    from gardien.checks.sauvegarde.check import Done
    from gardien.core.registry import discover

    meta = next(spec.meta for spec in discover() if spec.id == "sauvegarde")
    named = {name for steps in meta.remediation.values() for step in steps for name in (step.unless_done, step.if_done) if name}
    assert named == {fact.value for fact in Done}
