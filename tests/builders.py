"""Builders for tests: the shipped programme with a hub plan written by the test."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.loading import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEAR = "2019-20"  # the sample's year folder
PROGRAMME = DATA / "programme" / YEAR
PLANS = DATA / "plans" / YEAR
SAMPLE_PLAN = PLANS / "ee2.yaml"


def person(pid: str, *roles: str, attends: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid.title(), "roles": list(roles) or ["wgl"], "attends": attends or [], **extra}


def venue(vid: str, town: str = "Cambridge", capacity: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": vid, "name": vid.title(), "town": town}
    if capacity is not None:
        out["capacity"] = capacity
    return out


def plan(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"hub": "ee2", "people": [], "venues": [], "schools": [], "work_groups": [], "events": []}
    base.update(parts)
    return base


def build(
    tmp_path: Path, the_plan: dict[str, Any] | None, projects: list[str] | None = None, year: str = YEAR
) -> Path:
    """The shipped programmes (of 2019/20 only some projects, if given) with one hub plan for `year` written
    by the test."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("plans"))
    if projects is not None:
        for path in (root / "programme" / YEAR).glob("??-??.yaml"):
            if path.stem not in projects:
                path.unlink()
    (root / "plans" / year).mkdir(parents=True)
    if the_plan is not None:
        (root / "plans" / year / f"{the_plan['hub']}.yaml").write_text(yaml.safe_dump(the_plan, sort_keys=False))
    return root


def calendar_for(tmp_path: Path, the_plan: dict[str, Any], projects: list[str] | None = None) -> Calendar:
    return assemble(load(build(tmp_path, the_plan, projects)))
