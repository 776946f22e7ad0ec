"""Helpers shared by the feed and server tests (this module holds no tests itself)."""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

import icalendar

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.loading import load

NOW = dt.datetime(2019, 9, 1, 12, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2019, 9, 8, 9, 30, tzinfo=dt.UTC)
LATEST = dt.datetime(2019, 9, 15, 18, 45, tzinfo=dt.UTC)
OLD_MTIME_NS = 1_500_000_000 * 10**9  # 2017: any rewrite after this shows


def calendar_of(data: Path) -> Calendar:
    return assemble(load(data))


def unfold(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def searchable(path: Path) -> str:
    """A file's text as a reader would see it: .ics unfolded and unescaped, HTML unescaped."""
    data = path.read_bytes()
    if path.suffix == ".ics":
        return unescape_text(unfold(data))
    text = data.decode("utf-8")
    return html.unescape(text) if path.suffix == ".html" else text


def parse(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def vevents(path: Path) -> dict[str, icalendar.Event]:
    return {str(c["UID"]): c for c in parse(path).walk("VEVENT")}


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def age(folder: Path) -> None:
    """Set every file's mtime far in the past, so that any rewrite is seen without sleeping."""
    for path in files(folder):
        os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in files(folder)}


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files(folder)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
