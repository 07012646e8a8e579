"""Password strength the way attackers guess: zxcvbn, taught French, read against the CNIL's examples.

Additions to zxcvbn (set up once, on first use):
- dictionaries: French words and first names (wordfreq, gender-guesser), words of the profession;
- an AZERTY keyboard graph, so that "azerty" or "wxcvbn" count as keyboard walks;
- years up to 2099 (zxcvbn 4.5 stops at 2019), and French postcodes (« Lyon69003 »);
- only the patterns people use count (patterns.py): the tiny matches zxcvbn finds by chance in random characters
  neither lower the estimate nor appear in the explanation;
- brute-force cost by the character classes the password uses, counted as the CNIL counts them (lowercase 26,
  uppercase 26, digits 10, other characters 37: its 12-character example assumes a list of at least 37), instead of
  zxcvbn's flat 10 per character; the whole password's alphabet is used for every unexplained segment, since an
  attacker does not know where one segment ends;
- a passphrase whose words are separated by one repeated character ("maison-jardin-…") is estimated on its words,
  plus the choice of the separator, rather than paying full price for each separator;
- a word of 7 letters or more typed with one letter missing, one letter too many or two letters swapped
  (« Tr0ub4dor » for « troubadour ») is a word, at the price of the change; zxcvbn only knows exact spellings, and
  such a password, with nothing guessable left, passed for 12 random characters.
The CNIL thresholds (references.md MDP-01, recommendation 2022-100, not read in the primary text): 80 bits for a
password used alone; 50 bits when the account limits failed attempts. Its examples for 80 bits (MDP-02): 12
characters of 4 kinds, 14 characters of 3 kinds (no special character), or a passphrase of 7 words. A password that
follows one of those examples and holds no guessable pattern is « fort », whatever the estimate says: that is the
CNIL's own reading of its examples, and what a practitioner who followed them expects to hear.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cache, partial
from importlib import resources

from gardien import fr, spelling
from gardien.passwords.bloom import BloomFilter
from gardien.passwords.patterns import (
    POSTCODE_GUESSES,
    POSTCODE_REGEX,
    WORD_LISTS,
    Misspelling,
    Pattern,
    PatternKind,
    describe_all,
    recognise,
    written_as_a_word,
)

STRONG_BITS = 80  # CNIL case 1: password alone
MEDIUM_BITS = 50  # CNIL case 2: with access restriction (attempt limits, delays)
MAX_EVALUATED = 72  # zxcvbn's limit: a longer password is judged on its first 72 characters (a lower bound)
CLASS_SIZES = (("minuscules", 26), ("majuscules", 26), ("chiffres", 10), ("autres", 37))
MIN_PHRASE_WORDS = 7  # the CNIL's passphrase example
SHOWN_PATTERNS = 8  # beyond, the explanation says « … »
MIN_MISSPELLED_WORD = 7  # letters of the word: one change away from a shorter word is too often chance
MAX_MISSPELLED_WORD = 16  # « kinesitherapeute »; longer words are not looked for (time)


class Verdict(StrEnum):
    WEAK = "faible"
    MEDIUM = "moyen"
    STRONG = "fort"


class CnilExample(StrEnum):
    """The CNIL's example policies for a password used alone (references.md MDP-02)."""

    TWELVE_FOUR_KINDS = "12_caracteres_4_types"
    FOURTEEN_THREE_KINDS = "14_caracteres_3_types"
    SEVEN_WORDS = "phrase_de_passe_7_mots"


VERDICT_WEAK, VERDICT_MEDIUM, VERDICT_STRONG = Verdict.WEAK, Verdict.MEDIUM, Verdict.STRONG
CNIL_ALONE = "mot_de_passe_seul"  # >= 80 bits, or one of the CNIL's examples
CNIL_RESTRICTED = "avec_restriction_d_acces"  # >= 50 bits
# references.md MDP-01 (80 and 50) and MDP-02 (the examples), [CNIL-MDP22]; no « bits »: the point said in plain words
CNIL_NOTE = ("Repères de la recommandation CNIL de 2022 (recommandation courante, non obligatoire) : une solidité de 80 pour un mot de passe seul, "
             "de 50 si le compte se bloque après des essais ratés (chaque point de plus double le nombre d'essais qu'il "
             "faut pour le deviner). Ses exemples pour 80 : 12 caractères de "
             "4 types, 14 caractères sans caractère spécial, ou une phrase de passe de 7 mots.")


def solidity(bits: float, follows_example: bool = False) -> str:
    """The estimated strength in plain words, beside the CNIL's reference points (« 27 bits estimés » was jargon)."""
    shown = math.floor(bits)  # floored: 49.5 said « 50, sous les 50 » (walkthrough round 18)
    said = f"solidité estimée : {shown}"
    # at a threshold itself, « au-delà des 80 » beside 80 said the number twice (review r24): « le niveau » instead
    if shown == STRONG_BITS:
        return f"{said}, le niveau que la CNIL recommande pour un mot de passe seul"
    if bits >= STRONG_BITS:
        return f"{said}, au-delà des {STRONG_BITS} que la CNIL recommande pour un mot de passe seul"
    if follows_example:  # strong by one of the CNIL's own examples, under 80 by Gardien's count
        return f"{said}, et il suit un des exemples de la CNIL pour un mot de passe seul"
    if shown == MEDIUM_BITS:
        return (f"{said}, le niveau que la CNIL recommande si le compte se bloque après quelques essais ratés ; "
                f"{STRONG_BITS} pour un mot de passe seul")
    if bits >= MEDIUM_BITS:
        return (f"{said} ; la CNIL recommande {STRONG_BITS} pour un mot de passe seul, {MEDIUM_BITS} si le compte se "
                "bloque après quelques essais ratés")
    return f"{said}, sous les {MEDIUM_BITS} que la CNIL recommande même pour un compte qui se bloque après quelques essais ratés"


EXAMPLE_TEXT = {
    CnilExample.TWELVE_FOUR_KINDS: "au moins 12 caractères des 4 types (minuscules, majuscules, chiffres, caractères spéciaux)",
    CnilExample.FOURTEEN_THREE_KINDS: "au moins 14 caractères mêlant minuscules, majuscules et chiffres",
    CnilExample.SEVEN_WORDS: "une phrase de passe d'au moins 7 mots différents",
}

_lock = threading.Lock()


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one password. It keeps the parts that form a pattern (for the estimate; the reasons describe
    them without quoting them), never the password itself."""

    entropy_bits: float
    verdict: Verdict
    cnil: str | None
    reasons: tuple[str, ...]
    in_offline_list: bool
    length: int
    patterns: tuple[Pattern, ...] = ()
    example: CnilExample | None = None  # the CNIL example it follows with nothing guessable in it

    @property
    def solidity(self) -> str:
        """« solidité estimée : 27, sous les 50 que la CNIL recommande… », shown beside the verdict."""
        return solidity(self.entropy_bits, self.verdict is Verdict.STRONG and self.example is not None)


def _data(name: str) -> str:
    return resources.files("gardien.passwords.data").joinpath(name).read_text(encoding="utf-8")


def _words(name: str) -> list[str]:
    return [line.strip() for line in _data(name).splitlines() if line.strip()]


# Physical positions are the same on AZERTY and QWERTY keyboards: map each QWERTY key to its AZERTY twin.
_QWERTY_TO_AZERTY = dict(
    zip(
        "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+ qQ wW eE rR tT yY uU iI oO pP [{ ]} \\| "
        "aA sS dD fF gG hH jJ kK lL ;: '\" zZ xX cC vV bB nN mM ,< .> /?".split(),
        "²³ &1 é2 \"3 '4 (5 -6 è7 _8 ç9 à0 )° =+ aA zZ eE rR tT yY uU iI oO pP ^¨ $£ *µ "
        "qQ sS dD fF gG hH jJ kK lL mM ù% wW xX cC vV bB nN ,? ;. :/ !§".split(),
        strict=True,
    )
)


def azerty_graph(qwerty: dict[str, list[str | None]]) -> dict[str, list[str | None]]:
    """The AZERTY adjacency graph, built from zxcvbn's QWERTY graph by key position."""
    graph: dict[str, list[str | None]] = {}
    for qwerty_key, azerty_key in _QWERTY_TO_AZERTY.items():
        neighbours = [_QWERTY_TO_AZERTY.get(n) if n else None for n in qwerty[qwerty_key[0]]]
        for char in azerty_key:
            graph[char] = neighbours
    return graph


def _kinds(password: str) -> tuple[bool, bool, bool, bool]:
    """Which of the four kinds of characters the password uses: lowercase, uppercase, digits, others."""
    return (
        any(c.isascii() and c.islower() for c in password),
        any(c.isascii() and c.isupper() for c in password),
        any(c.isascii() and c.isdigit() for c in password),
        any(not (c.isascii() and c.isalnum()) for c in password),
    )


def charset_size(password: str) -> int:
    """Size of the alphabet an attacker must try for this password: the classes it uses."""
    return sum(size for (_, size), used in zip(CLASS_SIZES, _kinds(password), strict=True) if used)


_bruteforce_cardinality = 10  # set for each evaluation, under _lock


def _class_bruteforce_guesses(match: dict) -> int:
    # the segments zxcvbn cannot explain cost the whole password's alphabet per character
    minimum = 11 if len(match["token"]) == 1 else 51  # as zxcvbn: just above its smallest real match
    return max(_bruteforce_cardinality ** len(match["token"]), minimum)


def _regex_guesses(match: dict, zxcvbn_regex_guesses):
    # zxcvbn prices only its own regexes (years, character classes); a postcode is one of the codes of its shape
    if match["regex_name"] == PatternKind.POSTCODE.value:
        return POSTCODE_GUESSES
    return zxcvbn_regex_guesses(match)


@cache
def _zxcvbn():
    """Import zxcvbn and teach it French, once. Returns its matching and scoring modules."""
    from zxcvbn import matching, scoring

    matching.add_frequency_lists(
        {"mots_fr": _words("mots_fr.txt"), "prenoms_fr": _words("prenoms_fr.txt"), "metier": _words("metier.txt")}
    )
    matching.GRAPHS["azerty"] = azerty_graph(matching.GRAPHS["qwerty"])
    matching.REGEXEN["recent_year"] = re.compile(r"19\d\d|20\d\d")
    matching.REGEXEN[PatternKind.POSTCODE.value] = POSTCODE_REGEX
    scoring.REFERENCE_YEAR = date.today().year
    scoring.bruteforce_guesses = _class_bruteforce_guesses
    scoring.regex_guesses = partial(_regex_guesses, zxcvbn_regex_guesses=scoring.regex_guesses)
    return matching, scoring


@cache
def offline_list() -> BloomFilter:
    import json

    meta = json.loads(_data("fuites.json"))
    bits = resources.files("gardien.passwords.data").joinpath("fuites.bloom").read_bytes()
    return BloomFilter(bits, meta["bits"], meta["hashes"])


def warm_up() -> None:
    """Load dictionaries now rather than at the first evaluation."""
    _zxcvbn()
    offline_list()
    spelling.checker("fr")


@dataclass(frozen=True)
class _Phrase:
    """A passphrase written with one separator: its words joined, and where each joined letter came from."""

    joined: str
    positions: tuple[int, ...]
    chunks: frozenset[tuple[int, int]]  # (start, end) of each word in `joined`

    def within_one_word(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.chunks)


def _as_phrase(password: str) -> _Phrase | None:
    """Words of letters separated by one repeated character (space, hyphen, dot…), or None."""
    others = {c for c in password if not c.isalnum()}
    if len(others) != 1:
        return None
    (separator,) = others
    words = password.split(separator)
    if len(words) < 3 or not all(w.isalpha() for w in words):
        return None
    positions, chunks, at = [], set(), 0
    for index, char in enumerate(password):
        if char != separator:
            positions.append(index)
    for w in words:
        chunks.add((at, at + len(w)))
        at += len(w)
    return _Phrase("".join(words), tuple(positions), frozenset(chunks))


def _whole_word(match: dict, phrase: _Phrase) -> Pattern | None:
    """In a passphrase, a word between two separators counts whatever its length (« le », « de »)."""
    if (match["pattern"] != "dictionary" or match.get("l33t") or match.get("reversed")
            or (match["i"], match["j"] + 1) not in phrase.chunks or match.get("dictionary_name") == "user_inputs"):
        return None
    return Pattern(PatternKind.WORD, match["token"], match["i"], match["j"] + 1, match["matched_word"],
                   match["dictionary_name"], match["rank"])


@cache
def _long_words() -> dict[str, tuple[int, str]]:
    """The words a misspelling is looked for in: their best rank, and the list it is in."""
    matching, _ = _zxcvbn()
    best: dict[str, tuple[int, str]] = {}
    for name, ranked in matching.RANKED_DICTIONARIES.items():
        if name not in WORD_LISTS:
            continue
        for word, rank in ranked.items():
            if MIN_MISSPELLED_WORD <= len(word) <= MAX_MISSPELLED_WORD and word.isalpha() and rank < best.get(word, (rank + 1,))[0]:
                best[word] = (rank, name)
    return best


def _corrections(typed: str):
    """The words `typed` could be with one change undone: (word, the change), the word's length in bounds."""
    size = len(typed)
    if MIN_MISSPELLED_WORD <= size + 1 <= MAX_MISSPELLED_WORD:
        for at in range(size + 1):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                yield typed[:at] + letter + typed[at:], Misspelling.MISSING
    if MIN_MISSPELLED_WORD <= size - 1 <= MAX_MISSPELLED_WORD:
        for at in range(size):
            yield typed[:at] + typed[at + 1:], Misspelling.EXTRA
    if MIN_MISSPELLED_WORD <= size <= MAX_MISSPELLED_WORD:
        for at in range(size - 1):
            if typed[at] != typed[at + 1]:
                yield typed[:at] + typed[at + 1] + typed[at] + typed[at + 2:], Misspelling.SWAPPED


def _stands_apart(text: str, start: int, end: int) -> bool:
    """The part is not glued to other letters: nothing, or no letter, or a capital (« MonTroubador ») on each side.
    Inside words run together (« herbetendvisage »), a misspelling is only chance: « herbet » read as « herbert »."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (not before.isalpha() or text[start].isupper()) and not (after.isalpha() and after.islower())


def _misspelling_cost(change: Misspelling, word: str) -> int:
    """How many spellings an attacker's rule tries for this change of this word."""
    return {Misspelling.MISSING: len(word), Misspelling.EXTRA: 26 * (len(word) + 1),
            Misspelling.SWAPPED: len(word) - 1}[change]


def _misspellings(text: str, matching, scoring) -> list[dict]:
    """zxcvbn-style matches for the words typed with one change, also under look-alike digits and symbols."""
    words = _long_words()
    dictionaries = [ranked for name, ranked in matching.RANKED_DICTIONARIES.items() if name in WORD_LISTS]
    lower = text.lower()
    decodings = {lower: {}}
    for sub in matching.enumerate_l33t_subs(matching.relevant_l33t_subtable(text, matching.L33T_TABLE)):
        if sub:
            decodings.setdefault(matching.translate(lower, sub), sub)
    found: dict[tuple[int, int, str], dict] = {}
    seen: set[tuple[int, str]] = set()
    for decoded, sub in decodings.items():
        for i in range(len(decoded)):
            for j in range(i + MIN_MISSPELLED_WORD - 1, min(len(decoded), i + MAX_MISSPELLED_WORD + 1) + 1):
                typed = decoded[i:j]
                if not typed.isalpha():
                    break
                token = text[i:j]
                used = {c: sub[c] for c in set(token) if c in sub}
                if ((i, typed) in seen or not _stands_apart(text, i, j) or not written_as_a_word(token, used)
                        or sum(c not in used for c in token) < MIN_MISSPELLED_WORD - 1  # « Miwes7 »: chance
                        or token[0] in used or token[-1] in used):  # « Sagefemme2 »: the word, then a digit
                    continue  # as patterns.py reads a word: « Tr0ub4dor », not « tR0uB4d0r »
                seen.add((i, typed))
                if any(typed in ranked for ranked in dictionaries):
                    continue  # a word as it is, not a misspelling of another (« interne », not « internet »)
                for word, change in _corrections(typed):
                    if word not in words or (i, j, word) in found:
                        continue
                    rank, name = words[word]
                    match = {"pattern": "dictionary", "i": i, "j": j - 1, "token": token, "matched_word": word,
                             "rank": rank, "dictionary_name": name, "reversed": False, "l33t": bool(used), "sub": used,
                             "misspelled": change}
                    match["guesses"] = scoring.dictionary_guesses(match) * _misspelling_cost(change, word)
                    match["guesses_log10"] = math.log10(match["guesses"])
                    found[(i, j, word)] = match
    return list(found.values())


def _estimate(password: str) -> tuple[float, tuple[Pattern, ...]]:
    """log2 of the guesses an attacker needs, and the patterns that estimate rests on (in password positions)."""
    matching, scoring = _zxcvbn()
    global _bruteforce_cardinality
    phrase = _as_phrase(password)
    text = phrase.joined if phrase else password
    with _lock:  # zxcvbn and this module keep per-call state in module globals
        _bruteforce_cardinality = max(charset_size(text), 10)
        kept, found = [], {}
        for match in matching.omnimatch(text) + ([] if phrase else _misspellings(text, matching, scoring)):
            if phrase and not phrase.within_one_word(match["i"], match["j"] + 1):
                continue  # « tout-elle » read as « toute »: a match across a separator is not in the password
            pattern = (phrase and _whole_word(match, phrase)) or recognise(match)
            if pattern is not None:
                kept.append(match)
                found[id(match)] = pattern
        result = scoring.most_guessable_match_sequence(text, kept)
        sequence = [m for m in result["sequence"] if id(m) in found]
        bits = math.log2(max(float(result["guesses"]), 1.0))
        words = _one_word_each(phrase, kept, found, scoring) if phrase else None
        if words is None and len(sequence) > 1 and len(sequence) == len(result["sequence"]) and all(
                found[id(m)].kind is PatternKind.WORD for m in sequence):
            words = sequence
        if words is not None:
            # Words only: an attacker runs through word lists. zxcvbn's extra cost for long sequences (l! and
            # 10 000^(l-1)) would make seven of the commonest words look like 80 bits.
            bits = min(bits, sum(math.log2(float(m["guesses"])) for m in words))
            sequence = words
    if phrase:
        bits += math.log2(CLASS_SIZES[3][1])  # which separator: one of the other characters
    patterns = [_named_french_first(found[id(m)]) for m in sequence]
    if phrase:  # back to positions in the password as typed
        patterns = [_moved(p, phrase.positions, password) for p in patterns]
    return bits, tuple(patterns)


ENGLISH_LISTS = frozenset({"english_wikipedia", "us_tv_and_film"})


def _named_french_first(pattern: Pattern) -> Pattern:
    """A word of an English list that is also a French word is named as a common (French) word, with its French
    rank: she writes French (walkthrough round 18: « correct », « pile » said « anglais »). Naming only: the
    estimate, already made, keeps the cheaper English rank, the attacker's first try."""
    if pattern.word_list not in ENGLISH_LISTS or not pattern.word:
        return pattern
    french_rank = _zxcvbn()[0].RANKED_DICTIONARIES["mots_fr"].get(pattern.word)
    # the French spelling dictionary says what a French word is (mots_fr, drawn from French texts, also holds « the »,
    # « baby », « hello »)
    if french_rank is None or pattern.word not in spelling.checker("fr"):
        return pattern
    return replace(pattern, word_list="mots_fr", rank=french_rank)


def _one_word_each(phrase: _Phrase, kept: list[dict], found: dict, scoring) -> list[dict] | None:
    """The cheapest whole-word match of each word of the phrase, in order; None when one word is not a word."""
    best: dict[tuple[int, int], dict] = {}
    for match in kept:
        span = (match["i"], match["j"] + 1)
        if span in phrase.chunks and found[id(match)].kind is PatternKind.WORD:
            scoring.estimate_guesses(match, phrase.joined)
            if span not in best or match["guesses"] < best[span]["guesses"]:
                best[span] = match
    if len(best) != len(phrase.chunks):
        return None
    return [best[span] for span in sorted(best)]


def _moved(pattern: Pattern, positions: tuple[int, ...], password: str) -> Pattern:
    start, end = positions[pattern.start], positions[pattern.end - 1] + 1
    return replace(pattern, start=start, end=end, part=password[start:end])


def cnil_example(password: str, patterns: tuple[Pattern, ...]) -> CnilExample | None:
    """The CNIL example (MDP-02) this password follows with nothing guessable in it, if any."""
    lower, upper, digits, others = _kinds(password)
    if not patterns:
        if len(password) >= 12 and lower and upper and digits and others:
            return CnilExample.TWELVE_FOUR_KINDS
        if len(password) >= 14 and lower and upper and digits:
            return CnilExample.FOURTEEN_THREE_KINDS
        return None
    words = _phrase_words(password, patterns)
    if words and len({p.word for p in words}) == len(words) and not all_common(words):
        return CnilExample.SEVEN_WORDS
    return None


def _phrase_words(password: str, patterns: tuple[Pattern, ...]) -> list[Pattern]:
    """The words, when the password is nothing but 7 words or more (and separators); else []."""
    words = [p for p in patterns if p.kind is PatternKind.WORD and not p.reversed and not p.substituted and not p.misspelled]
    if len(words) == len(patterns) >= MIN_PHRASE_WORDS and _covered_by(password, words):
        return words
    return []


def all_common(words: list[Pattern]) -> bool:
    """All the words are among the N most common, with N^len(words) under 2^80 (N = 2 702 for 7 words).

    The CNIL's 7 words assume words drawn from a large list; seven words all taken from the 2 702 most common
    French words give fewer than 2^80 combinations. The rank is the word's rank in the French list when it is
    there (a French speaker picks French words), else in the list it was found in.
    """
    french = _zxcvbn()[0].RANKED_DICTIONARIES["mots_fr"]
    highest = max(french.get(p.word) or p.rank or 1 for p in words)
    return len(words) * math.log2(highest) < STRONG_BITS


def _covered_by(password: str, words: list[Pattern]) -> bool:
    """Nothing but the words and separators: no unexplained characters between them."""
    covered = set()
    for p in words:
        covered.update(range(p.start, p.end))
    return all(i in covered or not password[i].isalnum() for i in range(len(password)))


def evaluate(password: str) -> Evaluation:
    """Evaluate one password. The password is neither kept, nor logged, nor written anywhere."""
    if not password:
        return Evaluation(0.0, Verdict.WEAK, None, ("Le mot de passe est vide.",), False, 0)
    judged = password[:MAX_EVALUATED]
    raw_bits, patterns = _estimate(judged)
    bits = round(raw_bits, 1)
    in_list = offline_list().might_contain(password)
    example = None if in_list else cnil_example(judged, patterns)
    strong = not in_list and (bits >= STRONG_BITS or example is not None)
    if in_list or (bits < MEDIUM_BITS and not strong):
        verdict, cnil = Verdict.WEAK, None
    elif not strong:
        verdict, cnil = Verdict.MEDIUM, CNIL_RESTRICTED
    else:
        verdict, cnil = Verdict.STRONG, CNIL_ALONE
    reasons = _reasons(password, bits, verdict, patterns, in_list, example)
    return Evaluation(bits, verdict, cnil, reasons, in_list, len(password), patterns, example)


def _reasons(password: str, bits: float, verdict: Verdict, patterns: tuple[Pattern, ...], in_list: bool,
             example: CnilExample | None) -> tuple[str, ...]:
    reasons = []
    shown = patterns[:SHOWN_PATTERNS]
    # a word of her trade, said once: why it is guessed goes with where it is named (walkthrough, round 17: named
    # in « Ce qui se devine », then again in a bullet of its own)
    trade = verdict is not Verdict.STRONG and any(p.word_list == "metier" for p in patterns)
    trade_shown = trade and any(p.word_list == "metier" for p in shown)
    if patterns and verdict is not Verdict.STRONG:
        more = ", …" if len(patterns) > SHOWN_PATTERNS else ""
        reasons.append("Ce qui se devine : " + describe_all(shown) + more + "."
                       + (" Qui sait où vous travaillez essaie d'abord ce mot." if trade_shown else ""))
    if in_list:
        reasons.append("Il figure dans les listes de mots de passe divulgués lors de fuites : les pirates l'essaient en premier.")
    if len(password) < 12:
        reasons.append(f"Il ne fait que {fr.plural(len(password), 'caractère')} ; la CNIL donne en exemple au moins 12 caractères de 4 types, ou 14 sans caractère spécial.")
    words = _phrase_words(password[:MAX_EVALUATED], patterns)
    if words and verdict is not Verdict.STRONG:
        repeated = sorted({p.word for p in words if [q.word for q in words].count(p.word) > 1})
        if repeated:
            reasons.append("Un même mot revient plusieurs fois." if len(repeated) == 1
                           else f"{len(repeated)} mots reviennent plusieurs fois.")
        if all_common(words):
            reasons.append(f"Ses {len(words)} mots sont tous parmi les plus courants du français : ce sont les "
                           "premiers que les pirates essaient. La CNIL suppose des mots tirés au hasard dans une "
                           "longue liste.")
    if trade and not trade_shown:
        reasons.append("Un mot de votre métier se devine facilement pour qui sait où vous travaillez.")
    if verdict is Verdict.MEDIUM:
        reasons.append("Suffisant seulement pour un compte qui se bloque après quelques essais ratés ; utilisé seul, il "
                       "serait trop vite deviné.")
        word_parts = [p for p in patterns if p.kind is PatternKind.WORD]
        word_and_more = bool(word_parts) and not _covered_by(password[:MAX_EVALUATED], word_parts)
        if bits >= STRONG_BITS - 10 and not word_and_more:  # a character added to a word is the first thing tried
            reasons.append("Il s'en faut de peu : quelques caractères ou un mot de plus suffisent.")
    elif verdict is Verdict.STRONG and example is not None:
        reasons.append(f"Il suit un exemple que la CNIL donne pour un mot de passe utilisé seul : {EXAMPLE_TEXT[example]}, "
                       "et Gardien n'y trouve rien qui se devine.")
    elif verdict is Verdict.STRONG:
        reasons.append("Long et imprévisible : il atteint le repère que la CNIL donne pour un mot de passe utilisé seul.")
    if verdict is not Verdict.STRONG:
        reasons.append("Préférez une phrase de passe de 7 mots tirés au hasard.")
    return tuple(reasons)
