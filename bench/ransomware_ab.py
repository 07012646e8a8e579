"""Two installed versions of the tripwire side by side in real time, run for run under the same load: each seed of
each variant is run with A then with B (`python -m gardien veille lancer` of each interpreter), so that the machine's
load at that moment weighs on both alike. Prints documents lost before the alert and the delay from the first lost
document to the alert.

Run: nice -n 10 .venv/bin/python bench/ransomware_ab.py --a /venv-a/bin/python --b /venv-b/bin/python [--runs 20]
     [--variants sur_place_rapide,extension_aleatoire,noms_aleatoires]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from ransomware_sim import realtime  # noqa: E402
from ransomware_sim.families import VARIANTS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--a", required=True, help="interpreter of version A")
    parser.add_argument("--b", required=True, help="interpreter of version B")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--variants", default="sur_place_rapide,extension_aleatoire,noms_aleatoires")
    args = parser.parse_args()
    chosen = [v for v in VARIANTS if v.name in args.variants.split(",")]
    lost: dict[str, list[int]] = {"A": [], "B": []}
    delay: dict[str, list[float]] = {"A": [], "B": []}
    with tempfile.TemporaryDirectory() as folder:
        for variant in chosen:
            for seed in range(args.runs):
                for name, python in (("A", args.a), ("B", args.b)):
                    realtime.GARDIEN = [python, "-m", "gardien"]
                    run = realtime.run_variant(Path(folder) / name, variant, seed, settle_s=0.5)
                    lost[name].append(run.lost)
                    if run.lost and run.latency_s is not None:
                        delay[name].append(run.latency_s * 1000)
    print("| Version | Passages | Perdus médiane / pire | Passages à plus de 10 perdus | Délai 1er perdu → alerte, ms (médiane / pire) |")
    print("|---|---|---|---|---|")
    for name, python in (("A", args.a), ("B", args.b)):
        values = lost[name]
        print(f"| {name} ({python}) | {len(values)} | {statistics.median(values):g} / {max(values)} | "
              f"{sum(v > 10 for v in values)} | {statistics.median(delay[name]):.0f} / {max(delay[name]):.0f} |")


if __name__ == "__main__":
    main()
