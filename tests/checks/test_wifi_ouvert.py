"""wifi_ouvert: a protected network (or an open one behind a VPN) passes, an open one without VPN fails, not on
Wi-Fi is « non concerné », and a network whose protection cannot be read is « à vérifier »."""

from __future__ import annotations

from checkrun import error, exit_code, run
from conftest import fixture_text

from gardien.core.model import Status
from gardien.probes import base

NMCLI = fixture_text("linux/nmcli-t-dev-wifi-list.txt")


def test_linux_pass_protected_network():
    # recorded list (NMCLI = fixture_text(...) above) with the network in use edited to a WPA2 one
    in_use = next(line for line in NMCLI.splitlines() if line.startswith("*"))
    protected = NMCLI.replace(in_use, in_use.rsplit(":", 1)[0] + ":WPA2")
    assert run("wifi_ouvert", "linux", {"nmcli_wifi": protected, "nmcli_active": "802-11-wireless\n"}).status is Status.PASS


def test_linux_fail_recorded_open_network_without_vpn():
    # recorded list (NMCLI = fixture_text(...) above); hand-written active connection type
    finding = run("wifi_ouvert", "linux", {"nmcli_wifi": NMCLI, "nmcli_active": "802-11-wireless\n"})
    assert finding.status is Status.FAIL and "SSID-3" in finding.detail


def test_linux_pass_open_network_with_vpn():
    # hand-written active connection types
    assert run("wifi_ouvert", "linux", {"nmcli_wifi": NMCLI, "nmcli_active": "802-11-wireless\nwireguard\n"}).status is Status.PASS


def test_linux_cannot_tell_empty_list_while_on_wifi():
    # hand-written: no network listed, yet a Wi-Fi connection is active — or the active connections are unknown
    assert run("wifi_ouvert", "linux", {"nmcli_wifi": "", "nmcli_active": "802-11-wireless\n"}).status is Status.MANUAL
    assert run("wifi_ouvert", "linux", {"nmcli_wifi": "", "nmcli_active": error(base.TIMEOUT)}).status is Status.MANUAL
    cable = run("wifi_ouvert", "linux", {"nmcli_wifi": "", "nmcli_active": "802-3-ethernet\n"})
    assert cable.status is Status.NOT_APPLICABLE
    # walkthrough r12: on a cable during the audit, the Wi-Fi used elsewhere was not seen, and the sentence says so
    assert "en ce moment" in cable.detail and "n'ont pas été vus" in cable.detail and "questionnaire" in cable.detail


def test_macos_pass_recorded_wpa2():
    text = fixture_text("macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5-wpa2-en.txt")
    assert run("wifi_ouvert", "macos", {"airport": text}).status is Status.PASS


def test_macos_fail_recorded_open_network_vpn_disconnected():
    finding = run("wifi_ouvert", "macos", {
        "airport": fixture_text("macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5.txt"),
        "vpn": fixture_text("macos/scutil-nc-list.l2tp-disconnected.txt"),
    })
    assert finding.status is Status.FAIL


def test_macos_cannot_tell_protection_missing():
    # recorded output with the security field of the network in use removed: never read as « protected »
    text = fixture_text("macos/system_profiler-json-SPAirPortDataType.mac-sp_15.5-wpa2-en.txt")
    import json

    data = json.loads(text)
    for entry in data["SPAirPortDataType"]:
        for interface in entry.get("spairport_airport_interfaces", []):
            interface.get("spairport_current_network_information", {}).pop("spairport_security_mode", None)
    assert run("wifi_ouvert", "macos", {"airport": json.dumps(data)}).status is Status.MANUAL
    assert run("wifi_ouvert", "macos", {"airport": ""}).status is Status.MANUAL  # hand-written: empty


def test_windows_pass_recorded_english_wpa2():
    assert run("wifi_ouvert", "windows", {"wlan": fixture_text("windows/netsh-wlan-show-interfaces.en.txt")}).status is Status.PASS


def test_windows_fail_recorded_french_open_network():
    finding = run("wifi_ouvert", "windows", {"wlan": fixture_text("windows/netsh-wlan-show-interfaces.fr.txt"),
                                              "vpn_connections": "# gardien: fin\n", "vpn_adapters": "Intel(R) Wi-Fi 6 AX201 160MHz\n# gardien: fin\n"})
    assert finding.status is Status.FAIL


def test_windows_pass_open_network_with_vpn_adapter():
    # recorded open network; hand-written adapter list with its end marker
    finding = run("wifi_ouvert", "windows", {"wlan": fixture_text("windows/netsh-wlan-show-interfaces.fr.txt"),
                                              "vpn_adapters": "WireGuard Tunnel\n# gardien: fin\n"})
    assert finding.status is Status.PASS


def test_windows_cannot_tell():
    # hand-written: netsh printed nothing; netsh in German
    assert run("wifi_ouvert", "windows", {"wlan": ""}).status is Status.MANUAL
    german = "Es ist 1 Schnittstelle auf dem System vorhanden:\n\n    Name                   : WLAN\n    Status                 : Verbunden\n"
    assert run("wifi_ouvert", "windows", {"wlan": german}).status is Status.MANUAL
    # hand-written: the Wi-Fi service is stopped (netsh exits with 1)
    stopped = exit_code("The Wireless AutoConfig Service (wlansvc) is not running.\n", 1)
    assert run("wifi_ouvert", "windows", {"wlan": stopped}).status is Status.NOT_APPLICABLE


def test_what_to_do_when_the_protection_cannot_be_read():
    """A practitioner's walkthrough: « Gardien n'a pas pu lire la protection du réseau », then « Déconnectez-vous de ce
    réseau »: the steps now say how to look for oneself, and disconnecting only if it is open."""
    unknown = run("wifi_ouvert", "linux", {"nmcli_wifi": "", "nmcli_active": "802-11-wireless\n"})  # hand-written
    said = " ".join(str(step) for step in unknown.remediation)
    assert unknown.status is Status.MANUAL and "Regardez vous-même" in said and "cadenas" in said
    assert not said.startswith("Déconnectez-vous de ce réseau") and "Sans cadenas, le réseau est ouvert" in said
    failed = run("wifi_ouvert", "linux", {"nmcli_wifi": NMCLI, "nmcli_active": "802-11-wireless\n"})
    assert str(failed.remediation[0]).startswith("Déconnectez-vous de ce réseau")
    assert not any(step.when_unknown for step in failed.remediation)
