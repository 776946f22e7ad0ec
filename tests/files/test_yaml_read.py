"""The YAML reader on hostile text: every trick ends in data or in a problem with its line, quickly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from mh_planner.files.yaml_read import MAX_BYTES, parse_yaml, read_yaml
from mh_planner.problems import Problems


def read(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    source = parse_yaml(text, Path("f.yaml"), problems, "f.yaml")
    return (source.data if source else None), [str(p) for p in problems]


def bomb(levels: int, width: int = 9) -> str:
    lines = [f"l0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!bool maybe\n", "f.yaml:1: a: cannot read 'maybe' as true or false"),
        ("a: !!timestamp soon\n", "f.yaml:1: a: cannot read 'soon' as a date"),
        ("a: 2019-02-30\n", "f.yaml:1: a: impossible date '2019-02-30' (day is out of range for month)"),
        ("a: !!set {x, y}\n", "f.yaml:1: a: unsupported YAML tag '!!set'"),
        ("a: !!python/name:os.system ''\n", "f.yaml:1: a: unsupported YAML tag '!!python/name:os.system'"),
        ("a: !custom x\n", "f.yaml:1: a: unsupported YAML tag '!custom'"),
        ("b:\n  x: 1\n  <<: 5\n", "f.yaml:3: b: `<<` must be a mapping (or a list of mappings) to merge"),
        ("a: {<<: [{x: 1}, 5]}\n", "f.yaml:1: a: `<<` must be a mapping (or a list of mappings) to merge"),
        ("a: 1\nb: x\x01y\n", "f.yaml:2: the character U+0001 is not allowed in YAML text (write it as \\u0001)"),
        ("a: 1\na: 2\n", "f.yaml:2: a: duplicate key (first at line 1); YAML would silently keep only the last"),
    ],
)
def test_a_value_that_cannot_be_read_is_a_problem_at_its_line(text: str, expected: str) -> None:
    _, problems = read(text)
    assert problems == [expected]


def test_an_unclosed_bracket_is_reported_where_it_opened() -> None:
    _, problems = read("a: 1\nb: [1, 2\nc: 3\nd: 4\n")
    assert len(problems) == 1 and problems[0].startswith("f.yaml:2: YAML syntax error: while parsing a flow sequence")
    assert "the parser stopped at line 3" in problems[0]


def test_merge_keys_merge_mappings_and_the_mapping_s_own_keys_win() -> None:
    data, problems = read("a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc: {<<: [*a, *b], y: 0}\n")
    assert not problems
    assert data == {"a": {"x": 1, "y": 1}, "b": {"x": 2, "z": 2}, "c": {"x": 1, "y": 0, "z": 2}}


@pytest.mark.parametrize(
    "text",
    [
        bomb(9),  # "billion laughs": 10^10 strings from 1 KB
        "a0: &a0 {k0: 1, k1: 2}\n"
        + "".join(f"a{n}: &a{n} {{<<: [*a{n - 1}, *a{n - 1}], k{n + 1}: 1}}\n" for n in range(1, 40)),
    ],
    ids=["alias-bomb", "merge-bomb"],
)
def test_a_bomb_is_stopped_with_a_problem(text: str) -> None:
    data, problems = read(text)
    assert data is None and len(problems) == 1
    assert "alias bomb" in problems[0] and problems[0].startswith("f.yaml:")


def test_a_small_alias_tree_is_read() -> None:
    data, problems = read(bomb(3, 5))
    assert not problems and isinstance(data, dict) and len(data["l3"]) == 5


@pytest.mark.parametrize("text", ["loop: &r [*r]\n", "r: &r {a: *r, b: [[*r]]}\n"])
def test_a_recursive_alias_is_a_problem(text: str) -> None:
    _, problems = read(text)
    assert problems and all("(a recursive alias)" in p for p in problems)


def test_nesting_too_deep_is_a_problem() -> None:
    _, problems = read("a: " + "[" * 70 + "]" * 70 + "\n")
    assert len(problems) == 1 and "nested more than 64 levels deep" in problems[0] and len(problems[0]) < 120


def test_dates_are_dates_and_times_stay_text() -> None:
    data, problems = read("d: 2019-10-01\nt: 13:00\n")
    assert data == {"d": dt.date(2019, 10, 1), "t": "13:00"} and not problems


def test_a_file_too_large_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: '" + b"x" * MAX_BYTES + b"'\n")
    problems = Problems()
    assert read_yaml(path, problems, "big.yaml") is None
    assert [str(p) for p in problems] == ["big.yaml: the file is too large for a data file (over 5 MB)"]


def test_a_fifo_or_a_device_is_never_opened_for_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    for path in (fifo, Path("/dev/zero")):
        problems = Problems()
        assert read_yaml(path, problems, "x.yaml") is None
        assert "not a regular file" in str(next(iter(problems)))
