"""What the first bytes of a file say: real documents read as intact, their encrypted versions as random-looking,
user-made containers (gpg, 7-Zip) as containers; ransom-note names and ransomware extensions."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from ransomware_sim.victim import library

from gardien.veille import signals
from gardien.veille.signals import Kind


def _encrypt(data: bytes) -> bytes:
    return AESGCM(AESGCM.generate_key(bit_length=256)).encrypt(b"\x00" * 12, data, None)


@pytest.mark.parametrize("kind", ["docx", "xlsx", "odt", "pdf", "jpg", "png", "txt", "csv", "rtf"])
def test_real_documents_are_intact_and_their_encryption_is_not(kind):
    for document in library()[kind]:
        assert signals.classify(document[: signals.HEAD]).kind.intact, kind
        assert signals.classify(_encrypt(document)[: signals.HEAD]).kind is Kind.OPAQUE, kind


@pytest.mark.parametrize("kind", ["docx", "pdf", "txt", "jpg"])
def test_only_the_start_encrypted_is_seen(kind):
    document = library()[kind][0]
    head = _encrypt(document[:4096])[:4096] + document[4096:]
    assert signals.classify(head[: signals.HEAD]).kind is Kind.OPAQUE
    small = _encrypt(document[:256])[:256] + document[256:]  # only 256 bytes: the start window sees it
    assert signals.classify(small[: signals.HEAD]).kind is Kind.OPAQUE


def test_short_files_and_empty_ones():
    assert signals.classify(b"").kind is Kind.EMPTY
    assert signals.classify(b"ok\n").kind is Kind.TEXT
    assert signals.classify(b"Compte rendu : tension normale, poids 64 kg.").kind is Kind.TEXT
    assert signals.classify(bytes(200)).kind is Kind.STRUCTURED  # zeros: a placeholder, not encryption


def test_two_byte_signatures_do_not_hide_random_data():
    data = b"MZ" + _encrypt(b"x" * 4000)[:4000]
    assert signals.classify(data).kind is Kind.OPAQUE


@pytest.mark.skipif(shutil.which("gpg") is None, reason="gpg absent")
def test_gpg_output_is_a_container(tmp_path):
    source = tmp_path / "lettre.pdf"
    source.write_bytes(library()["pdf"][0])
    subprocess.run(["gpg", "--homedir", str(tmp_path), "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "x",
                    "--symmetric", "--output", str(tmp_path / "lettre.pdf.gpg"), str(source)], check=True, capture_output=True)
    subprocess.run(["gpgconf", "--homedir", str(tmp_path), "--kill", "gpg-agent"], capture_output=True, check=False)  # no agent left
    signature = signals.classify((tmp_path / "lettre.pdf.gpg").read_bytes()[: signals.HEAD])
    assert (signature.kind, signature.format) == (Kind.SEALED, "openpgp")


def test_openpgp_recogniser_rejects_random_bytes():
    hits = sum(signals._openpgp(_encrypt(bytes([n % 256]) * 64)) for n in range(3000))
    assert hits == 0


def test_ransom_notes_and_extensions():
    for name in ("HOW_TO_DECRYPT.txt", "_readme.txt", "RESTORE-MY-FILES.txt", "Recover_Your_Files.html", "info.hta"):
        assert signals.ransom_note_name(f"/tmp/{name}", 2000), name
    for name in ("readme.txt", "decrypt-tutorial.docx", "compte-rendu.txt", "Comment déchiffrer.txt"):
        assert not signals.ransom_note_name(f"/tmp/{name}", 2000), name
    assert not signals.ransom_note_name("/tmp/HOW_TO_DECRYPT.txt", 10_000_000)  # too big for a note
    assert signals.ransomware_extension("/d/lettre.docx.locky") and signals.ransomware_extension("/d/x.WNCRY")
    assert not signals.ransomware_extension("/d/lettre.docx") and not signals.ransomware_extension("/d/Main.java")


def test_only_programs_seen_at_work_in_the_folders_are_paused_and_never_the_system_or_gardien():
    import os

    from gardien.veille import process

    at_work = process.Suspect(999_999_999, "chiffreur", "/tmp/chiffreur", 10_000, False)
    idle = process.Suspect(999_999_998, "traitement", "/usr/bin/traitement", 100, False)
    desktop = process.Suspect(999_999_997, "explorer.exe", "C:\\Windows\\explorer.exe", 10_000, True)
    itself = process.Suspect(os.getpid(), "gardien", "", 10_000, True)
    assert at_work.sure(12_000) and not idle.sure(12_000) and not at_work.sure(0)
    # none of these process numbers exists (or they are refused): nothing is paused, nothing fails
    assert process.pause(process.Sample((at_work, idle, desktop, itself), 12_000)) == []
    assert process.resume([999_999_999]) == []


def test_paused_programs_are_shown_and_resumed_from_the_command_line_and_the_page(tmp_path, isolated_home):
    """A real child process paused as the alert would (psutil suspend, its number in the watcher's status), then
    resumed by `gardien veille reprendre`; the emergency page offers the same as a button."""
    import re
    import subprocess
    import sys

    import psutil
    from fastapi.testclient import TestClient

    from gardien import statefile
    from gardien.veille import process, watcher
    from gardien.web.app import create_app
    from gardien.web.security import Guard

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        psutil.Process(child.pid).suspend()
        statefile.write(watcher.status_path(), {"etat": "en_veille", "pid": 1, "mis_en_pause": [child.pid]})
        told = subprocess.run([sys.executable, "-m", "gardien", "veille", "etat"], capture_output=True, text=True,
                              check=False)
        assert f"processus {child.pid}" in told.stdout and "gardien veille reprendre" in told.stdout, told.stdout
        guard = Guard(port=8766)
        client = TestClient(create_app(guard), base_url=guard.base_url)
        client.get(f"/connexion?jeton={guard.token}")
        from gardien.veille import config

        config.save(config.WatchConfig((str(tmp_path),), suspend=True))
        from unittest import mock

        with mock.patch("gardien.veille.service.installed", return_value=True):
            shown = re.sub(r"<[^>]+>", " ", client.get("/urgence").text)
        assert f"processus {child.pid}" in shown and "Relancer les programmes mis en pause" in shown, shown
        assert "Le programme qui chiffre sera mis en pause" in shown
        resumed = client.post("/urgence/veille/reprendre", headers={"Origin": "http://127.0.0.1:8766"},
                              follow_redirects=False)
        assert resumed.status_code == 303
        assert psutil.Process(child.pid).status() != psutil.STATUS_STOPPED
        assert watcher.resume_paused() == ([], [])  # nothing left to resume
        assert process.resume([child.pid]) == [child.pid]  # resuming a running program is harmless
    finally:
        child.kill()
        child.wait()
