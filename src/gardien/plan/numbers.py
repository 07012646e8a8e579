"""The numbers « gardien plan » showed, kept until the next listing.

She reads the list, types « gardien plan fait 2 », then « gardien plan fait 11 »: the 11 is the step she saw as 11,
not the one that moved up to 11 once step 2 was done (that marked « Pas de Wi-Fi ouvert » for « Pare-feu activé »).
"""

from __future__ import annotations

from collections.abc import Sequence

from gardien import statefile
from gardien.paths import data_dir

LISTING = "plan-numeros.json"


def remember(step_ids: Sequence[str]) -> None:
    """The open steps in the order « gardien plan » just numbered them."""
    statefile.write(data_dir() / LISTING, list(step_ids))


def last_listing() -> list[str] | None:
    """The step ids of the last listing, None when there was none or it cannot be read (the next listing rewrites it)."""
    try:
        ids = statefile.read(data_dir() / LISTING, default=lambda: None, kind=list)
    except statefile.DamagedState:
        return None
    if ids is None or not all(isinstance(step_id, str) for step_id in ids):
        return None
    return ids
