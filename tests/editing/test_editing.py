"""Editing a plan through `Planner`: what each edit writes into the YAML, validation, undo/redo, preview."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from mh_planner.editing import EditError, Planner
from mh_planner.problems import InvalidData
from mh_planner.rules import Severity
from tests.builders import DATA

D = dt.datetime
SAMPLE_ERRORS = [
    ("double-booked", ("19-02/outward", "wg-peterborough/meeting-2")),
    ("travel", ("19-25/nw1", "wg-itt/meeting-1")),
    ("venue", ("llme-cambridge/meeting-1", "sl-session-dec")),
    ("outside-term-time", ("leaders-briefing",)),
]


@pytest.fixture
def planner(tmp_path: Path) -> Planner:
    shutil.copytree(DATA, tmp_path / "data")
    return Planner(tmp_path / "data")


def text(planner: Planner) -> str:
    return planner._state.files[0].text


def changes(before: str, after: str) -> list[str]:
    """The changed lines, as '-old' and '+new'."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def keys(planner: Planner) -> set[tuple]:
    return {c.key for c in planner.conflicts}


def when(planner: Planner, event_id: str) -> tuple[D, D]:
    event = planner.calendar.by_id()[event_id]
    return event.start, event.end


# --- each edit and the YAML it writes ------------------------------------------------------------


def test_move_local_event_writes_its_date(planner: Planner) -> None:
    before = text(planner)
    planner.move_event("leaders-briefing", D(2019, 11, 6, 9, 30), D(2019, 11, 6, 12))
    assert changes(before, text(planner)) == ["-    date: 2019-10-23", "+    date: 2019-11-06"]
    assert when(planner, "leaders-briefing") == (D(2019, 11, 6, 9, 30), D(2019, 11, 6, 12))
    assert planner.dirty


def test_move_local_event_to_new_times_and_all_day(planner: Planner) -> None:
    before = text(planner)
    planner.move_event("leaders-briefing", D(2019, 11, 6, 14), D(2019, 11, 6, 15, 30))
    assert changes(before, text(planner)) == [
        "-    date: 2019-10-23",
        '-    time: "09:30-12:00"',
        "+    date: 2019-11-06",
        '+    time: "14:00-15:30"',
    ]
    # Midnight to midnight is all day: the time goes, a second day is an end_date.
    planner.move_event("leaders-briefing", D(2019, 11, 6), D(2019, 11, 8))
    event = planner.calendar.by_id()["leaders-briefing"]
    assert event.all_day and (event.first_day, event.last_day) == (dt.date(2019, 11, 6), dt.date(2019, 11, 7))
    assert "    end_date: 2019-11-07" in text(planner).splitlines()
    assert '    time: "14:00-15:30"' not in text(planner)


def test_move_meeting_adds_a_dates_entry_with_only_what_differs(planner: Planner) -> None:
    before = text(planner)
    planner.move_event("wg-peterborough/meeting-2", D(2019, 11, 5, 13), D(2019, 11, 5, 16))
    assert changes(before, text(planner)) == ["+    dates:", "+      - {session: 2, date: 2019-11-05}"]
    planner.move_event("wg-peterborough/meeting-3", D(2020, 1, 15, 9), D(2020, 1, 15, 12))
    assert '      - {session: 3, date: 2020-01-15, time: "09:00-12:00"}' in text(planner).splitlines()
    assert when(planner, "wg-peterborough/meeting-3") == (D(2020, 1, 15, 9), D(2020, 1, 15, 12))


def test_move_meeting_updates_its_existing_dates_entry(planner: Planner) -> None:
    before = text(planner)
    planner.move_event("wg-itt/meeting-1", D(2019, 10, 22, 17), D(2019, 10, 22, 18, 30))
    assert changes(before, text(planner)) == [
        '-      - {session: 1, date: 2019-10-15, time: "17:00-18:30"}',
        '+      - {session: 1, date: 2019-10-22, time: "17:00-18:30"}',
    ]


def test_meeting_cannot_span_days(planner: Planner) -> None:
    with pytest.raises(EditError, match="same day"):
        planner.move_event("wg-itt/meeting-1", D(2019, 10, 22, 17), D(2019, 10, 23, 9))


def test_move_visit_writes_visit_dates(planner: Planner) -> None:
    before = text(planner)
    planner.move_event("wg-peterborough/visit-eye-pri-autumn", D(2019, 11, 15, 10), D(2019, 11, 15, 12))
    assert changes(before, text(planner)) == [
        "+    visit_dates:",
        '+      - {school: eye-pri, term: Autumn, date: 2019-11-15, time: "10:00-12:00"}',
    ]
    assert when(planner, "wg-peterborough/visit-eye-pri-autumn") == (D(2019, 11, 15, 10), D(2019, 11, 15, 12))
    # Moving it again updates that entry.
    planner.move_event("wg-peterborough/visit-eye-pri-autumn", D(2019, 11, 22, 10), D(2019, 11, 22, 12))
    assert text(planner).count("school: eye-pri") == 1


def test_half_termly_visit_stays_in_its_half_term(planner: Planner) -> None:
    visit = "wg-mastery-readiness/visit-kinderley-pri-autumn1"
    with pytest.raises(EditError, match="Autumn 1"):
        planner.move_event(visit, D(2019, 11, 15, 9), D(2019, 11, 15, 12))
    planner.move_event(visit, D(2019, 9, 20, 9), D(2019, 9, 20, 12))
    assert "      - {school: kinderley-pri, term: Autumn, date: 2019-09-20}" in text(planner).splitlines()


def test_central_events_and_exchange_legs_are_not_movable(planner: Planner) -> None:
    with pytest.raises(EditError, match="confirm their date instead"):
        planner.move_event("19-11/b-residential", D(2019, 11, 6, 10), D(2019, 11, 6, 16))
    with pytest.raises(EditError, match="exchange"):
        planner.move_event("19-02/outward", D(2019, 11, 6), D(2019, 11, 7))


def test_confirm_central_writes_the_confirm_map(planner: Planner) -> None:
    assert planner.calendar.by_id()["19-11/b-residential"].tentative
    before = text(planner)
    planner.confirm_central("19-11/b-residential", dt.date(2019, 11, 20), dt.date(2019, 11, 21))
    assert changes(before, text(planner)) == ['+  "19-11/b-residential": {date: 2019-11-20, end_date: 2019-11-21}']
    event = planner.calendar.by_id()["19-11/b-residential"]
    assert not event.tentative and (event.first_day, event.last_day) == (dt.date(2019, 11, 20), dt.date(2019, 11, 21))
    # Confirming again rewrites that entry: the end date goes, a time comes.
    planner.confirm_central("19-11/b-residential", dt.date(2019, 11, 19), time="10:00-15:00")
    assert '  "19-11/b-residential": {date: 2019-11-19, time: "10:00-15:00"}' in text(planner).splitlines()
    assert when(planner, "19-11/b-residential") == (D(2019, 11, 19, 10), D(2019, 11, 19, 15))


def test_confirm_gives_an_undated_central_event_its_date(planner: Planner) -> None:
    assert any(e.id == "19-03/shanghai-showcase" for e in planner.calendar.undated)
    planner.confirm_central("19-03/shanghai-showcase", dt.date(2020, 3, 12))
    assert planner.calendar.by_id()["19-03/shanghai-showcase"].first_day == dt.date(2020, 3, 12)


def test_confirm_refuses_what_cannot_be_confirmed(planner: Planner) -> None:
    with pytest.raises(EditError, match="exchange"):
        planner.confirm_central("19-02/outward", dt.date(2019, 11, 9))
    with pytest.raises(EditError, match="move it instead"):
        planner.confirm_central("leaders-briefing", dt.date(2019, 11, 6))
    with pytest.raises(EditError, match="before the first day"):
        planner.confirm_central("19-11/b-residential", dt.date(2019, 11, 20), dt.date(2019, 11, 19))
    with pytest.raises(EditError, match="time"):
        planner.confirm_central("19-11/b-residential", dt.date(2019, 11, 20), time="lunchtime")
    assert not planner.can_undo


def test_add_local_event(planner: Planner) -> None:
    before = text(planner)
    new_id = planner.add_local_event(
        "ee2",
        title="Year 6 transition forum",
        day=dt.date(2020, 6, 10),
        time="15:30-17:00",
        venue="comberton",
        people=["hmarsh", "tashby"],
        project="19-09",
    )
    assert new_id == "year-6-transition-forum"
    assert changes(before, text(planner)) == [
        "+  - id: year-6-transition-forum",
        "+    title: Year 6 transition forum",
        '+    project: "19-09"',
        "+    date: 2020-06-10",
        '+    time: "15:30-17:00"',
        "+    venue: comberton",
        "+    people: [hmarsh, tashby]",
    ]
    event = planner.calendar.by_id()[new_id]
    assert event.attendees == ("hmarsh", "tashby") and event.start == D(2020, 6, 10, 15, 30)
    # The new event goes after the last one, above the comment that introduces `confirm:`.
    lines = text(planner).splitlines()
    assert lines.index("    people: [hmarsh, tashby]") < lines.index(
        "# Dates the national Maths Hub calendar has announced since the catalogue was printed."
    )
    again = planner.add_local_event(
        "ee2", title="Year 6 transition forum", day=dt.date(2020, 6, 17), time=None, venue=None, people=[]
    )
    assert again == "year-6-transition-forum-2"
    assert planner.calendar.by_id()[again].all_day


def test_add_to_unknown_hub(planner: Planner) -> None:
    with pytest.raises(EditError, match="no plan for hub"):
        planner.add_local_event("sw1", title="x", day=dt.date(2020, 1, 8), time=None, venue=None, people=[])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"time": "25:00-26:00"}, "events\\[3\\].time: impossible time"),
        ({"venue": "nowhere"}, "no venue 'nowhere'"),
        ({"people": ["nobody"]}, "no person 'nobody'"),
        ({"end_day": dt.date(2020, 1, 1)}, "before date"),
        ({"project": "99-99"}, "no project '99-99'"),
    ],
)
def test_invalid_edit_raises_and_changes_nothing(planner: Planner, fields: dict, message: str) -> None:
    state, before = planner._state, text(planner)
    args = {"title": "Bad", "day": dt.date(2020, 1, 8), "time": None, "venue": None, "people": [], **fields}
    with pytest.raises(EditError, match=message) as raised:
        planner.add_local_event("ee2", **args)
    assert raised.value.problems
    assert planner._state is state and text(planner) == before
    assert not planner.dirty and not planner.can_undo


def test_duplicate_local_event(planner: Planner) -> None:
    new_id = planner.duplicate_event("hub-launch", dt.date(2020, 1, 15))
    assert new_id == "hub-launch-2"
    copy, original = planner.calendar.by_id()[new_id], planner.calendar.by_id()["hub-launch"]
    assert copy.start == D(2020, 1, 15, 16) and copy.attendees == original.attendees
    assert copy.headcount == original.headcount and copy.venue == original.venue
    assert planner.duplicate_event("hub-launch-2", dt.date(2020, 1, 22)) == "hub-launch-3"


def test_duplicate_meeting_and_visit_are_local_events_of_the_group(planner: Planner) -> None:
    meeting = planner.duplicate_event("wg-huntingdon/meeting-2", dt.date(2019, 11, 26))
    event = planner.calendar.by_id()[meeting]
    assert (event.work_group, event.venue, event.start) == ("wg-huntingdon", "thongsley", D(2019, 11, 26, 13))
    visit = planner.duplicate_event("wg-huntingdon/visit-ramsey-pri-spring", dt.date(2020, 2, 7))
    event = planner.calendar.by_id()[visit]
    assert (event.kind, event.attendees, event.place) == ("visit", ("spatel",), "Huntingdon")
    with pytest.raises(EditError, match="central"):
        planner.duplicate_event("19-11/b-residential", dt.date(2020, 2, 7))


def test_delete_local_event_keeps_the_comments_around_it(planner: Planner) -> None:
    before = text(planner)
    planner.delete_event("hub-launch")
    removed = changes(before, text(planner))
    assert removed[0] == "-  - id: hub-launch" and all(line.startswith("-    ") for line in removed[1:])
    assert "hub-launch" not in planner.calendar.by_id()
    assert "# Dates the national Maths Hub calendar" in text(planner)


def test_delete_series_meeting_cancels_its_session(planner: Planner) -> None:
    before = text(planner)
    planner.delete_event("wg-kings-lynn/meeting-6")
    assert changes(before, text(planner)) == ["+    dates:", "+      - {session: 6, date: 2020-06-17, cancelled: true}"]
    assert "wg-kings-lynn/meeting-6" not in planner.calendar.by_id()
    before = text(planner)
    planner.delete_event("wg-south-cambs/meeting-4")
    assert changes(before, text(planner)) == [
        "-      - {session: 4, date: 2020-03-19}",
        "+      - {session: 4, date: 2020-03-19, cancelled: true}",
    ]


def test_delete_refuses_central_events_and_pattern_visits(planner: Planner) -> None:
    with pytest.raises(EditError, match="cannot be deleted"):
        planner.delete_event("19-11/b-residential")
    with pytest.raises(EditError, match="pattern"):
        planner.delete_event("wg-huntingdon/visit-ramsey-pri-spring")


def test_delete_series(planner: Planner) -> None:
    linked = planner.duplicate_event("wg-huntingdon/meeting-2", dt.date(2019, 11, 26))
    planner.delete_series("wg-huntingdon")
    ids = planner.calendar.by_id()
    assert not any(i.startswith("wg-huntingdon/") for i in ids)
    assert ids[linked].work_group is None  # kept, unlinked
    assert "- id: wg-huntingdon\n" not in text(planner)
    # One blank line still sets the neighbouring work groups apart.
    assert '"09:00-11:30"}\n\n  - id: wg-embedding' in text(planner)
    with pytest.raises(EditError, match="no work group"):
        planner.delete_series("wg-huntingdon")


def test_unknown_event(planner: Planner) -> None:
    with pytest.raises(EditError, match="no event"):
        planner.move_event("nope", D(2020, 1, 8, 9), D(2020, 1, 8, 10))
    with pytest.raises(EditError, match="after the start"):
        planner.move_event("leaders-briefing", D(2020, 1, 8, 10), D(2020, 1, 8, 9))


def test_invalid_folder_raises_invalid_data(tmp_path: Path) -> None:
    with pytest.raises(InvalidData):
        Planner(tmp_path / "missing")


# --- fixes, preview ------------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "event_ids"), SAMPLE_ERRORS)
def test_apply_fix_clears_each_sample_error(planner: Planner, rule: str, event_ids: tuple[str, ...]) -> None:
    [conflict] = [c for c in planner.conflicts if (c.rule, c.event_ids) == (rule, event_ids)]
    assert conflict.fix is not None
    planner.apply_fix(conflict)
    assert conflict.key not in keys(planner)
    assert when(planner, conflict.fix.event_id) == (conflict.fix.start, conflict.fix.end)


def test_all_four_fixes_leave_no_errors(planner: Planner) -> None:
    for rule, event_ids in SAMPLE_ERRORS:
        [conflict] = [c for c in planner.conflicts if (c.rule, c.event_ids) == (rule, event_ids)]
        planner.apply_fix(conflict)
    assert not [c for c in planner.conflicts if c.severity is Severity.ERROR]


def test_apply_fix_without_a_fix(planner: Planner) -> None:
    warning = next(c for c in planner.conflicts if c.fix is None)
    with pytest.raises(EditError, match="no suggested fix"):
        planner.apply_fix(warning)


def test_preview_of_a_fix_removes_the_double_booking(planner: Planner) -> None:
    conflict = next(c for c in planner.conflicts if c.rule == "double-booked")
    state, before = planner._state, text(planner)
    added, removed = planner.preview(lambda p: p.apply_fix(conflict))
    assert [c.key for c in removed] == [conflict.key]
    assert not [c for c in added if c.severity is Severity.ERROR]
    # The session is unchanged.
    assert planner._state is state and text(planner) == before and not planner.can_undo and not planner.dirty


def test_preview_of_a_meeting_in_half_term_adds_outside_term_time(planner: Planner) -> None:
    added, removed = planner.preview(
        lambda p: p.move_event("wg-peterborough/meeting-1", D(2019, 10, 22, 13), D(2019, 10, 22, 16))
    )
    assert ("outside-term-time", ("wg-peterborough/meeting-1",)) in {(c.rule, c.event_ids) for c in added}
    assert not removed
    assert when(planner, "wg-peterborough/meeting-1") == (D(2019, 9, 24, 13), D(2019, 9, 24, 16))


def test_preview_of_an_invalid_change_raises_and_changes_nothing(planner: Planner) -> None:
    state = planner._state
    with pytest.raises(EditError):
        planner.preview(lambda p: p.move_event("19-11/b-residential", D(2019, 11, 6), D(2019, 11, 7)))
    assert planner._state is state


# --- undo and redo -------------------------------------------------------------------------------


def test_undo_redo_chain(planner: Planner) -> None:
    original, original_keys = text(planner), keys(planner)
    assert not planner.can_undo and not planner.can_redo and not planner.undo() and not planner.redo()
    planner.move_event("leaders-briefing", D(2019, 11, 6, 9, 30), D(2019, 11, 6, 12))
    after_move = text(planner)
    new_id = planner.add_local_event(
        "ee2", title="Extra", day=dt.date(2020, 2, 5), time="16:00-17:00", venue=None, people=["hmarsh"]
    )
    planner.delete_event("wg-itt/meeting-2")
    after_all = text(planner)

    assert planner.undo() and planner.undo()
    assert text(planner) == after_move and new_id not in planner.calendar.by_id()
    assert planner.can_undo and planner.can_redo and planner.dirty
    assert planner.undo() and not planner.can_undo
    assert text(planner) == original and keys(planner) == original_keys
    assert not planner.dirty  # back to the saved state

    assert planner.redo() and planner.redo() and planner.redo() and not planner.redo()
    assert text(planner) == after_all and "wg-itt/meeting-2" not in planner.calendar.by_id()

    # A new edit after an undo drops the redo history.
    planner.undo()
    planner.move_event("leaders-briefing", D(2019, 11, 7, 9, 30), D(2019, 11, 7, 12))
    assert not planner.can_redo


def test_an_edit_that_changes_nothing_is_not_an_undo_step(planner: Planner) -> None:
    start, end = when(planner, "leaders-briefing")
    planner.move_event("leaders-briefing", start, end)
    assert not planner.can_undo and not planner.dirty
