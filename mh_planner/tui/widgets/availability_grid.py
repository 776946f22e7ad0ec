"""The scheduling assistant's grid: one row per attendee and one for the venue, one column per weekday of the
period, and a last row with the proposals ranked (1 the best) and where the event is now (●).

    ██ busy   ░░ inside the window of a central event not dated yet   // not a school day   ·· free

The columns that fit are shown, scrolled so that the cursor's stays in sight; a line separates the weeks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from mh_planner.problems import visible

if TYPE_CHECKING:
    from mh_planner.scheduling.availability import Board, Cell

GLYPHS = {"busy": "█", "window": "░", "closed": "/", "free": "·"}  # their colours: assistant.tcss
LEGEND = "[red]██[/] busy  [yellow]░░[/] undated event's window  [dim]//[/] not a school day  1-5 proposals  ● now"


@dataclass
class GridMoved(Message):
    """The cursor moved: to this day, on this row (a person id or '@' + venue id; '' for the proposals)."""

    day: dt.date
    who: str


def cell_kind(cell: Cell, closed: str | None) -> str:
    if closed is not None:
        return "closed"
    if cell.busy:
        return "busy"
    return "window" if cell.windows else "free"


class AvailabilityGrid(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1, 0)", "Day", show=False),
        Binding("right", "move(1, 0)", "Day", show=False),
        Binding("up", "move(0, -1)", "Row", show=False),
        Binding("down", "move(0, 1)", "Row", show=False),
        Binding("home", "move(-999, 0)", show=False),
        Binding("end", "move(999, 0)", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"availability-grid--{kind}" for kind in GLYPHS),
        "availability-grid--proposal",
    }
    board: reactive[Board | None] = reactive(None, always_update=True, layout=True)
    day: reactive[int] = reactive(0)
    row: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ranks: dict[dt.date, int] = {}  # the best proposal's rank on each day
        self.now: dt.date | None = None

    def show(self, board: Board, ranks: dict[dt.date, int], now: dt.date | None) -> None:
        self.ranks, self.now = ranks, now
        first = min(ranks, default=now)
        self.board = board
        if first is not None and first in board.days:
            self.day = board.days.index(first)
        self._moved()

    def go_to(self, day: dt.date) -> None:
        if self.board is not None and day in self.board.days:
            self.day = self.board.days.index(day)
            self._moved()

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 3 + (len(self.board.rows) if self.board else 1)

    def action_move(self, days: int, rows: int) -> None:
        board = self.board
        if board is None:
            return
        self.day = max(0, min(len(board.days) - 1, self.day + days))
        self.row = max(0, min(len(board.rows), self.row + rows))
        self._moved()

    def _moved(self) -> None:
        board = self.board
        if board is not None and board.days:
            who = board.rows[self.row].who if self.row < len(board.rows) else ""
            self.post_message(GridMoved(board.days[self.day], who))

    # --- drawing ----------------------------------------------------------------------------------

    def _geometry(self) -> tuple[int, int, range]:
        """Label width, cell width, and the days in sight."""
        board = self.board
        assert board is not None
        width = self.size.width or 80
        cell = 3 if width >= 120 else 2
        label = min(max((len(r.label) for r in board.rows), default=8), 22 if width >= 120 else 12) + 1
        per_day = cell + 0.2  # a week's separator shared by its five days
        fit = max(5, int((width - label) / per_day))
        start = max(0, min(self.day - fit // 2, len(board.days) - fit))
        return label, cell, range(start, min(len(board.days), start + fit))

    def render(self) -> Text:
        board = self.board
        if board is None:
            return Text("Finding who is free…", style="dim")
        label, cell, shown = self._geometry()
        lines = [self._header(label, cell, shown, 0), self._header(label, cell, shown, 1)]
        for r, row in enumerate(board.rows):
            line = self._label(row.label, label, r == self.row)
            for i in shown:
                line.append_text(self._gap(board, i, shown))
                kind = cell_kind(row.cells[i], board.closed[i])
                line.append(GLYPHS[kind] * cell, style=self._style(kind, reverse=i == self.day))
            lines.append(line)
        lines.append(self._proposals(label, cell, shown))
        return Text("\n").join(lines)

    def _style(self, name: str, reverse: bool = False) -> Style:
        style = self.get_component_rich_style(f"availability-grid--{name}", partial=True)
        return style + Style(reverse=True) if reverse else style

    def _label(self, text: str, width: int, current: bool) -> Text:
        text = visible(text)  # a person's or a venue's name: its control characters escaped
        shown = text if len(text) < width else text[: width - 2] + "…"
        return Text(shown.ljust(width), style="bold reverse" if current and self.has_focus else "bold")

    def _gap(self, board: Board, i: int, shown: range) -> Text:
        return Text("│", style="dim") if board.days[i].weekday() == 0 and i != shown.start else Text("")

    def _header(self, label: int, cell: int, shown: range, which: int) -> Text:
        board = self.board
        assert board is not None
        first, last = board.days[shown.start], board.days[shown.stop - 1]
        months = f"{first:%b}" if first.month == last.month else f"{first:%b}-{last:%b}"
        line = Text((f"{months} {last:%Y}" if which == 0 else "").ljust(label), style="dim")
        for i in shown:
            day = board.days[i]
            text = f"{day:%a}"[: cell - 1] if which == 0 else str(day.day)
            if which and cell < 3 and day.weekday() != 0:
                text = ""  # two-digit days side by side would run together: the week's Monday only
            line.append_text(self._gap(board, i, shown))
            text = text.rjust(cell) if which and cell >= 3 else text.ljust(cell)
            line.append(text, style="reverse" if i == self.day else "")
        return line

    def _proposals(self, label: int, cell: int, shown: range) -> Text:
        board = self.board
        assert board is not None
        current = self.row == len(board.rows)
        line = self._label("Proposals", label, current)
        for i in shown:
            day = board.days[i]
            mark = str(self.ranks[day]) if day in self.ranks else "●" if day == self.now else ""
            style = self._style("proposal") if day in self.ranks else Style(bold=True)
            line.append_text(self._gap(board, i, shown))
            line.append(mark.rjust(cell), style=style + Style(reverse=True) if i == self.day else style)
        return line
