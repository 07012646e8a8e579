"""Places: towns in place contexts whatever their frequency as words, and the names of countries and of their
regions, provinces and counties from maintained lists (ISO 3166 through Debian's iso-codes, libphonenumber's
French country names from the Unicode CLDR: see data/SOURCES.md and scripts/build_place_data.py)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from gardien.pseudonym import medical, names, rules

# names too broad to tell anything about a French patient
IGNORED_PLACES = {"france", "europe", "union europeenne"}
# the model's "places" that are institutions ("Cour de cassation", "High Court"): they name no patient
INSTITUTIONS = {"cour", "high", "tribunal", "conseil", "commission", "palais", "procureur", "greffe", "ministere", "chambre",
                "parlement", "gouvernement", "assemblee", "senat", "parquet", "prefecture"}

# "habite à Paris", "née à Toulouse", "domiciliée à Créteil", "Fait à Lyon", "site de Bron" (an establishment's site):
# a town whatever its frequency
PLACE_CONTEXT = re.compile(
    r"(?:(?<![\w-])(?:habite|habitant|habitent|vit|vivent|réside|resides?|résidant|domicilié(?:e|\(e\))?s?|demeurant|né(?:e|\(e\))?|"
    r"originaire|installée?s?|déménagée?s?|muté(?:e)?|partie?s?|parti|retournée?s?|hospitalisée?s?|transférée?s?|"
    r"fait|faite|ville\s+de|commune\s+de|région\s+de|site\s+de|près\s+de|proche\s+de|environs\s+de|banlieue\s+de|périphérie\s+de|"
    r"(?:nord|sud|est|ouest)\s+de)\s+(?:à|a|au|en|de|d['’])?\s*|"
    r"\b(?:à|au|aux|vers)\s+)$", re.I)
LETTER_HEADER_TOWN = re.compile(r"(?m)^[ \t]*((?:[A-ZÉÈÀÂÎÔÛ][\w'’]*)(?:[ -](?:(?:sur|sous|en|lès|les|le|la|de|du|des|d['’]|aux?)[ -])?[A-ZÉÈÀÂÎÔÛ][\w'’]*){0,4}),\s+le\s+(?:\d|1er|premier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)")
NOT_HEADER_TOWNS = {"fait", "vu", "revu", "signe", "consultation", "ecrit", "redige", "valide", "imprime", "edite", "lu"}
_PARTICLE = r"(?:sur|sous|en|lès|les|le|la|de|du|des|d['’]|aux?|et)"
_CAP = r"[A-ZÉÈÀÂÎÔÛ][\w'’]*"
# « Saint-Denis », « Nogent sur Marne », « Saint Ouen », « Aix-en-Provence »
# and a town written with its article (« La Baule », « Le Croisic », « Les Herbiers », « L'Haÿ-les-Roses »)
TOWN_ARTICLE = r"(?:(?:La|Le|Les)[ \t]+|L['’])"
# « au » and « aux » between spaces end a name: they bring the next town (« Vacances au Croisic », « Mutée au Mans »)
PLACE_AFTER = re.compile(rf"(?<![\w'’-])((?:{TOWN_ARTICLE}(?={_CAP}))?{_CAP}(?:-(?:{_PARTICLE}-|d['’])?{_CAP}| (?!aux? ){_PARTICLE} {_CAP}|(?<=Saint) {_CAP}){{0,4}})")
ARTICLE_START = re.compile(TOWN_ARTICLE)
PLACE_PREPOSITION = re.compile(r"\b(?:à|au|aux|en|de|d['’]|dans|vers)\s*$", re.I)
BORN_WITHOUT_PREPOSITION = re.compile(r"(?<![\w-])(?i:née?|nee)\s+$")
NAMED_PLACE_WORDS = {"à", "a", "au", "aux", "vers"}  # after these alone: no first name, no medicine, no holiday
# the parts of a hospital or practice written with a capital (« au Bloc », « au Pôle femme-enfant »): no place
CARE_UNITS = {"plateau", "plateforme", "service", "bloc", "centre", "pole", "cabinet", "laboratoire", "departement",
              "pavillon", "batiment", "unite", "secteur", "etage", "box", "accueil", "secretariat", "standard", "hall"}


# a word joined to a town by « sur », « sous », « en »… that is a service, a title or a month ends the town there
# (« à Nogent en Réanimation », « à Paris en Juillet »)
SPACED_PARTICLE = re.compile(rf" {_PARTICLE} ({_CAP})")


def town_part(word: str) -> bool:
    """A capitalised word that may continue a town's name after a particle."""
    base = names.plain(word)
    return not (medical.is_medical(word) or base in CARE_UNITS or base in names.TITLES or base in names.NOT_NAMES or base in NOT_PLACES)


def _town_end(text: str, start: int, end: int) -> int:
    for part in SPACED_PARTICLE.finditer(text, start, end):
        if not town_part(part.group(1)) or person_after_and(text, part.start()):
            return part.start()
    return end


# « et » and a first name or a frequent surname after a town (« à Lyon et Durand l'a rappelée »): a person, not the
# rest of the town (« Seine et Marne » goes on)
PERSON_AFTER_AND = re.compile(rf" et ({_CAP}(?:-{_CAP})?)(?![\w'’-])")


def person_after_and(text: str, position: int) -> re.Match | None:
    m = PERSON_AFTER_AND.match(text, position)
    return m if m and (names.plain(m.group(1)) in names.first_names() or names.plain(m.group(1)) in names.surnames()) else None


# what may stand before a town written with its article: « à », « vers » or a place verb, never « au », « aux »
ARTICLE_PLACE_CONTEXT = re.compile(r"(?<![\w-])(?i:à|a|vers|de|d['’])\s*$|(?<![\w-])(?i:habite|vit|réside|née?|originaire)\s+$")


# the shape of a French town's name, as the model reads it after a preposition (« de Saint-Nazaire », « vers La
# Baule », « à Nogent-sur-Marne »): a town, not a place of another kind
TOWN_SHAPE = re.compile(rf"(?:{TOWN_ARTICLE}{_CAP}(?:-(?:{_PARTICLE}-)?{_CAP})*|(?:Saint|Sainte|St|Ste)-{_CAP}(?:-(?:{_PARTICLE}-)?{_CAP})*"
                        rf"|{_CAP}-(?:{_PARTICLE}-){_CAP}(?:-{_CAP})*)")


def town_shaped(text: str, start: int, end: int) -> bool:
    """A place read by the model after « à, de, vers… » that is written as French towns are, and is no region or
    country of the lists (« Saint-Martin », « La Réunion » stay what the lists say)."""
    name = text[start:end]
    return bool(TOWN_SHAPE.fullmatch(name)) and not named(name) and not any(
        names.plain(w) in CARE_UNITS or names.plain(w) in INSTITUTIONS for w in re.split(r"[ \t'’-]+", name))


def towns(text: str) -> list[tuple[int, int, bool]]:
    """Towns in place contexts, whatever their frequency as words: « Elle habite à Paris », « Lyon, le 12 mars ». The
    flag says a place verb or a letter's heading vouches for it; « à » or « au » alone does not (« suturée au
    Vicryl »: what the care word before it says may still make it a product)."""
    found = []
    for m in LETTER_HEADER_TOWN.finditer(text):
        first = names.plain(m.group(1).split()[0])
        if first not in NOT_HEADER_TOWNS and first not in names.TITLES and first not in names.NOT_NAMES:
            found.append((*m.span(1), True))
    for m in PLACE_AFTER.finditer(text):
        context = PLACE_CONTEXT.search(text, max(0, m.start() - 40), m.start())
        if not context:
            continue
        word = m.group(1)
        article = ARTICLE_START.match(word)
        if article and not ARTICLE_PLACE_CONTEXT.search(context.group(0)):
            continue  # « au Centre », « vers La fin »: an article after « au » or « aux » is no town's
        if article:
            word = word[article.end():]  # the checks below read the name after its article
            if "-" not in word and names.plain(word) in names.everyday_words():
                continue  # « à La Poste », « à La Défense »: a word of French after its article
        base = names.plain(word)
        bare = context.group(0).strip().lower() in NAMED_PLACE_WORDS
        if BORN_WITHOUT_PREPOSITION.search(context.group(0)):
            # « QUÉRÉ Anaïs (née HAMON) », « née Leroy »: a birth name (names.MAIDEN_NAME), not a birthplace (« née à »)
            continue
        if base in names.NOT_NAMES or base in names.TITLES or base in IGNORED_PLACES or base in INSTITUTIONS:
            continue
        if bare and (base in names.first_names() or medical.is_medical(word) or base in NOT_PLACES or sentence_start(text, m.start())):
            continue  # « à Marie », « à Doliprane », « à Noël »: only place verbs vouch for those
        if bare and base in CARE_UNITS:
            continue  # « au Plateau technique », « au Service de maternité »: a part of a hospital, not a town
        if medical.is_medical(word) and not re.search(r"\b[àa]\s*$", context.group(0), re.I):
            continue  # « transférée en Réanimation », « hospitalisée en Pédiatrie »: a service (a town takes « à »)
        if base in NOT_PLACES or word.isupper() and len(word) <= 3:
            continue
        found.append((m.start(1), _town_end(text, m.start(1), m.end(1)), not bare))
    return found


# what follows a town set off between commas after a name: a phone, an address or a postal code (« Dr Jean Morel,
# Lorient, 02 97 11 22 33 », « Mme Le Goff, Vannes, 12 rue des Lilas »)
CONTACT_AHEAD = (r"(?:(?i:t[ée]l(?:[ée]phone)?|port(?:able)?)\.?[ \t]*:?[ \t]*|(?:\+|00)\d{2}[ \t]?|0[1-9](?:[ \t.-]?\d\d){4}(?!\d)"
                 r"|\d{1,4}(?:[ \t]?(?i:bis|ter))?,?[ \t]+(?i:rue|avenue|av\.|bd|boulevard|place|chemin|allée|impasse|route|quai|"
                 r"cours|square|résidence|lotissement|lieu-dit)(?![\w])|\d{5}(?!\d))")
# a town written after a person's name with a title, at the line's end or before a phone or an address (« Copie :
# Dr Pierre-Yves Rose, Lorient »), or after a profession (« Julie Marin, sage-femme libérale, Villeurbanne »)
TOWN_AFTER_TITLED_NAME = re.compile(
    rf"(?m)(?:(?<![\w'’-])(?:Dr|Dre|Docteur|Pr|Professeur|Mme|Madame|M\.|Monsieur)\.?[ \t]+[^\n,;:()]{{2,40}}|"
    rf"(?<![\w'’-])(?i:sages?-femmes?|infirmi[eè]re?s?|m[ée]decin|kin[ée]sith[ée]rapeute|[a-zéè]+(?:logue|iatre|iste|eute))"
    rf"(?:[ \t]+(?i:lib[ée]rale?s?|coordinatrice|coordinateur|traitant|référente?))?),[ \t]*"
    rf"({_CAP}(?:-(?:{_PARTICLE}-)?{_CAP}| (?!et ){_PARTICLE} {_CAP}){{0,4}})(?:[ \t]*\.?[ \t]*$|[ \t]*,[ \t]*(?={CONTACT_AHEAD}))")


# the town of an establishment, written after it in brackets or after a comma at the line's end (« Clinique
# Sainte-Catherine (Avignon) », « Hôpital Saint-Camille, Bry-sur-Marne »)
TOWN_AFTER_ESTABLISHMENT = re.compile(
    rf"(?:[ \t]*\([ \t]*|,[ \t]*)({_CAP}(?:-(?:{_PARTICLE}-)?{_CAP}| (?!et ){_PARTICLE} {_CAP}){{0,4}})(?=[ \t]*\)|[ \t]*(?:[.;]?[ \t]*$))",
    re.M)


def towns_after_establishments(text: str, establishments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    for _, end in establishments:
        m = TOWN_AFTER_ESTABLISHMENT.match(text, end)
        if not m:
            continue
        word = m.group(1)
        base = names.plain(word)
        if (base in names.first_names() or base in names.NOT_NAMES or base in names.TITLES or base in CARE_UNITS
                or medical.is_medical(word) or PROFESSION.search(base)):
            continue  # « Clinique du Parc, Cardiologie », « Hôpital Nord (Urgences) »; a frequent word is a town here
        found.append(m.span(1))
    return found


# a town in apposition after a name, closing a bracket or a line (« (boulangerie Legrand, Rennes) », « garage Martin,
# Brest. »), or listed beside another place (« Brest, Rennes et Vitré »): where a frequent word that the model reads
# as a place (« Rennes », « Brest », « Tours ») is the town, as after a place preposition
APPOSITION_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÉÈÀÂÎÔÛ][\w'’-]*[ \t]*,[ \t]*$")
APPOSITION_AFTER = re.compile(rf"[ \t]*(?:\)|[.;]?[ \t]*(?:\n|$)|,[ \t]*(?={CONTACT_AHEAD}))")
LISTED_BEFORE = re.compile(r"[ \t]*(?:,|\bet\b|\bou\b)[ \t]*$")
LISTED_AFTER = re.compile(r"[ \t]*(?:,|et\b|ou\b)[ \t]*")


def town_by_position(text: str, start: int, end: int, place_spans: list[tuple[int, int]]) -> bool:
    """A single frequent word that the model reads as a place is one in apposition after a capitalised name, closing a
    bracket or a line, or listed right beside another place found; never a first name, a care unit, a profession or
    a word of the terminology."""
    if not_a_town(text[start:end]):
        return False
    if APPOSITION_BEFORE.search(text, max(0, start - 40), start) and APPOSITION_AFTER.match(text, end):
        return True
    for s, e in place_spans:
        if e <= start and LISTED_BEFORE.fullmatch(text, e, start):
            return True
        if s >= end and (gap := LISTED_AFTER.fullmatch(text, end, s)) and gap.group(0).strip():
            return True
    return False


def not_a_town(word: str) -> bool:
    """A word written beside a name, in apposition or in a list, that is no town: a first name, a title, a care unit,
    a profession, a word of the terminology or of NOT_PLACES (« Dr Rose, Cardiologue », « Mme Durand, Martin »)."""
    base = names.plain(word)
    return (base in names.first_names() or base in names.NOT_NAMES or base in names.TITLES or base in CARE_UNITS
            or base in NOT_PLACES or base in INSTITUTIONS or medical.is_medical(word) or bool(PROFESSION.search(base)))


PROFESSION = re.compile(r"^[a-z]+(?:logue|iatre|iste|icienne?|eute)s?$")  # « Cardiologue », « Pédiatre », « Kinésithérapeute »


# words that close or head a signature block, after a name and before a phone (« Dr Jean Morel, Cordialement, 02… »)
NOT_TOWNS_AFTER_NAMES = {"secretariat", "remplacant", "remplacante", "associe", "associee", "consultation",
                         "consultations", "rendez-vous", "rdv", "urgence", "urgences", "portable", "fixe", "fax"}


def towns_after_titled_names(text: str) -> list[tuple[int, int]]:
    found = []
    for m in TOWN_AFTER_TITLED_NAME.finditer(text):
        word = m.group(1)
        base = names.plain(word)
        if (not_a_town(word) or base in names.everyday_words() or base in NOT_TOWNS_AFTER_NAMES or base in names.CLOSINGS
                or base.endswith("ement")):
            continue  # « Dr Rose, PH », « Dr Rose, Cardiologue », « Dr Morel, Cordialement, 02… »
        found.append(m.span(1))
    return found


# words met after « à » that are no place (holidays, weekdays, months, greetings)
NOT_PLACES = {"noel", "paques", "dieu", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "madame",
              "monsieur", "mademoiselle", "internet", "toussaint", "pentecote", "ascension", "bientot", "demain", "partir",
              "savoir", "j", "jour", "domicile", "distance", "terme", "jeun", "nouveau", "noter", "priori", "posteriori",
              *rules.MONTHS.split("|")}


def sentence_start(text: str, position: int) -> bool:
    """Like names._sentence_start, but a colon does not start a sentence here (« Lieu : Paris »)."""
    before = text[:position].rstrip(" \t\"«(")
    return not before or before[-1] in ".!?\n"




# « prison de Manchester », « Cour d'appel administrative de Sundsvall », « Université d'Essex »: an institution's
# place is a town or a region; a frequent word there (« tribunal de Grande Instance ») is left to the model
INSTITUTION_OF = re.compile(
    r"\b(?:cour|tribunal|prison|maison\s+d['’]arr[êe]t|centre|commissariat|gendarmerie|mairie|pr[ée]fecture|universit[ée]|"
    r"facult[ée]|[ée]glise|parquet|barreau|police|a[ée]roport|gare|port|district|comt[ée]|province|dioc[èe]se|h[ôo]pital|"
    r"clinique|maternit[ée])\b[^.\n;:()«»\"]{0,50}?(?:\bde\s+|\bd['’]\s*|\bdu\s+|\bdes\s+)$", re.I)
# « Royaume-Uni » is one word, « d’Irlande » two (« d’ », « Irlande »)
NAME_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]['’](?=[^\W\d_])|[^\W\d_]+(?:-[^\W\d_]+)*")


# « Stoke-on-Trent », « d’Oakington », not « Grande Instance »
HYPHENATED_PLACE = re.compile(rf"(?:(?<![\w'’-])|(?<=\b[dl]['’]))({_CAP}(?:-(?:{_PARTICLE}-)?{_CAP})*)")


def institution_towns(text: str) -> list[tuple[int, int]]:
    found = []
    for m in HYPHENATED_PLACE.finditer(text):
        word = m.group(1)
        base = names.plain(word)
        if (base in names.everyday_words() or base in names.first_names() or base in names.NOT_NAMES or base in NOT_PLACES
                or base in INSTITUTIONS or medical.is_medical(word) or word.isupper() and len(word) <= 3):
            continue
        if INSTITUTION_OF.search(text, max(0, m.start() - 70), m.start()) and not PLACE_CONTEXT.search(text, max(0, m.start() - 40), m.start()):
            found.append(m.span(1))
    return found


def _key(word: str) -> str:
    return names.plain(word).replace("’", "'")


def _lines(name: str) -> list[str]:
    text = resources.files("gardien.pseudonym.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


STRONG, WEAK = "strong", "weak"  # what must stand before an ambiguous name for it to be a place


@cache
def _index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word -> (every word, label, what must stand before it), longest names first. A name that is also a first
    name or medicine (« Maurice », « Dominique ») is a place only after « à, en, au, vers, île »; a frequent word
    (« Suède », « Floride ») after a preposition or an article (« la Suède », « en Floride »). A region that is an
    everyday word (« Centre », « Unité », « Somme ») is left out: « l'Unité de soins » is no place."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for label, file in (("PAYS", "pays.txt"), ("LIEU", "regions.txt")):
        for line in _lines(file):
            words = tuple(_key(w) for w in NAME_WORD.findall(line))
            if not words or " ".join(words) in IGNORED_PLACES:
                continue
            need = ""
            if len(words) == 1:
                word = words[0]
                if word in names.first_names() or word in names.NOT_NAMES or word in NOT_PLACES or medical.is_medical(word):
                    need = STRONG
                elif label == "LIEU" and word in names.everyday_words():
                    continue  # « Centre », « Unité », « Plateau », « Somme »: left to the model and the town rules
                elif len(word) < 4 or word in names.common_words():
                    need = WEAK
            index.setdefault(words[0], []).append((words, label, need))
    for options in index.values():
        options.sort(key=lambda option: -len(option[0]))
    return index


def named(text: str) -> list[tuple[int, int, str, bool]]:
    """Countries (« Suède », « Royaume-Uni de Grande-Bretagne et d’Irlande du Nord ») as PAYS, regions, provinces and
    counties (« Floride », « Essex ») as LIEU; the flag says a place preposition vouches for a name that is also a
    first name or medicine (« en Floride »)."""
    index = _index()
    words = list(NAME_WORD.finditer(text))
    found = []
    position = 0
    while position < len(words):
        m = words[position]
        options = index.get(_key(m.group(0))) if m.group(0)[0].isupper() else None
        for keys, label, need in options or ():
            last = position + len(keys) - 1
            if last >= len(words) or any(_key(words[position + i].group(0)) != key or
                                         (i and text[words[position + i - 1].end():words[position + i].start()].strip())
                                         for i, key in enumerate(keys)):
                continue
            before = text[max(0, m.start() - 8):m.start()]
            if need and not (STRONG_BEFORE if need == STRONG else WEAK_BEFORE).search(before) or need and sentence_start(text, m.start()):
                continue
            start = m.start()
            if label == "PAYS" and (state := STATE_BEFORE.search(text, max(0, start - 40), start)):
                start = state.start()  # « République de Turquie », « Royaume de Suède »
            found.append((start, words[last].end(), label, need == STRONG))
            position = last
            break
        position += 1
    return found


# the form of a state written before its name (« République fédérale d'Allemagne », « Royaume de Suède »)
STATE_BEFORE = re.compile(r"\b(?:République|Royaume|Principauté|Grand-Duché|Fédération|Confédération|Émirat|Sultanat|État|Etat)"
                          r"(?:[ \t]+[a-zéèêô]+){0,2}[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+l['’]|des[ \t]+|du[ \t]+|de[ \t]+|d['’])$")
STRONG_BEFORE = re.compile(r"(?:\b(?:à|au|aux|en|vers|île|ile)\s+|\bl['’]\s*)$", re.I)
WEAK_BEFORE = re.compile(r"(?:\b(?:à|au|aux|en|de|du|des|vers|dans|la|le|les|sur)\s+|\b[dl]['’]\s*)$", re.I)
