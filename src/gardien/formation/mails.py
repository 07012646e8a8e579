"""The messages of « Repérez le piège »: the ones Gardien wrote for the exercise (courriels.fr.toml), and samples read
in place from folders of real messages a trainer points Gardien at (never copied, never kept).

A message is shown as zones the learner may click: the sender, the reply address, the subject, each paragraph, each
link, each attachment. Links are never live: Gardien shows their text and, on demand, where they really lead.
Nothing of a message is ever rendered as HTML: real messages are read through the mail analyser's text extraction.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import os
import re
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from gardien.core.model import Source
from gardien.core.registry import MetadataError
from gardien.errors import GardienError

FOLDERS_VARIABLE = "GARDIEN_FORMATION_COURRIELS"  # folders of real messages for the exercise, os.pathsep-separated
MAX_FILE_BYTES = 2_000_000
MAX_PARAGRAPHS, MAX_PARAGRAPH_CHARS, MAX_TEXT_CHARS = 14, 700, 3500
MAX_LINKS, MAX_ATTACHMENTS = 8, 6
MAX_FOLDER_FILES = 20_000
PRACTICE_MAILBOX = "mx.cabinet-des-tilleuls.fr"
# How a text-only sample is wrapped for the analyser: a neutral sender, as the corpus README measures it
NEUTRAL_SENDER, NEUTRAL_SUBJECT = "Service <contact@exemple-expediteur.fr>", "Message"
_LINK_MARK = re.compile(r"\{(lien\d+)\}")
_ZONE = re.compile(r"expediteur|repondre_a|destinataire|objet|p\d+|lien\d+|pj\d+")


class Origin(StrEnum):
    WRITTEN = "ecrit"  # written by Gardien for the exercise
    FOLDER = "dossier"  # a real message read from a folder


class ClueOrigin(StrEnum):
    EXERCISE = "exercice"  # written with the message
    ANALYSER = "analyseur"  # found by Gardien's mail analyser


@dataclass(frozen=True)
class Piece:
    text: str
    link: str | None = None  # zone id of the link shown here


@dataclass(frozen=True)
class Paragraph:
    zone: str
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def clickable(self) -> bool:
        """A paragraph that is only a link is clicked through its link."""
        return any(p.link is None and p.text.strip() for p in self.pieces)


@dataclass(frozen=True)
class Link:
    zone: str
    text: str
    target: str

    @property
    def host(self) -> str:
        try:
            return (urlsplit(self.target).hostname or "").lower()
        except ValueError:
            return ""


@dataclass(frozen=True)
class Attachment:
    zone: str
    name: str
    inside: str = ""  # for an archive: the file it holds


@dataclass(frozen=True)
class Clue:
    zones: frozenset[str]  # found when the learner clicked any of them
    text: str
    origin: ClueOrigin
    sources: tuple[Source, ...] = ()
    weak: bool = False  # an analyser finding of everyday words: counted on real messages only


@dataclass(frozen=True)
class ExerciseMail:
    id: str
    origin: Origin
    trap: bool
    from_name: str
    from_address: str
    reply_to: str
    to: str
    date: str
    subject: str
    paragraphs: tuple[Paragraph, ...]
    links: tuple[Link, ...]
    attachments: tuple[Attachment, ...]
    clues: tuple[Clue, ...]  # written with the message (none for a folder sample)
    lesson: str
    raw: bytes  # what the analyser reads
    path: str = ""  # folder samples: where the file is
    cut: bool = False  # folder samples: the text was shortened for display

    @property
    def placed_links(self) -> set[str]:
        return {p.link for para in self.paragraphs for p in para.pieces if p.link}

    @property
    def loose_links(self) -> tuple[Link, ...]:
        """Links no paragraph places, shown in a list under the text."""
        return tuple(link for link in self.links if link.zone not in self.placed_links)

    def zones(self) -> dict[str, str]:
        """Every clickable zone -> its French name."""
        found: dict[str, str] = {}
        if self.from_address or self.from_name:
            found["expediteur"] = "L'expéditeur"
        if self.reply_to:
            found["repondre_a"] = "L'adresse de réponse"
        if self.subject:
            found["objet"] = "L'objet"
        for paragraph in self.paragraphs:
            if paragraph.clickable:
                found[paragraph.zone] = f"Le passage « {_opening(paragraph.text)} »"
        for link in self.links:
            found[link.zone] = f"Le lien « {link.text} »"
        for attachment in self.attachments:
            found[attachment.zone] = f"La pièce jointe « {attachment.name} »"
        return found


def _opening(text: str, words: int = 6) -> str:
    """The first words of a passage, to name it: « Sans confirmation de votre part sous… »."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# --- Messages written for the exercise --------------------------------------------------------------

def _pieces(text: str, links: dict[str, Link]) -> tuple[Piece, ...]:
    pieces, position = [], 0
    for mark in _LINK_MARK.finditer(text):
        if mark.start() > position:
            pieces.append(Piece(text[position:mark.start()]))
        pieces.append(Piece(links[mark.group(1)].text, mark.group(1)))
        position = mark.end()
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return tuple(pieces)


def _stub(kind: str, inside: str = "") -> tuple[bytes, str, str]:
    """A hand-made attachment of the given kind (content, maintype, subtype): enough for the analyser to see what a
    real one would be, never a working document or program."""
    if kind == "pdf":
        return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "application", "pdf"
    if kind == "programme":
        return b"MZ\x90\x00" + bytes(60) + b"This program cannot be run in DOS mode.", "application", "octet-stream"
    if kind == "html":
        page = ('<html><body><p>Connectez-vous pour afficher le document.</p><form action="https://connexion-docs.'
                'verif-compte.com/p.php" method="post"><input name="e"><input type="password" name="p"></form></body></html>')
        return page.encode(), "text", "html"
    if kind not in ("docm", "zip"):
        raise MetadataError(f"formation : genre de pièce jointe inconnu {kind!r}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "docm":  # the parts of a Word document, without the macros themselves
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                             'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document '
                             'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        else:
            archive.writestr(inside or "document.pdf", _stub("programme" if inside.endswith(".exe") else "pdf")[0])
    if kind == "docm":
        return buffer.getvalue(), "application", "vnd.ms-word.document.macroEnabled.12"
    return buffer.getvalue(), "application", "zip"


def _written_raw(raw: dict, paragraphs: tuple[Paragraph, ...], links: dict[str, Link]) -> bytes:
    """The hand-written message as the RFC 822 bytes a mailbox would hold, for the analyser."""
    domain = raw["de"].rsplit("@", 1)[-1].rstrip(">")
    message = EmailMessage()
    message["From"] = raw["de"]
    message["To"] = raw["a"]
    if raw.get("repondre_a"):
        message["Reply-To"] = raw["repondre_a"]
    message["Subject"] = raw["objet"]
    message["Date"] = email.utils.format_datetime(datetime.fromisoformat(raw["date"]))
    message["Message-ID"] = f"<{hashlib.sha256(raw['id'].encode()).hexdigest()[:16]}@{domain}>"
    # hand-written: senders that own their (look-alike) domain pass these checks, as real ones do
    message["Authentication-Results"] = (f"{PRACTICE_MAILBOX}; spf=pass smtp.mailfrom={domain}; dkim=pass "
                                         f"header.d={domain}; dmarc=pass header.from={domain}")

    def plain(paragraph: Paragraph) -> str:
        return "".join(f"{p.text} <{links[p.link].target}>" if p.link else p.text for p in paragraph.pieces)

    def html(paragraph: Paragraph) -> str:
        from html import escape

        inner = "".join(f'<a href="{escape(links[p.link].target)}">{escape(p.text)}</a>' if p.link else
                        escape(p.text).replace("\n", "<br>") for p in paragraph.pieces)
        return f"<p>{inner}</p>"

    message.set_content("\n\n".join(plain(p) for p in paragraphs))
    message.add_alternative("<html><body>" + "".join(html(p) for p in paragraphs) + "</body></html>", subtype="html")
    for attachment in raw.get("pieces_jointes", []):
        data, main, sub = _stub(attachment["genre"], attachment.get("contient", ""))
        message.add_attachment(data, maintype=main, subtype=sub, filename=attachment["nom"])
    return message.as_bytes()


def _written(raw: dict, sources: dict[str, Source]) -> ExerciseMail:
    from gardien.formation.content import french_spacing

    key = raw.get("id", "?")
    links = {f"lien{n}": Link(f"lien{n}", item["texte"], item["cible"]) for n, item in enumerate(raw.get("liens", []), 1)}
    paragraphs = tuple(Paragraph(f"p{n}", _pieces(text, links)) for n, text in enumerate(raw["paragraphes"], 1))
    attachments = tuple(Attachment(f"pj{n}", item["nom"], item.get("contient", ""))
                        for n, item in enumerate(raw.get("pieces_jointes", []), 1))
    clues = []
    for item in raw.get("indices", []):
        unknown = [s for s in item.get("sources", []) if s not in sources]
        if unknown or not item.get("sources") or not item.get("texte") or not item.get("zones"):
            raise MetadataError(f"formation, courriel {key} : indice incomplet ou sources inconnues {unknown}")
        clues.append(Clue(frozenset(item["zones"]), french_spacing(item["texte"]), ClueOrigin.EXERCISE,
                          tuple(sources[s] for s in item["sources"])))
    name, address = email.utils.parseaddr(raw["de"])
    mail = ExerciseMail(key, Origin.WRITTEN, bool(raw["piege"]), name, address, raw.get("repondre_a", ""), raw["a"],
                        raw["date"], raw["objet"], paragraphs, tuple(links.values()), attachments, tuple(clues),
                        french_spacing(raw.get("lecon", "")), _written_raw(raw, paragraphs, links))
    known = mail.zones()
    wrong = sorted({z for c in clues for z in c.zones} - set(known)) + [m for p in raw["paragraphes"]
                                                                        for m in _LINK_MARK.findall(p) if m not in links]
    if wrong or not mail.lesson or (mail.trap and not clues) or (not mail.trap and clues):
        raise MetadataError(f"formation, courriel {key} : zones inconnues {wrong}, leçon absente ou indices incohérents")
    return mail


@cache
def written() -> tuple[ExerciseMail, ...]:
    """Every message Gardien wrote for the exercise, validated."""
    from gardien.formation.content import known_sources

    raw = tomllib.loads(resources.files("gardien.formation").joinpath("courriels.fr.toml").read_text(encoding="utf-8"))
    mails = tuple(_written(item, known_sources()) for item in raw["courriels"])
    ids = [m.id for m in mails]
    if len(set(ids)) != len(ids):
        raise MetadataError("formation : identifiants de courriels en double")
    return mails


def written_by_id(mail_id: str) -> ExerciseMail:
    for mail in written():
        if mail.id == mail_id:
            return mail
    raise GardienError("Ce message d'exercice n'existe plus : recommencez l'exercice.")


# --- Real messages read in place from folders -------------------------------------------------------

def configured_folders(extra: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """The folders of real messages: those given (command line) and those of GARDIEN_FORMATION_COURRIELS."""
    listed = [Path(p) for p in os.environ.get(FOLDERS_VARIABLE, "").split(os.pathsep) if p.strip()]
    return tuple(p for p in (*extra, *listed) if p.is_dir())


def candidates(folders: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if len(found) >= MAX_FOLDER_FILES:
                return found
            if path.suffix.lower() in (".eml", ".txt") and path.name.lower() != "readme.txt" and path.is_file():
                found.append(path)
    return found


_FRENCH = {"le", "la", "les", "des", "vous", "votre", "vos", "est", "pour", "et", "une", "sur", "dans", "pas", "nous",
           "avec", "du", "au", "aux", "ce", "cette", "être", "sont", "afin", "merci", "compte"}
_ENGLISH = {"the", "and", "you", "your", "for", "is", "to", "of", "with", "this", "that", "please", "are", "our", "will"}


MIN_WORDS = 12  # shorter texts are no exercise


def looks_french(text: str) -> bool:
    """Enough French function words, and far more than English ones: the pages speak French only."""
    words = re.findall(r"[a-zàâäçéèêëîïôöùûüÿœ]+", text.lower())[:600]
    french, english = sum(w in _FRENCH for w in words), sum(w in _ENGLISH for w in words)
    return len(words) >= MIN_WORDS and french >= max(3, 0.08 * len(words)) and french > 2 * english


def _paragraphs_of(text: str) -> tuple[tuple[str, ...], bool]:
    text = text.replace("\r\n", "\n").strip()
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) <= 1:
        blocks = [b for b in text.split("\n") if b.strip()]
    kept, total, cut = [], 0, False
    for block in blocks:
        block = "\n".join(line.strip() for line in block.strip().splitlines() if line.strip())
        if len(block) > MAX_PARAGRAPH_CHARS:
            block, cut = block[:MAX_PARAGRAPH_CHARS].rsplit(" ", 1)[0] + " […]", True
        if len(kept) >= MAX_PARAGRAPHS or total + len(block) > MAX_TEXT_CHARS:
            return tuple(kept), True
        kept.append(block)
        total += len(block)
    return tuple(kept), cut


def folder_id(path: Path) -> str:
    return "dossier:" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]


def folder_mail(path: Path) -> ExerciseMail | None:
    """A real message from a folder, or None when it cannot be read or is not in French."""
    from gardien.mail.message import parse_bytes

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES)
    except OSError:
        return None
    if path.suffix.lower() == ".txt":  # words only: wrapped like the corpus measurement wraps them
        text = data.decode("utf-8", errors="replace")
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = NEUTRAL_SENDER, "accueil@cabinet-des-tilleuls.fr", NEUTRAL_SUBJECT
        message.set_content(text)
        data, name, address, reply, to, subject, links, attachments = message.as_bytes(), "", "", "", "", "", [], []
    else:
        parsed = parse_bytes(data)
        text, name, address, subject = parsed.text, parsed.from_name, parsed.from_address, parsed.subject
        reply = ", ".join(a for a in parsed.reply_to if a != parsed.from_address)
        to = ", ".join(parsed.to[:3])
        links = [(link.text.strip() or f"Lien {n}", link.href) for n, link in enumerate(parsed.links[:MAX_LINKS], 1)]
        attachments = [a.filename or "(sans nom)" for a in parsed.attachments[:MAX_ATTACHMENTS]]
    if not looks_french(f"{subject}\n{text}"):
        return None
    blocks, cut = _paragraphs_of(text)
    if not blocks:
        return None
    paragraphs = tuple(Paragraph(f"p{n}", (Piece(block),)) for n, block in enumerate(blocks, 1))
    return ExerciseMail(folder_id(path), Origin.FOLDER, True, name, address, reply, to, "", subject, paragraphs,
                        tuple(Link(f"lien{n}", t[:200], h[:2000]) for n, (t, h) in enumerate(links, 1)),
                        tuple(Attachment(f"pj{n}", a[:200]) for n, a in enumerate(attachments, 1)), (),
                        "Un vrai message piégé : les indices sont ceux que l'analyseur de Gardien y a trouvés.", data,
                        str(path), cut)


def folder_mail_at(stored: str, folders: tuple[Path, ...]) -> ExerciseMail:
    """A folder sample recorded in a round, re-read only if it still lies inside a configured folder."""
    path = Path(stored)
    try:
        inside = any(path.resolve().is_relative_to(f.resolve()) for f in folders)
    except OSError:
        inside = False
    mail = folder_mail(path) if inside else None
    if mail is None:
        raise GardienError("Ce message réel n'est plus disponible (son dossier n'est plus indiqué à Gardien) : "
                           "recommencez l'exercice.")
    return mail


def valid_zone(zone: str) -> bool:
    return bool(_ZONE.fullmatch(zone))
