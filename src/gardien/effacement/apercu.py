"""What `effacer` shows before it erases anything, the same for the command line and the web page: every refusal
first (garde.py, Gardien's own backup copies), then for each target what will be erased, on which medium, what
Gardien does there, the disk's encryption, what stays in the backups; and the confirmation sentence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gardien.effacement import messages, sauvegardes
from gardien.effacement.chiffrement import Verdict, verdict
from gardien.effacement.operation import Plan, make_plan


@dataclass(frozen=True)
class Item:
    plan: Plan
    verdict: Verdict
    in_backups: str  # « Sauvegardes : … », or "" when none of its files is in Gardien's backups

    @property
    def summary(self) -> str:
        return self.plan.summary()

    @property
    def medium(self) -> str:
        return messages.medium_text(self.plan.storage)

    @property
    def method(self) -> str:
        return messages.method_text(self.plan)

    @property
    def encryption(self) -> str:
        return messages.encryption_text(self.verdict, self.plan)


@dataclass(frozen=True)
class Preview:
    items: tuple[Item, ...]

    @property
    def plans(self) -> list[Plan]:
        return [item.plan for item in self.items]

    @property
    def question(self) -> str:
        return messages.confirmation_question(self.plans)

    @property
    def confirmation(self) -> str:
        return messages.confirmation_text(self.plans, [item.verdict for item in self.items])

    @property
    def elsewhere(self) -> str:
        return messages.ELSEWHERE_NOTE

    @property
    def sources(self) -> list[str]:
        from gardien.fin_de_vie.procedure import all_sources

        return messages.sources_named(all_sources())


def prepare(targets: list[Path], run=None) -> Preview:
    """Every target planned and checked before anything is touched (one refusal refuses all); the disk's encryption
    checked once per disk. `run`: how to run an audit check (chiffrement.verdict's default: on this computer)."""
    from gardien.paths import data_dir

    plans = [make_plan(target, data=data_dir()) for target in targets]
    backups = sauvegardes.load()
    for plan in plans:
        sauvegardes.refuse_copies(plan, backups)
    checked: dict = {}
    items = []
    for plan in plans:
        key = (plan.storage.removable, plan.storage.system_disk, plan.storage.medium, plan.storage.device)
        if key not in checked:
            checked[key] = verdict(plan.storage, run)
        items.append(Item(plan, checked[key], sauvegardes.copies_line(plan, backups)))
    return Preview(tuple(items))
