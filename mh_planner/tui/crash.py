"""What the planner does with a bug: an exception that escapes a handler or a worker.

Textual would print its traceback with every local variable (the data set, private fields included) when
the app closes. `ReportingApp` writes a report without values instead (`files.crash`), and the app leaves
with one line naming it and status 70. Data that cannot be loaded never gets here: `Session.load` turns
even a bug met while loading into a problem for the problems screen.

Two of Textual's private methods are overridden (`_handle_exception`, `_print_error_renderables`):
tests/tui/test_crashes.py fails if a new Textual changes them.
"""

from __future__ import annotations

import sys

from textual.app import App
from textual.worker import WorkerFailed

from mh_planner.files.crash import EXIT_SOFTWARE, crash_line


class ReportingApp(App[int]):
    """The planner's base: an App that reports an unexpected exception without values, in one line."""

    crash: str | None = None  # the line to print when the app has ended

    def _handle_exception(self, error: Exception) -> None:
        cause = error.error if isinstance(error, WorkerFailed) else error
        if self.crash is None:
            self.crash = crash_line(cause, "the planner")
        if self._exception is None:  # what a test's pilot re-raises
            self._exception = error
            self._exception_event.set()
        self._return_code = EXIT_SOFTWARE
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        if self.crash is not None:  # on one line, unwrapped, once the terminal is back to normal
            print(self.crash, file=sys.stderr, flush=True)
        super()._print_error_renderables()
