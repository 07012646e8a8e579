"""data/sources.toml against references.md: a rule read only in secondary sources or from memory ([S], [M]) is
never shown as verified; every source a text cites exists; no terminal command in texts the web shows too."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from conftest import SHARED

from gardien.core.registry import sources
from gardien.questionnaire.questions import questions

REFERENCES = SHARED / "docs" / "references.md"


def _rule_blocks(text: str) -> dict[str, str]:
    """Rule id -> its paragraph in references.md ("**MDP-13 — …**" up to the next rule)."""
    heads = list(re.finditer(r"^\*\*([A-Z]+-\d+) — .*$", text, re.M))
    return {m.group(1): text[m.start():(heads[i + 1].start() if i + 1 < len(heads) else len(text))]
            for i, m in enumerate(heads)}


# Rules whose paragraph mixes texts read in the primary source and others: Gardien's label cites only the primary
# part, named here (checked below), so the source may be shown as verified.
PRIMARY_PART_ONLY = {
    "POSTE-05": "mesure 33",  # not the ANSSI-CPME rule [S]
    "SAUV-03": "7.4.3.2",  # the ANS canevas, not the CPME guide [S]
    "MSG-02": "espace de confiance",  # the ANS page, not the kinds of mailboxes [S]
    "IA-01": "R34",  # ANSSI, not the HAS [S]
    "RGPD-08": "fiche 14",  # CNIL guide [P] and HDS [P], not GDPR art. 28 from memory [M]
}


def test_unverified_rules_are_never_shown_as_verified():
    if not REFERENCES.is_file():
        pytest.skip(f"references.md absent : {REFERENCES} (le dossier ../shared n'est pas là)")
    blocks = _rule_blocks(REFERENCES.read_text(encoding="utf-8"))
    wrong = []
    for key, source in sources().items():
        block = blocks.get(key)
        if block is None:
            continue  # Gardien's own ids (MAC-…, DOC-003, CYBERMAL-KIT) are checked by hand
        first_source = re.search(r"^Source ?:.*$", block, re.M)
        tags = re.findall(r"\[([PSM])[^\]]*\]", first_source.group(0) if first_source else block)
        read_in_primary = bool(tags) and all(t == "P" for t in tags)
        if key in PRIMARY_PART_ONLY:
            assert PRIMARY_PART_ONLY[key] in source.label, key
            continue
        if source.verified and not read_in_primary:
            wrong.append(f"{key} marqué vérifié, mais {sorted(set(tags))} dans references.md")
    assert wrong == []


def test_known_statuses():
    catalogue = sources()
    assert not catalogue["MDP-13"].verified  # [P] for the decree's opening only, [S] for how to get the e-CPS
    assert not catalogue["MDP-04"].verified and not catalogue["INC-02"].verified
    assert catalogue["MSG-01"].verified and "pas obligatoire" in catalogue["MSG-01"].label
    assert "cybermalveillance" not in catalogue["CYBERMAL-KIT"].url  # the kit has no address in references.md


def test_every_cited_source_exists():
    raw = tomllib.loads(resources.files("gardien.passwords").joinpath("conseils.fr.toml").read_text(encoding="utf-8"))
    cited = {s for topic in raw.values() for s in topic["sources"]}
    assert cited <= set(sources())
    for question in questions():
        assert question.sources


def test_questions_ask_one_positive_thing_without_a_command():
    for question in questions():
        text = question.text
        assert text.endswith(" ?") and "ailleurs que" not in text and not re.match(r"(Évitez|Refusez)-vous", text)
        for line in (text, question.why, *question.how):
            assert "gardien " not in line, (question.id, line)  # these texts are shown in the web interface too
    phone = next(q for q in questions() if q.id == "telephone_protege")
    steps = " ".join(phone.how)
    assert "Face ID et code" in steps and "Réglages › Sécurité" not in steps and "Réglages > Sécurité" not in steps
    assert "Gardien conseille 6 chiffres" in steps and "4 chiffres" in steps
    assert any(s.id == "MDP-04" for s in phone.sources)
    ransom = next(q for q in questions() if q.id == "reflexes_rancongiciel")
    # the reflexes themselves are on the emergency sheet, said once (round 12): the step points to it
    assert "la fiche réflexe de Gardien" in ransom.how[0] and any(s.id == "INC-02" for s in ransom.sources)
    mssante = next(q for q in questions() if q.id == "messagerie_securisee")
    assert "MSSanté ne l'est pas" in mssante.why


def test_password_advice_has_no_terminal_command():
    from gardien.passwords.advice import topics

    for topic in topics().values():
        assert not any("gardien " in paragraph for paragraph in topic.paragraphs), topic.title


def _cited_texts() -> list[str]:
    """Texts shown to the user that cite a rule: the questions (their step in the plan too), every source's label,
    the emergency mode's own sources and the pages' templates."""
    texts = [t for q in questions() for t in (q.text, q.action, q.why, *q.how)]
    texts += [s.label for s in sources().values()]
    urgence = tomllib.loads(resources.files("gardien.urgence").joinpath("etapes.fr.toml").read_text(encoding="utf-8"))
    texts += [s["libelle"] for s in urgence.get("sources", {}).values()]
    templates = resources.files("gardien.web").joinpath("templates")
    texts += [line for page in templates.iterdir() if page.name.endswith(".j2")
              for line in page.read_text(encoding="utf-8").splitlines()]
    return texts


def test_the_anssi_measure_40_is_named_for_what_it_is_wherever_it_is_cited():
    """A midwife's walkthrough: « mesure 40 » was cited for « changer les mots de passe compromis » (quiz) and for
    « déconnecter la machine du réseau » (urgence), which read as two different measures. Both are in measure 40 of
    the 2017 guide, « Définir une procédure de gestion des incidents de sécurité » (references.md PHISH-04, INC-01):
    each citation now names it (failed on main)."""
    cited = [t for t in _cited_texts() if "mesure 40" in t]
    assert len(cited) >= 3
    assert not [t for t in cited if "gestion des incidents de sécurité" not in t], cited


def test_article_l1111_8_is_cited_with_its_code():
    """A midwife's walkthrough: « méconnaît l'article L1111-8 » (questionnaire and plan) did not name the code, as the
    register does (failed on main)."""
    cited = [re.sub(r"CSP-L1111-8", "", t) for t in _cited_texts()]
    assert not [t for t in cited if "L1111-8" in t and "code de la santé publique" not in t.lower()]


# A legal article as the user reads it (« article L1111-8 », « articles L1110-4 et… », « art. 33.3 b »), and the
# codes Gardien cites: the code is named right after the article, or just before it (« RGPD, article 33 — »,
# « Le RGPD (article 34) »).
_ARTICLE = re.compile(r"\b(?:art\.|articles?)\s+(?:[LRD]\.?\s?)?\d[\w.-]*", re.I)
_CODE = re.compile(r"RGPD|code de la santé publique|code de la sécurité sociale", re.I)
_NOT_SHOWN = ("mail/", "pseudonym/", "passwords/data/")  # word lists and detector vocabularies, never shown as text


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _shown_texts() -> list[tuple[str, str]]:
    """(file, text) for every text the package may show: each string of its .toml files and templates, and the
    string constants of its Python files (docstrings only in the cli modules, where they are the commands' help)."""
    import ast

    found: list[tuple[str, str]] = []

    def walk(folder, prefix: str = "") -> None:
        for item in folder.iterdir():
            name = prefix + item.name
            if item.is_dir():
                walk(item, name + "/")
            elif name.startswith(_NOT_SHOWN):
                continue
            elif name.endswith(".toml"):
                found.extend((name, s) for s in _strings(tomllib.loads(item.read_text(encoding="utf-8"))))
            elif name.endswith(".j2"):
                found.extend((name, line) for line in item.read_text(encoding="utf-8").splitlines())
            elif name.endswith(".py"):
                tree = ast.parse(item.read_text(encoding="utf-8"))
                documented = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
                docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, documented)
                              and node.body and isinstance(node.body[0], ast.Expr)
                              and not (name.startswith("cli") and isinstance(node, ast.FunctionDef))}
                for node in ast.walk(tree):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                        found.append((name, node.value))

    walk(resources.files("gardien"))
    return found


def test_every_legal_article_shown_names_its_code():
    """A midwife's walkthrough of the training: « (article L1111-8) » in the module « Envoyer des données de santé »
    did not say which code, nor did the CNIL draft's « (art. 33.3 b) » or the « gardien urgence brouillon » help's
    « (article 33) ». Every article shown names its code, right after it or just before (failed on main)."""
    unnamed = []
    for name, text in _shown_texts():
        for m in _ARTICLE.finditer(text):
            after = re.split(r"[);:]|\.(?:\s|$)", text[m.end():], maxsplit=1)[0]
            if not _CODE.search(after) and not _CODE.search(text[max(0, m.start() - 30):m.start()]):
                unnamed.append((name, text[max(0, m.start() - 40):m.end() + 30]))
    assert not unnamed
    assert len([t for _, t in _shown_texts() if _ARTICLE.search(t)]) > 40  # the scan reads the package's texts


def test_each_source_is_written_in_one_file_only():
    """INC-02, INC-04 and INC-05 were written both in data/sources.toml and in the emergency mode's file, with other
    words and, for INC-05, another verification status: the training cited one, the emergency the other. Each source
    is written once (failed on main)."""
    written: dict[str, list[str]] = {}

    def walk(folder, prefix: str = "") -> None:
        for item in folder.iterdir():
            name = prefix + item.name
            if item.is_dir():
                walk(item, name + "/")
            elif name.endswith(".toml"):
                raw = tomllib.loads(item.read_text(encoding="utf-8"))
                table = raw if name == "data/sources.toml" else raw.get("sources")
                for key, value in (table.items() if isinstance(table, dict) else ()):
                    if isinstance(value, dict) and "libelle" in value:
                        written.setdefault(key, []).append(name)

    walk(resources.files("gardien"))
    assert len(written) > 60 and "INC-02" in written
    assert {key: files for key, files in written.items() if len(files) > 1} == {}


def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for item in Path(str(resources.files("gardien"))).rglob("*.toml"):
        raw = tomllib.loads(item.read_text(encoding="utf-8"))
        table = raw if item.name == "sources.toml" else raw.get("sources")
        for key, value in (table.items() if isinstance(table, dict) else ()):
            if isinstance(value, dict) and "libelle" in value:
                labels[key] = value["libelle"]
    return labels


def test_a_source_line_has_one_colon_only():
    """Round 22: « Source : RGPD, article 33 : notifier… » had two colons on one line, on every command and page. A
    source's label separates the text's name from what it says with « — » (core.model.LABEL_SEP); a colon stays only
    inside parentheses (« (lecture de Gardien : …) »)."""
    labels = _labels()
    assert len(labels) > 60
    two = [f"{key}: {label}" for key, label in labels.items() if " : " in re.sub(r"\([^()]*\)", "", label)]
    assert two == []


def test_the_emergency_cnil_instruction_says_what_article_33_says():
    """Walkthrough r12: the emergency's CNIL instruction said the breach « doit être notifiée à la CNIL dans les 72
    heures », where article 33.1 (references.md INC-06, and the source cited under it) says « dans les meilleurs
    délais et, si possible, 72 heures au plus tard », with the reasons for a later one (failed on main)."""
    from gardien.urgence import content

    step = next(s for s in content.steps() if s.id == "cnil")
    assert "dans les meilleurs délais" in step.text and "si possible dans les 72 heures" in step.text
    assert "retard" in step.text
    assert "si possible dans les 72 heures" in content.default_contacts()["cnil"].help  # its line among the contacts


def test_the_printed_sheet_says_what_article_33_says(tmp_path, monkeypatch):
    """The same on the printed sheet, which said it twice (page and PDF) in two wordings, both « dans les 72 heures »
    (failed on main)."""
    import subprocess

    from gardien.urgence import documents

    monkeypatch.setenv("GARDIEN_HOME", str(tmp_path))
    page = " ".join(re.sub(r"<[^>]+>", " ", documents.sheet_html()).split())
    assert "si possible dans les 72 heures" in page and "doit être notifiée dans les 72 heures" not in page
    (tmp_path / "fiche.pdf").write_bytes(documents.sheet_pdf())
    paper = subprocess.run(["pdftotext", str(tmp_path / "fiche.pdf"), "-"], capture_output=True, text=True).stdout
    assert "si possible dans les 72 heures" in " ".join(paper.split())


ARTICLE_33 = "dans les meilleurs délais, si possible dans les 72 heures"  # the emergency's wording, INC-06 (art. 33.1)


def test_no_absolute_72_hours_deadline_left_outside_the_emergency():
    """Round 12: the violations page (« prévenue dans les 72 heures »), the password advice after a leak (« prévenez la
    CNIL dans les 72 heures ») and the plan's reminder (« au plus tard 72 heures ») still gave an absolute deadline where
    article 33.1 (references.md INC-06) says « dans les meilleurs délais et, si possible, 72 heures au plus tard ». They
    now say the emergency's wording, from one constant (failed on main)."""
    from conftest import logged_in_client, visible_text

    from gardien.passwords.advice import topics
    from gardien.plan.deadlines import NotificationDue
    from gardien.registre import breaches

    page = visible_text(logged_in_client().get("/registre/violations").text)
    advice = " ".join(topics()["apres-une-fuite"].paragraphs)
    due = NotificationDue("V1", "29/11/2026 à 22h55", "2026-12-02T22:55:00+01:00", "02/12/2026 à 22h55", False,
                          "ordinateur volé")
    for said in (page, advice, due.why):
        assert ARTICLE_33 in said, said
        assert not re.search(r"(?<!si possible )dans les 72 heures|au plus tard 72 heures", said), said
    assert breaches.CNIL_DELAY_TEXT == ARTICLE_33  # said from one place


def test_the_emergency_steps_invent_no_demand_from_police_or_insurer():
    """Round 12: the photo step said « la police et l'assureur les demanderont », the complaint step « Le récépissé de
    plainte est demandé par l'assureur »: no source in references.md says so. Gardien's advice to keep them stays, without
    the invented fact (failed on main)."""
    from gardien.urgence import content

    steps = {s.id: s for s in content.steps()}
    for step_id in ("photo", "plainte"):
        said = " ".join(filter(None, (steps[step_id].text, steps[step_id].paper)))
        assert "assureur" not in said and "demanderont" not in said, said
        assert "pourr" in said, said  # still told to keep them: « ils pourront vous être demandés »


# Where « 72 heures » may still be typed in the package: the constants themselves, and the training's fake mails (a
# trap's « sous 72 heures », not the law).
HOURS_TYPED = {"registre/breaches.py", "formation/courriels.fr.toml"}


def test_the_72_hours_are_said_only_from_the_breach_register_constants():
    """Round 13: the emergency step's title (« CNIL : 72 heures pour notifier… ») sounded absolute, the breach list
    (web and command line) said « Le délai de 72 heures … est passé », and the training modules typed « dans les 72
    heures si possible » by hand. Every sentence now comes from registre/breaches.py (CNIL_DELAY_TEXT and its
    siblings; the data files write {delai_cnil}), and no other « 72 heures » is typed anywhere in the package
    (failed on main)."""
    from pathlib import Path

    from conftest import logged_in_client, visible_text

    import gardien
    from gardien.formation.content import modules
    from gardien.registre import breaches
    from gardien.urgence import content

    root = Path(gardien.__file__).parent
    typed = [f"{path.relative_to(root)}: {line.strip()}" for path in sorted(root.rglob("*"))
             if path.suffix in (".py", ".toml", ".j2", ".html", ".js", ".md") and path.is_file()
             and path.relative_to(root).as_posix() not in HOURS_TYPED
             for line in path.read_text(encoding="utf-8").splitlines()
             if re.search(r"\b72\s*(heures|h\b)|soixante-douze heures", line)]
    assert typed == []

    step = next(s for s in content.steps() if s.id == "cnil")
    assert breaches.CNIL_DELAY_TEXT in step.title and breaches.CNIL_DELAY_TEXT in step.text
    questions = {q.id: q for m in modules() for q in m.questions}
    assert breaches.CNIL_DELAY_TEXT in questions["rgpd_violation"].explanation
    assert breaches.CNIL_DELAY_TEXT in questions["ranc_cnil"].explanation
    assert breaches.CNIL_DELAY_TEXT in sources()["INC-06"].label
    assert "{delai_cnil}" not in step.title + step.text + sources()["INC-06"].label

    breaches.record(breaches.manual("01/01/2026 09:00", "Ordinateur portable volé dans la voiture."))
    page = visible_text(logged_in_client().get("/registre/violations").text)
    assert "Plus de 72 heures ont passé depuis la découverte" in page and "délai de 72 heures" not in page


# The bodies that write official texts: a source of theirs not read in its primary text is « texte officiel non lu
# par Gardien », never « recommandation courante » (walkthrough, round 15: the label under the CNIL's own deliberation
# 2022-100, on the quiz and /motdepasse, read as hearsay). MDP-13 stays « recommandation courante »: its label says
# the e-CPS part comes from the press.
OFFICIAL_START = re.compile(r"(CNIL|ANSSI|ANS|HAS|RGPD|Code |Arrêté|Cybermalveillance|CNOM)\b")


def _every_source():
    from gardien.fin_de_vie.procedure import all_sources as end_of_life_sources
    from gardien.registre.content import all_sources as register_sources
    from gardien.urgence.content import sources as emergency_sources

    return sources() | register_sources() | end_of_life_sources() | emergency_sources()


def test_an_official_text_not_read_is_said_so_not_common_practice():
    """Failed on main: no such rule, MDP-01 (CNIL deliberation 2022-100) shown « (recommandation courante) »."""
    catalogue = _every_source()
    assert catalogue["MDP-01"].caveat == " (texte officiel non lu par Gardien)"
    assert catalogue["CNIL-CAB"].caveat == " (texte officiel non lu par Gardien)"
    assert catalogue["SIAB-EFFACER"].caveat == " (recommandation courante)"
    assert catalogue["MDP-13"].caveat == " (recommandation courante)"
    assert catalogue["MSG-01"].caveat == ""
    for key, source in catalogue.items():
        if not source.verified and key != "MDP-13":
            assert source.official == bool(OFFICIAL_START.match(source.label)), (key, source.label)


def test_the_password_page_says_the_cnil_deliberation_was_not_read_not_common_practice():
    """Failed on main: « CNIL, recommandation 2022-100 : … (recommandation courante) » (the label says « — » since round 23) on /motdepasse."""
    from conftest import logged_in_client, visible_text

    said = " ".join(visible_text(logged_in_client(8771).get("/motdepasse").text).split())
    assert re.search(r"CNIL, recommandation 2022-100 — [^()]* \(texte officiel non lu par Gardien\)", said), said
    assert not re.search(r"2022-100 : [^()]* \(recommandation courante\)", said), said
