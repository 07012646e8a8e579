"""Has a password appeared in a breach? Offline: the bundled filter (strength.offline_list).
Online, only when the user asks: the Have I Been Pwned range API with k-anonymity.

Only the first 5 hexadecimal characters of the password's SHA-1 leave the computer; the service
answers with every suffix sharing them (padded with fake entries, "Add-Padding"), and the
comparison happens here.

« Never seen in a breach » is good news, so it is given only on a complete, well-formed answer: a
body shorter than announced, a line that is not "SUFFIX:COUNT", an answer that is not HTTP, a
redirect, an error status or a check that outlasts its deadline all make the check impossible,
never a zero.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import threading
import time
import urllib.error
import urllib.request
from enum import StrEnum

from gardien import __version__
from gardien.errors import GardienError

API = "https://api.pwnedpasswords.com/range/"
SOCKET_TIMEOUT_S = 10  # each connection step
DEADLINE_S = 20  # the whole check, name resolution and a slow trickle of bytes included
MAX_BODY = 4_000_000  # a real answer is about 30 kB
LINE = re.compile(r"[0-9A-F]{35}:[0-9]{1,12}")
IMPOSSIBLE = "Vérification en ligne impossible"


class OnlineStatus(StrEnum):
    """What became of the online check, as the JSON output and the pages say it."""

    NOT_ASKED = "non_demandee"
    DONE = "faite"
    IMPOSSIBLE = "impossible"


class OnlineCheckFailed(GardienError):
    """The breach service could not be reached or gave an answer that cannot be trusted."""


def _failed(why: str) -> OnlineCheckFailed:
    return OnlineCheckFailed(f"{IMPOSSIBLE} : {why}. Ce mot de passe n'est ni confirmé ni écarté par Have I Been Pwned.")


def sha1_prefix_suffix(password: str) -> tuple[str, str]:
    digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()  # noqa: S324 - the API's own format
    return digest[:5], digest[5:]


def pwned_count(password: str, deadline_s: float = DEADLINE_S) -> int:
    """How many times the password appears in Have I Been Pwned (0 when never seen).

    Raises OnlineCheckFailed when the answer is missing, incomplete or not understood."""
    prefix, suffix = sha1_prefix_suffix(password)
    base = os.environ.get("GARDIEN_HIBP_URL", API)  # tests point this at a local server
    counts = parse(_fetch(base + prefix, deadline_s))
    return counts.get(suffix, 0)


def parse(body: bytes) -> dict[str, int]:
    """Every line must be "35 hexadecimal characters:count"; anything else and the whole answer is refused."""
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError as exc:
        raise _failed("le service a répondu dans un format inattendu") from exc
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise _failed("le service a envoyé une réponse vide")
    counts = {}
    for line in lines:
        if not LINE.fullmatch(line):
            raise _failed("le service a répondu dans un format inattendu")
        suffix, _, count = line.partition(":")
        counts[suffix] = int(count)
    return counts


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the API never redirects: an answer from elsewhere is not its answer
        return None


def _fetch(url: str, deadline_s: float) -> bytes:
    """The whole body, read within `deadline_s`; OnlineCheckFailed otherwise. The request runs in a
    thread so that nothing (name resolution included) can hold the caller past the deadline."""
    outcome: dict[str, object] = {}
    deadline = time.monotonic() + deadline_s

    def work() -> None:
        try:
            outcome["body"] = _read_all(url, deadline)
        except BaseException as exc:  # noqa: BLE001 - handed over to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="gardien-hibp", daemon=True)
    worker.start()
    worker.join(deadline_s)
    if worker.is_alive():
        raise _failed(f"pas de réponse complète en {deadline_s:.0f} secondes")
    error = outcome.get("error")
    if isinstance(error, OnlineCheckFailed):
        raise error
    if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
        raise _failed("le service n'a pas répondu à temps") from error
    if isinstance(error, (urllib.error.URLError, OSError)):
        raise _failed("le service n'a pas pu être joint (connexion à Internet ?)") from error
    if isinstance(error, http.client.HTTPException):
        raise _failed("la réponse reçue n'est pas une réponse web valide") from error
    if error is not None:
        raise error
    return outcome["body"]  # type: ignore[return-value]


def _read_all(url: str, deadline: float) -> bytes:
    request = urllib.request.Request(url, headers={"Add-Padding": "true", "User-Agent": f"gardien/{__version__}"})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(request, timeout=SOCKET_TIMEOUT_S)
    except urllib.error.HTTPError as error:  # an error status, or a redirect refused above
        error.close()
        raise _failed(f"le service a répondu par une erreur (code {error.code})") from None
    with response:
        if response.status != 200:
            raise _failed(f"le service a répondu par un code inattendu ({response.status})")
        announced = response.headers.get("Content-Length")
        chunked = "chunked" in response.headers.get("Transfer-Encoding", "").lower()
        if announced is None and not chunked:  # the end of the body could not be told from a cut connection
            raise _failed("le service n'a pas annoncé la longueur de sa réponse")
        parts, size = [], 0
        while True:
            if time.monotonic() > deadline:
                raise _failed("la réponse arrive trop lentement")
            chunk = response.read(65_536)  # a cut chunked body raises IncompleteRead here
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_BODY:
                raise _failed("la réponse est anormalement longue")
            parts.append(chunk)
    if not chunked and (not announced.isdigit() or size != int(announced)):
        raise _failed("la réponse a été coupée avant la fin")
    return b"".join(parts)
