"""The register's default content (contenu.fr.toml), validated on load, and the sources it cites."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from gardien.core.model import Source
from gardien.core.registry import MetadataError, sources_from
from gardien.core.registry import sources as common_sources
from gardien.registre.conditions import CONDITIONS
from gardien.registre.model import Provenance

CABINET = "cabinet"
DPO_FIELD = "dpo_aipd"
DPO_HEADING = "Délégué à la protection des données (DPO) et analyse d'impact"  # its heading (the acronym spelt out), on the web page and in `gardien registre voir`


@dataclass(frozen=True)
class FieldDef:
    """One heading of a sheet (« Finalités », « Durées de conservation »…)."""

    id: str
    label: str
    hint: str
    optional: bool
    sources: tuple[str, ...]  # what in the law asks for this heading


@dataclass(frozen=True)
class StatementTemplate:
    text: str  # may hold {interview value} placeholders
    provenance: Provenance
    sources: tuple[str, ...]
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class SheetTemplate:
    id: str
    title: str
    conditions: tuple[str, ...]
    fields: dict[str, tuple[StatementTemplate, ...]]


@dataclass(frozen=True)
class Content:
    cabinet_fields: tuple[FieldDef, ...]
    sheet_fields: tuple[FieldDef, ...]
    cabinet: SheetTemplate
    sheets: tuple[SheetTemplate, ...]
    own_sources: dict[str, Source]

    def fields_of(self, sheet_id: str) -> tuple[FieldDef, ...]:
        return self.cabinet_fields if sheet_id == CABINET else self.sheet_fields


@cache
def content() -> Content:
    text = resources.files("gardien.registre").joinpath("contenu.fr.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    own = sources_from(raw["sources"])
    clash = set(own) & set(common_sources())
    if clash:
        raise MetadataError(f"registre : sources définies deux fois (ici et dans data/sources.toml) : {sorted(clash)}")
    known = common_sources() | own
    cabinet_fields = tuple(_field(f, known) for f in raw["rubriques"]["cabinet"])
    sheet_fields = tuple(_field(f, known) for f in raw["rubriques"]["fiche"])
    cabinet = _sheet(CABINET, raw["cabinet"], cabinet_fields, known)
    sheets = tuple(_sheet(key, value, sheet_fields, known) for key, value in raw["fiches"].items())
    return Content(cabinet_fields, sheet_fields, cabinet, sheets, own)


def all_sources() -> dict[str, Source]:
    """Every source a register may cite: data/sources.toml and the register's own."""
    return common_sources() | content().own_sources


def _field(raw: dict[str, Any], known: dict[str, Source]) -> FieldDef:
    unknown = [s for s in raw.get("sources", ()) if s not in known]
    if unknown or not raw.get("id") or not raw.get("libelle") or not raw.get("aide"):
        raise MetadataError(f"registre : rubrique {raw.get('id')!r} incomplète ou sources inconnues {unknown}")
    return FieldDef(raw["id"], raw["libelle"], raw["aide"], bool(raw.get("facultatif", False)), tuple(raw.get("sources", ())))


def _sheet(sheet_id: str, raw: dict[str, Any], fields: tuple[FieldDef, ...], known: dict[str, Source]) -> SheetTemplate:
    field_ids = {f.id for f in fields}
    extra = set(raw) - field_ids - {"titre", "si"}
    if extra:
        raise MetadataError(f"registre : fiche {sheet_id} : rubriques inconnues {sorted(extra)}")
    conditions = tuple(raw.get("si", ()))
    _check_conditions(sheet_id, conditions)
    templates = {}
    for field_def in fields:
        templates[field_def.id] = tuple(
            _statement(f"{sheet_id}.{field_def.id}", s, known) for s in raw.get(field_def.id, ())
        )
    return SheetTemplate(sheet_id, raw["titre"], conditions, templates)


def _statement(where: str, raw: dict[str, Any], known: dict[str, Source]) -> StatementTemplate:
    try:
        provenance = Provenance(raw["nature"])
    except (KeyError, ValueError):
        raise MetadataError(f"registre : {where} : nature absente ou inconnue {raw.get('nature')!r}") from None
    sources = tuple(raw.get("sources", ()))
    problems = [f"source inconnue {s}" for s in sources if s not in known]
    if provenance in (Provenance.VERIFIED, Provenance.COMMON_PRACTICE) and not sources:
        problems.append("une règle doit citer sa source")
    if provenance is Provenance.VERIFIED and any(s in known and not known[s].verified for s in sources):
        problems.append("« texte_lu » ne peut citer qu'une source lue (verifie = true)")
    if provenance is Provenance.COMMON_PRACTICE and sources and all(known.get(s, None) and known[s].verified for s in sources):
        problems.append("« recommandation_courante » alors que toutes ses sources sont lues : mettre « texte_lu »")
    if provenance is Provenance.TO_COMPLETE and not raw.get("texte", "").startswith("À compléter"):
        problems.append("un texte « a_completer » commence par « À compléter »")
    if provenance is Provenance.EDITED:
        problems.append("« saisi » est réservé à ce que tape le praticien")
    if not str(raw.get("texte", "")).strip():
        problems.append("texte vide")
    if problems:
        raise MetadataError(f"registre : {where} : " + ", ".join(problems))
    conditions = tuple(raw.get("si", ()))
    _check_conditions(where, conditions)
    return StatementTemplate(raw["texte"], provenance, sources, conditions)


def _check_conditions(where: str, conditions: tuple[str, ...]) -> None:
    unknown = [c for c in conditions if c not in CONDITIONS]
    if unknown:
        raise MetadataError(f"registre : {where} : conditions inconnues {unknown}")
