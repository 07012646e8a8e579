"""A longer fuzzing run of the mail parser and analyser; prints how many inputs were tried.

Usage: .venv/bin/python bench/fuzz_mail.py [--examples 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_mail_fuzz import messages  # noqa: E402

from gardien.mail.analyze import VERDICT_LABEL, analyse  # noqa: E402
from gardien.mail.message import parse_bytes  # noqa: E402

tried = {"structured": 0, "bytes": 0}
slowest = [0.0]


def run(raw: bytes, kind: str) -> None:
    tried[kind] += 1
    start = time.perf_counter()
    analysis = analyse(parse_bytes(raw))
    assert analysis.verdict in VERDICT_LABEL and (analysis.verdict != "safe" or not analysis.errors)
    slowest[0] = max(slowest[0], time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=20000)
    args = parser.parse_args()
    options = settings(max_examples=args.examples, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))
    given(messages())(options(lambda raw: run(raw, "structured")))()
    given(st.binary(max_size=20000))(options(lambda raw: run(raw, "bytes")))()
    print(f"Entrées essayées : {tried['structured']} messages construits, {tried['bytes']} suites d'octets au hasard ; "
          f"aucune exception ; analyse la plus lente : {slowest[0] * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
