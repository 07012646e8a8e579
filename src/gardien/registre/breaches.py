"""The breach register (GDPR art. 33.5: every personal data breach is documented, notified or not).

A `Violation` is one entry. Entries come from two places: typed by the practitioner (kept in violations.json), and
any `ViolationFeed` — the incident journal of issue 18 (append-only, hash-chained) will be one: it yields
`Violation(source=ViolationSource.INCIDENT_JOURNAL, reference=<its entry's hash>, …)` and is added to `feeds()`.
A journal entry is never copied or changed here; the practitioner's follow-up of it (CNIL notified, patients told)
is stored as an entry with the same source and reference, which takes its place in the register.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from gardien import fr, statefile
from gardien.errors import GardienError
from gardien.paths import data_dir

FILE = "registre-violations.json"
NOTIFICATION_HOURS = 72  # INC-06: art. 33.1
NOTIFICATION_DELAY = timedelta(hours=NOTIFICATION_HOURS)
# Art. 33.1 says « dans les meilleurs délais et, si possible, 72 heures au plus tard »: never an absolute deadline.
CNIL_DELAY_TEXT = f"dans les meilleurs délais, si possible dans les {NOTIFICATION_HOURS} heures"
# Its siblings: every sentence that names the 72 hours is one of these (a test finds any other in src).
CNIL_LATE_TEXT = f"plus de {NOTIFICATION_HOURS} heures ont passé depuis la découverte"  # then: notify, with the reasons
CNIL_REASON = f"Pourquoi pas de notification, ou pourquoi après {NOTIFICATION_HOURS} heures"
# A deadline counted from a moment she typed rests on her word: said every time it is shown (round 22).
DECLARED_DISCOVERY = "d'après la date de découverte déclarée par vous"
DEADLINES_DECLARED = f"Délais comptés {DECLARED_DISCOVERY}."  # once above a list of deadlines (declared_note)
# Art. 33.1: notify, UNLESS the breach is unlikely to result in a risk (INC-06). Said after the duty, never as its
# condition (« si elle présente un risque… » read as « not notifying is the default »: round 22). One wording for the
# register, the plan and the pages.
NO_RISK_CONDITION = "s'il est peu probable que la violation crée un risque pour les personnes concernées"
UNLESS_NO_RISK = f"sauf {NO_RISK_CONDITION}"
NO_RISK_SENTENCE = f"Seule exception : {NO_RISK_CONDITION}, pas de notification, mais notez pourquoi dans le registre."
# A discovery without its hour is counted from the start of that day: never a deadline later than 72 hours.
NO_HOUR_NOTE = "heure de découverte non précisée : comptée depuis le début de la journée"
NO_HOUR_HINT = f"Sans heure, les {NOTIFICATION_HOURS} heures sont comptées depuis le début de la journée."  # the form
CNIL_DELAY_MARK = "{delai_cnil}"  # in the data files (TOML), replaced by CNIL_DELAY_TEXT when they are read
MAX_TEXT = 4000
MAX_SHORT = 300
MAX_ENTRIES = 5000


class ViolationSource(StrEnum):
    MANUAL = "saisie"
    INCIDENT_JOURNAL = "journal"


class BreachNature(StrEnum):
    CONFIDENTIALITY = "confidentialite"
    INTEGRITY = "integrite"
    AVAILABILITY = "disponibilite"


NATURE_LABEL = {
    BreachNature.CONFIDENTIALITY: "Confidentialité : des données ont pu être vues ou emportées par quelqu'un qui n'aurait pas dû",
    BreachNature.INTEGRITY: "Intégrité : des données ont été modifiées",
    BreachNature.AVAILABILITY: "Disponibilité : des données sont perdues ou inaccessibles (rançongiciel, vol, panne)",
}
NATURE_SHORT = {BreachNature.CONFIDENTIALITY: "confidentialité", BreachNature.INTEGRITY: "intégrité",
                BreachNature.AVAILABILITY: "disponibilité"}


class Decision(StrEnum):
    """Whether the CNIL was notified (art. 33) or the patients informed (art. 34)."""

    DONE = "fait"
    NOT_NEEDED = "non_necessaire"
    TO_DECIDE = "a_decider"


# The words shown for --cnil and --patients (plain French, no « _ »); the stored values, and « non nécessaire » or
# « à décider » typed in any spelling, are accepted too (fr.typed_choice).
CNIL_WORDS = {"fait": Decision.DONE, "pas-de-risque": Decision.NOT_NEEDED, "a-decider": Decision.TO_DECIDE}
PATIENTS_WORDS = {"fait": Decision.DONE, "non-necessaire": Decision.NOT_NEEDED, "a-decider": Decision.TO_DECIDE}


def words_said(words: dict[str, Decision]) -> str:
    """« fait, pas-de-risque ou a-decider »: the choices as the help and the messages show them."""
    return fr.listed(list(words), "ou")


def decision_choice(typed: str, words: dict[str, Decision], what: str) -> Decision:
    """The decision she typed: one of `words`, or a stored value (« non_necessaire »); GardienError otherwise."""
    known = {**{d.value: d for d in Decision}, **words}
    value = fr.typed_choice(str(typed or ""), list(known))
    if value is None:
        raise GardienError(f"Valeur inconnue pour {what} : « {typed} ». Choisissez parmi : {words_said(words)}.")
    return known[value]


CNIL_LABEL = {Decision.DONE: "Notifiée à la CNIL", Decision.NOT_NEEDED: "Pas de notification (risque peu probable pour les personnes)",
              Decision.TO_DECIDE: "À décider"}
PATIENTS_LABEL = {Decision.DONE: "Patients informés", Decision.NOT_NEEDED: "Pas d'information (pas de risque élevé)",
                  Decision.TO_DECIDE: "À décider"}


class DiskMeasure(StrEnum):
    """What Gardien's audit measured of the disk encryption of the computer it examined (check chiffrement_disque)."""

    ENCRYPTED = "chiffre"
    NOT_ENCRYPTED = "non_chiffre"


DISK_CHECK = "chiffrement_disque"
DISK_SOURCE = "INC-08"  # art. 34: data made unintelligible (encryption) need not be told to each patient


@dataclass(frozen=True)
class AuditedDisk:
    """The last audit that measured the disk encryption of this computer: what it found, and when."""

    measure: DiskMeasure
    audited_at: str  # ISO


def audited_disk() -> AuditedDisk | None:
    """What the last audit that measured it found of this computer's disk encryption; None when no audit measured it
    (never run, « à vérifier », history unreadable): then Gardien says nothing of it."""
    from gardien.store import history

    try:
        audits = history.recent()
    except (GardienError, sqlite3.Error, ValueError):  # as the register's measures read it: unreadable, nothing said
        return None
    for audit in reversed(audits):
        status = audit.findings.get(DISK_CHECK)
        if status in ("pass", "fail"):
            return AuditedDisk(DiskMeasure.ENCRYPTED if status == "pass" else DiskMeasure.NOT_ENCRYPTED, audit.started_at)
    return None


def this_computer_question(disk: AuditedDisk) -> str:
    """The question that ties a lost or stolen computer to the one Gardien examined (asked, never guessed)."""
    return f"C'est l'ordinateur que Gardien a examiné lors du bilan du {fr.day(disk.audited_at)} qui a été perdu ou volé"


@dataclass(frozen=True)
class Violation:
    """One documented breach: the facts, its effects and the measures taken (art. 33.5), and the decisions."""

    id: str
    source: ViolationSource
    reference: str  # the incident journal entry's identifier (its hash); "" for an entry typed here
    discovered_at: str  # ISO: when the practice learnt of it; the 72 hours run from here
    description: str
    occurred_at: str = ""  # ISO, "" when unknown
    natures: tuple[BreachNature, ...] = ()
    data: str = ""  # categories of data concerned
    people: str = ""  # approximate number of people concerned, as said (« environ 200 »)
    records: str = ""  # approximate number of records
    consequences: str = ""
    measures: str = ""  # taken or planned, including to limit the harm
    cnil: Decision = Decision.TO_DECIDE
    cnil_date: str = ""
    cnil_reason: str = ""  # why not notified, or why late
    patients: Decision = Decision.TO_DECIDE
    patients_date: str = ""
    patients_reason: str = ""
    recorded_at: str = ""
    updated_at: str = ""
    # declared: the lost or stolen device is the computer Gardien examined; then what its last audit measured of the
    # disk encryption, and when (kept as measured on that day: a later audit is of another computer, or after)
    disk: DiskMeasure | None = None
    disk_audited_at: str = ""

    @property
    def disk_text(self) -> str:
        """« D'après le bilan du 30/11/2026, le disque de cet ordinateur n'était pas chiffré : … »; "" when Gardien
        measured nothing of it, or it is not that computer."""
        if self.disk is None or not self.disk_audited_at:
            return ""
        said = f"D'après le bilan de Gardien du {fr.day(self.disk_audited_at)}, le disque de cet ordinateur "
        if self.disk is DiskMeasure.NOT_ENCRYPTED:
            return (said + "n'était pas chiffré : qui l'a entre les mains peut lire ses données. L'exception des données "
                    "chiffrées ne s'applique donc pas : si le risque pour les patients est élevé, ils doivent être "
                    "informés.")
        return (said + "était chiffré : sans son mot de passe, ses données sont illisibles. C'est l'exception des "
                "données chiffrées : les patients n'ont pas à être informés un par un, si le mot de passe n'a pas été "
                "perdu ou volé avec lui.")

    @property
    def deadline(self) -> datetime:
        return _parse_iso(self.discovered_at) + NOTIFICATION_DELAY

    @property
    def declared(self) -> str:
        """DECLARED_DISCOVERY when she typed the discovery date (the deadline rests on her word); "" when Gardien
        noted it (the opening of the emergency mode, in the incident journal)."""
        return DECLARED_DISCOVERY if self.source is ViolationSource.MANUAL else ""

    def overdue(self, now: datetime | None = None) -> bool:
        """The CNIL decision is still open and the 72 hours have passed."""
        return self.cnil is Decision.TO_DECIDE and (now or datetime.now().astimezone()) > self.deadline

    @property
    def nature_text(self) -> str:
        return ", ".join(NATURE_SHORT[n] for n in self.natures) or "à préciser"

    def to_dict(self) -> dict[str, Any]:
        raw = asdict(self)
        raw["natures"] = [n.value for n in self.natures]
        return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in raw.items()}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Violation:
        values = dict(raw)
        values["source"] = ViolationSource(values["source"])
        values["natures"] = tuple(BreachNature(n) for n in values.get("natures", ()))
        values["cnil"] = Decision(values.get("cnil", Decision.TO_DECIDE))
        values["patients"] = Decision(values.get("patients", Decision.TO_DECIDE))
        values["disk"] = DiskMeasure(values["disk"]) if values.get("disk") else None
        return cls(**values)


class ViolationFeed(Protocol):
    """Something that knows of breaches Gardien did not get typed in: the incident journal (issue 18)."""

    def violations(self) -> Iterable[Violation]: ...


def feeds() -> list[ViolationFeed]:
    """The feeds of the breach register: the incident journal (issue 18)."""
    from gardien.urgence.incident import JournalFeed

    return [JournalFeed()]


def path() -> Path:
    return data_dir() / FILE


def stored() -> list[Violation]:
    raw = statefile.read(path(), default=lambda: {"format": 1, "violations": []})
    try:
        return [Violation.from_dict(v) for v in raw["violations"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise statefile.DamagedState(path(), "ce n'est pas un registre des violations que Gardien sait lire") from exc


def all_violations(sources: Iterable[ViolationFeed] | None = None) -> list[Violation]:
    """Every entry of the breach register, the most recently discovered first."""
    own = stored()
    followed = {(v.source, v.reference) for v in own if v.source is not ViolationSource.MANUAL}
    entries = list(own)
    for feed in feeds() if sources is None else sources:
        entries.extend(v for v in feed.violations() if (v.source, v.reference) not in followed)
    return sorted(entries, key=lambda v: v.discovered_at, reverse=True)


def record(violation: Violation) -> Violation:
    """Add an entry typed by the practitioner, or the follow-up of a journal entry; returns it as stored."""
    stamp = _now()
    entry = replace(violation, id=violation.id or secrets.token_hex(4), recorded_at=stamp, updated_at=stamp)
    with statefile.updating(path(), default=lambda: {"format": 1, "violations": []}) as raw:
        entries = raw.setdefault("violations", [])
        if len(entries) >= MAX_ENTRIES:
            raise GardienError(f"Le registre des violations a déjà {MAX_ENTRIES} entrées.")
        twin = next((e for e in entries if entry.source is ViolationSource.MANUAL and _same(e, entry)), None)
        if twin is not None:
            when = when_text(entry.discovered_at)
            raise GardienError(f"Cette violation est déjà notée (numéro {twin.get('id')}, découverte le {when}) : rien "
                               "n'a été ajouté.",
                               f"Cette violation est déjà notée (découverte le {when}, plus haut dans la liste) : rien "
                               "n'a été ajouté.")
        if entry.source is not ViolationSource.MANUAL and any(
            e.get("source") == entry.source.value and e.get("reference") == entry.reference for e in entries
        ):
            raise GardienError("Cet incident du journal a déjà son suivi dans le registre : modifiez-le plutôt.")
        entries.append(entry.to_dict())
    return entry


def _same(stored_entry: dict[str, Any], entry: Violation) -> bool:
    """The same breach typed twice: same discovery time and same words (spaces and case aside)."""
    words = lambda text: " ".join(str(text).split()).casefold()  # noqa: E731
    return (stored_entry.get("source") == ViolationSource.MANUAL.value
            and stored_entry.get("discovered_at") == entry.discovered_at
            and words(stored_entry.get("description", "")) == words(entry.description))


def delete(violation_id: str) -> Violation:
    """Remove an entry typed by mistake (a journal entry cannot be removed here: only its follow-up is ours)."""
    with statefile.updating(path(), default=lambda: {"format": 1, "violations": []}) as raw:
        entries = raw.setdefault("violations", [])
        for index, item in enumerate(entries):
            if item.get("id") == violation_id and item.get("source") == ViolationSource.MANUAL.value:
                return Violation.from_dict(entries.pop(index))
    if any(v.id == violation_id for v in all_violations()):
        raise GardienError(f"La violation « {violation_id} » vient du journal des incidents : elle ne s'efface pas "
                           "d'ici, seul son suivi se modifie.")
    raise GardienError(f"Aucune violation « {violation_id} » dans le registre.")


def update(violation_id: str, **changes: Any) -> Violation:
    """Change the follow-up of one stored entry (the decisions, measures, consequences…)."""
    with statefile.updating(path(), default=lambda: {"format": 1, "violations": []}) as raw:
        entries = raw.setdefault("violations", [])
        for index, item in enumerate(entries):
            if item.get("id") == violation_id:
                changed = replace(Violation.from_dict(item), **changes, updated_at=_now())
                entries[index] = changed.to_dict()
                return changed
    raise GardienError(f"Aucune violation « {violation_id} » dans le registre.")


FOLLOW_UP = ("data", "people", "records", "consequences", "measures", "cnil", "cnil_date", "cnil_reason", "patients",
             "patients_date", "patients_reason")


def follow_up(violation: Violation) -> dict[str, Any]:
    """The part of an entry that changes after it is recorded: effects, measures and decisions."""
    return {name: getattr(violation, name) for name in FOLLOW_UP}


def save_follow_up(violation_id: str, changes: dict[str, Any]) -> Violation:
    """Update a stored entry; for an incident journal entry seen for the first time, store its follow-up."""
    if any(v.id == violation_id for v in stored()):
        return update(violation_id, **changes)
    return record(replace(find(violation_id), **changes))


def change_follow_up(violation_id: str, **typed: str | None) -> Violation:
    """Check and save the follow-up fields the practitioner typed (same names as FOLLOW_UP; None leaves a field as
    it is); GardienError saying what is wrong, nothing saved."""
    current = find(violation_id)
    values = {k: (v.value if isinstance(v, StrEnum) else v) for k, v in follow_up(current).items()}
    values.update({k: v for k, v in typed.items() if v is not None})
    checked = manual(current.discovered_at, current.description, **values)
    return save_follow_up(violation_id, follow_up(checked))


def find(violation_id: str) -> Violation:
    for violation in all_violations():
        if violation.id == violation_id:
            return violation
    raise GardienError(f"Aucune violation « {violation_id} » dans le registre.")


# --- what the practitioner types ---------------------------------------------------------------------------------

def manual(discovered: str, description: str, *, occurred: str = "", natures: Iterable[str] = (), data: str = "",
           people: str = "", records: str = "", consequences: str = "", measures: str = "", cnil: str = "a_decider",
           cnil_date: str = "", cnil_reason: str = "", patients: str = "a_decider", patients_date: str = "",
           patients_reason: str = "", this_computer: bool = False) -> Violation:
    """A new entry from French input (dates as JJ/MM/AAAA [HH:MM]); GardienError saying what is wrong.
    `this_computer`: she declares the lost or stolen device is the computer Gardien examined (what its audit measured
    of the disk encryption is then kept with the entry)."""
    disk = audited_disk() if this_computer else None
    discovered_at = parse_when(discovered, "date de découverte", required=True)
    cnil_decision = decision_choice(cnil, CNIL_WORDS, "la notification à la CNIL")
    occurred_at = parse_when(occurred, "date de la violation")
    if occurred_at and occurred_at > discovered_at:
        raise GardienError("La violation ne peut pas avoir eu lieu après sa découverte : vérifiez les deux dates.")
    return Violation(
        id="", source=ViolationSource.MANUAL, reference="", discovered_at=discovered_at,
        description=_text(description, DESCRIPTION, MAX_TEXT, required=True), occurred_at=occurred_at,
        natures=tuple(fr.enum_choice(BreachNature, n, "la nature") for n in natures),
        data=_text(data, "Données concernées", MAX_TEXT), people=_text(people, "Nombre de personnes concernées", MAX_SHORT),
        records=_text(records, "Nombre d'enregistrements concernés", MAX_SHORT),
        consequences=_text(consequences, "Conséquences probables", MAX_TEXT),
        measures=_text(measures, "Mesures prises ou prévues", MAX_TEXT),
        cnil=cnil_decision, cnil_date=parse_when(cnil_date, "date de notification"),
        cnil_reason=_cnil_reason(cnil_decision, cnil_reason),
        patients=decision_choice(patients, PATIENTS_WORDS, "l'information des patients"),
        patients_date=parse_when(patients_date, "date d'information des patients"),
        patients_reason=_text(patients_reason, "Pourquoi les patients ne sont pas informés", MAX_TEXT),
        disk=disk.measure if disk else None, disk_audited_at=disk.audited_at if disk else "",
    )


def parse_when(value: str, what: str, required: bool = False) -> str:
    """A date as she types it (fr.typed_moment: « 23/11/2026 14h05 », « 3/2/26 », « hier »…, or ISO) -> ISO with
    the local time zone."""
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            raise GardienError(f"Indiquez la {what} (JJ/MM/AAAA, et l'heure si vous la connaissez).")
        return ""
    try:
        moment = fr.typed_moment(text)
    except ValueError:
        try:
            moment = datetime.fromisoformat(text)  # a saved entry's own value (« 2026-11-23T14:05+01:00 »)
        except ValueError:
            raise GardienError(f"{what.capitalize()} illisible : « {value} ». Écrivez-la par exemple "
                               f"{fr.TYPED_EXAMPLES}.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if moment > datetime.now().astimezone() + timedelta(minutes=5):
        raise GardienError(f"La {what} ({fr.day(moment)}) est dans le futur : vérifiez-la.")
    return moment.isoformat(timespec="minutes")


def with_cnil_delay(text: str) -> str:
    """A data file's text with CNIL_DELAY_MARK said as CNIL_DELAY_TEXT: the data files never type the delay."""
    return text.replace(CNIL_DELAY_MARK, CNIL_DELAY_TEXT)


def before_said(deadline: datetime, declared: str = "", hour_note: bool = True) -> str:
    """« si possible avant le 02/12/2026 à 22h55 (72 heures après la découverte) »; with `declared` (DECLARED_DISCOVERY,
    or which moment she declared) when the count starts from a moment she typed, never from one Gardien noted:
    « (72 heures après la découverte, d'après la date de découverte déclarée par vous) ». A deadline at 00:00 is that of
    a discovery typed without its hour, counted from the start of the day (conservative): NO_HOUR_NOTE says so. The one
    wording of the date for the register's list, the message after recording, the plan and the CNIL draft.
    `hour_note=False` where the screen says NO_HOUR_NOTE beside the discovery date itself (the CNIL draft)."""
    return f"si possible avant le {deadline_text(deadline)} ({counted_said(deadline, declared, hour_note)})"


def counted_said(deadline: datetime, declared: str = "", hour_note: bool = True) -> str:
    """« 72 heures après la découverte, d'après … ; heure de découverte non précisée : … »: how before_said's date is
    counted (the plan's banner says it on a line of its own, under its heading). `declared`, `hour_note`: as
    before_said."""
    counted = f"{NOTIFICATION_HOURS} heures après la découverte" + (f", {declared}" if declared else "")
    return counted + (f" ; {NO_HOUR_NOTE}" if hour_note and _midnight(deadline) else "")


def deadline_text(deadline: datetime) -> str:
    """« 02/12/2026 à 22h55 »: a deadline always says its hour. At 00:00 (a discovery typed without its hour) it names
    the night by the day it ends: « 04/12/2026 à 0h00 » read as the night after the 4th (round 23), « avant le
    04/12/2026 » alone as « until the end of that day », both hours past the 72. The one wording of a deadline."""
    if _midnight(deadline):
        return f"{fr.day(deadline - timedelta(days=1))} à minuit, à la fin de cette journée"
    return fr.day_and_time(deadline)


def _midnight(moment: datetime) -> bool:
    """The deadline of a discovery typed without its hour (counted from 00:00, so it falls at 00:00)."""
    return (moment.hour, moment.minute) == (0, 0)


def cnil_deadline_said(deadline: datetime, declared: str = "", hour_note: bool = True) -> str:
    """« dans les meilleurs délais, si possible avant le 02/12/2026 à 22h55 (72 heures après la découverte) »: the date
    CNIL_DELAY_TEXT points at, never said as an absolute deadline (art. 33.1). `declared`, `hour_note`: as before_said."""
    return f"dans les meilleurs délais, {before_said(deadline, declared, hour_note)}"


def discovery_notes(violation: Violation, declared: bool = True) -> str:
    """« (d'après la date de découverte déclarée par vous ; heure de découverte non précisée : …) » after a date
    counted from the discovery, or "" when Gardien noted the moment itself, with its hour. `declared=False` on a screen
    that already said, once, that the dates are hers (the register's list)."""
    notes = [n for n in (violation.declared if declared else "", NO_HOUR_NOTE if _midnight(violation.deadline) else "")
             if n]
    return f" ({' ; '.join(notes)})" if notes else ""


def declared_note(entries: Iterable[Violation]) -> str:
    """« Délais comptés d'après la date de découverte déclarée par vous. », said once above a list of deadlines when one
    rests on a date she typed, each deadline then without it: the register's list (round 23) and the plan (round 24),
    in the terminal and on the pages. "" when none does."""
    pending = any(v.declared and v.cnil is Decision.TO_DECIDE for v in entries)
    return DEADLINES_DECLARED if pending else ""


def late_said(violation: Violation, declared: bool = True) -> str:
    """CNIL_LATE_TEXT, with the notes on the discovery date the message after recording gives (discovery_notes: her
    date, and no hour), one helper for both (round 23)."""
    return CNIL_LATE_TEXT + discovery_notes(violation, declared)


def violation_deadline_said(violation: Violation) -> str:
    """cnil_deadline_said for one entry of the register, saying when its discovery date is hers."""
    return cnil_deadline_said(violation.deadline, violation.declared)


CNIL_NOTIFY_URL = "https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles"


def recorded_text(violation: Violation, now: datetime | None = None) -> str:
    """What to do about the CNIL, said when a breach is recorded: the deadline ahead, or already gone (a breach
    recorded months after its discovery) and what to do now. The duty first, then its one exception (art. 33.1)."""
    if violation.overdue(now):
        return (f"La CNIL doit être prévenue {CNIL_DELAY_TEXT} après la découverte : ce délai est passé depuis le "
                f"{deadline_text(violation.deadline)}{discovery_notes(violation)}. Notifiez-la maintenant quand même, en expliquant le retard : {CNIL_NOTIFY_URL}\n"
                f"{NO_RISK_SENTENCE}")
    return (f"La CNIL doit être prévenue {violation_deadline_said(violation)} : {CNIL_NOTIFY_URL}\n"
            f"{NO_RISK_SENTENCE}")


def when_text(iso: str) -> str:
    """« 23/11/2026 à 14h05 », « 23/11/2026 » when no time was given (midnight), or « inconnue »."""
    if not iso:
        return "inconnue"
    return fr.day(iso) if iso[11:16] == "00:00" else fr.day_and_time(iso)


DESCRIPTION = "Ce qui s'est passé"


def _cnil_reason(cnil: Decision, reason: str) -> str:
    """No notification to the CNIL is documented with its reason (the plan says « notez pourquoi »: INC-07)."""
    text = _text(reason, CNIL_REASON, MAX_TEXT)
    if not text and cnil is Decision.NOT_NEEDED:
        raise GardienError("Pas de notification à la CNIL : notez pourquoi (par exemple « clé retrouvée, données "
                           "chiffrées »). Le registre doit garder la raison de cette décision.")
    return text


def _text(value: str, what: str, limit: int, required: bool = False) -> str:
    text = "\n".join(" ".join(line.split()) for line in str(value or "").splitlines()).strip()
    if required and not text:
        raise GardienError("Indiquez ce qui s'est passé, en quelques mots.")
    if len(text) > limit:
        raise GardienError(f"Texte trop long pour « {what} » ({len(text)} caractères ; {limit} au plus).")
    return text


def _parse_iso(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.astimezone()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
