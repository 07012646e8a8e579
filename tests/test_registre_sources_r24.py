"""Round 24 review of the register of processing: no legal statement without its authority in references.md.
- RGPD articles 6 and 9 were shown « texte officiel lu » though references.md lists only articles 30, 33 and 34 as
  read: now « texte officiel non lu par Gardien »;
- « Les professionnels de santé qui participent à la prise en charge… » was a recipient given as « recommandation
  courante » on a source (RGPD-04) that names purposes, not recipients (references.md RGPD-05: recipients « à
  extraire du PDF »): now to be completed by her, pointing to the CNIL référentiel;
- the summary of « gardien registre voir » gave the DPO sentence without its kind or source."""

from __future__ import annotations

import re

from gardien.registre.content import all_sources
from gardien.registre.model import Provenance

RGPD_READ = {"30", "33", "34"}  # references.md, [RGPD]: « Art. 30, 33 et 34 lus »


def test_only_the_rgpd_articles_references_md_read_are_said_read():
    for key, source in all_sources().items():
        article = re.match(r"RGPD, articles? (\d+)", source.label)
        if article and source.verified:
            assert article.group(1) in RGPD_READ, (key, source.label)


def test_no_recipient_is_given_from_a_source_that_names_none():
    from test_registre_web import ANSWERS

    from gardien.registre import builder
    from gardien.registre.interview import Interview

    register = builder.build(Interview.from_dict(ANSWERS, typed=True))
    for sheet in register.sheets():
        for statement in sheet.statements("destinataires"):
            if "RGPD-04" in statement.sources:  # the référentiel's purposes only
                assert statement.provenance is not Provenance.COMMON_PRACTICE or "Assurance maladie" in statement.text, (
                    sheet.id, statement.text)


def test_the_summary_says_where_the_dpo_sentence_comes_from(tmp_path):
    from test_registre_cli import INTERVIEW, run

    assert run(tmp_path, "creer", stdin=INTERVIEW).returncode == 0
    shown = run(tmp_path, "voir").stdout
    dpo = shown.split("analyse d'impact :", 1)[1].split("Mesures de sécurité", 1)[0]
    assert "ne sont exigés par défaut" in dpo and "Recommandation courante" in dpo, dpo
    assert "Source : CNIL, référentiel « cabinets médicaux et paramédicaux », point 11" in dpo, dpo
