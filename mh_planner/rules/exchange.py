"""Exchange pairing: each hub taking part in an exchange leg sends the travellers the programme asks of
every hub (`per_hub`: two Primary Mastery Specialists of Cohort 4 on the outward leg), and hosts a leg that
is `hosted` at the school of one of its travellers on another (the return leg: the two Shanghai
teachers are received at the school of one of the hub's two primary specialists, confirmed as the leg's
`venue` in the plan). A hub with no traveller of a role takes no part in that strand: nothing is said.
"""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.model import ExchangeLeg, Person, Plan, Quota
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index
from mh_planner.rules.rule import Rule


def exchange(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    legs = {e.id: e for e in calendar.events if e.origin is Origin.EXCHANGE}
    for project, leg in calendar.dataset.exchange_legs():
        event = legs.get(f"{project.id}/{leg.id}")
        if event is None or not (leg.per_hub or leg.hosted):
            continue
        hosted = legs.get(f"{project.id}/{leg.hosted.leg}") if leg.hosted else None
        for hub, plan in calendar.plans.items():
            for quota in leg.per_hub:
                yield from _quota(event.id, leg, hub, _travellers(calendar, event, hub), quota)
            if hosted is not None and leg.hosted is not None:
                travellers = _travellers(calendar, hosted, hub, leg.hosted.role)
                yield from _host(calendar, event, leg, hub, plan, travellers)


def _travellers(calendar: Calendar, event: Event, hub: str, role: str | None = None) -> list[Person]:
    people = (calendar.people[p] for p in event.attendees if calendar.person_hub.get(p) == hub)
    return [p for p in people if role is None or role in p.roles]


def _quota(event_id: str, leg: ExchangeLeg, hub: str, travellers: list[Person], quota: Quota) -> Iterator[Conflict]:
    sent = [p for p in travellers if quota.role in p.roles]
    if not sent:
        return  # the hub takes no part in this strand of the leg (35 hubs send primary teachers, 37 secondary)
    if len(sent) != quota.count:
        names = ", ".join(p.name for p in sent) or "none"
        yield Conflict(
            rule="exchange",
            severity=Severity.ERROR,
            message=(
                f"{hub.upper()} sends {len(sent)} {quota.role} on '{leg.title}', which takes {quota.count} "
                f"from each hub: {names}"
            ),
            event_ids=(event_id,),
            hub=hub,
            people=tuple(p.id for p in sent),
        )
    for person in sent:
        if quota.cohorts and person.cohort not in quota.cohorts:
            cohort = f"Cohort {person.cohort}" if person.cohort is not None else "no cohort given"
            wanted = " or ".join(str(c) for c in quota.cohorts)
            yield Conflict(
                rule="exchange",
                severity=Severity.ERROR,
                message=f"{person.name} goes on '{leg.title}' as {quota.role} ({cohort}); it takes Cohort {wanted}",
                event_ids=(event_id,),
                hub=hub,
                people=(person.id,),
            )


def _host(
    calendar: Calendar, event: Event, leg: ExchangeLeg, hub: str, plan: Plan, travellers: list[Person]
) -> Iterator[Conflict]:
    """The leg is received at the school of one of the hub's travellers on the leg it is hosted by."""
    if not travellers:
        return
    event_id = event.id
    confirmation = plan.confirm.get(event_id)
    venue = calendar.venues.get(confirmation.venue or "") if confirmation else None
    if venue is None:
        yield Conflict(
            rule="exchange",
            severity=Severity.ERROR,
            message=(
                f"{hub.upper()} takes part in the exchange but names no host school for "
                f"'{leg.title}' (confirm \"{event_id}\" with the venue of one of their schools)"
            ),
            event_ids=(event_id,),
            hub=hub,
            people=tuple(p.id for p in travellers),
        )
        return
    school = calendar.schools.get(venue.school or "")
    names = {_plain(venue.name), *([_plain(school.name)] if school else [])}
    if not any(_plain(p.school or "") in names for p in travellers):
        yield Conflict(
            rule="exchange",
            severity=Severity.ERROR,
            message=(
                f"{venue.name} hosts '{leg.title}' for {hub.upper()} but is not the school of any of its travellers "
                f"({', '.join(p.name for p in travellers)})"
            ),
            event_ids=(event_id,),
            hub=hub,
            people=tuple(p.id for p in travellers),
            venue=venue.id,
        )


def _plain(name: str) -> str:
    """A school's name as people write it: 'Orton Wistow Primary School, Peterborough' -> its name."""
    return name.partition(",")[0].strip().casefold()


RULE = Rule(
    name="exchange",
    title="Exchange pairing",
    severity=Severity.ERROR,
    clash=False,
    check=exchange,
    short="Exchange",
)
