"""What Gardien gathers on macOS, without admin rights. Commands run with LC_ALL=C."""

from __future__ import annotations

from gardien.probes import readers
from gardien.probes.base import Probe

XPROTECT = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist"

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
)
