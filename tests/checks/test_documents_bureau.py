"""documents_bureau: few documents pass, more than 20 fail; a partial count or a summary that is not the
reader's is « à vérifier »."""

from __future__ import annotations

from checkrun import run

from gardien.core.model import Status

PLATFORMS = ("linux", "macos", "windows")


def summary(folders: int, documents: int, partial: int = 0) -> str:
    """hand-written, in the reader's format (docs/enregistrement.md)."""
    return f"dossiers\t{folders}\ndocuments\t{documents}\npartiel\t{partial}\n"


def _pass(platform):
    # hand-written (summary above)
    finding = run("documents_bureau", platform, {"desktop_documents": summary(1, 3)})
    assert finding.status is Status.PASS and finding.detail == "3 documents sur le Bureau."


def _fail(platform):
    # hand-written (summary above), also when the count stopped early
    assert run("documents_bureau", platform, {"desktop_documents": summary(1, 45)}).status is Status.FAIL
    assert run("documents_bureau", platform, {"desktop_documents": summary(1, 30, partial=1)}).detail.startswith("Au moins")


def _cannot_tell(platform):
    # hand-written: a partial count under the threshold; an empty summary
    assert run("documents_bureau", platform, {"desktop_documents": summary(1, 4, partial=1)}).status is Status.MANUAL
    assert run("documents_bureau", platform, {"desktop_documents": ""}).status is Status.MANUAL
    assert run("documents_bureau", platform, {"desktop_documents": summary(0, 0)}).status is Status.NOT_APPLICABLE


def test_linux_pass():
    _pass("linux")  # hand-written (summary above)


def test_linux_fail():
    _fail("linux")  # hand-written (summary above)


def test_linux_cannot_tell():
    _cannot_tell("linux")  # hand-written (summary above)


def test_macos_pass():
    _pass("macos")  # hand-written (summary above)


def test_macos_fail():
    _fail("macos")  # hand-written (summary above)


def test_macos_cannot_tell():
    _cannot_tell("macos")  # hand-written (summary above)


def test_windows_pass():
    _pass("windows")  # hand-written (summary above)


def test_windows_fail():
    _fail("windows")  # hand-written (summary above)


def test_windows_cannot_tell():
    _cannot_tell("windows")  # hand-written (summary above)
