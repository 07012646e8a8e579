"""Real-time mode: the watcher runs as its own process (`gardien veille lancer`, as the service starts it) on a victim
tree while the simulator encrypts it; the alert's time, written by the watcher, tells how many documents were already
lost. Also used for the benign workloads and for the watcher's CPU at rest."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from gardien.veille.detector import CANARY_NAMES
from ransomware_sim.families import Mode, Simulator, Variant
from ransomware_sim.victim import build_tree

START_TIMEOUT_S = 60
GARDIEN = [sys.executable, "-m", "gardien"]


@dataclass
class RealRun:
    variant: str
    seed: int
    detected: bool
    lost: int
    total: int
    latency_s: float | None  # from the first lost document to the alert
    suspect_pids: tuple[int, ...]
    rate_per_s: float | None = None  # documents the simulator encrypted per second until the alert


class LiveWatcher:
    """`gardien veille lancer` on `root`, with its own data folder; a context manager that always stops it."""

    def __init__(self, root: Path, home: Path, interval_s: float = 2.0) -> None:
        self.root, self.home = root, home
        self.env = {**os.environ, "GARDIEN_HOME": str(home)}
        self.env.pop("DISPLAY", None)  # no browser opened by the alert during a benchmark
        self.env.pop("WAYLAND_DISPLAY", None)
        self.argv = [*GARDIEN, "veille", "lancer", "--dossier", str(root), "--intervalle", str(interval_s)]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> LiveWatcher:
        self.home.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(self.argv, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, start_new_session=True)
        deadline = time.time() + START_TIMEOUT_S
        while self.status().get("etat") != "en_veille":
            if self.process.poll() is not None or time.time() > deadline:
                output = self.stop()
                raise RuntimeError(f"la veille n'a pas démarré : {output}")
            time.sleep(0.05)
        return self

    def status(self) -> dict:
        try:
            return json.loads((self.home / "veille-etat.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def alert_at(self) -> float | None:
        alert = self.status().get("alerte")
        return alert.get("a") if isinstance(alert, dict) else None

    def wait_alert(self, timeout_s: float) -> float | None:
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            at = self.alert_at()
            if at is not None:
                return at
            time.sleep(0.05)
        return self.alert_at()

    def stop(self) -> str:
        if self.process is None:
            return ""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        output = self.process.stdout.read() if self.process.stdout else ""
        self.process.stdout and self.process.stdout.close()
        self.process = None
        return output

    def __exit__(self, *_exc) -> None:
        self.stop()


def run_variant(workdir: Path, variant: Variant, seed: int, delay_s: float | None = None, settle_s: float = 4.0) -> RealRun:
    """The simulator in this process at real speed (the variant's delay, or `delay_s`); stops at the alert."""
    root = workdir / f"temps-reel-{variant.name}-{seed}"
    documents = build_tree(root, seed)
    with LiveWatcher(root, workdir / f"home-{variant.name}-{seed}") as watcher:
        chosen = Variant(variant.name, variant.mode, variant.extension, variant.notes, variant.intermittent,
                         variant.delay_s if delay_s is None else delay_s)
        simulator = Simulator(root, chosen, seed, sleep=True)
        lost_times: list[float] = []
        for step in simulator.run():
            if step.lost:
                lost_times.append(step.at)
            if watcher.alert_at() is not None:
                break
        alert = watcher.wait_alert(settle_s)
        # A real ransomware does not stop at the alert: keep it writing while the watcher looks for the culprit.
        until = time.time() + settle_s
        while time.time() < until:
            going_on = Simulator(root, Variant("suite", Mode.IN_PLACE, delay_s=0.05), seed + 1, sleep=True, every_file=True)
            for _step in going_on.run():
                if time.time() >= until:
                    break
        suspects = watcher.status().get("alerte") and _suspect_pids(workdir / f"home-{variant.name}-{seed}")
    shutil.rmtree(root, ignore_errors=True)
    before = [t for t in lost_times if alert is None or t <= alert]
    latency = (alert - lost_times[0]) if alert is not None and lost_times else None
    rate = (len(before) - 1) / (before[-1] - before[0]) if len(before) >= 2 and before[-1] > before[0] else None
    return RealRun(variant.name, seed, alert is not None, len(before), len(documents), latency, tuple(suspects or ()), rate)


def _suspect_pids(home: Path) -> list[int]:
    """The processes the alert named (the journal's entry written after the alert)."""
    import sqlite3

    database = home / "journal-incidents.sqlite"
    for _attempt in range(40):
        rows = []
        if database.exists():
            try:
                with sqlite3.connect(database) as db:
                    rows = db.execute("SELECT details FROM entrees WHERE texte LIKE '%processus%' OR texte LIKE '%programme%'").fetchall()
            except sqlite3.OperationalError:  # the watcher is creating it at this very moment
                rows = []
            for (details,) in rows:
                found = json.loads(details).get("suspects")
                if found is not None:
                    return [s["pid"] for s in found]
        time.sleep(0.25)
    return []


def run_workload(workdir: Path, name: str, steps_of, seed: int, settle_s: float = 4.0) -> tuple[bool, list]:
    """A benign workload at real speed under the live watcher; (alert raised, evidence)."""
    root = workdir / f"travail-{name}-{seed}"
    build_tree(root, seed)
    with LiveWatcher(root, workdir / f"home-travail-{name}-{seed}") as watcher:
        for _at in steps_of(root, seed):
            pass
        alert = watcher.wait_alert(settle_s)
        evidence = (watcher.status().get("alerte") or {}).get("indices", [])
    shutil.rmtree(root, ignore_errors=True)
    return alert is not None, evidence


def idle_cpu(workdir: Path, seconds: float = 30.0, files: int = 0) -> float:
    """The watcher's CPU use at rest, in percent of one core, measured over `seconds` after it started."""
    import psutil

    root = workdir / "repos"
    build_tree(root, 1)
    with LiveWatcher(root, workdir / "home-repos", interval_s=10.0) as watcher:
        process = psutil.Process(watcher.process.pid)
        time.sleep(2)  # let start-up settle
        before = process.cpu_times()
        start = time.monotonic()
        time.sleep(seconds)
        after = process.cpu_times()
        elapsed = time.monotonic() - start
    shutil.rmtree(root, ignore_errors=True)
    return 100 * ((after.user - before.user) + (after.system - before.system)) / elapsed


SIMULATOR_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from ransomware_sim.families import VARIANTS, Variant, Simulator
base = next(v for v in VARIANTS if v.name == {name!r})
variant = Variant(base.name, base.mode, base.extension, base.notes, base.intermittent, {delay!r})
print("go", flush=True)
for _step in Simulator(Path({root!r}), variant, {seed!r}, sleep=True).run():
    pass
"""


def encrypted_on_disk(root: Path) -> int:
    """Documents of the tree the simulator has encrypted (its ciphertext ends with its marker; witnesses not counted)."""
    count = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.name.startswith(CANARY_NAMES):  # a witness, renamed or not
            try:
                with open(path, "rb") as handle:
                    handle.seek(max(0, path.stat().st_size - 11))
                    count += handle.read() == b"GARDIEN-SIM"
            except OSError:
                continue
    return count


def run_paused(workdir: Path, name: str, seed: int, delay_s: float, timeout_s: float = 60.0) -> tuple[bool, int, int, int]:
    """The simulator as its own process, the watcher started with --pause-programme: (paused, documents encrypted when
    the watcher paused it, a second later (nothing more if the pause held), total). The simulator is killed at the end."""
    import psutil

    root = workdir / f"pause-{name}-{seed}"
    documents = build_tree(root, seed)
    home = workdir / f"home-pause-{name}-{seed}"
    watcher = LiveWatcher(root, home)
    watcher.argv.append("--pause-programme")
    tests = str(Path(__file__).resolve().parents[1])
    code = SIMULATOR_CHILD.format(tests=tests, name=name, delay=delay_s, root=str(root), seed=seed)
    paused, at_pause, later = False, -1, -1
    with watcher:
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        try:
            child.stdout.readline()
            deadline = time.time() + timeout_s
            while time.time() < deadline and child.poll() is None:
                if child.pid in watcher.status().get("mis_en_pause", []):
                    paused = psutil.Process(child.pid).status() == psutil.STATUS_STOPPED
                    break
                time.sleep(0.02)
            at_pause = encrypted_on_disk(root)
            time.sleep(1.0)
            later = encrypted_on_disk(root)
        finally:
            # Every engineer's program runs under the same account here: resume any other the watcher paused.
            from gardien.veille import process

            process.resume([p for p in watcher.status().get("mis_en_pause", []) if p != child.pid])
            child.kill()
            child.wait(timeout=10)
            child.stdout.close()
    shutil.rmtree(root, ignore_errors=True)
    return paused, at_pause, later, len(documents)
