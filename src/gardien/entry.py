"""The `gardien` command. A Ctrl+C while Python is still loading Gardien stops it quietly too (cli.main says
« Interrompu. » for every later moment)."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from gardien.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Interrompu.\n")
        sys.exit(130)
    run()
