"""Combine the signals into one verdict: sans danger apparent, suspect, dangereux or analyse incomplète.

- dangereux: a critical signal (a program attached), or a total of at least 10 with at least one
  strong signal: no single weak or medium signal, however repeated, reaches it;
- suspect: a total of at least 3, or two different signals of which at least one is more than everyday wording:
  words (« urgent », « félicitations ») are everyday marketing, a trick of the sender, the links or the layout, or
  the words of a known scam, are not, and two independent signs agreeing is enough to warn;
- analyse incomplète: nothing reached "suspect" but part of the message could not be read or examined,
  so Gardien cannot call it harmless;
- sans danger apparent otherwise: never "sans danger", Gardien cannot see everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gardien.mail import attachments, content, signals
from gardien.mail.message import Link, ParsedMail

SUSPICIOUS_SCORE = 3
DANGEROUS_SCORE = 10
# Words that honest marketing uses too: two of them are not two independent signs. A scam family (crypto,
# dating, sextortion…) names the trap itself and counts as a sign of its own.
EVERYDAY_WORDS = {"contenu.urgence", "contenu.trop_beau", "contenu.mots_sensibles", "contenu.menace", "contenu.fautes"}
VERDICT_LABEL = {"safe": "sans danger apparent", "suspicious": "suspect", "dangerous": "dangereux",
                 "incomplete": "analyse incomplète"}
VERDICT_NOTE = {
    "safe": "Aucun signe de piège n'a été trouvé, ce qui ne garantit pas que le message soit honnête.",
    "incomplete": "Une partie du message n'a pas pu être examinée (voir ci-dessous) : Gardien ne peut pas dire qu'il est "
                  "sans danger. Dans le doute, n'ouvrez ni lien ni pièce jointe.",
}
REFLEXES = (
    "Ne cliquez sur aucun lien et n'ouvrez aucune pièce jointe en cas de doute.",
    "Allez vous-même sur le site officiel en tapant son adresse, ou passez par l'application habituelle.",
    "Vérifiez par un autre moyen, avec un numéro de téléphone que vous aviez déjà, jamais celui du message.",
    "Signalez le message sur signal-spam.fr ; pour un SMS, transférez-le au 33700.",
)


@dataclass
class Analysis:
    verdict: str
    score: int
    signals: list[signals.Signal]
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return VERDICT_LABEL[self.verdict]


def verdict_for(found: list[signals.Signal]) -> tuple[str, int]:
    score = sum(s.weight for s in found)
    if any(s.weight >= signals.CRITICAL for s in found) or (
        score >= DANGEROUS_SCORE and any(s.weight >= signals.STRONG for s in found)
    ):
        return "dangerous", score
    weighed = {s.id for s in found if s.weight}
    if score >= SUSPICIOUS_SCORE or (len(weighed) >= 2 and weighed - EVERYDAY_WORDS):
        return "suspicious", score
    return "safe", score


def analyse(mail: ParsedMail) -> Analysis:
    found: list[signals.Signal] = []
    errors = list(mail.defects)
    for attachment in mail.attachments:  # links inside attached PDFs are judged like the others
        mail.links.extend(Link(uri, "") for uri in attachments.pdf_links(attachment))
    for check in (signals.sender, signals.subject, signals.obfuscation, signals.authentication, signals.links, content.content, signals.health_mail):
        try:
            found.extend(check(mail))
        except Exception as exc:  # one broken part of a hostile message must not hide the rest
            errors.append(f"analyse partielle ({check.__name__} : {exc.__class__.__name__})")
    for attachment in mail.attachments:
        try:
            found.extend(attachments.analyse(attachment))
        except Exception as exc:
            errors.append(f"pièce jointe « {attachment.filename} » non analysée ({exc.__class__.__name__})")
    found.sort(key=lambda s: -s.weight)
    verdict, score = verdict_for(found)
    if verdict == "safe" and errors:
        verdict = "incomplete"
    return Analysis(verdict, score, found, errors)
