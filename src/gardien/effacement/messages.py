"""What `effacer` says, in plain French: the medium and what that means, the disk's encryption, what was done."""

from __future__ import annotations

from gardien import fr
from gardien.effacement.chiffrement import Encryption, Verdict
from gardien.effacement.operation import Plan, Report
from gardien.effacement.support import Medium, Storage

# Sources (references.md and docs/documents.md): POSTE-09 to erase before disposal, CHIF-01 to encrypt;
# NIST-800-88 and SIAB-EFFACER for what overwriting can and cannot do on flash memory (« recommandation courante »).
SOURCES = ("POSTE-09", "CHIF-01", "NIST-800-88", "SIAB-EFFACER")

def sources_named(known: dict) -> list[str]:
    """Each source by its name only (« CNIL, guide … 2024, fiche 15.3 »), not what it says, which ran to eight lines
    of the terminal (round 13): the procedure and the docs quote them in full."""
    return [known[s].name + known[s].caveat
            for s in SOURCES]


ELSEWHERE_NOTE = (
    "Ce que Gardien ne peut pas effacer d'ici : les copies de ces fichiers dans vos sauvegardes, dans la corbeille, "
    "dans vos e-mails et dans les logiciels qui en gardent une version."
)


def medium_text(storage: Storage) -> str:
    """« SSD ou clé USB (mémoire flash), système de fichiers ext4 »."""
    kind = {
        Medium.HARD_DISK: "disque dur d'après le système (Gardien ne peut pas le vérifier)",
        Medium.FLASH: "mémoire flash (disque SSD sans pièce mobile, clé USB ou carte mémoire)",
        Medium.VIRTUAL: "disque virtuel (l'ordinateur est une machine virtuelle)",
        Medium.MEMORY: "mémoire vive (aucun disque)",
        Medium.UNKNOWN: "type de disque inconnu (le système ne le dit pas)",
    }[storage.medium]
    if storage.removable:
        kind += ", support amovible"
    return kind + (f", système de fichiers {storage.file_system}" if storage.file_system else "")


def method_text(plan: Plan) -> str:
    storage = plan.storage
    if storage.writes_elsewhere:
        return (f"Ce système de fichiers ({storage.file_system}) écrit chaque modification à un autre endroit du disque : "
                "recouvrir un fichier ne toucherait pas son ancien contenu. Gardien supprime donc les fichiers sans les "
                "recouvrir (et efface leurs noms). " + _flash_remedy())
    if storage.medium is Medium.FLASH:
        return ("Sur un disque SSD (sans pièce mobile), une clé USB ou une carte mémoire, écrire par-dessus un fichier ne garantit pas d'effacer "
                "son ancien contenu : l'appareil écrit ailleurs pour s'user moins vite. Gardien supprime donc les "
                "fichiers sans les recouvrir (et efface leurs noms). " + _flash_remedy())
    if storage.medium is Medium.HARD_DISK:
        # the system's word only: a virtual disk or a USB bridge may call flash memory a hard disk, so no promise
        return ("Gardien recouvre chaque fichier de données tirées au hasard, puis efface son nom et le supprime. "
                "Sur un vrai disque dur, le contenu recouvert ne peut plus être relu ; mais Gardien ne peut pas "
                "vérifier ce que dit le système : si c'est en fait un disque SSD (sans pièce mobile), une clé USB ou un "
                "disque virtuel, des restes peuvent subsister, et seul le chiffrement du disque les protège.")
    if storage.medium is Medium.MEMORY:
        return "Ces fichiers sont en mémoire vive : Gardien les recouvre, puis les supprime."
    if storage.medium is Medium.VIRTUAL:
        return ("Sur un disque virtuel, c'est l'ordinateur qui héberge la machine virtuelle qui décide où les données "
                "sont vraiment écrites : Gardien recouvre chaque fichier avant de le supprimer, sans pouvoir garantir "
                "que l'ancien contenu disparaît. Seul le chiffrement du disque protège les restes.")
    return ("Le système ne dit pas si c'est un disque dur ou une mémoire flash : Gardien recouvre chaque fichier avant "
            "de le supprimer. Sur un disque dur, le contenu recouvert ne peut plus être relu ; sur un disque SSD (sans "
            "pièce mobile) ou une clé USB, ce n'est pas garanti, et seul le chiffrement protège les restes.")


def _flash_remedy() -> str:
    return ("Ce qui protège leurs restes, c'est le chiffrement du disque ; et quand l'appareil quittera le cabinet, "
            "l'effacement de sa clé de chiffrement, que Gardien explique dans sa procédure de fin de vie.")


def remains_text(result: Verdict, plan: Plan, count: int | None = None) -> str:
    """What may still be found of the files on their disk afterwards. One sentence, said in the encryption line and
    again in the terminal's confirmation, so the two never disagree (the web page says it once). `count`: how many files it speaks of (the plan's)."""
    files = "ce fichier" if (len(plan.files) if count is None else count) == 1 else "ces fichiers"
    if result.state is Encryption.NO_DISK:
        return f"Rien de {files} ne restera sur un disque."
    if result.state is Encryption.ENCRYPTED:
        return f"Les restes éventuels de {files} sont illisibles sans votre mot de passe."
    # on a hard disk the current content is overwritten, older copies left by the software that saved them are not;
    # the system's « hard disk » is not verified, so this says « at least », never that the current content is gone
    what = (f"Des restes de {files} (au moins les anciennes versions que vos logiciels laissent en enregistrant)"
            if plan.storage.medium is Medium.HARD_DISK and plan.overwrite else f"Des restes de {files}")
    when = "tant que ce disque n'est pas chiffré" if result.state is Encryption.CLEAR else "si ce disque n'est pas chiffré"
    return f"{what} peuvent être retrouvés avec un logiciel de récupération {when}."


def encryption_text(result: Verdict, plan: Plan) -> str:
    remains = remains_text(result, plan)
    if result.state is Encryption.ENCRYPTED:
        return f"Chiffrement du disque, vérifié par Gardien : {fr.after_colon(result.detail)} {remains}"
    if result.state is Encryption.CLEAR:
        return (f"Chiffrement du disque, vérifié par Gardien : {fr.after_colon(result.detail)} {remains} Chiffrer ce disque est la "
                "vraie protection (voyez votre plan).")
    if result.state is Encryption.NO_DISK:
        return "Chiffrement du disque : sans objet, rien n'a été écrit sur un disque."
    return f"Chiffrement du disque : Gardien n'a pas pu le vérifier. {result.detail} {remains}"


_CAUTION = {Encryption.NO_DISK: 0, Encryption.ENCRYPTED: 1, Encryption.UNKNOWN: 2, Encryption.CLEAR: 3}


def confirmation_question(plans: list[Plan]) -> str:
    """The question the erasure's button answers; the web page shows it under the encryption lines that already say
    what may remain (said once on a page), the terminal adds that sentence just before « tapez oui »."""
    count, size = sum(len(p.files) for p in plans), sum(p.size for p in plans)
    return f"Effacer définitivement {fr.plural(count, 'fichier')} ({fr.size(size)}) ? Rien n'ira à la corbeille."


def confirmation_text(plans: list[Plan], verdicts: list[Verdict]) -> str:
    """`verdicts[i]` is the encryption verdict of `plans[i]`'s disk. With several disks, the most cautious sentence."""
    count = sum(len(p.files) for p in plans)
    result, plan = max(zip(verdicts, plans, strict=True),
                       key=lambda pair: (_CAUTION[pair[0].state], not (pair[1].storage.medium is Medium.HARD_DISK
                                                                        and pair[1].overwrite)))
    return f"{confirmation_question(plans)} {remains_text(result, plan, count)}"


def _agreed(count: int, participle: str) -> str:
    return participle + ("s" if count > 1 else "")


def report_text(plan: Plan, report: Report) -> list[str]:
    done = []
    if report.overwritten:
        n = report.overwritten
        done.append(f"{fr.plural(n, 'fichier')} {_agreed(n, 'recouvert')} puis {_agreed(n, 'supprimé')}")
    plain = report.deleted - report.overwritten
    if plain:
        done.append(f"{fr.plural(plain, 'fichier')} {_agreed(plain, 'supprimé')}"
                    + (f" sans être {_agreed(plain, 'recouvert')}" if plan.overwrite else ""))
    if report.folders:
        done.append(f"{fr.plural(report.folders, 'dossier')} {_agreed(report.folders, 'supprimé')}")
    if report.links:
        n = report.links
        done.append(f"{fr.plural(n, 'lien')} {_agreed(n, 'retiré')} (sans toucher ce vers quoi "
                    f"{'ils menaient' if n > 1 else 'il menait'})")
    summary = ", ".join(done) if done else "rien"
    lines = [f"Essai : rien n'a été effacé. Voici ce qu'aurait fait Gardien : {summary}." if report.dry_run
             else f"Fait : {summary}."]
    for path in report.shared_not_overwritten:
        lines.append(f"{path} existait aussi sous un autre nom ailleurs : retiré d'ici sans être recouvert, pour ne pas "
                     "abîmer l'autre exemplaire.")
    if report.failed:
        lines.append("Cet élément n'a pas pu être effacé :" if len(report.failed) == 1
                     else f"Ces {len(report.failed)} éléments n'ont pas pu être effacés :")
        lines.extend(f"  - {path} : {reason}" for path, reason in report.failed)
    return lines
