"""The questions (questions.fr.toml), validated on load."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import MetadataError, sources, themes


class Answer(StrEnum):
    """The questionnaire's answers, as stored (store/answers) and posted by the web page."""

    YES = "oui"
    NO = "non"
    UNKNOWN = "nsp"
    NOT_CONCERNED = "nc"  # only for a question that may not concern her (key « non_concerne »): no step, no measure


ANSWER_LABEL = {Answer.YES: "Oui", Answer.NO: "Non", Answer.UNKNOWN: "Je ne sais pas", Answer.NOT_CONCERNED: "Non concerné"}


@dataclass(frozen=True)
class Question:
    id: str
    theme: str
    text: str
    action: str  # the step's title in the plan
    why: str
    how: tuple[str, ...]  # as the interface says it
    sources: tuple[Source, ...]
    weight: float  # 1 to 3, as MonAideCyber's weights
    priority: int  # 1 = first
    effort_minutes: int
    measured_by: tuple[str, ...] = ()  # audit checks whose failure contradicts a « oui » (key « bilan »)
    may_not_concern: bool = False  # « Non concerné » is offered (key « non_concerne »): she works alone, no Wi-Fi…
    settled_by: str = ""  # an earlier question whose « non concerné » makes this one pointless (key « reglee_par »)
    not_concerned_means: str = ""  # what her « non concerné » here says, for the questions it settles (« vous … »)
    ask_for: str = ""  # a step she cannot finish alone: what to ask for, and whom (key « demander », as the checks')
    to_check: str = ""  # the step's title after « je ne sais pas » (key « a_verifier »), when « Vérifier : » and the
    # action read badly together (« Vérifier : Faire le même bilan… »)
    how_in_terminal: tuple[str, ...] = ()  # `how` as the terminal says it: the command instead of the page (« comment »
    # entries written {texte, terminal}, as the checks' steps)
    # audit checks whose every failure contradicts a « oui », a milder one too (key « bilan_toute_erreur »): there a
    # lowered severity is not a part found in place (antivirus: « none found » on Linux is rated lower, not partial)
    measured_by_any_failure: tuple[str, ...] = ()

    @property
    def answers(self) -> tuple[Answer, ...]:
        """The answers she may give to this question."""
        return tuple(a for a in Answer if self.may_not_concern or a is not Answer.NOT_CONCERNED)


def _validate(key: str, raw: dict) -> list[str]:
    problems = []
    if not re.fullmatch(r"[a-z0-9_]+", key):
        problems.append("identifiant hors [a-z0-9_]")
    if raw.get("theme") not in themes():
        problems.append(f"thème inconnu {raw.get('theme')!r}")
    if not str(raw.get("question", "")).rstrip().endswith("?"):
        problems.append("la question doit finir par « ? »")
    if not raw.get("action") or len(raw["action"]) > 90:
        problems.append("« action » vide ou trop longue")
    if not raw.get("pourquoi") or len(raw["pourquoi"]) > 250:
        problems.append("« pourquoi » vide ou trop long")
    if not raw.get("comment"):
        problems.append("« comment » vide")
    for entry in raw.get("comment") or ():
        if not (isinstance(entry, str) or isinstance(entry, dict) and set(entry) == {"texte", "terminal"}
                and "gardien " in str(entry["terminal"])):
            problems.append(f"étape de « comment » invalide (un texte, ou {{texte, terminal}} avec la commande "
                            f"« gardien … » dans terminal) : {entry!r}")
    if not raw.get("sources") or any(s not in sources() for s in raw["sources"]):
        problems.append(f"sources absentes ou inconnues : {raw.get('sources')}")
    if raw.get("poids") not in (0.5, 1, 2, 3):
        problems.append("poids hors de 0,5 / 1 / 2 / 3")
    if not isinstance(raw.get("priorite"), int) or raw["priorite"] < 1:
        problems.append("priorite doit être un entier ≥ 1")
    if not isinstance(raw.get("effort_minutes"), int) or raw["effort_minutes"] < 1:
        problems.append("effort_minutes doit être un entier ≥ 1")
    for key in ("bilan", "bilan_toute_erreur"):
        if not isinstance(raw.get(key, []), list) or any(not isinstance(c, str) for c in raw.get(key, [])):
            problems.append(f"{key} doit être une liste d'identifiants de points du bilan")
    if set(raw.get("bilan", [])) & set(raw.get("bilan_toute_erreur", [])):
        problems.append("un point du bilan est dans bilan ou dans bilan_toute_erreur, pas dans les deux")
    if not isinstance(raw.get("non_concerne", False), bool):
        problems.append("non_concerne doit valoir true ou false")
    if not isinstance(raw.get("demander", ""), str):
        problems.append("demander doit être un texte : quoi demander, et à qui")
    if "a_verifier" in raw and not (isinstance(raw["a_verifier"], str) and raw["a_verifier"].startswith("Vérifier")
                                    and len(raw["a_verifier"]) <= 90):
        problems.append("a_verifier : le titre de l'étape à vérifier, commençant par « Vérifier », 90 caractères au plus")
    if (raw.get("reglee_par") or raw.get("sens_non_concerne")) and not raw.get("non_concerne"):
        problems.append("reglee_par et sens_non_concerne demandent non_concerne = true")
    return problems


def _validate_settling(loaded: list[Question]) -> None:
    """A question is settled by an earlier one that says what its « non concerné » means."""
    seen: dict[str, Question] = {}
    for question in loaded:
        earlier = seen.get(question.settled_by)
        if question.settled_by and (earlier is None or not earlier.not_concerned_means or earlier.settled_by):
            raise MetadataError(f"question {question.id}: reglee_par doit nommer une question placée avant elle, "
                                "réglée par aucune autre, qui dit ce que veut dire son « non concerné » (sens_non_concerne)")
        seen[question.id] = question


@cache
def questions() -> tuple[Question, ...]:
    """Every question, in file order (grouped by theme)."""
    text = resources.files("gardien.questionnaire").joinpath("questions.fr.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    loaded = []
    for key, value in raw.items():
        problems = _validate(key, value)
        if problems:
            raise MetadataError(f"question {key}: " + ", ".join(problems))
        loaded.append(
            Question(
                key, value["theme"], value["question"], value["action"], value["pourquoi"],
                tuple(e if isinstance(e, str) else e["texte"] for e in value["comment"]),
                tuple(sources()[s] for s in value["sources"]), float(value["poids"]), value["priorite"],
                value["effort_minutes"], tuple(value.get("bilan", ())), value.get("non_concerne", False),
                value.get("reglee_par", ""), value.get("sens_non_concerne", ""),
                " ".join(value.get("demander", "").split()), value.get("a_verifier", ""),
                tuple(e if isinstance(e, str) else e["terminal"] for e in value["comment"]),
                tuple(value.get("bilan_toute_erreur", ())),
            )
        )
    _validate_settling(loaded)
    return tuple(loaded)


def by_id() -> dict[str, Question]:
    return {q.id: q for q in questions()}


Given = Mapping[str, tuple[Answer, str]]  # question id -> (answer, ISO date), as saved (store/answers)


@dataclass(frozen=True)
class RegisterFact:
    """What another part of Gardien knows she said about a question, declared, not measured: the GDPR register's
    interview (registre/facts.py), or the people she follows in « Formation » (formation/progress.team_fact)."""

    concerned: bool  # False: the question does not concern her (it answers « non concerné » when she has not)
    said: str  # « vos dossiers patients sont hébergés en ligne », to follow « d'après votre registre, »
    at: str  # the last change of what says it (ISO)
    source: str = "votre registre"  # where she said it, to follow « d'après »
    fix: str = "corrigez votre registre s'il n'est plus à jour"  # how to change it, when her answer contradicts it


class Answers(dict):
    """question id -> (answer, ISO date) as they count (store/answers.current), with the register's facts: those that
    answered a question she had not answered (`from_register`), and all of them (`facts`)."""

    def __init__(self, given: Given = (), facts: Mapping[str, RegisterFact] | None = None,
                 from_register: frozenset[str] = frozenset()) -> None:
        super().__init__(given)
        self.facts = dict(facts or {})
        self.from_register = from_register


def with_register(given: Given, facts: Mapping[str, RegisterFact]) -> Answers:
    """Her answers, and « non concerné » where the register says a question she has not answered does not concern
    her (her own answer always counts: one that contradicts the register is pointed out, register_conflict)."""
    filled = {question_id: (Answer.NOT_CONCERNED, fact.at) for question_id, fact in facts.items()
              if not fact.concerned and question_id not in given and question_id in by_id()
              and by_id()[question_id].may_not_concern}
    return Answers({**given, **filled}, facts, frozenset(filled))


def register_said(question_id: str, given: Given) -> str:
    """« d'après votre registre, vos dossiers patients sont hébergés en ligne » when the register says something of
    this question; "" otherwise."""
    fact = getattr(given, "facts", {}).get(question_id)
    return f"d'après {fact.source}, {fact.said}" if fact else ""


def register_note(question_id: str, given: Given) -> str:
    """What the register says of this question, in one sentence to show beside it (terminal and web page): the
    contradiction with her answer, or the answer it gave, or what it says; "" when it says nothing of it."""
    conflict = register_conflict(question_id, given)
    if conflict:
        return conflict
    said = register_said(question_id, given)
    if question_id in getattr(given, "from_register", ()):
        fact = given.facts[question_id]
        return f"Réponse « {ANSWER_LABEL[Answer.NOT_CONCERNED]} », d'après {fact.source} : {fact.said}."
    return f"D{said[1:]}." if said else ""


def register_conflict(question_id: str, given: Given) -> str:
    """One sentence when her « non concerné » contradicts the register, which says the question concerns her; ""
    otherwise. The answer is not overridden: the question is asked again and its step stays to check."""
    fact = getattr(given, "facts", {}).get(question_id)
    answer = given.get(question_id, (None,))[0]
    if fact is None or not fact.concerned or answer != Answer.NOT_CONCERNED or question_id in settled(given):
        return ""
    return (f"Vous avez répondu « {ANSWER_LABEL[Answer.NOT_CONCERNED]} », mais d'après {fact.source}, {fact.said} : "
            f"revoyez cette réponse, ou {fact.fix}.")


def settled(given: Given) -> dict[str, Question]:
    """The questions an earlier answer makes pointless: question id -> the earlier question whose « non concerné »
    settles it (« reglee_par » in questions.fr.toml). The one place that reads it. A « non concerné » a fact
    contradicts (register_conflict: the team has grown since) settles nothing: it is out of date."""
    facts = getattr(given, "facts", {})
    return {q.id: by_id()[q.settled_by] for q in questions()
            if q.settled_by and given.get(q.settled_by, (None,))[0] == Answer.NOT_CONCERNED
            and not (q.settled_by in facts and facts[q.settled_by].concerned)}


def settles(question_id: str) -> tuple[str, ...]:
    """The questions a « non concerné » to this one settles."""
    return tuple(q.id for q in questions() if q.settled_by == question_id)


def settling_said(question_id: str, answer: str) -> str:
    """What an answer just given settles, in one sentence (« Puisque vous travaillez sans équipe, cette question ne
    vous sera pas posée : « … ». »); "" when it settles nothing."""
    later = [by_id()[later_id] for later_id in settles(question_id)] if answer == Answer.NOT_CONCERNED else []
    if not later:
        return ""
    which = "cette question ne vous sera pas posée" if len(later) == 1 else "ces questions ne vous seront pas posées"
    return f"Puisque {by_id()[question_id].not_concerned_means}, {which} : " + " ; ".join(f"« {q.text} »" for q in later) + "."


def with_settled(given: Given) -> Answers:
    """The answers as they count: a settled question is « non concerné » from the day of the answer that settles it."""
    effective = Answers(given, getattr(given, "facts", None), getattr(given, "from_register", frozenset()))
    for question_id, earlier in settled(given).items():
        effective[question_id] = (Answer.NOT_CONCERNED, given[earlier.id][1])
    return effective


def settled_reason(question_id: str, given: Given) -> str:
    """Why a settled question is not asked, to follow « Question passée, » (« d'après votre réponse « Non concerné » à
    la question « … » : vous travaillez sans équipe »); "" when her own answer counts."""
    earlier = settled(given).get(question_id)
    if earlier is None:
        return ""
    if earlier.id in getattr(given, "from_register", ()):  # she did not answer it: the register did
        return f"d'après {given.facts[earlier.id].source} : {given.facts[earlier.id].said}"
    return (f"d'après votre réponse « {ANSWER_LABEL[Answer.NOT_CONCERNED]} » à la question « {earlier.text} » : "
            f"{earlier.not_concerned_means}")
