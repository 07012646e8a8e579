"""What Gardien gathers on Linux, without admin rights. Commands run with LC_ALL=C."""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path

from gardien.probes import readers
from gardien.probes.base import Probe


def _user() -> str:
    return getpass.getuser()


def _gsettings(schema: str) -> tuple[str, ...]:
    return ("gsettings", "list-recursively", schema)


DNF_CACHES = ("/var/cache/dnf", "/var/cache/libdnf5")


def dnf_metadata_dates() -> str:
    """`path<TAB>ISO date` of each repository's metadata in dnf's cache (dnf 4 and dnf 5): when dnf last refreshed it."""
    lines = []
    for cache in DNF_CACHES:
        for repomd in sorted(Path(cache).glob("*/repodata/repomd.xml")):
            stamp = datetime.fromtimestamp(repomd.stat().st_mtime).isoformat(timespec="seconds")
            lines.append(f"{repomd}\t{stamp}")
    return "\n".join(lines)


SDDM_FILES = ("/etc/sddm.conf",)
SDDM_FOLDERS = ("/etc/sddm.conf.d", "/usr/lib/sddm/sddm.conf.d")


def sddm_configuration() -> str:
    """SDDM's configuration files, one after the other (KDE's login screen: automatic login lives there)."""
    files = [Path(f) for f in SDDM_FILES] + [f for d in SDDM_FOLDERS for f in sorted(Path(d).glob("*.conf"))]
    found = [f for f in files if f.is_file()]
    if not found:
        raise FileNotFoundError("sddm")
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in found)


PROBES = (
    Probe("desktop_session", read=readers.desktop_session),
    Probe("gdm_conf", read=readers.read_file("/etc/gdm3/custom.conf")),
    Probe("gdm_conf_fedora", read=readers.read_file("/etc/gdm/custom.conf")),
    Probe("gsettings_screensaver", _gsettings("org.gnome.desktop.screensaver")),
    Probe("gsettings_session", _gsettings("org.gnome.desktop.session")),
    Probe("gsettings_media", _gsettings("org.gnome.desktop.media-handling")),
    Probe("gsettings_dejadup", _gsettings("org.gnome.DejaDup")),
    Probe("kscreenlockerrc", read=readers.read_file("~/.config/kscreenlockerrc")),
    Probe("lsblk", ("lsblk", "--json", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT,TRAN,HOTPLUG,LABEL,SIZE")),
    Probe("apt_upgradable", ("apt", "list", "--upgradable")),
    Probe("apt_lists_date", read=readers.file_dates(["/var/lib/apt/periodic/update-success-stamp", "/var/lib/apt/lists"])),
    # --cacheonly: never reach the network during an audit
    Probe("dnf_check_update", ("dnf", "check-update", "--cacheonly", "--quiet")),
    Probe("dnf_metadata_date", read=dnf_metadata_dates),
    Probe("dpkg_log", read=readers.read_file("/var/log/dpkg.log")),
    Probe("apt_config", ("apt-config", "dump")),
    Probe("unattended_upgrades", ("dpkg-query", "-W", "-f=${Status}\n", "unattended-upgrades")),
    Probe("dnf_automatic", ("systemctl", "status", "dnf-automatic-install.timer", "--no-pager", "--lines=0")),
    Probe("ufw_status", ("ufw", "status")),
    Probe("ufw_conf", read=readers.read_file("/etc/ufw/ufw.conf")),
    Probe("firewalld", ("systemctl", "status", "firewalld.service", "--no-pager", "--lines=0")),
    Probe("nmcli_wifi", ("nmcli", "-t", "-f", "IN-USE,BSSID,SSID,MODE,CHAN,RATE,SIGNAL,BARS,SECURITY",
                         "device", "wifi", "list", "--rescan", "no")),
    Probe("nmcli_active", ("nmcli", "-t", "-f", "TYPE", "connection", "show", "--active")),
    Probe("passwd_status", lambda: ("passwd", "-S", _user())),
    Probe("id_groups", ("id", "-Gn")),
    Probe("id_user", ("id", "-un")),
    Probe("passwd_file", read=readers.read_file("/etc/passwd")),
    Probe("lightdm_conf", read=readers.read_file("/etc/lightdm/lightdm.conf")),
    Probe("sddm_conf", read=sddm_configuration),
    Probe("os_release", read=readers.read_file("/etc/os-release")),
    Probe("fprintd", lambda: ("fprintd-list", _user())),
    Probe("applications", read=readers.linux_applications),
    Probe("clamav_db", read=readers.file_dates(["/var/lib/clamav/daily.cld", "/var/lib/clamav/daily.cvd"])),
    Probe("backup_traces", read=readers.backup_traces),
    Probe("gardien_sauvegarde", read=readers.gardien_backup_status),
    Probe("desktop_documents", read=readers.desktop_documents),
)
