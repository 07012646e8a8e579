"""Cutting the computer off the network, without powering it off (references.md INC-01: « déconnecter la machine du
réseau […] la maintenir sous tension »).

What a program may do without administrator rights differs by system, and is said as it is:
- Linux: NetworkManager lets the person at the computer switch networking off (`nmcli networking off`): cable and
  Wi-Fi at once, no password on a usual desktop;
- macOS: turning Wi-Fi off (`networksetup -setairportpower`) needs no password; a cable has to be unplugged by hand;
- Windows: disconnecting Wi-Fi (`netsh wlan disconnect`) needs no rights, but it may reconnect by itself; disabling
  the network cards (`netsh interface set interface … disable`) needs administrator rights: unplug the cable.
Unplugging the cable and switching Wi-Fi off by hand is always the surest way; the instruction says so first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from gardien.compat import current_platform
from gardien.explain import reason

TIMEOUT_S = 15


@dataclass(frozen=True)
class Action:
    label: str  # French, what it does
    argv: tuple[str, ...]
    needs_admin: bool


@dataclass(frozen=True)
class CutResult:
    done: tuple[str, ...]  # what Gardien did
    failed: tuple[str, ...]  # what it tried and could not do, with why
    by_hand: tuple[str, ...]  # what is left to the person

    @property
    def anything_done(self) -> bool:
        return bool(self.done)

    def summary(self) -> str:
        """What happened, as it happened: the emergency journal is read by police and insurer (review r24: a cut
        asked but impossible read as if Gardien had cut the network)."""
        parts = []
        if self.done:
            parts.append("Fait par Gardien : " + " ; ".join(self.done) + ".")
        else:
            parts.append("Gardien n'a rien coupé lui-même.")
        if self.failed:
            parts.append("Pas pu : " + " ; ".join(self.failed) + ".")
        if self.by_hand:
            parts.append("À faire vous-même : " + " ; ".join(self.by_hand) + ".")
        return " ".join(parts)


ASKED = "Coupure du réseau demandée depuis Gardien."
AUTOMATIC = "Coupure automatique du réseau (choisie à l'installation de la veille)."


def journal_entry(result: CutResult, asked: str = ASKED) -> tuple[str, dict[str, list[str]]]:
    """The emergency journal's text and details for a cut: asked how, then what was done and what was not."""
    return f"{asked} {result.summary()}", {"fait": list(result.done), "echecs": list(result.failed)}


HAND_CABLE = "débranchez le câble réseau (la prise qui ressemble à une grosse prise de téléphone) s'il y en a un"
HAND_WIFI = "vérifiez que le Wi-Fi est coupé (icône du réseau, en haut ou en bas de l'écran)"


def _macos_wifi_devices() -> list[str]:
    try:
        listing = subprocess.run(["networksetup", "-listallhardwareports"], capture_output=True, text=True,
                                 timeout=TIMEOUT_S, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return re.findall(r"Hardware Port: (?:Wi-Fi|AirPort)\s*\nDevice: (\S+)", listing)


def actions(platform: str | None = None) -> tuple[list[Action], list[str]]:
    """What Gardien can run on this system, and what it cannot (said in French, for the person to do)."""
    platform = platform or current_platform() or ""
    if platform == "linux":
        if shutil.which("nmcli"):
            return [Action("réseau coupé (câble et Wi-Fi) par NetworkManager", ("nmcli", "networking", "off"), False)], []
        return [], ["coupez le Wi-Fi depuis l'icône du réseau", HAND_CABLE]
    if platform == "macos":
        devices = _macos_wifi_devices() or ["en0"]
        return ([Action(f"Wi-Fi coupé ({device})", ("networksetup", "-setairportpower", device, "off"), False) for device in devices],
                [HAND_CABLE])
    if platform == "windows":
        return ([Action("Wi-Fi déconnecté", ("netsh", "wlan", "disconnect"), False)],
                [HAND_CABLE + " : le couper depuis Windows demande les droits d'administrateur",
                 "coupez le Wi-Fi dans le centre de notifications (il peut se reconnecter seul)"])
    return [], ["coupez le Wi-Fi", HAND_CABLE]


def cut(platform: str | None = None) -> CutResult:
    """Run what needs no administrator rights; return what was done and what is left to do by hand."""
    planned, by_hand = actions(platform)
    done, failed = [], []
    for action in planned:
        try:
            result = subprocess.run(list(action.argv), capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except FileNotFoundError:
            why = "outil absent de cet ordinateur"
        except subprocess.TimeoutExpired:
            why = f"pas de réponse en {TIMEOUT_S} secondes"
        except OSError as exc:
            why = reason(exc)
        else:
            if result.returncode == 0:
                done.append(action.label)
                continue
            why = "droits refusés" if "not authorized" in (result.stderr or "").lower() else f"code {result.returncode}"
        failed.append(f"{action.label.split(' (')[0]} ({why})")
    if not any("Wi-Fi" in item for item in by_hand):
        by_hand = [HAND_WIFI if done else HAND_WIFI.replace("vérifiez que le Wi-Fi est coupé", "coupez le Wi-Fi"), *by_hand]
    return CutResult(tuple(done), tuple(failed), tuple(dict.fromkeys(by_hand)))


def restore_hint(platform: str | None = None) -> str:
    """How to get the network back once the computer is clean (said, not done: only after the expert's go-ahead)."""
    platform = platform or current_platform() or ""
    if platform == "linux":
        return "Pour rétablir le réseau, une fois l'ordinateur déclaré sain : icône du réseau > activer le réseau."
    if platform == "macos":
        return "Pour rétablir le réseau, une fois l'ordinateur déclaré sain : rallumez le Wi-Fi depuis la barre des menus."
    return "Pour rétablir le réseau, une fois l'ordinateur déclaré sain : rebranchez le câble, rallumez le Wi-Fi."
