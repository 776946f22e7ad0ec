"""No face-to-face hub meetings before a day: a plan's (or the programme's) `face_to_face`, e.g. the
Cambridge hub's "does not intend to hold any face to face meetings before October half term 2020 due to
covid 19" (004:L133). A holiday is read on the calendar of the schools each event concerns. Online events
(`mode: online`, `location: Online`) pass; national events are not the hub's to hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event, fmt_day
from mh_planner.model import HOLIDAY_NAMES, FaceToFace
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def allowed_from(rule: FaceToFace, calendar: Calendar, event: Event) -> tuple[dt.date, str]:
    """The first day face-to-face meetings are allowed for this event, and what to call it."""
    if isinstance(rule.allowed_from, dt.date):
        return rule.allowed_from, fmt_day(rule.allowed_from)
    name = HOLIDAY_NAMES[rule.allowed_from]
    found = calendar.year_of(event).holiday_start(name)
    if found is None:  # cannot happen for a year with three terms; stay quiet rather than guess
        return dt.date.min, name
    day, where = found
    return day, f"{name} {day.year} ({fmt_day(day)}, {where})"


def first_face_to_face(calendar: Calendar, event: Event) -> tuple[dt.date, str, FaceToFace] | None:
    """The first day `event` may be held face to face (the later of the programme's and its plan's rules,
    on the calendars it concerns), what to call that day, and the rule; None when no rule applies. The
    scheduler asks the same of every place it considers."""
    national = calendar.dataset.programme.face_to_face
    plan = calendar.plans.get(event.hub or "")
    rules = [r for r in (national, plan.face_to_face if plan else None) if r is not None]
    if not rules:
        return None
    (first, what), rule = max(((allowed_from(r, calendar, event), r) for r in rules), key=lambda x: x[0][0])
    return first, what, rule


def face_to_face(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    for event in calendar.events:
        if not event.origin.local or event.online:
            continue
        found = first_face_to_face(calendar, event)
        if found is None or event.first_day >= found[0]:
            continue
        what, rule = found[1], found[2]
        why = f"'{rule.text}'" if rule.text else "no face-to-face hub meetings before then"
        yield Conflict(
            rule="face-to-face",
            severity=Severity.ERROR,
            message=(
                f"{describe(event)} is face to face before {what}: {why}"
                + (f" ({rule.source})" if rule.source else "")
                + ". Make it online (`mode: online`) or move it."
            ),
            event_ids=(event.id,),
            people=event.attendees,
            venue=event.venue,
            dates=(event.first_day,),
        )


RULE = Rule(
    name="face-to-face",
    title="Face to face too early",
    severity=Severity.ERROR,
    clash=True,
    check=face_to_face,
    short="Face to face",
)
