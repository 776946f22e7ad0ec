"""Assembling: windows get tentative dates inside them, patterns expand into term-time meetings."""

from __future__ import annotations

import datetime as dt

from mh_planner.assemble import assemble
from mh_planner.calendar import Origin
from mh_planner.loading import load
from tests.builders import build, calendar_for, person, plan, venue

D = dt.date


def group(**extra):
    base = {
        "id": "wg",
        "project": "19-09",
        "name": "Test WG",
        "lead": "lead",
        "schools": ["s1", "s2", "s3"],
        "venue": "hall",
        "meetings": {"every": "half-term", "weekday": "tuesday", "week": 2, "time": "13:00-16:00"},
    }
    base.update(extra)
    return base


def schools():
    return [{"id": f"s{i}", "name": f"School {i}", "town": "Cambridge"} for i in (1, 2, 3)]


def test_half_termly_pattern_expands_into_one_meeting_per_half_term(tmp_path) -> None:
    cal = calendar_for(
        tmp_path,
        plan(people=[person("lead")], venues=[venue("hall")], schools=schools(), work_groups=[group()]),
        projects=["19-09"],
    )
    meetings = [e for e in cal.events if e.work_group == "wg" and e.kind.value == "meeting"]
    year = cal.hub_years["ee2"]
    assert [year.half_term_index(m.first_day) for m in meetings] == [0, 1, 2, 3, 4, 5]
    assert all(m.first_day.weekday() == 1 and year.is_school_day(m.first_day) for m in meetings)
    assert meetings[0].start == dt.datetime(2019, 9, 17, 13, 0)  # Autumn 1 starts Wed 4 Sep: 2nd Tue is 17th
    assert meetings[0].headcount == 1 + 3 * 2  # the lead and two teachers from each school
    assert {m.id for m in meetings} == {f"wg/meeting-{n}" for n in range(1, 7)}


def test_explicit_dates_win_and_cancelled_sessions_go(tmp_path) -> None:
    wg = group(
        dates=[
            {"session": 2, "date": D(2019, 11, 26), "time": "09:00-12:00"},
            {"session": 3, "date": D(2020, 1, 14), "cancelled": True},
        ]
    )
    cal = calendar_for(
        tmp_path,
        plan(people=[person("lead")], venues=[venue("hall")], schools=schools(), work_groups=[wg]),
        projects=["19-09"],
    )
    by_id = cal.by_id()
    assert by_id["wg/meeting-2"].start == dt.datetime(2019, 11, 26, 9, 0)
    assert "wg/meeting-3" not in by_id
    assert len([e for e in cal.events if e.id.startswith("wg/meeting-")]) == 5


def test_pattern_skips_bank_holidays_and_closures(tmp_path) -> None:
    # Mondays of Summer 1 2020: 20 Apr, 27 Apr, 4 May, 11 May, 18 May. A closure on 27 Apr is not counted.
    wg = group(meetings={"every": "half-term", "weekday": "monday", "week": 2, "time": "13:00-16:00"})
    cal = calendar_for(
        tmp_path,
        plan(
            people=[person("lead")],
            venues=[venue("hall")],
            schools=schools(),
            work_groups=[wg],
            closures=[{"date": D(2020, 4, 27), "reason": "INSET"}],
        ),
        projects=["19-09"],
    )
    assert cal.by_id()["wg/meeting-5"].first_day == D(2020, 5, 4)


def test_termly_visits_one_per_school_per_term_on_different_days(tmp_path) -> None:
    wg = group(visits={"every": "term", "weekday": "thursday", "week": 2, "time": "09:00-11:30"})
    cal = calendar_for(
        tmp_path,
        plan(people=[person("lead")], venues=[venue("hall")], schools=schools(), work_groups=[wg]),
        projects=["19-09"],
    )
    visits = [e for e in cal.events if e.kind.value == "visit"]
    assert len(visits) == 9
    assert len({v.first_day for v in visits}) == 9  # never two schools the same morning
    year = cal.hub_years["ee2"]
    assert {(v.school, year.term_index(v.first_day)) for v in visits} == {
        (s, t) for s in ("s1", "s2", "s3") for t in range(3)
    }


def test_window_gets_a_tentative_date_inside_it(tmp_path) -> None:
    cal = calendar_for(tmp_path, plan(people=[person("mrl", "mrl", attends=["19-11/b-*"])]), projects=["19-11"])
    residential = cal.by_id()["19-11/b-residential"]
    assert residential.tentative
    assert residential.window is not None and residential.timing_text == "Early October"
    assert residential.window.start <= residential.first_day and residential.last_day <= residential.window.end
    assert residential.all_day and len(residential.days_spanned()) == 2
    assert all(cal.year.is_school_day(d) for d in residential.days_spanned())
    assert residential.attendees == ("mrl",)


def test_confirmed_date_replaces_the_tentative_one(tmp_path) -> None:
    the_plan = plan(
        people=[person("mrl", "mrl", attends=["19-11/b-*"])],
        confirm={"19-11/b-residential": {"date": D(2019, 10, 3), "end_date": D(2019, 10, 4)}},
    )
    residential = calendar_for(tmp_path, the_plan, projects=["19-11"]).by_id()["19-11/b-residential"]
    assert not residential.tentative
    assert residential.days_spanned() == [D(2019, 10, 3), D(2019, 10, 4)]


def test_exchange_leg_blocks_its_whole_fortnight(tmp_path) -> None:
    cal = calendar_for(
        tmp_path,
        plan(people=[person("pms", "primary-mastery-specialist", attends=["19-02/outward"])]),
        projects=["19-02"],
    )
    leg = cal.by_id()["19-02/outward"]
    assert leg.origin is Origin.EXCHANGE and leg.all_day and not leg.tentative
    assert leg.first_day == D(2019, 11, 9) and leg.last_day == D(2019, 11, 22)
    assert leg.end == dt.datetime(2019, 11, 23)  # exclusive end
    assert len(leg.days_spanned()) == 14


def test_one_in_each_term_becomes_three_events(tmp_path) -> None:
    root = build(tmp_path, plan(people=[person("cl", "cohort-lead", attends=["99-01/cl-workshops"])]), projects=[])
    (root / "programme" / "2019-20" / "99-01.yaml").write_text(
        "id: '99-01'\ncode: NCP 99-01\ntitle: Test\ntype: programme\nrequired: 'no'\nevents:\n"
        "  - {id: cl-workshops, title: Cohort Lead workshop, kind: workshop, when: one in each term,"
        " length: 1 day, audience: [cohort-lead]}\n"
    )
    cal = assemble(load(root))
    events = [e for e in cal.events if e.project == "99-01"]
    assert [e.id for e in events] == ["99-01/cl-workshops#1", "99-01/cl-workshops#2", "99-01/cl-workshops#3"]
    assert [cal.year.term_index(e.first_day) for e in events] == [0, 1, 2]
    assert all(e.tentative and e.attendees == ("cl",) for e in events)


def test_ids_come_from_identity_not_dates(tmp_path) -> None:
    base = plan(people=[person("lead")], venues=[venue("hall")], schools=schools(), work_groups=[group()])
    first = calendar_for(tmp_path / "a", base, projects=["19-09"])
    moved = group(dates=[{"session": 1, "date": D(2019, 9, 18)}])
    second = calendar_for(
        tmp_path / "b",
        plan(people=[person("lead")], venues=[venue("hall")], schools=schools(), work_groups=[moved]),
        projects=["19-09"],
    )
    assert {e.id for e in first.events} == {e.id for e in second.events}
    assert first.by_id()["wg/meeting-1"].start != second.by_id()["wg/meeting-1"].start


def test_undated_central_events_are_kept_apart(shipped) -> None:
    from mh_planner.assemble import assemble

    cal = assemble(shipped)
    assert cal.undated and all(e.start is None for e in cal.undated)
    assert all(e.start is not None for e in cal.events)
    assert cal.events == sorted(cal.events, key=lambda e: (e.start, e.id))
