"""The mail corpora of ../shared/corpus/mail, each split once into a tuning half and a control half.

The split is fixed by the file name alone (lowest bit of the first byte of its SHA-256, even: tuning; the second
byte for phishing-fr-text, see half()), so that anyone can redo it. Rules and fitted weights are tuned on the tuning halves only; of the control halves
only aggregate figures are printed (bench/mail.py), never a message.

Sets:
- `phishing`: 1,000 real phishing and scam messages (phishing_pot);
- `ham`: 1,150 legitimate messages of 2002 (SpamAssassin easy_ham);
- `ham-modern`: 1,169 legitimate messages of 2015–2026, category from the file name (newsletter, government,
  transactional, personal, list);
- `phishing-fr-text`: 85 texts of French phishing e-mails, words only; each becomes the plain-text body of a message
  from a neutral sender, as the corpus README says, so that only the words can be judged.

Beside them, Gardien's own hand-written French set (tests/data/mail_fr, hand_written()): French lures (`fr-leurre`)
and honest French texts on the same topics (`fr-honnete`), wrapped the same way. Its development part counts as a
tuning half; its held-out part (every third text) as a control half, measured only at the end.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the texts written for the tests by someone who did not know the rules are reported apart and not fitted on
BLIND = ("fr-aveugle-leurre", "fr-aveugle-honnete")
HAND_WRITTEN = ("fr-leurre", "fr-honnete", *BLIND)
CORPUS = ROOT.parent / "shared" / "corpus" / "mail"
TUNING, CONTROL = "mise au point", "contrôle"
LEGITIMATE = ("ham", "ham-modern", "fr-honnete", "fr-aveugle-honnete")
NEUTRAL_SENDER = "Service <contact@exemple-expediteur.fr>"


def half(name: str, corpus: str = "") -> str:
    """The fixed split: a file belongs to the same half in every run and every script. phishing-fr-text was itself
    cut from its source by the first byte (all its files have it even), so its halves follow the second byte."""
    byte = 1 if corpus == "phishing-fr-text" else 0
    return TUNING if hashlib.sha256(name.encode()).digest()[byte] % 2 == 0 else CONTROL


@dataclass(frozen=True)
class Item:
    path: Path
    corpus: str  # phishing, ham, ham-modern, phishing-fr-text
    category: str  # the ham-modern category, else the corpus name

    @property
    def half(self) -> str:
        return half(self.path.name, self.corpus)

    @property
    def phishing(self) -> bool:
        return self.corpus not in LEGITIMATE

    def raw(self) -> bytes:
        if self.corpus == "phishing-fr-text":
            return wrap_text(self.path.read_text(encoding="utf-8"))
        return self.path.read_bytes()

    def text(self) -> str:
        """The words only (phishing-fr-text), as a practitioner would paste them."""
        return self.path.read_text(encoding="utf-8")


def wrap_text(text: str) -> bytes:
    message = EmailMessage()
    message["From"] = NEUTRAL_SENDER
    message["To"] = "vous@exemple.fr"
    message["Subject"] = "Message"
    message.set_content(text)
    return message.as_bytes()


@dataclass(frozen=True)
class HandWritten(Item):
    """A text of Gardien's hand-written French set: no file of its own, its half fixed by its position."""

    body: str = ""
    held_out: bool = False
    family: str = ""

    @property
    def half(self) -> str:
        return CONTROL if self.held_out else TUNING

    def raw(self) -> bytes:
        return wrap_text(self.body)

    def text(self) -> str:
        return self.body


def hand_written() -> dict[str, list[Item]]:
    sys.path.insert(0, str(ROOT / "tests"))
    import mail_fr_dev

    sets: dict[str, list[Item]] = {name: [] for name in HAND_WRITTEN}
    for t in mail_fr_dev.load():
        corpus = ("fr-aveugle-" if t.blind else "fr-") + ("leurre" if t.lure else "honnete")
        sets[corpus].append(HandWritten(Path(t.name), corpus, corpus, t.text, t.held_out, t.family))
    return sets


def load(names: tuple[str, ...] = ("phishing", "ham", "ham-modern", "phishing-fr-text")) -> dict[str, list[Item]]:
    sets: dict[str, list[Item]] = {}
    for name in names:
        folder = CORPUS / name
        pattern = "*.txt" if name == "phishing-fr-text" else "*.eml"
        items = []
        for path in sorted(folder.glob(pattern)):
            category = path.name.split("__", 1)[0] if name == "ham-modern" else name
            items.append(Item(path, name, category))
        sets[name] = items
    return sets


def available() -> bool:
    return CORPUS.is_dir()
