"""A question with a few answers, as buttons: each answer's id is what the screen returns; and the questions
the app asks with it before it overwrites or drops anything (quitting has its own, `confirm_quit.py`)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static
from textual.widgets.button import ButtonVariant

from mh_planner.tui.literal import literal
from mh_planner.tui.screens.base import STYLES


class ConfirmScreen(ModalScreen[str | None]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, title: str, question: str, answers: list[tuple[str, str, ButtonVariant]]) -> None:
        """`answers`: (id, label, button variant); the last one is focused, so make it the safe one."""
        super().__init__()
        self.title_text = title
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "b"), classes="dialog-title")
            yield Static(literal(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for answer, label, variant in self.answers:
                    yield Button(label, id=answer, variant=variant, compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#{self.answers[-1][0]}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def overwrite_or_reload(names: list[str]) -> ConfirmScreen:
    """Saving found these files changed by something else: 'overwrite', 'reload' or None."""
    listed = "\n".join(f"  {name}" for name in names)
    return ConfirmScreen(
        "Changed on disk",
        f"Since the plan was loaded, these files were changed by something else:\n{listed}\n\n"
        "Overwrite them with your version, or reload them and lose your unsaved edits?",
        [
            ("overwrite", "Overwrite", "warning"),
            ("reload", "Reload from disk", "default"),
            ("cancel", "Cancel", "primary"),
        ],
    )


def reload_and_lose_edits() -> ConfirmScreen:
    """Reloading would drop the unsaved edits: 'reload' or None."""
    return ConfirmScreen(
        "Reload",
        "Reload the data folder from disk? Your unsaved edits will be lost.",
        [("reload", "Reload", "warning"), ("cancel", "Cancel", "primary")],
    )


def write_next_year(year: str, summary: str) -> ConfirmScreen:
    """Write next year's plans rolled from this year's: 'write' or None."""
    return ConfirmScreen(
        f"Start {year}",
        f"{summary}\n\nWrite the {year} plan(s)? Existing plans are never overwritten; this year's stay as they are.",
        [("write", "Write", "success"), ("cancel", "Cancel", "primary")],
    )
