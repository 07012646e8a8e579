"""Attachments: dangerous types, double extensions, type vs content, archives listed (never extracted),
Office macros and external relationships (oletools), PDF with JavaScript or launch actions.

Nothing is written to disk, opened, run or rendered. Archives are only listed; an Office file's small
relationship parts are read with a size cap, as oletools does for its own analysis.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
import zipfile

from gardien.file_kinds import PROGRAM_SUFFIXES, ending
from gardien.fr import plural
from gardien.mail.message import Attachment
from gardien.mail.signals import CRITICAL, MEDIUM, STRONG, WEAK, Signal

EXECUTABLE = {
    "exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta", "lnk", "iso", "img",
    "vhd", "vhdx", "ps1", "psm1", "msi", "msp", "jar", "cpl", "reg", "chm", "one", "xll", "appx", "msix",
    "application", "gadget", "scf", "inf", "dll", "sys", "apk", "dmg", "pkg", "app", "sh", "py", "url",
} | {suffix.removeprefix(".") for suffix in PROGRAM_SUFFIXES}  # and every ending the encrypted sending refuses
WEB_PAGES = {"html", "htm", "shtml", "xhtml", "svg", "mht", "mhtml"}
ARCHIVES = {"zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "cab", "arj", "ace", "lzh", "z"}
DOCUMENT_DISGUISES = {"pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "txt", "odt"}
OFFICE = {"doc", "docm", "docx", "dot", "dotm", "xls", "xlsm", "xlsx", "xlsb", "xla", "xlam", "ppt", "pptm", "pptx", "rtf"}
MAX_LISTED = 1000
MAX_RELS_BYTES = 1_000_000
MAGIC = {b"MZ": "programme Windows", b"PK\x03\x04": "archive ZIP", b"%PDF": "PDF", b"\xd0\xcf\x11\xe0": "document Office ancien",
         b"Rar!": "archive RAR", b"7z\xbc\xaf": "archive 7-Zip", b"\x7fELF": "programme Linux"}


def _extension(name: str) -> str:
    return ending(name)


def _looks_random(word: str) -> bool:
    """Lower case, capitals and digits shuffled (« KyzB5otrM9nvM7 », « sSZt7uix »), not a name made of words
    (« Rapport2023Final », « ScanDoc12 »): the shorter the name, the more shuffled it must be."""
    if len(word) < 8 or not (re.search(r"[a-z]", word) and re.search(r"[A-Z]", word) and re.search(r"\d", word)):
        return False
    classes = ["a" if c.islower() else "A" if c.isupper() else "0" for c in word]
    switches = sum(a != b for a, b in itertools.pairwise(classes))
    return switches >= len(word) / (3 if len(word) >= 10 else 2)


def _magic(data: bytes) -> str | None:
    return next((label for prefix, label in MAGIC.items() if data.startswith(prefix)), None)


def by_name(name: str, content_type: str = "") -> list[Signal]:
    """What the file's name alone shows: a program, a web page, a disguised extension, a random name. Also what a
    pasted text's « Pièce jointe : Facture.pdf.html » line is judged on (no content there)."""
    ext = _extension(name)
    found: list[Signal] = []
    parts = [p.lower().strip() for p in name.rstrip(" .").split(".")[1:]]
    if ext in EXECUTABLE:
        found.append(Signal("pieces_jointes.programme", CRITICAL,
                            f"La pièce jointe « {name} » est un programme ou un script : l'ouvrir pourrait installer un logiciel malveillant.",
                            f"extension .{ext}, type déclaré {content_type or 'inconnu'}"))
    elif ext in WEB_PAGES:
        found.append(Signal("pieces_jointes.page_web", STRONG,
                            f"La pièce jointe « {name} » est une page web : c'est souvent une fausse page de connexion.",
                            f"extension .{ext}"))
    if len(parts) >= 2 and parts[-2] in DOCUMENT_DISGUISES and (ext in EXECUTABLE | WEB_PAGES | ARCHIVES):
        found.append(Signal("pieces_jointes.double_extension", STRONG,
                            f"Le nom « {name} » se fait passer pour un .{parts[-2]} mais c'est un .{ext}.", name))
    if re.search(r"\s{5,}\.\w+$", name) or "\u202e" in name:
        found.append(Signal("pieces_jointes.nom_trompeur", STRONG,
                            f"Le nom de la pièce jointe « {name.strip()} » cache sa vraie extension.", repr(name)))
    if ext in DOCUMENT_DISGUISES | ARCHIVES and any(_looks_random(part) for part in re.split(r"[\s_.()\[\]-]+", name)):
        found.append(Signal("pieces_jointes.nom_aleatoire", WEAK,
                            f"La pièce jointe s'appelle « {name} », une suite de caractères au hasard : un vrai document porte un "
                            "nom qui dit ce qu'il contient, celui-ci change à chaque envoi pour déjouer les filtres.", name))
    return found


def analyse(attachment: Attachment) -> list[Signal]:
    name = attachment.filename
    ext = _extension(name)
    found = by_name(name, attachment.content_type)
    magic = _magic(attachment.data)
    if magic == "programme Windows" and ext not in EXECUTABLE:
        found.append(Signal("pieces_jointes.contenu_deguise", CRITICAL,
                            f"La pièce jointe « {name} » est en réalité un programme Windows déguisé.", f"signature MZ, extension .{ext}"))
    elif magic and ext in DOCUMENT_DISGUISES and magic not in ("PDF", "archive ZIP", "document Office ancien"):
        found.append(Signal("pieces_jointes.contenu_different", MEDIUM,
                            f"Le contenu de « {name} » ne correspond pas à son extension ({magic}).", f"extension .{ext}"))
    if magic == "archive ZIP" and ext not in OFFICE | {"odt", "ods", "odp", "epub", "jar", "apk", "appx", "msix"}:
        found.extend(_zip(name, attachment.data))
    elif magic in ("archive RAR", "archive 7-Zip") or ext in {"rar", "7z", "ace", "arj"}:
        found.append(Signal("pieces_jointes.archive_opaque", MEDIUM,
                            f"La pièce jointe « {name} » est une archive ({magic or ext}) dont Gardien ne peut pas lister le contenu sans l'ouvrir.",
                            f"type {magic or ext}"))
    if ext in OFFICE or magic == "document Office ancien":
        found.extend(_office(name, attachment.data))
    if magic == "PDF" or ext == "pdf":
        found.extend(_pdf(name, attachment.data))
    return found


def _zip(name: str, data: bytes) -> list[Signal]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()[:MAX_LISTED]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return [Signal("pieces_jointes.archive_abimee", MEDIUM,
                       f"L'archive « {name} » est abîmée ou trompeuse : Gardien n'a pas pu la lister.", "ZIP illisible")]
    found = []
    if any(e.flag_bits & 0x1 for e in entries):
        found.append(Signal("pieces_jointes.archive_protegee", STRONG,
                            f"L'archive « {name} » est protégée par un mot de passe donné dans le message : une ruse pour échapper aux antivirus.",
                            "entrée chiffrée (ZIP)"))
    names = [e.filename for e in entries]
    risky = [n for n in names if _extension(n) in EXECUTABLE | WEB_PAGES]
    if risky:
        found.append(Signal("pieces_jointes.archive_programme", CRITICAL,
                            f"L'archive « {name} » contient un programme ou une page web : {', '.join(risky[:3])}.",
                            f"{plural(len(names), 'entrée listée', 'entrées listées')} sans extraction"))
    nested = [n for n in names if _extension(n) in ARCHIVES]
    if nested:
        found.append(Signal("pieces_jointes.archive_imbriquee", MEDIUM,
                            f"L'archive « {name} » contient une autre archive ({', '.join(nested[:3])}) : une façon de cacher son contenu.",
                            "archive imbriquée"))
    return found


def _office(name: str, data: bytes) -> list[Signal]:
    found = []
    try:
        with warnings.catch_warnings():  # oletools emits deprecation warnings of its own dependencies
            warnings.simplefilter("ignore")
            from oletools.olevba import VBA_Parser

            parser = VBA_Parser(name, data=data)
            try:
                if parser.detect_vba_macros():
                    auto = any(kind == "AutoExec" for kind, *_ in parser.analyze_macros())
                    found.append(Signal("pieces_jointes.macros", CRITICAL if auto else STRONG,
                                        f"Le document « {name} » contient des macros" + (" qui se lancent à l'ouverture" if auto else "")
                                        + " : n'activez jamais le contenu d'un document reçu par e-mail.",
                                        "macros VBA détectées par oletools" + (" (AutoExec)" if auto else "")))
            finally:
                parser.close()
    except Exception:  # a document oletools cannot read is often malformed on purpose: say so
        found.append(Signal("pieces_jointes.document_illisible", MEDIUM,
                            f"Gardien n'a pas pu examiner le document « {name} » : ne l'ouvrez pas sans être sûr de son origine.",
                            "oletools ne sait pas le lire"))
    found.extend(_external_relationships(name, data))
    return found


def _external_relationships(name: str, data: bytes) -> list[Signal]:
    if not data.startswith(b"PK\x03\x04"):
        return []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        rels = [e for e in archive.infolist() if e.filename.endswith(".rels") and e.file_size <= MAX_RELS_BYTES][:50]
        external = []
        for entry in rels:
            text = archive.read(entry).decode("utf-8", errors="replace")
            for target in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', text):
                if re.search(r"(attachedTemplate|oleObject|frame|subDocument)", text) and target.lower().startswith(("http", "\\\\", "file")):
                    external.append(target)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, KeyError):
        return []
    if not external:
        return []
    return [Signal("pieces_jointes.modele_distant", STRONG,
                   f"Le document « {name} » va chercher un modèle ou un objet sur Internet à l'ouverture : technique connue pour installer un programme.",
                   f"relation externe : {external[0][:150]}")]


_PDF_NAME = re.compile(rb"/([A-Za-z#0-9]+)")
_PDF_URI = re.compile(rb"/URI\s*\(([^)]{4,2000})\)")


def pdf_links(attachment: Attachment) -> list[str]:
    """Web addresses a PDF attachment links to (/URI actions), read from its bytes without opening it."""
    if not attachment.data.startswith(b"%PDF") and _extension(attachment.filename) != "pdf":
        return []
    uris = [m.decode("latin-1").strip() for m in _PDF_URI.findall(attachment.data[:20_000_000])]
    return [u for u in uris if u.lower().startswith(("http://", "https://"))][:50]


def _pdf(name: str, data: bytes) -> list[Signal]:
    names = set()
    for raw in _PDF_NAME.findall(data[:20_000_000]):
        decoded = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)  # /J#61vaScript
        names.add(decoded.decode("latin-1"))
    found = []
    active = sorted(names & {"JavaScript", "JS", "Launch"})
    if active:
        found.append(Signal("pieces_jointes.pdf_actif", STRONG,
                            f"Le PDF « {name} » contient du code ou une commande qui s'exécute à l'ouverture.",
                            "/" + ", /".join(active)))
    if "EmbeddedFile" in names:
        found.append(Signal("pieces_jointes.pdf_fichier_cache", MEDIUM,
                            f"Le PDF « {name} » transporte un autre fichier caché à l'intérieur.", "/EmbeddedFile"))
    return found
