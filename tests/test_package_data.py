"""What users install holds every file the code needs: the suite runs on the installed package, and the wheel
built from this tree carries every data file of src/gardien (templates, TOML, word lists, static files)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import gardien

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src" / "gardien"


def _data_files() -> list[str]:
    """Every file under src/gardien that is not Python code, as a path relative to src/."""
    if not SOURCE.is_dir():
        pytest.skip("le dossier src/gardien n'est pas là (suite lancée hors du dépôt)")
    return sorted(
        str(path.relative_to(SOURCE.parent)).replace("\\", "/")
        for path in SOURCE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    )


def test_the_suite_runs_against_the_installed_package_not_the_source_tree():
    installed = Path(gardien.__file__).resolve().parent
    assert installed != SOURCE.resolve(), (
        "les tests importent src/gardien (installation modifiable ou PYTHONPATH) : installez le paquet comme le "
        "README, pip install '.[test]', pour tester ce que les utilisateurs reçoivent"
    )


def test_every_data_file_is_in_the_installed_package():
    installed = Path(gardien.__file__).resolve().parent
    missing = [name for name in _data_files() if not (installed.parent / name).is_file()]
    assert not missing, f"fichiers absents du paquet installé (ajoutez-les à package-data) : {missing}"


@pytest.mark.slow
def test_every_data_file_is_in_the_built_wheel(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("gardien-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in _data_files() if name not in names]
    assert not missing, f"fichiers absents de la roue (ajoutez-les à package-data dans pyproject.toml) : {missing}"
