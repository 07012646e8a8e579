"""Linux steps show only the variant of the machine's distribution (read from /etc/os-release, live or recorded)."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from gardien.core import distribution
from gardien.core.audit import audit_replay
from gardien.core.model import Autonomy, Distribution, autonomy_here
from gardien.core.registry import discover
from gardien.plan import build as plan_build
from gardien.report import text as text_report
from gardien.store import history

# hand-written /etc/os-release files in their documented layout (os-release(5)), one per family
OS_RELEASE = {
    "ubuntu": 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n',
    "linuxmint": 'PRETTY_NAME="Linux Mint 22.1"\nID=linuxmint\nID_LIKE="ubuntu debian"\nVERSION_ID="22.1"\n',
    "pop": 'PRETTY_NAME="Pop!_OS 22.04 LTS"\nID=pop\nID_LIKE="ubuntu debian"\nVERSION_ID="22.04"\n',
    "debian": 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
    "fedora": 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=42\nPRETTY_NAME="Fedora Linux 42 (Workstation Edition)"\n',
    "rocky": 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n',
    "arch": 'NAME="Arch Linux"\nID=arch\nPRETTY_NAME="Arch Linux"\n',
}
# what a step of another distribution would show: its commands and its tools
FOREIGN = {
    Distribution.FEDORA: re.compile(r"\bdnf\b|firewalld|Fedora"),
    Distribution.DEBIAN: re.compile(r"\bapt\b|\bufw\b|dpkg|unattended|Debian"),
}
DISTRIBUTION_NAMES = re.compile(r"Ubuntu|Debian|Fedora|Mint\b")
VARIANT_CHECKS = [spec for spec in discover() if any(s.distributions for s in spec.meta.remediation.get("linux", ()))]


@pytest.mark.parametrize("name, expected", [
    ("ubuntu", Distribution.UBUNTU), ("linuxmint", Distribution.LINUX_MINT), ("pop", Distribution.UBUNTU),
    ("debian", Distribution.DEBIAN), ("fedora", Distribution.FEDORA), ("rocky", Distribution.FEDORA), ("arch", None),
])
def test_the_distribution_comes_from_id_then_id_like(name, expected):
    assert distribution.identify(OS_RELEASE[name]) is expected


def test_an_unreadable_os_release_is_unknown():
    assert distribution.identify(None) is None
    assert distribution.identify("bonjour\n") is None


def test_several_checks_have_variants():
    assert {"pare_feu", "antivirus", "mises_a_jour_systeme", "mises_a_jour_automatiques", "fin_de_support"} <= {
        spec.id for spec in VARIANT_CHECKS}


@pytest.mark.parametrize("here", list(Distribution))
def test_each_distribution_gets_its_own_steps_and_no_other(here):
    for spec in VARIANT_CHECKS:
        steps = spec.meta.remediation["linux"]
        shown = distribution.for_machine(steps, here)
        own = [s for s in shown if s.distributions]
        assert own, f"{spec.id}: nothing for {here.label}"
        assert all(here in s.distributions for s in own)
        text = " ".join(str(s) for s in shown)
        for other, words in FOREIGN.items():
            if other is not here and not (other is Distribution.DEBIAN and here in (Distribution.UBUNTU, Distribution.LINUX_MINT)):
                assert not words.search(text), f"{spec.id} on {here.label}: {words.search(text).group()}"
        assert distribution.UNKNOWN not in text


def test_unknown_distribution_keeps_every_variant_named_and_says_so():
    steps = next(s for s in VARIANT_CHECKS if s.id == "pare_feu").meta.remediation["linux"]
    shown = distribution.for_machine(steps, None)
    texts = [s.text for s in shown]
    assert texts.count(distribution.UNKNOWN) == 1
    assert len(shown) == len(steps) + 1
    assert any(t.startswith("Debian, Ubuntu, Linux Mint : ") for t in texts)
    assert any(t.startswith("Fedora : ") for t in texts)


def test_a_step_names_no_distribution_it_is_not_for():
    # a Fedora user never reads « Ubuntu »; the names are added before the variants only when all are shown
    for spec in discover():
        for step in spec.meta.remediation.get("linux", ()):
            named = set(DISTRIBUTION_NAMES.findall(step.text + " " + (step.command_effect or "")))
            own = {d.label.split()[-1] for d in step.distributions}
            assert named <= own, f"{spec.id}: {step.text}"


def test_a_distribution_list_outside_linux_is_refused():
    from importlib import resources

    from gardien.core.registry import MetadataError, load_meta

    good = resources.files("gardien.checks.pare_feu").joinpath("check.fr.toml").read_text(encoding="utf-8")
    bad_windows = good.replace(
        '"Activez le pare-feu pour les trois réseaux : domaine, privé et public.",',
        '{ texte = "Activez le pare-feu.", pour = ["fedora"] },')
    assert bad_windows != good
    with pytest.raises(MetadataError):
        load_meta("x", bad_windows)
    with pytest.raises(MetadataError):
        load_meta("x", good.replace('pour = ["fedora"]', 'pour = ["gentoo"]'))


def _recording(tmp_path, os_release: str | None):
    folder = tmp_path / "rec"
    folder.mkdir()
    # hand-written: ufw installed and off, firewalld absent (systemctl's answer for an unknown unit)
    (folder / "ufw_conf.stdout.txt").write_text("ENABLED=no\nLOGLEVEL=low\n", encoding="utf-8")
    (folder / "firewalld.stdout.txt").write_text("Unit firewalld.service could not be found.\n", encoding="utf-8")
    (folder / "gardien-enregistrement.json").write_text(json.dumps({"format": 1, "os": "linux", "probes": {
        "firewalld": {"returncode": 4}}}), encoding="utf-8")
    if os_release is not None:
        (folder / "os_release.stdout.txt").write_text(os_release, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, shown, hidden", [
    ("fedora", "firewalld", "ufw enable"),
    ("ubuntu", "ufw enable", "firewalld"),
])
def test_replay_shows_the_recorded_machines_variant(tmp_path, name, shown, hidden):
    result = audit_replay(_recording(tmp_path, OS_RELEASE[name]))
    steps = " ".join(str(s) for s in result.finding("pare_feu").remediation)
    assert shown in steps and hidden not in steps
    out = io.StringIO()
    text_report.render(result, Console(file=out, width=100), full=True)
    assert hidden not in out.getvalue()


def test_replay_of_an_unknown_distribution_shows_every_variant(tmp_path):
    result = audit_replay(_recording(tmp_path, None))
    steps = [s.text for s in result.finding("pare_feu").remediation]
    assert distribution.UNKNOWN in steps and any(s.startswith("Fedora : ") for s in steps)


def test_the_first_screen_is_shorter_on_a_known_distribution(tmp_path):
    known, unknown = tmp_path / "a", tmp_path / "b"
    known.mkdir()
    unknown.mkdir()
    heights = []
    for folder, release in ((known, OS_RELEASE["debian"]), (unknown, None)):
        result = audit_replay(_recording(folder, release))
        out = io.StringIO()
        text_report.render(result, Console(file=out, width=100), full=True)
        heights.append(len(out.getvalue().splitlines()))
    assert heights[0] < heights[1]


def test_the_plan_follows_this_computers_distribution(tmp_path, monkeypatch):
    result = audit_replay(_recording(tmp_path, OS_RELEASE["fedora"]))
    history.save(result)
    monkeypatch.setattr(plan_build, "current_platform", lambda: "linux")
    monkeypatch.setattr(distribution, "this_machine", lambda: Distribution.FEDORA)
    step = next(s for s in plan_build.build().steps if s.id == "pare_feu")
    text = " ".join(str(s) for s in step.how)
    assert "firewalld" in text and "ufw" not in text
    # typed in a terminal: the plan and the audit count it as a step done with help, not first as a quick one alone
    assert step.who is Autonomy.WITH_HELP and result.finding("pare_feu").who is Autonomy.WITH_HELP
    monkeypatch.setattr(distribution, "this_machine", lambda: None)
    step = next(s for s in plan_build.build().steps if s.id == "pare_feu")
    assert distribution.UNKNOWN in [s.text for s in step.how]


@pytest.mark.parametrize(("here", "expected"), [(Distribution.UBUNTU, Autonomy.ALONE), (Distribution.LINUX_MINT, Autonomy.ALONE),
                                                (Distribution.DEBIAN, Autonomy.WITH_HELP), (Distribution.FEDORA, Autonomy.WITH_HELP)])
def test_a_step_typed_in_a_terminal_is_not_counted_as_done_alone(here, expected):
    # Ubuntu and Mint turn on automatic updates in a window; Debian and Fedora need a command in a terminal, so that
    # step must not come first in the plan as one « sans aide en un quart d'heure »
    spec = next(s for s in VARIANT_CHECKS if s.id == "mises_a_jour_automatiques")
    assert spec.meta.effort["linux"].who is Autonomy.ALONE
    assert autonomy_here(Autonomy.ALONE, distribution.for_machine(spec.meta.remediation["linux"], here)) is expected
