"""A small hand-made corner of the Cambridge hub for the scenario tests."""

from __future__ import annotations

import datetime as dt

from mh_planner.scheduling.placement import Busy, Person, Problem, Session, Slot, Travel, Venue, make_slots

D = dt.date
HALF_TERMS = [
    ("Autumn 1", D(2019, 9, 4), D(2019, 10, 25)),
    ("Autumn 2", D(2019, 11, 4), D(2019, 12, 20)),
    ("Spring 1", D(2020, 1, 7), D(2020, 2, 14)),
    ("Spring 2", D(2020, 2, 24), D(2020, 4, 3)),
    ("Summer 1", D(2020, 4, 20), D(2020, 5, 22)),
    ("Summer 2", D(2020, 6, 1), D(2020, 7, 22)),
]
TRAVEL = Travel({frozenset(("Peterborough", "Wisbech")): 40, frozenset(("Peterborough", "Cambridge")): 60}, 20, 90)
VENUES = {
    "orton": Venue("orton", "Orton Wistow Primary School", "Peterborough", 20),
    "kinderley": Venue("kinderley", "Kinderley Primary School", "Wisbech", 20),
    "histon": Venue("histon", "Histon and Impington Junior School", "Cambridge", 24),
}
PEOPLE = {
    "pshah": Person("pshah", "Priya Shah", 30.0, 4.0, "Peterborough"),
    "dokafor": Person("dokafor", "Daniel Okafor", 20.0, 0.0, "Cambridge", frozenset({2})),
}


def tuesdays(first: dt.date, last: dt.date) -> list[dt.date]:
    day = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += dt.timedelta(weeks=1)
    return out


def at(day: dt.date, h: int, m: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(h, m))


def trg(group: str, title: str, venue: str, lead: str, days_of: dict[str, list[dt.date]]) -> list[Session]:
    """A half-termly TRG, 13:00-16:00, on the given days of each half-term, at its one venue."""
    town = VENUES[venue].town
    return [
        Session(
            f"{group}/{name.lower().replace(' ', '')}",
            title,
            group,
            name,
            0.5,
            (lead,),
            make_slots(days_of[name], [dt.time(13)], dt.timedelta(hours=3), [(venue, town)]),
            14,
        )
        for name, _, _ in HALF_TERMS
    ]


def slot(day: dt.date, venue: str, h: int = 13) -> Slot:
    return Slot(day, dt.time(h), dt.time(h + 3), venue, VENUES[venue].town)


def problem(sessions: list[Session], busy: list[Busy], people: dict[str, Person] | None = None) -> Problem:
    return Problem(tuple(sessions), people or PEOPLE, VENUES, tuple(busy), (), TRAVEL)
