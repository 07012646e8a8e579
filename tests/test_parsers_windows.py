"""Windows parsers on the real recorded outputs of ../shared/fixtures/windows (English and French)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import fixture_text

from gardien.parsers import UnknownFormat
from gardien.parsers import windows as w


def test_antivirus_defender_only_is_on_and_up_to_date():
    products = w.parse_antivirus_products(fixture_text("windows/get-ciminstance-securitycenter2-antivirusproduct.defender-only.txt"))
    assert [(p.name, p.enabled, p.up_to_date) for p in products] == [("Windows Defender", True, True)]
    assert products[0].is_defender


@pytest.mark.parametrize(
    "variant, third_party",
    [("bitdefender-plus-defender-off", "Bitdefender Antivirus"), ("sentinelone-plus-defender-off", "Sentinel Agent")],
)
def test_antivirus_third_party_on_beside_disabled_defender(variant, third_party):
    products = w.parse_antivirus_products(
        fixture_text(f"windows/get-ciminstance-securitycenter2-antivirusproduct.{variant}.txt")
    )
    by_name = {p.name: p for p in products}
    assert by_name[third_party].enabled and by_name[third_party].up_to_date
    assert not by_name["Windows Defender"].enabled


@pytest.mark.parametrize("variant", ["en.2025", "en.win11-2022"])
def test_defender_status(variant):
    status = w.parse_mp_computer_status(fixture_text(f"windows/get-mpcomputerstatus.{variant}.txt"))
    assert status.antivirus_enabled and status.real_time_enabled and status.service_enabled
    assert status.signature_age_days == 0
    assert status.signatures_out_of_date is False


def test_manage_bde_english_fully_encrypted_protection_on():
    state = w.parse_manage_bde_status(fixture_text("windows/manage-bde-status.en.fully-encrypted-protection-on.txt"))
    assert (state.encryption, state.protection_on) == ("encrypted", True)


def test_manage_bde_english_encrypted_but_protection_off():
    state = w.parse_manage_bde_status(fixture_text("windows/manage-bde-status.en.used-space-only-protection-off.txt"))
    assert (state.encryption, state.protection_on) == ("encrypted", False)


def test_manage_bde_french_used_space_protection_on():
    state = w.parse_manage_bde_status(fixture_text("windows/manage-bde-status.fr.used-space-only-protection-on.txt"))
    assert (state.encryption, state.protection_on) == ("encrypted", True)


def test_manage_bde_unknown_language_is_unknown():
    # hand-written: a German label Gardien does not read must not be guessed
    with pytest.raises(UnknownFormat):
        w.parse_manage_bde_status("    Schutzstatus:           Der Schutz ist aktiviert.\n")


def test_get_bitlockervolume_fully_encrypted_protection_off():
    state = w.parse_bitlocker_volume(fixture_text("windows/get-bitlockervolume-fl.fully-encrypted-protection-off.txt"))
    assert (state.encryption, state.protection_on) == ("encrypted", False)


@pytest.mark.parametrize("value, expected", [("1", ("encrypted", True)), ("2", ("decrypted", False)), ("6", ("encrypted", True))])
def test_bitlocker_shell_property_known_values(value, expected):
    # hand-written: the probe prints only the number
    state = w.parse_bitlocker_shell_property(value + "\r\n")
    assert (state.encryption, state.protection_on) == expected


@pytest.mark.parametrize("value", ["", "0", "5", "x"])
def test_bitlocker_shell_property_other_values_are_unknown(value):
    with pytest.raises(UnknownFormat):
        w.parse_bitlocker_shell_property(value)


def test_firewall_french_all_profiles_on():
    profiles = w.parse_netsh_firewall(fixture_text("windows/netsh-advfirewall-show-allprofiles.fr.txt"))
    assert profiles == {"domaine": True, "privé": True, "public": True}


def test_firewall_english_current_profile_off():
    assert w.parse_netsh_firewall(fixture_text("windows/netsh-advfirewall-show-currentprofile.en.off.txt")) == {
        "domaine": False
    }


def test_firewall_french_current_profile_public():
    assert w.parse_netsh_firewall(fixture_text("windows/netsh-advfirewall-show-currentprofile.fr.public.txt")) == {
        "public": True
    }


def test_firewall_unknown_language():
    # hand-written German header and state
    with pytest.raises(UnknownFormat):
        w.parse_netsh_firewall("Domänenprofil Einstellungen:\n---\nStatus                                EIN\n")


def test_wlan_interface_english_wpa2():
    links = w.parse_netsh_wlan_interfaces(fixture_text("windows/netsh-wlan-show-interfaces.en.txt"))
    assert links == [w.WifiLink(True, "SSID-1", "WPA2-Personal", False)]


def test_wlan_interface_french_open_network():
    links = w.parse_netsh_wlan_interfaces(fixture_text("windows/netsh-wlan-show-interfaces.fr.txt"))
    assert links == [w.WifiLink(True, "SSID-1", "Ouvrir", True)]


def test_reg_query_value_present_and_absent():
    present = w.reg_values(fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaverIsSecure.0.en.txt"))
    assert present["ScreenSaverIsSecure"].as_int() == 0
    absent = w.reg_values(fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaverIsSecure.absent.en.txt"))
    assert absent == {}


def test_powercfg_french_hibernate_idle():
    assert w.parse_powercfg_setting(fixture_text("windows/powercfg-q.fr.hibernateidle.txt")) == (0, 0x7FFFFFFF)


def test_whoami_groups_reads_sids_whatever_the_language():
    # hand-written in the documented CSV layout, French group names
    text = (
        '"Tout le monde","Groupe bien connu","S-1-1-0","Groupe obligatoire"\r\n'
        '"BUILTIN\\Administrateurs","Alias","S-1-5-32-544","Groupe utilisé pour les refus uniquement"\r\n'
    )
    assert w.ADMINISTRATORS_SID in w.parse_whoami_groups(text)


def test_local_users_and_hotfix_probe_formats():
    # hand-written: the formats our own PowerShell probes print
    users = w.parse_local_users("S-1-5-21-1-2-3-500\tFalse\tAdministrateur\nS-1-5-21-1-2-3-501\tTrue\tInvité\n")
    assert [u.is_builtin_guest and u.enabled for u in users] == [False, True]
    assert w.parse_hotfix_dates("2026-10-14 KB5031356\n2026-11-12 KB5032190\n") == date(2026, 11, 12)
    assert w.parse_hotfix_dates("") is None


def test_reg_query_uninstall_display_names():
    # hand-written in reg.exe's layout
    text = (
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\AnyDesk\n"
        "    DisplayName    REG_SZ    AnyDesk\n\n"
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{1234}\n"
        "    DisplayName    REG_SZ    KeePassXC 2.7.9\n\n"
        "Fin de la recherche : 2 correspondance(s) trouvée(s).\n"
    )
    assert w.reg_display_names(text) == ["AnyDesk", "KeePassXC 2.7.9"]


def test_french_windows_output_in_the_oem_code_page_is_decoded():
    # netsh writes piped output in cp850 on a French Windows: the real French text, re-encoded that way
    from gardien.probes.base import decode

    raw = fixture_text("windows/netsh-advfirewall-show-allprofiles.fr.txt").encode("cp850")
    assert w.parse_netsh_firewall(decode(raw, "cp850")) == {"domaine": True, "privé": True, "public": True}
    assert decode("État".encode()) == "État"
