"""Documents piled on the Desktop, where they are often outside any backup."""

from __future__ import annotations

from gardien.core.context import Context
from gardien.core.model import Outcome, Status

MAX_DOCUMENTS = 20


def _summary(ctx: Context) -> dict[str, int]:
    values = {}
    for line in ctx.text("desktop_documents").splitlines():
        key, _, value = line.partition("\t")
        if value.strip().isdigit():
            values[key.strip()] = int(value)
    return values


def _verdict(ctx: Context) -> Outcome:
    summary = _summary(ctx)
    if not summary.get("dossiers"):
        return Outcome(Status.NOT_APPLICABLE, "Aucun dossier Bureau n'a été trouvé.")
    count = summary.get("documents", 0)
    if count > MAX_DOCUMENTS:
        return Outcome(Status.FAIL, f"{count} documents sont posés sur le Bureau.", {"documents": count})
    return Outcome(Status.PASS, f"{count} document(s) sur le Bureau.", {"documents": count})


linux = macos = windows = _verdict
