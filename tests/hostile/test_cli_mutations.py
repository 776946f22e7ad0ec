"""Every broken data set gives exit 2 and readable `file:line: field: message` lines naming the broken file,
or is validly accepted: never a traceback, a hang, runaway memory, or a plan silently not read.

Runs `python -m mh_planner check` in a child process per example (see harness.py for the limits)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import FUZZ, PROFILE, SURVEY
from tests.hostile.harness import Case, check, copy_data
from tests.hostile.mutations import (
    Mutant,
    _extreme,
    any_mutant,
    arguments,
    data_files,
    dump,
    filesystem,
    raw,
    structured,
    tree,
)
from tests.hostile.run import check_mutant, explain


def _property(mutant: Mutant) -> None:
    outcome = check_mutant(mutant)
    assert SURVEY or outcome.ok, explain(mutant, outcome)


@settings(PROFILE)
@given(structured())
def test_structured_mutations(mutant: Mutant) -> None:
    _property(mutant)


@settings(PROFILE)
@given(raw())
def test_yaml_and_byte_tricks(mutant: Mutant) -> None:
    _property(mutant)


@settings(PROFILE)
@given(filesystem())
def test_file_system_oddities(mutant: Mutant) -> None:
    _property(mutant)


@settings(PROFILE, max_examples=min(PROFILE.max_examples, 10))
@given(arguments())
def test_command_line_values(mutant: Mutant) -> None:
    _property(mutant)


def test_redumped_data_is_still_accepted() -> None:
    """The structured mutations re-dump a file: unchanged, that alone must not make the data invalid."""
    with tempfile.TemporaryDirectory() as tmp:
        data = copy_data(Path(tmp))
        for name in data_files():
            (data / name).write_bytes(dump(tree(name)))
        outcome = check(Case("control", ""), data)
    assert outcome.kind == "accepted", outcome


@pytest.mark.skipif(not FUZZ, reason="the long mixed run of `make fuzz`")
@settings(PROFILE)
@given(any_mutant())
def test_mixed_mutations(mutant: Mutant) -> None:
    """All families interleaved, so that a run stopped at any time has figures for each."""
    _property(mutant)



@settings(max_examples=30, derandomize=True, database=None)
@given(st.data(), st.sampled_from([dt.date.max, dt.date.min, dt.date(9995, 6, 1), dt.date(1, 1, 1)]))
def test_a_date_already_made_extreme_can_be_mutated_again(data: st.DataObject, day: dt.date) -> None:
    """A structured mutation of 9999-12-31 (an earlier step's extreme) once overflowed in the harness itself."""
    _, step = _extreme(data.draw, {"date": day}, ("date",), day)
    assert step.startswith("date := ")
