"""A quiz attempt: questions drawn from the module's pool, answers shuffled, each answer corrected and explained.

Rotation: a module holds more questions than an attempt asks; each attempt draws, for this learner, the questions
seen least often first (ties at random), then shuffles their order and their choices. A second attempt is therefore
never the same test, and every question comes round before any is asked three times.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from gardien.errors import GardienError
from gardien.formation import progress
from gardien.formation.content import Module, Question, module

PASS_RATIO = 0.8  # Gardien's choice (no authority sets one): 5 right answers out of 6 validate a module


@dataclass(frozen=True)
class Asked:
    """One drawn question: `order[i]` is the index, in question.choices, of the i-th choice shown."""

    question: Question
    order: tuple[int, ...]
    answer: int | None  # the position chosen (in the shown order), None while unanswered

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(self.question.choices[i] for i in self.order)

    @property
    def right_position(self) -> int:
        return self.order.index(0)

    @property
    def correct(self) -> bool:
        return self.answer is not None and self.order[self.answer] == 0


@dataclass(frozen=True)
class Attempt:
    id: str
    learner: str
    module: Module
    started_at: str
    finished_at: str | None
    asked: tuple[Asked, ...]

    @property
    def current(self) -> int | None:
        """Index of the first unanswered question, None when all are answered."""
        return next((i for i, a in enumerate(self.asked) if a.answer is None), None)

    @property
    def right(self) -> int:
        return sum(a.correct for a in self.asked)

    @property
    def score(self) -> float:
        return self.right / len(self.asked)

    @property
    def passed(self) -> bool:
        return self.finished_at is not None and self.score >= PASS_RATIO


def draw(mod: Module, history: list[dict], rng: random.Random) -> list[tuple[Question, tuple[int, ...]]]:
    """The questions of a new attempt, each with its shuffled choice order."""
    seen = Counter(q["id"] for attempt in history for q in attempt["questions"])
    last = {q["id"]: attempt["debut"] for attempt in history for q in attempt["questions"]}
    pool = list(mod.questions)
    rng.shuffle(pool)  # ties are broken at random
    pool.sort(key=lambda q: (seen[q.id], last.get(q.id, "")))
    chosen = pool[:mod.per_attempt]
    rng.shuffle(chosen)
    drawn = []
    for question in chosen:
        order = list(range(len(question.choices)))
        rng.shuffle(order)
        drawn.append((question, tuple(order)))
    return drawn


def _history(state: dict, learner_id: str, module_id: str) -> list[dict]:
    return [a for a in state["essais"] if a["apprenant"] == learner_id and a["module"] == module_id]


def start(learner_id: str, module_id: str, rng: random.Random | None = None) -> Attempt:
    mod = module(module_id)
    with progress.updating() as state:
        learner = progress.find_learner(learner_id, state)
        progress.forget_abandoned(state)
        drawn = draw(mod, _history(state, learner.id, mod.id), rng or random.SystemRandom())
        raw = {"id": progress.new_id(), "apprenant": learner.id, "module": mod.id, "debut": progress.now(), "fin": None,
               "questions": [{"id": q.id, "ordre": list(order), "reponse": None} for q, order in drawn]}
        state["essais"].append(raw)
    return _attempt(raw)


def _attempt(raw: dict) -> Attempt:
    mod = module(raw["module"])
    asked = []
    for item in raw["questions"]:
        try:
            question = mod.question(item["id"])
        except KeyError:  # a question removed from the module since: the attempt cannot be replayed
            raise GardienError("Cet essai porte sur une ancienne version du module : recommencez le module.") from None
        asked.append(Asked(question, tuple(item["ordre"]), item["reponse"]))
    return Attempt(raw["id"], raw["apprenant"], mod, raw["debut"], raw["fin"], tuple(asked))


def _raw(state: dict, attempt_id: str) -> dict:
    for raw in state["essais"]:
        if raw["id"] == attempt_id:
            return raw
    raise GardienError("Cet essai n'existe plus (il a peut-être été abandonné il y a longtemps) : recommencez le module.")


def load(attempt_id: str) -> Attempt:
    return _attempt(_raw(progress.read(), attempt_id))


def answer(attempt_id: str, index: int, position: int) -> Attempt:
    """Record the choice shown at `position` (0-based) for question `index`; questions are answered in order."""
    with progress.updating() as state:
        raw = _raw(state, attempt_id)
        attempt = _attempt(raw)
        if attempt.current is None or index != attempt.current:
            raise GardienError("Cette question a déjà une réponse : passez à la suivante.")
        if not 0 <= position < len(attempt.asked[index].order):
            raise GardienError("Choisissez une des réponses proposées.")
        raw["questions"][index]["reponse"] = position
        if all(q["reponse"] is not None for q in raw["questions"]):
            raw["fin"] = progress.now()
    return _attempt(raw)


def finished_attempts(state: dict, learner_id: str | None = None) -> list[Attempt]:
    """Finished attempts, oldest first, of every module still in Gardien."""
    found = []
    for raw in state["essais"]:
        if raw.get("fin") and (learner_id is None or raw["apprenant"] == learner_id):
            try:
                found.append(_attempt(raw))
            except GardienError:
                continue  # a module or a question that no longer exists
    return sorted(found, key=lambda a: a.finished_at or "")


def day_of(iso: str) -> date:
    return datetime.fromisoformat(iso).date()
