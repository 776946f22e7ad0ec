"""One error type for everything that can go wrong with a source: its text is one readable line."""

from __future__ import annotations


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
        return f"{self.source}: {self.detail}"

    @property
    def detail(self) -> str:
        """What went wrong, without the source: 'line 7: DTSTART: ...'."""
        return f"line {self.line}: {self.message}" if self.line else self.message
