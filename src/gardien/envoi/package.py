"""Build the encrypted copy: one PDF protected by AES-256 (PDF 2.0 encryption, revision 6) and a passphrase of common
French words, then open it again to check that it opens with the passphrase and not without.

Files that cannot become pages travel inside the PDF as attached files, behind a first page that lists them: the
PDF encryption covers them too. Chrome's and Edge's viewers do not show attached files (tested: see docs/documents.md),
so this is the second choice, said as such to the practitioner.
"""

from __future__ import annotations

import io
import math
import mimetypes
import re
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path, PurePath

from gardien import fr, spelling
from gardien.envoi.convert import Document, Kind, pages_of
from gardien.errors import GardienError
from gardien.file_kinds import is_program
from gardien.passwords import generate

# The passphrase: 5 common unaccented French words, each followed by a number from 10 to 99, lower case, nothing else:
# « lune47cheval12table88porte31ciel61 ». At most 32 characters, because the poppler tools (pdftotext…) and xpdf read
# no more than 32 characters of a password, and the PDF encryption before AES-256 used only the first 32: a longer
# passphrase would not open everywhere. Within 32 characters, words and numbers give more than 80 bits (the CNIL's
# threshold for a password alone, MDP-01), where hyphenated words alone stay near 60 (docs/documents.md).
WORDS = 5
NUMBERS = range(10, 100)  # two digits, no leading zero: « quarante-sept » is said and heard one way only
MAX_PASSPHRASE = 32
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # an e-mail rarely carries more; beyond, Gardien refuses before reading
MAX_FILES = 20
HEAVY_FOR_MAIL = 20 * 1000 * 1000  # above this, the page warns that some mailboxes may refuse the attachment
PLAIN_WORD = re.compile(r"[a-z]+")
DEFAULT_NAME = "document-chiffre.pdf"  # the copy's proposed name: nothing of the patient in it
MAX_NAME = 100


class Mode(StrEnum):
    """How the files are in the PDF."""

    PAGES = "pages"  # every file became pages: any PDF reader shows them
    ATTACHED = "pieces_jointes"  # at least one file is attached: only some readers show attachments


@dataclass(frozen=True)
class Sealed:
    """The encrypted copy, held in memory until it is written or downloaded."""

    data: bytes
    passphrase: str
    entropy_bits: float
    pages: int
    as_pages: tuple[str, ...]  # names of the files shown as pages
    attached: tuple[str, ...] = field(default_factory=tuple)  # names of the files carried as attachments

    @property
    def mode(self) -> Mode:
        return Mode.ATTACHED if self.attached else Mode.PAGES

    @property
    def size_text(self) -> str:
        return fr.size(len(self.data))

    @property
    def heavy(self) -> bool:
        return len(self.data) > HEAVY_FOR_MAIL

    @property
    def dictation(self) -> str:
        """« lune 47 – cheval 12 – … » : the passphrase cut where the voice pauses."""
        return " – ".join(f"{word} {number}" for word, number in re.findall(r"([a-z]+)(\d+)", self.passphrase))


@cache
def _words_by_length() -> dict[int, tuple[str, ...]]:
    """The passphrase words a French voice spells one way only: unaccented, and in the French dictionary (which
    leaves out the English words, brand and place names, and slang of the common-words list)."""
    french = spelling.checker("fr")
    by_length: dict[int, list[str]] = {}
    for word in generate.passphrase_words():
        if PLAIN_WORD.fullmatch(word) and word in french:
            by_length.setdefault(len(word), []).append(word)
    return {length: tuple(words) for length, words in by_length.items()}


@cache
def _sequences(count: int, letters: int) -> int:
    """How many sequences of `count` words hold at most `letters` letters in all."""
    if count == 0:
        return 1
    return sum(len(words) * _sequences(count - 1, letters - length)
               for length, words in _words_by_length().items() if length <= letters)


@cache
def _distinct_sequences(count: int, letters: int) -> int:
    """How many sequences of `count` different words hold at most `letters` letters in all: the sets of words that
    fit, counted length by length (n words of a length give comb(n, k) sets of k), in any order."""
    ways = {(0, 0): 1}  # (words chosen, letters used) -> sets of words
    for length, words in _words_by_length().items():
        for (chosen, used), sets in list(ways.items()):
            for more in range(1, count - chosen + 1):
                if used + more * length <= letters:
                    key = (chosen + more, used + more * length)
                    ways[key] = ways.get(key, 0) + sets * math.comb(len(words), more)
    return math.factorial(count) * sum(sets for (chosen, _), sets in ways.items() if chosen == count)


def dictable_passphrase() -> generate.Generated:
    """Draw uniformly among all the passphrases of the form above that fit in 32 characters and never say a word
    twice (« mont 83 – mont 73 » sounds like a mistake): each word is drawn with the weight of the ways the remaining
    words can still fit, so every sequence is equally likely, and a draw that repeats a word is drawn again, which
    keeps the distinct ones equally likely; the entropy is exactly log2(number of such passphrases)."""
    while True:
        letters = MAX_PASSPHRASE - WORDS * 2
        words, parts = [], []
        for left in range(WORDS, 0, -1):
            choices = [(word, _sequences(left - 1, letters - length))
                       for length, group in _words_by_length().items() if length <= letters for word in group]
            pick = secrets.randbelow(sum(weight for _, weight in choices))
            for candidate, weight in choices:
                if pick < weight:
                    chosen = candidate
                    break
                pick -= weight
            letters -= len(chosen)
            words.append(chosen)
            parts.append(f"{chosen}{NUMBERS[secrets.randbelow(len(NUMBERS))]}")
        if len(set(words)) == WORDS:
            break
    bits = math.log2(_distinct_sequences(WORDS, MAX_PASSPHRASE - WORDS * 2)) + WORDS * math.log2(len(NUMBERS))
    return generate.Generated("".join(parts), round(bits, 1))


def check_inputs(documents: list[Document]) -> None:
    if not documents:
        raise GardienError("Aucun fichier à envoyer : indiquez au moins un fichier.")
    if len(documents) > MAX_FILES:
        raise GardienError(f"Trop de fichiers ({len(documents)}) : {MAX_FILES} au plus par envoi.")
    total = sum(len(d.data) for d in documents)
    if total > MAX_TOTAL_BYTES:
        raise GardienError(f"Ces fichiers pèsent {fr.size(total)} : c'est trop pour un e-mail. Envoyez-les en plusieurs fois.")
    for document in documents:
        if not document.data:
            raise GardienError(f"« {document.name} » est vide : rien à envoyer.")
        if is_program(document.name, document.data):
            raise GardienError(f"« {document.name} » est un programme : Gardien ne l'envoie pas. Un programme n'a pas sa "
                               "place dans un document de patient, et un destinataire prudent ne l'ouvrirait pas. Rien "
                               "n'a été préparé.")


def sent_name(typed: str) -> str:
    """The encrypted copy's file name, as she typed it (« .pdf » added when missing), or DEFAULT_NAME when empty: the
    name stays readable by anyone, encrypted or not, so Gardien proposes a neutral one instead of the original's,
    which often holds the patient's name (walkthrough, round 15)."""
    name = " ".join(typed.split())
    if not name:
        return DEFAULT_NAME
    if any(mark in name for mark in "/\\:*?\"<>|") or name.startswith("."):
        raise GardienError(f"« {name} » ne peut pas servir de nom de fichier : écrivez un nom simple, sans / \\ : * ? "
                           f"\" < > |, par exemple « {DEFAULT_NAME} ».")
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    if len(name) > MAX_NAME:
        raise GardienError(f"« {name[:40]}… » : nom trop long ({len(name)} caractères ; {MAX_NAME} au plus).")
    return name


def seal(documents: list[Document], attach_all: bool = False) -> Sealed:
    """The encrypted PDF of these files. `attach_all` carries every file as an attachment (the recipient gets the
    original files, e.g. an editable letter), instead of turning them into pages."""
    import pikepdf

    check_inputs(documents)
    merged = pikepdf.new()
    as_pages, attached = [], []
    for document in documents:
        if attach_all or document.kind is Kind.OTHER:
            if document.kind is Kind.PDF:  # a locked PDF attached would need its own password too: said as for pages
                _refuse_locked(document)
            attached.append(document)
            continue
        part = _open(pages_of(document), document.name)
        if len(documents) == 1 and not attach_all:
            merged = part  # a single PDF keeps everything it has: bookmarks, forms, its own metadata
        else:
            merged.pages.extend(part.pages)
        as_pages.append(document.name)
    if attached:
        cover = _open(_cover_page(attached, as_pages), "page d'accueil")
        merged.pages.insert(0, cover.pages[0])
        names = _unique_names([d.name for d in attached])
        for name, document in zip(names, attached, strict=True):
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            merged.attachments[name] = pikepdf.AttachedFileSpec(merged, document.data, mime_type=mime, filename=name)
        merged.Root.PageMode = pikepdf.Name.UseAttachments  # readers that can, open the attachments panel at once
    passphrase = dictable_passphrase()
    out = io.BytesIO()
    encryption = pikepdf.Encryption(owner=secrets.token_urlsafe(32), user=passphrase.password, R=6, aes=True, metadata=True)
    merged.save(out, encryption=encryption)
    sealed = Sealed(out.getvalue(), passphrase.password, passphrase.entropy_bits, len(merged.pages), tuple(as_pages),
                    tuple(d.name for d in attached))
    verify(sealed)
    return sealed


def verify(sealed: Sealed) -> None:
    """Open the copy as a reader would: refused without the passphrase, whole with it. Gardien never hands over a
    file it has not seen locked."""
    import pikepdf

    try:
        pikepdf.open(io.BytesIO(sealed.data)).close()
    except pikepdf.PasswordError:
        pass
    else:
        raise AssertionError("the sealed PDF opened without its passphrase")
    with pikepdf.open(io.BytesIO(sealed.data), password=sealed.passphrase) as reopened:
        if reopened.encryption.R != 6 or len(reopened.pages) != sealed.pages or len(reopened.attachments) != len(sealed.attached):
            raise AssertionError("the sealed PDF is not what was built")


def _refuse_locked(document: Document) -> None:
    """GardienError when the PDF opens only with a password (any other fault is left to the reader)."""
    from gardien.file_kinds import pdf_needs_password

    if pdf_needs_password(document.data):
        _open(document.data, document.name)  # raises the message said when it becomes pages


def _open(data: bytes, name: str):
    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise GardienError(f"« {name} » est déjà protégé par un mot de passe : Gardien ne peut pas le lire. Ouvrez-le, "
                           "enregistrez une copie sans mot de passe, et recommencez avec cette copie.") from exc
    except pikepdf.PdfError as exc:
        raise GardienError(f"« {name} » est un PDF abîmé ou illisible : rien n'a été fait.") from exc


def _unique_names(names: list[str]) -> list[str]:
    """Two attachments cannot share a name: « lettre.docx », « lettre (2).docx »."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        clean = PurePath(name.replace("\\", "/")).name or "fichier"
        count = seen.get(clean.casefold(), 0) + 1
        seen[clean.casefold()] = count
        result.append(clean if count == 1 else f"{PurePath(clean).stem} ({count}){PurePath(clean).suffix}")
    return result


def _cover_page(attached: list[Document], as_pages: list[str]) -> bytes:
    """The first page: what is attached, and how to open it."""
    from reportlab.platypus import Paragraph, Spacer

    from gardien.registre.pdf import _document, _safe, _styles

    styles = _styles()
    p = lambda text, style="body": Paragraph(_safe(text), styles[style])  # noqa: E731
    story = [p("Documents joints", "title"),
             p(f"Ce PDF contient {fr.plural(len(attached), 'fichier joint', 'fichiers joints')} :", "notice_body")]
    story += [p(f"• {d.name} ({fr.size(len(d.data))})", "notice_body") for d in attached]
    story += [Spacer(1, 10), p("Pour les ouvrir : dans Firefox ou Adobe Acrobat Reader, ouvrez le panneau des pièces "
                               "jointes (l'icône en forme de trombone), puis enregistrez chaque fichier. Le lecteur intégré à "
                               "Chrome et à Edge ne montre pas les pièces jointes.", "notice_body")]
    if as_pages:
        story.append(p("Les pages suivantes reprennent : " + ", ".join(as_pages) + ".", "notice_body"))
    out = io.BytesIO()
    document, on_page = _document(out, "Documents joints", "Envoyé chiffré avec Gardien")
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


# --- Files on disk (the command line) ------------------------------------------------------------------------------


def read_inputs(paths: list[Path]) -> list[Document]:
    """Read the originals (read only: they are never opened for writing)."""
    documents, total = [], 0
    for path in paths:
        if not path.exists():
            raise GardienError(f"Fichier introuvable : {path}")
        if path.is_dir():
            from gardien.explain import not_a_file

            raise not_a_file(path, wanted="les fichiers qu'il contient, chacun par son nom")
        if not path.is_file():
            raise GardienError(f"{path} n'est pas un fichier ordinaire : indiquez les fichiers eux-mêmes.")
        total += path.stat().st_size
        if total > MAX_TOTAL_BYTES:
            raise GardienError(f"Ces fichiers pèsent plus de {fr.size(MAX_TOTAL_BYTES)} : c'est trop pour un e-mail. "
                               "Envoyez-les en plusieurs fois.")
        try:
            documents.append(Document(path.name, path.read_bytes()))
        except OSError as exc:
            raise GardienError(f"Impossible de lire {path} : {exc.strerror or exc}.") from exc
    return documents


def output_path(inputs: list[Path], wanted: Path | None) -> Path:
    """Where the copy goes: the path asked for, else next to the first file, DEFAULT_NAME (never the original's name,
    which often holds the patient's), numbered rather than replacing a file that exists."""
    if wanted is not None:
        from gardien.explain import refuse_folder

        refuse_folder(wanted, DEFAULT_NAME, "la copie chiffrée")
        if wanted.suffix.lower() != ".pdf":
            wanted = wanted.with_name(wanted.name + ".pdf")
            refuse_folder(wanted, DEFAULT_NAME)
        if any(wanted.resolve() == p.resolve() for p in inputs):
            raise GardienError("Le fichier chiffré ne peut pas remplacer l'original : choisissez un autre nom.")
        if wanted.exists():
            raise GardienError(f"{wanted} existe déjà : Gardien ne remplace aucun fichier. Choisissez un autre nom.")
        return wanted
    folder = inputs[0].resolve().parent
    stem = PurePath(DEFAULT_NAME).stem
    candidate, number = folder / DEFAULT_NAME, 2
    while candidate.exists():
        candidate, number = folder / f"{stem}-{number}.pdf", number + 1
    return candidate


def write_new(path: Path, data: bytes, what: str) -> None:
    """Create the file; never replace one (another program may have created it in the meantime). `what`: what it
    is, in her words (« la copie chiffrée »), said if it cannot be written."""
    if path.is_dir():  # « existe déjà » would not say what is wrong
        from gardien.explain import not_a_file

        raise not_a_file(path, wanted="un nom de fichier")
    try:
        with path.open("xb") as handle:
            handle.write(data)
    except FileExistsError as exc:
        raise GardienError(f"{path} existe déjà : Gardien ne remplace aucun fichier. Recommencez.") from exc
    except OSError as exc:
        from gardien.explain import write_failure

        raise write_failure(path, exc, what) from exc
