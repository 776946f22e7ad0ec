"""Place the whole year: every work-group meeting and visit that follows its pattern (no date written in the
plan) gets the best time the solver finds around everything else; with `repair`, the hub's own events in a
clash move too (a dated meeting or visit, a one-off event). One problem per hub: each hub's people and
venues are its own.

The placement is verified by the checker before it is returned: the calendar with every move made must have
no error it did not have (else nothing is returned but the refusal). When no placement exists, the
explanation names the few constraints that cannot all hold. When repairing, an event that cannot move
anywhere better is left where it is and said so (`not_repaired`), and the rest is placed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from mh_planner.calendar import Calendar, Event, Origin, fmt_day
from mh_planner.problems import shorten
from mh_planner.rules import BY_NAME, Conflict
from mh_planner.rules import check as run_rules
from mh_planner.scheduling import placement as pl
from mh_planner.scheduling.placement.costs import Scorer
from mh_planner.scheduling.problem import Scope, build, event_at, venue_id
from mh_planner.scheduling.sessions import Candidates, SchedulingError, candidates, sessions_of, shut_text
from mh_planner.scheduling.verify import errors, verdict, with_events

REPAIR_ROUNDS = 4  # each round may leave the events an explanation names where they are


@dataclass(frozen=True)
class Move:
    """One event to move: from where it is (`was`) to a new time and place."""

    event_id: str
    title: str
    was: str  # 'Tue 12 Nov 2019 13:00-16:00, Orton Wistow Primary School, Peterborough'
    was_start: dt.datetime
    was_end: dt.datetime
    start: dt.datetime
    end: dt.datetime
    venue: str | None  # the venue id after the move; None for a visit (at its school)
    place: str  # the town after the move
    where: str = ""  # 'Orton Wistow Primary School, Peterborough': the place after the move, in words
    reasons: tuple[str, ...] = ()  # the soft preferences bent there ("+12 moved 7 days from Tue 12 Nov 2019")
    avoids: tuple[str, ...] = ()  # what it leaves behind: the errors it was in, the preferences bent there

    def when_text(self) -> str:
        return f"{fmt_day(self.start.date())} {self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class YearPlacement:
    moves: tuple[Move, ...] = ()
    placed: int = 0  # sessions the solver placed (moved or left where they were)
    kept: int = 0  # sessions kept where the plan writes them
    score_now: int = 0  # the soft-preference penalty of the sessions where they are now
    score: int = 0  # ... and where the placement puts them (lower is better)
    bound: int | None = None  # no placement among the candidates searched scores below this
    optimal: bool = False  # proved the best over every candidate
    explanation: str | None = None  # why no placement exists (then there are no moves)
    constraints: tuple[str, ...] = ()
    not_repaired: tuple[str, ...] = ()  # why these events stayed where they are (repairing; no day open to them)
    before: tuple[Conflict, ...] = ()  # the errors before
    resolved: tuple[Conflict, ...] = ()  # the errors the moves resolve
    remaining: tuple[Conflict, ...] = ()  # the errors left after them
    refused: bool = False  # the checker refused what the solver found (never so far)

    @property
    def ok(self) -> bool:
        return self.explanation is None and not self.refused


@dataclass
class _Hub:
    scope: Scope
    slots: dict[str, pl.Slot] = field(default_factory=dict)
    placement: pl.Placement | None = None
    not_repaired: list[str] = field(default_factory=list)
    kept: int = 0


def place_year(
    calendar: Calendar,
    *,
    repair: bool = False,
    hubs: Iterable[str] | None = None,
    conflicts: Iterable[Conflict] | None = None,
) -> YearPlacement:
    """Place every session of `hubs` (default: every plan's) that has no date written in the plan."""
    chosen = sorted(set(hubs) if hubs is not None else calendar.plans)
    unknown = [h for h in chosen if h not in calendar.plans]
    if unknown:
        raise SchedulingError(f"no plan for hub {shorten(unknown[0])}")
    before = list(conflicts) if conflicts is not None else run_rules(calendar)
    done = [_place_hub(calendar, hub, before, repair) for hub in chosen]
    summary = _summary(done, before)
    failed = [h.placement.explanation for h in done if h.placement and h.placement.explanation]
    if failed:
        named = tuple(c.text for c in failed[0].constraints)
        return dataclasses.replace(summary, explanation=failed[0].text, constraints=named)
    moved = {sid: event_at(calendar, h.scope.sessions[sid].event, slot) for h in done for sid, slot in h.slots.items()}
    checked = verdict(before, with_events(calendar, moved))
    if not checked.ok:
        text = "The checker refused the placement found: " + "; ".join(c.message for c in checked.new)
        return dataclasses.replace(summary, explanation=text, refused=True)
    moves = tuple(m for h in done for m in _moves(h, checked.resolved))
    return dataclasses.replace(summary, moves=moves, resolved=checked.resolved, remaining=tuple(errors(checked.after)))


def _summary(done: list[_Hub], before: list[Conflict]) -> YearPlacement:
    placements = [h.placement for h in done if h.placement is not None and h.placement.explanation is None]
    optimal = bool(placements) and all(p.optimal for p in placements)
    return YearPlacement(
        placed=sum(len(h.slots) for h in done),
        kept=sum(h.kept for h in done),
        score_now=sum(pl.score(h.scope.problem, h.scope.now) for h in done),
        score=sum(p.score for p in placements),
        bound=None if optimal else sum(p.score if p.bound is None else p.bound for p in placements),
        optimal=optimal,
        not_repaired=tuple(t for h in done for t in h.not_repaired),
        before=tuple(errors(before)),
    )


def _place_hub(calendar: Calendar, hub: str, before: list[Conflict], repair: bool) -> _Hub:
    sessions = sessions_of(calendar, {hub})
    movable = [sid for sid, c in sessions.items() if not c.explicit]
    if repair:
        clashing = _in_clash(before)
        sessions.update(_local_events(calendar, hub, clashing, sessions))
        movable += [sid for sid, c in sessions.items() if c.explicit and sid in clashing]
    shut = [sid for sid in movable if not sessions[sid].days]  # no day open to it: it stays, and says why
    movable = [sid for sid in movable if sessions[sid].days]
    repairing = {sid for sid in movable if sessions[sid].explicit}
    found = _Hub(build(calendar, sessions))
    found.not_repaired += [shut_text(calendar, sessions[sid]) for sid in shut]
    for _ in range(REPAIR_ROUNDS):
        placement = pl.place(found.scope.problem, found.scope.fixed(movable), movable)
        found.placement = placement
        if placement.explanation is None:
            found.slots = dict(placement.slots)
            break
        named = {c.key.removeprefix("cadence:") for c in placement.explanation.constraints if c.kind == "cadence"}
        stuck = named & repairing
        if not stuck:
            break
        found.not_repaired.append(placement.explanation.text)
        movable = [sid for sid in movable if sid not in stuck]
        repairing -= stuck
    found.kept = len(sessions) - len(movable)
    return found


def _in_clash(before: list[Conflict]) -> set[str]:
    """Events in an error of a rule that marks a clash (moving one may resolve it: not a budget, say)."""
    out: set[str] = set()
    for conflict in errors(before):
        rule = BY_NAME.get(conflict.rule)
        if rule is not None and rule.clash:
            out.update(conflict.event_ids)
            out.update([conflict.movable] if conflict.movable else [])
    return out


def _local_events(
    calendar: Calendar, hub: str, clashing: set[str], sessions: dict[str, Candidates]
) -> dict[str, Candidates]:
    """The hub's one-off events in a clash that the scheduler can move (timed, one day, at a place)."""
    out: dict[str, Candidates] = {}
    for event in calendar.events:
        if event.id not in clashing or event.id in sessions or event.hub != hub or event.origin is not Origin.LOCAL:
            continue
        try:
            out[event.id] = candidates(calendar, event)
        except SchedulingError:
            continue  # all day, several days, online: by hand
    return out


def _moves(found: _Hub, resolved: Iterable[Conflict]) -> Iterable[Move]:
    scorer = Scorer(found.scope.problem)
    for sid, slot in found.slots.items():
        now = found.scope.now[sid]
        if slot == now:
            continue
        event = found.scope.sessions[sid].event
        session = found.scope.problem.session(sid)
        terms = sorted(scorer.terms(session, slot), key=lambda t: (-t[0], t[1]))
        bent = {why for _, why in terms}
        left = [why for _, why in sorted(scorer.terms(session, now), key=lambda t: -t[0]) if why not in bent]
        clashes = [c.message for c in resolved if sid in c.event_ids]
        start, end = dt.datetime.combine(slot.date, slot.start), dt.datetime.combine(slot.date, slot.end)
        yield Move(
            event_id=sid,
            title=event.title,
            was=f"{event.when_text()}, {event.location or event.place or ''}".rstrip(", "),
            was_start=event.start,
            was_end=event.end,
            start=start,
            end=end,
            venue=venue_id(slot.venue),
            place=slot.town,
            where=_where(found.scope, event, slot),
            reasons=tuple(f"+{t} {why}" for t, why in terms),
            avoids=(*clashes, *left),
        )


def _where(scope: Scope, event: Event, slot: pl.Slot) -> str:
    if slot.venue is None or venue_id(slot.venue) == event.venue:
        return event.location or slot.town
    venue = scope.problem.venues[slot.venue]
    return f"{venue.name}, {venue.town}"
