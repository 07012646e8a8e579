"""The tripwire in lock-step mode (evaluated after every file operation, repeatable): every simulator variant caught
within the targets (median ≤ 3 documents lost, worst ≤ 10), the benign workloads quiet, and the rules one by one.
The full measure (≥ 20 runs per variant, real time, CPU at rest) is bench/ransomware.py."""

from __future__ import annotations

import os
import statistics
import sys

import pytest
from ransomware_sim import benign, lockstep
from ransomware_sim.families import VARIANTS, Simulator, Variant
from ransomware_sim.victim import build_tree

from gardien.veille import canary
from gardien.veille.detector import Canary, Clue, Detector, EventKind, FileEvent, file_sha256

SEEDS = range(3)  # one run per traversal order (alphabetical, reverse, shuffled)


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_every_variant_is_caught_within_the_targets(tmp_path, variant):
    runs = [lockstep.run_variant(tmp_path, variant, seed) for seed in SEEDS]
    assert all(r.detected for r in runs), runs
    lost = [r.lost for r in runs]
    assert statistics.median(lost) <= 3 and max(lost) <= 10, lost


@pytest.mark.parametrize("name", sorted(benign.WORKLOADS))
def test_benign_workloads_raise_no_alarm(tmp_path, name):
    root = tmp_path / "cabinet"
    build_tree(root, 7)
    try:
        detector = lockstep.run_workload(tmp_path, benign.WORKLOADS[name](root, 7), root)
    except benign.Missing as exc:
        pytest.skip(f"outil absent pour ce travail : {exc}")
    assert detector.alert is None, [(e.clue.value, e.path) for e in detector.evidence]
    assert not detector.evidence, [(e.clue.value, e.path) for e in detector.evidence]


def _tree(tmp_path, seed=3):
    root = tmp_path / "cabinet"
    documents = build_tree(root, seed)
    return root, documents


def test_a_changed_witness_file_raises_the_alarm_at_once(tmp_path):
    root, _ = _tree(tmp_path)
    watch = lockstep.Watch(root)
    witness = next(iter(watch.detector.canaries))
    with open(witness, "r+b") as handle:
        handle.write(os.urandom(64))
    alert = watch.look(1.0)
    assert alert is not None and alert.canary and alert.evidence[0].clue is Clue.CANARY_CHANGED


def test_witness_checked_by_hash_even_without_any_event(tmp_path):
    root, _ = _tree(tmp_path)
    placed = canary.place([str(root)])
    detector = Detector((str(root),))
    detector.add_canaries(placed)
    assert detector.check_canaries(1.0) is None
    with open(placed[0].path, "ab") as handle:  # no event given to the detector: the periodic check finds it
        handle.write(b"x")
    assert detector.check_canaries(2.0) is not None


def test_a_deleted_witness_alone_does_not_raise_the_alarm(tmp_path):
    root, _ = _tree(tmp_path)
    watch = lockstep.Watch(root)
    os.remove(next(iter(watch.detector.canaries)))
    assert watch.look(1.0) is None and watch.detector.points(1.0) == 2


def test_deleting_documents_is_not_an_attack(tmp_path):
    root, documents = _tree(tmp_path)
    watch = lockstep.Watch(root)
    for number, path in enumerate(documents[:40]):
        path.unlink()
        assert watch.look(float(number)) is None


def test_old_evidence_expires(tmp_path):
    root, documents = _tree(tmp_path)
    detector = Detector((str(root),), window_s=60)
    detector.prime()
    for number, path in enumerate(documents[:4]):
        path.write_bytes(os.urandom(3000))
        assert detector.observe(FileEvent(EventKind.MODIFIED, str(path), at=number * 100.0)) is None


def test_slow_encryption_is_caught_after_as_many_files(tmp_path):
    root, _ = _tree(tmp_path)
    fast = lockstep.run_variant(tmp_path, Variant("rapide", VARIANTS[0].mode), 4)
    slow = lockstep.run_variant(tmp_path, Variant("tres_lent", VARIANTS[0].mode, delay_s=1800), 4)
    assert fast.detected and slow.detected and fast.lost == slow.lost


def test_random_names_pair_by_size_only_with_unknown_extensions(tmp_path):
    root, documents = _tree(tmp_path)
    detector = Detector((str(root),))
    detector.prime()
    original = next(p for p in documents if p.suffix == ".docx")
    size = original.stat().st_size
    original.unlink()
    detector.observe(FileEvent(EventKind.DELETED, str(original), at=1.0))
    program_data = original.with_name("module7.dat")
    program_data.write_bytes(os.urandom(size + 100))
    detector.observe(FileEvent(EventKind.CREATED, str(program_data), at=2.0))
    assert not detector.evidence
    copy = original.with_name("9F3A0B6C2D.x7kq")
    copy.write_bytes(os.urandom(size + 100))
    detector.observe(FileEvent(EventKind.CREATED, str(copy), at=3.0))
    assert [e.clue for e in detector.evidence] == [Clue.REPLACED]


def test_the_simulator_refuses_a_folder_that_is_not_its_own(tmp_path):
    (tmp_path / "vrai").mkdir()
    with pytest.raises(RuntimeError):
        Simulator(tmp_path / "vrai", VARIANTS[0], 1)


def test_witness_files_are_hidden_recorded_and_removed(tmp_path):
    root, _ = _tree(tmp_path)
    courriers = root / "Courriers"
    (courriers / ".hidden").write_text("brouillons\n", encoding="utf-8")  # the user's own list of hidden names
    placed = canary.place([str(root)])
    folders = {os.path.dirname(c.path) for c in placed}
    assert sorted(os.path.basename(c.path) for c in placed) == sorted([canary.NAME, canary.LAST_NAME] * len(folders))
    assert all(file_sha256(c.path) == c.sha256 for c in placed)
    first, last = courriers / canary.NAME, courriers / canary.LAST_NAME
    assert first.read_bytes().startswith(b"%PDF") and last.read_bytes() == first.read_bytes()
    if sys.platform.startswith("linux"):  # the dot hides the first; the file managers' list hides the second
        assert (courriers / ".hidden").read_text(encoding="utf-8") == f"brouillons\n{canary.LAST_NAME}\n"
        assert (root / ".hidden").read_text(encoding="utf-8") == f"{canary.LAST_NAME}\n"
    assert canary.remove() == len(placed) and not first.exists() and not last.exists()
    assert (courriers / ".hidden").read_text(encoding="utf-8") == "brouillons\n"  # the user's names stay
    assert not (root / ".hidden").exists()  # Gardien's own list goes with its witness


def test_the_witnesses_are_met_first_in_alphabetical_order_and_first_in_reverse_order(tmp_path):
    """Windows lists a folder in alphabetical order, case ignored; names of a French practice may start with accents."""
    names = ["Échographie.pdf", "état civil.docx", "zz-archives.zip", "~brouillon.odt", "Œdème.txt", "0-index.txt",
             "_notes.txt", "Ω.txt", canary.NAME, canary.LAST_NAME]
    in_order = sorted(names, key=str.upper)
    assert in_order[0] == canary.NAME and in_order[-1] == canary.LAST_NAME
    assert sorted(names)[0] == canary.NAME and sorted(names)[-1] == canary.LAST_NAME


def test_an_install_with_one_witness_per_folder_gets_the_second_and_keeps_the_first(tmp_path):
    """The previous version placed only the first name and recorded it in the manifest."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    old = canary.place([str(folder)])
    (folder / canary.LAST_NAME).unlink()
    canary._save([c for c in old if os.path.basename(c.path) == canary.NAME])
    first = folder / canary.NAME
    before = first.stat().st_mtime_ns
    placed = canary.place([str(folder)])
    assert sorted(os.path.basename(c.path) for c in placed) == sorted([canary.NAME, canary.LAST_NAME])
    assert first.stat().st_mtime_ns == before  # kept, not rewritten
    assert set(canary.load()) == {str(first), str(folder / canary.LAST_NAME)}


def test_a_file_named_like_a_witness_but_not_gardiens_is_left_alone(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / canary.NAME).write_bytes(b"a moi")
    placed = canary.place([str(folder)])
    assert [c.path for c in placed] == [str(folder / canary.LAST_NAME)]  # the other name is free: placed
    assert (folder / canary.NAME).read_bytes() == b"a moi"
    assert list(canary.load()) == [str(folder / canary.LAST_NAME)] and Canary("x", "y").gone is False
    assert canary.remove() == 1 and (folder / canary.NAME).read_bytes() == b"a moi"


def test_folders_renamed_or_deleted_with_their_witness_are_normal_work(tmp_path):
    import shutil

    root, _ = _tree(tmp_path)
    watch = lockstep.Watch(root)
    (root / "Courriers").rename(root / "Courriers 2025")
    assert watch.look(1.0) is None
    assert {str(root / "Courriers 2025" / n) for n in (canary.NAME, canary.LAST_NAME)} <= set(watch.detector.canaries)
    shutil.rmtree(root / "Modeles")
    assert watch.look(2.0) is None and not watch.detector.evidence
    assert watch.detector.check_canaries(3.0) is None


@pytest.mark.parametrize("name", [canary.NAME, canary.LAST_NAME])
def test_an_event_in_a_folder_checks_its_witness_when_the_witness_event_never_comes(tmp_path, name):
    """Under a burst the OS queue may drop the witness's own event: the next event of its folder still sees it changed."""
    root, documents = _tree(tmp_path)
    placed = canary.place([str(root)])
    detector = Detector((str(root),))
    detector.add_canaries(placed)
    detector.prime()
    witness = next(c.path for c in placed if os.path.basename(c.path) == name)
    with open(witness, "r+b") as handle:
        handle.write(os.urandom(64))
    neighbour = next(d for d in documents if os.path.dirname(str(d)) == os.path.dirname(witness))
    alert = detector.observe(FileEvent(EventKind.MODIFIED, str(neighbour), at=1.0))  # an event of its folder, not its own
    assert alert is not None and alert.evidence[0].clue is Clue.CANARY_CHANGED and alert.evidence[0].path == witness


def test_a_burst_of_events_for_one_write_reads_the_file_once(tmp_path):
    root, documents = _tree(tmp_path)
    reads = []

    def counting(path):
        from gardien.veille import signals

        reads.append(path)
        return signals.read_sample(path)

    detector = Detector((str(root),), sample=counting)
    detector.prime()
    document = str(next(d for d in documents if str(d).endswith(".docx")))
    with open(document, "r+b") as handle:
        handle.write(os.urandom(4096))
    for kind in (EventKind.MODIFIED, EventKind.MODIFIED, EventKind.CLOSED):
        detector.observe(FileEvent(kind, document, at=1.0))
    assert reads == [document] and [e.clue for e in detector.evidence] == [Clue.ENCRYPTED_IN_PLACE]
    os.rename(document, document + ".x1y2z3")  # a rename is always looked at (its name may be a ransom note's)
    detector.observe(FileEvent(EventKind.MOVED, document, document + ".x1y2z3", at=2.0))
    assert len(reads) == 2
