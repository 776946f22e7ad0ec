"""What `suggest` and `place` print: readable text, and JSON for other tools (docs/scheduling.md); both as
the report's (`report.lines_text`, `report.json_text`: control characters in the data shown escaped)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from mh_planner.report import json_text, lines_text

if TYPE_CHECKING:
    from mh_planner.calendar import Calendar
    from mh_planner.rules import Conflict
    from mh_planner.scheduling import Move, Proposal, SeriesSuggestions, Suggestions, YearPlacement

SUGGESTIONS_SCHEMA = "mh-planner/suggestions/v1"
PLACEMENT_SCHEMA = "mh-planner/placement/v1"


# --- text ------------------------------------------------------------------------------------------


def suggestions_text(calendar: Calendar, found: Suggestions, heading: bool = True) -> str:
    return lines_text(_suggestions_lines(calendar, found, heading))


def _suggestions_lines(calendar: Calendar, found: Suggestions, heading: bool = True) -> list[str]:
    lines = [f"{found.title} ({found.period})"] if heading else []
    lines.append(f"  now: {found.now.when_text()}, {found.now.where_text(calendar)}  [{found.now.score}]")
    lines += [f"    x {clash}" for clash in found.clashes]
    if found.proposals:
        lines.append("  proposals, best first [penalty: lower is better]:")
    for rank, proposal in enumerate(found.proposals, 1):
        lines += _proposal_text(calendar, rank, proposal, _same(proposal, found.now))
    if found.explanation:
        lines.append(f"  nothing fits: {found.explanation}")
    return lines


def _same(a: Proposal, b: Proposal) -> bool:
    return (a.start, a.end, a.venue) == (b.start, b.end, b.venue)


def _proposal_text(calendar: Calendar, rank: int, proposal: Proposal, stays: bool = False) -> list[str]:
    note = " (where it is now)" if stays else ""
    lines = [f"  {rank}. {proposal.when_text()}, {proposal.where_text(calendar)}  [{proposal.score}]{note}"]
    lines += [f"       {reason}" for reason in proposal.reasons]
    lines += [f"       resolves: {text}" for text in proposal.resolves]
    return lines


def series_text(calendar: Calendar, found: SeriesSuggestions) -> str:
    lines = [f"{found.name}: every meeting and visit placed together"]
    if found.explanation:
        lines.append(f"  nothing fits: {found.explanation}")
        return lines_text(lines)
    lines.append(f"  the hub's penalty (lower is better): {found.score_now} now, {found.score} placed so")
    for session in found.sessions:
        lines.append("")
        lines += _suggestions_lines(calendar, session)
    return lines_text(lines)


def placement_text(
    calendar: Calendar, found: YearPlacement, written: list[str] | None = None, repair: bool = False
) -> str:
    if found.explanation:
        lines = [f"No placement: {found.explanation}"]
        lines += [f"  - {text}" for text in found.constraints]
        return lines_text(lines)
    lines = [
        f"Placed {found.placed} session(s) ({found.kept} kept where the plan dates them): "
        f"{len(found.moves)} to move.",
    ]
    for move in found.moves:
        lines += _move_text(move)
    lines.append("")
    lines.append(_score_line(found))
    lines.append(_errors_line(found, repair))
    lines += [f"  x {c.message}" for c in found.remaining]
    lines += [f"Not repaired: {text}" for text in found.not_repaired]
    if written is not None:
        lines.append(f"Written: {', '.join(written)}" if written else "Nothing to write: no event moves.")
    elif found.moves:
        lines.append("Nothing written: add --write to write these moves into the plan.")
    return lines_text(lines)


def _move_text(move: Move) -> list[str]:
    lines = ["", f"  {move.title}", f"    from {move.was}", f"    to   {move.when_text()}, {move.where}"]
    lines += [f"      avoids: {text}" for text in move.avoids]
    lines += [f"      {reason}" for reason in move.reasons]
    return lines


def _score_line(found: YearPlacement) -> str:
    if found.optimal:
        proof = "proved the best"
    elif found.bound is not None and found.bound < found.score:
        proof = f"none of the candidates searched can do better than {found.bound}"
    else:
        proof = "the best among each session's cheapest candidates"
    return f"Penalty (lower is better): {found.score_now} where they are now, {found.score} placed ({proof})."


def _errors_line(found: YearPlacement, repair: bool) -> str:
    from mh_planner.rules import BY_NAME

    line = f"Errors: {len(found.before)} before, {len(found.resolved)} resolved, {len(found.remaining)} left"
    clashes = [c for c in found.remaining if c.rule in BY_NAME and BY_NAME[c.rule].clash]
    if clashes and not repair:
        return line + f" ({len(clashes)} in a clash between events the plan dates: --repair moves those)"
    if found.remaining:
        return line + " (no date resolves them: budgets, cadence, attendance, or events to move by hand)"
    return line + "."


# --- JSON ------------------------------------------------------------------------------------------


def _when(start: dt.datetime, end: dt.datetime) -> dict[str, str]:
    return {"date": start.date().isoformat(), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}


def _proposal_json(calendar: Calendar, proposal: Proposal) -> dict[str, Any]:
    venue = calendar.venues.get(proposal.venue or "")
    return {
        **_when(proposal.start, proposal.end),
        "venue": proposal.venue,
        "where": proposal.where_text(calendar),
        "town": venue.town if venue else proposal.place,
        "score": proposal.score,
        "reasons": list(proposal.reasons),
        "resolves": list(proposal.resolves),
    }


def _suggestions_json(calendar: Calendar, found: Suggestions) -> dict[str, Any]:
    return {
        "id": found.event_id,
        "title": found.title,
        "period": found.period,
        "now": {**_proposal_json(calendar, found.now), "clashes": list(found.clashes)},
        "proposals": [_proposal_json(calendar, p) for p in found.proposals],
        "explanation": found.explanation,
        "constraints": list(found.constraints),
    }


def suggestions_json(calendar: Calendar, data: str, found: Suggestions | SeriesSuggestions) -> str:
    from mh_planner.scheduling import Suggestions

    document: dict[str, Any] = {"schema": SUGGESTIONS_SCHEMA, "data": data, "year": calendar.year.label}
    if isinstance(found, Suggestions):
        document.update(asked={"event": found.event_id}, found=bool(found.proposals), series=None)
        document.update(events=[_suggestions_json(calendar, found)])
        document.update(explanation=found.explanation, constraints=list(found.constraints))
    else:
        document.update(asked={"work_group": found.group}, found=found.explanation is None and bool(found.sessions))
        document["series"] = {"name": found.name, "score": found.score, "score_now": found.score_now}
        document["events"] = [_suggestions_json(calendar, s) for s in found.sessions]
        document.update(explanation=found.explanation, constraints=list(found.constraints))
    return json_text(document)


def _move_json(move: Move) -> dict[str, Any]:
    return {
        "event_id": move.event_id,
        "title": move.title,
        "from": move.was,
        **_when(move.start, move.end),
        "venue": move.venue,
        "town": move.place,
        "where": move.where,
        "reasons": list(move.reasons),
        "avoids": list(move.avoids),
    }


def _messages(conflicts: tuple[Conflict, ...]) -> list[str]:
    return [c.message for c in conflicts]


def placement_json(calendar: Calendar, data: str, found: YearPlacement, repair: bool, written: list[str]) -> str:
    document = {
        "schema": PLACEMENT_SCHEMA,
        "data": data,
        "year": calendar.year.label,
        "repair": repair,
        "found": found.ok,
        "placed": found.placed,
        "kept": found.kept,
        "score": {"now": found.score_now, "placed": found.score, "bound": found.bound, "optimal": found.optimal},
        "moves": [_move_json(m) for m in found.moves],
        "errors": {
            "before": _messages(found.before),
            "resolved": _messages(found.resolved),
            "remaining": _messages(found.remaining),
        },
        "not_repaired": list(found.not_repaired),
        "explanation": found.explanation,
        "constraints": list(found.constraints),
        "written": written,
    }
    return json_text(document)
