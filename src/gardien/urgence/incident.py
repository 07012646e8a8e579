"""An incident as the journal tells it, the drafts made from it (CNIL notification, letter to patients), and its
place in the GDPR breach register.

The drafts fill in what Gardien knows (dates from the journal, files seen lost by the watcher, measures taken) and say
« à compléter » for what only the practitioner knows. They are drafts: the CNIL's online form is the notification
(references.md INC-06, INC-07); the letter is sent only when the breach is likely to put patients at high risk
(INC-08).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache

from gardien import fr
from gardien.errors import GardienError
from gardien.registre import breaches
from gardien.registre.breaches import BreachNature, Violation, ViolationSource
from gardien.urgence import journal
from gardien.urgence.journal import Entry, EntryKind
from gardien.urgence.state import Outcome


class OnsetSource(StrEnum):
    """What the start of an attack rests on."""

    WATCH = "veille"  # the watch's first sign of encryption (measured)
    DECLARED = "declare"  # the moment she said her files stopped opening
    OPENING = "ouverture"  # the opening of the emergency mode (nothing earlier known)


TO_COMPLETE = "à compléter"
DEADLINE = timedelta(hours=72)  # INC-06, RGPD art. 33.1
ACTION_KINDS = (EntryKind.NETWORK, EntryKind.CALL, EntryKind.DONE)


@dataclass(frozen=True)
class Incident:
    id: str
    entries: tuple[Entry, ...]
    number: int = 0  # its place in the journal, from 1: what she types back (« --incident 2 »); the journal only grows

    @property
    def name(self) -> str:
        """« n° 2 du 29/11/2026 à 22h55 »: how she finds it again, by its number or its date."""
        return f"n° {self.number} du {fr.day_and_time(self.discovered_at)}"

    @property
    def opened(self) -> Entry:
        return self.entries[0]

    @property
    def discovered_at(self) -> str:
        return self.opened.at

    @property
    def closed(self) -> Entry | None:
        return next((e for e in reversed(self.entries) if e.kind is EntryKind.CLOSED), None)

    @property
    def onset(self) -> datetime:
        """When the attack began, as far as Gardien knows: the earlier of the watch's first sign of encryption (its
        alert's earliest clue) and the moment she said her files stopped opening; else the opening of the emergency
        mode (opened by hand: the files may have stopped opening before)."""
        known = [moment for moment in (self.first_sign, self.declared_onset) if moment is not None]
        return min(known) if known else datetime.fromisoformat(self.discovered_at)

    @property
    def onset_source(self) -> OnsetSource:
        """Where `onset` comes from."""
        first, declared = self.first_sign, self.declared_onset
        if first is not None and (declared is None or first <= declared):
            return OnsetSource.WATCH
        return OnsetSource.DECLARED if declared is not None else OnsetSource.OPENING

    @property
    def declared_onset(self) -> datetime | None:
        """When she said her files stopped opening (the last time she said it: she may correct it), or None."""
        said = [e.details.get("depuis") for e in self.entries if e.kind is EntryKind.ONSET]
        for value in reversed(said):
            try:
                moment = datetime.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                continue
            if moment is not None:
                return moment if moment.tzinfo else moment.astimezone()
        return None

    @property
    def first_sign(self) -> datetime | None:
        """The earliest clue of the watch's alerts in this incident (its journal entries keep them), or None."""
        moments = []
        for entry in self.entries:
            raw = entry.details.get("alerte") if entry.kind is EntryKind.ALERT else None
            if not isinstance(raw, dict):
                continue
            clues = raw.get("indices") if isinstance(raw.get("indices"), list) else []
            moments += [m for m in (raw.get("a"), *(c.get("a") for c in clues if isinstance(c, dict)))
                        if isinstance(m, int | float) and not isinstance(m, bool)]
        return datetime.fromtimestamp(min(moments)).astimezone() if moments else None

    @property
    def closed_at(self) -> datetime | None:
        closed = self.closed
        return datetime.fromisoformat(closed.at) if closed is not None else None

    @property
    def false_alarm(self) -> bool:
        closed = self.closed
        return closed is not None and closed.details.get("issue") == Outcome.FALSE_ALARM.value

    @property
    def lost_files(self) -> int:
        return max((int(e.details.get("documents_perdus", 0)) for e in self.entries if e.kind is EntryKind.ALERT), default=0)

    @property
    def ransom_notes(self) -> tuple[Entry, ...]:
        """The ransom message as copied so far, in the terminal or on the page, each copy dated."""
        return tuple(e for e in self.entries if e.kind is EntryKind.RANSOM_NOTE)

    def actions(self) -> list[str]:
        """The measures taken, dated: Gardien's network cut, her notes of calls, and the instructions she said she had
        carried out, stated plainly in the past tense: the drafts are hers, she signs them."""
        return [f"{fr.day_and_time(e.at)} : {_measure(e)}" for e in self.entries if e.kind in ACTION_KINDS]

    def done_said(self) -> list[str]:
        """What she said she did, in her own past tense (« Internet coupé », « Plainte déposée… »), for a letter she
        signs herself (Gardien's own network cut may have failed: it is in the CNIL draft's dated measures)."""
        return list(dict.fromkeys(_measure(e) for e in self.entries if e.kind is EntryKind.DONE))

    def summary(self) -> str:
        alert = next((e for e in self.entries if e.kind is EntryKind.ALERT), None)
        if alert is not None:
            return alert.text.splitlines()[0]
        note = next((e for e in self.entries if e.kind is EntryKind.NOTE), None)
        return note.text if note else "Incident ouvert dans le mode urgence de Gardien (rançongiciel suspecté)."

    def deadline(self) -> datetime:
        return datetime.fromisoformat(self.discovered_at) + DEADLINE

    def watch_alert(self) -> str:
        """What the watch saw when it gave this incident's alert, with its latest count (detector.seen); "" when no
        alert of the watch is in it (opened by hand)."""
        from gardien.veille.detector import SIGNS, seen

        alerts = [e for e in self.entries if e.kind is EntryKind.ALERT and SIGNS in e.text]
        if not alerts:
            return ""
        raw = next((e.details["alerte"] for e in alerts if isinstance(e.details.get("alerte"), dict)), {})
        at = raw.get("a")
        clues = raw.get("indices")
        files = [c["fichier"] for c in clues if isinstance(c, dict) and isinstance(c.get("fichier"), str)] if isinstance(clues, list) else []
        latest = alerts[-1].text
        return seen(datetime.fromtimestamp(at).astimezone() if isinstance(at, int | float) else alerts[0].at,
                    latest[latest.index(SIGNS):].splitlines()[0], files)


def _measure(entry: Entry) -> str:
    """An entry as a measure taken; an instruction she said she carried out in its past tense (« Internet coupé »)."""
    if entry.kind is not EntryKind.DONE:
        return entry.text
    return _past_tenses().get(entry.text, f"{entry.text} Fait.")


@cache
def _past_tenses() -> dict[str, str]:
    """Each instruction as journaled (« Coupez Internet. ») -> its past tense, from the steps file."""
    from gardien.urgence import content

    return {f"{step.title}.": step.done_text for step in content.steps() if step.done_text}


def all_incidents() -> list[Incident]:
    return [Incident(key, tuple(items), number) for number, (key, items) in enumerate(journal.incidents(), start=1)]


def number_of(violation_id: str) -> int:
    """The number she sees in « gardien urgence journal liste » (« Incident n° 2 ») of the incident a violation of the
    register comes from (its id: « j » and the incident's identifier); 0 for a violation typed in the register."""
    return next((i.number for i in all_incidents() if f"j{i.id}" == violation_id), 0)


ID_LENGTH = 8  # journal.new_incident_id(): 4 bytes in hex; a shorter number is the incident's place in the journal


def find(incident_id: str | None = None) -> Incident:
    """One incident; the latest when none is given. She names it by its number in « gardien urgence journal liste »
    (« 2 ») or by the day it was opened (« 29/11/2026 », when only one was opened that day); its identifier, and its
    number in the register of violations (« j » and the identifier, see breach()), still name it too."""
    found = all_incidents()
    if not found:
        raise GardienError("Le journal des incidents est vide : aucun incident à reprendre.")
    if incident_id is None:
        return found[-1]
    typed = incident_id.strip().removeprefix("n°").strip()
    if typed.isdigit() and len(typed) < ID_LENGTH:
        if 1 <= int(typed) <= len(found):
            return found[int(typed) - 1]
    else:
        same = [i for i in found if typed in (i.id, f"j{i.id}")] or _opened_on(found, typed)
        if len(same) == 1:
            return same[0]
        if same:
            raise GardienError(f"Plusieurs incidents ouverts le {typed} : {', '.join(i.name for i in same)}. Tapez son "
                               "numéro.")
    names = ", ".join(i.name for i in found)
    raise GardienError(f"Aucun incident « {incident_id} » dans le journal. Tapez son numéro ou sa date : {names}.",
                       f"Aucun incident « {incident_id} » dans le journal. Les incidents : {names}.")


def _opened_on(found: list[Incident], typed: str) -> list[Incident]:
    """The incidents opened the day typed (« 29/11/2026 », « hier »); none when it is not a day."""
    try:
        day = fr.typed_moment(typed).date()
    except ValueError:
        return []
    return [i for i in found if datetime.fromisoformat(i.discovered_at).date() == day]


def last_attack() -> Incident | None:
    """The latest incident that was not closed as a false alarm: the one whose date the files must be restored from
    before (None when there is none)."""
    return next((i for i in reversed(all_incidents()) if not i.false_alarm), None)


# --- the GDPR breach register's feed (registre/breaches.py) ---------------------------------------------------

class JournalFeed:
    """Each incident of the journal that was not closed as a false alarm is a breach to document (INC-07, art. 33.5)."""

    def violations(self) -> Iterable[Violation]:
        for incident in all_incidents():
            if incident.false_alarm:
                continue
            lost = incident.lost_files
            yield Violation(
                id=f"j{incident.id}", source=ViolationSource.INCIDENT_JOURNAL, reference=incident.opened.fingerprint,
                discovered_at=datetime.fromisoformat(incident.discovered_at).isoformat(timespec="minutes"),
                description=_described(incident.summary()), natures=(BreachNature.AVAILABILITY,),
                records=f"au moins {lost} fichier{'s' if lost > 1 else ''} chiffré{'s' if lost > 1 else ''} (constat de Gardien)" if lost else "",
                measures="\n".join(incident.actions()), recorded_at=incident.discovered_at, updated_at=incident.entries[-1].at,
            )


def _described(summary: str) -> str:
    """« Rançongiciel : … » for the register, said once (the watch's alert begins « Signes de rançongiciel : »)."""
    from gardien.veille.detector import SIGNS

    return f"Rançongiciel : {summary.removeprefix(SIGNS)}"


# --- drafts -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Draft:
    title: str
    intro: str
    sections: tuple[tuple[str, str], ...]  # (heading, text)
    sources: tuple[str, ...]  # references.md rule ids


def _practice():
    try:
        from gardien.registre import storage
        from gardien.registre.interview import Interview

        register = storage.load()
        return Interview.from_dict(register.interview) if register else None
    except (GardienError, ValueError, KeyError, TypeError):
        return None


CONTROLLER = "Responsable du traitement et point de contact (RGPD, art. 33.3 b)"


def _controller(practice) -> str:
    """Who is responsible and how the CNIL reaches her (art. 33.3 b): from the register's interview, each missing part
    « à compléter » (the contact point is asked, never left out)."""
    name = ", ".join(x for x in ((practice.nom, practice.adresse) if practice else ()) if x) or f"nom et adresse : {TO_COMPLETE}"
    contact = practice.contact if practice and practice.contact else f"{TO_COMPLETE} (téléphone ou adresse électronique)"
    return f"{name} ; point de contact : {contact}"


def _follow_up(incident: Incident) -> Violation | None:
    from gardien.registre import breaches

    try:
        return next((v for v in breaches.stored() if v.source is ViolationSource.INCIDENT_JOURNAL
                     and v.reference == incident.opened.fingerprint), None)
    except GardienError:
        return None


class NothingToNotify(GardienError):
    """The incident was closed as a false alarm: no breach, so no notification and no letter (a draft would read as
    a ransomware attack that did not happen)."""

    def __init__(self, incident: Incident) -> None:
        closed = incident.closed
        when = fr.day(closed.at) if closed else ""
        text = (f"Il n'y a pas d'incident à notifier : l'incident du {fr.day(incident.discovered_at)} a été fermé comme "
                f"fausse alerte le {when}. Une fausse alerte n'est pas une violation de données : pas de notification "
                "à la CNIL, pas de lettre aux patients.")
        super().__init__(text + " Pour un autre incident : gardien urgence journal liste, puis --incident NUMÉRO.", text)


def require_notifiable(incident: Incident) -> Incident:
    if incident.false_alarm:
        raise NothingToNotify(incident)
    return incident


def cnil_notification(incident: Incident, now: datetime | None = None) -> Draft:
    """The fields of GDPR art. 33.3 (references.md INC-07), to copy into the CNIL's online form."""
    require_notifiable(incident)
    practice, follow = _practice(), _follow_up(incident)
    now = now or datetime.now().astimezone()
    who = _controller(practice)
    lost = incident.lost_files
    files = f"au moins {fr.plural(lost, 'fichier')} chiffré{'s' if lost > 1 else ''}, constaté{'s' if lost > 1 else ''} par Gardien" if lost else ""
    records = (follow.records if follow and follow.records else files) or TO_COMPLETE
    people = follow.people if follow and follow.people else f"{TO_COMPLETE} (nombre approximatif de patients dont des données étaient sur l'ordinateur)"
    software = f" (logiciel : {practice.logiciel_dossiers})" if practice and practice.logiciel_dossiers else ""
    # The 72 hours run from when she became aware (art. 33.1). The opening of the emergency mode is journaled; a
    # moment she declared her files stopped opening, if earlier, may be when she knew: the deadline is then counted
    # from it, and said to rest on her word. Never a later deadline presented as certain.
    declared = incident.declared_onset
    earlier = declared if declared is not None and declared < datetime.fromisoformat(incident.discovered_at) else None
    deadline = (earlier + DEADLINE) if earlier is not None else incident.deadline()
    late = now > deadline
    discovery = f"{fr.day_and_time(incident.discovered_at)} (ouverture du mode urgence, notée par Gardien)"
    if earlier is not None:
        discovery += (f". Vous avez déclaré que vos fichiers ont cessé de s'ouvrir le {fr.day_and_time(earlier)} : si "
                      "vous l'avez su dès ce moment-là, c'est la date de découverte à indiquer")
        if late:
            discovery += f". En comptant depuis ce moment déclaré, {breaches.CNIL_LATE_TEXT}. Motifs du retard : {TO_COMPLETE}"
        discovery += "."
    elif late:
        discovery += (f" — La violation a été découverte le {fr.day_and_time(incident.discovered_at)} : "
                      f"{breaches.CNIL_LATE_TEXT}. Motifs du retard : {TO_COMPLETE}.")
    if earlier is not None and late:
        when = ("dès maintenant : si vous l'avez su dès le moment où vos fichiers ont cessé de s'ouvrir, déclaré par vous, "
                f"{breaches.CNIL_LATE_TEXT} ; expliquez alors le retard")
    elif earlier is not None:
        when = breaches.cnil_deadline_said(deadline, "en comptant depuis le moment où vos fichiers ont cessé de "
                                                     "s'ouvrir, déclaré par vous")
    elif late:
        when = f"dès maintenant, en expliquant le retard ({breaches.CNIL_LATE_TEXT})"
    else:
        when = breaches.cnil_deadline_said(deadline)
    sections = (
        (CONTROLLER, who),
        ("Date de découverte", discovery),
        ("Date de la violation", _breach_moment(incident, follow)),
        ("Nature de la violation (RGPD, art. 33.3 a)", (
            f"Attaque par rançongiciel : des fichiers de l'ordinateur du cabinet ont été chiffrés et sont indisponibles{software}"
            if lost else  # opened by hand, nothing measured: what was encrypted is hers to say, not Gardien's
            f"Attaque par rançongiciel. Fichiers de l'ordinateur du cabinet chiffrés ou rendus indisponibles{software} : "
            f"{TO_COMPLETE} (lesquels)")
         + f". Données emportées ou non (confidentialité) : {TO_COMPLETE}."),
        ("Catégories de données", f"Données de santé des patients (dossiers, comptes rendus, courriers) et coordonnées ({TO_COMPLETE} "
                                  "ou à corriger)."),
        ("Personnes concernées (nombre approximatif)", people),
        ("Enregistrements concernés (nombre approximatif)", records),
        ("Conséquences probables (RGPD, art. 33.3 c)", (follow.consequences if follow and follow.consequences else
         f"Indisponibilité des dossiers le temps de la restauration ; risque pour les patients si des données ont été "
         f"emportées : {TO_COMPLETE}.")),
        ("Mesures prises ou envisagées (RGPD, art. 33.3 d)", "\n".join(incident.actions()) or TO_COMPLETE),
    )
    return Draft(
        "Brouillon : notification de violation de données à la CNIL",
        "À recopier dans le formulaire en ligne de la CNIL (cnil.fr, « Notifier une violation de données personnelles ») "
        f"{when}. {breaches.NO_RISK_SENTENCE} "
        "Si tout n'est pas encore connu, la notification peut être faite en plusieurs fois.",
        sections, ("INC-06", "INC-07"),
    )


def breach_cnil_notification(violation: Violation, now: datetime | None = None) -> Draft:
    """The fields of GDPR art. 33.3 (INC-07) for a breach typed in the register (a stolen laptop, a letter sent to
    the wrong patient): what she typed, the rest « à compléter ». The discovery date is hers: said so, once (in its
    section). A decision she recorded comes first: no notification (and why), or notified. The one text of this draft,
    for the CLI (« gardien urgence brouillon cnil ») and the violation's web page."""
    practice = _practice()
    late = (now or datetime.now().astimezone()) > violation.deadline
    discovery = breaches.when_text(violation.discovered_at) + breaches.discovery_notes(violation)
    not_needed = violation.cnil is breaches.Decision.NOT_NEEDED  # its reason is why no risk, not why late
    # Each thing once on the page (rounds 23, 24): the notes on her date in the discovery's section, the late notice
    # in the intro, the section keeping only the reasons the CNIL's form asks for.
    if late:
        reason = violation.cnil_reason if violation.cnil_reason and not not_needed else TO_COMPLETE
        discovery += f". Motifs du retard : {reason}."
        when = f"dès maintenant, en expliquant le retard : {breaches.CNIL_LATE_TEXT}"
    else:
        when = breaches.cnil_deadline_said(violation.deadline, hour_note=False)
    natures = f" ({violation.nature_text})" if violation.natures else ""
    sections = (
        (CONTROLLER, _controller(practice)),
        ("Date de découverte", discovery),
        ("Date de la violation", (f"{breaches.when_text(violation.occurred_at)} (date déclarée par vous)"
                                  if violation.occurred_at else f"{TO_COMPLETE} (si elle est connue)")),
        ("Nature de la violation (RGPD, art. 33.3 a)", f"{violation.description.rstrip(' .')}{natures}."),
        ("Catégories de données", violation.data or TO_COMPLETE),
        ("Personnes concernées (nombre approximatif)", violation.people or TO_COMPLETE),
        ("Enregistrements concernés (nombre approximatif)", violation.records or TO_COMPLETE),
        ("Conséquences probables (RGPD, art. 33.3 c)", violation.consequences or TO_COMPLETE),
        ("Mesures prises ou envisagées (RGPD, art. 33.3 d)", violation.measures or TO_COMPLETE),
    )
    copy = "à recopier dans le formulaire en ligne de la CNIL (cnil.fr, « Notifier une violation de données personnelles »)"
    in_parts = "Si tout n'est pas encore connu, la notification peut être faite en plusieurs fois."
    if not_needed:
        intro = (f"Vous avez noté dans le registre votre décision : pas de notification à la CNIL, parce qu'il est peu "
                 f"probable que la violation crée un risque pour les personnes concernées. Votre raison : "
                 f"« {violation.cnil_reason.rstrip(' .')} ». Si vous changez d'avis (un risque apparaît), ce brouillon "
                 f"est {copy} {when}, puis notez la notification dans le registre. {in_parts}")
    elif violation.cnil is breaches.Decision.DONE:
        done = f" le {fr.day(violation.cnil_date)}" if violation.cnil_date else ""
        intro = (f"Vous avez noté dans le registre que la CNIL a été notifiée{done}. Ce brouillon sert à compléter "
                 "cette notification si vous apprenez du nouveau (une notification peut être faite en plusieurs fois).")
    else:
        intro = f"{copy[0].upper()}{copy[1:]} {when}. {breaches.NO_RISK_SENTENCE} {in_parts}"
    return Draft("Brouillon : notification de violation de données à la CNIL", intro, sections, ("INC-06", "INC-07"))


def _breach_moment(incident: Incident, follow: Violation | None) -> str:
    """When the breach happened, as far as it is known: the date she typed in the register (declared); else at the
    latest the watch's first sign of encryption (measured) or the moment she declared her files stopped opening."""
    if follow and follow.occurred_at:
        return f"{fr.day_and_time(follow.occurred_at)} (date déclarée par vous dans le registre des violations)"
    exact = f"date exacte : {TO_COMPLETE} (si elle est connue)"
    source = incident.onset_source
    if source is OnsetSource.WATCH:
        return (f"au plus tard le {fr.day_and_time(incident.onset)} : premier signe de chiffrement vu par la veille de "
                f"Gardien ; {exact}")
    if source is OnsetSource.DECLARED:
        return (f"au plus tard le {fr.day_and_time(incident.onset)} : moment où vos fichiers ont cessé de s'ouvrir, "
                f"déclaré par vous ; {exact}")
    return f"{TO_COMPLETE} (si elle est connue)"


def patient_letter(incident: Incident) -> Draft:
    """The information of patients (GDPR art. 34, references.md INC-08): nature, contact, consequences, measures."""
    require_notifiable(incident)
    practice = _practice()
    # a blank to fill reads « [votre nom, à compléter] », never « … : [à compléter : …] », two colons in a row
    name = practice.nom if practice and practice.nom else f"[votre nom, {TO_COMPLETE}]"
    contact = practice.contact if practice and practice.contact else f"[téléphone ou adresse, {TO_COMPLETE}]"
    sections = (
        ("", "Madame, Monsieur,"),
        ("", f"Le {fr.day(incident.discovered_at)}, l'ordinateur de mon cabinet a été victime d'une attaque informatique par "
             "rançongiciel : des fichiers ont été rendus illisibles par les pirates. Vos données de santé faisaient partie des "
             f"fichiers concernés. [{TO_COMPLETE.capitalize()} si des données ont pu être emportées : dites-le clairement.]"),
        ("", f"Ce que cela peut entraîner pour vous : [{TO_COMPLETE}, par exemple des messages frauduleux utilisant vos "
             "informations ; soyez prudent avec les messages qui se réclament du cabinet.]"),
        ("", _what_i_did(incident)),
        ("", f"Pour toute question, vous pouvez me joindre : {contact}."),
        ("", f"Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\n{name}"),
    )
    return Draft(
        "Brouillon : lettre d'information aux patients",
        "À envoyer quand la violation est susceptible d'engendrer un risque élevé pour les patients, dans les meilleurs "
        "délais et en termes clairs. Elle n'est pas nécessaire si les données étaient chiffrées par vous (illisibles pour "
        "les pirates) ou si des mesures ont rendu ce risque improbable ; si prévenir chacun demandait un effort "
        "disproportionné, une information publique la remplace.",
        sections, ("INC-08",),
    )


def _what_i_did(incident: Incident) -> str:
    """Only what the journal holds (her declared steps): the letter never says she did what she did not say."""
    said = incident.done_said()
    if not said:
        return (f"Ce que j'ai fait : [{TO_COMPLETE}, par exemple ordinateur coupé du réseau, plainte déposée, données "
                "restaurées à partir des sauvegardes.]")
    return "Ce que j'ai fait : " + " ; ".join(fr.capitalised(s) if not i else s[:1].lower() + s[1:]
                                               for i, s in enumerate(said)) + f". [{TO_COMPLETE}]"


def plain_text(draft: Draft) -> str:
    from gardien.urgence.content import source_line, sources

    lines = [draft.title, "=" * len(draft.title), "", draft.intro, ""]
    for heading, text in draft.sections:
        if heading:
            lines.append(heading + " :")
        lines += [text, ""]
    lines.append(source_line(tuple(sources()[s] for s in draft.sources)))
    return "\n".join(lines) + "\n"
