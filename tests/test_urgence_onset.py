"""Round 19: the moment her files stopped opening, declared by her, kept in the incident journal and used to steer the
restore; and the moment of a closed incident no longer prefilled in the restore form as if it were today's attack.
Hand-written moments; the journal and the pages are real (TestClient), the commands real subprocesses."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

from conftest import visible_text
from test_registre_web import SAME, client  # noqa: F401 - the logged-in client fixture
from test_urgence_cli import gardien

from gardien.backup import attacked
from gardien.backup.operations import Snapshot, moment_label
from gardien.urgence import apres, incident, journal, state


def _said(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _hours_ago(hours: int) -> datetime:
    return (datetime.now().astimezone() - timedelta(hours=hours)).replace(second=0, microsecond=0)


def test_the_declared_moment_is_journaled_shown_back_and_steers_the_restore(client):  # noqa: F811
    """She opened the emergency mode by hand; her files had stopped opening five hours before. Declared on « Après
    l'attaque », the moment is an entry of the incident's journal, said back, and the restore is steered before it
    (the copy made four hours ago, after it, is not the one to take)."""
    state.open_(state.Origin.USER, "")
    stopped = _hours_ago(5)
    sent = client.post("/urgence/apres/debut", headers=SAME, data={"depuis": f"{stopped:%d/%m/%Y %H:%M}"})
    assert sent.status_code == 303 and sent.headers["location"].endswith("/urgence/apres")
    found = incident.find()
    noted = [e for e in found.entries if e.kind is journal.EntryKind.ONSET]
    assert len(noted) == 1 and noted[0].details["depuis"] == stopped.isoformat(timespec="minutes")
    assert found.declared_onset == stopped and found.onset == stopped
    page = _said(visible_text(client.get("/urgence/apres").text))
    assert f"Noté dans le journal de l'incident {found.name} : vos fichiers ont cessé de s'ouvrir le " \
           f"{moment_label(stopped)} (déclaré par vous)" in page, page
    assert f"Choisissez la dernière copie d'avant le {moment_label(stopped)} (moment où vos fichiers ont cessé de " \
           "s'ouvrir, déclaré par vous)" in page, page
    # the restore steering: the copy made after the declared moment is said made during the attack, the one before taken
    after_it, before_it = Snapshot("b", _hours_ago(4)), Snapshot("a", _hours_ago(6))  # restic's times: local, aware
    known = attacked.attacks()
    assert [a.start for a in known] == [stopped]
    assert attacked.steered([after_it, before_it], known) is before_it
    assert "cessé de s'ouvrir" in attacked.marked(after_it, known, before_it)
    restore = client.get("/sauvegardes/restaurer").text
    assert f'value="{moment_label(stopped)}"' in restore  # the form prefilled with it while the incident is open


def test_a_declared_moment_is_refused_in_french_when_it_cannot_be_used(tmp_path, client):  # noqa: F811
    none = client.post("/urgence/apres/debut", headers=SAME, data={"depuis": "28/11 18:00"})
    assert none.status_code == 400 and "Aucun incident" in _said(visible_text(none.text))
    state.open_(state.Origin.USER, "")
    for typed, said in (("n'importe quand", "Date non comprise"), ("", "Date non comprise"),
                        (f"{datetime.now() + timedelta(days=2):%d/%m/%Y} 10:00", "dans le futur")):
        refused = client.post("/urgence/apres/debut", headers=SAME, data={"depuis": typed})
        shown = _said(visible_text(refused.text))
        assert refused.status_code == 400 and said in shown, shown
        given = re.search(r'id="depuis"[^>]*value="([^"]*)"', refused.text)
        assert given and html.unescape(given.group(1)) == typed  # what she typed is given back
    assert not [e for e in incident.find().entries if e.kind is journal.EntryKind.ONSET]


def test_the_command_journals_the_declared_moment(tmp_path):
    home = tmp_path / "home"
    assert gardien(home, "urgence", stdin="o\nq\n").returncode == 0
    asked = _said(gardien(home, "urgence", "apres").stdout)
    assert 'Notez ce moment dans le journal : gardien urgence apres --depuis "JJ/MM HH:MM"' in asked, asked
    stopped = _hours_ago(3)
    said = gardien(home, "urgence", "apres", "--depuis", f"{stopped:%d/%m/%Y %H:%M}")
    out = _said(said.stdout)
    assert said.returncode == 0, said.stderr
    assert f"vos fichiers ont cessé de s'ouvrir le {moment_label(stopped)} (déclaré par vous)" in out, out
    assert f'--avant "{moment_label(stopped).replace(" à ", " ")}"' in out, out
    assert "Notez ce moment dans le journal" not in out  # said: the hint is for a moment not yet given
    listed = _said(gardien(home, "urgence", "journal", "liste").stdout)
    assert "Fichiers illisibles depuis (déclaré)" in listed, listed
    bad = gardien(home, "urgence", "apres", "--depuis", "bientôt")
    assert bad.returncode == 2 and "Date non comprise" in bad.stderr and "Traceback" not in bad.stderr


def test_a_closed_incident_is_not_prefilled_and_is_named(client):  # noqa: F811
    """Round 19: weeks after an incident was closed, the restore form still proposed « la dernière copie d'avant » its
    date. Closed, its moment is no longer prefilled; the page names the closed incident it comes from."""
    state.open_(state.Origin.USER, "")
    state.close(state.Outcome.ATTACK)
    closed = incident.find()
    before = apres.before_incident(closed)
    form = client.get("/sauvegardes/restaurer").text
    assert 'id="ailleurs-avant" name="copie" value="avant" checked' not in form
    assert 'id="ailleurs-derniere" name="copie" value="derniere" checked' in form
    assert f'value="{before}"' not in form
    shown = _said(visible_text(form))
    assert "Gardien propose la dernière copie d'avant" not in shown
    assert f"Le dernier incident, {closed.name}, est fermé depuis le" in shown and before in shown, shown
    after = _said(visible_text(client.get("/urgence/apres").text))
    assert f"incident {closed.name}, fermé le" in after, after
    from gardien.backup import state as backups

    backups.record("disque-1", backups.Event.BACKUP)  # a backup made today, once the incident was over
    after = _said(visible_text(client.get("/urgence/apres").text))
    assert "a été faite après le début de l'incident" not in after and "Attention" not in after, after
    assert f"après la fin de l'incident {closed.name}" in after, after
