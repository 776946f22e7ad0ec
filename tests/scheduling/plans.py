"""Small hub plans for the scheduler's tests, written as data folders with the shipped programme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.builders import build, person, plan, venue

D = dt.date
PROJECTS = ["02", "09"]  # the exchange (Priya's outward leg) and Primary TfM Development


def projects() -> list[str]:
    return [f"19-{p}" for p in PROJECTS]


def tuesdays(first: dt.date, last: dt.date) -> list[dt.date]:
    day = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += dt.timedelta(weeks=1)
    return out


def group(gid: str, lead: str, where: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": gid,
        "project": "19-09",
        "name": gid.removeprefix("wg-").title() + " TRG",
        "lead": lead,
        "venue": where,
        "teachers_per_school": 0,
        "meetings": {"every": "half-term", "weekday": "tuesday", "week": 2, "time": "13:00-16:00"},
    }
    out.update(extra)
    return out


def busy(eid: str, day: dt.date, people: list[str], **extra: Any) -> dict[str, Any]:
    """A one-off commitment: all day unless `time` is given."""
    return {"id": eid, "title": extra.pop("title", eid.replace("-", " ").capitalize()), "kind": "other",
            "date": day, "people": people, **extra}  # fmt: skip


# --- a year made tight on purpose ----------------------------------------------------------------

HALF_TERMS = [  # the shipped 2019/20 year's half-terms (data/year/2019-20.yaml: a plan that names no calendar)
    ("Autumn 1", D(2019, 9, 4), D(2019, 10, 18)),
    ("Autumn 2", D(2019, 10, 28), D(2019, 12, 18)),
    ("Spring 1", D(2020, 1, 6), D(2020, 2, 14)),
    ("Spring 2", D(2020, 2, 24), D(2020, 4, 3)),
    ("Summer 1", D(2020, 4, 20), D(2020, 5, 22)),
    ("Summer 2", D(2020, 6, 1), D(2020, 7, 21)),
]


def tight_year(tmp_path: Path) -> tuple[Path, dict[str, tuple[dt.date, dt.date]]]:
    """Priya Shah leads the Peterborough and the Wisbech TRGs, both on Tuesday afternoons. She teaches every
    Tuesday but two a half-term; Orton Wistow is booked on the first of them. So Peterborough can only meet
    on the second free Tuesday and Wisbech on the first, in every half-term."""
    free: dict[str, tuple[dt.date, dt.date]] = {}
    events = []
    for name, first, last in HALF_TERMS:
        days = tuesdays(first, last)
        free[name] = (days[2], days[4])
        for day in days:
            if day not in free[name]:
                events.append(busy(f"teaching-{day:%m%d}", day, ["pshah"], time="08:30-17:00"))
        events.append(busy(f"open-day-{days[2]:%m%d}", days[2], ["head"], time="08:00-18:00", venue="orton"))
    the_plan = plan(
        people=[person("pshah", "primary-mastery-specialist", allowance_days=200), person("head")],
        venues=[venue("orton", "Peterborough", 30), venue("kinderley", "Wisbech", 30)],
        work_groups=[group("wg-pboro", "pshah", "orton"), group("wg-wisbech", "pshah", "kinderley")],
        events=events,
        travel={"times": [{"between": ["Peterborough", "Wisbech"], "minutes": 40}]},
    )
    return build(tmp_path, the_plan, projects()), free


# --- an impossible meeting ----------------------------------------------------------------------------

SHORT_AUTUMN = [  # the hub's own terms: Autumn ends on Fri 29 Nov, so Autumn 2 has four Tuesdays
    {"name": "Autumn", "start": D(2019, 9, 4), "end": D(2019, 11, 29),
     "half_term": {"start": D(2019, 10, 28), "end": D(2019, 11, 1)}},
    {"name": "Spring", "start": D(2020, 1, 6), "end": D(2020, 4, 3),
     "half_term": {"start": D(2020, 2, 17), "end": D(2020, 2, 21)}},
    {"name": "Summer", "start": D(2020, 4, 20), "end": D(2020, 7, 22),
     "half_term": {"start": D(2020, 5, 25), "end": D(2020, 5, 29)}},
]  # fmt: skip


def exchange_case(tmp_path: Path) -> Path:
    """Autumn 2 has four Tuesdays: Priya Shah's outward exchange leg (9-22 Nov) takes two, her two
    residentials (5-6 Nov, 26-27 Nov) the others. A workshop on 12 Nov is redundant: the leg covers it."""
    the_plan = plan(
        terms=SHORT_AUTUMN,
        people=[person("pshah", "primary-mastery-specialist", attends=["19-02/outward"], name="Priya Shah")],
        venues=[venue("orton", "Peterborough", 30)],
        work_groups=[group("wg-peterborough", "pshah", "orton", name="Peterborough TRG")],
        events=[
            busy("residential-1", D(2019, 11, 5), ["pshah"], title="First residential", end_date=D(2019, 11, 6)),
            busy("workshop", D(2019, 11, 12), ["pshah"], title="National workshop", time="09:30-16:00"),
            busy("residential-2", D(2019, 11, 26), ["pshah"], title="Second residential", end_date=D(2019, 11, 27)),
        ],
    )
    return build(tmp_path, the_plan, projects())
