"""Run one check on given probe outputs, the way an audit or a `--rejouer` folder does, and read its result
as a practitioner would: a verdict, and a French sentence with no technical residue.

Outputs are given by probe name: a text (the command printed it and exited with 0), `exit_code(text, n)`,
or a failure (`error(TIMEOUT)`...). A probe that is not given is absent, as in a recording that lacks it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from gardien.core.context import Context
from gardien.core.model import Finding, Status
from gardien.core.registry import discover
from gardien.core.runner import evaluate
from gardien.probes import base
from gardien.probes.base import RawOutput

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
CANNOT_TELL = (Status.MANUAL, Status.ERROR)
SPECS = {spec.id: spec for spec in discover()}

# Tools that belong to one system: naming them on another is a wrong instruction (issue 13.4).
FOREIGN_TOOLS = {
    "linux": ("BitLocker", "FileVault", "Time Machine", "Windows", "macOS", "Touch ID", "Gatekeeper", "XProtect"),
    "macos": ("BitLocker", "LUKS", "Windows", "Linux", "GNOME", "KDE", "ufw", "firewalld"),
    "windows": ("FileVault", "LUKS", "Time Machine", "macOS", "Linux", "GNOME", "KDE", "Touch ID"),
}
# What a practitioner should never read in a sentence about her computer (issue 13.4): device paths,
# mount points, package or service names, raw values, English status words.
RESIDUE = re.compile(
    r"/dev/|\s/(?:home|mnt|media|etc|var|usr)\b|: /\.|\bsudo\b|\bapt\b|\bdnf\b|unattended|\bsystemctl\b|\bgsettings\b"
    r"|\b0x[0-9a-f]+\b|\bTrue\b|\bFalse\b|\b(?:enabled|disabled|error|failed|not found)\b|\bS-1-\d",
    re.I,
)


def exit_code(text: str, code: int, stderr: str = "") -> RawOutput:
    return RawOutput("", stdout=text, stderr=stderr, returncode=code, command="commande")


def error(kind: str) -> RawOutput:
    """A probe that could not run: base.TIMEOUT, base.NOT_FOUND, base.PERMISSION or base.FAILED."""
    return RawOutput("", returncode=None, error=kind, command="commande")


def run(check_id: str, platform: str, outputs: dict[str, str | RawOutput], now: datetime = NOW) -> Finding:
    """The finding of one check on these outputs, after checking its sentence reads as plain French."""

    def lookup(name: str) -> RawOutput:
        value = outputs.get(name)
        if value is None:
            return RawOutput(name, returncode=None, error=base.ABSENT)
        if isinstance(value, str):
            return RawOutput(name, stdout=value, command=name)
        return RawOutput(name, value.stdout, value.stderr, value.returncode, value.error, value.command or name)

    finding = evaluate(SPECS[check_id], Context(platform, lookup, now))
    assert_plain(finding, platform)
    return finding


def assert_plain(finding: Finding, platform: str) -> None:
    """The sentence shown for this machine is French, says something, and holds no residue."""
    detail = finding.detail
    starts_well = detail[:1].isupper() or detail[:1].isdigit() or detail.startswith(("«", "macOS"))
    assert detail and starts_well and detail.rstrip().endswith((".", "?", ")")), detail
    assert "Gardien a rencontré une erreur interne" not in detail, f"{finding.id}: a bug, not a verdict"
    assert not RESIDUE.search(detail), f"{finding.id}: technical residue in « {detail} »"
    for tool in FOREIGN_TOOLS[platform]:
        assert tool not in detail, f"{finding.id}: names {tool} on {platform}: « {detail} »"


def cannot_tell(finding: Finding) -> bool:
    return finding.status in CANNOT_TELL
