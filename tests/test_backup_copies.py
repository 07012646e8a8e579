"""Choosing the copy to restore, with real restic repositories on two real disks (as tests/test_backup.py): after
ransomware the latest copy may hold encrypted files, so the practitioner restores « la dernière copie d'avant le
JJ/MM à HH:MM », from the command line, from the web page, and from the emergency mode's after-the-attack steps.

The older copy is made by restic itself with `--time` (a real snapshot dated the day before, as a backup run then
would have been); the « encrypted » file is hand-made random bytes written over a document."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest
from backup_disks import two_disks  # noqa: F401 - a fixture
from test_backup import gardien as run
from test_backup import practice  # noqa: F401 - a fixture
from test_backup_browser import both_widths
from test_backup_web import HTMX, SAME, client, text_of  # noqa: F401 - client is a fixture
from test_web_browser import CHROMIUM, browser, gardien, go, page  # noqa: F401 - fixtures

from gardien.backup import operations
from gardien.errors import GardienError

ORIGINAL = "Compte rendu fictif pour les tests.\n"


def label(moment: datetime, today: date | None = None) -> str:
    """« 28/11 à 10:00 », as Gardien shows a moment: one of another year than today's says its year. Written here by
    hand, so that these tests pass on 1 January too, when yesterday's copy is last year's (« 31/12/2026 à 10:00 »)."""
    today = today or date.today()
    return f"{moment:%d/%m}{'' if moment.year == today.year else f'/{moment:%Y}'} à {moment:%H:%M}"


def test_the_expected_dates_say_last_year_on_new_years_day():
    """The rule above is the code's, on the day a « %d/%m » expectation failed (hand-picked dates)."""
    new_year = date(2027, 1, 1)
    yesterday = datetime(2026, 12, 31, 10, 0)
    assert label(yesterday, new_year) == operations.moment_label(yesterday, today=new_year) == "31/12/2026 à 10:00"
    assert label(yesterday, date(2026, 12, 31)) == operations.moment_label(yesterday, today=date(2026, 12, 31)) == "31/12 à 10:00"


def older_copy_then_attack(practice) -> datetime:  # noqa: F811
    """A real copy dated yesterday 10:00 on disque-1, then the document « encrypted » and backed up again by Gardien."""
    taken = (datetime.now() - timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    env = {**os.environ, "RESTIC_REPOSITORY": str(practice["disk"] / "depot"), "RESTIC_PASSWORD": practice["password"]}
    made = subprocess.run(["restic", "backup", "--time", taken.strftime("%Y-%m-%d %H:%M:%S"), str(practice["source"])],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert made.returncode == 0, made.stderr
    (practice["source"] / "courriers" / "lettre.txt").write_bytes(os.urandom(300))
    assert run(practice["home"], "sauvegarde", "lancer").returncode == 0
    return taken


def test_the_copy_before_a_moment_is_restored_from_the_command_line(practice):  # noqa: F811
    home = practice["home"]
    taken = older_copy_then_attack(practice)
    listed = run(home, "sauvegarde", "copies", "--destination", "disque-1")
    assert listed.returncode == 0, listed.stderr
    lines = [line.strip() for line in listed.stdout.splitlines() if line.strip().startswith("•")]
    assert len(lines) == 2 and lines[1] == f"• copie du {label(taken)}", listed.stdout  # most recent first
    target = practice["tmp"] / "avant-attaque"
    restored = run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(target),
                       "--avant", f"{taken:%d/%m} 12:00")
    assert restored.returncode == 0, restored.stderr
    assert f"depuis la copie du {label(taken)} (la plus récente faite le {label(taken.replace(hour=12))} ou avant)" in restored.stdout
    letter = target / practice["source"].name / "courriers" / "lettre.txt"
    assert letter.read_text(encoding="utf-8") == ORIGINAL  # the copy from before the attack
    # walkthrough, round 13: « --avant hier » meant yesterday at 00:00, so yesterday's own copies were left out
    whole_day = run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(practice["tmp"] / "hier"),
                    "--avant", "hier")
    assert whole_day.returncode == 0, whole_day.stderr
    assert (f"depuis la copie du {label(taken)} (la plus récente faite le {label(taken.replace(hour=23, minute=59))} ou avant)"
            in whole_day.stdout), whole_day.stdout
    latest = practice["tmp"] / "derniere"
    assert run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(latest)).returncode == 0
    assert (latest / practice["source"].name / "courriers" / "lettre.txt").read_bytes() != ORIGINAL.encode()
    too_early = run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(practice["tmp"] / "x"),
                        "--avant", f"{taken - timedelta(days=1):%d/%m} 09:00")
    assert too_early.returncode == 2 and " ou avant. La plus ancienne" in too_early.stderr
    assert f"La plus ancienne est la copie du {label(taken)}" in too_early.stderr
    assert not (practice["tmp"] / "x").exists()
    # walkthrough, round 9: the command suggested under the list, pasted as shown, said no copy was made before that
    # minute, although the copy listed was made during it
    suggested = re.search(r'gardien sauvegarde restaurer (--destination disque-1 --vers DOSSIER-NEUF --avant "([^"]+)")',
                          listed.stdout)
    assert suggested and suggested.group(2) == lines[0].removeprefix("• copie du ").replace(" à ", " "), listed.stdout
    pasted = run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(practice["tmp"] / "collee"),
                 "--avant", suggested.group(2))
    assert pasted.returncode == 0 and f"depuis la {lines[0].removeprefix('• ')} " in pasted.stdout, pasted.stderr
    same_minute = run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(practice["tmp"] / "z"),
                      "--avant", f"{taken:%d/%m} 10:00")  # the copy listed « à 10:00 » is the one named « 10:00 »
    assert same_minute.returncode == 0 and f"depuis la copie du {label(taken)} " in same_minute.stdout, same_minute.stderr
    for bad in ("demain", "31/02 10:00", "28/11 25:00"):
        wrong = run(home, "sauvegarde", "restaurer", "--destination", "disque-1", "--vers", str(practice["tmp"] / "y"),
                        "--avant", bad)
        assert wrong.returncode == 2 and "Date" in wrong.stderr and "Traceback" not in wrong.stderr, wrong.stderr


def test_the_emergency_mode_proposes_the_copy_from_before_the_incident(practice):  # noqa: F811
    home = practice["home"]
    opened = run(home, "urgence", stdin="o\nq\n")
    assert opened.returncode == 0, opened.stderr
    after = run(home, "urgence", "apres")
    moment = re.search(r'--avant "(\d\d/\d\d \d\d:\d\d)"', after.stdout)
    assert moment and "la dernière copie d'avant le" in after.stdout, after.stdout
    assert "gardien sauvegarde copies --destination NOM" in after.stdout and "NOM : disque-1 ou hors-site-1" in after.stdout


def test_moments_are_read_as_written_in_france():
    now = datetime(2026, 11, 29, 5, 0).astimezone()
    assert operations.parse_moment("28/11 18:00", now) == datetime(2026, 11, 28, 18, 0, tzinfo=now.tzinfo)
    assert operations.parse_moment("28/11/2026 à 18h05", now).minute == 5
    assert operations.parse_moment("30/11", now).year == 2025  # without a year: never in the future
    # a day without a time is the whole day: « hier » includes yesterday's copies, until 23:59
    assert operations.parse_moment("hier", now) == datetime(2026, 11, 28, 23, 59, tzinfo=now.tzinfo)
    assert operations.parse_moment("28/11", now) == datetime(2026, 11, 28, 23, 59, tzinfo=now.tzinfo)
    assert operations.parse_moment("hier 0h", now) == datetime(2026, 11, 28, 0, 0, tzinfo=now.tzinfo)
    assert operations.moment_label(datetime(2026, 1, 3, 7, 5), today=now.date()) == "03/01 à 07:05"
    # another year says its year (round 14: « 3/2/25 » was read back « 03/02 »)
    assert operations.moment_label(datetime(2025, 2, 3, 23, 59), today=now.date()) == "03/02/2025 à 23:59"
    with pytest.raises(GardienError, match="Date non comprise"):
        operations.parse_moment("hier soir", now)


def test_a_moment_of_another_year_is_read_back_with_its_year(practice):  # noqa: F811
    """Walkthrough, round 13: `--avant "3/2/26"` was echoed « 03/02 », without its year. A moment of another year than
    today's says its year (failed on main: « Aucune copie n'a été faite le 03/02 à 23:59 ou avant »)."""
    year = datetime.now().year - 1
    refused = run(practice["home"], "sauvegarde", "restaurer", "--destination", "disque-1", "--vers",
                  str(practice["tmp"] / "avant"), "--avant", f"3/2/{year}")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert f"Aucune copie n'a été faite le 03/02/{year} à 23:59 ou avant" in refused.stderr, refused.stderr


def test_the_copy_listed_at_a_minute_is_the_one_that_minute_names():
    """Copies are listed to the minute: « --avant 29/11 22:41 » takes the copy made at 22:41:37 (hand-made snapshot)."""
    now = datetime(2026, 11, 29, 23, 0).astimezone()
    copy = operations.Snapshot("a1", now.replace(hour=22, minute=41, second=37))
    assert operations.last_before([copy], operations.parse_moment("29/11 22:41", now)) is copy
    with pytest.raises(GardienError, match="Aucune copie n'a été faite le 29/11 à 22:40 ou avant. La plus ancienne"):
        operations.last_before([copy], operations.parse_moment("29/11 22:40", now))


def test_the_web_page_restores_the_copy_from_before_the_incident(client, practice):  # noqa: F811
    from gardien.urgence import state

    taken = older_copy_then_attack(practice)
    state.open_(state.Origin.USER, "Fichiers chiffrés")
    form_page = client.get("/sauvegardes/restaurer")
    shown = text_of(form_page)
    assert form_page.status_code == 200 and "la dernière copie d'avant le" in shown, shown
    assert f"copie du {label(taken)}" in shown  # the copies' dates listed
    prefilled = re.search(r'name="avant"[^>]*value="([^"]+)"', form_page.text).group(1)
    assert re.fullmatch(r"\d\d/\d\d à \d\d:\d\d", prefilled)
    assert 'id="copie-avant" name="copie" value="avant" checked' in form_page.text
    bad = client.post("/sauvegardes/restaurer", headers=SAME, data={"destination": "disque-1", "vers": "relatif",
                                                                       "copie": "avant", "avant": prefilled})
    assert bad.status_code == 400 and "chemin complet" in text_of(bad)
    target = practice["tmp"] / "depuis-la-page"
    started = client.post("/sauvegardes/restaurer", headers=SAME, follow_redirects=False,
                          data={"destination": "disque-1", "vers": str(target), "copie": "avant",
                                "avant": f"{taken:%d/%m} 12:00"})
    assert started.status_code == 303
    deadline = time.monotonic() + 180
    while "Restauration terminée" not in (fragment := text_of(client.get("/sauvegardes/progression", headers=HTMX))):
        assert time.monotonic() < deadline, fragment
        time.sleep(0.2)
    assert f"depuis la copie du {label(taken)}" in fragment and "réussie" in fragment, fragment
    letter = target / practice["source"].name / "courriers" / "lettre.txt"
    assert letter.read_text(encoding="utf-8") == ORIGINAL


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium)")
def test_restoring_the_copy_before_the_incident_in_the_browser(page, practice):  # noqa: F811 - fixtures
    from gardien.urgence import state

    taken = older_copy_then_attack(practice)
    state.open_(state.Origin.USER, "Fichiers chiffrés")
    go(page, "Sauvegardes")
    page.get_by_role("link", name="Restaurer des fichiers").click()
    page.get_by_role("heading", name="Restaurer des fichiers").wait_for()
    shown = page.locator("main").inner_text()
    assert "la dernière copie d'avant le" in shown and f"copie du {label(taken)}" in shown, shown
    assert page.locator("#copie-avant").is_checked()
    both_widths(page, "16-sauvegardes-restaurer-avant-incident")
    page.locator("#avant").fill(f"{taken:%d/%m} 12:00")
    target = practice["tmp"] / "restauration-navigateur"
    page.locator("#vers").fill(str(target))
    page.get_by_role("button", name="Restaurer dans ce dossier").click()
    page.get_by_text("Restauration terminée").wait_for(timeout=120_000)
    result = page.locator("#travail").inner_text()
    assert f"depuis la copie du {label(taken)}" in result, result
    both_widths(page, "17-sauvegardes-restauration-terminee")
    letter = target / practice["source"].name / "courriers" / "lettre.txt"
    assert letter.read_text(encoding="utf-8") == ORIGINAL


@pytest.mark.parametrize("args", [["copies"], ["restaurer", "--vers", "neuf"]], ids=["copies", "restaurer"])
def test_with_no_backup_set_up_the_copies_say_so_and_how_to_set_one_up(tmp_path, args):
    """Walkthrough r22: on a fresh computer, « gardien sauvegarde copies » asked for --destination or --depuis, as if
    a backup existed; it says there is none yet, and the command that sets one up."""
    home = tmp_path / "home"
    result = subprocess.run([sys.executable, "-m", "gardien", "sauvegarde", *args], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, "GARDIEN_HOME": str(home)}, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Aucune sauvegarde n'est configurée" in result.stderr and "sauvegarde configurer" in result.stderr
    assert "Indiquez --destination" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "neuf").exists()


def test_the_only_destination_needs_no_option(monkeypatch):
    # hand-written set-up: one disk, then two
    from types import SimpleNamespace

    from gardien import cli_backup
    from gardien.backup import config

    one = SimpleNamespace(destinations=[SimpleNamespace(nom="disque-1")])
    monkeypatch.setattr(config, "exists", lambda: True)
    monkeypatch.setattr(config, "load", lambda: one)
    assert cli_backup._copies_from(None, None) == (one, "disque-1")
    two = SimpleNamespace(destinations=[SimpleNamespace(nom="disque-1"), SimpleNamespace(nom="hors-site-1")])
    monkeypatch.setattr(config, "load", lambda: two)
    with pytest.raises(GardienError, match="--destination : disque-1, hors-site-1"):
        cli_backup._copies_from(None, None)
