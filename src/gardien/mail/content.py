"""Content signals: urgency, threats, offers too good, requests for credentials or bank details, French lures and
scam families (lexique.toml: French and English, core phrases in five more languages), image-only mail, unfilled
mail-merge fields, and many spelling mistakes (pyspellchecker's French and English dictionaries). The text is read
as the reader sees it: through invisible characters, borrowed look-alike letters and punctuation stuffed between words."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from gardien import fr, spelling
from gardien.fr import plural
from gardien.mail import intentions, literals
from gardien.mail.domains import normalise
from gardien.mail.message import ParsedMail
from gardien.mail.signals import INVISIBLE, LATIN_LOOKALIKES, MEDIUM, MIXED_SCRIPT_WORD, STRONG, TEXT_SCANNED, WEAK, Signal

CATEGORY_WEIGHT = {"urgence": (WEAK, MEDIUM), "menace": (WEAK, MEDIUM), "trop_beau": (WEAK, MEDIUM),
                   "identifiants": (MEDIUM, MEDIUM), "mots_sensibles": (WEAK, WEAK), "leurres_fr": (MEDIUM, MEDIUM),
                   "sextorsion": (MEDIUM, MEDIUM), "arnaque_crypto": (WEAK, MEDIUM), "rencontres": (WEAK, MEDIUM),
                   "rappel_telephone": (MEDIUM, MEDIUM), "avance_de_frais": (WEAK, MEDIUM), "fraude_virement": (MEDIUM, MEDIUM),
                   "faux_remboursement": (WEAK, MEDIUM), "fausse_autorite": (WEAK, MEDIUM), "impaye": (WEAK, MEDIUM),
                   "faux_conseiller": (WEAK, MEDIUM), "faux_antivirus": (MEDIUM, MEDIUM), "chantage": (MEDIUM, MEDIUM),
                   "pourriel": (WEAK, MEDIUM), "jeux_argent": (WEAK, MEDIUM), "mule": (MEDIUM, MEDIUM),
                   "engagement_cache": (MEDIUM, MEDIUM),
                   "numero_surtaxe": (MEDIUM, MEDIUM)}


# the subject of a lure is the subject of the honest notice too (a parcel's customs fees, a refund, an unpaid bill,
# « mise à jour de vos informations »): when the text has her act by her own way only (the official site, a place in
# her account, a cheque), it is the notice's own subject
OWN_WAY_TOPICS = ("leurres_fr", "faux_remboursement", "impaye", "faux_conseiller", "fraude_virement", "identifiants")

_IN_SENTENCE = r"(?:[^.!?]|\.(?=\w))"  # « impots.gouv.fr » and « 1.99 » keep their dots


@dataclass(frozen=True)
class _Category:
    message: str
    phrases: tuple[str, ...]  # each a regex, kept within its sentence
    needs: tuple[frozenset[str] | None, ...]  # for each phrase, strings one of which it cannot match without


@cache
def _lexicon() -> dict[str, _Category]:
    """lexique.toml's categories, each phrase with the strings it cannot match without (literals.py)."""
    raw = tomllib.loads(resources.files("gardien.mail").joinpath("lexique.toml").read_text(encoding="utf-8"))
    categories = {}
    for key, value in raw.items():
        phrases = value["motifs"] + value.get("autres_langues", [])
        # a phrase of a trap stays within its sentence: « .{0,60} » never reaches over a full stop into the next one
        categories[key] = _Category(value["message"], tuple(p.replace(".{0,", _IN_SENTENCE + "{0,") for p in phrases),
                                    tuple(literals.required(p) for p in phrases))
    return categories


@cache
def _needed() -> frozenset[str]:
    """Every string some phrase requires: the message is searched for each once."""
    return frozenset().union(*(need for category in _lexicon().values() for need in category.needs if need))


@lru_cache(maxsize=2048)
def _pattern(category: str, chosen: tuple[int, ...]) -> re.Pattern[str]:
    """One alternation of the chosen phrases, in the lexicon's order: the phrases left out cannot match anywhere in
    the text, so each place matches as with the whole category. Each phrase is a group so that distinct phrases can be
    counted; whole words only: "kyc" must not match inside another word."""
    phrases = _lexicon()[category].phrases
    return re.compile(rf"(?<![\w])(?:{'|'.join(f'(?:{phrases[i]})' for i in chosen)})(?![\w])")


def _phrase_matches(category: str, text: str, present: frozenset[str]) -> list[re.Match[str]]:
    """The category's phrases in the text; only those whose required words are there are searched."""
    chosen = tuple(i for i, need in enumerate(_lexicon()[category].needs) if need is None or not need.isdisjoint(present))
    return list(_pattern(category, chosen).finditer(text)) if chosen else []


def content(mail: ParsedMail) -> list[Signal]:
    # the sender's name is read too ("Payment Required"); underscores and dots stuffed between words stand for
    # spaces ("Vous_avez_gagné", "U..heeft.(1).pakket"), while "impots.gouv.fr" keeps its dots
    body = mail.text[:TEXT_SCANNED]
    header = _STUFFING.sub(" ", mail.from_name + "\n" + mail.subject)
    text = _HIDDEN.sub("", header + "\n" + body)  # read through the tricks the reader cannot see
    text = MIXED_SCRIPT_WORD.sub(lambda word: word.group(0).translate(LATIN_LOOKALIKES), text)
    seen = text  # with its line breaks: sentences end there too
    plain = " ".join(intentions.without_warnings(text).split())  # a warning about a scam quotes it: not read as one
    text = _fold(plain)
    found = []
    shown = None
    own_way = intentions.sends_her_own_way_only(seen)
    present = frozenset(word for word in _needed() if word in text)
    for category, entry in _lexicon().items():
        if own_way and category in OWN_WAY_TOPICS:
            continue
        matches = _phrase_matches(category, text, present)
        hits = list(dict.fromkeys(m.group(0) for m in matches))[:10]
        if not hits:
            continue
        shown = shown or _Shown(plain, text)
        one, several = CATEGORY_WEIGHT[category]
        weight = several if len(hits) >= 2 else one
        quoted = list(dict.fromkeys(shown.span(m) for m in matches))  # as the reader wrote them: accents, apostrophes
        examples = fr.quoted(_short(h) for h in quoted[:3])
        found.append(Signal(f"contenu.{category}", weight, entry.message.format(exemples=examples), f"{plural(len(hits), 'expression')} : {fr.quoted(hits[:5])}",
                            repeated=len(hits) >= 2))
    scenario = _scenario(seen)
    if scenario:
        found.append(scenario)
    if mail.links and len(_ANY_WORD.findall(body)) < MIN_VISIBLE_WORDS:
        found.append(Signal("texte.image_seule", WEAK,
                            "Le message n'a presque pas de texte : tout passe par une image sur laquelle cliquer, que les "
                            "filtres anti-spam ne savent pas lire.",
                            f"moins de {MIN_VISIBLE_WORDS} mots visibles, {plural(len(mail.links), 'lien')}"))
    placeholder = _PLACEHOLDER.search(mail.subject + "\n" + body)
    if placeholder:
        found.append(Signal("texte.champ_non_rempli", WEAK,
                            f"À la place de votre nom, le message contient un emplacement resté vide (« {placeholder.group(0)} ») : "
                            "il a été envoyé en masse, à des inconnus.",
                            placeholder.group(0)))
    archive = _ARCHIVE_PASSWORD.search(text) or (_ARCHIVE_NAMED.search(text) and _PASSWORD_GIVEN_AS_IS.search(text))
    if archive:
        found.append(Signal("texte.archive_protegee", STRONG,
                            "Le message annonce un fichier compressé et donne lui-même son mot de passe : c'est la ruse qui "
                            "empêche l'antivirus de lire le fichier. Un envoi honnête donne le mot de passe par un autre "
                            "moyen (SMS, téléphone).", archive.group(0)[:120]))
    misspelt = _spelling(body)
    if misspelt:
        found.append(misspelt)
    return found


# a person's scam (a boss, a supplier, a loved one far away), not an organisation's: checked by calling that person back
PERSON_SCENARIOS = {"aide_pour_payer", "changement_rib", "absent", "mourant", "service", "achat_cartes"}
_PERSON_ADVICE = ("Avant tout virement, achat de cartes cadeaux ou changement de coordonnées bancaires, appelez la personne "
                  "à un numéro que vous aviez déjà, jamais celui du message.")
# a patient's record asked at a personal mailbox or at an address the message gives (round 23): not an account to
# check on a site, a colleague to call back and the secure messaging of health professionals
RECORD_REQUEST = "dossier_patient"
_RECORD_ADVICE = ("Avant d'envoyer quoi que ce soit, rappelez le confrère ou son cabinet à un numéro que vous connaissiez "
                  "déjà, jamais celui du message. N'envoyez jamais le dossier d'un patient vers une boîte personnelle "
                  "(gmail, hotmail…) : les données de santé s'échangent par une messagerie sécurisée de santé (MSSanté).")
_RECORD_SOURCES = (" ; sources : ANSSI, guide d'hygiène informatique, mesure 24, vérifier par un autre canal (PHISH-01) ; "
                   "ANS, FAQ MSSanté, échanges de données de santé à sécuriser, article L1110-4 du code de la santé "
                   "publique (MSG-01) ; article L1111-8, hébergement des données de santé (MSG-06)")
_ASKED = ("contenu.identifiants", "contenu.mots_sensibles")
# the phrase families a scenario's parts already tell (« vous presse », « vous fait appeler un numéro »)
SCENARIO_TELLS = {"pression": ("contenu.urgence",), "menace": ("contenu.menace",), "appel": ("contenu.rappel_telephone",),
                  "demande_sensible": _ASKED, "secrets": _ASKED, "verification": _ASKED,
                  # the new bank details told once, with the advice to call a number she already has (walkthrough, round 12)
                  "changement_rib": ("contenu.fraude_virement",), "compte_fourni": ("contenu.fraude_virement",)}
QUOTE_CHARS = 70
STRONG_SCENARIO = 6  # a request with four pretexts or more: told apart for the fitted weights


def _scenario(text: str) -> Signal | None:
    """A lure's scenario (intentions.py): what the message asks from you, with its pretexts, told in its own words."""
    read = intentions.intents(text)
    found = intentions.scenario(read, words=len(text.split()))
    if not found:
        return None
    # parts told by the same words are quoted once (« il annonce un problème et menace … (« vos feuilles … seront
    # rejetées ») »), in the order first read
    by_quote: dict[str, list[str]] = {}
    for intent in (*found.pretexts, found.request):
        by_quote.setdefault(_short(" ".join(intent.quoted.split())), []).append(intent.text)
    told = fr.listed([f"{fr.listed(texts)} (« {quote} »)" for quote, texts in by_quote.items()])
    names = {found.request.name, *(intent.name for intent in found.pretexts)}
    # a person's scam may ask for codes too (a gift card's): any request of a person's scam tells whom to call back
    sources = ""
    if found.request.name == RECORD_REQUEST:  # a patient's record: its own advice, and who says so
        advice, sources = _RECORD_ADVICE, _RECORD_SOURCES
    elif {intent.name for intent in read} & PERSON_SCENARIOS:
        advice = _PERSON_ADVICE
    else:
        advice = ("Ni un organisme sérieux ni un collègue ne vous demandent cela par un message : passez par le site ou "
                  "l'application habituels, en tapant vous-même l'adresse.")
    return Signal("contenu.scenario_piege", MEDIUM,
                  f"Le message suit le scénario d'un message piégé : il {told}. {advice}",
                  f"demande : {_named(found.request.name)} (force {found.request.force} sur 4) ; prétextes : "
                  f"{', '.join(_named(i.name) for i in found.pretexts) or 'aucun'}{sources}",
                  repeated=found.strength >= STRONG_SCENARIO,
                  tells=frozenset(sign for name in names for sign in SCENARIO_TELLS.get(name, ())))


def _named(intent: str) -> str:
    """An intent's name as words (« demande_sensible » → « demande sensible »)."""
    return intent.replace("_", " ")


def _short(phrase: str) -> str:
    """A long match (« remboursement … coordonnées bancaires ») quoted by its two ends."""
    if len(phrase) <= QUOTE_CHARS:
        return phrase
    half = QUOTE_CHARS // 2 - 2
    head, tail = phrase[:half], phrase[-half:]
    head = head.rsplit(" ", 1)[0] if " " in head else head  # whole words only
    while intentions.dangling(head) and " " in head:  # « remboursement de … » says nothing of its own
        head = head.rsplit(" ", 1)[0].rstrip(" ,;:")
    tail = tail.split(" ", 1)[1] if " " in tail else tail
    return head.rstrip() + " … " + tail.lstrip()


def _fold(text: str) -> str:
    """Lower case, no accents, one apostrophe (« d’Assurance » is typed with either): what the lexicon is written in."""
    return normalise(text).replace("’", "'")


@cache
def _folded_length(char: str) -> int:
    return len(_fold(char))


class _Shown:
    """Maps a phrase found in the folded text back to the words as written (« arrive à expiration », not
    « arrive a expiration »), character by character."""

    def __init__(self, plain: str, folded: str) -> None:
        self.plain, self.origin = plain, []
        for index, char in enumerate(plain):  # ASCII folds to one character: only the others are worked out
            self.origin.extend([index] if char.isascii() else [index] * _folded_length(char))
        self.aligned = len(self.origin) == len(folded)

    def span(self, match: re.Match[str]) -> str:
        if not self.aligned or match.end() == match.start():
            return intentions.whole_quote(match.string, match.start(), match.end())
        return intentions.whole_quote(self.plain, self.origin[match.start()], self.origin[match.end() - 1] + 1)


# Mail-merge fields sent unfilled: [username], %VORNAME%, {{first_name}}, *|FNAME|*, [[prénom]]
_PLACEHOLDER = re.compile(
    r"\[\[?\s*(?:user ?name|first ?name|firstname|name|nom|prenom|prénom|vorname|nombre|nome|email)\s*\]\]?|"
    r"%(?:user ?name|first_?name|firstname|name|nom|prenom|vorname|nombre|nome|email)%|"
    r"\{\{?\s*(?:user_?name|first_?name|firstname|name|nom|prenom|vorname|nombre|nome|email)\s*\}\}?|"
    r"\*\|(?:FNAME|LNAME|EMAIL|NAME)\|\*", re.I)
_HIDDEN = re.compile(f"[{INVISIBLE}]")
_STUFFING = re.compile(r"_+|\.{2,}|(?<!\w)\.|\.(?!\w)")
# an archive whose password the message gives itself, as an encrypted ZIP attachment does (attachments.py), told in
# words: « le fichier est compressé, le mot de passe est : 2026 »
_ARCHIVE = r"(?:\.(?:zip|rar|7z)\b|archive|compresse|compressed)"
_GIVEN_PASSWORD = r"(?:mot de passe|password|passwort|senha)\s*(?:est\s*|is\s*|ist\s*)?[:=]"
_ARCHIVE_PASSWORD = re.compile(rf"{_ARCHIVE}{_IN_SENTENCE}{{0,80}}{_GIVEN_PASSWORD}|{_GIVEN_PASSWORD}{_IN_SENTENCE}{{0,80}}{_ARCHIVE}")
# or the password written as is (« le mot de passe est 1234 ») in a text that attaches an archive elsewhere
# (« PJ : Radio.zip »); not « le mot de passe est votre date de naissance » nor « … est envoyé par SMS »
_ARCHIVE_NAMED = re.compile(r"\.(?:zip|rar|7z)\b")
_PASSWORD_GIVEN_AS_IS = re.compile(r"(?:mot de passe|password|passwort|senha)\s+(?:est|is|ist)\s+[«\"']?\s*"
                                   r"(?!votre|vos|ta |ton|tes|le |la |les |l'|un |une |celui|celle|envoy|communiqu|donn|"
                                   r"transmis|indiqu|precise|your|the )[^\s.,;]{3,40}")
_ANY_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_VISIBLE_WORDS = 5
_WORD = re.compile(r"\b[a-zàâäçéèêëîïôöùûüÿœ]{4,}\b(?!['’])")  # "doesn't": the part before the apostrophe is no word
_NOT_PROSE = re.compile(r"://|www\.|@")  # tokens that are addresses or links are not words to spell
_FRENCH_HINTS = {"vous", "votre", "nous", "pour", "avec", "dans", "sont", "cette", "merci", "bonjour"}
_ENGLISH_HINTS = {"your", "with", "this", "that", "from", "have", "please", "will", "thank"}
MIN_WORDS = 40
MIN_UNKNOWN = 12
UNKNOWN_SHARE = 0.2


def known_word(word: str) -> bool:
    """In the French or the English dictionary."""
    return bool(spelling.checker("fr").known([word]) or spelling.checker("en").known([word]))


# Lines that are not prose: quoted earlier mail, program code and patches, whose words no dictionary knows
_NOT_PROSE_LINE = re.compile(r"^\s*(>|[+-](?!\s)|\+\+\+ |--- |@@|diff |index |#\s*(include|define|if)|\w+\(.*\)\s*[;{]?$)|[{};]\s*$|==|->|::|\|\|")


def _spelling(text: str) -> Signal | None:
    """Many words unknown to the dictionary of the message's language (French or English only)."""
    text = "\n".join(line for line in text.splitlines() if not _NOT_PROSE_LINE.search(line))
    prose = " ".join(token for token in text.lower().split() if not _NOT_PROSE.search(token))
    words = _WORD.findall(prose)[:2000]
    if len(words) < MIN_WORDS:
        return None
    french = sum(w in _FRENCH_HINTS for w in words)
    english = sum(w in _ENGLISH_HINTS for w in words)
    if max(french, english) < 3:
        return None
    language = "fr" if french >= english else "en"
    unknown = spelling.checker(language).unknown(words)
    misspelt = [w for w in words if w in unknown]
    if len(misspelt) >= MIN_UNKNOWN and len(misspelt) / len(words) >= UNKNOWN_SHARE:
        return Signal("contenu.fautes", WEAK,
                      "Le texte contient de nombreuses fautes ou tournures étranges, fréquentes dans les messages piégés.",
                      f"{len(misspelt)} mots inconnus sur {len(words)} ({language}) : {fr.quoted(sorted(set(misspelt))[:6])}")
    return None
