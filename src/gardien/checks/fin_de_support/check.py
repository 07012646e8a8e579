"""The operating system still receives security updates from its vendor (ANSSI measure 35: follow the
end-of-support dates, references.md MAJ-04).

The dates live in data/fin_de_support.toml with their vendor page. A date the vendor has not published
(`estimee`) never gives a failure: past it, the finding is « à vérifier ». The list itself is trusted
for a year after it was checked; after that, « still supported » becomes « à vérifier ».
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from gardien import fr
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status
from gardien.parsers import UnknownFormat
from gardien.parsers import linux as lx
from gardien.parsers import macos as mac
from gardien.parsers import windows as w

LIST_TRUSTED = timedelta(days=365)
SOON = timedelta(days=90)  # « anticipate »: the end is near enough to plan the move


@dataclass(frozen=True)
class Release:
    name: str
    end: date
    estimated: bool
    source: str


@cache
def lifecycle() -> dict:
    return tomllib.loads(resources.files("gardien.data").joinpath("fin_de_support.toml").read_text(encoding="utf-8"))


def _release(entry: dict, end_key: str, source: str) -> Release | None:
    end = entry.get(end_key)
    return Release(entry["nom"], end, bool(entry.get("estimee")), entry.get("source", source)) if end else None


def verdict(ctx: Context, release: Release, vendor: str) -> Outcome:
    today = ctx.now.date()
    evidence = {"version": release.name, "fin": release.end.isoformat(), "date_estimee": release.estimated,
                "source": release.source}
    if release.end < today:
        if release.estimated:
            raise CannotTell(f"{release.name} ne reçoit probablement plus de mises à jour de sécurité depuis "
                             f"{fr.month(release.end)} environ ({vendor} ne publie pas de date) : vérifiez.")
        return Outcome(Status.FAIL, f"{release.name} ne reçoit plus de mises à jour de sécurité de {vendor} "
                                    f"depuis le {fr.day(release.end)}.", evidence)
    _list_still_trusted(ctx)
    until = f"jusque vers {fr.month(release.end)}" if release.estimated else f"jusqu'au {fr.day(release.end)}"
    soon = " Prévoyez dès maintenant le passage à une version plus récente." if release.end - today <= SOON else ""
    return Outcome(Status.PASS, f"{release.name} reçoit les mises à jour de sécurité de {vendor} ({until}).{soon}", evidence)


def _list_still_trusted(ctx: Context) -> None:
    checked = lifecycle()["verifiee_le"]
    if ctx.now.date() > checked + LIST_TRUSTED:
        raise CannotTell(f"La liste des dates de fin de support de Gardien date du {fr.day(checked)} : "
                         "mettez Gardien à jour pour savoir si ce système est encore mis à jour.")


def unknown(name: str) -> CannotTell:
    return CannotTell(f"Gardien ne connaît pas la date de fin de support de {name} : vérifiez-la sur le site de l'éditeur.")


# --- Windows -------------------------------------------------------------------------------------

def windows(ctx: Context) -> Outcome:
    version = w.parse_windows_version(ctx.text("windows_version"))
    data = lifecycle()["windows"]
    edition = version.edition or ""
    if edition.startswith(("EnterpriseS", "IoTEnterpriseS")):
        entry = next((e for e in data["ltsc"] if e["build"] == version.build), None)
        if entry is None:
            raise unknown(f"cette édition LTSC de Windows (version {version.build})")
        release = _release(entry, "fin_iot" if edition.startswith("IoT") and "fin_iot" in entry else "fin", data["source"])
        return verdict(ctx, release, "Microsoft")
    if not version.is_windows_11:
        end = data["windows10_fin"]
        esu = data["windows10_esu_fin"]
        if ctx.now.date() <= esu:
            raise CannotTell(f"Windows 10 ne reçoit plus de mises à jour de sécurité depuis le {fr.day(end)}, sauf pour les "
                             f"ordinateurs inscrits au programme payant ESU (jusqu'au {fr.day(esu)}) : vérifiez.")
        release = Release("Windows 10", end, False, data["windows10_source"])
        return verdict(ctx, release, "Microsoft")
    entry = next((e for e in data["versions"] if e["build"] == version.build), None)
    if entry is None:
        raise unknown(f"cette version de Windows 11 ({version.display_version or version.build})")
    business = edition.startswith(("Enterprise", "Education"))
    return verdict(ctx, _release(entry, "fin_entreprise" if business else "fin", data["source"]), "Microsoft")


# --- macOS ---------------------------------------------------------------------------------------

def _mac_version(ctx: Context) -> mac.MacVersion:
    try:
        return mac.parse_sw_vers(ctx.text("sw_vers"))
    except (CannotTell, UnknownFormat):
        return mac.parse_system_profiler_software(ctx.text("sp_software"))


def macos(ctx: Context) -> Outcome:
    version = _mac_version(ctx)
    data = lifecycle()["macos"]
    known = {tuple(int(p) for p in e["version"].split(".")): e for e in data["versions"]}
    release = version.release
    if release in known:
        return verdict(ctx, _release(known[release], "fin", data["source"]), "Apple")
    if release < min(known):
        return Outcome(Status.FAIL, f"macOS {version.text} ne reçoit plus de mises à jour de sécurité d'Apple depuis "
                                    "plusieurs années.", {"version": version.text, "source": data["source"]})
    if release > max(known):
        _list_still_trusted(ctx)
        return Outcome(Status.PASS, f"macOS {version.text} est plus récent que toutes les versions que Gardien connaît : "
                                    "Apple met à jour sa dernière version.", {"version": version.text, "source": data["source"]})
    raise unknown(f"macOS {version.text}")


# --- Linux ---------------------------------------------------------------------------------------

def linux(ctx: Context) -> Outcome:
    system = lx.parse_os_release(ctx.text("os_release"))
    versions = lifecycle()["linux"]["versions"]
    entry = next((e for e in versions if e["id"] == system.id and e["version"] == system.version_id), None)
    if entry is None and system.ubuntu_codename:
        base = next((e for e in versions if e.get("codename") == system.ubuntu_codename), None)
        if base is not None:
            entry = dict(base, nom=f"{system.name} (basé sur {base['nom']})")
    if entry is None:
        raise unknown(system.name)
    return verdict(ctx, _release(entry, "fin", entry["source"]), "ses développeurs")
