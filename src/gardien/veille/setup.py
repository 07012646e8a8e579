"""Turning the watcher on and off: the folders chosen, the service installed at logon, the witness files removed."""

from __future__ import annotations

from dataclasses import dataclass

from gardien.errors import GardienError
from gardien.veille import canary, config, service, watcher


def enable(folders: list[str] | None = None, auto_cut: bool = False, suspend: bool = False) -> tuple[config.WatchConfig, str]:
    """Save what to watch and start the service; returns the configuration and where the service is registered."""
    folders = folders or config.default_folders()
    if not folders:
        raise GardienError(config.no_default_said(), config.no_default_said(web=True))
    chosen = config.WatchConfig(config.checked_folders(folders), auto_cut, suspend)
    config.save(chosen)
    service.stop_running()  # a watcher of the previous settings
    where = service.install()
    return chosen, where


@dataclass(frozen=True)
class Disabled:
    """What turning the watch off removed: the service's pieces, as said, and how many witness files."""

    service: list[str]
    witnesses: int

    @property
    def said(self) -> list[str]:
        """Everything removed, in words (« 8 fichiers témoins »); empty when the watch was not installed."""
        count = self.witnesses
        return self.service + ([f"{count} fichier{'s' if count > 1 else ''} témoin{'s' if count > 1 else ''}"] if count else [])


def disable() -> Disabled:
    """Stop the service, remove it and the witness files; returns what was removed. Its status stays only when it
    holds her last alert or programs still paused (watcher.forget_status): `gardien veille desinstaller` says so."""
    removed = Disabled(service.uninstall(), canary.remove())
    config.remove()
    watcher.forget_status()
    return removed
