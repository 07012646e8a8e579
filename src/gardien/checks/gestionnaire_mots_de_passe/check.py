"""A password manager is installed (ANSSI measure 11: a digital vault)."""

from __future__ import annotations

from gardien import catalog
from gardien.checks.common import installed_programs
from gardien.core.context import Context
from gardien.core.model import Outcome, Status


def _verdict(ctx: Context) -> Outcome:
    found = catalog.matching(installed_programs(ctx), "gestionnaire_mdp")
    if found:
        return Outcome(Status.PASS, f"Gestionnaire de mots de passe installé : {', '.join(found)}.", {"logiciels": found})
    return Outcome(
        Status.MANUAL,
        "Aucun gestionnaire de mots de passe installé n'a été trouvé. Gardien ne voit pas ceux qui s'ajoutent au "
        "navigateur : si vous en utilisez un, ce point est réglé ; sinon, installez-en un.",
    )


linux = macos = windows = _verdict
