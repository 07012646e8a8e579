"""Linux: the kernel's file events (inotify) read directly by the watcher's own thread, each one judged as it comes.

watchdog hands every event through three threads (a reader, the emitter, the dispatcher); on a busy computer each
hand-over waits for the processor and for Python's global lock, and the tripwire fell tens of milliseconds behind a
program encrypting thousands of files a second. Here one thread reads a batch from the kernel and feeds the detector
at once. Renames are paired by the kernel's cookie within the batch (the kernel writes both halves together); a half
left alone is a file moved in or out of the watched folders. Other systems keep watchdog (FSEvents,
ReadDirectoryChangesW).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import struct
import time
from collections.abc import Iterable

from gardien.veille.detector import EventKind, FileEvent

IN_MODIFY = 0x002
IN_CLOSE_WRITE = 0x008
IN_MOVED_FROM = 0x040
IN_MOVED_TO = 0x080
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_ISDIR = 0x40000000
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = os.O_CLOEXEC
MASK = (IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_DELETE_SELF
        | IN_ONLYDIR | IN_DONT_FOLLOW)
HEADER = struct.Struct("iIII")  # wd, mask, cookie, len
BUFFER = 256 * 1024
UNPAIRED_S = 0.05  # a rename's first half waits this long for its second half in the next read


class Overflow(Exception):
    """The kernel's queue overflowed: events were lost (the witness files must be checked now)."""


class Inotify:
    """Recursive watch of `roots` (except `ignored`); `read(timeout)` returns the events ready, in order."""

    def __init__(self, roots: Iterable[str], ignored: Iterable[str] = ()) -> None:
        self._libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        self.fd = self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
        self.ignored = tuple(os.path.abspath(i) for i in ignored)
        self._folders: dict[int, str] = {}  # watch descriptor -> folder
        self._pending: dict[int, tuple[str, bool, float]] = {}  # cookie -> (path moved from, folder?, when)
        self.failed: list[str] = []  # folders that could not be watched (the watch limit): the witness files remain
        for root in roots:
            self._watch_tree(os.path.abspath(root))

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Inotify:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- watches --------------------------------------------------------------------------------------------------

    def _ignored(self, path: str) -> bool:
        return any(path == i or path.startswith(i + os.sep) for i in self.ignored)

    def _watch(self, folder: str) -> bool:
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(folder), MASK)
        if wd < 0:
            if ctypes.get_errno() not in (2, 20):  # gone, or not a folder any more: nothing to say
                self.failed.append(folder)
            return False
        self._folders[wd] = folder
        return True

    def _watch_tree(self, root: str) -> list[str]:
        """Watch `root` and every folder under it; returns the files already there (created before the watch)."""
        files = []
        for folder, folders, names in os.walk(root):
            if self._ignored(folder) or not self._watch(folder):
                folders[:] = []
                continue
            folders[:] = [f for f in folders if not os.path.islink(os.path.join(folder, f))]
            files += [os.path.join(folder, n) for n in names]
        return files

    def _moved_folder(self, source: str, dest: str) -> list[FileEvent]:
        """A folder renamed inside the watched ones: its watches follow, and each file in it is a file moved."""
        for wd, folder in list(self._folders.items()):
            if folder == source or folder.startswith(source + os.sep):
                self._folders[wd] = dest + folder[len(source):]
        events = []
        for folder, _folders, names in os.walk(dest):
            for name in names:
                new = os.path.join(folder, name)
                events.append(FileEvent(EventKind.MOVED, source + new[len(dest):], new))
        return events

    def _forget_under(self, source: str) -> None:
        for wd, folder in list(self._folders.items()):
            if folder == source or folder.startswith(source + os.sep):
                self._libc.inotify_rm_watch(self.fd, wd)
                self._folders.pop(wd, None)

    # --- events ---------------------------------------------------------------------------------------------------

    def read(self, timeout: float) -> list[FileEvent]:
        """Wait up to `timeout` seconds for events; Overflow when the kernel dropped some."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        events: list[FileEvent] = []
        if ready:
            try:
                data = os.read(self.fd, BUFFER)
            except BlockingIOError:
                data = b""
            events = self._parse(data)
        return events + self._unpaired(time.monotonic())

    def _parse(self, data: bytes) -> list[FileEvent]:
        """The batch's events in order. A file written again in the same batch is judged once: the detector reads its
        content after the whole batch was written, so a second MODIFY or CLOSE_WRITE would read the same bytes again
        (a copy makes three events per file; an encryptor at full speed outruns a watcher that judges each)."""
        events: list[FileEvent] = []
        written: set[str] = set()
        offset, now = 0, time.monotonic()
        while offset + HEADER.size <= len(data):
            wd, mask, cookie, length = HEADER.unpack_from(data, offset)
            name = data[offset + HEADER.size: offset + HEADER.size + length].rstrip(b"\0")
            offset += HEADER.size + length
            if mask & IN_Q_OVERFLOW:
                raise Overflow
            folder = self._folders.get(wd)
            if mask & IN_IGNORED or (mask & IN_DELETE_SELF):
                self._folders.pop(wd, None)
                continue
            if folder is None or not name:
                continue
            path = os.path.join(folder, os.fsdecode(name))
            if self._ignored(path):
                continue
            for event in self._event(mask, cookie, path, now):
                if event.kind in (EventKind.CREATED, EventKind.MODIFIED, EventKind.CLOSED):
                    if event.path in written and event.kind is not EventKind.CREATED:
                        continue
                    written.add(event.path)
                else:  # moved or deleted: what comes next for these names is new
                    written.discard(event.path)
                    written.discard(event.dest)
                events.append(event)
        return events

    def _event(self, mask: int, cookie: int, path: str, now: float) -> list[FileEvent]:
        folder = bool(mask & IN_ISDIR)
        if mask & IN_MOVED_FROM:
            self._pending[cookie] = (path, folder, now)
            return []
        if mask & IN_MOVED_TO:
            source = self._pending.pop(cookie, None)
            if source is None:  # moved in from outside: new to us
                if folder:
                    return [FileEvent(EventKind.CREATED, p) for p in self._watch_tree(path)]
                return [FileEvent(EventKind.CREATED, path)]
            if folder:
                return self._moved_folder(source[0], path)
            return [FileEvent(EventKind.MOVED, source[0], path)]
        if folder:
            if mask & IN_CREATE:  # a new folder: watched, and what was put in it before the watch is reported
                return [FileEvent(EventKind.CREATED, p) for p in self._watch_tree(path)]
            return []
        if mask & IN_CREATE:
            return [FileEvent(EventKind.CREATED, path)]
        if mask & IN_DELETE:
            return [FileEvent(EventKind.DELETED, path)]
        if mask & IN_CLOSE_WRITE:
            return [FileEvent(EventKind.CLOSED, path)]
        if mask & IN_MODIFY:
            return [FileEvent(EventKind.MODIFIED, path)]
        return []

    def _unpaired(self, now: float) -> list[FileEvent]:
        """First halves of renames that found no second half: moved out of the watched folders (gone, for us)."""
        events = []
        for cookie, (path, folder, when) in list(self._pending.items()):
            if now - when < UNPAIRED_S:
                continue
            del self._pending[cookie]
            if folder:
                self._forget_under(path)
            else:
                events.append(FileEvent(EventKind.DELETED, path))
        return events

    @property
    def waiting(self) -> bool:
        """A rename's first half is waiting: read again soon even without new events."""
        return bool(self._pending)
