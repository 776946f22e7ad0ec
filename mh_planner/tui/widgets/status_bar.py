"""The line at the top of every screen: where you are, and the state of the plan.

Left, the screens (each with its key, clickable), from the screens table (`screens/table.py`); right, the
academic year, the data folder, the count of errors and warnings and a mark when there are unsaved changes.
It follows the app's `state` itself, so that every screen's bar is current the moment the screen is shown.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from textual.content import Content
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget

from mh_planner.tui.literal import markup
from mh_planner.tui.screens.table import SCREENS, ScreenRow

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState


def tab_label(row: ScreenRow) -> str:
    """A screen's tab: its title with its key underlined (or added, when the title lacks that letter)."""
    at = row.title.lower().find(row.key.lower())
    if at < 0:
        return f"{escape(row.title)} [u]{escape(row.key)}[/u]"
    before, letter, after = row.title[:at], row.title[at], row.title[at + 1 :]
    return f"{escape(before)}[u]{escape(letter)}[/u]{escape(after)}"


def tabs(active: str) -> str:
    """The screens' tabs, as markup: each switches to its screen when clicked; the one of `active` is lit."""
    found = []
    for row in SCREENS:
        if row.tab:
            style = "reverse bold " if row.mode == active else ""
            found.append(f"[{style}@click=app.{row.action}] {tab_label(row)} [/]")
    return "".join(found)


@lru_cache(maxsize=16)
def _tabs_content(active: str) -> Content:
    # The same for every frame of a screen: parsed once, not at each edit.
    return Content.from_markup(" " + tabs(active))


class StatusBar(Widget):
    state: reactive[PlanState | None] = reactive(None, always_update=True)
    busy: reactive[str] = reactive("")

    def __init__(self, active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active = active

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._follow)
        self.watch(self.app, "busy", self._follow_busy)

    # A bar under another screen waits for its screen to come back (`catch_up`): repainted there, it would make
    # Textual draw the screen on top a second time, a frame after the edit's.

    def _follow(self, state: PlanState | None) -> None:
        if self._in_sight():
            self.state = state

    def _follow_busy(self, busy: str) -> None:
        if self._in_sight():
            self.busy = busy

    def _in_sight(self) -> bool:
        """On the screen on top, or under a dialog (`Screen.is_current` is true under any screen)."""
        top = self.app.screen
        return self.screen is top or isinstance(top, ModalScreen)

    def catch_up(self) -> None:
        self.state = getattr(self.app, "state", None)
        self.busy = getattr(self.app, "busy", "")

    def render(self) -> Content:
        left = _tabs_content(self.active)
        room = self.size.width - left.cell_length - 2
        right = self._status("")
        folder = str(getattr(self.app, "data", ""))
        spare = room - right.cell_length - 3
        if spare >= 6:  # the data folder, shortened from the left when it does not fit
            shown = folder if len(folder) <= spare else "…" + folder[-(spare - 1) :]
            right = self._status(shown)
        gap = max(1, self.size.width - left.cell_length - right.cell_length - 1)
        return Content.assemble(left, " " * gap, right, " ")

    def _status(self, folder: str) -> Content:
        """The right of the bar; the folder, the year and the hub as written, never read as markup."""
        state = self.state
        where = " [dim]│[/] $folder" if folder else ""
        if state is None:
            return markup(f"[dim]$busy…[/]{where}", busy=self.busy or "loading", folder=folder)
        errors = f"[$text-error]✖ {state.errors}[/]" if state.errors else "[$text-success]✔ 0[/]"
        warnings = f"[$text-warning]⚠ {state.warnings}[/]"
        dirty = " [$text-warning bold]● unsaved[/]" if state.dirty else ""
        busy = "[dim]$busy…[/] " if self.busy else ""
        scope = " [dim]·[/] [b]$scope[/]" if len(state.hubs) > 1 else ""  # of a network
        template = f"{busy}[b]$year[/]{scope}{where} [dim]│[/] {errors} {warnings}{dirty}"
        return markup(template, busy=self.busy, year=state.year.label, scope=state.scope_label, folder=folder)
