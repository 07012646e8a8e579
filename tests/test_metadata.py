"""Every check's metadata file is valid and complete; discovery needs no registry edit."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib import resources

import pytest

from gardien.core import registry
from gardien.core.model import Autonomy, Severity

IDS = registry.check_ids()


def test_checks_are_discovered():
    specs = registry.discover()
    assert [s.id for s in specs] and len({s.id for s in specs}) == len(specs) == len(IDS)


@pytest.mark.parametrize("check_id", IDS)
def test_metadata_is_valid(check_id):
    text = resources.files(f"gardien.checks.{check_id}").joinpath("check.fr.toml").read_text(encoding="utf-8")
    meta = registry.load_meta(check_id, text)
    assert meta.id == check_id
    assert meta.severity in Severity
    assert meta.platforms, "at least one platform"
    for platform in meta.platforms:
        assert meta.remediation[platform], f"{check_id}: no remediation for {platform}"


def test_invalid_metadata_is_refused():
    good = resources.files("gardien.checks.pare_feu").joinpath("check.fr.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(good)
    with pytest.raises(registry.MetadataError):
        registry.load_meta("x", good.replace('gravite = "high"', 'gravite = "enorme"'))
    with pytest.raises(registry.MetadataError):
        registry.load_meta("x", good.replace('sources = ["POSTE-03"]', 'sources = ["INVENTE-99"]'))
    assert raw["effort"]["linux"]["minutes"] == 5
    with pytest.raises(registry.MetadataError):
        registry.load_meta("x", good.replace(raw["titre"], "T" * 200))


def test_every_source_is_used_and_well_formed():
    used = {s.id for spec in registry.discover() for s in spec.meta.sources}
    catalogue = registry.sources()
    assert used <= set(catalogue)
    for source in catalogue.values():
        assert source.label and (not source.url or source.url.startswith("https://"))


def test_check_code_holds_only_short_details():
    # long explanations belong in check.fr.toml; check.py only says what was seen on this machine
    for check_id in IDS:
        code = resources.files(f"gardien.checks.{check_id}").joinpath("check.py").read_text(encoding="utf-8")
        tree = ast.parse(code)
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef)) and ast.get_docstring(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert len(node.value) <= 200, f"{check_id}: texte trop long dans check.py : {node.value[:60]}"


# --- Steps a practitioner can follow (issues 13.5 and 15.6) --------------------------------------

SPECS = registry.discover()
# checks whose text another engineer owns this round, still in the older form (effort_minutes alone)
PENDING_TYPED_EFFORT = {"sauvegarde": "owned by backup"}
# words that belong in a step's `commande`, shown apart, never inside a sentence
COMMAND_WORDS = re.compile(r"\bsudo\b|\bapt (?:install|update|upgrade)\b|\bdnf install\b|\bsystemctl\b|\bgsettings set\b"
                           r"|\bnet user\b|\bnetplwiz\b|\bfprintd-enroll\b|\bdpkg-reconfigure\b|\bufw enable\b")
OS_TOOLS = {"windows": ("BitLocker", "Windows Update", "Sécurité Windows"), "macos": ("FileVault", "Time Machine", "Touch ID", "Gatekeeper"),
            "linux": ("LUKS", "GNOME", "KDE", "ufw", "firewalld")}


def _steps(platform_filter=None):
    for spec in SPECS:
        for platform, steps in spec.meta.remediation.items():
            if platform_filter in (None, platform):
                yield spec, platform, steps


def test_every_check_says_per_system_how_long_and_who_can_do_it():
    for spec in SPECS:
        if spec.id in PENDING_TYPED_EFFORT:
            continue
        text = resources.files(f"gardien.checks.{spec.id}").joinpath("check.fr.toml").read_text(encoding="utf-8")
        assert "effort_minutes" not in tomllib.loads(text), f"{spec.id}: give [effort.<système>] with minutes and qui"
        for platform, effort in spec.meta.effort.items():
            if effort.who is Autonomy.WITH_HELP:
                assert "Demandez" in effort.ask_for, f"{spec.id} {platform}: say what to ask for, and why"
                assert str(spec.meta.remediation[platform][0]) == "Faites-vous aider : " + effort.ask_for


def test_encrypting_an_installed_linux_is_hours_with_help():
    effort = next(s for s in SPECS if s.id == "chiffrement_disque").meta.effort["linux"]
    assert effort.who is Autonomy.WITH_HELP and effort.minutes >= 120 and "réinstaller" in effort.ask_for


def test_commands_are_shown_apart_with_what_they_do():
    for spec, platform, steps in _steps():
        if spec.id in PENDING_TYPED_EFFORT:
            continue
        for step in steps:
            assert not COMMAND_WORDS.search(step.text), f"{spec.id} {platform}: command inside a sentence: {step.text}"
            if step.in_terminal:
                assert step.command_effect and step.command_note().startswith("Cette commande")
                if step.command.startswith("sudo") or step.command in ("netplwiz",) or step.command.startswith("net user"):
                    assert step.admin_password, f"{spec.id}: « {step.command} » asks for the administrator password"


def test_the_graphical_way_comes_first_where_there_is_one():
    for spec, platform, steps in _steps():
        if any(not step.in_terminal for step in steps):
            assert not steps[0].in_terminal, f"{spec.id} {platform}: a graphical step should come first"


def test_windows_steps_give_windows_10_and_windows_11_paths():
    for spec, _, steps in _steps("windows"):
        text = " ".join(str(s) for s in steps)
        if "Paramètres >" in text and spec.id not in PENDING_TYPED_EFFORT:
            assert "Windows 10" in text and ("Windows 11" in text or "Windows 10 et 11" in text), spec.id


def test_macos_steps_give_the_current_and_the_previous_wording():
    for spec, _, steps in _steps("macos"):
        text = " ".join(str(s) for s in steps)
        if "Réglages Système" in text and spec.id not in PENDING_TYPED_EFFORT:
            assert "Préférences Système" in text or spec.id == "mises_a_jour_automatiques" and "macOS 12" in text, spec.id


def test_no_step_names_another_systems_tool():
    for spec, platform, steps in _steps():
        text = " ".join(str(s) for s in steps)
        for other, tools in OS_TOOLS.items():
            if other != platform:
                for tool in tools:
                    assert tool not in text, f"{spec.id} {platform}: names {tool}"
    for spec in SPECS:
        shared = spec.meta.why + " " + spec.meta.risk
        assert not any(tool in shared for tools in OS_TOOLS.values() for tool in tools), spec.id


def test_old_wrong_steps_are_gone():
    windows_lock = " ".join(str(s) for s in next(s for s in SPECS if s.id == "verrouillage_session").meta.remediation["windows"])
    assert "Mettre en veille l'écran" not in windows_lock  # no such setting, and a dark screen does not lock


def test_typed_step_and_effort_errors_are_refused():
    good = resources.files("gardien.checks.pare_feu").joinpath("check.fr.toml").read_text(encoding="utf-8")
    for bad in (
        good.replace('qui = "seul"', 'qui = "aide"', 1),  # help without saying what to ask for
        good.replace('qui = "seul"', 'qui = "peut-etre"', 1),
        good.replace("minutes = 2", "minutes = 0", 1),
        good.replace(', effet = "active le pare-feu, maintenant et à chaque démarrage ; les connexions que vous ouvrez vous-même continuent de fonctionner"', ""),
        good.replace("[effort.linux]\nminutes = 5\nqui = \"seul\"\n", ""),
    ):
        assert bad != good
        with pytest.raises(registry.MetadataError):
            registry.load_meta("x", bad)
