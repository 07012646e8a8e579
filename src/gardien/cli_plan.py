"""`gardien questionnaire` and `gardien plan`: what the machine cannot tell, and one plan for everything."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from gardien import fr
from gardien.errors import GardienError, Interrupted
from gardien.launch import verbatim

if TYPE_CHECKING:
    from gardien.plan.build import Step
    from gardien.plan.deadlines import Deadlines
    from gardien.questionnaire.questions import Answer

questionnaire_app = typer.Typer(
    help="Les questions sur ce que l'ordinateur ne peut pas dire (oui / non / je ne sais pas / non concerné).",
    invoke_without_command=True,
    rich_markup_mode=None,
)
plan_app = typer.Typer(
    help="Votre plan : le premier pas, puis les suivants, avec le temps qu'ils prennent.",
    invoke_without_command=True,
    rich_markup_mode=None,
)

TYPED_ANSWERS = {
    "o": "oui", "oui": "oui", "y": "oui",
    "n": "non", "non": "non",
    "?": "nsp", "nsp": "nsp", "je ne sais pas": "nsp", "jsp": "nsp",
    "nc": "nc", "non concerné": "nc", "non concernée": "nc", "pas concerné": "nc", "pas concernée": "nc",
}
STATUS_LABEL = {"a_faire": "à faire", "a_verifier": "à vérifier", "reporte": "reporté", "fait": "fait"}


def _answer_word(text: str) -> Answer | None:
    from gardien.questionnaire.questions import Answer

    word = TYPED_ANSWERS.get(" ".join(text.strip().lower().split()))
    return None if word is None else Answer(word)


@questionnaire_app.callback()
def questionnaire(
    ctx: typer.Context,
    tout: Annotated[bool, typer.Option("--tout", help="Repose aussi les questions déjà répondues (pour réviser).")] = False,
    theme: Annotated[str | None, typer.Option("--theme", help="Seulement les questions d'un thème.")] = None,
) -> None:
    """Pose les questions une à une ; les réponses sont gardées et peuvent être revues."""
    if ctx.invoked_subcommand is not None:
        return
    from gardien.core.registry import themes
    from gardien.fr import typed_choice
    from gardien.questionnaire.measured import contradiction, notes
    from gardien.questionnaire.questions import ANSWER_LABEL, questions, register_conflict, register_note, settled_reason
    from gardien.store import answers

    theme = theme if theme is None else (typed_choice(theme, themes()) or theme)
    if theme is not None and theme not in themes():
        raise GardienError(f"Thème inconnu : « {theme} ». Thèmes : {', '.join(themes())}.")
    given = answers.current()
    chosen = [q for q in questions() if theme is None or q.theme == theme]
    # an answer the register contradicts is asked again (register_conflict): pointed out, not overridden
    todo = [q for q in chosen if (tout or q.id not in given or register_conflict(q.id, given))
            and not settled_reason(q.id, given)]
    passed = sum(bool(settled_reason(q.id, given)) for q in chosen)
    if tout and passed:  # revising everything: say why some are not there
        typer.echo(f"{fr.plural(passed, 'question ne sera pas posée', 'questions ne seront pas posées')} : une réponse "
                   "précédente les rend sans objet (laquelle : gardien questionnaire liste).")
    if not todo:
        typer.echo("Toutes les questions ont une réponse. Pour les revoir : gardien questionnaire --tout. Votre plan : gardien plan")
        return
    typer.echo(f"{fr.plural(len(todo), 'question')}, environ {fr.plural(max(1, len(todo) // 4), 'minute')}. Répondez o (oui), n (non) ou ? (je ne sais pas),")
    typer.echo("et nc (non concerné) quand la question le propose (vous travaillez sans équipe, rien n'est en ligne…) ;")
    typer.echo("Entrée pour passer, q pour arrêter : vos réponses sont gardées au fur et à mesure.")
    current_theme = None
    answered = 0
    measured = notes()  # what Gardien measured of a question: said beside it, her answer still asked
    for number, question in enumerate(todo, 1):
        if question.theme != current_theme:
            current_theme = question.theme
            typer.echo(f"\n— {themes()[current_theme]} —")
        typer.echo(f"\n{number}. {question.text}")
        indent = " " * len(f"{number}. ")  # the lines under a question start where its text does, from 10. on too
        given = answers.current()
        reason = settled_reason(question.id, given)
        if reason:  # an answer given in this session settles it
            typer.echo(f"{indent}Question passée, {reason}.")
            continue
        typer.echo(f"{indent}Pourquoi : {question.why}")
        for note in (register_note(question.id, given), measured[question.id].said if question.id in measured else ""):
            if note:
                typer.echo(f"{indent}{note}")
        if question.id in given and question.id not in given.from_register:
            typer.echo(f"{indent}Réponse actuelle : {ANSWER_LABEL[given[question.id][0]]}")
        letters = "o/n/?/nc" if question.may_not_concern else "o/n/?"
        for _attempt in range(3):
            try:
                typed = input(f"{indent}Votre réponse [{letters}] : ")
            except EOFError:
                typed = "q"
            except KeyboardInterrupt:  # Ctrl+C: the answers typed so far are kept, and she is told so
                raise Interrupted("gardien questionnaire",
                                  fr.plural(answered, 'réponse enregistrée', 'réponses enregistrées')) from None
            if typed.strip().lower() == "q":
                typer.echo(f"\nArrêt : {fr.plural(answered, 'réponse enregistrée', 'réponses enregistrées')}. Reprenez quand vous voulez : gardien questionnaire")
                return
            if not typed.strip():
                break
            word = _answer_word(typed)
            if word in question.answers:
                answers.save(question.id, word)
                answered += 1
                for conflict in (register_conflict(question.id, answers.current()),
                                 contradiction(measured.get(question.id), word)):
                    if conflict:
                        typer.echo(f"{indent}{conflict}")
                break
            if word is not None:  # « nc » to a question that concerns everybody
                typer.echo(f"{indent}Cette question concerne tous les cabinets : répondez o, n ou ? (ou Entrée pour passer).")
                continue
            typer.echo(f"{indent}Répondez {letters.replace('/', ', ')} (ou Entrée pour passer).")
    typer.echo(f"\nMerci : {fr.plural(answered, 'réponse enregistrée', 'réponses enregistrées')}.")
    given = answers.current()
    skipped = sum(q.id not in given and not settled_reason(q.id, given) for q in todo)
    if skipped:  # Entrée passes a question: the plan will count it as unanswered, say it here first
        typer.echo(f"{fr.plural(skipped, 'question passée, toujours sans réponse', 'questions passées, toujours sans réponse')} : "
                   "pour y répondre, gardien questionnaire (il ne repose que les questions sans réponse).")
    typer.echo("Votre plan : gardien plan")


@questionnaire_app.command()
def repondre(
    question_id: Annotated[str, typer.Argument(metavar="QUESTION", help="Identifiant de la question (voir : gardien questionnaire liste).")],
    reponse: Annotated[str, typer.Argument(metavar="REPONSE", help="oui, non, nsp (je ne sais pas) ou nc (non concerné, pour les questions qui le proposent).")],
) -> None:
    """Enregistre ou corrige la réponse à une question (pour les scripts)."""
    from gardien.questionnaire.questions import Answer, by_id, register_conflict, settled_reason, settling_said
    from gardien.store import answers

    if question_id not in by_id():
        raise GardienError(f"Question inconnue : « {question_id} ». Liste : gardien questionnaire liste")
    word = _answer_word(reponse)
    if word is None:
        raise GardienError(f"Réponse invalide : « {reponse} ». Répondez oui, non, nsp ou nc.")
    if word not in by_id()[question_id].answers:
        raise GardienError(f"« Non concerné » n'est pas possible pour la question « {question_id} » : elle concerne tous "
                           "les cabinets. Répondez oui, non ou nsp.")
    reason = settled_reason(question_id, answers.current())
    if reason and word is not Answer.NOT_CONCERNED:  # « nc » agrees with the earlier answer: taken as her own
        earlier = by_id()[question_id].settled_by
        raise GardienError(f"Cette question ne vous est pas posée, {reason}. Pour y répondre, changez d'abord "
                           "cette réponse-là : "
                           f"gardien questionnaire repondre {earlier} oui (ou non, nsp).")
    answers.save(question_id, word)
    said = " ".join(x for x in (settling_said(question_id, word), register_conflict(question_id, answers.current())) if x)
    typer.echo(f"Réponse enregistrée. {said}".rstrip())


@questionnaire_app.command()
def liste(json_output: Annotated[bool, typer.Option("--json", help="Affiche en JSON.")] = False) -> None:
    """Liste les questions et vos réponses actuelles."""
    from gardien.questionnaire.questions import ANSWER_LABEL, questions, register_conflict, settled
    from gardien.store import answers

    given = answers.current()
    by = settled(given)
    if json_output:
        rows = [{"id": q.id, "theme": q.theme, "question": q.text, "answer": given.get(q.id, (None,))[0],
                 "settled_by": by[q.id].id if q.id in by else None, "from_register": q.id in given.from_register,
                 "register_conflict": bool(register_conflict(q.id, given)),
                 "weight": q.weight, "priority": q.priority} for q in questions()]
        with verbatim():  # data, as it is
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for q in questions():
        answer = ANSWER_LABEL[given[q.id][0]] if q.id in given else "sans réponse"
        settling = f" (non posée : {by[q.id].not_concerned_means}, d'après {by[q.id].id})" if q.id in by else ""
        settling += " (d'après votre registre)" if q.id in given.from_register else ""
        settling += f" (contredit par {given.facts[q.id].source})" if register_conflict(q.id, given) else ""
        typer.echo(f"{q.id:32} {answer:15} {q.text}{settling}")


@plan_app.callback()
def plan(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="La liste ordonnée des étapes, en JSON.")] = False,
    tout: Annotated[bool, typer.Option("--tout", help="Montre aussi les étapes faites et reportées.")] = False,
    details: Annotated[bool, typer.Option("--details", help="Dit comment faire chaque étape, pas seulement la première.")] = False,
) -> None:
    """Montre le premier pas, puis les suivants, avec le temps et l'importance de chacun."""
    if ctx.invoked_subcommand is not None:
        return
    from gardien.plan import numbers
    from gardien.plan.build import ORDER_EXPLANATION, build

    current = build()
    if json_output:
        # a breach's CNIL decision comes first, as a row of its own kind (source « violation », status « a_decider »)
        rows = [{"id": d.violation_id, "title": d.title, "source": "violation", "effort_minutes": None,
                 "status": "a_decider", "impact": "critique", "reason": d.why, "until": d.deadline}
                for d in current.deadlines.due]
        rows += [{"id": s.typed_id, "title": s.title, "source": s.source, "effort_minutes": s.effort_minutes,
                  "status": s.status, "impact": s.impact_label, "reason": s.reason, "until": s.until}
                 for s in current.steps]
        with verbatim():  # data, as it is
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if current.audit_date is None:
        typer.echo("Aucun bilan de l'ordinateur n'est enregistré : commencez par « gardien audit ».")
    else:
        typer.echo(f"Plan établi d'après le bilan du {fr.day(current.audit_date)} et vos réponses au questionnaire.")
    if current.unanswered:
        typer.echo(f"{fr.plural(current.unanswered, 'question')} sans réponse : « gardien questionnaire » (quelques minutes) complète le plan.")
    _show_deadlines(current.deadlines)
    typer.echo(f"Avancement : {current.progress}.")
    recently = current.recently_done()
    if recently:  # the same steps the counter counts: none reopened, none the audit still sees
        recent = ", ".join(f"« {step.title} » le {fr.day(at)}{' (sur votre parole)' if step.declared else ''}"
                           for step, at in recently)
        typer.echo(f"Dernières étapes faites : {recent}.")
    typer.echo(ORDER_EXPLANATION + "\n")
    open_steps = current.open_steps
    numbers.remember([step.id for step in open_steps])  # « gardien plan fait 11 » is the 11 shown here
    if not open_steps:
        typer.echo("Plus rien à faire pour l'instant. Refaites le bilan dans trois mois : gardien audit")
    for number, step in enumerate(open_steps, 1):
        head = "Votre premier pas" if number == 1 else f"{number}."
        typer.echo(f"{head} [{step.severity_said}, {step.effort_label}] {step.title}")
        typer.echo(f"   {step.reason} {step.why}")
        if number == 1 or details:
            _echo_how(step)
        if step.waiting:  # nothing to mark while it waits: its « how » says what it waits for
            continue
        if number == 1:
            # one command a line: side by side, a narrow terminal cut them with a « · » left at a line's end
            typer.echo(f"   Une fois fait, tapez : gardien plan fait {step.typed_id}")
            typer.echo(f"   Pas maintenant : gardien plan reporter {step.typed_id}")
        else:  # every step can be marked from here, not only the first (« gardien plan fait 4 » works too)
            typer.echo(f"   Une fois fait : gardien plan fait {step.typed_id}")
    if len(open_steps) > 1 and not details:
        typer.echo("\nComment faire chaque étape, pas seulement la première : gardien plan --details")
    if tout:
        for step in current.steps:
            if step.measured:  # measured by Gardien: reopening it by hand would change nothing
                typer.echo(f"   [{STATUS_LABEL[step.status]}] {step.title} — {step.measured}")
            elif step.status in ("fait", "reporte"):
                until = f" jusqu'au {fr.day(step.until)}" if step.until else ""
                declared = f", {step.declared}" if step.declared else ""
                typer.echo(f"   [{STATUS_LABEL[step.status]}{until}{declared}] {step.title} — pour la remettre dans le plan, "
                           f"tapez : gardien plan rouvrir {step.typed_id}")


def _echo_how(step: Step) -> None:
    """The step's « how », lettered; a command to type on a line of its own."""
    for letter, how in zip("abcdefghijklmnopqrstuvwxyz", step.how, strict=False):
        typer.echo(f"   {letter}) {how.terminal_text}")
        if how.in_terminal:  # the exact text to type, on a line of its own
            typer.echo(f"        {how.command}\n      {how.command_note()}")


def _show_deadlines(deadlines: Deadlines) -> None:
    """Before any step: each breach whose CNIL decision is still open, with how to record the decision."""
    if deadlines.unreadable:
        typer.echo(f"ATTENTION : {deadlines.unreadable}")
    from gardien.plan.deadlines import URGENT

    if deadlines.declared_note:
        typer.echo(f"\n{deadlines.declared_note}")
    for due in deadlines.due:
        typer.echo(f"\n{URGENT} {fr.after_colon(due.heading)}")
        if due.counted:
            typer.echo(f"   {due.counted}")
        typer.echo(f"   {due.why}")
        typer.echo(f"   Notifier la CNIL : {due.source.url}")
        if due.incident_number:  # the number « gardien urgence journal liste » shows (« Incident n° 1 »)
            typer.echo(f"   Le brouillon de la notification (incident n° {due.incident_number} du journal), prêt à "
                       f"compléter : gardien urgence brouillon cnil --incident {due.incident_number}")
        else:  # a breach typed in the register has its draft too (as on the page)
            typer.echo(f"   Le brouillon de la notification, prêt à compléter : gardien urgence brouillon cnil "
                       f"--violation {due.violation_id}")
        typer.echo("   Notez ensuite votre décision dans le registre :")
        typer.echo(f"        gardien registre violations suivi {due.violation_id} --cnil fait --cnil-date JJ/MM/AAAA")
        typer.echo(f"     ou gardien registre violations suivi {due.violation_id} --cnil pas-de-risque --cnil-motif \"pourquoi\"")
        typer.echo(f"   Source : {due.source.label}.")
    if deadlines.due:
        typer.echo("")


STEP_HELP = ("Le numéro de l'étape dans la dernière liste de « gardien plan » (1 pour le premier pas), ou son identifiant, "
             "donné après « Une fois fait ».")


def _step_id(given: str, reopening: bool = False) -> str:
    """« 4 » is the step numbered 4 by the last « gardien plan » (numbers do not move when a step is done in between);
    anything else is an identifier. `reopening`: « rouvrir 4 » takes back the step she saw as 4 and marked done or
    postponed since (even a question's step, which left the plan once done)."""
    if not given.strip().isdigit():
        from gardien.plan.build import typed_step_id

        return typed_step_id(given)
    from gardien.errors import GardienError
    from gardien.plan.build import build
    from gardien.plan.numbers import last_listing

    current = build()
    number = int(given)
    listed = last_listing()
    if listed is None:  # no list shown yet: the numbers « gardien plan » would show now
        listed = [step.id for step in current.open_steps]
    if not 1 <= number <= len(listed):
        raise GardienError(f"Il n'y a pas d'étape n° {number} : la liste de « gardien plan » en compte {len(listed)}.")
    step = next((s for s in current.steps if s.id == listed[number - 1]), None)
    if reopening:
        if step is not None and step.status in ("a_faire", "a_verifier") and not step.contradicted:
            raise GardienError(f"L'étape n° {number}, « {step.title} », est déjà dans le plan : il n'y a rien à rouvrir. "
                               "Les étapes faites ou reportées, avec ce qu'il faut taper pour les rouvrir : gardien plan --tout")
        return listed[number - 1]
    if step is None:
        raise GardienError(f"L'étape n° {number} de la dernière liste n'est plus dans le plan (déjà faite, ou le "
                           "dernier bilan ne la montre plus). Les étapes à jour : gardien plan")
    if step.status == "fait":  # typed twice: marking another step instead would be wrong
        raise GardienError(f"L'étape n° {number}, « {step.title} », est déjà marquée faite. Les étapes à jour : gardien plan")
    return step.id


@plan_app.command()
def fait(step_id: Annotated[str, typer.Argument(metavar="ETAPE", help=STEP_HELP)]) -> None:
    """Marque une étape comme faite."""
    from gardien.plan.actions import mark_done
    from gardien.plan.build import build, declared_said, typed_id

    step_id = _step_id(step_id)
    # the title as she saw it in the list, whatever marking it done changes
    titles = {s.id: s.title for s in build().steps}
    mark_done(step_id)
    step = next((s for s in build().steps if s.id == step_id), None)
    named = f"« {titles.get(step_id, step_id)} »"
    if step is not None and step.contradicted:  # e.g. the emergency sheet with a contact missing: no « Bravo »
        typer.echo(f"{named} — {step.contradicted}")  # still in the plan: no « remettre dans le plan » after it
        _echo_how(step)  # how to do what is left, in the terminal's words
        typer.echo("Le prochain pas : gardien plan")
        return
    if step is not None and step.declared:
        said = declared_said(step, audit_command="gardien audit")
        typer.echo(f"{named} : c'est noté, sur votre parole. {said}".rstrip())
    else:
        typer.echo(f"{named} : c'est noté. Bravo !")
    typer.echo(f"Ce n'était pas cette étape ? Pour la remettre dans le plan : gardien plan rouvrir {typed_id(step_id)}")
    typer.echo("Le prochain pas : gardien plan")


@plan_app.command()
def reporter(
    step_id: Annotated[str, typer.Argument(metavar="ETAPE", help=STEP_HELP)],
    jours: Annotated[int, typer.Option("--jours", min=1, max=365, help="Dans combien de jours la reproposer (7 par défaut).")] = 7,
) -> None:
    """Reporte une étape de quelques jours."""
    from gardien.plan.actions import postpone
    from gardien.plan.build import build, step_title, typed_id

    step_id = _step_id(step_id)
    until = postpone(step_id, jours)
    typer.echo(f"« {step_title(step_id, build()) or step_id} » : reportée, elle reviendra dans le plan le {fr.day(until)}.")
    typer.echo(f"Pour la remettre dans le plan dès maintenant : gardien plan rouvrir {typed_id(step_id)}")


@plan_app.command()
def rouvrir(step_id: Annotated[str, typer.Argument(metavar="ETAPE", help=(
        "Le numéro de l'étape dans la dernière liste de « gardien plan » (celui que vous avez tapé après « fait »), "
        "ou son identifiant, donné par « gardien plan --tout »."))]) -> None:
    """Remet une étape faite ou reportée dans la liste à faire."""
    from gardien.plan.actions import reopen
    from gardien.plan.build import build
    from gardien.questionnaire.questions import ANSWER_LABEL, Answer

    step_id = _step_id(step_id, reopening=True)
    before = reopen(step_id)
    named = next((f"« {s.title} »" for s in build().steps if s.id == step_id), "L'étape")
    typer.echo(f"{named} : remise dans le plan. Le plan à jour : gardien plan")
    if before is Answer.NOT_CONCERNED:  # her answer changed: say so, and how to give the right one
        typer.echo(f"Votre réponse « {ANSWER_LABEL[before]} » devient « {ANSWER_LABEL[Answer.UNKNOWN]} ». Pour donner "
                   f"la bonne : gardien questionnaire repondre {step_id} oui (ou non, nc).")
