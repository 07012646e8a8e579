"""The end-of-life certificate: what left the practice, when, why, to whom, and which steps were done — declared by
the practitioner, except what Gardien checked itself, which says so. Kept in fin-de-vie.json (data folder) for the
register, printable as a PDF."""

from __future__ import annotations

import io
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from gardien import fr, statefile
from gardien.errors import GardienError
from gardien.fin_de_vie.procedure import (
    DEVICE_LABEL,
    REASON_LABEL,
    SYSTEM_LABEL,
    Condition,
    Device,
    Reason,
    Situation,
    System,
    all_sources,
    backup_remark,
    backup_steps,
    condition_labels,
    device_and_system,
    done_by_gardien,
    steps,
)
from gardien.paths import data_dir

FILE = "fin-de-vie.json"
VERSION = 1
LIMITS = {"description": 200, "serial": 100, "recipient": 200, "done_by": 120, "note": 1000}


def known_done_by() -> str:
    """Who does it, as the GDPR register names the practitioner (the controller): not asked again; "" when the
    register has no name (or one too long for the certificate): then it is asked."""
    from gardien.registre.facts import practitioner_name

    name = practitioner_name()
    return name if len(name) <= LIMITS["done_by"] else ""


class StepState(StrEnum):
    DONE = "fait"
    NOT_DONE = "pas_fait"
    NOT_APPLICABLE = "sans_objet"
    AFTER = "apres_certificat"  # the computer Gardien runs on: wiped last, after this certificate (never asked)


STATE_LABEL = {StepState.DONE: "Fait (déclaré)", StepState.NOT_DONE: "Pas fait", StepState.NOT_APPLICABLE: "Sans objet"}
ANSWERS = (StepState.DONE, StepState.NOT_DONE, StepState.NOT_APPLICABLE)  # what she answers; AFTER is Gardien's
AFTER_LABEL = "À faire après ce certificat, en dernier"
# what Gardien measured wins over « fait » (walkthrough round 18: « oui » to « Vérifiez que ses données sont chiffrées »
# on a disk Gardien had just measured not encrypted, and a certificate saying every step done)
NOT_ENCRYPTED = "Gardien a vérifié que le disque de cet ordinateur n'est pas chiffré ; l'étape compte donc comme pas faite."
BY_GARDIEN_LABEL = "Fait par Gardien (ce certificat)"  # not « déclaré »: Gardien did it (walkthrough round 16)


@dataclass
class StepRecord:
    id: str
    title: str
    state: StepState
    sources: list[str] = field(default_factory=list)
    by_gardien: bool = False
    remark: str = ""  # what Gardien measured against « fait » (no backup in place), when the certificate was made

    @property
    def label(self) -> str:
        if self.by_gardien:
            return BY_GARDIEN_LABEL
        return AFTER_LABEL if self.state is StepState.AFTER else STATE_LABEL[self.state]

    @property
    def said(self) -> str:
        """The state in the steps' table, pointing at Gardien's remark (said once, in the certificate's rows)."""
        return f"{self.label} — voir la remarque de Gardien" if self.remark else self.label


@dataclass
class Certificate:
    id: str
    created_at: str
    device: Device
    system: System
    reason: Reason
    condition: Condition
    description: str
    steps: list[StepRecord]
    serial: str = ""
    recipient: str = ""
    done_by: str = ""
    note: str = ""
    verified: str = ""  # what Gardien checked itself on this computer, with the date; empty when nothing

    @property
    def complete(self) -> bool:
        return all(step.state not in (StepState.NOT_DONE, StepState.AFTER) for step in self.steps)

    @property
    def after(self) -> list[StepRecord]:
        """The steps left for after this certificate (the computer Gardien ran on is wiped last)."""
        return [step for step in self.steps if step.state is StepState.AFTER]

    @property
    def no_backup_seen(self) -> bool:
        ours = backup_steps()
        return any(step.remark and step.id in ours for step in self.steps)

    @property
    def left_undone(self) -> list[StepRecord]:
        return [step for step in self.steps if step.state is StepState.NOT_DONE]

    @property
    def remarked(self) -> list[StepRecord]:
        return [step for step in self.steps if step.remark]

    @property
    def situation(self) -> Situation:
        return Situation(self.device, self.system, self.reason, self.condition)

    @property
    def heading(self) -> str:
        """« Un ordinateur (Windows) : Portable Dell Latitude — Vente ou don »."""
        return f"{device_and_system(self.device, self.system)} : {self.description} — {REASON_LABEL[self.reason]}"

    def rows(self) -> list[tuple[str, str]]:
        """The certificate's facts, in the order a reader expects them (page, PDF and command line alike)."""
        rows = [("Date", fr.day_and_time(self.created_at)),
                ("Appareil", f"{DEVICE_LABEL[self.device]} — {SYSTEM_LABEL[self.system]}"),
                ("Description", self.description), ("Numéro de série", self.serial or "non indiqué"),
                ("Raison", REASON_LABEL[self.reason]), ("État", condition_labels(self.device)[self.condition]),
                ("Remis à", self.recipient or "non indiqué"), ("Fait par", self.done_by or "non indiqué")]
        if self.verified:
            rows.append(("Vérifié par Gardien", self.verified))
        if self.note:
            rows.append(("Remarque", self.note))
        for remark in dict.fromkeys(step.remark for step in self.remarked):  # one row for the steps it concerns
            concerned = [step for step in self.remarked if step.remark == remark]
            titles = " et ".join(f"« {step.title} »" for step in concerned)
            rows.append(("Remarque de Gardien", f"{titles}, {'déclarés faits' if len(concerned) > 1 else 'déclaré fait'} : "
                                                f"{remark}"))
        after = ("À faire après ce certificat, en dernier : " + " ; ".join(s.title for s in self.after) + ".") if self.after else ""
        if self.left_undone:
            verdict = " ".join(filter(None, (f"{fr.plural(len(self.left_undone), 'étape pas faite', 'étapes pas faites')} : "
                                             + " ; ".join(s.title for s in self.left_undone) + ".", after)))
        elif self.no_backup_seen:  # only this computer's certificate has it, so its wipe is often still to do
            verdict = " ".join(filter(None, (
                ("Les étapes d'avant ce certificat" if after else "Toutes les étapes") + " sont déclarées faites ou "
                "sans objet ; Gardien ne voit pourtant aucune sauvegarde en place (voir la remarque de Gardien).", after)))
        elif after:
            verdict = "Les étapes d'avant ce certificat sont faites ou sans objet (déclaré). " + after
        else:
            verdict = "Toutes les étapes sont faites ou sans objet (déclaré)."
        rows.append(("Bilan", verdict))
        return rows

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict) -> Certificate:
        values = dict(raw)
        values["device"], values["system"] = Device(raw["device"]), System(raw["system"])
        values["reason"], values["condition"] = Reason(raw["reason"]), Condition(raw["condition"])
        ours = done_by_gardien()
        values["steps"] = [StepRecord(s["id"], s["title"], StepState(s["state"]), list(s.get("sources", ())),
                                      bool(s.get("by_gardien", s["id"] in ours)), str(s.get("remark", "")))
                           for s in raw["steps"]]
        return cls(**values)


def create(situation: Situation, answers: dict[str, str], description: str, serial: str = "", recipient: str = "",
           done_by: str = "", note: str = "", verified: str = "", now: datetime | None = None,
           this_computer: bool = False, encrypted: bool | None = None) -> Certificate:
    """A new certificate from the answers to each step of this situation's procedure (fait / pas_fait / sans_objet).
    `this_computer`: the computer leaving runs Gardien (its wipe comes after the certificate; only then is the backup
    Gardien sees here about it); `encrypted`: what
    Gardien measured of its disk (None: not measured), which wins over a « fait »."""
    texts = {"description": description.strip(), "serial": serial.strip(), "recipient": recipient.strip(),
             "done_by": done_by.strip(), "note": note.strip()}
    if not texts["description"]:
        raise GardienError("Décrivez l'appareil (par exemple « ordinateur portable Dell du bureau ») : le certificat "
                           "doit dire de quel appareil il s'agit.")
    for key, limit in LIMITS.items():
        if len(texts[key]) > limit:
            raise GardienError(f"Un des textes dépasse {limit} caractères : raccourcissez-le.")
    records = []
    no_backup = None  # measured once, when a step asks
    for step in steps(situation, this_computer):
        if step.by_gardien:
            state = StepState.DONE  # done by saving this
        elif step.after_certificate:
            state = StepState.AFTER
        elif (answer := answers.get(step.id, "")) in {s.value for s in ANSWERS}:
            state = StepState(answer)
        else:
            raise GardienError(f"Dites pour chaque étape si elle est faite, pas faite ou sans objet (étape « {step.title} »).")
        remark = ""
        if this_computer and step.about_backup and state is StepState.DONE:  # what it sees here says nothing of another
            no_backup = backup_remark() if no_backup is None else no_backup
            remark = no_backup
        if step.about_encryption and state is StepState.DONE and encrypted is False:
            state, remark = StepState.NOT_DONE, NOT_ENCRYPTED
        records.append(StepRecord(step.id, step.title, state, [s.id for s in step.sources], step.by_gardien, remark))
    moment = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    return Certificate(secrets.token_hex(4), moment, situation.device, situation.system, situation.reason,
                       situation.condition, texts["description"], records, texts["serial"], texts["recipient"],
                       texts["done_by"], texts["note"], verified)


def register_to_copy() -> bool:
    """Whether there is a GDPR register to copy elsewhere before wiping the computer Gardien runs on (a damaged one
    too: its export then says what is wrong)."""
    from gardien.registre import storage

    try:
        return storage.load() is not None
    except statefile.DamagedState:
        return True


# --- Storage -------------------------------------------------------------------------------------------------------


def path() -> Path:
    return data_dir() / FILE


def _empty() -> dict:
    return {"version": VERSION, "certificats": []}


def load_all() -> list[Certificate]:
    """Every certificate, oldest first; DamagedState when the file cannot be read as certificates."""
    raw = statefile.read(path(), _empty)
    try:
        return [Certificate.from_dict(c) for c in raw.get("certificats", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise statefile.DamagedState(path(), "certificat incomplet ou d'une forme inattendue") from exc


def save(certificate: Certificate) -> None:
    with statefile.updating(path(), _empty) as raw:
        raw.setdefault("certificats", []).append(certificate.to_dict())


def get(certificate_id: str) -> Certificate:
    for certificate in load_all():
        if certificate.id == certificate_id:
            return certificate
    raise GardienError(f"Aucun certificat de fin de vie ne porte le numéro « {certificate_id} ».")


# --- PDF -----------------------------------------------------------------------------------------------------------


def pdf(certificate: Certificate) -> bytes:
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer

    from gardien.registre.pdf import _document, _safe, _styles, _table  # the register's fonts and table style

    styles = _styles()
    p = lambda text, style="body": Paragraph(_safe(text), styles[style])  # noqa: E731
    width = 17.8 * cm
    story = [p("Certificat de fin de vie d'un appareil", "title"), p(certificate.heading, "h2"),
             _table([[p(k, "cell_bold"), p(v)] for k, v in certificate.rows()], [0.3 * width, 0.7 * width], header=False),
             p("Étapes de la procédure", "h2")]
    known = all_sources()
    rows = [[p("Étape", "cell_bold"), p("État", "cell_bold"), p("Source", "cell_bold")]]
    for step in certificate.steps:
        cited = [known[s] for s in step.sources if s in known]
        source = "\n".join(s.label + s.caveat for s in cited)
        rows.append([p(step.title), p(step.said), p(source, "small")])
    story += [_table(rows, [0.45 * width, 0.17 * width, 0.38 * width]), Spacer(1, 14),
              p("Les étapes sont déclarées par la personne qui les a faites ; seul ce qui est marqué « vérifié par "
                "Gardien » a été contrôlé par Gardien. Certificat établi pour le registre des traitements du cabinet "
                "(mesures de sécurité)."), Spacer(1, 24), p("Date et signature :")]
    out = io.BytesIO()
    document, on_page = _document(out, "Certificat de fin de vie", f"Certificat n° {certificate.id} — {fr.day(certificate.created_at)}")
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()
