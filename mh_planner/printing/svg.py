"""The printed year planner drawn as SVG (millimetres, an A3 landscape page), and as a print-ready HTML page.

Everything a colour shows is also said in black and white, so that a photocopy still reads: holidays are
hatched, bank holidays cross-hatched, weekends grey; a clash is a heavy red frame and a `!` before the day
(a possible clash a dashed frame and `?`); a provisional date is in italics after a `~`; each event starts
with its kind's letter, explained in the key.
"""

from __future__ import annotations

from html import escape

from mh_planner.printing.sheet import (
    GLYPHS,
    HEAD_H,
    KEY_H,
    KINDS,
    MARGIN,
    PAGE_H,
    PAGE_W,
    SHORT,
    TITLE_H,
    Box,
    Line,
    Sheet,
    fitted,
    rows_of,
    wrap,
)
from mh_planner.problems import visible

FACE = "'Liberation Sans Narrow', 'Arial Narrow', 'DejaVu Sans Condensed', sans-serif"
INK = {  # dark enough to read on white and on the shades
    "exchange": "#7b2a8c",
    "residential": "#a23b72",
    "central": "#1f4e9c",
    "meeting": "#1b6b3a",
    "visit": "#3f7f2a",
    "local": "#8a5a00",
    "milestone": "#555555",
}
FILL = {"term": "#ffffff", "weekend": "#e4e4e4", "holiday": "#dcebf7", "bank-holiday": "#b9cde3", "closure": "#eeeeee"}
CLASH = {"error": "#c00000", "warning": "#d98a00"}
FLAG = {"error": "!", "warning": "?"}
MARKS = ("~ provisional date (italics)", "! clash (red frame)", "? possible clash (dashed frame)",
         "▸ several days (bar)")
HATCH = {"holiday": ("#7fa7cf", 1.6, False), "bank-holiday": ("#5a7fa8", 1.4, True), "closure": ("#777", 1.0, True)}


def svg(sheet: Sheet) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W:g}mm" height="{PAGE_H:g}mm" '
        f'viewBox="0 0 {PAGE_W:g} {PAGE_H:g}" font-family="{FACE}">',
        f'<rect width="{PAGE_W:g}" height="{PAGE_H:g}" fill="#fff"/>',
        *_title(sheet),
        *_months(sheet),
        *(part for box in sheet.boxes for part in _box(box)),
        *_bars(sheet),
        *_key(sheet),
        "</svg>",
    ]
    return "\n".join(parts)


def html(sheet: Sheet) -> str:
    """A page that prints as one A3 landscape sheet from any browser (its print dialog, or `--print-to-pdf`)."""
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{_xml(sheet.title)} · {_xml(sheet.whose)}</title>"
        "<style>@page { size: A3 landscape; margin: 0 } html, body { margin: 0; padding: 0; background: #fff }"
        " svg { display: block; width: 420mm; height: 297mm }</style></head><body>\n"
        f"{svg(sheet)}\n</body></html>\n"
    )


def hatch(x: float, y: float, w: float, h: float, shade: str) -> str:
    """Diagonal lines across a box (both ways for a bank holiday or a closure), as one path: drawn, not an SVG
    pattern, which a browser's PDF would turn into an image per box."""
    colour, step, both = HATCH[shade]
    strokes = []
    c = -h + step / 2
    while c < w:
        x0, y0 = (x, y - c) if c < 0 else (x + c, y)
        x1, y1 = (x + w, y + (w - c)) if c + h > w else (x + c + h, y + h)
        strokes.append(f"M{x0:.2f} {y0:.2f}L{x1:.2f} {y1:.2f}")
        if both:  # the same line mirrored left to right
            strokes.append(f"M{2 * x + w - x0:.2f} {y0:.2f}L{2 * x + w - x1:.2f} {y1:.2f}")
        c += step
    return f'<path d="{"".join(strokes)}" stroke="{colour}" stroke-width="0.16" fill="none"/>'


def _xml(text: str) -> str:
    """Text as XML character data: control characters, which XML does not allow (the page would not open),
    shown escaped as in every report (`problems.visible`), then `<`, `>` and `&` escaped."""
    return escape(visible(text))


def _text(x: float, y: float, text: str, size: float, *extra: str) -> str:
    attributes = " ".join(extra)
    return f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:g}" {attributes}>{_xml(text)}</text>'


def _title(sheet: Sheet) -> list[str]:
    top = MARGIN
    return [
        _text(MARGIN, top + 6, sheet.title, 6, 'font-weight="bold"'),
        _text(MARGIN, top + 11, f"{sheet.whose} · {sheet.summary}", 3.2, 'fill="#333"'),
    ]


def _months(sheet: Sheet) -> list[str]:
    y = MARGIN + TITLE_H
    parts = []
    for label, x, w in sheet.months:
        parts.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{HEAD_H:g}" fill="#333"/>')
        parts.append(_text(x + 1.2, y + HEAD_H - 1.4, label, 3, 'fill="#fff"', 'font-weight="bold"'))
    return parts


def _box(box: Box) -> list[str]:
    parts = [f'<rect x="{box.x:.2f}" y="{box.y:.2f}" width="{box.w:.2f}" height="{box.h:.2f}" '
             f'fill="{FILL[box.shade]}" stroke="#999" stroke-width="0.12"/>']
    if box.shade in HATCH:
        parts.append(hatch(box.x, box.y, box.w, box.h, box.shade))
    weekday = "MTWTFSS"[box.day.weekday()]
    flag = FLAG.get(box.clash or "", "")
    bold = 'font-weight="bold"' + (f' fill="{CLASH[box.clash]}"' if box.clash else "")
    parts.append(_text(box.x + 0.6, box.y + 2.3, f"{flag}{box.day.day}", 2.1, bold))
    parts.append(_text(box.x + 0.6, box.y + 4.4, weekday, 1.7, 'fill="#555"'))
    if box.note:
        note = fitted(SHORT.get(box.note, box.note), box.w - LABEL - 1, 1.5)
        parts.append(_text(box.x + box.w - 0.5, box.y + box.h - 0.5, note, 1.5, 'text-anchor="end"',
                           'font-style="italic"', 'fill="#234"'))
    parts.extend(_lines(box))
    if box.clash:
        dash = ' stroke-dasharray="0.8 0.5"' if box.clash == "warning" else ""
        parts.append(f'<rect x="{box.x + 0.25:.2f}" y="{box.y + 0.25:.2f}" width="{box.w - 0.5:.2f}" '
                     f'height="{box.h - 0.5:.2f}" fill="none" stroke="{CLASH[box.clash]}" stroke-width="0.5"{dash}/>')
    return parts


LABEL = 6.0


def _lines(box: Box) -> list[str]:
    width = box.text_w / box.columns
    rows = rows_of(box)
    parts = []
    if box.columns == 1:  # room to spare: an event may take more than one line
        spare, row = rows - len(box.lines), 0
        for line in box.lines:
            texts = wrap(_words(line), width - 0.3, box.font, 1 + spare)
            spare -= len(texts) - 1
            for text in texts:
                parts.append(_text(box.text_x, box.y + box.font + 0.15 + row * box.line_h, text, box.font,
                                   *_style(line)))
                row += 1
        return parts
    for index, line in enumerate(box.lines):
        column, row = divmod(index, rows)
        y = box.y + box.font + 0.15 + row * box.line_h
        parts.append(_event(box.text_x + column * width, y, line, width, box.font))
    if box.hidden:
        parts.append(_text(box.text_x + box.text_w, box.y + box.h - 0.4, f"+{box.hidden} more", box.font,
                           'text-anchor="end"', 'font-weight="bold"'))
    return parts


def _words(line: Line) -> str:
    return FLAG.get(line.clash or "", "") + line.text


def _style(line: Line) -> list[str]:
    style = [f'fill="{CLASH[line.clash]}"' if line.clash else f'fill="{INK[line.category]}"']
    if line.tentative:
        style.append('font-style="italic"')
    if line.clash == "error":
        style.append('font-weight="bold"')
    return style


def _event(x: float, y: float, line: Line, width: float, size: float) -> str:
    return _text(x, y, fitted(_words(line), width - 0.3, size), size, *_style(line))


def _bars(sheet: Sheet) -> list[str]:
    parts = []
    for bar in sheet.bars:
        colour = CLASH[bar.clash] if bar.clash == "error" else INK[bar.category]
        opacity = ' fill-opacity="0.45"' if bar.tentative else ""
        parts.append(f'<rect x="{bar.x:.2f}" y="{bar.top:.2f}" width="1.2" height="{bar.bottom - bar.top:.2f}" '
                     f'fill="{colour}"{opacity}/>')
    return parts


def _key(sheet: Sheet) -> list[str]:
    top = PAGE_H - MARGIN - KEY_H + 3.5
    parts = [_text(MARGIN, top, "Key", 2.6, 'font-weight="bold"')]
    x = MARGIN + 9
    for name, letter in GLYPHS.items():
        parts.append(_text(x, top, f"{letter} {KINDS[name]}", 2.4, f'fill="{INK[name]}"'))
        x += 5 + len(KINDS[name]) * 1.15
    marks = "   ".join(MARKS)
    parts.append(_text(x + 2, top, marks, 2.4))
    y = top + 4.2
    x = MARGIN + 9
    for shade, words in (("weekend", "weekend"), ("holiday", "school holiday"), ("bank-holiday", "bank holiday"),
                         ("closure", "hub closed")):
        parts.append(f'<rect x="{x:.2f}" y="{y - 2.4:.2f}" width="5" height="3" fill="{FILL[shade]}" '
                     f'stroke="#999" stroke-width="0.12"/>')
        if shade in HATCH:
            parts.append(hatch(x, y - 2.4, 5, 3, shade))
        parts.append(_text(x + 6, y, words, 2.4))
        x += 10 + len(words) * 1.15
    for index, text in enumerate(_two_lines(sheet.periods)):
        parts.append(_text(MARGIN, y + 4.2 + index * 3.6, text, 2.2, 'fill="#333"'))
    return parts


def _two_lines(periods: list[str]) -> list[str]:
    half = (len(periods) + 1) // 2
    return ["   ".join(periods[:half]), "   ".join(periods[half:])]
