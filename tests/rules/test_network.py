"""The cross-hub rules, on networks of two or three hub plans written by the tests: a central event's places
against the delegates of every hub, a person committed by two hubs at once, exchange pairing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.loading import load
from mh_planner.rules import BY_NAME, Conflict, Index, Severity
from mh_planner.rules import check as check_all
from tests.builders import YEAR, build, person, plan, venue

D = dt.date


def network(tmp_path: Path, *plans: dict[str, Any], programme: dict[str, dict[str, Any]] | None = None) -> Calendar:
    """The shipped programme (with `programme`'s fields set on some central events: {"19-07/workshop-1":
    {"capacity": 3}}) and one plan per hub."""
    root = build(tmp_path, plans[0])
    for other in plans[1:]:
        (root / "plans" / YEAR / f"{other['hub']}.yaml").write_text(yaml.safe_dump(other, sort_keys=False))
    for event_id, fields in (programme or {}).items():
        project, _, item = event_id.partition("/")
        path = root / "programme" / YEAR / f"{project}.yaml"
        data = yaml.safe_load(path.read_text())
        for section in ("events", "exchange_legs"):
            for entry in data.get(section, []):
                if entry["id"] == item:
                    entry.update(fields)
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    return assemble(load(root))


def run(rule: str, cal: Calendar) -> list[Conflict]:
    return list(BY_NAME[rule].check(cal, Index.build(cal)))


def llme_hub(hub: str, delegates: int) -> dict[str, Any]:
    people = [person(f"{hub}-p{n}", "llme-lead", attends=["19-07/workshop-1"]) for n in range(delegates)]
    return plan(hub=hub, people=people)


# --- delegates ----------------------------------------------------------------------------------------


def test_a_workshop_over_its_places_with_the_delegates_of_every_hub(tmp_path: Path) -> None:
    cal = network(tmp_path, llme_hub("ee2", 2), llme_hub("nw1", 2), llme_hub("sw1", 1),
                  programme={"19-07/workshop-1": {"capacity": 4}})  # fmt: skip
    [conflict] = run("delegates", cal)
    assert conflict.severity is Severity.ERROR and conflict.event_ids == ("19-07/workshop-1",)
    assert len(conflict.people) == 5
    assert "4 places but 3 hub(s) send 5 delegates (EE2 2, NW1 2, SW1 1)" in conflict.message


def test_within_its_places_nothing_is_said(tmp_path: Path) -> None:
    cal = network(tmp_path, llme_hub("ee2", 2), llme_hub("nw1", 2), programme={"19-07/workshop-1": {"capacity": 4}})
    assert run("delegates", cal) == []


def test_a_hub_sending_more_delegates_than_the_programme_takes_from_one_hub(tmp_path: Path) -> None:
    """19-07's workshops take five delegates from each hub (the shipped programme says so)."""
    cal = network(tmp_path, llme_hub("ee2", 5), llme_hub("nw1", 6))
    [conflict] = run("delegates", cal)
    assert conflict.people == tuple(f"nw1-p{n}" for n in range(6))
    assert conflict.message.startswith("NW1 sends 6 delegates to 'LLME central NCP workshop 1' (not dated yet)")
    assert "takes 5 from each hub" in conflict.message


# --- two hubs -----------------------------------------------------------------------------------------


def evening(eid: str, day: dt.date, who: str, time: str = "16:00-17:30", **extra: Any) -> dict[str, Any]:
    return {"id": eid, "title": eid.title(), "date": day, "time": time, "location": "Cambridge", "people": [who],
            **extra}  # fmt: skip


def shared(hub: str, pid: str, email: str, *events: dict[str, Any]) -> dict[str, Any]:
    return plan(hub=hub, people=[person(pid, "wgl", email=email)], events=list(events))


def test_a_person_in_two_plans_committed_by_both_at_once(tmp_path: Path) -> None:
    day = D(2019, 11, 5)
    cal = network(
        tmp_path,
        shared("ee2", "ee2-sam", "Sam@Example.org", evening("ee2-briefing", day, "ee2-sam")),
        shared("nw1", "nw1-sam", "sam@example.org ", evening("nw1-forum", day, "nw1-sam", "17:00-18:00")),
    )
    [conflict] = run("two-hubs", cal)
    assert conflict.severity is Severity.ERROR
    assert conflict.event_ids == ("ee2-briefing", "nw1-forum") and conflict.people == ("ee2-sam", "nw1-sam")
    assert "works for EE2 and NW1" in conflict.message and conflict.dates == (day,)
    assert conflict.movable == "nw1-forum"
    assert run("double-booked", cal) == []  # two ids: not one plan's double booking


def test_two_people_with_different_emails_or_times_are_not_a_clash(tmp_path: Path) -> None:
    day = D(2019, 11, 5)
    cal = network(
        tmp_path,
        shared("ee2", "ee2-sam", "sam@example.org", evening("ee2-briefing", day, "ee2-sam")),
        shared("nw1", "nw1-sam", "sam@example.org", evening("nw1-forum", day, "nw1-sam", "17:30-18:30")),
        shared("sw1", "sw1-sam", "other@example.org", evening("sw1-forum", day, "sw1-sam")),
    )
    assert run("two-hubs", cal) == []


def test_a_national_event_both_plans_send_the_person_to_is_not_a_clash(tmp_path: Path) -> None:
    one = plan(hub="ee2", people=[person("ee2-sam", "itt-provider", attends=["19-25/nw1"], email="s@x.org")])
    two = plan(hub="nw1", people=[person("nw1-sam", "itt-provider", attends=["19-25/nw1"], email="s@x.org")])
    assert run("two-hubs", network(tmp_path, one, two)) == []


# --- exchange -----------------------------------------------------------------------------------------


def exchange_hub(hub: str, primary: int = 2, cohort: int = 4, host: int | None = 0) -> dict[str, Any]:
    people = [
        person(f"{hub}-p{n}", "primary-mastery-specialist", cohort=cohort, school=f"School {n}, Town",
               attends=["19-02/outward"])
        for n in range(primary)
    ]  # fmt: skip
    venues = [venue(f"{hub}-school-{n}") | {"name": f"School {n}"} for n in range(3)]
    confirm = {"19-02/return": {"venue": f"{hub}-school-{host}"}} if host is not None else {}
    return plan(hub=hub, people=people, venues=venues, confirm=confirm)


def test_two_primary_specialists_out_and_the_school_of_one_receiving(tmp_path: Path) -> None:
    cal = network(tmp_path, exchange_hub("ee2"), exchange_hub("nw1", host=1), exchange_hub("sw1", 0))
    assert run("exchange", cal) == []


def test_one_primary_specialist_is_not_a_pair(tmp_path: Path) -> None:
    cal = network(tmp_path, exchange_hub("ee2"), exchange_hub("nw1", primary=1))
    [conflict] = run("exchange", cal)
    assert conflict.people == ("nw1-p0",) and conflict.event_ids == ("19-02/outward",)
    assert "NW1 sends 1 primary-mastery-specialist" in conflict.message and "takes 2" in conflict.message


def test_the_wrong_cohort(tmp_path: Path) -> None:
    conflicts = run("exchange", network(tmp_path, exchange_hub("ee2", cohort=3)))
    assert [c.people for c in conflicts] == [("ee2-p0",), ("ee2-p1",)]
    assert all("takes Cohort 4" in c.message for c in conflicts)


def test_no_host_school_or_another_school_receiving(tmp_path: Path) -> None:
    cal = network(tmp_path, exchange_hub("ee2", host=None), exchange_hub("nw1", host=2))
    missing, wrong = sorted(run("exchange", cal), key=lambda c: c.message)
    assert missing.message.startswith("EE2 takes part in the exchange but names no host school")
    assert wrong.venue == "nw1-school-2" and "is not the school of any of its travellers" in wrong.message


def test_the_sample_hub_pairs_as_the_programme_asks(shipped: Any) -> None:
    cal = assemble(shipped)
    assert [c for c in check_all(cal) if c.rule in ("exchange", "delegates", "two-hubs")] == []
