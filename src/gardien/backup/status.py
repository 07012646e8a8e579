"""Where the backups stand, from what was measured at each run — never from names or declarations alone.

A destination's copy counts in the 3-2-1 rule only when its last complete backup is recent, was not followed by a
failure, a partial run or a failed restore test, and was measured on another disk than the protected folders.
Copies on one disk count once. « Hors du cabinet » is the user's word for a disk (said « déclaré »), the
address's for a server (said so). Dates in the future are unknown, not recent.

Rules and their sources (references.md): 3 copies, 2 supports, 1 off-line or off-site — SAUV-01 (ANSSI
MonAideCyber; CaRE: « hors ligne ou hors site »); a copy counts as recent for 7 days — SAUV-03 (ANS canevas
7.4.4.3: a weekly backup stored in a distant place); restore test at least once a semester — SAUV-04 (ANSSI
MonAideCyber; once a year in the ANSSI hygiene guide).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from gardien import fr
from gardien.backup import config as cfg
from gardien.backup import state
from gardien.backup.state import Event
from gardien.backup.volumes import Volume
from gardien.errors import GardienError

FORMAT = 1
RECENT_DAYS = 7  # SAUV-03
RESTORE_TEST_DAYS = 182  # SAUV-04: once a semester (MonAideCyber), the stricter of the two frequencies it cites
RESTORE_TEST_RULE = "au moins une fois par semestre, recommande l'ANSSI"  # RESTORE_TEST_DAYS in words
SOURCES = ("SAUV-01", "SAUV-03", "SAUV-04")  # the sources of the status, the same on the command line and on the web


@dataclass
class Row:
    destination: str  # the name typed on the command line (« disque-1 »)
    appellation: str  # what the pages and the sentences call it (« le disque du cabinet »): config.Destination.spoken
    type: str
    lieu: str
    hors_site_declare: bool
    distant: bool
    support: str  # the measured disk, in words
    derniere_sauvegarde: str | None = None
    jours_depuis_sauvegarde: int | None = None
    derniere_verification: str | None = None
    jours_depuis_verification: int | None = None
    partielle: dict | None = None  # the last run, when it was partial: {date, message}
    dernier_echec: dict | None = None  # the last failure since the last complete backup: {date, message, raison}
    derniere_absence: str | None = None
    absence_raison: str | None = None  # why, as the run said it (older histories: none)
    refaire: bool = False  # the disk was there without Gardien's copies: the way out is a new set-up
    meme_disque_que_les_dossiers: bool | None = None
    compte: bool = False  # counts as an up-to-date copy on a support of its own
    inconnu: bool = False  # does not count only because a fact is unknown (date in the future, disk not measured)
    pourquoi: str = ""  # why it does not count
    cle_support: str | None = None
    verification_fichiers: int | None = None  # the last successful restore test: files restored and checked
    verification_comparees: int | None = None  # … of which compared with the original, unchanged since the copy

    @property
    def heading(self) -> str:
        """« Le disque du cabinet »: the copy's title on a page."""
        return fr.capitalised(self.appellation)

    def backup_when(self) -> str:
        return _when(self.derniere_sauvegarde, self.jours_depuis_sauvegarde)

    def verified_when(self) -> str:
        return _when(self.derniere_verification, self.jours_depuis_verification)

    def absence_sentence(self) -> str:
        """The last run that found this destination missing, after its last complete backup."""
        if self.absence_raison:
            return (f"Dernière sauvegarde sans copie, le {fr.day_and_time(self.derniere_absence)} : rien n'y a été "
                    f"copié, {self.absence_raison}.")
        return (f"Dernière sauvegarde sans copie, le {fr.day_and_time(self.derniere_absence)} : le dossier des "
                "copies était introuvable (disque débranché ?), rien n'y a été copié.")

    def lines(self) -> list[str]:
        """The destination in plain French, for the command line."""
        backup, checked = self.backup_when(), self.verified_when()
        lines = [f"{self.destination} ({self.appellation}) — {self.support}, {self.lieu}",
                 f"  dernière sauvegarde complète : {backup} ; dernière restauration d'essai réussie : {checked}."]
        if self.partielle:
            lines.append(f"  Dernière sauvegarde partielle, {_day(self.partielle['date'])} : {self.partielle['message']}")
        if self.dernier_echec:
            lines.append(f"  Dernier échec, {_day(self.dernier_echec['date'])} : {self.dernier_echec['message']}")
        if self.derniere_absence:
            lines.append(f"  {self.absence_sentence()}")
        if not self.compte:
            lines.append(f"  Ne compte pas dans la règle 3-2-1 : {self.pourquoi}")
        return lines


@dataclass
class Report:
    destinations: list[Row]
    regle_3_2_1: bool
    copies: int  # the original and the up-to-date copies, one per support
    phrase: str
    verification: str
    configuree: bool = True
    progress: str = ""  # what is done and what is left, when part of the rule is done (_progress)

    @property
    def verification_news(self) -> str:
        """The restore-test sentence where each copy's own line does not already say it: when no copy has a successful
        test of the last six months (none ever, or too old, with what to do); "" otherwise."""
        recent = any(r.jours_depuis_verification is not None and 0 <= r.jours_depuis_verification <= RESTORE_TEST_DAYS
                     for r in self.destinations)
        return "" if recent else self.verification

    @property
    def sources(self) -> tuple[str, ...]:
        """The rules the status rests on, for the page's « Source : » lines (sources_line on the command line)."""
        return SOURCES

    @property
    def single_destination(self) -> bool:
        """Started with one disk: a second copy elsewhere is still to add."""
        return len(self.destinations) == 1

    def to_dict(self) -> dict:
        return {"format": FORMAT, "configuree": True, "etat": "configuree", "regle_3_2_1": self.regle_3_2_1,
                "copies": self.copies, "phrase": self.phrase, "verification": self.verification,
                "une_seule_destination": self.single_destination, "progression": self.progress,
                "destinations": [asdict(row) for row in self.destinations]}


def not_configured() -> dict:
    return {"format": FORMAT, "configuree": False, "etat": "non_configuree", "regle_3_2_1": False,
            "phrase": "Aucune sauvegarde n'est configurée.", "destinations": []}


def _day(iso: str | None) -> str:
    return f"le {fr.day(iso)}" if iso else "à une date inconnue"


def _when(iso: str | None, days: int | None) -> str:
    if not iso or days is None:
        return "jamais"
    if days < 0:
        return f"à une date inconnue (le {fr.day(iso)} est dans le futur : l'horloge était peut-être fausse)"
    return f"{fr.days_ago(days)} ({fr.day(iso)})"


def _days(iso: str | None, now: datetime) -> int | None:
    """Whole days since `iso`; negative for a date in the future (unknown, never « 0 jour »)."""
    if not iso:
        return None
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if then.tzinfo is None:
        then = then.astimezone()
    seconds = (now - then).total_seconds()
    if seconds < -300:  # a few minutes of clock drift between two programs is not the future
        return -1
    return max(0, (now.date() - then.astimezone(now.tzinfo).date()).days)


def _moment(event: dict) -> datetime:
    """An event's date, comparable whatever its UTC offset (summer and winter time); an unreadable one is oldest."""
    try:
        moment = datetime.fromisoformat(event["date"])
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.astimezone()


def _newer(event: dict | None, than: dict | None) -> bool:
    return bool(event) and (not than or _moment(event) > _moment(than))


def _row(destination: cfg.Destination, entry: dict[str, dict], now: datetime) -> Row:
    backup, partial, failed = entry.get(Event.BACKUP), entry.get(Event.PARTIAL), entry.get(Event.FAILED)
    if failed and failed.get("raison") == "absente":  # written so by Gardien before absence had its own event
        entry = {**entry, Event.ABSENT.value: failed}
        failed = None
    verified, verify_failed = entry.get(Event.VERIFIED), entry.get(Event.VERIFY_FAILED)
    measured = Volume.from_dict(backup.get("appareil")) if backup else None
    shown = measured or destination.appareil  # the disk measured at the last backup, else at set-up
    row = Row(destination.nom, destination.spoken, destination.type.value, destination.place, destination.hors_site,
              destination.type.remote, shown.describe() if shown else "support non mesuré")
    if backup:
        row.derniere_sauvegarde, row.jours_depuis_sauvegarde = backup["date"], _days(backup["date"], now)
        row.meme_disque_que_les_dossiers = backup.get("meme_disque_que_les_dossiers") if measured else None
    if verified:
        row.derniere_verification, row.jours_depuis_verification = verified["date"], _days(verified["date"], now)
        row.verification_fichiers, row.verification_comparees = (_count(verified.get("fichiers_verifies")),
                                                                 _count(verified.get("compares_a_l_original")))
    if _newer(partial, backup):
        row.partielle = {"date": partial["date"], "message": str(partial.get("message") or "des fichiers manquent.")}
    # a backup failure stands until a complete backup; damaged data found by a restore test, until a good test
    standing = [e for e, cleared_by in ((failed, backup), (verify_failed, verified)) if _newer(e, cleared_by)]
    last_failure = max(standing, key=_moment, default=None)
    if last_failure:
        row.dernier_echec = {"date": last_failure["date"], "message": str(last_failure.get("message") or "échec."),
                             "raison": str(last_failure.get("raison") or "")}
    absent = entry.get(Event.ABSENT)
    if _newer(absent, backup):
        row.derniere_absence = absent["date"]
        raison = absent.get("message")
        row.absence_raison = raison if isinstance(raison, str) and raison else None
        row.refaire = absent.get("refaire") is True
    _judge(row, measured)
    return row


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def restore_test_said(checked: int | None, compared: int | None) -> str:
    """What a successful restore test checked, in plain words and without a final full stop: every file restored is
    identical to the copy; it is compared with the original only when the original has not changed since the copy
    (walkthrough r19: « dont 0 comparé octet par octet à l'original » said nothing of why)."""
    if checked is None or compared is None or not 0 <= compared <= checked:  # recorded by an older Gardien
        return "fichiers restaurés et identiques à la sauvegarde"
    restored = fr.plural(checked, "fichier restauré et identique", "fichiers restaurés et identiques") + " à la sauvegarde"
    if compared == checked:
        originals = "à l'original" if checked == 1 else "aux originaux"
        compared_said = "comparé" if checked == 1 else f"{compared} comparés"
        return f"{restored} et {originals} ({compared_said} octet par octet)"
    if compared == 0:
        if checked == 1:
            return f"{restored} ; pas comparé à l'original, qui a été modifié, déplacé ou supprimé depuis la copie"
        return f"{restored} ; pas comparés aux originaux, qui ont été modifiés, déplacés ou supprimés depuis la copie"
    left = checked - compared
    others = ("l'autre a été modifié, déplacé ou supprimé" if left == 1
              else f"les {left} autres ont été modifiés, déplacés ou supprimés")
    originals = "à l'original" if compared == 1 else "aux originaux"
    return f"{restored} ; {fr.plural(compared, 'comparé', 'comparés')} octet par octet {originals} : {others} depuis la copie"


def _judge(row: Row, measured: Volume | None) -> None:
    """Whether the copy counts, and why not, in words."""
    days = row.jours_depuis_sauvegarde
    reasons, unknown = [], []
    if row.derniere_sauvegarde is None:
        reasons.append("aucune sauvegarde complète n'y a encore été faite")
    elif days is None or days < 0:
        unknown.append("la date de la dernière sauvegarde est dans le futur, donc inconnue")
    elif days > RECENT_DAYS:
        reasons.append(f"la dernière sauvegarde complète date de {fr.plural(days, 'jour')} (plus de {RECENT_DAYS})")
    if row.derniere_sauvegarde and measured is None:
        unknown.append("le disque de cette copie n'a pas été mesuré (refaites une sauvegarde)")
    if row.meme_disque_que_les_dossiers:
        reasons.append("elle est sur le même disque que les dossiers protégés : ce n'est pas un autre support")
    if row.partielle:
        reasons.append("la dernière sauvegarde était partielle")
    if row.dernier_echec:
        reasons.append("la dernière tentative a échoué")
    if row.refaire:  # the disk was there, its copies were not: nothing says they still exist anywhere
        reasons.append("le dossier des copies n'était plus sur ce disque à la dernière sauvegarde")
    row.compte = not reasons and not unknown
    row.inconnu = not reasons and bool(unknown)
    row.pourquoi = " ; ".join(reasons + unknown)
    row.cle_support = measured.support if measured else None


def report(configuration: cfg.BackupConfig, now: datetime | None = None) -> Report:
    """Per destination what is known, and the 3-2-1 status in one sentence. DamagedState if the state is damaged."""
    now = now or datetime.now().astimezone()
    recorded = state.load()
    rows = [_row(d, recorded.get(d.nom, {}), now) for d in configuration.destinations]
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.compte and row.cle_support:
            groups.setdefault(row.cle_support, []).append(row)
    # a support is off-site only if every copy on it is (one disk cannot be both at the practice and elsewhere)
    away = [g for g in groups.values() if all(r.hors_site_declare or r.distant for r in g)]
    respected = len(groups) >= 2 and bool(away)
    return Report(rows, respected, 1 + len(groups), _sentence(rows, groups, away, respected), _verification(rows),
                  progress=_progress(groups, away, respected))


def _tested(row: Row) -> bool:
    """A successful restore test of this copy, less than six months old (SAUV-04): only then is it « vérifiée »."""
    return row.jours_depuis_verification is not None and 0 <= row.jours_depuis_verification <= RESTORE_TEST_DAYS


def _progress(groups: dict[str, list[Row]], away: list[list[Row]], respected: bool) -> str:
    """What is done and what is left of the rule, as measured, said first when part of it is done (walkthrough, round
    15: after her first backup and restore test she saw « la règle 3-2-1 n'est pas encore tenue » and nothing else):
    « Première copie faite et vérifiée ; reste la deuxième copie, hors du cabinet. » "" when no copy counts yet (the
    status says what to do first) or the rule is held. A copy is « vérifiée » only by a restore test of its own."""
    if respected or not groups:
        return ""
    tested = [any(_tested(row) for row in group) for group in groups.values()]
    if len(groups) == 1:
        second = "la deuxième copie" if away else "la deuxième copie, hors du cabinet"  # the one copy may be the away one
        if tested[0]:
            return f"Première copie faite et vérifiée ; reste {second}."
        return f"Première copie faite, pas encore vérifiée ; restent {second}, et une restauration d'essai pour la vérifier."
    done = f"{fr.plural(len(groups), 'copie faite', 'copies faites')}, chacune sur son disque"
    keep = "garder l'une d'elles hors du cabinet ou débranchée"
    if all(tested):
        return f"{done}, et vérifiées ; reste à {keep}."
    checked = f", dont {fr.plural(tested.count(True), 'vérifiée', 'vérifiées')}" if any(tested) else ", pas encore vérifiées"
    return f"{done}{checked} ; reste à {keep}, et à faire une restauration d'essai de chacune."


SECOND_COPY = ("une deuxième copie gardée ailleurs (un second disque externe rangé hors du cabinet ou débranché, ou une "
               "copie en ligne chez un hébergeur certifié HDS)")


def _sentence(rows: list[Row], groups: dict[str, list[Row]], away: list[list[Row]], respected: bool) -> str:
    if len(rows) == 1:  # started with one disk: one copy at best, never the rule
        row = rows[0]
        if row.compte:
            return (f"Une seule copie hors de l'ordinateur : la règle 3-2-1 n'est pas encore tenue. Prochaine étape : "
                    f"ajoutez {SECOND_COPY}.")
        return (f"Une seule destination ({row.appellation}), et pas encore de copie à jour : {row.pourquoi}. La règle 3-2-1 "
                f"n'est pas tenue. Faites d'abord une sauvegarde complète, puis ajoutez {SECOND_COPY}.")
    if respected:
        copies = f"vos dossiers et {len(groups)} copies récentes, chacune sur un autre disque (mesuré par Gardien)"
        servers = [r for g in away for r in g if r.distant]
        if servers:  # away by its address: measured
            return (f"Règle 3-2-1 respectée : {copies}, dont une hors du cabinet, sur {servers[0].appellation} (d'après "
                    "son adresse ; une copie sur un serveur reste en ligne, elle n'est pas hors ligne).")
        # a disk is away or unplugged only on her word: Gardien sees it plugged in at each backup, never where it is kept
        named = [r.appellation for g in away for r in g]
        one = len(named) == 1
        return (f"Règle 3-2-1 tenue d'après vos déclarations : {copies}. Où {'est' if one else 'sont'} "
                f"rangé{'' if one else 's'} {fr.listed(named)} (hors du cabinet, ou débranché{'' if one else 's'} entre "
                "deux sauvegardes), c'est vous qui le dites : Gardien ne peut pas le vérifier.")
    missing = []
    shared = [r for g in groups.values() if len(g) > 1 for r in g]
    if shared:
        missing.append(f"{' et '.join(r.appellation for r in shared)} sont en fait un seul et même disque : cela ne fait "
                       "qu'un support")
    count = fr.plural(len(groups), "copie à jour", "copies à jour") if groups else "aucune copie à jour"
    missing.append(f"{count} sur un autre disque que vos dossiers, il en faut 2")
    if groups and not away:
        missing.append("aucune copie à jour n'est hors du cabinet ou débranchée")
    for row in rows:
        if not row.compte:
            missing.append(f"{row.appellation} : {row.pourquoi}")
    return "Règle 3-2-1 non respectée : " + " ; ".join(missing) + "."


def _verification(rows: list[Row]) -> str:
    done = [r for r in rows if r.derniere_verification and r.jours_depuis_verification is not None
            and r.jours_depuis_verification >= 0]
    if not done:
        return ("Aucune restauration d'essai n'a encore réussi : c'est la seule façon de savoir que la sauvegarde servira "
                f"le jour venu ({RESTORE_TEST_RULE}).")
    latest = min(done, key=lambda r: r.jours_depuis_verification)
    sentence = f"Dernière restauration d'essai réussie : {fr.days_ago(latest.jours_depuis_verification)} ({latest.appellation})."
    if latest.jours_depuis_verification > RESTORE_TEST_DAYS:
        sentence += f" C'est plus de six mois : refaites-en une ({RESTORE_TEST_RULE})."
    return sentence


def audit_json() -> str:
    """What the audit reads: empty when no backup is set up; the report; or the reason it cannot be read."""
    try:
        configuration = cfg.load()
        return json.dumps(report(configuration).to_dict(), ensure_ascii=False)
    except cfg.NotConfigured:
        return ""
    except GardienError as exc:
        return json.dumps({"format": FORMAT, "configuree": True, "etat": "illisible", "erreur": exc.message},
                          ensure_ascii=False)


def sources_line() -> str:
    """« Sources : … » for the command line: the same sources as the web page, from the same catalogue."""
    from gardien.core.registry import sources

    known = sources()
    return "Sources : " + " ; ".join(known[rule].label for rule in SOURCES) + "."
