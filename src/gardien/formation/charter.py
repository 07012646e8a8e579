"""The practice's IT charter (references.md SENS-04), written from what Gardien already knows of the practice: the
register's interview (software, mailbox, who opens the files — read only) and the questionnaire's answers. What
Gardien does not know is left as a line to fill in by hand before printing; what the practice only declared is said
« déclaré ». Everyone who uses the practice's computers signs it.

The plan of the charter follows MonAideCyber's « charte » measure (ANSSI, Apache-2.0; see ATTRIBUTIONS.md): the
tools provided, personal devices, accounts and passwords, the data to protect and the mailbox, what to do in case of
an incident, what the practice puts in place, and commitments. The sentences are Gardien's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gardien.formation import progress
from gardien.formation.tracking import REFRESH_RULE
from gardien.registre import breaches

BLANK = "……………………………………"
TO_FILL = f"{BLANK} (à compléter à la main)"


@dataclass(frozen=True)
class Rule:
    text: str
    sources: tuple[str, ...] = ()
    declared: bool = False  # a practice the practice said it has (questionnaire), not checked by Gardien

    @property
    def to_fill(self) -> bool:
        return BLANK in self.text


@dataclass(frozen=True)
class Section:
    title: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Charter:
    practice: str
    made_on: date
    sections: tuple[Section, ...]
    signatories: tuple[str, ...]
    from_register: bool
    answered: int  # questionnaire answers used
    extra_lines: int = 2  # empty signature lines for people not (yet) in Gardien
    notes: tuple[str, ...] = field(default=())

    @property
    def to_fill(self) -> int:
        return sum(rule.to_fill for section in self.sections for rule in section.rules)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for section in self.sections for rule in section.rules for s in rule.sources))


def register_interview() -> dict:
    """The register's interview answers, or {} when there is no register (or it cannot be read: the charter is then
    written without it, and says so)."""
    from gardien import statefile
    from gardien.registre import storage

    try:
        register = storage.load()
    except statefile.DamagedState:
        return {}
    return dict(register.interview) if register is not None else {}


def _answers() -> dict[str, str]:
    """Her own questionnaire answers (and those they settle): the register's, a « non concerné » she did not give,
    are not hers, and the charter reads the register itself."""
    from gardien.questionnaire.questions import with_settled
    from gardien.store import answers

    return {key: value[0] for key, value in with_settled(answers.saved()).items()}


def _or_blank(value: str) -> str:
    return value.strip() or TO_FILL


@dataclass(frozen=True)
class _Sending:
    tool: Rule  # « Messagerie pour les documents des patients : … » (section 1)
    rule: Rule  # how the documents leave (section 4)


ENCRYPTED = "en pièce jointe chiffrée, dont le mot de passe est envoyé par un autre moyen (SMS, téléphone)"
MSSANTE = "la messagerie sécurisée de santé (MSSanté)"


def _sending_rules(messaging: str | None, mailbox: str) -> _Sending:
    """What the charter says of sending patients' documents, true to the register's answer: an ordinary mailbox
    (Gmail, Orange…) is not a secure health messaging, so only an encrypted attachment leaves by it. Securing the
    sending is compulsory, MSSanté is not (references.md MSG-01; encrypted attachment: CHIF-05, MSG-03)."""
    from gardien.registre.interview import Messaging

    sources = ("MSG-01", "CHIF-05")
    if messaging == Messaging.ORDINARY:
        named = mailbox or "La messagerie du cabinet"
        return _Sending(
            Rule(f"Messagerie pour les documents des patients : {mailbox or TO_FILL} (messagerie ordinaire, pas une "
                 "messagerie sécurisée de santé)."),
            Rule(f"{named} est une messagerie ordinaire, pas une messagerie sécurisée de santé : un document de patient "
                 f"n'y part jamais en clair, seulement {ENCRYPTED}. Autre possibilité : {MSSANTE}. Protéger ces envois "
                 "est obligatoire ; utiliser MSSanté ne l'est pas.", sources + ("MSG-03",)))
    if messaging == Messaging.NONE:
        return _Sending(
            Rule("Messagerie pour les documents des patients : aucune (les documents des patients ne sont pas envoyés "
                 "par messagerie)."),
            Rule(f"Si un document de patient doit être envoyé, il part par {MSSANTE}, ou {ENCRYPTED}.", sources))
    if messaging == Messaging.MSSANTE:
        secure = f"la messagerie sécurisée de santé ({mailbox})" if mailbox else MSSANTE
        return _Sending(Rule(f"Messagerie pour les documents des patients : {secure}."),
                        Rule(f"Les documents des patients partent par {secure}, ou {ENCRYPTED}.", sources))
    # No register: the questionnaire says at most that documents leave by MSSanté or encrypted, not which.
    return _Sending(Rule(f"Messagerie pour les documents des patients : {TO_FILL}."),
                    Rule(f"Les documents des patients partent par {MSSANTE}, ou {ENCRYPTED}.", sources))


def build(today: date | None = None, interview: dict | None = None, answered: dict[str, str] | None = None,
          signatories: tuple[str, ...] | None = None) -> Charter:
    """The charter; by default from the stored register, questionnaire answers and learners."""
    interview = register_interview() if interview is None else interview
    answered = _answers() if answered is None else answered
    if signatories is None:
        signatories = tuple(learner.first_name for learner in progress.learners())
    yes = {key for key, value in answered.items() if value == "oui"}
    name = str(interview.get("nom", "")).strip()
    mailbox = str(interview.get("nom_messagerie", "")).strip()
    sending = _sending_rules(interview.get("messagerie"), mailbox)

    tools = [
        Rule(f"Logiciel des dossiers des patients : {_or_blank(str(interview.get('logiciel_dossiers', '')))}."),
        Rule("Logiciel de facturation : " + (str(interview.get("logiciel_facturation", "")).strip()
                                            or ("le même" if interview.get("logiciel_dossiers") else TO_FILL)) + "."),
    ]
    if interview.get("logiciel_rdv"):
        tools.append(Rule(f"Prise de rendez-vous en ligne : {interview['logiciel_rdv']}."))
    if interview.get("logiciel_teleconsultation"):
        tools.append(Rule(f"Téléconsultation : {interview['logiciel_teleconsultation']}."))
    tools += [
        sending.tool,
        Rule(f"Ordinateurs, téléphones et supports du cabinet : {TO_FILL}."),
        Rule("Ces outils servent au travail du cabinet, et à lui seul.", ("POSTE-05",)),
    ]
    personal = [
        Rule("Aucune clé USB, aucun disque ni aucun téléphone personnel ne se branche sur les ordinateurs du cabinet ; "
             "une clé trouvée ou offerte ne se branche nulle part.", ("POSTE-06", "SENS-01")),
        Rule("Les ordinateurs du cabinet ne servent à aucun usage personnel ou familial.", ("POSTE-05",)),
        Rule("Les téléphones personnels et ceux des patients utilisent le Wi-Fi « invités », jamais celui des ordinateurs "
             "du cabinet." if "wifi_visiteurs" in yes else
             "Les téléphones personnels ne se connectent pas au Wi-Fi des ordinateurs du cabinet.", ("WIFI-02",)),
    ]
    accounts = [
        Rule("Chaque personne a son propre compte et ses propres identifiants, sur l'ordinateur comme dans les logiciels ; "
             "on ne prête jamais les siens, même à un remplaçant.", ("MDP-14",)),
        Rule("Un mot de passe différent pour chaque service important, rangé dans un gestionnaire de mots de passe, "
             "jamais noté sur un papier ni dans un fichier.", ("MDP-07", "MDP-08")),
        Rule("La double authentification (carte CPS, e-CPS ou code sur le téléphone) est utilisée partout où elle est "
             "proposée.", ("MDP-10", "MDP-12")),
        Rule("Un mot de passe ou un code reçu par SMS ne se communique à personne, ni par téléphone ni par e-mail.", ("SENS-01",)),
        Rule("L'écran se verrouille à chaque fois que l'on quitte le poste, même pour une minute.", ("POSTE-02",)),
    ]
    data = [
        sending.rule,
        Rule("L'adresse du destinataire se relit en entier avant chaque envoi.", ("MSG-04",)),
        Rule("Aucune donnée de patient en clair (sans chiffrement) dans une boîte e-mail grand public ou une messagerie "
             "instantanée, et aucune redirection des messages du cabinet vers une boîte personnelle.",
             ("MSG-03", "MSG-05")),
        Rule("Aucune donnée de patient, même sans le nom, dans un outil d'intelligence artificielle en ligne ; ses "
             "réponses se vérifient toujours.", ("IA-01", "IA-02")),
        Rule("Les données de patients emportées hors du cabinet le sont sur un support chiffré du cabinet, gardé à vue.",
             ("CHIF-01", "POSTE-08")),
    ]
    incident = [
        Rule("Un message, un appel ou une visite inattendus qui demandent d'agir vite (payer, cliquer, installer, donner "
             "un code) se vérifient par un autre moyen, avec un numéro déjà connu.", ("PHISH-01", "PHISH-02")),
        Rule(f"Tout événement suspect se signale tout de suite à : {_or_blank(name)}.", ("SENS-01",)),
        Rule("Si l'ordinateur semble attaqué (fichiers illisibles, demande de rançon) : débrancher le câble réseau et "
             "couper le Wi-Fi, sans l'éteindre, puis prévenir.", ("INC-01",)),
        Rule(f"Prestataire informatique à appeler : {TO_FILL}. Police ou gendarmerie : 17. Aide aux victimes : "
             "cybermalveillance.gouv.fr.", ("INC-03",)),
        Rule("Une fuite de données de patients (envoi au mauvais destinataire, vol, piratage) se note dans le registre "
             f"des violations ; le cabinet décide de la notification à la CNIL, {breaches.CNIL_DELAY_TEXT}.", ("INC-06",)),
    ]
    declared = [
        (key, text, sources) for key, text, sources in (
            ("antispam", "La messagerie trie les messages indésirables et les faux messages.", ("PHISH-03",)),
            ("alertes_antivirus", "Les alertes de l'antivirus sont traitées sans attendre.", ("AV-02",)),
            ("sauvegarde_hors_ligne", "Les données sont sauvegardées, avec une copie débranchée après chaque sauvegarde.", ("SAUV-01", "SAUV-02")),
            ("restauration_testee", "La restauration des sauvegardes est essayée au moins tous les six mois.", ("SAUV-04",)),
            ("contacts_crise", "La liste des contacts à appeler en cas d'attaque est imprimée et rangée au cabinet.", ("INC-03",)),
        ) if key in yes
    ]
    practice = [Rule(text, sources, declared=True) for _, text, sources in declared] or [
        Rule(f"Sauvegardes, antivirus, filtrage de la messagerie : {TO_FILL}.")]
    practice.append(Rule("Chaque personne suit les modules de sensibilisation de Gardien à son arrivée, puis "
                         f"{REFRESH_RULE}.", ("SENS-01", "SENS-02")))
    commitments = [
        Rule("Chaque personne qui utilise l'informatique du cabinet lit cette charte, la signe, et s'engage à en "
             "respecter les règles. MonAideCyber (ANSSI) recommande qu'elle soit signée par chacun et, s'il existe, "
             "annexée au règlement intérieur.", ("SENS-04",)),
        Rule(f"Ce qui se passe en cas de manquement : {TO_FILL}."),
    ]
    sections = (
        Section("1. Les outils du cabinet", tuple(tools)),
        Section("2. Les appareils personnels", tuple(personal)),
        Section("3. Comptes et mots de passe", tuple(accounts)),
        Section("4. Les données des patients", tuple(data)),
        Section("5. En cas de doute ou d'incident", tuple(incident)),
        Section("6. Ce que le cabinet met en place", tuple(practice)),
        Section("7. Engagement", tuple(commitments)),
    )
    notes = []
    if not interview:
        notes.append("Le registre RGPD n'est pas encore rempli dans Gardien : les noms des logiciels et du cabinet sont "
                     "à compléter à la main (ou remplissez d'abord le registre).")
    if not answered:
        notes.append("Le questionnaire de Gardien n'a pas encore de réponse : la partie « Ce que le cabinet met en place » "
                     "est à compléter.")
    return Charter(name or "Le cabinet", today or date.today(), sections, tuple(signatories), bool(interview),
                   len(answered), notes=tuple(notes))


def plain_text(charter: Charter) -> str:
    """The charter as text (the command line shows it; the web prints the HTML version)."""
    lines = [f"CHARTE D'UTILISATION DE L'INFORMATIQUE — {charter.practice}", ""]
    for section in charter.sections:
        lines.append(section.title)
        lines += [f"  • {rule.text}" + (" (déclaré)" if rule.declared else "") for rule in section.rules]
        lines.append("")
    lines.append("Signatures (nom, date, signature) :")
    lines += [f"  {name} : {BLANK}" for name in charter.signatories] + [f"  {BLANK}"] * charter.extra_lines
    return "\n".join(lines)
