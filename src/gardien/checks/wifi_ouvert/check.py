"""Connected to an open (or WEP) Wi-Fi network without a VPN (ANSSI measure 32)."""

from __future__ import annotations

from gardien.core.context import Context
from gardien.core.model import Outcome, Status
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

VPN_WORDS = ("vpn", "wireguard", "wintun", "tap-windows", "openvpn", "anyconnect", "fortinet", "globalprotect",
             "zscaler", "nordlynx", "proton", "mullvad", "tailscale")


def verdict(ssid: str | None, is_open: bool, vpn: list[str]) -> Outcome:
    name = f"« {ssid} »" if ssid else "actuel"
    if not is_open:
        return Outcome(Status.PASS, f"Le réseau Wi-Fi {name} est protégé par un mot de passe.")
    if vpn:
        return Outcome(Status.PASS, f"Le réseau Wi-Fi {name} est ouvert, mais un VPN est actif ({', '.join(vpn)}).")
    return Outcome(Status.FAIL, f"Vous êtes connecté au réseau Wi-Fi ouvert {name}, sans VPN.")


def linux(ctx: Context) -> Outcome:
    networks = [n for n in lx.parse_nmcli_wifi_terse(ctx.text("nmcli_wifi")) if n.in_use]
    if not networks:
        return Outcome(Status.NOT_APPLICABLE, "L'ordinateur n'est pas connecté en Wi-Fi.")
    types = lx.parse_nmcli_active_types(ctx.optional("nmcli_active") or "")
    vpn = sorted({t for t in types if t in ("vpn", "wireguard")})
    return verdict(networks[0].ssid, networks[0].is_open, vpn)


def macos(ctx: Context) -> Outcome:
    connected = [i for i in mac.parse_airport_profile(ctx.text("airport")) if i.connected]
    if not connected:
        return Outcome(Status.NOT_APPLICABLE, "Le Mac n'est pas connecté en Wi-Fi.")
    wifi = connected[0]
    vpn = mac.parse_scutil_nc_list(ctx.optional("vpn") or "")
    return verdict(wifi.ssid, bool(wifi.is_open), vpn)


def windows(ctx: Context) -> Outcome:
    out = ctx.output("wlan")
    if out.error is None and out.returncode != 0 and "wlansvc" in out.text.lower():
        return Outcome(Status.NOT_APPLICABLE, "Le Wi-Fi n'est pas utilisé sur cet ordinateur.")
    links = [link for link in w.parse_netsh_wlan_interfaces(ctx.text("wlan")) if link.connected]
    if not links:
        return Outcome(Status.NOT_APPLICABLE, "L'ordinateur n'est pas connecté en Wi-Fi.")
    vpn = w.parse_lines(ctx.optional("vpn_connections") or "")
    adapters = [a for a in w.parse_lines(ctx.optional("vpn_adapters") or "") if any(x in a.lower() for x in VPN_WORDS)]
    return verdict(links[0].ssid, bool(links[0].is_open), vpn + adapters)
