"""A whole list of names, each in guillemets, is said as a sentence says it: « a », « b » et « c » (fr.quoted_listed),
never « a », « b » as a program joins it; a few examples out of more keep commas (fr.quoted). All examples here are
hand-written."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from gardien import fr
from gardien.core.model import Status

sys.path.insert(0, str(Path(__file__).parent / "checks"))


def test_the_helpers():
    assert fr.quoted_listed(["a"]) == "« a »" and fr.quoted_listed([]) == ""  # none: the disk check builds it anyway
    assert fr.quoted_listed(iter(["a", "b", "c"])) == "« a », « b » et « c »"
    assert fr.quoted(["a", "b"]) == "« a », « b »"


def test_every_place_that_names_a_whole_list():
    from gardien.backup.operations import what_is_missing
    from gardien.formation.content import modules
    from gardien.formation.progress import Learner
    from gardien.formation.tracking import Reminder, ReminderKind
    from gardien.passwords.strength import evaluate
    from gardien.plan.audit_notes import AuditNotes

    assert "« Pare-feu » et « Mises à jour » dans votre plan" in AuditNotes(
        reopened=("Pare-feu", "Mises à jour")).reopened_sentence
    assert "les dossiers « /a » et « /b » sont introuvables" in what_is_missing(["/a", "/b"], {})
    # the password's own words are no longer named (walkthrough, round 14: a hidden password was echoed)
    assert "chien" not in " ".join(evaluate("chat-chien-chat-chien-maison-ecole-chat").reasons)
    first, second = modules()[:2]
    reminder = Reminder(Learner("1", "Camille", "2026-01-01"), ReminderKind.REFRESH, date(2026, 1, 1), (first, second))
    assert f"(« {first.title} » et « {second.title} »)" in reminder.text


def test_the_other_internal_disks_are_named_as_a_sentence():
    from checkrun import run

    data = {"blockdevices": [
        {"name": "nvme0n1", "type": "disk", "fstype": None, "mountpoint": None, "tran": "nvme", "hotplug": False,
         "children": [{"name": "nvme0n1p1", "type": "part", "fstype": "ext4", "mountpoint": "/", "children": []}]},
        *({"name": name, "type": "disk", "fstype": "ext4", "tran": "sata", "hotplug": False, "children": [],
           "mountpoint": f"/srv/{label}"} for name, label in (("sdb", "archives"), ("sdc", "photos"))),
    ]}
    finding = run("chiffrement_disque", "linux", {"lsblk": json.dumps(data)})
    assert finding.status is Status.FAIL and "(« archives » et « photos »)" in finding.detail, finding.detail
