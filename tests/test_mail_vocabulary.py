"""The word filter (vocabulary.py): Robinson's combination, the sign it gives, what it reads, and that it never warns
on its own. The probabilities and texts below are hand-written for the tests; the shipped word table is learned by
scripts/fit_mail_weights.py on the corpora's tuning halves."""

from __future__ import annotations

import re

from test_mail import build

from gardien.mail import signals, vocabulary
from gardien.mail.analyze import analyse, verdict_for
from gardien.mail.message import ParsedMail, parse_bytes
from gardien.mail.pasted import parse_text


def table_of(**probability: float) -> dict[str, float]:
    return {vocabulary.digest(word): p for word, p in probability.items()}


def test_words_like_the_traps_come_near_one_and_honest_words_near_zero():
    assert vocabulary.trap_likeness([0.99] * 10) > 0.999
    assert vocabulary.trap_likeness([0.01] * 10) < 0.001
    assert 0.3 < vocabulary.trap_likeness([0.99] * 5 + [0.01] * 5) < 0.7  # both kinds: undecided
    assert vocabulary.trap_likeness([0.52, 0.47] * 10) == 0.5  # too close to 0.5 to speak
    assert vocabulary.trap_likeness([]) == 0.5
    assert vocabulary.trap_likeness([0.99] * 9) == 0.5  # a few words prove nothing, however telling


# twelve neutral words: the sign needs ten words that speak, and these do not
NEUTRAL_WORDS = {f"neutre{letter}": 0.5 for letter in "abcdefghijkl"}


def test_the_sign_names_the_message_s_own_words_and_has_a_stronger_form():
    mixed = {"suspendu": 0.97, "identifiants": 0.9, "bloque": 0.8, "bonjour": 0.55,
             **{f"mot{letter}": 0.7 for letter in "abcdefgh"}, "facture": 0.3}
    sign = vocabulary.signal_for(set(mixed) | set(NEUTRAL_WORDS), table_of(**mixed, **NEUTRAL_WORDS))
    assert sign is not None and sign.id == vocabulary.SIGN
    assert "(par exemple «\u00a0suspendu\u00a0», «\u00a0identifiants\u00a0», «\u00a0bloque\u00a0»)." in sign.message
    assert not sign.repeated  # close to the traps' words, not overwhelmingly
    many = {f"mot{letter}": 0.99 for letter in "abcdefghijkl"}
    strong = vocabulary.signal_for(set(many), table_of(**many))
    assert strong is not None and strong.repeated and strong.key == vocabulary.SIGN + "+"
    honest = {f"mot{letter}": 0.2 for letter in "abcdefghijkl"}
    assert vocabulary.signal_for(set(honest), table_of(**honest)) is None
    assert vocabulary.signal_for({"inconnu"}, table_of(**many)) is None
    short = {f"{word}": 0.99 for word in ("eur", "les", "des", "aux", "par", "une", "qui", "que", "sur", "pas")}
    sign = vocabulary.signal_for(set(short), table_of(**short))
    assert sign is not None and sign.message.endswith("courrier honnête.")  # no example she could not find
    # the most frequent words of a language tell the language, not the trap: never quoted
    german = {"ihre": 0.99, "sich": 0.99, "jetzt": 0.99, "konto": 0.98, **{f"mot{letter}": 0.9 for letter in "abcdefgh"}}
    sign = vocabulary.signal_for(set(german), table_of(**german), frozenset(table_of(ihre=1, sich=1, jetzt=1)))
    assert sign is not None and "konto" in sign.message and not {"ihre", "sich", "jetzt"} & set(re.findall(r"\w+", sign.message))


def test_words_are_read_without_addresses_links_numbers_or_endless_runs():
    mail = ParsedMail(from_name="Service Client", subject="Votre Compte",
                      text="Écrivez à alerte@banque-exemple.fr ou allez sur https://suspendu.exemple/verifier "
                           "code 12345 abc123 " + "x" * 30 + " fin")
    assert vocabulary.words(mail) == {"service", "client", "votre", "compte", "écrivez", "allez", "sur", "code", "fin"}


def test_the_shipped_table_holds_hashed_words_only():
    table = vocabulary.table()
    assert len(table) > 1000
    assert all(re.fullmatch(r"[0-9a-f]{10}", key) for key in table)
    assert all(0 < p < 1 for p in table.values())
    assert {vocabulary.digest(w) for w in ("ihre", "sich", "the", "nous")} <= vocabulary.unshown()
    assert vocabulary.digest("suspendu") not in vocabulary.unshown()


def test_words_like_the_traps_alone_never_warn():
    # honest account notices use the traps' words: the sign only adds to another sign
    words_only = vocabulary.Signal(vocabulary.SIGN, signals.MEDIUM, "…", repeated=True)
    assert verdict_for([words_only])[0] == "safe"
    other = signals.Signal("liens.raccourci", signals.WEAK, "…")
    assert verdict_for([words_only, other])[1] > verdict_for([other])[1]


def test_a_typical_french_lure_has_the_traps_words():
    # hand-written, in the manner of the bank-alert lures
    raw = build(sender="Service Clients <service@exemple-banque.fr>", subject="Action requise sur votre compte",
                text="Cher client, suite à une activité inhabituelle, votre accès en ligne a été temporairement suspendu. "
                     "Pour le réactiver, veuillez confirmer vos informations personnelles en cliquant sur le lien ci-dessous "
                     "sous 48 heures. Passé ce délai, votre compte sera définitivement bloqué. Merci de votre confiance.")
    assert vocabulary.SIGN in {s.id for s in analyse(parse_bytes(raw)).signals}


def test_round_24_a_piece_of_an_elided_word_is_never_quoted_as_a_word():
    # hand-written: « aujourd » (of « aujourd'hui ») was quoted to a trainee as a word of the traps (review, round 24)
    text = ("Votre compte expire aujourd'hui. Cliquez sur le bouton ci-dessous pour confirmer vos identifiants "
            "aujourd'hui, sinon votre accès sera suspendu. Vérifiez votre compte, confirmez votre mot de passe, "
            "conservez votre accès. Service client, sécurité, vérification, connexion, bouton.")
    found = [s for s in vocabulary.vocabulary(parse_text(text)) if s.id == vocabulary.SIGN]
    assert found, "hand-written lure expected to be close to the traps' words"
    assert "aujourd" not in found[0].words and "«\u00a0aujourd\u00a0»" not in found[0].message
