"""What is left « à compléter », grouped by heading so that one answer can serve every activity it fits, with the
answers offered for each heading (choix.fr.toml) instead of free typing.

A chosen answer becomes a statement declared by the practitioner (Provenance.EDITED) that keeps the sources of the
choices' meaning (an article of the RGPD, a rule of references.md): the choice is hers, never Gardien's.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

from gardien.core.registry import MetadataError
from gardien.errors import GardienError
from gardien.registre import builder
from gardien.registre.content import CABINET, FieldDef, all_sources, content
from gardien.registre.interview import Interview
from gardien.registre.model import Provenance, Register, Statement

MAX_DURATION = 100  # years or months: a number above is a typing slip


class Form(StrEnum):
    """How a heading is answered on the page."""

    ONE = "un"  # one choice (radio buttons)
    SEVERAL = "plusieurs"  # tick every kind that applies
    DURATION = "duree"  # a number, a unit and a starting point


class Unit(StrEnum):
    MONTHS = "mois"
    YEARS = "ans"


@dataclass(frozen=True)
class Choice:
    id: str
    short: str  # column heading
    text: str  # what goes into the register
    explanation: str
    sources: tuple[str, ...]
    not_for: tuple[str, ...] = ()  # sheet ids where the choice does not apply…
    why_not: str = ""  # …and why, with its own sources
    why_not_sources: tuple[str, ...] = ()
    alone: bool = False  # cannot be ticked with another (« Personne d'autre »)


@dataclass(frozen=True)
class ChoiceSet:
    field_id: str
    question: str
    form: Form
    hint: str
    choices: tuple[Choice, ...]

    def choice(self, choice_id: str) -> Choice:
        for candidate in self.choices:
            if candidate.id == choice_id:
                return candidate
        raise GardienError(f"Réponse inconnue pour « {self.question} » : {choice_id!r}. Rechargez la page.")

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source its choices cite, once."""
        return tuple(dict.fromkeys(s for c in self.choices for s in (*c.sources, *c.why_not_sources)))

    def fits(self, choice: Choice, sheet_id: str) -> bool:
        return sheet_id not in choice.not_for


@cache
def _raw() -> dict:
    return tomllib.loads(resources.files("gardien.registre").joinpath("choix.fr.toml").read_text(encoding="utf-8"))


@cache
def choice_sets() -> dict[str, ChoiceSet]:
    """field id -> the answers offered for it."""
    raw = _raw()
    known = all_sources()
    headings = {f.id for f in content().sheet_fields}
    sets = {}
    for field_id, value in raw["rubriques"].items():
        if field_id not in headings or value.get("forme") not in set(Form):
            raise MetadataError(f"registre : choix pour {field_id!r} : rubrique ou forme {value.get('forme')!r} inconnue")
        choices = []
        for item in value["choix"]:
            sources = tuple(item.get("sources", ())) + tuple(item.get("sources_sauf", ()))
            if any(s not in known for s in sources) or not item.get("texte") or not item.get("court"):
                raise MetadataError(f"registre : choix {field_id}.{item.get('id')} incomplet ou sources inconnues")
            choices.append(Choice(item["id"], item["court"], item["texte"], item.get("explication", ""),
                                  tuple(item.get("sources", ())), tuple(item.get("sauf", ())), item.get("pourquoi", ""),
                                  tuple(item.get("sources_sauf", ())), bool(item.get("seul", False))))
        sets[field_id] = ChoiceSet(field_id, value["question"], Form(value["forme"]), value["aide"], tuple(choices))
    return sets


# --- the page's plan ------------------------------------------------------------------------------------------------

@dataclass
class Group:
    """Every gap of one heading, across the activities: answered once for all, or activity by activity."""

    key: str  # the heading's id, or "cabinet" for the common page's gaps (answered one by one, in free text)
    title: str
    hint: str
    choice_set: ChoiceSet | None
    gaps: list[builder.Gap] = field(default_factory=list)
    first: int = 0  # the number of its first gap over the whole page (the form names each gap by its number)

    def numbered(self) -> list[tuple[int, builder.Gap]]:
        return list(enumerate(self.gaps, start=self.first))

    def shared(self, gap: builder.Gap) -> bool:
        """Whether the « toutes les activités » answer may fill this gap: not on the common page (each of its gaps
        asks something else), not a gap answered apart (the record's special cases)."""
        return self.key != CABINET and (self.choice_set is None or self.offers(gap))

    def offers(self, gap: builder.Gap) -> bool:
        """Whether this gap is answered with the choices (else in free text only)."""
        return self.choice_set is not None and gap.sheet.id not in _FREE_TEXT_ONLY.get(self.key, ())

    def lines(self) -> list[Line]:
        """The answer lines of the group's table (none when the group is answered in free text only)."""
        return _lines(self)

    def apart(self) -> list[tuple[int, builder.Gap]]:
        """The gaps answered in free text, one by one, below the table (or all of them, without choices)."""
        return [(n, gap) for n, gap in self.numbered() if not self.offers(gap)]


@dataclass(frozen=True)
class Line:
    """One answer line of a group's table: the « toutes les activités » line (sheet_id None) or one gap's."""

    prefix: str  # form names start with it: "tous-<group key>" or the gap's number
    title: str
    short: str  # column heading
    sheet_id: str | None

    @property
    def shared(self) -> bool:
        return self.sheet_id is None


def _lines(group: Group) -> list[Line]:
    rows = [Line(str(n), gap.sheet.title, short_titles().get(gap.sheet.id, gap.sheet.title), gap.sheet.id)
            for n, gap in group.numbered() if group.offers(gap)]
    if len(rows) > 1:
        rows.insert(0, Line(f"tous-{group.key}", "Toutes les activités", "Toutes les activités", None))
    return rows


@cache
def short_titles() -> dict[str, str]:
    """sheet id -> the short name heading its column."""
    return dict(_raw()["colonnes"])


# the record's retention is already given (RGPD-06): its gap asks for special cases, not for one more duration
_FREE_TEXT_ONLY = {"conservation": ("dossiers_patients",)}


def groups(register: Register) -> list[Group]:
    """The gaps of the register, grouped by heading, in the order `registre voir` lists what is left (builder.by_priority:
    what article 30 requires first): a heading comes where its first gap does (round 14: the completer asked the legal
    bases first, the register's list ends with them). A gap an interview answer fills is not here: that answer is asked
    instead (builder.open_answers)."""
    interview = Interview.from_dict(register.interview)
    by_key: dict[str, Group] = {}
    for gap in builder.by_priority(builder.gaps(register)):
        if builder.answered_by(gap, interview):
            continue
        key = CABINET if gap.sheet.id == CABINET else gap.field.id
        if key not in by_key:
            choice_set = None if key == CABINET else choice_sets().get(key)
            by_key[key] = _new_group(key, gap.field, choice_set)
        by_key[key].gaps.append(gap)
    result = list(by_key.values())
    number = 0
    for group in result:
        group.first, number = number, number + len(group.gaps)
    return result


def _new_group(key: str, definition: FieldDef, choice_set: ChoiceSet | None) -> Group:
    if key == CABINET:
        return Group(key, "Le cabinet", "Ce que vous êtes la seule personne à savoir sur le cabinet.", None)
    if choice_set is not None:
        return Group(key, choice_set.question, choice_set.hint, choice_set)
    return Group(key, definition.label, definition.hint, None)


def signature(register: Register) -> str:
    """A fingerprint of the gaps and their order: the page's answers are numbered by it, so answers given to another
    list of gaps (the register changed meanwhile) must not be applied."""
    digest = hashlib.sha256()
    for gap in builder.gaps(register):
        digest.update(f"{gap.sheet.id}\0{gap.field.id}\0{gap.statement.text if gap.statement else ''}\0".encode())
    return digest.hexdigest()[:16]


# --- answers --------------------------------------------------------------------------------------------------------

@dataclass
class Answer:
    """What was given for one gap, or for every gap of a group (the « toutes les activités » line)."""

    chosen: list[str] = field(default_factory=list)  # choice ids ("" = « pas encore » is dropped)
    free: str = ""
    number: str = ""  # DURATION
    unit: str = ""
    start: str = ""  # a choice id of the DURATION set

    def __post_init__(self) -> None:
        self.chosen = [c for c in self.chosen if c]

    def is_empty(self) -> bool:
        return not (self.chosen or builder.clean_text(self.free) or self.number.strip() or self.start)


def statement(group: Group, gap: builder.Gap, answer: Answer) -> Statement | None:
    """The declared statement for this answer, or None when it says nothing. GardienError when it cannot be used
    (an unknown choice, a choice that does not apply here, a duration without its number)."""
    where = f"« {gap.sheet.title} », {group.title}"
    texts: list[str] = []
    sources: list[str] = []
    choice_set = group.choice_set if group.offers(gap) else None
    if choice_set is not None and choice_set.form is Form.DURATION:
        duration = _duration(choice_set, answer, where)
        if duration:
            texts.append(duration[0])
            sources.extend(duration[1])
    elif choice_set is not None and answer.chosen:
        picked = [choice_set.choice(c) for c in dict.fromkeys(answer.chosen)]
        refused = next((c for c in picked if not choice_set.fits(c, gap.sheet.id)), None)
        if refused is not None:
            raise GardienError(f"{where} : « {refused.short} » ne convient pas. {refused.why_not}")
        if choice_set.form is Form.ONE and len(picked) > 1:
            raise GardienError(f"{where} : une seule réponse possible.")
        if any(c.alone for c in picked) and len(picked) > 1:
            alone = next(c for c in picked if c.alone)
            raise GardienError(f"{where} : « {alone.short} » ne va pas avec d'autres cases cochées.")
        if choice_set.form is Form.ONE:
            texts.append(picked[0].text)
        else:
            texts.append(" ; ".join(c.text for c in picked) + ".")
        for choice in picked:
            sources.extend(choice.sources)
    free = builder.clean_text(answer.free)
    if free:
        texts.append(free)
    if not texts:
        return None
    text = " ".join(texts)
    if len(text) > builder.MAX_STATEMENT:
        raise GardienError(f"{where} : la réponse dépasse {builder.MAX_STATEMENT} caractères.")
    return Statement(text, Provenance.EDITED, tuple(dict.fromkeys(sources)))


def _duration(choice_set: ChoiceSet, answer: Answer, where: str) -> tuple[str, tuple[str, ...]] | None:
    number = answer.number.strip()
    if not number:
        if answer.start:
            raise GardienError(f"{where} : indiquez la durée (un nombre) avant « à compter ».")
        return None
    if not number.isdigit() or not 1 <= int(number) <= MAX_DURATION:
        raise GardienError(f"{where} : la durée est un nombre entier de 1 à {MAX_DURATION}.")
    try:
        unit = Unit(answer.unit or Unit.YEARS)
    except ValueError:
        raise GardienError(f"{where} : unité inconnue {answer.unit!r} (mois ou ans).") from None
    count = int(number)
    unit_text = ("an" if count == 1 else "ans") if unit is Unit.YEARS else "mois"
    text = f"{count} {unit_text}"
    sources: tuple[str, ...] = ()
    if answer.start:
        start = choice_set.choice(answer.start)
        text += f" {start.text}"
        sources = start.sources
    return text + ".", sources


@dataclass(frozen=True)
class Outcome:
    filled: int
    skipped: list[str]  # gaps the « toutes » answer could not fill, and why


def apply(register: Register, group_answers: dict[str, Answer], gap_answers: dict[int, Answer]) -> Outcome:
    """Fill the gaps: each gap takes its own answer, else its group's « toutes les activités » answer. Gaps are
    numbered in the order of `groups(register)` (their index over all groups). Nothing is written on an error."""
    plan: list[tuple[builder.Gap, Statement]] = []
    skipped: list[str] = []
    for group in groups(register):
        for index, gap in group.numbered():
            answer = _merged(group, gap, gap_answers.get(index), group_answers.get(group.key), skipped)
            if answer is None:
                continue
            made = statement(group, gap, answer)
            if made is not None:
                plan.append((gap, made))
    for gap, made in plan:
        builder.fill_gap(register, gap.sheet.id, gap.field.id, gap.statement.text if gap.statement else "", made.text,
                         made.sources)
    return Outcome(len(plan), skipped)


def _merged(group: Group, gap: builder.Gap, own: Answer | None, shared: Answer | None,
            skipped: list[str]) -> Answer | None:
    """The answer for one gap. Ticked kinds (Form.SEVERAL) of the shared line add to the line's own; otherwise a
    line's own answer replaces the shared one. A shared choice that does not fit this activity is left out, and
    said in `skipped`."""
    own = own if own is not None and not own.is_empty() else None
    if shared is None or shared.is_empty() or not group.shared(gap):
        return own
    fitting = list(shared.chosen)
    if group.choice_set is not None:
        for choice_id in shared.chosen:
            choice = group.choice_set.choice(choice_id)
            if not group.choice_set.fits(choice, gap.sheet.id):
                fitting.remove(choice_id)
                if own is None:
                    skipped.append(f"« {gap.sheet.title} » : « {choice.short} » ne convient pas. {choice.why_not}")
    if group.choice_set is not None and group.choice_set.form is Form.SEVERAL:
        if own is None:
            own = Answer()
        return Answer([*fitting, *own.chosen], own.free or shared.free)
    if own is not None:
        return own
    trimmed = Answer(fitting, shared.free, shared.number, shared.unit, shared.start)
    return None if trimmed.is_empty() else trimmed
