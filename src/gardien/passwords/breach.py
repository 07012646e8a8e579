"""Has a password appeared in a breach? Offline: the bundled filter (strength.offline_list).
Online, only when the user asks: the Have I Been Pwned range API with k-anonymity.

Only the first 5 hexadecimal characters of the password's SHA-1 leave the computer; the service
answers with every suffix sharing them (padded with fake entries, "Add-Padding"), and the
comparison happens here.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request

from gardien import __version__
from gardien.errors import GardienError

API = "https://api.pwnedpasswords.com/range/"
TIMEOUT_S = 10


class OnlineCheckFailed(GardienError):
    """The breach service could not be reached or answered nonsense."""


def sha1_prefix_suffix(password: str) -> tuple[str, str]:
    digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()  # noqa: S324 - the API's own format
    return digest[:5], digest[5:]


def pwned_count(password: str) -> int:
    """How many times the password appears in Have I Been Pwned (0 when never seen)."""
    prefix, suffix = sha1_prefix_suffix(password)
    base = os.environ.get("GARDIEN_HIBP_URL", API)  # tests point this at a local server
    request = urllib.request.Request(
        base + prefix, headers={"Add-Padding": "true", "User-Agent": f"gardien/{__version__}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body = response.read(4_000_000).decode("ascii", errors="replace")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise OnlineCheckFailed(
            "Le service Have I Been Pwned n'a pas pu être joint (connexion à Internet ?) : vérification en ligne impossible."
        ) from exc
    seen_line = False
    for line in body.splitlines():
        candidate, sep, count = line.strip().partition(":")
        if not sep or not count.strip().isdigit():
            continue
        seen_line = True
        if candidate.upper() == suffix:
            return int(count)
    if not seen_line:
        raise OnlineCheckFailed("Le service Have I Been Pwned a répondu dans un format inattendu.")
    return 0
