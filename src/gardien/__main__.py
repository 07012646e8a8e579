"""Allow `python -m gardien`."""

from gardien.cli import main

main()
