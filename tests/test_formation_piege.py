"""« Repérez le piège », the library: the messages written for the exercise, the analyser's findings placed on the
zones the learner clicks, the correction, rounds, and real messages read in place from a folder (../shared/corpus)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
from conftest import SHARED

from gardien.formation import clues, mails, progress, rounds
from gardien.formation.mails import ClueOrigin, Origin, written

CORPUS = SHARED / "corpus" / "mail"
FRENCH_TEXTS = CORPUS / "phishing-fr-text"


def _traps():
    return [m for m in written() if m.trap]


def test_at_least_20_french_trap_messages_written_for_the_exercise_and_marked_so():
    header = resources.files("gardien.formation").joinpath("courriels.fr.toml").read_text(encoding="utf-8")[:400]
    assert "WRITTEN BY GARDIEN FOR THE EXERCISE" in header
    assert len(_traps()) >= 20 and len(written()) - len(_traps()) >= 3  # and a few honest ones
    for mail in written():
        assert mail.origin is Origin.WRITTEN and mails.looks_french("\n".join(p.text for p in mail.paragraphs) + mail.subject)
        assert mail.lesson and (len({z for c in mail.clues for z in c.zones}) >= 2 or not mail.trap)
        assert all(c.origin is ClueOrigin.EXERCISE for c in mail.clues)


def test_clicking_every_clue_finds_them_all_and_nothing_finds_none():
    for mail in _traps():
        wanted = {next(iter(sorted(g))) for g in {c.zones for c in mail.clues}}
        nothing = clues.correct(mail, set())
        assert nothing.found == 0 and nothing.total >= len({c.zones for c in mail.clues}), mail.id
        pointed = set().union(*(g.zones for g in nothing.groups))
        everything = clues.correct(mail, pointed)
        assert everything.found == everything.total and everything.false_alarms == ()
        assert clues.correct(mail, set(mail.zones())).false_alarms == tuple(z for z in mail.zones() if z not in pointed)
        hand = clues.correct(mail, wanted)
        written_groups = [g for g in hand.groups if any(c.origin is ClueOrigin.EXERCISE for c in g.clues)]
        assert all(g.found for g in written_groups), mail.id


def test_an_innocent_zone_clicked_is_a_false_alarm_and_an_honest_message_counts_nothing():
    honest = next(m for m in written() if not m.trap)
    result = clues.correct(honest, {"expediteur", "p2", "inconnue"})
    assert result.total == 0 and result.false_alarms == ("expediteur", "p2") and result.zone_state["p2"] == "fausse_alerte"
    ameli = next(m for m in written() if m.id == "ameli_remboursement")
    result = clues.correct(ameli, {"p1"})
    assert result.false_alarms == ("p1",) and result.found == 0 and result.zone_state["expediteur"] == "manque"


def test_the_analyser_findings_are_used_and_placed_on_the_zones():
    placed = analysed = 0
    for mail in _traps():
        reading = clues.read(mail)
        analysed += bool(reading.clues)
        for clue in reading.clues:
            assert clue.zones <= set(mail.zones()) and clue.origin is ClueOrigin.ANALYSER and clue.text
            placed += 1
    assert analysed >= len(_traps()) // 2 and placed >= 20  # measured: 19 of 23 messages, 50 findings
    ameli = next(m for m in _traps() if m.id == "ameli_remboursement")
    assert any(c.zones == {"lien1"} for c in clues.read(ameli).clues)  # the hidden destination, on its link
    assert any(c.zones == {"expediteur"} for c in clues.read(ameli).clues)


def test_honest_messages_are_not_called_dangerous_by_the_analyser():
    for mail in written():
        if not mail.trap:
            assert clues.read(mail).verdict != "dangerous", mail.id


@dataclass
class _Finding:  # hand-written stand-ins for a future shape of the analyser's result
    id: str
    explanation: str
    detail: str = ""
    severity: str = "medium"
    location: str = ""


@dataclass
class _Result:
    verdict: str
    findings: list


def test_the_placement_depends_only_on_the_public_shape(monkeypatch):
    ameli = next(m for m in _traps() if m.id == "ameli_remboursement")
    result = _Result("suspicious", [
        _Finding("liens.nouveau_signal", "Un lien mène vers dossier-assure.info."),
        _Finding("expediteur.autre", "Expéditeur étrange."),
        _Finding("nouvelle_famille.x", "Une remarque générale."),
        _Finding("contenu.y", "Le message dit « sous 48 heures »."),
        _Finding("piece.z", "Placé par le champ de lieu.", location="objet"),
        _Finding("contenu.faible", "Un mot courant.", severity="low"),
    ])
    monkeypatch.setattr("gardien.mail.analyze.analyse", lambda parsed: result)
    clues._reading.cache_clear()
    try:
        reading = clues.read(ameli)
        corrected = clues.correct(ameli, set())
    finally:
        clues._reading.cache_clear()
    placed = {c.text: c.zones for c in reading.clues}
    assert placed["Un lien mène vers dossier-assure.info."] == {"lien1"}
    assert placed["Expéditeur étrange."] == {"expediteur"}
    assert placed["Le message dit « sous 48 heures »."] == {"p4"}
    assert placed["Placé par le champ de lieu."] == {"objet"}
    assert reading.observations == ("Une remarque générale.",)  # cannot be placed: shown, not counted
    assert [c.weak for c in reading.clues if c.text == "Un mot courant."] == [True]
    assert corrected.reading.observations == ("Une remarque générale.", "Un mot courant.")  # weak: not counted here
    assert reading.verdict == "suspicious" and reading.verdict_label == "suspect"


def test_an_analyser_that_fails_leaves_the_written_clues(monkeypatch):
    def broken(parsed):
        raise RuntimeError("signal en travaux")

    monkeypatch.setattr("gardien.mail.analyze.analyse", broken)
    clues._reading.cache_clear()
    try:
        ameli = next(m for m in _traps() if m.id == "ameli_remboursement")
        result = clues.correct(ameli, {"expediteur"})
    finally:
        clues._reading.cache_clear()
    assert result.total == len(ameli.clues) and result.found == 1
    assert result.reading.verdict_label == "analyse impossible" and result.reading.observations


def test_a_round_draws_unseen_messages_first(isolated_home):
    learner = progress.add_learner("Camille")
    seen: set[str] = set()
    for seed in range(5):
        current = rounds.start(learner.id, rng=random.Random(seed))
        ids = {item.mail.id for item in current.items}
        assert len(ids) == rounds.ROUND_SIZE and not ids & seen  # 26 messages: five rounds without a repeat
        seen |= ids
        for index in range(len(current.items)):
            current = rounds.answer(current.id, index, ["expediteur", "nimporte"])
    assert current.finished_at and current.totals()[1] > 0
    summary = rounds.summary(progress.read(), learner.id)
    assert summary.rounds == 5 and summary.messages == 25 and 0 < summary.found <= summary.total


def test_hostile_real_message_is_read_as_text_only(tmp_path, isolated_home):
    # hand-written hostile message: script, remote image, live link, tracking pixel
    folder = tmp_path / "reels"
    folder.mkdir()
    (folder / "hostile.eml").write_bytes(
        "From: Service client <securite@banque-exemple-alerte.com>\r\nTo: accueil@cabinet.fr\r\n"
        "Subject: Votre compte est suspendu\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<html><body><script>fetch('http://evil.example/x')</script><img src='http://evil.example/pixel.gif'>"
        "<p>Bonjour, votre compte est suspendu pour des raisons de sécurité. Pour le réactiver, vous devez confirmer "
        "vos informations dans les 24 heures sur notre site : <a href='http://evil.example/login'>cliquez ici</a>. "
        "Sans action de votre part, votre compte sera fermé et vos données seront perdues. Merci pour votre "
        "confiance, le service client de la banque.</p></body></html>\r\n".encode())
    sample = mails.folder_mail(folder / "hostile.eml")
    assert sample is not None and sample.origin is Origin.FOLDER
    text = " ".join(p.text for p in sample.paragraphs)
    assert "<script" not in text and "fetch(" not in text and "pixel.gif" not in text
    assert [(link.text, link.target) for link in sample.links] == [("cliquez ici", "http://evil.example/login")]
    assert clues.read(sample).clues  # the analyser speaks about it
    with pytest.raises(Exception, match="plus disponible"):
        mails.folder_mail_at(str(folder / "hostile.eml"), (tmp_path / "ailleurs",))  # outside the folders: refused


def test_a_text_in_english_is_not_used():
    assert not mails.looks_french("Dear customer, your account has been suspended. Please click the link below to "
                                  "verify your identity and restore access to your account within 24 hours.")


@pytest.fixture
def french_corpus():
    if not FRENCH_TEXTS.is_dir():
        pytest.skip(f"corpus absent : {FRENCH_TEXTS} (le dossier ../shared n'est pas là)")
    return FRENCH_TEXTS


def test_real_french_phishing_texts_become_exercises_read_in_place(french_corpus, isolated_home, monkeypatch):
    samples = [s for s in (mails.folder_mail(p) for p in mails.candidates((french_corpus,))) if s is not None]
    assert len(samples) >= 40
    with_clues = sum(bool(clues.correct(s, set()).total) for s in samples)
    assert with_clues >= len(samples) // 3  # measured: 33 of 64; only those are drawn for the exercise
    monkeypatch.setenv(mails.FOLDERS_VARIABLE, str(french_corpus))
    learner = progress.add_learner("Camille")
    current = rounds.start(learner.id, rng=random.Random(4))
    real = [item for item in current.items if item.mail.origin is Origin.FOLDER]
    assert len(real) == 1 and Path(real[0].mail.path).parent == french_corpus
    stored = progress.path().read_text(encoding="utf-8")
    assert real[0].mail.paragraphs[0].text[:40] not in stored  # the text itself is never copied
    index = current.items.index(real[0])
    for i in range(index + 1):
        current = rounds.answer(current.id, i, ["p1"])
    assert current.items[index].correction is not None


def test_real_messages_of_the_eml_corpus_in_french_are_found():
    phishing = CORPUS / "phishing"
    if not phishing.is_dir():
        pytest.skip(f"corpus absent : {phishing} (le dossier ../shared n'est pas là)")
    found = [s for s in (mails.folder_mail(p) for p in mails.candidates((phishing,))) if s is not None]
    assert found and all(s.origin is Origin.FOLDER and s.from_address for s in found)
