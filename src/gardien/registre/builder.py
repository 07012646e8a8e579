"""From the interview to a register, and the practitioner's edits to it.

Editing rule, the same for the web form, the command line and a re-imported spreadsheet: a text left as it was keeps
its provenance and sources; a changed or new text becomes « saisi par vous » (or « à compléter » when it still says
so); an emptied one is removed. A source never stays attached to words it does not back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from gardien import fr
from gardien.errors import GardienError
from gardien.registre.conditions import CONDITIONS, FROM_ANSWER
from gardien.registre.content import CABINET, FieldDef, SheetTemplate, content
from gardien.registre.interview import (
    ACCESS_LABEL,
    ASKED,
    CHOSEN_FROM,
    NOT_KNOWN,
    PRACTICE_LABEL,
    PROFESSION_LABEL,
    Interview,
)
from gardien.registre.model import Provenance, Register, Sheet, Statement

MAX_STATEMENT = 2000  # characters in one statement
MAX_STATEMENTS = 40  # statements in one field
MAX_SHEETS = 40
MAX_TITLE = 120
TO_COMPLETE_PREFIX = "à compléter"


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def build(interview: Interview, previous: Register | None = None) -> Register:
    """The register for these answers. With `previous`, what the practitioner typed there is kept: their own sheets,
    and their own statements in each sheet that still exists (replacing its « à compléter » ones)."""
    values = _values(interview)
    cabinet = _sheet(content().cabinet, interview, values)
    processings = [_sheet(t, interview, values) for t in content().sheets if _holds(t.conditions, interview)]
    stamp = now()
    register = Register(interview.to_dict(), cabinet, processings, previous.created_at if previous else stamp, stamp)
    if previous is not None:
        _keep_edits(register, previous)
    return register


def _values(interview: Interview) -> dict[str, str]:
    return {
        "nom": interview.nom, "adresse": interview.adresse, "contact": interview.contact, "site": interview.site,
        "contact_droits": interview.contact or interview.adresse,
        "profession": PROFESSION_LABEL[interview.profession],
        "exercice": PRACTICE_LABEL[interview.exercice][0].lower() + PRACTICE_LABEL[interview.exercice][1:],
        "acces": ", ".join(ACCESS_LABEL[a] for a in interview.acces),
        "logiciel_dossiers": interview.logiciel_dossiers, "logiciel_facturation": interview.billing_software,
        "logiciel_rdv": interview.logiciel_rdv, "logiciel_teleconsultation": interview.logiciel_teleconsultation,
        "nom_messagerie": f" : {interview.nom_messagerie}" if interview.nom_messagerie else "",
    }


def _holds(conditions: tuple[str, ...], interview: Interview) -> bool:
    return all(CONDITIONS[c](interview) for c in conditions)


def _sheet(template: SheetTemplate, interview: Interview, values: dict[str, str]) -> Sheet:
    fields = {
        field_id: [Statement(s.text.format_map(values), s.provenance, s.sources)
                   for s in statements if _holds(s.conditions, interview)]
        for field_id, statements in template.fields.items()
    }
    return Sheet(template.id, template.title, fields)


def _keep_edits(register: Register, previous: Register) -> None:
    for old in previous.sheets():
        if old.custom:
            register.processings.append(old)
            continue
        new = register.sheet(old.id)
        if new is None:
            continue
        for field_id, statements in old.fields.items():
            typed = [s for s in statements if s.provenance is Provenance.EDITED]
            if typed:
                kept = [s for s in new.fields.get(field_id, []) if s.provenance is not Provenance.TO_COMPLETE]
                texts = {s.text for s in kept}
                new.fields[field_id] = kept + [s for s in typed if s.text not in texts]


# --- edits -------------------------------------------------------------------------------------------------------

def field_def(sheet_id: str, field_id: str) -> FieldDef:
    for definition in content().fields_of(sheet_id):
        if definition.id == field_id:
            return definition
    names = ", ".join(f.id for f in content().fields_of(sheet_id))
    raise GardienError(f"Rubrique inconnue : « {field_id} ». Rubriques possibles : {names}.")


def require_sheet(register: Register, sheet_id: str) -> Sheet:
    sheet = register.sheet(sheet_id)
    if sheet is None:
        names = ", ".join(s.id for s in register.sheets())
        raise GardienError(f"Fiche inconnue : « {sheet_id} ». Fiches du registre : {names}.")
    return sheet


def clean_text(text: str) -> str:
    """Spaces and line breaks tidied; control characters dropped (a spreadsheet cell may carry them)."""
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def statements_for(texts: list[str], existing: list[Statement], where: str) -> list[Statement]:
    """The new statements of a field from the texts the practitioner left there (see the module's rule)."""
    by_text = {s.text: s for s in existing}
    result: list[Statement] = []
    for raw in texts:
        text = clean_text(raw)
        if not text:
            continue
        if len(text) > MAX_STATEMENT:
            raise GardienError(f"{where} : un texte dépasse {MAX_STATEMENT} caractères ({len(text)}).")
        if text in by_text:
            result.append(by_text[text])
        elif text.casefold().startswith(TO_COMPLETE_PREFIX):
            result.append(Statement(text, Provenance.TO_COMPLETE))
        else:
            result.append(Statement(text, Provenance.EDITED))
    if len(result) > MAX_STATEMENTS:
        raise GardienError(f"{where} : {len(result)} textes ; {MAX_STATEMENTS} au plus par rubrique.")
    return result


def set_field(register: Register, sheet_id: str, field_id: str, texts: list[str]) -> None:
    sheet = require_sheet(register, sheet_id)
    definition = field_def(sheet_id, field_id)
    sheet.fields[field_id] = statements_for(texts, sheet.statements(field_id), f"« {sheet.title} », {definition.label}")
    register.updated_at = now()


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise GardienError("Donnez un titre à la fiche (par exemple « Site internet du cabinet »).")
    if len(title) > MAX_TITLE:
        raise GardienError(f"Titre trop long ({fr.decimal(len(title), 0)} caractères ; {MAX_TITLE} au plus).")
    return title


def new_sheet_id(register: Register, title: str) -> str:
    base = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:40] or "fiche"
    taken = {s.id for s in register.sheets()}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def add_sheet(register: Register, title: str) -> Sheet:
    """A new processing sheet of the practitioner's own, every heading « à compléter »."""
    if len(register.processings) >= MAX_SHEETS:
        raise GardienError(f"Le registre a déjà {MAX_SHEETS} fiches.")
    title = check_title(title)
    sheet = Sheet(new_sheet_id(register, title), title, {f.id: [] for f in content().sheet_fields}, custom=True)
    register.processings.append(sheet)
    register.updated_at = now()
    return sheet


def remove_sheet(register: Register, sheet_id: str) -> Sheet:
    if sheet_id == CABINET:
        raise GardienError("La page du cabinet ne peut pas être retirée : elle ouvre le registre.")
    sheet = require_sheet(register, sheet_id)
    register.processings.remove(sheet)
    register.updated_at = now()
    return sheet


# --- what is left to complete ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    """One place of the register still « à compléter »: a statement saying so, or an empty required heading."""

    sheet: Sheet
    field: FieldDef
    statement: Statement | None  # None: the heading is empty


def gaps(register: Register) -> list[Gap]:
    found = []
    for sheet in register.sheets():
        for definition in content().fields_of(sheet.id):
            statements = sheet.statements(definition.id)
            if not statements and not definition.optional:
                found.append(Gap(sheet, definition, None))
            found.extend(Gap(sheet, definition, s) for s in statements if s.provenance is Provenance.TO_COMPLETE)
    return found


REFERENTIAL_SOURCE = "RGPD-05"  # the CNIL référentiel's legal bases, data categories and recipients: not read by Gardien


def referential_gaps(register: Register) -> list[Gap]:
    """The gaps only the CNIL référentiel fills (legal basis, categories, recipients): she cannot answer them from
    what she knows, and the page must say so before she starts (walkthrough, round 15)."""
    return [gap for gap in gaps(register) if gap.statement is not None and REFERENTIAL_SOURCE in gap.statement.sources]


def fill_gap(register: Register, sheet_id: str, field_id: str, old_text: str, answer: str,
             sources: tuple[str, ...] = ()) -> bool:
    """Put the practitioner's answer in place of one « à compléter » statement (or in an empty heading); False when
    the answer is empty or the gap is no longer there. `sources` back the meaning of a chosen answer (choices.py)."""
    text = clean_text(answer)
    if not text:
        return False
    sheet = require_sheet(register, sheet_id)
    definition = field_def(sheet_id, field_id)
    statements = sheet.fields.setdefault(field_id, [])
    if len(text) > MAX_STATEMENT:
        raise GardienError(f"« {sheet.title} », {definition.label} : la réponse dépasse {MAX_STATEMENT} caractères.")
    replacement = Statement(text, Provenance.EDITED, sources)
    for index, statement in enumerate(statements):
        if statement.provenance is Provenance.TO_COMPLETE and statement.text == old_text:
            statements[index] = replacement
            break
    else:
        if old_text or statements:
            return False
        statements.append(replacement)
    register.updated_at = now()
    return True


# --- what matters first ----------------------------------------------------------------------------------------

ARTICLE_30 = "RGPD-02"  # the headings article 30 of the RGPD requires: what the CNIL asks to see in a register
FIRST_SHOWN = 3  # how many gaps a summary names; the rest is a count


def by_priority(found: list[Gap]) -> list[Gap]:
    """The gaps, what article 30 requires first, then the rest; within each, the register's order: the practice's
    name and address, then the patients' records (health data) before the other activities, each in the order of
    its headings (the article's order)."""
    headings = [f.id for f in content().cabinet_fields] + [f.id for f in content().sheet_fields]
    sheets = list(dict.fromkeys(g.sheet.id for g in found))  # gaps() goes through the sheets in the register's order
    return sorted(found, key=lambda g: (ARTICLE_30 not in g.field.sources, sheets.index(g.sheet.id),
                                        headings.index(g.field.id)))


def gap_label(gap: Gap) -> str:
    """« Dossiers patients et suivi des soins : Catégories de données »."""
    return f"{gap.sheet.title} : {gap.field.label}"


# --- gaps an interview answer fills ------------------------------------------------------------------------------

@cache
def _from_answer() -> dict[tuple[str, str, str], str]:
    """(sheet id, heading id, « à compléter » text) -> the interview answer it comes from (conditions.FROM_ANSWER)."""
    found = {}
    for template in (content().cabinet, *content().sheets):
        for field_id, statements in template.fields.items():
            for statement in statements:
                names = [FROM_ANSWER[c] for c in statement.conditions if c in FROM_ANSWER]
                if statement.provenance is Provenance.TO_COMPLETE and names:
                    found[(template.id, field_id, statement.text)] = names[0]
    return found


def answered_by(gap: Gap, interview: Interview) -> str:
    """The interview answer (an Interview field) this gap comes from, not given yet: answering it is what fills the
    gap, so the register, the questionnaire, the plan and the end-of-life certificate read the same answer. ""
    for a gap only she can fill with her own words."""
    if gap.statement is None:
        return ""
    name = _from_answer().get((gap.sheet.id, gap.field.id, gap.statement.text), "")
    return name if name and str(getattr(interview, name)) in NOT_KNOWN else ""


@dataclass(frozen=True)
class OpenAnswer:
    """An interview answer left empty or « Je ne sais pas » that leaves gaps in the register."""

    name: str  # the Interview field
    question: str
    current: str  # what she answered (« Je ne sais pas », or "" for a name left empty)
    labels: dict | None  # the answers offered (enum -> label); None: a name typed
    gaps: tuple[Gap, ...]


def open_answers(register: Register) -> list[OpenAnswer]:
    interview = Interview.from_dict(register.interview)
    by_name: dict[str, list[Gap]] = {}
    for gap in gaps(register):
        name = answered_by(gap, interview)
        if name:
            by_name.setdefault(name, []).append(gap)
    result = []
    for name in ASKED:
        if name in by_name:
            labels = CHOSEN_FROM.get(name)
            value = getattr(interview, name)
            result.append(OpenAnswer(name, ASKED[name], labels[value] if labels else "", labels, tuple(by_name[name])))
    return result


def asked_again(register: Register) -> dict[tuple[str, str, str], str]:
    """(sheet id, heading id, « à compléter » text) -> the interview question that fills it, for the sheet's page."""
    return {(gap.sheet.id, gap.field.id, gap.statement.text): question.question
            for question in open_answers(register) for gap in question.gaps if gap.statement is not None}


def answer(register: Register, name: str, value: str) -> Register:
    """The register rebuilt with this interview answer given (what she typed elsewhere kept, as a new interview does);
    GardienError for an answer the interview would refuse."""
    if name not in ASKED:
        raise GardienError(f"Réponse inconnue : « {name} ».")
    interview = Interview.from_dict({**register.interview, name: value}, typed=True)
    return build(interview, register)
