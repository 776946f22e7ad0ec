"""The review of confirmed dates read from a calendar: matched, outside the window, ambiguous, already
pinned, and how many are unmatched. Space ticks a date (one per event); Enter pins the ticked dates as one
edit of the plan (undoable, saved with ctrl+s); Esc pins nothing. Dates matched inside their windows come
ticked; those outside their windows and the choices of an ambiguous event wait for a person's tick.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Static

from mh_planner.importing import Pin, Proposal, Verdict
from mh_planner.tui.describe import plain
from mh_planner.tui.screens.base import STYLES

COLUMNS = (
    ("tick", " ", 1),
    ("what", "Match", 9),
    ("event", "Event", 30),
    ("when", "Date", 30),
    ("window", "Window", 14),
)


def rows(proposals: tuple[Proposal, ...]) -> list[tuple[str, str, Pin, bool]]:
    """(row key, mark, the date it pins, ticked at first) for each date a person may pin."""
    found: list[tuple[str, str, Pin, bool]] = []
    for p in proposals:
        if p.verdict is Verdict.UNMATCHED or p.unchanged:
            continue
        if p.pin is not None:
            mark = "outside" if p.match.outside_window else "matched"
            found.append((f"{p.event_id}#0", mark, p.pin, p.approvable))
        else:
            found += [(f"{p.event_id}#{n}", "ambiguous", pin, False) for n, pin in enumerate(p.options)]
    return found


class ConfirmationsScreen(ModalScreen[tuple[Pin, ...] | None]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick"),
        Binding("enter", "pin", "Pin ticked", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, proposals: tuple[Proposal, ...]) -> None:
        super().__init__()
        self.proposals = proposals
        self.rows = rows(proposals)
        self.ticked = {key for key, _, _, on in self.rows if on}
        self.titles = {p.event_id: p for p in proposals}

    def compose(self) -> ComposeResult:
        unmatched = sum(1 for p in self.proposals if p.verdict is Verdict.UNMATCHED)
        pinned = sum(1 for p in self.proposals if p.unchanged)
        with Vertical(classes="dialog", id="confirmations"):
            yield Static("[b]Confirmed dates[/]", classes="dialog-title")
            yield Static(
                f"{len(self.rows)} date(s) to review; {pinned} already pinned; {unmatched} event(s) of the "
                "programme not in this calendar. Space ticks, Enter pins the ticked dates.",
                classes="dialog-text",
            )
            table: DataTable[Any] = DataTable(id="confirmations-table", cursor_type="row")
            for key, label, width in COLUMNS:
                table.add_column(label, key=key, width=width)
            yield table
            with Horizontal(classes="dialog-buttons"):
                yield Button("Pin ticked", id="pin", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, mark, pin, _ in self.rows:
            proposal = self.titles[pin.event_id]
            style = "bold yellow" if mark != "matched" else ""
            table.add_row("x" if key in self.ticked else " ", plain(mark, style), plain(proposal.title),
                          plain(pin.text()), plain(proposal.when), key=key)  # fmt: skip
        table.focus()

    def action_tick(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        event_id = key.rsplit("#", 1)[0]
        if key in self.ticked:
            self.ticked.discard(key)
        else:  # one date per event
            self.ticked = {k for k in self.ticked if k.rsplit("#", 1)[0] != event_id} | {key}
        for row_key, *_ in self.rows:
            table.update_cell(row_key, "tick", "x" if row_key in self.ticked else " ")

    def action_pin(self) -> None:
        self.dismiss(tuple(pin for key, _, pin, _ in self.rows if key in self.ticked))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "pin":
            self.action_pin()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
