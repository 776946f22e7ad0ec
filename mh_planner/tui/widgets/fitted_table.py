"""The planner's tables: columns that fit the width by importance, and keys that move the cursor.

A screen describes its columns (`layout.Column`: width, narrowest width, rank, flex) and hands over its
rows as `(key, {column: cell})`; a cell is a Rich `Text`, a plain string, or a tuple of wordings, longest
first, of which the longest that fits is shown ("Tue 12 Nov 13:00-16:00", "Tue 12 Nov 13:00"). On a narrow
terminal the least important columns go first (`layout.fit_columns`), so that an 80-column agenda still
shows where and who. `Home` and `End` move the cursor to the first and last row (a DataTable's own only
scroll, and Enter would then open a row out of sight).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from mh_planner.tui.layout import Column, fit_columns, fitting
from mh_planner.tui.literal import cell as text_cell

Cell = Text | str | tuple[str, ...]
Row = tuple[str, dict[str, Cell]]


class FittedTable(DataTable[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", "First row", show=False),
        Binding("end", "last_row", "Last row", show=False),
    ]

    def __init__(self, columns: tuple[Column, ...], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.spec = columns
        self.rows_given: list[Row] = []
        self.fitted: list[tuple[Column, int]] = []

    @property
    def shown_columns(self) -> list[str]:
        return [column.key for column, _ in self.fitted]

    def on_resize(self, event: events.Resize) -> None:
        self._refit()

    def _refit(self) -> bool:
        """Fit the columns to the width; True when they changed (the rows are then added again)."""
        room = self.size.width - self.styles.scrollbar_size_vertical  # room for a scroll bar, always
        if room <= 0:
            return False
        fitted = fit_columns(self.spec, room)
        if fitted == self.fitted:
            return False
        self.fitted = fitted
        key = self.cursor_key
        self.clear(columns=True)
        for column, width in fitted:
            self.add_column(fitting((column.label, column.label[:width]), width), key=column.key, width=width)
        self._add_rows(key)
        return True

    def fill(self, rows: list[Row]) -> None:
        """Show these rows (the cursor stays on the row it was on, if it is still there). After an edit most
        rows are as they were: when the same rows are there, only the cells that changed are redrawn, and
        the rows put in their new order."""
        old, self.rows_given = self.rows_given, rows
        if not self.fitted and not self._refit():
            return
        same = len(old) == len(rows) == self.row_count and {k for k, _ in old} == {k for k, _ in rows}
        if same and old:
            self._update(old, rows)
            return
        key = self.cursor_key
        self.clear()
        self._add_rows(key)

    def _update(self, old: list[Row], rows: list[Row]) -> None:
        key = self.cursor_key
        before = dict(old)
        for row_key, cells in rows:
            was = before[row_key]
            for column, width in self.fitted:
                value = cells.get(column.key, "")
                if value != was.get(column.key, ""):
                    self.update_cell(row_key, column.key, self._cell(value, width))
        if [k for k, _ in old] != [k for k, _ in rows]:
            # DataTable sorts by cell values: its first cells, each its own object, stand for their rows.
            first = self.fitted[0][0].key
            order = {id(self.get_cell(row_key, first)): index for index, (row_key, _) in enumerate(rows)}
            self.sort(first, key=lambda cell: order[id(cell)])
        if key is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    def _add_rows(self, key: str | None) -> None:
        for row_key, cells in self.rows_given:
            self.add_row(*(self._cell(cells.get(column.key, ""), width) for column, width in self.fitted), key=row_key)
        if key is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    @staticmethod
    def _cell(cell: Cell, width: int) -> Text:
        if isinstance(cell, Text):
            return cell
        return text_cell(fitting(cell, width))  # never read as markup: a title may well hold '['

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        if self.row_count == 0:
            return None
        try:
            value = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor may point past the end after the rows changed
            return None
        return None if value is None else str(value)

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
