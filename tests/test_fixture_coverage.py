"""Every recorded output of ../shared/fixtures is either read by a parser or set aside with a reason."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, fixture_names, fixture_text

from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

PARSED = {
    "linux/apt-list-upgradable.txt": lx.parse_apt_upgradable,
    "linux/dnf-check-update.txt": lambda t: lx.parse_dnf_check_update(t, 100),
    "linux/gsettings-list-recursively.org.gnome.desktop.screensaver.txt": lx.parse_gsettings,
    "linux/gsettings-list-recursively.org.gnome.desktop.session.txt": lx.parse_gsettings,
    "linux/gsettings-list-recursively.org.gnome.settings-daemon.plugins.power.txt": lx.parse_gsettings,
    "linux/gsettings-list-recursively.simple.txt": lx.parse_gsettings,
    "linux/lsblk-o-NAME-SIZE-FSTYPE-MOUNTPOINT.fedora44-fr-luks-btrfs.txt": lx.parse_lsblk,
    "linux/nmcli-f-all-dev-wifi-list.multiline.txt": lx.parse_nmcli_wifi_multiline,
    "linux/nmcli-t-dev-wifi-list.txt": lx.parse_nmcli_wifi_terse,
    "linux/systemctl-status-firewalld.disabled-active.txt": lx.parse_systemctl_status,
    "linux/systemctl-status-firewalld.enabled-active.txt": lx.parse_systemctl_status,
    "linux/ufw-status.active.txt": lx.parse_ufw_status,
    "linux/ufw-status.inactive.txt": lx.parse_ufw_status,
    "macos/bioutil-r-c.kolide-488.txt": mac.parse_bioutil,
    "macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-keys-absent.txt": mac.parse_defaults_plist,
    "macos/defaults-read-com.apple.SoftwareUpdate.10.15.7-string-YES-3-pending.txt": mac.parse_defaults_plist,
    "macos/diskutil-info.usb-flash-whole-disk-fixed.txt": mac.parse_diskutil_info,
    "macos/dscl-read-groups-admin-GroupMembership.root-plus-one.txt": mac.parse_dscl_group_membership,
    "macos/fdesetup-status.off-restart-pending-deferred.txt": mac.parse_fdesetup_status,
    "macos/fdesetup-status.on-plain.txt": mac.parse_fdesetup_status,
    "macos/scutil-nc-list.header-only-ikev2-not-listed.txt": mac.parse_scutil_nc_list,
    "macos/scutil-nc-list.header-only-wireguard-configs-unregistered.txt": mac.parse_scutil_nc_list,
    "macos/scutil-nc-list.l2tp-disconnected.txt": mac.parse_scutil_nc_list,
    "macos/sw_vers.10.13-mac-os-x.txt": mac.parse_sw_vers,
    "macos/sw_vers.13.3.1-rsr-extra.txt": mac.parse_sw_vers,
    "macos/system_profiler-SPSoftwareDataType.10.10.5.txt": mac.parse_system_profiler_software,
    "macos/system_profiler-SPSoftwareDataType.15.3-vm.txt": mac.parse_system_profiler_software,
    "macos/diskutil-apfs-list-plist.txt": mac.parse_apfs_list,
    "macos/fdesetup-status.on-with-master-keychain.txt": mac.parse_fdesetup_status,
    "macos/pmset-g-custom.txt": mac.parse_pmset_custom,
    "macos/socketfilterfw-getglobalstate-etc.data.txt": mac.parse_socketfilterfw_state,
    "macos/socketfilterfw-getglobalstate-getblockall-getallowsigned-getstealthmode.stealth-error.txt": mac.parse_socketfilterfw_state,
    "macos/socketfilterfw-getglobalstate.state2-block-all.txt": mac.parse_socketfilterfw_state,
    "macos/softwareupdate-l.beta-update.scan.txt": mac.parse_softwareupdate_list,
    "macos/softwareupdate-l.error.scan.txt": mac.parse_softwareupdate_list,
    "macos/softwareupdate-l.multiple-updates.noscan.txt": mac.parse_softwareupdate_list,
    "macos/softwareupdate-l.no-update.noscan.txt": mac.parse_softwareupdate_list,
    "macos/softwareupdate-l.no-update.scan.txt": mac.parse_softwareupdate_list,
    "macos/softwareupdate-l.update-available.noscan.txt": mac.parse_softwareupdate_list,
    "macos/softwareupdate-l.update-available.scan.txt": mac.parse_softwareupdate_list,
    "macos/sudo-sysadminctl-guestAccount-off.already-disabled.txt": mac.parse_sysadminctl_guest,
    "macos/sysadminctl-guestAccount-status.disabled.txt": mac.parse_sysadminctl_guest,
    "macos/sysadminctl-screenLock-immediate.unknown-state-0.txt": mac.parse_sysadminctl_screenlock,
    "macos/sysadminctl-screenLock-status.delay-300-seconds.txt": mac.parse_sysadminctl_screenlock,
    "macos/sysadminctl-screenLock-status.delay-5-seconds.txt": mac.parse_sysadminctl_screenlock,
    "macos/sysadminctl-screenLock-status.immediate.txt": mac.parse_sysadminctl_screenlock,
    "macos/sysadminctl-screenLock-status.off.txt": mac.parse_sysadminctl_screenlock,
    "macos/system_profiler-json-SPAirPortDataType.mac-sp_12.7.2-AP.txt": mac.parse_airport_profile,
    "macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5-on-iPhone.txt": mac.parse_airport_profile,
    "macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5-wifi-disabled.txt": mac.parse_airport_profile,
    "macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5-wpa2-en.txt": mac.parse_airport_profile,
    "macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5.txt": mac.parse_airport_profile,
    "macos/tmutil-destinationinfo.multiple.txt": mac.parse_tmutil_destinationinfo,
    "macos/tmutil-destinationinfo.network.txt": mac.parse_tmutil_destinationinfo,
    "macos/tmutil-destinationinfo.not-configured.txt": mac.parse_tmutil_destinationinfo,
    "windows/get-bitlockervolume-fl.fully-encrypted-protection-off.txt": w.parse_bitlocker_volume,
    "windows/get-ciminstance-securitycenter2-antivirusproduct.bitdefender-plus-defender-off.txt": w.parse_antivirus_products,
    "windows/get-ciminstance-securitycenter2-antivirusproduct.defender-only.txt": w.parse_antivirus_products,
    "windows/get-ciminstance-securitycenter2-antivirusproduct.sentinelone-plus-defender-off.txt": w.parse_antivirus_products,
    "windows/get-hotfix-select-hotfixid-installedon.de.txt": w.parse_hotfix_dates,
    "windows/get-hotfix.es-latam-dates.txt": w.parse_hotfix_dates,
    "windows/get-localuser.en.guest-enabled.txt": w.parse_local_users,
    "windows/get-localuser.en.server2022-guest-disabled.txt": w.parse_local_users,
    "windows/get-localuser.fr.administrateur-invite.txt": w.parse_local_users,
    "windows/get-mpcomputerstatus.en.2025.txt": w.parse_mp_computer_status,
    "windows/get-mpcomputerstatus.en.win11-2022.txt": w.parse_mp_computer_status,
    "windows/manage-bde-status.en.fully-encrypted-protection-on.txt": w.parse_manage_bde_status,
    "windows/manage-bde-status.en.used-space-only-protection-off.txt": w.parse_manage_bde_status,
    "windows/manage-bde-status.fr.used-space-only-protection-on.txt": w.parse_manage_bde_status,
    "windows/netsh-advfirewall-show-allprofiles.fr.txt": w.parse_netsh_firewall,
    "windows/netsh-advfirewall-show-currentprofile.en.off.txt": w.parse_netsh_firewall,
    "windows/netsh-advfirewall-show-currentprofile.fr.public.txt": w.parse_netsh_firewall,
    "windows/netsh-wlan-show-interfaces.en.txt": w.parse_netsh_wlan_interfaces,
    "windows/netsh-wlan-show-interfaces.fr.txt": w.parse_netsh_wlan_interfaces,
    "windows/powercfg-q.en.consolelock-visible.txt": w.parse_powercfg_setting,
    "windows/powercfg-q.fr.hibernateidle.txt": w.parse_powercfg_setting,
    "windows/reg-query-hkcu-control-panel-desktop-ScreenSaveTimeOut.0.en.txt": w.reg_values,
    "windows/reg-query-hkcu-control-panel-desktop-ScreenSaveTimeOut.absent.en.txt": w.reg_values,
    "windows/reg-query-hkcu-control-panel-desktop-ScreenSaverIsSecure.0.en.txt": w.reg_values,
    "windows/reg-query-hkcu-control-panel-desktop-ScreenSaverIsSecure.absent.en.txt": w.reg_values,
    "windows/whoami-groups.en.domain-admin-high-table.txt": w.parse_whoami_groups,
    "windows/whoami-groups.en.standard-user-medium-table.txt": w.parse_whoami_groups,
    "windows/whoami-groups.fr.system-table.txt": w.parse_whoami_groups,
}
# Outputs whose text is recognised as "cannot tell" on purpose (an error, an unknown state).
EXPECTED_UNKNOWN = {
    "macos/softwareupdate-l.error.scan.txt",
    "macos/sysadminctl-screenLock-immediate.unknown-state-0.txt",
    # Get-HotFix's own table shows dates in the regional format: the probe writes yyyy-MM-dd itself
    "windows/get-hotfix-select-hotfixid-installedon.de.txt",
    "windows/get-hotfix.es-latam-dates.txt",
}
SET_ASIDE = {
    "linux/cryptsetup-status.error.txt": "needs root; lsblk shows the LUKS layers without it",
    "linux/cryptsetup-status.inactive.txt": "needs root; lsblk shows the LUKS layers without it",
    "linux/cryptsetup-status.luks1-active.txt": "needs root; lsblk shows the LUKS layers without it",
    "linux/cryptsetup-status.luks2-active.txt": "needs root; lsblk shows the LUKS layers without it",
    "linux/cryptsetup-status.plain-active.txt": "needs root; lsblk shows the LUKS layers without it",
    "macos/airport-I.deprecated-14.4.txt": "airport is gone since macOS 14.4: system_profiler is read instead",
    "macos/airport-I.txt": "airport is gone since macOS 14.4: system_profiler is read instead",
    "macos/defaults-read-com.apple.alf-globalstate.txt": "the ALF plist is absent on macOS 15+: socketfilterfw is read",
    "macos/socketfilterfw-listapps.txt": "the list of allowed apps is not judged",
    "macos/sudo-wdutil-info.mac-wdutil-nosignal-en.txt": "wdutil needs sudo: the audit asks for no admin rights",
    "macos/sudo-wdutil-info.mac-wdutil-output.txt": "wdutil needs sudo: the audit asks for no admin rights",
    "macos/sudo-wdutil-info.macOS12-wdutil-2.4GHz-en.txt": "wdutil needs sudo: the audit asks for no admin rights",
    "macos/sudo-wdutil-info.macOS15-wdutil-5GHz-en.txt": "wdutil needs sudo: the audit asks for no admin rights",
    "windows/netsh-wlan-show-networks-mode-bssid.en.txt": "networks in range are not judged, only the one in use",
    "windows/netsh-wlan-show-networks-mode-bssid.fr.txt": "networks in range are not judged, only the one in use",
    "windows/netsh-wlan-show-profile-name.en.txt": "saved profiles are not judged, only the network in use",
    "windows/netsh-wlan-show-profile-name.fr.txt": "saved profiles are not judged, only the network in use",
    "windows/netsh-wlan-show-profiles.en.txt": "saved profiles are not judged, only the network in use",
    "windows/netsh-wlan-show-profiles.fr.txt": "saved profiles are not judged, only the network in use",
    "windows/powercfg-a.fr.txt": "available sleep states are not judged; CONSOLELOCK and STANDBYIDLE are",
}
ALL = [f"{os_name}/{name}" for os_name in ("linux", "macos", "windows") for name in fixture_names(os_name)]


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures absent")
def test_every_fixture_is_parsed_or_set_aside_with_a_reason():
    assert set(ALL) == set(PARSED) | set(SET_ASIDE), sorted(set(ALL) ^ (set(PARSED) | set(SET_ASIDE)))
    assert not set(PARSED) & set(SET_ASIDE)


@pytest.mark.parametrize("name", sorted(PARSED))
def test_every_parsed_fixture_parses(name):
    text = fixture_text(name)
    if name in EXPECTED_UNKNOWN:
        with pytest.raises(UnknownFormat):
            PARSED[name](text)
    else:
        PARSED[name](text)
