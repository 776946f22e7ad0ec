"""Input and output types of the placement core. Plain frozen dataclasses: the planner adapts its
assembled calendar into these; nothing here knows about mh_planner. All times are naive wall-clock times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    """One candidate time and place for a session. `venue` None: a place that is not booked (a school
    visited), so no venue double-booking or capacity applies; `town` still counts for travel."""

    date: dt.date
    start: dt.time
    end: dt.time
    venue: str | None
    town: str
    start_at: dt.datetime = field(init=False, repr=False, compare=False)
    end_at: dt.datetime = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # computed once: the rules compare slots' datetimes very often
        object.__setattr__(self, "start_at", dt.datetime.combine(self.date, self.start))
        object.__setattr__(self, "end_at", dt.datetime.combine(self.date, self.end))

    def text(self) -> str:
        where = f" at {self.venue}" if self.venue else ""
        return (
            f"{self.date:%a} {self.date.day} {self.date:%b %Y} {self.start:%H:%M}-{self.end:%H:%M}{where}, {self.town}"
        )


def make_slots(
    days: Iterable[dt.date], starts: Iterable[dt.time], duration: dt.timedelta, places: Iterable[tuple[str | None, str]]
) -> tuple[Slot, ...]:
    """Every day x start time x (venue, town), in that order (the order a naive placer tries them)."""
    starts, places = list(starts), list(places)
    out: list[Slot] = []
    for day in days:
        for start in starts:
            end = (dt.datetime.combine(day, start) + duration).time()
            out.extend(Slot(day, start, end, venue, town) for venue, town in places)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Session:
    """One required occurrence of a series: e.g. the Peterborough TRG's Autumn 2 meeting. Its candidate
    slots already respect term time, closures and the period (half-term or term) it belongs to: placing
    the session exactly once among them is the cadence requirement."""

    id: str
    title: str  # "Peterborough TRG", used in explanations
    group: str
    period: str  # "Autumn 2": the cadence period, used in explanations
    cost_days: float  # release days it costs each attendee
    attendees: tuple[str, ...]
    slots: tuple[Slot, ...]
    headcount: int = 0  # people at the venue, attendees included (0: just the attendees)
    series: str = ""  # sessions of one series share a venue when they can; "" = the group
    ideal: dt.date | None = None  # the best date: each day away costs `spread`; None: the middle of its candidates
    now: Slot | None = None  # where it is now: any other slot costs `move` once (ties never move it)

    @property
    def series_key(self) -> str:
        return self.series or self.group

    @property
    def people_count(self) -> int:
        return max(self.headcount, len(self.attendees))


@dataclass(frozen=True, slots=True)
class Busy:
    """A fixed commitment of a person or a venue (`who` is a person id or a venue id): a national
    workshop, a residential, an exchange leg, another booking of a hall. `town` None: online or
    unknown, so only overlap counts, not travel."""

    who: str
    start: dt.datetime
    end: dt.datetime  # exclusive
    label: str  # "outward exchange leg (Sat 9 - Fri 22 Nov 2019)"
    town: str | None = None


@dataclass(frozen=True, slots=True)
class Window:
    """The window of a central event not dated yet that `person` must attend: a soft penalty inside it."""

    person: str
    first: dt.date
    last: dt.date
    label: str


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    allowance_days: float | None = None  # None: no budget
    committed_days: float = 0.0  # days already committed outside this problem (central events)
    town: str | None = None  # where they work: travel from here is a soft cost
    preferred_weekdays: frozenset[int] = frozenset()  # 0 = Monday; empty: no preference
    preferred_times: tuple[tuple[dt.time, dt.time], ...] = ()  # a slot inside one is preferred; empty: any


@dataclass(frozen=True, slots=True)
class Venue:
    id: str
    name: str
    town: str
    capacity: int | None = None


@dataclass(frozen=True, slots=True)
class Travel:
    """Minutes between towns, as the checker's `travel` rule has them: same venue 0, same town
    `same_town`, a listed pair its minutes, any other pair `default`; to or from a place in `nowhere`
    (a session held online) no journey at all."""

    minutes: Mapping[frozenset[str], int] = field(default_factory=dict)
    same_town: int = 20
    default: int = 90
    nowhere: frozenset[str] = frozenset()
    _table: dict[frozenset[str], int] = field(init=False, repr=False, compare=False)
    _nowhere: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # towns compared case- and space-insensitively, looked up often
        table = {frozenset(t.strip().lower() for t in k): v for k, v in self.minutes.items()}
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_nowhere", frozenset(t.strip().lower() for t in self.nowhere))

    def between(self, a_town: str, b_town: str, a_venue: str | None = None, b_venue: str | None = None) -> int:
        if self._nowhere and (a_town.strip().lower() in self._nowhere or b_town.strip().lower() in self._nowhere):
            return 0
        if a_town == b_town or a_town.strip().lower() == b_town.strip().lower():
            return 0 if a_venue is not None and a_venue == b_venue else self.same_town
        return self._table.get(frozenset((a_town.strip().lower(), b_town.strip().lower())), self.default)


@dataclass(frozen=True, slots=True)
class Weights:
    """Penalty points of the soft preferences (lower total is better)."""

    weekday: int = 6  # per attendee, a day that is not one of their preferred weekdays
    time: int = 4  # per attendee, a time outside their preferred times
    spread: int = 1  # per day away from the session's ideal date
    move: int = 5  # once, for leaving the slot a session has now (`Session.now`): another day, time or venue
    window: int = 15  # per attendee, inside the window of an undated central event they attend
    venue_change: int = 10  # per change of venue between consecutive sessions of a series
    travel: int = 1  # per 10 minutes an attendee travels from their own town


@dataclass(frozen=True, slots=True)
class Problem:
    sessions: tuple[Session, ...]
    people: Mapping[str, Person]
    venues: Mapping[str, Venue]
    busy: tuple[Busy, ...] = ()
    windows: tuple[Window, ...] = ()
    travel: Travel = Travel()
    weights: Weights = Weights()

    def session(self, session_id: str) -> Session:
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise KeyError(f"no session {session_id!r}")

    def name(self, who: str) -> str:
        if who in self.people:
            return self.people[who].name
        return self.venues[who].name if who in self.venues else who

    def errors(self) -> list[str]:
        """What makes the input unusable, one line each (the planner reports these as invalid input)."""
        out: list[str] = []
        ids = [s.id for s in self.sessions]
        out += [f"session {i!r} appears twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
        out += [f"{p!r} is both a person and a venue" for p in sorted(set(self.people) & set(self.venues))]
        for s in self.sessions:
            out += [f"session {s.id!r}: no person {p!r}" for p in s.attendees if p not in self.people]
            out += [
                f"session {s.id!r}: no venue {v!r}" for v in {x.venue for x in s.slots} if v and v not in self.venues
            ]
            out += [f"session {s.id!r}: a slot ends before it starts" for x in s.slots[:1] if x.end <= x.start]
        for b in self.busy:
            if b.who not in self.people and b.who not in self.venues:
                out.append(f"busy {b.label!r}: no person or venue {b.who!r}")
        return out


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Proposal:
    session: str
    slot: Slot
    score: int  # penalty points: lower is better
    reasons: tuple[str, ...]  # why it scores what it does, largest penalty first


@dataclass(frozen=True, slots=True, order=True)
class Constraint:
    """One group of hard constraints that an explanation can name."""

    kind: str  # busy | fixed | cadence | budget | capacity | person | venue
    key: str  # stable identity, e.g. "busy:17", "cadence:wg-pboro/meeting-2"
    text: str  # in words: "Priya Shah's outward exchange leg (Sat 9 - Fri 22 Nov 2019)"


@dataclass(frozen=True, slots=True)
class Explanation:
    constraints: tuple[Constraint, ...]  # a small set that cannot all hold
    text: str  # one sentence for people
    minimal: bool = True  # False: the deletion filter ran out of time; still a true conflict set


@dataclass(frozen=True, slots=True)
class Placement:
    slots: Mapping[str, Slot]  # every movable session -> its slot (empty when infeasible)
    score: int = 0  # soft-preference penalty of the whole result (fixed sessions included)
    optimal: bool = False  # proved: no better score over every candidate
    bound: int | None = None  # not optimal: the best score possible among the candidates searched
    explanation: Explanation | None = None  # set when no placement exists

    @property
    def ok(self) -> bool:
        return self.explanation is None
