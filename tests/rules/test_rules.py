"""Each conflict rule on its own, on cases built from the source documents."""

from __future__ import annotations

import datetime as dt

from mh_planner.calendar import Calendar
from mh_planner.rules import BY_NAME, Conflict, Index, Severity
from mh_planner.scheduling import with_fixes
from tests.builders import calendar_for, person, plan, venue

D = dt.date


def run(rule: str, cal: Calendar) -> list[Conflict]:
    """One rule's conflicts, with the fixes `scheduling` suggests for them (as `check` reports them)."""
    index = Index.build(cal)
    return with_fixes(cal, BY_NAME[rule].check(cal, index), index)


def schools(n: int = 3, town: str = "Peterborough"):
    return [{"id": f"s{i}", "name": f"School {i}", "town": town} for i in range(1, n + 1)]


def trg(**extra):
    base = {
        "id": "wg-pboro",
        "project": "19-09",
        "name": "Peterborough TRG",
        "lead": "pms",
        "schools": ["s1", "s2", "s3"],
        "venue": "orton",
        # The 5th Wednesday: in Autumn 2 (from Mon 28 Oct 2019) Wed 27 Nov, after the exchange's outward leg.
        "meetings": {"every": "half-term", "weekday": "wednesday", "week": 5, "time": "13:00-16:00"},
        "visits": {"every": "term", "weekday": "thursday", "week": 2, "time": "09:00-11:30"},
    }
    base.update(extra)
    return base


def specialist_plan(**extra):
    parts = {
        "people": [person("pms", "primary-mastery-specialist", "wgl", attends=["19-02/outward"])],
        "venues": [venue("orton", "Peterborough", 30)],
        "schools": schools(),
        "work_groups": [trg(**extra)],
    }
    return plan(**parts)


# --- 1. person double-booked -------------------------------------------------------------------------


def test_specialist_on_the_outward_leg_booked_for_a_trg_on_12_november(tmp_path) -> None:
    the_plan = specialist_plan(dates=[{"session": 2, "date": D(2019, 11, 12)}])
    cal = calendar_for(tmp_path, the_plan, projects=["19-02", "19-09"])
    [conflict] = run("double-booked", cal)
    assert conflict.severity is Severity.ERROR
    assert set(conflict.event_ids) == {"19-02/outward", "wg-pboro/meeting-2"}
    assert conflict.people == ("pms",)
    assert conflict.dates == (D(2019, 11, 12),)
    assert "Tue 12 Nov 2019" in conflict.message
    # The fix moves the meeting, not the exchange: a school day after the leg, in the same half-term.
    fix = conflict.fix
    assert fix is not None and fix.event_id == "wg-pboro/meeting-2"
    assert not D(2019, 11, 9) <= fix.start.date() <= D(2019, 11, 22)
    assert cal.year.half_term_index(fix.start.date()) == 1
    assert fix.start.date().weekday() == 1  # the same weekday where one is free
    assert fix.start.time() == dt.time(13, 0)
    assert "all attendees and the venue are free" in fix.text


def test_no_double_booking_without_overlap(tmp_path) -> None:
    cal = calendar_for(tmp_path, specialist_plan(), projects=["19-02", "19-09"])
    assert run("double-booked", cal) == []


def test_tentative_dates_are_not_double_bookings(tmp_path) -> None:
    # The MR residential is only "Early October": a local event on its provisional day is a possible clash.
    cal = calendar_for(
        tmp_path, plan(people=[person("mrl", "mrl", attends=["19-11/b-residential"])]), projects=["19-11"]
    )
    day = cal.by_id()["19-11/b-residential"].first_day
    cal2 = calendar_for(
        tmp_path / "2",
        plan(
            people=[person("mrl", "mrl", attends=["19-11/b-residential"])],
            venues=[venue("v")],
            events=[{"id": "x", "title": "Local", "date": day, "time": "13:00-15:00", "venue": "v", "people": ["mrl"]}],
        ),
        projects=["19-11"],
    )
    assert run("double-booked", cal2) == []
    assert len(run("possible-clash", cal2)) == 1


def test_an_event_pasted_many_times_is_one_clash_per_person_and_venue_not_one_per_pair(tmp_path) -> None:
    copies = [
        {"id": f"forum-{n}", "title": "Forum", "date": D(2019, 10, 2), "time": "16:00-17:00", "venue": "v",
         "people": ["a", "b"]}
        for n in range(300)
    ] + [{"id": "other", "title": "Other", "date": D(2019, 10, 2), "time": "16:30-18:00", "people": ["a"]}]
    cal = calendar_for(tmp_path, plan(people=[person("a"), person("b")], venues=[venue("v")], events=copies))
    booked = run("double-booked", cal)
    # The copies clash with each other (both people, as one conflict) and, as a group, with the other event.
    assert sorted(len(c.event_ids) for c in booked) == [300, 301]
    assert "are booked 300 times at once: 'Forum' (Wed 2 Oct 2019 16:00-17:00)" in booked[0].message
    [venue_clash] = run("venue", cal)
    assert len(venue_clash.event_ids) == 300 and "is booked 300 times at once" in venue_clash.message


# --- 2. travel ---------------------------------------------------------------------------------------


def itt_plan(local_time: str, location: str | None = None):
    events = [
        {
            "id": "local",
            "title": "ITT partnership meeting",
            "date": D(2019, 10, 15),
            "time": local_time,
            "people": ["wgl"],
        }
    ]
    if location:
        events[0]["location"] = location
    else:
        events[0]["venue"] = "faculty"
    return plan(
        people=[person("wgl", "wgl", attends=["19-25/nw1"])],
        venues=[venue("faculty", "Cambridge")],
        events=events,
        confirm={"19-25/nw1": {"date": D(2019, 10, 15), "time": "10:00-16:00"}},
        travel={"default_minutes": 90, "times": [{"between": ["Cambridge", "Birmingham"], "minutes": 150}]},
    )


def test_wgl_at_birmingham_workshop_and_cambridge_meeting_the_same_day(tmp_path) -> None:
    cal = calendar_for(tmp_path, itt_plan("17:00-18:30"), projects=["19-25"])
    [conflict] = run("travel", cal)
    assert conflict.event_ids == ("19-25/nw1", "local")
    assert "Birmingham" in conflict.message and "Cambridge" in conflict.message and "150 min" in conflict.message
    assert conflict.fix is not None and conflict.fix.event_id == "local"


def test_enough_time_to_travel(tmp_path) -> None:
    assert run("travel", calendar_for(tmp_path, itt_plan("18:30-20:00"), projects=["19-25"])) == []


def test_online_events_need_no_travel(tmp_path) -> None:
    assert run("travel", calendar_for(tmp_path, itt_plan("16:15-17:00", location="Online"), projects=["19-25"])) == []


def test_an_online_event_between_two_places_does_not_hide_the_journey(tmp_path) -> None:
    the_plan = itt_plan("17:00-18:30")
    the_plan["events"].append(
        {
            "id": "webinar",
            "title": "Webinar",
            "date": D(2019, 10, 15),
            "time": "16:00-16:45",
            "location": "Online",
            "people": ["wgl"],
        }
    )
    [conflict] = run("travel", calendar_for(tmp_path, the_plan, projects=["19-25"]))
    assert conflict.event_ids == ("19-25/nw1", "local")


def test_default_travel_time_between_unlisted_towns(tmp_path) -> None:
    the_plan = itt_plan("17:00-18:00")
    the_plan["travel"] = {"default_minutes": 30}
    assert run("travel", calendar_for(tmp_path, the_plan, projects=["19-25"])) == []


# --- 3. venue ----------------------------------------------------------------------------------------


def local(eid: str, day: dt.date, time: str, venue_id: str = "hall", people=(), headcount=0):
    return {
        "id": eid,
        "title": eid,
        "date": day,
        "time": time,
        "venue": venue_id,
        "people": list(people),
        "headcount": headcount,
    }


def test_venue_booked_twice(tmp_path) -> None:
    the_plan = plan(
        people=[person("a"), person("b")],
        venues=[venue("hall", capacity=50)],
        events=[
            local("one", D(2019, 12, 4), "16:00-18:30", people=["a"]),
            local("two", D(2019, 12, 4), "16:30-18:00", people=["b"]),
        ],
    )
    [conflict] = run("venue", calendar_for(tmp_path, the_plan, projects=[]))
    assert conflict.venue == "hall" and set(conflict.event_ids) == {"one", "two"}
    assert conflict.fix is not None


def test_venue_over_capacity(tmp_path) -> None:
    the_plan = plan(
        people=[person("a")],
        venues=[venue("hall", capacity=20)],
        events=[local("big", D(2019, 12, 4), "16:00-18:00", people=["a"], headcount=25)],
    )
    [conflict] = run("venue", calendar_for(tmp_path, the_plan, projects=[]))
    assert "holds 20" in conflict.message and "26 people" in conflict.message


def test_venue_used_at_different_times_is_fine(tmp_path) -> None:
    the_plan = plan(
        people=[person("a")],
        venues=[venue("hall", capacity=20)],
        events=[
            local("am", D(2019, 12, 4), "09:00-12:00", people=["a"]),
            local("pm", D(2019, 12, 4), "12:00-15:00", people=["a"]),
        ],
    )
    assert run("venue", calendar_for(tmp_path, the_plan, projects=[])) == []


# --- 4. outside term time ----------------------------------------------------------------------------


def test_meeting_in_the_october_half_term(tmp_path) -> None:
    cal = calendar_for(
        tmp_path, specialist_plan(dates=[{"session": 2, "date": D(2019, 10, 23)}]), projects=["19-02", "19-09"]
    )
    [conflict] = run("outside-term-time", cal)
    assert conflict.event_ids == ("wg-pboro/meeting-2",)
    assert "October half-term" in conflict.message
    assert conflict.fix is not None and cal.year.is_school_day(conflict.fix.start.date())


def test_weekend_bank_holiday_and_closure(tmp_path) -> None:
    the_plan = plan(
        people=[person("a")],
        venues=[venue("hall")],
        closures=[{"date": D(2020, 1, 6), "reason": "INSET"}],
        events=[
            local("sat", D(2019, 11, 16), "10:00-12:00"),
            local("ve-day", D(2020, 5, 8), "10:00-12:00"),
            local("inset", D(2020, 1, 6), "10:00-12:00"),
            local("fine", D(2020, 1, 7), "10:00-12:00"),
        ],
    )
    found = {c.event_ids[0]: c.message for c in run("outside-term-time", calendar_for(tmp_path, the_plan, []))}
    assert set(found) == {"sat", "ve-day", "inset"}
    assert "Saturday" in found["sat"]
    assert "bank holiday" in found["ve-day"]
    assert "closure" in found["inset"]


def test_national_events_are_not_the_hubs_to_move(tmp_path) -> None:
    # The exchange leg spans two weekends: that is the programme's choice, not a hub error.
    cal = calendar_for(tmp_path, specialist_plan(), projects=["19-02", "19-09"])
    assert run("outside-term-time", cal) == []


# --- 5. cadence --------------------------------------------------------------------------------------


def test_half_term_with_no_meeting(tmp_path) -> None:
    cal = calendar_for(
        tmp_path,
        specialist_plan(dates=[{"session": 4, "date": D(2020, 1, 15), "cancelled": True}]),
        projects=["19-02", "19-09"],
    )
    messages = [c.message for c in run("cadence", cal)]
    assert any("no meeting in Spring 2" in m for m in messages), messages


def test_every_empty_half_term_is_reported(tmp_path) -> None:
    cancelled = [{"session": n, "date": D(2019, 9, 1), "cancelled": True} for n in (2, 5)]
    cal = calendar_for(tmp_path, specialist_plan(dates=cancelled), projects=["19-02", "19-09"])
    empty = sorted(c.message.split(" no meeting in ")[1][:8] for c in run("cadence", cal) if "no meeting" in c.message)
    assert empty == ["Autumn 2", "Summer 1"]
    from mh_planner.rules import check

    assert len([c for c in check(cal, ["cadence"]) if "no meeting" in c.message]) == 2


def test_two_meetings_in_one_half_term(tmp_path) -> None:
    cal = calendar_for(
        tmp_path, specialist_plan(dates=[{"session": 2, "date": D(2019, 10, 9)}]), projects=["19-02", "19-09"]
    )
    found = run("cadence", cal)
    two = [c for c in found if "2 meetings in Autumn 1" in c.message]
    assert two and two[0].severity is Severity.WARNING
    assert any("no meeting in Autumn 2" in c.message and c.severity is Severity.ERROR for c in found)


def test_school_missing_its_termly_visit(tmp_path) -> None:
    cal = calendar_for(tmp_path, specialist_plan(visits=None), projects=["19-02", "19-09"])
    found = [c for c in run("cadence", cal) if "visit" in c.message]
    assert len(found) == 3  # one per school
    assert "Autumn, Spring, Summer" in found[0].message


def test_fewer_sessions_than_the_project_requires(tmp_path) -> None:
    # NCP 19-13: "we advocate no less than 3 workshops".
    wg = {
        "id": "wg-int",
        "project": "19-13",
        "name": "Intervention",
        "lead": "pms",
        "venue": "orton",
        "dates": [{"session": 1, "date": D(2019, 11, 6)}, {"session": 2, "date": D(2020, 2, 5)}],
    }
    the_plan = plan(people=[person("pms", "wgl")], venues=[venue("orton")], work_groups=[wg])
    found = run("cadence", calendar_for(tmp_path, the_plan, projects=["19-13"]))
    assert any("has 2 session(s)" in c.message and "at least 3" in c.message for c in found), found


def test_a_well_kept_cadence_is_quiet(tmp_path) -> None:
    assert run("cadence", calendar_for(tmp_path, specialist_plan(), projects=["19-02", "19-09"])) == []


# --- 6. time budget ----------------------------------------------------------------------------------


def test_person_over_their_release_days(tmp_path) -> None:
    the_plan = specialist_plan()
    the_plan["people"][0]["allowance_days"] = 5
    [conflict] = run("time-budget", calendar_for(tmp_path, the_plan, projects=["19-02", "19-09"]))
    # 6 half-day TRGs + 9 visits of 2.5 hours = 7.5 days; the exchange is funded separately.
    assert "committed to 7.5 days in all but has 5" in conflict.message


def test_role_budget_from_the_programme(tmp_path) -> None:
    # A Mastery Readiness Lead has "approximately 30 days" (19-11 L1438), counted from 19-11's events.
    wg = {
        "id": "mr",
        "project": "19-11",
        "name": "MR",
        "lead": "mrl",
        "venue": "v",
        "schools": ["s1", "s2", "s3"],
        "meetings": {"every": "half-term", "weekday": "wednesday", "week": 2, "time": "09:00-16:00"},
        "visits": {"every": "half-term", "weekday": "friday", "week": 1, "time": "09:00-16:00"},
    }
    extra = [
        {"id": f"e{i}", "title": "extra day", "date": D(2020, 3, 2) + dt.timedelta(days=i), "people": ["mrl"],
         "project": "19-11"}
        for i in range(8)
    ]
    the_plan = plan(
        people=[person("mrl", "mrl")], venues=[venue("v")], schools=schools(), work_groups=[wg], events=extra
    )
    [conflict] = run("time-budget", calendar_for(tmp_path, the_plan, projects=["19-11"]))
    assert "has approximately 30" in conflict.message and "Mastery Readiness Lead" in conflict.message
    assert conflict.severity is Severity.WARNING  # approximate: a warning


# --- 7. attendance -----------------------------------------------------------------------------------


def test_wgl_attending_none_of_the_national_workshops(tmp_path) -> None:
    wg = {
        "id": "itt",
        "project": "19-25",
        "name": "ITT",
        "lead": "wgl",
        "venue": "v",
        "meetings": {"every": "term", "weekday": "tuesday", "week": 3},
    }
    the_plan = plan(people=[person("wgl", "wgl")], venues=[venue("v")], work_groups=[wg])
    found = run("attendance", calendar_for(tmp_path, the_plan, projects=["19-25"]))
    assert [c.severity for c in found] == [Severity.WARNING]
    assert "attends none of the 3 national workshops of NCP 19-25" in found[0].message
    the_plan["people"][0]["attends"] = ["19-25/nw2"]
    assert run("attendance", calendar_for(tmp_path / "2", the_plan, projects=["19-25"])) == []


def test_required_project_with_no_work_group(tmp_path) -> None:
    found = run("attendance", calendar_for(tmp_path, plan(), projects=["19-09", "19-12", "19-01"]))
    # 19-09 is required; 19-12 is not; 19-01 is a programme (people trained centrally), not run by hubs.
    assert len(found) == 1 and "NCP 19-09" in found[0].message and found[0].severity is Severity.ERROR


# --- 8. possible clash -------------------------------------------------------------------------------


def test_local_event_inside_an_undated_window_warns(tmp_path) -> None:
    the_plan = plan(
        people=[person("mrl", "mrl", attends=["19-11/b-residential"])],
        venues=[venue("v")],
        events=[local("launch", D(2019, 10, 2), "13:00-15:00", "v", people=["mrl"])],
    )
    [conflict] = run("possible-clash", calendar_for(tmp_path, the_plan, projects=["19-11"]))
    assert conflict.severity is Severity.WARNING
    assert "Early October" in conflict.message and conflict.event_ids == ("19-11/b-residential", "launch")
    # Once the date is announced the warning goes (and, if it is another day, there is no clash at all).
    the_plan["confirm"] = {"19-11/b-residential": {"date": D(2019, 10, 8), "end_date": D(2019, 10, 9)}}
    cal = calendar_for(tmp_path / "2", the_plan, projects=["19-11"])
    assert run("possible-clash", cal) == [] and run("double-booked", cal) == []


def test_event_outside_the_window_is_quiet(tmp_path) -> None:
    the_plan = plan(
        people=[person("mrl", "mrl", attends=["19-11/b-residential"])],
        venues=[venue("v")],
        events=[local("later", D(2019, 10, 16), "13:00-15:00", "v", people=["mrl"])],
    )
    assert run("possible-clash", calendar_for(tmp_path, the_plan, projects=["19-11"])) == []


# --- 9. order ----------------------------------------------------------------------------------------


def test_residential_2_before_residential_1(tmp_path) -> None:
    the_plan = plan(
        people=[person("sms", "secondary-mastery-specialist", attends=["19-04/*"])],
        confirm={
            "19-04/y1-residential-1": {"date": D(2020, 3, 12), "end_date": D(2020, 3, 13)},
            "19-04/y1-residential-2": {"date": D(2019, 10, 10), "end_date": D(2019, 10, 11)},
        },
    )
    found = run("order", calendar_for(tmp_path, the_plan, projects=["19-04"]))
    assert any(c.severity is Severity.ERROR and "comes before session 1" in c.message for c in found), found


def test_gap_task_time_between_sessions(tmp_path) -> None:
    root_plan = plan(
        people=[person("w", "wgl", attends=["19-18/*"])],
        confirm={"19-18/f2f-1": {"date": D(2019, 9, 18)}, "19-18/f2f-2": {"date": D(2019, 9, 25)}},
    )
    cal = calendar_for(tmp_path, root_plan, projects=["19-18"])
    first = cal.by_id()["19-18/f2f-1"]
    first.min_gap_days = 14  # gap tasks need a fortnight
    found = run("order", cal)
    assert any(c.severity is Severity.WARNING and "gap task" in c.message for c in found), found
