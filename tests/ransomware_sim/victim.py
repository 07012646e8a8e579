"""A seeded victim tree: the folders of a small practice, filled with real documents (Word, LibreOffice, Excel, PDF,
JPEG and PNG photos, text, CSV, RTF) made by the libraries that write those formats. Names are invented (seeded);
nothing comes from a real patient.

The tree carries a marker file: the simulator refuses to touch a folder without it.
"""

from __future__ import annotations

import io
import random
from functools import cache
from pathlib import Path

MARKER = ".victime-simulateur-gardien"
SURNAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
            "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard")
FIRST = ("Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Sarah", "Julie", "Lucie", "Zoé", "Anaïs")
WORDS = ("grossesse", "suivi", "échographie", "rééducation", "périnéale", "consultation", "préparation", "naissance",
         "allaitement", "tension", "poids", "semaines", "aménorrhée", "bilan", "ordonnance", "séance", "examen", "courrier",
         "docteur", "patiente", "rendez-vous", "résultats", "normal", "contrôle", "vaccination", "conseils", "douleurs")
VARIANTS_PER_KIND = 6


def _sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 6))) for _ in range(count)]


def _docx(rng: random.Random) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(f"Compte rendu — {rng.choice(FIRST)} {rng.choice(SURNAMES)}", 1)
    for paragraph in _paragraphs(rng, rng.randint(3, 12)):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(rng: random.Random) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Patiente", "Acte", "Montant"])
    for _row in range(rng.randint(20, 120)):
        sheet.append([f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(SURNAMES), rng.choice(WORDS),
                      round(rng.uniform(20, 80), 2)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _odt(rng: random.Random) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in _paragraphs(rng, rng.randint(3, 10)):
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _pdf(rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for _page in range(rng.randint(1, 3)):
        page.setFont("Helvetica", 11)
        for line in range(rng.randint(15, 40)):
            page.drawString(50, 800 - 18 * line, _sentence(rng, 10))
        page.showPage()
    page.save()
    return buffer.getvalue()


def _image(rng: random.Random, kind: str) -> bytes:
    from PIL import Image

    width, height = rng.randint(320, 900), rng.randint(240, 700)
    image = Image.new("RGB", (width, height))
    base = [rng.randint(0, 255) for _ in range(3)]
    pixels = [
        tuple((base[c] + (x * (c + 1) + y * (3 - c)) // 3 + rng.randint(0, 24)) % 256 for c in range(3))
        for y in range(height) for x in range(width)
    ]
    image.putdata(pixels)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG" if kind == "jpg" else "PNG", quality=85)
    return buffer.getvalue()


def _text(rng: random.Random) -> bytes:
    return "\n\n".join(_paragraphs(rng, rng.randint(2, 15))).encode("utf-8")


def _csv(rng: random.Random) -> bytes:
    lines = ["nom;prenom;date;acte"] + [
        f"{rng.choice(SURNAMES)};{rng.choice(FIRST)};{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025;{rng.choice(WORDS)}"
        for _ in range(rng.randint(10, 300))
    ]
    return "\n".join(lines).encode("utf-8")


def _rtf(rng: random.Random) -> bytes:
    body = "\\par ".join(_paragraphs(rng, rng.randint(2, 6))).encode("ascii", "replace").decode()
    return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0\\fs24 " + body + "}").encode("ascii")


MAKERS = {"docx": _docx, "xlsx": _xlsx, "odt": _odt, "pdf": _pdf, "jpg": lambda r: _image(r, "jpg"),
          "png": lambda r: _image(r, "png"), "txt": _text, "csv": _csv, "rtf": _rtf}


@cache
def library() -> dict[str, tuple[bytes, ...]]:
    """A few real documents of each kind, made once per process (the slow part), then reused by every tree."""
    rng = random.Random(20261122)
    return {kind: tuple(make(rng) for _ in range(VARIANTS_PER_KIND)) for kind, make in MAKERS.items()}


# (folder pattern, kinds, how many) — the layout of a small practice's documents
LAYOUT = (
    ("Patients/{patient}", ("docx", "pdf", "jpg", "txt"), 3),
    ("Comptabilite/2025", ("xlsx", "csv", "pdf"), 10),
    ("Courriers", ("docx", "odt", "pdf", "rtf"), 14),
    ("Photos/2025-06", ("jpg", "png"), 12),
    ("Modeles", ("odt", "docx", "txt"), 6),
    ("", ("txt", "pdf", "docx"), 5),
)


def build_tree(root: Path, seed: int, patients: int = 14) -> list[Path]:
    """Fill `root` (created) with a seeded practice tree; returns the documents written."""
    rng = random.Random(seed)
    docs = library()
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("Dossier de test du simulateur de Gardien : rien de réel ici.\n", encoding="utf-8")
    written: list[Path] = []
    for pattern, kinds, count in LAYOUT:
        folders = ([pattern.format(patient=f"{rng.choice(SURNAMES).upper()} {rng.choice(FIRST)}") for _ in range(patients)]
                   if "{patient}" in pattern else [pattern])
        for folder in folders:
            target = root / folder
            target.mkdir(parents=True, exist_ok=True)
            for number in range(count):
                kind = rng.choice(kinds)
                name = f"{rng.choice(WORDS)}-{2025 - rng.randint(0, 3)}-{number:02d}.{kind}"
                path = target / name
                if path.exists():
                    continue
                content = rng.choice(docs[kind])
                path.write_bytes(content + (b"" if kind in ("docx", "xlsx", "odt", "pdf", "jpg", "png") else
                                            _text(rng)[: rng.randint(0, 400)]))
                written.append(path)
    return written
