"""Documents piled on the Desktop, where they are often outside any backup."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.fr import plural
from gardien.parsers import UnknownFormat

MAX_DOCUMENTS = 20
KEYS = ("dossiers", "documents", "partiel")


def _summary(ctx: Context) -> dict[str, int]:
    """The reader's `dossiers`, `documents` and `partiel` counts; all three, or the summary is not one."""
    values = {}
    for line in ctx.text("desktop_documents").splitlines():
        key, _, value = line.partition("\t")
        if value.strip().isdigit():
            values[key.strip()] = int(value)
    if any(key not in values for key in KEYS):
        raise UnknownFormat("résumé du Bureau incomplet")
    return values


def _verdict(ctx: Context) -> Outcome:
    summary = _summary(ctx)
    if not summary["dossiers"]:
        return Outcome(Status.NOT_APPLICABLE, "Aucun dossier Bureau n'a été trouvé.")
    count = summary["documents"]
    documents = plural(count, "document")
    if count > MAX_DOCUMENTS:
        more = "au moins " if summary["partiel"] else ""
        return Outcome(Status.FAIL, f"{more}{documents} sont posés sur le Bureau.".capitalize(), {"documents": count})
    if summary["partiel"]:
        raise CannotTell("Le Bureau contient trop de fichiers pour être compté en entier : rangez-le, puis refaites le bilan.")
    return Outcome(Status.PASS, f"{documents.capitalize()} sur le Bureau.", {"documents": count})


linux = macos = windows = _verdict
