"""Recurrence rules made safe to expand: bounded work, and nothing expanded past the window.

dateutil (under recurring-ical-events) walks a rule from its DTSTART, period by period, and stops only
at an instance past the end asked for, at COUNT, or at the year 9999. So a rule that never matches
again (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, FREQ=SECONDLY;BYSETPOS=5;BYSECOND=1) or INTERVAL=0 runs
for seconds, hours or forever (dateutil issues 1393 and 1441), UNTIL notwithstanding, and
FREQ=SECONDLY yields 31 million instances a year. Before recurring-ical-events sees a rule:

1. refuse what is unbounded by construction: no FREQ, INTERVAL < 1, BYSETPOS with a sub-daily FREQ,
   and more than `max_rule_steps` periods between DTSTART and the end of the window (estimated from
   the dates, before anything runs);
2. probe the rule with dateutil on a copy moved 400*k years later, as close as possible to year 9999.
   The Gregorian calendar repeats exactly every 400 years (146,097 days, a whole number of weeks),
   so the copy has the same instances, shifted; but dateutil's search for a next instance that never
   comes now ends at year 9999 within 400 years instead of 8,000. The probe counts the instances up to
   the end of the window (`max_rule_instances`, and `max_instances` inside it);
3. replace UNTIL/COUNT by COUNT = that number (no RRULE at all when it is 0). Within the window the
   instances are the same, and the real expansion stops at the last of them instead of searching on.

Every probe is charged the periods it walked, against `max_total_steps` for the whole file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateutil.rrule import rrule, rrulestr
from icalendar import Component
from icalendar.prop import vRecur

from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.limits import Limits
from mh_planner.importing.parse import Parsed, explain
from mh_planner.importing.zones import LONDON, plain, to_london

# The shortest length each FREQ's period can have: estimates err towards more steps, never fewer.
PERIOD = {
    "YEARLY": dt.timedelta(days=365),
    "MONTHLY": dt.timedelta(days=28),
    "WEEKLY": dt.timedelta(days=7),
    "DAILY": dt.timedelta(days=1),
    "HOURLY": dt.timedelta(hours=1),
    "MINUTELY": dt.timedelta(minutes=1),
    "SECONDLY": dt.timedelta(seconds=1),
}
SUB_DAILY = frozenset({"HOURLY", "MINUTELY", "SECONDLY"})
LAST_YEAR = dt.MAXYEAR - 1  # the probe's copy must end within dateutil's range, with a day to spare


@dataclass(slots=True)
class Budget:
    steps: float = 0.0


def bound(event: Component, window_start: dt.datetime, window_end: dt.datetime, limits: Limits, budget: Budget,
          parsed: Parsed, source: str) -> None:  # fmt: skip
    """Rewrite the event's RRULEs so that they end at their last instance inside the window."""
    props = plain(event)
    prop = props.get("RRULE")
    if prop is None:
        return
    line = parsed.line_of(event, "RRULE")
    uid = str(props.get("UID", "?"))
    start = props["DTSTART"].dt
    kept = []
    for rule in prop if isinstance(prop, list) else [prop]:
        new = _bound_one(rule, start, window_start, window_end, limits, budget, f"event {uid!r}: RRULE", line, source)
        if new is not None:
            kept.append(new)
    del event["RRULE"]
    for new in kept:
        event.add("RRULE", new)


def _bound_one(rule: Any, start: dt.date, window_start: dt.datetime, window_end: dt.datetime, limits: Limits,
               budget: Budget, what: str, line: int | None, source: str) -> vRecur | None:  # fmt: skip
    text = _text(rule)

    def fail(message: str) -> ImportFailure:
        return ImportFailure(source, f"{what} {text}: {message}", line)

    period = _period(rule, fail)
    begin = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    aware = begin.tzinfo is not None
    first = _frame(window_start, aware)
    last = _frame(window_end, aware)
    if begin > last:
        return None  # starts after the window: nothing of it is imported
    steps = (last - begin) / period
    if steps > limits.max_rule_steps:
        raise fail(
            f"from {to_london(begin):%Y-%m-%d %H:%M} it steps through about {steps:,.0f} periods to reach "
            f"the end of the window (the limit is {limits.max_rule_steps:,})"
        )
    shift = 400 * ((LAST_YEAR - last.year) // 400)
    probe_rule = vRecur({k: v for k, v in rule.items() if k not in ("COUNT", "UNTIL")})
    try:
        probe = rrulestr(_text(probe_rule), dtstart=_shift(begin, shift), cache=False)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise fail(explain(error)) from None
    assert isinstance(probe, rrule)
    until = _until(rule.get("UNTIL"), begin)
    walk = _Walk(
        first=_shift(first, shift),
        last=_shift(last, shift),
        until=_shift(until, shift) if until is not None and until.year + shift <= LAST_YEAR else None,
        count=_int(rule.get("COUNT")),
    )
    try:
        walk.run(probe, limits, fail)
    except (ValueError, TypeError, OverflowError) as error:
        raise fail(explain(error)) from None
    # What dateutil walked past the window: up to the instance after it, or (a rule that never
    # matches again) to the end of its range.
    tail_end = (
        walk.stopped_at
        if walk.stopped_at is not None
        else walk.last
        if walk.ended
        else _frame(dt.datetime(LAST_YEAR, 12, 31), aware)
    )
    budget.steps += steps + max((tail_end - walk.last) / period, 0)
    if budget.steps > limits.max_total_steps:
        raise fail(
            f"the recurrences of this file take more than {limits.max_total_steps:,} steps to expand "
            "(is it machine-generated?)"
        )
    if walk.n == 0:
        return None
    bounded = vRecur({k: v for k, v in rule.items() if k not in ("COUNT", "UNTIL")})
    bounded["COUNT"] = [walk.n]
    return bounded


def _period(rule: Any, fail: Callable[[str], ImportFailure]) -> dt.timedelta:
    """The shortest period of the rule; refuses what is unbounded by construction."""
    freq = str(rule.get("FREQ", [""])[0]).upper()
    if freq not in PERIOD:
        raise fail("no valid FREQ")
    try:
        interval = int(rule.get("INTERVAL", [1])[0])
    except (TypeError, ValueError):
        raise fail("INTERVAL is not a number") from None
    if interval < 1:
        raise fail("INTERVAL must be at least 1")
    if freq in SUB_DAILY and "BYSETPOS" in rule:
        raise fail("BYSETPOS with a FREQ shorter than a day is not supported")
    return PERIOD[freq] * interval


@dataclass(slots=True)
class _Walk:
    """The probe's walk over a (shifted) rule up to the end of the (shifted) window."""

    first: dt.datetime
    last: dt.datetime
    until: dt.datetime | None
    count: int | None
    n: int = 0  # instances up to the end of the window
    stopped_at: dt.datetime | None = None  # the instance past the window where the walk ended
    ended: bool = False  # by COUNT or UNTIL: dateutil stopped without searching on

    def run(self, probe: rrule, limits: Limits, fail: Callable[[str], ImportFailure]) -> None:
        inside = 0
        for moment in probe:
            if self.until is not None and moment > self.until:
                self.ended = True
                return
            if moment > self.last:
                self.stopped_at = moment
                return
            self.n += 1
            inside += moment >= self.first
            if self.n > limits.max_rule_instances:
                raise fail(f"more than {limits.max_rule_instances:,} instances up to the end of the window")
            if inside > limits.max_instances:
                raise fail(f"more than {limits.max_instances:,} instances in the window")
            if self.count is not None and self.n >= self.count:
                self.ended = True
                return


def _frame(moment: dt.datetime, aware: bool) -> dt.datetime:
    """A naive London time, comparable with a rule's instances (aware when its DTSTART is)."""
    return moment.replace(tzinfo=LONDON) if aware else moment


def _shift(moment: dt.datetime, years: int) -> dt.datetime:
    return moment.replace(year=moment.year + years) if years else moment


def _text(rule: Any) -> str:
    return str(rule.to_ical().decode())


def _int(value: Any) -> int | None:
    if isinstance(value, list) and value:
        value = value[0]
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _until(value: object, begin: dt.datetime) -> dt.datetime | None:
    """UNTIL comparable with the rule's instances. A date includes its whole day (RFC 5545 3.3.10)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dt.datetime):
        if begin.tzinfo is None:
            return to_london(value)
        return value if value.tzinfo is not None else value.replace(tzinfo=begin.tzinfo)
    if isinstance(value, dt.date):
        end = dt.datetime.combine(value, dt.time.max)
        return end.replace(tzinfo=begin.tzinfo) if begin.tzinfo is not None else end
    return None
