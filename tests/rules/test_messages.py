"""Conflicts said so that they can be told apart and read: a date outside the year said so, days unpadded."""

from __future__ import annotations

import datetime as dt
import re

from mh_planner.rules import BY_NAME, Index
from mh_planner.scheduling import check
from tests.builders import calendar_for, person, plan, venue

D = dt.date


def test_a_date_outside_the_year_is_said_to_be_so_not_only_a_saturday(tmp_path) -> None:
    event = {"id": "late", "title": "Late", "date": D(2020, 9, 5), "time": "10:00-12:00", "venue": "hall",
             "people": ["a"]}
    cal = calendar_for(tmp_path, plan(people=[person("a")], venues=[venue("hall")], events=[event]), [])
    messages = [c.message for c in check(cal)]
    assert any("Sat 5 Sep 2020" in m and "outside the academic year 2019/20" in m for m in messages), messages
    assert not any("a Saturday" in m for m in messages)


def test_days_are_not_zero_padded(tmp_path) -> None:
    event = {"id": "sat", "title": "Sat", "date": D(2019, 11, 2), "time": "10:00-12:00", "venue": "hall",
             "people": ["a"]}
    cal = calendar_for(tmp_path, plan(people=[person("a")], venues=[venue("hall")], events=[event]), [])
    [conflict] = BY_NAME["outside-term-time"].check(cal, Index.build(cal))
    assert "falls on Sat 2 Nov 2019, a Saturday" in conflict.message and " 02 " not in conflict.message


def test_a_half_term_with_no_meeting_gives_its_dates_unpadded(tmp_path) -> None:
    from tests.rules.test_rules import specialist_plan

    cancelled = [{"session": 2, "date": D(2019, 9, 1), "cancelled": True}]
    cal = calendar_for(tmp_path, specialist_plan(dates=cancelled), projects=["19-02", "19-09"])
    messages = [c.message for c in BY_NAME["cadence"].check(cal, Index.build(cal))]
    periods = [m[m.rindex("(") :] for m in messages if "has no meeting in" in m]
    assert periods and all(re.fullmatch(r"\([1-9]\d? [A-Z][a-z]{2}-[1-9]\d? [A-Z][a-z]{2} \d{4}\)", p) for p in periods)
