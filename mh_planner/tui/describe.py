"""Events, days and conflicts in words, as Textual markup for the panels and modals (no widgets here)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.markup import escape

from mh_planner.tui import layout

if TYPE_CHECKING:
    from mh_planner.calendar import AnyEvent, Event
    from mh_planner.rules import Conflict
    from mh_planner.tui.state import PlanState

COMING_UP = 12  # events listed after the cursor's day
SEVERITY_MARK = {"error": "[$text-error]✖[/]", "warning": "[$text-warning]⚠[/]"}


def plain(text: str, style: str = "") -> Text:
    """A table cell: DataTable reads a str as markup, and a title may well contain '['."""
    return Text(text, style=style, end="")


def flag(severity: str | None) -> Text:
    if severity == "error":
        return plain("✖", "bold red")
    if severity == "warning":
        return plain("⚠", "yellow")
    return plain("")


def fmt_day(day: dt.date) -> str:
    # As mh_planner.events.fmt_day, which this module does not import: the first screen is drawn before
    # the domain (and pydantic) is loaded.
    return f"{day:%a} {day.day} {day:%b %Y}"


def _dated(event: AnyEvent) -> Event | None:
    """The event if it has a date (an `Event`), None for an `UndatedEvent`. The domain is imported here, not
    with this module: there are no events to describe before it is loaded."""
    from mh_planner.calendar import Event

    return event if isinstance(event, Event) else None


def time_of(event: AnyEvent) -> str:
    dated = _dated(event)
    if dated is None:
        return "no date yet"
    if dated.all_day:
        return "all day"
    return f"{dated.start:%H:%M}-{dated.end:%H:%M}"


def when(event: AnyEvent) -> str:
    dated = _dated(event)
    return dated.when_text() if dated is not None else "no date yet"


def status(event: AnyEvent) -> str:
    if _dated(event) is None:
        return "undated"
    return "tentative" if event.tentative else "confirmed"


def day_heading(state: PlanState, day: dt.date) -> str:
    year = state.year
    parts = [f"[b]{fmt_day(day)}[/]"]
    period = layout.period_name(year, day)
    if period:
        parts.append(period)
    week = layout.school_week(year, day)
    if week is not None and not year.holiday_on(day):
        parts.append(f"week {week} of term")
    if day in year.bank_holidays:
        parts.append(f"[$text-warning]bank holiday: {escape(year.bank_holidays[day])}[/]")
    if day in year.closures:
        parts.append(f"[$text-warning]closed: {escape(year.closures[day])}[/]")
    return " · ".join(parts)


def event_line(state: PlanState, event: AnyEvent, *, people: int = 3) -> str:
    """One line: time, mark, title, where, who; '~' and italics for a provisional date, ✖/⚠ for a clash."""
    mark = layout.glyph(event)
    severity = state.severity_of(event)
    flag = SEVERITY_MARK[severity] if severity else " "
    title = escape(state.label(event))
    if event.tentative:
        title = f"[i]~{title}[/i]"
    where = f" [dim]@ {escape(event.location)}[/]" if event.location else ""
    who = state.people_text(event, limit=people)
    who = f" [dim]· {escape(who)}[/]" if who else ""
    return f"{flag} {time_of(event):<11} [b]{mark}[/] {title}{where}{who}"


def day_text(state: PlanState, day: dt.date) -> str:
    lines = [day_heading(state, day)]
    events = state.events_by_day.get(day, [])
    if not events:
        reason = state.year.why_not_a_school_day(day)
        lines.append(f"[dim]  Nothing planned{f' ({escape(reason)})' if reason else ''}.[/]")
    for event in sorted(events, key=lambda e: (not e.all_day, e.start, e.id)):
        lines.append(event_line(state, event))
    seen: set[tuple[object, ...]] = set()
    for event in events:
        for conflict in state.conflicts_by_event.get(event.id, ()):
            if conflict.key in seen or (day not in conflict.dates and conflict.rule != "possible-clash"):
                continue
            seen.add(conflict.key)
            lines.append(f"  {SEVERITY_MARK[conflict.severity.value]} {escape(conflict.message)}")
    coming = [e for e in state.calendar.events if e.first_day > day][:COMING_UP]
    if coming:
        lines.append("")
        lines.append("[b]Coming up[/]")
        for event in coming:
            first = event.first_day
            lines.append(f"[dim]{first:%a} {first.day:>2} {first:%b}[/] {event_line(state, event)}")
    return "\n".join(lines)


def event_details(state: PlanState, event: AnyEvent) -> str:
    """Everything about an event: when, where, who (with their roles), why it clashes."""
    lines = [f"[b]{escape(state.label(event))}[/]", ""]
    kind = f"{event.kind.value} ({event.origin.value})"
    lines.append(f"[dim]When   [/] {escape(when(event))}" + (" [i](provisional)[/]" if event.tentative else ""))
    if event.tentative and event.timing_text:
        window = f", {fmt_day(event.window.start)} to {fmt_day(event.window.end)}" if event.window else ""
        lines.append(f"[dim]Timing [/] as announced: {escape(event.timing_text)}{window}")
    lines.append(f"[dim]Kind   [/] {kind}")
    lines.append(f"[dim]Terms  [/] {escape(state.calendar.year_of(event).title)}")  # the school calendars that apply
    if event.project:
        lines.append(f"[dim]Project[/] {escape(state.project_label(event.project))}")
    if event.work_group:
        group = state.calendar.work_groups.get(event.work_group)
        lines.append(f"[dim]Group  [/] {escape(group.name if group else event.work_group)}")
    lines.append("")
    lines.append("[b]Venue[/]")
    venue = state.calendar.venues.get(event.venue or "")
    if venue is not None:
        capacity = f", capacity {venue.capacity}" if venue.capacity else ""
        lines.append(f"  {escape(venue.name)}, {escape(venue.town)}{capacity} · {event.headcount} expected")
        dated = _dated(event)
        that_day = state.events_by_day.get(dated.first_day, []) if dated is not None else []
        for other in [e for e in that_day if e.venue == venue.id and e.id != event.id]:
            lines.append(f"  [dim]also that day:[/] {escape(state.label(other))} ({time_of(other)})")
    else:
        lines.append(f"  {escape(event.location or 'not given')}")
    lines.append("")
    lines.append(f"[b]People ({len(event.attendees)})[/]")
    if not event.attendees:
        lines.append("  [dim]nobody from the plan[/]")
    for person_id in event.attendees:
        person = state.calendar.people.get(person_id)
        if person is None:
            lines.append(f"  {escape(person_id)}")
            continue
        roles = ", ".join(
            r.abbreviation or r.name if (r := state.calendar.dataset.roles.get(role)) else role for role in person.roles
        )
        school = f" · {escape(person.school)}" if person.school else ""
        lines.append(f"  {escape(person.name)} [dim]({escape(roles)}){school}[/]")
    conflicts = state.conflicts_by_event.get(event.id, [])
    if conflicts:
        lines.append("")
        lines.append(f"[b]Clashes ({len(conflicts)})[/]")
        for conflict in conflicts:
            lines.append(f"  {SEVERITY_MARK[conflict.severity.value]} {escape(conflict.message)}")
            if conflict.fix:
                lines.append(f"    [dim]fix:[/] {escape(conflict.fix.text)}")
    if event.description and event.description != event.title:
        lines.append("")
        lines.append(f"[dim]{escape(event.description)}[/]")
    lines.append("")
    lines.append(f"[dim]id: {escape(event.id)}[/]")
    return "\n".join(lines)


def conflict_text(state: PlanState, conflict: Conflict) -> str:
    from mh_planner.rules import title as rule_title

    title = rule_title(conflict.rule)
    lines = [f"{SEVERITY_MARK[conflict.severity.value]} [b]{escape(title)}[/] ({conflict.severity.value})", ""]
    lines.append(escape(conflict.message))
    if conflict.fix:
        lines.append("")
        lines.append(f"[b]Suggested fix[/] (press [b]f[/]): {escape(conflict.fix.text)}")
    else:
        lines.append("")
        lines.append("[dim]No automatic fix: move or confirm one of the events yourself.[/]")
    if conflict.event_ids:
        lines.append("")
        lines.append("[b]Events[/] (Enter opens the one to move in its week)")
        for event_id in conflict.event_ids:
            event = state.by_id.get(event_id)
            if event is not None:
                lines.append(f"  {escape(when(event))}  {escape(state.label(event))}")
    return "\n".join(lines)
