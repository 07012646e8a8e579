"""What Gardien gathers on Linux, without admin rights. Commands run with LC_ALL=C."""

from __future__ import annotations

import getpass

from gardien.probes import readers
from gardien.probes.base import Probe


def _user() -> str:
    return getpass.getuser()


def _gsettings(schema: str) -> tuple[str, ...]:
    return ("gsettings", "list-recursively", schema)


PROBES = (
    Probe("desktop_session", read=readers.desktop_session),
    Probe("gdm_conf", read=readers.read_file("/etc/gdm3/custom.conf")),
    Probe("gdm_conf_fedora", read=readers.read_file("/etc/gdm/custom.conf")),
    Probe("gsettings_screensaver", _gsettings("org.gnome.desktop.screensaver")),
    Probe("gsettings_session", _gsettings("org.gnome.desktop.session")),
    Probe("gsettings_media", _gsettings("org.gnome.desktop.media-handling")),
    Probe("gsettings_dejadup", _gsettings("org.gnome.DejaDup")),
    Probe("kscreenlockerrc", read=readers.read_file("~/.config/kscreenlockerrc")),
    Probe("lsblk", ("lsblk", "--json", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT,TRAN,HOTPLUG")),
    Probe("apt_upgradable", ("apt", "list", "--upgradable")),
    Probe("apt_lists_date", read=readers.file_dates(["/var/lib/apt/periodic/update-success-stamp", "/var/lib/apt/lists"])),
    # --cacheonly: never reach the network during an audit
    Probe("dnf_check_update", ("dnf", "check-update", "--cacheonly", "--quiet")),
    Probe("dpkg_log", read=readers.read_file("/var/log/dpkg.log")),
    Probe("apt_config", ("apt-config", "dump")),
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
    Probe("fprintd", lambda: ("fprintd-list", _user())),
    Probe("applications", read=readers.linux_applications),
    Probe("clamav_db", read=readers.file_dates(["/var/lib/clamav/daily.cld", "/var/lib/clamav/daily.cvd"])),
    Probe("backup_traces", read=readers.backup_traces),
    Probe("gardien_sauvegarde", read=readers.gardien_backup_status),
    Probe("desktop_documents", read=readers.desktop_documents),
)
