"""A widget drawn a line at a time that keeps its lines and, when what it shows changes, repaints only the
lines that differ: Textual then composes just those rows, so an edit that moves one meeting redraws a few
lines of the month, not the month, and a step of the cursor two days (the Line API: `render_line`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class DrawsOnce:
    """A widget whose drawing is worked out when it changes (not when Textual asks for it): the changes made
    while it is `held` are drawn once, when the hold ends. A screen holds its views while it shows a new plan,
    which sets a view's plan and then moves its cursor to the event the edit moved."""

    _holds = 0
    _pending = False

    @contextmanager
    def held(self) -> Iterator[None]:
        self._holds += 1
        try:
            yield
        finally:
            self._holds -= 1
            if not self._holds and self._pending:
                self._pending = False
                self.draw_now()

    def redraw(self) -> None:
        """What it shows changed: draw it now, or when the hold ends."""
        if self._holds:
            self._pending = True
        else:
            self.draw_now()

    def draw_now(self) -> None:
        raise NotImplementedError


class KeptLines(DrawsOnce, Widget):
    """The subclass draws every line in `draw` and calls `redraw` when its data, cursor or selection change
    (its reactives must not repaint the whole widget themselves: `repaint=False`)."""

    _kept: tuple[Size, list[Strip]] | None = None

    def draw(self) -> list[Strip]:
        """Every line, each a strip as wide as the content (subclasses)."""
        raise NotImplementedError

    def draw_now(self) -> None:
        """Draw it and repaint the lines that are not what they were."""
        kept, size, height = self._kept, self.size, self.styles.height
        auto = height is None or height.is_auto
        if not displayed(self):
            self._kept = None  # drawn in full when shown
            return
        if kept is None or kept[0] != size or not self.is_mounted:
            self._kept = None  # never drawn at this size: drawn in full on the next frame
            self.refresh(layout=auto)
            return
        old, new = kept[1], self.draw()
        self._kept = (size, new)
        if auto and fitted_height(self, len(new)) != self.outer_size.height:
            self.refresh(layout=True)  # a taller or shorter widget
            return
        blank = Strip.blank(size.width, self.rich_style)  # what is drawn below the last line
        rows = max(len(old), len(new))
        old, new = old + [blank] * (rows - len(old)), new + [blank] * (rows - len(new))
        changed = [y for y, (was, now) in enumerate(zip(old, new, strict=True)) if was is not now and was != now]
        for first, last in _runs(changed):
            self.refresh(Region(0, first, size.width, last - first + 1))

    def render_line(self, y: int) -> Strip:
        if self._kept is None or self._kept[0] != self.size:
            self._kept = (self.size, self.draw())
        lines = self._kept[1]
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)

    @property
    def plain(self) -> str:
        """What it shows, as text."""
        return "\n".join(self.render_line(y).text for y in range(self.size.height))

    def notify_style_update(self) -> None:
        self._kept = None  # a new theme or class: new colours everywhere
        super().notify_style_update()


def displayed(widget: Widget) -> bool:
    """Whether it is laid out at all: not hidden, nor inside something hidden (a summary shown only on a narrow
    terminal, a side panel only on a wide one). A hidden one needs no layout for a new text: it gets one when
    it is shown."""
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


def fitted_height(widget: Widget, lines: int) -> int:
    """The height Textual gives a widget of auto height with `lines` lines of content: its padding and
    border added, no lower than its minimum height."""
    styles = widget.styles
    floor = styles.min_height.resolve(widget.container_size, widget.app.size) if styles.min_height else 0
    return max(lines + styles.gutter.height, int(floor))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) pairs: one region per run rather than per line."""
    found: list[tuple[int, int]] = []
    for row in rows:
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found
