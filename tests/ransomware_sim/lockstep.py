"""Lock-step mode: the detector is evaluated after every file operation, on the events a snapshot comparison gives
(watchdog's DirectorySnapshotDiff, what its polling observer uses). Repeatable: no thread, no OS event queue."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff

from gardien.veille import canary
from gardien.veille.detector import Detector, EventKind, FileEvent
from ransomware_sim.families import Simulator, Variant
from ransomware_sim.victim import build_tree


def events(before: DirectorySnapshot, after: DirectorySnapshot, at: float) -> list[FileEvent]:
    diff = DirectorySnapshotDiff(before, after)
    found = [FileEvent(EventKind.CREATED, p, at=at) for p in diff.files_created]
    found += [FileEvent(EventKind.MOVED, a, b, at=at) for a, b in diff.files_moved]
    found += [FileEvent(EventKind.MODIFIED, p, at=at) for p in diff.files_modified]
    found += [FileEvent(EventKind.DELETED, p, at=at) for p in diff.files_deleted]
    return found


class Watch:
    """A detector on `root` (witness files placed, sizes primed), fed by snapshot comparison."""

    def __init__(self, root: Path, witnesses: bool = True) -> None:
        self.root = root
        placed = canary.place([str(root)]) if witnesses else []
        self.detector = Detector((str(root),))
        self.detector.add_canaries(placed)
        self.detector.prime()
        self.snapshot = DirectorySnapshot(str(root))

    def look(self, at: float):
        current = DirectorySnapshot(str(self.root))
        for event in events(self.snapshot, current, at):
            self.detector.observe(event)
        self.snapshot = current
        return self.detector.check_canaries(at)


@dataclass
class RunResult:
    variant: str
    seed: int
    detected: bool
    lost: int  # documents unreadable when the alarm went off (or at the end, when it never did)
    total: int  # documents in the tree
    operations: int


def run_variant(workdir: Path, variant: Variant, seed: int) -> RunResult:
    root = workdir / f"victime-{variant.name}-{seed}"
    documents = build_tree(root, seed)
    watch = Watch(root)
    simulator = Simulator(root, variant, seed)
    lost, operations = 0, 0
    for step in simulator.run():
        operations += 1
        lost += step.lost
        if watch.look(step.at) is not None:
            break
    shutil.rmtree(root)
    return RunResult(variant.name, seed, watch.detector.alert is not None, lost, len(documents), operations)


def run_workload(workdir: Path, steps: Iterable, root: Path) -> Detector:
    """Feed a benign workload, looking after each of its steps; returns the detector (its `alert` should stay None)."""
    watch = Watch(root)
    for at in steps:
        watch.look(at)
    return watch.detector
