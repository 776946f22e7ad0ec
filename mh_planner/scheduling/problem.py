"""The adapter: an assembled calendar as a placement problem (`placement.Problem`).

- sessions: the `Candidates` of each session (`sessions.py`) as `placement.Session`s, their slots every
  candidate day x time x place open that day; `headcount` and the release days as the checker counts them;
- busy: every other dated, blocking, firm event of each attendee (all-day and online ones without a town,
  so that only overlap counts, as in the travel rule), imported busy times included (`Origin.IMPORTED`:
  a person's calendar), and every booking of each venue (tentative ones too, imported bookings included);
- windows: for each attendee of a central event not dated yet, its window (a soft penalty inside it);
- people: their allowance (the budget rule's `allowance`), the days already committed outside the problem
  (tentative central events included, as the budget rule counts them), their town and preferences;
- travel: the hub plan's journey times.

Venues are named `@<id>` in the problem, so that a person and a venue may share an id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mh_planner.assemble import half_days
from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.model import ONLINE
from mh_planner.rules import Index
from mh_planner.rules.budget import allowance
from mh_planner.scheduling import placement as pl
from mh_planner.scheduling.sessions import Candidates, held_at
from mh_planner.timing import parse_time_of_day

VENUE = "@"


@dataclass(frozen=True)
class Scope:
    """A problem with what it was built from: the sessions' candidates and their slots now."""

    problem: pl.Problem
    sessions: Mapping[str, Candidates]
    now: Mapping[str, pl.Slot]  # every session's slot as the calendar has it

    def fixed(self, movable: Iterable[str]) -> dict[str, pl.Slot]:
        """Every session not in `movable`, where it is now."""
        moving = set(movable)
        return {sid: slot for sid, slot in self.now.items() if sid not in moving}


def venue_key(venue: str | None) -> str | None:
    return VENUE + venue if venue else None


def venue_id(key: str | None) -> str | None:
    return key[len(VENUE) :] if key else None


def slot_of(event: Event) -> pl.Slot:
    """Where an event is now, as a slot."""
    return pl.Slot(event.first_day, event.start.time(), event.end.time(), venue_key(event.venue), event.place or "")


def build(calendar: Calendar, sessions: Mapping[str, Candidates], index: Index | None = None) -> Scope:
    index = index or Index.build(calendar)
    inside = set(sessions)
    made = {sid: _session(calendar, c) for sid, c in sessions.items()}
    people = sorted({p for s in made.values() for p in s.attendees})
    venues = sorted({v for s in made.values() for v in _venues(s)})
    persons = {p: _person(calendar, index, p, inside) for p in people}
    problem = pl.Problem(
        sessions=tuple(made.values()),
        people={p: _within_reach(person, made.values()) for p, person in persons.items()},
        venues={VENUE + v: _venue(calendar, v) for v in venues},
        busy=tuple(_busy(calendar, index, people, venues, inside)),
        windows=tuple(_windows(calendar, set(people))),
        travel=_travel(calendar, sessions.values()),
    )
    return Scope(problem, sessions, {sid: slot_of(c.event) for sid, c in sessions.items()})


def _session(calendar: Calendar, c: Candidates) -> pl.Session:
    slots: list[pl.Slot] = []
    for day in c.days:
        places = [(venue_key(v), town) for v, town in c.places if c.open_at(day, v)]
        for start, end in c.times:
            slots.extend(pl.Slot(day, start, end, v, town) for v, town in places)
    event = c.event
    local = event.origin is Origin.LOCAL
    cost = max((half_days(a, b) for a, b in c.times), default=event.days) if not local else event.days
    return pl.Session(
        id=event.id,
        title=c.title,
        group=c.group,
        period=c.period,
        cost_days=cost,
        attendees=tuple(event.attendees),
        slots=tuple(slots),
        headcount=event.headcount,
        series=event.series or "",
        ideal=c.ideal,
        now=slot_of(event),
    )


def _venues(session: pl.Session) -> set[str]:
    return {venue_id(s.venue) or "" for s in session.slots if s.venue}


def _person(calendar: Calendar, index: Index, pid: str, inside: set[str]) -> pl.Person:
    person = calendar.people[pid]
    limit = allowance(calendar, pid)
    committed = sum(e.days for e in index.by_person.get(pid, ()) if e.id not in inside)
    times = [parse_time_of_day(t) for t in person.preferred_times]
    return pl.Person(
        id=pid,
        name=person.name,
        allowance_days=limit[0] if limit else None,
        committed_days=committed,
        town=person.town,
        preferred_weekdays=frozenset(d.number for d in person.preferred_weekdays),
        preferred_times=tuple(t for t in times if t is not None),
    )


def _within_reach(person: pl.Person, sessions: Iterable[pl.Session]) -> pl.Person:
    """A session costs its release days wherever it goes: an allowance its sessions overrun wherever they are
    placed is no placement's to keep (the budget rule reports it before and after), so none is set."""
    if person.allowance_days is None:
        return person
    need = person.committed_days + sum(s.cost_days for s in sessions if person.id in s.attendees)
    return person if need <= person.allowance_days + 1e-9 else dataclasses.replace(person, allowance_days=None)


def _venue(calendar: Calendar, vid: str) -> pl.Venue:
    venue = calendar.venues[vid]
    return pl.Venue(VENUE + vid, venue.name, venue.town, venue.capacity)


def busy_label(event: Event) -> str:
    return f"'{event.title}' ({event.when_text()})"


def _busy(
    calendar: Calendar, index: Index, people: list[str], venues: list[str], inside: set[str]
) -> Iterable[pl.Busy]:
    for pid in people:
        for event in index.by_person.get(pid, ()):
            if event.id in inside or event.tentative:
                continue  # a tentative date is a guess: a window, not a busy time
            town = None if event.all_day or event.online or not event.place else event.place
            yield pl.Busy(pid, event.start, event.end, busy_label(event), town)
    for vid in venues:
        for event in index.by_venue.get(vid, ()):
            if event.id not in inside:
                yield pl.Busy(VENUE + vid, event.start, event.end, busy_label(event))


def _windows(calendar: Calendar, people: set[str]) -> Iterable[pl.Window]:
    for event in calendar.events:
        if not event.tentative or event.window is None or not event.blocking:
            continue
        label = f"'{event.title}' ('{event.timing_text}', not dated yet)"
        for pid in event.attendees:
            if pid in people:
                yield pl.Window(pid, event.window.start, event.window.end, label)


def _travel(calendar: Calendar, sessions: Iterable[Candidates]) -> pl.Travel:
    """The journey times of the sessions' hub (the first plan's when they span several: each hub's people
    and venues are its own, so a problem is built per hub)."""
    hubs = [c.event.hub for c in sessions if c.event.hub in calendar.plans]
    plan = calendar.plans[hubs[0]] if hubs else next(iter(calendar.plans.values()), None)
    if plan is None:
        return pl.Travel(nowhere=frozenset({ONLINE}))
    minutes = {frozenset(t.between): t.minutes for t in plan.travel.times}
    return pl.Travel(minutes, plan.travel.same_town_minutes, plan.travel.default_minutes, frozenset({ONLINE}))


def event_at(calendar: Calendar, event: Event, slot: pl.Slot) -> Event:
    """`event` moved to `slot`: its times, venue, place, release days and the calendars it concerns there
    (`sessions.concerned`), as the assembler would make them."""
    start = dt.datetime.combine(slot.date, slot.start)
    end = dt.datetime.combine(slot.date, slot.end)
    days = half_days(slot.start, slot.end)
    vid = venue_id(slot.venue)
    if vid is None or vid == event.venue:
        return dataclasses.replace(event, start=start, end=end, days=days)
    venue = calendar.venues[vid]
    location = f"{venue.name}, {venue.town}"
    moved = held_at(calendar, event, (vid, venue.town))
    return dataclasses.replace(moved, start=start, end=end, days=days, location=location)
