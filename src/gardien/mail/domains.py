"""Domains: registrable part (public suffix list from the publicsuffixlist package), protected brands,
look-alikes (typos, added words, another extension, homoglyphs, punycode, brand in a subdomain)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from gardien import fr


@cache
def _psl():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@cache
def lists() -> dict:
    return tomllib.loads(resources.files("gardien.mail").joinpath("donnees.toml").read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """Lower case without accents. Read for every message several times: ASCII text (most mail) has nothing to
    decompose, and the accents of the rest are dropped by one table of the distinct characters, not char by char."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return decomposed.translate({ord(c): None for c in set(decomposed) if unicodedata.combining(c)})


def host_of(address_or_url: str) -> str:
    """The host of an e-mail address or a URL, lower-case, without port or trailing dot."""
    text = address_or_url.strip().lower()
    if "@" in text and "://" not in text:
        text = text.rsplit("@", 1)[1]
    else:
        text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
        text = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        text = text.rsplit("@", 1)[-1]
    text = text.split(":", 1)[0] if not text.startswith("[") else text
    return text.strip(".").strip()


def to_unicode(host: str) -> str:
    """Decode punycode labels (xn--) for display and homoglyph checks."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


@lru_cache(maxsize=8192)  # asked dozens of times per message (sender, links, images), for few hosts
def registrable(host: str) -> str:
    """example.co.uk for www.mail.example.co.uk; the host itself when the list does not know it."""
    host = host.lower().strip(".")
    if not host or is_ip(host):
        return host
    try:
        private = _psl().privatesuffix(host)
    except Exception:
        private = None
    return private or host


def is_ip(host: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", host) or host.startswith("[") or re.fullmatch(r"\d{8,10}", host))


def label_of(domain: str) -> str:
    """"ameli" for ameli.fr: the registrable domain without its public suffix."""
    try:
        suffix = _psl().publicsuffix(domain) or ""
    except Exception:
        suffix = ""
    return domain[: -len(suffix) - 1] if suffix and domain.endswith("." + suffix) else domain.split(".")[0]


@cache
def protected() -> dict[str, str]:
    """Official registrable domain -> brand name."""
    official = {}
    for brand, domains in lists()["marques"].items():
        for domain in domains:
            official.setdefault(domain, brand)
    return official


def protected_label(label: str) -> bool:
    """« paypal » is the name of an official domain (paypal.com)."""
    return label in _protected_labels()


@cache
def _protected_labels() -> frozenset[str]:
    return frozenset(label_of(domain) for domain in protected())


_SMALL_WORDS = {"de", "des", "du", "d'"}


def brand_label(brand: str) -> str:
    """« Assurance Maladie », « Crédit Agricole », « Ordre des Sages-femmes », « BNP Paribas »: a brand as people
    write it."""
    if brand in _NAMES:
        return _NAMES[brand]
    words = brand.split()
    return " ".join(w if i and w in _SMALL_WORDS else w.upper() if w in _ACRONYMS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


# brands whose key is not their name (« Esante » is no one's name)
_NAMES = {"esante": "Agence du Numérique en Santé", "agence du numérique en santé": "Agence du Numérique en Santé",
          "mssante": "MSSanté", "franceconnect": "FranceConnect",
          "moncompteformation": "Mon Compte Formation", "etat": "État", "caisse d'epargne": "Caisse d'Épargne",
          "crit'air": "Crit'Air", "impots": "impots.gouv", "dgfip": "DGFiP"}
# names that take an article in a sentence (« imite celle de l'Assurance Maladie »), as people say them
_ARTICLES = {"Agence Nationale du DPC": "l'", "Assurance Maladie": "l'", "Agence du Numérique en Santé": "l'", "ANTAI": "l'",
             "ANTS": "l'", "URSSAF": "l'", "État": "l'", "Banque Populaire": "la ", "CAF": "la ", "Caisse d'Épargne": "la ",
             "CARCDSF": "la ", "CARMF": "la ", "Carpimko": "la ", "CNIL": "la ", "Gendarmerie": "la ", "MACIF": "la ",
             "MACSF": "la ", "MAIF": "la ", "MGEN": "la ", "Police Nationale": "la ", "SNCF": "la ", "Société Générale": "la ",
             "Finances Publiques": "les ", "Banque Postale": "la ", "Carte Vitale": "la ", "CPAM": "la ", "DGFiP": "la ",
             "Crédit Agricole": "le ", "Crédit Mutuel": "le ", "CIC": "le "}


def brand_named(brand: str) -> str:
    """A brand as said in a sentence, with its article: « l'Assurance Maladie », « la CAF », « l'Ordre des Médecins »."""
    label = brand_label(brand)
    article = _ARTICLES.get(label, "l'" if label.startswith("Ordre ") else "")
    return article + label


_ARTICLE_WORDS = ("l'", "la ", "le ", "les ")


def organisation_named(name: str) -> str:
    """A sender's shown name as a sentence says it: a known organisation with its article (« Assurance Maladie » ->
    « l'Assurance Maladie », « CAF » -> « la CAF », « Crédit Agricole » -> « le Crédit Agricole »), any other name
    as it is written."""
    name = " ".join(name.split())
    key = normalise(name).replace("\u2019", "'")
    key = next((key[len(a):] for a in _ARTICLE_WORDS if key.startswith(a)), key)
    for brand in lists()["marques"]:
        if key in (normalise(brand), normalise(brand_label(brand))):
            return brand_named(brand)
    return name


def of_organisation(name: str) -> str:
    """« de l'Assurance Maladie », « de la CAF », « du Crédit Agricole », « d'Ameli », « de Banque Exemple »,
    « d'assurance-maladie.fr »: « de » and a sender's name or address, its article and elision as French says them.
    The one way the mail analyser says whose a message is."""
    return fr.de(organisation_named(name))


# brands written in capitals (« Bnp Paribas » reads as a spelling mistake)
_ACRONYMS = {"axa", "bnp", "caf", "carcdsf", "carmf", "cic", "cnil", "cpam", "dgfip", "dhl", "dpd", "edf", "gls", "lcl",
             "macif", "macsf", "maif", "mgen", "sfr", "sncf", "ups", "urssaf", "ants", "antai", "andpc", "dpc"}


def brand_official(brand: str) -> set[str]:
    return set(lists()["marques"][brand])


@cache
def _brand_pattern() -> re.Pattern[str]:
    names = sorted((normalise(b) for b in lists()["marques"]), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def brands_in(text: str) -> list[str]:
    """Protected brand names mentioned in a text (display name, link text), capital I posing as l undone."""
    text = re.sub(r"(?<=[a-z])I|I(?=I)|(?<=I)I", "l", text)  # "Trust WaIIet" -> "Trust Wallet"
    found = _brand_pattern().findall(normalise(text))
    return sorted({_brand_by_normalised()[f] for f in found})


@cache
def _brand_by_normalised() -> dict[str, str]:
    """The first spelling listed wins: « crédit agricole » is named with its accent, « credit agricole » only matches."""
    found: dict[str, str] = {}
    for brand in lists()["marques"]:
        found.setdefault(normalise(brand), brand)
    return found


def is_freemail(domain: str) -> bool:
    return domain in lists()["messageries_grand_public"]["domaines"]


def is_shortener(domain: str) -> bool:
    return domain in lists()["raccourcisseurs"]["domaines"]


def _within(host: str, names) -> bool:
    """The host is one of these domains or a subdomain of one."""
    return any(host == d or host.endswith("." + d) for d in names)


def is_free_hosting(host: str) -> bool:
    return _within(host, lists()["hebergeurs_gratuits"]["domaines"])


_S3_REGIONAL = re.compile(r"(^|\.)s3[.-]([a-z0-9-]+\.)*amazonaws\.com$")


def is_cloud_storage(host: str) -> bool:
    return bool(_S3_REGIONAL.search(host)) or _within(host, lists()["stockage_en_ligne"]["domaines"])


def is_valid_domain(host: str) -> bool:
    """A host name made of valid labels under a known public suffix (not "correios", not "%x.com")."""
    if not host or len(host) > 253 or not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", to_ascii(host)):
        return False
    if any(label.startswith("-") or label.endswith("-") for label in host.split(".")):
        return False
    try:
        return _psl().privatesuffix(to_ascii(host)) is not None
    except Exception:
        return False


def known_suffix(host: str) -> bool:
    """The host ends in an extension of the public suffix list (« ameli.fr », not « h.r.2571 » nor « gpt-5.2 »)."""
    try:
        return _psl().publicsuffix(to_ascii(host), accept_unknown=False) is not None
    except Exception:
        return False


def to_ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return host


@cache
def _esp_domains() -> dict[str, str]:
    return {domain: name for name, names in lists()["routeurs"].items() for domain in names}


def esp_name(host: str) -> str:
    """The e-mail service provider a host belongs to (« Mailchimp »), or ""."""
    host = host.lower()
    for domain, name in _esp_domains().items():
        if host == domain or host.endswith("." + domain):
            return name
    return ""


def is_esp_redirector(host: str) -> bool:
    return bool(esp_name(host))


def is_social(brand: str) -> bool:
    return brand in lists()["reseaux_sociaux"]["marques"]


def same_organisation(domain_a: str, domain_b: str) -> bool:
    """True for the same registrable domain, or the same name under another extension (paypal.com, paypal.fr)."""
    if domain_a == domain_b:
        return True
    brand_a, brand_b = protected().get(domain_a), protected().get(domain_b)
    if brand_a and brand_b and (brand_official(brand_a) & brand_official(brand_b)):
        return True
    return label_of(domain_a) == label_of(domain_b) and len(label_of(domain_a)) >= 4


def sent_by_brand(host: str, brand: str) -> bool:
    """The sending host belongs to the brand: its registrable domain is one of the brand's (or the same name under
    another extension), or the host lies under one of them — « 13.medecin.fr », the Ordre des médecins' departmental
    council, is its own registrable domain because medecin.fr is a public suffix."""
    official = brand_official(brand)
    return any(same_organisation(registrable(host), d) for d in official) or _within(host, official)


_SUBSTITUTIONS = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("3", "e"), ("5", "s"), ("@", "a"))


def _ascii_skeleton(text: str) -> str:
    from confusable_homoglyphs import confusables

    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
        latin = [h["c"] for entry in found or [] for h in entry["homoglyphs"] if h["c"].isascii()]
        out.append(latin[0].lower() if latin else normalise(char))
    skeleton = "".join(out)
    for old, new in _SUBSTITUTIONS:
        skeleton = skeleton.replace(old, new)
    return skeleton


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@dataclass(frozen=True)
class LookAlike:
    official: str
    brand: str
    how: str  # French: "une lettre changée", "des mots ajoutés", ...


# gouv.fr is reserved to the French government's services, no one else can have a name there: sante.gouv.fr, the ministry
# of health, is no copy of esante.gouv.fr one letter away; sante.fr is the ministry's own domain, under which the
# regional health agencies publish (bretagne.ars.sante.fr) and the public health portal sante.fr lives
STATE_ONLY = ("gouv.fr", "sante.fr")
STATE_WORD = "gouv"


@cache
def _official_labels() -> list[tuple[str, str, str, bool]]:
    """Each protected domain with its brand, its label (« ameli ») and whether that label is a common word."""
    common, generic = set(lists()["noms_communs"]["mots"]), set(lists()["noms_communs"]["generiques"])
    labelled = ((domain, brand, label_of(domain)) for domain, brand in protected().items())
    return [(domain, brand, label, label in common) for domain, brand, label in labelled if len(label) >= 3 and label not in generic]


@cache
def _service_word() -> re.Pattern[str]:
    words = sorted(lists()["noms_de_service"]["mots"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(words) + ")+")


def names_only_a_service(domain: str) -> bool:
    """« drive-partage-docs.com », « fileshare-docs.net »: a name made of at least two parts, two of them only words of
    a document service (« fileshare » is two), whoever runs it; « swisstransfer.com » or « partage-cabinet.fr » name
    someone."""
    parts = [part for part in re.split(r"[-\d]+", normalise(label_of(domain))) if part]
    service = [part for part in parts if _service_word().fullmatch(part)]
    return len(parts) >= 2 and len(service) >= 2


@lru_cache(maxsize=4096)  # the links of one message, and of one campaign, share their hosts
def lookalike(host: str) -> LookAlike | None:
    """The protected domain `host` imitates, if any. An official domain is never a look-alike."""
    host = to_unicode(host.lower())
    domain = registrable(host)
    official = protected()
    if domain in official or _within(host, official) or _within(host, STATE_ONLY):
        return None
    label = label_of(domain)
    skeleton = _ascii_skeleton(label)
    tokens = [t for t in re.split(r"[-_.\d]+", normalise(label)) if t]
    # « docusign-secure.envelope-review.net »: the name is a word of a label in front of someone else's domain
    subdomain_words = [w for w in re.split(r"[-_.\d]+", normalise(host[: -len(domain)])) if w] if host != domain else []
    for official_domain, brand, official_label, common_word in _official_labels():
        if skeleton == official_label and label != official_label:
            return LookAlike(official_domain, brand, "des caractères qui imitent d'autres lettres")
        if label == official_label and not common_word:
            return LookAlike(official_domain, brand, "le même nom avec une autre extension")
        if len(official_label) >= 5 and (_one_edit(skeleton, official_label) or _one_edit(label, official_label)) and (
                not _a_word(label)):
            return LookAlike(official_domain, brand, "une lettre changée")
        if len(official_label) >= 4 and _named_in(tokens, official_label, more=True) and not common_word:
            return LookAlike(official_domain, brand, "des mots ajoutés au nom")
        # in front of someone else's domain even an ordinary word is the brand (« orange-messagerie.espace-client-fr
        # .online », « docs-google.drive-viewer.app »: 5 lures, no legitimate mail in the tuning halves, round 15)
        if len(official_label) >= 4 and _named_in(subdomain_words, official_label, more=False):
            return LookAlike(official_domain, brand, "le nom officiel placé devant un autre domaine")
    # « ars-sante-gouv.fr »: the State's own word in a name anyone can buy, outside gouv.fr
    if STATE_WORD in tokens and len(tokens) > 1:
        return LookAlike(STATE_ONLY[0], "etat", "le mot « gouv » dans un nom que n'importe qui peut acheter")
    return None


def _named_in(words: list[str], official_label: str, more: bool) -> bool:
    """The official name is one word of `words`, or several in a row: a name of several words or with a hyphen
    (« credit-agricole », « creditmutuel », « bnpparibas ») is found however the look-alike cuts it
    (« credit-agricole-securite », « credit-mutuel-alerte », « bnpparibas-securite »; review, round 22). With
    `more`, other words must be there besides the name."""
    name = re.sub(r"[-_]+", "", normalise(official_label))  # « ars.sante » (under sante.fr) is not « ars-sante »
    for first in range(len(words)):
        joined = ""
        for last in range(first, len(words)):
            joined += words[last]
            if len(joined) >= len(name):
                # in front of someone else's domain, the name cut as the brand cuts it, or cut where it is not: a
                # mailing service's account « ordresagesfemmes.us1.list-manage.com » is the Ordre's own newsletter
                cut = "-".join(words[first: last + 1]) == official_label or "-" not in official_label
                if joined == name and (not more or last - first + 1 < len(words)) and (more or cut):
                    return True
                break
    return False


def _a_word(label: str) -> bool:
    """« finance » is a word of its own, not « binance » with a letter changed."""
    from gardien.mail.content import known_word  # the dictionaries load with the text's reading

    return known_word(label)


def mixed_scripts(host: str) -> bool:
    """True when a label mixes alphabets (e.g. Latin and Cyrillic): a classic homoglyph trick."""
    from confusable_homoglyphs import confusables

    return any(confusables.is_mixed_script(label) for label in to_unicode(host).split(".") if label)
