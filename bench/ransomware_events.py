"""Where the tripwire's time goes at full speed: the simulator's file events as the watcher reads them from the kernel
(Linux inotify, read after every file operation), counted per document, then fed to the detector again and timed
(processor time, best of REPEATS): per document, per event, and for the first event of a watcher just started
(median; what is read or built on first use is paid there, while the encryptor runs ahead). A watcher that spends more per document than the simulator takes
to encrypt one falls behind, and every millisecond behind is documents lost.

Run with each installed version to compare (the detector and the kernel reader are those of the interpreter):
     nice -n 10 .venv/bin/python bench/ransomware_events.py [--seeds 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from ransomware_sim.families import VARIANTS, Simulator, Variant  # noqa: E402
from ransomware_sim.victim import build_tree  # noqa: E402

from gardien.veille import canary, signals  # noqa: E402
from gardien.veille.detector import Detector  # noqa: E402
from gardien.veille.inotify import Inotify  # noqa: E402

REPEATS = 5


def recorded(root: Path, variant: Variant, seed: int) -> tuple[list, int, list]:
    """(events read, documents encrypted, witness files) for one full-speed run of the simulator."""
    build_tree(root, seed)
    witnesses = canary.place([str(root)])
    events, documents = [], 0
    with Inotify([str(root)]) as notifier:
        fast = Variant(variant.name, variant.mode, variant.extension, variant.notes, variant.intermittent, 0.0)
        for step in Simulator(root, fast, seed, sleep=True).run():
            documents += step.lost
            events += notifier.read(0)
        time.sleep(0.1)  # the last rename halves
        events += notifier.read(0.01)
    return events, documents, witnesses


def replay(root: Path, events: list, witnesses: list) -> tuple[float, float]:
    """(processor seconds for all the events, for the first one), best of REPEATS fresh detectors."""
    totals, firsts = [], []
    for _ in range(REPEATS):
        signals._names.cache_clear()  # as in a watcher just started: nothing read yet
        detector = Detector((str(root),))
        detector.add_canaries(dataclasses.replace(w) for w in witnesses)
        started = time.process_time()
        detector.observe(events[0])
        first = time.process_time() - started
        for event in events[1:]:
            detector.observe(event)
        totals.append(time.process_time() - started)
        firsts.append(first)
    return min(totals), statistics.median(firsts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print("| Variante | Événements lus par document | Processeur par document, µs | par événement, µs | "
          "1er événement, µs |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["GARDIEN_HOME"] = str(Path(folder) / "home")
        for variant in VARIANTS:
            counts = documents = 0
            cpu, firsts = 0.0, []
            for seed in range(args.seeds):
                root = Path(folder) / f"{variant.name}-{seed}"
                events, encrypted, witnesses = recorded(root, variant, seed)
                total, first = replay(root, events, witnesses)
                counts, documents, cpu = counts + len(events), documents + encrypted, cpu + total
                firsts.append(first)
            print(f"| {variant.name} | {counts / documents:.2f} | {1e6 * cpu / documents:.0f} | {1e6 * cpu / counts:.0f} | "
                  f"{1e6 * statistics.median(firsts):.0f} |", flush=True)


if __name__ == "__main__":
    main()
