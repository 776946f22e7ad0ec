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
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from mh_planner.tui.literal import shown
from mh_planner.tui.screens.base import STYLES


def problems_text(problems: list[Any]) -> Content:
    """Every problem: its place, its field, its message. Built as content, never parsed as markup: a message
    quotes the data, and `[/]` or `[b` in a value must show as it is, not break the screen."""
    parts: list[str | tuple[str, str]] = []
    for n, problem in enumerate(problems):
        where = f"{problem.file}:{problem.line}" if problem.line else str(problem.file)
        parts += ["\n"] if n else []
        parts.append((where, "$text-warning"))
        if problem.field:
            parts += ["  ", (problem.field, "bold")]
        parts.append(f"\n    {problem.message}")
    return Content.assemble(*parts)


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
        yield Static(self.title_text(self.problems), id="problems-title")
        with VerticalScroll(id="problems-list"):
            yield Static(problems_text(self.problems), id="problems-text")
        yield Static(
            "Fix these in your editor (the data is plain YAML; docs/data-format.md describes every field), "
            "then press [b]ctrl+r[/] to load it again.",
            id="problems-hint",
        )
        yield Footer()

    def title_text(self, problems: list[Any]) -> Content:
        count = len(problems)
        return Content.assemble(
            (f"The data in {shown(str(self.data))} cannot be loaded", "bold $text-error"),
            f": {count} problem{'s' if count != 1 else ''}. Nothing has been changed.",
        )

    def watch_problems(self, problems: list[Any]) -> None:
        self.query_one("#problems-title", Static).update(self.title_text(problems))
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
