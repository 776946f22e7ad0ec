"""One file's data against its model: every pydantic error as a problem at its line, in words for people."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mh_planner.files.yaml_read import Source
from mh_planner.problems import Loc, Problems, shorten

M = TypeVar("M", bound=BaseModel)


def message(error: ErrorDetails) -> str:
    """Pydantic's message for one error, said the way a person editing the file needs it."""
    msg = str(error.get("msg", "invalid"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if error.get("type") == "extra_forbidden":
        msg = "unknown field (misspelt?)"
    elif error.get("type") == "missing":
        msg = "required field is missing"
    elif error.get("type") == "string_pattern_mismatch" and error.get("loc", ())[-1:] in (("id",), ("hub",)):
        msg = f"{shorten(error.get('input'))} is not a valid id: use lower-case letters, digits, '.', '_' or '-'"
    return msg


def _loc_in(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Pydantic's loc as the file's own keys: it names a dict key that is not text (a date) by its repr,
    `datetime.date(2019, 12, 25)`, where the file has 2019-12-25."""
    found: list[str | int] = []
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(data, dict) and part not in data:
            part = next((str(key) for key in data if repr(key) == part), part)
        found.append(part)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = None
    return tuple(found)


def validate(model: type[M], source: Source, problems: Problems, display: str) -> M | None:
    if not isinstance(source.data, dict):
        problems.add(
            display, 1, "", f"expected a mapping of fields at the top of the file, found {type(source.data).__name__}"
        )
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors():
            # Pydantic names dict keys in the loc; a bad key of a date-keyed map reports as such.
            loc = _loc_in(source.data, tuple(error["loc"]))
            problems.add(display, source.line_of(loc), loc, message(error))
        return None


def salvage(
    model: type[M], data: Any, ghosts: set[str] | None = None, rounds: int = 5
) -> tuple[M | None, dict[str, list[int]]]:
    """The model without the list items (or fields) that fail validation, and for each list the original
    indexes of the items kept; the ids of dropped items go into `ghosts`, so that references to them are
    not reported too. Only used to look for more problems in a file that already has some: a file with
    problems is never loaded as data.
    """
    ghosts = set() if ghosts is None else ghosts
    if not isinstance(data, dict):
        return None, {}
    data = copy.deepcopy(data)
    kept = {key: list(range(len(value))) for key, value in data.items() if isinstance(value, list)}
    for _ in range(rounds):
        try:
            return model.model_validate(data), kept
        except ValidationError as exc:
            drop: dict[str, set[int]] = {}
            for error in exc.errors():
                loc = tuple(error["loc"])
                if not loc or loc[0] not in data:
                    return None, kept
                if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data[loc[0]], list):
                    drop.setdefault(str(loc[0]), set()).add(loc[1])
                else:
                    data.pop(loc[0])
            for key, indexes in drop.items():
                ghosts.update(
                    str(data[key][n]["id"]) for n in indexes if isinstance(data[key][n], dict) and "id" in data[key][n]
                )
                data[key] = [item for n, item in enumerate(data[key]) if n not in indexes]
                kept[key] = [orig for n, orig in enumerate(kept[key]) if n not in indexes]
    return None, kept
