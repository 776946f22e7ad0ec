"""Problems with the input, collected as rows so that one run reports all of them at once.

Every problem is one line, `file:line: field: message`: control characters are shown escaped (a value may
hold a terminal escape), a long value is cut (`shorten`), and the causes (a file missing, unreadable or not
YAML) come before what follows from them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Loc = tuple[str | int, ...]

SHORT = 60  # characters of a value quoted back in a message
MAX_MESSAGE = 400  # a message is cut beyond this, whatever it quotes
MAX_FIELD = 120
# C0 and C1 controls, the Unicode line separators, and the bidirectional controls (embeddings, overrides,
# isolates, the LRM/RLM/ALM marks) with which a name could reorder the line it is quoted on ("Trojan Source").
BIDI_CONTROLS = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # inside a regular expression's [...]
_CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def shorten(value: object, limit: int = SHORT) -> str:
    """A value as a message quotes it: repr'd, cut to `limit` characters with its full length said."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def visible(text: str) -> str:
    """`text` with its control characters shown escaped, as Python writes them (an ESC as `\\x1b`, a tab as
    `\\t`, a newline as `\\n`, a right-to-left override as `\\u202e`): it can neither drive a terminal, nor
    break the line it is on, nor reorder it. Letters of any script, emoji and their joiners are left as they are."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` on one line with control characters escaped, cut to `limit` characters."""
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text):,} characters)"
    return visible(text)


def format_loc(loc: Sequence[object]) -> str:
    """('work_groups', 3, 'lead') -> 'work_groups[3].lead'; a date key as its ISO date."""
    text = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            name = part.isoformat() if isinstance(part, dt.date) else str(part)
            text += f".{name}" if text else name
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    @property
    def about_the_file(self) -> bool:
        """A problem with the file as a whole (missing, unreadable, not YAML): a cause, reported first."""
        return not self.field and self.line is None


@dataclass
class Problems:
    """A collector passed down the loading chain; `add` records one problem with its line."""

    items: list[Problem] = field(default_factory=list)
    _places: set[tuple[str, int | None, str]] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._places.update((p.file, p.line, p.field) for p in self.items)

    def add(self, file: str | Path, line: int | None, loc: Sequence[object] | str, message: str) -> None:
        where = one_line(loc if isinstance(loc, str) else format_loc(loc), MAX_FIELD)
        place = (one_line(str(file), MAX_MESSAGE), line, where)
        # One problem per place: a value YAML could not read is not reported again by the model.
        if place in self._places:
            return
        self._places.add(place)
        self.items.append(Problem(place[0], line, where, one_line(message)))

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(self.items, key=lambda p: (not p.about_the_file, p.file, p.line or 0, p.field)))

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class InvalidData(Exception):
    """Raised when loading found problems; carries all of them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
