"""A panel of text (content: the data in it never read as markup, `literal.py`) that redraws only when its
text or styles change, and asks for a new layout only when its height must change: after an edit, most panels
say what they said before, and a panel whose height is set (a one-line title) or that fills its scroll view
(`min-height: 100%`, and the new text fits) is repainted where it stands, without a layout pass, which would
compose the whole screen again."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TextPanel(Static):
    _text: Content = Content("")

    def show(self, text: Content) -> None:
        if text.is_same(self._text):
            return
        self._text = text
        self.update(text, layout=False)
        if not self.is_mounted or self._height_changes():
            self.refresh(layout=True)

    def _height_changes(self) -> bool:
        """Whether the text now shown needs another height than the panel has (as Textual lays it out: the
        text wrapped to the width, no lower than the minimum height)."""
        height = self.styles.height
        if height is not None and not height.is_auto:
            return False  # its height does not follow its text
        lines = self.get_content_height(self.container_size, self.app.size, self.size.width)
        wanted = lines + self.styles.gutter.height
        if self.styles.min_height is not None:
            wanted = max(wanted, int(self.styles.min_height.resolve(self.container_size, self.app.size)))
        return wanted != self.outer_size.height
