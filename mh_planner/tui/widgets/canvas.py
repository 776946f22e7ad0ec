"""A character canvas for the views drawn cell by cell (the week, the month): a line is a list of
(character, style) cells, turned into a strip of segments with a run per style (`KeptLines` keeps them). Text
put on it is never read as markup, and its control characters (a newline too: a cell is one character) are
shown escaped (`problems.visible`)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from mh_planner.problems import visible

Cell = tuple[str, Style]


def cells(text: str, width: int, style: Style) -> list[Cell]:
    """`text` cut or padded to `width` cells, all in `style`."""
    text = visible(text)[:width].ljust(width)
    return [(ch, style) for ch in text]


def to_strip(line: list[Cell], width: int, pad: Style) -> Strip:
    """The line as `width` cells of segments, a segment per run of one style, cut or padded in `pad` (never
    a segment without a style: Textual's filter for NO_COLOR cannot take one)."""
    segments: list[Segment] = []
    run: list[str] = []
    run_style: Style | None = None
    for ch, style in line[:width]:
        if style is not run_style and run:
            segments.append(Segment("".join(run), run_style))
            run = []
        run.append(ch)
        run_style = style
    if run:
        segments.append(Segment("".join(run), run_style))
    strip = Strip(segments)  # its own measure: a wide character takes two cells
    return strip if strip.cell_length == width else strip.crop_extend(0, width, pad)
