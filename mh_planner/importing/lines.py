"""Bytes of an .ics file to the content lines icalendar parses, with their line numbers.

Before icalendar builds a single object, one pass over the lines checks the structure (BEGIN/END
balance, depth, component count): a truncated, mis-nested or enormous file is refused here with the
line at fault, in time proportional to its size. The same pass drops the properties the import never
reads (DTSTAMP, X-ALT-DESC, alarms' triggers ...): icalendar then parses only what is used, which is
what makes an import cheaper than icalendar's own `Calendar.from_ical` of the whole file.
Unfolding is RFC 5545 section 3.1 (a line starting with a space or tab continues the one before);
every property value is still parsed by icalendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from icalendar.parser.content_line import Contentline

from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.limits import Limits

# What the import reads of an event, and of the calendar around it.
EVENT_PROPERTIES = frozenset(
    {
        "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "SEQUENCE",
        "STATUS", "TRANSP", "X-MICROSOFT-CDO-BUSYSTATUS", "SUMMARY", "DESCRIPTION", "LOCATION",
        "ATTENDEE", "CATEGORIES",
    }
)  # fmt: skip
# What an event says about itself: read only when the caller may show it (`details=True`).
DETAIL_PROPERTIES = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "ATTENDEE", "CATEGORIES"})
CALENDAR_PROPERTIES = frozenset({"X-WR-TIMEZONE", "X-WR-CALNAME", "CALSCALE", "METHOD"})
_NAME = re.compile(r"[A-Za-z0-9-]+")


class NumberedLine(Contentline):
    """An unfolded content line that remembers where it began in the file."""

    __slots__ = ("lineno",)
    lineno: int


@dataclass(slots=True)
class Scan:
    lines: list[NumberedLine]
    components: int  # BEGIN: lines, kept or not
    events: int


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # RFC 5545 says UTF-8; old Outlook exports are Windows-1252. Undecodable bytes only ever sit
        # in text we show, never in dates, so replace them rather than refuse the file.
        return data.decode("cp1252", errors="replace")


def scan(data: bytes, source: str, limits: Limits, details: bool = True) -> Scan:
    if len(data) > limits.max_bytes:
        raise ImportFailure(source, f"is {len(data):,} bytes, more than the limit of {limits.max_bytes:,}")
    text = decode(data)
    if "\x00" in text:
        raise ImportFailure(source, "is not an iCalendar file (it holds binary data)")
    scanner = _Scanner(source, limits, EVENT_PROPERTIES if details else EVENT_PROPERTIES - DETAIL_PROPERTIES)
    pending: list[str] = []  # the current logical line, still being unfolded
    pending_no = 0
    last = 0  # the last line with anything on it
    for lineno, raw in enumerate(text.split("\n"), start=1):
        physical = raw[:-1] if raw.endswith("\r") else raw
        if physical[:1] in (" ", "\t") and pending:
            pending.append(physical[1:])
            last = lineno
            continue
        if pending:
            scanner.take("".join(pending), pending_no)
            pending.clear()
        if physical:
            pending.append(physical)
            pending_no = last = lineno
    if pending:
        scanner.take("".join(pending), pending_no)
    if scanner.stack:
        name, at = scanner.stack[-1]
        raise ImportFailure(
            source, f"is truncated: BEGIN:{name} of line {at} is never closed (the file ends at line {last})"
        )
    if not scanner.components:
        raise ImportFailure(source, "is empty" if not text.strip() else "is not an iCalendar file")
    return Scan(scanner.kept, scanner.components, scanner.events)


class _Scanner:
    """The structure check over unfolded lines, keeping those the import reads."""

    def __init__(self, source: str, limits: Limits, wanted: frozenset[str]) -> None:
        self.source, self.limits, self.wanted = source, limits, wanted
        self.kept: list[NumberedLine] = []
        self.stack: list[tuple[str, int]] = []  # open components: name, line
        self.components = self.events = 0
        self.in_timezone = 0  # depth inside a VTIMEZONE, where every property is kept

    def fail(self, message: str, line: int) -> ImportFailure:
        return ImportFailure(self.source, message, line)

    def take(self, line: str, no: int) -> None:
        match = _NAME.match(line)
        name = match.group().upper() if match else ""
        if not self.stack and name != "BEGIN":
            if not line.strip():
                return
            if not self.kept and not self.components:
                raise self.fail(f"is not an iCalendar file (it begins {_excerpt(line)})", no)
            if name == "X-COMMENT":
                return
            raise self.fail(f"{_excerpt(line)} stands outside any component", no)
        if name in ("BEGIN", "END"):
            what = line[len(name) + 1 :].strip().upper() if line[len(name) : len(name) + 1] == ":" else ""
            if not what:
                raise self.fail(f"{_excerpt(line)} names no component", no)
            if name == "BEGIN":
                self._begin(what, line, no)
            else:
                self._end(what, no)
        elif not (self.in_timezone or name in self.wanted or (len(self.stack) == 1 and name in CALENDAR_PROPERTIES)):
            return  # never read: icalendar need not parse it
        numbered = NumberedLine(line)  # type: ignore[no-untyped-call]  # icalendar's constructor is untyped
        numbered.lineno = no
        self.kept.append(numbered)

    def _begin(self, what: str, line: str, no: int) -> None:
        if not self.stack and what != "VCALENDAR":
            raise self.fail(f"is not an iCalendar file (it begins {_excerpt(line)})", no)
        self.components += 1
        self.events += what == "VEVENT"
        if self.components > self.limits.max_components:
            raise self.fail(f"has more than {self.limits.max_components:,} components (the limit)", no)
        self.stack.append((what, no))
        if len(self.stack) > self.limits.max_depth:
            raise self.fail(f"components are nested more than {self.limits.max_depth} deep", no)
        self.in_timezone += self.in_timezone > 0 or what == "VTIMEZONE"

    def _end(self, what: str, no: int) -> None:
        if not self.stack:
            raise self.fail(f"END:{what} closes nothing", no)
        opened, at = self.stack.pop()
        if opened != what:
            raise self.fail(f"END:{what} does not close BEGIN:{opened} of line {at}", no)
        self.in_timezone = max(self.in_timezone - 1, 0)


def _excerpt(line: str) -> str:
    text = line.strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")
