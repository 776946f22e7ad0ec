"""The checker's word on a proposal: the calendar with the change made, run through `rules.check`.

The placement core models the hard rules, but the rules stay the one source of truth: a proposal or a
placement is shown only if the calendar with it made has no error the calendar without it did not have
(compared by `Conflict.key`). What it resolves is what the calendar loses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mh_planner.calendar import Calendar, Event
from mh_planner.rules import Conflict, Severity, incremental
from mh_planner.rules import check as run_rules


@dataclass(frozen=True)
class Trial:
    """What a copy made by `with_events` is: its calendar, the events changed and added (kept on the copy, so
    that `verdict` re-checks only the hubs they belong to: `rules.incremental.trial`)."""

    base: Calendar
    changed: Mapping[str, Event]
    added: tuple[Event, ...]


def with_events(calendar: Calendar, changed: Mapping[str, Event], added: Iterable[Event] = ()) -> Calendar:
    """A copy of `calendar` with some events replaced (by id) and some added; the rest shared."""
    added = tuple(added)
    events = [changed.get(e.id, e) for e in calendar.events]
    events.extend(added)
    events.sort(key=lambda e: (e.start, e.id))
    return dataclasses.replace(calendar, events=events, parts=Trial(calendar, dict(changed), added))


def errors(conflicts: Iterable[Conflict]) -> list[Conflict]:
    return [c for c in conflicts if c.severity is Severity.ERROR]


@dataclass(frozen=True)
class Verdict:
    """What the checker says of a calendar with a change made, against the calendar before it."""

    new: tuple[Conflict, ...]  # errors it would create: any one, and the change is refused
    resolved: tuple[Conflict, ...]  # errors it would make go away
    after: tuple[Conflict, ...]  # every conflict of the changed calendar

    @property
    def ok(self) -> bool:
        return not self.new


def key(conflict: Conflict) -> tuple[object, ...]:
    """A conflict's identity, whatever order a rule lists its events and people in (a budget's events follow
    the calendar's order, which a move elsewhere in the year changes)."""
    events, people = tuple(sorted(conflict.event_ids)), tuple(sorted(conflict.people))
    return conflict.rule, events, people, conflict.venue, conflict.dates, conflict.work_group


def verdict(before: Iterable[Conflict], after_calendar: Calendar) -> Verdict:
    """Run the rules on `after_calendar` and compare its errors with `before` (the conflicts without it)."""
    before = list(before)
    old = {key(c): c for c in errors(before)}
    trial = after_calendar.parts
    after = incremental.trial(trial.base, before, trial.changed, trial.added) if isinstance(trial, Trial) else None
    if after is None:
        after = run_rules(after_calendar)
    keys = {key(c) for c in after}
    new = tuple(c for c in errors(after) if key(c) not in old)
    resolved = tuple(c for k, c in old.items() if k not in keys)
    return Verdict(new, resolved, tuple(after))
