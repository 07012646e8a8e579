"""The online breach check never reassures on a bad answer: a local fake server (raw TCP, so that it can misbehave
the way real networks do) cuts its answer, garbles it, answers something that is not HTTP, or never finishes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from gardien.passwords import breach

PASSWORD = "Loulou2024"
PREFIX, SUFFIX = breach.sha1_prefix_suffix(PASSWORD)
# hand-written answers in the API's format: two other suffixes and the one we look for
GOOD_LINES = f"0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n{SUFFIX}:4242\r\nFFFFF000000000000000000000000000000:0"
NEVER_SEEN = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\nFFFFF000000000000000000000000000000:0"


def http(body: str | bytes, status: str = "200 OK", headers: str | None = None) -> bytes:
    data = body.encode() if isinstance(body, str) else body
    head = headers if headers is not None else f"Content-Length: {len(data)}\r\n"
    return f"HTTP/1.1 {status}\r\n{head}Connection: close\r\n\r\n".encode() + data


class FakeServer:
    """Accepts connections on 127.0.0.1 and plays `script` on each: a list of bytes to send or seconds to wait."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.script: list = []
        self.requests: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/range/"

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._play, args=(conn,), daemon=True).start()

    def _play(self, conn):
        with conn:
            conn.settimeout(5)
            try:
                self.requests.append(conn.recv(65536))
                for step in self.script:
                    if isinstance(step, (int, float)):
                        if self.stop.wait(step):
                            return
                    else:
                        conn.sendall(step)
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.fixture
def server(monkeypatch):
    fake = FakeServer()
    monkeypatch.setenv("GARDIEN_HIBP_URL", fake.url)
    yield fake
    fake.close()


def test_a_complete_answer_gives_the_count_and_sends_only_five_characters(server):
    server.script = [http(GOOD_LINES)]
    assert breach.pwned_count(PASSWORD) == 4242
    request = server.requests[-1].decode()
    assert request.startswith(f"GET /range/{PREFIX} ") and "Add-Padding: true" in request
    assert SUFFIX not in request and PASSWORD not in request


def test_a_complete_answer_without_the_suffix_is_never_seen(server):
    server.script = [http(NEVER_SEEN)]
    assert breach.pwned_count(PASSWORD) == 0


def test_a_chunked_answer_is_read_to_its_end(server):
    body = GOOD_LINES.encode()
    server.script = [http(f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n", headers="Transfer-Encoding: chunked\r\n")]
    assert breach.pwned_count(PASSWORD) == 4242


BAD_ANSWERS = {
    # the body stops before the length it announced: the suffix we look for was in the lost part
    "coupée": [http(NEVER_SEEN, headers=f"Content-Length: {len(GOOD_LINES) + 500}\r\n")],
    # cut at a line boundary, in the middle of a chunked body (no final empty chunk)
    "coupée (chunked)": [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                         + f"{len(NEVER_SEEN) + 300:x}\r\n".encode() + NEVER_SEEN.encode()],
    # a connection that just closes: no way to tell the end of the body from a cut
    "sans longueur": [http(NEVER_SEEN, headers="")],
    "vide": [http("")],
    "illisible": [http("<html><body>Maintenance</body></html>")],
    "ligne tronquée": [http(NEVER_SEEN + "\r\n" + SUFFIX[:20])],
    "compteur absent": [http(f"{SUFFIX}:\r\n" + NEVER_SEEN)],
    "binaire": [http(b"\x00\xff\xfe" * 40)],
    "pas du HTTP": [b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"],
    "rien": [],
    "erreur 500": [http("oops", status="500 Internal Server Error")],
    "limite 429": [http("", status="429 Too Many Requests")],
    "redirection": [http("", status="302 Found", headers="Location: http://example.invalid/range/x\r\nContent-Length: 0\r\n")],
    "code 204": [http("", status="204 No Content")],
}


@pytest.mark.parametrize("case", list(BAD_ANSWERS))
def test_a_bad_answer_makes_the_check_impossible_never_zero(server, case):
    server.script = BAD_ANSWERS[case]
    with pytest.raises(breach.OnlineCheckFailed) as error:
        breach.pwned_count(PASSWORD)
    assert "Vérification en ligne impossible" in error.value.message
    assert "ni confirmé ni écarté" in error.value.message


def test_the_whole_check_has_a_deadline(server):
    # headers at once, then one byte every 0.3 s: each read is quick, the whole is endless
    trickle = [b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"] + [item for _ in range(100) for item in (0.3, b"0")]
    server.script = trickle
    start = time.monotonic()
    with pytest.raises(breach.OnlineCheckFailed):
        breach.pwned_count(PASSWORD, deadline_s=2)
    assert time.monotonic() - start < 4


def test_a_server_that_never_answers_hits_the_deadline(server):
    server.script = [60]
    start = time.monotonic()
    with pytest.raises(breach.OnlineCheckFailed, match="pas de réponse complète|répondu à temps"):
        breach.pwned_count(PASSWORD, deadline_s=1.5)
    assert time.monotonic() - start < 3.5


def test_unreachable_service_is_a_french_message(monkeypatch):
    monkeypatch.setenv("GARDIEN_HIBP_URL", "http://127.0.0.1:9/range/")
    with pytest.raises(breach.OnlineCheckFailed) as error:
        breach.pwned_count("x")
    assert "n'a pas pu être joint" in error.value.message


def _verify(args, home, url):
    env = dict(os.environ, GARDIEN_HOME=str(home), GARDIEN_HIBP_URL=url)
    return subprocess.run([sys.executable, "-m", "gardien", "motdepasse", "verifier", "--stdin", "--en-ligne", *args],
                          input=PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=60, check=False)


@pytest.mark.slow
def test_the_command_says_impossible_never_never_seen(server, isolated_home):
    server.script = BAD_ANSWERS["coupée"]
    text = _verify([], isolated_home, server.url)
    assert text.returncode == 0 and "Traceback" not in text.stderr
    assert "Vérification en ligne impossible" in text.stdout and "jamais vu" not in text.stdout
    report = json.loads(_verify(["--json"], isolated_home, server.url).stdout)
    assert report["en_ligne"] == "impossible" and report["pwned"] is None
    server.script = [http(NEVER_SEEN)]
    report = json.loads(_verify(["--json"], isolated_home, server.url).stdout)
    assert report["en_ligne"] == "faite" and report["pwned"] == 0
