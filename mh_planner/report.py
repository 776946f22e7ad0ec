"""Conflicts and agendas as text for people and as JSON for tools (schema in docs/conflicts-json.md).

The text is for a terminal, and quotes the data: every line of it goes through `lines_text`, which shows
control characters escaped (`problems.visible`), so that a title holding an ESC sequence cannot drive the
terminal, nor a tab or a newline break the one line per event. `wrapped` escapes before it measures. The
JSON (`json_text`) escapes what `json.dumps` leaves raw: the C1 controls, the Unicode line separators and the
bidirectional controls (a name could reorder the line it is on).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from mh_planner.calendar import AnyEvent, Calendar, Event, UndatedEvent, fmt_day
from mh_planner.problems import BIDI_CONTROLS, visible
from mh_planner.rules import BY_NAME, Conflict, Severity, title
from mh_planner.rules.budget import budget_lines

SCHEMA = "mh-planner/conflicts/v1"
# json.dumps(ensure_ascii=False) escapes only C0: the C1 controls, the line separators and the bidi controls too
_RAW_IN_JSON = re.compile(rf"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def lines_text(lines: Iterable[str]) -> str:
    """Lines for a terminal, one per line whatever the data holds: each with its control characters escaped."""
    return "\n".join(visible(line) for line in lines)


def json_text(document: object) -> str:
    """A document as JSON for a terminal or a tool: its text as written (not \\u-escaped), but for the
    control characters, which are \\u-escaped as JSON allows (json.dumps leaves C1, U+2028/9 and bidi raw)."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def summary(conflicts: list[Conflict]) -> dict[str, int]:
    errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
    return {"errors": errors, "warnings": len(conflicts) - errors}


def wrapped(text: str, width: int | None, indent: int, hanging: int = 2) -> list[str]:
    """`text` indented by `indent`, wrapped to `width` (None: one line) with its later lines `hanging` further;
    its control characters escaped first (`problems.visible`), so that each line is as wide as it looks."""
    text = visible(text)
    if width is None or len(text) + indent <= width:
        return [" " * indent + text]
    room = max(width, indent + hanging + 20)
    return textwrap.wrap(
        text, room, initial_indent=" " * indent, subsequent_indent=" " * (indent + hanging), break_on_hyphens=False
    )


def conflicts_text(calendar: Calendar, conflicts: list[Conflict], width: int | None = None) -> str:
    """Conflicts grouped by severity then rule, each wrapped to `width` (a terminal's) when given."""
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
                lines.extend(wrapped(f"{mark} {conflict.message}", width, 4))
                if conflict.fix:
                    lines.extend(wrapped(f"fix: {conflict.fix.text}", width, 6, hanging=5))
        lines.append("")
    counts = summary(conflicts)
    lines.extend(wrapped(
        f"{counts['errors']} error(s), {counts['warnings']} warning(s) in {calendar.year.label} "
        f"({len(calendar.events)} dated events, {len(calendar.undated)} not yet dated).", width, 0
    ))
    return lines_text(lines)


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
    return json_text(document)


def undated_when(event: UndatedEvent) -> str:
    """'before the year (Tue 23 Apr 2019 - Fri 19 Jul 2019)', 'through the year (...)', or 'no date yet'."""
    if event.placement and event.window:
        return f"{event.placement} ({fmt_day(event.window.start)} - {fmt_day(event.window.end)})"
    return "no date yet"


AGENDA_KEY = "x hard conflict, ! warning, ~ provisional date inside the announced window"


def clash_marks(conflicts: list[Conflict]) -> dict[str, str]:
    """'x' for each event in an error-severity conflict, '!' for one only in warnings."""
    marks: dict[str, str] = {}
    for conflict in conflicts:
        rule = BY_NAME.get(conflict.rule)
        if rule is not None and not rule.clash:
            continue  # a person's year or a series: no one event is the clash
        for event_id in conflict.event_ids:
            if conflict.severity is Severity.ERROR or event_id not in marks:
                marks[event_id] = "x" if conflict.severity is Severity.ERROR else "!"
    return marks


def short_when(event: AnyEvent, calendar: Calendar) -> str:
    """'Tue 12 Nov 13:00-16:00', 'Sat 9 Nov - Fri 22 Nov': the year only for a day outside the academic year."""
    if not isinstance(event, Event):
        return undated_when(event)
    year = calendar.year

    def day(d: dt.date) -> str:
        return f"{d:%a} {d.day} {d:%b}" + ("" if year.start <= d <= year.end else f" {d.year}")

    first, last = event.first_day, event.last_day
    if event.all_day:
        return day(first) if first == last else f"{day(first)} - {day(last)}"
    return f"{day(first)} {event.start:%H:%M}-{event.end:%H:%M}"


def agenda_line(calendar: Calendar, event: AnyEvent, mark: str = " ", width: int | None = None) -> list[str]:
    """'x Tue 12 Nov 13:00-16:00  meeting     19-09  Title @ where - who', wrapped to `width`."""
    when = short_when(event, calendar)
    status = "~" if event.tentative else " "
    shown = event.tentative or (isinstance(event, UndatedEvent) and event.placement)
    window = f"  [{event.timing_text}]" if shown and event.timing_text else ""
    where = f" @ {event.location}" if event.location else ""
    people = ", ".join(calendar.people[p].name for p in event.attendees if p in calendar.people)
    who = f" - {people}" if people else ""
    project = event.project or ""
    head = f"{mark}{status}{when:<22} {event.kind.value:<11} {project:<5}"
    lines = wrapped(f"{event.title}{where}{who}{window}", width and width - len(head) - 1, 0, hanging=2)
    return [head + " " + lines[0], *(" " * (len(head) + 1) + line for line in lines[1:])]


def agenda_text(
    calendar: Calendar,
    events: list[Event],
    undated: list[UndatedEvent],
    conflicts: list[Conflict] | None = None,
    width: int | None = None,
) -> str:
    marks = clash_marks(conflicts or [])
    lines = [line for e in events for line in agenda_line(calendar, e, marks.get(e.id, " "), width)]
    if undated:
        lines.append("")
        lines.append(f"Not yet dated ({len(undated)}):")
        lines.extend(line for e in undated for line in agenda_line(calendar, e, marks.get(e.id, " "), width))
    lines.append("")
    clashing = sum(1 for e in events if marks.get(e.id) == "x")
    lines.extend(wrapped(f"{len(events)} event(s), {clashing} in a hard conflict; {AGENDA_KEY}.", width, 0))
    return lines_text(lines)


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
    return lines_text(lines)


def agenda_json(calendar: Calendar, events: list[Event]) -> str:
    return json_text(
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
        ]
    )


# --- what a plan holds, with the ids that filters take -------------------------------------------


def table_text(header: tuple[str, ...], rows: list[tuple[str, ...]], width: int | None = None) -> str:
    """Columns aligned on their widest cell (as shown: control characters escaped); the last one wrapped to
    `width` when given."""
    header, rows = tuple(visible(cell) for cell in header), [tuple(visible(cell) for cell in row) for row in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in (header, *rows):
        head = "  ".join(f"{cell:<{w}}" for cell, w in zip(row[:-1], widths, strict=False))
        indent = len(head) + 2 if head else 0
        tail = wrapped(row[-1], width and width - indent, 0, hanging=0)
        lines.append((head + "  " if head else "") + tail[0])
        lines.extend(" " * indent + line for line in tail[1:])
    return lines_text(line.rstrip() for line in lines)


def people_rows(calendar: Calendar) -> list[dict[str, Any]]:
    from mh_planner.rules import Index
    from mh_planner.rules.budget import allowance, committed_days

    index = Index.build(calendar)
    rows = []
    for person in sorted(calendar.people.values(), key=lambda p: p.name):
        limit = allowance(calendar, person.id)
        roles = [calendar.dataset.roles[r].name if r in calendar.dataset.roles else r for r in person.roles]
        rows.append({
            "id": person.id,
            "name": person.name,
            "hub": calendar.person_hub.get(person.id),
            "roles": roles,
            "events": len(index.by_person.get(person.id, [])),
            "days": committed_days(calendar, index, person.id),
            "allowance": limit[0] if limit else None,
        })
    return rows


def venue_rows(calendar: Calendar) -> list[dict[str, Any]]:
    booked: dict[str, int] = defaultdict(int)
    for event in calendar.events:
        if event.venue:
            booked[event.venue] += 1
    return [
        {"id": v.id, "name": v.name, "town": v.town, "capacity": v.capacity, "bookings": booked[v.id]}
        for v in sorted(calendar.venues.values(), key=lambda v: v.name)
    ]


def group_rows(calendar: Calendar) -> list[dict[str, Any]]:
    meetings: dict[str, int] = defaultdict(int)
    for event in calendar.events:
        if event.work_group:
            meetings[event.work_group] += 1
    return [
        {
            "id": g.id,
            "name": g.name,
            "project": g.project,
            "lead": g.lead,
            "lead_name": calendar.people[g.lead].name if g.lead in calendar.people else g.lead,
            "events": meetings[g.id],
        }
        for g in sorted(calendar.work_groups.values(), key=lambda g: g.name)
    ]


def listing_text(kind: str, calendar: Calendar, width: int | None = None) -> str:
    """`people`, `venues` or `groups` as a table whose first column is the id the filters take."""
    rows: list[tuple[str, ...]]
    if kind == "people":
        rows = [
            (r["id"], f"{r['days']:g}", "" if r["allowance"] is None else f"{r['allowance']:g}", str(r["events"]),
             f"{r['name']} ({', '.join(r['roles'])})")
            for r in people_rows(calendar)
        ]
        return table_text(("id", "days", "allowance", "events", "name (roles)"), rows, width)
    if kind == "venues":
        rows = [
            (r["id"], str(r["capacity"] or ""), str(r["bookings"]), f"{r['name']}, {r['town']}")
            for r in venue_rows(calendar)
        ]
        return table_text(("id", "seats", "bookings", "name"), rows, width)
    rows = [
        (r["id"], r["project"], str(r["events"]), f"{r['name']} (lead: {r['lead_name']})") for r in group_rows(calendar)
    ]
    return table_text(("id", "project", "events", "name"), rows, width)


def listing_json(kind: str, calendar: Calendar) -> str:
    rows = {"people": people_rows, "venues": venue_rows, "groups": group_rows}[kind](calendar)
    return json_text(rows)
