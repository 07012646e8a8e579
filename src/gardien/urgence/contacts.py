"""The contacts sheet, prepared before any crisis (references.md INC-03: the list of who to call, printed on paper in
several copies): the practice's IT provider, insurer, software vendor and regional CSIRT, beside the national
numbers Gardien already knows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from gardien import fr, statefile
from gardien.errors import GardienError
from gardien.paths import data_dir
from gardien.urgence.content import DefaultContact, default_contacts

FILE = "urgence-contacts.json"
OWN = ("prestataire", "editeur", "assureur", "csirt")  # what only the practice knows (the CSIRT: its region's)
FIELDS = ("nom", "telephone", "adresse", "note")
FIELD_LABEL = {"nom": "Nom", "telephone": "Téléphone", "adresse": "Adresse e-mail ou site", "note": "Numéro de contrat, de client, remarque"}
MAX_FIELD = 200


@dataclass(frozen=True)
class Contact:
    id: str
    role: str  # « Votre prestataire informatique »
    name: str
    phone: str
    address: str
    note: str
    help: str
    prepared: bool  # filled in by the practitioner (else Gardien's default, or empty)
    default: DefaultContact

    @property
    def missing(self) -> bool:
        """No way to reach them: no address, and no phone number (a stored « MACSF » has no digit: not a number)."""
        return self.id in OWN and not (has_digits(self.phone) or self.address)


def path() -> Path:
    return data_dir() / FILE


def _stored() -> dict:
    return statefile.read(path(), default=lambda: {"contacts": {}})


def contacts(stored: dict | None = None) -> list[Contact]:
    """Every contact of the sheet, in the order of the emergency steps (`stored`: the file, already read)."""
    stored = (_stored() if stored is None else stored).get("contacts", {})
    listed = []
    for key, default in default_contacts().items():
        own = stored.get(key, {}) if isinstance(stored.get(key), dict) else {}
        listed.append(Contact(
            key, default.name, own.get("nom", ""), own.get("telephone", "") or default.phone,
            own.get("adresse", "") or default.address, own.get("note", ""), default.help,
            any(own.get(f) for f in FIELDS), default,
        ))
    return listed


def by_id() -> dict[str, Contact]:
    return {c.id: c for c in contacts()}


def save(values: dict[str, dict[str, str]]) -> list[Contact]:
    """Store what the practitioner typed for the practice's own contacts; GardienError when a field is too long."""
    cleaned: dict[str, dict[str, str]] = {}
    for key in OWN:
        fields = values.get(key, {})
        entry = {}
        for name in FIELDS:
            text = " ".join(str(fields.get(name, "") or "").split())
            if len(text) > MAX_FIELD:
                raise GardienError(f"Texte trop long ({default_contacts()[key].name}, {FIELD_LABEL[name].lower()}) : "
                                   f"{MAX_FIELD} caractères au plus.")
            if name == "telephone":
                check_phone(text, _lower_first(default_contacts()[key].name))
            if text:
                entry[name] = text
        if entry:
            cleaned[key] = entry
    with statefile.updating(path(), default=lambda: {"contacts": {}}) as raw:
        if raw.get("contacts") != cleaned:  # the sheet she printed no longer has these contacts
            raw.pop("impression_confirmee_le", None)
            raw["contacts_changes_le"] = datetime.now().astimezone().isoformat(timespec="seconds")
        raw["contacts"] = cleaned
        raw["modifie_le"] = datetime.now().astimezone().isoformat(timespec="seconds")
    return contacts()


def has_digits(phone: str) -> bool:
    """What makes a phone number one: a stored name (« MACSF ») has none."""
    return any(ch.isdigit() for ch in phone)


def check_phone(text: str, role: str = "") -> str:
    """A phone number has digits: « MACSF » typed in the phone column is a name, not a number to call on the day."""
    if text and not has_digits(text):
        where = f" ({role})" if role else ""
        raise GardienError(f"« {text} » n'est pas un numéro de téléphone{where} : il ne contient aucun chiffre. Écrivez le "
                           "nom dans « Nom » et le numéro dans « Téléphone ».")
    return text


class SheetKept(StrEnum):
    """What was last done with the sheet, besides printing it (her word alone, confirm_printed)."""

    OPENED = "ouverte"  # the page of the interface (files from before it was told apart say only this)
    DOWNLOADED = "telechargee"  # the PDF from the interface, saved wherever the browser saves
    SAVED = "enregistree"  # written to the file named on the command line (`gardien urgence fiche FICHIER`)


def mark_prepared(kept: SheetKept, file: Path | None = None) -> None:
    """The sheet was opened, downloaded or written to `file`: only that, with when (and where, for a file)."""
    with statefile.updating(path(), default=lambda: {"contacts": {}}) as raw:
        raw["preparee_le"] = datetime.now().astimezone().isoformat(timespec="seconds")
        raw["fiche"] = kept.value
        if file is not None:
            raw["fiche_fichier"] = str(file)
        else:
            raw.pop("fiche_fichier", None)


def confirm_printed() -> str:
    """She says she printed the sheet (« Je l'ai imprimée »): stored with the date, as declared."""
    when = datetime.now().astimezone().isoformat(timespec="seconds")
    with statefile.updating(path(), default=lambda: {"contacts": {}}) as raw:
        raw["impression_confirmee_le"] = when
        raw.setdefault("preparee_le", when)
    return when


def withdraw_printed() -> None:
    """The plan's step reopened: « printed » is no longer said (the one truth the plan and this page read)."""
    with statefile.updating(path(), default=lambda: {"contacts": {}}) as raw:
        raw.pop("impression_confirmee_le", None)


def prepared() -> bool:
    """The practice's own contacts are filled in (at least its IT provider or its insurer)."""
    return any(c.prepared for c in contacts() if c.id in ("prestataire", "assureur"))


def prepared_at(stored: dict | None = None) -> str:
    """When the sheet was last opened or written to a file (« imprimee_le » in files from before it was told apart)."""
    stored = _stored() if stored is None else stored
    return str(stored.get("preparee_le") or stored.get("imprimee_le") or "")


def kept(stored: dict | None = None) -> tuple[SheetKept, str]:
    """How the sheet was last prepared, and the file it was written to ("" when none)."""
    stored = _stored() if stored is None else stored
    try:
        how = SheetKept(stored.get("fiche", SheetKept.OPENED.value))
    except ValueError:  # a value this version does not know: said as the least, opened
        how = SheetKept.OPENED
    return how, str(stored.get("fiche_fichier", ""))


def changed_at() -> str:
    """When her contacts last changed (a sheet printed before it is outdated); empty if never."""
    return str(_stored().get("contacts_changes_le", ""))


def printed_at(stored: dict | None = None) -> str:
    """When she said she printed it; empty until she does."""
    return str((_stored() if stored is None else stored).get("impression_confirmee_le", ""))


def missing(stored: dict | None = None) -> list[Contact]:
    return [c for c in contacts(stored) if c.missing]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Readiness:
    """What is true of the sheet: contacts missing, prepared (a file), printed (her word)."""

    missing: tuple[str, ...]  # roles, « votre assureur »
    prepared_at: str
    printed_at: str
    kept: SheetKept = SheetKept.OPENED
    file: str = ""  # where the command line wrote it

    @property
    def done(self) -> bool:
        return not self.missing and bool(self.printed_at)

    def text(self) -> str:
        parts = [("Il manque : " + ", ".join(self.missing) + ".") if self.missing else "Vos contacts d'urgence sont notés."]
        if self.printed_at:
            parts.append(f"Fiche imprimée le {fr.day(self.printed_at)} (déclaré par vous).")
        elif self.prepared_at:
            # opened or saved is not printed: said as what it is
            parts.append(f"{self.kept_said()}, pas encore imprimée d'après vous : à imprimer {print_copies()}.")
        else:
            parts.append("Fiche réflexe pas encore ouverte ni imprimée.")
        return " ".join(parts)

    def kept_said(self) -> str:
        """« Fiche enregistrée dans /home/…/fiche.pdf le 30/11/2026 », « Fiche téléchargée le … », « Fiche ouverte le … »."""
        day = fr.day(self.prepared_at)
        if self.kept is SheetKept.SAVED and self.file:
            return f"Fiche enregistrée dans {self.file} le {day}"
        return f"Fiche téléchargée le {day}" if self.kept is SheetKept.DOWNLOADED else f"Fiche ouverte le {day}"


def readiness() -> Readiness:
    """What is true of the sheet, from one reading of the contacts file (it was read four times per call)."""
    stored = _stored()
    how, file = kept(stored)
    # a name without a number is no way to reach them: say what is missing, not the whole contact again
    return Readiness(tuple(_lower_first(c.role) + (f" (le numéro de {c.name})" if c.name.strip() else "")
                           for c in missing(stored)), prepared_at(stored), printed_at(stored), how, file)


def practice_name() -> str:
    """The practice's name from the GDPR register's interview, if it was done."""
    try:
        from gardien.registre import storage
        from gardien.registre.interview import Interview

        register = storage.load()
        return Interview.from_dict(register.interview).nom if register else ""
    except (GardienError, ValueError, KeyError, TypeError):
        return ""


def group_practice() -> bool:
    """Whether the register's interview says « à plusieurs » (cabinet groupé, maison de santé)."""
    try:
        from gardien.registre import storage
        from gardien.registre.interview import Interview, Practice

        register = storage.load()
        return bool(register) and Interview.from_dict(register.interview).exercice is Practice.GROUP
    except (GardienError, ValueError, KeyError, TypeError):
        return False


def print_copies() -> str:
    """How many sheets to print, after « Imprimez-la » (walkthrough, round 15: three kinés and a secretary need one
    beside each computer, not one for the practice)."""
    if group_practice():
        return "en un exemplaire près de chaque ordinateur du cabinet (accueil compris), et un chez vous"
    return "en deux exemplaires : un au cabinet, un chez vous"


PLAN_STEP = "fiche_reflexe"


def plan_step_fields() -> dict:
    """The plan's step « prepare the contacts and print the sheet » (references.md INC-03): done only when no contact
    is missing and she said she printed it (printing is only ever declared: the plan says so)."""
    from gardien.core.model import RemediationStep

    ready = readiness()
    copies = print_copies()  # reads the register: once for the step and its terminal wording
    if ready.done:
        reason = f"Fiche imprimée le {fr.day(ready.printed_at)}, d'après vous."
    else:
        reason = "À préparer avant toute crise (liste des contacts imprimée). " + ready.text()
    return {
        "id": PLAN_STEP, "title": "Noter les contacts d'urgence et imprimer la fiche réflexe", "source": "questionnaire",
        "effort_minutes": 15, "impact": 2,
        "why": ("Le jour où un rançongiciel bloque l'ordinateur, il ne sert plus à retrouver qui appeler : la liste des "
                "contacts doit être prête et imprimée avant."),
        "how": (RemediationStep("Dans Gardien, ouvrez « En cas d'attaque », puis « Noter mes contacts d'urgence » : "
                                "prestataire informatique, éditeur de votre logiciel, assureur.",
                                terminal="Notez vos contacts d'urgence (prestataire informatique, éditeur de votre "
                                         "logiciel, assureur) : gardien urgence preparer"),
                RemediationStep(f"Imprimez la fiche réflexe {copies}. Puis dites-le à Gardien : « Je l'ai "
                                "imprimée ».",
                                terminal=f"Imprimez la fiche réflexe {copies} (gardien urgence fiche "
                                         "fiche-reflexe.pdf), puis dites-le à Gardien : gardien urgence fiche-imprimee")),
        "reason": reason,
        "status": "fait" if ready.done else "a_faire",
        "declared": f"déclaré le {fr.day(ready.printed_at)}" if ready.done else "",
    }
