from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from mh_planner.loading import Dataset, load
from mh_planner.model import YearFile
from tests.builders import DATA


@pytest.fixture(scope="session", autouse=True)
def parse_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The parse cache in a folder of the test run's own, never the user's (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("parse-cache")
    before = os.environ.get("MH_PLANNER_CACHE")
    os.environ["MH_PLANNER_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("MH_PLANNER_CACHE", None)
    else:
        os.environ["MH_PLANNER_CACHE"] = before


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    return load(DATA)


@pytest.fixture(scope="session")
def shipped_year_files() -> dict[int, YearFile]:
    year = YearFile.model_validate(yaml.safe_load((DATA / "year" / "2019-20.yaml").read_text()))
    return {2019: year}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data, for tests that break or edit it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
