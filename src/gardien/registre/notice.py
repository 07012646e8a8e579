"""The patient information notice (waiting room and website), generated from the register.

Its sentences are the register's own statements, with the same provenance and sources: completing or correcting
the register completes the notice. Sources are listed once, numbered, at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from gardien import fr
from gardien.core.model import Source
from gardien.registre.content import all_sources
from gardien.registre.model import Provenance, Register, Sheet, Statement

PATIENT_SHEETS = ("dossiers_patients", "facturation", "rendez_vous", "echanges", "teleconsultation")
PRACTITIONER_ONLY = {"MAC-GOUV-RGPD-2"}  # statements addressed to the practitioner, not to patients


@dataclass
class Section:
    title: str
    statements: list[Statement]


@dataclass
class Notice:
    title: str
    practice: str
    website: str
    sections: list[Section]
    sources: list[Source] = field(default_factory=list)  # numbered from 1, in order of first use

    @property
    def to_complete(self) -> int:
        return sum(1 for s in self.sections for st in s.statements if st.provenance is Provenance.TO_COMPLETE)

    def numbers(self, statement: Statement) -> list[int]:
        ids = [s.id for s in self.sources]
        return [ids.index(i) + 1 for i in statement.sources if i in ids]


def build(register: Register) -> Notice:
    patients = [s for s in register.processings if s.id in PATIENT_SHEETS or (s.custom and _about_patients(s))]
    cabinet = register.cabinet
    sections = [
        Section("Qui est responsable de vos données", cabinet.statements("responsable") + cabinet.statements("coordonnees")),
        Section("À quoi elles servent", _gather(patients, "finalites")),
        Section("Ce qui autorise le cabinet à les traiter",
                _gather(patients, "article_9", per_activity=True) + _gather(patients, "base_legale", per_activity=True)),
        Section("Qui peut les consulter ou les recevoir", _gather(patients, "destinataires") + _gather(patients, "sous_traitants")),
        Section("Hors de l'Union européenne", _gather(patients, "transferts")),
        Section("Combien de temps elles sont gardées", _gather(patients, "conservation")),
        Section("Vos droits", [s for s in cabinet.statements("droits") if not set(s.sources) & PRACTITIONER_ONLY]),
    ]
    from gardien.registre.interview import Interview

    sections = [Section(s.title, [_for_patients(st) for st in s.statements]) for s in sections]
    interview = Interview.from_dict(register.interview)
    notice = Notice("Vos données personnelles au cabinet", interview.nom, interview.site,
                    [s for s in sections if s.statements])
    known = all_sources()
    seen: list[str] = []
    for section in notice.sections:
        for statement in section.statements:
            seen.extend(i for i in statement.sources if i in known and i not in seen)
    notice.sources = [known[i] for i in seen]
    return notice


def _about_patients(sheet: Sheet) -> bool:
    return any("patient" in s.text.casefold() for s in sheet.statements("personnes"))


def _gather(sheets: list[Sheet], field_id: str, per_activity: bool = False) -> list[Statement]:
    """Every sheet's statements of one heading, each text once; contract reminders meant for the practitioner
    (RGPD-08) are left out.

    `per_activity`: a heading whose answer differs from one activity to the next (the article 9 exception, the
    legal basis). A text that does not hold for every activity of the notice names the ones it holds for: the
    dossiers' « 9.2.h » and the billing's « à compléter » side by side would otherwise contradict each other.
    """
    holders: dict[str, list[str]] = {}
    first: dict[str, Statement] = {}
    for sheet in sheets:
        for statement in sheet.statements(field_id):
            if "RGPD-08" in statement.sources or "CNIL-CAB" in statement.sources:
                continue
            first.setdefault(statement.text, statement)
            if sheet.title not in holders.setdefault(statement.text, []):
                holders[statement.text].append(sheet.title)
    every = [sheet.title for sheet in sheets]
    if not per_activity:
        return list(first.values())
    return [statement if holders[text] == every else _for_activities(statement, holders[text])
            for text, statement in first.items()]


_TO_COMPLETE = "À compléter : "


def _for_activities(statement: Statement, titles: list[str]) -> Statement:
    """« Pour « Dossiers patients… », exception de l'article 9.2.h… » ; « À compléter pour « Facturation… » : … »."""
    named = fr.quoted_listed(titles)
    text = statement.text
    if text.startswith(_TO_COMPLETE):
        rest = text.removeprefix(_TO_COMPLETE)
        if len(titles) > 1:
            rest = rest.replace("à cette activité", "à chacune")
        return replace(statement, text=f"À compléter pour {named} : {rest}")
    lowered = text[:1].lower() + text[1:] if text[1:2].islower() else text  # « Exception » but not « RGPD »
    return replace(statement, text=f"Pour {named}, {lowered}")


_ABOUT_GARDIEN = re.compile(r"[,;.]?\s*(?:que )?Gardien [^.;]*[.;]?\s*(\w)?")


def _for_patients(statement: Statement) -> Statement:
    """A passage still to complete says what is missing; what Gardien could not read is the practitioner's business
    (the register keeps it), not the patients'."""
    if statement.provenance is not Provenance.TO_COMPLETE:
        return statement
    text = _ABOUT_GARDIEN.sub(_sentence_break, statement.text).strip().rstrip(",;")
    return replace(statement, text=text if text.endswith(".") else text + ".")


def _sentence_break(match: re.Match) -> str:
    """The clause about Gardien goes; when a sentence follows it (« … messagerie. Gardien n'a pas … ; les
    documents … »), a full stop still separates the two."""
    following = match.group(1)
    return f". {following.upper()}" if following else ""


def plain_text(notice: Notice) -> str:
    """The notice as plain text, to paste on a website or in an e-mail."""
    lines = [notice.title.upper(), ""]
    for section in notice.sections:
        lines.append(section.title)
        for statement in section.statements:
            refs = "".join(f" [{n}]" for n in notice.numbers(statement))
            lines.append(f"- {statement.text}{refs}")
        lines.append("")
    if notice.sources:
        lines.append("Sources")
        for number, source in enumerate(notice.sources, start=1):
            caveat = source.caveat
            lines.append(f"[{number}] {source.label}{caveat}" + (f" — {source.url}" if source.url else ""))
    return "\n".join(lines).strip() + "\n"
