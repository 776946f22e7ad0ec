"""A panel of text (content: the data in it never read as markup, `literal.py`) that redraws only when its
text or styles change, and asks for a new layout only when its number of lines does: after an edit, most
panels say what they said before."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TextPanel(Static):
    _text: Content = Content("")

    def show(self, text: Content) -> None:
        if text.is_same(self._text):
            return
        lines = self._text.plain.count("\n")
        self._text = text
        self.update(text, layout=text.plain.count("\n") != lines or not self.is_mounted)
