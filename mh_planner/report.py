"""Conflicts and agendas as text for people and as JSON for tools (schema in docs/conflicts-json.md)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from mh_planner.calendar import AnyEvent, Calendar, Event, UndatedEvent, fmt_day
from mh_planner.rules import Conflict, Severity, title
from mh_planner.rules.budget import budget_lines

SCHEMA = "mh-planner/conflicts/v1"


def summary(conflicts: list[Conflict]) -> dict[str, int]:
    errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
    return {"errors": errors, "warnings": len(conflicts) - errors}


def conflicts_text(calendar: Calendar, conflicts: list[Conflict]) -> str:
    lines: list[str] = []
    for severity, heading in ((Severity.ERROR, "Errors"), (Severity.WARNING, "Warnings")):
        found = [c for c in conflicts if c.severity is severity]
        if not found:
            continue
        lines.append(f"{heading} ({len(found)})")
        by_rule: dict[str, list[Conflict]] = defaultdict(list)
        for conflict in found:
            by_rule[conflict.rule].append(conflict)
        for rule, items in by_rule.items():
            lines.append(f"  {title(rule)} ({len(items)})")
            mark = "x" if severity is Severity.ERROR else "!"
            for conflict in items:
                lines.append(f"    {mark} {conflict.message}")
                if conflict.fix:
                    lines.append(f"      fix: {conflict.fix.text}")
        lines.append("")
    counts = summary(conflicts)
    lines.append(
        f"{counts['errors']} error(s), {counts['warnings']} warning(s) in {calendar.year.label} "
        f"({len(calendar.events)} dated events, {len(calendar.undated)} not yet dated)."
    )
    return "\n".join(lines)


def conflict_json(calendar: Calendar, conflict: Conflict) -> dict[str, Any]:
    return {
        "rule": conflict.rule,
        "severity": conflict.severity.value,
        "message": conflict.message,
        "event_ids": list(conflict.event_ids),
        "people": [{"id": p, "name": calendar.people[p].name if p in calendar.people else p} for p in conflict.people],
        "venue": conflict.venue,
        "dates": [d.isoformat() for d in conflict.dates],
        "fix": None
        if conflict.fix is None
        else {
            "event_id": conflict.fix.event_id,
            "start": conflict.fix.start.isoformat(),
            "end": conflict.fix.end.isoformat(),
            "text": conflict.fix.text,
        },
    }


def conflicts_json(calendar: Calendar, conflicts: list[Conflict], data: str) -> str:
    document = {
        "schema": SCHEMA,
        "data": data,
        "year": calendar.year.label,
        "summary": summary(conflicts),
        "conflicts": [conflict_json(calendar, c) for c in conflicts],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def undated_when(event: UndatedEvent) -> str:
    """'before the year (Tue 23 Apr 2019 - Fri 19 Jul 2019)', 'through the year (...)', or 'no date yet'."""
    if event.placement and event.window:
        return f"{event.placement} ({fmt_day(event.window.start)} - {fmt_day(event.window.end)})"
    return "no date yet"


def agenda_line(calendar: Calendar, event: AnyEvent) -> str:
    when = event.when_text() if isinstance(event, Event) else undated_when(event)
    status = "~" if event.tentative else " "
    shown = event.tentative or (isinstance(event, UndatedEvent) and event.placement)
    window = f"  [{event.timing_text}]" if shown and event.timing_text else ""
    where = f" @ {event.location}" if event.location else ""
    people = ", ".join(calendar.people[p].name for p in event.attendees if p in calendar.people)
    who = f" - {people}" if people else ""
    return f"{status}{when:<34} {event.kind.value:<11} {event.title}{where}{who}{window}"


def agenda_text(calendar: Calendar, events: list[Event], undated: list[UndatedEvent]) -> str:
    lines = [agenda_line(calendar, e) for e in events]
    if undated:
        lines.append("")
        lines.append(f"Not yet dated ({len(undated)}):")
        lines.extend(agenda_line(calendar, e) for e in undated)
    lines.append("")
    lines.append(f"{len(events)} event(s); ~ marks a provisional date inside the announced window.")
    return "\n".join(lines)


def budget_text(calendar: Calendar, person_id: str) -> str:
    """A person's release days, one line per budget: each project's, and their own total."""
    person = calendar.people[person_id]
    lines = [f"Release days of {person.name}:"]
    for line in budget_lines(calendar, person_id):
        role = calendar.dataset.roles.get(line.role or "")
        what = "in all" if line.project is None else calendar.dataset.projects[line.project].label
        if role is not None:
            what += f" ({role.name})"
        notes = []
        if line.budget is not None and not line.budget.stated:
            notes.append("approximate" if line.budget.limit else "a commitment")
        if line.left_out:
            notes.append(f"{line.left_out:g} days of central training not counted")
        if line.not_dated:
            notes.append(f"+{line.not_dated:g} not dated yet")
        over = f": {line.over:g} over ({line.severity.value})" if line.severity else ""
        detail = f" ({'; '.join(notes)})" if notes else ""
        lines.append(f"  {what}: {line.counted:g} of {line.allowance:g} days{detail}{over} [{line.source}]")
    loose = sum(e.days for e in calendar.events if person_id in e.attendees and e.project is None)
    if loose:
        lines.append(f"  not in a project: {loose:g} days")
    if len(lines) == 1:
        lines.append("  no budget of the programme applies")
    return "\n".join(lines)


def agenda_json(calendar: Calendar, events: list[Event]) -> str:
    return json.dumps(
        [
            {
                "id": e.id,
                "title": e.title,
                "kind": e.kind.value,
                "origin": e.origin.value,
                "start": e.start.isoformat() if e.start else None,
                "end": e.end.isoformat() if e.end else None,
                "all_day": e.all_day,
                "tentative": e.tentative,
                "window": [e.window.start.isoformat(), e.window.end.isoformat()] if e.window else None,
                "timing_text": e.timing_text,
                "placement": e.placement,
                "calendar": calendar.year_of(e).title if e.origin.local else None,
                "project": e.project,
                "work_group": e.work_group,
                "venue": e.venue,
                "location": e.location,
                "attendees": list(e.attendees),
            }
            for e in events
        ],
        indent=2,
        ensure_ascii=False,
    )
