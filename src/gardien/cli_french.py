"""The `gardien` command's help, usage lines and usage errors, in French.

Typer (and the click it ships) writes its help and its errors in English (« Usage: », « Show this message and
exit », « Missing argument », « No such command … Did you mean »), and most of these strings are not behind
gettext. So Gardien writes them itself: `FrenchGroup` and `FrenchCommand` build the help from each parameter's
declaration, and `explain()` turns every usage error into a French sentence from the error's type and the
parameter it names — never from its English text, which it never shows.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import Abort
from typer import prompt as typer_prompt
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from gardien.errors import Interrupted
from gardien.report import wrapping

HELP_OPTION_NAMES = ["-h", "--help"]
HELP_TEXT = "Affiche cette aide."
COMMAND_METAVAR = "COMMANDE"
OPTIONS_METAVAR = "[OPTIONS]"


def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((100, 24)).columns))


def _wrap(text: str, indent: int = 0, first: str = "") -> str:
    """`first` then `text`, wrapped to the terminal with a hanging indent."""
    return wrapping.fill(text, _width(), initial_indent=first, subsequent_indent=" " * indent,
                         break_long_words=False, break_on_hyphens=False)


def _paragraphs(text: str | None) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", textwrap.dedent(text or "").strip()) if p.strip()]


def summary(command: Any) -> str:
    """The whole first paragraph of a command's help, never cut (click shortens it to 45 characters)."""
    if getattr(command, "short_help", None):
        return " ".join(command.short_help.split())
    paragraphs = _paragraphs(getattr(command, "help", None))
    return paragraphs[0] if paragraphs else ""


# --- What a parameter expects, in words --------------------------------------------------------------------

def _annotation(param: Any) -> Any:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if get_origin(annotation) in (list, tuple):
        annotation = (get_args(annotation) or (str,))[0]
    args = [a for a in get_args(annotation) if a is not type(None)]
    return args[0] if args and get_origin(annotation) is not None and len(args) == 1 else annotation


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not getattr(descriptor, "is_choice", False):
        return []
    return [str(getattr(c, "value", c)) for c in (descriptor.choices or ())]


def _number(value: float) -> str:
    """As it must be typed on the command line: 20, 0.01."""
    return str(int(value)) if float(value).is_integer() else str(value)


def expects(param: Any) -> str:
    """« un nombre entier de 1 à 1000 », « un chemin de fichier ou de dossier »…"""
    choices = _choices(param)
    if choices:
        return "l'une de ces valeurs : " + ", ".join(choices)
    annotation = _annotation(param)
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if annotation in (int, float):
        kind = "un nombre entier" if annotation is int else "un nombre"
        if low is not None and high is not None:
            kind = f"{kind} de {_number(low)} à {_number(high)}"
        elif low is not None:
            kind = f"{kind} supérieur ou égal à {_number(low)}"
        elif high is not None:
            kind = f"{kind} inférieur ou égal à {_number(high)}"
        return kind if annotation is int else f"{kind}, écrit avec un point (0.5 et non 0,5)"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "un chemin de fichier ou de dossier"
    return "un texte"


def metavar(param: Any) -> str:
    if getattr(param, "metavar", None):
        return param.metavar
    if getattr(param, "param_type_name", "") == "argument":
        return (param.name or "VALEUR").upper()
    annotation = _annotation(param)
    if annotation in (int, float):
        return "NOMBRE"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "CHEMIN"
    return "TEXTE"


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _repeats(param: Any) -> bool:
    return bool(getattr(param, "multiple", False)) or getattr(param, "nargs", 1) == -1


def _option_names(param: Any) -> str:
    names = ", ".join([*param.opts, *getattr(param, "secondary_opts", [])])
    return names if getattr(param, "is_flag", False) else f"{names} {metavar(param)}"


def _default(param: Any) -> str | None:
    default = getattr(param, "default", None)
    if not getattr(param, "show_default", True) or getattr(param, "is_flag", False) or default in (None, "", (), []):
        return None
    if callable(default):
        return None
    return _number(default) if isinstance(default, int | float) and not isinstance(default, bool) else str(default)


def _param_help(param: Any) -> str:
    text = " ".join((getattr(param, "help", None) or "").split()).rstrip(".")
    notes = []
    if getattr(param, "required", False) and not text:
        notes.append("obligatoire")
    if _choices(param):
        notes.append(expects(param))
    if _repeats(param) and _is_option(param) and "répét" not in text:
        notes.append("peut être répétée")
    default = _default(param) if _is_option(param) else None
    if default is not None and "par défaut" not in text:
        notes.append(f"par défaut : {default}")
    notes_text = " (" + " ; ".join(notes) + ")" if notes else ""
    return (text + notes_text).strip() + "." if text or notes else ""


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    """A two-column list: the left column as wide as its longest entry (up to 30), the right one wrapped."""
    if not rows:
        return []
    left = min(30, max(len(name) for name, _ in rows)) + 2
    lines = []
    for name, text in rows:
        if len(name) + 2 > left:
            lines.append("  " + name)
            lines.append(_wrap(text, 2 + left, " " * (2 + left)))
        else:
            lines.append(_wrap(text, 2 + left, "  " + name.ljust(left)) if text else "  " + name)
    return lines


# --- Help and usage ----------------------------------------------------------------------------------------

def _visible_params(command: Any) -> list[Any]:
    return [p for p in command.params if not getattr(p, "hidden", False)]


def _argument_pieces(command: Any) -> list[str]:
    pieces = []
    for param in _visible_params(command):
        if _is_option(param):
            continue
        name = metavar(param) + ("…" if _repeats(param) and not metavar(param).endswith("…") else "")
        pieces.append(name if getattr(param, "required", False) else f"[{name}]")
    return pieces


def _usage(command: Any, ctx: Any, pieces: list[str]) -> str:
    return "Utilisation : " + " ".join([ctx.command_path, *pieces, OPTIONS_METAVAR])


def _help(command: Any, ctx: Any, commands_section: list[str], epilogue: list[str]) -> str:
    lines = [command.get_usage(ctx)]
    for paragraph in _paragraphs(command.help):
        lines += ["", _wrap(paragraph)]
    arguments = [(metavar(p), _param_help(p)) for p in _visible_params(command) if not _is_option(p)]
    if arguments:
        lines += ["", "Arguments :", *_rows(arguments)]
    options = [(_option_names(p), _param_help(p)) for p in _visible_params(command) if _is_option(p)]
    if command.get_help_option(ctx) is not None:
        options.append((", ".join(HELP_OPTION_NAMES), HELP_TEXT))
    lines += commands_section + ["", "Options :", *_rows(options)] + epilogue
    return "\n".join(lines)


def _parse_with_context(parse_args: Any) -> Any:
    """`parse_args` that attaches the command's context to the usage errors click's option parser raises
    without one.

    « --reference » given without its value, or a value after a flag, comes out of the parser as a bare
    `BadOptionUsage`: without its context, the message could only point to the top-level help. With it, it
    names the sub-command and its own help. (A plain function, not a mixin: `frenchify` swaps a typer
    command's class in place, which needs the same object layout.)
    """

    def parse(self: Any, ctx: Any, args: list[str]) -> list[str]:
        try:
            return parse_args(self, ctx, args)
        except click_errors.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    return parse


def _interruptible(invoke):
    """`invoke`, where Ctrl+C becomes Interrupted (exit 130 with a French line) — the one place that does it for
    every command. Typer would exit 130 without a word, and click's prompts turn Ctrl+C into Abort; a command that
    saves as it goes raises its own Interrupted first, saying what it kept."""
    def run(self: Any, ctx: Any) -> Any:
        try:
            return invoke(self, ctx)
        except KeyboardInterrupt:
            raise Interrupted(ctx.command_path) from None
        except Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise Interrupted(ctx.command_path) from None
            raise

    return run


def prompt(question: str, **options: Any) -> str:
    """typer.prompt, but Ctrl+C stays KeyboardInterrupt (click turns it into Abort, like the end of the input, which
    becomes EOFError here): the command can then say what it kept."""
    try:
        return str(typer_prompt(question, **options))
    except Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise EOFError from None


class FrenchCommand(TyperCommand):
    """A command whose help and usage are French."""

    parse_args = _parse_with_context(TyperCommand.parse_args)
    invoke = _interruptible(TyperCommand.invoke)

    def get_usage(self, ctx: Any) -> str:
        return _usage(self, ctx, _argument_pieces(self))

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx, [], [])


class FrenchGroup(TyperGroup):
    """A group of commands: French help, French « unknown command », and French subcommands.

    `SECTIONS` (title, command names) orders and groups the commands in the help; a command not listed there
    still shows, under « Autres commandes ».
    """

    SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = ()

    parse_args = _parse_with_context(TyperGroup.parse_args)
    invoke = _interruptible(TyperGroup.invoke)

    def list_commands(self, ctx: Any) -> list[str]:
        registered = list(super().list_commands(ctx))
        listed = [name for _, names in self.SECTIONS for name in names if name in registered]
        return listed + [name for name in registered if name not in listed]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return frenchify(command) if command is not None else None

    def get_usage(self, ctx: Any) -> str:
        sub = f"[{COMMAND_METAVAR}]" if self.invoke_without_command else COMMAND_METAVAR
        return _usage(self, ctx, [*_argument_pieces(self), sub])

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx, self._commands_section(ctx), ["", f"L'aide d'une commande : {ctx.command_path} {COMMAND_METAVAR} --help"])

    def _commands_section(self, ctx: Any) -> list[str]:
        visible = {name: self.get_command(ctx, name) for name in self.list_commands(ctx)}
        visible = {name: command for name, command in visible.items() if command is not None and not command.hidden}
        sections = [(title, [n for n in names if n in visible]) for title, names in self.SECTIONS]
        listed = {name for _, names in sections for name in names}
        rest = [name for name in visible if name not in listed]
        if rest:
            sections.append(("Autres commandes" if sections else "Commandes", rest))
        lines = []
        for title, names in sections:
            if names:
                lines += ["", f"{title} :", *_rows([(name, summary(visible[name])) for name in names])]
        return lines

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            if _looks_like_a_file(name):
                raise FileInsteadOfCommand(name, self.file_commands(ctx, name), ctx)
            raise UnknownCommand(name, self.list_commands(ctx), ctx)
        return super().resolve_command(ctx, args)

    def file_commands(self, ctx: Any, name: str) -> list[tuple[str, str]]:
        """The commands of this group (and of its sub-groups) that take a file as their argument, as
        (words to type after the group, summary): those whose argument names the file's extension when some do.
        More than MAX_FILE_COMMANDS is no hint (« gardien rapport.pdf »: too many ways to read it)."""
        found: list[tuple[str, str, str]] = []
        todo: list[tuple[list[str], Any]] = [([], self)]
        while todo:
            words, group = todo.pop(0)
            for sub_name in group.list_commands(ctx):
                command = group.get_command(ctx, sub_name)
                if command is None or command.hidden:
                    continue
                if isinstance(command, FrenchGroup):
                    todo.append(([*words, sub_name], command))
                    continue
                argument = next((p for p in command.params if not _is_option(p)), None)
                annotation = _annotation(argument) if argument is not None else None
                if isinstance(annotation, type) and issubclass(annotation, Path):
                    found.append((" ".join([*words, sub_name]), summary(command), getattr(argument, "help", "") or ""))
        suffix = Path(name).suffix.lower()
        named = [f for f in found if suffix and re.search(re.escape(suffix) + r"\b", f[2].lower())]
        chosen = named or found
        return [(words, text) for words, text, _ in chosen] if len(chosen) <= MAX_FILE_COMMANDS else []


def frenchify(command: Any) -> Any:
    """The same command object, now writing its help and usage in French.

    The subcommand files declare plain typer commands; their class is swapped here, when the group hands
    them out, so that every command speaks French without each file having to ask for it. A command that
    chose its own class keeps it.
    """
    if type(command) is TyperGroup:
        command.__class__ = FrenchGroup
    elif type(command) is TyperCommand:
        command.__class__ = FrenchCommand
    return command


# --- Usage errors ------------------------------------------------------------------------------------------

class UnknownCommand(click_errors.UsageError):
    """A command name that does not exist, with the closest names as suggestions."""

    def __init__(self, name: str, known: list[str], ctx: Any) -> None:
        self.name, self.suggestions = name, difflib.get_close_matches(name, known, n=2, cutoff=0.6)
        super().__init__(f"unknown command {name}", ctx)


MAX_FILE_COMMANDS = 3


def _looks_like_a_file(name: str) -> bool:
    """« message.eml », « Documents/export.csv », or any name that exists here: a file or a folder, not a command."""
    if "/" in name or "\\" in name or Path(name).exists():
        return True
    return re.fullmatch(r"[^.\s]+(\.[A-Za-z0-9]{1,5})+", name) is not None


class FileInsteadOfCommand(UnknownCommand):
    """A file or folder given to a group, where a command name was expected: `commands` are those that take one."""

    def __init__(self, name: str, commands: list[tuple[str, str]], ctx: Any) -> None:
        super().__init__(name, [], ctx)
        self.commands = commands


def _typed(name: str) -> str:
    return f'"{name}"' if any(c.isspace() for c in name) else name


def _file_hint(error: FileInsteadOfCommand) -> str:
    ctx = error.ctx
    group = ctx.command_path if ctx is not None else "gardien"
    what = "un dossier" if Path(error.name).is_dir() else "un fichier"
    text = f"{_quote(error.name)} est {what}, pas une commande : écrivez d'abord ce qu'il faut en faire."
    if len(error.commands) == 1:
        return f"{text}\nTapez : {group} {error.commands[0][0]} {_typed(error.name)}"
    if error.commands:
        lines = [f"{text}\nTapez l'une de ces commandes :"]
        for words, description in error.commands:
            lines.append(f"  {group} {words} {_typed(error.name)}")
            if description:
                lines.append(_wrap(description, 6, " " * 6))
        return "\n".join(lines)
    return text


def _quote(text: str) -> str:
    return f"« {text} »"


def _or(words: list[str]) -> str:
    quoted = [_quote(w) for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _param_label(param: Any) -> str:
    if param is None:
        return "une valeur"
    if _is_option(param):
        return f"l'option {param.opts[-1] if param.opts else param.name}"
    return metavar(param)


def _options_of(ctx: Any) -> list[str]:
    if ctx is None:
        return []
    names = [opt for p in ctx.command.params if _is_option(p) for opt in [*p.opts, *getattr(p, "secondary_opts", [])]]
    return names + HELP_OPTION_NAMES


def explain(error: Exception) -> str:
    """A French sentence for any usage error typer can raise, from its type and its parameter only."""
    ctx = getattr(error, "ctx", None)
    where = f" de {_quote(ctx.command_path)}" if ctx is not None else ""
    if isinstance(error, FileInsteadOfCommand):
        return _file_hint(error)
    if isinstance(error, UnknownCommand):
        text = f"Commande inconnue : {_quote(error.name)}."
        if error.suggestions:
            text += f" Vouliez-vous dire {_or(error.suggestions)} ?"
        return text
    if isinstance(error, click_errors.NoSuchOption):
        text = f"Option inconnue{where} : {_quote(error.option_name)}."
        close = difflib.get_close_matches(error.option_name, _options_of(ctx), n=2, cutoff=0.6)
        return text + (f" Vouliez-vous dire {_or(close)} ?" if close else "")
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        after = f" après {_quote(ctx.command_path)}" if ctx is not None else ""
        help_text = " ".join((getattr(param, "help", None) or "").split()).rstrip(".")
        return f"Il manque {_param_label(param)}{after}" + (f" : {help_text[:1].lower()}{help_text[1:]}." if help_text else ".")
    if isinstance(error, click_errors.BadParameter):
        param = error.param
        if param is None:
            return f"Valeur invalide{where}."
        return f"Valeur invalide pour {_param_label(param)} : il faut {expects(param)}."
    if isinstance(error, click_errors.BadOptionUsage):
        name = error.option_name
        if "does not take" in error.message:
            return f"L'option {_quote(name)}{where} ne prend pas de valeur : écrivez-la seule."
        return f"L'option {_quote(name)}{where} attend une valeur, écrite juste après elle."
    extra = re.search(r"unexpected extra argument\S* \((.*)\)", str(getattr(error, "message", "")))
    if extra:
        return f"Trop d'éléments dans la commande : {_quote(extra.group(1))} n'est pas attendu ici."
    return f"Commande incomplète ou mal écrite{where}."


def usage_hint(error: Exception, program: str = "gardien") -> str:
    """The usage line of the command the error is about, and where to read its help."""
    ctx = getattr(error, "ctx", None)
    if ctx is None or not isinstance(ctx.command, FrenchCommand | FrenchGroup):
        return f"L'aide : {program} --help"
    if isinstance(error, FileInsteadOfCommand) and error.commands:  # the line to type is said: no usage line
        return f"L'aide : {ctx.command_path} --help"
    return f"{ctx.command.get_usage(ctx)}\nL'aide : {ctx.command_path} --help"


# --- Questions asked in the terminal ------------------------------------------------------------------------

YES, NO = {"o", "oui", "y", "yes"}, {"n", "non", "no"}
UNKNOWN = {"?", "nsp", "je ne sais pas", "jsp"}


def yes_no_letters(unknown: bool) -> str:
    """The letters a yes/no question offers, as the questionnaire writes them: « o/n/? » (« ? » for « je ne sais
    pas », when it is an answer), « o/n »."""
    return "o/n/?" if unknown else "o/n"


def yes_no_answer(typed: str, unknown: bool) -> str | None:
    """« oui », « non » or « nsp » for what she typed to a yes/no question (o, oui, n, non, ?, nsp…), as the
    questionnaire reads it; None when it is none of them (or « ? » where « je ne sais pas » is no answer)."""
    word = " ".join(typed.strip().lower().split())
    if word in YES or word in NO:
        return "oui" if word in YES else "non"
    return "nsp" if unknown and word in UNKNOWN else None


def yes_no_again(unknown: bool) -> str:
    """What to say when the answer was not understood."""
    return "Répondez o (oui), n (non) ou ? (je ne sais pas)." if unknown else "Répondez o (oui) ou n (non)."


def confirm(question: str, default: bool = True, err: bool = False) -> bool:
    """A yes/no question in French (typer.confirm writes « [Y/n] » and answers « Error: invalid input »).
    `err`: asked on the error output, for a command whose standard output is kept for its result."""
    choices = "[O/n]" if default else "[o/N]"
    out = sys.stderr if err else sys.stdout
    while True:
        out.write(f"{question} {choices} ")
        out.flush()
        try:
            typed = input("").strip().lower()
        except EOFError:  # no keyboard (a script): the default, as typer does
            return default
        if not typed:
            return default
        if typed in YES or typed in NO:
            return typed in YES
        print("Répondez o (oui) ou n (non).", file=out)


def state_then_commands(group: str, show_state: Any) -> None:
    """A command group typed alone (« gardien rappels »): its state and next command (`show_state`, the group's
    « etat »), then where its other commands are, rather than the list of sub-commands (round 23). The state's exit code
    stays the group's."""
    import typer

    hint = f"Toutes les commandes : gardien {group} --help"
    try:
        show_state()
    except typer.Exit:
        typer.echo(hint)
        raise
    typer.echo(hint)


# what stands for yes elsewhere (« o » in the questionnaire): where nothing erased comes back, the whole word is asked
YES_SHORT = ("o", "y", "yes", "ou", "ok")


def not_erased(typed: str) -> str | None:
    """None when `typed` (stripped, lower case) is the whole word « oui »; else what to say: nothing was erased, and
    that the whole word is wanted when she typed a short yes (`gardien effacer`, `registre violations supprimer`)."""
    if typed == "oui":
        return None
    return "Rien n'a été effacé." + (" Pour confirmer, tapez le mot « oui » en entier." if typed in YES_SHORT else "")
