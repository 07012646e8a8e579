"""The interface's guard: who may talk to it, from where, and the headers every answer carries.

Threat model (design.md, "Local web interface"; docs/interface.md): other local users and programs, and web
pages open in the same browser. So: 127.0.0.1 only; a random one-time token, exchanged for an HttpOnly
SameSite=Strict cookie; a Host allow-list against DNS rebinding; an Origin / Sec-Fetch-Site check on every
request that changes something (CSRF); no CORS header ever; a strict CSP with no inline script.

And a secret root: every page lives under a random path (/<22 random characters>/…), and the session cookie is
scoped to it (Path=). Browsers do not isolate cookies by port: a cookie for 127.0.0.1 goes to every program
listening on any port of 127.0.0.1, and any local account may open such a listener. Scoped to the secret root,
the cookie goes only with requests whose path starts with it, which a listener elsewhere never sees; the root
appears only in the opening file (0600) and in Gardien's own pages and redirects. A random host name under
.localhost would do the same without touching paths, but Safari (macOS's default browser) does not resolve
those names, and macOS answers only on 127.0.0.1, not on the rest of 127.0.0.0/8.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

SAFE_METHODS = frozenset({"GET", "HEAD"})
PUBLIC_PREFIXES = ("/static/",)  # CSS and scripts shipped with Gardien: nothing private in them
LOGIN_PATH = "/connexion"
MAX_SESSIONS = 16  # browsers logged in at once (a doctor's, a secretary's…); the oldest is forgotten beyond

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


_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def allowing_own_styles(page: str) -> dict[str, str]:
    """The headers for a page that carries its style inline because it must also work saved as a file (the printable
    CNIL draft): the same policy, with exactly those styles allowed by their hash, nothing else inline (round 24: the
    browser dropped them under « style-src 'self' »)."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
                      for style in _INLINE_STYLE.findall(page))
    policy = SECURITY_HEADERS["Content-Security-Policy"].replace("style-src 'self'", f"style-src 'self' {hashes}")
    return {**SECURITY_HEADERS, "Content-Security-Policy": policy}


# Gardien's own links and redirects ("/plan") gain the secret root; static files stay public, outside it.
_LINK = re.compile(rb'(\s(?:href|src|action|formaction|hx-get|hx-post|hx-put|hx-patch|hx-delete|hx-push-url|'
                   rb'hx-replace-url)=")/(?!/|static/)')
_REFRESH = re.compile(rb'(<meta http-equiv="refresh" content="\d+;\s*url=)/(?!/)', re.IGNORECASE)
_REDIRECT_HEADERS = (b"location", b"hx-redirect", b"hx-location")


@dataclass
class Guard:
    """The secrets of one running interface: the secret root, the one-time token of the opening link and the
    sessions it was exchanged for.

    Each token opens Gardien once, then is replaced (`on_new_token` rewrites the opening file with the new one): a
    link left in a browser's history never opens Gardien again, while the opening file itself can be opened again
    (another browser, another person of the practice, a closed tab), as Jupyter's token file can."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    root: str = field(default_factory=lambda: "/" + secrets.token_urlsafe(16))  # 128 random bits
    sessions: list[str] = field(default_factory=list)
    on_new_token: Callable[[], None] | None = field(default=None, repr=False)
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
    def base_url(self) -> str:
        """Where Gardien's pages are: only the opening file and Gardien's own pages hold it."""
        return f"http://127.0.0.1:{self.port}{self.root}"

    @property
    def login_url(self) -> str:
        return f"{self.base_url}{LOGIN_PATH}?jeton={self.token}"

    def inner_path(self, path: str) -> str | None:
        """The page's path inside the secret root ("/plan"), or None for a request outside it."""
        if path == self.root:
            return "/"
        if path.startswith(self.root + "/"):
            return path[len(self.root):]
        return None

    def rewrite_html(self, body: bytes) -> bytes:
        """Gardien's absolute links, forms and refreshes point inside the secret root. User text cannot match:
        Jinja escapes its quotes (&#34;)."""
        prefix = self.root.encode()
        return _REFRESH.sub(rb"\1" + prefix + b"/", _LINK.sub(rb"\1" + prefix + b"/", body))

    def rewrite_redirect(self, value: bytes) -> bytes:
        if value.startswith(b"/") and not value.startswith(b"//"):
            return self.root.encode() + value
        return value

    def exchange(self, presented: str) -> str | None:
        """A new session id if `presented` is the current token (which is then replaced); None otherwise."""
        with self._lock:
            if not secrets.compare_digest(presented.encode(), self.token.encode()):
                return None
            session = secrets.token_urlsafe(32)
            self.sessions = [*self.sessions[-(MAX_SESSIONS - 1):], session]
            self.token = secrets.token_urlsafe(32)
            renew = self.on_new_token
        if renew is not None:
            renew()
        return session

    def is_session(self, cookie: str | None) -> bool:
        sessions = self.sessions
        # every one compared, so that the time taken does not tell which one matched
        matches = [secrets.compare_digest(cookie.encode(), session.encode()) for session in sessions] if cookie else []
        return any(matches)

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


class SecretRoot:
    """ASGI middleware in front of everything: strips the secret root from the path of the requests that carry
    it (the routes know "/plan"), marks them, and puts the root back into their links and redirects. Requests
    without it go on unmarked and get nothing that reveals it (the guard refuses them)."""

    def __init__(self, app, guard: Guard):
        self.app = app
        self.guard = guard

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        inner = self.guard.inner_path(scope["path"])
        if inner is None:
            await self.app(dict(scope, gardien_root=False), receive, send)
            return
        raw = scope.get("raw_path") or b""
        root = self.guard.root.encode()  # URL-safe characters: the same in the encoded path
        raw = (raw[len(root):] or b"/") if raw.startswith(root) else inner.encode()
        await self.app(dict(scope, path=inner, raw_path=raw, gardien_root=True), receive, self._rewriting(send))

    def _rewriting(self, send):
        guard = self.guard
        held: dict = {}
        parts: list[bytes] = []

        async def wrapped(message):
            if message["type"] == "http.response.start":
                headers = [(name, guard.rewrite_redirect(value) if name.lower() in _REDIRECT_HEADERS else value)
                           for name, value in message["headers"]]
                html = any(n.lower() == b"content-type" and v.startswith(b"text/html") for n, v in headers)
                message = dict(message, headers=headers)
                if not html:
                    await send(message)
                    return
                held["start"] = message  # sent with the rewritten body, whose length changes
                return
            if message["type"] == "http.response.body" and "start" in held:
                parts.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = guard.rewrite_html(b"".join(parts))
                start = held.pop("start")
                headers = [(n, v) for n, v in start["headers"] if n.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send(dict(start, headers=headers))
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        return wrapped
