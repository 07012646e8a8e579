"""Two installed versions of the tripwire side by side in real time, run for run under the same load: each seed of
each variant is run with A then with B (`python -m gardien veille lancer` of each interpreter), so that the machine's
load at that moment weighs on both alike. Prints documents lost before the alert (in all and per variant) and the
delay from the first lost document to the alert. The slow variants pause REALTIME_SLOW_S between two documents.

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

REALTIME_SLOW_S = 0.5  # the slow variants' pause between two documents, as in bench/ransomware.py (not 30 s or 2 min)


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
    by_variant: dict[tuple[str, str], list[int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for variant in chosen:
            for seed in range(args.runs):
                for name, python in (("A", args.a), ("B", args.b)):
                    realtime.GARDIEN = [python, "-m", "gardien"]
                    run = realtime.run_variant(Path(folder) / name, variant, seed, settle_s=0.5,
                                               delay_s=REALTIME_SLOW_S if variant.slow else None)
                    lost[name].append(run.lost)
                    by_variant.setdefault((variant.name, name), []).append(run.lost)
                    if run.lost and run.latency_s is not None:
                        delay[name].append(run.latency_s * 1000)
    print("| Version | Passages | Perdus médiane / pire | Passages à plus de 10 perdus | Délai 1er perdu → alerte, ms (médiane / pire) |")
    print("|---|---|---|---|---|")
    for name, python in (("A", args.a), ("B", args.b)):
        values = lost[name]
        print(f"| {name} ({python}) | {len(values)} | {statistics.median(values):g} / {max(values)} | "
              f"{sum(v > 10 for v in values)} | {statistics.median(delay[name]):.0f} / {max(delay[name]):.0f} |")
    print()
    print("| Variante | A : perdus médiane / pire | B : perdus médiane / pire |")
    print("|---|---|---|")
    for variant in chosen:
        a, b = by_variant[(variant.name, "A")], by_variant[(variant.name, "B")]
        print(f"| {variant.name} | {statistics.median(a):g} / {max(a)} | {statistics.median(b):g} / {max(b)} |")


if __name__ == "__main__":
    main()
