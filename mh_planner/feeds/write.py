"""Writing the export folder: atomically (`files.atomic`), and only what changed.

A file whose bytes would not change is not touched, so its mtime (the server's Last-Modified), its ETag
and every subscriber's cache hold.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from mh_planner.files.atomic import sync_folder, write_atomic, write_if_changed

PUBLIC = 0o644  # feeds and the index are published by whatever web server serves the folder
PRIVATE = 0o600  # the secrets file

__all__ = ["PRIVATE", "PUBLIC", "remove_feed", "sync_folder", "write_atomic", "write_if_changed"]


def remove_feed(root: Path, relative: str) -> bool:
    """Delete a file this tool wrote earlier under `root` (a feed, a published copy), and its folder once
    empty; True if a file went. Never anything outside `root`, whatever a hand-edited record says."""
    path = root / relative
    if root.resolve() not in path.resolve().parents:
        return False
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    with contextlib.suppress(OSError):
        path.parent.rmdir()  # only succeeds when empty
    return True
