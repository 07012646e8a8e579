"""Wall time and peak memory of `gardien audit --no-save` and `gardien --help`, beside Lynis in the same run.

Usage (from the repository root, after the README's install command):
    .venv/bin/python bench/audit_speed.py [--runs 5]

Lynis comes from Debian (`apt-get install lynis`); it is run as `lynis audit system --quick`, its
usual quick mode, with its log and report sent to a temporary folder. Each command runs `--runs` times
alternately; the median wall time and the largest peak memory (ru_maxrss of the waited process tree)
are reported, with the ratio Gardien / Lynis. Results go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """One run: (wall seconds, peak resident memory in MiB of the process tree)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    gardien = shutil.which("gardien", path=str(ROOT / ".venv" / "bin")) or "gardien"
    lynis = shutil.which("lynis")
    if lynis is None:
        sys.exit("Lynis est absent : apt-get install lynis")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GARDIEN_HOME=str(Path(tmp) / "home"))
        commands = {
            "gardien audit --no-save": [gardien, "audit", "--no-save"],
            "gardien --help": [gardien, "--help"],
            "lynis audit system --quick": [
                lynis, "audit", "system", "--quick", "--no-colors",
                "--logfile", str(Path(tmp) / "lynis.log"), "--report-file", str(Path(tmp) / "lynis-report.dat"),
            ],
        }
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for argv in commands.values():  # warm-up: first imports, disk cache
            measure(argv, env)
        for _ in range(args.runs):
            for name, argv in commands.items():
                samples[name].append(measure(argv, env))
    wall = {name: statistics.median(s[0] for s in runs) for name, runs in samples.items()}
    peak = {name: max(s[1] for s in runs) for name, runs in samples.items()}
    lynis_name = "lynis audit system --quick"
    print(f"Machine : {platform.platform()}, {os.cpu_count()} cœurs ; Python {platform.python_version()} ; {args.runs} exécutions\n")
    print("| commande | temps médian (s) | mémoire max (Mio) | temps / Lynis | mémoire / Lynis |")
    print("|---|---|---|---|---|")
    for name in commands:
        print(
            f"| `{name}` | {wall[name]:.3f} | {peak[name]} | {wall[name] / wall[lynis_name]:.3f} | "
            f"{peak[name] / max(peak[lynis_name], 1):.2f} |"
        )


if __name__ == "__main__":
    main()
