"""A panel of text (content: the data in it never read as markup, `literal.py`), drawn line by line
(`KeptLines`): a new text repaints only the lines that changed, and asks for a layout pass only when the
panel's height must change (a panel whose height is set, or that fills its scroll view and still does, is
repainted where it stands). After an edit most panels say what they said before, or nearly."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual

from mh_planner.tui.widgets.kept_lines import KeptLines


class TextPanel(KeptLines):
    DEFAULT_CSS: ClassVar[str] = "TextPanel { height: auto; }"
    _shown: Content = Content("")

    def show(self, text: Content) -> None:
        if not text.is_same(self._shown):
            self._shown = text
            self.redraw()

    @property
    def text(self) -> Content:
        """What the panel says."""
        return self._shown

    def render(self) -> Content:
        return self.text  # what a selection or a test reads: the drawing is `draw`'s

    def draw(self) -> list[Strip]:
        return Visual.to_strips(self, self.text, self.size.width, None, self.visual_style, pad=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.text.get_height(self.styles, width)  # type: ignore[arg-type]  # as Widget does
