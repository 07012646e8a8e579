"""Walkthrough round 14, finding 20: « 126 mises à jour en attente, dont 83 de sécurité. Dernière installation de mises
à jour : aujourd'hui. » The date came from 3 packages upgraded as dependencies of another install: true to the letter,
it suggested the system had been updated today. The date is now said as what it is, after what is still pending.

The apt and dpkg outputs are hand-written, in their recorded formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

APT_PENDING = ("Listing...\n"
               "libssl3/stable-security 3.0.15-1~deb12u1 amd64 [upgradable from: 3.0.14-1~deb12u2]\n"
               "openssl/stable-security 3.0.15-1~deb12u1 amd64 [upgradable from: 3.0.14-1~deb12u2]\n"
               "tzdata/stable-updates 2025b-0+deb12u1 all [upgradable from: 2024a-0+deb12u1]\n")
DPKG_TODAY = ("2026-11-30 09:12:01 startup packages configure\n"
              "2026-11-30 09:12:02 upgrade libnss3:amd64 2:3.87.1-1 2:3.87.1-1+deb12u1\n")


def _updates_point(tmp_path, outputs: dict[str, str]) -> str:
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"os": "linux", "recorded_at": "2026-11-30T17:00:00+01:00"}),
                                                        encoding="utf-8")
    for name, text in outputs.items():
        (folder / f"{name}.stdout.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "GARDIEN_HOME": str(tmp_path / "home"), "COLUMNS": "300"}
    run = subprocess.run([sys.executable, "-m", "gardien", "audit", "--rejouer", str(folder), "--details"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert "Traceback" not in run.stderr, run.stderr
    point = run.stdout[run.stdout.index("en attente, dont"):]
    return " ".join(point[:point.index("Pourquoi")].split())


def test_a_recent_install_beside_pending_updates_does_not_reassure(tmp_path):
    point = _updates_point(tmp_path, {"apt_upgradable": APT_PENDING, "dpkg_log": DPKG_TODAY})
    # walkthrough r21: « paquets » is a technician's word; she reads « logiciels »
    assert point.startswith("en attente, dont 2 de sécurité : elles restent à installer, même si d'autres logiciels ont "
                            "été mis à jour aujourd'hui."), point
    assert "Dernière installation de mises à jour" not in point
