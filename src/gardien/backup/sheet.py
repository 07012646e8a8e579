"""The printable recovery sheet: what is needed to restore if this computer is lost. No password in it:
the user writes it by hand, from `gardien sauvegarde mot-de-passe --afficher`."""

from __future__ import annotations

from datetime import date

from gardien.backup.config import KINDS, BackupConfig


def text(configuration: BackupConfig) -> str:
    lines = [
        "FICHE DE SECOURS — SAUVEGARDE DU CABINET",
        f"Établie le {date.today().strftime('%d/%m/%Y')} par Gardien. À imprimer et à ranger hors de l'ordinateur, sous clé.",
        "",
        "Ce qui est sauvegardé :",
        *(f"  - {folder}" for folder in configuration.dossiers),
        "",
        "Où sont les copies :",
        *(f"  - {d.nom} : {KINDS.get(d.type, d.type)}, {'hors du cabinet' if d.hors_site else 'au cabinet'} — {d.depot}"
          for d in configuration.destinations),
        "",
        "Mot de passe des sauvegardes (à recopier à la main, lisiblement) :",
        "  ______________________________________________",
        "  Sans lui, les copies sont illisibles, pour vous aussi.",
        "",
        "Pour tout récupérer sur un autre ordinateur :",
        "  1. Installez restic (Windows : winget install restic.restic ; macOS : brew install restic ;",
        "     Linux : sudo apt install restic) et branchez le disque de sauvegarde.",
        "  2. Dans un terminal : restic -r CHEMIN-DU-DÉPÔT restore latest --target DOSSIER-NEUF",
        "     (restic demande le mot de passe ci-dessus).",
        "  3. Ou, si Gardien est installé : gardien sauvegarde restaurer --destination NOM --vers DOSSIER-NEUF",
        "",
        "Un prestataire qui héberge des données de santé pour vous doit être certifié HDS (article L1111-8 du code de la",
        "santé publique).",
    ]
    return "\n".join(lines) + "\n"
