"""Plain-text renderings for the command line: a question and its correction, a message of the exercise with its
numbered zones, the reveal of its clues, a learner's progress and certificate."""

from __future__ import annotations

from gardien import fr
from gardien.core.model import Source
from gardien.formation.clues import Correction
from gardien.formation.content import french_spacing
from gardien.formation.mails import ClueOrigin, ExerciseMail, Origin
from gardien.formation.quiz import Asked
from gardien.formation.tracking import LearnerProgress

ORIGIN_NOTE = {Origin.WRITTEN: "Message écrit par Gardien pour l'exercice (les adresses sont inventées).",
               Origin.FOLDER: "Message réel, tiré du dossier d'exemples indiqué à Gardien : ses liens sont neutralisés."}


def wrap(text: str, indent: str = "   ") -> str:
    """Each paragraph on one indented line: the terminal's wrapper (report/wrapping.py) cuts it to the terminal's
    width under its indent; cut here at a fixed width, a narrower terminal cut it again into ragged half-lines."""
    return "\n".join(indent + french_spacing(line) if line else "" for line in text.splitlines())


def source_line(source: Source, shown: set[str] | None = None) -> str:
    """The source in full the first time; once `shown` holds it (the same session), only its short name."""
    caveat = source.caveat
    if shown is not None and source.id in shown:
        return f"Source : {source.name}{caveat}, citée plus haut."
    if shown is not None:
        shown.add(source.id)
    return f"Source : {source.label}{caveat}" + (f" — {source.url}" if source.url else "")


def question(asked: Asked, number: int, count: int) -> str:
    head = f"Question {number}/{count}" + (" — mise en situation" if asked.question.scenario else "")
    lines = [head, wrap(asked.question.text, "")]
    lines += [f"  {i}. {choice}" for i, choice in enumerate(asked.shown, 1)]
    return "\n".join(lines)


def feedback(asked: Asked, shown: set[str] | None = None) -> str:
    if asked.correct:
        lines = ["✔ Bonne réponse."]
    else:
        lines = [f"✘ La bonne réponse était : {asked.right_position + 1}. {asked.question.right}"]
    lines.append(wrap("Pourquoi : " + asked.question.explanation, "   "))
    lines += [wrap(source_line(s, shown), "   ") for s in asked.question.sources]
    return "\n".join(lines)


def mail_zones(mail: ExerciseMail) -> list[tuple[str, str]]:
    """(zone, text shown) in reading order: the numbers the learner types."""
    rows: list[tuple[str, str]] = []
    if "expediteur" in mail.zones():
        rows.append(("expediteur", f"De : {mail.from_name} <{mail.from_address}>" if mail.from_name else f"De : {mail.from_address}"))
    if mail.reply_to:
        rows.append(("repondre_a", f"Répondre à : {mail.reply_to}"))
    if mail.subject:
        rows.append(("objet", f"Objet : {mail.subject}"))
    for paragraph in mail.paragraphs:
        if paragraph.clickable:
            rows.append((paragraph.zone, "".join(f"« {p.text} »" if p.link else p.text for p in paragraph.pieces)))
    for link in mail.links:
        rows.append((link.zone, f"Lien « {link.text} » — il mène en réalité à : {link.target}"))
    for attachment in mail.attachments:
        inside = f" (contient : {attachment.inside})" if attachment.inside else ""
        rows.append((attachment.zone, f"Pièce jointe : {attachment.name}{inside}"))
    return rows


def mail(mail_view: ExerciseMail, number: int, count: int) -> str:
    lines = [f"Message {number}/{count} — {ORIGIN_NOTE[mail_view.origin]}"]
    if mail_view.origin is Origin.FOLDER and not mail_view.from_address:
        lines.append("   (Seul le texte de ce message a été conservé : son expéditeur et son objet ne sont pas connus.)")
    for index, (_, text) in enumerate(mail_zones(mail_view), 1):
        lines.append(f"[{index:>2}] {french_spacing(text)}")  # the terminal's wrapper cuts it under its words
    if mail_view.cut:
        lines.append("   (La fin du message n'est pas montrée.)")
    return "\n".join(lines)


def correction(result: Correction, shown: set[str] | None = None) -> str:
    """The reveal; each zone is named by the number the learner typed for it."""
    labels = result.mail.zones()
    names = {zone: f"[{number}] {labels[zone]}" for number, (zone, _) in enumerate(mail_zones(result.mail), 1)}
    lines = []
    if not result.groups:
        lines.append("Il n'y avait aucun piège à trouver dans ce message." if not result.false_alarms else
                     "Il n'y avait aucun piège à trouver dans ce message : vos clics étaient de fausses alertes.")
    else:
        lines.append(f"Indices trouvés : {result.found} sur {result.total}.")
    for group in result.groups:
        where = ", ".join(names[z] for z in sorted(group.zones, key=list(names).index))
        lines.append(("✔ " if group.found else "✘ ") + where + (" — vous l'aviez repéré" if group.found else " — à revoir"))
        for clue in group.clues:
            who = "" if clue.origin is ClueOrigin.EXERCISE else "L'analyseur de Gardien : "
            lines.append(wrap(who + clue.text, "     "))
            lines += [wrap(source_line(s, shown), "     ") for s in clue.sources]
    for zone in result.false_alarms:
        lines.append(f"• {names[zone]} : rien de suspect ici.")
    for observation in result.reading.observations:
        lines.append(wrap("L'analyseur de Gardien note aussi : " + observation, "   "))
    lines.append(f"Verdict de l'analyseur de Gardien sur ce message : {result.reading.verdict_label}.")
    if result.mail.lesson:
        lines.append(wrap(result.mail.lesson, "   "))
    return "\n".join(lines)


def learner(person: LearnerProgress) -> str:
    done = len(person.validated)
    lines = [f"{person.learner.first_name} — {fr.plural(done, 'module validé', 'modules validés')} sur {len(person.modules)}"]
    for row in person.modules:
        detail = ""
        if row.validated is not None:
            detail = f" le {fr.day(row.validated.finished_at)} ({row.validated.right}/{len(row.validated.asked)})"
        elif row.last is not None:
            detail = f" (dernier essai {row.last.right}/{len(row.last.asked)})"
        lines.append(f"   {row.module.title} : {row.label}{detail}")
    lines.append(f"   Repérez le piège : {person.exercise.result}.")
    return "\n".join(lines)
