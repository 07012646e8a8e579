"""The short interview that fills the register: profession, alone or in a group, software, staff, website.

Typed answers (enums) shared by the command line and the web form; `Interview.from_form` reads the French
values both send, and refuses anything else with a French message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from gardien.errors import GardienError

MAX_NAME = 200  # a practice's or a software's name
MAX_ADDRESS = 400


class Profession(StrEnum):
    SAGE_FEMME = "sage-femme"
    MEDECIN = "medecin"
    INFIRMIER = "infirmier"
    KINE = "kinesitherapeute"
    DENTISTE = "chirurgien-dentiste"
    PODOLOGUE = "pedicure-podologue"
    ORTHOPHONISTE = "orthophoniste"
    ORTHOPTISTE = "orthoptiste"
    AUTRE = "autre"


PROFESSION_LABEL = {
    Profession.SAGE_FEMME: "Sage-femme",
    Profession.MEDECIN: "Médecin",
    Profession.INFIRMIER: "Infirmier ou infirmière",
    Profession.KINE: "Masseur-kinésithérapeute",
    Profession.DENTISTE: "Chirurgien-dentiste",
    Profession.PODOLOGUE: "Pédicure-podologue",
    Profession.ORTHOPHONISTE: "Orthophoniste",
    Profession.ORTHOPTISTE: "Orthoptiste",
    Profession.AUTRE: "Autre profession de santé libérale",
}


class Practice(StrEnum):
    ALONE = "seul"
    GROUP = "groupe"


PRACTICE_LABEL = {Practice.ALONE: "En cabinet individuel (sans association ni collaboration)",
                  Practice.GROUP: "À plusieurs (cabinet groupé, maison de santé)"}


class Answer(StrEnum):
    YES = "oui"
    NO = "non"
    UNKNOWN = "nsp"


ANSWER_LABEL = {Answer.YES: "Oui", Answer.NO: "Non", Answer.UNKNOWN: "Je ne sais pas"}


class Hosting(StrEnum):
    """Where the practice software keeps the patients' files."""

    LOCAL = "poste"
    ONLINE = "en_ligne"
    UNKNOWN = "nsp"


HOSTING_LABEL = {Hosting.LOCAL: "Sur mon ordinateur (logiciel installé)",
                 Hosting.ONLINE: "En ligne (j'y accède par Internet)", Hosting.UNKNOWN: "Je ne sais pas"}


class Messaging(StrEnum):
    MSSANTE = "mssante"
    ORDINARY = "classique"
    NONE = "aucune"


MESSAGING_LABEL = {Messaging.MSSANTE: "Une messagerie sécurisée de santé (MSSanté)",
                   Messaging.ORDINARY: "Une messagerie ordinaire (Gmail, Orange, Outlook…)",
                   Messaging.NONE: "Je n'échange pas de documents de patients par messagerie"}


class Access(StrEnum):
    """Who else opens the patients' files at the practice."""

    SECRETARIAT = "secretariat"
    LOCUM = "remplacant"
    COLLEAGUE = "collaborateur"


ACCESS_LABEL = {Access.SECRETARIAT: "le secrétariat", Access.LOCUM: "une personne qui exerce en remplacement",
                Access.COLLEAGUE: "une personne qui exerce en collaboration ou en association"}


def access_to_ask(practice: str) -> list[Access]:
    """Who else may open the files, given how she practises: alone means without a colleague (said in its label)."""
    return [a for a in Access if not (practice == Practice.ALONE and a is Access.COLLEAGUE)]


class Accounting(StrEnum):
    SELF = "soi"
    ACCOUNTANT = "comptable"
    NONE = "non"


ACCOUNTING_LABEL = {Accounting.SELF: "Oui, moi-même",
                    Accounting.ACCOUNTANT: "Oui, avec un expert-comptable ou une association de gestion agréée",
                    Accounting.NONE: "Non"}


@dataclass
class Interview:
    """The practitioner's answers. Empty text means « not given »: the register then says « à compléter »."""

    profession: Profession = Profession.SAGE_FEMME
    nom: str = ""  # the practitioner or the practice: the controller (art. 30.1.a)
    adresse: str = ""
    contact: str = ""  # where patients write to exercise their rights
    exercice: Practice = Practice.ALONE
    si_commun: Answer = Answer.UNKNOWN  # group only: one shared information system
    plus_10000: Answer = Answer.UNKNOWN  # group only: over 10,000 patients a year
    logiciel_dossiers: str = ""
    hebergement: Hosting = Hosting.UNKNOWN
    fse: bool = True
    logiciel_facturation: str = ""  # empty: the practice software does it
    logiciel_rdv: str = ""  # empty: no online booking
    messagerie: Messaging = Messaging.MSSANTE
    nom_messagerie: str = ""
    logiciel_teleconsultation: str = ""  # empty: no video consultation
    acces: list[Access] = field(default_factory=list)
    salaries: bool = False
    comptabilite: Accounting = Accounting.SELF
    site: str = ""  # the practice's website address, empty when there is none
    hors_ue: Answer = Answer.UNKNOWN  # do the software publishers keep data outside the EU?

    def to_dict(self) -> dict[str, Any]:
        raw = asdict(self)
        return {key: ([str(v) for v in value] if isinstance(value, list) else
                      value.value if isinstance(value, StrEnum) else value) for key, value in raw.items()}

    @classmethod
    def from_dict(cls, raw: dict[str, Any], typed: bool = False) -> Interview:
        """Values as stored (to_dict) or, `typed`, as she typed them in a form; GardienError naming the bad answer
        otherwise. A stored name an older Gardien accepted (« oui ») is kept as it was rather than refused."""
        values: dict[str, Any] = {}
        for name in _FIELDS:
            if name in raw:
                try:
                    values[name] = check(name, raw[name])
                except BadAnswer:
                    if typed:
                        raise
                    values[name] = _text(MAX_NAME)(name, raw[name])
        return cls(**values)

    @property
    def group(self) -> bool:
        return self.exercice is Practice.GROUP

    @property
    def billing_software(self) -> str:
        return self.logiciel_facturation or self.logiciel_dossiers

    @property
    def dpo_required(self) -> Answer:
        """RGPD-07: a group sharing one information system AND over 10,000 patients a year (both conditions)."""
        if not self.group:
            return Answer.NO
        conditions = (self.si_commun, self.plus_10000)
        if Answer.NO in conditions:
            return Answer.NO
        return Answer.YES if conditions == (Answer.YES, Answer.YES) else Answer.UNKNOWN


# The interview questions whose answer, left empty or « Je ne sais pas », leaves gaps in the register (conditions.
# FROM_ANSWER): asked again where those gaps are completed, the same words as the interview. CHOSEN_FROM: the answers
# offered (the others are typed names).
ASKED = {
    "nom": "Votre nom, ou celui du cabinet", "adresse": "Adresse du cabinet",
    "contact": "Où les patients peuvent vous écrire au sujet de leurs données (e-mail ou téléphone)",
    "logiciel_dossiers": "Logiciel qui tient les dossiers des patients (son nom)",
    "hebergement": "Où sont gardés les dossiers des patients ?",
    "logiciel_facturation": "Logiciel de facturation, s'il est différent (sinon vide)",
    "hors_ue": "Vos éditeurs gardent-ils des données hors de l'Union européenne ?",
}
CHOSEN_FROM: dict[str, dict] = {"hebergement": HOSTING_LABEL, "hors_ue": ANSWER_LABEL}
NOT_KNOWN = ("", Hosting.UNKNOWN.value, Answer.UNKNOWN.value)  # an answer not given: empty or « Je ne sais pas »


def _enum(kind: type[StrEnum]) -> Callable[[str, Any], StrEnum]:
    def convert(name: str, value: Any) -> StrEnum:
        try:
            return kind(str(value).strip().lower())
        except ValueError:
            choices = ", ".join(member.value for member in kind)
            raise GardienError(f"Réponse inconnue pour « {name} » : « {value} ». Choisissez parmi : {choices}.") from None
    return convert


def _text(limit: int) -> Callable[[str, Any], str]:
    def convert(name: str, value: Any) -> str:
        text = " ".join(str(value).split())
        if len(text) > limit:  # refused, never cut: a shortened answer would land in the register unsaid (r15)
            asked = ASKED.get(name) or TYPED_ASKED.get(name, name)
            raise BadAnswer(name, f"« {asked} » : trop long ({len(text)} caractères ; {limit} au plus). Cette réponse "
                                  "n'a pas été gardée : écrivez-la plus court ; vos autres réponses sont gardées.")
        return text
    return convert


class BadAnswer(GardienError):
    """One answer of the interview that cannot be written in the register; `name` is its field."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


# Typed in a « name of the software (vide si aucun) » box, these words mean « none », not a software called « non ».
NONE_WORDS = {"non", "n", "aucun", "aucune", "rien", "-", "néant", "neant", "sans", "je n'en ai pas", "pas de site"}
YES_WORDS = {"oui", "o", "yes"}


def _optional_name(limit: int) -> Callable[[str, Any], str]:
    """A software or website name that may be absent: « non », « aucun », « rien » or « - » mean none; « oui » alone, or
    an answer without a letter (« 1 », a number typed as if the question had choices), is not a name (BadAnswer: the
    question is asked again)."""
    as_text = _text(limit)

    def convert(name: str, value: Any) -> str:
        text = as_text(name, value)
        word = text.lower().strip(" .!")
        if not text or word in NONE_WORDS:
            return ""
        asked = f"{NAME_ASKED.get(name, 'le nom du logiciel')}, ou laissez vide s'il n'y en a pas."
        if word in YES_WORDS:
            raise BadAnswer(name, f"« {text} » n'est pas un nom : écrivez {asked}")
        if not any(character.isalpha() for character in text):
            raise BadAnswer(name, f"« {text} » n'est pas un nom : un nom contient au moins une lettre. "
                                  f"Écrivez {asked}")
        return text
    return convert


# The typed answers' questions that ASKED does not hold, in the interview's words (a too-long answer names its question).
TYPED_ASKED = {"site": "Adresse du site internet du cabinet", "nom_messagerie": "Nom de cette messagerie",
               "logiciel_rdv": "Plateforme de prise de rendez-vous en ligne",
               "logiciel_teleconsultation": "Plateforme de téléconsultation"}
NAME_ASKED = {"logiciel_dossiers": "le nom du logiciel des dossiers", "logiciel_facturation": "le nom du logiciel de facturation",
              "logiciel_rdv": "le nom de la plateforme de rendez-vous", "nom_messagerie": "le nom de la messagerie",
              "logiciel_teleconsultation": "le nom de la plateforme de téléconsultation", "site": "l'adresse du site"}


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("oui", "o", "1", "true"):
        return True
    if word in ("non", "n", "0", "false", ""):
        return False
    raise GardienError(f"Réponse inconnue pour « {name} » : « {value} ». Répondez oui ou non.")


def _accesses(name: str, value: Any) -> list[Access]:
    items = value if isinstance(value, list | tuple) else [v for v in str(value).replace(",", " ").split() if v]
    convert = _enum(Access)
    return sorted({convert(name, item) for item in items}, key=list(Access).index)  # type: ignore[arg-type]


# Questions with no « Je ne sais pas » answer: every answer becomes a statement in the register or the patient note,
# so none is chosen for her — a first interview asks them with nothing preselected (re-doing it keeps her answers).
MUST_ANSWER = {
    "profession": "Votre profession", "exercice": "Vous exercez…",
    "fse": "Télétransmettez-vous des feuilles de soins électroniques ?",
    "messagerie": "Pour envoyer des documents de patients, vous utilisez…",
    "acces": "Qui, en plus de vous, ouvre les dossiers des patients ?",
    "salaries": "Avez-vous des salariés ?", "comptabilite": "Tenez-vous une comptabilité ?",
}
NOBODY = "personne"  # the form's « personne d'autre » box: an answer, unlike no box ticked


def unanswered(raw: dict[str, Any]) -> list[str]:
    """The questions of MUST_ANSWER left blank in a form (empty `acces` counts: « personne » is the answer)."""
    return [name for name in MUST_ANSWER if not raw.get(name)]


_FIELDS: dict[str, Callable[[str, Any], Any]] = {
    "profession": _enum(Profession), "nom": _text(MAX_NAME), "adresse": _text(MAX_ADDRESS), "contact": _text(MAX_NAME),
    "exercice": _enum(Practice), "si_commun": _enum(Answer), "plus_10000": _enum(Answer),
    "logiciel_dossiers": _optional_name(MAX_NAME), "hebergement": _enum(Hosting), "fse": _bool,
    "logiciel_facturation": _optional_name(MAX_NAME), "logiciel_rdv": _optional_name(MAX_NAME),
    "messagerie": _enum(Messaging), "nom_messagerie": _optional_name(MAX_NAME),
    "logiciel_teleconsultation": _optional_name(MAX_NAME), "acces": _accesses,
    "salaries": _bool, "comptabilite": _enum(Accounting), "site": _optional_name(MAX_NAME), "hors_ue": _enum(Answer),
}


def check(name: str, value: Any) -> Any:
    """One answer, converted as the register keeps it; GardienError (BadAnswer for a name) when it cannot be."""
    return _FIELDS[name](name, value)
