"""Rule 8 (warning): a hub's own event inside the window of a not-yet-dated central event that the same
person must attend: it may clash once the date is announced. Also: a person's firm event at a time their
own (imported) calendar marks tentatively busy."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event, Origin, fmt_day
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe, overlapping_groups
from mh_planner.rules.rule import Rule

SHOWN = 4


def possible_clash(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    yield from _undated(calendar, index)
    yield from _tentatively_busy(index)


def _tentatively_busy(index: Index) -> Iterator[Conflict]:
    for person, events in index.by_person.items():
        relevant = [e for e in events if (e.origin is Origin.IMPORTED) == e.tentative]
        if not any(e.origin is Origin.IMPORTED for e in relevant):
            continue
        for clash in overlapping_groups(relevant):
            imported = [e for e in clash if e.origin is Origin.IMPORTED]
            others = [e for e in clash if e.origin is not Origin.IMPORTED]
            if not imported or not others:
                continue
            busy, other = imported[0], others[-1]  # a pair, or one of a group of events at the same time
            yield Conflict(
                rule="possible-clash",
                severity=Severity.WARNING,
                message=(
                    f"{index.name(person)} may not be free: {describe(busy)} is tentative in their calendar "
                    f"and overlaps {describe(other)}"
                ),
                event_ids=(other.id, busy.id),
                people=(person,),
                dates=(max(e.first_day for e in clash),),
                movable=other.id if other.origin.local else None,
            )


def _undated(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    local: dict[str, list[Event]] = {}
    starts: dict[str, list[dt.date]] = {}
    for person, events in index.by_person.items():
        local[person] = [e for e in events if e.origin.local]
        starts[person] = [e.first_day for e in local[person]]
    for central in calendar.events:
        if not central.tentative or central.window is None or not central.blocking:
            continue
        window = central.window
        for person in central.attendees:
            events = local.get(person, [])
            lo = bisect.bisect_left(starts.get(person, []), window.start)
            hi = bisect.bisect_right(starts.get(person, []), window.end)
            inside = events[lo:hi]
            if not inside:
                continue
            listed = "; ".join(f"'{e.title}' {fmt_day(e.first_day)}" for e in inside[:SHOWN])
            more = f" and {len(inside) - SHOWN} more" if len(inside) > SHOWN else ""
            yield Conflict(
                rule="possible-clash",
                severity=Severity.WARNING,
                message=(
                    f"'{central.title}' is not dated yet ('{central.timing_text}', {fmt_day(window.start)} to "
                    f"{fmt_day(window.end)}); {index.name(person)} attends it and has {len(inside)} event(s) "
                    f"in that window: {listed}{more}"
                ),
                event_ids=(central.id, *(e.id for e in inside)),
                people=(person,),
                dates=(window.start,),
            )


RULE = Rule(
    name="possible-clash",
    title="Possible clash (date not announced yet)",
    severity=Severity.WARNING,
    clash=True,
    check=possible_clash,
    short="Possible clash",
)
