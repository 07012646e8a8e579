"""The emergency pages through FastAPI's TestClient: the guard, the mode as the first page while it is open, one
instruction at a time, the network cut, notes, contacts, the printable sheet, the journal, the drafts, the end."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from test_registre_web import ORIGIN, PORT, SAME, client, main_text  # noqa: F401 - the logged-in client fixture

from gardien.urgence import journal, state
from gardien.web.app import create_app
from gardien.web.security import Guard

PAGES = ["/urgence", "/urgence/preparer", "/urgence/fiche", "/urgence/journal", "/urgence/apres"]
COMMAND = re.compile(r"\bgardien [a-z]+|\bsudo\b|\$ |\bnmcli\b|\bnetsh\b|\bnetworksetup\b")
ENGLISH = re.compile(r"\b(the|and|file|download|upload|submit|save|error|warning|network|step|journal entry)\b", re.IGNORECASE)


visible = main_text


def readable(page: str) -> str:
    text = visible(page)
    assert not COMMAND.findall(text), COMMAND.findall(text)
    assert not ENGLISH.findall(text), ENGLISH.findall(text)
    return text


@pytest.mark.parametrize("path", PAGES + ["/urgence/fiche.pdf", "/urgence/journal.pdf"])
def test_pages_need_the_session(path):
    anonymous = TestClient(create_app(Guard(port=PORT)), base_url=ORIGIN, raise_server_exceptions=False)
    assert anonymous.get(path).status_code == 401


@pytest.mark.parametrize("path", ["/urgence/ouvrir", "/urgence/etape", "/urgence/reseau", "/urgence/noter",
                                  "/urgence/terminer", "/urgence/preparer", "/urgence/journal", "/urgence/veille/activer"])
def test_changes_refused_from_another_site(client, path):  # noqa: F811 - the imported fixture
    response = client.post(path, data={"aller": "suivante"}, headers={"Origin": "https://example.org"})
    assert response.status_code == 403 and state.current() is None


@pytest.mark.parametrize("path", PAGES)
def test_pages_read_as_french_without_commands(client, path):  # noqa: F811 - the imported fixture
    response = client.get(path)
    assert response.status_code == 200
    readable(response.text)


def test_the_whole_emergency_from_the_web(client):  # noqa: F811 - the imported fixture
    assert "Je pense que mon ordinateur est attaqué" in client.get("/urgence").text
    assert client.post("/urgence/ouvrir", headers=SAME).status_code == 303
    first = client.get("/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == client.app.state.guard.root + "/urgence"  # the first page while it is open
    assert client.get("/?tableau=1").status_code == 200
    page = readable(client.get("/urgence").text)
    assert "Consigne 1 sur 12" in page and "Coupez Internet tout de suite" in page and "Couper le réseau maintenant" in page
    cut = readable(client.post("/urgence/reseau", headers=SAME).text)
    assert "débranchez le câble réseau" in cut
    client.post("/urgence/etape", data={"aller": "suivante"}, headers=SAME)
    assert "N'éteignez pas l'ordinateur" in visible(client.get("/urgence").text)
    client.post("/urgence/etape", data={"aller": "3"}, headers=SAME)
    noted = readable(client.post("/urgence/noter", data={"sorte": "message", "texte": "Payez 1 BTC, identifiant 55"},
                                 headers=SAME).text)
    assert "Noté dans le journal le" in noted
    client.post("/urgence/etape", data={"aller": "8"}, headers=SAME)
    cert = readable(client.get("/urgence").text)
    assert "09 72 43 91 25" in cert and 'href="tel:0972439125"' in client.get("/urgence").text
    client.post("/urgence/noter", data={"sorte": "appel", "contact": "cert_sante", "texte": "signalement n° 12"}, headers=SAME)
    kinds = [e.kind for e in journal.entries()]
    assert journal.EntryKind.RANSOM_NOTE in kinds and journal.EntryKind.CALL in kinds and journal.EntryKind.NETWORK in kinds
    drafts = readable(client.get("/urgence/brouillons").text)
    assert "notification de violation" in drafts and "lettre d'information aux patients" in drafts
    for path in ("/urgence/brouillons/cnil.pdf", "/urgence/brouillons/patients.txt", "/urgence/journal.pdf"):
        assert client.get(path).status_code == 200
    assert client.post("/urgence/terminer", data={"issue": "attaque"}, headers=SAME).status_code == 303
    assert state.current() is None and client.get("/").status_code == 200
    log = readable(client.get("/urgence/journal").text)
    assert "Journal intact" in log and "Payez 1 BTC" in log and "Fin de l'incident" in log
    assert "Rançongiciel" in visible(client.get("/registre/violations").text)


def test_contacts_are_prepared_and_printed(client):  # noqa: F811 - the imported fixture
    form = {"prestataire-nom": "Info Cabinet", "prestataire-telephone": "02 98 00 00 00", "assureur-nom": "Assur Pro",
            "assureur-note": "contrat 99"}
    assert client.post("/urgence/preparer", data=form, headers=SAME).status_code == 303
    assert "Contacts enregistrés" in client.get("/urgence/preparer?enregistre=1").text
    sheet = client.get("/urgence/fiche").text
    assert "Info Cabinet" in sheet and "02 98 00 00 00" in sheet and "/static/urgence.css" in sheet
    assert client.get("/urgence/fiche.pdf").content.startswith(b"%PDF")
    home = visible(client.get("/urgence").text)  # opened or downloaded is not printed: only she knows that
    assert "Fiche téléchargée le" in home and "à imprimer" in home and "Fiche imprimée" not in home  # the PDF, last
    assert "préparée" not in home  # viewing is not preparing: said as what it is
    from gardien.plan.build import build

    step = next(s for s in build().steps if s.id == "fiche_reflexe")
    assert step.status == "a_faire" and "préparée" not in step.reason and "Fiche téléchargée le" in step.reason
    too_long = client.post("/urgence/preparer", data={"prestataire-nom": "x" * 300}, headers=SAME)
    assert too_long.status_code == 400 and "trop long" in too_long.text


def test_bad_requests(client):  # noqa: F811 - the imported fixture
    assert client.post("/urgence/etape", data={"aller": "suivante"}, headers=SAME).status_code == 400  # not open
    assert client.get("/urgence/brouillons").status_code == 400  # no incident yet
    client.post("/urgence/ouvrir", headers=SAME)
    assert client.post("/urgence/etape", data={"aller": "ailleurs"}, headers=SAME).status_code == 400
    assert client.post("/urgence/terminer", data={"issue": "peut-etre"}, headers=SAME).status_code == 400
    assert client.get("/urgence/journal.docx").status_code == 400


def test_watcher_switched_on_and_off_from_the_page(client, monkeypatch, tmp_path):  # noqa: F811 - the imported fixture
    from gardien.veille import service

    folder = tmp_path / "Documents"
    folder.mkdir()
    calls = []
    monkeypatch.setattr(service, "install", lambda: calls.append("install") or "veille-gardien.service")
    monkeypatch.setattr(service, "uninstall", lambda: calls.append("uninstall") or ["veille-gardien.service"])
    response = client.post("/urgence/veille/activer", data={"dossier": str(folder), "coupure": "oui"}, headers=SAME)
    assert response.status_code == 303 and calls == ["install"]
    from gardien.veille import config

    assert config.load() == config.WatchConfig((str(folder.resolve()),), True)
    assert client.post("/urgence/veille/arreter", headers=SAME).status_code == 303 and config.load() is None
    bad = client.post("/urgence/veille/activer", data={"dossier": "/nulle/part"}, headers=SAME)
    assert bad.status_code == 400 and "n'existe pas" in visible(bad.text)


def test_the_plan_proposes_the_sheet_until_it_is_prepared_and_printed(client):  # noqa: F811 - the imported fixture
    from gardien.plan.build import build

    step = next(s for s in build().steps if s.id == "fiche_reflexe")
    assert step.status == "a_faire" and "En cas d'attaque" in step.how[0].text
    client.post("/urgence/preparer", data={"prestataire-nom": "Info Cabinet", "prestataire-telephone": "02 98 00 00 00"},
                headers=SAME)
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "a_faire"  # not printed yet
    client.get("/urgence/fiche")
    step = next(s for s in build().steps if s.id == "fiche_reflexe")
    assert step.status == "a_faire" and "Il manque : l'éditeur de votre logiciel métier, votre assureur" in step.reason
    client.post("/urgence/fiche/imprimee", headers=SAME)
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "a_faire"  # printed, but contacts missing


def test_the_sheet_is_done_only_when_complete_and_printed_on_her_word(client):  # noqa: F811 - the imported fixture
    from gardien.plan.build import build

    partial = {"prestataire-nom": "Info Cabinet", "prestataire-telephone": "02 98 00 00 00",
               "editeur-telephone": "01 00 00 00 00", "assureur-nom": "MACSF"}
    client.post("/urgence/preparer", data=partial, headers=SAME)
    client.get("/urgence/fiche")
    page = client.get("/urgence").text
    told = readable(page)
    assert "Il manque : votre assureur (le numéro de MACSF)." in told and "Fiche ouverte le" in told and "à imprimer" in told
    assert 'class="fait"' not in page.split("Préparer maintenant")[1].split("La veille")[0]  # no green box
    assert "Je l'ai imprimée" in told
    sheet = visible(client.get("/urgence/fiche").text)
    assert "Il manque : votre assureur" in sheet and "Je l'ai imprimée" in sheet
    client.post("/urgence/preparer", data={**partial, "assureur-telephone": "01 23 45 67 89"}, headers=SAME)
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "a_faire"  # not printed yet
    assert client.post("/urgence/fiche/imprimee", headers=SAME).status_code == 303
    page = client.get("/urgence").text
    assert "Fiche imprimée le" in visible(page) and "(déclaré par vous)" in visible(page) and 'class="fait"' in page
    step = next(s for s in build().steps if s.id == "fiche_reflexe")
    assert step.status == "fait" and step.declared.startswith("déclaré le")
    plan = visible(client.get("/plan").text)
    assert "sur votre parole" in plan
    client.post("/urgence/preparer", data={**partial, "assureur-telephone": "01 23 45 67 80"}, headers=SAME)
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "a_faire"  # the printed sheet is outdated


def test_done_in_the_plan_is_the_same_truth_as_i_printed_it(client):  # noqa: F811 - the imported fixture
    """The plan's « C'est fait » on the sheet step is her word that she printed it: the « En cas d'attaque » page
    says so too, and no longer offers « Je l'ai imprimée »."""
    from gardien.plan.build import build

    full = {"prestataire-nom": "Info Cabinet", "prestataire-telephone": "02 98 00 00 00",
            "editeur-telephone": "01 00 00 00 00", "assureur-nom": "MACSF", "assureur-telephone": "01 23 45 67 89"}
    client.post("/urgence/preparer", data=full, headers=SAME)
    client.get("/urgence/fiche")
    assert client.post("/plan/fiche_reflexe/fait", headers=SAME).status_code == 303
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "fait"
    home = visible(client.get("/urgence").text)
    assert "Fiche imprimée le" in home and "(déclaré par vous)" in home and "Je l'ai imprimée" not in home
    assert client.post("/plan/fiche_reflexe/rouvrir", headers=SAME).status_code == 303  # reopened: both say so
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "a_faire"
    home = visible(client.get("/urgence").text)
    assert "Fiche imprimée le" not in home and "Je l'ai imprimée" in home
    # marked done in the plan, then her contacts change: the printed sheet is outdated, in the plan too
    from test_plan import _marked_at

    assert client.post("/plan/fiche_reflexe/fait", headers=SAME).status_code == 303
    _marked_at("fiche_reflexe", "2026-01-05T10:00:00+01:00")  # hand-written: marked done before the change below
    client.post("/urgence/preparer", data={**full, "assureur-telephone": "01 23 45 67 80"}, headers=SAME)
    step = next(s for s in build().steps if s.id == "fiche_reflexe")
    assert step.status == "a_faire" and "ont changé depuis" in step.reason, step
    home = visible(client.get("/urgence").text)
    assert "Fiche imprimée le" not in home and "Je l'ai imprimée" in home
    assert client.post("/plan/fiche_reflexe/rouvrir", headers=SAME).status_code == 303
    assert client.post("/urgence/fiche/imprimee", headers=SAME).status_code == 303  # her word on the page, then
    assert client.post("/plan/fiche_reflexe/rouvrir", headers=SAME).status_code == 303  # reopened in the plan
    assert next(s for s in build().steps if s.id == "fiche_reflexe").status == "a_faire"


def test_a_phone_without_digits_is_refused_and_nothing_typed_is_lost(client):  # noqa: F811 - the imported fixture
    typed = {"prestataire-nom": "Info Cabinet", "prestataire-telephone": "02 98 00 00 00", "assureur-telephone": "MACSF"}
    refused = client.post("/urgence/preparer", data=typed, headers=SAME)
    assert refused.status_code == 400
    text = readable(refused.text)
    assert "« MACSF » n'est pas un numéro de téléphone" in text and "aucun chiffre" in text
    assert 'value="Info Cabinet"' in refused.text and 'value="MACSF"' in refused.text  # her answers stay in the form
    from gardien.urgence import contacts

    assert not contacts.prepared()  # nothing saved



def test_a_name_stored_as_a_phone_before_the_check_is_still_missing(client):  # noqa: F811 - the imported fixture
    from gardien import statefile
    from gardien.urgence import contacts

    # hand-written: what an older Gardien accepted (« MACSF » in the phone column)
    statefile.write(contacts.path(), {"contacts": {"assureur": {"nom": "MACSF", "telephone": "MACSF"}}})
    assert "votre assureur (le numéro de MACSF)" in contacts.readiness().missing
    assert "Il manque" in visible(client.get("/urgence").text) and "votre assureur" in visible(client.get("/urgence").text)


def test_the_sheet_leaves_room_to_write_by_hand(client):  # noqa: F811 - the imported fixture
    page = client.get("/urgence/fiche").text
    message = page.split("Recopiez le message de rançon")[1].split("</li>")[0]
    assert message.count('class="a-ecrire"') >= 3 and "Recopiez ici" not in message


def test_no_draft_after_a_false_alarm(client):  # noqa: F811 - the imported fixture
    client.post("/urgence/ouvrir", headers=SAME)
    client.post("/urgence/terminer", data={"issue": "fausse_alerte"}, headers=SAME)
    assert "Brouillons pour la CNIL" not in client.get("/urgence").text  # no link to a draft that cannot be
    for path in ("/urgence/brouillons", "/urgence/brouillons/cnil.pdf", "/urgence/brouillons/patients.txt"):
        response = client.get(path)
        assert response.status_code == 400, path
        if path == "/urgence/brouillons":
            text = readable(response.text)
            assert "Il n'y a pas d'incident à notifier" in text and "fausse alerte le" in text
            assert "chiffrés" not in text and "gardien urgence" not in text


def test_the_journal_says_shown_unless_she_says_done(client):  # noqa: F811 - the imported fixture
    client.post("/urgence/ouvrir", headers=SAME)
    page = visible(client.get("/urgence").text)  # « Coupez Internet »: something to do, asked
    assert "C'est fait : consigne suivante" in page and "Pas encore fait : consigne suivante" in page
    client.post("/urgence/etape", data={"aller": "pas_encore"}, headers=SAME)
    page = visible(client.get("/urgence").text)  # « N'éteignez pas »: nothing to declare
    assert "C'est fait" not in page and "Consigne suivante" in page
    client.post("/urgence/etape", data={"aller": "suivante"}, headers=SAME)
    client.post("/urgence/etape", data={"aller": "4"}, headers=SAME)  # « Photographiez l'écran »
    client.post("/urgence/etape", data={"aller": "fait"}, headers=SAME)
    entries = [(e.label, e.text) for e in journal.entries() if e.kind in (journal.EntryKind.STEP, journal.EntryKind.DONE)]
    assert entries == [("Consigne affichée", "Coupez Internet tout de suite. Pas encore fait."),
                       ("Consigne affichée", "N'éteignez pas l'ordinateur."),
                       ("Fait", "Photographiez l'écran avec votre téléphone.")]
    assert "Consigne suivie" not in visible(client.get("/urgence/journal").text)


FULL_HASH = re.compile(r"\b[0-9a-f]{64}\b")


def test_the_journal_page_shows_fingerprints_she_can_compare_and_the_export_keeps_them_whole(client):  # noqa: F811
    """The page showed each entry's 64-character SHA-256: nothing a practitioner compares by eye with her print."""
    client.post("/urgence/ouvrir", headers=SAME)
    client.post("/urgence/noter", data={"sorte": "message", "texte": "Payez 1 BTC"}, headers=SAME)
    last = journal.entries()[-1].fingerprint
    page = client.get("/urgence/journal").text
    assert not FULL_HASH.search(page)
    short = f"{last[:4]}\u00a0{last[4:8]}\u00a0{last[8:12]}…"
    assert f"Dernière empreinte : {short}" in html.unescape(page) and "Dernière empreinte" in readable(page)
    exported = client.get("/urgence/journal.html").text  # the downloaded copy keeps every fingerprint whole
    assert last in exported and all(e.fingerprint in exported for e in journal.entries())


def test_the_drafts_of_each_incident_can_be_reached(client):  # noqa: F811 - the imported fixture
    first = state.open_(state.Origin.USER, "Écran de rançon sur le poste du secrétariat.")
    state.close(state.Outcome.ATTACK)
    second = state.open_(state.Origin.USER, "Fichiers renommés sur le portable.")
    state.close(state.Outcome.ATTACK)
    latest = client.get("/urgence/brouillons").text
    assert f"/urgence/brouillons/cnil.pdf?incident={second.incident}" in latest
    assert f'href="{client.root}/urgence/brouillons?incident={first.incident}"' in latest and "Autres incidents" in visible(latest)
    chosen = client.get(f"/urgence/brouillons?incident={first.incident}").text
    assert f"/urgence/brouillons/cnil.pdf?incident={first.incident}" in chosen
    assert f"?incident={second.incident}" in chosen  # the other one, offered
    assert client.get(f"/urgence/brouillons/cnil.txt?incident={first.incident}").status_code == 200
    unknown = client.get("/urgence/brouillons?incident=inconnu")
    assert unknown.status_code == 400 and "Aucun incident" in unknown.text
    # the plan's CNIL deadline of each incident links to its own drafts
    plan = client.get("/plan").text
    assert f"/urgence/brouillons?incident={first.incident}" in plan and f"/urgence/brouillons?incident={second.incident}" in plan


def test_a_note_is_journaled_after_the_instruction_it_was_written_under(client):  # noqa: F811 - the imported fixture
    """As on the command line (round 9): the journal reads « Consigne affichée » then what she wrote under it; the web
    wrote her note first and the instruction only when she moved on. Hand-written notes."""
    client.post("/urgence/ouvrir", headers=SAME)
    client.post("/urgence/etape", data={"aller": "3"}, headers=SAME)  # « Recopiez le message de rançon »
    assert client.post("/urgence/noter", data={"sorte": "note", "texte": " "}, headers=SAME).status_code == 400
    assert [e.kind for e in journal.entries()] == [journal.EntryKind.OPENED]  # a refused note writes nothing
    client.post("/urgence/noter", data={"sorte": "message", "texte": "Payez 1 BTC"}, headers=SAME)
    client.post("/urgence/noter", data={"sorte": "note", "texte": "Écran rouge"}, headers=SAME)
    client.post("/urgence/etape", data={"aller": "suivante"}, headers=SAME)  # shown once, not again
    client.post("/urgence/etape", data={"aller": "fait"}, headers=SAME)  # « Photographiez l'écran », nothing written
    client.post("/urgence/noter", data={"sorte": "appel", "contact": "prestataire", "texte": "ticket 42"}, headers=SAME)
    client.post("/urgence/etape", data={"aller": "fait"}, headers=SAME)
    written = [(e.label, e.text) for e in journal.entries() if e.kind is not journal.EntryKind.OPENED]
    assert written == [("Consigne affichée", "Recopiez le message de rançon."),
                       ("Message de rançon recopié", "Payez 1 BTC"),
                       ("Note", "Écran rouge"),
                       ("Fait", "Photographiez l'écran avec votre téléphone."),
                       ("Consigne affichée", "Appelez votre prestataire informatique."),
                       ("Appel ou démarche", "Votre prestataire informatique : ticket 42"),
                       ("Fait", "Appelez votre prestataire informatique.")]


def test_the_gardien_advice_box_comes_from_the_step_not_from_the_photo(client, monkeypatch):  # noqa: F811
    """The box said « Conseil de Gardien, pour garder des preuves » under any step marked as Gardien's own advice,
    words written for the photo step (failed on main); it now says what the command line says, the step its why."""
    from dataclasses import replace

    from gardien.urgence import content

    original = content.steps()
    photo = next(step for step in original if step.gardien)
    monkeypatch.setattr(content, "steps", lambda: tuple(replace(s, gardien=True) if s.id == original[0].id else s
                                                         for s in original))
    client.post("/urgence/ouvrir", headers=SAME)
    first = visible(client.get("/urgence").text)
    assert "Conseil de Gardien." in first and "preuves" not in first.split("Conseil de Gardien")[1][:40]
    client.post("/urgence/etape", data={"aller": str(original.index(photo))}, headers=SAME)
    shown = visible(client.get("/urgence").text)
    assert "Conseil de Gardien." in shown and "elles pourront vous être demandées" in shown


def test_the_aftermath_page_takes_its_sources_from_the_sources_file(client):  # noqa: F811 - the imported fixture
    """« Après l'attaque » wrote its sources in the template, and its INC-02 (« réinstaller le système et restaurer
    les sauvegardes ») said otherwise than the same source in the sources file: its sources come from that file now,
    the page and the terminal citing the same texts, each once (failed on main)."""
    from gardien.urgence import content

    known = content.sources()
    page = readable(client.get("/urgence/apres").text)
    for rule in ("INC-02", "PHISH-04"):
        assert page.count(known[rule].label) == 1, rule
    assert "restaurer les sauvegardes" in known["INC-02"].label  # what the page's steps rest on


def test_the_watch_form_offers_the_folders_gardien_knows(client, monkeypatch, tmp_path):  # noqa: F811
    """Walkthrough round 12, finding 17: with no Documents folder, the form only asked to type a folder's path. Gardien
    now offers what it knows to tick: the usual folders that exist, and her personal folder when there is none."""
    home = tmp_path / "maison"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    form = client.get("/urgence").text.split("/urgence/veille/activer")[1].split("</form>")[0]
    assert f'type="checkbox" id="dossier-1" name="dossier" value="{home}"' in form  # nothing else: her own folder
    (home / "Documents").mkdir()
    (home / "Bureau").mkdir()
    form = client.get("/urgence").text.split("/urgence/veille/activer")[1].split("</form>")[0]
    assert f'value="{home / "Documents"}" checked' in form and f'value="{home / "Bureau"}" checked' in form
    assert f'value="{home}"' not in form
    assert ">Documents <" in form and 'id="dossier-autre"' in form  # typing one stays possible


def test_the_instructions_can_be_read_without_opening_and_a_false_alarm_is_closed_from_the_top(client):  # noqa: F811
    """Walkthrough r12, finding 6: opening the mode « just to see » starts an incident with its 72-hour CNIL deadline;
    the page says so before, lets her read the instructions without it, and once open says at the top how to close a
    false alarm."""
    before = readable(client.get("/urgence").text)
    assert "décider s'il faut prévenir la CNIL, dans les meilleurs délais, si possible dans les 72 heures" in before
    assert "Lire les consignes sans ouvrir le mode urgence" in before and "N'éteignez pas l'ordinateur" in before
    assert state.current() is None and not journal.entries()  # reading opened nothing
    client.post("/urgence/ouvrir", headers=SAME)
    opened = client.get("/urgence").text
    top = visible(opened).split("Consigne 1 sur 12")[0]
    assert "Fausse alerte ? Fermez le mode urgence" in " ".join(top.split()) and 'href="#fermer"' in opened and 'id="fermer"' in opened


def test_the_sheet_cites_the_same_sources_on_the_page_and_in_the_pdf(client, tmp_path):  # noqa: F811
    """Round 13: under the printable sheet, the page listed the sources of every instruction (even those not on the
    sheet), the PDF only those of the first five, and neither those of the contacts (CERT Santé) nor of the CNIL
    reminder. One list now, the same on both (failed on main)."""
    import shutil
    import subprocess

    from gardien.core.registry import sources

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent")

    def listed(text: str) -> str:
        return re.split(r"Établie|Fiche réflexe Gardien", " ".join(text.split()).split("Sources : ", 1)[1])[0].strip()

    client.post("/urgence/preparer", data={"prestataire-nom": "Info Cabinet", "prestataire-telephone": "02 98 00 00 00"},
                headers=SAME)
    page = client.get("/urgence/fiche").text
    on_page = listed(html.unescape(re.search(r'<p class="source">(.*?)</p>', page, re.S).group(1)))
    (tmp_path / "fiche.pdf").write_bytes(client.get("/urgence/fiche.pdf").content)
    assert "Fiche téléchargée le" in visible(client.get("/urgence").text)  # round 13: no longer « ouverte »
    paper = subprocess.run(["pdftotext", str(tmp_path / "fiche.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    on_paper = listed(paper)
    assert on_page == on_paper, (on_page, on_paper)
    for rule in ("INC-04", "INC-06"):  # the CERT Santé line, the CNIL reminder
        assert sources()[rule].label in on_page, on_page


def test_the_journal_says_when_gardien_could_cut_nothing(client, monkeypatch):  # noqa: F811 - the imported fixture
    """Review round 24: with no tool to cut the network, the journal (for police and insurer) said « Réseau : action de
    Gardien » as if Gardien had cut it."""
    from gardien.urgence import network

    monkeypatch.setattr(network, "current_platform", lambda: "linux")
    monkeypatch.setattr(network.shutil, "which", lambda _name: None)
    client.post("/urgence/ouvrir", headers=SAME)
    client.post("/urgence/reseau", headers=SAME)
    entry = next(e for e in journal.entries() if e.kind is journal.EntryKind.NETWORK)
    assert "action de Gardien" not in entry.label
    assert entry.text.startswith("Coupure du réseau demandée depuis Gardien. Gardien n'a rien coupé"), entry.text
    assert "débranchez le câble réseau" in entry.text and "coupez le Wi-Fi" in entry.text



def test_a_cut_that_did_nothing_is_not_shown_as_done(client, monkeypatch):  # noqa: F811 - the imported fixture
    """Review r24, seen in Chromium: « Gardien n'a rien coupé lui-même » came in the green box of a thing done."""
    from gardien.urgence import network

    monkeypatch.setattr(network, "current_platform", lambda: "linux")
    monkeypatch.setattr(network.shutil, "which", lambda _name: None)
    client.post("/urgence/ouvrir", headers=SAME)
    said = re.search(r'<p class="(\w+)" role="\w+">Gardien n\'a rien coupé', html.unescape(client.post("/urgence/reseau", headers=SAME).text))
    assert said is not None and said.group(1) == "problem"
