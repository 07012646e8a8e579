"""The session is protected by a password and opens no session automatically at start-up."""

from __future__ import annotations

import re

from gardien.checks.common import registry
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac

AUTOLOGIN = re.compile(r"^\s*AutomaticLoginEnable\s*=\s*(true|1)\s*$", re.I | re.M)


def linux(ctx: Context) -> Outcome:
    for probe in ("gdm_conf", "gdm_conf_fedora"):
        text = ctx.optional(probe)
        if text and AUTOLOGIN.search(text):
            return Outcome(Status.FAIL, "La session s'ouvre automatiquement au démarrage, sans mot de passe.")
    status = lx.parse_passwd_status(ctx.text("passwd_status"))
    if status == "NP":
        return Outcome(Status.FAIL, "Votre compte n'a pas de mot de passe.")
    if status == "L":
        raise CannotTell("Le mot de passe de ce compte est verrouillé : Gardien ne peut pas savoir comment la session est protégée.")
    return Outcome(Status.PASS, "Votre compte a un mot de passe et la session ne s'ouvre pas toute seule.")


def macos(ctx: Context) -> Outcome:
    autologin = ctx.output("autologin")
    if autologin.error is None and autologin.returncode == 0 and autologin.stdout.strip():
        return Outcome(Status.FAIL, "La session s'ouvre automatiquement au démarrage, sans mot de passe.")
    try:
        filevault = mac.parse_fdesetup_status(ctx.text("fdesetup"))
    except Exception:  # noqa: BLE001 - FileVault only strengthens the verdict
        filevault = None
    if filevault == "on":
        return Outcome(Status.PASS, "FileVault est actif : un mot de passe est exigé au démarrage, et la session ne s'ouvre pas seule.")
    raise CannotTell(
        "La session ne s'ouvre pas seule, mais sans droits d'administrateur Gardien ne peut pas vérifier "
        "que votre compte a un mot de passe : vérifiez qu'il en demande un au démarrage."
    )


def windows(ctx: Context) -> Outcome:
    values = registry(ctx, "reg_winlogon")
    auto = values.get("AutoAdminLogon")
    if auto and auto.data.strip() == "1":
        return Outcome(Status.FAIL, "Windows ouvre la session automatiquement au démarrage, sans mot de passe.")
    raise CannotTell(
        "La session ne s'ouvre pas seule, mais sans droits d'administrateur Gardien ne peut pas vérifier "
        "que votre compte a un mot de passe ou un code PIN : vérifiez qu'il en demande un au démarrage."
    )
