"""Every test of the running operating system lives here."""

from __future__ import annotations

import platform
import sys

PLATFORMS = ("linux", "macos", "windows")


def current_platform() -> str | None:
    """Return "linux", "macos" or "windows", or None for a system Gardien does not know."""
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "darwin":
        return "macos"
    if sys.platform in ("win32", "cygwin"):
        return "windows"
    return None


def oem_encoding() -> str | None:
    """The console code page Windows uses for piped command output (cp850 on a French system)."""
    if sys.platform != "win32":
        return None
    import ctypes

    return f"cp{ctypes.windll.kernel32.GetOEMCP()}"


def os_version() -> str:
    """A short human description of the running system, for reports and recordings."""
    if sys.platform.startswith("linux"):
        try:
            return platform.freedesktop_os_release().get("PRETTY_NAME", "Linux")
        except OSError:
            return f"Linux {platform.release()}"
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}"
    if sys.platform == "win32":
        return f"Windows {platform.release()} ({platform.version()})"
    return f"{platform.system()} {platform.release()}"
