"""Office macros from the internet are blocked (Windows).

No authority read for Gardien addresses macros; the check follows the awareness document. Microsoft
blocks macros in files from the internet by default in Microsoft 365 (Click-to-Run) since 2022;
Gardien relies on that default only for Click-to-Run installations and asks to look otherwise.
"""

from __future__ import annotations

import re

from gardien.checks.common import installed_programs, registry, registry_tree
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat

ENABLE_ALL = 1
OFFICE_NAMES = re.compile(r"\b(microsoft office|microsoft 365|office 16|office professionnel|office famille)\b", re.I)
APPLICATIONS = {"word": "Word", "excel": "Excel", "powerpoint": "PowerPoint", "access": "Access",
                "outlook": "Outlook", "publisher": "Publisher", "visio": "Visio", "project": "Project"}


def _application(key: str) -> str:
    """« Word » for ...\\Office\\16.0\\Word\\Security."""
    name = key.split("\\")[-2]
    return APPLICATIONS.get(name.lower(), name)


def _office_installed(ctx: Context, click_to_run: bool) -> bool:
    if click_to_run:
        return True
    try:
        return any(OFFICE_NAMES.search(name) for name in installed_programs(ctx))
    except (CannotTell, UnknownFormat):
        raise CannotTell("Gardien n'a pas pu savoir si Microsoft Office est installé.") from None


def windows(ctx: Context) -> Outcome:
    policies = registry_tree(ctx, "office_policies")
    settings = registry_tree(ctx, "office_vbawarnings")
    click_to_run = "VersionToReport" in registry(ctx, "office_c2r")
    if not policies and not settings and not _office_installed(ctx, click_to_run):
        return Outcome(Status.NOT_APPLICABLE, "Microsoft Office (2016 ou plus récent) n'a pas été trouvé.")
    enabled = sorted({
        _application(key) for tree in (policies, settings) for key, values in tree.items()
        if values.get("VBAWarnings") and values["VBAWarnings"].as_int() == ENABLE_ALL
    })
    blocking = {key: values["blockcontentexecutionfrominternet"].as_int() for key, values in policies.items()
                if values.get("blockcontentexecutionfrominternet")}
    unblocked = sorted({_application(key) for key, value in blocking.items() if value == 0})
    if enabled:
        return Outcome(Status.FAIL, f"Toutes les macros sont autorisées sans avertissement dans : {', '.join(enabled)}.")
    if unblocked:
        return Outcome(Status.FAIL, f"Un réglage imposé autorise les macros venues d'internet dans : {', '.join(unblocked)}.")
    if any(value == 1 for value in blocking.values()):
        return Outcome(Status.PASS, "Un réglage imposé bloque les macros des fichiers venus d'internet.")
    if click_to_run:
        return Outcome(Status.PASS, "Aucun réglage n'autorise les macros ; Microsoft 365 bloque par défaut celles des fichiers venus d'internet.")
    raise CannotTell("Aucun réglage dangereux trouvé, mais cette version d'Office ne bloque peut-être pas les macros venues d'internet : vérifiez.")
