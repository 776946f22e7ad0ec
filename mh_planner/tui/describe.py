"""Events, days and conflicts in words, as Textual content for the panels and modals (no widgets here).

Each is built from the planner's own markup with the data put in as written (`literal.markup`): a title,
a name or a message is never read as markup."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from mh_planner.tui import layout
from mh_planner.tui.literal import cell, literal, markup

if TYPE_CHECKING:
    from mh_planner.calendar import AnyEvent, Event
    from mh_planner.rules import Conflict
    from mh_planner.tui.state import PlanState

COMING_UP = 12  # events listed after the cursor's day
SEVERITY_MARK = {"error": Content.styled("✖", "$text-error"), "warning": Content.styled("⚠", "$text-warning")}
NEW_LINE = Content("\n")


def plain(text: str, style: str = "") -> Text:
    """A table cell: DataTable reads a str as markup, and a title may well contain '['."""
    return cell(text, style)


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


def day_heading(state: PlanState, day: dt.date) -> Content:
    year = state.year
    parts = [markup("[b]$day[/]", day=fmt_day(day))]
    period = layout.period_name(year, day)
    if period:
        parts.append(literal(period))
    week = layout.school_week(year, day)
    if week is not None and not year.holiday_on(day):
        parts.append(Content(f"week {week} of term"))
    if day in year.bank_holidays:
        parts.append(markup("[$text-warning]bank holiday: $name[/]", name=year.bank_holidays[day]))
    if day in year.closures:
        parts.append(markup("[$text-warning]closed: $reason[/]", reason=year.closures[day]))
    return Content(" · ").join(parts)


def event_line(state: PlanState, event: AnyEvent, *, people: int = 3) -> Content:
    """One line: time, mark, title, where, who; '~' and italics for a provisional date, ✖/⚠ for a clash."""
    mark = layout.glyph(event)
    severity = state.severity_of(event)
    flag = SEVERITY_MARK[severity] if severity else " "
    title = markup("[i]~$title[/i]" if event.tentative else "$title", title=state.label(event))
    where = markup(" [dim]@ $where[/]", where=event.location) if event.location else ""
    who = state.people_text(event, limit=people)
    who_text = markup(" [dim]· $who[/]", who=who) if who else ""
    return Content.assemble(flag, f" {time_of(event):<11} ", (mark, "b"), " ", title, where, who_text)


def day_text(state: PlanState, day: dt.date) -> Content:
    lines = [day_heading(state, day)]
    events = state.events_by_day.get(day, [])
    if not events:
        reason = state.year.why_not_a_school_day(day)
        lines.append(markup("[dim]  Nothing planned ($reason).[/]", reason=reason) if reason
                     else markup("[dim]  Nothing planned.[/]"))  # fmt: skip
    for event in sorted(events, key=lambda e: (not e.all_day, e.start, e.id)):
        lines.append(event_line(state, event))
    seen: set[tuple[object, ...]] = set()
    for event in events:
        for conflict in state.conflicts_by_event.get(event.id, ()):
            if conflict.key in seen or (day not in conflict.dates and conflict.rule != "possible-clash"):
                continue
            seen.add(conflict.key)
            lines.append(Content.assemble("  ", SEVERITY_MARK[conflict.severity.value], " ", literal(conflict.message)))
    coming = [e for e in state.calendar.events if e.first_day > day][:COMING_UP]
    if coming:
        lines.append(Content(""))
        lines.append(markup("[b]Coming up[/]"))
        for event in coming:
            first = event.first_day
            on = Content.styled(f"{first:%a} {first.day:>2} {first:%b}", "dim")
            lines.append(on + " " + event_line(state, event))
    return NEW_LINE.join(lines)


def event_details(state: PlanState, event: AnyEvent) -> Content:
    """Everything about an event: when, where, who (with their roles), why it clashes."""
    blank = Content("")
    lines = [markup("[b]$title[/]", title=state.label(event)), blank]
    kind = f"{event.kind.value} ({event.origin.value})"
    provisional = " [i](provisional)[/]" if event.tentative else ""
    lines.append(markup(f"[dim]When   [/] $when{provisional}", when=when(event)))
    if event.tentative and event.timing_text:
        window = f", {fmt_day(event.window.start)} to {fmt_day(event.window.end)}" if event.window else ""
        lines.append(markup("[dim]Timing [/] as announced: $timing$window", timing=event.timing_text, window=window))
    lines.append(markup("[dim]Kind   [/] $kind", kind=kind))
    terms = state.calendar.year_of(event).title  # the school calendars that apply
    lines.append(markup("[dim]Terms  [/] $terms", terms=terms))
    if event.project:
        lines.append(markup("[dim]Project[/] $project", project=state.project_label(event.project)))
    if event.work_group:
        group = state.calendar.work_groups.get(event.work_group)
        lines.append(markup("[dim]Group  [/] $group", group=group.name if group else event.work_group))
    lines += [blank, markup("[b]Venue[/]")]
    venue = state.calendar.venues.get(event.venue or "")
    if venue is not None:
        capacity = f", capacity {venue.capacity}" if venue.capacity else ""
        lines.append(literal(f"  {venue.name}, {venue.town}{capacity} · {event.headcount} expected"))
        dated = _dated(event)
        that_day = state.events_by_day.get(dated.first_day, []) if dated is not None else []
        for other in [e for e in that_day if e.venue == venue.id and e.id != event.id]:
            also = markup("  [dim]also that day:[/] $title ($time)", title=state.label(other), time=time_of(other))
            lines.append(also)
    else:
        lines.append(literal(f"  {event.location or 'not given'}"))
    lines += [blank, markup(f"[b]People ({len(event.attendees)})[/]")]
    if not event.attendees:
        lines.append(markup("  [dim]nobody from the plan[/]"))
    for person_id in event.attendees:
        person = state.calendar.people.get(person_id)
        if person is None:
            lines.append(literal(f"  {person_id}"))
            continue
        roles = ", ".join(
            r.abbreviation or r.name if (r := state.calendar.dataset.roles.get(role)) else role for role in person.roles
        )
        school = f" · {person.school}" if person.school else ""
        lines.append(markup("  $name [dim]($roles)$school[/]", name=person.name, roles=roles, school=school))
    conflicts = state.conflicts_by_event.get(event.id, [])
    if conflicts:
        lines += [blank, markup(f"[b]Clashes ({len(conflicts)})[/]")]
        for conflict in conflicts:
            lines.append(Content.assemble("  ", SEVERITY_MARK[conflict.severity.value], " ", literal(conflict.message)))
            if conflict.fix:
                lines.append(markup("    [dim]fix:[/] $fix", fix=conflict.fix.text))
    if event.description and event.description != event.title:
        lines += [blank, literal(event.description, "dim")]
    lines += [blank, markup("[dim]id: $id[/]", id=event.id)]
    return NEW_LINE.join(lines)


def conflict_text(state: PlanState, conflict: Conflict) -> Content:
    from mh_planner.rules import title as rule_title

    severity = conflict.severity.value
    lines = [
        SEVERITY_MARK[severity] + markup(f" [b]$title[/] ({severity})", title=rule_title(conflict.rule)),
        Content(""),
        literal(conflict.message),
        Content(""),
    ]
    if conflict.fix:
        lines.append(markup("[b]Suggested fix[/] (press [b]f[/]): $fix", fix=conflict.fix.text))
    else:
        lines.append(markup("[dim]No automatic fix: move or confirm one of the events yourself.[/]"))
    if conflict.event_ids:
        lines += [Content(""), markup("[b]Events[/] (Enter opens the one to move in its week)")]
        for event_id in conflict.event_ids:
            event = state.by_id.get(event_id)
            if event is not None:
                lines.append(literal(f"  {when(event)}  {state.label(event)}"))
    return NEW_LINE.join(lines)
