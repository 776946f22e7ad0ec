"""Rule 4: a hub's own event on a weekend, bank holiday, school holiday or closure day, in the calendar of
the schools it concerns (its venue's and its schools', each of them)."""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar, fmt_day
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def outside_term_time(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    for event in calendar.events:
        if not event.origin.local:
            continue  # national events are the programme's to date, not the hub's
        if event.first_day < calendar.year.start or event.last_day > calendar.year.end:
            continue  # another year's date: the `outside-year` rule says so
        year = calendar.year_of(event)
        for day in event.days_spanned():
            why = year.why_not_a_school_day(day)
            if why is None:
                continue
            yield Conflict(
                rule="outside-term-time",
                severity=Severity.ERROR,
                message=f"{describe(event)} falls on {fmt_day(day)}, {why}",
                event_ids=(event.id,),
                people=event.attendees,
                venue=event.venue,
                dates=(day,),
                movable=event.id,
            )
            break


RULE = Rule(
    name="outside-term-time",
    title="Outside term time",
    severity=Severity.ERROR,
    clash=True,
    check=outside_term_time,
)
