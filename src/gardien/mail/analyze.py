"""Combine the signals into one verdict: sans danger apparent, suspect, dangereux or analyse incomplète.

Each signal is found by a hand-written rule with its French explanation (signals.py, content.py, attachments.py);
how much it counts is fitted on the tuning halves of the corpora (scripts/fit_mail_weights.py -> poids.toml):
- score: the fitted bias plus the weight of each distinct signal (a phrase family found several times has its own
  weight, « + »); a signal the fit never saw counts its hand-given level's prior;
- dangereux: a critical signal (a program attached), or a score at or above the fitted « dangereux » threshold with
  at least one strong signal or medium signs from two parts of the message: many weak signs, or many signs of the
  text's words alone, are never « dangereux »;
- suspect: a score at or above the fitted « suspect » threshold;
- analyse incomplète: nothing reached "suspect" but part of the message could not be read or examined,
  so Gardien cannot call it harmless;
- sans danger apparent otherwise: never "sans danger", Gardien cannot see everything.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from gardien.mail import attachments, compare, content, signals, vocabulary
from gardien.mail.message import Link, ParsedMail

# A signal the fit never saw counts its level's prior: a medium sign alone is enough to warn, a weak one is not.
PRIOR = {signals.WEAK: 1.0, signals.MEDIUM: 2.5, signals.STRONG: 4.0, signals.CRITICAL: 8.0}


@dataclass(frozen=True)
class Weights:
    bias: float
    suspicious: float
    dangerous: float
    weights: dict[str, float]

    def of(self, signal: signals.Signal) -> float:
        if signal.weight == 0:
            return 0.0  # advice, not a sign
        return self.weights.get(signal.key, self.weights.get(signal.id, PRIOR.get(signal.weight, 0.0)))


@cache
def fitted() -> Weights:
    raw = tomllib.loads(resources.files("gardien.mail").joinpath("poids.toml").read_text(encoding="utf-8"))
    return Weights(raw["biais"], raw["seuil_suspect"], raw["seuil_dangereux"], raw["poids"])


VERDICT_LABEL = {"safe": "sans danger apparent", "suspicious": "suspect", "dangerous": "dangereux",
                 "incomplete": "analyse incomplète"}
VERDICT_NOTE = {
    "safe": "Aucun signe de piège n'a été trouvé, ce qui ne garantit pas que le message soit honnête.",
    "incomplete": "Une partie du message n'a pas pu être examinée (voir ci-dessous) : Gardien ne peut pas dire qu'il est "
                  "sans danger. Dans le doute, n'ouvrez ni lien ni pièce jointe.",
}
PASTED_NOTE = ("Sans les en-têtes du message (seulement son texte, collé ou dans un fichier texte), Gardien n'a pu juger "
               "que les mots et l'expéditeur affiché : ni l'authentification de l'expéditeur ni la vraie adresse des liens "
               "n'ont pu être vérifiées. Pour une analyse complète, donnez le fichier du message (.eml ou .msg) ou sa source.")
TOO_SHORT = "texte trop court pour être jugé : donnez le message entier, ou son fichier"
MIN_PASTED_WORDS = signals.MIN_PASTED_WORDS
REFLEXES = (
    "Ne cliquez sur aucun lien et n'ouvrez aucune pièce jointe en cas de doute.",
    "Allez vous-même sur le site officiel en tapant son adresse, ou passez par l'application habituelle.",
    "Vérifiez par un autre moyen, avec un numéro de téléphone que vous aviez déjà, jamais celui du message.",
    # not in references.md: said as Gardien's own advice (issue 15.6)
    "Conseil de Gardien : vous pouvez signaler un message indésirable sur signal-spam.fr, et un SMS en le transférant au 33700.",
)
BULK_NOTE = ("Message envoyé en nombre (lettre d'information, message commercial ou liste de diffusion) : c'est ordinaire, "
             "et rien n'y ressemble à un piège.")
MAX_REASONS = 3
MAX_REMARKS = 3  # beyond, the other signs are counted and told in the technical details: a list of nine tires her


@dataclass
class Analysis:
    verdict: str
    score: float
    signals: list[signals.Signal]
    errors: list[str] = field(default_factory=list)
    pasted: bool = False  # judged on pasted text only: no headers, see PASTED_NOTE
    bulk: bool = False  # sent in bulk (list headers, unsubscribe link): said neutrally when nothing else is wrong
    comparison: compare.Comparison | None = None  # with a genuine earlier message, when one was given

    @property
    def label(self) -> str:
        return VERDICT_LABEL[self.verdict]

    @property
    def reasons(self) -> list[signals.Signal]:
        """What made it « suspect » or « dangereux »: the two or three signs that weigh most, each told once."""
        if self.verdict not in ("suspicious", "dangerous"):
            return []
        chosen: list[signals.Signal] = []
        # a sign the fit weighs nil added nothing to the score: it did not make the verdict (told among the remarks)
        weights = fitted()
        for sign in _unique([s for s in self.signals if s.weight > 0 and weights.of(s) > 0]):
            if not any(sign.id in reason.tells for reason in chosen):  # « vous presse » already told the urgency
                chosen.append(sign)
        return chosen[:MAX_REASONS]

    @property
    def remarks(self) -> list[signals.Signal]:
        """The rest, each told once: the other signs of a suspect message, and advice (weight 0, such as the
        health-data one). A message judged « sans danger apparent » gets no warning: its weak signs stay in the
        technical details."""
        shown = {s.message for s in self.reasons}
        told = {sign for s in self.reasons for sign in s.tells}
        # the comparison's findings are told in their own section
        rest = [s for s in _unique(self.signals)
                if s.message not in shown and s.id not in told and not s.id.startswith("comparaison.")]
        return rest if self.reasons else [s for s in rest if s.weight == 0]

    @property
    def remarks_shown(self) -> list[signals.Signal]:
        """The remarks worth her time: the advice (weight 0) first, then the other signs, MAX_REMARKS in all."""
        return sorted(self.remarks, key=lambda s: s.weight != 0)[:MAX_REMARKS]

    @property
    def remarks_folded(self) -> list[signals.Signal]:
        """The other remarks: counted on the command line (shown with --details), folded on the web page."""
        shown = self.remarks_shown
        return [s for s in self.remarks if s not in shown]

    @property
    def differences(self) -> list[str]:
        """What differs from the genuine message, without what is already told as a reason for the verdict."""
        if self.comparison is None:
            return []
        told = {self.comparison.told_as.get(s.id) for s in self.reasons}
        return [line for line in self.comparison.different if line not in told]

    @property
    def note(self) -> str:
        if self.verdict == "safe" and self.bulk:
            return BULK_NOTE
        return ""


def _unique(found: list[signals.Signal]) -> list[signals.Signal]:
    seen: set[str] = set()
    return [s for s in found if not (s.message in seen or seen.add(s.message))]


def verdict_for(found: list[signals.Signal]) -> tuple[str, float]:
    weights = fitted()
    distinct = {s.key: s for s in found}.values()  # one sign repeated is one sign
    score = round(weights.bias + sum(weights.of(s) for s in distinct), 2)
    if any(s.weight >= signals.CRITICAL for s in found) or (
        score >= weights.dangerous and (any(s.weight >= signals.STRONG for s in found) or independent_evidence(found))
    ):
        return "dangerous", score
    if score >= weights.suspicious and can_warn(found):
        return "suspicious", score
    return "safe", score


# Words that honest marketing uses too (« urgent », « félicitations », « votre compte »): however many of them,
# they are not a trap on their own. A scam family (crypto, sextortion, fake refund…) names the trap itself. The word
# filter's sign (words like the traps') is of the same kind: honest account notices use the traps' words.
EVERYDAY_WORDS = {"contenu.urgence", "contenu.trop_beau", "contenu.menace", "contenu.mots_sensibles", "contenu.fautes",
                  vocabulary.SIGN}


def independent_evidence(found: list[signals.Signal]) -> bool:
    """Signs of medium level or more from two different parts of the message (the sender and the text, the links and
    the text…), marketing words aside: a fake Chronopost address asking for 1,99 € is two proofs, not one. On the
    tuning halves (round 12) no legitimate message and no honest development text has them above the « dangereux »
    score; many signs of one part (the text's words) stay « suspect »."""
    parts = {s.id.split(".")[0] for s in found if s.weight >= signals.MEDIUM and s.id not in EVERYDAY_WORDS}
    return len(parts) >= 2


def can_warn(found: list[signals.Signal]) -> bool:
    """Rules above the fitted score, from what honest mail does: everyday marketing words alone, however many, and
    one weak sign alone (everyone in Bcc, a shortened link) are never a warning. Two different signs, or one of
    medium level or more, can be."""
    weighed = {s.key: s.weight for s in found if s.weight > 0}
    if not any(s.id not in EVERYDAY_WORDS for s in found if s.weight > 0):
        return False
    return len(weighed) >= 2 or any(level >= signals.MEDIUM for level in weighed.values())


# Each check of the message, and what it examines (said when it fails: « analyse partielle (… n'a pas pu se faire) »).
_CHECKS = {signals.sender: "l'examen de l'expéditeur", signals.subject: "l'examen de l'objet",
           signals.obfuscation: "la recherche de texte déguisé", signals.authentication: "la lecture de l'authentification",
           signals.links: "l'examen des liens", content.content: "la lecture du texte",
           signals.health_mail: "l'examen propre au courrier de santé", vocabulary.vocabulary: "la comparaison des mots"}


def find_signals(mail: ParsedMail) -> tuple[list[signals.Signal], list[str]]:
    found: list[signals.Signal] = []
    errors = list(mail.defects)
    for attachment in mail.attachments:  # links inside attached PDFs are judged like the others
        mail.links.extend(Link(uri, "") for uri in attachments.pdf_links(attachment))
    for check, part in _CHECKS.items():
        try:
            found.extend(check(mail))
        except Exception:  # one broken part of a hostile message must not hide the rest
            errors.append(f"analyse partielle ({part} n'a pas pu se faire)")
    for attachment in mail.attachments:
        try:
            found.extend(attachments.analyse(attachment))
        except Exception:
            errors.append(f"pièce jointe « {attachment.filename} » non analysée")
    for name in mail.named_attachments:  # a pasted text shows only their names
        found.extend(attachments.by_name(name))
    return vocabulary.quoting_lure_words(found), errors


# advice for a message taken as honest (weight 0): beside a warning it distracts from it (walkthrough, round 14: a
# lesson on MSSanté under a gift-card fraud)
HONEST_MAIL_ADVICE = ("sante.messagerie_grand_public",)


def analyse(mail: ParsedMail, reference: ParsedMail | None = None) -> Analysis:
    """The verdict on `mail`; with `reference`, a genuine earlier message from the same service, the two are
    compared too and what differs counts as signs."""
    found, errors = find_signals(mail)
    comparison = compare.compare(mail, reference) if reference is not None else None
    if comparison:
        found.extend(comparison.signals)
    if mail.pasted and signals.too_short(mail.text):
        errors.append(TOO_SHORT)
    weights = fitted()
    found.sort(key=lambda s: (-weights.of(s), -s.weight))
    verdict, score = verdict_for(found)
    if verdict == "safe" and errors:
        verdict = "incomplete"
    if verdict in ("suspicious", "dangerous"):
        found = [s for s in found if s.id not in HONEST_MAIL_ADVICE]
    bulk = mail.list_headers or bool(signals.UNSUBSCRIBE.search(mail.text[: signals.TEXT_SCANNED]))
    return Analysis(verdict, score, found, errors, pasted=mail.pasted, bulk=bulk, comparison=comparison)
