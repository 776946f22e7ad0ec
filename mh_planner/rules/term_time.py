"""Rule 4: a hub's own event on a weekend, bank holiday, school holiday or closure day."""

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
        year = calendar.year_of(event)
        for day in event.days_spanned():
            outside = not (year.start <= day <= year.end)  # said first: 'a Saturday' would hide it
            why = f"outside the academic year {year.label}" if outside else year.why_not_a_school_day(day)
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
