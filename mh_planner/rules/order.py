"""Rule 9: sessions of a series out of order (Residential 2 before Residential 1), or closer together
than the gap tasks between them allow."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def series_order(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    series: dict[str, list[Event]] = defaultdict(list)
    for event in calendar.events:
        if event.series and event.number is not None:
            series[event.series].append(event)
    for events in series.values():
        events.sort(key=lambda e: e.number or 0)
        for a, b in itertools.pairwise(events):
            if b.start < a.start:
                yield Conflict(
                    rule="order",
                    severity=Severity.ERROR,
                    message=f"session {b.number} {describe(b)} comes before session {a.number} {describe(a)}",
                    event_ids=(a.id, b.id),
                    dates=(b.first_day,),
                )
            elif a.min_gap_days is not None and (b.first_day - a.last_day).days < a.min_gap_days:
                gap = (b.first_day - a.last_day).days
                yield Conflict(
                    rule="order",
                    severity=Severity.WARNING,
                    message=(
                        f"{describe(a)} and {describe(b)} are {gap} day(s) apart; the gap task between them "
                        f"needs {a.min_gap_days}"
                    ),
                    event_ids=(a.id, b.id),
                    dates=(b.first_day,),
                )


RULE = Rule(
    name="order",
    title="Order of sessions",
    severity=Severity.ERROR,
    clash=False,
    check=series_order,
)
