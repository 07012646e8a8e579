"""Pages for documents and devices that leave the practice: an encrypted copy to send, and the end-of-life procedure
of a computer, disk, USB key or phone with its certificate. Routes only translate HTTP into library calls.

The documents sent to /envoi-chiffre are read in memory; the encrypted copy stays in the server's memory until it
is downloaded or Gardien stops, never its passphrase (shown once, in the answer).
"""

from __future__ import annotations

import secrets
import time
from datetime import date
from pathlib import PurePath
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien.errors import GardienError
from gardien.web.forms import MIB, read_form
from gardien.web.render import page, see_other

router = APIRouter()
SEND_TITLE = "Envoyer chiffré"
SEND_FORM = 51 * MIB  # envoi.package.MAX_TOTAL_BYTES and the form around it
KEPT_COPIES = 3  # the last encrypted copies (50 Mo each at most), kept in memory until Gardien stops


def _copies(request: Request) -> dict[str, tuple[str, bytes]]:
    """The encrypted copies waiting to be downloaded, oldest first (in the server's memory only)."""
    if not hasattr(request.app.state, "sealed_copies"):
        request.app.state.sealed_copies = {}
    return request.app.state.sealed_copies


@router.get("/envoi-chiffre")
def send_page(request: Request) -> Response:
    return _send_page(request)


def _send_page(request: Request, status: int = 200, name: str | None = None, **shown) -> Response:
    """The page, its « Nom du fichier envoyé » box pre-filled with the neutral name unless she typed one."""
    from gardien.envoi.package import DEFAULT_NAME

    return page(request, "envoi.html.j2", status=status, title=SEND_TITLE, sent_name=DEFAULT_NAME if name is None else name,
                **shown)


@router.post("/envoi-chiffre")
async def send(request: Request) -> Response:
    from gardien.envoi.consignes import SAME_AS_ABOVE, instructions
    from gardien.envoi.convert import Document
    from gardien.envoi.package import WORDS, seal, sent_name

    form = await read_form(request, SEND_FORM)
    documents = [Document(PurePath(name.replace("\\", "/")).name or "document", data)
                 for name, data in form.file_list("fichiers") if name or data]
    try:
        file_name = sent_name(form.text("nom"))
        sealed = await run_in_threadpool(seal, documents, form.text("mode") == "joints")
    except GardienError as exc:
        return _send_page(request, 400, form.text("nom"), error=exc.web_message)
    token = secrets.token_urlsafe(16)
    copies = _copies(request)
    copies[token] = (file_name, sealed.data)
    while len(copies) > KEPT_COPIES:
        copies.pop(next(iter(copies)))
    return _send_page(request, sealed=sealed, file_name=file_name, token=token, words=WORDS,
                      guide=instructions(sealed, file_name), same_as_above=SAME_AS_ABOVE)


@router.get("/envoi-chiffre/fichier/{token}")
def sealed_copy(request: Request, token: str) -> Response:
    kept = _copies(request).get(token)
    if kept is None:
        raise GardienError("Cette copie chiffrée n'est plus là (Gardien a été relancé, ou d'autres copies ont été faites "
                           "depuis) : préparez-la de nouveau.")
    name, data = kept
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename=\"document-chiffre.pdf\"; filename*=UTF-8''{quote(name)}"})


# --- End of life of a device ---------------------------------------------------------------------------------------

LIFE_TITLE = "Fin de vie d'un appareil"
CHECK_VALID_S = 3600  # a verification of this computer is used for a certificate within the hour


CHOICES_MISSING = ("Répondez aux quatre questions ci-dessous (l'appareil, son système, pourquoi il quitte le cabinet, "
                   "dans quel état il est), puis cliquez sur « Voir les étapes ».")


def _labels() -> dict:
    from gardien.fin_de_vie.procedure import CONDITION_LABEL, DEVICE_LABEL, REASON_LABEL, SYSTEM_LABEL

    return {"device": DEVICE_LABEL, "system": SYSTEM_LABEL, "reason": REASON_LABEL, "condition": CONDITION_LABEL}


def _chosen(source) -> dict[str, str]:
    return {key: str(source.get(key, "") or "") for key in ("appareil", "systeme", "raison", "etat")}


def _life_page(request: Request, chosen: dict[str, str], error: str | None = None, status: int = 200) -> Response:
    from gardien.fin_de_vie import certificat

    return page(request, "fin_de_vie.html.j2", status=status, title=LIFE_TITLE, labels=_labels(), chosen=chosen,
                certificates=certificat.load_all(), error=error)


@router.get("/fin-de-vie")
def life_page(request: Request) -> Response:
    chosen = _chosen(request.query_params)
    if not chosen["etat"]:
        chosen["etat"] = "marche"
    return _life_page(request, chosen)


def _situation(values: dict[str, str]):
    from gardien.fin_de_vie.procedure import Situation

    return Situation.parse(values["appareil"], values["systeme"], values["raison"], values["etat"])


def _procedure(request: Request, situation, status: int = 200, error: str | None = None, answers=None, fields=None,
               this_computer: bool = False, answered: bool = True) -> Response:
    """The steps; on a computer of this computer's system, first the question whether it is this one (as the terminal
    asks): the order of the steps depends on it (walkthrough round 18: without the answer, the wipe came before the
    certificate)."""
    from gardien.compat import current_platform
    from gardien.fin_de_vie.certificat import STATE_LABEL, known_done_by
    from gardien.fin_de_vie.procedure import Device, backup_remark, help_notice, media_backups, steps

    can_check = situation.device is Device.COMPUTER and situation.system.value == current_platform()
    this_computer = this_computer and can_check
    check = _recent_check(request) if this_computer else None  # another computer: this one's disk says nothing of it
    listed = steps(situation, this_computer)
    # what Gardien sees of backups is about this computer: another device's step is hers to answer (déclaré)
    no_backup = backup_remark() if this_computer and any(s.about_backup for s in listed) else ""
    states = [(state.value, label.removesuffix(" (déclaré)")) for state, label in STATE_LABEL.items()]
    empty = {"description": "", "serie": "", "remis": "", "par": "", "remarque": ""}
    return page(request, "fin_de_vie_procedure.html.j2", status=status, title=LIFE_TITLE, situation=situation,
                steps=listed, help=help_notice(listed), backup_remark=no_backup, states=states, can_check=can_check, check=check,
                answers=answers or {}, fields=fields or empty, error=error, known_done_by=known_done_by(),
                this_computer=this_computer, not_encrypted=_encrypted(check) is False,
                ask_this_computer=can_check and not answered, media=media_backups(situation.device))


def _encrypted(finding) -> bool | None:
    """Whether the check found this computer's disk encrypted; None when there was no check or it could not tell."""
    from gardien.core.model import Status

    return None if finding is None or finding.status not in (Status.PASS, Status.FAIL) else finding.status is Status.PASS


def _recent_check(request: Request):
    """The last verification of this computer's disk encryption made from this page, if it is recent."""
    kept = getattr(request.app.state, "life_check", None)
    if kept is None or time.monotonic() - kept[0] > CHECK_VALID_S:
        return None
    return kept[1]


@router.get("/fin-de-vie/procedure")
async def procedure_page(request: Request) -> Response:
    from gardien.fin_de_vie.procedure import Condition, Device, Reason, System
    from gardien.fr import typed_choice

    chosen = _chosen(request.query_params)
    kinds = {"appareil": Device, "systeme": System, "raison": Reason, "etat": Condition}
    if any(typed_choice(chosen[key], [m.value for m in kind]) is None for key, kind in kinds.items()):
        # the terminal's message would list option values (« cle, telephone »): the page asks in its own words
        return _life_page(request, chosen, CHOICES_MISSING, 400)
    try:
        situation = _situation(chosen)
    except GardienError as exc:  # a device and a system that do not go together, said with the page's labels
        return _life_page(request, chosen, exc.web_message, 400)
    if request.query_params.get("verifier") == "1":
        from gardien.core.audit import check_live

        finding = await run_in_threadpool(check_live, "chiffrement_disque")
        request.app.state.life_check = (time.monotonic(), finding)
    answer = request.query_params.get("cet_ordinateur")
    return _procedure(request, situation, this_computer=answer == "1", answered=answer in ("0", "1"))


@router.post("/fin-de-vie/certificat")
async def make_certificate(request: Request) -> Response:
    from gardien.fin_de_vie import certificat

    form = await read_form(request, 64 * 1024)
    chosen = _chosen({key: form.text(key) for key in ("appareil", "systeme", "raison", "etat")})
    try:
        situation = _situation(chosen)
    except GardienError as exc:
        return _life_page(request, chosen, exc.web_message, 400)
    answers = {name.removeprefix("etape-"): form.text(name) for name in form.fields if name.startswith("etape-")}
    fields = {key: form.text(key) for key in ("description", "serie", "remis", "par", "remarque")}
    checked = form.text("verifie") == "1"
    this_computer = form.text("cet_ordinateur") == "1"
    try:
        made = certificat.create(situation, answers, fields["description"], fields["serie"], fields["remis"],
                                 fields["par"], fields["remarque"], verified=_verified_line(request, checked),
                                 this_computer=this_computer,
                                 encrypted=_encrypted(_recent_check(request)) if checked else None)
    except GardienError as exc:
        return _procedure(request, situation, 400, exc.web_message, answers, fields, this_computer)
    certificat.save(made)
    return see_other(f"/fin-de-vie/certificat/{made.id}")


def _verified_line(request: Request, asked: bool) -> str:
    from gardien import fr
    from gardien.core.model import Status

    finding = _recent_check(request) if asked else None
    if finding is None or finding.status not in (Status.PASS, Status.FAIL):
        return ""
    return f"Chiffrement du disque de cet ordinateur, le {fr.day(date.today())} : {finding.detail}"


@router.get("/fin-de-vie/certificat/{certificate_id}")
def certificate_page(request: Request, certificate_id: str) -> Response:
    from gardien.fin_de_vie import certificat
    from gardien.fin_de_vie.procedure import all_sources

    made = certificat.get(certificate_id)
    known = all_sources()
    cited = list(dict.fromkeys(s for step in made.steps for s in step.sources if s in known))
    return page(request, "fin_de_vie_certificat.html.j2", title="Certificat de fin de vie", certificate=made,
                sources=[known[s] for s in cited], register_exists=made.after and certificat.register_to_copy())


@router.get("/fin-de-vie/certificat/{certificate_id}/pdf")
async def certificate_pdf(request: Request, certificate_id: str) -> Response:
    from gardien.fin_de_vie import certificat

    made = certificat.get(certificate_id)
    data = await run_in_threadpool(certificat.pdf, made)
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="certificat-fin-de-vie-{made.id}.pdf"'})
