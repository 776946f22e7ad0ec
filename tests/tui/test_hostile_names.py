"""Names from the data are text on every screen, never markup nor a terminal's control sequence (issue 11).

The sample with an event's title, a person's, a venue's and a work group's names holding markup (`[/]`, which
stopped the planner with a MarkupError; `[@click=app.quit]`, a link that would run an action; a style; a
template variable) and an ESC sequence, shown on every screen of the table and on those opened from them:
the planner keeps running, and shows each name as it is written (the ESC escaped)."""

from __future__ import annotations

import asyncio
import json
import shutil
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from mh_planner.tui.messages import ShowEvent
from mh_planner.tui.screens.agenda import AgendaScreen
from mh_planner.tui.screens.conflicts import ConflictsScreen
from mh_planner.tui.screens.event_details import EventDetailsScreen
from mh_planner.tui.screens.event_editor import EventEditor
from mh_planner.tui.screens.people import PeopleScreen
from mh_planner.tui.screens.table import SCREENS
from mh_planner.tui.screens.venues import VenuesScreen
from mh_planner.tui.screens.week import WeekScreen
from mh_planner.tui.session import Session
from mh_planner.tui.widgets.text_panel import TextPanel
from tests.builders import DATA, SAMPLE_PLAN
from tests.tui.conftest import LARGE, make_app, settle

MARKUP = "[/] [bold red]x [@click=app.quit]boom[/] [$accent]$title"
HOSTILE = f"{MARKUP} \x1b[31m \u202eevil"
SHOWN = f"{MARKUP} \\x1b[31m \\u202eevil"  # as the screen shows it: the ESC and the RLO escaped
NAMES = {  # what the sample says -> what it says here
    "title: Senior leaders' briefing on Teaching for Mastery": f"Briefing {HOSTILE}",
    "name: Priya Shah": f"Priya {HOSTILE}",
    "name: Comberton Village College,": f"Comberton {HOSTILE}",
    "name: Peterborough Primary TfM Development": f"Peterborough {HOSTILE}",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """A session on the hostile copy, loaded once: each test forks it."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, data)
    plan = data / SAMPLE_PLAN.relative_to(DATA)
    text = plan.read_text(encoding="utf-8")
    for old, name in NAMES.items():
        assert old in text
        key, _, rest = old.partition(": ")
        text = text.replace(old, f"{key}: {json.dumps(name)}" + ("," if rest.endswith(",") else ""), 1)
    plan.write_text(text, encoding="utf-8")
    session = Session(data)
    session.load()
    return session


def lines(app: Any) -> list[str]:
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def on_screen(app: Any, text: str) -> bool:
    return any(text in line for line in lines(app))


def says(app: Any, selector: str, text: str) -> bool:
    """The widget shows `text` (wrapped over its lines: `on_screen` finds each line's part)."""
    widget = app.screen.query_one(selector)
    content = widget.text if isinstance(widget, TextPanel) else widget.content  # a panel drawn line by line
    return text in str(content) and on_screen(app, text[:20])


async def shown(pilot: Any) -> None:
    """Let the app draw what it was asked to, then check it still runs and wrote no ESC (nor RLO) of the data."""
    await settle(pilot)
    app = pilot.app
    assert app.is_running and app._exception is None
    assert not any("\x1b" in line or "\u202e" in line for line in lines(app))


def test_every_screen_shows_the_names_as_written(hostile: Session) -> None:
    async def flow() -> None:
        app = make_app(hostile.data, session=hostile.fork())
        async with app.run_test(size=LARGE) as pilot:
            await shown(pilot)
            for row in SCREENS:  # every screen of the table, by its key
                await pilot.press(row.key)
                await shown(pilot)
                assert app.current_mode == row.mode

            await pilot.press("a")
            await shown(pilot)
            assert isinstance(app.screen, AgendaScreen)
            table = app.screen.query_one("#agenda-table", DataTable)
            table.move_cursor(row=table.get_row_index("leaders-briefing"))
            await shown(pilot)
            assert on_screen(app, f"Briefing {SHOWN}"[:30]) and on_screen(app, f"Comberton {MARKUP}"[:26])
            await pilot.press("f", "enter")  # the filter of people, open: their names as choices
            await shown(pilot)
            assert on_screen(app, f"Priya {MARKUP}"[:20])
            await pilot.press("escape", "escape")

            await pilot.press("p")
            await shown(pilot)
            assert isinstance(app.screen, PeopleScreen)
            table = app.screen.query_one("#people-table", DataTable)
            table.move_cursor(row=table.get_row_index("pshah"))
            await shown(pilot)
            assert on_screen(app, f"Priya {MARKUP}"[:18])  # the table's column
            assert on_screen(app, f"Priya {SHOWN}")  # the summary beside it, in full

            await pilot.press("v")
            await shown(pilot)
            assert isinstance(app.screen, VenuesScreen) and on_screen(app, f"Comberton {MARKUP}"[:22])
            table = app.screen.query_one("#venues-table", DataTable)
            table.move_cursor(row=table.get_row_index("comberton"))
            await shown(pilot)
            assert on_screen(app, f"Comberton {SHOWN}")  # the summary beside it, in full

            await pilot.press("c")
            await shown(pilot)
            assert isinstance(app.screen, ConflictsScreen) and on_screen(app, f"Priya {SHOWN}"[:40])

            app.post_message(ShowEvent("leaders-briefing"))  # its week, then its details, then the editor
            await shown(pilot)
            assert isinstance(app.screen, WeekScreen) and says(app, "#event-side-text", f"Briefing {SHOWN}")
            await pilot.press("enter")
            await shown(pilot)
            assert isinstance(app.screen, EventDetailsScreen) and says(app, "#details-text", f"Comberton {SHOWN}")
            await pilot.press("m")
            await shown(pilot)
            assert isinstance(app.screen, EventEditor) and says(app, "#editor-title", f"Briefing {SHOWN}")
            app.screen.query_one("#day", Input).value = "2019-10-24"
            await shown(pilot)
            await pilot.click("#apply")  # moved: the notification quotes the title
            await shown(pilot)
            assert isinstance(app.screen, WeekScreen)
            assert any(f"Briefing {SHOWN}" in notice.message for notice in app._notifications)

            await pilot.press("n")  # a new event: the venues, people and work groups as choices
            await shown(pilot)
            assert isinstance(app.screen, EventEditor)
            await pilot.press("escape")
            await shown(pilot)

            await pilot.press("ctrl+p", *"boom")  # the command palette finds the event by its title
            await shown(pilot)
            assert on_screen(app, f"Briefing {MARKUP}"[:24])
            await pilot.press("escape")
            await shown(pilot)

    asyncio.run(flow())
