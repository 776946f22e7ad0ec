"""What the planner's full screens share: the status bar on top, the footer below, and the plan snapshot.

The app hands the newest `PlanState` to the screen on view; a screen in another mode picks it up when it is
shown again, so an edit redraws one screen, not five.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen

from mh_planner.tui.widgets.footer import Footer
from mh_planner.tui.widgets.kept_lines import DrawsOnce
from mh_planner.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from mh_planner.tui.app import MHPlannerApp
    from mh_planner.tui.state import PlanState

# Each screen brings its own sheet, read when the screen is first shown: the first paint parses only the
# year's (app.tcss).
STYLES = Path(__file__).resolve().parent.parent / "styles"
COMPACT = 100  # columns: a narrower terminal gets the compact footer and stacked lists

Result = TypeVar("Result")  # what the screen returns when dismissed (the week: the day it was left on)


class PlannerScreen(Screen[Result]):
    MODE: ClassVar[str] = "year"  # which tab of the status bar is lit

    def __init__(self) -> None:
        super().__init__()
        self.shown: PlanState | None = None
        self.start_day: dt.date | None = None  # the day it opens on (the one the screen before was on)
        # Made narrow or wide for the terminal as it is: a class set once shown would restyle every widget.
        self.set_class(self.app.size.width < COMPACT, "-compact", update=False)

    @property
    def planner_app(self) -> MHPlannerApp:
        return self.app  # type: ignore[return-value]

    @property
    def tab(self) -> str:
        """The tab lit on the status bar: the screen's mode (a week: the mode it was opened in)."""
        return self.MODE

    @property
    def current_day(self) -> dt.date | None:
        """The day the screen is on, if it is on one (`g`, `n` and the week start from it)."""
        return None

    def compose_status(self) -> ComposeResult:
        yield StatusBar(self.tab)

    def compose_footer(self) -> ComposeResult:
        yield Footer(compact=self.app.size.width < COMPACT)

    def on_resize(self, event: events.Resize) -> None:
        # Below 100 columns the keys go closer together, so that more of them stay in sight, and a list and
        # its details are stacked rather than side by side (tables.tcss).
        for footer in self.query(Footer):
            footer.compact = event.size.width < COMPACT
        self.set_class(event.size.width < COMPACT, "-compact")

    def on_screen_resume(self) -> None:
        for bar in self.query(StatusBar):
            bar.catch_up()
        self.catch_up()

    def catch_up(self) -> None:
        """Draw the newest snapshot if this screen has not yet, and follow the event its edit moved."""
        state = self.planner_app.state
        if state is not None and state is not self.shown:
            first = self.shown is None
            self.shown = state
            with ExitStack() as held:  # each view drawn once, with the new plan and where it moved the cursor
                for widget in self.query("*"):
                    if isinstance(widget, DrawsOnce):
                        held.enter_context(widget.held())
                self.show_state(state)
                if state.moved is not None and not first:
                    self.follow(state, state.moved)

    def show_state(self, state: PlanState) -> None:
        """Draw the new snapshot (subclasses)."""

    def first_day(self, state: PlanState) -> dt.date:
        """The day a calendar opens on: the day the screen before it was on, else today, else the year's start."""
        return self.start_day or self.planner_app.today or state.year.terms[0].start

    def follow(self, state: PlanState, event_id: str) -> None:
        """An edit, undo or redo added or moved this event: go to it (subclasses that can)."""
