"""The printable year planner of the sample, rendered by a real headless browser, and timed.

    .venv/bin/python benchmarks/render_planner.py [--data data] [--person ID] [--png docs/year-planner.png]

Lays out the page (printing.year_planner), writes it as HTML and SVG, has Chromium (or Chrome,
$MH_PLANNER_BROWSER) print it to PDF and take a PNG of it (the picture in the README), and prints how long
each step took. Needs a browser; without one it says so and stops.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from mh_planner.editing import Planner
    from mh_planner.printing import find_browser, html, to_pdf, year_planner
    from mh_planner.printing.pdf import browse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--person")
    parser.add_argument("--png", default=str(ROOT / "docs" / "year-planner.png"))
    args = parser.parse_args()
    if find_browser() is None:
        print("no Chromium or Chrome found: nothing rendered", file=sys.stderr)
        return 2
    planner = Planner(Path(args.data))
    started = time.perf_counter()
    sheet = year_planner(planner.calendar, list(planner.conflicts), person=args.person)
    page = html(sheet)
    laid_out = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        to_pdf(page, Path(folder) / "planner.pdf")
        size = (Path(folder) / "planner.pdf").stat().st_size
    printed = time.perf_counter()
    browse(page, f"--screenshot={Path(args.png).resolve()}", "--force-device-scale-factor=0.75", size="1588,1123")
    shot = time.perf_counter()
    print(f"{sheet.summary}")
    print(f"laid out and drawn  {1000 * (laid_out - started):7.0f} ms  ({len(page) // 1024} KiB of HTML)")
    print(f"printed to PDF      {1000 * (printed - laid_out):7.0f} ms  ({size // 1024} KiB, one A3 page)")
    print(f"PNG                 {1000 * (shot - printed):7.0f} ms  -> {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
