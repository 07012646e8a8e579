"""The emergency mode's instructions and default contacts (etapes.fr.toml), validated on load."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import MetadataError, sources_from


class StepAction(StrEnum):
    """What the page or the command offers with an instruction."""

    NONE = ""
    CUT_NETWORK = "couper_reseau"
    NOTE_MESSAGE = "noter_message"
    NOTE_CALL = "noter_appel"
    DRAFTS = "brouillons"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    sources: tuple[Source, ...]
    action: StepAction = StepAction.NONE
    contact: str = ""
    gardien: bool = False  # Gardien's own advice, no authority behind it
    gesture: bool = False  # something she does: the journal records it done only when she says so
    paper: str = ""  # the text on the printed sheet, when the screen's (« Recopiez ici ») does not fit paper
    done_text: str = ""  # the gesture said as done (« Internet coupé »): what the drafts list under « mesures prises »
    reading: str = ""  # the text read without opening the emergency mode, when the screen's (« ici ») does not fit

    @property
    def paper_text(self) -> str:
        return self.paper or self.text

    @property
    def read_text(self) -> str:
        return self.reading or self.text


@dataclass(frozen=True)
class DefaultContact:
    id: str
    name: str
    help: str
    phone: str = ""
    address: str = ""
    sources: tuple[Source, ...] = ()


@cache
def sources() -> dict[str, Source]:
    """Every source the emergency mode may cite: data/sources.toml, the register's own and these."""
    from gardien.registre.content import all_sources

    own = _raw().get("sources", {})
    return all_sources() | sources_from(own)


@cache
def _raw() -> dict:
    from gardien.registre.breaches import with_cnil_delay

    return tomllib.loads(with_cnil_delay(resources.files("gardien.urgence").joinpath("etapes.fr.toml").read_text(encoding="utf-8")))


def _sources(ids: list[str], where: str) -> tuple[Source, ...]:
    known = sources()
    unknown = [s for s in ids if s not in known]
    if unknown or not ids:
        raise MetadataError(f"urgence : {where} : sources absentes ou inconnues {unknown}")
    return tuple(known[s] for s in ids)


# « d'après les textes… » as the step's sources allow: « que Gardien a lus » only when each was read (verifie = true in
# data/sources.toml). The data file writes the mark, never the claim (walkthrough round 14: INC-05, not read, was
# said « d'après les textes que Gardien a lus »).
ACCORDING_TO_MARK = "{d_apres_les_textes}"
ACCORDING_TO = {True: "d'après les textes que Gardien a lus",
                False: "d'après ce que Gardien en sait (il n'a pas pu relire lui-même le texte officiel)"}
_CLAIM = re.compile(r"Gardien a lus?\b|Gardien a relus?\b", re.I)


def _according_to(text: str, step_sources: tuple[Source, ...], where: str) -> str:
    if _CLAIM.search(text.replace(ACCORDING_TO_MARK, "")):
        raise MetadataError(f"urgence : {where} : écrire {ACCORDING_TO_MARK}, pas ce que Gardien a lu")
    return text.replace(ACCORDING_TO_MARK, ACCORDING_TO[all(s.verified for s in step_sources)])


@cache
def steps() -> tuple[Step, ...]:
    loaded = []
    for raw in _raw()["etape"]:
        if not raw.get("id") or not raw.get("titre") or not raw.get("texte"):
            raise MetadataError(f"urgence : étape incomplète {raw.get('id')!r}")
        cited = _sources(raw.get("sources", []), raw["id"])
        loaded.append(Step(raw["id"], raw["titre"], _according_to(raw["texte"], cited, raw["id"]), cited,
                           StepAction(raw.get("action", "")), raw.get("contact", ""), bool(raw.get("gardien", False)),
                           bool(raw.get("geste", False)), _according_to(raw.get("papier", ""), cited, raw["id"]),
                           raw.get("fait", ""), _according_to(raw.get("lecture", ""), cited, raw["id"])))
    contacts = default_contacts()
    unsaid = [s.id for s in loaded if s.gesture and not s.done_text]
    if unsaid:
        raise MetadataError(f"urgence : gestes sans « fait » {unsaid}")
    missing = [s.contact for s in loaded if s.contact and s.contact not in contacts]
    if missing:
        raise MetadataError(f"urgence : contacts inconnus {missing}")
    return tuple(loaded)


@cache
def default_contacts() -> dict[str, DefaultContact]:
    return {key: DefaultContact(key, raw["nom"], raw["aide"], raw.get("telephone", ""), raw.get("adresse", ""),
                                _sources(raw.get("sources", []), key))
            for key, raw in _raw()["contacts"].items()}


def source_line(step_sources: tuple[Source, ...]) -> str:
    """« Source : … » for the command line and the printable sheet; « recommandation courante » where the rule was not
    read in the primary text. Sources at one same address name it once, at the end, as the pages' sources_line macro
    does (the CNIL draft gave the CNIL's address twice, round 24)."""
    urls = {s.url for s in step_sources}
    if len(step_sources) > 1 and len(urls) == 1:
        url = urls.pop()
        return "Sources : " + " ; ".join(s.label + s.caveat for s in step_sources) + (f" — {url}" if url else "")
    parts = [s.label + s.caveat + (f" — {s.url}" if s.url else "")
             for s in step_sources]
    return "Source : " + " ; ".join(parts)


_MEASURE_TITLE = re.compile(r"(mesure \d+)\s*«[^»]*»")  # a measure named by its number, without its quoted title


def short_source_line(step_sources: tuple[Source, ...]) -> str:
    """The terminal's one line under an instruction during an attack: each source's name only (Source.name,
    a measure by its number only), each once, no address; the full sources and their addresses are on the printed
    sheet (source_line). An official text not read is marked (Source.marked): the command says the legend once."""
    names: list[str] = []
    for s in step_sources:
        name = _MEASURE_TITLE.sub(r"\1", s.name) + s.marked
        if name not in names:
            names.append(name)
    return ("Source : " if len(names) == 1 else "Sources : ") + " ; ".join(names)
