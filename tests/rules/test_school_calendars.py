"""Term time on the calendar of the schools an event concerns: a hub covers several local authorities."""

from __future__ import annotations

import datetime as dt

import pytest

from mh_planner.problems import InvalidData
from mh_planner.rules import BY_NAME, Conflict, Index, Severity
from mh_planner.scheduling import with_fixes
from tests.builders import calendar_for, person, plan

D = dt.date
EASTER_PBORO = "(Easter break - Monday 30 March 2020 until Monday 13 April 2020)"


def run(rule: str, cal) -> list[Conflict]:
    index = Index.build(cal)
    return with_fixes(cal, BY_NAME[rule].check(cal, index), index)


def hub(**extra):
    """A Cambridgeshire hub with a Peterborough school and a Cambridge one, and a venue in each town."""
    parts = {
        "calendar": "cambridgeshire",
        "people": [person("pms", "primary-mastery-specialist", "wgl"), person("lead", "mhl")],
        "venues": [
            {"id": "orton", "name": "Orton Wistow Primary School", "town": "Peterborough", "school": "eye-pri"},
            {"id": "hall", "name": "Comberton hall", "town": "Cambridge"},
        ],
        "schools": [
            {"id": "eye-pri", "name": "Eye Primary School", "town": "Peterborough", "calendar": "peterborough"},
            {"id": "histon-jun", "name": "Histon Junior School", "town": "Cambridge"},
        ],
    }
    parts.update(extra)
    return plan(**parts)


def group(schools, venue="hall", **extra):
    base = {"id": "wg", "project": "19-09", "name": "TfM", "lead": "pms", "schools": schools, "venue": venue}
    base.update(extra)
    return base


def test_peterborough_visit_on_tue_31_march_2020_is_in_peterborough_s_easter_holiday(tmp_path) -> None:
    visits = [
        {"school": "eye-pri", "term": "Spring", "date": D(2020, 3, 31)},
        {"school": "histon-jun", "term": "Spring", "date": D(2020, 3, 31)},
    ]
    wg = group(["eye-pri", "histon-jun"], dates=[{"session": 1, "date": D(2020, 3, 26)}], visit_dates=visits)
    cal = calendar_for(tmp_path, hub(work_groups=[wg]), projects=["19-09"])
    [conflict] = run("outside-term-time", cal)
    assert conflict.event_ids == ("wg/visit-eye-pri-spring",)  # the Cambridge school's visit that day is fine
    assert conflict.severity is Severity.ERROR
    assert conflict.message == (
        "'Visit: Eye Primary School (TfM)' (Tue 31 Mar 2020 09:00-12:00) falls on Tue 31 Mar 2020, "
        f"in the Easter holiday in Peterborough City Council {EASTER_PBORO}"
    )
    # The fix is a school day in Peterborough: its spring term ended on Fri 27 Mar.
    assert conflict.fix is not None and conflict.fix.start.date() <= D(2020, 3, 27)
    by_id = cal.by_id()
    assert cal.year_of(by_id["wg/visit-eye-pri-spring"]).title == "Peterborough City Council 2019/20 (partial)"
    assert cal.year_of(by_id["wg/visit-histon-jun-spring"]).title == "Cambridgeshire County Council 2019/20"


def test_a_meeting_needs_a_school_day_at_every_school_of_the_group(tmp_path) -> None:
    # At a Cambridge venue on Tue 31 Mar 2020: term for the venue and Histon, not for Eye Primary's teachers.
    wg = group(["eye-pri", "histon-jun"], dates=[{"session": 1, "date": D(2020, 3, 31)}])
    cal = calendar_for(tmp_path, hub(work_groups=[wg]), projects=["19-09"])
    [conflict] = run("outside-term-time", cal)
    assert conflict.event_ids == ("wg/meeting-1",) and conflict.message.endswith(EASTER_PBORO)
    meeting = cal.by_id()["wg/meeting-1"]
    assert cal.year_of(meeting).title == (
        "Cambridgeshire County Council 2019/20 and Peterborough City Council 2019/20 (partial)"
    )
    # ... and on Tue 14 Apr it is the other way round: Peterborough is back, Cambridgeshire on holiday.
    wg = group(["eye-pri", "histon-jun"], dates=[{"session": 1, "date": D(2020, 4, 14)}])
    [conflict] = run("outside-term-time", calendar_for(tmp_path / "b", hub(work_groups=[wg]), projects=["19-09"]))
    assert "in the Easter holiday in Cambridgeshire County Council" in conflict.message


def test_cambridgeshire_meeting_on_wed_23_october_2019_is_in_half_term(tmp_path) -> None:
    event = {"id": "briefing", "title": "Briefing", "date": D(2019, 10, 23), "time": "09:30-12:00", "venue": "hall"}
    cal = calendar_for(tmp_path, hub(events=[event]), projects=[])
    [conflict] = run("outside-term-time", cal)
    assert conflict.message == (
        "'Briefing' (Wed 23 Oct 2019 09:30-12:00) falls on Wed 23 Oct 2019, in the October half-term in "
        "Cambridgeshire County Council (Autumn half term Saturday 19 October 2019 Sunday 27 October 2019)"
    )
    assert conflict.fix is not None and conflict.fix.start.date() == D(2019, 10, 30)
    # Wed 30 Oct 2019, the half-term of the old "typical" dates, is a school day in Cambridgeshire.
    event["date"] = D(2019, 10, 30)
    assert run("outside-term-time", calendar_for(tmp_path / "b", hub(events=[event]), projects=[])) == []


def test_a_local_event_concerning_a_school_takes_its_calendar_too(tmp_path) -> None:
    event = {"id": "visit", "title": "Heads' visit", "date": D(2020, 3, 31), "venue": "hall", "schools": ["eye-pri"]}
    [conflict] = run("outside-term-time", calendar_for(tmp_path, hub(events=[event]), projects=[]))
    assert conflict.message.endswith(EASTER_PBORO)


def test_a_venue_in_a_school_uses_the_school_s_calendar(tmp_path) -> None:
    event = {"id": "m", "title": "Meeting at Orton", "date": D(2020, 3, 31), "time": "13:00-15:00", "venue": "orton"}
    [conflict] = run("outside-term-time", calendar_for(tmp_path, hub(events=[event]), projects=[]))
    assert conflict.message.endswith(EASTER_PBORO)


def test_a_school_s_own_closure_days(tmp_path) -> None:
    schools = [
        {"id": "histon-jun", "name": "Histon Junior School", "town": "Cambridge",
         "closures": [{"date": D(2019, 11, 29), "reason": "INSET"}]},
    ]  # fmt: skip
    wg = group(["histon-jun"], dates=[{"session": 1, "date": D(2019, 11, 29)}])
    the_plan = hub(schools=schools, venues=hub()["venues"][1:], work_groups=[wg])
    [conflict] = run("outside-term-time", calendar_for(tmp_path, the_plan, projects=["19-09"]))
    assert conflict.message.endswith("a closure day at Histon Junior School (INSET)")


def test_a_half_termly_group_keeps_its_venue_s_half_terms(tmp_path) -> None:
    # Peterborough's spring half-term began on Fri 14 Feb 2020: Spring 1 there ends on Thu 13 Feb.
    pattern = {"every": "half-term", "weekday": "friday", "week": 6, "time": "13:00-16:00"}
    wg = group(["eye-pri"], venue="orton", meetings=pattern)
    cal = calendar_for(tmp_path, hub(work_groups=[wg]), projects=["19-09"])
    assert cal.by_id()["wg/meeting-3"].first_day == D(2020, 2, 7)  # the last Friday of Spring 1 in Peterborough
    assert run("outside-term-time", cal) == []
    assert not [c for c in run("cadence", cal) if "meets half-termly" in c.message]


def test_a_calendar_named_must_exist(tmp_path) -> None:
    with pytest.raises(InvalidData) as caught:
        calendar_for(tmp_path, hub(calendar="cambridge"), projects=[])
    messages = [p.message for p in caught.value.problems]
    assert messages == ["no term dates 'cambridge' (term-dates/cambridge/<YYYY-YY>.yaml)"]
