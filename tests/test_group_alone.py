"""`gardien rappels`, `gardien veille`, `gardien sauvegarde` typed alone (round 23): the state and the next command, as
`gardien urgence journal` and `gardien registre violations` alone show their list, not the list of sub-commands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def gardien(home, *args):
    environment = {**os.environ, "GARDIEN_HOME": str(home)}
    environment.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "gardien", *args], capture_output=True, text=True, env=environment,
                          timeout=180)


@pytest.mark.parametrize(("group", "state", "first"), [
    ("rappels", "Aucun rappel installé.", "rappels installer"),
    ("veille", "La veille n'est pas activée.", "veille installer"),
    ("sauvegarde", "Aucune sauvegarde n'est configurée.", "sauvegarde configurer"),
])
def test_a_group_alone_says_where_things_stand_and_what_to_do_first(tmp_path, group, state, first):
    alone = gardien(tmp_path / "home", group)
    assert alone.returncode == 0, alone.stderr
    said = alone.stdout
    assert "Utilisation :" not in said and said.startswith(state), said
    assert first in said and f"gardien {group} --help" in said, said
    assert said == gardien(tmp_path / "home", group, "etat").stdout + f"Toutes les commandes : gardien {group} --help\n"
