"""Round 15, leftovers of earlier walkthroughs: one « Urgent » wording in the terminal and on the pages, a root session
told once that it is root and where the administrator rights are, the erasure page's « anciennes versions » sentence
said once.

The audit outputs here are hand-written, in the recorded formats (id -un, id -Gn, ufw status)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import logged_in_client, visible_text

ROOT_SESSION = {"id_user": "root\n", "id_groups": "root\n", "desktop_session": "", "ufw_status": "Status: inactive\n"}


def gardien(home, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "GARDIEN_HOME": str(home), "COLUMNS": "300"}
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "gardien", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=180, check=False)


def _recording(folder, outputs: dict[str, str], os_name: str = "linux"):
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": os_name}), encoding="utf-8")
    for name, text in outputs.items():
        (folder / f"{name}.stdout.txt").write_text(text, encoding="utf-8")
    return folder


# --- 1. one wording for what comes first ------------------------------------------------------------------------

def test_the_terminal_and_the_page_name_an_open_emergency_with_the_same_word(tmp_path, monkeypatch):
    home = tmp_path / "home"
    folder = _recording(tmp_path / "rec", {}, "macos")
    gardien(home, "urgence", stdin="o\nq\n")
    shown = gardien(home, "audit", "--rejouer", str(folder))
    assert "Traceback" not in shown.stderr, shown.stderr
    said = " ".join(shown.stdout.split())
    assert "Urgent : un incident est en cours" in said and "EN PREMIER" not in said
    assert gardien(home).stdout.startswith("Urgent : un incident est en cours")

    monkeypatch.setenv("GARDIEN_HOME", str(home))
    page = " ".join(visible_text(logged_in_client().get("/audit").text).split())
    assert "Urgent : un incident est en cours" in page


# --- 2. a root session ------------------------------------------------------------------------------------------

def test_a_root_session_is_told_it_is_root_once_and_that_root_holds_the_administrator_rights(tmp_path):
    home = tmp_path / "home"
    folder = _recording(tmp_path / "rec", ROOT_SESSION)
    shown = gardien(home, "audit", "--rejouer", str(folder), "--details")
    assert shown.returncode in (0, 1) and "Traceback" not in shown.stderr, shown.stderr
    details = shown.stdout[shown.stdout.index("Le détail, point par point"):]
    point = details[details.index("Travail quotidien sans droits d'administrateur"):]
    point = " ".join(point[:point.index("Source :")].split())
    assert point.count("sous le compte root") == 2, point  # what was found, then the step that ends it
    assert point.count("qui a tous les droits") == 1, point
    assert "créez-vous un compte personnel, de type standard" in point

    firewall = details[details.index("Pare-feu"):]
    firewall = " ".join(firewall[:firewall.index("Source :")].split())
    assert "réservé aux installations" not in firewall, firewall
    assert ("votre compte personnel ne les a pas : ouvrez d'abord une session sur le compte root, faites-y cette "
            "étape, puis revenez à votre compte personnel.") in firewall, firewall



def test_the_plan_of_a_root_session_says_where_the_administrator_rights_are(tmp_path):
    from dataclasses import replace
    from datetime import datetime, timedelta

    from gardien.core.audit import audit_replay
    from gardien.store import history

    result = audit_replay(_recording(tmp_path / "rec", ROOT_SESSION))
    history.save(replace(result, started_at=(datetime.fromisoformat(result.started_at) - timedelta(hours=1))
                         .isoformat(timespec="seconds")))
    plan = " ".join(gardien(os.environ["GARDIEN_HOME"], "plan", "--details").stdout.split())
    assert "ufw enable" in plan and "sudo" not in plan  # typed in root's session (round 18)
    assert "réservé aux installations" not in plan and "session sur le compte root, faites-y cette étape" in plan


def test_an_administrator_account_keeps_the_installation_account(tmp_path):
    home = tmp_path / "home"
    folder = _recording(tmp_path / "rec", {**ROOT_SESSION, "id_user": "marc\n", "id_groups": "marc sudo\n"})
    shown = " ".join(gardien(home, "audit", "--rejouer", str(folder), "--details").stdout.split())
    assert "session sur le compte administrateur réservé aux installations" in shown and "compte root" not in shown


# --- 3. the erasure's confirmation page -------------------------------------------------------------------------

def test_the_erasure_page_says_once_what_may_remain_of_older_versions(tmp_path, monkeypatch):
    """A hard disk, not encrypted (hand-written verdict): the « anciennes versions » sentence is in the encryption line;
    the question above the button does not say it again."""
    from dataclasses import replace

    from gardien.effacement import apercu, messages
    from gardien.effacement.chiffrement import Encryption, Verdict
    from gardien.effacement.support import Medium, Storage

    hard_disk = Storage(Medium.HARD_DISK, "ext4", None, False, True)
    monkeypatch.setattr(apercu, "make_plan", lambda target, data=None, real=apercu.make_plan:
                        replace(real(target, data=data), storage=hard_disk))
    monkeypatch.setattr(apercu, "verdict", lambda storage, run=None:
                        Verdict(Encryption.CLEAR, "Le disque n'est pas chiffré (constat écrit pour ce test).", "x"))
    folder = tmp_path / "Anciens courriers"
    folder.mkdir()
    (folder / "lettre.txt").write_text("Lettre écrite pour ce test.\n" * 20, encoding="utf-8")
    preview = apercu.prepare([folder])
    remains = messages.remains_text(preview.items[0].verdict, preview.items[0].plan)
    assert "anciennes versions" in remains

    client = logged_in_client()
    shown = client.post("/effacer/verifier", headers={"Origin": "http://127.0.0.1:8765"}, data={"cible": str(folder)})
    said = " ".join(visible_text(shown.text).split())
    assert shown.status_code == 200, said
    assert said.count("anciennes versions") == 1 and said.count(remains) == 1, said
    assert "Effacer définitivement 1 fichier" in said and "Rien n'ira à la corbeille" in said


# --- 5. « registre completer » stopped half-way through a heading -------------------------------------------------

def test_ctrl_c_in_a_heading_keeps_the_answer_given_for_every_activity(tmp_path):
    """Hand-written interview (tests/test_registre_cli.py); the first heading is answered « 1 » for every activity,
    then Ctrl+C at the first activity's own line."""
    import pytest

    if sys.platform == "win32":
        pytest.skip("pseudo-terminal: Linux, macOS")
    from test_ctrl_c import CTRL_C, in_terminal
    from test_registre_cli import INTERVIEW, run

    home = tmp_path / "home"
    assert run(home, "creer", stdin=INTERVIEW).returncode == 0
    before = run(home, "voir", "rendez_vous").stdout
    code, out = in_terminal(home, ["registre", "completer"],
                            [("Pour toutes les activités (numéros, Entrée pour passer)", "1"),
                             ("(numéros, Entrée pour passer)", CTRL_C)])
    assert code == 130, out
    assert "== Catégories de données" in out and "1. Identité, coordonnées" in out, out
    assert "Interrompu (Ctrl+C) : 1 réponse enregistrée, le reste est à compléter. " in out, out
    assert "Pour reprendre : gardien registre completer" in out
    after = run(home, "voir", "rendez_vous").stdout
    assert "Identité et coordonnées" not in before and "Identité et coordonnées" in after, after


# --- 6. reminders installed by an older Gardien -------------------------------------------------------------------

def _manifest(home, routines: list[dict]) -> None:
    """As `rappels installer` writes it, for systemd timers (hand-written), with the timers it leaves in the test's own
    systemd folder (round 17: a saved list whose timers are gone is « ne sont plus programmés »)."""
    home.mkdir(parents=True, exist_ok=True)
    units = home.parent / "config" / "systemd" / "user"
    units.mkdir(parents=True, exist_ok=True)
    timers = [units / f"gardien-{r['id']}.timer" for r in routines]
    for timer in timers:
        timer.write_text("[Timer]\nOnCalendar=Mon *-*-* 12:30:00\n", encoding="utf-8")
    (home / "rappels.json").write_text(json.dumps({
        "backend": "systemd", "installed_at": "2026-06-02T09:00:00+02:00",
        "traces": [str(timer) for timer in timers], "routines": routines}), encoding="utf-8")


def _status(tmp_path, home) -> subprocess.CompletedProcess:
    """`gardien rappels etat` with no `systemctl` to ask (empty PATH): the schedule is read from the manifest."""
    empty = tmp_path / "rien"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "GARDIEN_HOME": str(home), "PATH": str(empty), "COLUMNS": "300",
           "XDG_CONFIG_HOME": str(home.parent / "config")}
    return subprocess.run([sys.executable, "-m", "gardien", "rappels", "etat"], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


OLDER = [  # what Gardien installed before round 14: the restore test each month; updates chosen on Friday 12:15
    {"id": "sauvegarde", "title": "Sauvegarde de la semaine", "weekday": 0, "day": None, "months": None, "hour": 12, "minute": 30},
    {"id": "restauration", "title": "Test de restauration du mois", "weekday": None, "day": 1, "months": None, "hour": 12, "minute": 30},
    {"id": "mises_a_jour", "title": "Créneau des mises à jour", "weekday": 4, "day": None, "months": None, "hour": 12, "minute": 15},
    {"id": "bilan", "title": "Bilan trimestriel", "weekday": None, "day": 1, "months": [1, 4, 7, 10], "hour": 12, "minute": 0},
]


def test_reminders_of_an_older_gardien_are_said_to_need_refreshing_with_her_own_days(tmp_path):
    home = tmp_path / "home"
    _manifest(home, OLDER)
    shown = _status(tmp_path, home)
    said = " ".join(shown.stdout.split())
    assert "Traceback" not in shown.stderr, shown.stderr
    assert "Test de restauration du mois : le 1er de chaque mois à 12h30" in said, said  # what is installed
    assert ("Ces rappels ont été programmés par une version précédente de Gardien, qui ne les plaçait pas aux mêmes "
            "moments. Cette version-ci prévoit : « Test de restauration du semestre » : le 1er mars et septembre à "
            "12h30. Pour les mettre à jour, en gardant vos jours et heures : gardien rappels installer --jour-maj "
            "vendredi --heure-maj 12:15") in said, said


def test_reminders_installed_by_this_version_are_not_said_outdated(tmp_path):
    from gardien.reminders.install import entry
    from gardien.reminders.routines import routines

    home = tmp_path / "home"
    _manifest(home, [entry(r) for r in routines(4, (12, 15))])
    said = " ".join(_status(tmp_path, home).stdout.split())
    assert "Rappels notés dans le planificateur le 02/06/2026" in said and "version précédente" not in said, said
