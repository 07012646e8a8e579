"""The named interview conditions contenu.fr.toml's « si » lists may use (a closed set: no expression is evaluated)."""

from __future__ import annotations

from collections.abc import Callable

from gardien.registre.interview import Accounting, Answer, Hosting, Interview, Messaging, Profession

CONDITIONS: dict[str, Callable[[Interview], bool]] = {
    "toujours": lambda i: True,
    "nom": lambda i: bool(i.nom),
    "sans_nom": lambda i: not i.nom,
    "adresse": lambda i: bool(i.adresse),
    "sans_adresse": lambda i: not i.adresse,
    "contact": lambda i: bool(i.contact),
    "contact_ou_adresse": lambda i: bool(i.contact or i.adresse),
    "sans_contact_ni_adresse": lambda i: not (i.contact or i.adresse),
    "site": lambda i: bool(i.site),
    "profession_autre": lambda i: i.profession is Profession.AUTRE,
    "seul": lambda i: not i.group,
    "dpo_oui": lambda i: i.group and i.dpo_required is Answer.YES,
    "dpo_non_groupe": lambda i: i.group and i.dpo_required is Answer.NO,
    "dpo_nsp": lambda i: i.group and i.dpo_required is Answer.UNKNOWN,
    "logiciel_dossiers": lambda i: bool(i.logiciel_dossiers),
    "sans_logiciel_dossiers": lambda i: not i.logiciel_dossiers,
    "en_ligne": lambda i: i.hebergement is Hosting.ONLINE,
    "hebergement_nsp": lambda i: i.hebergement is Hosting.UNKNOWN,
    "fse": lambda i: i.fse,
    # a billing software of its own; without one, the practice software bills, and its publisher is said as the
    # patient records' sheet says it, so that the patient notice names that publisher once (review, round 22)
    "logiciel_facturation_a_part": lambda i: bool(i.logiciel_facturation),
    "facturation_par_logiciel_dossiers": lambda i: not i.logiciel_facturation and bool(i.logiciel_dossiers),
    "sans_logiciel_facturation": lambda i: not i.billing_software,
    "logiciel_rdv": lambda i: bool(i.logiciel_rdv),
    "messagerie_mssante": lambda i: i.messagerie is Messaging.MSSANTE,
    "messagerie_classique": lambda i: i.messagerie is Messaging.ORDINARY,
    "teleconsultation": lambda i: bool(i.logiciel_teleconsultation),
    "acces": lambda i: bool(i.acces),
    "salaries": lambda i: i.salaries,
    "comptabilite": lambda i: i.comptabilite is not Accounting.NONE,
    "comptable": lambda i: i.comptabilite is Accounting.ACCOUNTANT,
    "hors_ue_non": lambda i: i.hors_ue is Answer.NO,
    "hors_ue_oui": lambda i: i.hors_ue is Answer.YES,
    "hors_ue_nsp": lambda i: i.hors_ue is Answer.UNKNOWN,
    "hors_ue_pas_non": lambda i: i.hors_ue is not Answer.NO,
}

# The « à compléter » statements that come from an interview answer left empty or « Je ne sais pas »: condition ->
# the interview answer (Interview field) that fills them once given (builder.open_answers).
FROM_ANSWER: dict[str, str] = {
    "sans_nom": "nom", "sans_adresse": "adresse", "sans_contact_ni_adresse": "contact",
    "sans_logiciel_dossiers": "logiciel_dossiers", "hebergement_nsp": "hebergement",
    "sans_logiciel_facturation": "logiciel_facturation", "hors_ue_nsp": "hors_ue", "hors_ue_pas_non": "hors_ue",
}
