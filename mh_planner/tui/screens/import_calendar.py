""" "Import calendar…": a file or an address to check the plan against, read as a person's busy times, a
venue's bookings or the programme's confirmed dates. Opened from People (for the selected person), Venues
(for the selected venue) and the command palette; returns an `ImportRequest`, or None when cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from mh_planner.tui.literal import choices
from mh_planner.tui.screens.base import STYLES
from mh_planner.tui.session import ImportRequest

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

CONFIRMATIONS = "confirmations"


def targets(state: PlanState) -> list[tuple[str, str]]:
    """What a calendar can be read as: (label, 'confirmations' | 'person:<id>' | 'venue:<id>')."""
    calendar = state.calendar
    found = [("Confirmed dates of the programme's events", CONFIRMATIONS)]
    found += [
        (f"Busy times of {p.name}", f"person:{p.id}") for p in sorted(calendar.people.values(), key=lambda p: p.name)
    ]
    found += [
        (f"Bookings of {v.name}", f"venue:{v.id}") for v in sorted(calendar.venues.values(), key=lambda v: v.name)
    ]
    return found


def request_for(source: str, target: str, own: bool) -> ImportRequest:
    kind, _, subject = target.partition(":")
    if kind == "person":
        return ImportRequest(source, "busy", person=subject, own=own)
    if kind == "venue":
        return ImportRequest(source, "bookings", venue=subject, own=own)
    return ImportRequest(source, CONFIRMATIONS, own=own)


class ImportCalendarScreen(ModalScreen[ImportRequest | None]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, state: PlanState, target: str = CONFIRMATIONS) -> None:
        super().__init__()
        self.options = targets(state)
        self.target = target if any(value == target for _, value in self.options) else CONFIRMATIONS

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import"):
            yield Static("[b]Import calendar[/]", classes="dialog-title")
            yield Static(
                "An .ics file or an http(s)/webcal address. Busy times and bookings take part in every check, "
                "shown as Busy or Booked unless it is the hub's own calendar; confirmed dates are shown for "
                "approval.",
                classes="dialog-text",
            )
            with Horizontal(classes="field"):
                yield Label("Source", classes="field-label")
                yield Input(placeholder="calendar.ics or https://…", id="source", compact=True)
            with Horizontal(classes="field"):
                yield Label("As", classes="field-label")
                options: list[tuple[Any, Any]] = choices(self.options)  # names from the data: never markup
                yield Select(options, value=self.target, allow_blank=False, id="target", compact=True)
            yield Checkbox("The hub's own calendar: show its titles", id="own", compact=True)
            yield Static("", id="import-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", id="import-button", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-button":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        source = self.query_one("#source", Input).value.strip()
        if not source:
            error = self.query_one("#import-error", Static)
            error.update("[red]Give a file or an address.[/]")
            error.add_class("-shown")
            return
        target = str(self.query_one("#target", Select).value)
        self.dismiss(request_for(source, target, self.query_one("#own", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
