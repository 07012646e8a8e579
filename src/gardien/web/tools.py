"""Password, suspicious e-mail and pseudonymiser pages.

What is typed or sent here (a password, an e-mail, a patient's letter) stays in memory for the time of the
request: nothing is written to disk or logged. The only thing kept is the pseudonymiser's correspondence, in
the server's memory, one per text prepared (the last 20), so that each AI answer is re-identified with its own
text's correspondence; it disappears when Gardien stops.
"""

from __future__ import annotations

import threading
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gardien import limits
from gardien.web.forms import SMALL_FORM, read_form
from gardien.web.render import page

router = APIRouter()
MAIL_FORM = limits.MAIL_FORM_BYTES  # an e-mail with attachments; larger ones are refused (413) before being read
TEXT_FORM = limits.TEXT_FORM_BYTES
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
    from gardien.passwords import generate, strength
    from gardien.passwords.advice import topics

    form = await read_form(request, SMALL_FORM)
    random_kind = form.text("genre") == "aleatoire"
    generated = generate.random_password() if random_kind else generate.passphrase()
    return page(request, "password.html.j2", fragment="parts/password_generated.html.j2", title="Mot de passe",
                topics=topics(), generated=generated, random_kind=random_kind, solidity=strength.solidity,
                note=strength.CNIL_NOTE)  # what the number means, as the checker says it (walkthrough round 16)


@router.get("/mail")
def mail_page(request: Request) -> Response:
    return page(request, "mail.html.j2", title="E-mail suspect")


@router.post("/mail/analyser")
async def analyse_mail(request: Request) -> Response:
    from gardien.mail.analyze import PASTED_NOTE, REFLEXES, VERDICT_NOTE, analyse
    from gardien.mail.compare import unusable_reference
    from gardien.mail.not_a_mail import refusal
    from gardien.mail.pasted import parse_any

    form = await read_form(request, MAIL_FORM)
    name, data = form.files.get("fichier", ("", b""))
    if not name:  # no file chosen: the text pasted in the box
        data = form.text("source").encode("utf-8")
    text_set_aside = bool(name and form.text("source").strip())  # both given: the file is analysed, and she is told
    reference_name, reference_data = form.files.get("reference", ("", b""))
    if not reference_name:  # no earlier file: its text or source pasted (walkthrough, round 17)
        reference_data = form.text("reference_source").encode("utf-8")
    analysis = None
    # a file that is empty or no mail (a PDF, a photo) is said, not judged; so is such an earlier message
    refused = refusal(data) if name else None
    if not refused and reference_name and (why := refusal(reference_data)):
        refused = f"Ancien message ({reference_name}) : {why}"
    if data.strip() and not refused:  # parsing a large message is work too: off the event loop, like the analysis
        def work():
            genuine = parse_any(reference_data) if reference_data.strip() else None
            if genuine is not None and (why := unusable_reference(genuine)):  # no sender: not « le message authentique »
                return None, f"Ancien message ({reference_name}) : {why}" if reference_name else f"Ancien message : {why}"
            return analyse(parse_any(data), genuine), None

        analysis, refused = await run_in_threadpool(work)
    return page(request, "mail.html.j2", fragment="parts/mail_result.html.j2", title="E-mail suspect",
                analysis=analysis, name=name, reference_name=reference_name, reflexes=REFLEXES, notes=VERDICT_NOTE,
                pasted_note=PASTED_NOTE, refused=refused, text_set_aside=text_set_aside)


KEPT_TEXTS = 20  # the correspondences one session keeps in memory; older ones are forgotten first


def _kept(request: Request) -> list:
    return request.app.state.mappings


def _pseudonym_page(request: Request, fragment: str | None = None, **values) -> Response:
    values.setdefault("chosen", "balises")
    # an htmx answer also refreshes the list of prepared texts of step 2 (out-of-band swap)
    values.setdefault("oob", request.headers.get("hx-request") == "true")
    return page(request, "pseudonym.html.j2", fragment=fragment, title="Texte pour une IA", dates=DATE_CHOICES,
                kept=_kept(request), **values)


@router.get("/pseudonymiser")
def pseudonym_page(request: Request) -> Response:
    from gardien.pseudonym import names

    # the language model takes seconds to load: start now, while the practitioner pastes her letter
    threading.Thread(target=names.warm_up, daemon=True).start()
    return _pseudonym_page(request)


@router.post("/pseudonymiser")
async def pseudonymise(request: Request) -> Response:
    from gardien.pseudonym import engine
    from gardien.pseudonym.reidentify import Kept

    form = await read_form(request, TEXT_FORM)
    text, chosen = form.text("texte"), form.text("dates", "balises")
    limits.check_text_length(text)
    names = [n.strip() for n in form.text("nom").split(",") if n.strip()]
    result, document = None, None
    if text.strip():
        options = engine.Options(patient_names=names, dates=chosen if chosen in DATE_CHOICES else "balises")
        result = await run_in_threadpool(engine.pseudonymise, text, options)
        kept = _kept(request)
        number = (kept[-1].number + 1) if kept else 1
        document = Kept.of(number, dict(result.mapping), result.text, datetime.now().strftime("%H:%M"))
        kept.append(document)
        del kept[:-KEPT_TEXTS]
    return _pseudonym_page(request, "parts/pseudonym_result.html.j2", chosen=chosen, result=result, document=document,
                           empty=not text.strip())


@router.post("/reidentifier")
async def reidentify(request: Request) -> Response:
    from gardien.pseudonym.reidentify import Mismatch, UnknownMarkers, choose, unknown_in
    from gardien.pseudonym.reidentify import reidentify as put_back

    form = await read_form(request, TEXT_FORM)
    answer = form.text("reponse")
    chosen = form.text("texte_numero", "auto")
    leave_unknown = form.text("laisser_inconnus") == "oui"  # her answer to the offer below a refusal
    kept = _kept(request)
    restored, document, refusal, offer, left = None, None, None, None, []
    if answer.strip() and kept:
        try:
            document = choose(answer, kept, int(chosen) if chosen.isdigit() else None, leave_unknown)
            restored = put_back(answer, document.mapping)
            left = unknown_in(answer, kept)
        except UnknownMarkers as exc:
            refusal, offer = exc.web_message, exc
        except Mismatch as exc:
            refusal = exc.web_message
    return _pseudonym_page(request, "parts/reidentified.html.j2", restored=restored, document=document, refusal=refusal,
                           offer=offer, left=left, answer=answer, no_mapping=not kept, empty=not answer.strip(),
                           already_open=request.app.state.already_open)
