"""The language of a message (language.py) and its sign: a language a practice in France does not read every day is a
weak sign, never a warning on its own. Every text below is hand-written for the tests."""

from __future__ import annotations

from test_mail import build

from gardien.mail import language, signals, vocabulary
from gardien.mail.analyze import analyse, verdict_for
from gardien.mail.message import parse_bytes

PORTUGUESE = ("Olá, tudo bem? Você tem uma nova proposta do seu plano de saúde com até quarenta por cento de economia. "
              "Não perca, porque a oferta é muito boa e está disponível só para você até amanhã. Estamos aqui para ajudar.")
GERMAN = ("Liebe Kollegin, ich habe Ihre Nachricht erhalten und danke Ihnen sehr dafür. Wir sind nicht sicher, ob die "
          "Patientin schon bei Ihnen war, aber ich werde sie morgen anrufen. Mit freundlichen Grüßen, Ihre Anna")
FRENCH = ("Bonjour, je vous remercie pour votre message. Nous avons bien reçu votre dossier et nous revenons vers vous "
          "dans la semaine avec une réponse pour le rendez-vous. Bien cordialement.")
ENGLISH = ("Hello, thank you for your order. We have shipped your parcel and you can follow it from your account. "
           "If you have any question about what you ordered, please reply to this message.")


def words_of(text: str) -> set[str]:
    return vocabulary.words(parse_bytes(build(text=text)))


def test_a_message_is_told_in_its_own_language_with_the_words_that_tell_it():
    assert language.of_words(words_of(PORTUGUESE))[0] is language.Language.PORTUGUESE
    assert language.of_words(words_of(GERMAN))[0] is language.Language.GERMAN
    assert language.of_words(words_of(FRENCH))[0] is language.Language.FRENCH
    assert language.of_words(words_of(ENGLISH))[0] is language.Language.ENGLISH
    found, telling = language.of_words(words_of(PORTUGUESE))
    assert len(telling) >= language.MIN_OWN_WORDS and set(telling) <= words_of(PORTUGUESE)


def test_a_few_words_tell_no_language():
    assert language.of_words(words_of("Olá, tudo bem?")) == (None, [])
    assert language.of_words(set()) == (None, [])


def test_only_a_language_other_than_french_and_english_gives_the_sign_named_in_french():
    sign = language.unexpected(words_of(PORTUGUESE))
    assert sign is not None and sign.id == language.SIGN and sign.weight == signals.WEAK
    assert "écrit en portugais" in sign.message and "sauf d'un correspondant qu'il connaît" in sign.message
    assert language.unexpected(words_of(FRENCH)) is None
    assert language.unexpected(words_of(ENGLISH)) is None


def test_the_word_filter_does_not_judge_a_language_its_honest_side_never_read():
    def all_trap_like(text: str) -> dict[str, float]:
        return {vocabulary.digest(word): 0.99 for word in words_of(text)}
    assert vocabulary.signal_for(words_of(FRENCH), all_trap_like(FRENCH)) is not None
    assert vocabulary.signal_for(words_of(GERMAN), all_trap_like(GERMAN)) is None
    german = analyse(parse_bytes(build(sender="Anna Keller <anna.keller@praxis-keller.de>", text=GERMAN)))
    assert vocabulary.SIGN not in {s.id for s in german.signals}


def test_a_colleague_writing_in_german_with_nothing_else_is_not_a_warning():
    analysis = analyse(parse_bytes(build(sender="Anna Keller <anna.keller@praxis-keller.de>", subject="Ihre Patientin",
                                         text=GERMAN)))
    assert language.SIGN in {s.id for s in analysis.signals}
    assert analysis.verdict == "safe"


def test_the_language_with_another_sign_can_warn_alone_it_cannot():
    sign = language.unexpected(words_of(PORTUGUESE))
    random_address = signals.Signal("expediteur.adresse_aleatoire", signals.WEAK, "adresse au hasard")
    assert verdict_for([sign])[0] == "safe"
    assert verdict_for([random_address])[0] == "safe"
    assert verdict_for([sign, random_address])[0] == "suspicious"
