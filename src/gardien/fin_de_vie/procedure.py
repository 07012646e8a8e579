"""The steps for one device leaving the practice: which device, which system, why, and whether it still works."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from importlib import resources

from gardien.core.model import Source
from gardien.core.registry import MetadataError, sources, sources_from
from gardien.errors import GardienError
from gardien.fr import enum_choice


class Device(StrEnum):
    COMPUTER = "ordinateur"
    DISK = "disque"
    KEY = "cle"
    PHONE = "telephone"


class System(StrEnum):
    WINDOWS = "windows"
    MACOS = "macos"
    LINUX = "linux"
    ANDROID = "android"
    IPHONE = "iphone"


class Reason(StrEnum):
    SALE = "vente"  # sold or given away
    RECYCLING = "recyclage"
    LEASE_RETURN = "location"
    REPAIR = "reparation"


class Condition(StrEnum):
    WORKS = "marche"
    BROKEN = "panne"


DEVICE_LABEL = {Device.COMPUTER: "Un ordinateur", Device.DISK: "Un disque externe", Device.KEY: "Une clé USB ou une carte mémoire",
                Device.PHONE: "Un téléphone ou une tablette"}
SYSTEM_LABEL = {System.WINDOWS: "Windows", System.MACOS: "macOS (Mac)", System.LINUX: "Linux", System.ANDROID: "Android",
                System.IPHONE: "iPhone ou iPad"}
REASON_LABEL = {Reason.SALE: "Vente ou don", Reason.RECYCLING: "Recyclage ou mise au rebut",
                Reason.LEASE_RETURN: "Retour au loueur (fin de location)", Reason.REPAIR: "Réparation"}
# for a form where the device is not chosen yet: words that agree with any device
CONDITION_LABEL = {Condition.WORKS: "En état de marche", Condition.BROKEN: "En panne (ne démarre plus, ou reste invisible sur l'ordinateur)"}
FEMININE = {Device.KEY}  # « une clé USB ou une carte mémoire »: elle fonctionne, elle est reconnue


def condition_labels(device: Device) -> dict[Condition, str]:
    """« Il fonctionne » for a computer, « Elle fonctionne » for a USB key: the device's gender drives the words."""
    she = device in FEMININE
    return {Condition.WORKS: "Elle fonctionne" if she else "Il fonctionne",
            Condition.BROKEN: "Elle est en panne (n'est plus reconnue par l'ordinateur)" if she
            else "Il est en panne (ne démarre plus, ou n'est plus reconnu)"}
PHONE_SYSTEMS = (System.ANDROID, System.IPHONE)
COMPUTER_SYSTEMS = (System.WINDOWS, System.MACOS, System.LINUX)


def systems_for(device: Device) -> tuple[System, ...]:
    """A phone runs Android or iOS; a computer runs Windows, macOS or Linux; a disk or a key is handled from a computer."""
    return PHONE_SYSTEMS if device is Device.PHONE else COMPUTER_SYSTEMS


@dataclass(frozen=True)
class Situation:
    device: Device
    system: System
    reason: Reason
    condition: Condition

    @classmethod
    def parse(cls, device: str, system: str, reason: str, condition: str) -> Situation:
        """From the words of a form or of the command line; GardienError with the choices when one is wrong."""
        chosen = (enum_choice(Device, device, "l'appareil"), enum_choice(System, system, "le système"),
                  enum_choice(Reason, reason, "la raison"), enum_choice(Condition, condition, "son état"))
        situation = cls(*chosen)
        if situation.system not in systems_for(situation.device):
            allowed = ", ".join(SYSTEM_LABEL[s] for s in systems_for(situation.device))
            raise GardienError(f"{DEVICE_LABEL[situation.device]} et {SYSTEM_LABEL[situation.system]} ne vont pas ensemble : "
                               f"choisissez parmi {allowed}.")
        return situation

    def describe(self) -> str:
        """« Un téléphone ou une tablette (Android) — Vente ou don — il fonctionne »."""
        state = condition_labels(self.device)[self.condition].split(" (")[0]
        state = state[0].lower() + state[1:]
        return f"{device_and_system(self.device, self.system)} — {REASON_LABEL[self.reason]} — {state}"


def device_and_system(device: Device, system: System) -> str:
    """« Un ordinateur (macOS, Mac) »: the system in parentheses, its own parentheses turned into a comma."""
    label = SYSTEM_LABEL[system]
    if label.endswith(")") and " (" in label:
        label = label[:-1].replace(" (", ", ", 1)
    return f"{DEVICE_LABEL[device]} ({label})"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    sources: tuple[Source, ...]
    by_gardien: bool = False  # Gardien does it itself when it records the certificate: nothing to ask
    about_backup: bool = False  # this computer: « fait » is compared with the backup Gardien sees in place (backup_remark)
    about_encryption: bool = False  # « fait » is compared with the disk encryption Gardien measured on this computer
    after_certificate: bool = False  # the computer Gardien runs on: done last, once the certificate is copied elsewhere
    needs_help: bool = False  # most likely not done alone (destroying a disk, reinstalling a system): help_notice


@cache
def _raw() -> dict:
    return tomllib.loads(resources.files("gardien.fin_de_vie").joinpath("procedure.fr.toml").read_text(encoding="utf-8"))


@cache
def all_sources() -> dict[str, Source]:
    """data/sources.toml, and the guides this procedure cites where references.md has no rule."""
    return sources() | sources_from(_raw().get("sources", {}))


FILTERS = {"appareils": Device, "systemes": System, "raisons": Reason, "etat": Condition}


def _applies(raw: dict, situation: Situation) -> bool:
    wanted = {"appareils": situation.device, "systemes": situation.system, "raisons": situation.reason,
              "etat": situation.condition}
    for key, value in wanted.items():
        allowed = raw.get(key)
        if allowed is None:
            continue
        if value.value not in ([allowed] if isinstance(allowed, str) else allowed):
            return False
    return True


def steps(situation: Situation, this_computer: bool = False) -> list[Step]:
    """The steps in order. `this_computer`: the computer leaving is the one Gardien runs on, so wiping it wipes
    Gardien, its register and the certificate too: Gardien records the certificate before the wipe, and the wipe and
    what follows it are done last, once the certificate is copied elsewhere (walkthrough round 18)."""
    known = all_sources()
    result = []
    for raw in _raw()["etapes"]:
        if not _applies(raw, situation):
            continue
        variant = (raw.get("par_appareil", {}).get(situation.device.value)
                   or raw.get("par_systeme", {}).get(situation.system.value) or raw)
        result.append(Step(raw["id"], raw["titre"], variant["texte"], tuple(known[s] for s in variant["sources"]),
                           by_gardien=raw.get("par_gardien", False),
                           about_backup=raw.get("sauvegarde", False) and situation.device is not Device.PHONE,
                           about_encryption=raw.get("chiffrement", False),
                           needs_help=bool(variant.get("aide", raw.get("aide", False)))))
    wipe = next((i for i, step in enumerate(result) if step.id == WIPE), None)
    if not this_computer or situation.device is not Device.COMPUTER or wipe is None:
        return result
    texts = _raw()["cet_ordinateur"]
    ours = [replace(step, text=texts["trace"]) for step in result if step.by_gardien]
    later = [replace(step, text=texts["effacer"] + " " + step.text if step.id == WIPE else step.text, after_certificate=True)
             for step in result[wipe:] if not step.by_gardien]
    return result[:wipe] + ours + later


HELP_WANTED = "il vous faudra sans doute de l'aide"
HELP_WHO = ("demandez-la à votre prestataire informatique, ou à la personne qui s'occupe de votre matériel. Pour "
            "détruire un disque, une clé ou une mémoire, une entreprise de destruction de supports informatiques s'en "
            "charge et vous remet un certificat de destruction, à garder avec ce certificat-ci.")


def help_notice(listed: list[Step]) -> str:
    """Said before the steps: those she most likely cannot do alone, by their numbers in `listed` (their titles
    follow), and whom to ask; "" when there is none."""
    numbers = [str(n) for n, step in enumerate(listed, start=1) if step.needs_help]
    if not numbers:
        return ""
    which = f"l'étape {numbers[0]}" if len(numbers) == 1 else f"les étapes {', '.join(numbers[:-1])} et {numbers[-1]}"
    return f"Pour {which}, {HELP_WANTED}. Prévoyez-la avant de commencer : {HELP_WHO}"


WIPE = "effacer"  # the step that wipes a working computer (and Gardien with it, when it is this computer)


def backup_steps() -> frozenset[str]:
    """The steps whose « fait » Gardien compares with the backup it sees in place."""
    return frozenset(raw["id"] for raw in _raw()["etapes"] if raw.get("sauvegarde", False))


def done_by_gardien() -> frozenset[str]:
    """The steps Gardien does itself (« Gardez la trace »): a certificate saved before round 16 said them « déclaré »."""
    return frozenset(raw["id"] for raw in _raw()["etapes"] if raw.get("par_gardien", False))


NO_BACKUP = ("Gardien ne voit aucune sauvegarde en place sur cet ordinateur : si la copie a été faite autrement (un "
             "autre disque, votre logiciel métier), gardez-en la preuve ; sinon, cette étape n'est pas faite.")


def backup_remark() -> str:
    """NO_BACKUP when Gardien measures no backup in place here (none set up, or none ever made); "" when one was made,
    or when Gardien cannot tell (its files damaged): then it says nothing rather than something it did not measure."""
    from gardien import statefile
    from gardien.backup import config, state

    try:
        if not config.exists():
            return NO_BACKUP
        made = [entry for entry in state.load().values() if {state.Event.BACKUP, state.Event.PARTIAL} & set(entry)]
    except (statefile.DamagedState, OSError):
        return ""
    return "" if made else NO_BACKUP


class MediaBackups(StrEnum):
    """What this computer's backup set-up says of a disk or a key leaving (round 19: nothing said whether her backups
    were on it)."""

    ON_DISKS = "disques"  # the set-up names disks: if the one leaving is one of them, her backups are on it
    SERVERS_ONLY = "serveurs"  # Gardien's copies go to servers only (other copies she made herself: unknown)
    NOT_SET_UP = "aucune"  # no backup set up here: Gardien cannot tell what the device holds
    UNREADABLE = "illisible"  # the set-up cannot be read: Gardien cannot tell


@dataclass(frozen=True)
class MediaNotice:
    kind: MediaBackups
    text: str  # plain words, said before the steps (page and terminal)
    names: tuple[str, ...] = ()  # the disk destinations, as `gardien sauvegarde retirer --destination` names them
    spoken: tuple[str, ...] = ()  # the same, as the pages name them (« le disque du cabinet »)


def media_backups(device: Device) -> MediaNotice | None:
    """For a disk or a key leaving: whether Gardien's backups go to a disk (which one, where, plugged in now), read
    from this computer's backup set-up; what it cannot tell is said so. None for a computer or a phone."""
    from gardien.backup import config
    from gardien.backup.drives import BACKUP_FOLDER

    if device not in (Device.DISK, Device.KEY):
        return None
    try:
        configuration = config.load()
    except config.NotConfigured:
        return MediaNotice(MediaBackups.NOT_SET_UP, MEDIA_NOT_SET_UP)
    except (GardienError, OSError):  # damaged (statefile.DamagedState) or unreadable
        return MediaNotice(MediaBackups.UNREADABLE, MEDIA_UNREADABLE.format(file=config.path(), folder=BACKUP_FOLDER))
    disks = [d for d in configuration.destinations if d.type is config.Kind.DISK]
    retired = "".join(f" Des copies anciennes restent aussi dans le dossier {r.depot} ({r.appellation}, retiré des "
                      "sauvegardes) : si l'appareil qui part est celui-là, elles partent avec lui, effacez-le en suivant "
                      "les étapes." for r in configuration.retirees)
    if not disks:
        servers = " et ".join(dict.fromkeys(d.spoken for d in configuration.destinations))
        return MediaNotice(MediaBackups.SERVERS_ONLY, MEDIA_SERVERS.format(servers=servers) + retired)
    where = " ; ".join(_disk_said(d) for d in disks)
    which = "celui-là" if len(disks) == 1 else "l'un d'eux"
    return MediaNotice(MediaBackups.ON_DISKS, MEDIA_ON_DISKS.format(where=where, which=which) + retired,
                       tuple(d.nom for d in disks), tuple(d.spoken for d in disks))


def _disk_said(destination) -> str:
    """« le disque du cabinet : disque amovible « SAUVEGARDE » (d'après le système), dossier …, branché en ce moment »."""
    from pathlib import Path

    disk = destination.appareil.describe() if destination.appareil else "un disque"
    try:
        plugged = ", branché en ce moment" if Path(destination.depot).is_dir() else ", pas branché en ce moment"
    except OSError:
        plugged = ""
    return f"{destination.spoken} : {disk}, dossier {destination.depot}{plugged}"


MEDIA_ON_DISKS = ("Vos sauvegardes Gardien vont sur {where}. Si l'appareil qui part est {which}, vos sauvegardes sont "
                  "dessus : ne l'effacez pas et ne le donnez pas avant d'avoir fait une autre copie ailleurs, puis changé "
                  "la destination de vos sauvegardes. Sinon, vous perdez ces copies et les sauvegardes suivantes "
                  "échoueront.")
MEDIA_SERVERS = ("D'après la configuration des sauvegardes de cet ordinateur, les copies de Gardien vont sur {servers}, "
                 "sur aucun disque ni aucune clé. Si vous avez copié vous-même des sauvegardes sur cet appareil, "
                 "copiez-les ailleurs avant de l'effacer.")
MEDIA_NOT_SET_UP = ("Aucune sauvegarde de Gardien n'est en place sur cet ordinateur : Gardien ne peut donc pas dire si cet "
                    "appareil contient des sauvegardes (faites autrement, ou depuis un autre ordinateur). S'il en "
                    "contient, copiez-les ailleurs avant de l'effacer.")
MEDIA_UNREADABLE = ("Gardien ne peut pas lire la configuration de ses sauvegardes ({file}) : il ne peut pas dire si elles "
                    "vont sur cet appareil. Avant de l'effacer, vérifiez qu'il ne contient pas un dossier « {folder} » "
                    "ou vos autres copies.")


def check_content() -> list[str]:
    """Problems in procedure.fr.toml (the tests call it): unknown values, sources or keys, commands in the texts."""
    problems = []
    known = all_sources()
    if set(_raw().get("cet_ordinateur", {})) != {"trace", WIPE}:
        problems.append("cet_ordinateur : textes « trace » et « effacer » attendus")
    ids = [raw.get("id") for raw in _raw()["etapes"]]
    if len(ids) != len(set(ids)):
        problems.append("identifiants d'étapes en double")
    for raw in _raw()["etapes"]:
        for key, kind in FILTERS.items():
            values = raw.get(key, [])
            for value in [values] if isinstance(values, str) else values:
                if value not in {m.value for m in kind}:
                    problems.append(f"{raw.get('id')} : {key} inconnu {value!r}")
        variants = [raw, *raw.get("par_appareil", {}).values(), *raw.get("par_systeme", {}).values()]
        for variant in variants:
            if not variant.get("texte", "").strip() or "sources" not in variant:
                problems.append(f"{raw.get('id')} : texte ou sources manquants")
            problems += [f"{raw.get('id')} : source inconnue {s}" for s in variant.get("sources", ()) if s not in known]
        problems += [f"{raw.get('id')} : appareil inconnu {k}" for k in raw.get("par_appareil", {}) if k not in {d.value for d in Device}]
        problems += [f"{raw.get('id')} : système inconnu {k}" for k in raw.get("par_systeme", {}) if k not in {s.value for s in System}]
    return problems


def validate() -> None:
    problems = check_content()
    if problems:
        raise MetadataError("fin de vie : " + " ; ".join(problems))
