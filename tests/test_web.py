"""The local web interface through FastAPI's TestClient: the guard against hostile requests, then every page."""

from __future__ import annotations

import html
import logging
import os
import re
import stat
import time
from pathlib import Path

import pytest
from conftest import SHARED, visible_text
from fastapi.testclient import TestClient

from gardien.errors import GardienError
from gardien.plan.build import build
from gardien.store import answers, steps
from gardien.web import server
from gardien.web.app import create_app
from gardien.web.security import SECURITY_HEADERS, Guard
from gardien.web.tools import MAIL_FORM

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
SAME = {"Origin": ORIGIN}
HTMX = {"Origin": ORIGIN, "HX-Request": "true"}
PAGES = ["/", "/audit", "/plan", "/questionnaire", "/motdepasse", "/mail", "/pseudonymiser", "/sauvegardes",
         "/sauvegardes/configurer"]
POSTS = ["/audit/lancer", "/plan/pare_feu/fait", "/questionnaire/double_auth_messagerie", "/motdepasse/verifier",
         "/motdepasse/generer", "/mail/analyser", "/pseudonymiser", "/reidentifier", "/sauvegardes/lancer", "/quitter"]
# Hand-written test message (not a recorded one): a fake Ameli refund sent from a look-alike domain.
FAKE_AMELI = (
    "From: Assurance Maladie <remboursement@ameli-remboursement.info>\r\nTo: dr.martin@example.org\r\n"
    "Subject: Votre remboursement de 148,50 EUR est en attente\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n\r\n"
    "<p>Votre carte Vitale doit être mise à jour sous 24 heures, sinon votre compte sera bloqué.</p>"
    '<p><a href="http://193.23.44.10/ameli/login.php">https://www.ameli.fr/assure</a></p>'
    "<p>Saisissez votre identifiant, votre mot de passe et votre numéro de carte bancaire.</p>\r\n"
)


@pytest.fixture
def guard():
    return Guard(port=PORT)


@pytest.fixture
def anonymous(guard):
    """A browser that knows where Gardien is (the secret root, from the opening file) but has no session yet."""
    return TestClient(create_app(guard), base_url=guard.base_url, raise_server_exceptions=False)


@pytest.fixture
def client(guard, anonymous):
    assert anonymous.get(f"/connexion?jeton={guard.token}").status_code == 200
    return anonymous


# --- the guard -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_pages_refused_without_the_token(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 401
    assert "raccourci « Gardien »" in visible_text(response.text)


@pytest.mark.parametrize("path", POSTS)
def test_actions_refused_without_the_token(anonymous, path):
    assert anonymous.post(path, data={"x": "1"}, headers=SAME).status_code == 401


def test_token_gives_an_httponly_strict_cookie_once(guard, anonymous):
    response = anonymous.get(f"/connexion?jeton={guard.token}")
    cookie = response.headers["set-cookie"]
    assert response.status_code == 200 and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert guard.token not in cookie
    assert anonymous.get("/").status_code == 200


def test_reused_token_is_refused(guard, anonymous):
    used = guard.token
    assert anonymous.get(f"/connexion?jeton={used}").status_code == 200
    other = TestClient(create_app(guard), base_url=guard.base_url)  # a second browser, or a leaked URL
    response = other.get(f"/connexion?jeton={used}")
    assert response.status_code == 403 and "déjà servi" in response.text
    assert other.get("/").status_code == 401


def test_the_opening_file_opens_gardien_again_in_another_browser(isolated_home):
    """Walkthrough round 12: on the shared computer (doctor + secretary), opening the file a second time gave « déjà
    servi », and « ouvrez-le de nouveau » could not work. Each opening now writes the next one-time link into the file,
    as Jupyter's token file can be opened again; a link already used still opens nothing."""
    guard, opening = server.open_guard(PORT, print)
    anonymous = TestClient(create_app(guard), base_url=guard.base_url)
    first = guard.token
    assert anonymous.get(f"/connexion?jeton={first}").status_code == 200
    assert first not in opening.read_text(encoding="utf-8") and guard.token in opening.read_text(encoding="utf-8")
    second_browser = TestClient(create_app(guard), base_url=guard.base_url)
    assert second_browser.get(f"/connexion?jeton={guard.token}").status_code == 200
    assert second_browser.get("/").status_code == 200 and anonymous.get("/").status_code == 200  # both stay in
    assert TestClient(create_app(guard), base_url=guard.base_url).get(f"/connexion?jeton={first}").status_code == 403


@pytest.mark.parametrize("token", ["", "x", "a" * 43])
def test_wrong_token_is_refused(anonymous, token):
    assert anonymous.get(f"/connexion?jeton={token}").status_code == 403
    assert anonymous.get("/").status_code == 401


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{PORT}", "127.0.0.1:9999", "192.168.1.10:8765", ""])
def test_foreign_host_is_refused_even_with_the_cookie(client, host):
    """DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends its own Host."""
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400 and "Tableau de bord" not in response.text


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": f"http://127.0.0.1:{PORT + 1}"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"},
    {},
])
def test_cross_site_changes_are_refused_and_change_nothing(client, headers):
    response = client.post("/plan/pare_feu/fait", data={}, headers=headers)
    assert response.status_code == 403
    assert steps.states() == {}


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "null", "Sec-Fetch-Site": "same-origin"}])
def test_same_origin_form_post_is_accepted(client, headers):
    """What Chromium sends for a form post under "Referrer-Policy: no-referrer": Origin null, Sec-Fetch-Site same-origin."""
    response = client.post("/questionnaire/double_auth_messagerie", data={"reponse": "oui"}, headers=headers,
                           follow_redirects=False)
    assert response.status_code == 303
    assert answers.current()["double_auth_messagerie"][0] == "oui"


def test_no_cors_headers(client):
    for response in (client.get("/", headers={"Origin": "http://evil.example"}),
                     client.options("/motdepasse/verifier", headers={"Origin": "http://evil.example",
                                                                     "Access-Control-Request-Method": "POST"})):
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]


@pytest.mark.parametrize("path", ["/", "/static/gardien.css", "/nope", "/connexion?jeton=x"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_no_inline_script_in_pages(client):
    for path in PAGES:
        html = client.get(path).text
        assert "<script>" not in html and " on" + "click=" not in html and "javascript:" not in html


@pytest.mark.parametrize("path", ["/static/../security.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fpaths.py", "/static//etc/passwd", "/static/../../../../etc/passwd"])
def test_path_traversal_serves_nothing_outside_static(client, path):
    response = client.get(path)
    assert response.status_code in (400, 401, 404)
    assert "import" not in response.text and "root:" not in response.text


def test_oversized_upload_is_refused_before_reading(client):
    response = client.post("/mail/analyser", content=b"x" * 10, headers={
        **SAME, "Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(MAIL_FORM + 1)})
    assert response.status_code == 413 and "dépasse" in response.text


def test_oversized_streamed_body_is_cut(client):
    def chunks():
        for _ in range(40):
            yield b"a" * (1024 * 1024)

    response = client.post("/pseudonymiser", content=chunks(), headers={**SAME, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


def test_broken_multipart_gets_a_french_message(client):
    response = client.post("/mail/analyser", content=b"--b\r\nnot a part", headers={
        **SAME, "Content-Type": "multipart/form-data; boundary=b"})
    assert response.status_code == 400 and "Formulaire illisible" in response.text


# --- the pages -----------------------------------------------------------------------------------------------

def test_every_page_renders_in_french_with_one_h1(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="fr">' in response.text and response.text.count("<h1") == 1
        assert 'aria-current="page"' in response.text or 'aria-current="true"' in response.text


def test_before_any_bilan_the_dashboard_has_one_main_button_and_says_the_plan_will_grow(client):
    """Walkthrough r21: before any bilan, two solid buttons (« Faire le bilan maintenant » and the first step's
    « C'est fait »), and « 0 étape faite sur 1 », which read as a plan of one step."""
    import html
    import re

    page = html.unescape(client.get("/").text)
    assert "Faire le bilan maintenant" in page and "le bilan de l'ordinateur en ajoutera d'autres" in page
    done_button = re.search(r'<button type="submit"([^>]*)>C\'est fait', page)
    assert done_button and 'class="secondary"' in done_button.group(1), page
    client.post("/audit/lancer", headers=SAME)
    after = html.unescape(client.get("/").text)
    assert "en ajoutera d'autres" not in after
    done_button = re.search(r'<button type="submit"([^>]*)>C\'est fait', after)
    assert done_button and 'class="secondary"' not in done_button.group(1), after


def test_audit_run_shows_findings_and_feeds_dashboard_and_plan(client):
    assert "Faire le bilan maintenant" in client.get("/audit").text
    response = client.post("/audit/lancer", headers=SAME)
    assert response.status_code == 200 and "Score :" in response.text and "Votre premier pas" in response.text
    dashboard = client.get("/").text
    assert "Score :" in dashboard and "Dernier bilan le" in dashboard
    client.post("/audit/lancer", headers=SAME)
    assert "<svg" in client.get("/").text  # two audits: the chart appears


def test_plan_step_done_postponed_reopened(client):
    client.post("/questionnaire/double_auth_messagerie", data={"reponse": "non"}, headers=SAME)
    assert "double_auth_messagerie" in client.get("/plan").text
    response = client.post("/plan/double_auth_messagerie/fait", data={"retour": "/"}, headers=SAME, follow_redirects=False)
    root = client.app.state.guard.root
    assert response.status_code == 303 and response.headers["location"] == root + "/?fait=double_auth_messagerie"
    assert "est faite. Bravo" in client.get("/?fait=double_auth_messagerie").text  # the click gets a visible confirmation
    assert steps.states()["double_auth_messagerie"].status == "fait"
    assert answers.current()["double_auth_messagerie"][0] == "oui"
    client.post("/plan/double_auth_messagerie/reporter", headers=SAME)
    assert steps.states()["double_auth_messagerie"].status == "reporte"
    client.post("/plan/double_auth_messagerie/rouvrir", headers=SAME)
    assert "double_auth_messagerie" not in steps.states()


def test_a_fact_gardien_cannot_read_stays_done_on_her_word_in_the_web_pages(client, tmp_path):
    """A practitioner's walkthrough: « C'est fait » on « Pare-feu activé » (not readable here) came back after the next
    audit, on the plan page and the dashboard. Hand-written recording: FileVault off, no firewall output."""
    import json

    from gardien.core.audit import audit_replay
    from gardien.store import history

    (tmp_path / "gardien-enregistrement.json").write_text(json.dumps({"os": "macos"}), encoding="utf-8")
    (tmp_path / "fdesetup.stdout.txt").write_text("FileVault is Off.\n", encoding="utf-8")
    history.save(audit_replay(tmp_path))
    client.post("/plan/pare_feu/fait", headers=SAME)
    notice = client.get("/plan?fait=pare_feu").text
    assert "ne peut pas vérifier ce point sur cet ordinateur" in notice and "prochain bilan le vérifiera" not in notice
    history.save(audit_replay(tmp_path))  # the next audit cannot read it either
    plan, dashboard = client.get("/plan").text, client.get("/").text
    assert "1 étape déclarée faite sur" in plan and "1 étape déclarée faite sur" in dashboard
    assert "trouve encore le problème" not in plan and "Gardien ne peut pas le vérifier sur cet ordinateur" in plan


def test_an_audit_step_marked_done_is_her_word_until_an_audit_sees_it(client):
    """A practitioner's walkthrough: « C'est fait » on « Sauvegarde récente » (critical, measured) said « est faite.
    Bravo ! » and the plan « faite », while no backup existed."""
    client.post("/audit/lancer", headers=SAME)
    time.sleep(1.1)  # both dates are kept to the second: a mark in the audit's second would count as seen by it
    # a problem the audit measured (a fact it could not read stays done on her word: test_plan.py)
    step = next(s for s in build().open_steps if s.source == "audit" and s.status == "a_faire")
    client.post(f"/plan/{step.id}/fait", data={"retour": "/"}, headers=SAME)
    notice = client.get(f"/?fait={step.id}").text
    assert "sur votre parole" in notice and "prochain bilan le vérifiera" in notice and "Bravo" not in notice
    done = next(s for s in build().steps if s.id == step.id)
    assert done.status == "fait" and "prochain bilan" in done.declared
    assert "sur votre parole (déclaré le" in client.get("/plan").text
    # the progress says it too (it said « 1 étape faite sur 15 »)
    assert "1 étape déclarée faite sur" in client.get("/").text and "1 étape déclarée faite sur" in client.get("/plan").text


def test_the_first_step_marked_done_but_contradicted_says_so_on_the_dashboard(client):
    """A practitioner's walkthrough: the plan said « Marqué fait, mais … », the dashboard's « premier pas » did not."""
    client.post("/plan/fiche_reflexe/fait", data={"retour": "/"}, headers=SAME)  # no emergency contact noted yet
    page = client.get("/").text
    first = page.split('id="premier-pas"', 1)[1].split("</section>", 1)[0]
    assert "Marquée faite, mais la fiche n&#39;est pas complète : il manque votre prestataire informatique" in first


def test_the_done_confirmation_can_be_undone(client):
    """A midwife's walkthrough: the web « C'est fait » confirmation had no way back, where the terminal gives
    « plan rouvrir » (failed on main: no form in the notice)."""
    client.post("/questionnaire/double_auth_messagerie", data={"reponse": "non"}, headers=SAME)
    client.post("/plan/double_auth_messagerie/fait", data={"retour": "/plan"}, headers=SAME)
    page = client.get("/plan?fait=double_auth_messagerie").text
    notice = page.split('class="notice"', 1)[1].split("</div>", 1)[0]
    assert 'action="' + client.app.state.guard.root + '/plan/double_auth_messagerie/rouvrir"' in notice
    assert ">Annuler<" in notice
    client.post("/plan/double_auth_messagerie/rouvrir", headers=SAME)  # what the « Annuler » button sends
    assert "double_auth_messagerie" not in steps.states() and answers.current()["double_auth_messagerie"][0] == "non"


def test_unknown_step_or_action_is_a_french_400(client):
    assert "Étape inconnue" in client.post("/plan/nimporte/fait", headers=SAME).text
    assert client.post("/plan/pare_feu/supprimer", headers=SAME).status_code == 400


def test_questionnaire_one_question_at_a_time(client):
    page = client.get("/questionnaire").text
    assert page.count('name="reponse"') == 3 and "Pourquoi on vous le demande" in page
    response = client.post("/questionnaire/double_auth_messagerie", data={"reponse": "nsp"}, headers=SAME)
    assert response.status_code == 200
    assert answers.current()["double_auth_messagerie"][0] == "nsp"
    assert client.post("/questionnaire/double_auth_messagerie", data={"reponse": "peut-etre"}, headers=SAME).status_code == 400
    assert client.get("/questionnaire?question=inconnue").status_code == 400


def test_the_questionnaire_buttons_show_the_current_answer_and_only_it(client):
    """A midwife's walkthrough: « Votre réponse actuelle : Non concerné » was written, but Oui and Non were solid blue
    buttons, which looked selected (failed on main: no aria-pressed)."""
    import re

    def buttons(page):
        return re.findall(r'<button type="submit" name="reponse" value="(\w+)" class="([^"]*)" aria-pressed="(\w+)">', page)

    client.post("/questionnaire/hebergement_hds", data={"reponse": "nc"}, headers=SAME)
    shown = buttons(client.get("/questionnaire?question=hebergement_hds").text)
    assert [value for value, _, _ in shown] == ["oui", "non", "nsp", "nc"]
    assert [(value, pressed) for value, _, pressed in shown if pressed == "true"] == [("nc", "true")]
    assert {css for _, css, _ in shown} == {"secondary"}  # none solid: the pressed one is drawn by aria-pressed
    unanswered = buttons(client.get("/questionnaire?question=antispam").text)
    assert len(unanswered) == 3 and {pressed for _, _, pressed in unanswered} == {"false"}


def test_password_check_never_stored_logged_or_echoed(client, isolated_home, caplog):
    secret = "Sidonie-Kerviel-1987!"
    caplog.set_level(logging.DEBUG)
    response = client.post("/motdepasse/verifier", data={"motdepasse": secret}, headers=HTMX)
    assert response.status_code == 200 and "Verdict" in response.text
    assert secret not in response.text and secret not in caplog.text
    for path in isolated_home.rglob("*") if isolated_home.exists() else []:
        if path.is_file():
            assert secret.encode() not in path.read_bytes()


def test_password_check_describes_the_parts_without_showing_them(client):
    """Walkthrough r14 (finding 2): the verdict quoted « Marie » and « 1985 », undoing the masked field on a
    screen the patient can see. Hand-written example."""
    response = client.post("/motdepasse/verifier", data={"motdepasse": "Marie1985!"}, headers=HTMX)
    said = visible_text(response.text)
    assert "un prénom, avec une majuscule au début, puis une année" in said
    assert "Marie" not in said and "1985" not in said


def test_the_mail_page_says_how_to_give_a_message_from_the_mailboxes_practitioners_use(client):
    """Walkthrough r14 (finding 16): the help covered Outlook, Thunderbird, Gmail and Apple Mail, not the webmails of
    Orange, SFR and Free, nor MSSanté (Mailiz), nor the phone she reads her mail on between two visits."""
    said = " ".join(visible_text(client.get("/mail").text).split())
    for name in ("Orange", "SFR", "Free", "MSSanté", "Mailiz", "Sur un téléphone"):
        assert name in said, name
    phone = said.split("Sur un téléphone")[1].split("Le message suspect")[0]
    assert "l'ordinateur" in phone and "« en pièce jointe »" in phone and "collez-le" in phone


def test_password_check_empty_and_generation(client):
    assert "Tapez d'abord" in client.post("/motdepasse/verifier", data={"motdepasse": ""}, headers=HTMX).text
    phrase = client.post("/motdepasse/generer", data={"genre": "phrase"}, headers=HTMX).text
    assert "solidité estimée" in phrase and "CNIL" in phrase  # plain words, not « 84 bits »
    # walkthrough round 16: « solidité estimée : 84, au-delà des 80 » said no unit; the checker's note explains it
    assert "chaque point de plus double le nombre d'essais qu'il faut pour le deviner" in visible_text(phrase)
    assert "caractères tirés au hasard" in client.post("/motdepasse/generer", data={"genre": "aleatoire"}, headers=HTMX).text


def test_uploaded_mail_is_analysed_in_memory(client, isolated_home, monkeypatch):
    from python_multipart.multipart import File

    def never_to_disk(self):
        raise AssertionError("an uploaded e-mail went to a temporary file")

    monkeypatch.setattr(File, "flush_to_disk", never_to_disk)
    padding = "X-Padding: " + "a" * 900 + "\r\n"  # over python-multipart's default 1 MiB in-memory limit once repeated
    message = (padding * 1500 + FAKE_AMELI).encode()
    before = set(isolated_home.rglob("*")) if isolated_home.exists() else set()
    response = client.post("/mail/analyser", files={"fichier": ("ameli.eml", message, "message/rfc822")}, headers=HTMX)
    assert response.status_code == 200
    assert "Dangereux" in response.text or "Suspect" in response.text
    assert "Les bons réflexes" in response.text and "signal-spam.fr" in response.text
    after = set(isolated_home.rglob("*")) if isolated_home.exists() else set()
    assert after == before


def test_pasted_mail_source_and_empty_form(client):
    response = client.post("/mail/analyser", data={"source": FAKE_AMELI}, headers=HTMX)
    assert "Dangereux" in response.text or "Suspect" in response.text
    assert "n'a rien reçu" in client.post("/mail/analyser", data={"source": "  "}, headers=HTMX).text


def test_guillemets_hold_their_words_in_every_rendered_value():
    """No « alone at the end of a line nor » alone at the start of one in a page: the space just inside guillemets is
    a no-break one in every value a template shows, escaped text and ready-made HTML alike, and in the templates' own
    words (hand-written examples)."""
    from markupsafe import Markup

    from gardien.web.render import environment

    template = environment().from_string("{{ text }}|{{ html }}|{{ number }}|bouton « Fermer »")
    shown = template.render(text="le lien (« http://a.b/<x> ») ici", html=Markup("<b>« Pourquoi »</b>"), number=3)
    assert shown == ("le lien («\u00a0http://a.b/&lt;x&gt;\u00a0») ici|<b>«\u00a0Pourquoi\u00a0»</b>|3"
                     "|bouton «\u00a0Fermer\u00a0»")


def test_form_fields_get_back_exactly_what_they_showed():
    """A value put in a form field is sent back as it is: no no-break space slipped inside its guillemets (a folder
    « Patients » would no longer be found, a register text would look changed). Hand-written examples."""
    from gardien.web.render import environment

    template = environment().from_string('<input value="{{ v }}" title="{{ v|upper }}"><textarea id="t">{{ v }}'
                                         '{% if v %}{{ v }}{% endif %}</textarea><p>{{ v }}</p>')
    assert template.render(v="« a »") == ('<input value="« a »" title="« A »"><textarea id="t">« a »« a »</textarea>'
                                          '<p>«\u00a0a\u00a0»</p>')


def test_the_mail_reasons_keep_their_quotes_whole(client):
    response = client.post("/mail/analyser", data={"source": FAKE_AMELI}, headers=HTMX)
    assert "«\u00a0votre compte sera bloqué\u00a0»" in response.text  # a reason quoting the message
    assert "« " not in response.text and " »" not in response.text


def test_broken_msg_upload_says_incomplete(client):
    broken = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    response = client.post("/mail/analyser", files={"fichier": ("x.msg", broken, "application/vnd.ms-outlook")}, headers=HTMX)
    assert response.status_code == 200 and "Analyse incomplète" in response.text


def test_corpus_phishing_message_is_flagged(client):
    folder = SHARED / "corpus" / "mail" / "phishing"
    if not folder.is_dir():
        pytest.skip(f"corpus absent : {folder} (le dossier ../shared n'est pas là)")
    sample = sorted(p for p in folder.rglob("*") if p.is_file())[0]
    response = client.post("/mail/analyser", files={"fichier": (sample.name, sample.read_bytes(), "message/rfc822")}, headers=HTMX)
    assert response.status_code == 200 and "Les bons réflexes" in response.text


def test_pseudonymise_then_reidentify(client, isolated_home):
    letter = "Je vois ce jour Mme Ginette Lavignac, née le 12/03/1950, tél. 06 12 34 56 78, adressée par le Dr Paul Berthier."
    response = client.post("/pseudonymiser", data={"texte": letter, "nom": "Lavignac", "dates": "balises"}, headers=HTMX)
    assert response.status_code == 200
    assert "Lavignac" not in response.text and "06 12 34 56 78" not in response.text and "Berthier" not in response.text
    assert "[PATIENT_1]" in response.text
    answer = "Courrier pour [PATIENT_1] : le [MEDECIN_1] la reverra. Patient 1 va bien."
    restored = client.post("/reidentifier", data={"reponse": answer}, headers=HTMX).text
    assert "Ginette Lavignac" in restored and "Berthier" in restored
    if isolated_home.exists():
        for path in isolated_home.rglob("*"):
            assert not path.is_file() or b"Lavignac" not in path.read_bytes()


def test_too_long_text_is_refused_in_french(client):
    response = client.post("/pseudonymiser", data={"texte": "Bonjour. " * 40_000}, headers=SAME)
    assert response.status_code == 400 and "découpez-le" in response.text


def test_reidentify_without_mapping_explains(client):
    said = " ".join(client.post("/reidentifier", data={"reponse": "[PATIENT_1]"}, headers=HTMX).text.split())
    assert "préparez de nouveau le même texte" in said  # round 16: why, and what to do (test_web_reopen.py)


def test_full_page_without_javascript_shows_the_result(client):
    response = client.post("/motdepasse/verifier", data={"motdepasse": "azerty"}, headers=SAME)
    assert "<h1>Mot de passe</h1>" in response.text and "Verdict : faible" in response.text


def test_internal_error_is_a_french_page_without_the_body(client, monkeypatch, caplog):
    from gardien.passwords import strength

    def broken(password):
        raise RuntimeError("boom")

    monkeypatch.setattr(strength, "evaluate", broken)
    response = client.post("/motdepasse/verifier", data={"motdepasse": "Secret-Unique-42"}, headers=SAME)
    assert response.status_code == 500 and "erreur interne" in response.text
    assert "Secret-Unique-42" not in caplog.text and "Traceback" not in response.text


# --- starting the server ------------------------------------------------------------------------------------------

def test_opening_file_is_private_and_holds_the_link(guard, isolated_home):
    path = server.write_opening_file(guard)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert guard.token in path.read_text(encoding="utf-8")


def test_busy_port_is_a_french_error():
    taken = server.bind(0)
    try:
        with pytest.raises(GardienError, match="déjà pris"):
            server.bind(taken.getsockname()[1])
    finally:
        taken.close()


@pytest.mark.parametrize("port", [-1, 80, 65536])
def test_invalid_port_is_a_french_error(port):
    with pytest.raises(GardienError, match="Port invalide"):
        server.bind(port)


def test_bind_listens_on_loopback_only():
    sock = server.bind(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


@pytest.mark.slow
def test_gardien_interface_command_end_to_end(isolated_home):
    """The real command in a subprocess: the opening file works once, Ctrl+C stops it and removes the file."""
    import re
    import signal
    import subprocess
    import sys
    from http.cookiejar import CookieJar
    from urllib.error import URLError
    from urllib.request import HTTPCookieProcessor, Request, build_opener

    env = dict(os.environ, GARDIEN_HOME=str(isolated_home))
    with subprocess.Popen([sys.executable, "-m", "gardien", "interface", "--sans-navigateur"], env=env,
                          stderr=subprocess.PIPE, text=True) as process:
        try:
            lines = [process.stderr.readline() for _ in range(3)]
            assert "http://127.0.0.1:" in lines[0] and "Ctrl+C" in lines[2]
            opening = Path(re.search(r"entrer : (.+)$", lines[1]).group(1).strip())
            link = re.search(r'url=([^"]+)"', opening.read_text(encoding="utf-8")).group(1).replace("&amp;", "&")
            assert "jeton=" not in " ".join(lines)  # the token is only in the private file
            browser = build_opener(HTTPCookieProcessor(CookieJar()))
            for _ in range(100):
                try:
                    with browser.open(link) as response:
                        assert response.status == 200
                    break
                except URLError:
                    time.sleep(0.1)
            base = link.split("/connexion")[0]  # http://127.0.0.1:PORT/<secret root>
            with browser.open(base + "/") as response:
                assert "Tableau de bord" in response.read().decode()
            origin = "/".join(base.split("/")[:3])
            quit_request = Request(base + "/quitter", data=b"", headers={"Origin": origin})
            with browser.open(quit_request) as response:  # the « Fermer Gardien » button
                assert "Gardien est fermé" in response.read().decode()
            assert process.wait(20) == 0
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                process.wait(20)
    assert not opening.exists()


def _answers(port: int) -> bool:
    """Whether the interface's server answers on `port` (uvicorn serves, its Ctrl+C handler installed)."""
    import socket

    try:
        with socket.create_connection((server.HOST, port), timeout=2) as connection:
            connection.sendall(f"GET / HTTP/1.0\r\nHost: {server.HOST}:{port}\r\n\r\n".encode())
            return connection.recv(16).startswith(b"HTTP/")
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("ignored", [False, True], ids=["terminal", "ctrl-c-ignore-au-depart"])
@pytest.mark.parametrize("moment", ["ouvert", "sert"])
def test_ctrl_c_stops_the_interface_and_removes_the_opening_file(isolated_home, ignored, moment):
    """Ctrl+C stops the interface and removes its opening file, whenever it comes: as soon as the interface says it is
    open (« ouvert »), or once its server answers (« sert », polled: no fixed sleep).

    Round 17: this test timed out (60 s) in long runs. Why: a suite started as a background job of a script
    (« pytest … & ») runs with Ctrl+C (SIGINT) ignored, and a child process inherits that; Python then installs no
    Ctrl+C handler, and a Ctrl+C that came before uvicorn installed its own (the moment the test sent it, a race lost
    under load) was dropped: the interface kept serving. The disposition is now set here for each case (the
    terminal's, and ignored as in a background job), and the interface hears Ctrl+C from its start (server.serve)."""
    import signal
    import subprocess
    import sys

    disposition = signal.SIG_IGN if ignored else signal.SIG_DFL
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home))
    with subprocess.Popen([sys.executable, "-m", "gardien", "interface", "--sans-navigateur"], env=env,
                          stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, disposition)) as process:
        first = process.stderr.readline()  # « Gardien est ouvert … (http://127.0.0.1:PORT) … »
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)", first).group(1))
        opening = isolated_home / f"{server.OPENING_PREFIX}{port}.html"
        assert opening.exists(), first
        if moment == "sert":
            deadline = time.monotonic() + 60
            while not _answers(port) and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _answers(port), "l'interface ne répond pas"
        process.send_signal(signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:  # never leave the suite waiting on it (leaving `with` waits without limit)
            process.kill()
            pytest.fail("Ctrl+C n'a pas arrêté l'interface en 60 s")
        said = process.stderr.read()
    assert process.returncode == 0 and "Traceback" not in said, said
    assert not opening.exists()


def test_unusable_port_is_a_french_usage_error(isolated_home):
    import subprocess
    import sys

    taken = server.bind(0)
    try:
        result = subprocess.run([sys.executable, "-m", "gardien", "interface", "--sans-navigateur", "--port",
                                 str(taken.getsockname()[1])], capture_output=True, text=True, timeout=60,
                                env=dict(os.environ, GARDIEN_HOME=str(isolated_home)), check=False)
    finally:
        taken.close()
    assert result.returncode == 2 and "déjà pris" in result.stderr and "Traceback" not in result.stderr


# --- backups (real restic, as tests/test_backup.py) -----------------------------------------------------------------

def test_backups_page_explains_when_nothing_is_configured(client):
    page = client.get("/sauvegardes").text
    assert "Aucune sauvegarde n&#39;est encore en place" in page and "3-2-1" in page
    assert client.post("/sauvegardes/lancer", headers=SAME).status_code == 400


# --- closing and the desktop shortcut --------------------------------------------------------------------------------

def test_quit_button_stops_the_server(client):
    stopped = []
    client.app.state.stop = lambda: stopped.append(True)
    response = client.post("/quitter", headers=SAME)
    assert response.status_code == 200 and "Gardien est fermé" in response.text and stopped == [True]
    assert "Fermer Gardien" not in response.text and "Menu principal" not in response.text


def test_closed_page_without_a_shortcut_does_not_send_her_to_one(client, monkeypatch):
    """A README-only install has no shortcut: « double-cliquez sur son raccourci » led nowhere."""
    from gardien.web import shortcut

    monkeypatch.setattr(shortcut, "installed", lambda platform=None: [])
    client.app.state.stop = lambda: None
    page = client.post("/quitter", headers=SAME).text
    assert "Gardien est fermé" in page and "double-cliquez" not in page
    assert "Gardien n'a pas de raccourci sur cet ordinateur" in page and '<details class="terminal">' in page


def test_a_second_gardien_says_so_on_its_page(client):
    """Double-clicking the shortcut twice gave two identical tabs; only the terminal (hidden) said why."""
    assert "aussi ouvert" not in client.get("/").text
    client.app.state.already_open = 1
    said = _notice(client.get("/").text)
    assert said.startswith("Gardien est aussi ouvert dans un autre onglet ou une autre fenêtre : les deux marchent.")
    # round 13: three lines of advice; what she needs is that both work and which button closes one, short
    assert "Fermer Gardien" in said and len(said) <= 170, (len(said), said)
    client.app.state.already_open = 2
    said = _notice(client.get("/").text)
    assert "aussi ouvert 2 autres fois" in said and len(said) <= 170, (len(said), said)


def _notice(page: str) -> str:
    found = re.search(r'<p class="notice" role="status">(.*?)</p>', page, re.S)
    return " ".join(visible_text(found.group(1)).split())


def test_quit_waits_for_a_running_backup(client):
    from gardien.web.backup import Job

    stopped = []
    client.app.state.stop = lambda: stopped.append(True)
    client.app.state.backup_job = Job("lancer")
    response = client.post("/quitter", headers=SAME)
    assert response.status_code == 400 and "en cours" in response.text and stopped == []


def test_every_page_offers_to_close_gardien(client, guard):
    assert f'action="{guard.root}/quitter"' in client.get("/").text


@pytest.mark.parametrize("platform,name", [("linux", "gardien.desktop"), ("macos", "Gardien.command"), ("windows", "Gardien.bat")])
def test_shortcut_runs_this_python_with_the_interface(tmp_path, platform, name):
    from gardien.web import shortcut

    python = "/opt/mon cabinet/venv/bin/python"  # a path with a space, as on Windows and macOS
    (path,) = shortcut.create(platform, [tmp_path / "Bureau"], python=python)
    text = path.read_text(encoding="utf-8")
    assert path.name == name and f'"{python}" -m gardien interface' in text
    assert os.access(path, os.X_OK)


def test_linux_shortcut_is_a_valid_desktop_entry(tmp_path):
    import shutil
    import subprocess

    from gardien.web import shortcut

    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate absent (apt-get install desktop-file-utils)")
    (path,) = shortcut.create("linux", [tmp_path], python="/usr/bin/python3")
    result = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_shortcut_command_writes_into_the_menu_and_desktop(tmp_path, isolated_home, monkeypatch):
    import subprocess
    import sys

    if sys.platform != "linux":
        pytest.skip("the menu folder checked here is the freedesktop one")
    (tmp_path / "Desktop").mkdir()
    env = dict(os.environ, GARDIEN_HOME=str(isolated_home), HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_DESKTOP_DIR=str(tmp_path / "Desktop"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-m", "gardien", "interface", "--raccourci"], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "applications" / "gardien.desktop").is_file()
    assert (tmp_path / "Desktop" / "gardien.desktop").is_file()
    # where to find it, in her words (a tester was told « double-cliquez sur Gardien » without where)
    assert "dans le menu des applications" in result.stdout and "sur le Bureau" in result.stdout


def test_shortcut_on_an_unknown_system_is_a_french_error():
    from gardien.web import shortcut

    with pytest.raises(GardienError, match="raccourci"):
        shortcut.contents("amiga", "/usr/bin/python3")


# --- setting the backup up from the page -------------------------------------------------------------------------------

def test_setup_page_lists_usual_folders_and_plugged_drives(client, monkeypatch):
    from gardien.backup import drives

    # hand-written drive list: no external disk is plugged into the test machine
    monkeypatch.setattr(drives, "external_drives", lambda: [drives.Drive("/media/sf/CLE-BLEUE", 64_000_000_000)])
    page = client.get("/sauvegardes/configurer").text
    assert "/media/sf/CLE-BLEUE, 64 Go libres" in page and page.count('<select') == 2


def test_setup_needs_a_disk(client, tmp_path):
    response = client.post("/sauvegardes/configurer", headers=SAME, data={"autre_dossier": str(tmp_path)})
    assert response.status_code == 400 and "Choisissez le disque externe" in response.text


@pytest.mark.skipif(__import__("shutil").which("restic") is None, reason="restic absent (apt-get install restic)")
def test_setup_without_a_keyring_explains_and_creates_nothing(client, tmp_path, monkeypatch):
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        source = tmp_path / "Cabinet"
        source.mkdir()
        response = client.post("/sauvegardes/configurer", headers=SAME, data={
            "autre_dossier": str(source), "disque_chemin": str(tmp_path / "a"), "hors_site_chemin": str(tmp_path / "b")})
    finally:
        keyring.set_keyring(previous)
    assert response.status_code == 400 and "trousseau" in response.text
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_external_drives_are_the_removable_mounts(monkeypatch):
    from collections import namedtuple

    from gardien.backup import drives

    part = namedtuple("part", "device mountpoint fstype opts")
    # hand-written partition table: system disk, a USB disk under /media, a Windows removable drive, a macOS system volume
    monkeypatch.setattr(drives.psutil, "disk_partitions", lambda all=False: [
        part("/dev/nvme0n1p2", "/", "ext4", "rw"), part("/dev/sdb1", "/media/sf/SAUVEGARDE", "exfat", "rw,nosuid"),
        part("E:\\", "E:\\", "FAT32", "rw,removable"), part("/dev/disk1s1", "/Volumes/Macintosh HD", "apfs", "rw")])
    monkeypatch.setattr(drives.psutil, "disk_usage", lambda path: namedtuple("usage", "free")(10**12))
    assert [d.mountpoint for d in drives.external_drives()] == ["/media/sf/SAUVEGARDE", "E:\\"]


def test_rules_shown_on_the_pages_carry_their_source(client):
    from gardien.core.registry import sources

    assert sources()["MDP-02"].label in client.get("/motdepasse").text
    assert sources()["SAUV-01"].label in client.get("/sauvegardes").text
    assert sources()["SAUV-01"].label in client.get("/sauvegardes/configurer").text


def test_a_file_that_is_no_mail_is_said_not_judged(client):
    """A practitioner's test: a PDF dropped on the e-mail page came out « suspect » (its bytes read as a message)."""
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"  # hand-written start of a PDF
    response = client.post("/mail/analyser", files={"fichier": ("facture.pdf", pdf, "application/pdf")}, headers=HTMX)
    assert "pas un e-mail" in response.text and "document PDF" in response.text and "Suspect" not in response.text
    empty = client.post("/mail/analyser", files={"fichier": ("vide.eml", b"", "message/rfc822")}, headers=HTMX)
    assert "Le fichier est vide" in empty.text and "incomplète" not in empty.text


def test_round_23_an_earlier_message_without_a_sender_is_refused_not_compared(client):
    """A practitioner's test (round 23): an earlier « message » with no sender was taken as the genuine one, and the
    comparison said « le vrai message de l'expéditeur se répondait vers . »."""
    broken = b"Subject: rien\n\nquelques mots sans expediteur\n"  # hand-written
    response = client.post("/mail/analyser", files={"fichier": ("ameli.eml", FAKE_AMELI.encode(), "message/rfc822"),
                                                    "reference": ("ancien.eml", broken, "message/rfc822")}, headers=HTMX)
    text = html.unescape(" ".join(response.text.split()))
    assert "Ancien message (ancien.eml) : Gardien n'y trouve pas l'adresse de l'expéditeur" in text
    assert "Comparaison" not in text and "vers ." not in text
    pasted = client.post("/mail/analyser", files={"fichier": ("ameli.eml", FAKE_AMELI.encode(), "message/rfc822")},
                         data={"reference_source": "quelques mots sans expediteur"}, headers=HTMX)
    assert "Ancien message : Gardien n'y trouve pas l'adresse de l'expéditeur" in html.unescape(pasted.text)


def test_a_file_and_a_pasted_text_together_she_is_told_which_was_analysed(client):
    """A practitioner's test (round 12): she chose a file and pasted a text; only the file's result came, unexplained."""
    mail = b"From: Cabinet <contact@cabinet-exemple.fr>\nSubject: Rendez-vous\n\nBonjour, a demain 10 h.\n"  # hand-written
    both = client.post("/mail/analyser", files={"fichier": ("rdv.eml", mail, "message/rfc822")},
                       data={"source": "Bonjour, facture disponible."}, headers=HTMX)
    assert "Gardien a analysé le fichier" in both.text and "retirez le fichier choisi" in both.text
    alone = client.post("/mail/analyser", files={"fichier": ("rdv.eml", mail, "message/rfc822")}, headers=HTMX)
    assert "Gardien a analysé le fichier" not in alone.text
    reference = client.post("/mail/analyser", data={"source": FAKE_AMELI}, headers=HTMX,
                            files={"reference": ("ancien.png", b"\x89PNG\r\n\x1a\n", "image/png")})
    assert "Ancien message (ancien.png)" in reference.text and "une image" in reference.text


def test_what_could_not_be_compared_is_not_listed_as_alike(client):
    # walkthrough, round 17: the note on the genuine message's signature read as one more likeness under « pareil »;
    # both messages hand-written
    suspect = (b"From: Banque Exemple <info@banque-exemple.fr>\r\nTo: cabinet@exemple.fr\r\nSubject: Releve\r\n\r\n"
               b"Votre releve est disponible.\r\n")
    genuine = (b"From: Banque Exemple <info@banque-exemple.fr>\r\nTo: cabinet@exemple.fr\r\nSubject: Releve\r\n\r\n"
               b"Votre releve de novembre est disponible.\r\n")
    answer = visible_text(client.post("/mail/analyser", headers=HTMX, files={
        "fichier": ("suspect.eml", suspect, "message/rfc822"), "reference": ("ancien.eml", genuine, "message/rfc822")}).text)
    said = " ".join(answer.split())
    # round 23: an address no check proved is no likeness either; both notes are under « À savoir »
    assert "Ce qui est pareil :" not in said and "À savoir :" in said, said
    notes = said[said.index("À savoir :"):]
    assert "La signature numérique n'a pas pu être comparée" in notes and "rien ne prouve qu'il vient de là" in notes, said


def test_the_genuine_earlier_message_may_be_pasted_too(client):
    # walkthrough, round 17: the earlier genuine message could only be given as a file; both texts hand-written
    suspect = "De : Banque Exemple <info@banque-exemple-alerte.com>\nObjet : Compte\n\nRevalidez votre compte."
    genuine = "De : Banque Exemple <info@banque-exemple.fr>\nObjet : Relevé\n\nVotre relevé est disponible."
    said = " ".join(visible_text(client.post("/mail/analyser", headers=HTMX, data={
        "source": suspect, "reference_source": genuine}).text).split())
    assert "Comparaison avec l'ancien message" in said and "banque-exemple.fr" in said
    alone = " ".join(visible_text(client.post("/mail/analyser", headers=HTMX, data={
        "source": suspect, "reference_source": "  "}).text).split())
    assert "Comparaison avec l'ancien message" not in alone
