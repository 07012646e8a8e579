"""Walkthrough r18, finding 10: after « ouvrez d'abord une session sur le compte root », the helper-only commands still
read `sudo ufw enable`, « Elle demande le mot de passe d'un compte administrateur ». As root nothing asks for a
password, and Debian leaves sudo out when root has its own password. When the audit saw the daily session as root,
the commands are given as typed in root's session: no sudo, no password. The audit outputs are hand-written, in the
recorded formats (id -un, id -Gn, ufw status)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta

from conftest import logged_in_client, visible_text
from test_fix15_leftovers import ROOT_SESSION, _recording, gardien


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _firewall(said: str) -> str:
    part = said[said.index("Pare-feu"):]
    return part[:part.index("Source :")] if "Source :" in part else part[:1500]


def test_a_root_session_gets_its_commands_without_sudo_in_the_audit_the_plan_and_the_pages(tmp_path):
    from gardien.core.audit import audit_replay
    from gardien.store import history

    folder = _recording(tmp_path / "rec", ROOT_SESSION)
    audit = _squeezed(gardien(os.environ["GARDIEN_HOME"], "audit", "--rejouer", str(folder), "--details").stdout)
    firewall = _firewall(audit[audit.index("Le détail, point par point"):])
    assert "ufw enable" in firewall and "sudo" not in firewall, firewall
    assert "mot de passe d'un compte administrateur" not in firewall
    assert "session du compte root" in firewall, firewall

    result = audit_replay(folder)
    history.save(replace(result, started_at=(datetime.fromisoformat(result.started_at) - timedelta(hours=1))
                         .isoformat(timespec="seconds")))
    plan = _squeezed(gardien(os.environ["GARDIEN_HOME"], "plan", "--details").stdout)
    assert "ufw enable" in plan and "sudo" not in plan, plan
    page = logged_in_client().get("/plan").text
    assert "sudo" not in page and "ufw enable" in page
    assert "mot de passe d'un compte administrateur" not in _squeezed(visible_text(page))


def test_an_administrator_account_keeps_sudo_and_its_password(tmp_path):
    folder = _recording(tmp_path / "rec", {**ROOT_SESSION, "id_user": "marc\n", "id_groups": "marc sudo\n"})
    audit = _squeezed(gardien(tmp_path / "home", "audit", "--rejouer", str(folder), "--details").stdout)
    firewall = _firewall(audit[audit.index("Le détail, point par point"):])
    assert "sudo ufw enable" in firewall and "mot de passe d'un compte administrateur" in firewall, firewall
