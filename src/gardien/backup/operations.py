"""The backup operations on restic: back up, verify by restoring, restore. Each destination is handled on its own
(one missing disk never stops the others), and every outcome says what is actually the case, in plain French:
a run that skipped a folder is « partielle » and names it, a check that could not run is not « données abîmées »,
a restore that restored nothing says so."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from gardien import fr
from gardien.backup import attacked, restic, secret, state, volumes
from gardien.backup import config as cfg
from gardien.backup.restic import Failure
from gardien.backup.snapshot_paths import ON_WINDOWS, include_pattern, original_of, restored_under
from gardien.backup.state import Event
from gardien.backup.status import restore_test_said
from gardien.errors import GardienError

MAX_SAMPLE_FILES = 200
SHOWN_ITEMS = 3  # unreadable files named in a sentence
KEPT_ITEMS = 20  # unreadable files kept in the state file
CHECK_SECONDS = 6 * 3600
RESTORE_SECONDS = 24 * 3600
# failures that say nothing about the data: the restore test simply could not run
NOT_ABOUT_THE_DATA = {Failure.WRONG_PASSWORD, Failure.LOCKED, Failure.TIMEOUT, Failure.MISSING, Failure.UNREACHABLE,
                      Failure.NO_SNAPSHOT, Failure.BROKEN_PROGRAM, Failure.MISSING_PROGRAM, Failure.OTHER,
                      Failure.READ_ONLY}


# after « disque-1 : destination absente — »: the status word is not said twice
NOT_FOUND = "le dossier des copies est introuvable (disque débranché ?)"
# a run that made no complete copy: it changes nothing to the backups, and says nothing of the 3-2-1 rule
NO_COPY = "Aucune copie complète n'a été faite par cette sauvegarde : réglez ce qui est dit ci-dessus, puis relancez."


class Result(StrEnum):
    OK = "ok"
    PARTIAL = "partielle"
    ABSENT = "absente"
    FAILED = "echec"
    NOT_DONE = "impossible"

    @property
    def word(self) -> str:
        return {"ok": "réussie", "partielle": "partielle", "absente": "destination absente", "echec": "échec",
                "impossible": "pas faite"}[self.value]


@dataclass
class Outcome:
    destination: str
    status: Result
    message: str
    details: dict = field(default_factory=dict)


def unplug_hint(outcomes: list[Outcome]) -> str:
    """After a backup run, for the terminal and the page: unplug the disk; « ranger le second ailleurs » only when a
    second one was plugged in (walkthrough, round 17: said with the off-site key absent)."""
    there = [o for o in outcomes if o.status is not Result.ABSENT]
    return ("Pensez à débrancher le disque." if len(there) <= 1
            else "Pensez à débrancher le disque et à ranger le second ailleurs.")


def made_a_copy(outcomes: list[Outcome]) -> bool:
    """Whether a run made at least one complete copy (only then may it say where the 3-2-1 rule stands)."""
    return any(outcome.status is Result.OK for outcome in outcomes)


def _unlocked_retry(action: Callable[[], object], destination: cfg.Destination, password: str):
    """Run `action`; if the repository is locked, remove stale locks (left by a run killed or cut off:
    `restic unlock` keeps the locks of live processes) and try once more."""
    try:
        return action()
    except restic.ResticError as exc:
        if exc.kind is not Failure.LOCKED:
            raise
        restic.run(["unlock"], destination.depot, password)
        return action()


def refuse_read_only(destination: cfg.Destination) -> None:
    """ResticError READ_ONLY when Gardien cannot write in a disk's folder of copies (a write-protected key, a disk
    formatted for Mac or NTFS mounted read-only): a file made and removed at once in it. Said before restic, which
    would retry for a minute and then blame a lock (walkthrough, round 17, B1)."""
    if destination.type.remote:
        return
    # in the folder itself, not in « locks »: restic reads every file there as a lock, and a backup may be running
    refuse_read_only_folder(Path(destination.depot))


def refuse_read_only_folder(folder: Path) -> None:
    """ResticError READ_ONLY when a file cannot be made (and removed at once) in `folder` for lack of the right to
    write: the disk is read-only or protected. Other errors are left to what comes next."""
    try:
        made, name = tempfile.mkstemp(prefix=".gardien-essai-", dir=folder)
        os.close(made)
        os.unlink(name)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise restic.ResticError(restic.READ_ONLY_MESSAGE, Failure.READ_ONLY, str(exc)) from exc


def writable(destination: cfg.Destination) -> bool:
    try:
        refuse_read_only(destination)
    except restic.ResticError:
        return False
    return True


def seen_read_only(destination: cfg.Destination) -> bool:
    """The file system says the copies' folder cannot be written (a disk mounted read-only, a folder not ours to
    write), asked without writing anything: for reads, which happen on every page showing the copies."""
    if destination.type.remote:
        return False
    folder = Path(destination.depot)
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False  # absent or unreadable: restic says it in its own words
    return not os.access(folder, os.W_OK)


def _lock_free(destination: cfg.Destination) -> list[str]:
    """restic's --no-lock to read copies without writing on their disk: copies taken back from another computer, and
    a write-protected key (restic writes a lock file before reading, and fails on a read-only disk)."""
    return ["--no-lock"] if destination.lecture_seule or seen_read_only(destination) else []


def _read(destination: cfg.Destination, args: list[str], password: str, **options) -> subprocess.CompletedProcess:
    """restic reading the copies: with --no-lock when the disk is known to be read-only, and again with it when restic
    finds out itself (a write-protected key the file system does not flag, on Windows)."""
    lock_free = _lock_free(destination)
    try:
        return restic.run([*lock_free, *args], destination.depot, password, **options)
    except restic.ResticError as exc:
        if lock_free or exc.kind is not Failure.READ_ONLY:
            raise
    return restic.run(["--no-lock", *args], destination.depot, password, **options)


TAKEN_BACK = "copies-reprises"


def taken_back(folder: Path) -> cfg.BackupConfig:
    """A folder of copies made by Gardien on another computer (the one the rescue sheet names), to restore from on a
    computer where no backup is set up, or another one is: a configuration kept in memory only, whose password is
    typed (the sheet's), read without writing anything on the disk (walkthrough, round 17, S2)."""
    folder = folder.expanduser().absolute()
    if not (folder / "config").is_file():
        raise GardienError(f"« {folder} » n'est pas un dossier de copies de Gardien, ou son disque n'est pas branché : "
                           "indiquez le dossier des copies noté sur la fiche de secours (par exemple « Sauvegarde Gardien » "
                           "sur le disque de sauvegarde). Rien n'a été lu ni modifié.")
    return cfg.BackupConfig([str(folder)], [cfg.Destination(TAKEN_BACK, cfg.Kind.DISK, str(folder), lecture_seule=True)],
                            cfg.Secret(cfg.SecretKind.ASKED))


def lock_count(destination: cfg.Destination) -> int | None:
    """How many lock files a disk's folder of copies holds (None on a server: not counted)."""
    if destination.type.remote:
        return None
    try:
        return sum(1 for _ in (Path(destination.depot) / "locks").iterdir())
    except FileNotFoundError:
        return 0
    except OSError:
        return None


def reachable(destination: cfg.Destination) -> bool:
    """A local repository is reachable when it is there (its config file). Its folder's parent is not enough: an
    unplugged disk often leaves its empty mount point behind, on the computer's own disk."""
    return destination.type.remote or (Path(destination.depot) / "config").is_file()


def not_in_place(destination: cfg.Destination, folder_volumes: list[volumes.Volume]) -> str | None:
    """Why a disk destination is no longer where it was measured at set-up, or None. Re-measured before the copies are
    created and before every backup (walkthrough, round 15): a key unplugged between the check and « Créer » leaves
    its empty mount-point folder behind, on the computer's own disk, and the copies went there. A disk plugged in
    again somewhere else keeps its file system; the same mount point holding a file system again is accepted (some
    systems give a plugged-in disk another device number)."""
    measured = destination.appareil
    if destination.type.remote or measured is None:
        return None
    folder = volumes.existing_part(Path(destination.depot))
    now = volumes.measure(folder) if folder.exists() else None
    moved = now is None or (now.volume != measured.volume
                            and (now.mountpoint != measured.mountpoint or now.medium is not measured.medium))
    if not moved and not any(now.same_support_as(v) for v in folder_volumes):
        return None
    mount = Path(measured.mountpoint) if measured.mountpoint else Path(destination.depot).parent
    if not mount.exists():  # its mount folder gone with it: no other disk to speak of (walkthrough, round 17, B2)
        where = f" (le dossier {mount} n'existe plus)"
    elif now is not None and measured.mountpoint and now.mountpoint != measured.mountpoint:
        # the empty mount folder a key leaves behind, on the computer's disk: not « another disk » (round 18)
        where = f" (le dossier {mount}, où elle apparaissait, est resté sur l'ordinateur, mais la clé n'y est plus)"
    else:  # another disk mounted in its place
        where = (f" (le dossier {Path(destination.depot).parent} n'est plus sur ce disque mais sur un autre — "
                 f"{now.describe()})") if now else ""
    return (f"la clé ou le disque externe {measured.name()} n'est plus branché{where}. Rebranchez-le, puis "
            "recommencez")


@dataclass(frozen=True)
class Absence:
    """Why nothing was copied to a destination: its disk unplugged, or plugged in without Gardien's copies."""

    message: str
    set_up_again: bool = False  # the disk is there but the copies are not: the way out is a new set-up

    def sentence(self, nothing: str = "rien n'y a été copié") -> str:
        """After « destination absente — »."""
        if self.message == NOT_FOUND:
            return f"{NOT_FOUND} : {nothing}."
        return f"{nothing} : {self.message}."


def absence(destination: cfg.Destination, folder_volumes: list[volumes.Volume]) -> Absence | None:
    """None when the destination is there, in place."""
    unplugged = not_in_place(destination, folder_volumes)
    if unplugged:
        return Absence(unplugged)
    if reachable(destination):
        return None
    if destination.appareil is not None:
        # measured at set-up, in place now (not_in_place), and no copies: the disk is here, Gardien's folder is not
        return Absence(f"la clé ou le disque externe {destination.appareil.name()} est branché, mais le dossier des copies "
                       f"de Gardien n'y est pas ({destination.depot}) : s'il a été déplacé ou effacé, refaites la mise "
                       "en place de la sauvegarde", set_up_again=True)
    return Absence(NOT_FOUND)


def _where(destination: cfg.Destination) -> volumes.Volume:
    if destination.type.remote:
        return volumes.remote(destination.type.value, destination.depot)
    return volumes.measure(Path(destination.depot))


# --- backing up -----------------------------------------------------------------------------------------------------

def run_backup(configuration: cfg.BackupConfig, on_progress: Callable[[str, float], None] | None = None,
               password: str | None = None, prune: bool = True) -> list[Outcome]:
    """Back up every protected folder that exists to every reachable destination, then apply the retention policy
    there. `password`: typed by the user when the configuration keeps it nowhere. `prune` False: a backup made despite
    a doubt (doubt.py) removes no old copy."""
    restic.version()
    state.check_readable()
    password = secret.load(configuration.secret, password)
    present = [f for f in configuration.dossiers if Path(f).is_dir()]
    missing = [f for f in configuration.dossiers if f not in present]
    folder_volumes = [volumes.measure(Path(f)) for f in present]
    outcomes = []
    for destination in configuration.destinations:
        absent = absence(destination, folder_volumes)
        if absent:
            outcomes.append(Outcome(destination.nom, Result.ABSENT, absent.sentence(),
                                    {"refaire": absent.set_up_again}))
            said = {} if absent.message == NOT_FOUND else {"message": absent.message, "refaire": absent.set_up_again}
            state.record(destination.nom, Event.ABSENT, **said)
        elif not present:
            message = f"aucun des dossiers à protéger n'existe plus ({_names(missing)}) : rien n'a été sauvegardé."
            state.record(destination.nom, Event.FAILED, raison=Failure.NOTHING_TO_SAVE.value, message=message)
            outcomes.append(Outcome(destination.nom, Result.FAILED, message))
        else:
            outcomes.append(_backup_one(configuration, destination, present, missing, folder_volumes, password,
                                        on_progress, prune))
    return outcomes


def _names(paths: list[str]) -> str:
    return fr.quoted_listed(paths)


def _backup_one(configuration: cfg.BackupConfig, destination: cfg.Destination, present: list[str], missing: list[str],
                folder_volumes: list[volumes.Volume], password: str,
                on_progress: Callable[[str, float], None] | None, prune: bool = True) -> Outcome:
    summary: dict = {}
    problems = restic.Problems()

    def on_message(message: dict) -> None:
        kind = message.get("message_type")
        if kind == "status" and on_progress:
            try:
                on_progress(destination.nom, float(message.get("percent_done") or 0.0))
            except (TypeError, ValueError):
                pass
        elif kind == "summary":
            summary.update(message)

    where = _where(destination)
    same_disk = any(where.same_support_as(v) for v in folder_volumes)
    try:
        refuse_read_only(destination)
        code = _unlocked_retry(lambda: restic.stream_json(["backup", *present, "--exclude-caches"], destination.depot,
                                                          password, on_message, problems), destination, password)
    except restic.ResticError as exc:
        state.record(destination.nom, Event.FAILED, raison=exc.kind.value, message=exc.message, detail_restic=exc.detail)
        return Outcome(destination.nom, Result.FAILED, exc.message, {"kind": exc.kind.value})
    details = {k: summary.get(k) for k in ("snapshot_id", "files_new", "files_changed", "total_files_processed", "data_added")}
    details.update(appareil=where.to_dict(), meme_disque_que_les_dossiers=same_disk)
    warning = (" Attention : cette copie est sur le même disque que vos dossiers, elle ne compte pas comme un autre "
               "support." if same_disk else "")
    skipped = missing + [p for p in problems.skipped if p not in missing]
    if skipped or problems.unreadable or code == restic.INCOMPLETE:
        what = what_is_missing(skipped, problems.unreadable)
        state.record(destination.nom, Event.PARTIAL, **details, dossiers_absents=skipped,
                     illisibles=dict(list(problems.unreadable.items())[:KEPT_ITEMS]), message=what)
        # no forget/prune after a partial run: the last complete copies stay
        return Outcome(destination.nom, Result.PARTIAL, f"sauvegarde partielle : {what}{warning}", details)
    state.record(destination.nom, Event.BACKUP, **details)
    if not prune:
        return Outcome(destination.nom, Result.OK, f"{_copied(details)} ; aucune ancienne copie n'a été retirée."
                       f"{warning}", details)
    keep = [f"--{k}={v}" for k, v in configuration.retention.items()]
    try:
        keep += keep_before_alerts(destination, password)
        _unlocked_retry(lambda: restic.run(["forget", *keep, "--prune"], destination.depot, password, timeout=CHECK_SECONDS),
                        destination, password)
    except restic.ResticError as exc:
        return Outcome(destination.nom, Result.OK, f"{_copied(details)} ; le tri des anciennes copies n'a pas pu se "
                       f"faire ({exc.message}).{warning}", details)
    return Outcome(destination.nom, Result.OK, f"{_copied(details)}.{warning}", details)


BEFORE_ALERT_TAG = "gardien-avant-alerte"


def alert_moments() -> list[datetime]:
    """When the watch last gave the alert, when the emergency mode was last opened (by the watch or by hand), and the
    start of every incident of the journal, false alarms included: after « fausse alerte » a backup may be made despite
    the file check's doubt, and a later alert or opening must not leave the copy before the first one unkept (round
    18: only the last alert and the last opening were kept)."""
    from gardien import statefile
    from gardien.urgence import state as emergency
    from gardien.veille import watcher

    said = []
    try:
        last = watcher.status().get(watcher.LAST_ALERT)
        said.append(last.get("date") if isinstance(last, dict) else None)
        said.append(statefile.read(emergency.path(), default=dict).get("ouvert_le"))
    except statefile.DamagedState:
        pass
    moments = []
    for text in said:
        try:
            moments.append(datetime.fromisoformat(text).astimezone())
        except (TypeError, ValueError):
            continue
    return moments + attacked.incident_starts()


def keep_before_alerts(destination: cfg.Destination, password: str) -> list[str]:
    """restic's options that keep, whatever the retention, the last copy made before each alert: the clean files
    after an attack. That copy is tagged once (restic tag), and every later forget keeps the tagged copies."""
    moments = alert_moments()
    if not moments:
        return []
    found = _parse_snapshots(restic.run(["snapshots", "--json"], destination.depot, password).stdout)
    tagged = {s.id for s in found if BEFORE_ALERT_TAG in s.tags}
    wanted = {chosen.id for moment in moments
              if (chosen := next((s for s in found if s.taken < moment), None)) is not None}
    if wanted - tagged:
        _unlocked_retry(lambda: restic.run(["tag", "--add", BEFORE_ALERT_TAG, *sorted(wanted - tagged)], destination.depot,
                                           password), destination, password)
    return ["--keep-tag", BEFORE_ALERT_TAG] if wanted | tagged else []


def _copied(details: dict) -> str:
    """What a complete copy holds, after « réussie — » (not « sauvegarde faite » again)."""
    total, new, changed = (details.get(k) for k in ("total_files_processed", "files_new", "files_changed"))
    if not all(isinstance(n, int) for n in (total, new, changed)):
        return "tous les fichiers des dossiers protégés sont dans cette copie"
    return (f"{fr.plural(total, 'fichier')} dans cette copie, dont "
            f"{fr.plural(new + changed, 'nouveau ou modifié', 'nouveaux ou modifiés')} depuis la précédente")


def what_is_missing(skipped: list[str], unreadable: dict[str, str]) -> str:
    """« le dossier « … » est introuvable… ; 2 fichiers ou dossiers n'ont pas pu être lus (accès refusé) : … »"""
    parts = []
    if skipped:
        subject = "le dossier" if len(skipped) == 1 else "les dossiers"
        verb = "est introuvable et n'a" if len(skipped) == 1 else "sont introuvables et n'ont"
        parts.append(f"{subject} {_names(skipped)} {verb} pas été sauvegardé{'s' if len(skipped) > 1 else ''} "
                     "(renommé, déplacé, supprimé, ou sur un disque débranché ?)")
    if unreadable:
        reasons = sorted(set(unreadable.values()))
        shown = fr.quoted(list(unreadable)[:SHOWN_ITEMS])
        more = f" et {fr.plural(len(unreadable) - SHOWN_ITEMS, 'autre')}" if len(unreadable) > SHOWN_ITEMS else ""
        count = fr.plural(len(unreadable), "fichier ou dossier", "fichiers ou dossiers")
        parts.append(f"{count} n'{'a' if len(unreadable) == 1 else 'ont'} pas pu être lu{'s' if len(unreadable) > 1 else ''}"
                     f" ({', '.join(reasons)}) : {shown}{more}")
    if not parts:
        parts.append("le programme de sauvegarde signale que des fichiers n'ont pas pu être lus, sans dire lesquels")
    return " ; ".join(parts) + "."


# --- restore test ---------------------------------------------------------------------------------------------------

def _latest_files(destination: cfg.Destination, password: str) -> list[dict]:
    result = restic.run(["ls", "latest", "--json"], destination.depot, password, timeout=CHECK_SECONDS)
    nodes = []
    for line in result.stdout.splitlines():
        try:
            node = json.loads(line)
        except ValueError:
            continue
        if isinstance(node, dict) and node.get("type") == "file" and node.get("path"):
            nodes.append(node)
    return nodes


def _compare_with_originals(target: Path, sample: list[dict]) -> tuple[list[str], int]:
    """Compare byte for byte each restored file with the original still on disk, when the snapshot says the
    original has not changed since (same size and modification time). Returns (different, compared)."""
    different, compared = [], 0
    for node in sample:
        restored, original = Path(str(target) + node["path"]), Path(original_of(node["path"], ON_WINDOWS))
        if not restored.is_file():
            different.append(node["path"])
            continue
        try:
            unchanged = original.stat().st_size == node.get("size") and _same_time(original.stat().st_mtime, node.get("mtime"))
        except OSError:
            unchanged = False
        if unchanged:
            compared += 1
            if _file_digest(restored) != _file_digest(original):
                different.append(node["path"])
    return different, compared


_RESTIC_TIME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$")


def _same_time(mtime: float, snapshot_mtime: str | None) -> bool:
    moment = _restic_moment(snapshot_mtime or "")
    return moment is not None and abs(moment.timestamp() - mtime) < 1


def _restic_moment(text: str) -> datetime | None:
    """restic writes times with nanoseconds and Z or an offset; Python reads microseconds. Local time."""
    match = _RESTIC_TIME.match(text or "")
    if not match:
        return None
    whole, fraction, zone = match.groups()
    moment = datetime.fromisoformat(f"{whole}.{(fraction or '0')[:6].ljust(6, '0')}{'+00:00' if zone in (None, 'Z') else zone}")
    return moment.astimezone()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(configuration: cfg.BackupConfig, sample_percent: float = 1.0, check_percent: float = 5.0,
           password: str | None = None) -> list[Outcome]:
    """restic check on a share of the data, then a real restore test: a random sample of files restored into
    a temporary folder and compared with the snapshot (restic --verify) and, when unchanged, with the original."""
    restic.version()
    state.check_readable()
    password = secret.load(configuration.secret, password)
    outcomes = []
    for destination in configuration.destinations:
        absent = absence(destination, [])  # an old repository left in an empty mount point is not the disk's
        if absent:
            outcomes.append(Outcome(destination.nom, Result.ABSENT, absent.sentence("rien n'a été vérifié")))
            continue
        outcomes.append(_verify_one(destination, password, sample_percent, check_percent))
    return outcomes


def _verify_one(destination: cfg.Destination, password: str, sample_percent: float, check_percent: float) -> Outcome:
    try:
        refuse_read_only(destination)
        _unlocked_retry(lambda: restic.run(["check", f"--read-data-subset={check_percent:g}%"], destination.depot, password,
                                           timeout=CHECK_SECONDS), destination, password)
        files = _latest_files(destination, password)
        if not files:
            raise restic.ResticError("la dernière sauvegarde ne contient aucun fichier : il n'y a rien à restaurer.",
                                     Failure.NO_SNAPSHOT)
        count = max(1, min(MAX_SAMPLE_FILES, round(len(files) * sample_percent / 100)))
        sample = random.SystemRandom().sample(files, min(count, len(files)))
        with tempfile.TemporaryDirectory(prefix="gardien-restauration-") as target:
            includes = [arg for node in sample for arg in ("--include", node["path"])]
            # --verify: restic re-reads every restored file and checks it against the snapshot's content hashes
            restic.run(["restore", "latest", "--target", target, "--verify", *includes], destination.depot, password,
                       timeout=CHECK_SECONDS)
            different, compared = _compare_with_originals(Path(target), sample)
    except restic.ResticError as exc:
        if exc.kind in NOT_ABOUT_THE_DATA:
            message = f"restauration d'essai pas faite : {exc.message}"
            state.record(destination.nom, Event.VERIFY_NOT_DONE, raison=exc.kind.value, message=message,
                         detail_restic=exc.detail)
            return Outcome(destination.nom, Result.NOT_DONE, message, {"kind": exc.kind.value})
        state.record(destination.nom, Event.VERIFY_FAILED, raison=exc.kind.value, message=exc.message, detail_restic=exc.detail)
        return Outcome(destination.nom, Result.FAILED, exc.message, {"kind": exc.kind.value})
    except OSError as exc:
        message = f"restauration d'essai impossible : le dossier temporaire n'a pas pu être utilisé ({exc.strerror or exc})."
        state.record(destination.nom, Event.VERIFY_NOT_DONE, raison="os", message=message)
        return Outcome(destination.nom, Result.NOT_DONE, message)
    if different:
        message = (f"{fr.plural(len(different), 'fichier restauré', 'fichiers restaurés')} "
                   f"{'ne sont pas identiques' if len(different) > 1 else 'n’est pas identique'} à l'original : "
                   "cette copie est abîmée.")
        state.record(destination.nom, Event.VERIFY_FAILED, raison="fichiers_differents", message=message,
                     differents=different[:10])
        return Outcome(destination.nom, Result.FAILED, message, {"differents": different[:10]})
    details = {"fichiers_verifies": len(sample), "fichiers_total": len(files), "compares_a_l_original": compared}
    state.record(destination.nom, Event.VERIFIED, **details)
    return Outcome(destination.nom, Result.OK,
                   f"contrôle des données réussi ; {restore_test_said(len(sample), compared)}.", details)


# --- restoring ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    """One copy kept by restic in a destination."""

    id: str
    taken: datetime  # local time
    paths: tuple[str, ...] = ()  # the protected folders, as the snapshot names them
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"copie du {moment_label(self.taken)}"


@dataclass(frozen=True)
class Restored:
    count: int
    snapshot: Snapshot | None  # None: the most recent copy, as restic took it
    folders: tuple[Path, ...] = ()  # where the protected folders' files were put, under the target
    attack_note: str = ""  # what an attack says of the copy restored (attacked.py), a sentence or ""

    def where(self, target: Path) -> str:
        """« /…/Restauration/Cabinet », or the target itself when no protected folder was named."""
        return " et ".join(str(f) for f in self.folders) or str(target.expanduser().absolute())




def moment_label(moment: datetime, today: date | None = None) -> str:
    """« 28/11 à 18:00 », what the practitioner reads and types back; « 03/02/2025 à 23:59 » for a moment of another
    year than `today`'s (walkthrough, round 13: « 3/2/25 » read back as « 03/02 », as if it were this year)."""
    today = today or datetime.now().date()
    return f"{moment:%d/%m}{'' if moment.year == today.year else f'/{moment:%Y}'} à {moment:%H:%M}"


def parse_moment(text: str, now: datetime | None = None) -> datetime:
    """« 28/11 18:00 », « 28/11/2026 à 18h00 », « hier 18h »: fr.typed_moment; a day without a time (« hier »,
    « 28/11 ») means the end of that day (23:59), so that the day's own copies are included; without a year, the last
    such day not in the future. GardienError in French otherwise."""
    example = "par exemple « 28/11 18:00 », « 28/11/2026 à 18h00 » ou « hier 18h »"
    if not text.strip():
        raise GardienError(f"Indiquez le jour et l'heure de la copie voulue, {example}.")
    try:
        moment = fr.typed_moment(text, now)
    except ValueError as exc:
        raise GardienError(f"Date non comprise : « {text} ». Écrivez le jour et l'heure, {example}.") from exc
    return moment if fr.typed_time_given(text) else moment.replace(hour=23, minute=59)


def _not_found(destination: cfg.Destination) -> GardienError:
    """A disk not plugged in (a server is always tried: reachable())."""
    return GardienError(f"La destination « {destination.label} » est introuvable : branchez le disque.",
                        f"{destination.heading} est introuvable : branchez-le, puis recommencez.")


def _refuse_absent(destination: cfg.Destination) -> None:
    """Before reading copies: the disk measured at set-up is the one there (not an old repository left in its empty
    mount point, which would read as « wrong password »), and the copies are on it."""
    unplugged = not_in_place(destination, [])
    if unplugged:
        raise GardienError(f"{fr.capitalised(unplugged)}.")
    if not reachable(destination):
        raise _not_found(destination)


def snapshots(configuration: cfg.BackupConfig, destination_name: str, password: str | None = None) -> list[Snapshot]:
    """The copies kept in a destination, most recent first."""
    destination = configuration.destination(destination_name)
    _refuse_absent(destination)
    restic.version()
    result = _read(destination, ["snapshots", "--json"], secret.load(configuration.secret, password))
    return _parse_snapshots(result.stdout)


def _parse_snapshots(text: str) -> list[Snapshot]:
    """restic's `snapshots --json`, most recent first."""
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        raw = []
    found = []
    for item in raw if isinstance(raw, list) else []:
        taken = _restic_moment(item.get("time", "")) if isinstance(item, dict) else None
        if taken is not None and isinstance(item.get("id"), str):
            paths = item.get("paths") if isinstance(item.get("paths"), list) else []
            tags = item.get("tags") if isinstance(item.get("tags"), list) else []
            found.append(Snapshot(item["id"], taken, tuple(str(p) for p in paths), tuple(str(t) for t in tags)))
    return sorted(found, key=lambda s: s.taken, reverse=True)


def last_before(found: list[Snapshot], moment: datetime) -> Snapshot:
    """The most recent copy taken before the end of `moment`'s minute: copies are listed to the minute, so the copy
    shown « à 22:41 » is the one `--avant "29/11 22:41"` names. GardienError naming the oldest one when there is none."""
    end = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    chosen = next((s for s in found if s.taken < end), None)
    if chosen is None:
        oldest = f" La plus ancienne est la {found[-1].label}." if found else ""
        raise GardienError(f"Aucune copie n'a été faite le {moment_label(moment)} ou avant.{oldest}")
    return chosen


def new_restore_folder(today: date | None = None) -> Path:
    """A folder to restore into that does not exist yet, in the home folder and named with the day, so that the form
    can be kept as it is: « Gardien-restauration-29-11-2026 », then « …-2 » when a restore was made there today."""
    base = Path.home() / f"Gardien-restauration-{today or date.today():%d-%m-%Y}"
    candidates = (base, *(base.with_name(f"{base.name}-{n}") for n in range(2, 1000)))
    return next((folder for folder in candidates if not folder.exists()), base)


def refuse_used_folder(target: Path) -> None:
    """A restore goes into a new or empty folder: nothing is ever overwritten (checked on the form, and again here)."""
    target = target.expanduser().absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise GardienError(f"{target} existe déjà et n'est pas un dossier vide : choisissez un nouveau dossier, rien n'est "
                           "jamais écrasé.")


def restore(configuration: cfg.BackupConfig, destination_name: str, target: Path, what: str | None = None,
            password: str | None = None, before: datetime | None = None) -> Restored:
    """Restore everything, or one file or folder (`what`, a full path as backed up), into `target`, which must be
    new or empty: nothing is ever overwritten. Each protected folder comes back under its own name in `target`
    (« Restauration/Cabinet/… », not the whole original path). From the most recent copy, or the most recent one taken
    before `before` (after a ransomware attack the latest copy may hold encrypted files). GardienError when nothing was
    restored."""
    destination = configuration.destination(destination_name)
    target = target.expanduser().absolute()
    existed = target.exists()
    refuse_used_folder(target)
    _refuse_absent(destination)
    restic.version()
    password = secret.load(configuration.secret, password)
    found = snapshots(configuration, destination_name, password)
    known = attacked.attacks()
    chosen = last_before(found, before) if before else attacked.steered(found, known)
    includes = []
    if what:
        wanted = Path(what).expanduser().absolute()
        pattern = include_pattern(str(wanted), ON_WINDOWS)
        if pattern is None:
            raise GardienError(f"Gardien ne sait pas restaurer « {wanted} » seul : indiquez le chemin complet d'un fichier "
                               f"ou d'un dossier protégé (par exemple « {configuration.dossiers[0]} »).")
        includes = ["--include", pattern]
    target.mkdir(parents=True, exist_ok=True)
    # restic rebuilds the whole original path under --target (Debian 12's restic 0.14 has no « snapshot:folder »
    # either): restore into a folder on the target's own disk, then move each protected folder up (a rename)
    staging = Path(tempfile.mkdtemp(prefix=".gardien-restauration-", dir=target))
    try:
        _read(destination, ["restore", chosen.id if chosen else "latest", "--target", str(staging), "--verify", *includes],
              password, timeout=RESTORE_SECONDS)
    except GardienError:
        _lift(staging, target, ())  # what was written before the failure stays, in sight
        _remove_if_empty(target, existed)
        raise
    taken = chosen or (found[0] if found else None)
    folders = _lift(staging, target, taken.paths if taken else ())
    restored = sum(1 for p in target.rglob("*") if p.is_file())
    which = f"la {chosen.label}" if chosen else "la dernière sauvegarde"
    if restored == 0:
        _remove_if_empty(target, existed)
        if what:
            raise GardienError(f"Rien n'a été restauré : « {wanted} » n'est pas dans {which} faite sur "
                               f"{destination.spoken}. Indiquez le chemin complet tel qu'il était sauvegardé (un dossier "
                               f"protégé est par exemple « {configuration.dossiers[0]} »).")
        raise GardienError(f"Rien n'a été restauré : {which} faite sur {destination.spoken} ne contient aucun fichier.")
    return Restored(restored, chosen, folders, _attack_note(taken, found, known, steered=chosen is not None and not before))


def _attack_note(taken: Snapshot | None, found: list[Snapshot], known: list[attacked.Attack], steered: bool) -> str:
    """Why Gardien took an older copy than the newest, or that the copy restored was made during an attack."""
    if steered and taken is not None:
        attack = attacked.during(found[0], known)
        start = attack.said if attack else "le début de l'attaque"
        return (f"La copie la plus récente ({found[0].label}) a été faite après {start} : elle peut contenir des fichiers chiffrés. Gardien a donc restauré la dernière copie d'avant, la "
                f"{taken.label}.")
    attack = attacked.during(taken, known) if taken is not None else None
    if attack is None:
        return ""
    return (f"Attention : la {taken.label} a été faite après {attack.said} : elle peut contenir des fichiers chiffrés. "
            "Ouvrez quelques documents ; s'ils ne s'ouvrent pas, restaurez une copie plus ancienne.")


def _lift(staging: Path, target: Path, paths: tuple[str, ...]) -> tuple[Path, ...]:
    """Move each restored protected folder from the staging folder to the target, under its own name (« Cabinet »,
    « Cabinet-2 » if two have one name); then take away the staging folder's empty folders. Whatever is not under a
    protected folder the snapshot names stays where restic put it, never deleted."""
    lifted = []
    for path in sorted(paths, key=len, reverse=True):  # a folder inside another protected one goes first
        source = restored_under(staging, path, ON_WINDOWS)  # None for a network address: left where restic put it
        if source is None or not source.exists():
            continue
        place = _free(target / (source.name or "dossier"))
        source.rename(place)
        lifted.append(place)
    _remove_if_empty(staging, existed=False)
    if staging.exists():  # something outside the named folders: shown under a plain name rather than a hidden one
        staging.rename(_free(target / "autres-fichiers"))
    return tuple(sorted(lifted))


def _free(place: Path) -> Path:
    """`place`, or « place-2 », « place-3 »… when it is taken."""
    number, free = 1, place
    while free.exists():
        number += 1
        free = place.with_name(f"{place.name}-{number}")
    return free


def _remove_if_empty(target: Path, existed: bool) -> None:
    """Take away the folder this restore created, when nothing was put in it."""
    if existed or not target.is_dir():
        return
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if any(folder.iterdir()):
            return
        folder.rmdir()
    target.rmdir()

