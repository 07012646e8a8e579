"""Read HTML as text without rendering it: visible text, links (target and visible text), forms."""

from __future__ import annotations

import re
from html.parser import HTMLParser

MAX_LINKS = 500
HIDDEN = {"script", "style", "head", "title", "noscript", "template"}
# A field that asks for a secret: its type, or its name (« pass », « cvv », « iban »…). A survey or a newsletter
# sign-up form asks for none of these.
_SENSITIVE_NAME = re.compile(r"pass|pwd|mdp|senha|passwort|cvv|cvc|cardnum|card_?number|iban|\bpin\b|otp|code_?secret", re.I)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.forms = 0
        self.sensitive = 0
        self._hidden = 0
        self._href: str | None = None
        self._anchor: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._href, self._anchor = href.strip(), []
        elif tag == "form":
            self.forms += 1
        elif tag == "input":
            fields = dict(attrs)
            if (fields.get("type") or "").lower() == "password" or _SENSITIVE_NAME.search(f"{fields.get('name') or ''} {fields.get('id') or ''}"):
                self.sensitive += 1
        elif tag in ("br", "p", "div", "tr", "li", "td", "h1", "h2", "h3", "table"):
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1
        elif tag == "a" and self._href is not None:
            if len(self.links) < MAX_LINKS:
                self.links.append((self._href, " ".join("".join(self._anchor).split())))
            self._href = None

    def handle_data(self, data):
        if self._hidden:
            return
        self.text.append(data)
        if self._href is not None:
            self._anchor.append(data)


# A « < » that no « > » closes before the next « < » or the end. html.parser rescans the rest of the text for each
# one left open at the end, in quadratic time (100,000 « <a » took 18 s); real mail has a handful at most.
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*(?:<|\Z))")
MAX_UNCLOSED = 1_000


def defuse(html: str) -> tuple[str, bool]:
    """The HTML made safe for html.parser, and whether it was made of thousands of open tags (a sign it was built to
    defeat analysis). A comment opened after the last « --> » runs to the end, as browsers read it: cut there."""
    last_close = html.rfind("-->")
    opened = html.find("<!--", last_close + 3 if last_close >= 0 else 0)
    if opened >= 0:
        html = html[:opened]
    if len(_UNCLOSED_TAG.findall(html)) <= MAX_UNCLOSED:
        return html, False
    return _UNCLOSED_TAG.sub("&lt;", html), True


def extract_html(html: str) -> tuple[str, list[tuple[str, str]], int, int]:
    """(visible text, [(href, anchor text)], number of forms, fields asking for a secret). Never raises on broken HTML;
    give it `defuse`d HTML."""
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # html.parser is tolerant; keep what was read
        pass
    text = "".join(reader.text)
    return " ".join(text.split(" ")), reader.links, reader.forms, reader.sensitive
