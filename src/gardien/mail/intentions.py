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
from dataclasses import dataclass
from functools import cache
from importlib import resources

MAX_CHARS = 30_000  # a lure says what it wants early; a long newsletter is read this far
SCENARIO_NEEDS = 4  # the strongest request's force plus the number of distinct pretexts
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


# --- reading the text ---------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe; one character out for one character in, so that positions
    map back to the text as written."""
    out = []
    for char in text:
        lower = char.lower()[:1] or " "
        base = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
        out.append(_LIGATURES.get(lower) or (base[0] if base[:1].isascii() and base else lower))
    return "".join(out)


_LIGATURES = {"œ": "o", "æ": "a", "ß": "s", "’": "'", "‘": "'"}


def squeeze(word: str) -> str:
    """Each doubled letter once: « coordonnées », « cordonnées » and « coordonées » read alike."""
    return re.sub(r"([a-z])\1+", r"\1", word)


_NUMBER_WORDS = "un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|vingt-quatre|quarante-huit|soixante-douze"
_NUMBER = r"(?:\d{1,3}(?:[  .]\d{3})+|\d+)(?:[.,]\d{1,2})?"
_TOKENS = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|fr|net|org|info|eu|io|co|online|site|xyz|top|shop|me)\b(?:/\S*)?)"
    r"|(?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    rf"|(?P<amount>(?:{_NUMBER}) ?(?:€|eur\b|euros?\b|e\b)|€ ?(?:{_NUMBER}))"
    r"|(?P<tel>(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}\b)"
    rf"|(?P<delay>\b(?:(?:sous|dans|avant|d'ici|d ici|moins de)\s+(?:les\s+|un\s+delai\s+de\s+)?|vous avez\s+|il vous reste\s+)(?:\d{{1,3}}|{_NUMBER_WORDS})\s*(?:h\b|heures?|jours?|j\b|minutes?|min\b))"
    r"|(?P<end>[.!?\n]+)"
    r"|(?P<word>[a-z0-9€]+)", re.I)
# Words that are one word for the reader: a « compte rendu » is no account
_LOCUTIONS = {"compte rendu": "compterendu", "comptes rendus": "compterendu"}


def _amount_token(text: str) -> str:
    digits = re.sub(r"[^\d,.]", "", text).replace(" ", "")
    whole = re.split(r"[,.](?=\d{1,2}$)", digits)[0].replace(".", "").replace(",", "")
    try:
        return "<petit_montant>" if int(whole or 0) < 10 else "<montant>"
    except ValueError:
        return "<montant>"


def tokens(folded: str) -> list[Token]:
    found: list[Token] = []
    sentence = 0
    for match in _TOKENS.finditer(folded):
        kind = match.lastgroup
        if kind == "end":
            sentence += 1
            continue
        norm = {"url": "<lien>", "mail": "<mail>", "tel": "<tel>", "delay": "<delai>"}.get(kind or "")
        if kind == "amount":
            norm = _amount_token(match.group(0))
        found.append(Token(norm or squeeze(match.group(0)), match.start(), match.end(), sentence))
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


def _pattern(words: list[str]) -> re.Pattern[str]:
    """One regex over the space-joined tokens of a sentence: each entry matched from a token's start, to its end
    unless it ends with « * »."""
    alternatives = []
    for word in words:
        prefix = word.endswith("*")
        parts = [p if p.startswith("<") else squeeze(fold(p)) for p in word.rstrip("*").replace("'", " ").split()]
        body = " ".join(re.escape(p) for p in parts)
        alternatives.append(body + ("" if prefix else r"(?= |$)"))
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?:^| )(" + "|".join(alternatives) + ")")


@cache
def _grammar() -> tuple[dict[str, re.Pattern[str]], list[_Rule]]:
    raw = tomllib.loads(resources.files("gardien.mail").joinpath("intentions.toml").read_text(encoding="utf-8"))
    families = {name: _pattern(words) for name, words in raw["familles"].items()}
    for special in ("<tel>", "<petit_montant>", "<montant>", "<lien>", "<delai>"):
        families.setdefault(special, _pattern([special]))
    rules = []
    for entry in raw["intention"]:
        first, then = (entry["suite"] if "suite" in entry else (entry["mots"], ""))
        rules.append(_Rule(entry["nom"], entry["role"], entry.get("force", 0), entry["texte"], first, then,
                           entry.get("ecart", 0), entry.get("deux_sens", False), entry.get("a_vous", False),
                           entry.get("pas_une_option", False)))
    return families, rules


class _Sentence:
    """The tokens of one sentence, space-joined, with where each token starts in that string."""

    def __init__(self, items: list[Token]) -> None:
        self.items = items
        self.joined = " ".join(t.norm for t in items)
        self.starts, position = [], 0
        for t in items:
            self.starts.append(position)
            position += len(t.norm) + 1

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Token ranges [first, last] where the family occurs."""
        found = []
        for match in pattern.finditer(self.joined):
            start = match.start(1)
            first = bisect_right(self.starts, start) - 1
            last = bisect_right(self.starts, match.end(1) - 1) - 1
            found.append((first, last))
        return found


def intents(text: str) -> list[Intent]:
    """The intents found in the text, each once, with the words that showed it."""
    plain = text[:MAX_CHARS]
    families, rules = _grammar()
    found: dict[str, Intent] = {}
    for sentence in _sentences(plain):
        items = sentence.items
        if families["mise_en_garde"].search(sentence.joined):
            continue  # a warning quotes the scam, it does not make it
        negated = bool(families["negation"].search(sentence.joined))
        optional = bool(families["option"].search(sentence.joined))
        for rule in rules:
            if rule.name in found or (negated and (rule.role == "demande" or rule.name == "pression")) or (
                    rule.not_an_option and optional):
                continue
            span = _match(rule, sentence, families)
            if span:
                first, last = span
                quoted = plain[items[first].start: items[last].end]
                found[rule.name] = Intent(rule.name, rule.role, rule.force, rule.text, quoted)
    return list(found.values())


def _sentences(plain: str) -> list[_Sentence]:
    folded = fold(plain[:MAX_CHARS])
    for locution, joined in _LOCUTIONS.items():
        folded = folded.replace(locution, joined.ljust(len(locution)))
    by_sentence: dict[int, list[Token]] = {}
    for token in tokens(folded):
        by_sentence.setdefault(token.sentence, []).append(token)
    return [_Sentence(items) for items in by_sentence.values()]


def _match(rule: _Rule, sentence: _Sentence, families: dict[str, re.Pattern[str]]) -> tuple[int, int] | None:
    firsts = sentence.spans(families[rule.first])
    if not firsts:
        return None
    if not rule.then:
        for first, last in firsts:
            if not rule.to_you or _to_you(sentence, first, last):
                return first, last
        return None
    thens = sentence.spans(families[rule.then])
    for a_first, a_last in firsts:
        for b_first, b_last in thens:
            if 0 <= b_first - a_last - 1 <= rule.gap and b_first > a_last:
                return a_first, b_last
            if rule.both_ways and b_last < a_first and a_first - b_last - 1 <= rule.gap:
                return b_first, a_last
    return None


def _to_you(sentence: _Sentence, first: int, last: int) -> bool:
    """The word is about the reader's own things: « votre compte sera suspendu », not « le service sera suspendu »."""
    low, high = max(0, first - YOU_WINDOW), min(len(sentence.items), last + YOU_WINDOW + 1)
    return any(POSSESSIVE.fullmatch(t.norm) for t in sentence.items[low:high])


@dataclass(frozen=True)
class Scenario:
    request: Intent
    pretexts: list[Intent]

    @property
    def strength(self) -> int:
        return self.request.force + len(self.pretexts)


def scenario(found: list[Intent]) -> Scenario | None:
    """The strongest request with every distinct pretext, when together they reach SCENARIO_NEEDS: bank details
    asked with one pretext, a payment with two, a mere link with three."""
    requests = sorted((i for i in found if i.role == "demande"), key=lambda i: -i.force)
    pretexts = [i for i in found if i.role == "contexte"]
    if not requests:
        return None
    chosen = Scenario(requests[0], pretexts)
    return chosen if chosen.strength >= SCENARIO_NEEDS else None


def warns_about_a_scam(text: str) -> bool:
    """The text warns about a scam (« de faux e-mails circulent… ») rather than making one: what the bench counts
    apart among the French texts it cannot call suspect."""
    families, _ = _grammar()
    return any(families["mise_en_garde"].search(sentence.joined) for sentence in _sentences(text))
