"""Walkthrough r12, finding 18: the web « Bilan de l'ordinateur » page, opened after the interface restarted, showed
only « Dernier bilan … score 19/100 … refaites-le ». It now shows that audit: its date, score and each point's
result, and offers to run it again. Hand-written recording (the recorded formats)."""

from __future__ import annotations

import json

from conftest import visible_text as visible
from test_web import SAME, anonymous, client, guard  # noqa: F401 - the fixtures of the web tests

from gardien import texts
from gardien.core.audit import audit_replay
from gardien.store import history


def test_the_last_saved_audit_is_shown_point_by_point_with_a_button_to_run_it_again(client, tmp_path):  # noqa: F811
    (tmp_path / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    (tmp_path / "fdesetup.stdout.txt").write_text("FileVault is Off.\n", encoding="utf-8")
    (tmp_path / "socketfilterfw.stdout.txt").write_text("Firewall is enabled. (State = 1)\n", encoding="utf-8")
    saved = audit_replay(tmp_path)
    history.save(saved)
    assert client.app.state.last_audit is None  # nothing run since the interface started: only the saved audit
    page = visible(client.get("/audit").text)
    assert f"Score : {saved.score}/100" in page and "Dernier bilan, le" in page
    for status in ("À corriger", "À vérifier", texts.IN_ORDER):
        assert status in page, status
    fixes = page.split("À corriger")[1].split("À vérifier")[0]
    assert "Disque chiffré" in fixes and "(gravité critique)" in fixes
    assert "Pare-feu" in page.split(texts.IN_ORDER)[-1]  # measured on, listed in order
    assert "refaites-le" in page and "Refaire le bilan" in page and "votre plan" in page


def _listed(page: str) -> list[str]:
    """The titles of the audit page's list of points to act on, in the page's order."""
    import re

    listed = "".join(re.findall(r'<[ou]l class="todo">(.*?)</[ou]l>', page, re.S))
    return [" ".join(visible(item).split()) for item in re.findall(r"<li>(.*?)</li>", listed, re.S)]


def test_the_saved_audit_and_the_audit_just_made_list_their_points_in_the_plans_order(client):  # noqa: F811
    """Walkthrough r14 (finding 10): the saved audit's page listed its points by severity (Disque chiffré, Sauvegarde,
    MAJ auto…, no heading saying so); after « Refaire le bilan », the same points came in another order (« dans
    l'ordre où s'y prendre »: Travail quotidien, Sauvegarde…), and « En premier : » sat above « Votre premier pas ».
    Now one order, the plan's, said in the heading, and one « premier pas ». Hand-written audit."""
    from test_plan_consistent import _audit

    from gardien.core.model import Severity, Status
    from gardien.plan.build import build

    statuses = {"chiffrement_disque": Status.FAIL, "sauvegarde": Status.FAIL, "mises_a_jour_automatiques": Status.FAIL,
                "mises_a_jour_systeme": Status.FAIL, "compte_administrateur": Status.FAIL, "pare_feu": Status.MANUAL,
                "documents_bureau": Status.FAIL, "compte_invite": Status.PASS}
    result = _audit(statuses, {"sauvegarde": Severity.CRITICAL})
    history.save(result)
    plan = [result.finding(s.id).title for s in build().steps if s.id in statuses]  # the plan says « Vérifier : … »
    saved = client.get("/audit").text
    client.app.state.last_audit = result  # as after « Refaire le bilan »
    fresh = client.get("/audit").text
    for page in (saved, fresh):
        listed = _listed(page)
        assert len(listed) == len(plan) == 7, listed
        assert all(title in line for title, line in zip(plan, listed, strict=True)), "\n".join(plan + ["---"] + listed)
        assert "Ce qui demande votre attention, dans l'ordre de votre plan" in visible(page)
    said = visible(fresh)
    assert f"Votre premier pas (n° 1) : {build().first.title}" in said
    assert "En premier" not in said and said.count("premier pas") == 1


def test_each_point_of_the_saved_audit_leads_to_its_step_of_the_plan(client, tmp_path):  # noqa: F811
    """Review, round 22: the saved audit's points could not be clicked, and the page said its detail was not kept;
    each point to act on now leads to its step of the plan, whose « Comment faire » tells what to do. Hand-written
    recording (the recorded formats)."""
    import re

    (tmp_path / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    (tmp_path / "fdesetup.stdout.txt").write_text("FileVault is Off.\n", encoding="utf-8")
    history.save(audit_replay(tmp_path))
    page = client.get("/audit").text
    todo = re.search(r'<ol class="todo">(.*?)</ol>', page, re.S).group(1)
    targets = re.findall(r'<a href="[^"]*/plan#etape-([a-z_]+)">', todo)
    assert "chiffrement_disque" in targets and len(targets) == len(re.findall(r"<li>", todo))
    plan = client.get("/plan").text
    assert all(f'id="etape-{target}"' in plan for target in targets)
    assert "mène à son étape" in visible(page)


def test_a_point_marked_done_since_the_saved_audit_says_so(client, tmp_path):  # noqa: F811
    """Review, round 22: after « plan fait sauvegarde », the saved audit's page listed « À corriger Sauvegarde récente
    (gravité critique) » last, with no link and no word why. Hand-written recording (the recorded formats)."""
    import re
    from dataclasses import replace
    from datetime import datetime, timedelta

    from gardien.plan import actions

    (tmp_path / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    (tmp_path / "fdesetup.stdout.txt").write_text("FileVault is Off.\n", encoding="utf-8")
    made = audit_replay(tmp_path)
    an_hour_before = (datetime.fromisoformat(made.started_at) - timedelta(hours=1)).isoformat()
    history.save(replace(made, started_at=an_hour_before))  # marked done after the audit, as she would
    actions.mark_done("chiffrement_disque")
    todo = re.search(r'<ol class="todo">(.*?)</ol>', client.get("/audit").text, re.S).group(1)
    item = next(i for i in re.findall(r"<li>(.*?)</li>", todo, re.S) if "Disque chiffré" in i)
    assert "marqué fait dans votre plan : le prochain bilan le vérifiera" in visible(item)
    assert "/plan#etape-chiffrement_disque" not in item  # no longer an open step of the plan


def test_the_saved_audit_says_declared_and_reopened_as_the_terminal_does(client):  # noqa: F811
    """Review r24: after « gardien plan fait pare_feu », the terminal's audit said « À vérifier — déclaré fait le … »
    and « Vous aviez marqué fait « … » … l'étape y revient »; the web page of the saved audit said only « marqué fait
    dans votre plan », without « déclaré » nor date, and not the second sentence. Hand-written audit."""
    from dataclasses import replace
    from datetime import datetime, timedelta

    from test_plan_consistent import _audit

    from gardien import fr
    from gardien.core.model import Status
    from gardien.plan import actions
    from gardien.plan.audit_notes import for_audit

    actions.mark_done("pare_feu")
    actions.mark_done("chiffrement_disque")
    made = _audit({"pare_feu": Status.MANUAL, "chiffrement_disque": Status.FAIL})
    later = replace(made, started_at=(datetime.fromisoformat(made.started_at) + timedelta(minutes=1)).isoformat())
    history.save(later)  # made after she marked both done: the disk is still not encrypted
    terminal = for_audit(later)
    page = visible(client.get("/audit").text)
    assert f"déclaré fait le {fr.day(datetime.now().isoformat())}" in page
    assert terminal.declared["pare_feu"] in page and terminal.reopened_sentence in page
    assert "l'étape y revient" in page
