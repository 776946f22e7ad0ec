"""The feeds' iCalendar text, written directly: byte for byte what `icalendar` writes for the same VEVENTs and
VCALENDAR headers (`build.vevent`, `build.header`), without its property objects.

An export serialises every event once; through `icalendar` most of that time is its machinery (a property
object, parameters and a content line per value, a character loop to fold each line), not the text. The
feeds hold a fixed set of properties, so their lines are written here: escaped as RFC 5545 TEXT, folded at
75 octets, in the order `icalendar` puts them. `tests/feeds/test_ical_text.py` compares every feed of the
sample and of a generated network, and random texts, with `icalendar`'s own output; the version of
`icalendar` stays pinned (pyproject.toml) and in every feed's digest, so that a new one re-checks the feeds.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from mh_planner.feeds.build import PRODID, REFRESH, Content, Stamp

LIMIT = 75  # octets a line holds, the line break excluded
_DURATION = icalendar.vDuration(REFRESH).to_ical().decode()  # type: ignore[no-untyped-call]


def escape(text: str) -> str:
    """RFC 5545 TEXT escaping, as `icalendar` does it (the order of the replacements matters)."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> str:
    """A content line folded as `icalendar` folds it: at most 74 octets before each break, a continuation
    starting with a space, never splitting an escape (`\\`, `^`) from what it escapes."""
    if len(line) < LIMIT and (line.isascii() or len(line.encode()) < LIMIT):
        return line  # nearly every line
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode())
        if current and count + size >= LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                kept = current.pop()
                folded.append("".join(current))
                current, count = [kept], len(kept.encode())
            else:
                folded.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def _when(name: str, value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return f"{name}:{value.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def vevent_bytes(content: Content, stamp: Stamp) -> bytes:
    """`build.vevent(content, stamp).to_ical()`: the canonical properties first, then the others by name."""
    modified = f"{stamp.modified:%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{escape(content.summary)}",
        _when("DTSTART", content.start),
        _when("DTEND", content.end),
        f"DTSTAMP:{modified}",
        f"UID:{escape(content.uid)}",
        f"SEQUENCE:{stamp.sequence}",
        "CATEGORIES:" + ",".join(escape(c) for c in content.categories),
    ]
    if content.description:
        lines.append(f"DESCRIPTION:{escape(content.description)}")
    lines.append(f"LAST-MODIFIED:{modified}")
    if content.location:
        lines.append(f"LOCATION:{escape(content.location)}")
    lines += [f"STATUS:{content.status}", f"TRANSP:{'TRANSPARENT' if content.transparent else 'OPAQUE'}"]
    if content.status == "TENTATIVE":
        lines.append("X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE")
    lines.append("END:VEVENT")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()


def header_bytes(name: str, description: str) -> bytes | None:
    """`build.header(feed, description).to_ical()`, its END line included; None for a name `icalendar`
    refuses (a line break: it writes the calendar's name as it is, unescaped)."""
    if "\n" in name:
        return None
    text = escape(description)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"DESCRIPTION:{text}",
        f"X-WR-CALDESC:{text}",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{_DURATION}",
        f"X-PUBLISHED-TTL:{_DURATION}",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
