"""Fixes: for a conflict that moving one of the hub's own events would resolve, the nearest time when
everyone it needs is free. Today's strategy is a short greedy search; the solver (`place`, `suggest`)
joins it in this package."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from mh_planner.assemble import Delta
from mh_planner.calendar import Calendar, Event, fmt_day
from mh_planner.query import HubScope
from mh_planner.rules import Conflict, Fix, Index, incremental, ordered
from mh_planner.rules import check as find_conflicts


def suggest_move(event: Event, index: Index, reason: str = "") -> Fix | None:
    """The nearest school day (same half-term for a half-termly series) when every attendee and the
    venue are free at the same time of day. Only the hub's own events can be moved."""
    if not event.origin.local or event.all_day:
        return None
    year = index.calendar.year_of(event)
    half_term = year.half_term_index(event.first_day)
    duration = event.end - event.start
    who = [*event.attendees, *(["@" + event.venue] if event.venue else [])]
    # The same weekday first (series and venues are booked by weekday), then the nearest days.
    offsets = [sign * week * 7 for week in range(1, 5) for sign in (1, -1)]
    offsets += [sign * step for step in range(1, 29) for sign in (1, -1) if step % 7]
    for offset in offsets:
        day = event.first_day + dt.timedelta(days=offset)
        if not year.is_school_day(day):
            continue
        if half_term is not None and event.series and year.half_term_index(day) != half_term:
            continue
        start = dt.datetime.combine(day, event.start.time())
        if index.free(who, start, start + duration, event.id):
            where = " and the venue are" if event.venue else " are"
            text = f"move to {fmt_day(day)}: all attendees{where} free"
            return Fix(event.id, start, start + duration, text + (f" ({reason})" if reason else ""))
    return None


def with_fixes(calendar: Calendar, conflicts: Iterable[Conflict], index: Index) -> list[Conflict]:
    """The conflicts, each with a suggested fix where its movable event can go somewhere free."""
    events = {e.id: e for e in calendar.events}
    out = []
    for conflict in conflicts:
        movable = events.get(conflict.movable or "")
        fix = suggest_move(movable, index) if movable is not None else None
        out.append(dataclasses.replace(conflict, fix=fix) if fix else conflict)
    return out


def check(calendar: Calendar, rules: Iterable[str] | None = None) -> list[Conflict]:
    """Every conflict of the calendar (`rules.check`), with the fixes suggested for them."""
    index = Index.build(calendar)
    return with_fixes(calendar, find_conflicts(calendar, rules, index), index)


def recheck(before: Calendar, conflicts: Iterable[Conflict], after: Calendar, delta: Delta) -> list[Conflict]:
    """`check(after)`, checking again only what an edit concerns (`delta`: `assemble.reassemble`'s) and keeping
    the other conflicts of `before` (see `rules.incremental`)."""
    partial = incremental.recheck(before, conflicts, after, delta)
    if partial is None:
        return check(after)
    return ordered([*partial.kept, *with_fixes(partial.view, partial.fresh, partial.index)])


def check_hub(calendar: Calendar, hub: str) -> list[Conflict]:
    """The conflicts that concern one hub of a network (`query.HubScope`), as `check(calendar)` has them,
    without checking the other hubs: a check of what the hub owns (`rules.incremental`) and of the national
    events alone (what no hub owns). The planner opens on a hub of 40 with this."""
    scope = incremental.hubs_scope(calendar, {hub})
    if scope is None:
        found = check(calendar)
    else:
        partial = incremental.check_scope(calendar, scope)
        fresh = with_fixes(partial.view, partial.fresh, partial.index)
        keys = {c.key for c in fresh}
        found = ordered([*fresh, *(c for c in incremental.national(calendar) if c.key not in keys)])
    return HubScope(calendar, hub).conflicts(found)
