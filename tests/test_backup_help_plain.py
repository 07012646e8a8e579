"""Round 24 review: « gardien sauvegarde --help » said « (restic) », its commands « dépôts », « compatible S3 »:
words a midwife does not use. Every help of « sauvegarde » in plain French, as a real subprocess; restic named once,
at the top, for whoever installs it (« l'outil restic, installé à part »); the option names themselves (--sftp,
--s3) are what she types and stay."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

GARDIEN = shutil.which("gardien", path=str(Path(os.sys.executable).parent)) or "gardien"
JARGON = re.compile(r"\b(restic|SFTP|S3|dépôts?|trousseau)\b", re.I)


def _help(*args: str) -> str:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "COLUMNS": "200"}
    done = subprocess.run([GARDIEN, "sauvegarde", *args, "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return re.sub(r"--\S+", " ", done.stdout)  # option names are typed as they are


def test_every_backup_help_speaks_plain_french():
    top = _help()
    flat_top = " ".join(top.split())
    commands = re.findall(r"^  (\S+)  ", top.split("Commandes :")[1].split("Options :")[0], re.M)
    assert len(commands) > 8, top
    assert JARGON.findall(top) == ["restic"] and "l'outil restic, installé à part" in flat_top, top
    assert "trois copies" in top, top  # the 3-2-1 rule said in words where it is first named
    for command in commands:
        shown = _help(command)
        assert not JARGON.search(shown), (command, JARGON.findall(shown), shown)
