"""National events and exchange legs: confirmed ones keep their dates; one known by a window is placed where
a reader of the wording would put it (`default_dates.place`), on the national default calendar."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from mh_planner.academic_year import TERM_NAMES, AcademicYear
from mh_planner.assemble.times import all_day_span, default_length, in_time
from mh_planner.calendar import AnyEvent, Calendar, Event, Origin, UndatedEvent
from mh_planner.default_dates import place
from mh_planner.model import CentralEvent, Confirmation, EventKind, ExchangeLeg, Project
from mh_planner.timing import Window, parse_length, parse_when


def series_parts(projects: Iterable[Project]) -> dict[str, tuple[int, int]]:
    """Full id -> (k, n) for the k-th of n events of one series worded alike ("over the course of 2019/20"
    three times): each takes its part of the window. Events alone in their group are left out."""
    groups: dict[tuple[str, str, str], list[tuple[float, int, str]]] = defaultdict(list)
    for project in projects:
        for order, item in enumerate(project.events):
            wording = item.assume or item.when
            if item.series and wording and item.date is None:
                number = float(item.number) if item.number is not None else float("inf")
                groups[(project.id, item.series, wording)].append((number, order, f"{project.id}/{item.id}"))
    parts: dict[str, tuple[int, int]] = {}
    for members in groups.values():
        if len(members) > 1:
            for k, (_, _, event_id) in enumerate(sorted(members)):
                parts[event_id] = (k + 1, len(members))
    return parts


class Central:
    """Builds the national events of one calendar."""

    def __init__(
        self,
        calendar: Calendar,
        year: AcademicYear,
        attendance: Mapping[str, list[str]],
        confirmations: Mapping[str, tuple[Confirmation, str]],
        parts: Mapping[str, tuple[int, int]],
    ) -> None:
        self.calendar, self.year = calendar, year
        self.attendance, self.confirmations, self.parts = attendance, confirmations, parts

    def events(self, project: Project, item: CentralEvent) -> Iterable[AnyEvent]:
        base_id = f"{project.id}/{item.id}"
        wording = item.assume or item.when
        spec = parse_when(wording) if wording else None
        windows = spec.windows(self.year) if spec else []
        length = parse_length(item.length) if item.length else default_length(item.kind)
        confirmation, hub = self.confirmations.get(base_id, (None, None))
        confirmed = item.date or (confirmation.date if confirmation else None)
        confirmed_end = item.end_date or (confirmation.end_date if confirmation else None)
        time_text = (confirmation.time if confirmation and confirmation.time else None) or item.time
        info = self._info(project, item, base_id, confirmation, hub)
        part = self.parts.get(base_id, (1, 1))
        if len(windows) > 1 and part[1] == len(windows):
            # "one in each term" on each of a series of three: the k-th takes the k-th term, as itself.
            windows, part = [windows[part[0] - 1]], (1, 1)
        occurrences: list[tuple[str, Window | None]] = []
        if len(windows) > 1:  # "one in each term" on one event: one occurrence per window, each its own id
            occurrences = [(f"{base_id}#{i + 1}", w) for i, w in enumerate(windows)]
        if not occurrences:
            occurrences = [(base_id, windows[0] if windows else None)]
        deadline = item.kind == EventKind.DEADLINE or bool(getattr(spec, "deadline", False))
        for n, (event_id, window) in enumerate(occurrences):
            title = item.title if len(occurrences) == 1 else f"{item.title} ({TERM_NAMES[n % 3]})"
            common = {**info, "id": event_id, "title": title, "window": window}
            if confirmed is not None and len(occurrences) == 1:
                yield Event(**common, **in_time(confirmed, confirmed_end, length, time_text))
            elif window is not None:
                days = length.calendar_days if length.days > 1 else 1
                placed = place(
                    window, self.year, calendar_days=days, deadline=deadline, part=part, length_given=bool(item.length)
                )
                common.update(window=placed.window, placement=placed.placement.value)
                if placed.day is None:
                    yield UndatedEvent(**common)
                else:
                    yield Event(**common, tentative=True, **in_time(placed.day, None, length, time_text))
            else:
                yield UndatedEvent(**common)

    def _info(
        self, project: Project, item: CentralEvent, event_id: str, confirmation: Confirmation | None, hub: str | None
    ) -> dict[str, Any]:
        """What a central event's occurrences share, whatever their dates."""
        attendees = tuple(self.attendance.get(event_id, ()))
        venue = confirmation.venue if confirmation else None
        return {
            "kind": item.kind,
            "origin": Origin.CENTRAL,
            "timing_text": item.when,
            "project": project.id,
            "hub": hub if venue else None,
            "series": f"{project.id}/{item.series}" if item.series else None,
            "number": item.number,
            "min_gap_days": item.min_gap_days,
            "venue": venue,
            "place": item.location,
            "location": self.calendar.venues[venue].name if venue else item.location,
            "attendees": attendees,
            "audience": tuple(item.audience),
            "headcount": len(attendees),
            "days": parse_length(item.length).days if item.length else default_length(item.kind).days,
            "description": _description(project, item),
            "source": item.source,
        }

    def leg(self, project: Project, leg: ExchangeLeg) -> Event:
        event_id = f"{project.id}/{leg.id}"
        confirmation, hub = self.confirmations.get(event_id, (None, None))
        venue = confirmation.venue if confirmation else None
        start, end = all_day_span(leg.start, (leg.end - leg.start).days + 1)
        attendees = tuple(self.attendance.get(event_id, ()))
        steps = "\n".join(f"{s.text or s.date:}: {s.what}" for s in leg.steps)
        return Event(
            id=event_id,
            title=leg.title,
            kind=EventKind.EXCHANGE,
            origin=Origin.EXCHANGE,
            start=start,
            end=end,
            all_day=True,
            project=project.id,
            hub=hub if venue else None,
            venue=venue,
            place=leg.destination,
            location=self.calendar.venues[venue].name if venue else f"{leg.origin} to {leg.destination}",
            attendees=attendees,
            headcount=len(attendees),
            days=0.0,  # funded by the DfE outside the release-day budgets
            description=f"{project.label} {project.title}.\nTravellers: {leg.travellers}\n{steps}".strip(),
            source=leg.source,
        )


def _description(project: Project, item: CentralEvent) -> str:
    lines = [f"{project.label} {project.title}."]
    if item.audience_text:
        lines.append(f"For: {item.audience_text}")
    if item.when:
        lines.append(f"Timing as announced: {item.when}")
    if item.note:
        lines.append(item.note)
    return "\n".join(lines)
