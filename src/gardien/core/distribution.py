"""Which Linux distribution a machine runs, so that a remediation shows only the steps of its own.

A step may be written for some distributions only (RemediationStep.distributions: apt on Debian, Ubuntu and
Linux Mint, dnf on Fedora). The distribution comes from /etc/os-release, the file the `os_release` probe
already reads for the end-of-support check: its ID, or else the first of its ID_LIKE that Gardien knows.
When it cannot be read or names none Gardien knows, every variant is kept, each after the names of its
distributions, and a first sentence says why.
"""

from __future__ import annotations

from dataclasses import replace

from gardien.core.model import Distribution, RemediationStep
from gardien.parsers import UnknownFormat
from gardien.parsers.linux import parse_os_release

OS_RELEASE_PROBE = "os_release"
UNKNOWN = (
    "Gardien n'a pas reconnu votre distribution Linux : les étapes qui diffèrent d'une distribution à l'autre "
    "sont toutes montrées, chacune précédée du nom de ses distributions ; suivez seulement celles de la vôtre."
)


def identify(os_release: str | None) -> Distribution | None:
    """The distribution an /etc/os-release text names (ID first, then ID_LIKE in its order); None when unknown."""
    if not os_release:
        return None
    try:
        release = parse_os_release(os_release)
    except UnknownFormat:
        return None
    known = {d.value: d for d in Distribution}
    return next((known[name] for name in (release.id, *release.id_like) if name in known), None)


def this_machine() -> Distribution | None:
    """The distribution of the running Linux, read by the same probe as the audit's."""
    from gardien.probes.base import run_probe
    from gardien.probes.linux import PROBES

    output = run_probe(next(p for p in PROBES if p.name == OS_RELEASE_PROBE))
    return identify(output.text if output.error is None and output.returncode == 0 else None)


def for_machine(steps: tuple[RemediationStep, ...], here: Distribution | None) -> tuple[RemediationStep, ...]:
    """The steps meant for a machine running `here`: the common steps and its own variants only.

    Unknown (None): every variant is kept and named (« Fedora : … »), after one sentence that says so.
    """
    if not any(step.distributions for step in steps):
        return steps
    if here is not None:
        return tuple(step for step in steps if not step.distributions or here in step.distributions)
    shown: list[RemediationStep] = []
    for step in steps:
        if step.distributions:
            if not any(s.text == UNKNOWN for s in shown):
                shown.append(RemediationStep(UNKNOWN))
            step = replace(step, text=f"{', '.join(d.label for d in step.distributions)} : {step.text}")
        shown.append(step)
    return tuple(shown)
