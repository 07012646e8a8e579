"""Desktop notifications: notify-send (Linux), osascript (macOS), a toast through PowerShell (Windows)."""

from __future__ import annotations

import shutil
import subprocess

from gardien.compat import current_platform

TIMEOUT_S = 15


def _applescript_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def notification_command(title: str, message: str, platform: str) -> list[str] | None:
    if platform == "linux":
        return ["notify-send", "--app-name=Gardien", title, message] if shutil.which("notify-send") else None
    if platform == "macos":
        return ["osascript", "-e", f"display notification {_applescript_string(message)} with title {_applescript_string(title)}"]
    if platform == "windows":
        script = (
            "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null;"
            "$x = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02);"
            f"$t = $x.GetElementsByTagName('text'); $t.Item(0).AppendChild($x.CreateTextNode({_powershell_string(title)})) > $null;"
            f"$t.Item(1).AppendChild($x.CreateTextNode({_powershell_string(message)})) > $null;"
            "$app = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe';"
            "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($app).Show([Windows.UI.Notifications.ToastNotification]::new($x))"
        )
        return ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script]
    return None


def notify(title: str, message: str) -> bool:
    """Show a notification; False when the system has no way to show one (the caller prints instead)."""
    command = notification_command(title, message, current_platform() or "")
    if command is None:
        return False
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0
