"""French wording of what Gardien writes: proper plurals instead of « (s) », French yes/no questions, « : » with
its space."""

from __future__ import annotations

import ast
import io
import re
from importlib import resources
from pathlib import Path

import pytest

import gardien
from gardien import cli_french

SRC = Path(gardien.__file__).parent
# « 3 fichier(s) », « trouvé(s) », « lieu(x) », « postal(aux) »: French writes the agreed word
HEDGED = re.compile(r"\w\((s|x|aux|e|es)\)")


def _user_strings(path: Path) -> list[str]:
    """String constants of a module, docstrings left out (they are for developers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and ast.get_docstring(node)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_hedged_plural_in_user_text():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        found += [f"{path.relative_to(SRC)}: {text[:80]}" for text in _user_strings(path) if HEDGED.search(text)]
    for path in sorted((SRC / "web" / "templates").rglob("*.j2")):
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.relative_to(SRC)}: {m.group()}" for m in HEDGED.finditer(text)]
    assert not found, "\n".join(found)


def test_plural_filter_agrees_in_the_pages():
    from gardien.web.render import environment

    template = environment().from_string('{{ n|plural("étape pas faite", "étapes pas faites") }}')
    assert template.render(n=1) == "1 étape pas faite" and template.render(n=3) == "3 étapes pas faites"


def test_pseudonymiser_summary_agrees():
    from gardien.pseudonym.engine import LABEL_NAMES

    assert all(isinstance(v, tuple) and len(v) == 2 for v in LABEL_NAMES.values())
    assert LABEL_NAMES["CODE_POSTAL"] == ("code postal", "codes postaux")


def test_no_english_yes_no_question():
    for path in sorted(SRC.rglob("*.py")):
        assert "typer.confirm(" not in path.read_text(encoding="utf-8"), f"{path.name}: « [y/N] » is English"


@pytest.mark.parametrize("typed, default, expected", [("o\n", False, True), ("non\n", True, False), ("\n", False, False),
                                                     ("y\n", False, True), ("peut-être\nn\n", True, False)])
def test_confirm_asks_in_french_on_the_chosen_output(monkeypatch, capsys, typed, default, expected):
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert cli_french.confirm("Protéger ~/Documents ?", default=default, err=True) is expected
    out, err = capsys.readouterr()
    assert out == "" and "Protéger ~/Documents ? [" in err and ("[O/n]" if default else "[o/N]") in err
    if "peut-être" in typed:
        assert "Répondez o (oui) ou n (non)." in err


def test_prompts_put_a_space_before_the_colon():
    for name in ("cli_effacer.py", "cli_registre.py", "cli_fin_de_vie.py", "cli_backup.py"):
        code = (SRC / name).read_text(encoding="utf-8")
        for call in re.findall(r"typer\.prompt\((.*?)\)\)?$", code, flags=re.M):
            assert 'prompt_suffix=" : "' in call, f"{name}: {call}"


def test_wheel_holds_the_templates_scanned_here():
    assert resources.files("gardien.web").joinpath("templates", "formation_piege.html.j2").is_file()


# Wording that needs no gender: the person reading may be a sage-femme or an infirmier, and « seul·e »,
# « vous seule » or « Je pense être attaqué » each read wrong to someone.
GENDERED = re.compile(r"\w·\w|\bvous seule?\b|être attaquée?\b")


def test_user_text_needs_no_gender():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        found += [f"{path.relative_to(SRC)}: {text[:80]}" for text in _user_strings(path) if GENDERED.search(text)]
    for path in sorted(list(SRC.rglob("*.j2")) + list(SRC.rglob("*.toml"))):
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.relative_to(SRC)}: {m.group()}" for m in GENDERED.finditer(text)]
    assert not found, "\n".join(found)


# Acronyms a practitioner does not know, and the words that say what they are, in the same text.
EXPLAINED = {"CSIRT": "centre régional", "CERT-FR": "centre national"}


def _user_texts() -> list[tuple[str, str]]:
    """(where, text) for every user-facing text: .py string constants (the commands' docstrings too: they are
    their help), .toml values (comment lines left out), template text."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name.startswith("cli"):  # a command's docstring is its help
            tree = ast.parse(path.read_text(encoding="utf-8"))
            strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        else:
            strings = _user_strings(path)
        found += [(str(path.relative_to(SRC)), text) for text in strings]
    for path in sorted(SRC.rglob("*.toml")):
        found += [(str(path.relative_to(SRC)), line) for line in path.read_text(encoding="utf-8").splitlines()
                  if not line.lstrip().startswith("#")]
    for path in sorted((SRC / "web" / "templates").rglob("*.j2")):
        found.append((str(path.relative_to(SRC)), re.sub(r"\{#.*?#\}", " ", path.read_text(encoding="utf-8"), flags=re.S)))
    return found


@pytest.mark.parametrize("acronym", sorted(EXPLAINED))
def test_incident_centres_are_explained_where_they_are_named(acronym):
    """« CSIRT » and « CERT-FR » mean nothing to a midwife: each text naming one says what it is."""
    found = [f"{where}: {text.strip()[:100]}" for where, text in _user_texts()
             if acronym in text and EXPLAINED[acronym] not in text and not where.endswith("sources.toml")]
    assert not found, "\n".join(found)


def test_the_cert_sante_is_explained_at_its_first_mention_in_the_emergency_steps_and_the_quiz():
    from gardien.formation.content import modules
    from gardien.urgence.content import steps

    step = next(s for s in steps() if s.id == "cert_sante")
    assert step.text.startswith("Le CERT Santé est le service de l'Agence du numérique en santé")
    question = next(q for m in modules() for q in m.questions if q.id == "ranc_cert_sante")
    assert question.text.startswith("Le CERT Santé est le service de l'Agence du numérique en santé")


# Round 22: technical words a midwife does not know, and the words that say what they are, in the same text. The
# commands to type (« fprintd-enroll ») and the sources' citations keep their names; so do single words (the code's
# own names, « cron » as a scheduler's id).
JARGON = {"VPN": "accès chiffré", "SSD": "sans pièce mobile", "cron": "tâches programmées", "fprintd": "empreinte"}
NOT_SAID = ("sources.toml", "probes/", "parsers/")


@pytest.mark.parametrize("word", sorted(JARGON))
def test_technical_words_are_explained_where_they_are_said(word):
    """Failed before: the Wi-Fi check's title was « Pas de Wi-Fi ouvert sans VPN », the reminders said « Le service
    cron tourne », the fingerprint check « le service fprintd n'est pas installé », the end-of-life steps « même sur un
    SSD », each without a word of what it is."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    found = [f"{where}: {text.strip()[:120]}" for where, text in _user_texts()
             if pattern.search(text) and len(text.split()) > 2 and JARGON[word] not in text
             and not where.startswith(NOT_SAID) and not where.endswith(NOT_SAID)
             and not text.lstrip().startswith("libelle")]  # a source's citation
    assert not found, "\n".join(found)
