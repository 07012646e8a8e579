"""Read a submitted form entirely in memory, within a size limit.

Starlette's own form reader spools uploads above 1 MiB to a temporary file; an uploaded e-mail must never
touch the disk, so forms are read here: the body is capped while it streams in, then parsed by
python-multipart with its in-memory limit raised above the cap.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from python_multipart.multipart import FormParser, parse_options_header
from starlette.requests import Request

from gardien.errors import GardienError
from gardien.limits import KIB, MIB, too_large
from gardien.limits import SMALL_FORM_BYTES as SMALL_FORM

__all__ = ["KIB", "MIB", "SMALL_FORM", "Form", "TooLarge", "read_body", "read_form"]


class TooLarge(GardienError):
    """The request body is over the route's limit (HTTP 413)."""


@dataclass
class Form:
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> every value sent (checkboxes send several)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> (file name, content)
    every_file: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)  # name -> all files (<input multiple>)

    def text(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[-1] if values else default

    def values(self, name: str) -> list[str]:
        return self.fields.get(name, [])

    def file_list(self, name: str) -> list[tuple[str, bytes]]:
        return self.every_file.get(name, [])

    def add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(too_large(limit))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request, limit: int) -> Form:
    body = await read_body(request, limit)
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    form = Form()
    if not body:
        return form
    if content_type == b"application/x-www-form-urlencoded":
        for name, value in parse_qsl(body.decode("ascii", "replace"), keep_blank_values=True):
            form.add(name, value)
        return form
    if content_type != b"multipart/form-data":
        raise GardienError("Formulaire illisible : le navigateur n'a pas envoyé un formulaire.")

    def on_field(item) -> None:
        form.add(item.field_name.decode("utf-8", "replace"), (item.value or b"").decode("utf-8", "replace"))

    def on_file(item) -> None:
        item.file_object.seek(0)
        name = (item.file_name or b"").decode("utf-8", "replace")
        field_name = item.field_name.decode("utf-8", "replace")
        form.files[field_name] = (name, item.file_object.read())
        form.every_file.setdefault(field_name, []).append(form.files[field_name])

    parser = FormParser(
        content_type.decode(), on_field, on_file, boundary=params.get(b"boundary"),
        config={"MAX_MEMORY_FILE_SIZE": limit + 1, "MAX_BODY_SIZE": limit},
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception as exc:  # python-multipart raises several types on a broken body
        raise GardienError("Formulaire illisible : l'envoi a été coupé ou abîmé. Réessayez.") from exc
    return form


def pending_action(request: Request, name: str, token: str, gone: str):
    """The action waiting for its confirmation page (`request.app.state.<name>`), if `token` is its one-time token;
    otherwise `gone` is said (Gardien restarted, or the action was already done)."""
    pending = getattr(request.app.state, name, None)
    if pending is None or not secrets.compare_digest(token, pending.token):
        raise GardienError(gone)
    return pending
