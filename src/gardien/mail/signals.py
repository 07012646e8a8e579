"""Signals about the sender, the subject, disguised letters, the authentication results and the links. Each is
explained in French for the practitioner, with the technical detail for an IT helper, and carries a weight.

Weights: 1 weak, 3 medium, 5 strong, 8 critical (a program attached). The verdict (analyze.py)
never reaches "dangereux" on a single weak or medium signal.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from gardien import fr
from gardien.mail import domains, identity, pasted
from gardien.mail.message import ParsedMail

WEAK, MEDIUM, STRONG, CRITICAL = 1, 3, 5, 8
TEXT_SCANNED = 60_000  # characters of text scanned per message: enough for any lure, bounded on huge mail
SEVERITY = {0: "info", WEAK: "low", MEDIUM: "medium", STRONG: "high", CRITICAL: "critical"}


@dataclass(frozen=True)
class Signal:
    id: str
    weight: int
    message: str  # plain French for the practitioner
    technical: str = ""  # the evidence, for an IT helper
    repeated: bool = False  # several distinct phrases of the same family: a stronger sign than one
    # other signs this one already tells her (a scenario that « vous presse » tells the urgency): still counted in the
    # score, not told twice
    tells: frozenset[str] = frozenset()
    # the words the sign may quote, best first (the word filter's: vocabulary.quoting_lure_words chooses among them)
    words: tuple[str, ...] = ()

    @property
    def severity(self) -> str:
        return SEVERITY[self.weight]

    @property
    def key(self) -> str:
        """What the fitted weights (poids.toml) are keyed by."""
        return self.id + "+" if self.repeated else self.id


def _domain(address: str) -> str:
    return domains.registrable(domains.host_of(address)) if address else ""


UNSUBSCRIBE = re.compile(
    r"d[ée]sinscri|d[ée]sabonn|unsubscribe|abmelden|austragen|descadastr|desinscrev|darse de baja|afmelden|uitschrijven|"
    r"ne plus recevoir|no longer wish to receive|nicht mehr erhalten|remove yourself|opt[- ]out", re.I)
OPENING_WORDS = 6
_CASE_NUMBER = re.compile(r"\d{3,}")  # « Protocole 94322 »: people's names carry no file numbers
_SERVICE_WORD = re.compile(  # a name that calls itself a service, in the languages of the lexicon
    r"\b(factur\w*|invoice|fatura|rechnung|billing|payment|paiement|pagamento|zahlung|support|notification|security|"
    r"securite|seguranca|account|conta|cuenta|konto|customer|kunde|delivery|livraison|entrega|colis|parcel|order|"
    r"commande|pedido|bestellung|bank|banque|banco|rewards?)\b")


def _gibberish(local_part: str) -> str | None:
    """A run of letters no language pronounces (« pzqzhjp », « hvgkodftmcykpfn »): people and services choose
    addresses that can be read out loud."""
    for chunk in re.split(r"[^a-z]+", local_part.lower()):
        if len(chunk) >= 5 and (re.search(r"[bcdfghjklmnpqrstvwxz]{5,}", chunk) or not re.search(r"[aeiouy]", chunk)):
            return chunk
    # letters and digits shuffled together (« l422xyao1llw »): a generated address. « jean.dupont1987 » changes once,
    # a hexadecimal identifier (« 4f3a9b2c ») is a machine's and honest
    for chunk in re.split(r"[.\-_+]+", local_part.lower()):
        if len(chunk) >= 8 and not re.fullmatch(r"[0-9a-f]+", chunk) and re.search(r"[a-z]{3}", chunk) and len(
                re.findall(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", chunk)) >= 3:
            return chunk
    return None


# --- Sender -------------------------------------------------------------------------------------

_VIA = re.compile(r"\(?\bvia\s+(?P<service>[^()]+)\)?\s*$", re.I)


def _sender_of(name: str, host: str) -> str:
    """The part of the shown name that claims to send: « Crédit Mutuel via DocuSign <…@docusign.net> » is DocuSign
    sending for its customer, as signing and sharing services write; only the service is then held to its domain. A
    « via » service that the address does not belong to leaves the whole name judged."""
    via = _VIA.search(name)
    if via and host and any(domains.sent_by_brand(host, b) for b in domains.brands_in(via["service"])):
        return via["service"]
    return name


def _opening(mail: ParsedMail) -> str:
    """The subject and the first words of the text, where a message says whom it comes from (« PayPal Money sale
    receipt »); words with a dot inside (addresses) left out."""
    return " ".join(t for t in (mail.subject + " " + mail.text[:300]).split()[: OPENING_WORDS + len(mail.subject.split())]
                    if "." not in t.strip(".,;:!?"))


def _provider_itself(brand: str, from_domain: str) -> bool:
    """« Outlook account security <…@outlook.com> », « Orange <ne_pas_repondre@orange.fr> »: the mailbox provider
    writing from its own domain, not an organisation borrowing a personal mailbox."""
    return from_domain in domains.brand_official(brand)


def _who(mail: ParsedMail, name: str, address: str) -> list[Signal]:
    """What the sender's name and address tell, whoever wrote them."""
    found: list[Signal] = []
    from_domain = _domain(address)
    free_mailbox = domains.is_freemail(from_domain)
    host = domains.host_of(address) if address else ""
    address_in_name = re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", name)
    # « info@exemple.org <news@mail.exemple.org> » is one organisation; a discussion list writes its author's
    # address beside its own. Another organisation's address in the name is the trick.
    if address_in_name and address_in_name.group(0).lower() != address and not mail.mailing_list and not (
            from_domain and domains.same_organisation(_domain(address_in_name.group(0).lower()), from_domain)):
        found.append(Signal("expediteur.adresse_dans_le_nom", MEDIUM,
                            f"Le nom affiché contient une autre adresse ({address_in_name.group(0)}) que l'adresse réelle d'envoi.",
                            f"From: « {name} » <{address}>"))
    for brand in domains.brands_in(_sender_of(name, host)):
        official = domains.brand_official(brand)
        if from_domain and not domains.sent_by_brand(host, brand):
            weight = STRONG if free_mailbox else MEDIUM
            found.append(Signal("expediteur.marque_usurpee", weight,
                                f"Le message se présente comme « {domains.brand_label(brand)} » mais vient de l'adresse {address}, "
                                "qui n'appartient pas à cet organisme.",
                                f"nom affiché « {name} », domaine {from_domain}, domaines officiels : {', '.join(sorted(official))}",
                                # the look-alike address is the same fact, told once (walkthrough, round 14)
                                tells=frozenset({"expediteur.domaine_imite"})))
            break
    # the text opens as the brand would ("PayPal Money sale receipt"); a brand mentioned further on is just a topic
    claimed = domains.brands_in(_opening(mail)) if free_mailbox and not mail.answers_a_message else []
    # « service.medical.cpam@laposte.net »: an organisation's name chosen for a personal mailbox (8 development lures,
    # no honest text nor legitimate mail of the tuning halves, round 16)
    in_address = domains.brands_in(re.sub(r"[._+\d-]+", " ", address.split("@", 1)[0])) if free_mailbox else []
    claimed = [b for b in claimed if not _provider_itself(b, from_domain)]
    in_address = [b for b in in_address if not _provider_itself(b, from_domain)]
    if claimed or in_address:
        where, seen = ("L'objet ou le texte", "au début du texte") if claimed else (f"L'adresse {address}", "dans l'adresse")
        brands = claimed or in_address
        found.append(Signal("expediteur.marque_depuis_boite_perso", WEAK,
                            f"{where} se présente comme venant de « {domains.brand_label(brands[0])} », mais le message part d'une "
                            f"messagerie gratuite ({from_domain}) : un organisme écrit depuis son propre domaine.",
                            f"{'marques' if len(brands) > 1 else 'marque'} {brands} {seen}, expéditeur {address}"))
    service = _CASE_NUMBER.search(name) or _SERVICE_WORD.search(domains.normalise(name))
    provider_itself = any(_provider_itself(b, from_domain) for b in domains.brands_in(name))
    if free_mailbox and service and not provider_itself:
        found.append(Signal("expediteur.service_grand_public", MEDIUM if service.re is _CASE_NUMBER else WEAK,
                            f"Le nom affiché (« {name[:60]} ») se présente comme un service, mais le message vient d'une "
                            f"messagerie gratuite ({from_domain}) : un organisme n'écrit pas depuis une adresse personnelle.",
                            f"From: « {name} » <{address}>, « {service.group(0)} »"))
    gibberish = _gibberish(address.split("@", 1)[0]) if address else None
    if gibberish and gibberish not in domains.normalise(name).replace(" ", ""):  # « s.gottschall » is Mr Gottschall
        found.append(Signal("expediteur.adresse_aleatoire", WEAK,
                            f"L'adresse de l'expéditeur ({address}) est faite de lettres au hasard : une adresse jetable, "
                            "créée pour un envoi en masse.",
                            f"« {gibberish} » : aucune voyelle, plus de quatre consonnes de suite, ou lettres et chiffres mêlés"))
    if mail.from_split_by_comma:
        found.append(Signal("expediteur.adresse_invalide", MEDIUM,
                            f"L'expéditeur est mal écrit : une virgule sépare son nom (« {name[:60]} ») de son adresse "
                            f"({address}) ; un vrai service n'écrit pas ainsi.",
                            "From: virgule hors guillemets entre le nom et l'adresse"))
    elif address and not domains.is_valid_domain(host):
        found.append(Signal("expediteur.adresse_invalide", MEDIUM,
                            f"L'adresse de l'expéditeur ({address}) n'est pas une adresse valide : un vrai service n'écrit pas ainsi.",
                            f"domaine « {host} » hors de la liste des suffixes publics"))
    elif host and domains.is_free_hosting(host):
        found.append(Signal("expediteur.hebergeur_gratuit", MEDIUM,
                            f"Le message vient d'une plateforme gratuite où chacun peut ouvrir un compte ({domains.registrable(host)}), pas du domaine d'un organisme.",
                            host))
    if host:
        similar = domains.lookalike(host)
        if similar:
            found.append(Signal("expediteur.domaine_imite", STRONG,
                                f"L'adresse de l'expéditeur imite celle {fr.de(domains.brand_named(similar.brand))} ({similar.official}) : {similar.how}.",
                                f"domaine d'envoi {host}"))
        if "xn--" in host or not host.isascii():
            found.append(Signal("expediteur.punycode", STRONG,
                                "L'adresse de l'expéditeur utilise des caractères d'un autre alphabet, une ruse pour imiter un nom connu.",
                                f"{host} = {domains.to_unicode(host)}"))
        elif domains.mixed_scripts(host):
            found.append(Signal("expediteur.alphabets_melanges", STRONG,
                                "L'adresse de l'expéditeur mélange plusieurs alphabets.", host))
    return found


def sender(mail: ParsedMail) -> list[Signal]:
    found = _who(mail, mail.from_name, mail.from_address)
    # a sender written at the top of the text (a forwarded or copied message) is judged too: it is the one the
    # reader saw
    shown = pasted.shown_header(mail.text[:5000]) if not mail.pasted else None
    if shown and shown.address and shown.address != mail.from_address:
        known = {s.id for s in found}
        found += [s for s in _who(mail, shown.name, shown.address) if s.id not in known]
    from_domain = _domain(mail.from_address)
    if not mail.pasted and not mail.unsubscribe_header and UNSUBSCRIBE.search(mail.text[:TEXT_SCANNED]):
        found.append(Signal("expediteur.envoi_en_masse_irregulier", WEAK,
                            "Le message est envoyé en masse (il propose de se désinscrire), mais sans le lien de désinscription "
                            "que les expéditeurs sérieux donnent à votre messagerie : un envoi qui ne suit pas les règles.",
                            "texte de désinscription, pas d'en-tête List-Unsubscribe (RFC 2369, RFC 8058)"))
    if mail.hidden_recipients and not mail.list_headers:
        found.append(Signal("expediteur.destinataires_caches", WEAK,
                            "Le message n'est adressé à personne en clair : tous les destinataires sont en copie cachée. "
                            "C'est un envoi en nombre, pas un message qui vous est écrit.",
                            "en-tête To vide (groupe sans membre, « undisclosed-recipients:; »)"))
    if mail.reply_to and from_domain and not mail.list_headers:
        # another organisation, or another person's mailbox at the same free provider (gmail.com to gmail.com)
        reply_domains = {_domain(a) for a in mail.reply_to if a != mail.from_address}
        other = sorted(d for d in reply_domains if d and (not domains.same_organisation(d, from_domain) or domains.is_freemail(d)))
        if other:
            freemail = [d for d in other if domains.is_freemail(d)]
            weight = MEDIUM if freemail and not domains.is_freemail(from_domain) else WEAK
            found.append(Signal("expediteur.reponse_ailleurs", weight,
                                f"Si vous répondez, votre réponse part vers une autre adresse ({', '.join(mail.reply_to)}) "
                                f"que celle de l'expéditeur ({mail.from_address}).",
                                f"adresse de réponse (Reply-To) chez {', '.join(other)}"))
    return found


_RANDOM_TOKEN = re.compile(r"(?<![\w@.])(?=[\w]*[a-z])(?=[\w]*[A-Z])(?=[\w]*\d)[A-Za-z0-9]{10,}(?![\w@.])")


# Cyrillic and Greek letters that pass for Latin ones, to read a disguised word as the reader sees it. Not the
# Unicode confusables behind domains.lookalike(): scammers also use looser twins it lacks (п for n, ν for v, τ for t).
LATIN_LOOKALIKES = str.maketrans("аеорсхуіјѕԁһӏпгАВЕКМНОРСТХІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                                 "aeopcxyijsdhlnrABEKMHOPCTXIJSabeiknoptuxABEZHIKMNOPTYX")
MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u0370-\u03ff\u0400-\u04ff])\w+\b")
_DECORATIVE_LETTERS = re.compile(r"[\U0001D400-\U0001D7FF]")  # Mathematical Alphanumeric Symbols: 𝗯𝗼𝗹𝗱, 𝟯𝟬
_DIGIT_OR_L_IN_CAPITALS = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]*[A-Z][0l][A-Z]+|l[A-Z]{3,})(?![A-Za-z0-9])")  # IMP0RTANT, lTAU
_L_IN_CAPITALS = re.compile(r"(?<![A-Za-z0-9])(?=[A-Z]*l)(?=l*[A-Z]l*[A-Z])[A-Zl]{3,}(?![A-Za-z0-9])")  # lRS, VlAGRA
INVISIBLE = "\u00ad\u034f\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff"
INVISIBLE += "\U000e0000-\U000e007f\U000e0100-\U000e01ef"  # tag characters, variation selectors supplement
_INSIDE_WORD = re.compile(f"[^\\W\\d_][{INVISIBLE}]+[^\\W\\d_]")
ZWNJ = "\u200c"
MANY_JOINERS = 10
_CAPITAL_I_AS_L = re.compile(r"\b[a-z]*[a-z]I{1,2}[a-z]+\b|\b[A-Z][a-z]*I{2}[a-z]+\b")


# 40 lower-case letters or more with no space, apart from any address or code around them: no language writes such a
# word (« Rechtsschutzversicherungsgesellschaften » has 39, and a capital)
_LETTER_RUN = re.compile(r"(?<![\w/.=?&%#:@+-])[a-z]{40,}(?![\w/.=?&%#:@+-])")
_CONSONANT_CLUSTER = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")


def _random_letters(text: str) -> str:
    """A long run of letters typed at random (« twauzdjacepubdweaqebhprsml… »): filler that makes each copy unique."""
    for run in _LETTER_RUN.finditer(text):
        if _CONSONANT_CLUSTER.search(run.group(0)):
            return run.group(0)
    return ""


def _reads_as_word(disguised: str) -> bool:
    """IMP0RTANT reads « important », lTAU « Itau »: a word or a brand once the digits are letters again. A radio
    call sign (K0LNY) or a product code reads as nothing."""
    from gardien.mail.content import known_word

    plain = disguised.replace("0", "o").replace("l", "i").lower()
    return known_word(plain) or bool(domains.brands_in(plain)) or domains.protected_label(plain)


def obfuscation(mail: ParsedMail) -> list[Signal]:
    """Tricks to slip words past filters: invisible characters inside words, letters of another alphabet inside
    Latin words, capital I posing as l or digits posing as letters, decorative Unicode letters."""
    found = []
    sample = mail.subject + "\n" + mail.from_name + "\n" + mail.text[:TEXT_SCANNED]
    hidden = set(_INSIDE_WORD.findall(sample))
    # the zero-width non-joiner has an honest use: newsletters put one inside a postal address or a number so
    # that mail apps do not turn it into a link; a few of them are that, dozens are a trick
    joiners = {h for h in hidden if set(h[1:-1]) == {ZWNJ}}
    if len(hidden - joiners) >= 3 or len(joiners) >= MANY_JOINERS:
        found.append(Signal("texte.caracteres_invisibles", STRONG,
                            "Des caractères invisibles sont glissés à l'intérieur des mots, pour tromper les filtres anti-spam.",
                            f"{fr.plural(len(hidden), 'mot coupé', 'mots coupés')} par des caractères invisibles"))
    header = mail.subject + " " + mail.from_name
    mixed = MIXED_SCRIPT_WORD.findall(sample)
    if mixed:
        found.append(Signal("texte.alphabets_melanges", STRONG,
                            f"Des lettres d'un autre alphabet se cachent dans des mots (« {mixed[0]} ») : elles imitent nos lettres "
                            "pour tromper les filtres ou pour imiter un nom.",
                            f"{fr.plural(len(mixed), 'mot')} mêlant alphabet latin et cyrillique ou grec : {fr.quoted(mixed[:3])}"))
    disguised = [w for w in _CAPITAL_I_AS_L.findall(header) if not w.isupper()]
    if disguised:
        found.append(Signal("texte.lettres_deguisees", MEDIUM,
                            f"Des lettres sont déguisées pour imiter un nom (« {disguised[0]} », un I majuscule à la place d'un l).",
                            fr.quoted(disguised[:3])))
    # a lower-case l inside capitals (lTAU) poses as an I; a digit (K0LNY, a radio call sign) only when a word appears;
    # in the text, only the l that makes a word or a brand (« lRS », « VlAGRA »: 5 tuning phishing messages, no
    # legitimate one, round 11) — product codes and « KCl » in a lab result are digits and chemistry, not disguise
    elif substituted := [w for w in _DIGIT_OR_L_IN_CAPITALS.findall(header) if "l" in w or _reads_as_word(w)] or [
            w for w in _L_IN_CAPITALS.findall(mail.text[:TEXT_SCANNED]) if w.startswith("l") or _reads_as_word(w)]:
        found.append(Signal("texte.lettres_deguisees", MEDIUM,
                            f"Des lettres sont remplacées par des chiffres ou des signes qui leur ressemblent (« {substituted[0]} ») "
                            "pour échapper aux filtres.",
                            fr.quoted(substituted[:3])))
    padding = _random_letters(mail.text[:TEXT_SCANNED])
    if padding:
        found.append(Signal("texte.remplissage_aleatoire", WEAK,
                            "Le message contient une longue suite de lettres sans aucun sens, souvent invisible à l'écran : "
                            "elle rend chaque envoi différent des autres pour déjouer les filtres anti-spam.",
                            f"« {padding[:60]}… » ({len(padding)} lettres sans espace ni voyelle régulière)"))
    decorative = _DECORATIVE_LETTERS.findall(header)
    if len(decorative) >= 3:
        found.append(Signal("texte.lettres_decoratives", WEAK,
                            "L'objet ou le nom de l'expéditeur est écrit avec des lettres décoratives (𝗴𝗿𝗮𝘀, 𝘪𝘵𝘢𝘭𝘪𝘲𝘶𝘦) que les "
                            "filtres anti-spam ne savent pas lire.",
                            f"{fr.plural(len(decorative), 'caractère')} du bloc Unicode « Mathematical Alphanumeric Symbols »"))
    return found


_REPLY_PREFIX = re.compile(r"\s*(re|fwd?|tr|aw|wg|rv|sv|antw)\s*:", re.I)


def subject(mail: ParsedMail) -> list[Signal]:
    """Tricks of the subject line: a random string that makes every copy unique, a fake « Re: » that answers
    nothing, the reader's own address used instead of a name — there or as the text's greeting."""
    found = []
    match = _RANDOM_TOKEN.search(mail.subject)
    if match:
        found.append(Signal("sujet.suite_aleatoire", WEAK,
                            "L'objet contient une suite de caractères au hasard, ajoutée pour déjouer les filtres anti-spam.",
                            f"« {match.group(0)} »"))
    if _REPLY_PREFIX.match(mail.subject) and not mail.answers_a_message:
        found.append(Signal("sujet.fausse_reponse", WEAK,
                            "L'objet commence par « Re : » ou « Fwd : » comme une réponse, mais le message ne répond à aucun "
                            "message : une ruse pour faire croire à une conversation déjà engagée.",
                            "objet « Re:/Fwd: » sans en-tête In-Reply-To, References ni Thread-Index"))
    shown = [a for a in mail.to if a and a in mail.subject.lower()]
    if shown:
        found.append(Signal("sujet.votre_adresse", WEAK,
                            "L'objet vous désigne par votre adresse e-mail plutôt que par votre nom : l'expéditeur ne vous "
                            "connaît pas, il envoie le même message à des milliers d'adresses.",
                            f"adresse du destinataire dans l'objet : {shown[0]}"))
    advert = _advert_as_name(mail.text)
    if advert:
        found.append(Signal("texte.publicite_dans_le_nom", MEDIUM,
                            f"Là où un message met votre nom, on lit une adresse web ou une somme d'argent (« {advert[:60]} ») : "
                            "un escroc a tapé sa publicité à la place d'un nom, dans le formulaire d'inscription d'un vrai "
                            "service, qui vous l'envoie ensuite. Ce n'est pas ce service qui vous fait cette offre.",
                            f"salutation suivie de « {advert[:100]} »"))
    greeted = _greeted_by_address(mail)
    if greeted:
        found.append(Signal("texte.salutation_adresse", WEAK,
                            f"Le message s'adresse à vous par votre adresse e-mail ({greeted}) là où l'on met un nom : "
                            "l'expéditeur ne vous connaît pas, il envoie le même message à des milliers d'adresses.",
                            f"adresse du destinataire en tête du texte : {greeted}"))
    return found


# « Hello jean.dupont@exemple.fr », « jean.dupont@exemple.fr, votre offre… »: the reader's address where a name goes.
# Newsletters that know you greet you by name; a list's footer or a notice names your address further down.
_GREETING = re.compile(r"(?:hello|hi|hey|dear|hallo|hola|ol[aá]|bonjour|bonsoir|salut|cher|ch[eè]re|ciao|hoi|"
                       r"guten tag|liebe|lieber|prezad[oa](?:\(a\))?|caro|cara)\W{0,3}", re.I)
GREETING_CHARS = 40
# what follows « Hi », « Bonjour »… up to the comma that ends a name (not the comma inside « 4,811 »)
_GREETED_NAME = re.compile(r"\b(?:hi|hello|hey|dear|hallo|hola|ol[aá]|bonjour|bonsoir|salut|cher|ch[eè]re)\b[ \t:]*"
                           r"((?:[^,!?\n]|,(?=\d))*)", re.I)
_WEB_ADDRESS_WITH_PATH = re.compile(r"(?<![@\w.])(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})/\S+", re.I)
_MONEY = re.compile(r"[$€£]\s?\d|\d(?:[\d.,  ]*\d)?\s?(?:[$€£]|(?:usd|eur|euros?)\b)", re.I)
# a sentence after the greeting (« Bonjour et merci pour votre commande de 45 € ») is not a name
_SENTENCE_WORDS = re.compile(r"\b(?:et|and|merci|thanks?|pour|for|votre|your|vous|you|de|of|sur|on|bienvenue|welcome|"
                             r"à|to|from|avec|with|le|la|les|the|un|une|a|du|des|est|is)\b", re.I)
_ADVERT_MARK = re.compile("[+\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]")
MAX_NAME_WORDS = 4  # words of a name, the address and the amount aside (« Marie-Hélène de La Tour »)


def _advert_as_name(text: str) -> str:
    """What stands where the greeting puts a name, when it is a web address or an amount of money (« Hi ✅ +$4,811 ➡️
    site.example/abc, »): account forms (sign-up, event registration) send their confirmation to any address typed in,
    greeting whatever was typed as the name, and crooks type their advertisement there. "" otherwise."""
    head = text[:600]
    greeting = _GREETED_NAME.search(head)
    if not greeting:
        return ""
    name = greeting.group(1).strip()
    words = re.findall(r"[^\W\d_]+", _MONEY.sub(" ", _WEB_ADDRESS_WITH_PATH.sub(" ", name)))
    if not name or len(words) > MAX_NAME_WORDS or _SENTENCE_WORDS.search(name):
        return ""
    address = _WEB_ADDRESS_WITH_PATH.search(name)
    # an amount alone might open a clumsy offer (« Hello 50 € offered ») ; with a plus sign or a pictogram beside it
    # (« ✅ +$4,811 ») it is the advert's own look
    if (address and domains.known_suffix(address.group(1).lower())) or (_MONEY.search(name) and _ADVERT_MARK.search(name)):
        return name
    return ""


def _greeted_by_address(mail: ParsedMail) -> str:
    head = " ".join(mail.text[:2000].split())[:300].lower()
    for address in mail.to:
        at = head.find(address) if address else -1
        if at < 0:
            continue
        before = head[:at].strip()
        if not before or (len(before) <= GREETING_CHARS and _GREETING.fullmatch(before.split(". ")[-1].strip())):
            return address
    return ""


# --- Authentication (topmost Authentication-Results only) ---------------------------------------


def authentication(mail: ParsedMail) -> list[Signal]:
    """Read only the topmost Authentication-Results, the one the receiving provider added: lower ones
    can be forged by the sender. No result at all is not a signal: absence is not guilt. Each failure is one
    reason: a SPF failure is not told again as « nothing links the sender to the server »."""
    auth = identity.authentication(mail)
    if not auth.present:
        return []
    results = auth.results
    technical = "Authentication-Results (le plus haut) : " + ", ".join(f"{k}={v}" for k, v in results.items())
    found = []
    if results.get("dmarc") == "fail" and auth.dmarc_enforced:
        found.append(Signal("authentification.dmarc", STRONG,
                            "Le domaine affiché comme expéditeur n'a pas autorisé l'envoi de ce message : usurpation probable.", technical))
    elif results.get("dmarc") == "fail" and auth.dmarc_policy:
        found.append(Signal("authentification.dmarc_non_appliquee", WEAK,
                            "Le domaine affiché comme expéditeur n'a pas pu confirmer qu'il a envoyé ce message (il ne demande "
                            "pas aux messageries d'écarter ces échecs, ce que font aussi des expéditeurs honnêtes mal réglés).",
                            technical + f" (politique DMARC « {auth.dmarc_policy} »)"))
    elif results.get("dmarc") == "fail":  # the provider did not write the policy: Gardien does not know it
        found.append(Signal("authentification.dmarc_non_appliquee", WEAK,
                            "Le domaine affiché comme expéditeur n'a pas pu confirmer qu'il a envoyé ce message. Le message "
                            "ne dit pas si ce domaine demande d'écarter ces échecs : Gardien ne peut pas en dire plus.",
                            technical + " (politique DMARC non indiquée par la messagerie)"))
    if results.get("spf") == "fail":
        found.append(Signal("authentification.spf", MEDIUM,
                            "Le serveur qui a envoyé ce message n'est pas autorisé par le domaine de l'expéditeur.", technical))
    elif results.get("spf") == "softfail":
        found.append(Signal("authentification.spf_douteux", WEAK,
                            "Le domaine de l'expéditeur ne reconnaît pas vraiment le serveur d'envoi.", technical))
    # a discussion list adds its footer or its [tag]: the author's signature breaks on the way, honestly
    if results.get("dkim") == "fail" and not mail.mailing_list:
        found.append(Signal("authentification.dkim", WEAK,
                            "La signature électronique du message ne correspond pas : il a pu être modifié en route.", technical))
    unexplained = results.get("dmarc") not in ("pass", "bestguesspass", "fail", "forwarded") and results.get("spf") not in ("fail", "softfail")
    # when another domain authenticated the sending (an e-mail provider sending for its customer, whose own domain
    # often has no DMARC record), someone answers for it: that is a missing setting, not a forgery. Nothing at all
    # authenticated is the sign.
    if unexplained and auth.checked and not auth.passed and not mail.mailing_list and not identity.aligned(mail, auth):
        found.append(Signal("authentification.non_relie", MEDIUM,
                            "Rien ne relie l'adresse affichée de l'expéditeur au serveur qui a réellement envoyé le message : "
                            "aucun domaine n'a authentifié cet envoi.",
                            technical + "; ni SPF ni DKIM n'ont validé de domaine"))
    if results.get("compauth") == "fail" and results.get("dmarc") != "fail":
        found.append(Signal("authentification.composite", MEDIUM,
                            "Votre fournisseur de messagerie n'a pas pu confirmer l'identité de l'expéditeur.", technical))
    return found


# --- Links ------------------------------------------------------------------------------------

_WEB_PAGE = re.compile(r"\.(s?html?|xhtml|svg)$", re.I)
_URL_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:?#]\S*)?$", re.I)
MAX_REDIRECTS = 3
# Wrappers the receiver's own mail service adds: the browser goes through them to the address they carry.
# Any other site that carries an address in its query may send you anywhere: the text is compared with it.
_TRUSTED_WRAPPERS = (("safelinks.protection.outlook.com", "url"), ("google.com", "q"), ("google.fr", "q"))


def targets(href: str) -> list[str]:
    """The link and every address it carries in its query (Safe Links, google.com/url, vk.com/away.php?to=…,
    a tracker's ?url=…): a redirect hides its real destination, and each step is judged."""
    chain = [href]
    while len(chain) <= MAX_REDIRECTS:
        try:
            query = urllib.parse.parse_qsl(urllib.parse.urlsplit(chain[-1]).query)
        except ValueError:
            break
        inner = next((value for _, value in query if value.lower().startswith(("http://", "https://"))), None)
        if not inner or inner in chain:
            break
        chain.append(inner)
    return chain


def landing(href: str) -> str:
    """Where the browser really goes first: the link itself, or what a trusted wrapper carries."""
    try:
        parsed = urllib.parse.urlsplit(href)
    except ValueError:
        return href
    host = (parsed.hostname or "").lower()
    for wrapper, parameter in _TRUSTED_WRAPPERS:
        if host == wrapper or host.endswith("." + wrapper):
            inner = urllib.parse.parse_qs(parsed.query).get(parameter)
            if inner and inner[0].startswith(("http://", "https://")):
                return inner[0]
    return href


def _carries_address(href: str, recipients: list[str]) -> bool:
    target = urllib.parse.unquote(href).lower()
    return any(address and address in target for address in recipients)


def _shown_domain(text: str) -> str:
    """The registrable domain a link's text shows (« www.ameli.fr/assure »), or "" when the text is no address
    (« H.R.2571 », « GPT-5.2 » look like one but end in no real extension)."""
    if not _URL_LIKE.match(text):
        return ""
    host = domains.host_of(text if "://" in text else "http://" + text)
    return domains.registrable(host) if domains.is_valid_domain(host) and domains.known_suffix(host) else ""


def _host_signals(href: str, found: dict[str, Signal], shown_as_written: bool = False) -> None:
    """What the address alone tells: IP, another alphabet, a page on file storage or free hosting, a shortener, a
    look-alike. `shown_as_written`: a discussion list's member wrote this server address out in full, honestly."""
    host = domains.host_of(href)
    if not host:
        return
    domain = domains.registrable(host)

    def add(signal_id: str, weight: int, message: str, technical: str) -> None:
        found.setdefault(signal_id, Signal(signal_id, weight, message, technical))

    if domains.is_ip(host) and not shown_as_written:
        add("liens.adresse_ip", STRONG,
            "Un lien mène à une adresse numérique (IP) au lieu d'un nom de site : les sites honnêtes ne font pas cela.", href[:200])
    if "xn--" in host or not host.isascii():
        add("liens.punycode", STRONG, "Un lien utilise des caractères d'un autre alphabet pour imiter un site connu.",
            f"{host} = {domains.to_unicode(host)}")
    if domains.is_cloud_storage(host) and _WEB_PAGE.search(urllib.parse.urlsplit(href).path):
        add("liens.page_sur_stockage", MEDIUM,
            f"Un lien ouvre une page web déposée sur un espace de stockage de fichiers ({domain}), où n'importe qui peut "
            "publier une page sous un nom de confiance : un organisme sérieux publie sur son propre site.", href[:200])
    elif domains.is_free_hosting(host):
        add("liens.hebergeur_gratuit", WEAK,
            f"Un lien mène vers une page hébergée gratuitement ({domain}), où n'importe qui peut imiter un site officiel.", href[:200])
    similar = domains.lookalike(host)
    if similar:
        add("liens.site_imite", STRONG,
            f"Un lien mène à un site qui imite {domains.brand_named(similar.brand)} ({similar.official}) : {similar.how}.", host)
    elif domains.names_only_a_service(domain) and not domains.is_cloud_storage(host):
        add("liens.nom_passe_partout", MEDIUM,
            f"Un lien mène vers {domain}, un site dont le nom décrit seulement un service (partage, documents, accès…) "
            "sans nommer l'organisme qui le tient : les faux espaces de partage de documents prennent ces noms. Demandez à "
            "l'expéditeur, par un autre moyen, s'il vous a bien envoyé ce lien.", host)


# a link straight to a program (Windows, scripts, Android); a discussion list's members link disk images honestly
_PROGRAM = re.compile(r"\.(exe|scr|msi|bat|cmd|pif|vbs|vbe|jse?|wsf|hta|jar|ps1|apk|lnk)$", re.I)


# a link straight to a compressed archive, how a program slips past the mail filters (round 18: a « patient's
# prescription » on a file-sharing look-alike); Linux tarballs and disk images are what software projects link to
_ARCHIVE = re.compile(r"\.(zip|rar|7z|cab|ace|arj)$", re.I)


def _downloads(kind: re.Pattern[str], href: str) -> bool:
    try:
        return bool(kind.search(urllib.parse.urlsplit(landing(href)).path))
    except ValueError:  # « http://[:: » : an address no browser opens downloads nothing
        return False


_UNSUBSCRIBE_PATH = re.compile(r"unsub|opt-?out|d[ée]sinscri|d[ée]sabonn|abmeld|descadastr", re.I)


_FORWARD_PREFIX = re.compile(r"\s*(fwd?|tr|wg|rv|enc)\s*:", re.I)
_FORWARDED_TEXT = re.compile(r"forwarded message|original message|message transf[ée]r[ée]|message d'origine|"
                             r"weitergeleitete nachricht|mensagem encaminhada|mensaje reenviado", re.I)


def _forwarded(mail: ParsedMail) -> bool:
    """A message someone passed on (« TR : », « Message transféré »): the newsletter inside is another sender's."""
    return bool(_FORWARD_PREFIX.match(mail.subject) or _FORWARDED_TEXT.search(mail.text[:TEXT_SCANNED]))


def _unsubscribe_elsewhere(mail: ParsedMail, own: set[str]) -> str:
    """The domain every unsubscribe link of the message goes to, when none of them is the sender's own or its e-mail
    service's; "" otherwise. Honest bulk mail (Gmail's and Yahoo's rules since 2024, RFC 8058) lets you leave through
    its own site or its sending service; a copied newsletter sends you to the original's, an advertising network that
    changes its sending domain every day to its fixed one. A discussion list's footer is the list's, not the author's."""
    if mail.mailing_list:
        return ""
    found = set()
    for link in mail.links:
        href = link.href.strip()
        if not href.lower().startswith(("http://", "https://")):
            continue
        try:
            path = urllib.parse.urlsplit(href).path
        except ValueError:
            continue
        if not (UNSUBSCRIBE.search(link.text) or _UNSUBSCRIBE_PATH.search(path)):
            continue
        host = domains.host_of(landing(href))
        domain = domains.registrable(host) if host else ""
        if not domain or domains.is_esp_redirector(host) or any(domains.same_organisation(domain, o) for o in own):
            return ""
        found.add(domain)
    return ", ".join(sorted(found))


SIGNATURE_LINES = 3  # the name under « Cordialement » and the service line or two around it
# « Cher client » or a subject line alone says nothing either way (analyze.py: « analyse incomplète »); its first words
# name its topic, not its author
MIN_PASTED_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{2,}")


def too_short(text: str) -> bool:
    return len(_WORD.findall(text)) < MIN_PASTED_WORDS

SIGNATURE_WORDS = 8  # a line of a signature is short; a sentence that names an organisation is a topic
# « Envoyé de mon iPhone », « Sent from Yahoo Mail »: the mail app's line, not the author
_SENT_FROM = re.compile(r"^\W*(envoy[ée] (de|depuis)|sent from|get outlook|télécharg)", re.I)
# public bodies' sites: a government message sends to another government site (service-public.fr, a ministry)
_GOVERNMENT = re.compile(r"(^|\.)(gouv\.fr|gouv|gov|gov\.[a-z]{2}|gob\.[a-z]{2}|gv\.at|europa\.eu)$")
# public services whose address is not under gouv.fr, where health agencies send practitioners' forms and notices
PUBLIC_SITES = ("demarches-simplifiees.fr", "sante.fr")


def claimed_author(mail: ParsedMail) -> list[str]:
    """The protected organisations the text presents itself as: named in its signature (its last short lines) or in
    its opening words, as a letter of that organisation opens or signs. Social networks sign no one's letter."""
    lines = [line.strip() for line in mail.text[:TEXT_SCANNED].splitlines() if line.strip()]
    signature = [line for line in lines[-SIGNATURE_LINES:] if len(line.split()) <= SIGNATURE_WORDS and "@" not in line
                 and "://" not in line and not _SENT_FROM.match(line)]
    found = domains.brands_in("\n".join(signature))
    if not found:
        found = domains.brands_in(_opening(mail))
    return [b for b in found if not domains.is_social(b)]


def _under(host: str, names) -> bool:
    return any(host == n or host.endswith("." + n) for n in names)


def _official_site(domain: str, host: str) -> bool:
    """A protected organisation's own site (any of them), or a public body's."""
    label = domains.label_of(domain)
    return (domain in domains.protected() or _under(host, domains.protected()) or bool(_GOVERNMENT.search(host))
            or _under(host, PUBLIC_SITES) or (len(label) >= 4 and domains.protected_label(label)))


def author_elsewhere(mail: ParsedMail, own: set[str]) -> Signal | None:
    """A pasted text that presents itself as a protected organisation but sends her to a written address that is no
    site of any organisation it names, nor an official or public site: « … Agence du Numérique en Santé » with
    cps-renouvellement-ans.fr (an independent reviewer's fake, round 22). Pasted texts only: on whole messages the
    last lines and the first words are as often a topic as an author (news digests of 2002 « signed » Google or
    Orange by their last headline: 3 legitimate messages of the tuning halves flagged with the signature alone, 10
    with the opening), and a message the organisation sent itself, authenticated, may link to its partners. A text
    too short to be judged signs no one: pasted alone, a 2002 news subject line (« News.Com: Google … ») was read as
    signed by Google (round 23, subject lines of the tuning halves pasted alone)."""
    if not mail.pasted or _forwarded(mail) or too_short(mail.text):
        return None
    authors = claimed_author(mail)
    if not authors:
        return None
    named = set(domains.brands_in(mail.subject + "\n" + mail.text[:TEXT_SCANNED])) | set(authors)
    words = domains.normalise(_NOT_WRITTEN_LINK.sub(" ", mail.text[:TEXT_SCANNED]))
    for link in mail.links:
        href = link.href.strip()
        if not href.lower().startswith(("http://", "https://", "www.")) or UNSUBSCRIBE.search(link.text):
            continue
        host = domains.host_of(landing(href))
        if not host or domains.is_esp_redirector(host) or domains.lookalike(host):  # a look-alike is told as such
            continue
        domain = domains.registrable(host)
        label = domains.label_of(domain) if domain else ""
        if (not domain or domain in own or any(domains.sent_by_brand(host, b) for b in named) or _official_site(domain, host)
                # « sur le site de Doctolib » : an organisation the text names in words
                or (len(label) >= 3 and re.search(rf"\b{re.escape(label.replace('-', ' '))}\b", words))):
            continue
        return Signal("liens.auteur_ailleurs", MEDIUM,
                      f"Le message se présente comme « {domains.brand_label(authors[0])} » mais vous envoie sur {domain}, qui "
                      "n'est pas un site de cet organisme.",
                      f"signé ou ouvert au nom de {', '.join(authors)} ; lien vers {href[:200]}")
    return None


_NOT_WRITTEN_LINK = re.compile(r"\b(?:https?://|www\.)\S+|\S+\.(?:fr|com|net|org|eu)\b\S*", re.I)


MAX_BRAND_LINK_WORDS = 6  # « Payer avec PayPal » names a brand; a sentence that mentions one in passing does not


def links(mail: ParsedMail) -> list[Signal]:
    """Where the links go, against what they show. A link to the sender's own authenticated site or through its
    e-mail provider's tracker is how honest newsletters are built: what it carries is judged, not that it is tracked."""
    found: dict[str, Signal] = {}
    auth = identity.authentication(mail)
    own = identity.own_domains(mail, auth)
    from_domain = _domain(mail.from_address)
    for link in mail.links:
        href = link.href.strip()
        if not href.lower().startswith(("http://", "https://", "www.")) or not domains.host_of(href):
            continue
        chain = targets(href)
        text = link.text.strip()
        # a list's members write server addresses out (« http://10.0.0.1/ »); words (« Get 50% OFF ») over a numeric
        # address hide it, in a list as anywhere
        for step in chain:
            _host_signals(step, found, shown_as_written=mail.mailing_list and domains.host_of(step) in text)
        goes_to = domains.registrable(domains.host_of(landing(href)))
        carried = {domains.registrable(domains.host_of(step)) for step in chain[1:]}
        by_esp = domains.is_esp_redirector(domains.host_of(href))
        senders_own = by_esp or goes_to in own
        if _downloads(_PROGRAM, href) and not mail.mailing_list:
            found.setdefault("liens.programme", Signal("liens.programme", STRONG,
                             "Un lien télécharge directement un programme : un logiciel ne s'installe jamais depuis un lien "
                             "reçu par e-mail, mais depuis le site de son éditeur ou le logiciel lui-même.", href[:200]))
        elif _downloads(_ARCHIVE, href) and not mail.mailing_list:
            found.setdefault("liens.archive", Signal("liens.archive", MEDIUM,
                             "Un lien télécharge directement un fichier compressé (.zip, .rar…), qui peut cacher un programme "
                             "malveillant. Ne l'ouvrez pas avant d'avoir demandé à l'expéditeur, par téléphone, s'il vous "
                             "l'a bien envoyé.", href[:200]))
        if _carries_address(href, mail.to) and not mail.mailing_list and not senders_own and not UNSUBSCRIBE.search(text):
            found.setdefault("liens.votre_adresse", Signal("liens.votre_adresse", WEAK,
                             "Un lien emporte votre adresse e-mail vers un autre site que celui de l'expéditeur : les fausses "
                             "pages de connexion s'en servent pour se pré-remplir et paraître vous connaître.", href[:200]))
        shown = _shown_domain(text) if text else ""
        first = domains.registrable(domains.host_of(href))  # a Safe Links address shown as it is hides nothing
        if shown and not domains.same_organisation(shown, goes_to) and shown != first:
            brand = domains.protected().get(shown)
            borrowed = brand and not domains.is_social(brand) and not any(
                domains.same_organisation(from_domain, o) for o in domains.brand_official(brand))
            reaches_shown = any(domains.same_organisation(shown, c) for c in carried)
            honest = (by_esp and reaches_shown) if borrowed else (senders_own or reaches_shown)
            if not honest:
                found.setdefault("liens.destination_cachee", Signal("liens.destination_cachee", STRONG,
                                 f"Un lien affiche « {text[:60]} » mais mène en réalité vers {goes_to}.",
                                 f"texte « {text[:100]} » -> {' -> '.join(chain)[:300]}"))
        if shown or senders_own or len(text.split()) > MAX_BRAND_LINK_WORDS:
            continue
        for brand in domains.brands_in(text):
            official = domains.brand_official(brand)
            # what a tracker carries vouches only for a « follow us » link: any site could send the reader on anywhere
            reached = {goes_to, *carried} if domains.is_social(brand) else {goes_to}
            if any(domains.same_organisation(d, o) for o in official for d in reached):
                continue
            found.setdefault("liens.marque_ailleurs", Signal("liens.marque_ailleurs", MEDIUM,
                             f"Un lien au nom de « {domains.brand_label(brand)} » mène vers {goes_to}, qui n'est pas un site de cet organisme.",
                             f"texte « {text[:100]} » -> {' -> '.join(chain)[:300]}"))
    author = author_elsewhere(mail, own)
    if author:
        found.setdefault(author.id, author)
    # a known sending service that signed the message answers for its customer, who may run its own list elsewhere
    signed_by_esp = any(domains.is_esp_redirector(d) for d in auth.passed)
    elsewhere = _unsubscribe_elsewhere(mail, own) if from_domain and not signed_by_esp and not _forwarded(mail) else ""
    if elsewhere:
        found["liens.desinscription_ailleurs"] = Signal(
            "liens.desinscription_ailleurs", WEAK,
            f"Le lien pour vous désinscrire mène vers un autre site ({elsewhere}) que celui de l'expéditeur ({from_domain}) "
            "ou de son service d'envoi : un expéditeur sérieux gère lui-même ses désinscriptions. Ce message a été copié "
            "sur celui d'un autre, ou envoyé en masse par un réseau de publicité qui change d'adresse à chaque envoi.",
            f"lien de désinscription vers {elsewhere}, expéditeur {mail.from_address}")
    # a shortened link among many in a newsletter is a habit; a message that leads mainly through shorteners hides
    # where it sends you
    web = [link.href for link in mail.links if link.href.lower().startswith(("http://", "https://"))]
    short = [h for h in web if any(domains.is_shortener(domains.registrable(domains.host_of(step))) for step in targets(h))]
    if short and 2 * len(short) >= len(web):
        found["liens.raccourci"] = Signal("liens.raccourci", MEDIUM,
                                          "Les liens du message passent par un raccourcisseur d'adresse, qui cache leur vraie destination.",
                                          f"{fr.plural(len(short), 'lien raccourci', 'liens raccourcis')} sur {len(web)} : {short[0][:150]}")
    if mail.sensitive_fields:
        found["liens.formulaire"] = Signal("liens.formulaire", STRONG,
                                           "Le message contient un formulaire qui demande un mot de passe, un code ou un numéro de carte. "
                                           "Ne remplissez rien dans un e-mail : passez par le site habituel, en tapant vous-même son adresse.",
                                           f"{fr.plural(mail.forms, 'formulaire')}, {fr.plural(mail.sensitive_fields, 'champ')} de mot de passe, code ou carte")
    return list(found.values())


# --- Health data and consumer mailboxes (references.md MSG-06) -----------------------------------

_HEALTH_WORDS = re.compile(
    # a « compte rendu » alone may be a meeting's: only a clinical one is about a patient
    r"\b(patiente?s?|ordonnances?|comptes?[- ]rendus? (?:opératoire|d'hospitalisation|de consultation|d'échographie|médical)|"
    r"résultats? d'analyses?|dossier médical|consultation|échographie|"
    r"grossesse|bilan sanguin|prescription|certificat médical|lettre de liaison)\b", re.I)


# « le matériel d'échographie » is equipment, not a patient's examination
_EQUIPMENT = re.compile(r"\b(?:matériel|appareils?|sondes?|échographes?|formation|cours|salle) d'échographie\b", re.I)


def health_mail(mail: ParsedMail) -> list[Signal]:
    """Professional health mail sent from or to a consumer mailbox: advice, not an alarm (weight 0)."""
    addresses = [mail.from_address, *mail.to]
    consumer = sorted({_domain(a) for a in addresses if a and domains.is_freemail(_domain(a))})
    bulk = mail.list_headers or UNSUBSCRIBE.search(mail.text[:TEXT_SCANNED])  # a newsletter is not a patient's file
    text = _EQUIPMENT.sub(" ", mail.text[:50_000] + " " + mail.subject)
    if not consumer or bulk or not _HEALTH_WORDS.search(text):
        return []
    return [Signal("sante.messagerie_grand_public", 0,
                   f"Ce message semble parler de patients et passe par une messagerie grand public ({', '.join(consumer)}). "
                   "Ces boîtes gratuites n'offrent ni contrat ni certificat d'hébergeur de données de santé : pour les données "
                   "des patients, passez par une messagerie sécurisée de santé (MSSanté).",
                   "Code de la santé publique, article L1111-8 (références MSG-06)")]
