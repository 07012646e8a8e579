"""Accounts with a generic name (cabinet, secretariat...) are shared by several people."""

from __future__ import annotations

import re
import unicodedata

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

GENERIC = {
    "cabinet", "secretariat", "secretaire", "accueil", "remplacant", "remplacante", "stagiaire", "utilisateur",
    "user", "bureau", "equipe", "public", "consultation", "commun", "partage", "pc", "poste", "cabinetmedical",
    "maisondesante", "msp", "centre", "infirmiers", "kines", "medecins", "sagesfemmes", "personnel", "admin",
}
HUMAN_UID_MIN = {"linux": 1000, "macos": 501}


def is_generic(name: str) -> bool:
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in plain if c.isalnum())
    stripped = re.sub(r"\d+$", "", plain)
    return plain in GENERIC or stripped in GENERIC


def verdict(names: list[str]) -> Outcome:
    if not names:
        raise CannotTell("Gardien n'a trouvé aucun compte de personne dans la liste : il ne peut pas conclure.")
    generic = sorted({n for n in names if is_generic(n)})
    if generic:
        return Outcome(
            Status.FAIL,
            (f"Comptes au nom générique, sans doute partagés : {', '.join(generic)}." if len(generic) > 1
             else f"Compte au nom générique, sans doute partagé : {generic[0]}."),
            {"comptes": generic},
        )
    return Outcome(
        Status.PASS,
        "Aucun compte au nom générique sur cet ordinateur. Si plusieurs personnes se servent d'un même compte, Gardien "
        "ne peut pas le voir : le questionnaire vous le demande.",
    )


def linux(ctx: Context) -> Outcome:
    accounts = lx.parse_passwd_file(ctx.text("passwd_file"))
    humans = [a.name for a in accounts if HUMAN_UID_MIN["linux"] <= a.uid < 60000 and a.can_log_in]
    return verdict(humans + [lx.parse_username(ctx.text("id_user"))])


def macos(ctx: Context) -> Outcome:
    users = mac.parse_dscl_users(ctx.text("users"))
    names = [n for n, uid in users.items() if uid >= HUMAN_UID_MIN["macos"] and not n.startswith("_")]
    return verdict(names + [lx.parse_username(ctx.text("id_user"))])


def windows(ctx: Context) -> Outcome:
    users = w.parse_local_users(ctx.text("local_users"))
    return verdict([u.name for u in users if u.enabled and not u.is_builtin])
