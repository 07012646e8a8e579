"""The awareness modules (modules/*.fr.toml), validated on load.

In the files, a question's first choice is the right one (the drawing shuffles them); `situation = true` marks a
scenario (« le téléphone sonne… »); `affirmations` lists the claims of the source documents (references.md §5) that
the question teaches, so that a test can prove every piece of advice of the documents is taught somewhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import MetadataError
from gardien.registre.breaches import with_cnil_delay

MIN_PER_ATTEMPT, MAX_PER_ATTEMPT = 5, 10  # issue 20: modules of 5 to 10 questions
MIN_CHOICES, MAX_CHOICES = 3, 4
MAX_TEXT, MAX_CHOICE, MAX_EXPLANATION = 260, 160, 520
CLAIM = re.compile(r"00[013]-\d+")
_TIED = (("« ", "«\u00a0"), (" »", "\u00a0»"), (" :", "\u00a0:"), (" ;", "\u00a0;"), (" ?", "\u00a0?"), (" !", "\u00a0!"))


def french_spacing(text: str) -> str:
    """Guillemets and « : ; ? ! » tied to their words by a no-break space, as French typography wants: a line never
    starts with « ? » in the page or in the terminal."""
    for plain, tied in _TIED:
        text = text.replace(plain, tied)
    return text


@dataclass(frozen=True)
class Question:
    id: str
    module: str
    text: str
    choices: tuple[str, ...]  # choices[0] is the right answer
    explanation: str
    sources: tuple[Source, ...]
    claims: tuple[str, ...]  # references.md §5 rows, e.g. "003-18"
    scenario: bool

    @property
    def right(self) -> str:
        return self.choices[0]


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    summary: str
    order: int
    per_attempt: int
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


def known_sources() -> dict[str, Source]:
    """Every source a question may cite: data/sources.toml, and the register's own (read-only reuse)."""
    from gardien.registre.content import all_sources

    return all_sources()


def _question(module_id: str, raw: dict, sources: dict[str, Source]) -> Question:
    key = raw.get("id", "?")
    problems = []
    if not re.fullmatch(r"[a-z0-9_]+", str(key)):
        problems.append("identifiant hors [a-z0-9_]")
    text = str(raw.get("texte", ""))
    if not text.endswith(" ?") or len(text) > MAX_TEXT:  # written with a plain space; tied when loaded
        problems.append("« texte » doit finir par « ? » et rester court")
    choices = raw.get("choix", [])
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES or len(set(choices)) != len(choices):
        problems.append(f"{MIN_CHOICES} à {MAX_CHOICES} choix distincts")
    if any(not c or len(c) > MAX_CHOICE for c in choices):
        problems.append("choix vide ou trop long")
    explanation = str(raw.get("explication", ""))
    if not explanation or len(explanation) > MAX_EXPLANATION:
        problems.append("« explication » vide ou trop longue")
    cited = raw.get("sources", [])
    unknown = [s for s in cited if s not in sources]
    if not cited or unknown:
        problems.append(f"sources absentes ou inconnues : {unknown or cited}")
    claims = raw.get("affirmations", [])
    if any(not CLAIM.fullmatch(c) for c in claims):
        problems.append(f"affirmations mal écrites : {claims}")
    extra = set(raw) - {"id", "texte", "choix", "explication", "sources", "affirmations", "situation"}
    if extra:
        problems.append(f"clés inconnues {sorted(extra)}")
    if problems:
        raise MetadataError(f"formation, module {module_id}, question {key} : " + ", ".join(problems))
    return Question(key, module_id, french_spacing(text), tuple(french_spacing(c) for c in choices),
                    french_spacing(explanation), tuple(sources[s] for s in cited), tuple(claims),
                    bool(raw.get("situation", False)))


def _module(name: str, raw: dict, sources: dict[str, Source]) -> Module:
    module_id = raw.get("id", "")
    questions = tuple(_question(module_id, q, sources) for q in raw.get("questions", []))
    per_attempt = raw.get("questions_par_essai", 0)
    problems = []
    if not re.fullmatch(r"[a-z_]+", module_id):
        problems.append("identifiant hors [a-z_]")
    if not raw.get("titre") or not raw.get("resume"):
        problems.append("titre ou résumé absent")
    if not MIN_PER_ATTEMPT <= per_attempt <= MAX_PER_ATTEMPT:
        problems.append(f"questions_par_essai hors de {MIN_PER_ATTEMPT} à {MAX_PER_ATTEMPT}")
    if len(questions) <= per_attempt:  # a larger pool than what is asked: a second attempt is another test
        problems.append(f"{len(questions)} questions pour {per_attempt} posées : il en faut davantage")
    if problems:
        raise MetadataError(f"formation, {name} : " + ", ".join(problems))
    return Module(module_id, raw["titre"], raw["resume"], int(raw.get("ordre", 99)), per_attempt, questions)


@cache
def modules() -> tuple[Module, ...]:
    """Every module, in the order a newcomer should take them."""
    sources = known_sources()
    folder = resources.files("gardien.formation").joinpath("modules")
    found = [_module(entry.name, tomllib.loads(with_cnil_delay(entry.read_text(encoding="utf-8"))), sources)
             for entry in folder.iterdir() if entry.name.endswith(".fr.toml")]
    ids = [q.id for m in found for q in m.questions]
    duplicates = {i for i in ids if ids.count(i) > 1} | {m.id for m in found if [n.id for n in found].count(m.id) > 1}
    if duplicates:
        raise MetadataError(f"formation : identifiants en double {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda m: (m.order, m.id)))


def module(module_id: str) -> Module:
    from gardien.errors import GardienError
    from gardien.fr import typed_choice

    module_id = typed_choice(module_id, [m.id for m in modules()]) or module_id
    for candidate in modules():
        if candidate.id == module_id:
            return candidate
    names = ", ".join(m.id for m in modules())
    raise GardienError(f"Module inconnu : « {module_id} ». Modules : {names}.")
