"""What a check function receives: the probe outputs of one machine, and the time of the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from gardien.core.model import Status
from gardien.probes import base


class CannotTell(Exception):
    """Raised inside a check when a fact cannot be read: the finding becomes `status` with `reason`.

    `reason` is a French sentence shown to the user.
    """

    def __init__(self, reason: str, status: Status = Status.MANUAL) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


_FAILURE_REASONS = {
    base.NOT_FOUND: ("La commande {cmd} n'existe pas sur cet ordinateur : Gardien ne peut pas lire ce réglage.", Status.MANUAL),
    base.PERMISSION: ("Lire ce réglage demande des droits d'administrateur ({cmd}).", Status.MANUAL),
    base.ABSENT: ("L'enregistrement ne contient pas la sortie « {name} ».", Status.MANUAL),
    base.TIMEOUT: ("La commande {cmd} n'a pas répondu à temps : le résultat est inconnu.", Status.ERROR),
    base.FAILED: ("La commande {cmd} n'a pas pu être lancée : le résultat est inconnu.", Status.ERROR),
}


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
        program = out.command.split()[0] if out.command and out.error == base.NOT_FOUND else out.command
        cmd = f"« {program or name} »"
        if out.error:
            template, status = _FAILURE_REASONS.get(out.error, _FAILURE_REASONS[base.FAILED])
            raise CannotTell(template.format(cmd=cmd, name=name), status)
        if out.returncode not in ok_codes:
            if _looks_like_permission(out.text):
                raise CannotTell(f"Lire ce réglage demande des droits d'administrateur ({cmd}).", Status.MANUAL)
            first_line = next((line.strip() for line in out.text.splitlines() if line.strip()), "")
            raise CannotTell(
                f"La commande {cmd} a échoué (code {out.returncode}) : {first_line[:160]}", Status.ERROR
            )
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
