"""Round 24 review of the CNIL draft of a breach typed in the register: each thing said once. The note « heure de
découverte non précisée » was in the intro and in the discovery's section; the late notice in both too; the CNIL
address twice in the source line (two sources, one page)."""

from __future__ import annotations

from datetime import datetime, timedelta

from conftest import logged_in_client, visible_text

from gardien.registre import breaches
from gardien.urgence import incident


def _typed(days_ago: int) -> breaches.Violation:
    day = (datetime.now() - timedelta(days=days_ago)).strftime("%d/%m/%Y")  # no hour typed
    return breaches.record(breaches.manual(day, "Ordinateur portable volé (fictif)", natures=["confidentialite"]))


def test_the_draft_says_the_no_hour_note_and_the_cnil_address_once():
    text = incident.plain_text(incident.breach_cnil_notification(_typed(days_ago=1)))
    assert text.count(breaches.NO_HOUR_NOTE) == 1, text
    assert text.count(breaches.CNIL_NOTIFY_URL) == 1, text
    assert "Sources : RGPD, article 33 " in text, text


def test_a_late_draft_says_the_delay_once():
    text = incident.plain_text(incident.breach_cnil_notification(_typed(days_ago=10)))
    assert text.count(breaches.NO_HOUR_NOTE) == 1 and text.count(breaches.CNIL_LATE_TEXT) == 1, text
    assert "Motifs du retard : à compléter" in text, text


def test_the_web_draft_says_each_thing_once():
    client = logged_in_client()
    entry = _typed(days_ago=1)
    page = " ".join(visible_text(client.get(f"/registre/violations/{entry.id}/brouillon").text).split())
    assert page.count(breaches.NO_HOUR_NOTE) == 1 and page.count(breaches.CNIL_NOTIFY_URL) == 1, page
    printable = " ".join(visible_text(client.get(f"/registre/violations/{entry.id}/brouillon.html").text).split())
    assert printable.count(breaches.CNIL_NOTIFY_URL) == 1, printable
