"""Showing new text in a panel at the least cost: after an edit most panels say what they said, or something
as tall. A Static's `update` lays the whole screen out again (a layout costs the edit a frame of its own),
which only a change of height needs."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def show(panel: Static, text: Content) -> None:
    """Show `text` in `panel`: nothing redrawn if it is what the panel shows, no layout if as tall (wrapping
    counted) as what it shows."""
    was = panel.content
    if isinstance(was, Content) and text.is_same(was):
        return
    width, height = panel.content_region.width, panel.content_region.height
    panel.update(text, layout=False)
    if not width or panel.get_content_height(panel.size, panel.size, width) != height:
        panel.refresh(layout=True)  # not laid out yet, or taller or shorter
