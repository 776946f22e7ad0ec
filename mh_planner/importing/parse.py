"""Content lines to icalendar components, remembering the line of every timing property for errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from icalendar import Calendar, Component
from icalendar.cal.component_factory import ComponentFactory
from icalendar.parser.ical.calendar import CalendarIcalParser
from icalendar.parser.parameter import Parameters

from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.lines import NumberedLine

# Properties whose values decide when an event is: an error in one of them names its line.
TIMING = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})


class _Parser(CalendarIcalParser):
    """icalendar's own calendar parser, told which line it is on."""

    def __init__(self, lines: list[NumberedLine]) -> None:
        super().__init__(list(lines), ComponentFactory(), Calendar.types_factory)
        self.line = 0
        self.text = ""  # the line being parsed
        self.where: dict[tuple[int, str], int] = {}

    def initialize_parsing(self) -> None:
        super().initialize_parsing()  # type: ignore[no-untyped-call]  # again when a VTIMEZONE follows its users
        self.where.clear()
        self._content_lines_iterator = self._track(self._content_lines)  # type: ignore[arg-type]

    def _track(self, lines: list[NumberedLine]) -> Iterator[NumberedLine]:
        for line in lines:
            self.line, self.text = line.lineno, line
            yield line

    def handle_begin_component(self, vals: str) -> None:
        super().handle_begin_component(vals)
        if self.component is not None:
            self.where[(id(self.component), "BEGIN")] = self.line

    def handle_property(self, name: str, params: Parameters, vals: str, line: object) -> None:
        super().handle_property(name, params, vals, line)  # type: ignore[arg-type]
        if name in TIMING and self.component is not None:
            self.where[(id(self.component), name)] = self.line


@dataclass(slots=True)
class Parsed:
    calendars: list[Calendar]
    where: dict[tuple[int, str], int] = field(default_factory=dict)

    def line_of(self, component: Component, name: str = "BEGIN") -> int | None:
        return self.where.get((id(component), name)) or self.where.get((id(component), "BEGIN"))


def parse(lines: list[NumberedLine], source: str) -> Parsed:
    parser = _Parser(lines)
    try:
        components = parser.parse()
    except RecursionError:
        raise ImportFailure(source, "is nested too deeply to read", parser.line) from None
    except Exception as error:  # icalendar raises ValueError, KeyError, TypeError ... for bad input
        # A VTIMEZONE is turned into a zone when it ends: say so, the message alone does not.
        prefix = "the time zone defined above: " if parser.text.upper().startswith("END:VTIMEZONE") else ""
        raise ImportFailure(source, prefix + explain(error), parser.line) from None
    calendars = [c for c in components if isinstance(c, Calendar)]
    return Parsed(calendars, parser.where)


def explain(error: BaseException) -> str:
    """An exception from a library as a short phrase (its type only when it says nothing else)."""
    text = " ".join(str(error).split())
    if not text:
        return f"could not be read ({type(error).__name__})"
    return text if len(text) <= 160 else text[:157] + "..."
