"""Steps needing an administrator's rights, once the plan makes the daily account a standard one.

The step « Travail quotidien sans droits d'administrateur » takes those rights from her usual account. From a standard
account, `sudo` asks for her own password, then refuses; on Windows and macOS the system asks for the administrator
account's name and password. Every step with a command needing those rights says so once, at its start, in this
system's words, from this one rule: the plan does not ask for something it has just made impossible.
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import Enum

from gardien.core.model import AuditResult, RemediationStep, Status
from gardien.core.registry import HELP_PREFIX
from gardien.store.history import PastAudit

STANDARD_ACCOUNT = "compte_administrateur"  # the check (and plan step) that makes the daily account a standard one


class Account(Enum):
    """What the plan knows of the daily account's rights."""

    STANDARD = "standard"  # the last audit saw it standard, or the step is done
    MAYBE_STANDARD = "peut-être"  # the step is proposed (to do, to check, postponed): it may be done by now


# how to get the rights on each system (the account is the one the standard-account step has her create)
HOW_BY_SYSTEM = {
    "linux": ("ouvrez d'abord une session sur le compte administrateur réservé aux installations, faites-y cette "
              "étape, puis revenez à votre session habituelle."),
    "macos": ("ouvrez d'abord une session sur le compte administrateur réservé aux installations (menu Pomme > "
              "Fermer la session), faites-y cette étape, puis revenez à votre session habituelle."),
    "windows": ("Windows vous demandera le nom et le mot de passe du compte administrateur réservé aux installations "
                "(pas ceux de votre compte habituel). Un terminal s'ouvre avec ces droits par un clic droit, puis "
                "« Exécuter en tant qu'administrateur »."),
}


# a root session (Linux): root IS the administrator; the standard-account step has her create a personal account
ROOT_SESSION = "session_root"  # what the check measured done (check.py) when the daily session is root's
ROOT_HOW = "ouvrez d'abord une session sur le compte root, faites-y cette étape, puis revenez à votre compte personnel."
# `sudo` at the start of each command of a line (« sudo apt update && sudo apt upgrade »)
SUDO = re.compile(r"(^|&&\s*|;\s*)sudo\s+")


def note(account: Account, system: str, title: str, root: bool = False) -> str:
    """The sentence said once at the start of a step needing administrator rights (`root`: the audit saw her work
    under root, whose rights her new personal account will never have)."""
    if root:
        if account is Account.STANDARD:
            return f"Cette étape demande les droits d'administrateur, que votre compte personnel n'a pas : {ROOT_HOW}"
        return (f"Cette étape demande les droits d'administrateur. Si vous avez déjà fait l'étape « {title} », votre "
                f"compte personnel ne les a pas : {ROOT_HOW}")
    how = HOW_BY_SYSTEM[system]
    if account is Account.STANDARD:
        return f"Cette étape demande les droits d'administrateur, que votre compte habituel n'a plus : {how}"
    return (f"Cette étape demande les droits d'administrateur. Si vous avez déjà fait l'étape « {title} », votre "
            f"compte habituel ne les a plus : {how}")


def needs_admin(how: tuple[RemediationStep, ...]) -> bool:
    return any(step.admin_password or step.admin_account for step in how)


def account_state(steps, audited: str | None) -> Account | None:
    """From the plan's steps and the last audit's status for the standard-account check (None: no such audit)."""
    step = next((s for s in steps if s.id == STANDARD_ACCOUNT), None)
    if (step is not None and step.status == "fait") or (step is None and audited == "pass"):
        return Account.STANDARD
    return Account.MAYBE_STANDARD if step is not None else None


def for_plan(steps: list, past: PastAudit | None) -> list:
    """`apply` with what the last audit (`past`) saw of this computer (its system, the daily account's rights)."""
    from gardien.core.registry import discover

    if past is None:
        return steps
    title = next((spec.meta.title for spec in discover() if spec.id == STANDARD_ACCOUNT), "")
    return apply(steps, past.os, past.findings.get(STANDARD_ACCOUNT), past.titles.get(STANDARD_ACCOUNT, title),
                 root=ROOT_SESSION in past.steps_chosen(STANDARD_ACCOUNT).done)


def apply(steps: list, system: str | None, audited: str | None, title: str, root: bool = False) -> list:
    """Each step whose commands need administrator rights, with the note at its start (after « Faites-vous aider »,
    which frames the whole step), when the daily account is or may soon be a standard one."""
    account = account_state(steps, audited)
    if account is None or system not in HOW_BY_SYSTEM:
        return steps
    said = RemediationStep(note(account, system, title, root))
    return [replace(step, how=_noted(step.how, said, root)) if step.id != STANDARD_ACCOUNT else step for step in steps]


def _noted(how: tuple[RemediationStep, ...], said: RemediationStep, root: bool = False) -> tuple[RemediationStep, ...]:
    """`how` with the note at its start; `root`: its commands as typed in root's session, where the note sends her."""
    if not needs_admin(how):
        return how
    if root:
        how = tuple(_as_root(step) for step in how)
    at = 1 if how and how[0].text.startswith(HELP_PREFIX) else 0
    return (*how[:at], said, *how[at:])


def _as_root(step: RemediationStep) -> RemediationStep:
    """A command asking for the administrator password, as root types it: without sudo, asking for nothing (walkthrough
    r18: « sudo ufw enable … Elle demande le mot de passe » right after « ouvrez une session sur le compte root »)."""
    if step.command is None or not step.admin_password:
        return step
    return replace(step, command=SUDO.sub(r"\1", step.command), admin_password=False, as_root=True)


def for_audit(result: AuditResult) -> AuditResult:
    """The audit's fix steps (`gardien audit`, the « Bilan » page, the HTML report) with the plan's note, by the same
    rule: this audit found the daily account standard, or proposes to make it so."""
    account = next((f for f in result.findings if f.id == STANDARD_ACCOUNT), None)
    if account is None or account.status is Status.NOT_APPLICABLE:
        return result
    state = Account.STANDARD if account.status is Status.PASS else Account.MAYBE_STANDARD
    if result.os not in HOW_BY_SYSTEM:
        return result
    root = ROOT_SESSION in account.conditions.done
    said = RemediationStep(note(state, result.os, account.title, root))
    findings = tuple(replace(f, remediation=_noted(f.remediation, said, root)) if f.id != STANDARD_ACCOUNT else f
                     for f in result.findings)
    return replace(result, findings=findings)
