"""A panel of text (content: the data in it never read as markup, `literal.py`) that redraws only when its
text changes, and asks for a layout only when its height must change (`quiet.show`)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from mh_planner.tui.widgets.quiet import show


class TextPanel(Static):
    def show(self, text: Content) -> None:
        show(self, text)
