"""An .ics file's events inside a window (the academic year), as busy times in London wall-clock time.

    reading = read_ics(data, source="venue.ics", start=date(2019, 9, 1), end=date(2020, 8, 31))
    reading.events   # every event in the window, busy or not, sorted
    reading.busy()   # only those that block someone's time

Single events (no RRULE, RDATE or RECURRENCE-ID, a UID of their own) are converted directly;
recurring series and their overridden instances go through `recurring_ical_events`, after
`rules.bound` has limited every RRULE to the window. Every failure is an `ImportFailure`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Component
from icalendar.prop import vDDDLists

from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.limits import DEFAULT_LIMITS, Limits
from mh_planner.importing.lines import scan
from mh_planner.importing.parse import Parsed, explain, parse
from mh_planner.importing.rules import Budget, bound
from mh_planner.importing.zones import events, plain, prepare, to_london

DAY = dt.timedelta(days=1)
# Outlook's "show as": free is not busy; tentative is busy but provisional; busy, out of office and
# working elsewhere all keep the person from a meeting at one of the hub's venues.
CDO_FREE, CDO_TENTATIVE = "FREE", "TENTATIVE"


@dataclass(frozen=True, slots=True)
class Details:
    """What an event says about itself: private to whoever owns the calendar.

    Kept apart from the times so that a caller has to reach for it; show it only where the plan allows.
    """

    summary: str = ""
    description: str = ""
    location: str = ""
    attendees: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Busy:
    """One imported event (one instance of a series): naive Europe/London wall-clock times."""

    start: dt.datetime
    end: dt.datetime  # exclusive; an all-day event ends at midnight after its last day
    all_day: bool
    busy: bool  # False: TRANSP:TRANSPARENT, STATUS:CANCELLED, Outlook's "free", METHOD:CANCEL
    tentative: bool  # busy, but STATUS:TENTATIVE or Outlook's "tentative"
    uid: str
    recurrence_id: dt.datetime | None  # the instance of a series (its original start), in London time
    details: Details = field(default=Details(), repr=False)  # never in logs or reprs by accident


@dataclass(frozen=True, slots=True)
class Reading:
    source: str
    events: tuple[Busy, ...]
    warnings: tuple[str, ...] = ()
    name: str | None = None  # X-WR-CALNAME, when the file has one

    def busy(self) -> list[Busy]:
        return [e for e in self.events if e.busy]


def read_ics(
    data: bytes, *, source: str, start: dt.date, end: dt.date, details: bool = True, limits: Limits = DEFAULT_LIMITS
) -> Reading:
    """The events of `data` that overlap `start`..`end` (both days included). Raises ImportFailure.

    `details=False` never reads summaries, descriptions, locations, attendees or categories (every
    `Busy.details` is empty): for a source whose details the plan may not show, nothing private is
    even held in memory, and the import is faster.
    """
    try:
        return _read(data, source, start, end, details, limits)
    except ImportFailure:
        raise
    except RecursionError:
        raise ImportFailure(source, "is nested too deeply to read") from None
    except MemoryError:
        raise ImportFailure(source, "needs more memory than this machine has to read") from None
    except Exception as error:  # a library's surprise is still one line naming the source, not a traceback
        raise ImportFailure(source, explain(error)) from None


def _read(data: bytes, source: str, start: dt.date, end: dt.date, details: bool, limits: Limits) -> Reading:
    window = (dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()) + DAY)
    scanned = scan(data, source, limits, details)
    parsed = parse(scanned.lines, source)
    found: list[Busy] = []
    warnings: list[str] = []
    name: str | None = None
    budget = Budget()
    for raw in parsed.calendars:
        calendar = prepare(raw, parsed, source)
        name = name or (str(calendar["X-WR-CALNAME"]) if "X-WR-CALNAME" in calendar else None)
        cancelled = str(calendar.get("METHOD", "")).upper() == "CANCEL"  # an iTIP cancellation of them all
        found.extend(_events(calendar, raw, parsed, window, limits, budget, cancelled, warnings, source))
        if len(found) > limits.max_instances:
            raise ImportFailure(source, f"has more than {limits.max_instances:,} events in the window (the limit)")
    found.sort(key=lambda b: (b.start, b.end, b.uid, b.recurrence_id or b.start))
    return Reading(source, tuple(found), tuple(warnings), name)


def _events(calendar: Calendar, raw: Calendar, parsed: Parsed, window: tuple[dt.datetime, dt.datetime], limits: Limits,
            budget: Budget, cancelled: bool, warnings: list[str], source: str) -> list[Busy]:  # fmt: skip
    single: list[Component] = []
    series: list[Component] = []
    items = events(calendar)
    # x_wr_timezone copies the events it changes; lines are remembered for the parsed originals
    originals = dict(zip(map(id, items), events(raw), strict=True))
    uids = Counter(str(e.get("UID", "")) for e in items)
    repeating: set[str] = set()
    rdates = 0
    for event in items:
        props = plain(event)
        if "DTSTART" not in props:
            line = parsed.line_of(originals[id(event)])
            warnings.append(f"{source}: line {line}: an event without DTSTART was skipped")
            continue
        uid = str(props.get("UID", ""))
        if "RRULE" in props or "RDATE" in props or "RECURRENCE-ID" in props:
            repeating.add(uid)
            rdates += _count_rdates(event)
            series.append(event)
        elif uid and uids[uid] > 1:
            series.append(event)  # several versions of one event: recurring_ical_events keeps the highest SEQUENCE
        else:
            single.append(event)
    if rdates > limits.max_instances:
        raise ImportFailure(source, f"has more than {limits.max_instances:,} RDATE values (the limit)")
    found = [b for b in (_busy(e, cancelled, None) for e in single) if _overlaps(b, window)]
    if series:
        for event in series:
            bound(event, *window, limits, budget, _Lines(parsed, originals), source)
        query = Calendar()
        for event in series:
            query.add_component(event)
        try:
            # a day either side: the occurrences' zones may differ from London's; clipped exactly below
            occurrences = recurring_ical_events.of(query).between(window[0] - DAY, window[1] + DAY)
        except Exception as error:
            raise ImportFailure(source, f"recurring events: {explain(error)}") from None
        for occurrence in occurrences:
            uid = str(occurrence.get("UID", ""))
            rid = occurrence["RECURRENCE-ID"].dt if uid in repeating and "RECURRENCE-ID" in occurrence else None
            busy = _busy(occurrence, cancelled, rid)
            if _overlaps(busy, window):
                found.append(busy)
    return found


class _Lines(Parsed):
    """Line numbers of events that x_wr_timezone replaced by copies."""

    def __init__(self, parsed: Parsed, originals: dict[int, Component]) -> None:
        super().__init__(parsed.calendars, parsed.where)
        self._originals = originals

    def line_of(self, component: Component, name: str = "BEGIN") -> int | None:
        return super().line_of(self._originals.get(id(component), component), name)


def _count_rdates(event: Component) -> int:
    prop = event.get("RDATE")
    items = prop if isinstance(prop, list) else [prop] if prop is not None else []
    return sum(len(p.dts) for p in items if isinstance(p, vDDDLists))


def _overlaps(busy: Busy, window: tuple[dt.datetime, dt.datetime]) -> bool:
    if busy.start >= window[1]:
        return False
    return busy.end > window[0] or (busy.end == busy.start >= window[0])


def _busy(component: Component, cancelled: bool, recurrence_id: dt.date | None) -> Busy:
    event = plain(component)
    first = event["DTSTART"].dt
    all_day = not isinstance(first, dt.datetime)
    start = to_london(first)
    if "DTEND" in event:
        end = to_london(event["DTEND"].dt)
    elif "DURATION" in event:
        end = to_london(first + event["DURATION"].dt)  # nominal days: a wall-clock addition, as RFC 5545 wants
    else:
        end = start + DAY if all_day else start  # RFC 5545 3.6.1: a day, or an instant
    if end < start:
        start, end = end, start
    status = str(event.get("STATUS", "")).upper()
    shown_as = str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper()
    if cancelled or status == "CANCELLED":
        busy = tentative = False
    elif shown_as:  # Outlook writes both; its own word is the finer one
        busy, tentative = shown_as != CDO_FREE, shown_as == CDO_TENTATIVE
    else:
        busy = str(event.get("TRANSP", "OPAQUE")).upper() != "TRANSPARENT"
        tentative = busy and status == "TENTATIVE"
    return Busy(
        start=start,
        end=end,
        all_day=all_day,
        busy=busy,
        tentative=tentative,
        uid=str(event.get("UID", "")),
        recurrence_id=to_london(recurrence_id) if recurrence_id is not None else None,
        details=_details(event),
    )


def _details(event: dict[str, Any]) -> Details:
    attendees = event.get("ATTENDEE")
    people = []
    for person in attendees if isinstance(attendees, list) else [attendees] if attendees is not None else []:
        address = str(person)
        address = address[7:] if address.lower().startswith("mailto:") else address
        name = getattr(person, "params", {}).get("CN")
        people.append(f"{name} <{address}>" if name else address)
    categories = event.get("CATEGORIES")
    cats: list[str] = []
    for item in categories if isinstance(categories, list) else [categories] if categories is not None else []:
        cats.extend(str(c) for c in getattr(item, "cats", [item]))
    return Details(
        summary=str(event.get("SUMMARY", "")),
        description=str(event.get("DESCRIPTION", "")),
        location=str(event.get("LOCATION", "")),
        attendees=tuple(people),
        categories=tuple(cats),
    )
