"""What a data folder holds in place of the files and folders the loader reads: every one a problem.

A plan that is a dangling link, a folder, a FIFO or a device, a `.YAML` the planner would not read, a `plans`
that is a file: each would leave a plan silently unread (and "0 errors"). The loader lists them here and
reports each; it opens nothing that is not a regular file (a FIFO would block, /dev/zero never ends).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
FOLDERS = ("programme", "plans", "year", "term-dates")  # shared by every year, or holding one folder per year


def looks_like_data(path: Path) -> bool:
    """A name the loader would read if it were a lower-case .yaml/.yml (a `.YAML` must not be skipped)."""
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def what_is_wrong(path: Path) -> str | None:
    """Why `path` cannot be read as a data file, or None for a regular file (readable or not: reading says)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a link to a file that does not exist" if path.is_symlink() else "file is missing"
    except OSError as exc:  # a loop of links, a path through a file
        return f"cannot be opened: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "a folder where a data file is expected"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, a device or a socket): not read"
    if path.suffix not in SUFFIXES:
        return f"not read: name it with a lower-case {path.suffix.lower()}"
    return None


def data_files(directory: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The data files of a folder, sorted, and every entry named like one that cannot be read as one."""
    if not directory.is_dir():
        return [], []
    files, odd = [], []
    for path in sorted(directory.iterdir()):
        if not looks_like_data(path):
            continue
        problem = what_is_wrong(path)
        if problem is None:
            files.append(path)
        else:
            odd.append((path, problem))
    return files, odd


def odd_folders(root: Path, year_folder: str | None) -> list[tuple[Path, str]]:
    """The data folder's own folders that exist but are not folders, and a year's folder (`year_folder`, or
    any when the year is chosen by what the folders hold) that is not one."""
    found = []
    for name in FOLDERS:
        path = root / name
        if (path.exists() or path.is_symlink()) and not path.is_dir():
            found.append((path, "must be a folder"))
    for name in ("programme", "plans"):
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if _year_name(path.name) and (year_folder in (None, path.name)) and not path.is_dir():
                found.append((path, "must be a folder (of the year's files)"))
    return found


def _year_name(name: str) -> bool:
    return len(name) == 7 and name[:4].isdigit() and name[4] == "-" and name[5:].isdigit()
