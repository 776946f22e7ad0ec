"""Many files replaced atomically with one flush to disk: an export's hundreds of feeds without an fsync each.

`atomic.write_atomic` flushes every file before renaming it over the old one: right for a plan, a storm for
an export that writes thousands of feeds (each fsync waits for the disk; 40 hubs: most of an export's time
besides serialising). A batch stages every file beside its target, makes all of them durable at once, then
renames each over its target and syncs each folder once. Each file is still replaced all at once: a reader
(a web server, a client mid-download, the planner after a crash) sees the old bytes or the new, never a mix,
never an empty file.

    with AtomicBatch() as batch:
        batch.write_if_changed(path, data, mode=0o644)   # staged: nothing is visible yet
    # on leaving: one flush, the renames, one fsync per folder; on an exception: the staged files removed
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from types import TracebackType

from mh_planner.files.atomic import NEW_FILE_MODE, TEMP_PREFIX, sync_folder


def flush_to_disk(paths: list[Path]) -> None:
    """Make the bytes of `paths` durable: one `sync()` where the system has it, else each file's fsync."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - Windows
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class AtomicBatch:
    """Files staged beside their targets, then replaced together (see the module's docstring)."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temporary file, target)

    def write_if_changed(self, path: Path, data: bytes, *, mode: int | None = None) -> bool:
        """Stage `data` for `path` unless the file already holds exactly it; True if staged. Never writes
        through a symlink: a link planted at `path` is replaced by the file."""
        try:
            if path.read_bytes() == data:
                return False
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        target = Path(os.path.abspath(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode is None:
            try:
                mode = os.stat(target).st_mode & 0o7777
            except FileNotFoundError:
                mode = NEW_FILE_MODE
        fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.chmod(temp, mode)  # mkstemp creates 0600
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        self._staged.append((Path(temp), target))
        return True

    def commit(self) -> list[Path]:
        """Flush every staged file once, rename each over its target, sync each folder once; the targets."""
        staged, self._staged = self._staged, []
        if not staged:
            return []
        try:
            flush_to_disk([temp for temp, _ in staged])
            for n, (temp, target) in enumerate(staged):
                os.replace(temp, target)
                staged[n] = (target, target)
        except BaseException:
            self._remove(staged)
            raise
        for folder in sorted({target.parent for _, target in staged}):
            sync_folder(folder)
        return [target for _, target in staged]

    def abort(self) -> None:
        """Remove every staged file; the targets are as they were."""
        staged, self._staged = self._staged, []
        self._remove(staged)

    @staticmethod
    def _remove(staged: list[tuple[Path, Path]]) -> None:
        for temp, target in staged:
            if temp != target:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()
