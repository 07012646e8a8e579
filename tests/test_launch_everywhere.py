"""Walkthrough round 13, finding 8: after the README's install (Gardien in .venv/bin, not in the terminal's PATH), the
audit and the welcome wrote « .venv/bin/gardien … », but `sauvegarde configurer`, `plan` (« Une fois fait, tapez :
gardien plan fait … »), `formation`, `motdepasse verifier`, `questionnaire`, `registre`, `rappels`, an error's advice
and `--help` (« gardien COMMANDE --help ») printed a bare « gardien … »: « command not found ». Every command printed
now goes through launch.as_typed, in one place (launch.install, cli.main); data (JSON, a pseudonymised text) is left
as it is. Run as real subprocesses of the installed `gardien`, on the test's own GARDIEN_HOME, with a PATH that does
not hold it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gardien import launch

INSTALLED = Path(sys.executable).with_name("gardien")
BARE = re.compile(r"(?<![\w./-])gardien (?:--|(?:" + "|".join((*launch.COMMANDS, "COMMANDE")) + r")\b)")

pytestmark = pytest.mark.skipif(not INSTALLED.is_file() or os.name == "nt", reason="la commande gardien installée est absente")

# commands whose output names other commands to type (each checked on its standard output and error)
SAID = [
    (["--help"], ""),
    (["sauvegarde", "--help"], ""),
    (["questionnaire", "repondre", "double_auth_messagerie", "non"], ""),
    (["plan"], ""),
    (["plan", "--tout"], ""),
    (["plan", "fait", "double_auth_messagerie"], ""),
    (["plan", "fait", "etape_qui_n_existe_pas"], ""),  # an error's advice
    (["motdepasse", "verifier", "--stdin"], "Tr0ub4dor&3\n"),
    (["formation"], ""),
    (["sauvegarde", "etat"], ""),
    (["registre"], ""),
    (["rappels", "etat"], ""),
    (["historique"], ""),
]


def _run(home: Path, arguments: list[str], typed: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, GARDIEN_HOME=str(home), PATH="/usr/bin:/bin", COLUMNS="250")
    return subprocess.run([str(INSTALLED), *arguments], input=typed, capture_output=True, text=True, cwd=home.parent,
                          env=env, timeout=120, check=False)


def test_no_command_printed_bypasses_the_way_gardien_is_typed_here(tmp_path):
    home = tmp_path / "home"
    seen = set()
    for arguments, typed in SAID:
        done = _run(home, arguments, typed)
        said = done.stdout + done.stderr
        assert "Traceback" not in said, said
        bare = [line for line in said.splitlines() if BARE.search(line)]
        assert not bare, (arguments, bare)
        seen.update(re.findall(r"\S*bin/gardien [a-zA-Z-]+", said))
    # the commands were said, as typed here (not left out)
    assert {f"{INSTALLED} plan", f"{INSTALLED} motdepasse", f"{INSTALLED} COMMANDE"} <= seen, seen


def test_data_is_left_as_it_is(tmp_path):
    home = tmp_path / "home"
    assert _run(home, ["questionnaire", "repondre", "double_auth_messagerie", "non"]).returncode == 0
    listed = _run(home, ["plan", "--json"])
    rows = json.loads(listed.stdout)  # JSON, whole
    assert rows and not any(str(INSTALLED) in json.dumps(row, ensure_ascii=False) for row in rows)
