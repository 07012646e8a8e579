"""French text of the reports and the command line (check text lives in each check.fr.toml)."""

from __future__ import annotations

from gardien.core.model import Severity, Status

STATUS_LABEL = {
    Status.PASS: "OK",
    Status.FAIL: "À corriger",
    Status.MANUAL: "À vérifier",
    Status.NOT_APPLICABLE: "Non concerné",
    Status.ERROR: "Inconnu",
}
SEVERITY_LABEL = {
    Severity.CRITICAL: "critique",
    Severity.HIGH: "importante",
    Severity.MEDIUM: "moyenne",
    Severity.LOW: "faible",
    Severity.INFO: "information",
}


def severity_said(severity: Severity) -> str:
    """« gravité importante »: how the audit and the plan say a point's weight, in the terminal and on the pages
    (review r24: the plan said « [important] » where the audit said « (importante) »)."""
    return f"gravité {SEVERITY_LABEL[severity]}"


OS_LABEL = {"linux": "Linux", "macos": "macOS", "windows": "Windows"}


def system_name(os_name: str, version: str) -> str:
    """« macOS 14.1 », « Linux (Ubuntu 24.04 LTS) », « Windows » when the version is unknown: the system named once."""
    label = OS_LABEL.get(os_name, os_name)
    version = version.strip()
    if not version:
        return label
    if label.lower() in version.lower():
        return version
    return f"{label} ({version})"


TITLE = "Gardien — bilan de sécurité de votre ordinateur"
SCORE_CAVEAT = (
    "Ce score mesure les points que Gardien a pu vérifier sur cet ordinateur. Un bon score ne veut pas dire que "
    "l'ordinateur est invulnérable, et les points « à vérifier » ne rapportent rien tant que vous ne les avez pas "
    "contrôlés vous-même."
)
SCORE_CAVEAT_SHORT = "Le score ne compte que ce que Gardien a pu vérifier lui-même."
FIRST_STEP = "Votre premier pas"
# the plan's first step comes from the questionnaire (or another part of the plan), not from this audit's list
FIRST_STEP_FROM_PLAN = "C'est la première étape de votre plan, qui range ce bilan et vos réponses : gardien plan"
FIRST_STEP_FROM_PLAN_PAGE = ("C'est la première étape de votre plan, qui range ce bilan et vos réponses (« Mon plan » "
                             "dans Gardien).")
NOTHING_TO_DO = "Rien d'urgent : tous les points vérifiés sont en ordre. Refaites le bilan dans trois mois."
WHY = "Pourquoi c'est important"
HOW = "Que faire"
SOURCE = "Source"
REPLAY_NOTE = "Bilan calculé à partir d'un enregistrement, pas de cet ordinateur."
MINUTES = "min"
# the audit's list: in the plan's order for this computer (plan/first.py), its own for a replayed recording
TODO_IN_PLAN_ORDER = "Ce qui demande votre attention, dans l'ordre de votre plan"
TODO_IN_OWN_ORDER = "Ce qui demande votre attention, dans l'ordre où s'y prendre"
ALL_VERIFIED = "Tous les points que Gardien a pu vérifier sont en ordre."
DETAILS_HINT = "Chaque point expliqué : gardien audit --details, ou gardien interface."
NEXT_COMMANDS_SHORT = "Ensuite : gardien questionnaire, puis gardien plan."
NEXT_PLAN_ONLY = "Ensuite : gardien plan."  # the questionnaire is answered
DETAILS_TITLE = "Le détail, point par point"
IN_ORDER = "En ordre"
PAPER_NEXT = (
    "La suite, dans Gardien : le questionnaire pose les questions que l'ordinateur ne peut pas trancher, puis votre "
    "plan range tout, étape par étape."
)
PAPER_CONFIDENTIAL = "Ce document décrit les points faibles de cet ordinateur : rangez-le comme un document confidentiel."
