"""Files on disk: one atomic writer for everything the planner writes, and fingerprints of what was read.

A file is replaced all at once: the new bytes go to a temporary file beside it, are flushed to disk and
renamed over the old one, so a reader (a web server, a client mid-download, the planner after a crash)
sees the old file or the new one, never a mix.

A temporary file is owner-only until the rename and named `.mh-planner-<file>.<random>.tmp` (`.gitignore`
covers it: it is a full copy, private fields included); one left by a process killed mid-save is removed
at the next start (`remove_leftovers`). A user's data file is saved with `save_file`: never over a
read-only file, and never over a change someone else made since it was read (checked just before the
rename, and after it for a write that landed during the rename), under the folder's writers' lock.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mh_planner.files.lock import Busy, writing

NEW_FILE_MODE = 0o644


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when read or written: compared to tell whether someone else changed it since."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, raw: bytes) -> Fingerprint:
        return cls(os.stat(path).st_mtime_ns, len(raw), hashlib.sha256(raw).hexdigest())

    def changed(self, path: Path) -> bool:
        """True when the content differs (or the file is gone). A file touched but unchanged is not changed:
        nothing would be lost by overwriting it."""
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return True
        if stat.st_size != self.size:
            return True
        # Same size: the hash decides, even when the mtime is unchanged (a coarse clock can give a quick
        # rewrite the same mtime); a different mtime alone (touched) is not a change.
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest() != self.sha256
        except OSError:
            return True


@dataclass(frozen=True)
class TextFile:
    """A text file's content with its line ends normalised to \\n, and how to write it back the same way."""

    text: str
    newline: str
    bom: bool
    fingerprint: Fingerprint

    @classmethod
    def read(cls, path: Path) -> TextFile:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(text.replace("\r\n", "\n"), newline, raw.startswith(b"\xef\xbb\xbf"), Fingerprint.of(path, raw))

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


def write_atomic(
    path: Path, data: bytes, *, mode: int | None = None, sync: bool = True, through_links: bool = False
) -> None:
    """Replace `path` with `data` so that, whenever this is interrupted, it holds the old bytes or the new.

    `mode` None keeps the file's own permissions (0644 for a new file). A symlink is replaced by the file,
    unless `through_links` (a user's own data file may be a link: it is the file behind it that changes; an
    export folder must never be written through a link planted in it). `sync=False` leaves the folder's
    fsync to a caller who writes many files into it and syncs it once (`sync_folder`).
    """
    target = Path(os.path.realpath(path)) if through_links else Path(os.path.abspath(path))
    directory = target.parent
    directory.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            mode = NEW_FILE_MODE
    temp = _temporary(target, data)
    try:
        os.chmod(temp, mode)  # mkstemp creates 0600
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync:
        sync_folder(directory)


TEMP_PREFIX = ".mh-planner-"


def _temporary(target: Path, data: bytes) -> str:
    """`data` in a new owner-only file beside `target`, flushed to disk; its path."""
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


class ChangedSince(OSError):
    """The file is not what it was when read: someone else changed it (nothing was written over it)."""


def save_file(path: Path, data: bytes, *, expect: Fingerprint | None, exclusive: bool = False) -> Fingerprint:
    """Replace a user's data file `path` (a link: the file behind it) with `data`, atomically, under the
    folder's writers' lock; its new fingerprint. Raises PermissionError for a read-only file, ChangedSince
    when it no longer matches `expect` (None: write whatever is there), FileExistsError when `exclusive`
    and it exists. Whenever interrupted, the file holds the old bytes or the new."""
    target = Path(os.path.realpath(path))
    with writing(target.parent):
        _check_target(target, expect, exclusive)
        # The copy stays owner-only until it is the file: then it takes the file's own mode.
        mode = os.stat(target).st_mode & 0o7777 if target.exists() else NEW_FILE_MODE
        temp = _temporary(target, data)
        old = None if exclusive or expect is None else _open_old(target)
        try:
            if exclusive:
                os.link(temp, target)  # fails if it exists: never over a file made meanwhile
            else:
                if expect is not None and expect.changed(target):
                    raise ChangedSince(f"{path} changed on disk since it was read")
                os.replace(temp, target)
                if old is not None and expect is not None:
                    _restore_if_written_meanwhile(target, old, expect, mode)
            os.chmod(target, mode)
        finally:
            if old is not None:
                os.close(old)
            with contextlib.suppress(OSError):
                os.unlink(temp)
        sync_folder(target.parent)
        return Fingerprint.of(target, data)


def _check_target(target: Path, expect: Fingerprint | None, exclusive: bool) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        if expect is not None:
            raise ChangedSince(f"{target} was removed since it was read") from None
        return
    if exclusive:
        raise FileExistsError(errno.EEXIST, "exists already", str(target))
    if mode & 0o222 == 0:  # os.access would say yes to root: the file's own mode is the owner's wish
        raise PermissionError(errno.EACCES, "the file is read-only: not overwritten", str(target))
    if expect is not None and expect.changed(target):
        raise ChangedSince(f"{target} changed on disk since it was read")


def _open_old(target: Path) -> int | None:
    """The file about to be replaced, held open: after the rename it is still there to read, so a write that
    landed in it meanwhile (in place, by another program) is not lost. No second name, nothing left behind."""
    try:
        return os.open(target, os.O_RDONLY)
    except OSError:
        return None


def _restore_if_written_meanwhile(target: Path, old: int, expect: Fingerprint, mode: int) -> None:
    """Whoever rewrote the file in place while it was being replaced wrote into the old file: put theirs back,
    atomically too, rather than lose it, and say so."""
    theirs = b""
    while chunk := os.pread(old, 1 << 20, len(theirs)):
        theirs += chunk
    if len(theirs) == expect.size and hashlib.sha256(theirs).hexdigest() == expect.sha256:
        return
    temp = _temporary(target, theirs)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    os.chmod(target, mode)
    raise ChangedSince(f"{target} was changed on disk while it was being saved; kept that change")


def write_if_changed(path: Path, data: bytes, *, mode: int | None = None, sync: bool = True) -> bool:
    """Write `data` unless the file already holds exactly it (its mtime, and so a server's Last-Modified
    and every cache, then hold); True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    write_atomic(path, data, mode=mode, sync=sync)
    return True


def sync_folder(folder: Path) -> None:
    """Make the renames into `folder` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


# Ours (`.mh-planner-ee2.yaml.k3j_x9ab.tmp`), and those of versions before the prefix (`.ee2.yaml.k3j_x9ab.tmp`).
_TEMP_NAME = re.compile(r"^\.(?:mh-planner-)?.+\.[A-Za-z0-9_]{4,}\.tmp$")


def leftover_temp_files(directory: Path) -> list[Path]:
    """Temporary files an interrupted save left behind (for tests and a tidy-up)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if _TEMP_NAME.match(p.name) and p.is_file())


def remove_leftovers(directory: Path) -> list[Path]:
    """Remove what interrupted saves left in `directory` (full copies of a plan, private fields included);
    the files removed. Under the writers' lock, so that a save under way elsewhere keeps its file; skipped
    when another writer holds it."""
    if not leftover_temp_files(directory):
        return []
    try:
        with writing(directory, wait=0):
            found = leftover_temp_files(directory)
            for path in found:
                with contextlib.suppress(OSError):
                    path.unlink()
            return found
    except Busy:
        return []
