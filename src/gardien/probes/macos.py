"""What Gardien gathers on macOS, without admin rights. Commands run with LC_ALL=C."""

from __future__ import annotations

import time

from gardien.parsers import UnknownFormat
from gardien.parsers.macos import END_MARK, SECTION_MARK, external_identifiers
from gardien.probes import readers
from gardien.probes.base import NOT_FOUND, Probe, run_command

XPROTECT = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist"
EXTERNAL_MAX = 16  # disks and volumes asked about, at most
EXTERNAL_DEADLINE_S = 20.0


def external_disks() -> str:
    """`diskutil list -plist external`, then `diskutil info` of each external disk and volume, in one report that
    ends with END_MARK: a report cut short is never read as « nothing plugged »."""
    listing = run_command("external_list", ("diskutil", "list", "-plist", "external"))
    if listing.error == NOT_FOUND:
        raise FileNotFoundError("diskutil")
    if listing.error or listing.returncode != 0:
        raise OSError(f"diskutil list : {listing.error or listing.returncode}")
    try:
        identifiers = external_identifiers(listing.stdout)[:EXTERNAL_MAX]
    except UnknownFormat:
        identifiers = []
    parts = [f"{SECTION_MARK}diskutil list -plist external", listing.stdout.strip()]
    deadline = time.monotonic() + EXTERNAL_DEADLINE_S
    for identifier in identifiers:
        if time.monotonic() > deadline:
            return "\n".join(parts) + "\n"  # no end mark: the check says it cannot tell
        info = run_command("external_info", ("diskutil", "info", identifier))
        parts += [f"{SECTION_MARK}diskutil info {identifier}", info.stdout.strip() if not info.error and info.returncode == 0 else ""]
    parts.append(END_MARK)
    return "\n".join(parts) + "\n"


PROBES = (
    Probe("screenlock", ("sysadminctl", "-screenLock", "status")),
    Probe("screensaver_idle", ("defaults", "-currentHost", "read", "com.apple.screensaver", "idleTime")),
    Probe("pmset", ("pmset", "-g", "custom")),
    Probe("autologin", ("defaults", "read", "/Library/Preferences/com.apple.loginwindow", "autoLoginUser")),
    Probe("guest", ("sysadminctl", "-guestAccount", "status")),
    Probe("fdesetup", ("fdesetup", "status")),
    Probe("apfs", ("diskutil", "apfs", "list", "-plist")),
    Probe("socketfilterfw", ("/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate")),
    Probe("softwareupdate", ("softwareupdate", "--list", "--no-scan"), timeout=20),
    # `defaults read`, not `plutil -convert json`: JSON has no date type and plutil refuses this file's dates
    Probe("softwareupdate_prefs", ("defaults", "read", "/Library/Preferences/com.apple.SoftwareUpdate")),
    Probe("xprotect", read=readers.file_dates([XPROTECT])),
    Probe("gatekeeper", ("spctl", "--status")),
    Probe("id_groups", ("id", "-Gn")),
    Probe("id_user", ("id", "-un")),
    Probe("admin_group", ("dscl", ".", "-read", "/Groups/admin", "GroupMembership")),
    Probe("sw_vers", ("sw_vers",)),
    Probe("sp_software", ("system_profiler", "SPSoftwareDataType"), timeout=20),
    Probe("users", ("dscl", ".", "-list", "/Users", "UniqueID")),
    Probe("tm_destinations", ("tmutil", "destinationinfo")),
    Probe("tm_latest", ("tmutil", "latestbackup")),
    Probe("airport", ("system_profiler", "-json", "SPAirPortDataType"), timeout=20),
    Probe("vpn", ("scutil", "--nc", "list")),
    Probe("bioutil_config", ("bioutil", "-r")),
    Probe("bioutil_count", ("bioutil", "-c")),
    Probe("applications", read=readers.mac_applications),
    Probe("backup_traces", read=readers.backup_traces),
    Probe("gardien_sauvegarde", read=readers.gardien_backup_status),
    Probe("desktop_documents", read=readers.desktop_documents),
    Probe("external_disks", read=external_disks, timeout=30),
)
