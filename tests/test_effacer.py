"""`effacer`: deletion that means it on the medium at hand, refusals, and what is said.

Real file systems: the test folder's own, a tmpfs and an ext4 loop device (both mounted here when running as root,
skipped with a reason otherwise). Hand-written sysfs trees and system answers stand for the disks this machine does
not have (each says so). Files are written by the tests: no patient data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from gardien.core.model import Status
from gardien.effacement import messages, support
from gardien.effacement.chiffrement import Encryption, verdict
from gardien.effacement.garde import Refused, check_target
from gardien.effacement.operation import EntryKind, execute, make_plan
from gardien.effacement.support import Medium, Storage
from gardien.errors import GardienError

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0 if hasattr(os, "geteuid") else True,
                               reason="monter un tmpfs ou un disque en boucle demande d'être root")
HARD_DISK = Storage(Medium.HARD_DISK, "ext4", None, False, True)
FLASH = Storage(Medium.FLASH, "ext4", None, False, True)


def tree(base: Path) -> Path:
    """A folder as a practitioner has them: letters, a sub-folder, a scan."""
    folder = base / "Anciens comptes rendus"
    (folder / "2019").mkdir(parents=True)
    (folder / "lettre.txt").write_text("Lettre écrite pour ce test.\n" * 50, encoding="utf-8")
    (folder / "2019" / "scan.bin").write_bytes(secrets.token_bytes(300_000))
    return folder


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dossier"
            for p in sorted(folder.rglob("*"))}


def cli(*args: str, stdin: str | None = None, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gardien", "effacer", *args], capture_output=True, text=True, input=stdin,
                          timeout=120, env={**os.environ, "GARDIEN_HOME": str(home)})


# --- refusals --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/etc", "/usr/share", "/var/log", "/home", "/tmp", "/bin", "/boot"])
def test_system_folders_are_refused(path):
    if not os.path.lexists(path):
        pytest.skip(f"{path} n'existe pas sur cette machine")
    with pytest.raises(Refused):
        check_target(Path(path))


def test_home_its_ancestors_and_top_folders_are_refused(tmp_path):
    home = tmp_path / "maison" / "marie"
    for name in ("Documents", "Bureau", ".ssh", "Library"):
        (home / name).mkdir(parents=True)
    (home / "Documents" / "ancien").mkdir()
    (home / "Library" / "Caches").mkdir()
    for refused in (home, home.parent, home / "Documents", home / "Bureau", home / ".ssh", home / "Library" / "Caches"):
        with pytest.raises(Refused):
            check_target(refused, home=home)
    assert check_target(home / "Documents" / "ancien", home=home) == home / "Documents" / "ancien"


def test_links_gardien_data_and_missing_targets_are_refused(tmp_path):
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("à garder")
    link = tmp_path / "raccourci"
    link.symlink_to(outside)
    with pytest.raises(Refused, match="lien"):
        check_target(link)
    data = tmp_path / "gardien-data"
    (data / "sauvegardes").mkdir(parents=True)
    with pytest.raises(Refused, match="données de Gardien"):
        check_target(data / "sauvegardes", data=data)
    with pytest.raises(GardienError, match="Introuvable"):
        check_target(tmp_path / "absent")
    assert outside.read_text() == "à garder"


def test_a_refused_file_is_called_a_file_never_a_folder(tmp_path):
    # round 22: « /etc/hostname est un dossier du système »; the same sentence had the same fault for each refusal
    home, data = tmp_path / "maison", tmp_path / "gardien-data"
    (home / "AppData" / "Roaming").mkdir(parents=True)
    (home / "AppData" / "Roaming" / "reglages.ini").write_text("réglage")
    (home / ".profile").write_text("réglage")
    (data / "registre").mkdir(parents=True)
    (data / "registre" / "registre.json").write_text("{}")
    said = {}
    for target in (Path("/etc/hostname"), Path("/etc"), home / "AppData", home / "AppData" / "Roaming" / "reglages.ini",
                   home / ".profile", data, data / "registre" / "registre.json"):
        if target.exists():
            with pytest.raises(Refused) as refused:
                check_target(target, home=home, data=data)
            said[target] = str(refused.value)
    if Path("/etc/hostname").is_file():
        assert "est un fichier du système" in said[Path("/etc/hostname")]
    assert "est un dossier du système" in said[Path("/etc")]
    assert "contient les réglages" in said[home / "AppData"]
    assert "fait partie des réglages" in said[home / "AppData" / "Roaming" / "reglages.ini"]
    assert "est un fichier de réglages" in said[home / ".profile"] and "qu'il contient" not in said[home / ".profile"]
    assert "contient les données de Gardien" in said[data]
    assert "fait partie des données de Gardien" in said[data / "registre" / "registre.json"]


def test_special_files_stop_everything_before_anything_is_touched(tmp_path):
    folder = tree(tmp_path)
    os.mkfifo(folder / "tube")
    before = digest(folder)
    with pytest.raises(Refused, match="fichier spécial"):
        make_plan(folder)
    assert digest(folder) == before


# --- plan and execution on the test folder's file system ---------------------------------------------------------

def test_plan_counts_and_the_dry_run_touches_nothing(tmp_path):
    folder = tree(tmp_path)
    plan = make_plan(folder)
    assert [e.kind for e in plan.entries][-1] is EntryKind.FOLDER and plan.entries[-1].path == folder
    assert len(plan.files) == 2 and plan.summary().startswith("2 fichiers (")
    before = digest(folder)
    report = execute(plan, dry_run=True)
    assert report.dry_run and report.deleted == 2 and report.folders == 2 and digest(folder) == before
    assert messages.report_text(plan, report)[0].startswith("Essai : rien n'a été effacé.")


def test_hard_disk_overwrites_each_file_before_deleting_it(tmp_path):
    folder = tree(tmp_path)
    letter = folder / "lettre.txt"
    original = letter.read_bytes()
    reader = os.open(letter, os.O_RDONLY)  # keeps the file's data reachable after it is deleted
    try:
        plan = dataclasses.replace(make_plan(folder), storage=HARD_DISK)  # hand-written medium: a hard disk
        report = execute(plan)
        after = os.pread(reader, len(original), 0)
    finally:
        os.close(reader)
    assert not folder.exists() and report.complete and report.overwritten == 2 and report.deleted == 2
    assert len(after) == len(original) and after != original and b"Lettre" not in after
    assert messages.report_text(plan, report) == ["Fait : 2 fichiers recouverts puis supprimés, 2 dossiers supprimés."]


def test_flash_memory_deletes_without_pretending_to_overwrite(tmp_path):
    folder = tree(tmp_path)
    letter = folder / "lettre.txt"
    original = letter.read_bytes()
    reader = os.open(letter, os.O_RDONLY)
    try:
        plan = dataclasses.replace(make_plan(folder), storage=FLASH)  # hand-written medium: an SSD
        report = execute(plan)
        after = os.pread(reader, len(original), 0)
    finally:
        os.close(reader)
    assert not folder.exists() and report.overwritten == 0 and report.deleted == 2 and after == original
    assert messages.report_text(plan, report) == ["Fait : 2 fichiers supprimés, 2 dossiers supprimés."]
    method = messages.method_text(plan)
    assert "ne garantit pas" in method and "chiffrement du disque" in method and "fin de vie" in method


def test_links_inside_are_removed_never_followed(tmp_path):
    folder = tree(tmp_path)
    outside = tmp_path / "dossier-a-garder"
    outside.mkdir()
    (outside / "important.txt").write_text("à garder")
    (folder / "vers-ailleurs").symlink_to(outside)
    (folder / "fichier-lie").symlink_to(outside / "important.txt")
    report = execute(dataclasses.replace(make_plan(folder), storage=HARD_DISK))
    assert report.links == 2 and not folder.exists()
    assert (outside / "important.txt").read_text() == "à garder"


def test_a_file_known_under_another_name_is_not_overwritten(tmp_path):
    folder = tree(tmp_path)
    elsewhere = tmp_path / "autre-nom.txt"
    os.link(folder / "lettre.txt", elsewhere)
    kept = elsewhere.read_bytes()
    plan = dataclasses.replace(make_plan(folder), storage=HARD_DISK)
    report = execute(plan)
    assert elsewhere.read_bytes() == kept and report.shared_not_overwritten == [folder / "lettre.txt"]
    assert any("sous un autre nom" in line for line in messages.report_text(plan, report))


def test_read_only_files_are_erased_too(tmp_path):
    folder = tree(tmp_path)
    (folder / "lettre.txt").chmod(0o400)
    report = execute(dataclasses.replace(make_plan(folder), storage=HARD_DISK))
    assert report.complete and not folder.exists()


def test_a_file_replaced_after_the_plan_is_left_alone_and_reported(tmp_path):
    folder = tree(tmp_path)
    plan = dataclasses.replace(make_plan(folder), storage=HARD_DISK)
    (folder / "lettre.txt").unlink()
    (folder / "lettre.txt").write_text("nouveau fichier, arrivé après le plan")  # it may even get the same inode
    os.utime(folder / "lettre.txt", ns=(1, 1))
    report = execute(plan)
    assert (folder / "lettre.txt").read_text() == "nouveau fichier, arrivé après le plan"  # same folder, same name
    reasons = dict(report.failed)
    assert "a changé" in reasons[folder / "lettre.txt"] and "pas vide" in reasons[folder]
    assert not report.complete and "n'ont pas pu être effacés" in " ".join(messages.report_text(plan, report))


# --- which medium: the system's own answers (hand-written where this machine has no such disk) ------------------

def fake_sysfs(base: Path, disks: dict[str, dict]) -> Path:
    """hand-written /sys: for each name, its device path, rotational flag, removable flag, parent and slaves."""
    sys_root = base / "sys"
    for name, spec in disks.items():
        device = sys_root / "devices" / spec["path"] / name
        device.mkdir(parents=True, exist_ok=True)
        if "rotational" in spec:
            (device / "queue").mkdir(exist_ok=True)
            (device / "queue" / "rotational").write_text(spec["rotational"] + "\n")
        if "removable" in spec:
            (device / "removable").write_text(spec["removable"] + "\n")
        if "model" in spec:
            (device / "device").mkdir(exist_ok=True)
            (device / "device" / "model").write_text(spec["model"] + "\n")
        if spec.get("partition"):
            (device / "partition").write_text("1\n")
        for slave in spec.get("slaves", ()):
            (device / "slaves").mkdir(exist_ok=True)
            (device / "slaves" / slave).mkdir()
        (sys_root / "class" / "block").mkdir(parents=True, exist_ok=True)
        (sys_root / "class" / "block" / name).symlink_to(device)
        (sys_root / "dev" / "block").mkdir(parents=True, exist_ok=True)
        (sys_root / "dev" / "block" / spec["number"]).symlink_to(device)
    return sys_root


DISKS = {
    "nvme0n1": {"path": "pci0000:00/nvme/nvme0", "number": "259:0", "rotational": "0", "removable": "0"},
    "nvme0n1p2": {"path": "pci0000:00/nvme/nvme0/nvme0n1", "number": "259:2", "partition": True},
    "nvme0n1p3": {"path": "pci0000:00/nvme/nvme0/nvme0n1", "number": "259:3", "partition": True},
    "dm-0": {"path": "virtual/block", "number": "254:0", "rotational": "0", "slaves": ["nvme0n1p2"]},
    "sda": {"path": "pci0000:00/ata1/host0", "number": "8:0", "rotational": "1", "removable": "0"},
    "sda1": {"path": "pci0000:00/ata1/host0/sda", "number": "8:1", "partition": True},
    "sdb": {"path": "pci0000:00/usb1/1-1/host6", "number": "8:16", "rotational": "1", "removable": "1"},
    "sdb1": {"path": "pci0000:00/usb1/1-1/host6/sdb", "number": "8:17", "partition": True},
}
MOUNTINFO = """\
25 1 254:0 / / rw,relatime - ext4 /dev/mapper/luks-racine rw
30 25 8:1 / /donnees rw,relatime - ext4 /dev/sda1 rw
31 25 0:41 / /home/marie/Archives rw - btrfs /dev/nvme0n1p3 rw
32 25 0:45 / /run/user/1000 rw - tmpfs tmpfs rw
33 25 8:17 / /media/marie/CLE\\040CABINET rw - vfat /dev/sdb1 rw
34 25 0:50 / /conteneur rw - overlay overlay rw
"""


@pytest.mark.parametrize("path, medium, file_system, removable, system, overwrite", [
    ("/home/marie/lettre.txt", Medium.FLASH, "ext4", False, True, False),  # LUKS over an NVMe SSD
    ("/donnees/vieux", Medium.HARD_DISK, "ext4", False, False, True),  # a second, spinning disk
    ("/home/marie/Archives/x", Medium.FLASH, "btrfs", False, True, False),  # Btrfs: virtual device number, source read
    ("/run/user/1000/f", Medium.MEMORY, "tmpfs", False, False, True),
    ("/media/marie/CLE CABINET/a", Medium.UNKNOWN, "vfat", True, False, None),  # USB: « rotational » means nothing
    ("/conteneur/a", Medium.UNKNOWN, "overlay", None, None, False),  # an overlay writes elsewhere
])
def test_linux_medium_from_sysfs(tmp_path, path, medium, file_system, removable, system, overwrite):
    # hand-written sysfs tree and mountinfo (a laptop with an encrypted SSD, a second hard disk and a USB key)
    sys_root = fake_sysfs(tmp_path, DISKS)
    found = support.linux(Path(path), sys_root=sys_root, mountinfo=MOUNTINFO, home=Path("/home/marie"))
    assert (found.medium, found.file_system, found.removable, found.system_disk) == (medium, file_system, removable, system)
    assert found.overwrite_reaches_data is overwrite


@pytest.mark.parametrize("name, spec", [
    ("vda", {"path": "pci0000:00/0000:00:02.0/virtio1/block", "number": "252:0", "rotational": "1", "removable": "0"}),
    ("sdc", {"path": "pci0000:00/ata2/host1", "number": "8:32", "rotational": "1", "removable": "0",
             "model": "QEMU HARDDISK"}),
    ("sdd", {"path": "pci0000:00/ata3/host2", "number": "8:48", "rotational": "1", "removable": "0",
             "model": "VBOX HARDDISK"}),
], ids=["virtio", "qemu-ata", "virtualbox"])
def test_a_virtual_machines_disk_is_never_taken_for_a_hard_disk(tmp_path, name, spec):
    # hand-written sysfs: hypervisors say « rotational » whatever the host stores the data on
    sys_root = fake_sysfs(tmp_path, {name: spec})
    found = support.linux(Path("/srv/x"), sys_root=sys_root, mountinfo=f"25 1 {spec['number']} / / rw - ext4 /dev/{name} rw\n",
                          home=Path("/home/marie"))
    assert found.medium is Medium.VIRTUAL and found.overwrite_reaches_data is None
    plan = dataclasses.replace(make_plan(tree(tmp_path)), storage=found)
    assert plan.overwrite and "disque virtuel" in messages.medium_text(found)
    assert "sans pouvoir garantir" in messages.method_text(plan) and "relu" not in messages.method_text(plan)


@pytest.mark.parametrize("medium", list(Medium))
def test_no_promise_that_the_content_is_gone_where_the_medium_is_not_verified(tmp_path, medium):
    # round 22: « disque dur d'après le système (Gardien ne peut pas le vérifier) » then « ne pourra plus être relu »
    storage = Storage(medium, "ext4", None, False, True)
    plan = dataclasses.replace(make_plan(tree(tmp_path)), storage=storage)
    method = messages.method_text(plan)
    clear = verdict(storage, lambda c: finding(c, Status.FAIL, "Non chiffré."))
    said = " ".join([messages.medium_text(storage), method, messages.confirmation_text([plan], [clear])])
    assert "ne pourra plus être relu" not in said and "ne peut plus être relu sur ce disque" not in said
    if medium is not Medium.MEMORY:
        assert "chiffrement" in method.lower() and "peuvent être retrouvés" in said
    if medium is Medium.HARD_DISK:
        assert "Sur un vrai disque dur" in method and "ne peut pas vérifier" in method
        assert "anciennes versions" in said and "au moins" in said  # not « only old versions remain »


def test_mountinfo_unescapes_spaces():
    # hand-written line
    mount = support.parse_mountinfo("33 25 8:17 / /media/marie/CLE\\040CABINET rw - vfat /dev/sdb1 rw")[0]
    assert mount.mount_point == "/media/marie/CLE CABINET" and mount.file_system == "vfat"


def test_macos_medium_from_diskutil_plist():
    import plistlib

    # hand-written `diskutil info -plist` answers (keys as diskutil writes them)
    ssd = plistlib.dumps({"SolidState": True, "Internal": True, "FilesystemType": "apfs", "DeviceIdentifier": "disk3s5"}).decode()
    found = support.parse_diskutil_plist(ssd, Path("/System/Volumes/Data"))
    assert found.medium is Medium.FLASH and found.writes_elsewhere and found.system_disk and not found.removable
    usb = plistlib.dumps({"SolidState": False, "Internal": False, "FilesystemType": "msdos", "DeviceIdentifier": "disk4s1"}).decode()
    found = support.parse_diskutil_plist(usb, Path("/Volumes/CLE"))
    assert found.medium is Medium.HARD_DISK and found.removable and found.device == "disk4s1" and found.overwrite_reaches_data
    assert support.parse_diskutil_plist("pas une plist").medium is Medium.UNKNOWN


@pytest.mark.parametrize("answer, medium, removable", [
    ("media\tSSD\nbus\tNVMe\nfs\tNTFS\n", Medium.FLASH, False),
    ("media\tHDD\nbus\tUSB\nfs\tNTFS\n", Medium.HARD_DISK, True),
    ("media\t4\nbus\t11\nfs\tNTFS\n", Medium.FLASH, False),
    ("media\tUnspecified\nbus\tSATA\nfs\tReFS\n", Medium.UNKNOWN, False),
    ("", Medium.UNKNOWN, None),
])
def test_windows_medium_from_get_physical_disk(answer, medium, removable):
    # hand-written answers of the Get-Partition / Get-PhysicalDisk script
    found = support.parse_windows(answer, "D", "C:")
    assert found.medium is medium and found.removable is removable and found.system_disk is False
    assert found.device == "D:"


# --- is the disk encrypted: the audit's checks answer ------------------------------------------------------------

def finding(check_id: str, status: Status, detail: str, evidence: dict | None = None):
    return SimpleNamespace(id=check_id, status=status, detail=detail, evidence=evidence or {})


def test_encryption_comes_from_the_audit_checks():
    asked = []

    def run(check_id):
        asked.append(check_id)
        return finding(check_id, Status.PASS, "Le disque du système et de vos dossiers est chiffré.")

    assert verdict(FLASH, run).state is Encryption.ENCRYPTED and asked == ["chiffrement_disque"]
    key = Storage(Medium.UNKNOWN, "vfat", None, True, False, "sdb1")
    clear = verdict(key, lambda c: finding(c, Status.FAIL, "Support amovible non chiffré branché (« CLE »).", {"supports": ["sdb1"]}))
    assert clear.state is Encryption.CLEAR and clear.check_id == "usb_non_chiffre"
    other = verdict(key, lambda c: finding(c, Status.FAIL, "…", {"supports": ["sdc1"]}))
    assert other.state is Encryption.UNKNOWN
    assert verdict(FLASH, lambda c: finding(c, Status.MANUAL, "Gardien n'a pas pu lire l'état.")).state is Encryption.UNKNOWN
    assert verdict(Storage(Medium.MEMORY, "tmpfs", None, False, False), run).state is Encryption.NO_DISK
    assert verdict(Storage(Medium.HARD_DISK, "ext4", None, False, False), run).state is Encryption.UNKNOWN


def test_encryption_is_checked_on_this_computer_through_the_library(tmp_path):
    # the real check on this machine: whatever it finds, it is a verdict with the check's own sentence
    plan = make_plan(tree(tmp_path))
    found = verdict(dataclasses.replace(plan.storage, system_disk=True, removable=False))
    assert found.check_id == "chiffrement_disque" and found.detail
    assert messages.encryption_text(found, plan).startswith("Chiffrement du disque")


@pytest.mark.parametrize("storage", [HARD_DISK, FLASH], ids=["disque-dur", "flash"])
@pytest.mark.parametrize("state", list(Encryption))
def test_the_confirmation_says_what_the_encryption_line_said(tmp_path, storage, state):
    # hand-written verdicts: the confirmation repeats what was measured, never « ne pourront pas être récupérés »
    plan = dataclasses.replace(make_plan(tree(tmp_path)), storage=storage)
    found = verdict(storage, lambda c: finding(c, {Encryption.ENCRYPTED: Status.PASS, Encryption.CLEAR: Status.FAIL}
                                               .get(state, Status.MANUAL), "Constat écrit pour ce test."))
    if state is Encryption.NO_DISK:
        found = dataclasses.replace(found, state=state)
    assert found.state is state
    confirmation = messages.confirmation_text([plan], [found])
    remains = messages.remains_text(found, plan)
    assert confirmation.endswith("Rien n'ira à la corbeille. " + remains)
    assert state is Encryption.NO_DISK or remains in messages.encryption_text(found, plan)
    assert "ne pourront pas être récupérés" not in confirmation
    if state in (Encryption.CLEAR, Encryption.UNKNOWN):
        assert "peuvent être retrouvés" in confirmation


def test_with_several_disks_the_confirmation_takes_the_most_cautious_sentence(tmp_path):
    locked = verdict(FLASH, lambda c: finding(c, Status.PASS, "Chiffré."))
    clear = verdict(FLASH, lambda c: finding(c, Status.FAIL, "Non chiffré."))
    plans = [dataclasses.replace(make_plan(tree(tmp_path / str(i))), storage=FLASH) for i in range(2)]
    assert "peuvent être retrouvés" in messages.confirmation_text(plans, [locked, clear])
    assert "illisibles" in messages.confirmation_text(plans, [locked, locked])
    one = dataclasses.replace(plans[0], entries=plans[0].files[:1])
    assert "de ce fichier " in messages.confirmation_text([one], [clear])  # not « Ils… ces fichiers » for one file


# --- real file systems mounted for the test (root only) -----------------------------------------------------------

@pytest.fixture
def mounted(tmp_path):
    """Mount what the test asks for under tmp_path, and always unmount and detach it."""
    cleanups = []

    def mount(kind: str) -> tuple[Path, str | None]:
        point = tmp_path / f"montage-{kind}"
        point.mkdir()
        if kind == "tmpfs":
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(point)], check=True)
            cleanups.append(lambda: subprocess.run(["umount", str(point)], check=False, capture_output=True))
            return point, None
        image = tmp_path / "disque.img"
        with image.open("wb") as handle:
            handle.truncate(32 * 1024 * 1024)
        subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True)
        device = subprocess.run(["losetup", "-f", "--show", str(image)], check=True, capture_output=True, text=True).stdout.strip()
        cleanups.append(lambda: subprocess.run(["losetup", "-d", device], check=False))
        subprocess.run(["mount", device, str(point)], check=True)
        cleanups.append(lambda: subprocess.run(["umount", str(point)], check=False, capture_output=True))
        return point, device

    yield mount
    for cleanup in reversed(cleanups):
        cleanup()


@ROOT_ONLY
def test_tmpfs_is_memory_its_root_is_refused_and_its_files_go(mounted):
    point, _ = mounted("tmpfs")
    folder = tree(point)
    with pytest.raises(Refused, match="racine d'un disque"):
        make_plan(point)
    plan = make_plan(folder)
    assert plan.storage.medium is Medium.MEMORY and plan.overwrite
    assert execute(plan).complete and not folder.exists() and point.exists()


@ROOT_ONLY
@pytest.mark.skipif(shutil.which("mkfs.ext4") is None or shutil.which("losetup") is None, reason="e2fsprogs ou util-linux absents")
@pytest.mark.parametrize("rotational", ["1", "0"], ids=["disque-dur", "ssd"])
def test_loop_device_the_data_is_gone_from_the_disk_only_where_overwriting_reaches_it(mounted, tmp_path, rotational):
    point, device = mounted("ext4")
    device = Path(device).name
    (Path("/sys/block") / device / "queue" / "rotational").write_text(rotational)  # what the kernel says of this disk
    marker = f"MARQUEUR-GARDIEN-{secrets.token_hex(8)}".encode()
    folder = point / "patients"
    folder.mkdir()
    (folder / "compte-rendu.txt").write_bytes(marker * 8000)
    os.sync()
    image = tmp_path / "disque.img"
    assert marker in image.read_bytes()  # the test can fail: the letter is on the disk before
    run = cli(str(folder), "--oui", home=tmp_path / "gardien")
    assert run.returncode == 0, run.stderr
    assert not folder.exists()
    subprocess.run(["umount", str(point)], check=True)
    on_disk = image.read_bytes()
    if rotational == "1":
        assert "Support : disque dur d'après le système" in run.stdout and "recouvert puis supprimé" in run.stdout
        assert marker not in on_disk
    else:
        assert "Support : mémoire flash" in run.stdout and "ne garantit pas" in run.stdout
        assert "Fait : 1 fichier supprimé, 1 dossier supprimé." in run.stdout and marker in on_disk  # why Gardien says so: the data is still there


# --- the command, as a real subprocess on a fresh data folder -----------------------------------------------------

def test_command_dry_run_then_refused_confirmation_then_erasure(tmp_path):
    folder = tree(tmp_path)
    home = tmp_path / "gardien"
    before = digest(folder)
    dry = cli(str(folder), "--essai", home=home)
    assert dry.returncode == 0 and "Essai : rien n'a été effacé" in dry.stdout and digest(folder) == before
    for expected in ("À effacer :", "2 fichiers (", "Support :", "Chiffrement du disque", "vos sauvegardes", "Sources :"):
        assert expected in dry.stdout, expected
    # round 13: the sources ran to eight lines of what each one says; each is now named on a line of its own
    lines = dry.stdout.splitlines()
    cited = lines[lines.index("Sources :") + 1:][:4]
    assert cited[0] == "  • CNIL, guide de la sécurité des données personnelles 2024, fiche 15.3", cited
    assert all(line.startswith("  • ") and " : " not in line and len(line) <= 110 for line in cited), cited
    assert "(recommandation courante)" in cited[2]
    no = cli(str(folder), stdin="non\n", home=home)
    assert no.returncode == 0 and "Rien n'a été effacé." in no.stdout and digest(folder) == before
    assert "Effacer définitivement 2 fichiers" in no.stdout
    remains = no.stdout.split("Rien n'ira à la corbeille. ")[1].split("\n")[0]  # same sentence as measured above
    assert remains and remains in no.stdout.split("Effacer définitivement")[0]
    assert "Pour confirmer, tapez oui : " in no.stdout  # the French space before the colon
    short = cli(str(folder), stdin="o\n", home=home)  # « o » is yes in the questionnaire: here she is told why not
    assert short.returncode == 0 and "tapez le mot « oui » en entier" in short.stdout and digest(folder) == before
    assert "en entier" not in no.stdout
    silent = cli(str(folder), stdin="", home=home)
    assert silent.returncode == 2 and "Pas de confirmation" in silent.stderr and digest(folder) == before
    yes = cli(str(folder), stdin="oui\n", home=home)
    assert yes.returncode == 0 and "Fait :" in yes.stdout and not folder.exists()
    assert "Traceback" not in dry.stderr + no.stderr + yes.stderr


@pytest.mark.parametrize("args, message", [
    (["/etc"], "dossier du système"),
    (["--essai", "/etc/hostname"], "/etc/hostname est un fichier du système"),  # round 22: « un dossier du système »
    ([], "Indiquez le fichier ou le dossier"),
    (["/chemin/qui/n/existe/pas"], "Introuvable"),
])
def test_command_refusals_are_exit_2_in_french(tmp_path, args, message):
    run = cli(*args, "--oui", home=tmp_path / "gardien")
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_command_never_promises_what_it_cannot_verify(tmp_path):
    # this machine's real disk, whatever it is: a « hard disk » is only what the system says
    letter = tmp_path / "lettre.txt"
    letter.write_text("Lettre écrite pour ce test.\n", encoding="utf-8")
    run = cli(str(letter), "--essai", home=tmp_path / "gardien")
    assert run.returncode == 0, run.stderr
    assert "ne pourra plus être relu" not in run.stdout and "Support : " in run.stdout
    if "Support : disque dur d'après le système" in run.stdout:
        assert "Gardien ne peut pas vérifier ce que dit le système" in run.stdout


def test_command_refuses_everything_when_one_target_is_refused(tmp_path):
    folder = tree(tmp_path)
    before = digest(folder)
    run = cli(str(folder), "/etc", "--oui", home=tmp_path / "gardien")
    assert run.returncode == 2 and digest(folder) == before


@pytest.mark.parametrize("state", [Encryption.ENCRYPTED, Encryption.CLEAR])
def test_the_measured_sentence_after_the_colon_opens_in_lower_case(tmp_path, state):
    """Review r24: « …vérifié par Gardien : Le disque… », a capital after the colon. Hand-written verdict."""
    from gardien.effacement.chiffrement import Verdict

    plan = make_plan(tree(tmp_path))
    found = Verdict(state, "Le disque système est chiffré (constat écrit pour ce test).", "chiffrement_disque")
    assert messages.encryption_text(found, plan).startswith("Chiffrement du disque, vérifié par Gardien : le disque système")
