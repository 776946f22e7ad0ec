"""Tick boxes and radio buttons that say whether they are ticked in characters, not only in colour.

Textual draws every check box as `▐X▌` and every radio button as `▐●▌`, ticked or not, and tells them apart
by colour alone: on a terminal without colour (`NO_COLOR`) all look ticked. The planner's show `[x]` and
`[ ]`, `(•)` and `( )`: `install()` (called once by the app) gives Textual's toggle buttons and selection
lists that look, wherever a screen uses them.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton

_installed: list[bool] = []


def box(ticked: bool, radio: bool) -> tuple[str, str, str]:
    """The three characters of a toggle: '[x]', '[ ]', '(•)', '( )'."""
    left, right = ("(", ")") if radio else ("[", "]")
    return left, ("•" if radio else "x") if ticked else " ", right


def _button(self: ToggleButton) -> Content:
    left, inner, right = box(self.value, isinstance(self, RadioButton))
    button_style = self.get_visual_style("toggle--button")
    label_style = self.get_visual_style("toggle--label")
    # The brackets in the label's colours (Textual's half blocks took the button's as their foreground).
    sides = Style(foreground=label_style.foreground or None)
    return Content.assemble((left, sides), (inner, button_style + Style(bold=True)), (right, sides))


def _selection_line(original: Any) -> Any:
    def render_line(self: SelectionList[Any], y: int) -> Strip:
        strip = original(self, y)
        segments = list(strip)
        if len(segments) < 4 or segments[0].text != ToggleButton.BUTTON_LEFT:
            return strip
        option = self.get_option_at_index(self.scroll_offset.y + y)
        left, inner, right = box(option.value in self._selected, radio=False)
        text = segments[3].style
        return Strip([Segment(left, text), Segment(inner, segments[1].style), Segment(right, text), *segments[3:]])

    return render_line


def install() -> None:
    """Give Textual's toggles the planner's look (once per process)."""
    if _installed:
        return
    _installed.append(True)
    ToggleButton._button = property(_button)  # type: ignore[assignment,method-assign]
    SelectionList.render_line = _selection_line(SelectionList.render_line)  # type: ignore[method-assign]
