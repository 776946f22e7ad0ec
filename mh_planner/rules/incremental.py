"""Re-checking after an edit: only the part of the network it touched.

An edit changes a hub's plan (and sometimes the national events its people attend or confirm). `recheck`
finds the hubs it concerns: those whose plans changed (`assemble.Delta`), those of the people and venues of
the national events that changed, and, through anyone in two plans (the same email, `two_hubs`), the hubs
linked to those. It runs every rule on a view of the calendar holding only what concerns them (their own
events, every national event, their people's days, their groups and plans), keeps from the view the
conflicts they own, and keeps every other conflict from before. A conflict is owned by the hubs concerned
when it names one of their own events or a national event that changed, one of their work groups, venues or
the hub itself, or (for the rules in `PER_PERSON`, made from a person's whole year) one of their people.
Everything else names only events, venues and groups that did not change, so it is as it was.

A rule not in `SCOPES` makes the whole network be checked again: a new rule is incremental once it says
which kind it is. `tests/rules/test_incremental.py` checks, edit after edit on a generated network, that the
result is exactly what checking everything again gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mh_planner.assemble.parts import Delta, HubPart, order, parts_of
from mh_planner.calendar import Calendar, Event
from mh_planner.rules import RULES, Conflict, Index, ordered
from mh_planner.rules import check as check_all

PER_PERSON = "person"  # made from one person's whole year: their day's order, their days in all, a window
EVENTS = "events"  # made from the events, venue, group or hub it names
SCOPES: dict[str, str] = {
    "double-booked": EVENTS,
    "travel": PER_PERSON,
    "venue": EVENTS,
    "outside-term-time": EVENTS,
    "outside-year": EVENTS,
    "face-to-face": EVENTS,
    "cadence": EVENTS,
    "time-budget": PER_PERSON,
    "attendance": EVENTS,
    "possible-clash": PER_PERSON,
    "order": EVENTS,
    "two-hubs": EVENTS,
    "delegates": EVENTS,
    "exchange": EVENTS,
}


@dataclass
class Scope:
    """The hubs an edit concerns and what is theirs, before the edit and after it."""

    hubs: set[str]
    people: set[str]
    venues: set[str]
    groups: set[str]
    local: set[str]  # ids of their own events
    changed: frozenset[str]  # national (or imported) events that changed

    def owns(self, conflict: Conflict) -> bool:
        if conflict.hub in self.hubs or conflict.venue in self.venues or conflict.work_group in self.groups:
            return True
        if not self.local.isdisjoint(conflict.event_ids) or not self.changed.isdisjoint(conflict.event_ids):
            return True
        return SCOPES.get(conflict.rule) == PER_PERSON and not self.people.isdisjoint(conflict.people)


@dataclass
class Partial:
    """The view that was checked, its index, its conflicts (no fixes yet) and those kept from before."""

    view: Calendar
    index: Index
    fresh: list[Conflict]
    kept: list[Conflict]


def concerned(before: Calendar, after: Calendar, delta: Delta) -> Scope | None:
    """What the edit concerns; None when it is the whole network (or cannot be told: check everything)."""
    old, new = parts_of(before), parts_of(after)
    if delta.full or old is None or new is None:
        return None
    if any(rule.name not in SCOPES for rule in RULES):
        return None
    hubs = set(delta.hubs)
    for hub in delta.hubs:  # a name in messages about national events: check everything again
        if hub in old.hubs and hub in new.hubs and _names(old.hubs[hub]) != _names(new.hubs[hub]):
            return None
    national = {e.id: e for e in (*old.national, *old.imported, *new.national, *new.imported) if e.id in delta.events}
    plans = [(h, plan) for cal in (before, after) for h, plan in cal.plans.items()] if national else []
    venue_hubs = {v.id: h for h, plan in plans for v in plan.venues}
    for event in national.values():
        hubs |= {h for cal in (before, after) for p in event.attendees if (h := cal.person_hub.get(p))}
        if event.venue in venue_hubs:
            hubs.add(venue_hubs[event.venue])
    linked: dict[str, set[str]] = defaultdict(set)  # email -> the hubs with someone of that email
    for parts in (old, new):
        for hub, part in parts.hubs.items():
            for email in part.emails:
                linked[email].add(hub)
    todo = list(hubs)
    while todo:  # anyone in two plans links their hubs: both are checked, as one diary
        hub = todo.pop()
        for parts in (old, new):
            for email in parts.hubs[hub].emails if hub in parts.hubs else ():
                todo += [h for h in linked[email] - hubs]
                hubs |= linked[email]
    if hubs >= set(after.plans):
        return None
    scope = Scope(hubs, set(), set(), set(), set(), delta.events)
    for parts in (old, new):
        for hub in hubs & set(parts.hubs):
            _take(scope, parts.hubs[hub])
    return scope


def _names(part: HubPart) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in part.plan.people]


def _take(scope: Scope, part: HubPart) -> None:
    plan = part.plan
    scope.people.update(p.id for p in plan.people)
    scope.venues.update(v.id for v in plan.venues)
    scope.groups.update(g.id for g in plan.work_groups)
    scope.local.update(e.id for e in part.events)


def view(
    after: Calendar, scope: Scope, changed: Mapping[str, Event] | None = None, added: Iterable[Event] = ()
) -> Calendar:
    """The calendar as far as the hubs concerned see it: their own events (some `changed`, by id, and some
    `added`: a trial of the scheduler's), every national event, the busy times and bookings of their people
    and venues; their people, groups and plans."""
    parts = parts_of(after)
    assert parts is not None
    changed = changed or {}
    own = (e for hub in scope.hubs if hub in parts.hubs for e in parts.hubs[hub].events)
    mine: list[Event] = [changed.get(e.id, e) for e in own]
    mine += [*added, *(e for e in parts.national if isinstance(e, Event))]
    mine += [e for e in parts.imported if e.venue in scope.venues or any(p in scope.people for p in e.attendees)]
    hubs = [h for h in after.plans if h in scope.hubs]
    return Calendar(
        after.dataset,
        after.year,
        sorted(mine, key=order),
        undated=after.undated,
        hub_years=after.hub_years,
        term_years=after.term_years,
        group_calendars=after.group_calendars,
        plan_calendars=after.plan_calendars,
        people={p: person for p, person in after.people.items() if p in scope.people},
        person_hub=after.person_hub,
        venues=after.venues,
        schools=after.schools,
        work_groups={g: group for g, group in after.work_groups.items() if g in scope.groups},
        plans={h: after.plans[h] for h in hubs},
        parts=parts,
    )


def hubs_scope(calendar: Calendar, hubs: Iterable[str]) -> Scope | None:
    """What `hubs` (and the hubs linked to them by a person in two plans) own in `calendar`; None without
    parts or when that is the whole network."""
    if parts_of(calendar) is None or any(rule.name not in SCOPES for rule in RULES):
        return None
    return concerned(calendar, calendar, Delta(frozenset(hubs)))


def check_scope(calendar: Calendar, scope: Scope) -> Partial:
    """The conflicts `scope` owns (no fixes yet), from a check of its view."""
    seen = view(calendar, scope)
    index = Index.build(seen, people=scope.people)
    return Partial(seen, index, [c for c in check_all(seen, index=index) if scope.owns(c)], [])


def national(calendar: Calendar) -> list[Conflict]:
    """The conflicts no hub owns: those of the rules made from the events they name, between national events
    (and busy times) only (two central events one person attends, a workshop's places), from a check of the
    national events alone with everyone's days."""
    parts = parts_of(calendar)
    assert parts is not None
    events = sorted((e for e in (*parts.national, *parts.imported) if isinstance(e, Event)), key=order)
    seen = Calendar(
        calendar.dataset, calendar.year, events, undated=calendar.undated, hub_years=calendar.hub_years,
        term_years=calendar.term_years, people=calendar.people, person_hub=calendar.person_hub,
        venues=calendar.venues, schools=calendar.schools, plan_calendars=calendar.plan_calendars, parts=parts,
    )  # fmt: skip
    names = [rule.name for rule in RULES if SCOPES.get(rule.name) == EVENTS]
    return check_all(seen, names, Index.build(seen))


def trial(
    calendar: Calendar, conflicts: Iterable[Conflict], changed: Mapping[str, Event], added: Sequence[Event] = ()
) -> list[Conflict] | None:
    """The conflicts (no fixes) of `calendar` with some of its hubs' own events `changed` (by id) and `added`
    (a proposal or a placement of the scheduler's, `scheduling.verify`), from `conflicts` (the calendar's) and
    a check of the hubs they belong to; None when that cannot be told: check everything."""
    found = calendar.by_id()
    moved = [*changed.values(), *added, *(found[i] for i in changed if i in found)]
    if any(not isinstance(e, Event) or not e.origin.local or e.hub is None for e in moved):
        return None
    scope = hubs_scope(calendar, {e.hub for e in moved if e.hub})
    if scope is None:
        return None
    scope.local.update(e.id for e in added)
    seen = view(calendar, scope, changed, added)
    fresh = [c for c in check_all(seen, index=Index.build(seen, people=scope.people)) if scope.owns(c)]
    return ordered([*(c for c in conflicts if not scope.owns(c)), *fresh])


def recheck(before: Calendar, conflicts: Iterable[Conflict], after: Calendar, delta: Delta) -> Partial | None:
    """The conflicts of `after`, from those of `before` and a check of what `delta` concerns; None when the
    whole network has to be checked again."""
    scope = concerned(before, after, delta)
    if scope is None:
        return None
    partial = check_scope(after, scope)
    partial.kept = [c for c in conflicts if not scope.owns(c)]
    return partial
