"""Remote-access software, the tool of fake-support scams: to review, not an error."""

from __future__ import annotations

from gardien import catalog
from gardien.checks.common import installed_programs
from gardien.core.context import Context
from gardien.core.model import Outcome, Status


def _verdict(ctx: Context) -> Outcome:
    found = catalog.matching(installed_programs(ctx), "acces_distant")
    if found:
        return Outcome(
            Status.MANUAL,
            f"Logiciel de prise en main à distance installé : {', '.join(found)}. Vérifiez que vous savez qui l'a installé et pourquoi.",
            {"logiciels": found},
        )
    return Outcome(Status.PASS, "Aucun logiciel de prise en main à distance connu de Gardien n'est installé.")


linux = macos = windows = _verdict
