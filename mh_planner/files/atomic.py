"""Files on disk: one atomic writer for everything the planner writes, and fingerprints of what was read.

A file is replaced all at once: the new bytes go to a temporary file beside it, are flushed to disk and
renamed over the old one, so a reader (a web server, a client mid-download, the planner after a crash)
sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, mode)  # mkstemp creates 0600
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync:
        sync_folder(directory)


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


_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")


def leftover_temp_files(directory: Path) -> list[Path]:
    """Temporary files an interrupted save left behind (for tests and a tidy-up)."""
    return sorted(p for p in directory.iterdir() if _TEMP_NAME.match(p.name))
