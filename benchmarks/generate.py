"""National-scale data: the shipped data/ plus a generated plan for each other hub, with known clashes.

    generate(root, hubs) -> root         writes the folder
    planted(hubs) -> [(rule, event ids)]  the error-severity conflicts `check` must find in it, no more

writes a complete data folder at `root`: the shipped programmes, years, term dates, roles and hubs, the
shipped Cambridge plan (plans/2019-20/ee2.yaml), and plans/2019-20/<hub>.yaml for the next `hubs - 1` hubs of
hubs.yaml (beyond its 40 hubs, made-up ones are added to the folder's hubs.yaml: any size works). Each
generated hub runs its LLME community and 24 work groups (one of each project every hub must run, the rest
mostly Primary TfM Development; half-termly meetings, visits to six schools), about 30 people who attend the
central events of their projects, and 30 events of its own: about 630 dated events a hub, so that 40 hubs
make some 25,000. The output is deterministic: the same `hubs` and `seed` give the same files.

The generated plans are free of chance clashes (their days and people are chosen so that nothing overlaps
by accident); the clashes are planted, and `planted(hubs)` lists every error `check` reports:
  - the sample's own four (data/plans/2019-20/ee2.yaml, docs/sample-hub.md);
  - in every generated hub: a session in the October half-term, and two sessions on one evening in the
    hall with the same three people (the hall and each of them booked twice);
  - across the network: an LLME workshop with one place fewer than the delegates of every hub
    (`capacity`); and from two hubs on: the first generated hub sends six delegates (five is the quota),
    lists Lucy Brown of EE2 (same email) on an evening she is at EE2's hub launch, and sends one primary
    specialist on the exchange's outward leg (two are asked) with no host school for the return leg.
Warnings (a hub event inside the window of a central event not dated yet, an approximate budget) are
realistic and not counted: they depend on the programme's wording, not on what was planted.

Run it to write a folder:  python benchmarks/generate.py OUT_DIR --hubs 40
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from mh_planner.academic_year import AcademicYear  # noqa: E402
from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.assemble.local import planned_visits, sessions  # noqa: E402
from mh_planner.calendar import Calendar, Event, Origin  # noqa: E402
from mh_planner.loading import load  # noqa: E402
from mh_planner.loading.years import folder_name  # noqa: E402
from mh_planner.model import WorkGroup  # noqa: E402

GROUPS_PER_HUB = 25  # the first is the hub's LLME community
SCHOOLS_PER_GROUP = 6
LOCAL_EVENTS_PER_HUB = 30
LEAD_ALLOWANCE_DAYS = 60.0  # a hub funds its leads beyond the programme's budgets
# project -> (lead's role, meetings every half-term but at most `sessions`, visits every ...)
PROJECTS: dict[str, tuple[str, int | None, str]] = {
    "19-09": ("primary-mastery-specialist", None, "term"),
    "19-10": ("primary-mastery-specialist", 3, "term"),
    "19-11": ("mrl", 5, "half-term"),
    "19-13": ("wgl", None, "term"),
    "19-14": ("wgl", None, "term"),
    "19-15": ("secondary-mastery-specialist", None, "term"),
    "19-16": ("wgl", 4, "term"),
    "19-17": ("wgl", 4, "term"),
    "19-20": ("wgl", None, "term"),
    "19-21": ("wgl", None, "term"),
    "19-22": ("wgl", None, "term"),
    "19-23": ("wgl", None, "term"),
    "19-25": ("itt-provider", None, "term"),
}
REQUIRED = ("19-10", "19-09", "19-11", "19-15", "19-25")  # every hub runs them (and 19-07, its community)
# Most groups are Primary TfM Development, as in a real hub.
PROJECT_MIX = ("19-09",) * 8 + ("19-11",) * 2 + ("19-15",) * 2 + tuple(p for p in PROJECTS if "19-11" < p < "19-25")
# Hub sessions are on Tuesdays (and two-day conferences on Tuesday and Wednesday, with the hub's staff only);
# the LLME community meets on Thursdays; work groups meet and visit on the other days.
WEEKDAYS = ("monday", "wednesday", "thursday", "friday")
MEETING_TIMES = ("13:00-16:00", "13:30-16:00", "09:30-12:00", "09:30-15:00")
VISIT_TIMES = ("09:00-11:30", "09:00-12:00", "13:00-15:30")
EVENT_TIMES = ("16:00-17:30", "16:30-18:00", "17:00-18:30")
FIRST = ("Alex", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Isla", "Jon", "Kit", "Lia", "Max", "Nell")
LAST = ("Adams", "Baker", "Clark", "Dunn", "Evans", "Ford", "Gray", "Hart", "Iqbal", "Jones", "Khan", "Lee")
PLACES = ("North", "South", "East", "West", "Central", "Upper", "Lower", "Old", "New", "Great")
WORKSHOP = "19-07/workshop-1"  # the LLME workshop whose places are planted one short
SHARED = "lbrown"  # EE2's Lucy Brown, whom the first generated hub lists too
# The sample's own errors (see the header of data/plans/2019-20/ee2.yaml).
SAMPLE_CLASHES: list[tuple[str, tuple[str, ...]]] = [
    ("travel", ("19-25/nw1", "wg-itt/meeting-1")),
    ("outside-term-time", ("leaders-briefing",)),
    ("double-booked", ("19-02/outward", "wg-peterborough/meeting-2")),
    ("venue", ("llme-cambridge/meeting-1", "sl-session-dec")),
]


class _PlainDumper(yaml.SafeDumper):
    """No anchors and aliases for values shared between entries: the files read like hand-written ones."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _hubs(count: int) -> list[dict[str, Any]]:
    """hubs.yaml's hubs, with made-up ones after them when `count` asks for more."""
    hubs: list[dict[str, Any]] = yaml.safe_load((DATA / "hubs.yaml").read_text(encoding="utf-8"))["hubs"]
    for n in range(len(hubs) + 1, count + 1):
        hubs.append({"id": f"gen{n}", "name": f"Generated Maths Hub {n}", "region": "Generated"})
    return hubs


class _Shipped:
    """What every generated plan is made against: the shipped data, its year and calendar."""

    def __init__(self) -> None:
        self.dataset = load(DATA)
        self.year = self.dataset.year()
        self.calendar = assemble(self.dataset)
        self.days = _term_days(self.year)
        ids = self.dataset.central_ids()
        self.patterns = {p: [f"{p}/*"] for p in self.dataset.projects if fnmatch.filter(ids, f"{p}/*")}
        # Days each project's firm national events take its people away (a lead's meetings avoid them).
        self.busy: dict[str, set[dt.date]] = {}
        for event in self.calendar.events:
            if event.origin is Origin.CENTRAL and not event.tentative and event.project:
                self.busy.setdefault(event.project, set()).update(event.days_spanned())

    def shared_evening(self) -> Event:
        """Lucy Brown's first firm evening at EE2 on a national school day (the two-hub clash's other half)."""
        cal: Calendar = self.calendar
        mine = (e for e in cal.events if SHARED in e.attendees and e.origin is Origin.LOCAL and not e.all_day)
        return next(e for e in mine if self.year.is_school_day(e.first_day))


def _term_days(year: AcademicYear) -> list[dt.date]:
    day, end, out = year.terms[0].start, year.terms[2].end, []
    while day <= end:
        if year.is_school_day(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _staff(hub: str, rng: random.Random, shipped: _Shipped) -> list[dict[str, Any]]:
    llme = shipped.patterns.get("19-07", [])
    return [
        {"id": f"{hub}-lead", "name": _name(rng), "roles": ["mhl", "llme-lead"], "email": f"lead@{hub}.example.org",
         "phone": "01632 960000", "notes": "Private note.", "attends": llme},
        {"id": f"{hub}-deputy", "name": _name(rng), "roles": ["amhl", "llme-lead"],
         "email": f"deputy@{hub}.example.org", "attends": llme},
        {"id": f"{hub}-admin", "name": _name(rng), "roles": ["admin"]},
    ]  # fmt: skip


def _days_clear(group: dict[str, Any], year: AcademicYear, away: set[dt.date]) -> bool:
    """The group's meetings and visits (as the planner will expand them) fall on different days, none on a
    day its lead is away at a national event."""
    model = WorkGroup.model_validate(group)
    meetings = {day for day, *_ in sessions(model, year).values()}
    visits = [day for day, *_ in planned_visits(model, year).values()]
    return not (meetings & set(visits)) and len(set(visits)) == len(visits) and not ((meetings | set(visits)) & away)


def _group(
    hub: str, g: int, project: str, rng: random.Random, shipped: _Shipped, schools_per_group: int = SCHOOLS_PER_GROUP
) -> tuple[dict[str, Any], ...]:
    """Work group `g`: (its lead, its venue, its schools..., the group)."""
    role, limit, visits_every = PROJECTS[project]
    year, town = shipped.year, f"{rng.choice(PLACES)} {hub.upper()} {g}"
    lead = {"id": f"{hub}-wgl{g}", "name": _name(rng), "roles": [role, "wgl"] if role != "wgl" else ["wgl"],
            "cohort": rng.randint(1, 5), "email": f"wgl{g}@{hub}.example.org",
            "allowance_days": LEAD_ALLOWANCE_DAYS, "attends": shipped.patterns.get(project, [])}  # fmt: skip
    venue = {"id": f"{hub}-venue{g}", "name": f"{town} Primary", "town": town, "capacity": 24}
    members = [f"{hub}-s{g}-{k}" for k in range(1, schools_per_group + 1)]
    schools = [{"id": s, "name": f"{town} School {k}", "town": town} for k, s in enumerate(members, 1)]
    for _ in range(50):  # choose days until nothing the lead does falls on one day twice
        meeting_day, visit_day = rng.sample(WEEKDAYS, 2)
        group: dict[str, Any] = {
            "id": f"{hub}-wg{g}", "project": project, "name": f"{town} work group", "lead": lead["id"],
            "schools": members, "venue": venue["id"],
            "meetings": {"every": "half-term", "weekday": meeting_day, "week": rng.randint(2, 4),
                         "time": rng.choice(MEETING_TIMES)},
            "visits": {"every": visits_every, "weekday": visit_day, "week": 1, "time": rng.choice(VISIT_TIMES)},
            "notes": f"Private notes on work group {g}.",
        }  # fmt: skip
        if limit:
            group["sessions"] = limit
        if g % 5 == 0:  # some groups moved a meeting by hand: a later week of Spring 1, the same weekday
            start = year.half_terms[2].start + dt.timedelta(days=14)
            moved = next(d for d in shipped.days if d >= start and d.strftime("%A").lower() == meeting_day)
            group["dates"] = [{"session": 3, "date": moved}]
        if _days_clear(group, year, shipped.busy.get(project, set())):
            return lead, venue, *schools, group
    raise AssertionError(f"no clear days for {hub} group {g}")


def _events(hub: str, rng: random.Random, shipped: _Shipped) -> list[dict[str, Any]]:
    """The hub's own sessions, on Tuesdays with its three staff; two of them planted on one evening, one in
    the October half-term."""
    staff = [f"{hub}-{who}" for who in ("lead", "deputy", "admin")]
    school = set(shipped.days)
    tuesdays = [d for d in shipped.days if d.weekday() == 1 and d + dt.timedelta(days=1) in school]
    dates = rng.sample(tuesdays, LOCAL_EVENTS_PER_HUB)  # one a day: nothing overlaps by chance
    events: list[dict[str, Any]] = []
    for n, date in enumerate(dates, 1):
        event: dict[str, Any] = {
            "id": f"{hub}-event{n}", "title": f"{hub.upper()} hub session {n}", "project": rng.choice(PROJECT_MIX),
            "date": date, "venue": f"{hub}-hall", "people": staff, "headcount": rng.randint(5, 40),
            "notes": "Private: not agreed yet.",
        }  # fmt: skip
        if n % 10 == 0:  # a conference over two days, all day
            event["end_date"] = date + dt.timedelta(days=1)
        else:
            event["time"] = rng.choice(EVENT_TIMES)
        events.append(event)
    year = shipped.year
    events[0]["date"] = year.terms[0].half_term.start + dt.timedelta(days=2)  # planted: in the half-term
    events[1].pop("end_date", None)
    events[1].update(date=events[2]["date"], time="16:00-18:00")  # planted: one evening, one hall, twice
    events[2].pop("end_date", None)
    events[2].update(time="16:30-18:00")
    return events


def _plan(
    hub: str, rng: random.Random, shipped: _Shipped, groups_per_hub: int = GROUPS_PER_HUB,
    per_group: int = SCHOOLS_PER_GROUP,
) -> dict[str, Any]:  # fmt: skip
    people = _staff(hub, rng, shipped)
    town = f"{hub.upper()} Town"
    venues = [
        {"id": f"{hub}-hall", "name": f"{hub.upper()} Hub hall", "town": town, "capacity": 120},
        {"id": f"{hub}-room", "name": f"{hub.upper()} Hub meeting room", "town": town, "capacity": 30},
    ]
    schools: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = [
        {"id": f"{hub}-llme", "project": "19-07", "name": f"{hub.upper()} LLME Community", "lead": f"{hub}-lead",
         "members": [f"{hub}-deputy"], "venue": f"{hub}-room", "teachers_per_school": 0,
         "meetings": {"every": "term", "weekday": "thursday", "week": 6, "time": "16:00-18:00"}},
    ]  # fmt: skip
    for g in range(2, groups_per_hub + 1):
        project = REQUIRED[g - 2] if g - 2 < len(REQUIRED) else rng.choice(PROJECT_MIX)
        lead, venue, *its_schools, group = _group(hub, g, project, rng, shipped, per_group)
        people.append(lead)
        venues.append(venue)
        schools += its_schools
        groups.append(group)
    return {"hub": hub, "title": f"Generated plan for {hub}", "people": people, "venues": venues,
            "schools": schools, "work_groups": groups, "events": _events(hub, rng, shipped)}  # fmt: skip


def _plant_cross_hub(plan: dict[str, Any], shipped: _Shipped) -> None:
    """The first generated hub: six LLME delegates, Lucy Brown of EE2 on her own hub-launch evening, one
    primary specialist on the exchange and no host school."""
    hub = plan["hub"]
    for person in plan["people"][3:6]:  # with the lead and the deputy: five, then one more
        person["attends"] = [*person["attends"], WORKSHOP]
    plan["people"][6]["attends"] = [*plan["people"][6]["attends"], WORKSHOP]
    lucy = shipped.dataset.plans[0].plan.people
    email = next(p.email for p in lucy if p.id == SHARED)
    evening = shipped.shared_evening()
    plan["people"] += [
        {"id": f"{hub}-shared", "name": "Lucy Brown", "roles": ["admin"], "email": email},
        {"id": f"{hub}-traveller", "name": _name(random.Random(hub)), "roles": ["primary-mastery-specialist"],
         "cohort": 4, "attends": ["19-02/outward"]},
    ]  # fmt: skip
    plan["events"].append({
        "id": f"{hub}-shared-evening", "title": f"{hub.upper()} steering group (online)", "date": evening.first_day,
        "time": f"{evening.start:%H:%M}-{evening.end:%H:%M}", "location": "Online", "people": [f"{hub}-shared"],
    })  # fmt: skip


def _plans(
    hubs: int, seed: int, shipped: _Shipped, groups: int = GROUPS_PER_HUB, schools: int = SCHOOLS_PER_GROUP,
    choices: bool = False,
) -> list[dict[str, Any]]:
    ids = [h["id"] for h in _hubs(hubs) if h["id"] != "ee2"][: hubs - 1]
    plans = [_plan(hub, random.Random(f"{seed}/{hub}"), shipped, groups, schools) for hub in ids]
    if plans:
        _plant_cross_hub(plans[0], shipped)
    if choices:  # their own random stream: the rest of each plan is the same with or without them
        plans = [_with_choices(plan, random.Random(f"{seed}/{plan['hub']}/choices")) for plan in plans]
    return plans  # fmt: skip


def _with_choices(plan: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The plan fields the scheduler reads (docs/data-format.md): where people work and the weekdays and
    times they prefer; other venues, weekdays and times each group may meet at. Drawn from their own random
    stream, so that the rest of the plan is the same with or without them."""
    venues = [v["id"] for v in plan["venues"]]
    town_of = {v["id"]: v["town"] for v in plan["venues"]}
    for person in plan["people"]:
        if rng.random() < 0.7:
            person["preferred_weekdays"] = sorted(rng.sample(WEEKDAYS[:4], rng.choice((2, 3))), key=WEEKDAYS.index)
        if rng.random() < 0.3:
            person["preferred_times"] = ["13:00-16:30"]
    leads = {p["id"]: p for p in plan["people"]}
    for group in plan["work_groups"]:
        lead = leads[group["lead"]]
        lead.setdefault("town", town_of[group["venue"]])
        others = [v for v in venues if v != group["venue"]]
        group["alternative_venues"] = rng.sample(others, rng.randint(1, 2))
        meetings = group["meetings"]
        spare = [d for d in WEEKDAYS if d != meetings["weekday"] and d != group.get("visits", {}).get("weekday")]
        meetings["alternative_weekdays"] = rng.sample(spare, 1)
        same_length = [t for t in MEETING_TIMES if t != meetings["time"] and (t == "09:30-15:00") == (
            meetings["time"] == "09:30-15:00")]  # fmt: skip
        if same_length:
            meetings["alternative_times"] = rng.sample(same_length, 1)
    return plan



def planted(hubs: int, seed: int = 2019) -> list[tuple[str, tuple[str, ...]]]:
    """Every error `check` finds in `generate(root, hubs, seed)`: (rule, event ids), sorted."""
    shipped = _Shipped()
    found = [*SAMPLE_CLASHES, ("delegates", (WORKSHOP,))]
    plans = _plans(hubs, seed, shipped)
    for plan in plans:
        hub = plan["hub"]
        found.append(("outside-term-time", (f"{hub}-event1",)))
        found.append(("venue", (f"{hub}-event2", f"{hub}-event3")))
        found.append(("double-booked", (f"{hub}-event2", f"{hub}-event3")))
    if plans:
        hub = plans[0]["hub"]
        evening = shipped.shared_evening()
        found.append(("delegates", (WORKSHOP,)))  # six from one hub
        found.append(("two-hubs", tuple(sorted((evening.id, f"{hub}-shared-evening")))))
        found += [("exchange", ("19-02/outward",)), ("exchange", ("19-02/return",))]
    return sorted(found)


def generate(
    root: Path,
    hubs: int,
    seed: int = 2019,
    *,
    groups: int = GROUPS_PER_HUB,
    schools: int = SCHOOLS_PER_GROUP,
    choices: bool = False,
) -> Path:
    """Write a data folder at `root` with `hubs` hub plans (the shipped ee2 one and `hubs - 1` generated).
    `groups` work groups a hub (the LLME community included) of `schools` schools each; `choices`: also the
    fields the scheduler reads (preferences, alternative venues, weekdays and times). The planted clashes
    (`planted`) are those of the default sizes."""
    if hubs < 1:
        raise ValueError("hubs must be at least 1")
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    shutil.copytree(DATA, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    shipped = _Shipped()
    every = _hubs(hubs)
    if len(every) > len(_hubs(0)):
        text = yaml.dump({"hubs": every}, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
        (root / "hubs.yaml").write_text(text, encoding="utf-8")
    plans = _plans(hubs, seed, shipped, groups, schools, choices)
    _set_capacity(root, shipped, plans)
    plans_dir = root / shipped.dataset.plans_dir.relative_to(DATA)
    for plan in plans:
        text = f"# Generated by benchmarks/generate.py (seed {seed}): not a real hub's plan.\n"
        text += yaml.dump(plan, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
        (plans_dir / f"{plan['hub']}.yaml").write_text(text, encoding="utf-8")
    return root


def _set_capacity(root: Path, shipped: _Shipped, plans: list[dict[str, Any]]) -> None:
    """Planted: the LLME workshop gets one place fewer than the delegates of every hub."""
    people = [p.model_dump() for p in shipped.dataset.plans[0].plan.people] + [p for x in plans for p in x["people"]]
    delegates = sum(1 for p in people if any(fnmatch.fnmatchcase(WORKSHOP, a) for a in p.get("attends", [])))
    project, _, item = WORKSHOP.partition("/")
    path = root / "programme" / folder_name(shipped.dataset.label) / f"{project}.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = f"  - id: {item}\n"
    if anchor not in text:
        raise AssertionError(f"{WORKSHOP} not found in {path}")
    path.write_text(text.replace(anchor, f"{anchor}    capacity: {delegates - 1}  # generated: one short\n", 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the data folder to write (must not exist or be empty)")
    parser.add_argument("--hubs", type=int, default=40, help="hubs with a plan, the shipped one included")
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args(argv)
    generate(args.out, args.hubs, args.seed)
    print(f"Wrote {args.out} with {args.hubs} hub plan(s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
