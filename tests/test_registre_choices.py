"""The « Compléter » page's library: the answers offered for each heading, the gaps grouped by heading, and a
chosen answer turned into a declared statement. Interview answers are hand-written examples (no real practice)."""

from __future__ import annotations

import pytest

from gardien.errors import GardienError
from gardien.registre import builder, choices
from gardien.registre.content import all_sources
from gardien.registre.interview import Access, Answer, Hosting, Interview, Messaging, Profession
from gardien.registre.model import Provenance

MIDWIFE = Interview(profession=Profession.SAGE_FEMME, nom="Claire Martin", adresse="12 rue des Lilas, 29200 Brest",
                    contact="contact@cabinet-martin.fr", logiciel_dossiers="Logiciel A", hebergement=Hosting.ONLINE,
                    logiciel_rdv="Plateforme B", messagerie=Messaging.MSSANTE, acces=[Access.LOCUM], hors_ue=Answer.NO)


def register():
    return builder.build(MIDWIFE)


def statements(reg, sheet, field):
    return reg.sheet(sheet).statements(field)


def number(reg, key, sheet):
    group = next(g for g in choices.groups(reg) if g.key == key)
    return next(n for n, gap in group.numbered() if gap.sheet.id == sheet)


def test_the_closed_answers_are_the_six_bases_of_article_6_and_cite_their_source():
    sets = choices.choice_sets()
    assert [c.id for c in sets["base_legale"].choices] == ["6.1.a", "6.1.b", "6.1.c", "6.1.d", "6.1.e", "6.1.f"]
    assert "9.2.h" in [c.id for c in sets["article_9"].choices]
    known = all_sources()
    for choice_set in sets.values():
        assert all(s in known for s in choice_set.sources)
    # round 24: references.md lists RGPD articles 30, 33 and 34 as read, not 6 and 9
    assert not known["RGPD-ART6"].verified and not known["RGPD-ART9"].verified
    # the CNIL référentiel was not read: a choice it backs stays « recommandation courante »
    assert not known["RGPD-05"].verified


def test_every_gap_is_in_one_group_numbered_once_in_the_registers_order():
    """The headings come in the order `registre voir` lists what is left (builder.by_priority: what article 30
    requires first, the free-text rights and the legal bases last; round 14)."""
    reg = register()
    groups = choices.groups(reg)
    assert [g.key for g in groups] == ["donnees", "destinataires", "conservation", "personnes", "cabinet",
                                       "base_legale", "article_9"]
    numbers = [n for g in groups for n, _ in g.numbered()]
    assert numbers == list(range(len(builder.gaps(reg))))


def test_one_answer_for_every_activity_fills_all_but_where_it_does_not_fit():
    reg = register()
    before = len(builder.gaps(reg))
    outcome = choices.apply(reg, {"base_legale": choices.Answer(["6.1.a"])}, {})
    assert outcome.filled == 4
    assert len(outcome.skipped) == 1 and "dossier de soins" in outcome.skipped[0]  # consent is not the record's basis
    assert len(builder.gaps(reg)) == before - 4
    chosen = statements(reg, "facturation", "base_legale")
    assert [(s.text, s.provenance, s.sources) for s in chosen] == [
        ("Consentement de la personne (article 6.1.a du RGPD).", Provenance.EDITED, ("RGPD-ART6",))]
    assert statements(reg, "dossiers_patients", "base_legale")[0].provenance is Provenance.TO_COMPLETE


def test_an_activitys_own_choice_replaces_the_shared_one_and_ticked_kinds_add_up():
    reg = register()
    outcome = choices.apply(
        reg, {"base_legale": choices.Answer(["6.1.c"]), "donnees": choices.Answer(["identite"])},
        {number(reg, "base_legale", "dossiers_patients"): choices.Answer(["", "6.1.b"]),
         number(reg, "donnees", "facturation"): choices.Answer(["nir"], "Numéro de facture.")})
    assert outcome.skipped == []
    assert statements(reg, "dossiers_patients", "base_legale")[0].text.startswith("Exécution d'un contrat")
    assert statements(reg, "rendez_vous", "base_legale")[0].text.startswith("Obligation légale")
    texts = [s.text for s in statements(reg, "facturation", "donnees")]
    assert texts == ["Identité et coordonnées ; Numéro de sécurité sociale. Numéro de facture."]
    health = next(c for c in choices.choice_sets()["donnees"].choices if c.id == "sante")
    assert health.sources == ("RGPD-01",)


def test_a_duration_is_written_out_and_the_records_special_cases_stay_apart():
    reg = register()
    choices.apply(reg, {"conservation": choices.Answer(number="5", unit="ans", start="piece")},
                  {number(reg, "conservation", "rendez_vous"): choices.Answer(number="1", unit="ans", start="dernier_rdv")})
    assert statements(reg, "facturation", "conservation")[-1].text == "5 ans à compter de la date de la pièce."
    assert statements(reg, "rendez_vous", "conservation")[-1].text == "1 an à compter du dernier rendez-vous."
    # the record's gap asks for special cases (minors): the shared duration does not answer it
    assert statements(reg, "dossiers_patients", "conservation")[-1].provenance is Provenance.TO_COMPLETE


@pytest.mark.parametrize("answer", [
    choices.Answer(number="0"), choices.Answer(number="deux"), choices.Answer(number="5", unit="semaines"),
    choices.Answer(number="5", start="inconnu"), choices.Answer(start="piece"),  # a starting point without a number
])
def test_a_wrong_duration_is_refused_and_nothing_is_written(answer):
    reg = register()
    before = reg.to_dict()
    with pytest.raises(GardienError):
        choices.apply(reg, {}, {number(reg, "conservation", "facturation"): answer,
                                number(reg, "base_legale", "facturation"): choices.Answer(["6.1.c"])})
    assert reg.to_dict() == before


@pytest.mark.parametrize("key, chosen", [
    ("destinataires", ["aucun", "comptable"]),  # « personne d'autre » with a recipient
    ("base_legale", ["6.1.b", "6.1.c"]),  # two answers where one is expected
    ("base_legale", ["6.9"]),  # not a choice
    ("donnees", ["<script>"]),
])
def test_contradictory_or_unknown_choices_are_refused(key, chosen):
    reg = register()
    with pytest.raises(GardienError):
        choices.apply(reg, {}, {number(reg, key, "comptabilite"): choices.Answer(chosen)})


def test_a_choice_that_does_not_fit_the_activity_is_refused_on_its_own_line():
    reg = register()
    with pytest.raises(GardienError, match="dossier de soins"):
        choices.apply(reg, {}, {number(reg, "base_legale", "dossiers_patients"): choices.Answer(["6.1.a"])})


def test_an_empty_page_changes_nothing():
    reg = register()
    before = reg.to_dict()
    outcome = choices.apply(reg, {g.key: choices.Answer([""]) for g in choices.groups(reg)}, {})
    assert outcome.filled == 0 and reg.to_dict() == before


def test_a_chosen_answer_survives_a_new_interview():
    reg = register()
    choices.apply(reg, {"base_legale": choices.Answer(["6.1.c"])}, {})
    rebuilt = builder.build(MIDWIFE, reg)
    assert statements(rebuilt, "facturation", "base_legale")[0].sources == ("RGPD-ART6",)


def test_the_signature_follows_the_list_of_gaps():
    reg = register()
    first = choices.signature(reg)
    assert choices.signature(builder.build(MIDWIFE)) == first
    choices.apply(reg, {"base_legale": choices.Answer(["6.1.c"])}, {})
    assert choices.signature(reg) != first
