"""Cutting the network when the system's tool is missing, hangs or refuses: said in French, nothing raised."""

from __future__ import annotations

import subprocess

from gardien.urgence import network


def test_a_missing_tool_is_a_failure_said_in_french(monkeypatch):
    def missing(*_args, **_kwargs):
        raise FileNotFoundError(2, "No such file or directory", "networksetup")

    monkeypatch.setattr(network.subprocess, "run", missing)
    monkeypatch.setattr(network, "_macos_wifi_devices", lambda: ["en0"])
    result = network.cut("macos")
    assert result.done == () and len(result.failed) == 1
    assert result.failed == ("Wi-Fi coupé (outil absent de cet ordinateur)",)
    assert any("Wi-Fi" in step for step in result.by_hand)


def test_a_hanging_tool_is_a_failure_and_a_refusal_says_so(monkeypatch):
    def hangs(argv, **_kwargs):
        raise subprocess.TimeoutExpired(argv, network.TIMEOUT_S)

    monkeypatch.setattr(network.subprocess, "run", hangs)
    failed = network.cut("windows").failed
    assert len(failed) == 1 and failed[0] == "Wi-Fi déconnecté (pas de réponse en 15 secondes)", failed

    def refuses(argv, **_kwargs):
        return subprocess.CompletedProcess(argv, 1, "", "Error: Not authorized to change the network.")

    monkeypatch.setattr(network.subprocess, "run", refuses)
    monkeypatch.setattr(network, "_macos_wifi_devices", lambda: ["en0"])
    assert network.cut("macos").failed == ("Wi-Fi coupé (droits refusés)",)
