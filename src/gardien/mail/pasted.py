"""A mail as seen on screen: the text a practitioner copies from her mail app, without the source and its headers.

What a screen shows of the sender and the subject (« De : Ameli <remboursement@ameli-assurance.com> », « Objet : … »)
is read when the text opens with it, as it does when one copies a whole message or forwards it inline; the same
block at the top of a forwarded message's body tells who sent the original. Nothing else of the headers exists
here: no authentication, no real links behind the words — the analysis says so (analyze.PASTED_NOTE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gardien.mail.message import MAX_TEXT, ParsedMail, written_links

HEAD_LINES = 4  # a copied or forwarded message opens with its header block: sender, date, recipient, subject
_BANNER = re.compile(r"^[\s>*_-]*(-{2,}.*(forwarded|transf[ée]r[ée]|r[ée]exp[ée]di[ée]|original).*|d[ée]but du message r[ée]exp[ée]di[ée].*)$", re.I)
_SENDER_LINE = re.compile(r"^[\s>*]*(de|from|exp[ée]diteur|von|envoy[ée] par)\s*:\s*(.+?)\s*$", re.I)
_SUBJECT_LINE = re.compile(r"^[\s>*]*(objet|subject|sujet|betreff)\s*:\s*(.+?)\s*$", re.I)
_OTHER_HEADER = re.compile(r"^[\s>*]*(date|envoy[ée]|sent|[àa]|to|cc)\s*:", re.I)
_NAME_AND_ADDRESS = re.compile(r"^(?P<name>[^<>]*)<\s*(?P<address>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*>")
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_QUOTES = " \t\"'«»“”"


@dataclass(frozen=True)
class ShownHeader:
    name: str
    address: str
    subject: str


def _sender(value: str) -> tuple[str, str]:
    """« Ameli <a@b.fr> », « a@b.fr », « Lcl Info.lcl.sav@gmail.com », « « Maître Lefebvre » »."""
    value = value.strip()
    framed = _NAME_AND_ADDRESS.match(value)
    if framed:
        return framed.group("name").strip(_QUOTES), framed.group("address").lower().strip(".")
    bare = _ADDRESS.search(value)
    if bare:
        return (value[: bare.start()] + value[bare.end():]).strip(_QUOTES + "<>()"), bare.group(0).lower().strip(".")
    return value.strip(_QUOTES), ""


def shown_header(text: str) -> ShownHeader | None:
    """The sender and subject written at the top of a text (copied from the screen, or forwarded inline)."""
    found = _header_block(text)
    return found[0] if found else None


def _header_block(text: str) -> tuple[ShownHeader, int] | None:
    """The shown header and the number of lines it takes at the top of the text."""
    name = address = subject = ""
    seen = last = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or _BANNER.match(line):
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        sender = _SENDER_LINE.match(line)
        topic = _SUBJECT_LINE.match(line)
        if sender and not (name or address):
            name, address = _sender(sender.group(2))
        elif topic and not subject:
            subject = topic.group(2)
        elif seen == 1 and _NAME_AND_ADDRESS.match(line.strip()):  # « Alertes <adm@exemple.com.br> » on the first line
            name, address = _sender(line)
        elif _OTHER_HEADER.match(line):
            pass
        elif seen == 1:  # the block opens the text, or it is not one
            return None
        else:
            continue
        last = number
    if not (name or address or subject):
        return None
    return ShownHeader(name[:200], address[:320], subject[:500]), last


def parse_text(text: str) -> ParsedMail:
    """A ParsedMail from text pasted as seen on screen: the shown sender and subject if the text opens with them,
    the words, and the addresses written in the text as links (nothing hides behind them here)."""
    parsed = ParsedMail(pasted=True)
    if len(text) > MAX_TEXT:
        parsed.defects.append(f"texte de plus de {MAX_TEXT:,} caractères : seul le début est analysé".replace(",", " "))
        text = text[:MAX_TEXT]
    found = _header_block(text)
    if found:  # the words judged are the message's; its sender and subject are judged as such
        shown, lines = found
        parsed.from_name, parsed.from_address, parsed.subject = shown.name, shown.address, shown.subject
        text = "\n".join(text.splitlines()[lines:])
    parsed.text = text
    parsed.links = written_links(text)
    parsed.named_attachments = named_attachments(text)
    return parsed


# « Pièce jointe : Facture.pdf.html », « PJ : a.pdf ; b.zip », « Attachments: scan.htm (12 Ko) »: what a mail app shows
_ATTACHMENT_LINE = re.compile(r"^[\s>*]*(?:pi[eè]ces?[ -]jointes?|p\.?\s?j\.?|fichiers? joints?|attachments?|anhang|anh[äa]nge|adjuntos?|anexos?)"
                              r"\s*:\s*(.+?)\s*$", re.I | re.M)
_SIZE = re.compile(r"\s*\(\s*[\d.,]+\s*[kmg]?[ob]\s*\)\s*$", re.I)
_FILE_NAME = re.compile(r"^[^<>\"/\\|?*:]{1,200}\.[A-Za-z0-9]{1,6}$")
MAX_NAMED = 20


def named_attachments(text: str) -> list[str]:
    """The file names a pasted text shows as attached: judged by their names (attachments.by_name), as nothing else
    of them was pasted."""
    names = []
    for line in _ATTACHMENT_LINE.finditer(text):
        for part in re.split(r"[;,]", line.group(1)):
            name = _SIZE.sub("", part).strip(" \t«»\"'")
            if _FILE_NAME.match(name):
                names.append(name)
    return names[:MAX_NAMED]


# The first line of a message's source is a header: « Received: », « From: », « Return-Path: », « X-…: »…
_SOURCE_START = re.compile(rb"^(From |[A-Za-z][A-Za-z0-9-]{1,40}:[ \t]?\S)")
_KNOWN_HEADERS = re.compile(rb"^(received|return-path|delivered-to|message-id|mime-version|content-type|date|from|to|"
                            rb"subject|x-[a-z0-9-]+|authentication-results|dkim-signature|arc-[a-z-]+|reply-to|cc|"
                            rb"sender|thread-index|in-reply-to|references|list-[a-z-]+):", re.I | re.M)


def looks_like_source(data: bytes) -> bool:
    """A message's source opens with headers (at least two known ones in its first lines); text copied from the
    screen does not (« De : … » in French, or no header at all)."""
    head = data.lstrip()[:4000]
    if not _SOURCE_START.match(head):
        return False
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return len(_KNOWN_HEADERS.findall(block)) >= 2


def parse_any(data: bytes, as_text: bool = False) -> ParsedMail:
    """The source of a message or an Outlook .msg file, or — when it is neither, or when asked — the text of a mail
    as seen on screen."""
    from gardien.mail.message import OLE_MAGIC, parse_bytes, parse_msg

    if not as_text and data.startswith(OLE_MAGIC):
        return parse_msg(data)
    if not as_text and looks_like_source(data):
        return parse_bytes(data)
    return parse_text(data.decode("utf-8", errors="replace").replace("\r\n", "\n"))
