"""Writing the export folder: atomically, and only what changed.

A file whose bytes would not change is not touched, so its mtime (the server's Last-Modified), its ETag
and every subscriber's cache hold. A changed file is written to a temporary file in the same folder,
flushed to disk and renamed over the old one: a reader (a web server, a client mid-download) sees the old
feed or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PUBLIC = 0o644  # feeds and the index are published by whatever web server serves the folder
PRIVATE = 0o600  # the secrets file


def write_atomic(path: Path, data: bytes, mode: int = PUBLIC, *, sync: bool = True) -> None:
    """Replace `path` with `data` all at once. `sync=False` leaves the folder's fsync to the caller,
    who writes many files to it and syncs it once (`sync_folder`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)  # mkstemp creates 0600, which a web server could not read
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    if sync:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make the renames into `folder` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_if_changed(path: Path, data: bytes, mode: int = PUBLIC, *, sync: bool = True) -> bool:
    """Write `data` unless the file already holds exactly it; True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    write_atomic(path, data, mode, sync=sync)
    return True


def remove_feed(root: Path, relative: str) -> bool:
    """Delete a feed this tool wrote earlier, and its hub folder once empty; True if a file went."""
    path = root / relative
    if root.resolve() not in path.resolve().parents:
        return False  # a hand-edited record must not reach outside the folder
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    with contextlib.suppress(OSError):
        path.parent.rmdir()  # only succeeds when empty
    return True
