"""Office macros from the internet are blocked (Windows).

No authority read for Gardien addresses macros; the check follows the awareness document. Microsoft
blocks macros in files from the internet by default in Microsoft 365 (Click-to-Run) since 2022;
Gardien relies on that default only for Click-to-Run installations and asks to look otherwise.
"""

from __future__ import annotations

from gardien.checks.common import optional_registry, registry_tree
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status

ENABLE_ALL = 1


def windows(ctx: Context) -> Outcome:
    policies = registry_tree(ctx, "office_policies")
    settings = registry_tree(ctx, "office_vbawarnings")
    click_to_run = "VersionToReport" in optional_registry(ctx, "office_c2r")
    if not policies and not settings and not click_to_run:
        return Outcome(Status.NOT_APPLICABLE, "Microsoft Office (2016 ou plus récent) n'a pas été trouvé.")
    enabled = sorted(
        key.split("\\")[-2] for tree in (policies, settings) for key, values in tree.items()
        if values.get("VBAWarnings") and values["VBAWarnings"].as_int() == ENABLE_ALL
    )
    unblocked = sorted(
        key.split("\\")[-2] for key, values in policies.items()
        if values.get("blockcontentexecutionfrominternet") and values["blockcontentexecutionfrominternet"].as_int() == 0
    )
    if enabled:
        return Outcome(Status.FAIL, f"Toutes les macros sont autorisées sans avertissement dans : {', '.join(enabled)}.")
    if unblocked:
        return Outcome(Status.FAIL, f"Une stratégie autorise les macros venues d'internet dans : {', '.join(unblocked)}.")
    blocked = [k for k, v in policies.items() if v.get("blockcontentexecutionfrominternet") and v["blockcontentexecutionfrominternet"].as_int() == 1]
    if blocked:
        return Outcome(Status.PASS, "Une stratégie bloque les macros des fichiers venus d'internet.")
    if click_to_run:
        return Outcome(Status.PASS, "Aucun réglage n'autorise les macros ; Microsoft 365 bloque par défaut celles des fichiers venus d'internet.")
    raise CannotTell("Aucun réglage dangereux trouvé, mais cette version d'Office ne bloque peut-être pas les macros venues d'internet : vérifiez.")
