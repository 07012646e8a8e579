"""Compare a suspicious message with a genuine earlier one from the same service (« Comparer avec un ancien mail
légitime du même service », the awareness documents' reflex): same sending organisation? same authenticated domain
(DKIM d=, SPF mail-from)? same link domains, same Reply-To, same e-mail provider? What differs is said in plain French
(« le vrai mail de votre banque venait de …, celui-ci de … »), and the main differences become signals of the analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gardien import fr
from gardien.mail import domains, identity
from gardien.mail.message import ParsedMail
from gardien.mail.signals import MEDIUM, STRONG, WEAK, Signal

MAX_LISTED = 3


@dataclass
class Comparison:
    alike: list[str] = field(default_factory=list)  # what matches, in French
    different: list[str] = field(default_factory=list)  # what differs, in French
    signals: list[Signal] = field(default_factory=list)  # the differences that are signs of a trap
    told_as: dict[str, str] = field(default_factory=dict)  # a sign's id → its line in `different`
    notes: list[str] = field(default_factory=list)  # what could not be compared, and neutral remarks

    @property
    def consistent(self) -> bool:
        return not self.different


def _differ(result: Comparison, told: str, signal_id: str, level: int, message: str, technical: str) -> None:
    """A difference, told in the comparison and counted as a sign in the verdict."""
    result.different.append(told)
    result.signals.append(Signal(signal_id, level, message, technical))
    result.told_as[signal_id] = told


def _names(values) -> str:
    values = sorted(values)
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f" et {fr.plural(len(values) - MAX_LISTED, 'autre')}" if len(values) > MAX_LISTED else "")


def _sender_label(mail: ParsedMail) -> str:
    return mail.from_name or identity.registrable_of(mail.from_address) or "l'expéditeur"


# words of a sender's shown name that name no organisation
_GENERIC_NAME_WORDS = {"service", "services", "client", "clients", "clientele", "equipe", "team", "support", "info", "infos",
                       "information", "informations", "contact", "notification", "notifications", "noreply", "reply",
                       "votre", "vos", "mon", "mes", "conseiller", "conseillere", "securite", "alerte", "alertes", "the",
                       "des", "les", "pas", "repondre", "mail", "email", "courrier", "message", "messages"}


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", domains.normalise(name)) if w not in _GENERIC_NAME_WORDS}


def _another_service(suspect: ParsedMail, reference: ParsedMail) -> str:
    """The two messages do not even bear the same sender's name (« Crédit Mutuel », « Banque Exemple »): the
    comparison says nothing then, except that this one does not present itself as the genuine one's sender."""
    ours, theirs = _name_words(suspect.from_name), _name_words(reference.from_name)
    if not ours or not theirs or ours & theirs:
        return ""
    return (f"Les deux messages ne portent pas le même nom d'expéditeur (« {suspect.from_name.strip()} » pour celui-ci, "
            f"« {reference.from_name.strip()} » pour l'ancien) : Gardien ne les compare pas. S'ils ne viennent pas du même "
            f"service, donnez un ancien message de ce service-là ; si celui-ci prétend venir de "
            f"« {reference.from_name.strip()} », c'est déjà un signe qu'il ne vient pas de lui.")


def unusable_reference(reference: ParsedMail) -> str | None:
    """Why an earlier message cannot stand as the genuine one (None when it can): without a sender's address there is
    nothing to compare the suspicious one with, and what Gardien would say of it (« le vrai message venait de … »)
    would be empty or false."""
    if identity.registrable_of(reference.from_address):
        return None
    return ("Gardien n'y trouve pas l'adresse de l'expéditeur. Ce n'est pas un message complet : il ne peut pas servir "
            "de message authentique pour la comparaison, et rien n'a été analysé. Donnez un ancien message de ce service enregistré depuis "
            "votre messagerie (fichier .eml ou .msg, ou sa source entière, avec les lignes « From: » ou « De : »).")


def compare(suspect: ParsedMail, reference: ParsedMail) -> Comparison:
    result = Comparison()
    other = _another_service(suspect, reference)
    if other:
        result.notes.append(other)
        return result
    who = _sender_label(reference)
    proof = _organisation(suspect, reference, who, result)
    if suspect.pasted or reference.pasted:
        result.notes.append("Un des deux messages est un texte collé : son authentification et la vraie adresse de ses "
                              "liens ne peuvent pas être comparées.")
    else:
        _authentication(suspect, reference, who, result)
        if proof != FAILED:  # a sender whose check failed is not vouched for by the platform it used
            _provider(suspect, reference, who, result)
    _links(suspect, reference, who, result, proof if not result.different else FAILED)
    _reply_to(suspect, reference, who, result)
    return result


PROVEN, UNPROVEN, FAILED = "proven", "unproven", "failed"


def _sender_proof(mail: ParsedMail) -> tuple[str, str]:
    """Whether the receiving provider proved that the message comes from the domain of its From address: PROVEN
    (DMARC passed, or DKIM or SPF passed for that domain), FAILED (its check of that address failed) or UNPROVEN (no
    check, a pasted text, a signature of another domain only); with why not, in plain French, to follow « rien ne
    prouve qu'il vient de là : »."""
    if mail.pasted:
        return UNPROVEN, "un texte copié de l'écran ne garde pas la preuve de l'expéditeur"
    auth = identity.authentication(mail)
    if not auth.present:
        return UNPROVEN, "il ne dit pas si sa messagerie a vérifié son expéditeur à son arrivée"
    dmarc = auth.results.get("dmarc", "")
    if dmarc in ("pass", "forwarded") or (dmarc != "fail" and identity.aligned(mail, auth)):
        return PROVEN, ""
    if dmarc == "fail" or auth.results.get("spf") in ("fail", "softfail"):
        return FAILED, ("à son arrivée, votre messagerie a vérifié cette adresse et la vérification a échoué ; "
                        "n'importe qui peut recopier une adresse")
    return UNPROVEN, "aucune signature numérique vérifiée ne le rattache à cette adresse, et n'importe qui peut la recopier"


def _organisation(suspect: ParsedMail, reference: ParsedMail, who: str, result: Comparison) -> str:
    """Whether the suspicious message comes from the genuine one's sender: PROVEN, UNPROVEN or FAILED (the same
    address displayed, but its check failed; or another address). A From address is only what the
    message displays: the same one is a point in common only when the provider proved it (walkthrough, round 23: a
    spoofed From of assurance-maladie.fr, SPF and DMARC failed, was told « les deux messages viennent de … »)."""
    theirs, ours = identity.registrable_of(reference.from_address), identity.registrable_of(suspect.from_address)
    if not theirs or not ours:
        result.notes.append("L'adresse de l'expéditeur manque dans l'un des deux messages.")
        return UNPROVEN
    # on a free mailbox (gmail.com…) each address is its own sender: the domain says nothing
    personal = domains.is_freemail(theirs) or domains.is_freemail(ours)
    if personal:
        theirs, ours = reference.from_address, suspect.from_address
    if theirs == ours or (not personal and domains.same_organisation(theirs, ours)):
        proof, why = _sender_proof(suspect)
        if proof != PROVEN:
            result.notes.append(f"Celui-ci affiche la même adresse d'expédition que le vrai message ({ours}), mais rien "
                                f"ne prouve qu'il vient de là : {why}.")
            return proof
        result.alike.append(f"Même adresse d'expédition : les deux messages viennent {fr.de(theirs)}.")
        return PROVEN
    same_name = suspect.from_name and domains.normalise(suspect.from_name) == domains.normalise(reference.from_name)
    _differ(
        result, f"Le vrai message {domains.of_organisation(who)} venait {fr.de(theirs)}, celui-ci vient {fr.de(ours)}.",
        "comparaison.autre_expediteur", STRONG,
        f"Comparé au message authentique que vous avez donné, celui-ci ne vient pas de la même adresse : le vrai venait "
        f"{fr.de(theirs)}, celui-ci {fr.de(ours)}" + (" — sous le même nom affiché, ce qui est la ruse de l'usurpation." if same_name else "."),
        f"Adresse d'expédition du message authentique : {reference.from_address} ; de celui-ci : {suspect.from_address}")
    return FAILED


def _authentication(suspect: ParsedMail, reference: ParsedMail, who: str, result: Comparison) -> None:
    theirs, ours = identity.authentication(reference), identity.authentication(suspect)
    if not theirs.passed:
        result.notes.append(_why_no_signature(reference, theirs))
        return
    common = theirs.passed & ours.passed
    own = {d for d in common if not domains.esp_name(d)}
    if own:
        result.alike.append(f"Même signature numérique (la preuve de l'expéditeur, vérifiée par votre messagerie) : "
                            f"{_names(own)}.")
        return
    # a sending platform signs for all its customers: its signature on both proves no sender
    if common and all(domains.esp_name(d) for d in theirs.passed):
        platforms = sorted({domains.esp_name(d) for d in common})
        result.notes.append(f"Les deux messages portent la signature numérique de la plateforme d'envoi "
                            f"{fr.listed(platforms)} ({_names(common)}), que tous ses clients ont aussi : cela ne "
                            "prouve pas qu'ils viennent du même expéditeur.")
        return
    _differ(
        result, f"Le vrai message {domains.of_organisation(who)} portait la signature numérique {fr.de(_names(theirs.passed))}, la preuve "
        "qu'il venait bien de ce domaine ; celui-ci " + (f"porte celle {fr.de(_names(ours.passed))}." if ours.passed else "n'en porte aucune."),
        "comparaison.autre_signature", MEDIUM,
        f"Le message authentique portait la signature numérique {fr.de(_names(theirs.passed))} ; celui-ci ne la porte pas.",
        f"référence : {sorted(theirs.passed)}, suspect : {sorted(ours.passed)}")


def _why_no_signature(reference: ParsedMail, theirs: identity.Authentication) -> str:
    """Why the genuine message gives no signature to compare: said as it is (walkthrough, round 14: a Google mail
    carrying a result written by Google itself was said to carry none)."""
    if not reference.auth_results:
        return ("La signature numérique n'a pas pu être comparée : l'ancien message ne dit pas s'il a été vérifié à son "
                "arrivée.")
    if not theirs.present:
        return ("La signature numérique n'a pas pu être comparée : la seule vérification que porte l'ancien message a "
                "été écrite par son expéditeur lui-même, pas par la messagerie qui l'a reçu.")
    return "La signature numérique n'a pas pu être comparée : l'ancien message n'en avait aucune de vérifiée à son arrivée."


def _provider(suspect: ParsedMail, reference: ParsedMail, who: str, result: Comparison) -> None:
    theirs, ours = identity.esp_of(reference), identity.esp_of(suspect)
    if theirs and theirs == ours:
        result.alike.append(f"Même service d'envoi en nombre (la plateforme qui expédie ses e-mails) : {theirs}.")
    elif theirs:
        result.different.append(f"Le vrai message {domains.of_organisation(who)} était expédié par la plateforme d'envoi en nombre "
                                f"{theirs} ; celui-ci " + (f"par {ours}." if ours else "par une autre voie."))


def _links(suspect: ParsedMail, reference: ParsedMail, who: str, result: Comparison, proof: str) -> None:
    """New link domains are a sign only when the sender is not the same: a genuine sender links where it likes. When
    nothing proves the sender either way, they are told, neither excused nor counted."""
    theirs, ours = set(identity.link_domains(reference)), set(identity.link_domains(suspect))
    if not ours:
        return
    if not theirs:
        result.notes.append("Le message authentique ne contient pas de lien à comparer.")
        return
    related = {d for d in ours if any(domains.same_organisation(d, t) for t in theirs)}
    if related == ours:
        result.alike.append(f"Les liens mènent aux mêmes sites que ceux du vrai message ({_names(ours)}).")
        return
    foreign = ours - related
    if proof == PROVEN and not suspect.pasted:
        result.notes.append(f"Ses liens mènent aussi vers {_names(foreign)}, que l'ancien message n'utilisait pas : "
                            "l'expéditeur étant le même et authentifié de la même façon, c'est courant.")
        return
    if proof == UNPROVEN and not suspect.pasted:
        result.notes.append(f"Ses liens mènent aussi vers {_names(foreign)}, que l'ancien message n'utilisait pas ; rien "
                            "ne prouvant qu'il vient du même expéditeur, regardez où ils mènent avant de cliquer.")
        return
    _differ(
        result, f"Les liens de celui-ci mènent vers {_names(foreign)}, que le vrai message {domains.of_organisation(who)} "
        f"n'utilisait pas (il menait vers {_names(theirs)}).",
        "comparaison.autres_liens", MEDIUM,
        f"Les liens mènent vers {_names(foreign)}, des sites que le message authentique n'utilisait pas.",
        f"domaines des liens : référence {sorted(theirs)[:10]}, suspect {sorted(ours)[:10]}")


def _reply_to(suspect: ParsedMail, reference: ParsedMail, who: str, result: Comparison) -> None:
    theirs = {d for a in reference.reply_to or [reference.from_address] if a and (d := identity.registrable_of(a))}
    ours = {d for a in suspect.reply_to if a and (d := identity.registrable_of(a))}
    if not theirs:  # the genuine message names no address to reply to: nothing to say « vers … »
        return
    foreign = {d for d in ours if not any(domains.same_organisation(d, t) for t in theirs)}
    if foreign:
        _differ(
            result, f"Une réponse à celui-ci partirait vers {_names(foreign)} ; le vrai message {domains.of_organisation(who)} "
            f"se répondait vers {_names(theirs)}.",
            "comparaison.autre_reponse", WEAK,
            f"Si vous répondez, la réponse part vers {_names(foreign)}, pas vers l'adresse du message authentique.",
            f"Reply-To suspect {suspect.reply_to}")
