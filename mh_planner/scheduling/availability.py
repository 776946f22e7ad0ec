"""Who is free when: the scheduling assistant's grid, as plain values (the TUI draws them).

One row per attendee of an event and one for its venue, one column per weekday of a period. A cell says
whether the day is a school day for the hub (else why not: a holiday, a closure, a bank holiday), what the
row's person or venue is booked for that day (the event itself left out), and which windows of central
events not dated yet that the person attends cover it (a guess at a date is a window, not a booking).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mh_planner.calendar import Calendar, Event
from mh_planner.rules import Index


@dataclass(frozen=True)
class Cell:
    busy: tuple[str, ...] = ()  # what the row is booked for that day ("'Outward leg: …' (all day)")
    windows: tuple[str, ...] = ()  # undated central events the person attends whose window covers the day

    @property
    def free(self) -> bool:
        return not self.busy


@dataclass(frozen=True)
class Row:
    who: str  # a person id, or '@' + a venue id
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Board:
    days: tuple[dt.date, ...]  # every weekday of the period
    closed: tuple[str | None, ...]  # per day: why it is not a school day ("in the October half-term"), or None
    rows: tuple[Row, ...]

    def is_open(self, index: int) -> bool:
        return self.closed[index] is None


def weekdays(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """Monday to Friday, from the Monday of `first`'s week to `last`."""
    day = first - dt.timedelta(days=first.weekday())
    out = []
    while day <= last:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return tuple(out)


def board(
    calendar: Calendar, event: Event, first: dt.date, last: dt.date, index: Index | None = None
) -> Board:
    """The grid for `event`'s attendees and venue over the weekdays from `first` to `last`."""
    index = index or Index.build(calendar)
    days = weekdays(first, last)
    year = calendar.year_of(event)
    rows = [_row(calendar, index, event, person, days) for person in event.attendees]
    if event.venue:
        rows.append(_row(calendar, index, event, "@" + event.venue, days))
    return Board(days, tuple(year.why_not_a_school_day(d) for d in days), tuple(rows))


def _row(calendar: Calendar, index: Index, event: Event, who: str, days: tuple[dt.date, ...]) -> Row:
    windows = [] if who.startswith("@") else _windows(calendar, who)
    cells = []
    for day in days:
        booked = [e for e in index.busy.get((who, day), ()) if e.id != event.id and not e.tentative]
        covering = tuple(label for start, end, label in windows if start <= day <= end)
        cells.append(Cell(tuple(_booking(e) for e in booked), covering))
    return Row(who, _label(calendar, who), tuple(cells))


def _windows(calendar: Calendar, person: str) -> list[tuple[dt.date, dt.date, str]]:
    return [
        (e.window.start, e.window.end, f"'{e.title}' ('{e.timing_text}', not dated yet)")
        for e in calendar.events
        if e.tentative and e.window is not None and e.blocking and person in e.attendees
    ]


def _booking(event: Event) -> str:
    when = "all day" if event.all_day else f"{event.start:%H:%M}-{event.end:%H:%M}"
    where = f", {event.place}" if event.place and not event.all_day else ""
    return f"'{event.title}' ({when}{where})"


def _label(calendar: Calendar, who: str) -> str:
    if who.startswith("@"):
        venue = calendar.venues.get(who[1:])
        return venue.name if venue else who[1:]
    person = calendar.people.get(who)
    return person.name if person else who
