"""National-scale data for benchmarks: the shipped data/ plus a generated plan for each other hub.

    generate(root, hubs) -> root

writes a complete data folder at `root`: the shipped programmes, years, term dates, roles and hubs, the
shipped Cambridge plan (plans/2019-20/ee2.yaml), and plans/2019-20/<hub>.yaml for the next `hubs - 1` hubs of
hubs.yaml. Each generated hub runs an LLME community and 24 work groups (half-termly meetings, visits to six
schools), about 30 people who attend the central events of their projects, and some 30 events of its own:
about 630 dated events a hub, so that 40 hubs make some 25,000. A few realistic clashes are planted in every
hub (a session in the October half-term; two people and the hall booked twice on one evening) so that
`check` has work to do, besides the ones chance makes. The output is deterministic: the same `hubs` and
`seed` give the same files.

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
from mh_planner.loading import load  # noqa: E402

GROUPS_PER_HUB = 25  # the first is the hub's LLME community
SCHOOLS_PER_GROUP = 6
LOCAL_EVENTS_PER_HUB = 30
LEAD_ALLOWANCE_DAYS = 30.0  # a hub funds its leads beyond the programme's budgets
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
}
# Most groups are Primary TfM Development, as in a real hub.
PROJECT_MIX = ("19-09",) * 8 + ("19-11", "19-11", "19-15", "19-15") + tuple(p for p in PROJECTS if p > "19-11")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
MEETING_TIMES = ("13:00-16:00", "13:30-16:00", "09:30-12:00", "09:30-15:00")
VISIT_TIMES = ("09:00-11:30", "09:00-12:00", "13:00-15:30")
EVENT_TIMES = ("16:00-17:30", "16:30-18:00", "17:00-18:30")
FIRST = ("Alex", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Isla", "Jon", "Kit", "Lia", "Max", "Nell")
LAST = ("Adams", "Baker", "Clark", "Dunn", "Evans", "Ford", "Gray", "Hart", "Iqbal", "Jones", "Khan", "Lee")
PLACES = ("North", "South", "East", "West", "Central", "Upper", "Lower", "Old", "New", "Great")


class _PlainDumper(yaml.SafeDumper):
    """No anchors and aliases for values shared between entries: the files read like hand-written ones."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _hub_ids() -> list[str]:
    hubs = yaml.safe_load((DATA / "hubs.yaml").read_text(encoding="utf-8"))["hubs"]
    return [h["id"] for h in hubs]


def _central_patterns() -> dict[str, list[str]]:
    """For each project, `attends` patterns that match at least one of its central events."""
    dataset = load(DATA)
    ids = dataset.central_ids()
    out: dict[str, list[str]] = {}
    for project in dataset.projects:
        pattern = f"{project}/*"
        if fnmatch.filter(ids, pattern):
            out[project] = [pattern]
    return out


def _term_days(year: AcademicYear) -> list[dt.date]:
    day, end, out = year.terms[0].start, year.terms[2].end, []
    while day <= end:
        if year.is_school_day(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _plan(
    hub: str,
    rng: random.Random,
    patterns: dict[str, list[str]],
    year: AcademicYear,
    groups_per_hub: int = GROUPS_PER_HUB,
    schools_per_group: int = SCHOOLS_PER_GROUP,
) -> dict[str, Any]:
    days = _term_days(year)
    town = f"{hub.upper()} Town"
    people: list[dict[str, Any]] = [
        {"id": f"{hub}-lead", "name": _name(rng), "roles": ["mhl", "llme-lead"], "email": f"lead@{hub}.example.org",
         "phone": "01632 960000", "notes": "Private note.", "attends": patterns.get("19-07", [])},
        {"id": f"{hub}-deputy", "name": _name(rng), "roles": ["amhl", "llme-lead"],
         "email": f"deputy@{hub}.example.org"},
        {"id": f"{hub}-admin", "name": _name(rng), "roles": ["admin"]},
    ]  # fmt: skip
    venues = [
        {"id": f"{hub}-hall", "name": f"{hub.upper()} Hub hall", "town": town, "capacity": 120},
        {"id": f"{hub}-room", "name": f"{hub.upper()} Hub meeting room", "town": town, "capacity": 30},
    ]
    schools: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = [
        {"id": f"{hub}-llme", "project": "19-07", "name": f"{hub.upper()} LLME Community", "lead": f"{hub}-lead",
         "members": [f"{hub}-deputy"], "venue": f"{hub}-room", "teachers_per_school": 0,
         "meetings": {"every": "term", "weekday": "wednesday", "week": 6, "time": "16:00-18:00"}},
    ]  # fmt: skip
    spring_1 = next(d for d in days if d >= year.half_terms[2].start + dt.timedelta(days=14))
    for g in range(2, groups_per_hub + 1):
        project = "19-10" if g == 2 else rng.choice(PROJECT_MIX)  # every hub must run an Embedding group
        role, sessions, visits_every = PROJECTS[project]
        lead = f"{hub}-wgl{g}"
        group_town = f"{rng.choice(PLACES)} {hub.upper()} {g}"
        people.append({
            "id": lead,
            "name": _name(rng),
            "roles": [role, "wgl"] if role != "wgl" else ["wgl"],
            "cohort": rng.randint(1, 5),
            "email": f"wgl{g}@{hub}.example.org",
            "allowance_days": LEAD_ALLOWANCE_DAYS,
            "attends": patterns.get(project, []),
        })  # fmt: skip
        venue = f"{hub}-venue{g}"
        venues.append({"id": venue, "name": f"{group_town} Primary", "town": group_town, "capacity": 24})
        members = [f"{hub}-s{g}-{k}" for k in range(1, schools_per_group + 1)]
        schools += [{"id": s, "name": f"{group_town} School {k}", "town": group_town} for k, s in enumerate(members, 1)]
        meeting_day, visit_day = rng.sample(WEEKDAYS, 2)  # never a visit on a meeting day
        group: dict[str, Any] = {
            "id": f"{hub}-wg{g}",
            "project": project,
            "name": f"{group_town} work group",
            "lead": lead,
            "schools": members,
            "venue": venue,
            "meetings": {"every": "half-term", "weekday": meeting_day, "week": rng.randint(2, 4),
                         "time": rng.choice(MEETING_TIMES)},
            "visits": {"every": visits_every, "weekday": visit_day, "week": 1, "time": rng.choice(VISIT_TIMES)},
            "notes": f"Private notes on work group {g}.",
        }  # fmt: skip
        if sessions:
            group["sessions"] = sessions
        if g % 5 == 0:  # some groups moved a meeting by hand, still inside its half-term
            group["dates"] = [{"session": 3, "date": spring_1}]
        groups.append(group)

    everyone = [p["id"] for p in people]
    tuesdays = [d for d in days if d.weekday() == 1]
    dates = rng.sample(tuesdays, LOCAL_EVENTS_PER_HUB)  # one a day: the hall is not double-booked by chance
    events: list[dict[str, Any]] = []
    for n, date in enumerate(dates, 1):
        event: dict[str, Any] = {
            "id": f"{hub}-event{n}",
            "title": f"{hub.upper()} hub session {n}",
            "project": rng.choice(PROJECT_MIX),
            "date": date,
            "venue": f"{hub}-hall",
            "people": rng.sample(everyone, 3),
            "headcount": rng.randint(5, 40),
            "notes": "Private: not agreed yet.",
        }
        if n % 10 == 0:  # a conference over two days, all day
            event["end_date"] = date + dt.timedelta(days=1)
        else:
            event["time"] = rng.choice(EVENT_TIMES)
        events.append(event)
    # Planted clashes: a session in the October half-term, and two on one evening in the hall.
    events[0]["date"] = year.terms[0].half_term.start + dt.timedelta(days=2)
    events[1].pop("end_date", None)
    events[1].update(date=events[2]["date"], time="16:00-18:00")
    events[2].update(time="16:30-18:00")
    return {
        "hub": hub,
        "title": f"Generated plan for {hub}",
        "people": people,
        "venues": venues,
        "schools": schools,
        "work_groups": groups,
        "events": events,
    }


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
    fields the scheduler reads (preferences, alternative venues, weekdays and times)."""
    ids = [h for h in _hub_ids() if h != "ee2"]
    if not 1 <= hubs <= len(ids) + 1:
        raise ValueError(f"hubs must be between 1 and {len(ids) + 1}")
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    shutil.copytree(DATA, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    shipped = load(DATA)
    year = shipped.year()
    plans = root / shipped.plans_dir.relative_to(DATA)
    patterns = _central_patterns()
    for hub in ids[: hubs - 1]:
        rng = random.Random(f"{seed}/{hub}")
        plan = _plan(hub, rng, patterns, year, groups, schools)
        if choices:
            plan = _with_choices(plan, random.Random(f"{seed}/{hub}/choices"))
        text = f"# Generated by benchmarks/generate.py (seed {seed}): not a real hub's plan.\n"
        text += yaml.dump(plan, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
        (plans / f"{hub}.yaml").write_text(text, encoding="utf-8")
    return root


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
