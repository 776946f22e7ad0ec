"""One event in full: when, its venue (and what else is there that day), its people and their roles, its
clashes; and the keys to move, duplicate, delete it or confirm its date."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static
from textual.widgets.button import ButtonVariant

from mh_planner.tui.describe import event_details
from mh_planner.tui.screens.base import STYLES

BUTTONS = {"move": "Move (m)", "confirm": "Confirm date (m)", "duplicate": "Duplicate (d)", "delete": "Delete (x)"}


class EventDetailsScreen(ModalScreen[None]):
    """Its keys and buttons are only those of what can be done to the event (`PlanState.actions`): an exchange
    leg's dates are the programme's, a central event's date can only be confirmed."""

    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close"),
        Binding("m", "edit('move')", "Move"),
        Binding("m", "edit('confirm')", "Confirm date"),
        Binding("d", "edit('duplicate')", "Duplicate"),
        Binding("x,delete", "edit('delete')", "Delete"),
    ]

    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id
        self.allowed: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        state = getattr(self.app, "state", None)
        event = state.by_id.get(self.event_id) if state else None
        self.allowed = state.actions(event) if state and event else ()
        with Vertical(id="details"):
            with VerticalScroll(id="details-scroll"):
                yield Static(event_details(state, event) if state and event else "Gone.", id="details-text")
            with Horizontal(id="details-buttons"):
                if event is not None and not self.allowed:
                    whose = "another calendar" if event.origin.value == "imported" else "the programme"
                    yield Static(f"[dim]Its dates are set by {whose}.[/]", id="details-fixed")
                for action in self.allowed:
                    variant: ButtonVariant = "error" if action == "delete" else "default"
                    if action in ("move", "confirm"):
                        variant = "primary"
                    yield Button(BUTTONS[action], id=action, compact=True, variant=variant)
                yield Button("Close (esc)", id="close", compact=True)
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "edit" or parameters[0] in self.allowed

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.action_close()
        else:
            self.action_edit(event.button.id or "move")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self, action: str) -> None:
        if action not in self.allowed:
            return
        self.dismiss(None)
        edit = getattr(self.app, "edit_event", None)
        if edit is not None:
            edit(self.event_id, action)
