"""Walkthrough round 14, findings 4 and 7.

4: Gardien said « au moins une fois par semestre, le rythme que Gardien suit » (audit), « test de restauration du
   mois » (`rappels --help`) and « Une fois par mois » (the reminder). One rhythm now, the semester of
   ../shared/docs/references.md SAUV-04 (MonAideCyber « à minima une fois par semestre »).
7: the reminders told a nurse who uses the web to type « gardien sauvegarde lancer », a command this install's
   terminal does not find. They now name the page of Gardien first, then the command as it must be typed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gardien.backup import status
from gardien.checks.sauvegarde import check as backup_check
from gardien.core.registry import discover
from gardien.registre.content import all_sources
from gardien.reminders.routines import by_id, routines

INSTALLED = Path(sys.executable).with_name("gardien")
# every way of saying how often: the words Gardien uses for a rhythm
RHYTHM = re.compile(r"(?:une fois |)par (mois|semestre|an|trimestre|semaine)\b|\bdu (mois|semestre|trimestre)\b|"
                    r"\b(mensuel|semestriel|annuel|trimestriel)", re.I)
SAME = {"mensuel": "mois", "semestriel": "semestre", "annuel": "an", "trimestriel": "trimestre"}


def rhythms(text: str) -> set[str]:
    found = {next(g for g in m.groups() if g).lower() for m in RHYTHM.finditer(text)}
    return {SAME.get(word, word) for word in found}


def restore_sentences() -> dict[str, str]:
    """Each place that says how often Gardien has her test a restore (what another source asks is cited in brackets
    after the SAUV-04 label: only the part before « le rythme que Gardien suit » is Gardien's)."""
    routine = by_id(routines())["restauration"]
    spec = next(s for s in discover() if s.id == "sauvegarde")
    steps = " ".join(str(step) for steps in spec.meta.remediation.values() for step in steps if "restauration" in str(step))
    help_text = subprocess.run([*([str(INSTALLED)] if INSTALLED.is_file() else [sys.executable, "-m", "gardien"]),
                                "rappels", "--help"], capture_output=True, text=True, timeout=60, check=False,
                               env=dict(os.environ, COLUMNS="200")).stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    return {
        "README": " ".join(re.findall(r"test de restauration d[^,]*|rappelle la sauvegarde[^.]*", readme)),
        "rappel (titre et texte)": f"{routine.title} {routine.message}",
        "gardien rappels --help": " ".join(part for part in help_text.split("Commandes")[0].split(",") if "restauration" in part),
        "source SAUV-04": all_sources()["SAUV-04"].label.split("le rythme que Gardien suit")[0],
        "sauvegardes (état)": status.RESTORE_TEST_RULE,
        "bilan, point sauvegarde": steps,
        "bilan, sauvegarde à jour": " ".join(re.findall(r"restauration d'essai[^.\"]*", Path(backup_check.__file__).read_text(
            encoding="utf-8"))),
    }


def test_one_restore_rhythm_everywhere():
    said = {where: rhythms(text) for where, text in restore_sentences().items()}
    assert all(said.values()), f"sans rythme : {said}"
    assert set().union(*said.values()) == {"semestre"}, said


def test_the_restore_reminder_fires_twice_a_year_six_months_apart():
    months = by_id(routines())["restauration"].when.months
    assert months is not None and len(months) == 2 and months[1] - months[0] == 6
    assert status.RESTORE_TEST_DAYS in range(181, 185)


def test_the_detector_sees_two_rhythms():
    # the texts of main before this fix: the test above fails on them
    assert rhythms("Test de restauration du mois Une fois par mois : vérifiez") == {"mois"}
    assert rhythms("au moins une fois par semestre, recommande l'ANSSI") == {"semestre"}


# --- 7: the notification names Gardien's page first, then the command as typed -----------------------------------

def test_the_notification_names_the_page_the_shortcut_then_the_typed_command():
    from gardien.reminders.routines import notification

    backup = by_id(routines())["sauvegarde"]
    with_shortcut = notification(backup, "sur le Bureau (double-cliquez dessus)", "/opt/g/.venv/bin/gardien")
    assert with_shortcut.index("page « Sauvegardes »") < with_shortcut.index("raccourci « Gardien », sur le Bureau")
    assert with_shortcut.endswith("Ou, dans un terminal : « /opt/g/.venv/bin/gardien sauvegarde lancer ».")
    without = notification(backup, "", "/opt/g/.venv/bin/gardien")
    assert "tapez « /opt/g/.venv/bin/gardien interface » dans un terminal" in without
    for routine in routines():
        assert "« gardien" not in notification(routine, "", "/opt/g/.venv/bin/gardien"), routine.id


@pytest.mark.skipif(not INSTALLED.is_file() or os.name == "nt", reason="la commande gardien installée est absente")
@pytest.mark.parametrize("launched", ["script", "python -m"])
def test_a_reminder_fired_outside_the_path_writes_the_command_that_works(tmp_path, launched):
    """As the scheduler runs it (« python -m gardien », a PATH without Gardien) or as typed by its path: the command
    it prints starts with the full path of this Gardien, which works in any terminal; the page comes first."""
    argv = [str(INSTALLED)] if launched == "script" else [sys.executable, "-m", "gardien"]
    env = {"GARDIEN_HOME": str(tmp_path / "donnees"), "HOME": str(tmp_path), "PATH": "/nonexistent",
           "XDG_DATA_HOME": str(tmp_path / "data")}
    shown = subprocess.run([*argv, "rappels", "notifier", "restauration"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=60, check=False)
    assert shown.returncode == 0, shown.stderr
    assert "page « Sauvegardes », bouton « Faire une restauration d'essai »" in shown.stdout
    assert f"« {INSTALLED} sauvegarde verifier »" in shown.stdout and f"« {INSTALLED} interface »" in shown.stdout
    assert "« gardien" not in shown.stdout
