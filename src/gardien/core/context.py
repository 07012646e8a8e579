"""What a check function receives: the probe outputs of one machine, and the time of the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from gardien.core.model import Status
from gardien.probes import base


class CannotTell(Exception):
    """Raised inside a check when a fact cannot be read: the finding becomes `status` with `reason`.

    `reason` is a French sentence shown to the user, free of command names and raw messages; those go to
    `evidence`, for whoever helps her.
    """

    def __init__(self, reason: str, status: Status = Status.MANUAL, evidence: dict | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.evidence = evidence or {}


_FAILURE_REASONS = {
    base.NOT_FOUND: ("L'outil du système qui donne ce réglage n'existe pas sur cet ordinateur : Gardien ne peut pas le lire.", Status.MANUAL),
    base.PERMISSION: ("Lire ce réglage demande des droits d'administrateur.", Status.MANUAL),
    base.ABSENT: ("L'enregistrement ne contient pas la sortie « {name} ».", Status.MANUAL),
    base.TIMEOUT: ("L'outil du système qui donne ce réglage n'a pas répondu à temps : le résultat est inconnu.", Status.ERROR),
    base.FAILED: ("L'outil du système qui donne ce réglage n'a pas pu être lancé : le résultat est inconnu.", Status.ERROR),
}
ADMIN_NEEDED = "Lire ce réglage demande des droits d'administrateur."
TOOL_FAILED = "L'outil du système qui donne ce réglage a signalé une erreur : le résultat est inconnu."


class Context:
    """Raw outputs by probe name, read through `text()` which turns failures into CannotTell."""

    def __init__(self, platform: str, output: Callable[[str], base.RawOutput], now: datetime) -> None:
        self.platform = platform
        self._output = output
        self.now = now

    def output(self, name: str) -> base.RawOutput:
        """The raw output of one probe, whatever happened to it."""
        return self._output(name)

    def text(self, name: str, ok_codes: tuple[int, ...] = (0,)) -> str:
        """The output text of a probe that ran and exited with one of `ok_codes`; CannotTell otherwise."""
        out = self._output(name)
        evidence = {"sortie": name, "commande": out.command}
        if out.error:
            template, status = _FAILURE_REASONS.get(out.error, _FAILURE_REASONS[base.FAILED])
            raise CannotTell(template.format(name=name), status, evidence | {"erreur": out.error})
        if out.returncode not in ok_codes:
            first_line = next((line.strip() for line in out.text.splitlines() if line.strip()), "")
            evidence |= {"code": out.returncode, "message": first_line[:160]}
            if _looks_like_permission(out.text):
                raise CannotTell(ADMIN_NEEDED, Status.MANUAL, evidence)
            raise CannotTell(TOOL_FAILED, Status.ERROR, evidence)
        return out.text

    def optional(self, name: str, ok_codes: tuple[int, ...] = (0,)) -> str | None:
        """Like text(), but None when the fact cannot be read (for facts that only add detail)."""
        try:
            return self.text(name, ok_codes)
        except CannotTell:
            return None


def _looks_like_permission(text: str) -> bool:
    lowered = text.lower()
    return any(
        marker in lowered
        for marker in ("access is denied", "accès refusé", "acces refuse", "permission denied", "need to be root",
                       "requires elevation", "administrator", "administrateur", "0x80041003", "must be run as root")
    )
