"""The conflict rules: each a small, named function `(calendar, index) -> Iterable[Conflict]`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mh_planner.assemble import Calendar
from mh_planner.conflicts import Conflict, Index
from mh_planner.rules.attendance import attendance
from mh_planner.rules.budget import time_budget
from mh_planner.rules.cadence import cadence
from mh_planner.rules.double_booking import double_booking
from mh_planner.rules.order import series_order
from mh_planner.rules.possible_clash import possible_clash
from mh_planner.rules.term_time import outside_term_time
from mh_planner.rules.travel import travel
from mh_planner.rules.venue import venue

Rule = Callable[[Calendar, Index], Iterable[Conflict]]

RULES: dict[str, Rule] = {
    "double-booked": double_booking,
    "travel": travel,
    "venue": venue,
    "outside-term-time": outside_term_time,
    "cadence": cadence,
    "time-budget": time_budget,
    "attendance": attendance,
    "possible-clash": possible_clash,
    "order": series_order,
}


def check(calendar: Calendar, rules: Iterable[str] | None = None) -> list[Conflict]:
    """Run the rules; conflicts sorted by severity, first date, rule."""
    index = Index.build(calendar)
    found: dict[tuple, Conflict] = {}
    for name in rules or RULES:
        for conflict in RULES[name](calendar, index):
            found.setdefault(conflict.key, conflict)
    return sorted(found.values(), key=lambda c: (c.severity.rank, c.dates[:1], c.rule, c.event_ids))
