"""The plan, the questionnaire, the register and the audit say one consistent thing (walkthrough of round 10): a
« Non concerné » answer, the off-site copy declared while every Gardien copy is at the practice, an open emergency
named by the audit, one step for one thing, and the plan's « how » for every step on request."""

from __future__ import annotations

import html
from datetime import datetime

from conftest import logged_in_client, visible_text
from typer.testing import CliRunner

from gardien.cli import app
from gardien.core.model import AuditResult, Finding, Severity, Status
from gardien.plan.build import build
from gardien.questionnaire.questions import Answer, by_id
from gardien.registre import measures
from gardien.store import answers, history

ALONE = ("sensibilisation_equipe", "charte_informatique", "wifi_visiteurs", "ia_agents", "hebergement_hds")


def _audit(statuses: dict[str, Status], severity: dict[str, Severity] | None = None) -> AuditResult:
    from gardien.core.registry import discover

    specs = {s.id: s for s in discover()}
    severity = severity or {}
    findings = [Finding(id=i, status=st, severity=severity.get(i, specs[i].meta.severity), title=specs[i].meta.title,
                        theme=specs[i].meta.theme, detail="", why="", risk="", remediation=(), sources=(), effort_minutes=1)
                for i, st in statuses.items()]
    return AuditResult(os="linux", os_version="test", gardien_version="test",
                       started_at=datetime.now().astimezone().isoformat(timespec="seconds"), mode="live",
                       findings=tuple(findings), score=50, first_steps=(), duration_s=0.1)


# --- 1. « Non concerné » ----------------------------------------------------------------------------------------

def test_not_concerned_creates_no_step_and_is_never_in_place_in_the_register():
    """A midwife working alone: the team, the charter, the patients' Wi-Fi, an AI agent, online hosting."""
    for question_id in ALONE:
        assert by_id()[question_id].may_not_concern
        done = CliRunner().invoke(app, ["questionnaire", "repondre", question_id, "nc"])
        assert done.exit_code == 0, done.output
    assert answers.current()["sensibilisation_equipe"][0] is Answer.NOT_CONCERNED
    assert not {s.id for s in build().steps} & set(ALONE)
    found = {m.label: m for m in measures.security_measures()}
    for question_id in ALONE:
        measure = found[by_id()[question_id].action]
        assert measure.state is measures.MeasureState.NOT_CONCERNED
        assert measure.state.label == "Non concerné (déclaré)"
    listed = CliRunner().invoke(app, ["questionnaire", "liste"]).output
    assert "Non concerné" in listed


def test_not_concerned_is_refused_for_a_question_that_concerns_everybody():
    assert not by_id()["verrouillage_reflexe"].may_not_concern
    refused = CliRunner().invoke(app, ["questionnaire", "repondre", "verrouillage_reflexe", "nc"])
    assert refused.exit_code != 0 and "concerne tous les cabinets" in str(refused.exception)
    assert "verrouillage_reflexe" not in answers.current()


def test_the_questionnaire_offers_nc_only_where_it_fits():
    # organisation, in file order: registre_traitements, information_patients, sensibilisation_equipe, then
    # comptes_personnels and charte_informatique (both settled by its « non concerné »: not asked)
    typed = "nc\no\nnon\nnon concernée\nnc\nq\n"
    shown = CliRunner().invoke(app, ["questionnaire", "--theme", "organisation"], input=typed)
    assert shown.exit_code == 0, shown.output
    assert "Cette question concerne tous les cabinets" in shown.output  # « nc » to the register question
    assert "[o/n/?/nc]" in shown.output and "nc (non concerné)" in shown.output
    given = {key: value[0] for key, value in answers.current().items()}
    assert given == {"registre_traitements": Answer.YES, "information_patients": Answer.NO,
                     "sensibilisation_equipe": Answer.NOT_CONCERNED, "comptes_personnels": Answer.NOT_CONCERNED,
                     "charte_informatique": Answer.NOT_CONCERNED}


def test_the_web_questionnaire_has_a_non_concerne_button_where_it_fits():
    client = logged_in_client()
    origin = {"Origin": "http://127.0.0.1:8765"}
    assert "Non concerné" in client.get("/questionnaire?question=sensibilisation_equipe").text
    assert "Non concerné" not in client.get("/questionnaire?question=verrouillage_reflexe").text
    refused = client.post("/questionnaire/verrouillage_reflexe", data={"reponse": "nc"}, headers=origin)
    assert refused.status_code == 400 and "verrouillage_reflexe" not in answers.current()
    saved = client.post("/questionnaire/sensibilisation_equipe", data={"reponse": "nc"}, headers=origin)
    assert saved.status_code == 200 and "« Non concerné »" in saved.text.replace("\u00a0", " ")  # guillemets held
    assert answers.current()["sensibilisation_equipe"][0] is Answer.NOT_CONCERNED


def test_answers_saved_by_the_previous_schema_are_kept(isolated_home):
    import sqlite3

    from gardien.store import db

    isolated_home.mkdir()
    old = sqlite3.connect(isolated_home / "historique.sqlite3")
    for migration in db.MIGRATIONS[:2]:
        for statement in migration:
            old.execute(statement)
    old.execute("INSERT INTO answers VALUES ('poste_dedie', 'non', '2026-01-05T09:00:00+01:00')")
    old.execute("PRAGMA user_version = 2")
    old.commit()
    old.close()
    assert answers.current() == {"poste_dedie": (Answer.NO, "2026-01-05T09:00:00+01:00")}
    answers.save("ia_agents", Answer.NOT_CONCERNED)
    assert answers.current()["ia_agents"][0] is Answer.NOT_CONCERNED


# --- 2. the off-site copy declared while every Gardien copy is at the practice ----------------------------------

def _one_copy(off_site: bool) -> None:
    from gardien.backup import config, state

    config.save(config.BackupConfig(["/tmp"], [config.Destination("disque-1", "disque", "/tmp/depot", hors_site=off_site)]))
    # hand-written: the disk Gardien measured at that run (a USB disk, not the one of the folders)
    usb = {"volume": "uuid:aaaa", "medium": "disque", "removable": "amovible", "said_by": "lsblk", "disk": "serie:A1"}
    state.record("disque-1", "sauvegarde", fichiers=3, appareil=usb, meme_disque_que_les_dossiers=False)


def test_an_off_site_copy_declared_while_every_gardien_copy_is_at_the_practice_is_contradicted():
    _one_copy(off_site=False)
    answers.save("sauvegarde_hors_site", Answer.YES)
    answers.save("sauvegarde_hors_ligne", Answer.YES)
    # one copy found, the second missing: the milder failure the audit gives
    history.save(_audit({"sauvegarde": Status.FAIL}, {"sauvegarde": Severity.HIGH}))
    found = {m.label: m for m in measures.security_measures()}
    assert found["Règle 3-2-1"].state is measures.MeasureState.FAILED
    away = found["Garder une copie de sauvegarde hors du cabinet"]
    assert away.state is measures.MeasureState.CONTRADICTED
    assert "toutes au cabinet" in away.detail
    # a disconnected copy may be the very one found: her word stands
    assert found["Garder une copie de sauvegarde débranchée"].state is measures.MeasureState.DECLARED


def test_an_off_site_copy_declared_with_a_gardien_copy_declared_away_stays_declared():
    _one_copy(off_site=True)
    answers.save("sauvegarde_hors_site", Answer.YES)
    history.save(_audit({"sauvegarde": Status.FAIL}, {"sauvegarde": Severity.HIGH}))
    found = {m.label: m for m in measures.security_measures()}
    assert found["Garder une copie de sauvegarde hors du cabinet"].state is measures.MeasureState.DECLARED


# --- 3. the audit names an open emergency and a CNIL decision first --------------------------------------------

def _empty_recording(tmp_path):
    import json

    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    return folder


def test_the_audit_says_first_that_an_emergency_is_open_and_a_cnil_decision_waits(tmp_path):
    from gardien.urgence import state

    folder = _empty_recording(tmp_path)
    calm = CliRunner().invoke(app, ["audit", "--rejouer", str(folder)])
    assert calm.exit_code == 0, calm.output
    assert "Urgent :" not in calm.output
    assert "Urgent :" not in logged_in_client().get("/audit").text

    state.open_(state.Origin.USER, "Écran de rançon.")
    shown = CliRunner().invoke(app, ["audit", "--rejouer", str(folder)])
    said = " ".join(shown.output.split())
    assert said.index("Urgent : un incident est en cours") < said.index("Votre premier pas")
    assert "Voir : gardien urgence" in said
    client = logged_in_client()
    page = client.get("/audit").text
    assert "un incident est en cours" in page and f'href="{client.root}/urgence"' in page
    assert "Urgent :" in visible_text(page)

    state.close(state.Outcome.ATTACK)  # the CNIL's 72 hours run: the plan puts the decision first, so does the audit
    said = " ".join(CliRunner().invoke(app, ["audit", "--rejouer", str(folder)]).output.split())
    assert "Urgent : violation de données — la CNIL doit être prévenue" in said and "Voir : gardien plan" in said
    page = client.get("/audit").text
    assert "la CNIL doit être prévenue si possible avant le" in page and f'href="{client.root}/plan"' in page


# --- 4. one step for one thing; the backup status says each thing once ------------------------------------------

def test_the_team_reminder_and_the_open_wifi_check_take_in_the_questionnaire_steps_that_say_the_same():
    from gardien.formation import progress

    answers.save("sensibilisation_equipe", Answer.NO)
    answers.save("mobilite", Answer.NO)
    assert {"sensibilisation_equipe", "mobilite"} <= {s.id for s in build().steps}  # nothing else says them yet

    progress.add_learner("Julie")  # her first module is to take: the training reminder names it
    history.save(_audit({"wifi_ouvert": Status.FAIL}))
    steps = {s.id: s for s in build().steps}
    assert "sensibilisation_equipe" not in steps and "mobilite" not in steps
    (team,) = [s for s in steps.values() if s.source == "formation"]
    assert "Au questionnaire (« Sensibiliser l'équipe à son arrivée, puis deux fois par an ») : vous avez répondu « non »." in team.reason
    assert team.impact == 2  # the question's weight is kept
    wifi = steps["wifi_ouvert"]
    assert "Au questionnaire (« En déplacement, passer par le téléphone ou un accès chiffré (VPN) ») : vous avez répondu « non »." in wifi.reason
    titles = [s.title for s in build().open_steps]
    assert len(titles) == len(set(titles))


def _backed_up(verified: bool) -> None:
    from gardien.backup import state

    _one_copy(off_site=False)
    if verified:
        state.record("disque-1", "verification", fichiers=3)


def test_the_backup_status_gives_the_restore_test_and_how_to_add_a_copy_once():
    _backed_up(verified=True)
    shown = CliRunner().invoke(app, ["sauvegarde", "etat"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.lower().count("dernière restauration d'essai réussie") == 1, shown.output
    # the exact command with an example, as « configurer » and « lancer » give it (walkthrough, round 17, B3)
    assert shown.output.count("gardien sauvegarde ajouter --hors-site DOSSIER, en remplaçant DOSSIER") == 1, shown.output
    assert "ajouter --help" not in shown.output
    page = html.unescape(logged_in_client().get("/sauvegardes").text)
    assert page.lower().count("restauration d'essai réussie") == 1, page


def test_a_backup_never_tested_still_says_why_a_test_matters():
    _backed_up(verified=False)
    shown = CliRunner().invoke(app, ["sauvegarde", "etat"]).output
    assert "Aucune restauration d'essai n'a encore réussi" in shown
    assert "Aucune restauration d'essai n'a encore réussi" in html.unescape(logged_in_client().get("/sauvegardes").text)


# --- 5. the « how » of every step, on request -------------------------------------------------------------------

def test_the_plan_gives_every_steps_how_with_details_and_says_so():
    answers.save("charte_informatique", Answer.NO)
    answers.save("contrats_prestataires", Answer.NO)
    charter, contracts = by_id()["charte_informatique"], by_id()["contrats_prestataires"]
    shown = CliRunner().invoke(app, ["plan"])
    assert shown.exit_code == 0, shown.output
    assert "Comment faire chaque étape, pas seulement la première : gardien plan --details" in shown.output
    hows = [f") {charter.how_in_terminal[0]}", f") {contracts.how_in_terminal[0]}"]  # the terminal's words (round 14)
    assert sum(how in shown.output for how in hows) <= 1  # the first step's how only
    detailed = CliRunner().invoke(app, ["plan", "--details"])
    assert detailed.exit_code == 0, detailed.output
    assert all(how in detailed.output for how in hows)
    assert "gardien plan --details" not in detailed.output
