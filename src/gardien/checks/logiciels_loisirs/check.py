"""Leisure and family software on the professional machine (ANSSI measure 33)."""

from __future__ import annotations

from gardien import catalog
from gardien.checks.common import installed_programs
from gardien.core.context import Context
from gardien.core.model import Outcome, Status

SHOWN = 8


def _verdict(ctx: Context) -> Outcome:
    names = installed_programs(ctx)
    found = catalog.matching(names, "loisirs") + catalog.matching(names, "enfants")
    if found:
        shown = ", ".join(found[:SHOWN]) + (" et d'autres" if len(found) > SHOWN else "")
        return Outcome(Status.FAIL, f"Logiciels personnels ou de loisirs installés : {shown}.", {"logiciels": found})
    return Outcome(Status.PASS, "Aucun jeu, service de streaming ou logiciel pour enfants connu de Gardien n'est installé.")


linux = macos = windows = _verdict
