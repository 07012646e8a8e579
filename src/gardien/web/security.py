"""The interface's guard: who may talk to it, from where, and the headers every answer carries.

Threat model (design.md, "Local web interface"): other local users and web pages open in the same
browser. So: 127.0.0.1 only; a random one-time token, exchanged for an HttpOnly SameSite=Strict cookie;
a Host allow-list against DNS rebinding; an Origin / Sec-Fetch-Site check on every request that changes
something (CSRF); no CORS header ever; a strict CSP with no inline script.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field

SAFE_METHODS = frozenset({"GET", "HEAD"})
PUBLIC_PREFIXES = ("/static/",)  # CSS and scripts shipped with Gardien: nothing private in them
LOGIN_PATH = "/connexion"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cache-Control": "no-store",
}


@dataclass
class Guard:
    """The secrets of one running interface: the one-time token and the session it was exchanged for."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    session: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def cookie_name(self) -> str:
        # Cookies ignore ports: two interfaces on two ports must not overwrite each other's cookie.
        return f"gardien_session_{self.port}"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.allowed_hosts)

    @property
    def login_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{LOGIN_PATH}?jeton={self.token}"

    def exchange(self, presented: str) -> str | None:
        """The new session id if `presented` is the token and was never used; None otherwise."""
        with self._lock:
            if self.session is not None or not secrets.compare_digest(presented.encode(), self.token.encode()):
                return None
            self.session = secrets.token_urlsafe(32)
            return self.session

    def is_session(self, cookie: str | None) -> bool:
        session = self.session
        return bool(cookie and session and secrets.compare_digest(cookie.encode(), session.encode()))

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.allowed_hosts

    def same_origin(self, origin: str | None, fetch_site: str | None) -> bool:
        """A request that changes something must come from Gardien's own pages.

        Sec-Fetch-Site cannot be forged by a page, and browsers send it whatever the referrer policy; with
        "Referrer-Policy: no-referrer", Chromium sends "Origin: null" on form posts, even same-origin ones.
        """
        if fetch_site is not None and fetch_site != "same-origin":
            return False
        if origin is not None and origin != "null":
            return origin in self.allowed_origins
        return fetch_site == "same-origin"
