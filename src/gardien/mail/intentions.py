"""The scenario of a French lure, recognised by its intents rather than by its phrases (intentions.toml).

A practitioner's phishing is rarely written twice the same way: « confirmez vos coordonnées bancaires »,
« merci de compléter vos cordonnées bancaire », « la vérification de vos informations de paiement » are one request.
So the text is read as words: without accents, in lower case, each doubled letter once (the usual misspellings fall
together), sums of money, telephone numbers, web addresses and deadlines turned into tokens. Word families that meet
in one sentence make an intent (« verify » followed by « bank details » within a few words); a sentence that says
what NOT to do (« nous ne vous demanderons jamais… ») or that warns about a scam quotes the words without making
the request.

The scenario is the combination: something asked from the message (bank details, a payment, a login, a call…) with
a pretext and pressure (money waiting, a problem, a threat, a deadline, an authority, secrecy). Each part found is
told in plain French with the words the message used.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from gardien.mail import domains

MAX_CHARS = 30_000  # a lure says what it wants early; a long newsletter is read this far
SCENARIO_NEEDS = 4  # the strongest request's force plus the number of distinct pretexts
SECOND_REQUEST_FORCE = 2
SHORT_TEXT_WORDS = 30
# « si ce n'est pas vous, ignorez ce message »: a sentence that tells what not to do reassures, it does not press;
# « votre conseiller ne vous demandera jamais de transférer vos fonds » warns
NEGATED_PRETEXTS = ("pression", "probleme", "conseiller_au_telephone", "fonds_a_proteger")
POSSESSIVE = re.compile(r"(?<![a-z])(votre|vos|ton|tes|ta|vous|te|toi)(?![a-z])")
YOU_WINDOW = 8


@dataclass(frozen=True)
class Token:
    norm: str
    start: int  # in the folded text
    end: int
    sentence: int


@dataclass(frozen=True)
class Intent:
    name: str
    role: str  # « demande » or « contexte »
    force: int
    text: str  # French: what the message does, « vous demande de payer »
    quoted: str  # the words as the message wrote them
    tokens: tuple[int, int] = (0, 0)  # where: the first and last token read

    def within(self, other: Intent) -> bool:
        return other.tokens[0] <= self.tokens[0] and self.tokens[1] <= other.tokens[1]


# --- reading the text ---------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe; one character out for one character in, so that positions
    map back to the text as written."""
    return text.translate({ord(char): _fold_char(char) for char in set(text) if not char.islower() or not char.isascii()})


@cache
def _fold_char(char: str) -> str:
    lower = char.lower()[:1] or " "
    base = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
    return _LIGATURES.get(lower) or (base[0] if base[:1].isascii() and base else lower)


_LIGATURES = {"œ": "o", "æ": "a", "ß": "s", "’": "'", "‘": "'"}


_DOUBLED = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=1 << 16)  # the same words come back in every message
def squeeze(word: str) -> str:
    """Each doubled letter once: « coordonnées », « cordonnées » and « coordonées » read alike."""
    return _DOUBLED.sub(r"\1", word)


_NUMBER_WORDS = "un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|vingt-quatre|quarante-huit|soixante-douze"
_MONTHS = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
# « 35e » may be written for 35 €, but « 2e relance », « 3e trimestre », « 11e/20e » are ordinals: the word after (or
# the slash before) tells
_ORDINAL_FOLLOWS = (r"\s*/|\s+(?:jour|mois|trimestre|semestre|annee|semaine|etage|relance|rappel|avis|siecle|"
                    r"arrondissement|edition|visiteur|rang|place|partie|fois|page|ligne|article|session|tour|sa\b|j\b)")
# « la 3e offerte », « au 2e étage »: after an article, « 3e » is a rank, not three euros
_ORDINAL_AFTER_ARTICLE = re.compile(r"(?<![a-z])(?:la|le|les|au|aux|du|en|l'|l) ?$")
_NUMBER = r"(?:\d{1,3}(?:[  .]\d{3}){1,4}|\d{1,12})(?:[.,]\d{1,2})?"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TOKENS = re.compile(
    # every repetition is bounded: a run of 300,000 « ab- » must not be rescanned from each of its positions
    # a written address ends before the punctuation of its sentence (« sur https://www.impots.gouv.fr, rubrique… »)
    rf"(?P<url>(?:https?://|www\.)\S*[^\s.,;:!?)»\"'’]|\b{_LABEL}(?:\.{_LABEL}){{0,5}}\.(?:com|fr|net|org|info|eu|io|co|online|site|xyz|top|shop|me)\b(?:/\S*)?)"
    rf"|(?P<mail>[\w.+-]{{1,64}}@{_LABEL}(?:\.{_LABEL}){{1,5}})"
    rf"|(?P<amount>(?<![/\d])(?:{_NUMBER}) ?(?:€|eur\b|euros?\b|e\b(?!{_ORDINAL_FOLLOWS}))|€ ?(?:{_NUMBER}))"
    # a number as reported or copied, masked (« 01 45 XX XX XX ») or cut (« +33 1 89 62 ... ») is still a number to call
    r"|(?P<tel>(?:\+33 ?|0)[1-9](?:[ .-]?(?:\d{2}|\dx|x\d|xx)){4}\b|(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){2,3}[ .-]?(?:\.{2,}|□+|x{2,}))"
    rf"|(?P<delay>\b(?:(?:sous|dans|avant|d'ici|d ici|moins de)\s+(?:les\s+|un\s+delai\s+de\s+)?|vous avez\s+|vous disposez de\s+|il vous reste\s+)(?:\d{{1,3}}|{_NUMBER_WORDS})\s*(?:h\b|heures?|jours?|j\b|minutes?|min\b)"
    rf"|\bavant le\s+\d{{1,2}}(?:er)?(?:/\d{{1,2}}(?:/\d{{2,4}})?|\s+(?:{_MONTHS}|du mois)\b))"
    # « [Consulter le document] » opening a line or a sentence: a button as a pasted text shows it
    r"|(?P<button>(?:^|(?<=[\n.!?:]))[ \t]*\[(?=[ \t]*[a-z]))"
    # a full stop ends a sentence, not the dot inside « message_vocal.html »
    r"|(?P<end>(?:[.!?](?![a-z0-9])|\n)+)"
    r"|(?P<word>[a-z0-9€]+)", re.I)
# Words that are one word for the reader: a « compte rendu » is no account
# (and « à nouveau » is « again », no new bank details)
_LOCUTIONS = {"compte rendu": "compterendu", "comptes rendus": "compterendu", "a nouveau": "anouveau", "de nouveau": "denouveau",
              # the sender waits (« je suis en attente de vos reçus »): no money waiting for her
              "je suis en attente": "jesuisenattente", "nous sommes en attente": "noussommesenattente",
              # a code, not a request to confirm (« un code de confirmation vous sera envoyé par SMS »)
              "code de confirmation": "codedeconfirmation", "code de validation": "codedevalidation",
              # a SIM card or a business card is no bank card (« laissez la carte SIM active »)
              "carte sim": "cartesim", "cartes sim": "cartesim", "carte de visite": "cartedevisite",
              # a receipted invoice is a document to send, no payment asked
              "facture acquittee": "factureacquittee", "factures acquittees": "factureacquittee",
              # the sender sends (« je t'envoie le RIB du fournisseur »): what he gives, not what he asks for
              "je t'envoie": "jetenvoie", "je vous envoie": "jevousenvoie", "je t'ai envoye": "jetaienvoye",
              "je vous ai envoye": "jevousaienvoye", "nous vous envoyons": "nousvousenvoyons", "on vous envoie": "onvousenvoie",
              # a farewell, no deadline (« À bientôt sur notre site »: 12 honest development texts, no lure, round 14)
              "a bientot": "abientot",
              # a review or a document left on a site is no money deposited (« dès que vous déposez votre avis »)
              "deposez votre avis": "deposezvotreavis", "deposer votre avis": "deposervotreavis",
              "deposez un avis": "deposezunavis", "deposer un avis": "deposerunavis",
              # her own payments named, no payment asked (« la sécurité de vos paiements en ligne », round 24)
              "vos paiements en ligne": "vospaiementsenligne"}
_LOCUTION = re.compile(r"(?<![a-z])(?:" + "|".join(_LOCUTIONS) + r")(?![a-z])")


def _amount_token(text: str) -> str:
    digits = re.sub(r"[^\d,.]", "", text).replace(" ", "")
    whole = re.split(r"[,.](?=\d{1,2}$)", digits)[0].replace(".", "").replace(",", "")
    try:
        return "<petit_montant>" if int(whole or 0) < 10 else "<montant>"
    except ValueError:
        return "<montant>"


REQUEST = "demande"
# « sur ameli.fr » sends the reader to the organisation's own site, typed by herself: the advice Gardien gives, not
# a link to act from (no family uses this token)
OFFICIAL_SITE = "<site_officiel>"


def _official_site(written: str) -> bool:
    return domains.registrable(domains.host_of(written)) in domains.protected()


_BULLET = re.compile(r"[ \t]*[-•*–]")


def _continues_a_list(folded: str, end: re.Match[str], listing: bool) -> bool:
    """Line breaks that do not end the sentence: after « renseignez : » and between the « - » items of that list,
    which are what the sentence asks (« - votre identifiant et mot de passe »)."""
    if not end.group(0).isspace():
        return False
    before = end.start() - 1
    while before >= 0 and folded[before] in " \t":  # looked at in place: a long text has thousands of line breaks
        before -= 1
    opened = before >= 0 and folded[before] == ":"
    return opened or (listing and bool(_BULLET.match(folded, end.end())))


_CIVILITY = re.compile(r"(?<![a-z])(?:m|mm|mme|mmes|mlle|dr|pr)$")
_NAME_FOLLOWS = re.compile(r" [a-z]")


def _civility_dot(folded: str, end: re.Match[str]) -> bool:
    """The dot of « M. », « Dr. » before a name, which ends no sentence."""
    return (end.group(0) == "." and bool(_CIVILITY.search(folded, max(0, end.start() - 5), end.start()))
            and bool(_NAME_FOLLOWS.match(folded, end.end())))


_SPECIAL_TOKENS = {"url": "<lien>", "mail": "<mail>", "tel": "<tel>", "delay": "<delai>", "button": "<bouton>"}


def tokens(folded: str) -> list[Token]:
    found: list[Token] = []
    sentence = 0
    listing = False
    for match in _TOKENS.finditer(folded):
        kind = match.lastgroup
        if kind == "end":
            if _civility_dot(folded, match):  # « le compte rendu de M. Leroy » is one sentence
                continue
            listing = _continues_a_list(folded, match, listing)
            sentence += not listing
            continue
        norm = _SPECIAL_TOKENS.get(kind or "")
        if kind == "mail" and domains.is_freemail(match.group(0).rsplit("@", 1)[-1]):
            norm = PERSONAL_MAIL
        if kind == "url" and _official_site(match.group(0)):
            norm = OFFICIAL_SITE
        if kind == "amount":
            norm = None if _ORDINAL_AFTER_ARTICLE.search(folded, max(0, match.start() - 5), match.start()) and \
                match.group(0).endswith("e") else _amount_token(match.group(0))
        start = match.start() + (match.group(0).index("[") if kind == "button" else 0)  # quoted from its bracket
        found.append(Token(norm or squeeze(match.group(0)), start, match.end(), sentence))
    return found


# --- the families and intents of intentions.toml -------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    name: str
    role: str
    force: int
    text: str
    first: str  # a family, or a special token
    then: str  # "" when one family alone is the intent
    gap: int
    both_ways: bool
    to_you: bool
    not_an_option: bool
    unless: str  # a family that, in the same sentence, says the words mean something else ("" for none)
    also: str = ""  # a family that must be in the same sentence too (« envoyez le dossier de Mme X » … « gmail »)


SENTENCE_START = "_en_tete"  # a family whose name ends so is matched only as the first words of a sentence or line
PERSONAL_MAIL = "<mail_perso>"  # an address on a consumer mailbox (gmail.com, hotmail.fr…)


@dataclass(frozen=True)
class _Family:
    pattern: re.Pattern[str]
    # the first characters (up to HEAD_CHARS) a token must start with for the family to be found at all: most
    # families are absent from most messages, and this set says so without running their regex (speed, round 13)
    heads: frozenset[str]
    # the same alternation tried at one token's start (None for a sentence's first words): the family is then tried
    # only where a token starts with one of its heads, not at every word of the text (speed, round 15)
    at_token: re.Pattern[str] | None


HEAD_CHARS = 3


def _family(words: list[str], at_start: bool = False) -> _Family:
    alternation = _alternation(words)
    # a button's opening bracket (« [Consulter le document] ») does not move a sentence's first words
    prefix = r"(?:^|\n)(?:<bouton> )?(" if at_start else r"(?:^|[ \n])("
    return _Family(re.compile(prefix + alternation + ")"), frozenset(_head(word)[:HEAD_CHARS] for word in words),
                   None if at_start else re.compile("(" + alternation + ")"))


def _head(word: str) -> str:
    """What a token must start with for `word` to begin there: its first word as `_part` matches it, without the
    optional endings."""
    parts = _parts(word)
    first = parts[0] if parts else ""
    if first.endswith("*"):
        return first[:-1]
    if first.startswith("<") or (word.endswith("*") and len(parts) == 1) or len(first) < AGREEMENT_MIN:
        return first
    return _stem(first)


def _parts(word: str) -> list[str]:
    """The words of an entry as the folded tokens read them (a special token as it is, « * » kept on a word)."""
    return [p if p.startswith("<") else squeeze(fold(p.rstrip("*"))) + "*" * p.endswith("*")
            for p in word.rstrip("*").replace("'", " ").split()]


def _alternation(words: list[str]) -> str:
    """One regex over the space-joined tokens of a sentence: each entry matched from a token's start, to its end
    unless it ends with « * » (a word inside the entry may end with one too: « bulletin* de salaire »). A family
    ending in SENTENCE_START is matched only as a sentence's first words (a button: « Régler ma facture »)."""
    alternatives = []
    for word in words:
        prefix = word.endswith("*")
        parts = _parts(word)
        last = len(parts) - 1
        body = " ".join(_part(p, open_ended=prefix and i == last) for i, p in enumerate(parts))
        alternatives.append(body + ("" if prefix else r"(?=[ \n]|$)"))
    alternatives.sort(key=len, reverse=True)
    return "|".join(alternatives)


AGREEMENT_MIN = 4  # « les », « des », « vos » keep their own spelling


def _part(part: str, open_ended: bool) -> str:
    """One word of an entry. A word ending in « * » goes on; a full word also reads with or without the agreement
    a lure so often gets wrong (« vos coordoné bancaire », « carte suspendus »): its final « e » and « s » are optional."""
    if part.endswith("*"):
        return re.escape(part[:-1]) + r"[a-z0-9€]*"
    if open_ended or part.startswith("<") or len(part) < AGREEMENT_MIN:
        return re.escape(part)
    return re.escape(_stem(part)) + "e?s?"


def _stem(part: str) -> str:
    """A word without the final « s » and « e » of its agreement."""
    stem = part[:-1] if part.endswith("s") else part
    return stem[:-1] if stem.endswith("e") else stem


@cache
def _grammar() -> tuple[dict[str, _Family], list[_Rule]]:
    raw = tomllib.loads(resources.files("gardien.mail").joinpath("intentions.toml").read_text(encoding="utf-8"))
    families = {name: _family(words, name.endswith(SENTENCE_START)) for name, words in raw["familles"].items()}
    for special in ("<tel>", "<petit_montant>", "<montant>", "<lien>", "<delai>", "<bouton>", PERSONAL_MAIL):
        families.setdefault(special, _family([special]))
    rules = []
    for entry in raw["intention"]:
        first, then = (entry["suite"] if "suite" in entry else (entry["mots"], ""))
        rules.append(_Rule(entry["nom"], entry["role"], entry.get("force", 0), entry["texte"], first, then,
                           entry.get("ecart", 0), entry.get("deux_sens", False), entry.get("a_vous", False),
                           entry.get("pas_une_option", False), entry.get("sauf", ""), entry.get("avec", "")))
    return families, rules


class _Reading:
    """The tokens of the whole text in one string, sentences on lines of their own: each family's regex runs once
    over it, and each match is mapped back to its tokens and its sentence."""

    def __init__(self, plain: str) -> None:
        folded = fold(plain)
        folded = _LOCUTION.sub(lambda m: _LOCUTIONS[m.group(0)].ljust(len(m.group(0))), folded)
        self.items = tokens(folded)
        parts, self.starts, position = [], [], 0
        for index, token in enumerate(self.items):
            separator = "" if not index else (" " if token.sentence == self.items[index - 1].sentence else "\n")
            position += len(separator)
            self.starts.append(position)
            parts.append(separator + token.norm)
            position += len(token.norm)
        self.joined = "".join(parts)
        # every start of every token, up to HEAD_CHARS characters, with the tokens starting so: which families can be
        # here at all, and where
        self.at_head: dict[str, list[int]] = {}
        for index, token in enumerate(self.items):
            for head in {token.norm[:length] for length in range(1, HEAD_CHARS + 1)}:
                self.at_head.setdefault(head, []).append(index)
        self.heads = set(self.at_head)
        self._spans: dict[str, dict[int, list[tuple[int, int]]]] = {}

    def _matches(self, wanted: _Family) -> Iterator[re.Match[str]]:
        """The family's matches as `wanted.pattern.finditer` over the joined tokens finds them — left to right, none
        inside another — tried only at the tokens starting with one of its heads."""
        common = wanted.heads & self.heads
        if not common or wanted.at_token is None:
            yield from (wanted.pattern.finditer(self.joined) if common else ())
            return
        end = 0
        for index in sorted({i for head in common for i in self.at_head[head]}):
            start = self.starts[index]
            if (start - 1 if index else 0) < end:  # its separator is inside the previous match: finditer skips it
                continue
            match = wanted.at_token.match(self.joined, start)
            if match:
                end = match.end()
                yield match

    def spans(self, family: str) -> dict[int, list[tuple[int, int]]]:
        """Sentence -> token ranges [first, last] where the family occurs, in reading order."""
        if family not in self._spans:
            found: dict[int, list[tuple[int, int]]] = {}
            for match in self._matches(_grammar()[0][family]):
                first = bisect_right(self.starts, match.start(1)) - 1
                last = bisect_right(self.starts, match.end(1) - 1) - 1
                found.setdefault(self.items[first].sentence, []).append((first, last))
            self._spans[family] = found
        return self._spans[family]

    def sends_her_own_way_only(self) -> bool:
        """The text sends the reader to act by her own way — an official site (« sur impots.gouv.fr », not the name
        alone at the top, as a lure's logo), a place in her account (« rubrique Mes contrats »), a cheque or her usual
        account — and gives no way of its own: no other web address, no button, no « cliquez ». What an honest notice
        does, and what Gardien itself advises (development texts, round 8: 108 honest, no lure)."""
        if not (self.spans("vers_site_officiel") or self.spans("par_son_chemin")):
            return False
        clicks = set(self.spans("clic")) - set(self.spans("desabonnement"))
        return all(t.norm not in ("<lien>", "<bouton>") for t in self.items) and not clicks

    def to_you(self, first: int, last: int) -> bool:
        """The word is about the reader's own things: « votre compte sera suspendu », not « le service sera suspendu »."""
        sentence = self.items[first].sentence
        window = self.items[max(0, first - YOU_WINDOW): last + YOU_WINDOW + 1]
        return any(t.sentence == sentence and POSSESSIVE.fullmatch(t.norm) for t in window)


# « si vous ne confirmez pas vos informations »: the request told as the condition of a threat is quoted with its
# « si vous ne », or the quote « confirmez pas vos informations » reads as its opposite (walkthrough, round 19)
# « ne » as a word of its own: the end of « une anomalie » is no negation (review, round 22: « ne anomalie »)
_CONDITION_BEFORE = re.compile(r"(?<!\w)(?:(?:si|tant que|tant qu'|sans que) ?(?:vous|tu) )?(?:ne |n'|n’)$", re.I)
# « votre action est requise »: a quote opening on the verb (« est requise ») does not say what is pressed, so its
# subject, the words just before it in the same sentence, is quoted with it (review, round 22)
_VERB_FIRST = frozenset({"est", "sont", "sera", "seront", "doit", "doivent", "devra", "devront", "a", "ont"})
SUBJECT_WORDS = 2
SUBJECT_MAX_WORDS = 8  # how far back a subject's article is looked for
# the words a subject opens with, as the tokens spell them (doubled letters once: « cete »)
_DETERMINERS = frozenset(squeeze(w) for w in ("le", "la", "les", "l", "un", "une", "ce", "cet", "cette",
                                              "ces", "votre", "vos", "ton", "ta", "tes", "mon", "ma", "mes", "son", "sa",
                                              "ses", "notre", "nos", "leur", "leurs"))
_PREPOSITIONS = frozenset({"de", "d", "a", "en", "par", "pour", "sur", "dans", "avec"})
_CLAUSE_WORDS = frozenset({"et", "ou", "mais", "que", "qu", "qui", "car", "donc", "si", "sinon", "sans"})


@lru_cache(maxsize=4)  # the text is read for its warnings, then for its intents: tokenised once
def _read(plain: str) -> _Reading:
    return _Reading(plain)


def intents(text: str) -> list[Intent]:
    """The intents found in the text, each once, with the words that first showed it."""
    plain = text[:MAX_CHARS]
    _, rules = _grammar()
    reading = _read(plain)
    warnings = set(reading.spans("mise_en_garde"))  # a warning quotes the scam, it does not make it
    negated = set(reading.spans("negation"))
    optional = set(reading.spans("option")) - set(reading.spans("pas_une_option"))
    unsubscribe = set(reading.spans("desabonnement"))
    found: dict[str, Intent] = {}
    for rule in rules:
        if rule.name in found:
            continue
        for sentence, firsts in reading.spans(rule.first).items():
            if sentence in warnings or (sentence in negated and (rule.role == REQUEST or rule.name in NEGATED_PRETEXTS)) or (
                    rule.not_an_option and sentence in optional) or (rule.role == REQUEST and sentence in unsubscribe) or (
                    rule.unless and sentence in reading.spans(rule.unless)) or (
                    rule.also and sentence not in reading.spans(rule.also)):
                continue
            span = _match(rule, reading, firsts, sentence)
            if span:
                start = reading.items[_with_subject(reading.items, span[0])].start
                condition = _CONDITION_BEFORE.search(plain[max(0, start - 40): start])
                start -= len(condition.group(0)) if condition else 0
                anchor = next(((a, b) for a, b in firsts if span[0] <= a and b <= span[1]), span)
                quoted = whole_quote(plain, start, reading.items[span[1]].end,
                                     (reading.items[anchor[0]].start, reading.items[anchor[1]].end))
                found[rule.name] = Intent(rule.name, rule.role, rule.force, rule.text, quoted, span)
                break
    if reading.sends_her_own_way_only():  # what it asks is done where she goes by herself
        return [intent for intent in found.values() if intent.role != REQUEST]
    return list(found.values())


# a quote ending on one of these words says nothing of its own (« remboursement de », « mise à jour de votre »)
DANGLING = frozenset({"de", "d", "du", "des", "à", "a", "au", "aux", "le", "la", "les", "l", "un", "une", "votre", "vos",
                      "ton", "ta", "tes", "notre", "nos", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette",
                      "ces", "en", "pour", "par", "sur", "avec", "sans", "dans", "et", "ou", "que", "qu",
                      "mme", "madame", "monsieur", "mlle", "mademoiselle", "dr", "docteur", "pr",
                      # an auxiliary waits for its verb (« doit être » effectué, « sera » traité)
                      "être", "etre", "été", "ete", "doit", "doivent", "devra", "devront", "sera", "seront"})
_LAST_WORD = re.compile(r"([\w'’-]+)\W*$")
# the next word of the same clause, no punctuation between (« 48,50 » is one)
_NEXT_WORD = re.compile(r"[ \t]+(?:\d+(?:[.,]\d+)*(?![\w'’-])|[\w'’-]+)")
_CLAUSE_COMMA = re.compile(r",\s")  # « 48,50 € » is no clause's end
MORE_WORDS = 3


def dangling(phrase: str) -> bool:
    """The phrase ends on a word that needs the next one: « de », « la », « votre », « d' »."""
    last = _LAST_WORD.search(phrase)
    if not last:
        return False
    word = re.split(r"['’]", last.group(1).lower())[-1]
    return not word or word in DANGLING


def _drop_last_word(phrase: str) -> str:
    return phrase[: _LAST_WORD.search(phrase).start()].rstrip(" ,;:")


def whole_quote(text: str, start: int, end: int, keep: tuple[int, int] | None = None) -> str:
    """text[start:end] told so that it makes sense on its own (review, round 22): not across a comma between two
    clauses outside `keep`, the characters the match itself needs (« mise à jour de nos conditions, votre compte » →
    « mise à jour de nos conditions »), and not ending on « de », « la », « votre »: the next words of the same clause
    are added (« remboursement de vos soins »), or else the dangling words left out."""
    keep_start, keep_end = keep or (start, end)
    for comma in _CLAUSE_COMMA.finditer(text, start, end):
        if comma.end() <= keep_start:
            start = comma.end()
        elif comma.start() >= keep_end:
            end = comma.start()
            break
    while start < end and text[start].isspace():
        start += 1
    quoted = text[start:end].rstrip()
    extended, after = quoted, start + len(quoted)
    for _ in range(MORE_WORDS):
        if not dangling(extended):
            return extended
        more = _NEXT_WORD.match(text, after)
        if not more:
            break
        extended, after = extended + text[after: more.end()], more.end()
    if not dangling(extended):
        return extended
    while dangling(quoted) and " " in quoted.strip():
        quoted = _drop_last_word(quoted)
    return quoted


def _with_subject(items: list[Token], first: int) -> int:
    """The first token to quote: `first`, or, when it is a verb (« seront rejetées ») or a participle after its verb
    (« rejetées »), the subject before it in its sentence: back to its article or possessive (« vos feuilles de soins
    électroniques seront rejetées », review round 23), or SUBJECT_WORDS tokens when none is found."""
    start = first
    if items[first].norm not in _VERB_FIRST and first > 0 and items[first - 1].norm in _VERB_FIRST and \
            items[first - 1].sentence == items[first].sentence:
        start = first - 1
    if items[start].norm not in _VERB_FIRST:
        return first
    back = start
    while back > 0 and start - back < SUBJECT_MAX_WORDS and items[back - 1].sentence == items[start].sentence:
        if items[back - 1].norm in _CLAUSE_WORDS:
            break
        back -= 1
        # « la réactivation de votre espace … est requise »: an article after « de » opens a complement, not the subject
        if items[back].norm in _DETERMINERS and not (back > 0 and items[back - 1].norm in _PREPOSITIONS and
                                                     items[back - 1].sentence == items[start].sentence):
            return back
    verb = start
    while start > 0 and verb - start < SUBJECT_WORDS and items[start - 1].sentence == items[first].sentence:
        start -= 1
    return start


def _match(rule: _Rule, reading: _Reading, firsts: list[tuple[int, int]], sentence: int) -> tuple[int, int] | None:
    if not rule.then:
        return next(((a, b) for a, b in firsts if not rule.to_you or reading.to_you(a, b)), None)
    thens = reading.spans(rule.then).get(sentence, [])
    for a_first, a_last in firsts:
        for b_first, b_last in thens:
            if b_first > a_last and b_first - a_last - 1 <= rule.gap:
                span = a_first, b_last
            elif rule.both_ways and b_last < a_first and a_first - b_last - 1 <= rule.gap:
                span = b_first, a_last
            else:
                continue
            if not rule.to_you or reading.to_you(*span):
                return span
    return None


@dataclass(frozen=True)
class Scenario:
    request: Intent
    pretexts: list[Intent]
    insists: bool = False  # a second, different request of some force: « confirmez vos informations ici : lien »

    @property
    def strength(self) -> int:
        return self.request.force + len(self.pretexts) + self.insists


def scenario(found: list[Intent], words: int | None = None) -> Scenario | None:
    """The strongest request with every distinct pretext, when together they reach SCENARIO_NEEDS: bank details
    asked with one pretext, a payment with two, a mere link with three; a message that asks in two different ways
    (log in and give a code, confirm and click), or a text as short as an SMS (`words`), needs one pretext less."""
    # of two requests as strong, the first one read is named (« achète des cartes cadeaux … envoie-moi les codes »)
    requests = sorted((i for i in found if i.role == REQUEST), key=lambda i: (-i.force, i.tokens[0]))
    pretexts = [i for i in found if i.role == "contexte"]
    if not requests:
        return None
    strong = [i for i in requests if i.force >= SECOND_REQUEST_FORCE]
    # asked twice means with other words: « connectez-vous avec votre identifiant » is one request that two families
    # read (« connectez-vous », and the whole), not a login and a code
    insists = any(not a.within(b) and not b.within(a) for k, a in enumerate(strong) for b in strong[k + 1:])
    chosen = Scenario(requests[0], pretexts, insists)
    # a text as short as an SMS is nothing but its lure: a real request with one pretext is the whole message
    short = words is not None and words <= SHORT_TEXT_WORDS and chosen.request.force >= SECOND_REQUEST_FORCE
    return chosen if chosen.strength >= SCENARIO_NEEDS - short else None


def sends_her_own_way_only(text: str) -> bool:
    """The text has her act by her own way only (see _Reading.sends_her_own_way_only)."""
    return _read(text[:MAX_CHARS]).sends_her_own_way_only()


def without_warnings(text: str) -> str:
    """The text with its warning sentences, those that say what is not asked and the reminders, blanked out (same
    length): what the lexicon of phrases reads, so that « de faux e-mails demandent de mettre à jour votre carte
    Vitale » is not taken for the request it quotes, « nous ne vous demanderons jamais vos coordonnées bancaires » for
    a mention of bank details, nor « pensez à mettre à jour vos informations de carte auprès de vos abonnements » for
    a request."""
    reading = _read(text[:MAX_CHARS])
    warned = set(reading.spans("mise_en_garde")) | set(reading.spans("negation")) | set(reading.spans("rappel"))
    if not warned:
        return text
    chars = list(text)
    for sentence in warned:
        tokens_of = [t for t in reading.items if t.sentence == sentence]
        for index in range(tokens_of[0].start, tokens_of[-1].end):
            if not chars[index].isspace():
                chars[index] = " "
    return "".join(chars)


def warns_about_a_scam(text: str) -> bool:
    """The text warns about a scam (« de faux e-mails circulent… ») rather than making one: what the bench counts
    apart among the French texts it cannot call suspect."""
    return bool(_read(text[:MAX_CHARS]).spans("mise_en_garde"))
