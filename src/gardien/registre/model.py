"""The register's data: statements with their provenance, grouped in fields, in sheets (one per processing).

Stored as JSON (storage.py); `to_dict`/`from_dict` are the one place that knows that shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

FORMAT_VERSION = 1


class Provenance(StrEnum):
    """Where one statement of the register comes from."""

    VERIFIED = "texte_lu"  # from a rule references.md tags [P]: the official text was read
    COMMON_PRACTICE = "recommandation_courante"  # [S] or [M]: reported by secondary sources, primary text not read
    DECLARED = "declare"  # an answer of the interview
    EDITED = "saisi"  # typed by the practitioner (web form, command line or an edited spreadsheet)
    TO_COMPLETE = "a_completer"  # the source was not read, or only the practitioner knows

    @property
    def label(self) -> str:
        return PROVENANCE_LABEL[self]

    @property
    def is_declared(self) -> bool:
        return self in (Provenance.DECLARED, Provenance.EDITED)


PROVENANCE_LABEL = {
    Provenance.VERIFIED: "Texte officiel lu",
    Provenance.COMMON_PRACTICE: "Recommandation courante",
    Provenance.DECLARED: "Déclaré (entretien)",
    Provenance.EDITED: "Déclaré (saisi par vous)",
    Provenance.TO_COMPLETE: "À compléter",
}
# What each label means, said once (a legend), not after every text.
PROVENANCE_MEANING = {
    Provenance.VERIFIED: "Gardien a lu le texte officiel.",
    Provenance.COMMON_PRACTICE: "plusieurs sources sérieuses disent la même chose, mais Gardien n'a pas pu lire le "
                                "texte officiel lui-même.",
    Provenance.DECLARED: "ce que vous avez répondu aux questions de Gardien.",
    Provenance.EDITED: "ce que vous avez écrit ou choisi vous-même.",
    Provenance.TO_COMPLETE: "reste à remplir par vous.",
}


def provenance_legend() -> list[str]:
    """« Recommandation courante : plusieurs sources… », one line per label."""
    return [f"{PROVENANCE_LABEL[p]} : {PROVENANCE_MEANING[p]}" for p in Provenance]


@dataclass
class Statement:
    """One sentence of a field, with the references.md rule ids that back it."""

    text: str
    provenance: Provenance
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"texte": self.text, "nature": self.provenance.value, "sources": list(self.sources)}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Statement:
        return cls(str(raw["texte"]), Provenance(raw["nature"]), tuple(str(s) for s in raw.get("sources", ())))


@dataclass
class Sheet:
    """The common page of the register (id "cabinet") or the sheet of one processing."""

    id: str
    title: str
    fields: dict[str, list[Statement]] = field(default_factory=dict)  # field id -> statements, in definition order
    custom: bool = False  # added by the practitioner, not generated from the interview

    def statements(self, field_id: str) -> list[Statement]:
        return self.fields.get(field_id, [])

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "titre": self.title, "ajoutee": self.custom,
            "rubriques": {key: [s.to_dict() for s in values] for key, values in self.fields.items()},
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Sheet:
        return cls(
            str(raw["id"]), str(raw["titre"]),
            {str(k): [Statement.from_dict(s) for s in v] for k, v in raw["rubriques"].items()},
            bool(raw.get("ajoutee", False)),
        )


@dataclass
class Register:
    """The whole register: the interview it came from, the common page and the processing sheets."""

    interview: dict[str, Any]  # Interview.to_dict(): what the practitioner answered
    cabinet: Sheet
    processings: list[Sheet]
    created_at: str
    updated_at: str

    def sheet(self, sheet_id: str) -> Sheet | None:
        if sheet_id == self.cabinet.id:
            return self.cabinet
        return next((s for s in self.processings if s.id == sheet_id), None)

    def sheets(self) -> list[Sheet]:
        return [self.cabinet, *self.processings]

    def sheets_said(self) -> str:
        """« 7 fiches : le cabinet et 6 activités », the count of the sheets listed (walkthrough r14: « 6 fiches »
        above a list of 7, the common page not counted)."""
        from gardien.fr import plural

        return f"{plural(len(self.sheets()), 'fiche')} : le cabinet et {plural(len(self.processings), 'activité')}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION, "cree_le": self.created_at, "modifie_le": self.updated_at,
            "entretien": self.interview, "cabinet": self.cabinet.to_dict(),
            "traitements": [p.to_dict() for p in self.processings],
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Register:
        """KeyError, TypeError or ValueError when the shape is not a register's."""
        if raw.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {raw.get('format')!r}")
        return cls(
            dict(raw["entretien"]), Sheet.from_dict(raw["cabinet"]), [Sheet.from_dict(p) for p in raw["traitements"]],
            str(raw["cree_le"]), str(raw["modifie_le"]),
        )
