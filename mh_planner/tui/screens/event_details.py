"""One event in full: when, its venue (and what else is there that day), its people and their roles, its
clashes; and the keys to move, duplicate, delete it or confirm its date."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from mh_planner.tui.describe import event_details
from mh_planner.tui.screens.base import STYLES


class EventDetailsScreen(ModalScreen[None]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close"),
        Binding("m", "edit('move')", "Move / confirm"),
        Binding("d", "edit('duplicate')", "Duplicate"),
        Binding("x,delete", "edit('delete')", "Delete"),
    ]

    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id

    def compose(self) -> ComposeResult:
        state = getattr(self.app, "state", None)
        event = state.by_id.get(self.event_id) if state else None
        editable = bool(event is not None and state is not None and state.editable(event))
        with Vertical(id="details"):
            with VerticalScroll(id="details-scroll"):
                yield Static(event_details(state, event) if state and event else "Gone.", id="details-text")
            with Horizontal(id="details-buttons"):
                label = "Move (m)" if editable else "Confirm date (m)"
                yield Button(label, id="move", compact=True, variant="primary")
                yield Button("Duplicate (d)", id="duplicate", compact=True, disabled=not editable)
                yield Button("Delete (x)", id="delete", compact=True, variant="error", disabled=not editable)
                yield Button("Close (esc)", id="close", compact=True)
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.action_close()
        else:
            self.action_edit(event.button.id or "move")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self, action: str) -> None:
        button = self.query_one(f"#{action}", Button)
        if button.disabled:
            self.notify("Only the hub's own events can be duplicated or deleted.", severity="warning")
            return
        self.dismiss(None)
        edit = getattr(self.app, "edit_event", None)
        if edit is not None:
            edit(self.event_id, action)
