"""Pure-Python rules shared by `suggest`, `place` and `score`: what statically rules a slot out (fixed
commitments, capacity), the soft penalty of a slot with its reasons, and the score of an assignment."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mh_planner.scheduling.placement.types import Busy, Constraint, Problem, Session, Slot, Window

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
UNITS_PER_DAY = 100  # release days in integer hundredths, for the solver's integer budget rows


def day_text(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def days_touched(start: dt.datetime, end: dt.datetime) -> list[dt.date]:
    last = max((end - dt.timedelta(microseconds=1)).date(), start.date())
    return [start.date() + dt.timedelta(days=i) for i in range((last - start.date()).days + 1)]


def clash(
    a: tuple[dt.datetime, dt.datetime, str | None, str | None],
    b: tuple[dt.datetime, dt.datetime, str | None, str | None],
    problem: Problem,
) -> bool:
    """Two commitments of one person clash: they overlap, or they fall on one day in places too far
    apart for the gap between them. Each is (start, end, town, venue); town None needs no travel."""
    (a0, a1, at, av), (b0, b1, bt, bv) = a, b
    if a0 < b1 and b0 < a1:
        return True
    if at is None or bt is None:
        return False
    first_end, second_start = (a1, b0) if a1 <= b0 else (b1, a0)
    if (first_end - dt.timedelta(microseconds=1)).date() != second_start.date():
        return False  # not the same day: a night to travel
    gap = (second_start - first_end).total_seconds() / 60
    return gap < problem.travel.between(at, bt, av, bv)


def where(slot: Slot) -> tuple[dt.datetime, dt.datetime, str | None, str | None]:
    return slot.start_at, slot.end_at, slot.town, slot.venue


# --- the constraint groups an explanation can name ------------------------------------------------


def busy_constraint(problem: Problem, index: int, busy: Busy) -> Constraint:
    if busy.who in problem.venues:
        return Constraint("busy", f"busy:{index}", f"{problem.name(busy.who)} is booked for {busy.label}")
    return Constraint("busy", f"busy:{index}", f"{problem.name(busy.who)}'s {busy.label}")


def fixed_constraint(problem: Problem, session: Session, slot: Slot) -> Constraint:
    where = f" at {problem.name(slot.venue)}" if slot.venue else ""
    when = f"{day_text(slot.date)} {slot.start:%H:%M}-{slot.end:%H:%M}{where}, {slot.town}"
    return Constraint("fixed", f"fixed:{session.id}", f"{session.title} ({session.period}) on {when}")


def capacity_constraint(problem: Problem, venue: str) -> Constraint:
    v = problem.venues[venue]
    return Constraint("capacity", f"capacity:{venue}", f"{v.name} holds only {v.capacity}")


def cadence_constraint(session: Session) -> Constraint:
    return Constraint("cadence", f"cadence:{session.id}", f"{session.title} must meet once in {session.period}")


def budget_constraint(problem: Problem, person: str) -> Constraint:
    p = problem.people[person]
    spent = f", {p.committed_days:g} already committed" if p.committed_days else ""
    return Constraint("budget", f"budget:{person}", f"{p.name}'s allowance of {p.allowance_days:g} release days{spent}")


def person_constraint(problem: Problem, person: str) -> Constraint:
    return Constraint("person", f"person:{person}", f"{problem.name(person)} can be at one session at a time")


def venue_constraint(problem: Problem, venue: str) -> Constraint:
    return Constraint("venue", f"venue:{venue}", f"{problem.name(venue)} can host one session at a time")


def units(days: float) -> int:
    return round(days * UNITS_PER_DAY)


# --- static blockers --------------------------------------------------------------------------------


@dataclass
class Fixed:
    """Everything a slot is checked against: busy intervals and already-placed sessions, by day."""

    problem: Problem
    slots: Mapping[str, Slot]
    by_key: dict[
        tuple[str, dt.date], list[tuple[Constraint, tuple[dt.datetime, dt.datetime, str | None, str | None]]]
    ] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, problem: Problem, slots: Mapping[str, Slot]) -> Fixed:
        out = cls(problem, slots)
        for i, b in enumerate(problem.busy):
            is_venue = b.who in problem.venues
            # A venue's booking is about the room only: no travel for a room.
            item = busy_constraint(problem, i, b), (b.start, b.end, None if is_venue else b.town, None)
            for day in days_touched(b.start, b.end):
                out.by_key[(b.who, day)].append(item)
        for s in problem.sessions:
            if s.id in slots:
                out.add(s, slots[s.id])
        return out

    def add(self, session: Session, slot: Slot) -> None:
        """Count `session` at `slot` as fixed from now on."""
        for p in session.attendees:
            self.by_key[(p, slot.date)].append((fixed_constraint(self.problem, session, slot), where(slot)))
        if slot.venue:
            self.by_key[(slot.venue, slot.date)].append(
                (fixed_constraint(self.problem, session, slot), (*where(slot)[:2], None, None))
            )

    def blockers(self, session: Session, slot: Slot) -> list[Constraint]:
        """The constraint groups that each alone rule `slot` out for `session`, whatever else is placed."""
        found: dict[str, Constraint] = {}
        mine = where(slot)
        for p in session.attendees:
            for c, other in self.by_key.get((p, slot.date), ()):
                if c.key != f"fixed:{session.id}" and clash(mine, other, self.problem):
                    found.setdefault(c.key, c)
        if slot.venue:
            room = (slot.start_at, slot.end_at, None, None)
            for c, other in self.by_key.get((slot.venue, slot.date), ()):
                if c.key != f"fixed:{session.id}" and clash(room, other, self.problem):
                    found.setdefault(c.key, c)
            venue = self.problem.venues[slot.venue]
            if venue.capacity is not None and session.people_count > venue.capacity:
                c = capacity_constraint(self.problem, slot.venue)
                found.setdefault(c.key, c)
        return sorted(found.values(), key=lambda c: c.key)


# --- soft preferences --------------------------------------------------------------------------------


def ideal_date(session: Session) -> dt.date:
    if session.ideal is not None:
        return session.ideal
    dates = [s.date for s in session.slots]
    if not dates:
        return dt.date.min
    first, last = min(dates), max(dates)
    return first + (last - first) / 2


class Scorer:
    """The soft penalty of a slot, with its reasons. Memoised by what each part depends on (the people
    and the weekday, time and town; the people and the date): the builder scores every candidate."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.windows: dict[str, list[Window]] = defaultdict(list)
        for win in problem.windows:
            self.windows[win.person].append(win)
        self._people: dict[tuple[object, ...], list[tuple[int, str]]] = {}
        self._dates: dict[tuple[object, ...], list[tuple[int, str]]] = {}

    def terms(self, session: Session, slot: Slot, ideal: dt.date | None = None) -> list[tuple[int, str]]:
        """(penalty, reason) for every soft preference the slot bends; venue changes are counted apart."""
        out = [*self._people_terms(session.attendees, slot), *self._date_terms(session.attendees, slot.date)]
        w = self.problem.weights
        off = abs((slot.date - (ideal or ideal_date(session))).days)
        days = f"{off} day{'s' * (off != 1)}"
        now = session.now
        if now is not None and slot != now and (w.move or w.spread):  # it has a place: leaving it costs
            if slot.date != now.date:
                what = f"moved {days} from {day_text(now.date)}" if off else f"moved from {day_text(now.date)}"
            elif (slot.start, slot.end) != (now.start, now.end):
                what = f"moved from {now.start:%H:%M}-{now.end:%H:%M}"
            else:
                what = f"moved from {self.problem.name(now.venue or now.town)}"
            out.append((w.move + w.spread * off, what))
        elif off and w.spread:
            anchor = day_text(session.ideal) if session.ideal is not None else f"the middle of {session.period}"
            out.append((w.spread * off, f"{days} from {anchor}"))
        return out

    def cost(self, session: Session, slot: Slot, ideal: dt.date | None = None) -> int:
        return sum(t for t, _ in self.terms(session, slot, ideal))

    def _people_terms(self, attendees: tuple[str, ...], slot: Slot) -> list[tuple[int, str]]:
        key = (attendees, slot.date.weekday(), slot.start, slot.end, slot.town)
        if key not in self._people:
            w, out = self.problem.weights, []
            for pid in attendees:
                p = self.problem.people[pid]
                if p.preferred_weekdays and slot.date.weekday() not in p.preferred_weekdays:
                    days = ", ".join(WEEKDAYS[d] for d in sorted(p.preferred_weekdays))
                    out.append((w.weekday, f"{p.name} prefers {days}"))
                if p.preferred_times and not any(a <= slot.start and slot.end <= b for a, b in p.preferred_times):
                    times = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in p.preferred_times)
                    out.append((w.time, f"{p.name} prefers {times}"))
                if p.town is not None and w.travel:
                    same = p.town.strip().lower() == slot.town.strip().lower()
                    minutes = 0 if same else self.problem.travel.between(p.town, slot.town)
                    if minutes >= 10:
                        out.append((w.travel * (minutes // 10), f"{p.name} travels about {minutes} min from {p.town}"))
            self._people[key] = [t for t in out if t[0] > 0]
        return self._people[key]

    def _date_terms(self, attendees: tuple[str, ...], day: dt.date) -> list[tuple[int, str]]:
        key = (attendees, day)
        if key not in self._dates:
            weight, out = self.problem.weights.window, []
            for pid in attendees:
                for win in self.windows.get(pid, ()):
                    if weight and win.first <= day <= win.last:
                        out.append(
                            (weight, f"inside the window of {win.label}, which {self.problem.name(pid)} attends")
                        )
            self._dates[key] = out
        return self._dates[key]


def series_chains(problem: Problem, scope: Iterable[str]) -> list[list[Session]]:
    """Sessions of each series in order (ideal date, then id): consecutive ones should share a venue."""
    wanted = set(scope)
    chains: dict[str, list[Session]] = defaultdict(list)
    for s in problem.sessions:
        if s.id in wanted:
            chains[s.series_key].append(s)
    return [sorted(c, key=lambda s: (ideal_date(s), s.id)) for _, c in sorted(chains.items()) if len(c) > 1]


def score(problem: Problem, assignment: Mapping[str, Slot]) -> int:
    """The soft-preference penalty of an assignment (lower is better): what `place` minimises."""
    total, scorer = 0, Scorer(problem)
    for s in problem.sessions:
        if s.id in assignment:
            total += scorer.cost(s, assignment[s.id])
    for chain in series_chains(problem, assignment):
        venues = [assignment[s.id].venue for s in chain]
        total += problem.weights.venue_change * sum(a != b for a, b in itertools.pairwise(venues))
    return total
