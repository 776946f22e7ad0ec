"""Problems with the input, collected as rows so that one run reports all of them at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Loc = tuple[str | int, ...]


def format_loc(loc: Sequence[str | int]) -> str:
    """('work_groups', 3, 'lead') -> 'work_groups[3].lead'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
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


@dataclass
class Problems:
    """A collector passed down the loading chain; `at` records one problem with its line."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str | Path, line: int | None, loc: Sequence[str | int] | str, message: str) -> None:
        where = loc if isinstance(loc, str) else format_loc(loc)
        # One problem per place: a value YAML could not read is not reported again by the model.
        if any((p.file, p.line, p.field) == (str(file), line, where) for p in self.items if p.line == line):
            return
        self.items.append(Problem(str(file), line, where, message))

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(self.items, key=lambda p: (p.file, p.line or 0, p.field)))

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class InvalidData(Exception):
    """Raised when loading found problems; carries all of them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
