"""A character canvas for the views drawn cell by cell (the week, the month): a line is a list of
(character, style) cells, turned into Rich text with a run per style. Text put on it is never read as markup,
and its control characters (a newline too: a cell is one character) are shown escaped (`problems.visible`)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from mh_planner.problems import visible

Cell = tuple[str, Style]


def cells(text: str, width: int, style: Style) -> list[Cell]:
    """`text` cut or padded to `width` cells, all in `style`."""
    text = visible(text)[:width].ljust(width)
    return [(ch, style) for ch in text]


def to_text(line: list[Cell]) -> Text:
    out = Text()
    run, run_style = "", None
    for ch, style in line:
        if style is run_style:
            run += ch
        else:
            if run:
                out.append(run, style=run_style)
            run, run_style = ch, style
    if run:
        out.append(run, style=run_style)
    return out
