"""Learners (first name only), their quiz attempts and exercise rounds, kept in one JSON file of the data folder.

JSON through gardien.statefile rather than the SQLite history: this is one small document per practice (a handful of
people, a few attempts a year), read whole to draw the next questions, show progress, a certificate or the
reminders; statefile gives it the locked atomic owner-only write and the damaged-file check, and the SQLite store's
schema stays the audit history's alone. A person removed from the practice is removed with everything recorded
about them: Gardien keeps nothing it does not need.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from gardien import fr, statefile
from gardien.errors import GardienError
from gardien.launch import quoted
from gardien.paths import data_dir

FILE = "formation.json"
VERSION = 1
MAX_FIRST_NAME = 40
MAX_ROLE = 30  # « (secrétariat médical) »: the role in brackets after the first name
MAX_LEARNERS = 60  # a practice, not a hospital: also bounds the file
UNFINISHED_KEPT_DAYS = 14  # an abandoned attempt is forgotten after this
_FIRST_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|[ '’.-])*", re.UNICODE)
# the role in brackets (walkthrough, round 13: « Sophie (secrétariat) » was refused): letters, digits, the same marks
_ROLE = re.compile(r"\(([^\W_](?:[^\W_]|[ '’.,/-])*)\)", re.UNICODE)
NAME_EXAMPLES = "par exemple « Camille », « Camille B. » ou « Sophie (secrétariat) »"


@dataclass(frozen=True)
class Learner:
    id: str
    first_name: str
    added_at: str  # ISO


def path() -> Path:
    return data_dir() / FILE


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "apprenants": [], "essais": [], "pieges": []}


def read() -> dict[str, Any]:
    """The whole state; statefile.DamagedState when the file cannot be read as Gardien's."""
    state = statefile.read(path(), default=_empty)
    if not isinstance(state.get("apprenants"), list) or not isinstance(state.get("essais"), list):
        raise statefile.DamagedState(path(), "ce n'est pas un suivi de formation que Gardien sait lire")
    state.setdefault("pieges", [])
    return state


def updating():
    """statefile.updating on the formation file, with the same shape check as read()."""
    return statefile.updating(path(), default=_empty)


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def new_id() -> str:
    return secrets.token_urlsafe(9)


# --- Learners ----------------------------------------------------------------------------------------

def clean_first_name(text: str) -> str:
    """A first name as typed (« camille », « Zoé B. », « Anne-Marie », « Sophie (secrétariat) »), checked: letters
    with accents, spaces, hyphens, apostrophes, a dot, then the role in brackets if she adds one. What is refused says
    why, in her words."""
    name = " ".join(str(text).split())
    first, _, rest = name.partition("(")
    first, role = first.strip(), f"({rest}" if rest else ""
    if not first:
        raise GardienError(f"Indiquez seulement un prénom, {NAME_EXAMPLES}.")
    if len(first) > MAX_FIRST_NAME or len(role) > MAX_ROLE + 2:
        raise GardienError(f"« {name} » est trop long pour un prénom ({MAX_FIRST_NAME} caractères au plus, et "
                           f"{MAX_ROLE} pour le rôle entre parenthèses) : indiquez seulement un prénom, {NAME_EXAMPLES}. "
                           "Gardien ne garde ni nom de famille ni adresse.")
    if role and not _ROLE.fullmatch(role):
        raise GardienError(f"« {name} » : le rôle s'écrit entre parenthèses, à la fin et en lettres, {NAME_EXAMPLES}.")
    if not _FIRST_NAME.fullmatch(first):
        odd = next((c for c in first if not (c.isalpha() or c in " '’.-")), "")
        said = (f"le caractère « {odd} » n'a pas sa place dans un prénom" if odd
                else "un prénom commence par une lettre")
        raise GardienError(f"« {name} » : {said}. Indiquez seulement un prénom (lettres, espaces, apostrophes, "
                           f"traits d'union), {NAME_EXAMPLES} : Gardien ne garde ni nom de famille ni adresse.")
    return fr.capitalised(f"{first} {role}".strip())


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "apprenant"


def learners(state: dict | None = None) -> list[Learner]:
    state = read() if state is None else state
    return [Learner(raw["id"], raw["prenom"], raw.get("ajoute_le", "")) for raw in state["apprenants"]]


def add_learner(first_name: str) -> Learner:
    name = clean_first_name(first_name)
    with updating() as state:
        if len(state["apprenants"]) >= MAX_LEARNERS:
            raise GardienError(f"Gardien suit {MAX_LEARNERS} personnes au plus : retirez d'abord celles qui sont parties.")
        key = slug(name)
        if any(raw["id"] == key for raw in state["apprenants"]):
            raise GardienError(f"« {name} » est déjà dans la liste. Pour deux personnes du même prénom, ajoutez une "
                               "initiale : « Camille B. ».")
        learner = Learner(key, name, now())
        state["apprenants"].append({"id": learner.id, "prenom": learner.first_name, "ajoute_le": learner.added_at})
    return learner


def team_fact():
    """What the list of people says of the team question (the page starts with herself, then « chaque personne qui
    travaille au cabinet »): two people or more, she does not work alone. None otherwise, or when the file cannot be
    read (the Formation page says why)."""
    from gardien.questionnaire.questions import RegisterFact

    try:
        people = learners()
    except GardienError:
        return None
    if len(people) < 2:
        return None
    names = fr.listed([person.first_name for person in people])
    return RegisterFact(True, f"{len(people)} personnes y sont inscrites ({names})", max(p.added_at for p in people),
                        source="la rubrique « Formation »",
                        fix="retirez de la rubrique « Formation » les personnes qui ne travaillent plus avec vous")


def find_learner(text: str, state: dict | None = None) -> Learner:
    """A learner by first name (accents and case do not matter) or by id."""
    state = read() if state is None else state
    key = slug(" ".join(str(text).split()))
    for learner in learners(state):
        if learner.id == key:
            return learner
    known = ", ".join(lr.first_name for lr in learners(state)) or "personne pour l'instant"
    missing = f"« {text} » n'est pas dans la liste des personnes formées ({known})."
    raise GardienError(f"{missing} Pour l'ajouter : gardien formation ajouter {quoted(' '.join(str(text).split()))}",
                       f"{missing} Ajoutez d'abord cette personne sur la page « Formation ».")


def remove_learner(learner_id: str) -> Learner:
    """Remove the person and every attempt recorded for them."""
    with updating() as state:
        learner = find_learner(learner_id, state)
        state["apprenants"] = [raw for raw in state["apprenants"] if raw["id"] != learner.id]
        state["essais"] = [raw for raw in state["essais"] if raw["apprenant"] != learner.id]
        state["pieges"] = [raw for raw in state["pieges"] if raw["apprenant"] != learner.id]
    return learner


def forget_abandoned(state: dict, today: date | None = None) -> None:
    """Drop unfinished attempts older than UNFINISHED_KEPT_DAYS (called while updating)."""
    limit = ((today or date.today()) - timedelta(days=UNFINISHED_KEPT_DAYS)).isoformat()
    for key in ("essais", "pieges"):
        state[key] = [raw for raw in state[key] if raw.get("fin") or raw.get("debut", "")[:10] >= limit]
