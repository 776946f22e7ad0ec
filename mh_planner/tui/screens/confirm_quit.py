"""Leaving with unsaved changes: save them, throw them away, or stay."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from mh_planner.tui.screens.confirm import ConfirmScreen


class ConfirmQuit(ConfirmScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save and quit"),
        Binding("d", "answer('discard')", "Quit without saving"),
    ]

    def __init__(self) -> None:
        super().__init__(
            "Unsaved changes",
            "The plan has changes that are not saved yet. Save them before quitting?",
            [
                ("save", "Save and quit (s)", "primary"),
                ("discard", "Quit without saving (d)", "error"),
                ("cancel", "Stay (esc)", "default"),
            ],
        )

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
