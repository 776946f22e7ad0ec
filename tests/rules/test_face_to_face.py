"""2020/21: "The Cambridge Maths Hub does not intend to hold any face to face meetings before October half
term 2020 due to covid 19" (004:L133). A face-to-face meeting before it is an error; online is fine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.loading import load
from mh_planner.rules import BY_NAME, Conflict, Index, Severity
from tests.builders import build, person, plan

D = dt.date
TEXT = "does not intend to hold any face to face meetings before October half term 2020 due to covid 19"
RULE = {"from": "october-half-term", "text": TEXT, "source": "004:L133"}


def calendar_2020(tmp_path: Path, **parts) -> Calendar:
    base = {
        "year": "2020/21",
        "calendar": "cambridgeshire",
        "face_to_face": RULE,
        "people": [person("ds", "primary-mastery-specialist", "wgl")],
        "venues": [
            {"id": "histon", "name": "Histon and Impington Junior School", "town": "Cambridge"},
            {"id": "orton", "name": "Orton Wistow Primary School", "town": "Peterborough", "calendar": "peterborough"},
        ],
        "schools": [{"id": "histon-jun", "name": "Histon and Impington Junior School", "town": "Cambridge"}],
    }
    base.update(parts)
    return assemble(load(build(tmp_path, plan(**base), year="2020-21")))


def found(cal: Calendar) -> list[Conflict]:
    return list(BY_NAME["face-to-face"].check(cal, Index.build(cal)))


def group(**extra):
    base = {
        "id": "wg-south-cambs",
        "project": "primary-tfm-development",
        "name": "South Cambs",
        "lead": "ds",
        "schools": ["histon-jun"],
        "venue": "histon",
        "meetings": {"every": "half-term", "weekday": "thursday", "week": 4, "time": "13:00-16:00"},
    }
    base.update(extra)
    return base


def test_a_face_to_face_meeting_before_october_half_term_2020_is_an_error(tmp_path: Path) -> None:
    cal = calendar_2020(tmp_path, work_groups=[group()])
    [conflict] = found(cal)
    assert conflict.severity is Severity.ERROR and conflict.event_ids == ("wg-south-cambs/meeting-1",)
    assert conflict.message == (
        "'South Cambs: meeting 1' (Thu 24 Sep 2020 13:00-16:00) is face to face before October half-term 2020 "
        f"(Mon 26 Oct 2020, Cambridgeshire County Council 2020/21): '{TEXT}' (004:L133). "
        "Make it online (`mode: online`) or move it."
    )
    # Meeting 2 (Autumn 2, after the half-term) is face to face and fine.
    assert cal.by_id()["wg-south-cambs/meeting-2"].first_day > D(2020, 10, 30)


def test_online_is_fine(tmp_path: Path) -> None:
    online_session = group(dates=[{"session": 1, "date": D(2020, 9, 24), "mode": "online"}])
    cal = calendar_2020(tmp_path, work_groups=[online_session])
    assert found(cal) == []
    meeting = cal.by_id()["wg-south-cambs/meeting-1"]
    assert meeting.online and meeting.venue is None and meeting.location == "Online"  # no hall booked
    online_group = group(mode="online")
    assert found(calendar_2020(tmp_path / "b", work_groups=[online_group])) == []


def test_one_off_events_and_visits_count_too(tmp_path: Path) -> None:
    events = [
        {"id": "launch", "title": "Launch", "date": D(2020, 9, 23), "time": "16:00-18:00", "venue": "histon"},
        {"id": "webinar", "title": "Webinar", "date": D(2020, 9, 30), "time": "16:00-17:00", "location": "Online"},
        {"id": "call", "title": "Call", "date": D(2020, 10, 7), "time": "16:00-17:00", "mode": "online"},
    ]
    visits = group(meetings=None, dates=[{"session": 1, "date": D(2020, 11, 5)}],
                   visit_dates=[{"school": "histon-jun", "term": "Autumn", "date": D(2020, 10, 1)}])  # fmt: skip
    cal = calendar_2020(tmp_path, events=events, work_groups=[visits])
    assert sorted(c.event_ids[0] for c in found(cal)) == ["launch", "wg-south-cambs/visit-histon-jun-autumn"]


def test_the_half_term_is_read_on_each_event_s_calendar(tmp_path: Path) -> None:
    # Peterborough's October half-term 2020 is also Mon 26 Oct; a fixed date works the same way everywhere.
    at_orton = {"id": "m", "title": "Orton", "date": D(2020, 10, 22), "time": "13:00-15:00", "venue": "orton"}
    [conflict] = found(calendar_2020(tmp_path, events=[at_orton]))
    assert "(Mon 26 Oct 2020, Peterborough City Council 2020/21)" in conflict.message
    later = {**at_orton, "date": D(2020, 11, 2)}
    assert found(calendar_2020(tmp_path / "b", events=[later])) == []
    fixed = {"from": D(2020, 11, 9), "source": "the hub"}
    [conflict] = found(calendar_2020(tmp_path / "c", events=[later], face_to_face=fixed))
    assert "before Mon 9 Nov 2020" in conflict.message


def test_without_the_rule_nothing_is_reported(tmp_path: Path) -> None:
    assert found(calendar_2020(tmp_path, work_groups=[group()], face_to_face=None)) == []


def test_a_programme_may_state_it_for_every_hub(tmp_path: Path) -> None:
    root = build(tmp_path, plan(year="2020/21", people=[person("ds", "wgl")],
                                venues=[{"id": "h", "name": "H", "town": "Cambridge"}],
                                events=[{"id": "e", "title": "E", "date": D(2020, 9, 9), "venue": "h"}]),
                 year="2020-21")  # fmt: skip
    path = root / "programme" / "2020-21" / "programme.yaml"
    data = yaml.safe_load(path.read_text())
    data["face_to_face"] = {"from": "october-half-term"}
    path.write_text(yaml.safe_dump(data))
    cal = assemble(load(root))
    [conflict] = found(cal)
    assert "no face-to-face hub meetings before then" in conflict.message
