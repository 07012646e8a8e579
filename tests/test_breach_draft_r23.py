"""Round 23 fresh-install review of the breach flow: the CNIL draft of a breach typed in the register is on its web
page (same text as the CLI's), the breach register is reachable before any RGPD register exists, the draft says
first a recorded « no notification » decision, names the contact point or asks for it, the interactive CLI asks the
probable consequences, a deadline at midnight names its night, the declared-date note is said once per screen, and
deleting asks for the word it says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from conftest import logged_in_client, visible_text

from gardien.registre import breaches
from gardien.urgence import incident

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"
SAME = {"Origin": "http://127.0.0.1:8765"}


def _run(home: Path, *args: str, ok: bool = True, typed: str = "") -> str:
    env = {**os.environ, "GARDIEN_HOME": str(home), "LC_ALL": "C.UTF-8", "COLUMNS": "200"}
    done = subprocess.run([GARDIEN, *args], capture_output=True, text=True, env=env, timeout=120, input=typed)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return " ".join((done.stdout + done.stderr).replace("\u00a0", " ").replace("\u202f", " ").split())


def _flat(text: str) -> str:
    return " ".join(visible_text(text).replace("\u202f", " ").split())


def _typed(**more) -> breaches.Violation:
    day = (datetime.now() - timedelta(days=1)).strftime("%d/%m/%Y")
    return breaches.record(breaches.manual(day, "Ordinateur portable volé (fictif)", natures=["confidentialite"],
                                           people="environ 300", **more))


def test_the_violation_page_offers_the_cnil_draft_printable_and_as_pdf():
    """Failed before: no draft on the web for a breach typed in the register (only « notifiez la CNIL sur son site »)."""
    client = logged_in_client()
    entry = _typed()
    page = client.get(f"/registre/violations/{entry.id}").text
    assert f'/registre/violations/{entry.id}/brouillon"' in page, page
    shown = client.get(f"/registre/violations/{entry.id}/brouillon")
    assert shown.status_code == 200
    text = _flat(shown.text)
    draft = incident.breach_cnil_notification(entry)
    for heading, said in draft.sections:  # the same text as the CLI's: one function writes it
        assert " ".join(heading.split()) in text and " ".join(said.split()) in text, (heading, said)
    assert " ".join(draft.intro.split()) in text
    pdf = client.get(f"/registre/violations/{entry.id}/brouillon.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.status_code
    txt = client.get(f"/registre/violations/{entry.id}/brouillon.txt")
    assert txt.status_code == 200 and txt.text == incident.plain_text(draft)
    printable = client.get(f"/registre/violations/{entry.id}/brouillon.html")
    assert printable.status_code == 200 and "Ordinateur portable volé (fictif)" in printable.text
    listed = client.get("/registre/violations").text  # the list and the plan's banner point to it too
    assert f'/registre/violations/{entry.id}/brouillon"' in listed
    assert f'/registre/violations/{entry.id}/brouillon"' in client.get("/plan").text
    assert "gardien " not in text  # no command in a web page


def test_the_breach_register_is_reachable_before_any_rgpd_register():
    """Failed before: « Registre RGPD » showed only the interview, no way to the breach register."""
    client = logged_in_client()
    page = client.get("/registre").text
    assert '/registre/violations"' in page, _flat(page)
    day = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d")
    done = client.post("/registre/violations", headers=SAME, data={
        "decouverte": day, "description": "Ordinateur portable volé (fictif)", "cnil": "a_decider",
        "patients": "a_decider"}, follow_redirects=True)
    assert done.status_code == 200 and "Violation notée" in _flat(done.text)
    (entry,) = breaches.all_violations()
    draft = client.get(f"/registre/violations/{entry.id}/brouillon")
    assert draft.status_code == 200 and "à compléter" in _flat(draft.text)


def test_a_recorded_no_notification_is_said_first_and_the_contact_point_is_asked():
    """Failed before: the draft said « À recopier dans le formulaire en ligne de la CNIL … » whatever she decided;
    the contact point was only name and address."""
    entry = _typed()
    entry = breaches.change_follow_up(entry.id, cnil="pas-de-risque", cnil_reason="ordinateur retrouvé, disque chiffré")
    draft = incident.breach_cnil_notification(entry)
    assert draft.intro.startswith("Vous avez noté dans le registre votre décision : pas de notification à la CNIL"), draft.intro
    assert "ordinateur retrouvé, disque chiffré" in draft.intro.split(".")[0] + draft.intro, draft.intro
    assert draft.intro.index("ordinateur retrouvé") < draft.intro.index("Si vous changez d'avis"), draft.intro
    who = dict(draft.sections)["Responsable du traitement et point de contact (RGPD, art. 33.3 b)"]
    assert "point de contact" in who and "à compléter" in who, who


def test_the_cli_draft_says_the_decision_and_which_breach_it_picked(tmp_path):
    home = tmp_path / "maison"
    day = (datetime.now() - timedelta(days=1)).strftime("%d/%m/%Y")
    said = _run(home, "registre", "violations", "ajouter", "--decouverte", day, "--description", "Clé USB perdue (fictif)")
    number = re.search(r"numéro ([0-9a-f]{8})", said).group(1)
    _run(home, "registre", "violations", "suivi", number, "--cnil", "pas-de-risque", "--cnil-motif", "clé retrouvée")
    draft = _run(home, "urgence", "brouillon", "cnil")
    assert "votre décision : pas de notification à la CNIL" in draft and "clé retrouvée" in draft, draft
    assert "la dernière violation notée" not in draft, draft
    assert draft.count(breaches.DECLARED_DISCOVERY) <= 1, draft


def test_a_deadline_at_midnight_names_its_night_once_declared(tmp_path):
    """Failed before: « si possible avant le 04/12/2026 à 0h00 » (the wrong night), and « d'après la date de découverte
    déclarée par vous » up to three times on one screen."""
    day = datetime.now() - timedelta(days=1)
    deadline = datetime(day.year, day.month, day.day).astimezone() + breaches.NOTIFICATION_DELAY
    said = breaches.deadline_text(deadline)
    night = (deadline - timedelta(days=1)).strftime("%d/%m/%Y")
    assert "0h00" not in said and f"{night} à minuit" in said, said
    home = tmp_path / "maison"
    out = _run(home, "registre", "violations", "ajouter", "--decouverte", day.strftime("%d/%m/%Y"), "--description",
               "Ordinateur portable volé (fictif)")
    assert f"{night} à minuit" in out and "0h00" not in out, out
    assert out.count(breaches.DECLARED_DISCOVERY) <= 1, out
    listed = _run(home, "registre", "violations", "liste")
    assert listed.count(breaches.DECLARED_DISCOVERY) <= 1, listed


def test_the_interview_asks_the_consequences_and_deletion_wants_oui(tmp_path):
    home = tmp_path / "maison"
    day = (datetime.now() - timedelta(days=1)).strftime("%d/%m/%Y")
    answers = "\n".join([day, "Ordinateur portable volé (fictif)", "", "1", "dossiers", "300",
                         "usurpation d'identité possible", "plainte déposée", ""]) + "\n"
    out = _run(home, "registre", "violations", "ajouter", typed=answers)
    assert "Conséquences probables" in out, out
    number = re.search(r"numéro ([0-9a-f]{8})", out).group(1)
    shown = _run(home, "urgence", "brouillon", "cnil", "--violation", number)
    assert "usurpation d'identité possible" in shown and "plainte déposée" in shown, shown
    kept = _run(home, "registre", "violations", "supprimer", number, typed="o\n")
    assert "Rien n'a été effacé" in kept and "« oui » en entier" in kept, kept
    gone = _run(home, "registre", "violations", "supprimer", number, typed="oui\n")
    assert "effacée du registre" in gone, gone


def test_the_emergency_drafts_page_leads_to_the_register_breach_when_the_journal_is_empty():
    """Failed before: « Le journal des incidents est vide : aucun incident à reprendre. » (HTTP 400)."""
    client = logged_in_client(follow_redirects=False)
    entry = _typed()
    moved = client.get("/urgence/brouillons")
    assert moved.status_code == 303 and moved.headers["location"].endswith(f"/registre/violations/{entry.id}/brouillon")


def test_round_24_the_printable_draft_may_use_its_own_inline_style():
    """Failed before: the printable page carries its style inline (it must also work saved as a file), and the
    server's policy « style-src 'self' » made the browser drop it: Chromium showed it unstyled (round 24)."""
    import base64
    import hashlib
    import re

    client = logged_in_client()
    entry = _typed()
    printable = client.get(f"/registre/violations/{entry.id}/brouillon.html")
    styles = re.findall(r"<style>(.*?)</style>", printable.text, re.S)
    assert styles
    policy = printable.headers["content-security-policy"]
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
