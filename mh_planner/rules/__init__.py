"""The conflict rules: one module each, one `Rule` entry each in `RULES`, from which reports, the JSON and
the TUI take their names, titles and markers. Adding a rule is one module and one line here.

    conflict  Severity, Fix, Conflict
    index     who and what is busy on each day (built once per check)
    rule      Rule: name, title, severity, whether it marks a clash, the check
"""

from __future__ import annotations

from collections.abc import Iterable

from mh_planner.calendar import Calendar
from mh_planner.rules import (
    attendance,
    budget,
    cadence,
    delegates,
    double_booking,
    exchange,
    face_to_face,
    order,
    outside_year,
    possible_clash,
    term_time,
    travel,
    two_hubs,
    venue,
)
from mh_planner.rules.conflict import Conflict, Fix, Severity
from mh_planner.rules.index import Index
from mh_planner.rules.rule import Rule

RULES: tuple[Rule, ...] = (
    double_booking.RULE,
    travel.RULE,
    venue.RULE,
    term_time.RULE,
    outside_year.RULE,
    face_to_face.RULE,
    cadence.RULE,
    budget.RULE,
    attendance.RULE,
    possible_clash.RULE,
    order.RULE,
    two_hubs.RULE,
    delegates.RULE,
    exchange.RULE,
)
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def title(name: str) -> str:
    rule = BY_NAME.get(name)
    return rule.title if rule else name


def check(calendar: Calendar, rules: Iterable[str] | None = None, index: Index | None = None) -> list[Conflict]:
    """Run the rules (all, or those named); conflicts sorted by severity, first date, rule. No fixes:
    `scheduling.check` adds those."""
    index = index or Index.build(calendar)
    found: dict[tuple[object, ...], Conflict] = {}
    for name in rules or BY_NAME:
        for conflict in BY_NAME[name].check(calendar, index):
            found.setdefault(conflict.key, conflict)
    return ordered(found.values())


def ordered(conflicts: Iterable[Conflict]) -> list[Conflict]:
    """By severity, first date, rule, events, then the rest of each one's identity: one order, however the
    list was made (a whole check or a re-check of part of a network: `rules.incremental`)."""
    return sorted(conflicts, key=_order)


def _order(c: Conflict) -> tuple[object, ...]:
    return (c.severity.rank, c.dates[:1], c.rule, c.event_ids, c.dates, c.people, c.venue or "",
            c.work_group or "", c.hub or "")  # fmt: skip


__all__ = ["BY_NAME", "RULES", "Conflict", "Fix", "Index", "Rule", "Severity", "check", "ordered", "title"]
