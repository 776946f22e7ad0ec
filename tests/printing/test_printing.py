"""The printable year planner: what goes where (no browser needed), and the page as a browser renders it
(skipped where no Chromium or Chrome is installed, as on CI)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mh_planner.calendar import Calendar
from mh_planner.printing import file_name, find_browser, html, svg, to_pdf, year_planner
from mh_planner.printing.pdf import browse
from mh_planner.printing.sheet import MARGIN, PAGE_H, PAGE_W, Sheet
from mh_planner.rules import Conflict
from tests.printing.png import read_png

D = dt.date
needs_a_browser = pytest.mark.skipif(find_browser() is None, reason="no Chromium or Chrome to render the page")


@pytest.fixture(scope="module")
def planned() -> tuple[Calendar, list[Conflict]]:
    from mh_planner.editing import Planner
    from tests.builders import DATA

    planner = Planner(DATA)
    return planner.calendar, list(planner.conflicts)


@pytest.fixture(scope="module")
def sheet(planned: tuple[Calendar, list[Conflict]]) -> Sheet:
    return year_planner(*planned)


def test_every_day_of_the_year_has_a_box_on_the_page(sheet: Sheet) -> None:
    assert len(sheet.boxes) == 366  # 1 Sep 2019 to 31 Aug 2020, a leap year
    assert [label for label, _, _ in sheet.months][:2] == ["September 2019", "October 2019"]
    for box in sheet.boxes:
        assert box.x >= MARGIN and box.x + box.w <= PAGE_W - MARGIN + 1e-6
        assert box.y >= MARGIN and box.y + box.h <= PAGE_H - MARGIN + 1e-6


def test_every_event_of_the_year_is_printed(planned: tuple[Calendar, list[Conflict]], sheet: Sheet) -> None:
    calendar, _ = planned
    year = calendar.year
    in_year = [e for e in calendar.events if e.last_day >= year.start and e.first_day <= year.end]
    printed = [line.text for box in sheet.boxes for line in box.lines]
    assert not any(box.hidden for box in sheet.boxes)  # even 25 Feb's eight events fit
    for event in in_year:
        assert any(event.title in text for text in printed), event.title
    assert sheet.left_out == len(calendar.events) - len(in_year)
    assert ("not shown" in sheet.summary) == bool(sheet.left_out)


def test_terms_holidays_clashes_and_provisional_dates_are_marked(
    planned: tuple[Calendar, list[Conflict]], sheet: Sheet
) -> None:
    year = planned[0].year
    half_term = next(p for p in year.holidays if p.name == "October half-term").start
    autumn_2 = next(p for p in year.half_terms if p.name == "Autumn 2").start
    boxes = {box.day: box for box in sheet.boxes}
    assert boxes[D(2019, 11, 12)].clash == "error" and boxes[D(2019, 10, 4)].clash == "warning"
    assert boxes[half_term].shade == "holiday" and boxes[D(2019, 12, 25)].shade == "bank-holiday"
    assert boxes[autumn_2].note == "Autumn 2" and boxes[half_term].note == "October half-term"
    assert any(line.tentative and "~" in line.text for box in sheet.boxes for line in box.lines)
    assert any("Autumn 1" in period for period in sheet.periods)
    page = svg(sheet)
    assert "!12" in page and "?4" in page  # the marks are characters too, for a black-and-white copy
    assert "X exchange" in page and "school holiday" in page  # the key


def test_a_person_gets_their_own_planner(planned: tuple[Calendar, list[Conflict]]) -> None:
    calendar, conflicts = planned
    mine = year_planner(calendar, conflicts, person="pshah")
    assert "Priya Shah" in mine.whose
    texts = [line.text for box in mine.boxes for line in box.lines]
    assert any("Peterborough" in text for text in texts) and not any("Fenland" in text for text in texts)
    assert file_name(calendar, "pshah") == "year-planner-2019-20-pshah.html"


def test_the_page_is_one_a3_landscape_sheet(sheet: Sheet) -> None:
    page = html(sheet)
    assert "@page { size: A3 landscape; margin: 0 }" in page
    assert re.search(r'<svg [^>]*width="420mm" height="297mm" viewBox="0 0 420 297"', page)


@needs_a_browser
def test_a_browser_renders_the_planner_with_its_clashes(sheet: Sheet, tmp_path: Path) -> None:
    shot = tmp_path / "planner.png"
    browse(html(sheet), f"--screenshot={shot}", "--force-device-scale-factor=0.5", size="1588,1123")  # A3, 48 dpi
    width, height, rows = read_png(shot)
    assert (width, height) == (794, 562)
    scale = width / PAGE_W
    box = next(b for b in sheet.boxes if b.day == D(2019, 11, 12))
    top = int(box.y * scale)  # the clash's red frame along the top of the box, in its first rows
    xs = range(int(box.x * scale) + 3, int((box.x + box.w) * scale) - 3)
    pixels = [[rows[y][3 * x : 3 * x + 3] for y in range(top, top + 3)] for x in xs]
    red = [any(r > 150 and r - g > 60 and r - b > 60 for r, g, b in column) for column in pixels]
    assert sum(red) > len(red) * 0.8
    ink = sum(1 for row in rows[::5] for i in range(0, len(row), 15) if row[i] < 100)
    assert ink > 200  # text and rules, not a blank page


@needs_a_browser
def test_the_pdf_is_one_a3_page(sheet: Sheet, tmp_path: Path) -> None:
    out = tmp_path / "planner.pdf"
    to_pdf(html(sheet), out)
    pdf = out.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]+)\]", pdf).group(1).split()]  # type: ignore[union-attr]
    assert abs(box[2] - 1190.55) < 2 and abs(box[3] - 841.89) < 2  # 420 x 297 mm in points
