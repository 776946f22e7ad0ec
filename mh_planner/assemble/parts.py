"""The calendar assembled hub by hub, so that an edit re-assembles only the plans it changed.

A network's calendar is each hub's part (its work groups' meetings and visits, its own events, its people,
venues, schools and groups, the central events its people attend) and the national part (central events and
exchange legs, built from every hub's attendance and confirmations). `assemble` keeps the parts with the
calendar (`Calendar.parts`); `reassemble(calendar, dataset)` builds the parts of the plans that changed (by
identity: an edit replaces the edited plan's model, and only it), reuses every other hub's events as they
are, and rebuilds the national events only when what they are made from changed, keeping each one that came
out the same. The result is the calendar `assemble(dataset)` would make, event for event and in the same
order, and a `Delta` naming what changed, for the checker to re-check only that (`rules.incremental`).
"""

from __future__ import annotations

import bisect
import fnmatch
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from mh_planner.assemble.central import Central, series_parts
from mh_planner.assemble.local import Local
from mh_planner.calendar import AnyEvent, Calendar, Event, UndatedEvent
from mh_planner.loading import Dataset
from mh_planner.loading.calendars import PlanCalendars
from mh_planner.model import Confirmation, Plan


def order(event: Event) -> tuple[object, ...]:
    """The calendar's order: by start, then id."""
    return (event.start, event.id)


@dataclass
class HubPart:
    """One plan's share of the calendar."""

    plan: Plan
    calendars: PlanCalendars
    events: list[Event] = field(default_factory=list)  # its work groups' and its own, in the calendar's order
    group_calendars: dict[str, str] = field(default_factory=dict)
    attends: dict[str, list[str]] = field(default_factory=dict)  # central id -> its people who attend, in order
    pieces: dict[str, tuple[object, list[Event]]] = field(default_factory=dict)  # a group's or event's model, events

    @cached_property
    def emails(self) -> frozenset[str]:
        """Its people's emails as compared across plans (the same email in two plans is one person)."""
        return frozenset(key for p in self.plan.people if (key := p.email_key))


@dataclass
class Parts:
    """What a calendar was assembled from, kept with it for `reassemble`."""

    dataset: Dataset
    hubs: dict[str, HubPart]  # in plan order
    national: list[AnyEvent]  # central events and exchange legs, as built
    inputs: tuple[object, ...]  # what `national` was built from: attendance, confirmations, venues named
    imported: tuple[Event, ...]
    keys: list[tuple[object, ...]] = field(default_factory=list)  # the calendar's events' `order`, in order
    events: list[Event] | None = None  # the calendar's list they describe (a copy with other events has others)


def parts_of(calendar: Calendar) -> Parts | None:
    """The parts `calendar` was assembled from, if they still describe it: a copy of it with some events
    replaced (`dataclasses.replace`, the scheduler's trials) has other events and no parts."""
    parts = calendar.parts
    return parts if isinstance(parts, Parts) and parts.events is calendar.events else None


@dataclass(frozen=True)
class Delta:
    """What changed from one calendar to the next: the hubs whose parts were built again, and the national
    (or imported) events added, removed or changed. `full`: everything was assembled again."""

    hubs: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    full: bool = False


def _same_shared(a: Dataset, b: Dataset) -> bool:
    """Everything but the plans is the same (an edit changes plans only)."""
    return (a.programme, a.year_files, a.roles, a.hubs, a.projects, a.term_dates) == (
        b.programme, b.year_files, b.roles, b.hubs, b.projects, b.term_dates
    ) and a.root == b.root  # fmt: skip


class Builder:
    """Assembles a calendar from parts: those of `reuse` whose plan is unchanged, new ones for the others."""

    def __init__(self, dataset: Dataset, imported: Iterable[Event] = (), reuse: Calendar | None = None) -> None:
        self.data = dataset
        self.imported = tuple(imported)
        before = parts_of(reuse) if reuse is not None else None
        self.before = before if before is not None and _same_shared(before.dataset, dataset) else None
        if self.before is not None and self.before.imported != self.imported:
            self.before = None  # other busy times: assembled again
        self.year = reuse.year if self.before is not None and reuse is not None else dataset.year()
        self.old = reuse if self.before is not None else None
        self.calendar = Calendar(dataset, self.year, [])
        self.ids = dataset.central_ids()

    def run(self) -> tuple[Calendar, Delta]:
        cal, before = self.calendar, self.before
        hubs: dict[str, HubPart] = {}
        fresh: list[str] = []
        previous: dict[str, HubPart] = {}
        for plan_file in self.data.plans:
            plan = plan_file.plan
            part = before.hubs.get(plan.hub) if before is not None else None
            if part is None or part.plan is not plan:
                if part is not None and _same_setting(part.plan, plan):
                    previous[plan.hub] = part  # its groups and events that did not change are kept as they are
                calendars = previous[plan.hub].calendars if plan.hub in previous else PlanCalendars(self.data, plan)
                part = HubPart(plan, calendars)
                fresh.append(plan.hub)
            hubs[plan.hub] = part
        self._take_all(hubs, fresh)
        for hub in fresh:
            self._build(hubs[hub], previous.get(hub))
        for part in hubs.values():
            cal.group_calendars.update(part.group_calendars)
            cal.term_years.update(part.calendars.years)
        cal.plan_calendars = {hub: part.calendars for hub, part in hubs.items()}
        national, inputs, changed = self._national(hubs)
        parts = cal.parts = Parts(self.data, hubs, national, inputs, self.imported)
        if before is None or self.old is None:
            dated = [e for e in national if isinstance(e, Event)]
            cal.events = sorted([*dated, *(e for p in hubs.values() for e in p.events), *self.imported], key=order)
            parts.keys, parts.events = [order(e) for e in cal.events], cal.events
            cal.undated = sorted((e for e in national if isinstance(e, UndatedEvent)), key=lambda e: e.id)
            return cal, Delta(frozenset(hubs), frozenset(e.id for e in national), full=True)
        gone = {hub for hub in before.hubs if hub not in hubs or hub in fresh}
        removed, added = _changes([before.hubs[h] for h in gone], [hubs[h] for h in fresh])
        removed += [e for e in before.national if e.id in changed and isinstance(e, Event)]
        added += [e for e in national if e.id in changed and isinstance(e, Event)]
        cal.events, parts.keys = _splice(self.old.events, before.keys, removed, added)
        parts.events = cal.events
        if changed:
            cal.undated = sorted((e for e in national if isinstance(e, UndatedEvent)), key=lambda e: e.id)
        else:
            cal.undated = self.old.undated
        renewed = [*added, *(e for e in national if e.id in changed)]
        cal.derive_by_id(self.old, [*(e.id for e in removed), *changed], renewed)
        return cal, Delta(frozenset(gone | set(fresh)), frozenset(changed))

    def _take_all(self, hubs: dict[str, HubPart], fresh: list[str]) -> None:
        """The plans' people, venues, schools and groups: the last calendar's, with the changed plans' over
        them when these have the same ones (the same order as taking them all again), else all again."""
        cal, old, before = self.calendar, self.old, self.before
        same = old is not None and before is not None and list(hubs) == list(before.hubs)
        same = same and all(_ids(hubs[h].plan) == _ids(before.hubs[h].plan) for h in fresh) if before else False
        if not same or old is None:
            for part in hubs.values():
                self._take(part)
            return
        cal.plans, cal.hub_years, cal.people = dict(old.plans), dict(old.hub_years), dict(old.people)
        cal.person_hub, cal.venues, cal.schools = dict(old.person_hub), dict(old.venues), dict(old.schools)
        cal.work_groups = dict(old.work_groups)
        for hub in fresh:
            self._take(hubs[hub])

    def _take(self, part: HubPart) -> None:
        cal, plan = self.calendar, part.plan
        cal.plans[plan.hub] = plan
        cal.hub_years[plan.hub] = part.calendars.year(part.calendars.default)
        for person in plan.people:
            cal.people[person.id] = person
            cal.person_hub[person.id] = plan.hub
        cal.venues.update((v.id, v) for v in plan.venues)
        cal.schools.update((s.id, s) for s in plan.schools)
        cal.work_groups.update((g.id, g) for g in plan.work_groups)

    def _build(self, part: HubPart, previous: HubPart | None) -> None:
        """A hub's events (on a calendar holding its plan's people, venues and schools) and attendance; of
        `previous` (the same hub, in the same setting) the groups and events whose models are unchanged."""
        cal, plan = self.calendar, part.plan
        local = Local(self.data, cal, plan, part.calendars)
        kept = previous.pieces if previous is not None else {}
        for group in plan.work_groups:
            found = kept.get(f"g:{group.id}")
            if found is not None and found[0] == group:
                part.pieces[f"g:{group.id}"] = found
                cal.group_calendars[group.id] = previous.group_calendars[group.id] if previous else ""
            else:
                part.pieces[f"g:{group.id}"] = (group, [*local.work_group(group), *local.visits(group)])
        for item in plan.events:
            found = kept.get(f"e:{item.id}")
            reused = found is not None and found[0] == item
            part.pieces[f"e:{item.id}"] = found if found is not None and reused else (item, [local.local(item)])
        part.events = sorted((e for _, events in part.pieces.values() for e in events), key=order)
        part.group_calendars = {g.id: cal.group_calendars[g.id] for g in plan.work_groups}
        part.attends = previous.attends if previous is not None else _attendance(plan, self.ids)  # same people

    def _national(self, hubs: dict[str, HubPart]) -> tuple[list[AnyEvent], tuple[object, ...], set[str]]:
        """The central events and exchange legs; the ids of those that changed since `reuse`'s."""
        attendance: dict[str, list[str]] = defaultdict(list)
        confirmations: dict[str, tuple[Confirmation, str]] = {}
        for hub, part in hubs.items():
            for event_id, people in part.attends.items():
                attendance[event_id].extend(people)
            for event_id, confirmation in part.plan.confirm.items():
                confirmations.setdefault(event_id, (confirmation, hub))
        venues = {c.venue: self.calendar.venues.get(c.venue) for c, _ in confirmations.values() if c.venue}
        inputs = (dict(attendance), confirmations, venues)
        old = self.before
        if old is not None and old.inputs == inputs:
            return old.national, old.inputs, set()
        series = series_parts(self.data.projects.values())
        central = Central(self.calendar, self.year, attendance, confirmations, series)
        built: list[AnyEvent] = []
        for project, item in self.data.central_events():
            built.extend(central.events(project, item))
        for project, leg in self.data.exchange_legs():
            built.append(central.leg(project, leg))
        if old is None:
            return built, inputs, {e.id for e in built}
        before = {e.id: e for e in old.national}
        kept = [before[e.id] if before.get(e.id) == e else e for e in built]  # the same event: the same object
        changed = {e.id for e in kept if before.get(e.id) is not e} | (set(before) - {e.id for e in kept})
        return kept, inputs, changed


def _ids(plan: Plan) -> tuple[list[str], ...]:
    sections = (plan.people, plan.venues, plan.schools, plan.work_groups)
    return tuple([item.id for item in items] for items in sections)


SETTING = ("hub", "year", "calendar", "terms", "closures", "people", "venues", "schools")


def _same_setting(a: Plan, b: Plan) -> bool:
    """The same hub, calendars, people, venues and schools: a work group's or an event's events depend on
    nothing else of the plan but itself."""
    return all(getattr(a, name) == getattr(b, name) for name in SETTING)


def _changes(old: list[HubPart], new: list[HubPart]) -> tuple[list[Event], list[Event]]:
    """The events of `old` parts not kept by the `new` ones, and those new in them."""
    before = {id(e) for part in old for e in part.events}
    after = {id(e) for part in new for e in part.events}
    removed = [e for part in old for e in part.events if id(e) not in after]
    added = [e for part in new for e in part.events if id(e) not in before]
    return removed, added


def _attendance(plan: Plan, ids: Sequence[str]) -> dict[str, list[str]]:
    """Central id -> the plan's people whose `attends` match it, in the plan's order."""
    known = set(ids)
    found: dict[str, list[str]] = {}  # pattern -> the ids it matches
    out: dict[str, list[str]] = defaultdict(list)
    for person in plan.people:
        mine: dict[str, None] = {}  # two patterns may match one event: the person attends it once
        for pattern in person.attends:
            matched = found.get(pattern)
            if matched is None:
                if any(ch in pattern for ch in "*?["):
                    matched = fnmatch.filter(ids, pattern)
                else:
                    matched = [pattern] if pattern in known else []
                found[pattern] = matched
            mine.update(dict.fromkeys(matched))
        for event_id in mine:
            out[event_id].append(person.id)
    return dict(out)


def _splice(
    events: list[Event], keys: list[tuple[object, ...]], removed: list[Event], added: list[Event]
) -> tuple[list[Event], list[tuple[object, ...]]]:
    """`events` (in the calendar's order, `keys` theirs) without `removed` and with `added`, each found by
    bisection of the keys: no sort and no pass in Python over a network's 25,000 events for one hub's edit."""
    cuts = [(bisect.bisect_left(keys, order(e)), 1, order(e), e) for e in removed]
    cuts += [(bisect.bisect_left(keys, order(e)), 0, order(e), e) for e in added]
    cuts.sort(key=lambda c: c[:3])
    out: list[Event] = []
    out_keys: list[tuple[object, ...]] = []
    start = 0
    for place, drop, key, event in cuts:
        out.extend(events[start:place])
        out_keys.extend(keys[start:place])
        if drop:
            if events[place] is not event:
                raise AssertionError(f"{event.id} is not where the calendar's order puts it")
            start = place + 1
        else:
            out.append(event)
            out_keys.append(key)
            start = place
    out.extend(events[start:])
    out_keys.extend(keys[start:])
    return out, out_keys


def reassemble(calendar: Calendar, dataset: Dataset, imported: Iterable[Event] = ()) -> tuple[Calendar, Delta]:
    """The calendar of `dataset`, re-using the parts of `calendar` whose plans are unchanged, and what changed."""
    return Builder(dataset, imported, calendar).run()
