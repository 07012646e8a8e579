"""The printable recovery sheet: what is needed to restore if this computer is lost. No password in it: the user
writes it by hand. It says where Gardien keeps the password (or that it keeps it nowhere), so that it always
tells her how to find it again, whatever the set-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from gardien import fr
from gardien.backup.config import BackupConfig, SecretKind


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    commands: tuple[str, ...] = ()  # what the helper types on another computer, shown as such
    numbered: bool = False  # steps, in order
    command_step: int = 0  # the line (from 1) the commands belong to, shown right after it; 0: after the last line

    def commands_after(self, number: int) -> tuple[str, ...]:
        """The commands to show after line `number` (from 1): the step that says to type them, not the next one."""
        return self.commands if number == (self.command_step or len(self.lines)) else ()


def password_place(configuration: BackupConfig) -> str:
    kind = configuration.secret.kind
    if kind is SecretKind.KEYRING:
        return ("Sur cet ordinateur, Gardien le garde dans le trousseau du système ; il peut l'afficher à tout moment "
                "(« Afficher le mot de passe » sur la page Sauvegardes). Si l'ordinateur est perdu, seule cette fiche l'a.")
    if kind is SecretKind.FILE:
        return (f"Sur cet ordinateur, il est gardé dans le fichier {configuration.secret.chemin} ; Gardien peut l'afficher. "
                "Si l'ordinateur ou ce fichier est perdu, seule cette fiche l'a.")
    return ("Gardien ne le garde nulle part : vous le tapez à chaque sauvegarde. Cette fiche est le seul endroit où il "
            "est écrit.")


# walkthrough, round 15: « la copie la plus récente », after a ransomware, may hold files already encrypted
AFTER_ATTACK = ("Après une attaque (rançongiciel), prendre plutôt la dernière copie d'avant l'attaque : celles d'après "
                "peuvent contenir des fichiers déjà chiffrés.")


def where_on_the_disk(destination) -> str:
    """« dossier « Sauvegarde Gardien » à la racine du disque « usb » (ici : /media/…/Sauvegarde Gardien) »: on
    another computer the disk is mounted elsewhere (/media/…, /Volumes/…, E:\\), its own folders stay."""
    measured = destination.appareil
    point = (measured.mountpoint or "") if measured and not destination.type.remote else ""
    depot = PurePath(destination.depot)
    if not point or point in ("/", "C:\\") or PurePath(point) not in depot.parents:
        return f"dossier des copies : {destination.depot}"
    inside = depot.relative_to(PurePath(point))
    where = "à la racine" if len(inside.parts) == 1 else f"dans « {inside.parent} »"
    return (f"dossier « {inside.name} » {where} du disque {measured.name()} (sur cet ordinateur : "
            f"{destination.depot})")


def _restore(command_line: bool) -> Section:
    """How to get everything back on another computer. The terminal's sheet gives the command to type; the web page's
    says it in words (no page tells anyone to type a command)."""
    title = "Pour tout récupérer sur un autre ordinateur (avec la personne qui vous aide)"
    if command_line:
        return Section(title,
                       ("Installer le programme restic et brancher le disque de sauvegarde (ou se connecter au serveur).",
                        "Taper la commande ci-dessous (restic demande le mot de passe de cette fiche), en remplaçant COPIES "
                        "par le dossier des copies noté plus haut et DOSSIER-NEUF par un dossier vide.",
                        AFTER_ATTACK + " Les copies et leur date : restic -r COPIES snapshots ; puis remplacer latest "
                        "par l'identifiant de la copie choisie.",
                        "Ou, si Gardien est installé sur l'autre ordinateur (même neuf, sans sauvegarde en place) : "
                        "gardien sauvegarde restaurer --depuis COPIES --vers DOSSIER-NEUF (il demande le mot de passe de "
                        "cette fiche et ne modifie rien sur le disque)."),
                       ("restic -r COPIES restore latest --target DOSSIER-NEUF",), numbered=True, command_step=2)
    return Section(title,
                   ("Installer le programme de sauvegarde restic (gratuit) sur l'autre ordinateur, puis brancher le disque "
                    "de sauvegarde (ou se connecter au serveur).",
                    "Avec restic, ouvrir le dossier des copies noté plus haut, avec le mot de passe de cette fiche, et y "
                    "reprendre la copie la plus récente dans un dossier vide : la personne qui vous aide trouvera comment "
                    "dans le mode d'emploi de restic, à la partie sur la restauration. " + AFTER_ATTACK,
                    "Ou, si Gardien est installé sur l'autre ordinateur (même neuf, sans sauvegarde en place), le faire "
                    "depuis Gardien : page Sauvegardes, « Restaurer des fichiers », partie « Copies faites sur un autre "
                    "ordinateur », avec le dossier des copies et le mot de passe de cette fiche. Gardien ne modifie rien "
                    "sur le disque."), numbered=True)


def sections(configuration: BackupConfig, today: date | None = None, command_line: bool = False) -> list[Section]:
    """The sheet; `command_line`: printed from the terminal, where a copy's name is also typed (« disque-1 ») and the
    restore command is given."""
    return [
        Section("Fiche de secours — sauvegarde du cabinet",
                (f"Établie le {fr.day(today or date.today())} par Gardien. À imprimer et à ranger hors de l'ordinateur, "
                 "sous clé.",)),
        Section("Ce qui est sauvegardé", tuple(configuration.dossiers)),
        Section("Où sont les copies", tuple(
            f"{d.named if command_line else d.heading} : {d.type.label}, {d.place} — {where_on_the_disk(d)}"
            for d in configuration.destinations)),
        Section("Mot de passe des sauvegardes (à recopier à la main, lisiblement)",
                ("Mot de passe : ______________________________",
                 "Sans lui, les copies sont illisibles, pour vous aussi. Écrivez-le exactement, avec ses tirets ; il ne "
                 "contient ni « l », ni « i », ni « o », ni « 1 », ni « 0 », pour ne pas les confondre.",
                 password_place(configuration))),
        _restore(command_line),
        Section("À savoir",
                ("Un prestataire qui héberge des données de santé pour vous doit être certifié HDS (article L1111-8 du "
                 "code de la santé publique).",)),
    ]


def text(configuration: BackupConfig, today: date | None = None) -> str:
    out = []
    for index, section in enumerate(sections(configuration, today, command_line=True)):
        out.append(section.title.upper() if index == 0 else section.title + " :")
        for number, line in enumerate(section.lines, 1):
            out.append(f"  {number}. {line}" if section.numbered else ("  " + line) if index else line)
            out.extend(f"      {command}" for command in section.commands_after(number))
        out.append("")
    return "\n".join(out)
