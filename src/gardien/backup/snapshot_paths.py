"""A protected folder's path as restic's snapshots hold it, and where `restic restore` puts it: pure functions, the
same for this computer's paths on Windows, macOS and Linux (`windows` says which rules apply; the callers pass
`ON_WINDOWS`, the tests pass both).

What restic does, read in its source (internal/archiver/tree.go, pathComponents) and issues:
- a drive letter becomes a first folder: « C:\\Users\\Sage\\Patients » is /C/Users/Sage/Patients in the snapshot,
  and `restore --target D:\\R` writes it to D:\\R\\C\\Users\\Sage\\Patients;
- `restore --include` matches that form, « /C/Users/… », never « C:\\Users\\… » (restic issue #5606);
- a network address (« \\\\serveur\\partage\\dossier ») becomes one first folder named « \\\\serveur\\partage »,
  which restic on Windows refuses to restore (« invalid child node name », restic issues #2807 and #5573).
"""

from __future__ import annotations

import os
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import TypeVar

ON_WINDOWS = os.name == "nt"
P = TypeVar("P", bound=PurePath)  # a real Path in, a real Path out


def tree_parts(path: str, windows: bool) -> tuple[str, ...] | None:
    """The folder names restic files an absolute path under (« C:\\Users\\Sage » -> (C, Users, Sage)); None when
    Gardien cannot say where restic puts it: a network address, a « \\\\?\\ » path, a relative path, « .. »."""
    if windows:
        pure: PurePath = PureWindowsPath(path)
        drive = pure.drive  # « C: »; « \\\\serveur\\partage » or « \\\\?\\C: » for the others
        if len(drive) != 2 or not pure.root:
            return None
        parts = (drive[0], *pure.parts[1:])
    else:
        pure = PurePosixPath(path)
        if not pure.is_absolute():
            return None
        parts = pure.parts[1:]
    if not parts or ".." in parts:
        return None
    return parts


def restored_under(staging: P, path: str, windows: bool) -> P | None:
    """Where `restic restore --target staging` writes the folder `path` of the snapshot; always inside `staging`
    (None when unknown: nothing there is then moved, see tree_parts)."""
    parts = tree_parts(path, windows)
    return staging.joinpath(*parts) if parts else None


def include_pattern(path: str, windows: bool) -> str | None:
    """What `restic restore --include` matches for a file or folder given as on this computer: « /C/Users/Sage/x ».
    None when restic cannot restore it (see tree_parts)."""
    parts = tree_parts(path, windows)
    return "/" + "/".join(parts) if parts else None


def original_of(node_path: str, windows: bool) -> PurePath:
    """A file as `restic ls` names it (« /C/Users/Sage/x.txt ») back to where it is on this computer (« C:\\Users\\
    Sage\\x.txt »)."""
    if not windows:
        return PurePosixPath(node_path)
    first, _, rest = node_path.lstrip("/").partition("/")
    if len(first) == 1 and first.isalpha():
        return PureWindowsPath(f"{first}:\\", *[p for p in rest.split("/") if p])
    return PureWindowsPath(node_path)


def kept_drive(given: PurePath, resolved: PurePath) -> PurePath:
    """The folder as resolved, except a folder given with a drive letter that resolves to a network address: on
    Windows, resolve() turns a network drive (« Z:\\Cabinet ») into « \\\\serveur\\partage\\Cabinet », which restic
    could back up but not restore there. The letter is kept."""
    if len(given.drive) == 2 and len(resolved.drive) > 2:
        return given
    return resolved
