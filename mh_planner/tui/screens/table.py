"""The screens you switch between, one row each; everything that lists them reads this table.

From it come the app's modes (`MHPlannerApp.MODES`) and the keys that switch to them (its `BINDINGS`), the
tabs of the status bar (`widgets/status_bar.py`), the command palette's entries (`commands.py`) and the first
line of the help's "Everywhere" table (`screens/help.py`); `tests/tui/test_screens_table.py` checks that
they all follow it. To add a screen: write its module (a `PlannerScreen` whose `MODE` is the row's mode, and
its `.tcss` in `styles/` if it has one), then add its row here.

The screens opened from these (a week, an event's details, the editor, the dialogs) are not rows: the app
opens them where they are needed (`navigation.py`). A row costs nothing at start-up: its module is imported
when the screen is first shown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class ScreenRow:
    mode: str  # the app's mode, and the tab lit while one of its screens is shown
    title: str
    key: str  # the key that shows it; a letter of the title, underlined on the status bar
    screen: str  # "module:Class", a module of this package, imported when the screen is first shown
    help: str  # what the command palette says of it
    tab: bool = True  # a tab on the status bar

    @property
    def action(self) -> str:
        """The app's action that switches to this screen."""
        return f"show('{self.mode}')"

    def load(self) -> type[Screen[Any]]:
        """The screen's class (its module is imported now, if it was not yet)."""
        module, name = self.screen.split(":")
        found: type[Screen[Any]] = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return found

    def make(self) -> Screen[Any]:
        """A new instance of the screen (the app makes one per mode, the first time it is shown)."""
        screen = self.load()()
        # Textual styles a new screen as it registers it (and again if its sheet is new), then restyles the whole
        # app for a new mode, twice, to catch up with theme changes it cannot have missed (textual#5211 says
        # as much): marked as up to date, a later screen skips that, which cost a first switch to it the most.
        # Not the first screen, made before the app is mounted: that restyle is the app's first.
        app = screen.app
        if app._is_mounted:
            screen._css_update_count = app._css_update_count
        return screen


SCREENS: tuple[ScreenRow, ...] = (
    ScreenRow("year", "Year", "y", "year:YearScreen", "The academic year at a glance"),
    ScreenRow("month", "Month", "o", "month:MonthScreen", "A month as a wall calendar, each day's events in its box"),
    ScreenRow("agenda", "Agenda", "a", "agenda:AgendaScreen", "Every event in a sortable, filterable table"),
    ScreenRow("conflicts", "Conflicts", "c", "conflicts:ConflictsScreen", "Every conflict, with the suggested fixes"),
    ScreenRow(
        "people", "People", "p", "people:PeopleScreen", "Each person's commitments and days against their allowance"
    ),
    ScreenRow("venues", "Venues", "v", "venues:VenuesScreen", "Each venue's bookings"),
)
