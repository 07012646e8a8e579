"""`gardien registre`: the register of processing, its exports and re-import, the breach register and the patient
notice. A thin shell over gardien.registre."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gardien.cli_french import prompt, yes_no_again, yes_no_answer, yes_no_letters
from gardien.cli_registre_completer import complete
from gardien.cli_registre_violations import violation_app
from gardien.errors import GardienError, Interrupted
from gardien.explain import refuse_folder
from gardien.fr import plural
from gardien.launch import quoted

app = typer.Typer(help="Registre RGPD du cabinet : registre des traitements, violations de données, note aux patients.",
                  no_args_is_help=True, rich_markup_mode=None)
app.add_typer(violation_app, name="violations")
app.command("completer")(complete)


def _echo(text: str = "") -> None:
    typer.echo(text)


def _prompt(question: str, default: str = "") -> str:
    """One answer; Ctrl+C (KeyboardInterrupt) and the end of the input (EOFError) stop the interview."""
    return prompt(question, default=default, show_default=bool(default), prompt_suffix=" : ").strip()


def _choose(question: str, labels: dict, default) -> str:
    """A numbered choice; with no default (None), Entrée asks again: no answer is chosen for her."""
    keys = list(labels)
    _echo(question)
    for number, key in enumerate(keys, start=1):
        _echo(f"  {number}. {labels[key]}")
    while True:
        answer = _prompt("Votre choix (numéro)", "" if default is None else str(keys.index(default) + 1))
        if answer.isdigit() and 1 <= int(answer) <= len(keys):
            return keys[int(answer) - 1].value
        _echo(f"Tapez un numéro de 1 à {len(keys)}.")


def _name(field: str, question: str, default: str) -> str:
    """A software or website name that may be absent (« non », « aucun »: none); « oui » alone asks again."""
    from gardien.registre import interview as iv

    while True:
        typed = _prompt(question, default)
        try:
            return iv.check(field, typed)
        except iv.BadAnswer as exc:
            _echo(exc.message)


def _yes(question: str, default: bool | str | None, unknown: bool = False) -> str:
    """A yes/no question, asked as the questionnaire asks (« Votre réponse [o/n/?] »): « oui », « non », or « nsp »
    where « Je ne sais pas » is an answer (`unknown`). With no default (None), Entrée asks again."""
    letters = yes_no_letters(unknown)
    shown = {True: "o", False: "n", "oui": "o", "non": "n", "nsp": "?"}.get(default, "")  # type: ignore[arg-type]
    _echo(question)
    while True:
        answer = yes_no_answer(_prompt(f"Votre réponse [{letters}]", shown), unknown)
        if answer is not None:
            return answer
        _echo(yes_no_again(unknown))


@app.command("creer")
def create() -> None:
    """Pose les questions de l'entretien (5 minutes) et crée ou met à jour le registre."""
    from gardien.registre import builder, storage
    from gardien.registre import interview as iv

    previous = storage.load()
    draft = storage.load_draft()
    old = iv.Interview.from_dict({**(previous.interview if previous else {}), **draft})

    def before(name: str):
        """Her previous answer; on a first interview, none for the questions without « Je ne sais pas »."""
        return getattr(old, name) if previous or name in draft or name not in iv.MUST_ANSWER else None

    _echo("Registre RGPD : quelques questions. Un nom ou une adresse que vous ne savez pas : laissez vide, ce sera "
          "« à compléter ». Aux questions oui ou non, répondez o (oui) ou n (non), et ? (je ne sais pas) quand il est "
          "proposé, comme au questionnaire ; aux autres, tapez le numéro de votre choix.")
    if draft:
        _echo(f"Vous aviez commencé cet entretien : {plural(len(draft), 'réponse est proposée', 'réponses sont proposées')} "
              "(Entrée pour garder chaque réponse).")
    raw: dict = {}
    try:
        _questions(raw, old, before, bool(previous or "acces" in draft))
    except (KeyboardInterrupt, EOFError) as stop:
        kept = {**draft, **raw}
        storage.save_draft(kept)
        answers = plural(len(kept), "réponse gardée", "réponses gardées")
        if isinstance(stop, KeyboardInterrupt):
            raise Interrupted("gardien registre creer", f"{answers} pour la suite, le registre n'a pas encore changé") from None
        raise GardienError(f"Entretien interrompu avant la fin : {answers} pour la suite, le registre n'a pas changé. "
                           "Pour reprendre : gardien registre creer") from None
    register = builder.build(iv.Interview.from_dict(raw, typed=True), previous)
    kept = storage.save(register, keep_previous="entretien")
    storage.clear_draft()
    _echo()
    _echo(f"Registre enregistré : {register.sheets_said()} ; {plural(len(builder.gaps(register)), 'élément')} à compléter.")
    if kept:
        _echo(f"La version précédente est gardée dans {kept}.")
    _echo_first(register)
    _echo("Pour le voir : gardien registre voir ; pour l'exporter : gardien registre exporter registre.ods")


def _questions(raw: dict, old, before, access_known: bool) -> None:
    """The interview's questions, each answer put in `raw` as soon as it is given (kept if she stops)."""
    from gardien.registre import interview as iv

    raw["profession"] = _choose("Votre profession :", iv.PROFESSION_LABEL, before("profession"))
    raw["nom"] = _prompt(iv.ASKED["nom"], old.nom)
    raw["adresse"] = _prompt(iv.ASKED["adresse"], old.adresse)
    raw["contact"] = _prompt(iv.ASKED["contact"], old.contact)
    raw["site"] = _name("site", "Adresse du site internet du cabinet (vide s'il n'y en a pas)", old.site)
    raw["exercice"] = _choose("Vous exercez :", iv.PRACTICE_LABEL, before("exercice"))
    if raw["exercice"] == iv.Practice.GROUP:
        raw["si_commun"] = _yes("Partagez-vous un même logiciel pour les dossiers des patients ?", old.si_commun, unknown=True)
        raw["plus_10000"] = _yes("Plus de 10 000 patients par an, tous praticiens confondus ?", old.plus_10000, unknown=True)
    raw["logiciel_dossiers"] = _name("logiciel_dossiers", iv.ASKED["logiciel_dossiers"], old.logiciel_dossiers)
    raw["hebergement"] = _choose("Où sont gardés ces dossiers ?", iv.HOSTING_LABEL, old.hebergement)
    raw["fse"] = _yes("Télétransmettez-vous des feuilles de soins électroniques ?", before("fse"))
    raw["logiciel_facturation"] = _name("logiciel_facturation", iv.ASKED["logiciel_facturation"], old.logiciel_facturation)
    raw["logiciel_rdv"] = _name("logiciel_rdv", "Plateforme de rendez-vous en ligne (vide si aucune)", old.logiciel_rdv)
    raw["messagerie"] = _choose("Pour envoyer des documents de patients, vous utilisez :", iv.MESSAGING_LABEL, before("messagerie"))
    raw["nom_messagerie"] = _name("nom_messagerie", "Nom de cette messagerie (facultatif)", old.nom_messagerie)
    raw["logiciel_teleconsultation"] = _name("logiciel_teleconsultation", "Plateforme de téléconsultation (vide si aucune)", old.logiciel_teleconsultation)
    raw["hors_ue"] = _yes(iv.ASKED["hors_ue"], old.hors_ue, unknown=True)
    raw["acces"] = [a.value for a in iv.access_to_ask(raw["exercice"]) if _yes(f"Les dossiers des patients sont-ils ouverts aussi par {iv.ACCESS_LABEL[a]} ?",
                                                        (a in old.acces) if access_known else None) == "oui"]
    raw["salaries"] = _yes("Avez-vous des salariés (secrétariat, assistance) ?", before("salaries"))
    raw["comptabilite"] = _choose("Tenez-vous une comptabilité ?", iv.ACCOUNTING_LABEL, before("comptabilite"))


def _echo_first(register) -> None:
    """The first gaps to complete (builder.by_priority), and how many are left after them."""
    from gardien.registre import builder

    ordered = builder.by_priority(builder.gaps(register))
    if not ordered:
        return
    _echo("À compléter d'abord (ce que le RGPD, article 30, demande dans un registre) :")
    for number, gap in enumerate(ordered[:builder.FIRST_SHOWN], start=1):
        _echo(f"  {number}. {builder.gap_label(gap)}")
    rest = len(ordered) - builder.FIRST_SHOWN
    if rest > 0:
        _echo(f"  et {plural(rest, 'autre élément', 'autres éléments')}.")
    _echo("Pour les compléter, avec des choix proposés : gardien registre completer")


@app.command("voir")
def show(
    fiche: Annotated[str | None, typer.Argument(help="Identifiant d'une fiche pour la voir en entier (par exemple dossiers_patients).")] = None,
) -> None:
    """Résume le registre, ou affiche une fiche avec ses sources."""
    from gardien import fr
    from gardien.registre import builder, exports, storage
    from gardien.registre.content import DPO_FIELD, DPO_HEADING, all_sources, content
    from gardien.registre.model import PROVENANCE_MEANING, Provenance

    if fiche is None and storage.load() is None:  # a status question on a fresh home: an answer, not an error
        _echo("Aucun registre pour l'instant. Pour le créer (environ cinq minutes) : gardien registre creer")
        return
    register = exports.current()
    if fiche is None:
        gaps = builder.gaps(register)
        _echo(f"Registre des traitements — {register.sheets_said()} ; créé le {fr.day(register.created_at)}, "
              f"mis à jour le {fr.day(register.updated_at)}.")
        for sheet in register.sheets():
            missing = sum(1 for g in gaps if g.sheet.id == sheet.id)
            _echo(f"  {sheet.id:<22} {sheet.title}" + (f"  ({missing} à compléter)" if missing else ""))
        _echo(f"{plural(len(gaps), 'élément')} à compléter. Détail d'une fiche : gardien registre voir <identifiant>")
        _echo_first(register)
        _echo(f"{DPO_HEADING} :")
        for statement in register.cabinet.statements(DPO_FIELD):  # with its kind and source, as in a sheet (round 24)
            _echo_statement(statement, all_sources())
        _echo_measures()
        _echo_contradicted()
        return
    sheet = builder.require_sheet(register, fiche)
    sources = all_sources()
    _echo(sheet.title.upper())
    shown = {s.provenance for d in content().fields_of(sheet.id) for s in sheet.statements(d.id)}
    _echo("Sous chaque texte, d'où il vient :")
    for provenance in Provenance:
        if provenance in shown:
            _echo(f"  {provenance.label} : {PROVENANCE_MEANING[provenance]}")
    asked = builder.asked_again(register)
    for definition in content().fields_of(sheet.id):
        _echo()
        _echo(f"{definition.label} [{definition.id}]")
        statements = sheet.statements(definition.id)
        if not statements:
            _echo("  — rien" if definition.optional else "  — À compléter")
        for statement in statements:
            _echo_statement(statement, sources, asked.get((sheet.id, definition.id, statement.text)))


def _echo_statement(statement, sources: dict, question: str | None = None) -> None:
    """One statement of the register, with where it comes from (its kind, the interview question left unanswered, its
    sources): a legal sentence is never shown without them."""
    _echo(f"  • {statement.text}")
    _echo(f"    — {statement.provenance.label}")
    if question:
        _echo(f"    Vient d'une question de l'entretien restée sans réponse, « {question} » : "
              "gardien registre completer vous la repose, et le plan reprendra votre réponse.")
    for source_id in statement.sources:
        if source_id in sources:
            source = sources[source_id]
            _echo(f"    Source : {source.label}{source.caveat}")


def _echo_measures() -> None:
    """The register's security measures, as its web page shows them (registre/measures.py, one source for both)."""
    from gardien.registre.measures import GROUP_NOTE, SECTION_INTRO, SECTION_TITLE, group_titles, security_measures

    _echo()
    _echo(SECTION_TITLE)
    _echo(SECTION_INTRO)
    group, titles = None, group_titles()
    for measure in security_measures():
        if measure.group != group:
            group = measure.group
            _echo(titles[group] + (f" — {GROUP_NOTE[group]}" if group in GROUP_NOTE else ""))
        for line in measure.lines():
            _echo(line)


def _echo_contradicted() -> None:
    """The security measures she declared in place that the last audit measured to fix: said, not left to the export."""
    from gardien.registre.measures import MeasureState, security_measures

    contradicted = [m for m in security_measures() if m.state is MeasureState.CONTRADICTED]
    if contradicted:
        _echo(f"Mesures de sécurité à revoir ({len(contradicted)}) :")
    for measure in contradicted:
        _echo(f"  • {measure.label} : {measure.detail}")


@app.command("modifier")
def edit(
    fiche: Annotated[str, typer.Argument(help="Identifiant de la fiche (la commande « gardien registre voir » donne la liste).")],
    rubrique: Annotated[str, typer.Argument(help="Identifiant de la rubrique (entre crochets dans gardien registre voir <fiche>).")],
    texte: Annotated[list[str] | None, typer.Option("--texte", help="Nouveau contenu de la rubrique (répétez l'option pour plusieurs textes) : remplace tout.")] = None,
    ajouter: Annotated[str | None, typer.Option("--ajouter", help="Ajoute un texte à la rubrique, sans toucher aux autres.")] = None,
) -> None:
    """Change le contenu d'une rubrique d'une fiche."""
    from gardien.registre import builder, exports, storage

    if (texte is None) == (ajouter is None):
        raise GardienError("Indiquez soit --texte (remplace la rubrique), soit --ajouter (ajoute un texte).")
    register = exports.current()
    sheet = builder.require_sheet(register, fiche)
    builder.field_def(fiche, rubrique)
    texts = list(texte) if texte is not None else [s.text for s in sheet.statements(rubrique)] + [ajouter or ""]
    builder.set_field(register, fiche, rubrique, texts)
    storage.save(register)
    _echo(f"Rubrique « {rubrique} » de « {sheet.title} » enregistrée.")


def _write(path: Path, data: bytes, replace: bool, what: str, example: str = "registre.ods") -> None:
    """Write a file she named: never over one that exists without --remplacer; `example`, a name suggested inside
    the folder she may have named instead (« fiche-de-secours.txt »)."""
    refuse_folder(path, example)  # made between the check and the write
    if path.exists() and not replace:
        raise GardienError(f"{path} existe déjà : choisissez un autre nom, ou ajoutez --remplacer.")
    try:
        path.write_bytes(data)
    except OSError as exc:
        from gardien.explain import write_failure

        raise write_failure(path, exc, what) from exc


@app.command("exporter")
def export(
    fichier: Annotated[Path, typer.Argument(help="Fichier à créer : .ods (LibreOffice), .xlsx (Excel), .pdf ou .html (à imprimer).")],
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplace le fichier s'il existe déjà.")] = False,
) -> None:
    """Exporte le registre (tableur modifiable, PDF ou page à imprimer)."""
    from gardien.registre import exports

    refuse_folder(fichier, "registre.ods")
    kind = exports.format_of(fichier, exports.ExportFormat)
    _write(fichier, exports.export(exports.current(), kind), remplacer, "l'export du registre")
    _echo(f"Registre exporté dans {fichier}.")
    if kind in (exports.ExportFormat.ODS, exports.ExportFormat.XLSX):
        _echo(f"Après l'avoir modifié, relisez-le avec : gardien registre importer {quoted(str(fichier))}")


@app.command("importer")
def reimport(fichier: Annotated[Path, typer.Argument(help="Le tableur .ods ou .xlsx exporté par Gardien, modifié.")]) -> None:
    """Relit un export modifié (dans LibreOffice ou Excel) et met le registre à jour."""
    from gardien.explain import failure
    from gardien.limits import MAX_DOCUMENT_BYTES, size_text
    from gardien.paths import read_regular
    from gardien.registre import exports

    if fichier.is_dir():
        from gardien.explain import not_a_file

        raise not_a_file(fichier, wanted="le tableur .ods ou .xlsx lui-même, celui que Gardien a exporté")
    try:
        data = read_regular(fichier, MAX_DOCUMENT_BYTES + 1)  # never waits on a FIFO, never reads a huge file whole
    except FileNotFoundError:
        raise GardienError(f"Fichier introuvable : {fichier}.") from None
    except OSError as exc:
        raise failure(f"de lire {fichier}", exc) from exc
    if len(data) > MAX_DOCUMENT_BYTES:
        raise GardienError(f"{fichier} dépasse {size_text(MAX_DOCUMENT_BYTES)} : ce n'est pas un export du registre.")
    imported = exports.import_spreadsheet(data, fichier.name)
    summary = imported.summary
    _echo(f"{fichier.name} relu : le registre est à jour.")
    for line in summary.changed:
        _echo(f"  modifié : {line}")
    for title in summary.added:
        _echo(f"  fiche ajoutée : {title}")
    for title in summary.removed:
        _echo(f"  fiche retirée (absente du fichier) : {title}")
    if not (summary.changed or summary.added or summary.removed):
        _echo("  aucune différence avec le registre actuel.")
    if imported.previous_copy:
        _echo(f"La version précédente est gardée dans {imported.previous_copy}.")


@app.command("note")
def notice(
    fichier: Annotated[Path, typer.Argument(help="Fichier à créer : .html ou .pdf (à afficher en salle d'attente), .txt (pour le site).")],
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplace le fichier s'il existe déjà.")] = False,
) -> None:
    """Crée la note d'information des patients à partir du registre."""
    from gardien.registre import exports
    from gardien.registre import notice as notice_module

    refuse_folder(fichier, "note-patients.html")
    kind = exports.format_of(fichier, exports.NoticeFormat)
    register = exports.current()
    _write(fichier, exports.notice(register, kind), remplacer, "la note d'information des patients")
    _echo(f"Note d'information écrite dans {fichier}.")
    missing = notice_module.build(register).to_complete
    if missing:
        _echo(f"Attention : {plural(missing, 'passage reste', 'passages restent')} « à compléter » dans la note. Complétez le registre avant de l'afficher.")
