"""The session is protected by a password and opens no session automatically at start-up."""

from __future__ import annotations

import configparser
import re

from gardien.checks.common import registry
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.probes.base import NOT_FOUND

GDM_AUTOLOGIN = re.compile(r"^\s*AutomaticLoginEnable\s*=\s*(true|1)\s*$", re.I | re.M)
LIGHTDM_AUTOLOGIN = re.compile(r"^\s*autologin-user\s*=\s*\S", re.I | re.M)
# the login screens' files: (probe, what in it opens a session without a password)
LOGIN_SCREENS = (("gdm_conf", GDM_AUTOLOGIN), ("gdm_conf_fedora", GDM_AUTOLOGIN), ("lightdm_conf", LIGHTDM_AUTOLOGIN))
AUTOMATIC = "La session s'ouvre automatiquement au démarrage, sans mot de passe."


def _sddm_autologin(text: str) -> bool:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise UnknownFormat("configuration de SDDM illisible") from exc
    return bool(parser.get("Autologin", "User", fallback="").strip())


def linux(ctx: Context) -> Outcome:
    for probe, pattern in LOGIN_SCREENS:
        out = ctx.output(probe)
        if out.error == NOT_FOUND:
            continue
        if pattern.search(ctx.text(probe)):
            return Outcome(Status.FAIL, AUTOMATIC)
    if ctx.output("sddm_conf").error != NOT_FOUND and _sddm_autologin(ctx.text("sddm_conf")):
        return Outcome(Status.FAIL, AUTOMATIC)
    status = lx.parse_passwd_status(ctx.text("passwd_status"))
    if status == "NP":
        return Outcome(Status.FAIL, "Votre compte n'a pas de mot de passe.")
    if status == "L":
        raise CannotTell("Ce compte ne s'ouvre pas avec un mot de passe (le sien est désactivé) : Gardien ne peut pas "
                         "savoir ce qui protège la session. Vérifiez ce que l'ordinateur demande pour l'ouvrir.")
    return Outcome(Status.PASS, "Votre compte a un mot de passe et la session ne s'ouvre pas toute seule.")


def macos(ctx: Context) -> Outcome:
    autologin = ctx.output("autologin")
    if autologin.error is None and autologin.returncode == 0 and autologin.stdout.strip():
        return Outcome(Status.FAIL, AUTOMATIC)
    try:
        filevault = mac.parse_fdesetup_status(ctx.text("fdesetup"))
    except (CannotTell, UnknownFormat):
        filevault = None
    if filevault == "on":
        # FileVault asks for an account's password at start-up, and turns automatic log-in off
        return Outcome(Status.PASS, "FileVault est actif : un mot de passe est exigé au démarrage, et la session ne s'ouvre pas seule.")
    raise CannotTell(
        "Sans droits d'administrateur, Gardien ne peut pas vérifier que votre compte a un mot de passe "
        "ni que la session ne s'ouvre pas seule : vérifiez qu'un mot de passe est demandé au démarrage."
    )


def windows(ctx: Context) -> Outcome:
    values = registry(ctx, "reg_winlogon")
    auto = values.get("AutoAdminLogon")
    if auto and auto.data.strip() == "1":
        return Outcome(Status.FAIL, AUTOMATIC)
    raise CannotTell(
        "La session ne s'ouvre pas seule, mais sans droits d'administrateur Gardien ne peut pas vérifier "
        "que votre compte a un mot de passe ou un code PIN : vérifiez qu'il en demande un au démarrage."
    )
