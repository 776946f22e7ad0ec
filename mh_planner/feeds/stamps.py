"""When the data last changed: the change time of events exported into a fresh folder.

With a state record, a new or changed event is stamped with the time of the export that saw it change.
Without one (a first export, a publish from a clean checkout in CI) every event would be stamped with the
moment of that run, so two runs over the same data would differ in every DTSTAMP and LAST-MODIFIED. They
take instead, in this order:

1. `SOURCE_DATE_EPOCH` (https://reproducible-builds.org/specs/source-date-epoch/), when set: also used
   with a state record, in place of the clock, as that specification asks;
2. the time of the last git commit touching the data folder, when it is in a git work tree with no
   uncommitted change to its data files (a checkout's file times are those of the checkout);
3. the newest modification time of the data files.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

UTC = dt.UTC
DATA_SUFFIXES = (".yaml", ".yml")
GIT_TIMEOUT = 10.0  # seconds; a hung git must not hang an export


class StampError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a time."""


def data_files(root: Path) -> Iterator[Path]:
    """The data's YAML files; hidden ones (the secrets file, editors' backups) left out."""
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.suffix in DATA_SUFFIXES and not any(part.startswith(".") for part in relative.parts):
            yield path


def _at(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(seconds), UTC)


def source_date_epoch(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """`SOURCE_DATE_EPOCH` as a UTC time, or None when unset; a value that is not a number is an error."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return _at(int(value))
    except (ValueError, OverflowError, OSError) as exc:
        raise StampError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {value!r}") from exc


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git, or it hung
    return done.stdout if done.returncode == 0 else None


def git_commit_time(root: Path) -> dt.datetime | None:
    """The last commit touching `root`, if `root` is in a git work tree whose data files are all committed."""
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if status is None:
        return None  # not a work tree, or git refused (e.g. a folder owned by someone else)
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        parts = path.split("/")
        if path.endswith(DATA_SUFFIXES) and not any(part.startswith(".") for part in parts):
            return None  # an uncommitted edit is newer than any commit
    stamp = _git(root, "log", "-1", "--format=%ct", "--", ".")
    if not stamp or not stamp.strip().isdigit():
        return None  # no commit touches the folder yet
    return _at(int(stamp.strip()))


def newest_mtime(root: Path) -> dt.datetime | None:
    newest: float | None = None
    for path in data_files(root):
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        newest = mtime if newest is None else max(newest, mtime)
    return None if newest is None else _at(newest)


def data_time(root: Path) -> dt.datetime | None:
    """When the data in `root` last changed: its last commit if committed, else its newest file."""
    return git_commit_time(root) or newest_mtime(root)
