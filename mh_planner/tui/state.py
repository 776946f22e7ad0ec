"""What every screen shows, as one immutable snapshot of the planner after an edit (no Textual here).

The app builds a new `PlanState` after each load, edit, undo or reload and hands it down to the screens;
the indexes the screens share (events by day, conflicts by event, days with a clash) are computed once per
snapshot, on first use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mh_planner.academic_year import AcademicYear
    from mh_planner.calendar import AnyEvent, Calendar, Event
    from mh_planner.rules import Conflict, Index

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, eq=False)  # compared by identity: a new snapshot is a new object
class PlanState:
    data: Path
    calendar: Calendar  # what the screens show: one hub's part of the network (`scope`), or all of it
    conflicts: list[Conflict]
    dirty: bool = False
    can_undo: bool = False
    can_redo: bool = False
    revision: int = 0
    moved: str | None = None  # the event the edit, undo or redo that made this snapshot added or moved
    scope: str | None = None  # the hub shown; None: the whole network (or the folder's only plan)
    home: str | None = None  # the hub being planned: new events go into its plan
    hubs: tuple[str, ...] = ()  # every hub with a plan in the folder
    network: Calendar | None = None  # the whole network's calendar, when `calendar` is one hub's part

    # --- counts for the status bar --------------------------------------------------------------

    @cached_property
    def errors(self) -> int:
        return sum(1 for c in self.conflicts if c.severity.value == ERROR)

    @cached_property
    def warnings(self) -> int:
        return len(self.conflicts) - self.errors

    # --- the year and the hub it is planned for -------------------------------------------------

    @cached_property
    def hub(self) -> str | None:
        """The hub whose plan is being edited: the one chosen, else the first plan's (a folder of one hub)."""
        if self.home is not None:
            return self.home
        plans = self.calendar.plans
        return next(iter(plans)) if plans else None

    @property
    def scope_label(self) -> str:
        """What is shown, for the status bar: a hub of the network ('EE2') or the network ('40 hubs')."""
        if self.scope is not None:
            return self.scope.upper()
        return f"{len(self.hubs)} hubs" if len(self.hubs) > 1 else (self.hub or "").upper()

    def warm(self) -> PlanState:
        """Work out every index the screens share now (in the worker that made the snapshot), so that the
        first screen to draw it does not do it on the app's thread."""
        for name in ("errors", "warnings", "hub", "year", "hub_name", "by_id", "events_by_day", "has_imported"):
            getattr(self, name)
        for name in ("conflicts_by_event", "clash_days", "_told_apart"):
            getattr(self, name)
        return self

    @cached_property
    def year(self) -> AcademicYear:
        """The hub's own year (its closures and terms) when there is a plan, else the programme's."""
        return self.calendar.hub_years.get(self.hub or "", self.calendar.year)

    @cached_property
    def hub_name(self) -> str:
        hubs = self.calendar.dataset.hubs
        hub = hubs.get(self.hub or "")
        return hub.name if hub else (self.hub or "no hub plan")

    # --- indexes --------------------------------------------------------------------------------

    @cached_property
    def by_id(self) -> dict[str, AnyEvent]:
        """Every event by id, dated (`Event`) or not dated yet (`UndatedEvent`)."""
        return self.calendar.by_id()

    @cached_property
    def events_by_day(self) -> dict[dt.date, list[Event]]:
        out: dict[dt.date, list[Event]] = defaultdict(list)
        for event in self.calendar.events:
            for day in event.days_spanned():
                out[day].append(event)
        return dict(out)

    @cached_property
    def index(self) -> Index:
        """Who and where is busy when (`rules.Index`): once per snapshot, for the People screen."""
        from mh_planner.rules import Index

        return Index.build(self.calendar)

    @cached_property
    def events_by_person(self) -> dict[str, list[Event]]:
        """Every event each person attends, deadlines included, in the calendar's order."""
        out: dict[str, list[Event]] = defaultdict(list)
        for event in self.calendar.events:
            for person in event.attendees:
                out[person].append(event)
        return dict(out)

    @cached_property
    def events_by_venue(self) -> dict[str, list[Event]]:
        """Every event booked at each venue, in the calendar's order."""
        out: dict[str, list[Event]] = defaultdict(list)
        for event in self.calendar.events:
            if event.venue:
                out[event.venue].append(event)
        return dict(out)

    @cached_property
    def clashes_by_venue(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for conflict in self.conflicts:
            if conflict.venue:
                out[conflict.venue] += 1
        return dict(out)

    @cached_property
    def has_imported(self) -> bool:
        """Whether busy times or bookings of another calendar are shown (the year's legend then says B)."""
        return any(e.origin.value == "imported" for e in self.calendar.events)

    @cached_property
    def conflicts_by_event(self) -> dict[str, list[Conflict]]:
        out: dict[str, list[Conflict]] = defaultdict(list)
        for conflict in self.conflicts:
            if not _marks_a_clash(conflict.rule):
                continue
            for event_id in conflict.event_ids:
                out[event_id].append(conflict)
        return dict(out)

    @cached_property
    def clash_days(self) -> dict[dt.date, str]:
        """The worst severity of a clash on each day: the dates a conflict names, and for a possible
        clash (an undated central event), the days of the events it may clash with."""
        from mh_planner.calendar import Event  # the domain: loaded by the time there is a snapshot

        out: dict[dt.date, str] = {}

        def mark(day: dt.date, severity: str) -> None:
            if out.get(day) != ERROR:
                out[day] = severity

        for conflict in self.conflicts:
            if not _marks_a_clash(conflict.rule):
                continue
            severity = conflict.severity.value
            if conflict.rule == "possible-clash":
                for event_id in conflict.event_ids[1:]:
                    event = self.by_id.get(event_id)
                    if isinstance(event, Event):
                        for day in event.days_spanned():
                            mark(day, severity)
            else:
                for day in conflict.dates:
                    mark(day, severity)
        return out

    def severity_of(self, event: AnyEvent) -> str | None:
        found = self.conflicts_by_event.get(event.id, ())
        if not found:
            return None
        return ERROR if any(c.severity.value == ERROR for c in found) else WARNING

    # --- names ----------------------------------------------------------------------------------

    @cached_property
    def _told_apart(self) -> dict[str, str]:
        """For each event whose title another event of a different project or work group shares, what tells
        it apart: its project's code, else its work group's name."""
        by_title: dict[str, list[AnyEvent]] = defaultdict(list)
        every: list[AnyEvent] = [*self.calendar.events, *self.calendar.undated]
        for event in every:
            by_title[event.title].append(event)
        projects, groups = self.calendar.dataset.projects, self.calendar.work_groups
        out: dict[str, str] = {}
        for events in by_title.values():
            if len({e.project for e in events}) > 1:
                for e in events:
                    project = projects.get(e.project or "")
                    out[e.id] = project.label if project else (e.project or "")
            elif len({e.work_group for e in events}) > 1:
                for e in events:
                    group = groups.get(e.work_group or "")
                    out[e.id] = group.name if group else (e.work_group or "")
        return out

    def label(self, event: AnyEvent, first: bool = False) -> str:
        """The event's title, told apart from others of the same title ('… · NCP 19-21') when it needs to be;
        with `first`, what tells it apart comes first ('19-21: …'), for a line that may be cut short."""
        tag = self._told_apart.get(event.id)
        if not tag or tag in event.title:
            return event.title
        return f"{tag.removeprefix('NCP ')}: {event.title}" if first else f"{event.title} · {tag}"

    def project_label(self, project_id: str | None) -> str:
        project = self.calendar.dataset.projects.get(project_id or "")
        return project.heading if project else (project_id or "")

    def venue_label(self, event: AnyEvent) -> str:
        """Where: the venue's full name and town, or the place as the data gives it."""
        return event.location or event.place or ""

    def person_name(self, person_id: str) -> str:
        person = self.calendar.people.get(person_id)
        return person.name if person else person_id

    def venue_name(self, venue_id: str | None) -> str:
        venue = self.calendar.venues.get(venue_id or "")
        return venue.name if venue else (venue_id or "")

    def people_text(self, event: AnyEvent, limit: int | None = None) -> str:
        """Who attends, by name; in one hub's part of a network, its own people and how many others."""
        people = self.calendar.people
        names = [self.person_name(p) for p in event.attendees if self.network is None or p in people]
        others = len(event.attendees) - len(names)
        if limit is not None and len(names) > limit:
            others += len(names) - limit
            names = names[:limit]
        return ", ".join(names) + (f" +{others}" if others else "")

    def editable(self, event: AnyEvent) -> bool:
        """The hub's own events can be moved, duplicated and deleted; central ones only confirmed."""
        return event.origin.local

    def actions(self, event: AnyEvent) -> tuple[str, ...]:
        """What can be done to an event: the hub's own are moved, duplicated and deleted; a central event's
        date is confirmed; an exchange leg's dates are the programme's, so nothing."""
        if event.origin.local:
            return ("move", "duplicate", "delete")
        if event.origin.value in ("exchange", "imported"):
            return ()
        return ("confirm",)

    def cannot(self, event: AnyEvent, action: str) -> str | None:
        """Why `action` ('move' meaning 'confirm' for a central event) does not apply to `event`, or None."""
        allowed = self.actions(event)
        if action in allowed or (action == "move" and "confirm" in allowed):
            return None
        if event.origin.value == "imported":
            return "This comes from another calendar: change it there, then refresh the import."
        if not allowed:
            return "Exchange legs have fixed dates set by the programme: nothing to change here."
        return "Central events are run by the programme: only their date can be confirmed (m)."


def narrowed(calendar: Calendar, hub: str) -> Calendar:
    """One hub's part of a network: its own events, the national events its people attend or it hosts, the
    busy times of its people and venues; its people, venues, schools, groups and plan (its conflicts:
    `Planner.conflicts_of`)."""
    from mh_planner.assemble.parts import order, parts_of
    from mh_planner.calendar import Calendar as Cal
    from mh_planner.calendar import Event as Dated
    from mh_planner.query import HubScope

    scope, parts, plan = HubScope(calendar, hub), parts_of(calendar), calendar.plans[hub]
    if parts is not None and hub in parts.hubs:
        others = [e for e in (*parts.national, *parts.imported) if isinstance(e, Dated) and scope.has_event(e)]
        events = sorted([*parts.hubs[hub].events, *others], key=order)
    else:
        events = [e for e in calendar.events if scope.has_event(e)]
    view = Cal(
        calendar.dataset,
        calendar.year,
        events,
        undated=[e for e in calendar.undated if scope.has_event(e)],
        hub_years=calendar.hub_years,
        term_years=calendar.term_years,
        group_calendars=calendar.group_calendars,
        plan_calendars=calendar.plan_calendars,
        people={p.id: calendar.people[p.id] for p in plan.people if p.id in calendar.people},
        person_hub=calendar.person_hub,
        venues={v.id: v for v in plan.venues},
        schools={s.id: s for s in plan.schools},
        work_groups={g.id: g for g in plan.work_groups},
        plans={hub: plan},
    )
    return view


def _marks_a_clash(rule: str) -> bool:
    """Rules about a whole series or a person's year do not make any one day or event a clash (the registry
    says which); imported on first use, as the first screen is drawn before the domain is loaded."""
    from mh_planner.rules import BY_NAME

    found = BY_NAME.get(rule)
    return found is None or found.clash


def moved_event(before: Calendar, after: Calendar) -> str | None:
    """The first event (by date) that `after` adds or moves: what an undo or redo brings back, for the views
    to follow."""
    old = {e.id: (e.start, e.end) for e in before.events}
    for event in after.events:
        if old.get(event.id) != (event.start, event.end):
            return event.id
    return None


def conflicts_delta(before: PlanState | None, after: PlanState) -> str:
    """' · 1 conflict(s) resolved, 1 new' after an edit, so that its effect is seen wherever one is."""
    if before is None:
        return ""
    old = {c.key for c in before.conflicts}
    new = {c.key for c in after.conflicts}
    parts = []
    if old - new:
        parts.append(f"{len(old - new)} conflict(s) resolved")
    if new - old:
        parts.append(f"{len(new - old)} new")
    return (" · " + ", ".join(parts)) if parts else ""


def default_today(year: AcademicYear, today: dt.date | None = None) -> dt.date:
    """Today when it falls in the academic year, else its first school day: the planner opens on the year
    being planned, not on a date months away from it."""
    today = today or dt.date.today()
    if year.start <= today <= year.end:
        return today
    return year.terms[0].start


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
