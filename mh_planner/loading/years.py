"""Which academic years a data folder holds, and where each year's programme and plans are.

Two layouts (see docs/data-format.md):

    programme/programme.yaml, programme/NN-NN.yaml, plans/<hub>.yaml          one year (the flat layout)
    programme/<YYYY-YY>/programme.yaml ..., plans/<YYYY-YY>/<hub>.yaml        several years side by side

`roles.yaml`, `hubs.yaml`, `year/` and `term-dates/` are shared by every year. Without a year asked for,
the latest year that has a plan is opened (else the latest programme).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mh_planner.loading.entries import looks_like_data
from mh_planner.problems import shorten

YEAR_FOLDER = re.compile(r"^(\d{4})-(\d{2})$")
PROGRAMME_FILE = "programme.yaml"


def normalise(year: str) -> str | None:
    """'2020/21', '2020-21' or '2020' -> '2020/21'; None when it is not a year."""
    text = year.strip()
    m = re.fullmatch(r"(\d{4})(?:[/-](\d{2}))?", text)
    if not m:
        return None
    start = int(m.group(1))
    if m.group(2) is not None and int(m.group(2)) != (start + 1) % 100:
        return None
    return f"{start}/{(start + 1) % 100:02d}"


def folder_name(label: str) -> str:
    """'2020/21' -> '2020-21'."""
    return label.replace("/", "-")


@dataclass(frozen=True)
class YearLayout:
    """Where one year's files are. `label` is None in the flat layout (the programme file says its year)."""

    label: str | None
    programme: Path  # the folder holding programme.yaml and the project files
    plans: Path  # the folder of the plan files
    years: tuple[str, ...] = ()  # every year of the folder (year folders only)


def _has_yaml(folder: Path) -> bool:
    """Any entry named like a plan, readable or not: a broken plan is reported in its year, not skipped."""
    return folder.is_dir() and any(looks_like_data(p) for p in folder.iterdir())


def years(root: Path) -> list[str]:
    """The years with a programme folder (`programme/<YYYY-YY>/programme.yaml`), oldest first."""
    folder = root / "programme"
    if not folder.is_dir():
        return []
    found = []
    for child in folder.iterdir():
        m = YEAR_FOLDER.match(child.name)
        if m and (child / PROGRAMME_FILE).is_file() and normalise(child.name) is not None:
            found.append(f"{m.group(1)}/{m.group(2)}")
    return sorted(found)


def flat(root: Path) -> bool:
    return (root / "programme" / PROGRAMME_FILE).is_file() or not years(root)


def default_year(root: Path) -> str | None:
    """The latest year with a plan, else the latest year with a programme; None in the flat layout."""
    found = years(root)
    if not found or (root / "programme" / PROGRAMME_FILE).is_file():
        return None
    with_plans = [y for y in found if _has_yaml(root / "plans" / folder_name(y))]
    return (with_plans or found)[-1]


def layout(root: Path, year: str | None = None) -> YearLayout | str:
    """Where the asked year's files are, or why they cannot be found (a sentence for people)."""
    if flat(root):
        if year is not None and years(root):
            return f"{root} has one year only (programme/{PROGRAMME_FILE}); --year is for year folders"
        return YearLayout(None, root / "programme", root / "plans")
    found = tuple(years(root))
    label = default_year(root) if year is None else normalise(year)
    if label is None:
        return f"not an academic year: {shorten(year)} (write it as 2020/21)"
    if label not in found:
        return f"no programme for {label} in {root} (programme/{folder_name(label)}/{PROGRAMME_FILE}); " + (
            f"years there: {', '.join(found)}"
        )
    return YearLayout(label, root / "programme" / folder_name(label), root / "plans" / folder_name(label), found)
