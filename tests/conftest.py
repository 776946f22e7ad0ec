from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mh_planner.loading import Dataset, load
from mh_planner.model import YearFile
from tests.builders import DATA


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
