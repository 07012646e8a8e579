"""Allow `python -m gardien`."""

from gardien.entry import main

main()
