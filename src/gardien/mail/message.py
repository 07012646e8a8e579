"""Read a message (.eml with or without an mbox "From " line, Outlook .msg, raw source) into plain data.

Bounded on hostile input: at most MAX_PARTS MIME parts, MAX_DEPTH nesting, MAX_TEXT characters of
text analysed per message, MAX_ATTACHMENT_BYTES kept per attachment. Malformed MIME, unknown charsets
and truncated messages are read as far as possible; what went wrong is kept in `defects`.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field
from email.message import Message

from gardien import fr
from gardien.limits import MAX_ADDRESS_CHARS, MAX_ADDRESS_NESTING, MAX_DISPLAY_NAME_CHARS, MAX_HEADER_CHARS
from gardien.mail.html_text import defuse, extract_html

MAX_PARTS = 300
MAX_DEPTH = 25
MAX_TEXT = 300_000
MAX_ATTACHMENT_BYTES = 20_000_000
MAX_MESSAGE_BYTES = 60_000_000


@dataclass
class Attachment:
    filename: str
    content_type: str
    size: int
    data: bytes  # at most MAX_ATTACHMENT_BYTES; never written to disk


@dataclass
class Link:
    href: str
    text: str


@dataclass
class ParsedMail:
    from_name: str = ""
    from_address: str = ""
    # the name was cut from its address by a bare comma (« Microsoft account team ,<x@y.com> »): read as two
    # senders, the first without an address; mail programs show the name and the real address, and so does Gardien
    from_split_by_comma: bool = False
    reply_to: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    subject: str = ""
    answers_a_message: bool = False  # In-Reply-To, References or (Exchange) Thread-Index: a real reply names its thread
    list_headers: bool = False  # List-Id, List-Unsubscribe, Precedence: list/bulk, Mailing-List
    unsubscribe_header: bool = False  # List-Unsubscribe (RFC 2369): how honest bulk mail lets you leave
    # List-Post or Mailing-List: a discussion list re-sent the message (footer, tag). A List-Id alone is a bulk sender's
    # tag (newsletter services add one, and spam copies it to pass as a list): a discussion list gives its address
    mailing_list: bool = False
    hidden_recipients: bool = False  # To is an empty group ("undisclosed-recipients:;"): everyone was in Bcc
    auth_results: list[str] = field(default_factory=list)  # every Authentication-Results, topmost first
    text: str = ""  # the visible text, plain and HTML together
    links: list[Link] = field(default_factory=list)
    forms: int = 0
    sensitive_fields: int = 0  # form fields asking for a password, a card number or a code
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    pasted: bool = False  # text copied from the screen: no headers, no authentication, no links behind the words
    named_attachments: list[str] = field(default_factory=list)  # « Pièce jointe : Facture.pdf.html » in a pasted text


# What the email package finds wrong in a message's form, in words (its class names are English jargon).
_MIME_DEFECTS = {
    "StartBoundaryNotFoundDefect": "la séparation annoncée entre ses parties est absente",
    "CloseBoundaryNotFoundDefect": "la fin de ses parties n'est pas marquée",
    "NoBoundaryInMultipartDefect": "il annonce plusieurs parties sans dire où elles se séparent",
    "MultipartInvariantViolationDefect": "il annonce plusieurs parties mais n'en a qu'une",
    "MissingHeaderBodySeparatorDefect": "la ligne vide entre les en-têtes et le texte manque",
    "FirstHeaderLineIsContinuationDefect": "sa première ligne d'en-tête est incomplète",
    "MisplacedEnvelopeHeaderDefect": "une ligne d'enveloppe est mal placée",
    "InvalidMultipartContentTransferEncodingDefect": "l'encodage annoncé pour ses parties n'est pas permis",
    "InvalidBase64PaddingDefect": "une partie encodée (base64) est abîmée",
    "InvalidBase64CharactersDefect": "une partie encodée (base64) est abîmée",
    "InvalidBase64LengthDefect": "une partie encodée (base64) est abîmée",
    "UndecodableBytesDefect": "des caractères ne peuvent pas être lus",
}
_OTHER_DEFECT = "sa structure ne suit pas la norme des e-mails"


def _why(exc: BaseException) -> str:
    """Why a part could not be read, in words, whatever the library raised."""
    if isinstance(exc, RecursionError):
        return "trop de parties imbriquées les unes dans les autres"
    if isinstance(exc, MemoryError):
        return "trop volumineux"
    if isinstance(exc, UnicodeError):
        return "caractères mal encodés"
    return "forme non reconnue"


def parse_bytes(data: bytes) -> ParsedMail:
    """Parse raw RFC 822 bytes. Never raises on malformed input."""
    parsed = ParsedMail()
    if len(data) > MAX_MESSAGE_BYTES:
        parsed.defects.append(f"message de plus de {MAX_MESSAGE_BYTES // 1_000_000} Mo : seul le début est analysé")
        data = data[:MAX_MESSAGE_BYTES]
    if data.startswith(b"From "):  # mbox separator line
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the email package is tolerant; this is a last resort
        parsed.defects.append(f"message illisible ({_why(exc)})")
        return parsed
    if not message.keys():
        parsed.defects.append("aucun en-tête reconnu : ce n'est peut-être pas un e-mail")
    _headers(message, parsed)
    texts: list[str] = []
    _walk(message, parsed, texts, depth=0, count=[0])
    _set_text(parsed, texts)
    parsed.defects.extend(dict.fromkeys(f"message mal formé : {_MIME_DEFECTS.get(d.__class__.__name__, _OTHER_DEFECT)}" for d in message.defects[:10]))
    return parsed


HEADER_WORDS = {"From": "l'expéditeur", "To": "la liste des destinataires", "Cc": "la liste des copies",
                "Reply-To": "l'adresse de réponse", "Subject": "l'objet"}


def _header(message: Message, name: str, parsed: ParsedMail) -> str:
    value = message.get(name)
    if value is None:
        return ""
    if isinstance(value, email.header.Header):  # raw 8-bit bytes in the header, most often UTF-8 (compat32)
        value = "".join(_eight_bit(chunk) for chunk, _ in email.header.decode_header(value))
    value = _bounded(str(value), HEADER_WORDS.get(name, f"la ligne {name}"), MAX_HEADER_CHARS, parsed)
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except Exception:  # bad encoded-words: keep the raw text
        return value


_EMPTY_GROUP = re.compile(r"\s*[^:<>@\"]+:\s*;?\s*")  # RFC 5322 group syntax with no member


def _eight_bit(chunk: bytes | str) -> str:
    if isinstance(chunk, str):
        return chunk
    try:
        return chunk.decode("utf-8")
    except UnicodeDecodeError:
        return chunk.decode("cp1252", errors="replace")


def _bounded(value: str, what: str, limit: int, parsed: ParsedMail) -> str:
    """At most `limit` characters of a header; what is cut is said (the verdict cannot be « sans danger apparent »)."""
    if len(value) <= limit:
        return value
    parsed.defects.append(f"{what} fait plus de {limit:,} caractères : seul le début est analysé".replace(",", "\u202f"))
    return value[:limit]


def _flat_nesting(value: str) -> str:
    """The header with comments « (a (b)) » and groups « a: b: c; » nested deeper than MAX_ADDRESS_NESTING
    flattened: Python's address parser recurses once per level, so 2,000 « ( » end in RecursionError. One pass,
    no recursion; quoted strings, angle brackets and backslash escapes are followed as the parser does, so that
    a « ( » or « : » inside them is not counted. Real mail uses one level of each."""
    out, comments, groups, quoted, angle, escaped = [], 0, 0, False, False, False
    for char in value.replace("\r", " "):
        if escaped:
            escaped = False
        elif char == "\\" and (quoted or comments):
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == "(":
            comments += 1
            char = " " if comments > MAX_ADDRESS_NESTING else char
        elif char == ")" and comments:
            comments -= 1
            char = " " if comments >= MAX_ADDRESS_NESTING else char
        elif comments:
            pass
        elif char == '"':
            quoted = True
        elif char in "<>":
            angle = char == "<"
        elif char == ":" and not angle:
            groups += 1
            char = " " if groups > MAX_ADDRESS_NESTING else char
        elif char == ";" and groups:
            groups -= 1
        out.append(char)
    return "".join(out)


def _address(value: str, parsed: ParsedMail) -> tuple[str, str]:
    """(display name, address) of a From header, both bounded."""
    flat = _flat_nesting(value)
    name, address = email.utils.parseaddr(flat)
    if address and "@" not in address:
        pairs = email.utils.getaddresses([flat])
        real = next((i for i, (_, a) in enumerate(pairs) if "@" in a), None)
        if real is not None:
            # the words before the real address are the name, whatever the comma made of them
            before = flat[:flat.index("<")] if "<" in flat else " ".join(n or a for n, a in pairs[:real])
            name = " ".join(before.replace(",", " ").replace('"', " ").split()).strip(" _")
            address = pairs[real][1]
            parsed.from_split_by_comma = True
    name = _bounded(name.strip(), "le nom de l'expéditeur", MAX_DISPLAY_NAME_CHARS, parsed)
    return name, address.strip().lower()[:MAX_ADDRESS_CHARS]


def _addresses(*values: str) -> list[str]:
    """The addresses of To, Cc or Reply-To headers, lower-cased."""
    pairs = email.utils.getaddresses([_flat_nesting(v) for v in values])
    return [a.lower()[:MAX_ADDRESS_CHARS] for _, a in pairs if a]


def _headers(message: Message, parsed: ParsedMail) -> None:
    parsed.from_name, parsed.from_address = _address(_header(message, "From", parsed), parsed)
    parsed.reply_to = _addresses(_header(message, "Reply-To", parsed))
    to = _header(message, "To", parsed)
    parsed.to = _addresses(to, _header(message, "Cc", parsed))
    parsed.hidden_recipients = bool(_EMPTY_GROUP.fullmatch(to))
    parsed.subject = _header(message, "Subject", parsed)
    parsed.answers_a_message = any(message.get(h) for h in ("In-Reply-To", "References", "Thread-Index"))
    precedence = _header(message, "Precedence", parsed).lower()
    parsed.list_headers = bool(
        message.get("List-Id") or message.get("List-Unsubscribe") or message.get("Mailing-List")
        or message.get("List-Post") or precedence in ("list", "bulk")
    )
    parsed.unsubscribe_header = bool(message.get("List-Unsubscribe"))
    parsed.mailing_list = bool(message.get("List-Post") or message.get("Mailing-List"))
    parsed.auth_results = [str(v) for v in message.get_all("Authentication-Results") or []]
    if not parsed.from_address:
        parsed.defects.append("expéditeur absent ou illisible")


def _walk(part: Message, parsed: ParsedMail, texts: list[str], depth: int, count: list[int]) -> None:
    count[0] += 1
    _bound_parameters(part, parsed)
    if count[0] > MAX_PARTS:
        if count[0] == MAX_PARTS + 1:
            parsed.defects.append(f"plus de {MAX_PARTS} parties MIME : les suivantes sont ignorées")
        return
    if depth > MAX_DEPTH:
        parsed.defects.append(f"imbrication MIME de plus de {MAX_DEPTH} niveaux : la suite est ignorée")
        return
    if part.is_multipart():
        payload = part.get_payload()
        for sub in payload if isinstance(payload, list) else []:
            if isinstance(sub, Message):
                _walk(sub, parsed, texts, depth + 1, count)
        return
    content_type = part.get_content_type()
    filename = _filename(part)
    disposition = str(part.get("Content-Disposition") or "").lower()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        for sub in inner if isinstance(inner, list) else []:
            _walk(sub, parsed, texts, depth + 1, count)
        return
    if filename or "attachment" in disposition or not content_type.startswith("text/"):
        if content_type.startswith(("image/",)) and not filename:
            return  # inline images carry no text to analyse
        _add_attachment(parsed, filename or "(sans nom)", content_type, _payload_bytes(part, parsed))
        return
    _read_body(parsed, texts, _decode_text(part, parsed), is_html=content_type == "text/html")


MAX_PARAMETERS_HEADER = 4_000  # a real Content-Type or Content-Disposition is under 300 characters


def _bound_parameters(part: Message, parsed: ParsedMail) -> None:
    """The email package reads a parameter header in about 8 µs per character (a 1 MB « ;;; » took 25 s): cut."""
    for name in ("Content-Type", "Content-Disposition"):
        value = part.get(name)
        if isinstance(value, str) and len(value) > MAX_PARAMETERS_HEADER:
            part.replace_header(name, value[:MAX_PARAMETERS_HEADER].rsplit(";", 1)[0])
            parsed.defects.append(f"en-tête {name} de {fr.size(len(value.encode()))} : seul le début est lu")


def _read_body(parsed: ParsedMail, texts: list[str], text: str, is_html: bool) -> None:
    """The visible text and the links of one body, HTML or plain."""
    if is_html:
        text, pathological = defuse(text)
        if pathological:
            parsed.defects.append("le HTML du message ouvre des milliers de balises sans les fermer : il n'est lu qu'en partie")
        visible, links, forms, sensitive = extract_html(text)
        texts.append(visible)
        parsed.links.extend(Link(h, t) for h, t in links)
        parsed.forms += forms
        parsed.sensitive_fields += sensitive
    else:
        texts.append(text)
        parsed.links.extend(written_links(text))


# Addresses as a text writes them: with a scheme, « www.… », or a bare name ending in a usual extension
# (« netflix-aide-paiement.com », as SMS-like lures write them); not the domain of an e-mail address, not « fichier.pdf »
# nor « Mail.app »
WRITTEN_URL = re.compile(
    r"https?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"
    r"|(?<![\w@.-])[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{1,63}){0,4}"
    r"\.(?:com|fr|net|org|info|eu|io|co|online|site|xyz|top|shop|live|cc)(?![\w@-])(?:/[^\s<>\"')\]]*)?", re.I)
MAX_WRITTEN_URLS = 500


def written_links(text: str) -> list[Link]:
    """The addresses written in a plain text, each a link to itself (nothing hides behind them)."""
    found = []
    for match in WRITTEN_URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        found.append(Link(url if "://" in url else "http://" + url, url))
        if len(found) >= MAX_WRITTEN_URLS:
            break
    return found


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    if name:
        try:
            name = str(email.header.make_header(email.header.decode_header(name)))
        except Exception:
            pass
    return name.strip().replace("\x00", "")


def _payload_bytes(part: Message, parsed: ParsedMail) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception as exc:
        parsed.defects.append(f"pièce jointe illisible ({_why(exc)})")
        return b""
    return data if isinstance(data, bytes) else b""


def _decode_text(part: Message, parsed: ParsedMail) -> str:
    data = _payload_bytes(part, parsed)[: MAX_TEXT * 4]
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except (LookupError, UnicodeError):  # unknown, or not a text encoding (« idna », « punycode », « base64 »)
        parsed.defects.append(f"jeu de caractères inconnu « {charset[:40]} » : lu comme UTF-8")
        return data.decode("utf-8", errors="replace")


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook .msg files are OLE compound documents


def parse_msg(source: str | bytes) -> ParsedMail:
    """Read an Outlook .msg file (a path, or its bytes) with extract-msg; no attachment is saved or opened."""
    import extract_msg

    parsed = ParsedMail()
    try:
        msg = extract_msg.openMsg(source)
    except Exception as exc:  # extract-msg raises many types on broken files
        parsed.defects.append(f"fichier .msg illisible ({_why(exc)})")
        return parsed
    try:
        header_text = str(msg.header) if msg.header else ""
        if header_text:
            headers = email.message_from_string(header_text, policy=email.policy.compat32)
            _headers(headers, parsed)
        name, address = _address(msg.sender or "", parsed)
        parsed.from_name = parsed.from_name or name
        parsed.from_address = parsed.from_address or address
        parsed.subject = parsed.subject or (msg.subject or "")
        texts: list[str] = []
        _read_outlook_message(msg, parsed, texts, depth=0)
        _set_text(parsed, texts)
    except Exception as exc:
        parsed.defects.append(f"fichier .msg lu en partie ({_why(exc)})")
    finally:
        msg.close()
    return parsed


def _read_outlook_message(msg, parsed: ParsedMail, texts: list[str], depth: int) -> None:
    """Bodies and attachments of an Outlook message; a message attached to it (« transférer en tant que pièce
    jointe ») is read like the rest, as the .eml reader does with message/rfc822 parts."""
    _read_body(parsed, texts, msg.body or "", is_html=False)
    html = msg.htmlBody
    if html:
        _read_body(parsed, texts, html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html, is_html=True)
    for attachment in list(msg.attachments)[:MAX_PARTS]:
        data = getattr(attachment, "data", None)
        if not isinstance(data, bytes) and hasattr(data, "body"):
            if depth >= MAX_DEPTH:
                parsed.defects.append(f"imbrication de messages de plus de {MAX_DEPTH} niveaux : la suite est ignorée")
            else:
                _read_outlook_message(data, parsed, texts, depth + 1)
            continue
        _add_attachment(parsed, attachment.longFilename or attachment.shortFilename or "(sans nom)",
                        getattr(attachment, "mimetype", None) or "application/octet-stream",
                        data if isinstance(data, bytes) else b"")


def _set_text(parsed: ParsedMail, texts: list[str]) -> None:
    text = "\n".join(texts)
    if len(text) > MAX_TEXT:  # what is cut is not examined: say so, the verdict cannot be "sans danger apparent"
        parsed.defects.append(f"texte de plus de {MAX_TEXT:,} caractères : seul le début est analysé".replace(",", " "))
    parsed.text = text[:MAX_TEXT]


def _add_attachment(parsed: ParsedMail, filename: str, content_type: str, data: bytes) -> None:
    if len(data) > MAX_ATTACHMENT_BYTES:
        parsed.defects.append(f"pièce jointe « {filename} » de plus de {MAX_ATTACHMENT_BYTES // 1_000_000} Mo : "
                              "seul le début est examiné")
    parsed.attachments.append(Attachment(filename, content_type, len(data), data[:MAX_ATTACHMENT_BYTES]))
