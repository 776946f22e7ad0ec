"""A panel of text (markup) that redraws only when its text changes, and asks for a new layout only when its
number of lines does: after an edit, most panels say what they said before."""

from __future__ import annotations

from textual.widgets import Static


class TextPanel(Static):
    _text: str = ""

    def show(self, text: str) -> None:
        if text == self._text:
            return
        lines = self._text.count("\n")
        self._text = text
        self.update(text, layout=text.count("\n") != lines or not self.is_mounted)
