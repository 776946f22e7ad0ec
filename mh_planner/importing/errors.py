"""One error type for everything that can go wrong with a source: its text is one readable line."""

from __future__ import annotations

from urllib.parse import urlsplit

from mh_planner.model.plan import ADDRESS_SCHEMES


class ImportFailure(Exception):
    """A source could not be imported. `str()` names the source, and the line where one is known.

    Raised for every failure of reading or fetching (never a traceback for the user): callers print
    `str(error)` and change nothing in the plan.
    """

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.message = " ".join(message.split())  # one line, whatever the library said
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{shown_source(self.source)}: {self.detail}"  # never an address's secret path or query

    @property
    def detail(self) -> str:
        """What went wrong, without the source: 'line 7: DTSTART: ...'."""
        return f"line {self.line}: {self.message}" if self.line else self.message


def is_address(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ADDRESS_SCHEMES


def shown_source(source: str) -> str:
    """A source as printed: an address without its path's middle or its query, where private calendars
    keep their secret ('https://calendar.example.org/.../basic.ics'); a file as written."""
    if not is_address(source):
        return source
    parts = urlsplit(source)
    segments = [s for s in parts.path.split("/") if s]
    path = "/" + segments[-1] if len(segments) <= 1 else "/.../" + segments[-1]
    return f"{parts.scheme}://{parts.hostname or ''}{path if segments else ''}"
