"""The line at the top of every screen: where you are, and the state of the plan.

Left, the screens (each with its key, clickable); right, the academic year, the data folder, the count of
errors and warnings and a mark when there are unsaved changes. It follows the app's `state` itself, so that
every screen's bar is current the moment the screen is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.markup import escape
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

SCREENS = (
    ("year", "Year"),
    ("agenda", "Agenda"),
    ("conflicts", "Conflicts"),
    ("people", "People"),
    ("venues", "Venues"),
)


class StatusBar(Widget):
    state: reactive[PlanState | None] = reactive(None, always_update=True)
    busy: reactive[str] = reactive("")

    def __init__(self, active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active = active

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._follow)
        self.watch(self.app, "busy", self._follow_busy)

    def _follow(self, state: PlanState | None) -> None:
        self.state = state

    def _follow_busy(self, busy: str) -> None:
        self.busy = busy

    def render(self) -> Content:
        tabs = []
        for mode, title in SCREENS:  # the key is the title's first letter, underlined
            label = f"[u]{title[0]}[/u]{title[1:]}"
            style = "reverse bold " if mode == self.active else ""
            tabs.append(f"[{style}@click=app.show('{mode}')] {label} [/]")
        left = Content.from_markup(" " + "".join(tabs))
        room = self.size.width - left.cell_length - 2
        right = Content.from_markup(self._status(""))
        folder = str(getattr(self.app, "data", ""))
        spare = room - right.cell_length - 3
        if spare >= 6:  # the data folder, shortened from the left when it does not fit
            shown = folder if len(folder) <= spare else "…" + folder[-(spare - 1) :]
            right = Content.from_markup(self._status(escape(shown)))
        gap = max(1, self.size.width - left.cell_length - right.cell_length - 1)
        return Content.assemble(left, " " * gap, right, " ")

    def _status(self, folder: str) -> str:
        state = self.state
        where = f" [dim]│[/] {folder}" if folder else ""
        if state is None:
            return f"[dim]{self.busy or 'loading'}…[/]{where}"
        errors = f"[$text-error]✖ {state.errors}[/]" if state.errors else "[$text-success]✔ 0[/]"
        warnings = f"[$text-warning]⚠ {state.warnings}[/]"
        dirty = " [$text-warning bold]● unsaved[/]" if state.dirty else ""
        busy = f"[dim]{escape(self.busy)}…[/] " if self.busy else ""
        return f"{busy}[b]{state.year.label}[/]{where} [dim]│[/] {errors} {warnings}{dirty}"
