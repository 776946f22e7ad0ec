"""Text from the data on the screen: shown as it is written, never read as markup, never a control sequence.

Textual reads a `str` given to a widget (a Static, a Label, an Option, a Select's choices, a notification) as
markup: a title `[/]` stops the planner (MarkupError), `[@click=app.quit]x[/]` makes a link that runs an
action, `[$accent]` a style. `textual.markup.escape` does not make every value safe (a `[$accent]` stays a
style, a `[/x` without its `]` is still an error), so values from the data reach the screen as `Content`
(Rich `Text` in tables), built by these helpers: a template of the planner's own markup takes the values as
variables (`markup`), which Textual puts in as they are.

Textual also writes a value's ESC to the terminal as it is (a title could set the terminal's title or clear
the screen): control characters are shown escaped (`problems.visible`, as the CLI and the problems do); a
newline too where a widget draws one line (tables, choices), not in a text of several lines (a description).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.content import Content

from mh_planner.problems import visible

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.widget import Widget

Value = TypeVar("Value")


def shown(value: str) -> str:
    """`value` as the screen shows it: its control characters escaped ('\\x1b'), its newlines kept."""
    if value.isprintable():  # nearly always: nothing to do
        return value
    return "\n".join(visible(line) for line in value.split("\n"))


def literal(value: str, style: str = "") -> Content:
    """`value` as it is written, in `style`: never read as markup."""
    return Content.styled(shown(value), style) if style else Content(shown(value))


def markup(template: str, /, **values: str) -> Content:
    """`template`, the planner's own markup, with `$name` replaced by `values[name]` as written: a value is
    never read as markup (`Content.from_markup`'s template variables)."""
    return _markup(template, tuple(values.items()))


@lru_cache(maxsize=4096)
def _markup(template: str, values: tuple[tuple[str, str], ...]) -> Content:
    # Content is immutable: the same line (an event's, a day's heading) is parsed once, not at every redraw.
    return Content.from_markup(template, **{name: shown(value) for name, value in values})


def cell(value: str, style: str = "") -> Text:
    """A table cell: a DataTable reads a `str` as (Rich) markup, and a title may well contain '['. On one line:
    a newline is shown escaped too."""
    return Text(visible(value), style=style, end="")


def choices(options: Iterable[tuple[str, Value]]) -> list[tuple[Text, Value]]:
    """A Select's choices from the data: each prompt as text (Rich `Text`, which a Select searches as it does a
    `str`, when a key is typed on it)."""
    return [(Text(visible(prompt)), value) for prompt, value in options]


def notify_text(
    node: App[Any] | Widget,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """A notification that quotes the data ("Moved 'title' to ..."): text, never markup (Textual reads a
    notification's message as markup unless told not to), its control characters escaped."""
    node.notify(shown(message), title=shown(title), severity=severity, timeout=timeout, markup=False)
