"""Showing new text in a panel at the least cost: after an edit most panels say what they said, or something
as tall. A Static's `update` lays the whole screen out again (a layout costs the edit a frame of its own),
which only a change of height needs: a panel whose height is set (a one-line title), or that fills its scroll
view (`min-height: 100%`) and still does, is repainted where it stands."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static


def show(panel: Static, text: Content) -> None:
    """Show `text` in `panel`: nothing redrawn if it is what the panel shows, no layout if as tall."""
    was = panel.content
    if isinstance(was, Content) and text.is_same(was):
        return
    panel.update(text, layout=False)
    if not displayed(panel):
        return
    if not panel.is_mounted or not panel.size.width or _height_changes(panel, text):
        panel.refresh(layout=True)  # not laid out yet, or taller or shorter


def _height_changes(panel: Static, text: Content) -> bool:
    """Whether the text now shown needs another height than the panel has, as Textual lays it out: the text
    wrapped to the width, no lower than the minimum height."""
    styles = panel.styles
    if styles.height is not None and not styles.height.is_auto:
        return False  # its height does not follow its text
    width = panel.size.width
    lines = text.plain.split("\n")
    if not all(cell_len(line) <= width for line in lines):  # a line wraps: wrap them all to know how many
        lines = [""] * panel.get_content_height(panel.container_size, panel.app.size, width)
    return fitted_height(panel, len(lines)) != panel.outer_size.height


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
