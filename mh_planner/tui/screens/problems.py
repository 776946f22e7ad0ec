"""Shown instead of the calendar when the data cannot be loaded: every problem with its file, line and
field, so that it can be fixed in an editor; `r` tries again, `q` quits.

A list rather than a table: a problem's message is the part that matters, and it must wrap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from mh_planner.tui.screens.base import STYLES


def problems_text(problems: list[Any]) -> str:
    lines = []
    for problem in problems:
        where = f"{problem.file}:{problem.line}" if problem.line else str(problem.file)
        field = f"  [b]{escape(problem.field)}[/]" if problem.field else ""
        lines.append(f"[$text-warning]{escape(where)}[/]{field}\n    {escape(problem.message)}")
    return "\n".join(lines)


class ProblemsScreen(Screen[None]):
    CSS_PATH = STYLES / "problems.tcss"
    AUTO_FOCUS = "#problems-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "retry", "Reload"),  # as everywhere else
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "back", "Back to the plan", show=False),
    ]

    problems: reactive[list[Any]] = reactive(list, always_update=True, init=False)

    def __init__(self, data: Path, problems: list[Any]) -> None:
        super().__init__(id="problems")
        self.data = data
        self.set_reactive(ProblemsScreen.problems, problems)

    def compose(self) -> ComposeResult:
        yield Static(id="problems-title")
        with VerticalScroll(id="problems-list"):
            yield Static(id="problems-text")
        yield Static(
            "Fix these in your editor (the data is plain YAML; docs/data-format.md describes every field), "
            "then press [b]ctrl+r[/] to load it again.",
            id="problems-hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.watch_problems(self.problems)

    def watch_problems(self, problems: list[Any]) -> None:
        count = len(problems)
        self.query_one("#problems-title", Static).update(
            f"[b $text-error]The data in {escape(str(self.data))} cannot be loaded[/]: "
            f"{count} problem{'s' if count != 1 else ''}. Nothing has been changed."
        )
        self.query_one("#problems-text", Static).update(problems_text(problems))

    def action_retry(self) -> None:
        self.query_one("#problems-title", Static).update("[dim]Loading…[/]")
        reload = getattr(self.app, "reload", None)
        if reload is not None:
            reload(confirmed=True)

    def action_back(self) -> None:
        """After a failed reload the plan as it was is still there: go back to it."""
        back = getattr(self.app, "back_from_problems", None)
        if back is not None:
            back()
