"""The direct inotify reader (Linux): each kind of file operation gives the event the detector expects, renames are
paired, folders created or renamed inside the watched ones keep being watched, Gardien's own folder is ignored."""

from __future__ import annotations

import os
import sys
import time

import pytest

from gardien.veille.detector import FileEvent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify n'existe que sous Linux")


def collect(notifier, seconds: float = 0.3) -> list[tuple[str, str, str]]:
    """Everything the reader gives within `seconds` (unpaired rename halves included), as (kind, path, dest)."""
    found: list[FileEvent] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found += notifier.read(0.05)
    return [(e.kind.value, e.path, e.dest) for e in found]


@pytest.fixture
def watched(tmp_path):
    from gardien.veille.inotify import Inotify

    root = tmp_path / "cabinet"
    (root / "Courriers").mkdir(parents=True)
    (root / "Courriers" / "lettre.txt").write_text("Bonjour\n", encoding="utf-8")
    (root / "gardien-donnees").mkdir()
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    with Inotify([str(root)], [str(root / "gardien-donnees")]) as notifier:
        yield root, outside, notifier


def test_writes_creations_deletions_and_renames(watched):
    root, outside, notifier = watched
    letter = root / "Courriers" / "lettre.txt"
    with open(letter, "a", encoding="utf-8") as handle:
        handle.write("suite\n")
    (root / "Courriers" / "note.txt").write_text("x", encoding="utf-8")
    letter.rename(root / "Courriers" / "lettre.txt.chiffre")
    (root / "Courriers" / "note.txt").unlink()
    (root / "gardien-donnees" / "etat.json").write_text("{}", encoding="utf-8")  # Gardien's own: never reported
    events = collect(notifier)
    assert events == [  # one batch: a file written again in it is reported once (its content is read after it)
        ("modifie", str(letter), ""),
        ("cree", str(root / "Courriers" / "note.txt"), ""),
        ("renomme", str(letter), str(root / "Courriers" / "lettre.txt.chiffre")),
        ("supprime", str(root / "Courriers" / "note.txt"), ""),
    ]


def test_a_write_after_the_batch_was_read_is_reported_again(watched):
    root, _outside, notifier = watched
    letter = root / "Courriers" / "lettre.txt"
    letter.write_text("premier\n", encoding="utf-8")
    first = collect(notifier)
    letter.write_text("second\n", encoding="utf-8")
    assert first == collect(notifier) == [("modifie", str(letter), "")]


def test_a_name_deleted_and_written_again_in_one_batch_is_reported_again(watched):
    root, _outside, notifier = watched
    letter = root / "Courriers" / "lettre.txt"
    letter.write_text("premier\n", encoding="utf-8")
    letter.unlink()
    letter.write_text("second\n", encoding="utf-8")
    assert collect(notifier) == [("modifie", str(letter), ""), ("supprime", str(letter), ""),
                                 ("cree", str(letter), "")]


def test_moved_out_is_gone_and_moved_in_is_new(watched):
    root, outside, notifier = watched
    (root / "Courriers" / "lettre.txt").rename(outside / "lettre.txt")
    (outside / "photo.jpg").write_bytes(b"\xff\xd8\xff" + os.urandom(100))
    collect(notifier, 0.1)
    (outside / "photo.jpg").rename(root / "photo.jpg")
    events = collect(notifier)
    assert ("cree", str(root / "photo.jpg"), "") in events
    assert not any(e[1].startswith(str(outside)) for e in events)


def test_unpaired_first_half_of_a_rename_is_a_deletion(watched):
    root, outside, notifier = watched
    (root / "Courriers" / "lettre.txt").rename(outside / "lettre.txt")
    assert collect(notifier) == [("supprime", str(root / "Courriers" / "lettre.txt"), "")]


def test_new_and_renamed_folders_stay_watched(watched):
    root, outside, notifier = watched
    made = root / "Nouveau" / "Sous-dossier"
    made.mkdir(parents=True)
    (made / "a.txt").write_text("a", encoding="utf-8")
    collect(notifier)
    (made / "a.txt").write_text("b", encoding="utf-8")
    assert ("modifie", str(made / "a.txt"), "") in collect(notifier)
    (root / "Nouveau").rename(root / "Renomme")
    renamed = root / "Renomme" / "Sous-dossier" / "a.txt"
    assert collect(notifier) == [("renomme", str(made / "a.txt"), str(renamed))]  # each file follows its folder
    renamed.write_text("c", encoding="utf-8")
    assert ("modifie", str(renamed), "") in collect(notifier)  # the watch followed the folder
    (outside / "Apporte").mkdir()
    (outside / "Apporte" / "b.txt").write_text("b", encoding="utf-8")
    (outside / "Apporte").rename(root / "Apporte")
    assert ("cree", str(root / "Apporte" / "b.txt"), "") in collect(notifier)


def test_an_overflowed_queue_is_said(watched):
    """The kernel's overflow record (hand-built here: 16 384 queued events are needed to get a real one) is raised,
    and the watcher then checks the witness files at once."""
    from gardien.veille.inotify import HEADER, IN_Q_OVERFLOW, Overflow

    _root, _outside, notifier = watched
    with pytest.raises(Overflow):
        notifier._parse(HEADER.pack(-1, IN_Q_OVERFLOW, 0, 0))
