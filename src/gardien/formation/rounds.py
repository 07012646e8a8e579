"""A round of « Repérez le piège »: a few messages drawn for a learner, each answered by the zones clicked.

The written messages a learner has seen least come first (ties at random), so that rounds do not repeat; when a folder
of real messages is configured, one of them takes the last place — one in French, in which the analyser finds at least
one clue it can show (its findings are the only clues a real message has). What is stored is only which message and which
zones were clicked: the text of a real message is re-read from its folder, never copied into Gardien's files.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from gardien import fr
from gardien.errors import GardienError
from gardien.formation import clues, mails, progress

ROUND_SIZE = 5
FOLDER_TRIES = 80  # files looked at to find one real message in French


@dataclass(frozen=True)
class Item:
    mail: mails.ExerciseMail
    clicked: frozenset[str] | None  # None while unanswered

    @property
    def correction(self) -> clues.Correction | None:
        return None if self.clicked is None else clues.correct(self.mail, set(self.clicked))


@dataclass(frozen=True)
class Round:
    id: str
    learner: str
    started_at: str
    finished_at: str | None
    items: tuple[Item, ...]

    @property
    def current(self) -> int | None:
        return next((i for i, item in enumerate(self.items) if item.clicked is None), None)

    def totals(self) -> tuple[int, int, int]:
        """(clues found, clues there were, false alarms) over the answered messages."""
        found = total = alarms = 0
        for item in self.items:
            correction = item.correction
            if correction is not None:
                found, total, alarms = found + correction.found, total + correction.total, alarms + len(correction.false_alarms)
        return found, total, alarms


def _folder_sample(folders: tuple[Path, ...], seen: set[str], rng: random.Random) -> mails.ExerciseMail | None:
    files = mails.candidates(folders)
    rng.shuffle(files)
    fresh = [p for p in files if mails.folder_id(p) not in seen] or files
    for path in fresh[:FOLDER_TRIES]:
        sample = mails.folder_mail(path)
        if sample is not None and clues.correct(sample, set()).total:  # something the analyser can show in it
            return sample
    return None


def start(learner_id: str, folders: tuple[Path, ...] = (), rng: random.Random | None = None,
          size: int = ROUND_SIZE) -> Round:
    rng = rng or random.SystemRandom()
    folders = mails.configured_folders(folders)
    state = progress.read()
    learner = progress.find_learner(learner_id, state)
    seen = Counter(m["id"] for r in state["pieges"] if r["apprenant"] == learner.id for m in r["courriels"])
    pool = list(mails.written())
    rng.shuffle(pool)
    pool.sort(key=lambda m: seen[m.id])
    chosen: list[mails.ExerciseMail] = pool[:size]
    sample = _folder_sample(folders, set(seen), rng) if folders else None
    if sample is not None:
        chosen[-1] = sample
    rng.shuffle(chosen)
    raw = {"id": progress.new_id(), "apprenant": learner.id, "debut": progress.now(), "fin": None,
           "courriels": [{"id": m.id, "chemin": m.path, "cliques": None} for m in chosen]}
    with progress.updating() as fresh:
        progress.find_learner(learner.id, fresh)  # still there
        progress.forget_abandoned(fresh)
        fresh["pieges"].append(raw)
    return _round(raw, folders)


def _mail(item: dict, folders: tuple[Path, ...]) -> mails.ExerciseMail:
    if item["id"].startswith("dossier:"):
        return mails.folder_mail_at(item.get("chemin", ""), folders)
    return mails.written_by_id(item["id"])


def _round(raw: dict, folders: tuple[Path, ...]) -> Round:
    items = tuple(Item(_mail(m, folders), None if m["cliques"] is None else frozenset(m["cliques"])) for m in raw["courriels"])
    return Round(raw["id"], raw["apprenant"], raw["debut"], raw["fin"], items)


def _raw(state: dict, round_id: str) -> dict:
    for raw in state["pieges"]:
        if raw["id"] == round_id:
            return raw
    raise GardienError("Cet exercice n'existe plus (il a peut-être été abandonné il y a longtemps) : recommencez-le.")


def load(round_id: str, folders: tuple[Path, ...] = ()) -> Round:
    return _round(_raw(progress.read(), round_id), mails.configured_folders(folders))


def answer(round_id: str, index: int, zones: list[str], folders: tuple[Path, ...] = ()) -> Round:
    """Record the zones clicked on message `index` (messages are answered in order); unknown zones are ignored."""
    folders = mails.configured_folders(folders)
    with progress.updating() as state:
        raw = _raw(state, round_id)
        current = _round(raw, folders)
        if current.current is None or index != current.current:
            raise GardienError("Ce message a déjà été corrigé : passez au suivant.")
        known = current.items[index].mail.zones()
        raw["courriels"][index]["cliques"] = sorted({z for z in zones if z in known})
        if all(m["cliques"] is not None for m in raw["courriels"]):
            raw["fin"] = progress.now()
    return _round(raw, folders)


@dataclass(frozen=True)
class Summary:
    rounds: int
    messages: int
    found: int
    total: int
    false_alarms: int
    last: str | None  # ISO date of the last finished round

    @property
    def result(self) -> str:
        """What was done, said the same on every page and in the terminal: « aucun exercice terminé », or the finished
        rounds, the last one's date, and the clues found with the false alarms."""
        if not self.rounds:
            return "aucun exercice terminé"
        done = f"{fr.plural(self.rounds, 'exercice terminé', 'exercices terminés')}{', le dernier' if self.rounds > 1 else ''} le {fr.day(self.last)}"
        if not self.total:  # only real messages, whose results are not kept
            return done
        return (f"{done} ; {fr.plural(self.found, 'indice trouvé', 'indices trouvés')} sur {self.total}, "
                f"{fr.plural(self.false_alarms, 'fausse alerte', 'fausses alertes')}")


def summary(state: dict, learner_id: str) -> Summary:
    """What a learner did in the exercise, from the stored clicks (re-corrected with today's clues; a message that
    is no longer available is left out)."""
    rounds = messages = found = total = alarms = 0
    last = None
    for raw in state["pieges"]:
        if raw["apprenant"] != learner_id or not raw.get("fin"):
            continue
        rounds, last = rounds + 1, max(last or "", raw["fin"])
        for item in raw["courriels"]:
            if item["id"].startswith("dossier:") or item["cliques"] is None:
                continue  # real messages are not kept, so their results are not either
            try:
                correction = clues.correct(mails.written_by_id(item["id"]), set(item["cliques"]))
            except GardienError:
                continue
            messages, found, total = messages + 1, found + correction.found, total + correction.total
            alarms += len(correction.false_alarms)
    return Summary(rounds, messages, found, total, alarms, last)
