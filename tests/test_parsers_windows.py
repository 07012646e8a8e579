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
    # hand-written: the formats our own PowerShell probes print, their end marker last
    users = w.parse_local_users("S-1-5-21-1-2-3-500\tFalse\tAdministrateur\nS-1-5-21-1-2-3-501\tTrue\tInvité\n# gardien: fin\n")
    assert [u.is_builtin_guest and u.enabled for u in users] == [False, True]
    with pytest.raises(UnknownFormat):  # cut short: an account may be missing
        w.parse_local_users("S-1-5-21-1-2-3-500\tFalse\tAdministrateur\n")
    with pytest.raises(UnknownFormat):  # empty: every Windows has accounts
        w.parse_local_users("")
    # not sorted by date on purpose: the latest is kept
    assert w.parse_hotfix_dates("2026-11-12 KB5032190\n2026-10-14 KB5031356\n# gardien: fin\n") == date(2026, 11, 12)
    assert w.parse_hotfix_dates("") is None


@pytest.mark.parametrize("name", ["get-hotfix-select-hotfixid-installedon.de.txt", "get-hotfix.es-latam-dates.txt"])
def test_hotfix_regional_dates_are_not_guessed(name):
    # 10/02/2020 is February in the Latin-American sample and would be October in an American one
    with pytest.raises(UnknownFormat):
        w.parse_hotfix_dates(fixture_text(f"windows/{name}"))


def test_local_users_plain_tables_recorded():
    french = {u.name: u for u in w.parse_local_users(fixture_text("windows/get-localuser.fr.administrateur-invite.txt"))}
    assert list(french) == ["Administrateur", "Asus", "DefaultAccount", "Invité", "WDAGUtilityAccount"]
    assert french["Invité"].is_builtin_guest and not french["Invité"].enabled
    assert french["Administrateur"].is_builtin and not french["Asus"].is_builtin and french["Asus"].enabled
    english = {u.name: u for u in w.parse_local_users(fixture_text("windows/get-localuser.en.guest-enabled.txt"))}
    assert english["Guest"].is_builtin_guest and english["Guest"].enabled
    assert [n for n, u in english.items() if u.enabled and not u.is_builtin] == ["emma", "mark"]
    server = w.parse_local_users(fixture_text("windows/get-localuser.en.server2022-guest-disabled.txt"))
    assert [u.name for u in server if u.is_builtin_guest and not u.enabled] == ["Guest"]


def test_powercfg_recorded_consolelock_and_output_cut_short():
    text = fixture_text("windows/powercfg-q.en.consolelock-visible.txt")
    assert w.parse_powercfg_setting(text) == (1, 1)
    with pytest.raises(UnknownFormat):
        w.parse_powercfg_setting(text[: text.index("    Current DC")])
    # hand-written range setting cut after its AC line: increment and AC must not be read as AC and DC
    cut = "    Possible Settings increment: 0x00000001\n    Possible Settings units: Seconds\n    Current AC Power Setting Index: 0x00000384\n"
    with pytest.raises(UnknownFormat):
        w.parse_powercfg_setting(cut)


def test_reg_query_value_names_without_case():
    values = w.reg_values(fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaveTimeOut.0.en.txt"))
    # written « ScreenSaveTimeout » by the tool that set it, read as Windows does, whatever the case
    assert values["ScreenSaveTimeOut"].as_int() == 0 and "screensavetimeout" in values
    assert w.reg_values(fixture_text("windows/reg-query-hkcu-control-panel-desktop-ScreenSaveTimeOut.absent.en.txt")) == {}


@pytest.mark.parametrize(
    "name, admin, label",
    [("whoami-groups.en.domain-admin-high-table.txt", True, "S-1-16-12288"),
     ("whoami-groups.en.standard-user-medium-table.txt", False, "S-1-16-8192"),
     ("whoami-groups.fr.system-table.txt", True, "S-1-16-16384")],
)
def test_whoami_recorded_tables(name, admin, label):
    sids = w.parse_whoami_groups(fixture_text(f"windows/{name}"))
    assert (w.ADMINISTRATORS_SID in sids) is admin and label in sids and w.whoami_complete(sids)
    assert not w.whoami_complete(sids - {label})


def test_windows_version_and_probe_end_marker():
    # hand-written reg query excerpt: Windows 11 still says « Windows 10 » in ProductName
    text = ("\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n"
            "    ProductName    REG_SZ    Windows 10 Pro\n    EditionID    REG_SZ    Professional\n"
            "    DisplayVersion    REG_SZ    24H2\n    CurrentBuildNumber    REG_SZ    26100\n")
    version = w.parse_windows_version(text)
    assert (version.build, version.display_version, version.edition, version.is_windows_11) == (26100, "24H2", "Professional", True)
    with pytest.raises(UnknownFormat):
        w.parse_windows_version("")
    assert w.complete_lines("A\nB\n# gardien: fin\n") == ["A", "B"] and w.complete_lines("# gardien: fin") == []
    for incomplete in ("", "A\nB\n", "# gardien: fin\nA\n"):
        with pytest.raises(UnknownFormat):
            w.complete_lines(incomplete)


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
