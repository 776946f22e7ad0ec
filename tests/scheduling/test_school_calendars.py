"""Where the scheduler may put an event, on the same calendars the checker reads (`loading.calendars`): a
visit on its school's, a meeting on its venue's and every school's of the group (at each venue it may use),
a one-off event on its own; inside the academic year, and face to face only when the plans allow it. What the
candidates let through anyway, the checker drops: a proposal is never shown unless `rules.check` accepts it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar, Event
from mh_planner.loading import load
from mh_planner.rules import Severity, check
from mh_planner.scheduling import place_year, proposals, sessions, suggest_times
from mh_planner.scheduling.placement import Slot
from mh_planner.scheduling.problem import event_at, slot_of
from mh_planner.scheduling.verify import verdict, with_events
from tests.builders import build, calendar_for, person, plan

D = dt.date
TERM_TUESDAYS_LEFT = 30  # enough to list every candidate of a term
PROJECT = "19-10"


def hub(**extra: Any) -> dict[str, Any]:
    """A Cambridgeshire hub with a Peterborough school (Eye) and a Cambridge one (Histon); a hall in Cambridge
    and Orton Wistow in Peterborough (on Peterborough's calendar: it is Eye's site)."""
    parts: dict[str, Any] = {
        "calendar": "cambridgeshire",
        "people": [person("pms", "primary-mastery-specialist", "wgl", allowance_days=60)],
        "venues": [
            {"id": "hall", "name": "Comberton hall", "town": "Cambridge"},
            {"id": "orton", "name": "Orton Wistow Primary School", "town": "Peterborough", "school": "eye-pri"},
        ],
        "schools": [
            {"id": "eye-pri", "name": "Eye Primary School", "town": "Peterborough", "calendar": "peterborough"},
            {"id": "histon-jun", "name": "Histon Junior School", "town": "Cambridge"},
        ],
    }
    parts.update(extra)
    return plan(**parts)


def group(schools: list[str], **extra: Any) -> dict[str, Any]:
    """A Primary TfM Embedding group (19-10: no cadence set, so a termly meeting is the plan's choice)."""
    base = {"id": "wg", "project": PROJECT, "name": "TfM", "lead": "pms", "schools": schools, "venue": "hall"}
    base.update(extra)
    return base


def days_of(calendar: Calendar, event_id: str, **kwargs: Any) -> list[dt.date]:
    found = suggest_times(calendar, event_id, limit=TERM_TUESDAYS_LEFT, **kwargs)
    assert found.refused == 0 and found.proposals, found.explanation
    return [p.start.date() for p in found.proposals]


def test_a_peterborough_visit_is_not_proposed_in_peterborough_s_easter_a_cambridgeshire_one_is(tmp_path: Path) -> None:
    visits = [  # spring visits on two Tuesdays of term everywhere
        {"school": "eye-pri", "term": "Spring", "date": D(2020, 3, 24)},
        {"school": "histon-jun", "term": "Spring", "date": D(2020, 3, 17)},
    ]
    wg = group(["eye-pri", "histon-jun"], dates=[{"session": 1, "date": D(2020, 1, 14)}],
               visits={"every": "term", "weekday": "tuesday", "week": 2}, visit_dates=visits)  # fmt: skip
    calendar = calendar_for(tmp_path, hub(work_groups=[wg]), projects=[PROJECT])
    eye = days_of(calendar, "wg/visit-eye-pri-spring")
    histon = days_of(calendar, "wg/visit-histon-jun-spring")
    # Tue 31 Mar 2020: Peterborough's Easter holiday (from Mon 30 Mar), Cambridgeshire's term (to Wed 1 Apr).
    assert D(2020, 3, 31) not in eye and D(2020, 3, 31) in histon
    # Peterborough's spring term ends on Fri 27 Mar; on the 17th the lead is at Histon, on the 24th at Eye.
    assert max(eye) == D(2020, 3, 10) and max(histon) == D(2020, 3, 31)
    year = calendar.year_of(calendar.by_id()["wg/visit-eye-pri-spring"])
    assert all(year.is_school_day(day) for day in eye)


def test_a_meeting_is_not_proposed_in_the_october_half_term_nor_on_a_school_s_closure_day(tmp_path: Path) -> None:
    """A termly meeting: its period (the autumn term) holds the half-term, 21-25 Oct 2019 on every calendar
    of the sample hub. Histon closes on Tue 8 Oct (its INSET day): the hall is open, the school is not."""
    schools = hub()["schools"]
    schools[1] = {**schools[1], "closures": [{"date": D(2019, 10, 8), "reason": "INSET day"}]}
    meetings = {"every": "term", "weekday": "tuesday", "week": 6, "time": "13:00-16:00"}
    wg = group(["eye-pri", "histon-jun"], meetings=meetings, dates=[{"session": 1, "date": D(2019, 10, 15)}])
    calendar = calendar_for(tmp_path, hub(schools=schools, work_groups=[wg]), projects=[PROJECT])
    found = days_of(calendar, "wg/meeting-1")
    assert not [day for day in found if D(2019, 10, 21) <= day <= D(2019, 10, 25)]
    assert D(2019, 10, 8) not in found
    assert found[:2] == [D(2019, 10, 1), D(2019, 10, 29)]  # two weeks either side: the nearest open Tuesdays


def test_a_meeting_at_another_venue_keeps_that_venue_s_calendar(tmp_path: Path) -> None:
    """Its alternative venue is in Peterborough: on Tue 31 Mar 2020 the meeting may be at the hall (Cambridge
    and Histon are at school) but not at Orton Wistow (Peterborough's Easter)."""
    meetings = {"every": "term", "weekday": "tuesday", "week": 2, "time": "13:00-16:00"}
    wg = group(["histon-jun"], meetings=meetings, alternative_venues=["orton"])
    calendar = calendar_for(tmp_path, hub(work_groups=[wg]), projects=[PROJECT])
    found = suggest_times(calendar, "wg/meeting-2", limit=100)
    assert found.refused == 0
    on_31 = {p.venue for p in found.proposals if p.start.date() == D(2020, 3, 31)}
    assert on_31 == {"hall"}
    assert {p.venue for p in found.proposals} == {"hall", "orton"}  # Orton on days Peterborough is at school
    # The checker agrees: moved to Orton that day, the meeting concerns Peterborough's calendar.
    meeting = calendar.by_id()["wg/meeting-2"]
    slot = slot_of(meeting)
    moved = event_at(calendar, meeting, Slot(D(2020, 3, 31), slot.start, slot.end, "@orton", "Peterborough"))
    assert "peterborough" in (moved.calendar or "")
    new = verdict(check(calendar), with_events(calendar, {moved.id: moved})).new
    assert [c.rule for c in new] == ["outside-term-time"] and "Peterborough City Council" in new[0].message


# --- 2020/21: face to face only from the October half-term --------------------------------------------

FACE_TO_FACE = {"from": "october-half-term", "text": "no face to face meetings before October half term 2020"}


def year_2020(tmp_path: Path, **extra: Any) -> Calendar:
    """The 2020/21 programme (its Primary TfM Development project) and the Cambridge hub's rule."""
    for wg in extra.get("work_groups", []):
        wg["project"] = "primary-tfm-development"
    return assemble(load(build(tmp_path, hub(year="2020/21", face_to_face=FACE_TO_FACE, **extra), year="2020-21")))


def test_an_online_meeting_stays_online_and_may_be_before_the_october_half_term(tmp_path: Path) -> None:
    meetings = {"every": "half-term", "weekday": "tuesday", "week": 3, "time": "13:00-16:00", "mode": "online"}
    calendar = year_2020(tmp_path, work_groups=[group(["histon-jun"], meetings=meetings)])
    found = suggest_times(calendar, "wg/meeting-1", limit=5)
    assert found.refused == 0 and len(found.proposals) == 5
    assert all(p.venue is None and p.place == "Online" for p in found.proposals)
    assert all(p.start.date() < D(2020, 10, 26) for p in found.proposals)  # Autumn 1: before the half-term


def test_a_face_to_face_event_is_offered_no_day_before_the_rule_allows(tmp_path: Path) -> None:
    briefing = {"id": "briefing", "title": "Briefing", "date": D(2020, 11, 2), "time": "09:30-12:00", "venue": "hall",
                "people": ["pms"]}  # fmt: skip
    calendar = year_2020(tmp_path, events=[briefing])
    found = days_of(calendar, "briefing")
    assert min(found) == D(2020, 11, 3)  # the half-term (26-30 Oct) opens it; before, face to face is refused


def test_a_face_to_face_meeting_with_no_day_allowed_in_its_half_term_stays_and_says_why(tmp_path: Path) -> None:
    """Autumn 1 2020 ends before face to face is allowed: its meeting has no open day. The year is placed
    around it (it stays, and the placement says why); asked for it alone, the answer says why too."""
    meetings = {"every": "half-term", "weekday": "tuesday", "week": 3, "time": "13:00-16:00"}
    calendar = year_2020(tmp_path, work_groups=[group(["histon-jun"], meetings=meetings)])
    why = "No day of Autumn 1 is open to 'TfM: meeting 1' (face to face only from October half-term 2020"
    placed = place_year(calendar)
    assert placed.ok and placed.placed == 5 and len(placed.not_repaired) == 1
    assert placed.not_repaired[0].startswith(why) and "make it online" in placed.not_repaired[0]
    assert "wg/meeting-1" not in {m.event_id for m in placed.moves}
    found = suggest_times(calendar, "wg/meeting-1")
    assert not found.proposals and (found.explanation or "").startswith(why)
    assert suggest_times(calendar, "wg/meeting-2").proposals  # Autumn 2: after the half-term, face to face


BRIEFING_2020 = {"id": "briefing", "title": "Briefing", "date": D(2020, 11, 2), "time": "09:30-12:00", "venue": "hall",
                 "people": ["pms"]}  # fmt: skip
LAUNCH_2019 = {"id": "launch", "title": "Launch", "date": D(2019, 9, 4), "time": "16:00-17:30", "venue": "hall",
               "people": ["pms"]}  # fmt: skip


@pytest.mark.parametrize(
    ("year", "event", "extra", "rule", "limit"),
    [
        # Thu 22, Fri 23 Oct 2020: term time, but face to face before the October half-term (ranked among
        # the ten nearest days: 10 and 11 days away).
        ("2020", BRIEFING_2020, (D(2020, 10, 22), D(2020, 10, 23)), "face-to-face", 10),
        # Fri 30 Aug 2019: another academic year; Mon 2 and Tue 3 Sep: the summer holiday still.
        ("2019", LAUNCH_2019, (D(2019, 8, 30), D(2019, 9, 2), D(2019, 9, 3)), "outside-", 4),
    ],
)
def test_a_candidate_the_checker_refuses_is_dropped_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, year: str, event: dict[str, Any], extra: tuple[dt.date, ...],
    rule: str, limit: int,
) -> None:  # fmt: skip
    """Candidates that let through days the rules refuse (as if the candidates forgot a rule): the checker
    drops each of them, and what is shown is only what it accepts."""
    if year == "2020":
        calendar = year_2020(tmp_path, events=[event])
    else:
        calendar = calendar_for(tmp_path, hub(events=[event]), projects=[PROJECT])
    assert not [c for c in check(calendar) if c.severity is Severity.ERROR and event["id"] in c.event_ids]

    def leaky(calendar: Calendar, target: Event) -> sessions.Candidates:
        found = sessions.candidates(calendar, target)
        return dataclasses.replace(found, days=tuple(sorted({*found.days, *extra})))

    monkeypatch.setattr(proposals, "candidates", leaky)
    found = suggest_times(calendar, event["id"], limit=limit)
    assert found.refused == len(extra) and len(found.proposals) == limit
    assert not {p.start.date() for p in found.proposals} & set(extra)
    moved = event_at(calendar, calendar.by_id()[event["id"]], slot_of(calendar.by_id()[event["id"]]))
    for day in extra:  # each refused for the rule it breaks
        there = dataclasses.replace(moved, start=dt.datetime.combine(day, moved.start.time()),
                                    end=dt.datetime.combine(day, moved.end.time()))  # fmt: skip
        new = verdict(check(calendar), with_events(calendar, {there.id: there})).new
        assert new and all(c.rule.startswith(rule) for c in new), (day, [c.rule for c in new])
