"""The planner on a folder of several hubs' plans: it opens on the hub being planned (or asks which), the
whole network is a key away, and the snapshot's indexes are worked out in the worker, not on the app's thread."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from benchmarks.generate import generate
from mh_planner.calendar import Origin
from mh_planner.editing.changes import MoveEvent
from mh_planner.tui.screens.hub_picker import HubPicker
from mh_planner.tui.session import Changed, Session
from mh_planner.tui.widgets.status_bar import StatusBar
from tests.tui.conftest import LARGE, make_app, settle


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample hub (ee2) and two generated ones (sw1, sw2)."""
    return generate(tmp_path_factory.mktemp("network") / "data", 3)


def own(state, hub: str) -> set[str | None]:
    return {e.hub for e in state.calendar.events if e.origin.local}


def test_with_no_hub_given_it_asks_which_and_shows_that_hub(network: Path) -> None:
    asyncio.run(asks_which(network))


async def asks_which(network: Path) -> None:
    app = make_app(network)
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HubPicker)
        assert app.state is not None and app.state.scope is None and len(app.state.hubs) == 3
        picker = app.screen
        await pilot.pause()
        picker.query_one("#hubs").highlighted = picker.order.index("sw1")
        await pilot.press("enter")
        await settle(pilot)
        state = app.state
        assert state.scope == "sw1" and state.home == "sw1" and state.hub == "sw1"
        assert own(state, "sw1") == {"sw1"}
        assert all(c.hub in (None, "sw1") for c in state.conflicts)
        assert "SW1" in str(app.screen.query_one(StatusBar).render())


def test_opens_on_the_hub_being_planned_and_the_network_is_a_key_away(network: Path) -> None:
    asyncio.run(a_key_away(network))


async def a_key_away(network: Path) -> None:
    app = make_app(network, hub="ee2")
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, HubPicker)
        hub_view = app.state
        assert hub_view.scope == "ee2" and own(hub_view, "ee2") == {"ee2"}
        assert hub_view.network is not None and len(hub_view.calendar.events) < len(hub_view.network.events)
        await pilot.press("H")
        await settle(pilot)
        whole = app.state
        assert whole.scope is None and whole.home == "ee2" and own(whole, "") == {"ee2", "sw1", "sw2"}
        assert len(whole.conflicts) > len(hub_view.conflicts)
        await pilot.press("H")
        await settle(pilot)
        assert app.state.scope == "ee2"
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HubPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert app.state.scope == "ee2" and not isinstance(app.screen, HubPicker)


def test_an_edit_in_a_hub_view_changes_the_network_and_the_view(network: Path) -> None:
    session = Session(network, hub="sw1")
    before = session.load()
    meeting = next(e for e in before.calendar.events if e.origin is Origin.WORK_GROUP and e.kind.value == "meeting")
    week = dt.timedelta(days=7)
    changed = session.apply(MoveEvent(meeting.id, "meeting", meeting.start + week, meeting.end + week))
    assert isinstance(changed, Changed) and changed.state.scope == "sw1"
    assert changed.state.by_id[meeting.id].start == meeting.start + week
    assert changed.state.network is not None and changed.state.network.by_id()[meeting.id].start == meeting.start + week


def test_the_snapshot_is_indexed_in_the_worker(network: Path) -> None:
    state = Session(network, hub="ee2").load()
    for index in ("by_id", "events_by_day", "conflicts_by_event", "clash_days", "errors"):
        assert index in state.__dict__  # cached before the app's thread ever sees the snapshot


def test_a_folder_of_one_plan_is_that_hubs(data: Path) -> None:
    state = Session(data).load()
    assert state.hubs == ("ee2",) and state.home == "ee2" and state.scope is None and state.network is None


def test_a_hub_named_with_markup_is_shown_as_written(network: Path, tmp_path: Path) -> None:
    """Names come from the data: in the picker they are text, never markup (issue 11: a '[/]' would stop the
    planner, a '[@click=...]' would run an action)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(network, data)
    hubs = data / "hubs.yaml"
    named = '"Cornwall and West Devon Maths Hub"'
    hubs.write_text(hubs.read_text().replace(named, '"[/] [@click=app.quit]SW[/] hub"', 1))
    asyncio.run(shown_as_written(data))


async def shown_as_written(data: Path) -> None:
    app = make_app(data)
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HubPicker)
        options = app.screen.query_one("#hubs")
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("[/] [@click=app.quit]SW[/] hub" in text for text in shown), shown
        assert app.is_running
