"""A central event's places against the delegates of every hub: more delegates than its venue holds (the
programme's `capacity`), or a hub sending more than the programme takes from one hub (`per_hub`: five LLME
delegates each). Delegates are the people whose `attends` name the event, in every plan of the network,
whether or not it has a date yet. (A venue a hub confirms for it is the `venue` rule's: its capacity is
checked against the same delegates.)"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from mh_planner.calendar import AnyEvent, Calendar, Event, Origin
from mh_planner.model import CentralEvent
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def _limited(calendar: Calendar) -> dict[str, CentralEvent]:
    """Full id -> the programme's event, for the events with places or a quota per hub."""
    return {
        f"{project.id}/{item.id}": item
        for project, item in calendar.dataset.central_events()
        if item.capacity is not None or item.per_hub is not None
    }


def delegates(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    limited = _limited(calendar)
    if not limited:
        return
    every: list[AnyEvent] = [*calendar.events, *calendar.undated]
    for event in every:
        item = limited.get(event.id.partition("#")[0]) if event.origin is Origin.CENTRAL else None
        if item is None or not event.attendees:
            continue
        by_hub: dict[str, list[str]] = defaultdict(list)
        for person in event.attendees:
            by_hub[calendar.person_hub.get(person, "")].append(person)
        if item.capacity is not None and len(event.attendees) > item.capacity:
            counts = ", ".join(f"{hub.upper()} {len(people)}" for hub, people in sorted(by_hub.items()))
            yield Conflict(
                rule="delegates",
                severity=Severity.ERROR,
                message=(
                    f"{_what(event)} has {item.capacity} places but {len(by_hub)} hub(s) send "
                    f"{len(event.attendees)} delegates ({counts})"
                ),
                event_ids=(event.id,),
                people=event.attendees,
                dates=_dates(event),
            )
        if item.per_hub is not None:
            for hub, people in sorted(by_hub.items()):
                if len(people) > item.per_hub:
                    names = ", ".join(index.name(p) for p in people)
                    yield Conflict(
                        rule="delegates",
                        severity=Severity.ERROR,
                        message=(
                            f"{hub.upper()} sends {len(people)} delegates to {_what(event)}, which takes "
                            f"{item.per_hub} from each hub: {names}"
                        ),
                        event_ids=(event.id,),
                        people=tuple(people),
                        dates=_dates(event),
                    )


def _what(event: AnyEvent) -> str:
    return describe(event) if isinstance(event, Event) else f"'{event.title}' (not dated yet)"


def _dates(event: AnyEvent) -> tuple[dt.date, ...]:
    return (event.first_day,) if isinstance(event, Event) else ()


RULE = Rule(
    name="delegates",
    title="Delegates over the places",
    severity=Severity.ERROR,
    clash=False,
    check=delegates,
    short="Delegates",
)
