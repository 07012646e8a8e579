"""Walkthrough r16: the account's crontab held the reminder lines of ANOTHER Gardien install (another .venv, another
data folder); a fresh Gardien's `rappels etat` said « leur liste n'a pas été trouvée … rappels installer (ou
desinstaller) », advice that would remove the other install's reminders. The lines are told apart by the command they
run. Fakes only: a crontab script writing to the test's folder (GARDIEN_CRONTAB); the real crontab is never touched.
The other install's lines are hand-written, as `rappels installer` writes them (linux.cron_line)."""

from __future__ import annotations

import sys

import pytest
from test_reminders_scheduler import fake_crontab, gardien

from gardien.reminders import linux
from gardien.reminders.routines import routines

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the cron path is Linux's")


@pytest.fixture
def crontab(tmp_path):
    if linux.systemd_available():
        pytest.skip("a systemd user session is here: the reminders would go to systemd, not cron")
    return fake_crontab(tmp_path)


def _other_install(tmp_path, program: str) -> None:
    lines = [linux.cron_line(r.when, [program, "-m", "gardien", "rappels", "notifier", r.id, "--donnees",
                                      "/tmp/autre-cabinet"]) for r in routines()]
    (tmp_path / "table").write_text("0 3 * * * /usr/bin/mes-propres-taches\n" + linux.with_block("", lines)
                                    .lstrip("\n"), encoding="utf-8")


def test_another_live_gardiens_reminders_are_said_to_be_its_own_not_to_be_removed(tmp_path, isolated_home, crontab):
    other = tmp_path / "autre" / ".venv" / "bin" / "python3"
    other.parent.mkdir(parents=True)
    other.write_text("", encoding="utf-8")
    _other_install(tmp_path, str(other))
    shown = gardien(isolated_home, crontab, "etat")
    said = " ".join(shown.stdout.split())
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "leur liste n'a pas été trouvée" not in said and "(ou desinstaller)" not in said, said
    assert f"sont ceux d'un autre Gardien, pas de celui-ci : ils lancent {other}, avec les données du dossier " \
           "/tmp/autre-cabinet" in said, said
    assert "ne retirez pas ses rappels d'ici" in said and "remplacerait les siens" in said, said
    table = (tmp_path / "table").read_text(encoding="utf-8")
    assert table.count("/tmp/autre-cabinet") == 4  # only read


def test_a_deleted_gardiens_reminders_are_said_dead_and_removable(tmp_path, isolated_home, crontab):
    _other_install(tmp_path, str(tmp_path / "supprime" / ".venv" / "bin" / "python3"))
    said = " ".join(gardien(isolated_home, crontab, "etat").stdout.split())
    assert "Cet autre Gardien a été supprimé" in said and "ne peuvent plus s'afficher" in said, said
    assert "Pour les retirer : gardien rappels desinstaller" in said, said


def test_this_gardiens_own_lines_are_not_another_ones(tmp_path, isolated_home, crontab):
    """The same lines written by this Gardien (its interpreter, its data folder): not « un autre Gardien »."""
    lines = [linux.cron_line(r.when, [sys.executable, "-m", "gardien", "rappels", "notifier", r.id, "--donnees",
                                      str(isolated_home.absolute())]) for r in routines()]
    (tmp_path / "table").write_text(linux.with_block("", lines), encoding="utf-8")
    said = " ".join(gardien(isolated_home, crontab, "etat").stdout.split())
    assert "autre Gardien" not in said and "leur liste n'a pas été trouvée" in said, said


def test_installing_over_another_gardiens_reminders_says_it_replaced_them(tmp_path, isolated_home, crontab):
    _other_install(tmp_path, "/nulle/part/.venv/bin/python3")
    installed = gardien(isolated_home, crontab, "installer")
    said = " ".join(installed.stdout.split())
    assert "Ils remplacent ceux d'un autre Gardien, qui lançaient /nulle/part/.venv/bin/python3" in said, said
    table = (tmp_path / "table").read_text(encoding="utf-8")
    assert "/tmp/autre-cabinet" not in table and "/usr/bin/mes-propres-taches" in table
    assert gardien(isolated_home, crontab, "desinstaller").returncode == 0
