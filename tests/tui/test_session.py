"""The TUI's session without a UI: load, edit, undo, preview, save and export return plain values; the
lock lets one caller at a time change the plan; no Textual or Rich is needed to run it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mh_planner.editing import ChangedOnDisk
from mh_planner.editing.changes import MoveEvent
from mh_planner.problems import InvalidData
from mh_planner.tui.session import Changed, Exported, Failed, Saved, Session, shown_path
from tests.builders import ROOT

D = dt.datetime
PLAN = Path("plans") / "2019-20" / "ee2.yaml"
MEETING = "wg-peterborough/meeting-2"  # clashes with Priya's exchange fortnight
TO_HALF_TERM = MoveEvent(MEETING, "Meeting 2", D(2019, 10, 22, 16), D(2019, 10, 22, 17, 30))


@pytest.fixture
def session(data: Path) -> Session:
    session = Session(data)
    session.load()
    return session


def keys(conflicts: list) -> set[tuple]:
    return {c.key for c in conflicts}


def test_loading_gives_a_snapshot_and_each_change_a_newer_one(data: Path) -> None:
    session = Session(data)
    assert not session.loaded and not session.dirty
    first = session.load()
    assert session.loaded and not session.dirty
    assert first.data == data and (first.errors, first.warnings) == (4, 6)
    assert not first.can_undo and not first.can_redo
    changed = session.apply(TO_HALF_TERM)
    assert isinstance(changed, Changed) and changed.state.revision > first.revision
    assert changed.text == TO_HALF_TERM.text and changed.event_id == MEETING
    assert changed.state.dirty and changed.state.can_undo and session.dirty
    assert changed.state.by_id[MEETING].start == D(2019, 10, 22, 16)


def test_an_invalid_folder_raises_its_problems_and_a_failed_reload_keeps_the_plan(data: Path) -> None:
    plan = data / PLAN
    good = plan.read_text()
    plan.write_text(good.replace("lead: pshah", "lead: nobody", 1))
    session = Session(data)
    with pytest.raises(InvalidData) as raised:
        session.load()
    assert any("nobody" in p.message for p in raised.value.problems)
    assert not session.loaded
    plan.write_text(good)
    session.load()
    plan.write_text("hub: [unclosed\n")
    with pytest.raises(InvalidData):
        session.load(reload=True)
    assert session.loaded and not session.dirty
    assert isinstance(session.apply(TO_HALF_TERM), Changed)  # the plan as it was, still editable


def test_an_unreadable_folder_is_a_problem_too(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mh_planner.editing

    def unreadable(folder: Path, *_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied", str(folder / PLAN))

    monkeypatch.setattr(mh_planner.editing, "Planner", unreadable)
    with pytest.raises(InvalidData) as raised:
        Session(data).load()
    [problem] = list(raised.value.problems)
    assert problem.file.endswith("ee2.yaml") and problem.message == "Permission denied"


def test_a_refused_edit_changes_nothing_and_says_why(session: Session) -> None:
    impossible = MoveEvent("no-such-event", "Ghost", D(2019, 11, 6, 9), D(2019, 11, 6, 10))
    result = session.apply(impossible)
    assert isinstance(result, Failed) and result.text
    assert not session.dirty


def test_undo_and_redo(session: Session) -> None:
    assert session.undo() == Failed("Nothing to undo")
    edited = session.apply(TO_HALF_TERM)
    assert isinstance(edited, Changed)
    undone = session.undo()
    assert isinstance(undone, Changed) and undone.text == "Undone"
    assert not undone.state.dirty and undone.state.can_redo
    redone = session.redo()
    assert isinstance(redone, Changed) and redone.text == "Redone"
    assert keys(redone.state.conflicts) == keys(edited.state.conflicts)
    assert session.redo() == Failed("Nothing to redo")


def test_a_preview_says_what_would_change_and_changes_nothing(session: Session) -> None:
    before = session.load(reload=True)
    added, removed = session.preview(TO_HALF_TERM)
    assert any(c.rule == "outside-term-time" for c in added)
    assert any(c.rule == "double-booked" for c in removed)
    assert not session.dirty
    assert keys(session.load(reload=True).conflicts) == keys(before.conflicts)


def test_saving_writes_the_plan_and_never_over_someone_elses_edit(session: Session, data: Path) -> None:
    plan = data / PLAN
    nothing = session.save()
    assert isinstance(nothing, Saved) and nothing.written == [] and nothing.text == "Saved nothing had changed"
    session.apply(TO_HALF_TERM)
    plan.write_text(plan.read_text() + "# added in another editor\n")
    with pytest.raises(ChangedOnDisk):
        session.save()
    assert session.dirty and plan.read_text().endswith("# added in another editor\n")
    saved = session.save(force=True)
    assert isinstance(saved, Saved) and saved.written == [plan] and not saved.state.dirty
    assert saved.text == f"Saved {shown_path(plan)}" and not session.dirty


def test_exporting_writes_the_feeds_or_says_why_not(session: Session, data: Path, tmp_path: Path) -> None:
    inside = session.export(data / "feeds")
    assert isinstance(inside, Failed) and inside.text.startswith("Cannot export: ")
    session.apply(TO_HALF_TERM)
    out = tmp_path / "feeds"
    result = session.export(out)
    assert isinstance(result, Exported) and result.with_unsaved_edits
    assert result.index == out.resolve() / "index.html" and result.index.exists()
    assert result.text.startswith("Exported ") and "(with your unsaved edits)\nIndex: " in result.text


def test_callers_on_several_threads_take_turns(session: Session) -> None:
    moves = [
        MoveEvent(MEETING, "Meeting 2", D(2019, 11, day, 16), D(2019, 11, day, 17)) for day in (18, 19, 20, 21)
    ]
    results: list[object] = []
    threads = [threading.Thread(target=lambda m=m: results.append(session.apply(m))) for m in moves]
    threads += [threading.Thread(target=lambda: results.append(session.preview(TO_HALF_TERM)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    changed = [r for r in results if isinstance(r, Changed)]
    assert len(changed) == 4 and len({c.state.revision for c in changed}) == 4
    newest = max(changed, key=lambda c: c.state.revision)
    assert newest.state.by_id[MEETING].start in {m.start for m in moves}
    undone = 0
    while isinstance(session.undo(), Changed):
        undone += 1
    assert undone == 4


def test_the_session_runs_without_textual_or_rich(data: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom mh_planner.tui.session import Session\n"
        f"session = Session(Path({str(data)!r}))\nsession.load()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_next_year_is_rolled_and_checked_then_written_only_when_asked(session: Session, data: Path) -> None:
    from mh_planner.tui.session import NextYear, Wrote

    target = data / "plans" / "2020-21" / "ee2.yaml"
    rolled = session.next_year()
    assert isinstance(rolled, NextYear) and rolled.year == "2020/21" and not target.exists()
    assert "event leaders-briefing: Wed 23 Oct 2019 -> Wed 28 Oct 2020" in "\n".join(rolled.plans[0].review)
    assert "... and" in rolled.text  # the first lines, then where the rest are
    wrote = session.write_next_year(rolled)
    assert isinstance(wrote, Wrote) and wrote.written == [target] and target.exists()
    assert "mh-planner --year 2020/21" in wrote.text
    # The session stays on its year; a second roll would overwrite, so it is refused.
    assert session.load(reload=True).year.label == "2019/20"
    again = session.next_year()
    assert isinstance(again, Failed) and "exists already" in again.text


def test_next_year_waits_for_unsaved_edits(session: Session) -> None:
    session.apply(TO_HALF_TERM)
    refused = session.next_year()
    assert isinstance(refused, Failed) and refused.text.startswith("Save your edits first")


def test_event_details_name_the_calendar_that_applies(session: Session) -> None:
    from mh_planner.tui.describe import event_details

    state = session.load()
    meeting = state.by_id["wg-peterborough/meeting-1"]
    assert "Terms   Peterborough City Council 2019/20 (partial)" in event_details(state, meeting).plain
    launch = state.by_id["hub-launch"]
    assert "Terms   Cambridgeshire County Council 2019/20" in event_details(state, launch).plain
