"""A date outside the plan's academic year: a hub's event, a confirmed national date or a closure day left
from another year (a plan copied into the next year's folder keeps last year's dates: each is an error
here rather than a quiet event in the wrong year)."""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar, fmt_day
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def outside_year(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    year = calendar.year
    span = f"the academic year {year.label} ({fmt_day(year.start)} - {fmt_day(year.end)})"
    for event in calendar.events:
        if year.start <= event.first_day and event.last_day <= year.end:
            continue
        whose = "a date of the hub's plan" if event.origin.local else "a date of the programme or a confirmation"
        yield Conflict(
            rule="outside-year",
            severity=Severity.ERROR,
            message=f"{describe(event)} is outside {span}: {whose} from another year?",
            event_ids=(event.id,),
            people=event.attendees,
            venue=event.venue,
            dates=(event.first_day,),
        )
    for hub, plan in calendar.plans.items():
        for closure in plan.closures:
            last = closure.end or closure.date
            if year.start <= closure.date and last <= year.end:
                continue
            yield Conflict(
                rule="outside-year",
                severity=Severity.ERROR,
                message=f"{hub}'s closure day {fmt_day(closure.date)} ({closure.reason}) is outside {span}",
                dates=(closure.date,),
                hub=hub,
            )


RULE = Rule(
    name="outside-year",
    title="Outside the academic year",
    severity=Severity.ERROR,
    clash=True,
    check=outside_year,
    short="Outside the year",
)
