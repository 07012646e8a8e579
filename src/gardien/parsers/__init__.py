"""Pure functions from command output text to frozen dataclasses. No I/O, no judgement."""

from __future__ import annotations


class UnknownFormat(ValueError):
    """The text is not in a format (or a UI language) the parser knows: the fact stays unknown."""


def key_values(text: str) -> dict[str, str]:
    """Read "Key : value" lines (PowerShell Format-List, netsh, wdutil); the first colon splits.

    Keys are stripped; a key seen twice keeps its first value. Lines without a colon are ignored.
    """
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        key = key.strip()
        if sep and key and key not in values:
            values[key] = value.strip()
    return values


def list_records(text: str) -> list[dict[str, str]]:
    """Split PowerShell Format-List output into one dict per object (objects are separated by blank lines)."""
    records: list[dict[str, str]] = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            block.append(line)
        elif block:
            records.append(key_values("\n".join(block)))
            block = []
    return records


def parse_bool(value: str) -> bool | None:
    """"True"/"False" (PowerShell) or "true"/"false"; None for anything else."""
    lowered = value.strip().lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None
