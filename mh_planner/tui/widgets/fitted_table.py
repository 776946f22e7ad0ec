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
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

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
        rows are as they were: the rows gone are removed, the new ones added, and of the others only those
        whose cells or place changed are drawn again."""
        old, self.rows_given = self.rows_given, rows
        if not self.fitted:
            self._refit()  # adds the rows given, once there is room for the columns
            return
        now = {k for k, _ in rows}
        gone = [k for k, _ in old if k not in now]
        kept = len(old) - len(gone)
        if not old or len(old) != self.row_count or 2 * (len(gone) + len(rows) - kept) > len(rows):
            key = self.cursor_key  # mostly new rows (a filter): quicker to fill the table again
            self.clear()
            self._add_rows(key)
            return
        key = self.cursor_key
        for row_key in gone:
            self.remove_row(row_key)
        before = dict(old)
        for row_key, cells in rows:
            if row_key not in before:
                self.add_row(*self._cells(cells), key=row_key)
                before[row_key] = cells
        self._update(before, rows, key)

    def _update(self, before: dict[str, dict[str, Cell]], rows: list[Row], key: str | None) -> None:
        """Put the cells that changed and the new order in place, then forget and redraw only those rows.

        DataTable's update_cell and sort count an update, and every render it caches (cells, rows, lines) is
        keyed by that count: one edit would render every visible cell again (~50 ms on the agenda). Its
        caches are otherwise keyed by row, so here the rows that did not change keep theirs."""
        changed: set[RowKey] = set()
        for row_key, cells in rows:
            was, data = before[row_key], self._data[RowKey(row_key)]
            for column, width in self.fitted:
                value = cells.get(column.key, "")
                if value != was.get(column.key, ""):
                    data[ColumnKey(column.key)] = self._cell(value, width)
                    changed.add(RowKey(row_key))
        order = [RowKey(row_key) for row_key, _ in rows]
        # A row in a new place is drawn again: its stripe, and the row its cells tell a mouse click, changed.
        changed.update(k for index, k in enumerate(order) if self._row_locations.get(k) != index)
        if changed:
            self._row_locations = TwoWayDict({k: index for index, k in enumerate(order)})
            self._forget(changed)
        if key is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    def _forget(self, rows: set[RowKey]) -> None:
        """Drop these rows' cached renders and redraw them; the other rows' stay."""
        caches: tuple[LRUCache[Any, Any], ...] = (self._cell_render_cache, self._row_render_cache)
        for cache in caches:  # keyed first by row
            for cache_key in [k for k in cache.keys() if k[0] in rows]:  # noqa: SIM118 (an LRUCache: no iter)
                cache.discard(cache_key)
        # Keyed by place (index, line), not by row: cheap to remake from the rows' cached renders.
        for by_place in (self._row_renderable_cache, self._line_cache, self._offset_cache, self._ordered_row_cache):
            by_place.clear()
        for row_key in rows:
            self.refresh_row(self.get_row_index(row_key))

    def _add_rows(self, key: str | None) -> None:
        for row_key, cells in self.rows_given:
            self.add_row(*self._cells(cells), key=row_key)
        if key is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    def _cells(self, cells: dict[str, Cell]) -> list[Text]:
        return [self._cell(cells.get(column.key, ""), width) for column, width in self.fitted]

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
