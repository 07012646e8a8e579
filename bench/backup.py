"""Backups: Gardien beside restic called directly, doing the same work, on a generated tree.

Usage (as root: the repositories go on two real disks of their own, ext4 images mounted through loop devices,
since Gardien refuses a destination on the disk of the folders it protects):
    nice -n 10 python bench/backup.py [--size-mb 2048] [--work /tmp/gardien-bench-sauvegarde]

The tree (generated, random content so that nothing compresses or deduplicates by accident): 80 % of the size
in about 20 kB files, 20 % in four large files. Both sides back up to two local repositories and apply the
same retention (forget --prune): Gardien by `gardien sauvegarde lancer`, restic by the equivalent commands.
Then 1 % of the small files change and a large file grows, and both run again (incremental). Last, the time of
`gardien sauvegarde verifier --echantillon 1` (check of 5 % of the data and a restore test of 1 % of the files).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

GARDIEN = [sys.executable, "-m", "gardien", "sauvegarde"]
PASSWORD = "banc-d-essai-sauvegarde-2026"
RETENTION = ["--keep-daily=7", "--keep-weekly=4", "--keep-monthly=12", "--prune"]


def generate(tree: Path, size_mb: int) -> None:
    rng = random.Random(2026)
    small_total = size_mb * 1_000_000 * 8 // 10
    count = 0
    written = 0
    while written < small_total:
        folder = tree / f"patients-{count // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        size = rng.randint(5_000, 35_000)
        (folder / f"document-{count:05d}.bin").write_bytes(os.urandom(size))
        written += size
        count += 1
    for index in range(4):
        with (tree / f"imagerie-{index}.bin").open("wb") as handle:
            for _ in range(size_mb // 20):
                handle.write(os.urandom(1_000_000))


def change(tree: Path) -> None:
    rng = random.Random(7)
    small = sorted(tree.rglob("document-*.bin"))
    for path in rng.sample(small, max(1, len(small) // 100)):
        path.write_bytes(os.urandom(path.stat().st_size))
    with (tree / "imagerie-0.bin").open("ab") as handle:
        handle.write(os.urandom(20_000_000))


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def restic_direct(repos: list[Path], tree: Path, password_file: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    for repo in repos:
        base = ["restic", "-r", str(repo), "--password-file", str(password_file)]
        subprocess.run([*base, "backup", str(tree), "--exclude-caches", "--json"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([*base, "forget", *RETENTION], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


@contextmanager
def disks(work: Path, size_mb: int):
    """Two ext4 images on loop devices, each large enough for one repository of each side."""
    if os.geteuid() != 0:
        raise SystemExit("bench/backup.py doit tourner en root : il monte deux disques (images ext4) pour les dépôts.")
    mounted = []
    try:
        for name in ("disque-a", "disque-b"):
            image, point = work / f"{name}.img", work / name
            point.mkdir()
            with image.open("wb") as handle:
                handle.truncate(int(size_mb * 2.6 + 200) * 1024 * 1024)
            subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True)
            subprocess.run(["mount", "-o", "loop", str(image), str(point)], check=True)
            mounted.append(point)
        yield mounted
    finally:
        for point in mounted:
            subprocess.run(["umount", "-l", str(point)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gardien-bench-sauvegarde"))
    args = parser.parse_args()
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    tree = work / "Cabinet"
    generate(tree, args.size_mb)
    files = sum(1 for p in tree.rglob("*") if p.is_file())
    env = dict(os.environ, GARDIEN_HOME=str(work / "home"), GARDIEN_SAUVEGARDE_MOT_DE_PASSE=PASSWORD)
    (work / "secret").mkdir()
    with disks(work, args.size_mb) as (disk_a, disk_b):
        subprocess.run([*GARDIEN, "configurer", "--dossier", str(tree), "--disque", str(disk_a / "g"), "--hors-site",
                        str(disk_b / "g"), "--mot-de-passe-fichier", str(work / "secret" / "mdp")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        direct = [disk_a / "r", disk_b / "r"]
        for repo in direct:
            subprocess.run(["restic", "-r", str(repo), "--password-file", str(work / "secret" / "mdp"), "init"], env=env,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = {}
        for phase in ("première sauvegarde", "sauvegarde incrémentale"):
            if phase != "première sauvegarde":
                change(tree)
            subprocess.run(["sync"], check=False)
            gardien_time = timed([*GARDIEN, "lancer"], env)
            restic_time = restic_direct(direct, tree, work / "secret" / "mdp", env)
            results[phase] = (gardien_time, restic_time)
        verify_time = timed([*GARDIEN, "verifier", "--echantillon", "1"], env)
    print(f"Arborescence générée : {args.size_mb} Mo, {files} fichiers ; deux dépôts de chaque côté, sur deux disques "
          f"(images ext4) ; restic {subprocess.run(['restic', 'version'], capture_output=True, text=True).stdout.split()[1]}.\n")
    print("| étape | Gardien (s) | restic directement (s) | rapport |")
    print("|---|---|---|---|")
    for phase, (mine, theirs) in results.items():
        print(f"| {phase} | {mine:.1f} | {theirs:.1f} | {mine / theirs:.3f} |")
    print(f"\nVérification (`gardien sauvegarde verifier --echantillon 1` : contrôle de 5 % des données et restauration "
          f"d'essai de 1 % des fichiers, sur les deux dépôts) : {verify_time:.1f} s.")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
