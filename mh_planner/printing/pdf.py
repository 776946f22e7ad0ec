"""The printed year planner as a PDF, printed by a headless browser (Chromium or Chrome) when one is
installed: the HTML page says it is one A3 landscape sheet, and the browser lays out the fonts."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mh_planner.printing.output import write_page

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class NoBrowser(Exception):
    """No headless browser to print with: write the HTML and print it from a browser instead."""


def find_browser() -> str | None:
    """A Chromium or Chrome on this machine ($MH_PLANNER_BROWSER first), or None."""
    chosen = os.environ.get("MH_PLANNER_BROWSER")
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def browse(page: str, *outputs: str, size: str = "1588,1123", timeout: float = 120) -> None:
    """Open `page` (HTML text) in a headless browser with `outputs` (e.g. '--print-to-pdf=...',
    '--screenshot=...'); each run gets its own profile, removed after."""
    browser = find_browser()
    if browser is None:
        raise NoBrowser("no Chromium or Chrome found (set MH_PLANNER_BROWSER to one)")
    with tempfile.TemporaryDirectory(prefix="mh-planner-print-") as folder:
        source = Path(folder) / "planner.html"
        source.write_text(page, encoding="utf-8")
        command = [browser, *FLAGS, f"--user-data-dir={folder}/profile", "--hide-scrollbars",
                   f"--window-size={size}", *outputs, source.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:  # a browser that hangs is not a bug of the planner's: say so
            raise OSError(f"the browser ({Path(browser).name}) took longer than {timeout:g} s") from None


def to_pdf(page: str, out: Path) -> None:
    """Print `page` to the PDF `out` (one A3 landscape sheet). The browser prints into a folder of its own;
    the PDF then replaces `out` all at once (`output.write_page`), so a failed or interrupted print leaves
    the old file whole. Raises NoBrowser, or OSError when the browser wrote nothing or took too long."""
    with tempfile.TemporaryDirectory(prefix="mh-planner-pdf-") as folder:
        printed = Path(folder) / "planner.pdf"
        browse(page, f"--print-to-pdf={printed}", "--no-pdf-header-footer")
        if not printed.is_file() or printed.stat().st_size == 0:
            raise OSError(f"the browser did not write {out}")
        write_page(out, printed.read_bytes())
