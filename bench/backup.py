"""Backups: Gardien beside restic called directly, doing the same work, on a generated tree.

Usage: .venv/bin/python bench/backup.py [--size-mb 2048] [--work /tmp/gardien-bench-sauvegarde]

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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GARDIEN = [str(ROOT / ".venv" / "bin" / "python"), "-m", "gardien", "sauvegarde"]
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
    env = dict(os.environ, GARDIEN_HOME=str(work / "home"))
    (work / "secret").mkdir()
    subprocess.run([*GARDIEN, "configurer", "--dossier", str(tree), "--disque", str(work / "g1"), "--hors-site", str(work / "g2"),
                    "--mot-de-passe-fichier", str(work / "secret" / "mdp")], env=env, check=True, stdout=subprocess.DEVNULL)
    direct = [work / "r1", work / "r2"]
    for repo in direct:
        subprocess.run(["restic", "-r", str(repo), "--password-file", str(work / "secret" / "mdp"), "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    for phase in ("première sauvegarde", "sauvegarde incrémentale"):
        if phase != "première sauvegarde":
            change(tree)
        subprocess.run(["sync"], check=False)
        gardien_time = timed([*GARDIEN, "lancer"], env)
        restic_time = restic_direct(direct, tree, work / "secret" / "mdp", env)
        results[phase] = (gardien_time, restic_time)
    verify_time = timed([*GARDIEN, "verifier", "--echantillon", "1"], env)
    print(f"Arborescence générée : {args.size_mb} Mo, {files} fichiers ; deux dépôts de chaque côté ; "
          f"restic {subprocess.run(['restic', 'version'], capture_output=True, text=True).stdout.split()[1]}.\n")
    print("| étape | Gardien (s) | restic directement (s) | rapport |")
    print("|---|---|---|---|")
    for phase, (mine, theirs) in results.items():
        print(f"| {phase} | {mine:.1f} | {theirs:.1f} | {mine / theirs:.3f} |")
    print(f"\nVérification (`gardien sauvegarde verifier --echantillon 1` : contrôle de 5 % des données et restauration "
          f"d'essai de 1 % des fichiers, sur les deux dépôts) : {verify_time:.1f} s.")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
