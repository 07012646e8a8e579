"""Password, suspicious e-mail and pseudonymiser pages.

What is typed or sent here (a password, an e-mail, a patient's letter) stays in memory for the time of the
request: nothing is written to disk or logged. The only thing kept is the pseudonymiser's correspondence, in
the server's memory, so that the AI's answer can be re-identified; it disappears when Gardien stops.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien import limits
from gardien.web.forms import SMALL_FORM, read_form
from gardien.web.render import page

router = APIRouter()
MAIL_FORM = limits.MAIL_FORM_BYTES  # an e-mail with attachments; larger ones are refused (413) before being read
TEXT_FORM = limits.TEXT_FORM_BYTES
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook .msg files are OLE compound documents
DATE_CHOICES = {"balises": "Remplacer par [DATE_1]…", "decaler": "Décaler toutes les dates d'un même écart secret",
                "relatif": "Relatives au premier jour (J0, J+3…)"}


@router.get("/motdepasse")
def password_page(request: Request) -> Response:
    from gardien.passwords.advice import topics

    return page(request, "password.html.j2", title="Mot de passe", topics=topics())


@router.post("/motdepasse/verifier")
async def check_password(request: Request) -> Response:
    from gardien.passwords import strength
    from gardien.passwords.advice import topics

    form = await read_form(request, SMALL_FORM)
    password = form.text("motdepasse")
    evaluation = await run_in_threadpool(strength.evaluate, password) if password else None
    return page(request, "password.html.j2", fragment="parts/password_result.html.j2", title="Mot de passe",
                topics=topics(), evaluation=evaluation, empty=not password, note=strength.CNIL_NOTE)


@router.post("/motdepasse/generer")
async def generate_password(request: Request) -> Response:
    from gardien.passwords import generate
    from gardien.passwords.advice import topics

    form = await read_form(request, SMALL_FORM)
    random_kind = form.text("genre") == "aleatoire"
    generated = generate.random_password() if random_kind else generate.passphrase()
    return page(request, "password.html.j2", fragment="parts/password_generated.html.j2", title="Mot de passe",
                topics=topics(), generated=generated, random_kind=random_kind)


@router.get("/mail")
def mail_page(request: Request) -> Response:
    return page(request, "mail.html.j2", title="E-mail suspect")


@router.post("/mail/analyser")
async def analyse_mail(request: Request) -> Response:
    from gardien.mail.analyze import REFLEXES, VERDICT_NOTE, analyse
    from gardien.mail.message import parse_bytes, parse_msg

    form = await read_form(request, MAIL_FORM)
    name, data = form.files.get("fichier", ("", b""))
    if not data:
        name, data = "", form.text("source").encode("utf-8")
    analysis = None
    if data.strip():  # parsing a large message is work too: off the event loop, like the analysis
        parse = parse_msg if data.startswith(OLE_MAGIC) else parse_bytes
        analysis = await run_in_threadpool(lambda: analyse(parse(data)))
    return page(request, "mail.html.j2", fragment="parts/mail_result.html.j2", title="E-mail suspect",
                analysis=analysis, name=name, reflexes=REFLEXES, notes=VERDICT_NOTE)


@router.get("/pseudonymiser")
def pseudonym_page(request: Request) -> Response:
    return page(request, "pseudonym.html.j2", title="Texte pour une IA", dates=DATE_CHOICES, chosen="balises")


@router.post("/pseudonymiser")
async def pseudonymise(request: Request) -> Response:
    from gardien.pseudonym import engine

    form = await read_form(request, TEXT_FORM)
    text, chosen = form.text("texte"), form.text("dates", "balises")
    limits.check_text_length(text)
    names = [n.strip() for n in form.text("nom").split(",") if n.strip()]
    result = None
    if text.strip():
        options = engine.Options(patient_names=names, dates=chosen if chosen in DATE_CHOICES else "balises")
        result = await run_in_threadpool(engine.pseudonymise, text, options)
        request.app.state.mapping = dict(result.mapping)
    return page(request, "pseudonym.html.j2", fragment="parts/pseudonym_result.html.j2", title="Texte pour une IA",
                dates=DATE_CHOICES, chosen=chosen, result=result, empty=not text.strip())


@router.post("/reidentifier")
async def reidentify(request: Request) -> Response:
    from gardien.pseudonym.reidentify import reidentify as put_back

    form = await read_form(request, TEXT_FORM)
    answer = form.text("reponse")
    mapping = request.app.state.mapping
    restored = put_back(answer, mapping) if answer.strip() and mapping else None
    return page(request, "pseudonym.html.j2", fragment="parts/reidentified.html.j2", title="Texte pour une IA",
                dates=DATE_CHOICES, chosen="balises", restored=restored, no_mapping=not mapping, empty=not answer.strip())
