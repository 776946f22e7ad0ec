"""Where a printed page goes: written as the planner writes every file (`files.atomic`), all at once, so that
a browser or a printer never opens half a page and a process killed mid-write leaves the old page whole."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from mh_planner.files.atomic import write_atomic


def write_page(out: Path, data: bytes) -> None:
    """Replace `out` (the file behind it, if a link) with `data`, atomically. A device or a FIFO
    (`--out /dev/stdout`) is written to as it is; a folder, or a file in a folder that does not exist, is an
    OSError (no folder is made for a mistyped path)."""
    kind = _kind(out)
    if kind is not None and not stat.S_ISREG(kind):
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(out))
        with open(out, "wb") as stream:  # a terminal, a pipe, /dev/null: nothing to replace
            stream.write(data)
        return
    _folder_of(out)
    write_atomic(out, data, through_links=True)


def _kind(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None


def _folder_of(out: Path) -> None:
    folder = Path(os.path.abspath(out)).parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
