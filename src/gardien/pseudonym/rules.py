"""Identifiers found by pattern and checked where a checksum exists: NIR, IBAN, phones, e-mails, URLs,
dates, postcodes and cities, addresses, RPPS/ADELI/FINESS, record numbers, establishments, great ages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gardien.pseudonym.dates import NUMBER_WORDS, words_number
from gardien.pseudonym.medical import DOSE_AFTER, SCORE_NAME
from gardien.pseudonym.names import NOT_NAMES, common_words, first_names, plain, surnames

MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
MONTH_ABBR = "janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    label: str
    confidence: float = 1.0
    vouched: bool = False  # the place in the text says what it is, whatever the word (« 3 rue Haute, Vitré »)


def nir_key_valid(digits: str) -> bool:
    """Control key of a French social security number (NIR): 97 - (number mod 97); Corsica 2A/2B as 19/18."""
    number, key = digits[:13].upper(), digits[13:15]
    number = number.replace("2A", "19").replace("2B", "18")
    if not number.isdigit() or not key.isdigit():
        return False
    return 97 - int(number) % 97 == int(key)


def _box_label(digits: str) -> str | None:
    if len(digits) in (13, 15) and digits[0] in "12":
        return "NIR"
    if len(digits) == 8 and parse_compact_date(digits):
        return "DATE"
    if len(digits) == 10 and digits[0] == "0":
        return "TEL"
    return None


def _split_boxes(digits: str) -> list[tuple[int, str]] | None:
    """Cut a run of boxed digits into known shapes (NIR 13/15, date 8, phone 10); None when it does not cut."""
    if len(digits) > 60:
        return None
    best: dict[int, list[tuple[int, str]]] = {0: []}
    for end in range(1, len(digits) + 1):
        for length in (8, 10, 13, 15):
            start = end - length
            if start in best and (label := _box_label(digits[start:end])):
                best[end] = [*best[start], (length, label)]
                break
    return best.get(len(digits))


def parse_compact_date(digits: str) -> bool:
    """ddmmyyyy that is a real date."""
    from datetime import date

    try:
        date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        return 1900 <= int(digits[4:]) <= 2100
    except ValueError:
        return False


def iban_valid(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


_NIR = re.compile(r"(?<![\w])([12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2}(?![-/]\d))?)(?![\w])", re.I)
# « (0) » is the trunk prefix of « +33 (0)6 … »: a lone « ( » before a number opens a bracket of the text, left to it
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?\d{2,3}\s?|\(\d{2,3}\)\s?)?(?:(?:\(0\)|0)\s?)?[0-9](?:[\s.-]?\d){8}(?![\w])")
# the code that opens a patient's door (« digicode 4512B », « code portail : 1979 »): it goes with her address
_ACCESS_CODE = re.compile(r"\b(?:digicode|interphone|code\s+(?:de\s+(?:la\s+|l['’]\s*)?)?(?:porte|portail|entr[ée]e|immeuble|"
                          r"acc[èe]s|bo[iî]te\s+[àa]\s+cl[ée]s?))\s*:?\s*(?:n°\s*)?([0-9A-Z][0-9A-Z*#]{2,9})\b", re.I)
# Partial or slash-separated numbers in pairs ("04 09 56 98", "06/28/42/50/36", "+33 20 19 39 00").
_PHONE_PAIRS = re.compile(r"(?<![\w+/.-])(?:\+\d{2,3}\s?\d\d|0\d)([ ./-])\d\d(?:\1\d\d){2,3}(?![\w/]|\1\d)")
# Letter-spaced phones copied from PDFs ("0 4 - 0 7 - 4 3 - 3 6 - 4 0", "+ 3 3 0 3 5 1 1 6 1 5 5 4", "( 3 3 ) 0 6 ...").
_SPACED_PHONE = re.compile(r"(?<![\w+])(?P<prefix>\+ (?:\d ){1,3}|\( \d(?: \d){1,2} \) )?\d(?: (?P<sep>[.-] )?\d){8,11}(?![\w])")
# a letter O typed for a zero in a phone number (« O6 12 34 56 78 », « 06 O5 ... »)
_LETTER_O = re.compile(r"(?<![^\W\d_])[Oo](?=\d)|(?<=\d)[Oo](?=[\d\s.-])|(?<=[\s.-])[Oo](?=\d)")
# area codes in brackets, French or American (« (04) 78 23 56 11 », « (555) 123-4567 », « (0)4 78 ... »)
_BRACKETED_PHONE = re.compile(r"(?<![\w)])\((?:0\d|\d{3})\)\s?(?:\d\d(?:[\s.-]?\d\d){3}|\d{3}[\s.-]?\d{4})(?![\w])")
_SPACED_DIGITS = re.compile(r"(?<![\w])\d(?: \d){7,59}(?![\w])")
_LONG_NUMBER = re.compile(r"(?<![\w/.,])(?:[A-Za-z]{0,3}\d{7,}[A-Za-z0-9]*)(?![\w/])")
_EMAIL = re.compile(r"[\w.+-]+ ?@ ?[\w-]+(?: ?\.(?! [A-ZÉÈÀ]) ?[\w-]+)*")  # « …@exemple.com. Elle vit » ends at « com »
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.I)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
_DATE = re.compile(
    rf"(?<![\w/])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}[/.-]\d{{2}}[/.-]\d{{2}}|"
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:1er|\d{{1,2}}),?\s+(?:{MONTHS}|(?:{MONTH_ABBR})\.?),?\s+\d{{4}}|"
    rf"(?:{MONTHS})\s+(?:\d{{4}}|\d{{2}}(?![\d,.]))|\d{{1,2}}[/.-]\d{{4}}|(?<=\ben )(?:0[1-9]|1[0-2]) (?:19|20)\d{{2}})(?![\w/])",
    re.I,
)
WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# a day and a month without the year (« depuis le 20 octobre », « lundi 2 mars », « revu le 12/03 », « jeudi 05/06 »),
# and anywhere when both are written with two digits (« Transmissions 29/11 », walkthrough r14: the day of care was
# left); a score that reads the same (« Apgar 10/10 ») is protected as a clinical value (medical.py)
_DAY_MONTH = re.compile(
    rf"(?<![\w/])(?:(?:{WEEKDAYS})\s+)?(?:1er|\d{{1,2}})\s+(?:{MONTHS}|(?:{MONTH_ABBR})\.)(?![\w/])(?!\.?\s+\d)|"
    rf"(?:(?<=\b(?:le|du|au|Le|Du|Au) )|{'|'.join(f'(?<={day} )' for day in WEEKDAYS.split('|'))})"
    rf"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\w/]|[.,]\d)|"
    rf"(?<![\w/.,-])(?P<bare>(?:0[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2]))(?![\w/-]|[.,]\d)",
    re.I,
)
# what a value written like a day and a month follows when it is a measure (« TA 12/08 », « EVA : 03/10 »)
# a visual acuity out of ten (« Acuité visuelle 10/10 », « AV 8/10 ») is a measure too
_MEASURE_BEFORE = re.compile(rf"(?:\b(?:TA|PA|AV|T\.A\.|P\.A\.|(?i:tension|pression|acuité(?:[ \t]+visuelle)?))|{SCORE_NAME.pattern})"
                             r"[ \t]*(?::|=|à)?[ \t]*$")
# a date written with spaces or bars around its separators (« 22|8|1923 », « 08 . 04 . 1941 », « 3 - 11 - 1957 »)
_SPACED_DATE = re.compile(r"(?<![\w.,|/-])(\d{1,2})(?:\s?([|./-])\s?|( ))(\d{1,2})(?:\s?\2\s?|\3)((?:19|20)\d{2})(?![\w|])")
_WORDS_NUMBER = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
# a date in words (« vingt-deux août mil neuf cent cinquante-trois », « le premier mars deux mille vingt »)
_WORDS_DATE = re.compile(
    rf"(?<![\w-])({_WORDS_NUMBER}(?:[\s-]+{_WORDS_NUMBER}){{0,3}})\s+({MONTHS})(?:\s+({_WORDS_NUMBER}(?:[\s-]+{_WORDS_NUMBER}){{1,8}}|(?:19|20)\d\d))?(?![\w-])",
    re.I,
)


_YEAR_CONTEXT = re.compile(r"(?<=\ben )(?:19|20)\d{2}\b|(?<=\bdepuis )(?:19|20)\d{2}\b|(?<=\bannée )(?:19|20)\d{2}\b")
_MORE_YEARS = re.compile(r"(?:,\s*|\s+et\s+)((?:19|20)\d{2})\b")
_BIRTH = re.compile(r"\b(?:n[ée]e?\s+le|date\s+de\s+naissance\s*:?|ddn\s*:?|né\(e\)\s+le)\s*$", re.I)
_ZIP_CITY = re.compile(r"(?<![\w])((?:0[1-9]|[1-8]\d|9[0-8]|2[AB]) ?\d{3})(?:,?\s+(?:CEDEX\s+\d*\s*)?([A-ZÉÈÀÂÎÔÛ][\w'’-]*(?:[ \t-](?:[Ss]ur|[Ll]es?|[Ll]a|[Ee]n|[Ss]ous|d[eu]|[A-ZÉÈ][\w'’-]*)){0,4}(?:[ \t]+(?i:cedex)(?:[ \t]+\d{1,2}\b)?|[ \t]+\d{1,2}\b(?![\d,.:/]))?))?")
# a town written after an address and a comma (« 12 rue de Rivoli, Paris »)
_TOWN_AFTER_ADDRESS = re.compile(r",[ \t]*([A-ZÉÈÀÂÎÔÛ][\w'’]*(?:[ -](?:(?:sur|sous|en|lès|les|le|la|de|du|des|d['’])[ -])?[A-ZÉÈÀÂÎÔÛ][\w'’]*){0,4})(?=[ \t]*(?:[,.;\n(]|[–—-][ \t]|$))")
_STREET = (r"(?:rue|avenue|av\.|boulevard|bd|bld|place|pl\.|allée|allee|chemin|impasse|quai|cours|route|rte|square|"
           r"passage|faubourg|fbg|résidence|residence|lotissement|lieu-dit|hameau|villa|cité|cite|voie|esplanade|parvis)")
# the particle is a whole word, so that « chemin des\nVignes » wrapped at the line end has « Vignes » for its name;
# the words after the name stay on its line (an address ends there: the next line's « 12 rue de l'Église » is another)
_ADDRESS = re.compile(rf"(?<![\w])(?P<number>\d{{1,4}}(?:\s?-\s?\d{{1,4}})?(?:\s?(?:bis|ter|b|t)|[a-d](?=\s))?,?\s+)?(?P<type>{_STREET})\s+(?:(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*|l['’]\s*))?(?P<name>[\w'’-]+)(?:[ \t]+[\w'’-]+){{0,5}}", re.I)
# street words that are also everyday words ("au cours de", "à la place de", "par voie orale"): an address only
# with a number before them or a capitalised name after them ("cours Lafayette", "12 place de la Mairie")
# English-speaking addresses, number first (« 19 New Henderson Street »), met in letters from abroad and in judgments
_ENGLISH_ADDRESS = re.compile(r"(?<![\w])\d{1,4}[a-z]?(?:[ \t]+[A-Z][\w'’-]+){1,3}[ \t]+(?:Street|St\.|Road|Rd\.|Lane|Drive|Avenue|Close|Way|"
                              r"Crescent|Terrace|Gardens|Square|Place|Court|Row|Hill|Boulevard|Blvd\.?)(?![\w])")
_EVERYDAY_STREET_WORDS = {"place", "pl.", "chemin", "cours", "route", "rte", "square", "passage", "résidence", "residence",
                          "hameau", "villa", "cité", "cite", "voie", "esplanade", "parvis"}
# the building, staircase, flat or floor written after a street or a residence's name (« , bâtiment C », « appt 12 »)
_ADDRESS_MORE = re.compile(r"(?:,?[ \t]*(?i:bâtiment|batiment|bât\.?|bat\.|escalier|esc\.|appartement|appt\.?|apt\.?|étage|etage)"
                           r"[ \t]*(?:n°[ \t]*)?[A-Z0-9]{1,4}(?![\w]))+")
# « en place », « sur place », « en cours », « en route », « elle est allée »: a street's word in a phrase, not a street
_IDIOM_BEFORE_STREET_WORD = re.compile(r"(?<![\w'’-])(?:en|sur|est|suis|es|sont|sommes|êtes|été|était|étaient|serait)[ \t]+$", re.I)
_ADDRESS_END = re.compile(r"(?:,|\s+\d{5}|\s+(?:à|a|dans|et|au|le|la|pour|chez|depuis)\s|\.\s|\n|$)")
_RPPS = re.compile(r"(?:RPPS|n°\s*RPPS)\s*:?\s*(1\d{10})\b", re.I)
_ADELI = re.compile(r"(?:ADELI)\s*:?\s*(\d{9})\b", re.I)
_FINESS = re.compile(r"(?:FINESS)\s*:?\s*(\d{9}|\d{2}\s?\d{7})\b", re.I)
_RECORD = re.compile(r"\b(IPP|NDA|NIP|identifiant\s+de\s+la\s+visite|n°\s*(?:de\s+(?:la\s+)?|d['’]\s*|du\s+)?(?:dossier|patiente?|séjour|sejour|venue|hospitalisation|examen)|dossier\s+n°|patiente?\s+n°|"
                     r"(?:numéro|n°)\s*(?:de\s+)?(?:dossier|séjour|sejour|patient|d'identification|d’identification)|identifiant(?:\s+patient)?|"
                     r"(?:(?:nos|vos|votre|notre)\s+)?réf(?:\.|érences?)?(?:\s+(?:du\s+)?dossier)?|dossier(?=\s*:?\s*(?:(?-i:[A-Z]{1,4})[-/])?\d))"
                     # a word that says whose record it is before the colon (« IPP patiente : », « N° dossier maternité : »)
                     r"(?:\s+(?:est(?:\s+le)?|de\s+la\s+patiente|du\s+patient)|\s+[a-zéèêàç]{3,15}(?=\s*:))?[^\w\n]{0,20}?(?:\([A-Z]+\)\s*:?\s*)?(?:(?:n°|no\.?)\s*)?"
                     # a letter prefix or suffix belongs to the number (« P-2026-0412 », « MAT-2026-0345 », « 12/345-B »)
                     r"((?:[A-Z]{1,4}[-/ ])?(?:[A-Z]{0,3}\d(?:[\dA-Za-z/.-]|[ \t](?=\d)){2,20}\d|\d{3,})(?:-[A-Z]{1,3}\b)?)", re.I)
# Any number after « n° » or « numéro » and up to two words naming it (« N° d'admission : 26 004 512 », « N° Dossier
# maternité 2026 0451 », « n° 26-031-458 »), in any grouping and with a letter prefix (« MAT/2026/0451 ») : a record,
# when it holds at least five digits (« chambre n° 12 », « dose n° 2 » identify nobody)
_NUMBERED = re.compile(r"(?<![\w])(?:n°|no\.|numéro|num\.)[ \t]*(?:(?:de[ \t]+la|de|du|d['’])[ \t]*)?"
                       r"(?:[^\W\d_][\w'’-]{1,15}(?<![-/])(?![\w'’-])[ \t]*){0,2}:?[ \t]*((?:[A-Z]{1,4}[-/ ])?\d(?:[\d/.-]|[ \t](?=\d)){3,24}\d)(?![\w/])", re.I)
RECORD_DIGITS = 5
# what names a phone number after « n° » (« n° de portable 06… »); any other name (« n° adhérent 0012345678 », a
# mutuelle's membership number) makes a ten-digit number a record, not a phone (walkthrough r14: « [TEL_2] »)
_PHONE_NAME = re.compile(r"t[ée]l|portable|mobile|fixe|fax|gsm|appel", re.I)
# A civility starts a person, never a word of an establishment's name: « Clinique Mutualiste de la Porte de l'Orient
# Mme Claire Dubois » is an establishment, then the patient (her name would vanish inside [ETABLISSEMENT_1] otherwise).
_CIVILITY = r"(?i:m(?:me|mes|lle|elle|r|adame|onsieur|ademoiselle)|dr|dresse|docteur|pr|professeur)(?![\w'’-])"
CIVILITY_WORD = re.compile(rf"(?<![\w'’-]){_CIVILITY}")
# what a practice or a centre does, written in lower case between its head and its name (« Cabinet de sages-femmes
# des Lilas », « Centre médical Saint-Joseph », « Centre d'imagerie du Parc »): care said there, so an establishment
_CARE_QUALIFIERS = (r"médical|infirmier|dentaire|paramédical|périnatal|(?:de|d['’])\s*(?:sages?-femmes?|kinésithérapie|kiné|"
                    r"orthophonie|ostéopathie|pédiatrie|gynécologie|radiologie|imagerie(?:\s+médicale)?|dialyse|"
                    r"planification(?:\s+familiale)?|médecine(?:\s+générale)?|soins(?:\s+infirmiers)?|protection\s+maternelle)")
_ESTABLISHMENT = re.compile(
    r"(?<![\w])(?P<head>(?:Groupe\s+)?[Hh]ôpital|[Hh]opital|CHU|CHR|CHRU|CH|[Cc]entre\s+[Hh]ospitalier(?:\s+[Uu]niversitaire)?|[Cc]linique|"
    r"[Pp]olyclinique|[Mm]aternité|[Mm]aison\s+de\s+[Ss]anté|MSP|EHPAD|[Cc]entre\s+de\s+[Ss]anté|"
    rf"[Cc]abinet\s+(?:{_CARE_QUALIFIERS})|[Cc]entre\s+(?:{_CARE_QUALIFIERS})|[Pp]harmacie|"
    r"[Ii]nstitut|GHU|AP-HP|APHP|[Ll]aboratoire|[Cc]entre\s+de\s+[Rr]ééducation|PMI|CMPP|CMP|CAMSP|CHIC|CHI|CHS|CHG|CHD|GHT|"
    r"SSIAD|HAD|USLD|CPEF|CSAPA|"
    # where a child or a disabled person is looked after, named by its own name (« école élémentaire Jean-Jaurès »,
    # « crèche Les Petits Mousses », « MDPH du Finistère »): an establishment, and a school's person its name; a
    # « collège » only with its name straight after it (« le collège de la Grande Chambre » is a panel of judges)
    r"[ÉéEe]cole(?:\s+(?:élémentaire|maternelle|primaire))?|[Cc]ollège(?=[ \t]+[A-ZÉÈ])|[Ll]ycée|[Cc]rèche|[Hh]alte-garderie|"
    r"[Mm]aison\s+[Dd]épartementale\s+des\s+[Pp]ersonnes\s+[Hh]andicapées|MDPH)"
    # an adjective in lower case between the head and the name (« Hôpital privé Saint-Michel »)
    r"(?:[ \t]+(?:privée?|mutualiste|universitaire|régionale?|générale?|intercommunale?|départementale?|militaire))?"
    rf"(?:[ \t]+(?:de\s+la|de\s+l'|de\s+l’|du|des|de|d'|d’|l'|la|le|Saint|Sainte|St|Ste)?[ \t]*(?!{_CIVILITY})[A-ZÉÈÀÂÎÔÛ][\w'’-]+){{1,5}}")
# a hospital written by its own initials (« urgences du CHBA », « CHIV », « CHSF »): the kinds alone (CHU, CHR, CHI…)
# name no place, those are found with the town after them above
_HOSPITAL_INITIALS = re.compile(r"(?<![\w-])CH(?!RU\b|IC\b)[A-Z]{2,4}(?![\w-])")
# words of an establishment's name that a person's name never follows: « Hôpital Européen Georges Pompidou » and
# « Hôpital Privé Jean Mermoz » are named after a person
_ESTABLISHMENT_WORDS = {"europeen", "prive", "privee", "mutualiste", "universitaire", "regional", "regionale", "general",
                        "generale", "intercommunal", "intercommunale", "departemental", "departementale", "militaire",
                        "national", "nationale", "nord", "sud", "est", "ouest", "central", "centrale", "saint", "sainte",
                        "st", "ste", "de", "du", "des", "la", "le", "l", "d"}
_NAME_WORD = re.compile(r"[^\s,;:.()]+")


def _establishment_end(text: str, m: re.Match) -> int:
    """Where an establishment's name ends: before a person written right after it without a civility
    (« Maternité Sainte-Anne Claire Dubois », « CHU de Brest DUBOIS Claire »), a first name and a surname (or a
    surname in capitals and a first name) coming after a word that ends a place's name. The first name word of
    « Hôpital Robert Debré » or « Hôpital Européen Georges Pompidou » belongs to the establishment."""
    found = list(_NAME_WORD.finditer(text, m.end("head"), m.end()))
    words = [w.group(0) for w in found]
    for index in range(1, len(words) - 1):
        previous, word, after = words[index - 1:index + 2]
        last = plain(re.split(r"['’]", previous)[-1])
        saint = index >= 2 and plain(words[index - 2]) in {"saint", "sainte", "st", "ste"}
        if last in _ESTABLISHMENT_WORDS or (_first_name(previous) and not saint) or not after[0].isupper():
            continue  # « Hôpital Privé Jean Mermoz », « Hôpital Pierre Paul Riquet »; « Clinique Saint Joseph » ends
        first_then_surname = _first_name(word) and not word.isupper()
        surname_then_first = word.isupper() and len(word) >= 3 and not previous.isupper() and _first_name(after)
        if first_then_surname or surname_then_first:
            return found[index - 1].end()
    return m.end()


def _names_a_record(naming: str) -> bool:
    """« n° adhérent », « numéro de contrat »: a word after « n° » that is not a phone's (« n° 06 12… » alone, « n° de
    portable » stay phones)."""
    words = re.sub(r"^(?:n°|no\.|numéro|num\.)", "", naming, flags=re.I)
    return bool(re.search(r"[^\W\d_]{4,}", words)) and not _PHONE_NAME.search(words)


# a practice's trade name: a profession's short word, then everyday words and the number of its département (« Kiné
# Sport 33 », « Ostéo Santé Mérignac », « Kiné Forme et Santé »); a name after the word is the practitioner's
# (« Kiné Julien Moreau », « Kiné Dupont »)
_TRADE_NAME = re.compile(r"(?<![\w'’-])(?:[Kk]in[ée]s?|KIN[ÉE]S?|[Oo]st[ée]o|[Pp]hysio|[Pp]odo)[ \t]+"
                         r"(?P<first>[A-ZÉÈÀÂÎÔÛ][\w'’-]+)(?:(?:[ \t]+(?:et|&)?[ \t]*[A-ZÉÈÀÂÎÔÛ][\w'’-]+)|[ \t]+\d{1,3}(?![\d,.:/h]))*")


def _trade_names(text: str) -> Iterator[Found]:
    for m in _TRADE_NAME.finditer(text):
        key = plain(m.group("first"))
        if key in common_words() and key not in first_names() and key not in surnames() and not CIVILITY_WORD.match(m.group("first")):
            yield Found(m.start(), m.end(), "ETABLISSEMENT")


def _first_name(word: str) -> bool:
    """« Claire », « Jean-Yves »: every part a first name."""
    return all(plain(part) in first_names() for part in word.split("-"))


_AGE = re.compile(r"(?<![\w])(\d{2,3})\s*(?:ans|an|a)\b", re.I)


def find(text: str) -> Iterator[Found]:
    for m in _EMAIL.finditer(text):
        yield Found(m.start(), m.end(), "EMAIL")
    for m in _URL.finditer(text):
        yield Found(m.start(), m.end(), "URL")
    for m in _NIR.finditer(text):
        digits = re.sub(r"[\s.]", "", m.group(1))
        if len(digits) in (13, 15):
            yield Found(m.start(1), m.end(1), "NIR", 1.0 if len(digits) == 15 and nir_key_valid(digits) else 0.8)
    for m in _IBAN.finditer(text):
        if iban_valid(m.group(0)):
            yield Found(m.start(), m.end(), "IBAN")
    dates = [m.span() for m in _DATE.finditer(text)]
    named = [m.span(1) for m in _NUMBERED.finditer(text) if _names_a_record(text[m.start():m.start(1)])]
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if any(s < m.end() and m.start() < e for s, e in dates + named):
            continue  # « 323 09-03-1998 2 0 »: digits run into a date; the date is the finding (a record, the same)
        if m.group(0).lstrip("(+").startswith(("0", "33")) or m.group(0).startswith(("+", "(", "00")) or len(digits) == 10:
            yield Found(m.start(), m.end(), "TEL")
    letter_o = _LETTER_O.sub("0", text) if _LETTER_O.search(text) else text  # same length: offsets hold
    if letter_o is not text:
        for m in _PHONE.finditer(letter_o):
            if m.group(0) != text[m.start():m.end()] and re.sub(r"\D", "", m.group(0)).startswith("0"):
                yield Found(m.start(), m.end(), "TEL")
    for m in _ACCESS_CODE.finditer(text):
        if any(c.isdigit() for c in m.group(1)):
            yield Found(m.start(1), m.end(1), "CODE_ACCES")
    for m in _BRACKETED_PHONE.finditer(text):
        yield Found(m.start(), m.end(), "TEL")
    for m in _PHONE_PAIRS.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in named):
            yield Found(m.start(), m.end(), "TEL")
    for m in _SPACED_PHONE.finditer(text):  # plain digit runs without prefix or separator are boxes, below
        if m.group("prefix") or m.group("sep"):
            yield Found(m.start(), m.end(), "TEL")
    for m in _SPACED_DIGITS.finditer(text):  # forms filled in boxes, one digit per box
        digits = m.group(0).replace(" ", "")
        pieces = _split_boxes(digits)
        if pieces is None:
            yield Found(m.start(), m.end(), "DOSSIER", 0.8)
            continue
        position = 0
        for length, label in pieces:  # two boxed numbers side by side: one finding each
            start = m.start() + 2 * position
            yield Found(start, start + 2 * length - 1, label)
            position += length
    for m in _LONG_NUMBER.finditer(text):  # a long number left in a medical text is an identifier
        yield Found(m.start(), m.end(), "DOSSIER", 0.7)
    for pattern, label in ((_RPPS, "RPPS"), (_ADELI, "ADELI"), (_FINESS, "FINESS")):
        for m in pattern.finditer(text):
            yield Found(m.start(1), m.end(1), label)
    for m in _RECORD.finditer(text):
        word = m.group(1).upper()
        label = "IPP" if word.startswith(("IPP", "NIP")) or "PATIENT" in word or "IDENTI" in word else "NDA" if word.startswith("NDA") else "DOSSIER"
        yield Found(m.start(2), m.end(2), label)
    for m in _NUMBERED.finditer(text):
        if len(re.sub(r"\D", "", m.group(1))) >= RECORD_DIGITS:
            yield Found(m.start(1), m.end(1), "DOSSIER")
    for m in _DATE.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        yield Found(m.start(), m.end(), "DATE_NAISSANCE" if _BIRTH.search(before) else "DATE")
    for pattern in (_DAY_MONTH, _SPACED_DATE):
        for m in pattern.finditer(text):
            if pattern is _SPACED_DATE and not (1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(4)) <= 12):
                continue
            before = text[max(0, m.start() - 40):m.start()]
            if pattern is _DAY_MONTH and m.group("bare") and _MEASURE_BEFORE.search(before):
                continue  # a blood pressure or a score, not a day
            yield Found(m.start(), m.end(), "DATE_NAISSANCE" if _BIRTH.search(before) else "DATE")
    for m in _WORDS_DATE.finditer(text):
        day = words_number(m.group(1))
        year = m.group(3)
        if day and 1 <= day <= 31 and (year is None or year.isdigit() or (words_number(year) or 0) > 1800):
            before = text[max(0, m.start() - 40):m.start()]
            if year or re.search(r"\ble\s+$", before, re.I):
                yield Found(m.start(), m.end(), "DATE_NAISSANCE" if _BIRTH.search(before) else "DATE")
    for m in _YEAR_CONTEXT.finditer(text):
        yield Found(m.start(), m.end(), "DATE", 0.7)
        for more in _MORE_YEARS.finditer(text, m.end()):  # « nés en 1952, 1966 et 1947 »
            if more.start() != m.end():
                break
            yield Found(more.start(1), more.end(1), "DATE", 0.7)
            m = more
    for m in _ZIP_CITY.finditer(text):
        if " " in m.group(1) and not m.group(2):
            continue  # "35 475" alone is any number; with a city after it, a postcode
        if text[m.start(1) - 1:m.start(1)] in ("-", "/") and m.start(1) > 0:
            continue  # the end of a record number (« dossier n° HSM-2025-03318⏎⏎Cher confrère »), not a postcode
        if m.group(2) and DOSE_AFTER.match(text, m.end(2)):
            continue  # « 4 hématies pour 10 000, Rhophylac 1500 UI »: a count, then a drug and its dose
        yield Found(m.start(1), m.end(1), "CODE_POSTAL")
        if m.group(2):
            # « 84100 Orange »: a postcode on the town's line says it is a town, whatever the word
            yield Found(m.start(2), m.end(2), "VILLE", vouched="\n" not in text[m.end(1):m.start(2)])
    for m in _ADDRESS.finditer(text):
        if m.group("type").lower() in _EVERYDAY_STREET_WORDS and not m.group("number") and (
                not m.group("name")[0].isupper() or plain(m.group("name")) in NOT_NAMES):
            continue  # « au cours de », « passage IDE à discuter »: a care word after it, no street
        if not m.group("number") and _IDIOM_BEFORE_STREET_WORD.search(text, max(0, m.start() - 12), m.start()):
            continue  # « mis en place du Cytotec », « elle est allée à l'hôpital »: no street
        tail = _ADDRESS_END.search(text, m.end("name"), m.end() + 1)  # "place de la Mairie": the particle is not an end
        end = min(m.end(), tail.start()) if tail else m.end()
        if end - m.start() > 6:
            if more := _ADDRESS_MORE.match(text, end):
                end = more.end()  # « Résidence Les Glycines, bâtiment C »
            yield Found(m.start(), end, "ADRESSE")
            if text[m.start() - 1:m.start()] == "\n":  # « Appartement 32, escalier B⏎58 rue Victor Hugo »: the line above
                above = text.rfind("\n", 0, m.start() - 1) + 1
                if _ADDRESS_MORE.fullmatch(text, above, m.start() - 1):
                    yield Found(above, m.start() - 1, "ADRESSE")
            if town := _TOWN_AFTER_ADDRESS.match(text, end):
                yield Found(town.start(1), town.end(1), "VILLE", vouched=True)
    for m in _ENGLISH_ADDRESS.finditer(text):
        yield Found(m.start(), m.end(), "ADRESSE")
    for m in _ESTABLISHMENT.finditer(text):
        named = text[m.end("head"):m.end()].split()
        if m.group("head").lower().startswith("cabinet") and len(named) >= 2 and _first_name(named[0]):
            continue  # « Cabinet de sage-femme Claire Dubois »: the midwife's heading, her name is found as a person
        yield Found(m.start(), _establishment_end(text, m), "ETABLISSEMENT")
    yield from _trade_names(text)
    for m in _HOSPITAL_INITIALS.finditer(text):
        if plain(m.group(0)) not in common_words():  # « CHEZ », « CHER » in a line of capitals
            yield Found(m.start(), m.end(), "ETABLISSEMENT")
    for m in _AGE.finditer(text):
        if int(m.group(1)) > 89:
            yield Found(m.start(), m.end(), "AGE")
