"""Turning the watcher on and off: the folders chosen, the service installed at logon, the witness files removed."""

from __future__ import annotations

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


def disable() -> list[str]:
    """Stop the service, remove it and the witness files; returns what was removed. Its status stays only when it
    holds her last alert or programs still paused (watcher.forget_status): `gardien veille desinstaller` says so."""
    removed = service.uninstall()
    count = canary.remove()
    if count:
        removed.append(f"{count} fichier{'s' if count > 1 else ''} témoin{'s' if count > 1 else ''}")
    config.remove()
    watcher.forget_status()
    return removed
