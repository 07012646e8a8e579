"""The `gardien` command. A Ctrl+C while Python is still loading Gardien stops it quietly too (later, each command
says what it kept and how to resume: cli_french's FrenchCommand.invoke)."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from gardien.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrompu (Ctrl+C) avant le démarrage de Gardien : relancez la même commande.\n")
        sys.exit(130)
    run()
