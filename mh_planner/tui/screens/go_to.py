"""`g`: go to a date typed as people say it ("14 Nov", "next tue", "spring 2"), read as it is typed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from mh_planner.tui.describe import fmt_day
from mh_planner.tui.layout import period_name
from mh_planner.tui.literal import markup
from mh_planner.tui.screens.base import STYLES
from mh_planner.user_input import parse_date

if TYPE_CHECKING:
    from mh_planner.academic_year import AcademicYear


class GoToDate(ModalScreen[dt.date | None]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, year: AcademicYear, today: dt.date | None) -> None:
        super().__init__()
        self.year = year
        self.today = today
        self.day: dt.date | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="go-to"):
            yield Static("[b]Go to date[/]", classes="dialog-title")
            yield Input(placeholder="14 Nov, 14/11/2019, next tue, spring 2, easter", id="go-to-date", compact=True)
            yield Static("[dim]Enter goes there, Esc cancels.[/]", id="go-to-answer")
        yield Footer()

    def on_input_changed(self, message: Input.Changed) -> None:
        message.stop()
        answer = self.query_one("#go-to-answer", Static)
        self.day = None
        if not message.value.strip():
            answer.update("[dim]Enter goes there, Esc cancels.[/]")
            return
        try:
            day = parse_date(message.value, self.year, self.today)
        except ValueError as exc:
            answer.update(markup("[$text-error]$error[/]", error=str(exc)))
            return
        if not (self.year.start <= day <= self.year.end):
            answer.update(markup("[$text-error]$day is outside the academic year $year[/]", day=fmt_day(day),
                                 year=self.year.label))  # fmt: skip
            return
        self.day = day
        period = period_name(self.year, day)
        answer.update(markup("[b]$day[/] · $period" if period else "[b]$day[/]", day=fmt_day(day), period=period or ""))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        if self.day is not None:
            self.dismiss(self.day)

    def action_cancel(self) -> None:
        self.dismiss(None)
