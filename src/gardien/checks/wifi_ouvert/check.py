"""Connected to an open (or WEP) Wi-Fi network without a VPN (ANSSI measure 32)."""

from __future__ import annotations

from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

VPN_WORDS = ("vpn", "wireguard", "wintun", "tap-windows", "openvpn", "anyconnect", "fortinet", "globalprotect",
             "zscaler", "nordlynx", "proton", "mullvad", "tailscale")
WIFI_CONNECTION = "802-11-wireless"
# not on Wi-Fi during the audit: this point is the network in use, and there is none; the networks used elsewhere were
# not seen (walkthrough r12: « non concerné » must not read as « nothing to fear on the road »)
NOT_ON_WIFI = ("{machine} n'est pas connecté en Wi-Fi en ce moment : seul le réseau utilisé pendant le bilan est "
               "regardé ; les Wi-Fi d'ailleurs (hôtel, chez un patient) n'ont pas été vus, le questionnaire en parle.")


def verdict(ssid: str | None, is_open: bool | None, vpn: list[str]) -> Outcome:
    name = f"« {ssid} »" if ssid else "actuel"
    if is_open is None:
        raise CannotTell(f"Gardien n'a pas pu lire la protection du réseau Wi-Fi {name}.")
    if not is_open:
        return Outcome(Status.PASS, f"Le réseau Wi-Fi {name} est protégé par un mot de passe.")
    if vpn:
        return Outcome(Status.PASS, f"Le réseau Wi-Fi {name} est ouvert à tous, mais la connexion est protégée "
                                    f"(un VPN, accès chiffré, est actif : {', '.join(vpn)}).")
    # walkthrough r21: « sans VPN » alone said nothing to a midwife; what is missing is said in plain words
    return Outcome(Status.FAIL, f"L'ordinateur est connecté au réseau Wi-Fi {name}, ouvert à tous (sans mot de passe), "
                                "et sa connexion n'est pas protégée : d'autres personnes sur ce réseau peuvent voir "
                                "une partie de ce qui circule.")


def linux(ctx: Context) -> Outcome:
    networks = [n for n in lx.parse_nmcli_wifi_terse(ctx.text("nmcli_wifi")) if n.in_use]
    active = ctx.optional("nmcli_active")
    types = lx.parse_nmcli_active_types(active or "")
    if not networks:
        # an empty list of networks is only "not on Wi-Fi" when the active connections say so too
        if active is None or WIFI_CONNECTION in types:
            raise CannotTell("Gardien n'a pas pu savoir sur quel réseau Wi-Fi l'ordinateur est connecté.")
        return Outcome(Status.NOT_APPLICABLE, NOT_ON_WIFI.format(machine="L'ordinateur"))
    vpn = sorted({t for t in types if t in ("vpn", "wireguard")})
    return verdict(networks[0].ssid, networks[0].is_open, vpn)


def macos(ctx: Context) -> Outcome:
    connected = [i for i in mac.parse_airport_profile(ctx.text("airport")) if i.connected]
    if not connected:
        return Outcome(Status.NOT_APPLICABLE, NOT_ON_WIFI.format(machine="Le Mac"))
    wifi = connected[0]
    vpn = mac.parse_scutil_nc_list(ctx.optional("vpn") or "")
    return verdict(wifi.ssid, wifi.is_open, vpn)


def _lines(ctx: Context, probe: str) -> list[str]:
    """A VPN list probe's lines; none when unreadable (a VPN only turns a failure into a pass when seen)."""
    try:
        return w.complete_lines(ctx.optional(probe) or "")
    except UnknownFormat:
        return []


def windows(ctx: Context) -> Outcome:
    out = ctx.output("wlan")
    if out.error is None and out.returncode != 0 and "wlansvc" in out.text.lower():
        return Outcome(Status.NOT_APPLICABLE, "Le Wi-Fi n'est pas utilisé sur cet ordinateur.")
    links = [link for link in w.parse_netsh_wlan_interfaces(ctx.text("wlan")) if link.connected]
    if not links:
        return Outcome(Status.NOT_APPLICABLE, NOT_ON_WIFI.format(machine="L'ordinateur"))
    adapters = [a for a in _lines(ctx, "vpn_adapters") if any(x in a.lower() for x in VPN_WORDS)]
    return verdict(links[0].ssid, links[0].is_open, _lines(ctx, "vpn_connections") + adapters)
