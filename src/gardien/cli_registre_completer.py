"""`gardien registre completer`: what is left « à compléter », heading by heading, answered with numbered choices
(or typed), once for every activity or activity by activity. A thin shell over gardien.registre.choices, the same
answers as the web page « Compléter »."""

from __future__ import annotations

import re

import typer

from gardien.cli_french import prompt, yes_no_again, yes_no_answer, yes_no_letters
from gardien.errors import GardienError, Interrupted
from gardien.fr import plural
from gardien.registre import choices
from gardien.registre.interview import ANSWER_LABEL, NOT_KNOWN

DURATION = re.compile(r"^\s*(\d+)\s*(mois|ans?)?\s*$", re.IGNORECASE)


def _echo(text: str = "") -> None:
    typer.echo(text)


RESUME = "gardien registre completer"


class _Saved:
    """How many answers are saved so far (an interruption says it, and that the next run takes up what is left), and
    how many elements they completed: one answer « for every activity » completes several, and counts once."""

    count = 0
    filled = 0


class _Stopped(Exception):
    """She stopped (Ctrl+C, or the end of the input): the heading being answered saves what it was given, then
    `_stopped` says what was kept."""

    def __init__(self, ctrl_c: bool) -> None:
        super().__init__()
        self.ctrl_c = ctrl_c


def _stopped(stop: _Stopped) -> GardienError:
    if stop.ctrl_c:
        return Interrupted(RESUME, _kept())
    kept = _kept() or "rien n'a été enregistré"
    again = "Pour reprendre" if _Saved.count else "Pour recommencer"
    return GardienError(f"Interrompu avant la fin : {kept}. {again} : {RESUME}")


def _ask(question: str) -> str:
    try:
        return str(prompt(question, default="", show_default=False, prompt_suffix=" : ")).strip()
    except KeyboardInterrupt:
        raise _Stopped(ctrl_c=True) from None
    except (typer.Abort, EOFError):
        raise _Stopped(ctrl_c=False) from None


def _kept() -> str:
    return (plural(_Saved.count, "réponse enregistrée", "réponses enregistrées") + ", le reste est à compléter"
            if _Saved.count else "")


def _numbers(question: str, offered: tuple[choices.Choice, ...], several: bool, sheet_id: str | None = None) -> list[str]:
    """The ids of the choices typed as numbers (none: Entrée). A choice that does not fit `sheet_id` is asked again."""
    while True:
        answer = _ask(question)
        if not answer:
            return []
        parts = answer.replace(",", " ").split()
        if not (all(p.isdigit() and 1 <= int(p) <= len(offered) for p in parts) and (several or len(parts) == 1)):
            _echo(f"Tapez {'un ou plusieurs numéros' if several else 'un numéro'} de 1 à {len(offered)}, ou Entrée pour passer.")
            continue
        picked = [offered[int(p) - 1] for p in parts]
        refused = next((c for c in picked if sheet_id is not None and sheet_id in c.not_for), None)
        if refused is not None:
            _echo(f"« {refused.short} » ne convient pas ici. {refused.why_not}")
            continue
        return [c.id for c in picked]


def _duration(question: str, starts: tuple[choices.Choice, ...]) -> choices.Answer:
    while True:
        answer = _ask(question)
        if not answer:
            return choices.Answer()
        match = DURATION.match(answer)
        if match and 1 <= int(match.group(1)) <= choices.MAX_DURATION:
            unit = choices.Unit.MONTHS if (match.group(2) or "").lower() == "mois" else choices.Unit.YEARS
            start = _numbers("  À compter de (numéro, Entrée pour aucun)", starts, several=False)
            return choices.Answer(number=match.group(1), unit=unit.value, start=start[0] if start else "")
        _echo(f"Tapez une durée comme « 5 ans » ou « 18 mois » (de 1 à {choices.MAX_DURATION}), ou Entrée pour passer.")


def _answer(group: choices.Group, line: choices.Line) -> choices.Answer:
    assert group.choice_set is not None
    label = "Pour toutes les activités" if line.shared else f"  {line.title}"
    if group.choice_set.form is choices.Form.DURATION:
        return _duration(f"{label} : durée (« 5 ans », « 18 mois », Entrée pour passer)", group.choice_set.choices)
    several = group.choice_set.form is choices.Form.SEVERAL
    how = "numéros" if several else "numéro"
    return choices.Answer(_numbers(f"{label} ({how}, Entrée pour passer)", group.choice_set.choices, several, line.sheet_id))


def _save(register, shared: dict[str, choices.Answer], own: dict[int, choices.Answer]) -> choices.Outcome:
    """Apply the answers just given (numbered over the register as it is now) and save them at once."""
    from gardien.registre import storage

    outcome = choices.apply(register, shared, own)
    if outcome.filled:
        storage.save(register)
        _Saved.count += sum(not answer.is_empty() for answer in (*shared.values(), *own.values()))
        _Saved.filled += outcome.filled
    return outcome


def _save_one(register, group: choices.Group, gap, answer: choices.Answer) -> None:
    """One free-text answer, saved as given."""
    from gardien.registre import builder, storage

    made = choices.statement(group, gap, answer)
    if made is None:
        return
    builder.fill_gap(register, gap.sheet.id, gap.field.id, gap.statement.text if gap.statement else "", made.text,
                     made.sources)
    storage.save(register)
    _Saved.count += 1
    _Saved.filled += 1


def _open_answer(register, question) -> object:
    """Ask again an interview answer left empty or « Je ne sais pas » that leaves gaps: the answer given becomes the
    interview's (the one the questionnaire, the plan and the end-of-life certificate read) and fills its gaps. Returns
    the register, rebuilt and saved when she answered."""
    from gardien.registre import builder, storage
    from gardien.registre.interview import BadAnswer, check

    _echo()
    now = f"vous aviez répondu « {question.current} »" if question.current else "vous n'aviez pas répondu"
    _echo(f"== {question.question} ==")
    _echo(f"À l'entretien, {now} : {plural(len(question.gaps), 'élément reste', 'éléments restent')} à compléter "
          "pour cette raison. Votre réponse remplace celle de l'entretien.")
    if question.labels is ANSWER_LABEL:  # a yes/no question: asked as the interview and the questionnaire ask it
        while True:
            typed = _ask(f"Votre réponse [{yes_no_letters(False)}] (Entrée pour passer)")
            if not typed:
                return register
            value = yes_no_answer(typed, unknown=False)
            if value is not None:
                break
            _echo(yes_no_again(False))
    elif question.labels is not None:
        offered = [key for key in question.labels if key.value not in NOT_KNOWN]
        for number, key in enumerate(offered, start=1):
            _echo(f"  {number}. {question.labels[key]}")
        while True:
            typed = _ask("Votre choix (numéro, Entrée pour passer)")
            if not typed:
                return register
            if typed.isdigit() and 1 <= int(typed) <= len(offered):
                value = offered[int(typed) - 1].value
                break
            _echo(f"Tapez un numéro de 1 à {len(offered)}, ou Entrée pour passer.")
    else:
        while True:
            value = _ask("Votre réponse (Entrée pour passer)")
            if not value:
                return register
            try:
                check(question.name, value)
                break
            except BadAnswer as exc:
                _echo(exc.message)
    before = len(builder.gaps(register))
    register = builder.answer(register, question.name, value)
    storage.save(register)
    _Saved.count += 1
    _Saved.filled += max(before - len(builder.gaps(register)), 0)
    return register


def complete() -> None:
    """Complète ce qui manque au registre : des choix numérotés, une fois pour toutes les activités ou une par une."""
    from gardien.registre import builder, exports

    register = exports.current()
    if not builder.gaps(register):
        _echo("Plus rien à compléter dans le registre.")
        return
    _Saved.count = _Saved.filled = 0
    try:
        _complete(register)
    except _Stopped as stop:
        raise _stopped(stop) from None


def _complete(register) -> None:
    from gardien.registre import builder

    _echo(f"{plural(len(builder.gaps(register)), 'élément')} à compléter. Entrée pour passer ce que vous ne savez pas encore ;")
    _echo("ce que vous choisissez ou écrivez sera noté « déclaré » et enregistré aussitôt : si vous vous arrêtez, "
          "la suite reste à compléter.")
    for name in [q.name for q in builder.open_answers(register)]:
        # read again after each answer: one answer may fill another's gaps (the software names the billing software)
        question = next((q for q in builder.open_answers(register) if q.name == name), None)
        if question is not None:
            register = _open_answer(register, question)
    keys = [group.key for group in choices.groups(register)]
    skipped: list[str] = []
    for key in keys:
        # the groups are read again after each save: the answers are numbered over what is still to complete
        group = next((g for g in choices.groups(register) if g.key == key), None)
        if group is None:
            continue
        shared: dict[str, choices.Answer] = {}
        own: dict[int, choices.Answer] = {}
        _echo()
        _echo(f"== {group.title} ({len(group.gaps)}) ==")
        _echo(group.hint)
        lines = group.lines()
        if lines and group.choice_set is not None:
            if group.choice_set.form is not choices.Form.DURATION:
                for number, choice in enumerate(group.choice_set.choices, start=1):
                    caveat = f" {choice.why_not}" if choice.why_not else ""
                    _echo(f"  {number}. {choice.short} : {choice.explanation}{caveat}")
            else:
                _echo("À compter de : " + " ; ".join(f"{n}. {c.short}" for n, c in enumerate(group.choice_set.choices, 1)))
            try:
                for line in lines:
                    answer = _answer(group, line)
                    if line.shared:
                        shared[group.key] = answer
                        if not answer.is_empty():
                            _echo("  Activité par activité, Entrée garde cette réponse ; "
                                  + ("des numéros s'y ajoutent :" if group.choice_set.form is choices.Form.SEVERAL
                                     else "une autre réponse la remplace :"))
                    else:
                        own[int(line.prefix)] = answer
            except _Stopped:
                _save(register, shared, own)  # stopped half-way through the heading: what she answered is kept
                raise
            apart = group.apart()
            skipped += _save(register, shared, own).skipped  # the table's answers, before the gaps typed apart
        elif len(group.gaps) > 1 and group.key != "cabinet":
            same = choices.Answer(free=_ask("Même réponse pour toutes les activités (Entrée pour répondre une par une)"))
            if not same.is_empty():
                _save(register, {group.key: same}, {})
                continue
            apart = group.numbered()
        else:
            apart = group.numbered()
        for _number, gap in apart:
            hint = gap.statement.text if gap.statement else f"À compléter : {gap.field.hint}"
            _echo(f"{gap.sheet.title} — {gap.field.label}. {hint}")
            _save_one(register, group, gap, choices.Answer(free=_ask("  Votre réponse (Entrée pour passer)")))
    _echo()
    answered = plural(_Saved.count, "réponse enregistrée", "réponses enregistrées")
    completed = f" ({plural(_Saved.filled, 'élément complété', 'éléments complétés')})" if _Saved.filled != _Saved.count else ""
    _echo(f"{answered}{completed} ; {plural(len(builder.gaps(register)), 'élément reste', 'éléments restent')} à compléter.")
    for line in skipped:
        _echo(f"Réponse commune non reprise pour {line}")
