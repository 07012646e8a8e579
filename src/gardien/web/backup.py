"""Backups page: the 3-2-1 status measured by the library, the set-up in two steps (nothing is created before the
password has been shown and typed back), and a backup or a restore test run in the background with its progress.

Set-up from the page covers one disk (the second one given then, or added later at `/sauvegardes/ajouter`) and the
three places for the password (the system's keyring, a file of the user's, or nowhere: typed at each backup) — no
terminal needed. SFTP and S3 stay with `gardien sauvegarde configurer` and `ajouter`. One job at a time; its progress lives in the server's memory and is polled by the page (htmx, or a link).
"""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.backup import doubt
from gardien.backup.emergency import EmergencyOpen, refuse_if_open
from gardien.errors import GardienError
from gardien.web.forms import SMALL_FORM, pending_action, read_form
from gardien.web.render import page, see_other

router = APIRouter()
JOB_LABEL = {"lancer": "Sauvegarde", "verifier": "Restauration d'essai", "restaurer": "Restauration"}
# the heading of a finished job that succeeded nowhere: what happened, not « terminée »
NOT_DONE_TITLE = {"lancer": "Sauvegarde non faite : rien n'a été copié", "verifier": "Restauration d'essai sans succès",
                  "restaurer": "Restauration non faite"}
PASSWORD_FILE = "mot-de-passe-sauvegarde.txt"


@dataclass
class Job:
    kind: str  # "lancer", "verifier" or "restaurer"
    progress: dict[str, float] = field(default_factory=dict)  # destination -> 0..1
    outcomes: list = field(default_factory=list)
    error: str | None = None
    done: bool = False
    headings: dict[str, str] = field(default_factory=dict)  # destination -> « Le disque du cabinet »

    @classmethod
    def start(cls, kind: str, configuration) -> Job:
        """A job on this configuration: its copies' names in words, for the progress bars and the results."""
        return cls(kind, headings={d.nom: d.heading for d in configuration.destinations})

    @property
    def label(self) -> str:
        return JOB_LABEL[self.kind]

    @property
    def title(self) -> str:
        """The finished job's heading, from its outcomes: « terminée » only when every copy succeeded."""
        from gardien.backup.operations import Result

        statuses = [o.status for o in self.outcomes]
        if self.error or not statuses:
            return NOT_DONE_TITLE[self.kind]
        if all(status is Result.OK for status in statuses):
            return f"{self.label} terminée"
        if Result.OK in statuses:
            return f"{self.label} faite en partie : pas sur toutes les copies"
        if Result.PARTIAL in statuses:
            return f"{self.label} incomplète"
        return NOT_DONE_TITLE[self.kind]

    def heading(self, destination: str) -> str:
        """What the page calls a destination the library names by its command-line name."""
        return self.headings.get(destination, destination)

    @property
    def unplug_hint(self) -> str:
        from gardien.backup import operations

        return operations.unplug_hint(self.outcomes)

    @property
    def nothing_copied(self) -> str | None:
        """After a backup run that made no complete copy, the sentence that says so (none of « débranchez le disque »)."""
        from gardien.backup import operations

        if self.kind != "lancer" or not self.done or self.error or operations.made_a_copy(self.outcomes):
            return None
        return operations.NO_COPY


@dataclass(frozen=True)
class Restore:
    """A restore asked from the page: which destination, into which new folder, from which copy."""

    destination: str
    target: Path
    before: object = None  # datetime: the last copy taken before it; None: the most recent

    def run(self, configuration, password: str | None):
        from gardien import fr
        from gardien.backup import operations

        restored = operations.restore(configuration, self.destination, self.target, password=password, before=self.before)
        which = f" depuis la {restored.snapshot.label}" if restored.snapshot else " depuis la copie la plus récente"
        note = f" {restored.attack_note}" if restored.attack_note else ""
        return operations.Outcome(self.destination, operations.Result.OK,
                                  f"{fr.plural(restored.count, 'fichier restauré', 'fichiers restaurés')}{which}, dans le "
                                  f"dossier {restored.where(self.target)}. Ouvrez-en quelques-uns avant de les remettre à "
                                  f"leur place.{note}")


@dataclass(frozen=True)
class Removed:
    """A destination just taken out of the set-up, for the page's notice: its name in words, what stays on it."""

    heading: str
    copies_left: str  # without setup.LEAVING, which the page writes with links
    folder: str | None  # on a disk: the folder holding the copies, opened on the Effacer page; None on a server


@dataclass
class Pending:
    """A set-up checked and measured, waiting for the user to type the password back (server memory only)."""

    token: str
    plan: object
    password: str


def _run(job: Job, configuration, password: str | None, restore: Restore | None = None, prune: bool = True) -> None:
    from gardien.backup import operations

    def on_progress(name: str, fraction: float) -> None:
        job.progress[name] = fraction

    try:
        if job.kind == "lancer":
            job.outcomes = operations.run_backup(configuration, on_progress, password, prune)
        elif job.kind == "restaurer" and restore is not None:
            job.outcomes = [restore.run(configuration, password)]
        else:
            job.outcomes = operations.verify(configuration, password=password)
    except GardienError as exc:
        job.error = exc.web_message
    except Exception:  # noqa: BLE001 - a background thread must always end with a message
        logging.getLogger("gardien.web").exception("erreur interne pendant « %s »", job.kind)
        job.error = "Erreur interne pendant l'opération ; rien n'a été supprimé. Réessayez."
    finally:
        job.done = True


def _emergency() -> str:
    """While the emergency mode is open, why the copies are not touched and what to do (else ""): the page says it
    first and hides the buttons that would touch them; the actions refuse anyway (backup/emergency.py)."""
    try:
        refuse_if_open()
    except EmergencyOpen as exc:
        return exc.web_message
    return ""


def _context(request: Request) -> dict:
    from gardien import statefile
    from gardien.backup import config, state
    from gardien.backup import status as backup_status

    job = request.app.state.backup_job
    emergency = _emergency()
    try:
        configuration = config.load()
    except config.NotConfigured as exc:
        return {"configured": False, "problem": exc.web_message, "job": job, "emergency": emergency}
    except GardienError as exc:
        return {"configured": False, "damaged": True, "problem": exc.web_message, "job": job, "emergency": emergency}
    asks = configuration.secret.kind is config.SecretKind.ASKED
    try:
        report = backup_status.report(configuration)
    except statefile.DamagedState as exc:
        return {"configured": True, "history_damaged": exc.path == state.path(), "problem": exc.web_message, "job": job,
                "asks_password": asks, "emergency": emergency}
    return {"configured": True, "report": report, "job": job, "asks_password": asks, "emergency": emergency}


@router.get("/sauvegardes")
def backup_page(request: Request, prete: str = "", ajoutee: str = "", retiree: str = "") -> Response:
    removed = getattr(request.app.state, "backup_removed", None) if retiree else None
    request.app.state.backup_removed = None  # said once, right after the removal
    return page(request, "backup.html.j2", title="Sauvegardes", ready=bool(prete), added=bool(ajoutee),
                removed=removed, reminders_set=_reminders_set(), **_context(request))


def _reminders_set() -> bool | None:
    """Whether reminders were programmed (their manifest), None when that file cannot be read: the page's last line
    says what is so, not what the « Rappels » page could do (a review read it as reminders already running)."""
    from gardien import statefile
    from gardien.reminders import install

    try:
        return install.installed() is not None
    except statefile.DamagedState:
        return None


@router.get("/sauvegardes/progression")
def backup_progress(request: Request) -> Response:
    context = _context(request)
    response = page(request, "backup.html.j2", fragment="parts/backup_job.html.j2", title="Sauvegardes", **context)
    if context["job"] is not None and context["job"].done:
        response.headers["HX-Refresh"] = "true"  # the whole page again: the dates and the 3-2-1 status changed
    return response


# --- set-up, step 1: what, where, where the password is kept ---------------------------------------------------------

def _setup_page(request: Request, values: dict | None = None, problem: str = "", status: int = 200) -> Response:
    from gardien import secure_keyring
    from gardien.backup import secret
    from gardien.backup.config import home_folders, usual_folders
    from gardien.backup.drives import external_drives
    from gardien.paths import data_dir

    try:
        secure_keyring.keyring(secret.NO_KEYRING)
        keyring = True
    except GardienError:
        keyring = False
    defaults = {"secret": "trousseau" if keyring else "fichier", "fichier": str(secret.free_file(data_dir() / PASSWORD_FILE))}
    return page(request, "backup_setup.html.j2", status=status, title="Mettre en place la sauvegarde",
                folders=usual_folders(), others=home_folders(), drives=external_drives(), keyring=keyring, problem=problem or _emergency(),
                example_folder=Path.home() / "Cabinet", values={**defaults, **(values or {})},
                file_note=secret.file_place_note())


@router.get("/sauvegardes/configurer")
def setup_page(request: Request) -> Response:
    return _setup_page(request)


@router.post("/sauvegardes/configurer")
async def set_up(request: Request) -> Response:
    """Check and measure everything; nothing is created: the next page shows the password to be typed back."""
    from gardien.backup import secret, setup
    from gardien.backup.config import Destination, Kind, Secret, SecretKind, repository_for

    form = await read_form(request, SMALL_FORM)
    values = {name: form.text(name) for name in ("autre_dossier", "disque", "disque_chemin", "hors_site", "hors_site_chemin",
                                                  "secret", "fichier")}
    values["dossiers"] = form.values("dossier")
    try:
        refuse_if_open()
        folders = [Path(f) for f in values["dossiers"] if f]
        if values["autre_dossier"].strip():
            folders.append(Path(values["autre_dossier"].strip()))
        if not folders:
            raise GardienError("Indiquez le dossier à protéger : celui où vous rangez les dossiers de vos patients "
                               f"(son chemin complet, par exemple {Path.home() / 'Cabinet'}).")
        at_practice, away = _place(form, "disque"), _place(form, "hors_site")
        if not (at_practice or away):
            raise GardienError("Choisissez le disque externe où faire la copie (un seul suffit pour commencer) : "
                               "branchez-le, puis choisissez-le dans la liste ou indiquez un dossier neuf sur ce disque.")
        kind = SecretKind(values["secret"]) if values["secret"] in {k.value for k in SecretKind} else SecretKind.KEYRING
        if kind is SecretKind.FILE and not values["fichier"].strip():
            raise GardienError("Indiquez le fichier où garder le mot de passe.")
        choice = Secret(kind, str(Path(values["fichier"].strip()).expanduser().absolute()) if kind is SecretKind.FILE else None)
        destinations = [Destination(name, Kind.DISK, repository_for(Kind.DISK, where), hors_site=elsewhere)
                        for name, where, elsewhere in (("disque-1", at_practice, False), ("hors-site-1", away, True)) if where]
        plan = await run_in_threadpool(setup.prepare, folders, destinations, choice)
    except GardienError as exc:
        return _setup_page(request, values, exc.web_message, status=400)
    pending = Pending(secrets.token_urlsafe(16), plan, secret.generate())
    request.app.state.backup_pending = pending
    return _confirm_page(request, pending)


def _place(form, name: str) -> str:
    """The folder typed by the user, or a new folder on the chosen drive."""
    from gardien.backup.drives import BACKUP_FOLDER

    typed = form.text(f"{name}_chemin").strip()
    if typed:
        return typed
    drive = form.text(name)
    return str(Path(drive) / BACKUP_FOLDER) if drive else ""


# --- set-up, step 2: the password shown, typed back, then the repositories created -----------------------------------

def _confirm_page(request: Request, pending: Pending, problem: str = "", status: int = 200, checked: bool = True) -> Response:
    """`checked` False after « Créer » failed: the disks' check no longer holds (a key pulled out since), and the
    page does not say « Le disque est vérifié » under the error (walkthrough, round 17, W2)."""
    return page(request, "backup_confirm.html.j2", status=status, title="Noter le mot de passe des sauvegardes",
                pending=pending, destinations=pending.plan.destinations, secret_kind=pending.plan.secret.kind.value,
                problem=problem, checked=checked)


@router.post("/sauvegardes/confirmer")
async def confirm(request: Request) -> Response:
    from gardien.backup import secret, setup

    form = await read_form(request, SMALL_FORM)
    pending = pending_action(request, "backup_pending", form.text("jeton"),
                             "Cette mise en place n'est plus en cours (Gardien a été relancé, ou elle a déjà été faite) : "
                             "rien n'a été créé. Recommencez depuis la page Sauvegardes.")
    if secret.normalise(form.text("confirmation")) != pending.password:
        return _confirm_page(request, pending, "Ce n'est pas le même mot de passe : vérifiez ce que vous avez noté, lettre "
                             "par lettre, puis tapez-le de nouveau.", status=400)
    try:
        refuse_if_open()
        await run_in_threadpool(setup.create, pending.plan, pending.password)
    except GardienError as exc:
        return _confirm_page(request, pending, exc.web_message, status=400, checked=False)
    request.app.state.backup_pending = None
    return see_other("/sauvegardes?prete=1")


# --- the password, the sheet, the damaged history -------------------------------------------------------------------

@router.post("/sauvegardes/mot-de-passe")
async def show_password(request: Request) -> Response:
    """Shown on demand, once per click, to be copied by hand onto the recovery sheet (never stored by the page).
    When it is kept nowhere, the page says so and offers to check the one the user noted."""
    from gardien.backup import config, recovery, sheet

    form = await read_form(request, SMALL_FORM)
    configuration = config.load()
    typed = form.text("motdepasse")
    checked = ""
    if typed:
        checked = await run_in_threadpool(recovery.put_back, configuration, typed)
    where = sheet.password_place(configuration)
    try:
        password = await run_in_threadpool(recovery.shown, configuration)
    except GardienError as exc:  # the keyring lost it, the file is gone: say so, and offer to put it back
        password, where = None, exc.web_message
    return page(request, "backup_password.html.j2", title="Mot de passe des sauvegardes", password=password,
                where=where, checked=checked, asks=configuration.secret.kind is config.SecretKind.ASKED)


@router.get("/sauvegardes/fiche")
def recovery_sheet(request: Request) -> Response:
    from gardien.backup import config, sheet

    return page(request, "backup_sheet.html.j2", title="Fiche de secours", sections=sheet.sections(config.load()))


@router.post("/sauvegardes/historique")
async def set_history_aside(request: Request) -> Response:
    """Keep a damaged history aside (renamed, never deleted) so that a new one starts: only on the user's click."""
    from gardien.backup import state

    await read_form(request, SMALL_FORM)
    try:
        state.load()
    except GardienError:
        state.set_aside()
    return see_other("/sauvegardes")


def _no_job_running(request: Request) -> None:
    current = request.app.state.backup_job
    if current is not None and not current.done:
        raise GardienError(f"{current.label} déjà en cours : attendez qu'elle se termine.")


# --- restoring into a new folder, from the copy chosen ---------------------------------------------------------------

def _restore_page(request: Request, values: dict | None = None, problem: str = "", status: int = 200) -> Response:
    """The form: destination, new folder, which copy — prefilled with the moment of the incident while it is open
    (after ransomware the most recent copy may hold encrypted files); a closed one is only named, with its moment
    (round 19: weeks after, its date was still prefilled). The copies' dates are listed when the password is at hand
    and the disk plugged in."""
    from gardien.backup import attacked, config, operations
    from gardien.urgence import apres, incident

    latest = incident.last_attack()
    current = latest if latest is not None and latest.closed is None else None
    before, said = apres.before_incident(current), apres.onset_said(current)
    closed = apres.closed_restore_hint(latest)
    elsewhere = {"vers": str(operations.new_restore_folder()), "copie": "avant" if before else "derniere", "avant": before,
                 **(values or {})}
    try:
        configuration = config.load()
    except config.NotConfigured:  # nothing set up here: only copies made on another computer (the rescue sheet's)
        return page(request, "backup_restore.html.j2", status=status, title="Restaurer des fichiers", destinations=[],
                    values=elsewhere, elsewhere=elsewhere, listed={}, asks_password=True, incident_moment=before, incident_said=said,
                    closed_incident=closed, problem=problem, job=request.app.state.backup_job)
    defaults = {"destination": configuration.destinations[0].nom,
                "vers": str(operations.new_restore_folder()),
                "copie": "avant" if before else "derniere", "avant": before}
    listed: dict[str, list[str] | str] = {}
    asks = configuration.secret.kind is config.SecretKind.ASKED
    known = attacked.attacks()
    for destination in configuration.destinations if not asks else ():
        try:
            found = operations.snapshots(configuration, destination.nom)
            clean = attacked.newest_clean(found, known)
            listed[destination.heading] = [attacked.marked(s, known, clean) for s in found]
        except GardienError as exc:
            listed[destination.heading] = exc.web_message
    return page(request, "backup_restore.html.j2", status=status, title="Restaurer des fichiers",
                destinations=configuration.destinations, values={**defaults, **(values or {})}, elsewhere=elsewhere,
                listed=listed, asks_password=asks, incident_moment=before, incident_said=said, closed_incident=closed,
                problem=problem, job=request.app.state.backup_job)


@router.get("/sauvegardes/restaurer")
def restore_page(request: Request) -> Response:
    return _restore_page(request)


@router.post("/sauvegardes/restaurer")
async def restore(request: Request) -> Response:
    from gardien.backup import config

    form = await read_form(request, SMALL_FORM)
    values = {name: form.text(name).strip() for name in ("destination", "vers", "copie", "avant")}
    try:
        _no_job_running(request)
        configuration = config.load()
        configuration.destination(values["destination"])
        target, before = _restore_target(values)
        password = form.text("motdepasse") or None
        if configuration.secret.kind is config.SecretKind.ASKED and not password:
            raise GardienError("Tapez le mot de passe de la sauvegarde (celui de la fiche de secours).")
    except GardienError as exc:
        return _restore_page(request, values, exc.web_message, status=400)
    job = Job.start("restaurer", configuration)
    request.app.state.backup_job = job
    chosen = Restore(values["destination"], target, before)
    threading.Thread(target=_run, args=(job, configuration, password, chosen), daemon=True).start()
    return see_other("/sauvegardes")


@router.post("/sauvegardes/reprendre")
async def restore_from_elsewhere(request: Request) -> Response:
    """A restore from copies made on another computer: the folder and the password of the rescue sheet, read without
    writing on the disk, into a new folder (walkthrough, round 17, S2). Nothing is set up on this computer."""
    from gardien.backup import operations

    form = await read_form(request, SMALL_FORM)
    values = {name: form.text(name).strip() for name in ("depuis", "vers", "copie", "avant")}
    try:
        _no_job_running(request)
        if not values["depuis"]:
            raise GardienError("Indiquez le dossier des copies noté sur la fiche de secours.")
        configuration = operations.taken_back(Path(values["depuis"]))
        target, before = _restore_target(values)
        password = form.text("motdepasse")
        if not password:
            raise GardienError("Tapez le mot de passe de la sauvegarde (celui de la fiche de secours).")
    except GardienError as exc:
        return _restore_page(request, values, exc.web_message, status=400)
    job = Job.start("restaurer", configuration)
    request.app.state.backup_job = job
    chosen = Restore(operations.TAKEN_BACK, target, before)
    threading.Thread(target=_run, args=(job, configuration, password, chosen), daemon=True).start()
    return see_other("/sauvegardes")


def _restore_target(values: dict) -> tuple[Path, object]:
    """The new folder and the moment typed on a restore form, checked (GardienError in French)."""
    from gardien.backup import operations

    if not values["vers"]:
        raise GardienError("Indiquez le dossier neuf où remettre les fichiers.")
    target = Path(values["vers"]).expanduser()
    if not target.is_absolute():
        raise GardienError(f"Indiquez le chemin complet du dossier neuf (par exemple {Path.home() / 'Restauration'}).")
    operations.refuse_used_folder(target)
    return target, operations.parse_moment(values["avant"]) if values["copie"] == "avant" else None


# --- adding a copy to a set-up in place (the second disk, kept elsewhere) -------------------------------------------

def _add_page(request: Request, values: dict | None = None, problem: str = "", status: int = 200) -> Response:
    from gardien.backup import config
    from gardien.backup.drives import external_drives

    configuration = config.load()
    return page(request, "backup_add.html.j2", status=status, title="Ajouter une copie gardée ailleurs",
                destinations=configuration.destinations, drives=external_drives(), problem=problem or _emergency(),
                asks_password=configuration.secret.kind is config.SecretKind.ASKED, values=values or {})


@router.get("/sauvegardes/ajouter")
def add_page(request: Request) -> Response:
    return _add_page(request)


@router.post("/sauvegardes/ajouter")
async def add(request: Request) -> Response:
    """The second disk: checked and measured like the first, created under the same password; nothing else touched."""
    from gardien.backup import config, setup
    from gardien.backup.config import Destination, Kind, repository_for

    form = await read_form(request, SMALL_FORM)
    values = {name: form.text(name) for name in ("hors_site", "hors_site_chemin")}
    try:
        _no_job_running(request)
        refuse_if_open()
        configuration = config.load()
        where = _place(form, "hors_site")
        if not where:
            raise GardienError("Choisissez le second disque : branchez-le, puis choisissez-le dans la liste ou indiquez un "
                               "dossier neuf sur ce disque.")
        typed = form.text("motdepasse") or None
        if configuration.secret.kind is config.SecretKind.ASKED and not typed:
            raise GardienError("Tapez le mot de passe de la sauvegarde (celui de la fiche de secours).")
        new = Destination(setup.next_name(configuration, "hors-site"), Kind.DISK, repository_for(Kind.DISK, where),
                          hors_site=True)
        measured = await run_in_threadpool(setup.prepare_addition, configuration, new)
        password = await run_in_threadpool(setup.password_for_addition, configuration, typed)
        await run_in_threadpool(setup.add, configuration, measured, password)
    except GardienError as exc:
        return _add_page(request, values, exc.web_message, status=400)
    return see_other("/sauvegardes?ajoutee=1")


# --- taking a destination out (a disk given away, a wrong folder): its copies stay where they are ----------------

@router.get("/sauvegardes/retirer")
def remove_page(request: Request, destination: str = "") -> Response:
    """The confirmation: which copy, what stays on it (everything), what the 3-2-1 rule will be without it."""
    from gardien.backup import config, setup

    configuration = config.load()
    removed = configuration.destination(destination)
    problem = _emergency() or (setup.ONLY_COPY if len(configuration.destinations) == 1 else "")
    return page(request, "backup_remove.html.j2", title="Retirer une copie des sauvegardes", removed=removed,
                left=setup.copies_left(removed, tail=False),
                folder=_disk_of(removed), problem=problem)


def _disk_of(destination) -> str | None:
    """Where the Effacer page opens to erase a removed disk's copies: the folder that holds them (None: a server)."""
    return None if destination.type.remote else str(Path(destination.depot).parent)


@router.post("/sauvegardes/retirer")
async def remove(request: Request) -> Response:
    from gardien.backup import config, setup

    form = await read_form(request, SMALL_FORM)
    _no_job_running(request)
    refuse_if_open()
    configuration = config.load()
    removed = configuration.destination(form.text("destination"))
    setup.remove(configuration, removed.nom)
    request.app.state.backup_removed = Removed(removed.heading, setup.copies_left(removed, tail=False),
                                          _disk_of(removed))
    return see_other("/sauvegardes?retiree=1")


@router.post("/sauvegardes/{kind}")
async def start_job(request: Request, kind: str) -> Response:
    from gardien.backup import config

    form = await read_form(request, SMALL_FORM)
    if kind not in JOB_LABEL or kind == "restaurer":
        raise GardienError("Opération inconnue.")
    _no_job_running(request)
    refuse_if_open()
    configuration = config.load()
    password = form.text("motdepasse") or None
    if configuration.secret.kind is config.SecretKind.ASKED and not password:
        raise GardienError("Tapez le mot de passe de la sauvegarde (celui de la fiche de secours).")
    anyway = kind == "lancer" and form.text("malgre_doute") == "oui"
    if kind == "lancer":
        try:
            doubt.refuse_if_doubtful(configuration, anyway)
        except doubt.FilesLookEncrypted as exc:  # asked on the page: she looks at the files, then decides
            return page(request, "backup.html.j2", status=409, title="Sauvegardes", doubt=exc.web_message,
                        **_context(request))
    job = Job.start(kind, configuration)
    request.app.state.backup_job = job
    threading.Thread(target=_run, args=(job, configuration, password, None, not anyway), daemon=True).start()
    return see_other("/sauvegardes")
