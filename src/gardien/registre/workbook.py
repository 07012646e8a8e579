"""The register as a spreadsheet, in a form that does not depend on ODS or XLSX (ods.py and xlsx.py write and read
it), and back: `tables()` lays the register out, `read_register()` turns an edited export back into a register.

Layout: « Lisez-moi » (what the file is, how to edit it, and the format marker), « Cabinet », one sheet per
processing, then « Mesures de sécurité » and « Violations », which Gardien recomputes and never reads back.
A processing sheet opens with its title and an « Identifiant » line, then one row per statement:
Rubrique | Contenu | Source | Nature. A row without a Rubrique continues the heading above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from gardien import fr
from gardien.errors import GardienError
from gardien.registre import builder
from gardien.registre.breaches import CNIL_LABEL, PATIENTS_LABEL, Violation, when_text
from gardien.registre.content import CABINET, all_sources, content
from gardien.registre.interview import Interview
from gardien.registre.measures import Measure, group_titles
from gardien.registre.model import Provenance, Register, Sheet, provenance_legend

MARKER = ("Format", "Registre Gardien")
VERSION = "1"
README = "Lisez-moi"
MEASURES = "Mesures de sécurité"
BREACHES = "Violations"
HEADER = ["Rubrique", "Contenu", "Source", "Nature"]
ID_LABEL = "Identifiant"
KIND_CABINET = "Page commune"
KIND_SHEET = "Fiche"
FORBIDDEN_IN_NAMES = re.compile(r"[\[\]:*?/\\']")
MAX_SHEET_NAME = 31  # the XLSX limit; ODS names follow it so both exports read alike


class NotARegister(GardienError):
    """A spreadsheet that cannot be read back as a Gardien register; nothing was changed."""


@dataclass
class Table:
    name: str
    rows: list[list[str]]
    widths: tuple[int, ...] = (30, 70, 50, 24)  # in characters
    bold_rows: set[int] = field(default_factory=set)


# --- export ------------------------------------------------------------------------------------------------------

def tables(register: Register, measures: list[Measure], violations: list[Violation], exported: datetime | None = None) -> list[Table]:
    names = _sheet_names(register)
    result = [_readme(register, names, exported or datetime.now().astimezone())]
    result.extend(_sheet_table(sheet, names[sheet.id]) for sheet in register.sheets())
    result.append(_measures_table(measures))
    result.append(_breaches_table(violations))
    return result


def source_text(source_ids: tuple[str, ...], caveat: bool = True) -> str:
    """The sources' labels and addresses, one per line; `caveat=False` where a « Nature » column already says
    « recommandation courante »."""
    known = all_sources()
    parts = []
    for source_id in source_ids:
        source = known.get(source_id)
        if source is None:
            continue
        note = source.caveat if caveat else ""
        parts.append(f"{source.label}{note}" + (f" — {source.url}" if source.url else ""))
    return "\n".join(parts)


def _sheet_names(register: Register) -> dict[str, str]:
    names: dict[str, str] = {}
    taken = {README.casefold(), MEASURES.casefold(), BREACHES.casefold()}
    for sheet in register.sheets():
        base = "Cabinet" if sheet.id == CABINET else (FORBIDDEN_IN_NAMES.sub(" ", sheet.title).strip() or sheet.id)
        name, number = base[:MAX_SHEET_NAME].strip(), 2
        while name.casefold() in taken:
            suffix = f" ({number})"
            name, number = base[: MAX_SHEET_NAME - len(suffix)].strip() + suffix, number + 1
        taken.add(name.casefold())
        names[sheet.id] = name
    return names


def _readme(register: Register, names: dict[str, str], exported: datetime) -> Table:
    interview = Interview.from_dict(register.interview)
    rows = [
        ["Registre des activités de traitement", interview.nom or "(nom du cabinet à compléter)"],
        ["Créé le", fr.day(register.created_at)],
        ["Mis à jour le", fr.day(register.updated_at)],
        ["Exporté le", fr.day_and_time(exported)],
        [],
        ["Ce que contient ce fichier", "Une page commune au cabinet, puis une fiche par activité de traitement, comme le "
         "modèle de registre de la CNIL. Il est tenu en application de l'article 30 du RGPD et se présente à la CNIL si elle le demande."],
        ["", source_text(("RGPD-02", "RGPD-03"))],
        [],
        ["Colonne « Nature »", "D'où vient chaque texte :"],
    ]
    rows.extend(["", line] for line in provenance_legend())
    rows += [
        [],
        ["Pour modifier", "Changez ou ajoutez des textes dans la colonne « Contenu » (une ligne par texte ; pour ajouter "
         "une ligne à une rubrique, laissez sa case « Rubrique » vide). Un texte modifié devient « déclaré (saisi par vous) » : "
         "la source d'origine ne s'y applique plus. Puis relisez ce fichier dans Gardien (page « Registre RGPD », partie "
         "« Relire un fichier modifié »)."],
        ["", "Ne modifiez pas les lignes « Identifiant » ni les noms des rubriques. Pour une nouvelle activité, copiez une "
         "fiche, changez son titre et videz sa case « Identifiant »."],
        ["", f"Les feuilles « {MEASURES} » et « {BREACHES} » sont recalculées par Gardien à chaque export : vos "
         "modifications y seraient ignorées."],
        [],
        ["Feuilles"],
    ]
    rows.extend(["", name] for name in names.values())
    rows.extend([[], [*MARKER, VERSION]])
    return Table(README, rows, (28, 100), {0})


def _sheet_table(sheet: Sheet, name: str) -> Table:
    kind = KIND_CABINET if sheet.id == CABINET else KIND_SHEET
    rows = [[kind, sheet.title], [ID_LABEL, sheet.id, "", "Ne modifiez pas cette ligne : elle permet à Gardien de relire le fichier."],
            [], list(HEADER)]
    for definition in content().fields_of(sheet.id):
        statements = sheet.statements(definition.id)
        if not statements:
            rows.append([definition.label, "", "", "" if definition.optional else Provenance.TO_COMPLETE.label])
        for index, statement in enumerate(statements):
            rows.append([definition.label if index == 0 else "", statement.text, source_text(statement.sources, caveat=False),
                         statement.provenance.label])
    return Table(name, rows, bold_rows={0, 3})


def _measures_table(measures: list[Measure]) -> Table:
    rows = [["Mesures de sécurité du cabinet (article 30.1.g du RGPD)"],
            ["Recalculée par Gardien à chaque export, à partir de son dernier bilan de cet ordinateur, de ses sauvegardes "
             "et de vos réponses à son questionnaire. Modifier cette feuille n'a pas d'effet."],
            [], ["Mesure", "État", "Dernier contrôle", "Précision", "Source"]]
    group, titles = None, group_titles()
    for measure in measures:
        if measure.group != group:
            group = measure.group
            rows.append([titles[group]])
        rows.append([measure.label, measure.state.label, measure.when, measure.detail, source_text(measure.sources)])
    return Table(MEASURES, rows, (45, 30, 18, 60, 50), {0, 3})


def _breaches_table(violations: list[Violation]) -> Table:
    rows = [["Registre des violations de données (article 33.5 du RGPD)"],
            ["Toute violation de données personnelles y est documentée, même quand elle n'est pas notifiée à la CNIL. "
             "Tenu dans Gardien : modifier cette feuille n'a pas d'effet."],
            ["", source_text(("INC-07",))],
            [], ["Découverte le", "Survenue le", "Nature", "Ce qui s'est passé", "Données concernées", "Personnes (environ)",
                 "Enregistrements (environ)", "Conséquences probables", "Mesures prises ou prévues", "CNIL", "Patients"]]
    if not violations:
        rows.append(["Aucune violation enregistrée."])
    for v in violations:
        cnil = CNIL_LABEL[v.cnil] + (f" le {fr.day(v.cnil_date)}" if v.cnil_date else "") + (f" — {v.cnil_reason}" if v.cnil_reason else "")
        patients = PATIENTS_LABEL[v.patients] + (f" le {fr.day(v.patients_date)}" if v.patients_date else "") + (
            f" — {v.patients_reason}" if v.patients_reason else "")
        rows.append([when_text(v.discovered_at), when_text(v.occurred_at), v.nature_text, v.description, v.data, v.people,
                     v.records, v.consequences, v.measures, cnil, patients])
    return Table(BREACHES, rows, (18, 18, 18, 50, 30, 14, 14, 40, 40, 30, 30), {0, 4})


# --- import ------------------------------------------------------------------------------------------------------

@dataclass
class ImportSummary:
    changed: list[str]  # « Fiche — Rubrique » whose texts changed
    added: list[str]  # titles of sheets added
    removed: list[str]  # titles of sheets removed


def read_register(current: Register, grid: dict[str, list[list[str]]]) -> tuple[Register, ImportSummary]:
    """The register an edited export describes; NotARegister (nothing changed) when it is not one."""
    if not any(_has_marker(rows) for rows in grid.values()):
        raise NotARegister("Ce tableur n'est pas un registre exporté par Gardien : sa feuille « Lisez-moi » et sa ligne "
                           "« Format : Registre Gardien » sont absentes. Gardien ne relit que ses propres exports ; rien n'a été modifié.")
    parsed: list[tuple[str, str, str, dict[str, list[str]]]] = []  # (sheet name, id, title, field id -> texts)
    for name, rows in grid.items():
        if len(rows) >= 2 and _cell(rows, 1, 0) == ID_LABEL:
            parsed.append(_parse_sheet(name, rows))
    ids = [p[1] for p in parsed if p[1]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise NotARegister(f"Plusieurs feuilles portent l'identifiant « {duplicates[0]} » (une fiche copiée sans vider sa case "
                           "« Identifiant » ?). Videz-la dans la copie, puis relisez le fichier ; rien n'a été modifié.")
    if CABINET not in ids:
        raise NotARegister("La page « Cabinet » (identifiant « cabinet ») est absente du fichier ; rien n'a été modifié.")
    if len(parsed) - 1 > builder.MAX_SHEETS:
        raise NotARegister(f"Le fichier a {len(parsed) - 1} fiches ; {builder.MAX_SHEETS} au plus. Rien n'a été modifié.")
    interview = Interview.from_dict(current.interview)
    fresh = builder.build(interview)
    result = Register(current.interview, current.cabinet, [], current.created_at, builder.now())
    summary = ImportSummary([], [], [])
    for name, sheet_id, title, texts in parsed:
        before = current.sheet(sheet_id) if sheet_id else None
        origin = before or (fresh.sheet(sheet_id) if sheet_id else None)
        title = _title(name, title) if sheet_id != CABINET else content().cabinet.title
        if origin is None:
            origin = Sheet(sheet_id or builder.new_sheet_id(result, title), title, {}, custom=True)
            summary.added.append(title)
        elif before is None:
            summary.added.append(title)
        sheet = Sheet(origin.id, title, {}, origin.custom)
        for definition in content().fields_of(sheet.id):
            where = f"feuille « {name} », {definition.label}"
            sheet.fields[definition.id] = builder.statements_for(texts.get(definition.id, []), origin.statements(definition.id), where)
            old = [s.text for s in before.statements(definition.id)] if before else None
            if before is not None and old != [s.text for s in sheet.fields[definition.id]]:
                summary.changed.append(f"{title} — {definition.label}")
        if before is not None and before.title != title:
            summary.changed.append(f"{title} — titre")
        if sheet.id == CABINET:
            result.cabinet = sheet
        else:
            result.processings.append(sheet)
    summary.removed = [s.title for s in current.processings if result.sheet(s.id) is None]
    return result, summary


def _has_marker(rows: list[list[str]]) -> bool:
    return any(len(row) >= 3 and (row[0].strip(), row[1].strip()) == MARKER and row[2].strip() == VERSION for row in rows)


def _cell(rows: list[list[str]], row: int, column: int) -> str:
    return rows[row][column].strip() if row < len(rows) and column < len(rows[row]) else ""


def _title(name: str, title: str) -> str:
    try:
        return builder.check_title(title)
    except GardienError as exc:
        raise NotARegister(f"Feuille « {name} » : {exc.message} Rien n'a été modifié.") from None


def _parse_sheet(name: str, rows: list[list[str]]) -> tuple[str, str, str, dict[str, list[str]]]:
    sheet_id = _cell(rows, 1, 1)
    if sheet_id and not re.fullmatch(r"[a-z0-9_]{1,60}", sheet_id):
        raise NotARegister(f"Feuille « {name} » : identifiant « {sheet_id} » modifié ou abîmé. Remettez celui de l'export, "
                           "ou videz la case pour en faire une nouvelle fiche ; rien n'a été modifié.")
    definitions = content().fields_of(CABINET if sheet_id == CABINET else "fiche")
    by_label = {_key(d.label): d.id for d in definitions}
    header = next((i for i, row in enumerate(rows) if [c.strip() for c in row[:2]] == HEADER[:2]), None)
    if header is None:
        raise NotARegister(f"Feuille « {name} » : la ligne d'en-tête « Rubrique | Contenu » est introuvable ; rien n'a été modifié.")
    texts: dict[str, list[str]] = {}
    current = None
    for number, row in enumerate(rows[header + 1:], start=header + 2):
        label = row[0].strip() if row else ""
        text = row[1] if len(row) > 1 else ""
        if label:
            current = by_label.get(_key(label))
            if current is None:
                raise NotARegister(f"Feuille « {name} », ligne {number} : rubrique inconnue « {label} ». Remettez le nom de "
                                   "rubrique de l'export ; rien n'a été modifié.")
            texts.setdefault(current, [])
        if text.strip():
            if current is None:
                raise NotARegister(f"Feuille « {name} », ligne {number} : un texte sans rubrique. Rien n'a été modifié.")
            texts[current].append(text)
    return name, sheet_id, _cell(rows, 0, 1), texts


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()
