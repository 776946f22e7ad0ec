"""An edit re-checks only what it touches: after every edit, undo and redo on a network, the calendar and the
conflicts are exactly those of assembling and checking everything again (order, messages and fixes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from benchmarks.generate import generate
from mh_planner.assemble import assemble
from mh_planner.calendar import Event, Origin
from mh_planner.editing import EditError, Planner
from mh_planner.query import HubScope
from mh_planner.rules import RULES, incremental
from mh_planner.rules.incremental import SCOPES
from mh_planner.scheduling import check


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("network") / "data", 3)


def same_as_everything_again(planner: Planner) -> None:
    calendar = assemble(planner.dataset)
    assert planner.calendar.events == calendar.events
    assert planner.calendar.undated == calendar.undated
    assert planner.calendar.people == calendar.people
    assert planner.calendar.term_years.keys() == calendar.term_years.keys()
    assert planner.calendar.by_id() == calendar.by_id()
    assert planner.conflicts == check(calendar)


def test_every_rule_says_how_it_is_rechecked() -> None:
    assert {rule.name for rule in RULES} <= set(SCOPES)


def one_edit(planner: Planner, rng: random.Random) -> str:
    events = planner.calendar.events
    year = planner.calendar.year
    kind = rng.choice(["move", "move", "move", "confirm", "add", "delete", "duplicate", "undo", "redo"])
    if kind == "undo":
        planner.undo()
        return kind
    if kind == "redo":
        planner.redo()
        return kind
    if kind == "confirm":
        central = [e for e in events if e.origin is Origin.CENTRAL and e.tentative and e.window is not None]
        event = rng.choice(central)
        planner.confirm_central(event.id, event.first_day + dt.timedelta(days=rng.choice([0, 1, 7])))
        return f"confirm {event.id}"
    local = [e for e in events if e.origin.local and not e.all_day]
    event: Event = rng.choice(local)
    if kind == "add":
        planner.add_local_event(event.hub or "", title=f"New {rng.random():.6f}", day=event.first_day,
                                time="16:00-17:00", venue=event.venue, people=list(event.attendees[:2]))  # fmt: skip
        return f"add at {event.id}"
    if kind == "delete":
        planner.delete_event(event.id)
        return f"delete {event.id}"
    shift = dt.timedelta(days=rng.choice([-7, -1, 1, 2, 7, 14]))
    if not year.is_school_day(event.first_day + shift):
        shift = dt.timedelta(days=7)
    if kind == "duplicate":
        planner.duplicate_event(event.id, event.first_day + shift)
        return f"duplicate {event.id}"
    planner.move_event(event.id, event.start + shift, event.end + shift)
    return f"move {event.id}"


def test_edits_undo_and_redo_on_a_network_recheck_what_they_touch(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = []
    recheck = incremental.recheck
    monkeypatch.setattr(incremental, "recheck", lambda *args: partial.append(recheck(*args)) or partial[-1])
    planner = Planner(network)
    rng = random.Random(13)
    done = []
    for _ in range(40):
        try:
            done.append(one_edit(planner, rng))
        except EditError:
            continue
        same_as_everything_again(planner)
    assert len(done) > 25 and any(d.startswith("confirm") for d in done) and "undo" in done
    assert sum(p is not None for p in partial) > 20  # most were re-checked in part, not whole


def test_the_shared_persons_evening_moved_in_one_hub_rechecks_the_other(network: Path) -> None:
    planner = Planner(network)
    before = {c.key for c in planner.conflicts if c.rule == "two-hubs"}
    assert before
    shared = next(e for e in planner.calendar.events if e.id.endswith("-shared-evening"))
    planner.move_event(shared.id, shared.start + dt.timedelta(days=1), shared.end + dt.timedelta(days=1))
    assert not [c for c in planner.conflicts if c.rule == "two-hubs"]
    same_as_everything_again(planner)
    planner.undo()
    assert {c.key for c in planner.conflicts if c.rule == "two-hubs"} == before
    same_as_everything_again(planner)


def test_the_undo_history_keeps_texts_not_calendars(network: Path) -> None:
    planner = Planner(network)
    meeting = next(e for e in planner.calendar.events if e.origin is Origin.WORK_GROUP and e.kind.value == "meeting")
    for n in range(3):
        shift = dt.timedelta(days=7 * (n % 2 + 1))
        planner.move_event(meeting.id, meeting.start + shift, meeting.end + shift)
    assert all(isinstance(text, str) for step in planner._undo for _, text in step.texts)
    while planner.undo():
        pass
    assert planner.calendar.events == assemble(planner.dataset).events and not planner.dirty


def test_the_hub_in_focus_has_its_conflicts_before_the_networks(network: Path) -> None:
    """Opening on one hub of a network checks what concerns it; the rest waits until it is needed."""
    full = check(assemble(Planner(network).dataset))
    for hub in ("ee2", "sw1"):
        planner = Planner(network, focus=hub)
        assert planner._pending
        calendar = planner.calendar
        mine, by_id = HubScope(calendar, hub), calendar.by_id()
        assert planner.conflicts_of(hub) == [c for c in full if mine.has_conflict(c, by_id)]
        assert planner._pending  # the network is not checked yet
        assert planner.conflicts == full and not planner._pending
        assert planner.conflicts_of(hub) == [c for c in full if mine.has_conflict(c, by_id)]


def test_the_schedulers_trials_recheck_the_hubs_they_touch(network: Path) -> None:
    """A proposal or a placement (`scheduling.verify.with_events`) is checked on its hubs only, and the verdict
    is what checking the whole calendar with it made says."""
    from mh_planner.rules import check as run_rules
    from mh_planner.scheduling.verify import verdict, with_events

    calendar = assemble(Planner(network).dataset)
    before = run_rules(calendar)
    rng = random.Random(7)
    local = [e for e in calendar.events if e.origin.local and not e.all_day]
    partial = 0
    for _ in range(16):
        moved = {}
        for event in rng.sample(local, rng.choice([1, 1, 3])):
            shift = dt.timedelta(days=rng.choice([-7, 1, 2, 7]))
            moved[event.id] = dataclasses.replace(event, start=event.start + shift, end=event.end + shift)
        after = with_events(calendar, moved)
        found = incremental.trial(calendar, before, moved)  # None: every hub concerned (checked whole)
        assert found is None or found == run_rules(after)
        partial += found is not None
        fast = verdict(before, after)
        slow = verdict(before, dataclasses.replace(after, parts=None))
        assert (fast.new, fast.resolved, fast.after) == (slow.new, slow.resolved, slow.after)
    assert partial >= 4
