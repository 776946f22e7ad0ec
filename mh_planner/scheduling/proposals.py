"""Find a time: proposals for one event, for a whole work group's series, or for a meeting not made yet.

Each proposal comes from the placement core (`placement.suggest`: every candidate that breaks no hard
rule, ranked by the soft preferences, with reasons) and is then verified by the checker (`verify`): the
calendar with it made must have no error it did not have. A proposal the checker refuses is dropped, never
shown (`Suggestions.refused` counts them: the tests keep it at 0). When nothing fits, the explanation names
the few constraints that rule every candidate out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mh_planner.calendar import Calendar, Event, fmt_day
from mh_planner.problems import shorten
from mh_planner.rules import Conflict
from mh_planner.rules import check as run_rules
from mh_planner.scheduling import placement as pl
from mh_planner.scheduling.placement.costs import Scorer
from mh_planner.scheduling.problem import Scope, build, event_at, venue_id
from mh_planner.scheduling.sessions import Candidates, SchedulingError, candidates, sessions_of, shut_text
from mh_planner.scheduling.verify import errors, verdict, with_events

MAX_REFUSED = 20  # proposals the checker may refuse before the search gives up (never so far)


@dataclass(frozen=True)
class Proposal:
    """A time and place for an event, its soft-preference penalty (lower is better) and why."""

    event_id: str
    start: dt.datetime
    end: dt.datetime
    venue: str | None  # a venue id; None for a visit (at its school)
    place: str  # the town
    score: int
    reasons: tuple[str, ...]
    resolves: tuple[str, ...] = ()  # the errors it makes go away, in words

    def when_text(self) -> str:
        return f"{fmt_day(self.start.date())} {self.start:%H:%M}-{self.end:%H:%M}"

    def where_text(self, calendar: Calendar) -> str:
        venue = calendar.venues.get(self.venue or "")
        return f"{venue.name}, {venue.town}" if venue else self.place


@dataclass(frozen=True)
class Suggestions:
    """Proposals for one event, best first; `explanation` says why there are none."""

    event_id: str
    title: str
    period: str
    now: Proposal  # where it is now, scored alike
    clashes: tuple[str, ...]  # the errors it is in now
    proposals: tuple[Proposal, ...]
    explanation: str | None = None
    constraints: tuple[str, ...] = ()
    refused: int = 0


@dataclass(frozen=True)
class SeriesSuggestions:
    """A work group's meetings and visits placed together: each session's first proposal is the series'
    best placement; the others are alternatives with the rest of the series there."""

    group: str
    name: str
    sessions: tuple[Suggestions, ...] = ()
    score: int = 0
    score_now: int = 0
    explanation: str | None = None
    constraints: tuple[str, ...] = ()
    refused: int = 0


@dataclass
class _Context:
    """What proposing for sessions of one scope shares."""

    calendar: Calendar
    scope: Scope
    before: list[Conflict]
    scorer: Scorer = field(init=False)

    def __post_init__(self) -> None:
        self.scorer = Scorer(self.scope.problem)


def find_event(calendar: Calendar, event_id: str) -> Event:
    found = calendar.by_id().get(event_id)
    if found is None:
        raise SchedulingError(f"no event {shorten(event_id)}")
    if not isinstance(found, Event):
        raise SchedulingError(f"'{found.title}' has no date yet: confirm its date instead")
    return found


def suggest_times(
    calendar: Calendar, event_id: str, limit: int = 5, conflicts: Iterable[Conflict] | None = None
) -> Suggestions:
    """The best `limit` other times for an event, everything else where it is."""
    event = find_event(calendar, event_id)
    target = candidates(calendar, event)
    sessions = sessions_of(calendar, {event.hub} if event.hub else None)
    sessions[event.id] = target  # a one-off event is a session only when asked for
    context = _Context(calendar, build(calendar, sessions), _conflicts(calendar, conflicts))
    return _propose(context, target, context.scope.fixed([event.id]), {}, limit)


def suggest_new(
    calendar: Calendar, event: Event, limit: int = 5, conflicts: Iterable[Conflict] | None = None
) -> Suggestions:
    """Times for an event not in the plan yet (the New form's meeting), as if it were added: `event` is
    where the form has it now; its candidates are those of a session like it."""
    target = candidates(calendar, event)
    sessions = sessions_of(calendar, {event.hub} if event.hub else None)
    sessions[event.id] = target
    context = _Context(calendar, build(calendar, sessions), _conflicts(calendar, conflicts))
    return _propose(context, target, context.scope.fixed([event.id]), {}, limit, new=True)


def suggest_series(
    calendar: Calendar, group_id: str, limit: int = 3, conflicts: Iterable[Conflict] | None = None
) -> SeriesSuggestions:
    """A work group's meetings and visits placed together around everything else (its dates written in
    the plan included: asked for the series, all of it may move), then alternatives for each."""
    group = calendar.work_groups.get(group_id)
    if group is None:
        raise SchedulingError(f"no work group {shorten(group_id)}")
    hub = calendar.person_hub.get(group.lead)
    sessions = sessions_of(calendar, {hub} if hub else None)
    movable = [sid for sid, c in sessions.items() if c.group == group_id]
    if not movable:
        raise SchedulingError(f"'{group.name}' has no meetings or visits in the calendar")
    context = _Context(calendar, build(calendar, sessions), _conflicts(calendar, conflicts))
    problem, fixed = context.scope.problem, context.scope.fixed(movable)
    result = pl.place(problem, fixed, movable)
    now = pl.score(problem, {**fixed, **{s: context.scope.now[s] for s in movable}})
    if result.explanation is not None:
        text, named = _explained(result.explanation)
        return SeriesSuggestions(group_id, group.name, score_now=now, explanation=text, constraints=named)
    placed = {sid: event_at(calendar, sessions[sid].event, slot) for sid, slot in result.slots.items()}
    checked = verdict(context.before, with_events(calendar, placed))
    if not checked.ok:
        text = "The checker refused the placement found: " + "; ".join(c.message for c in checked.new)
        return SeriesSuggestions(group_id, group.name, score_now=now, explanation=text, refused=1)
    series = _Context(with_events(calendar, placed), context.scope, list(checked.after))
    out = []
    for sid in movable:
        others = {**fixed, **{k: v for k, v in result.slots.items() if k != sid}}
        found = _propose(series, sessions[sid], others, placed, limit, first=result.slots[sid])
        clashes = tuple(c.message for c in errors(context.before) if sid in c.event_ids)
        out.append(dataclasses.replace(found, clashes=clashes))
    return SeriesSuggestions(group_id, group.name, tuple(out), result.score, now)


def _conflicts(calendar: Calendar, given: Iterable[Conflict] | None) -> list[Conflict]:
    return list(given) if given is not None else run_rules(calendar)


def _explained(explanation: pl.Explanation) -> tuple[str, tuple[str, ...]]:
    return explanation.text, tuple(c.text for c in explanation.constraints)


def _propose(
    context: _Context,
    target: Candidates,
    fixed: Mapping[str, pl.Slot],
    placed: Mapping[str, Event],
    limit: int,
    *,
    first: pl.Slot | None = None,
    new: bool = False,
) -> Suggestions:
    """Rank the target's candidates with the core, then keep the first `limit` the checker accepts.
    `placed`: other events already moved (a series' placement); `first`: a slot to put first (already
    verified with the series); `new`: the target is not in the calendar yet (it is added, not moved)."""
    calendar, problem, event = context.calendar, context.scope.problem, target.event
    ranked = pl.suggest(problem, event.id, fixed, limit=None)
    now_slot = context.scope.now[event.id]
    if first is not None:
        ranked.sort(key=lambda p: p.slot != first)  # stable: the rest keep their rank
    shown: list[Proposal] = []
    refused = 0
    for proposal in ranked:
        if len(shown) >= limit or refused >= MAX_REFUSED:
            break
        if proposal.slot == now_slot and not new and proposal.slot != first:
            continue  # where it is already: not another time
        moved = event_at(calendar, event, proposal.slot)
        after = with_events(calendar, {} if new else {event.id: moved}, [moved] if new else [])
        checked = verdict(context.before, after)
        if not checked.ok:
            refused += 1
            continue
        resolves = tuple(c.message for c in checked.resolved)
        shown.append(_proposal(event.id, proposal, resolves))
    clashes = () if new else tuple(c.message for c in errors(context.before) if event.id in c.event_ids)
    result = Suggestions(
        event_id=event.id,
        title=event.title,
        period=target.period,
        now=_now(context, target, now_slot),
        clashes=clashes,
        proposals=tuple(shown),
        refused=refused,
    )
    if shown:
        return result
    if not target.days:
        return dataclasses.replace(result, explanation=shut_text(calendar, target))
    if not ranked:
        text, named = _explained(pl.why_not(problem, event.id, fixed))
        return dataclasses.replace(result, explanation=text, constraints=named)
    if all(p.slot == now_slot for p in ranked):
        text = f"'{event.title}' fits nowhere else in {target.period}: only where it is now."
    else:
        text = f"No other time for '{event.title}' in {target.period} passes the checker."
    return dataclasses.replace(result, explanation=text)


def _proposal(event_id: str, proposal: pl.Proposal, resolves: tuple[str, ...] = ()) -> Proposal:
    slot = proposal.slot
    start, end = dt.datetime.combine(slot.date, slot.start), dt.datetime.combine(slot.date, slot.end)
    return Proposal(event_id, start, end, venue_id(slot.venue), slot.town, proposal.score, proposal.reasons, resolves)


def _now(context: _Context, target: Candidates, slot: pl.Slot) -> Proposal:
    session = context.scope.problem.session(target.event_id)
    terms = sorted(context.scorer.terms(session, slot), key=lambda t: (-t[0], t[1]))
    reasons = tuple(f"+{t} {why}" for t, why in terms) or ("no soft preference bent",)
    return _proposal(target.event_id, pl.Proposal(target.event_id, slot, sum(t for t, _ in terms), reasons))
