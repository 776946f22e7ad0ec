"""One writer at a time in a folder of plans: the planner's save, `new-year`, `import` and `place --write`
(every one through `editing.Planner.save` or `editing.new_year.write`) hold this lock while they check what
is on disk and replace it, so that two of them (two terminals, the planner and a command) cannot interleave.

The lock is an advisory `flock` on the folder itself: no lock file to leave behind or to commit, and the
kernel releases it when the process ends, however it ends (a save killed mid-way leaves no stale lock).
Readers never take it: they see the old file or the new one, whole, thanks to the atomic rename.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

if sys.platform != "win32":
    import fcntl

WAIT_SECONDS = 10.0  # a save takes milliseconds: this long means another writer is stuck, or a human is


class Busy(OSError):
    """Another writer holds the folder's lock for longer than a save takes."""


def _open(folder: Path) -> int:
    return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


@contextlib.contextmanager
def writing(folder: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the writers' lock of `folder` (created if missing) for the duration of the block; raise Busy
    after `wait` seconds of another writer holding it."""
    folder.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":  # pragma: no cover - not POSIX: saves stay atomic, only unlocked
        yield
        return
    fd = _open(folder)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(f"another mh-planner is writing in {folder}; try again in a moment") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock
