"""The backup operations on restic. Each destination is handled on its own: one missing disk never stops the
others, and every failure is reported in plain French with what to do."""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gardien.backup import config as cfg
from gardien.backup import restic, secret, state
from gardien.errors import GardienError

RECENT_DAYS = 7  # a copy older than a week does not count in the 3-2-1 status (the weekly routine)
MAX_SAMPLE_FILES = 200


OUTCOME_WORD = {"ok": "réussie", "partielle": "partielle", "absente": "destination absente", "echec": "échec"}


@dataclass
class Outcome:
    destination: str
    status: str  # "ok", "partielle", "absente", "echec"
    message: str
    details: dict


def _unlocked_retry(action: Callable[[], object], destination: cfg.Destination, password: str):
    """Run `action`; if the repository is locked, remove stale locks (left by a run killed or cut off:
    `restic unlock` keeps the locks of live processes) and try once more."""
    try:
        return action()
    except restic.ResticError as exc:
        if exc.kind != "locked":
            raise
        restic.run(["unlock"], destination.depot, password, timeout=300)
        return action()


def _reachable(destination: cfg.Destination) -> bool:
    """A local repository is reachable when its folder's parent exists (the disk is plugged in)."""
    if destination.type != "disque":
        return True
    return Path(destination.depot).parent.exists()


def configure(folders: list[Path], destinations: list[cfg.Destination], secret_choice: dict) -> cfg.BackupConfig:
    """Create the repositories, keep the password, save the configuration. Nothing is saved if a step fails."""
    if len(destinations) < 2:
        raise GardienError("Indiquez au moins deux destinations : un disque externe et une copie hors ligne ou hors du "
                           "cabinet (règle 3-2-1 : 3 copies, 2 supports, dont 1 hors ligne).")
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing or not folders:
        raise GardienError(f"Dossier à protéger introuvable : {', '.join(missing) or 'aucun dossier indiqué'}.")
    restic.version()
    secret.check_available(secret_choice)  # before creating anything: a repository without its password is lost
    for destination in destinations:
        if not _reachable(destination):
            raise GardienError(f"La destination « {destination.label} » est introuvable : branchez le disque puis recommencez.")
        if destination.type == "disque" and Path(destination.depot).exists() and any(Path(destination.depot).iterdir()):
            raise GardienError(f"{destination.depot} n'est pas vide : choisissez un dossier neuf pour la sauvegarde.")
    password = secret.generate()
    created: list[Path] = []
    try:
        for destination in destinations:
            restic.run(["init"], destination.depot, password, timeout=300)
            if destination.type == "disque":
                created.append(Path(destination.depot))
        secret.store(secret_choice, password)
    except (GardienError, OSError):
        for repository in created:  # new and empty: removing them loses nothing
            shutil.rmtree(repository, ignore_errors=True)
        raise
    configuration = cfg.BackupConfig([str(f.resolve()) for f in folders], destinations, secret_choice)
    cfg.save(configuration)
    return configuration


def run_backup(configuration: cfg.BackupConfig, on_progress: Callable[[str, float], None] | None = None,
               password: str | None = None) -> list[Outcome]:
    """Back up every folder to every reachable destination, then apply the retention policy there.

    `password`: typed by the user when the configuration asks for it each time (else read from where it is kept).
    """
    restic.version()
    password = password or secret.load(configuration.secret)
    outcomes = []
    for destination in configuration.destinations:
        if not _reachable(destination):
            outcomes.append(Outcome(destination.nom, "absente", "destination absente (disque débranché ?) : rien n'y a été copié.", {}))
            state.record(destination.nom, "echec", raison="absente")
            continue
        outcomes.append(_backup_one(configuration, destination, password, on_progress))
    return outcomes


def _backup_one(configuration: cfg.BackupConfig, destination: cfg.Destination, password: str,
                on_progress: Callable[[str, float], None] | None) -> Outcome:
    summary: dict = {}
    problems: list[str] = []

    def on_message(message: dict) -> None:
        kind = message.get("message_type")
        if kind == "status" and on_progress:
            on_progress(destination.nom, float(message.get("percent_done") or 0.0))
        elif kind == "summary":
            summary.update(message)
        elif kind == "error":
            problems.append(str(message.get("item") or message.get("error", {}).get("message", "")))

    try:
        code = _unlocked_retry(lambda: restic.stream_json(["backup", *configuration.dossiers, "--exclude-caches"],
                                                          destination.depot, password, on_message), destination, password)
    except restic.ResticError as exc:
        state.record(destination.nom, "echec", raison=exc.kind)
        return Outcome(destination.nom, "echec", exc.message, {"kind": exc.kind})
    details = {k: summary.get(k) for k in ("snapshot_id", "files_new", "files_changed", "total_files_processed", "data_added")}
    if code == restic.INCOMPLETE:
        state.record(destination.nom, "sauvegarde_partielle", **details, illisibles=problems[:20])
        return Outcome(destination.nom, "partielle",
                       f"sauvegarde partielle : {len(problems)} fichier(s) n'ont pas pu être lus et n'y sont pas "
                       f"({', '.join(problems[:3])}).", details)
    state.record(destination.nom, "sauvegarde", **details)
    keep = [f"--{k}={v}" for k, v in configuration.retention.items()]
    try:
        _unlocked_retry(lambda: restic.run(["forget", *keep, "--prune"], destination.depot, password, timeout=3600),
                        destination, password)
    except restic.ResticError as exc:
        return Outcome(destination.nom, "ok", f"sauvegarde faite ; le tri des anciennes copies a échoué ({exc.message})", details)
    return Outcome(destination.nom, "ok", "sauvegarde faite.", details)


def _latest_files(destination: cfg.Destination, password: str) -> list[dict]:
    result = restic.run(["ls", "latest", "--json"], destination.depot, password, timeout=3600)
    nodes = []
    for line in result.stdout.splitlines():
        try:
            node = json.loads(line)
        except json.JSONDecodeError:
            continue
        if node.get("type") == "file" and node.get("path"):
            nodes.append(node)
    return nodes


def _compare_with_originals(target: Path, sample: list[dict]) -> tuple[list[str], int]:
    """Compare byte for byte each restored file with the original still on disk, when the snapshot says the
    original has not changed since (same size and modification time). Returns (different, compared)."""
    different, compared = [], 0
    for node in sample:
        restored, original = Path(str(target) + node["path"]), Path(node["path"])
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
    """restic writes times with nanoseconds and Z or an offset; Python reads microseconds."""
    match = _RESTIC_TIME.match(snapshot_mtime or "")
    if not match:
        return False
    whole, fraction, zone = match.groups()
    text = f"{whole}.{(fraction or '0')[:6].ljust(6, '0')}{'+00:00' if zone in (None, 'Z') else zone}"
    return abs(datetime.fromisoformat(text).timestamp() - mtime) < 1


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(configuration: cfg.BackupConfig, sample_percent: float = 1.0, check_percent: float = 5.0,
           password: str | None = None) -> list[Outcome]:
    """restic check on a share of the data, then a real restore test: a random sample of files restored into
    a temporary folder and compared byte for byte with the snapshot."""
    restic.version()
    password = password or secret.load(configuration.secret)
    outcomes = []
    for destination in configuration.destinations:
        if not _reachable(destination):
            outcomes.append(Outcome(destination.nom, "absente", "destination absente : rien n'a été vérifié.", {}))
            continue
        try:
            check = _unlocked_retry(lambda d=destination: restic.run(
                ["check", f"--read-data-subset={check_percent:g}%"], d.depot, password, timeout=6 * 3600, ok_codes=(0, 1)),
                destination, password)
            if check.returncode != 0:
                raise restic.ResticError("le contrôle a trouvé des données abîmées : " +
                                         next((line for line in check.stderr.splitlines() if line.strip()), "erreur"), "corrupt")
            files = _latest_files(destination, password)
            if not files:
                raise restic.ResticError("la dernière sauvegarde ne contient aucun fichier.", "empty")
            count = max(1, min(MAX_SAMPLE_FILES, round(len(files) * sample_percent / 100)))
            sample = random.SystemRandom().sample(files, min(count, len(files)))
            with tempfile.TemporaryDirectory(prefix="gardien-restauration-") as target:
                includes = [arg for node in sample for arg in ("--include", node["path"])]
                # --verify: restic re-reads every restored file and checks it against the snapshot's content hashes
                restic.run(["restore", "latest", "--target", target, "--verify", *includes], destination.depot, password,
                           timeout=6 * 3600)
                different, compared = _compare_with_originals(Path(target), sample)
        except (restic.ResticError, OSError) as exc:
            message = exc.message if isinstance(exc, restic.ResticError) else f"restauration d'essai impossible ({exc})"
            outcomes.append(Outcome(destination.nom, "echec", message, {}))
            state.record(destination.nom, "echec_verification", raison=message)
            continue
        if different:
            outcomes.append(Outcome(destination.nom, "echec", f"{len(different)} fichier(s) restauré(s) ne sont pas identiques.", {"differents": different[:10]}))
            state.record(destination.nom, "echec_verification", raison="fichiers différents")
            continue
        details = {"fichiers_verifies": len(sample), "fichiers_total": len(files), "compares_a_l_original": compared}
        state.record(destination.nom, "verification", **details)
        outcomes.append(Outcome(destination.nom, "ok",
                                f"contrôle des données réussi ; {len(sample)} fichier(s) restauré(s) et identiques à la sauvegarde "
                                f"({compared} comparé(s) octet par octet à l'original).", details))
    return outcomes


def _days(iso: str | None, now: datetime) -> int | None:
    if not iso:
        return None
    return max(0, (now - datetime.fromisoformat(iso)).days)


def status(configuration: cfg.BackupConfig, now: datetime | None = None) -> dict:
    """Per destination: last backup, last verified restore; and the 3-2-1 status in one sentence."""
    now = now or datetime.now().astimezone()
    recorded = state.load()
    rows = []
    for destination in configuration.destinations:
        entry = recorded.get(destination.nom, {})
        backup = entry.get("sauvegarde", {}).get("date")
        verified = entry.get("verification", {}).get("date")
        rows.append({
            "destination": destination.nom, "type": destination.type, "hors_site": destination.hors_site,
            "derniere_sauvegarde": backup, "jours_depuis_sauvegarde": _days(backup, now),
            "derniere_verification": verified, "jours_depuis_verification": _days(verified, now),
            "partielle": bool(entry.get("sauvegarde_partielle")) and (entry["sauvegarde_partielle"]["date"] > (backup or "")),
        })
    recent = [r for r in rows if r["jours_depuis_sauvegarde"] is not None and r["jours_depuis_sauvegarde"] <= RECENT_DAYS]
    copies = 1 + len(recent)
    supports = len({r["destination"] for r in recent})
    away = any(r["hors_site"] for r in recent)
    if copies >= 3 and supports >= 2 and away:
        sentence = "Règle 3-2-1 respectée : 3 copies récentes, sur 2 supports, dont 1 hors du cabinet ou hors ligne."
    else:
        missing = []
        if copies < 3:
            missing.append(f"{copies} copie(s) récente(s) sur 3")
        if not away:
            missing.append("aucune copie récente hors du cabinet ou hors ligne")
        sentence = "Règle 3-2-1 pas encore respectée : " + " ; ".join(missing) + "."
    verified_days = [r["jours_depuis_verification"] for r in rows if r["jours_depuis_verification"] is not None]
    return {
        "destinations": rows,
        "regle_3_2_1": copies >= 3 and supports >= 2 and away,
        "phrase": sentence,
        "verification": (f"Dernière sauvegarde vérifiée il y a {min(verified_days)} jour(s)." if verified_days
                         else "Aucune restauration d'essai n'a encore été faite : gardien sauvegarde verifier."),
    }


def restore(configuration: cfg.BackupConfig, destination_name: str, target: Path, what: str | None = None) -> Path:
    """Restore everything, or one file or folder (`what`, an absolute path as backed up), into `target`,
    which must be new or empty: nothing is ever overwritten."""
    destination = next((d for d in configuration.destinations if d.nom == destination_name), None)
    if destination is None:
        names = ", ".join(d.nom for d in configuration.destinations)
        raise GardienError(f"Destination inconnue : « {destination_name} ». Destinations : {names}.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise GardienError(f"{target} existe déjà et n'est pas un dossier vide : choisissez un nouveau dossier, rien n'est jamais écrasé.")
    if not _reachable(destination):
        raise GardienError(f"La destination « {destination.label} » est introuvable : branchez le disque.")
    password = secret.load(configuration.secret)
    target.mkdir(parents=True, exist_ok=True)
    includes = ["--include", what] if what else []
    restic.run(["restore", "latest", "--target", str(target), "--verify", *includes], destination.depot, password, timeout=24 * 3600)
    return target
