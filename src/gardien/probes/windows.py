"""What Gardien gathers on Windows, without admin rights.

Registry values, CIM numbers, SIDs and enum names are preferred to translated text. Where only
translated text exists (netsh, manage-bde) the parsers know English and French.
"""

from __future__ import annotations

import os

from gardien.parsers.windows import END_MARKER
from gardien.probes import readers
from gardien.probes.base import Probe

POWERSHELL_TIMEOUT_S = 15.0


def _ps(script: str) -> tuple[str, ...]:
    return ("powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", script)


def _system_drive() -> str:
    return os.environ.get("SystemDrive", "C:")


def _ps_probe(name: str, script: str) -> Probe:
    return Probe(name, _ps(script), timeout=POWERSHELL_TIMEOUT_S, c_locale=False)


def _ps_list_probe(name: str, script: str) -> Probe:
    """A PowerShell probe whose honest answer may be "nothing": any error stops it (exit code 1), and it
    prints END_MARKER last, so that an empty or cut-short output is never read as "none"."""
    return _ps_probe(name, f"$ErrorActionPreference = 'Stop'; {script}; '{END_MARKER}'")


def _reg(name: str, *args: str) -> Probe:
    return Probe(name, ("reg", "query", *args), c_locale=False)


UNINSTALL = r"\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"

PROBES = (
    _reg("reg_desktop", r"HKCU\Control Panel\Desktop"),
    _reg("reg_inactivity", r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System", "/v", "InactivityTimeoutSecs"),
    Probe("powercfg_standby", ("powercfg", "/q", "SCHEME_CURRENT", "SUB_SLEEP", "STANDBYIDLE"), c_locale=False),
    # /qh: CONSOLELOCK ("sign in again after sleep") is a hidden setting that plain /q does not list
    Probe("powercfg_consolelock", ("powercfg", "/qh", "SCHEME_CURRENT", "SUB_NONE", "CONSOLELOCK"), c_locale=False),
    _ps_probe("bitlocker_volume", "Get-BitLockerVolume -MountPoint $env:SystemDrive | Format-List"),
    Probe("manage_bde", lambda: ("manage-bde", "-status", _system_drive()), c_locale=False),
    _ps_probe(
        "bitlocker_shell",
        "(New-Object -ComObject Shell.Application).NameSpace($env:SystemDrive + '\\').Self"
        ".ExtendedProperty('System.Volume.BitLockerProtection')",
    ),
    _ps_probe("antivirus_products", "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntivirusProduct | Format-List"),
    _ps_probe("defender", "Get-MpComputerStatus | Format-List"),
    _ps_probe("controlled_folder_access", "(Get-MpPreference).EnableControlledFolderAccess"),
    _reg("reg_system_restore", r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\SystemRestore"),
    _reg("reg_system_restore_policy", r"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\SystemRestore"),
    Probe("firewall", ("netsh", "advfirewall", "show", "allprofiles"), c_locale=False),
    Probe("whoami_groups", ("whoami", "/groups", "/fo", "csv", "/nh"), c_locale=False),
    _reg("reg_winlogon", r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon", "/v", "AutoAdminLogon"),
    _ps_list_probe("local_users", 'Get-LocalUser | ForEach-Object { "{0}`t{1}`t{2}" -f $_.SID.Value, $_.Enabled, $_.Name }'),
    _ps_probe("user_sid", "[System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value"),
    _ps_list_probe(
        "hotfix",
        "Get-HotFix | Where-Object InstalledOn | ForEach-Object { $_.InstalledOn.ToString('yyyy-MM-dd') + ' ' + $_.HotFixID }",
    ),
    _reg("windows_version", r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"),
    _reg("reg_au_policy", r"HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU"),
    _reg("reg_reboot_required", r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired"),
    _reg("reg_wu_ux", r"HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings"),
    _reg("uninstall_hklm", "HKLM" + UNINSTALL, "/s", "/v", "DisplayName"),
    _reg("uninstall_hklm32", r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall", "/s", "/v", "DisplayName"),
    _reg("uninstall_hkcu", "HKCU" + UNINSTALL, "/s", "/v", "DisplayName"),
    _ps_list_probe("appx", "Get-AppxPackage | ForEach-Object Name"),
    Probe("wlan", ("netsh", "wlan", "show", "interfaces"), c_locale=False),
    _ps_list_probe("vpn_adapters", "Get-NetAdapter | Where-Object Status -eq 'Up' | ForEach-Object InterfaceDescription"),
    _ps_list_probe("vpn_connections", "Get-VpnConnection | Where-Object ConnectionStatus -eq 'Connected' | ForEach-Object Name"),
    _reg("autoplay_user", r"HKCU\Software\Microsoft\Windows\CurrentVersion\Explorer\AutoplayHandlers", "/v", "DisableAutoplay"),
    _reg("autorun_policy_hklm", r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer", "/v", "NoDriveTypeAutoRun"),
    _reg("autorun_policy_hkcu", r"HKCU\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer", "/v", "NoDriveTypeAutoRun"),
    _ps_list_probe(
        "removable_drives",
        "$s = New-Object -ComObject Shell.Application; "
        "Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=2' | ForEach-Object { "
        "$_.DeviceID + \"`t\" + $s.NameSpace($_.DeviceID + '\\').Self.ExtendedProperty('System.Volume.BitLockerProtection') }",
    ),
    _reg("office_policies", r"HKCU\Software\Policies\Microsoft\Office\16.0", "/s"),
    _reg("office_vbawarnings", r"HKCU\Software\Microsoft\Office\16.0", "/s", "/v", "VBAWarnings"),
    _reg("office_c2r", r"HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration", "/v", "VersionToReport"),
    # Get-PnpDevice reports "no matching device" as an error: that one is the honest "none"
    _ps_list_probe(
        "biometric_devices",
        "Get-PnpDevice -Class Biometric -PresentOnly -ErrorAction SilentlyContinue | ForEach-Object FriendlyName",
    ),
    Probe("file_history", read=readers.windows_file_history),
    Probe("backup_traces", read=readers.backup_traces),
    Probe("gardien_sauvegarde", read=readers.gardien_backup_status),
    Probe("desktop_documents", read=readers.desktop_documents),
)
