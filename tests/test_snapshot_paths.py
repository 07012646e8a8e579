"""Where a restore puts a protected folder, for Windows and POSIX paths alike (backup/snapshot_paths.py).

Every path below is a hand-written example (no Windows machine here): « C:\\Users\\Sage\\Documents\\Patients »
restored under « D:\\Restauration », a network address, a network drive. What restic does with them was read in
its source (internal/archiver/tree.go) and issues #2807, #5573, #5606, not measured on Windows.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from gardien.backup import setup
from gardien.backup.snapshot_paths import include_pattern, kept_drive, original_of, restored_under, tree_parts

PATIENTS = r"C:\Users\Sage\Documents\Patients"
STAGING = PureWindowsPath(r"D:\Restauration\.gardien-restauration-ab12")


def test_a_windows_folder_comes_back_under_its_drive_letter_then_under_its_own_name():
    inside = restored_under(STAGING, PATIENTS, windows=True)
    assert inside == PureWindowsPath(r"D:\Restauration\.gardien-restauration-ab12\C\Users\Sage\Documents\Patients")
    assert inside.is_relative_to(STAGING)
    # _lift then moves it to the target under its own name
    assert STAGING.parent / inside.name == PureWindowsPath(r"D:\Restauration\Patients")


@pytest.mark.parametrize("written", [PATIENTS, "C:/Users/Sage/Documents/Patients", "C:\\Users\\\\Sage\\Documents\\Patients\\"])
def test_slashes_doubled_or_forward_give_the_same_folders(written):
    assert tree_parts(written, windows=True) == ("C", "Users", "Sage", "Documents", "Patients")


def test_the_drive_letter_is_kept_as_the_snapshot_wrote_it_and_a_whole_drive_is_one_folder():
    assert tree_parts(r"d:\Cabinet", windows=True) == ("d", "Cabinet")
    assert restored_under(STAGING, "E:\\", windows=True) == STAGING / "E"


@pytest.mark.parametrize("path", [
    r"\\serveur\partage\dossier",  # a network address: restic on Windows refuses to restore it
    r"\\?\C:\Users\Sage\Patients",  # a « long path »: its volume is not a drive letter
    r"Documents\Patients",  # relative
    r"C:Patients",  # relative to the current folder of drive C
    r"C:\Users\..\Sage",
])
def test_what_gardien_cannot_place_is_none_never_a_path_outside_the_staging_folder(path):
    assert tree_parts(path, windows=True) is None
    assert restored_under(STAGING, path, windows=True) is None
    assert include_pattern(path, windows=True) is None
    # the old code joined such a path to the staging folder: a network address replaced it entirely, and the
    # « restored » folder moved into the target would have been the original itself
    assert not STAGING.joinpath(r"\\serveur\partage\dossier").is_relative_to(STAGING)


def test_posix_folders_come_back_under_their_path_and_a_backslash_is_part_of_a_name():
    staging = PurePosixPath("/home/sage/Restauration/.gardien-restauration-ab12")
    assert restored_under(staging, "/home/sage/Cabinet", windows=False) == staging / "home/sage/Cabinet"
    assert tree_parts("/home/sage/Mes\\dossiers", windows=False) == ("home", "sage", "Mes\\dossiers")
    assert tree_parts("Cabinet", windows=False) is None and tree_parts("/", windows=False) is None


def test_restore_include_uses_restics_form_and_ls_paths_map_back_to_the_original_file():
    assert include_pattern(PATIENTS + r"\cr-2026.odt", windows=True) == "/C/Users/Sage/Documents/Patients/cr-2026.odt"
    assert original_of("/C/Users/Sage/Documents/Patients/cr-2026.odt", windows=True) == \
        PureWindowsPath(PATIENTS + r"\cr-2026.odt")
    assert include_pattern("/home/sage/Cabinet/cr.odt", windows=False) == "/home/sage/Cabinet/cr.odt"
    assert original_of("/home/sage/Cabinet/cr.odt", windows=False) == PurePosixPath("/home/sage/Cabinet/cr.odt")


def test_a_network_drive_keeps_its_letter_when_resolve_gives_its_network_address():
    given = PureWindowsPath(r"Z:\Cabinet")
    assert kept_drive(given, PureWindowsPath(r"\\serveur\partage\Cabinet")) == given
    assert kept_drive(PureWindowsPath(r"C:\Users\Sage\Docs"), PureWindowsPath(r"C:\Users\Sage\Documents")) == \
        PureWindowsPath(r"C:\Users\Sage\Documents")  # a link on a local disk: resolved as before
    assert kept_drive(PurePosixPath("/home/sage/lien"), PurePosixPath("/srv/cabinet")) == PurePosixPath("/srv/cabinet")


def test_set_up_refuses_a_network_address_on_windows_and_says_what_to_do(monkeypatch):
    monkeypatch.setattr(setup, "ON_WINDOWS", True)
    with pytest.raises(setup.Refused, match="lettre de lecteur"):
        setup._refuse_unrestorable([Path(r"\\serveur\partage\dossier")])
    setup._refuse_unrestorable([Path(PATIENTS)])  # hand-written: a drive-letter folder passes

