"""Hypothesis strategies that break a copy of the shipped `data/` folder in one or a few ways.

Four families:
- `structured`: parse one file, change a node (wrong type, extreme value, missing or unknown key, duplicated
  item, reversed range, huge string, tricky timing), dump it again;
- `raw`: text and byte tricks YAML parsers care about (tags, merge keys, alias bombs, documents, tabs,
  BOMs, line ends, control characters, encodings, truncation);
- `filesystem`: what a folder can hold instead of a plain file (symlinks, folders, FIFOs, unreadable files);
- `arguments`: command-line values (reversed --from/--to, unknown --kind, out-of-range ports).

Each draw is a `Mutant`: a readable `Case` (enough to reproduce by hand) and how to apply it to a folder.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.hostile.harness import DATA, PLAN, PROGRAMME, YEAR, Case

Tree = Any
Path_ = tuple[str | int, ...]


# --- reading and writing the shipped files ----------------------------------------------------------


class _KeepTimes(yaml.SafeLoader):
    """PyYAML reads an unquoted 13:00 as the base-60 integer 780: keep it as text, as the planner does."""


def _int_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    if ":" in node.value:
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_KeepTimes.add_constructor("tag:yaml.org,2002:int", _int_or_text)


def dump(tree: Tree) -> bytes:
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=10**9).encode("utf-8")


@cache
def data_files() -> tuple[str, ...]:
    return tuple(sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.yaml")))


@cache
def _tree(name: str) -> Tree:
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=_KeepTimes)  # a SafeLoader subclass


def tree(name: str) -> Tree:
    return copy.deepcopy(_tree(name))


# The plan and the year are where hand edits happen: draw them more often than any one project file.
TARGETS = st.sampled_from(
    [PLAN] * 8 + [YEAR] * 3 + [f"{PROGRAMME}/programme.yaml"] * 2
    + [f"{PROGRAMME}/19-02.yaml"] * 2 + ["roles.yaml", "hubs.yaml", "term-dates/cambridgeshire/2019-20.yaml"]
    + [f for f in data_files() if f.startswith(f"{PROGRAMME}/19-")]
)  # fmt: skip


@dataclass
class Mutant:
    case: Case
    files: dict[str, bytes | None] = field(default_factory=dict)  # relative path -> new bytes (None: delete)
    fs: Callable[[Path], None] | None = None  # a change files cannot express (symlinks, FIFOs, modes)
    args: list[str] = field(default_factory=list)  # extra command-line arguments
    unprivileged: bool = False  # run the child without root's right to read any file

    def apply(self, data: Path) -> None:
        for name, raw in self.files.items():
            path = data / name
            if raw is None:
                path.unlink()
            else:
                path.write_bytes(raw)
        if self.fs is not None:
            self.fs(data)

    def __repr__(self) -> str:  # what hypothesis prints for a failing example: the recipe, not the bytes
        steps = "; ".join(s[:200] for s in self.case.steps)
        return f"Mutant({self.case.family} {self.case.target}: {steps} {' '.join(self.args)})"


# --- walking a tree ------------------------------------------------------------------------------


def walk(node: Tree, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += walk(value, (*path, i))
    return found


def get(node: Tree, path: Path_) -> Any:
    for part in path:
        node = node[part]
    return node


def put(node: Tree, path: Path_, value: Any) -> Tree:
    if not path:
        return value
    get(node, path[:-1])[path[-1]] = value
    return node


def show(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def short(value: Any) -> str:
    text = repr(value)
    if isinstance(value, str) and len(value) > 60:
        text = f"{value[:20]!r}*{len(value)} chars"
    return text if len(text) < 120 else text[:117] + "..."


# --- values ----------------------------------------------------------------------------------------

ANY_TYPE = [
    "text", "", 0, 1, -1, 3.5, True, False, None, [], ["x"], [1, 2], {}, {"x": 1},
    dt.date(2019, 10, 1), "2019-10-01", "13:00-16:00",
]  # fmt: skip
EXTREME_DATES = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(19, 11, 9), dt.date(1900, 1, 1), dt.date(2100, 1, 1)]
EXTREME_NUMBERS = [math.inf, -math.inf, math.nan, 10**30, -(10**30), 2**63, -1, 0, 1e308, 1e-300, -0.0, 99999999]
EXTREME_STRINGS = [
    "a\x01b", "\x00", "line\u2028break", "\x1b[31mred\x1b[0m", "  ", "", "#", "*", "&a", "- x", "yes", "null", "~",
    "2019-10-01", "13:00", "0x10", "../../etc/passwd", "🙂", "A" * 300, "é", "\t", "\r", "x\x7fy", "a\x85b",
]  # fmt: skip
TIMINGS = [
    "2019-10-10 to 2019-10-01", "99999999 days", "9999 days", "0 days", "0.0000001 days", "99999999999999999999 hours",
    "9999-12-31", "0001-01-01", "9999-12-31 to 9999-12-31", "0001-01-01 to 9999-12-31", "0019-11-09",
    "Early October 9999", "Summer term 0001", "Summer term 9999", "Term 1 99/00", "Term 3 9999/00", "by 31 February",
    "by 29 February 2019", "31 April", "Sep/Oct 9999", "December 0001", "early 9999/10", "25:00-26:00",
    "00:00-23:59", "16:00-09:00", "twilight", "all day", "Saturday 9 November", "1 January 1", "31 December 9999",
]  # fmt: skip
REVERSED_TIMINGS = {"2019-10-10 to 2019-10-01", "16:00-09:00"}
EXTREME_TIMINGS = {t for t in TIMINGS if re.search(r"\b(0001|9999|0019)\b|99999999|^1 January 1$", t)}
TIMING_KEYS = {"when", "assume", "time", "length"}  # `text` is free wording, not parsed
DATE_PAIRS = [("start", "end"), ("date", "end"), ("date", "end_date")]
UNKNOWN_KEYS = ["colour", "Title", "date ", "end-date", "notes_", "<<", "id2", "ünicode", "1", "null"]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


# --- the structured family -------------------------------------------------------------------------


@st.composite
def structured(draw: st.DrawFn, target: str | None = None) -> Mutant:
    target = draw(TARGETS) if target is None else target
    data = tree(target)
    case = Case("structured", target)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(list(_OPS)))
        nodes = [(p, v) for p, v in walk(data) if _OPS[op][0](p, v)]
        if not nodes:
            op, nodes = "retype", [(p, v) for p, v in walk(data) if p]
        if not nodes:  # an earlier step left nothing to change (every key deleted)
            break
        path, value = draw(st.sampled_from(nodes))
        data, step = _OPS[op][1](draw, data, path, value)
        case.steps.append(f"{op} {step}")
    # Judged on the result, not per step: a second swap may undo the first.
    case.must_reject = must_reject(data)
    return Mutant(case, {target: dump(data)})


def must_reject(data: Tree) -> bool:
    """Whether accepting this tree would be wrong by the issue's rules: a reversed range, a number that is not
    finite, a date far from any academic year, a timing that is reversed or absurd."""
    for path, value in walk(data):
        if _non_finite(value):
            return True
        if isinstance(value, dt.date) and not 1990 <= value.year <= 2090:
            return True
        if path and path[-1] in TIMING_KEYS and isinstance(value, str) and value in REVERSED_TIMINGS | EXTREME_TIMINGS:
            return True
        if isinstance(value, dict):
            for first, last in DATE_PAIRS:
                a, b = value.get(first), value.get(last)
                if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
                    return True
    return False


def _retype(draw: st.DrawFn, data: Tree, path: Path_, value: Any) -> tuple[Tree, str]:
    new = draw(st.sampled_from([v for v in ANY_TYPE if type(v) is not type(value)]))
    return put(data, path, copy.deepcopy(new)), f"{show(path)} := {short(new)}"


def _extreme(draw: st.DrawFn, data: Tree, path: Path_, value: Any) -> tuple[Tree, str]:
    if isinstance(value, dt.date):
        shifted = [value + dt.timedelta(days=d) for d in (-1, 1, -365, 365, 3650) if _shiftable(value, d)]
        new = draw(st.sampled_from(EXTREME_DATES + shifted))
    elif _is_number(value):
        new = draw(st.sampled_from(EXTREME_NUMBERS))
    elif isinstance(value, str) and path[-1] in TIMING_KEYS:
        new = draw(st.sampled_from(TIMINGS))
    else:
        new = draw(st.sampled_from(EXTREME_STRINGS))
    return put(data, path, new), f"{show(path)} := {short(new)}"


def _shiftable(day: dt.date, days: int) -> bool:
    """`day` moved by `days` is still a date (a date already made extreme may be 9999-12-31 or 0001-01-01)."""
    return dt.date.min + dt.timedelta(days=max(0, -days)) <= day <= dt.date.max - dt.timedelta(days=max(0, days))


def _delete(draw: st.DrawFn, data: Tree, path: Path_, value: Any) -> tuple[Tree, str]:
    parent = get(data, path[:-1])
    del parent[path[-1]]
    return data, f"del {show(path)}"


def _unknown_key(draw: st.DrawFn, data: Tree, path: Path_, value: dict) -> tuple[Tree, str]:
    key = draw(st.sampled_from(UNKNOWN_KEYS))
    value[key] = draw(st.sampled_from(["x", 1, None, []]))
    return data, f"{show(path)} += unknown key {key!r}"


def _rename_key(draw: st.DrawFn, data: Tree, path: Path_, value: Any) -> tuple[Tree, str]:
    parent = get(data, path[:-1])
    key = path[-1]
    new_key = draw(st.sampled_from([f"{key}s", f"{key}".upper(), f" {key}", f"{key}_", f"{key}"[:-1] or "x"]))
    if new_key in parent:
        new_key += "_"
    # Rebuild the mapping so that the misspelt key stays in place (messages name it at its line).
    items = [(new_key if k == key else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return data, f"rename {show(path)} -> {new_key!r}"


def _duplicate(draw: st.DrawFn, data: Tree, path: Path_, value: Any) -> tuple[Tree, str]:
    copies = draw(st.sampled_from([1, 2, 50, 1000]))
    parent = get(data, path[:-1])
    if not isinstance(parent, list):  # an integer key of a mapping (cohorts: {5: 1}), not a list item
        return data, f"(not a list item: {show(path)} unchanged)"
    parent[path[-1] + 1 : path[-1] + 1] = [copy.deepcopy(value) for _ in range(copies)]
    return data, f"paste {show(path)} {copies} more time(s)"


def _swap(draw: st.DrawFn, data: Tree, path: Path_, value: dict) -> tuple[Tree, str]:
    first, last = next((a, b) for a, b in DATE_PAIRS if a in value and b in value and value[a] != value[b])
    value[first], value[last] = value[last], value[first]
    return data, f"swap {show(path)}.{first} <-> {last} ({value[first]} .. {value[last]})"


def _huge(draw: st.DrawFn, data: Tree, path: Path_, value: Any) -> tuple[Tree, str]:
    size = draw(st.sampled_from([10**4, 10**6, 10**7]))
    unit = draw(st.sampled_from(["a", "*", "ab ", "19-0*"]))
    new = (unit * (size // len(unit) + 1))[:size]
    return put(data, path, new), f"{show(path)} := {unit!r} * {size} chars"


def _has_pair(path: Path_, value: Any) -> bool:
    return isinstance(value, dict) and any(a in value and b in value and value[a] != value[b] for a, b in DATE_PAIRS)


_OPS: dict[str, tuple[Callable[[Path_, Any], bool], Callable[..., tuple[Tree, str]]]] = {
    "retype": (lambda p, v: bool(p), _retype),
    "extreme-date": (lambda p, v: isinstance(v, dt.date), _extreme),
    "extreme-number": (lambda p, v: _is_number(v), _extreme),
    "extreme-string": (lambda p, v: isinstance(v, str), _extreme),
    "timing": (lambda p, v: bool(p) and p[-1] in TIMING_KEYS and isinstance(v, str), _extreme),
    "delete": (lambda p, v: bool(p), _delete),
    "unknown-key": (lambda p, v: isinstance(v, dict), _unknown_key),
    "rename-key": (lambda p, v: bool(p) and isinstance(p[-1], str), _rename_key),
    "duplicate": (lambda p, v: bool(p) and isinstance(p[-1], int), _duplicate),
    "swap": (_has_pair, _swap),
    "huge-string": (lambda p, v: isinstance(v, str) and bool(p), _huge),
}


# --- the raw family: YAML and byte tricks on the file's own text ------------------------------------

KEY_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_][A-Za-z0-9_]*): (?P<value>[^\s{\[&*!|>#][^#]*)$")
FLOW_LINE = re.compile(r"^\s*- \{.*\}\s*$")
FLOW_VALUE = re.compile(r"(?P<key>[A-Za-z_]+): (?P<value>[^,{}\[\]#]+)")
DATE_TOKEN = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NUMBER_LINE = re.compile(r"^(?P<head>\s*(?:- )?[A-Za-z_]+: )(?P<value>-?\d+(?:\.\d+)?)\s*$")
TAGGED = [
    "!!bool maybe", "!!timestamp soon", "!!timestamp 2019-13-45", "!!int x", "!!float y", "!!null nope",
    "!!binary '####'", "!!python/object:os.system 'echo'", "!!python/name:os.system ''", "!!set {a, b}",
    "!!omap [a: 1]", "!!str 5", "!custom x", "!!map x", "!!seq x", "!<tag:example.com:x> y",
]  # fmt: skip
BAD_TAGS = {t for t in TAGGED if t not in ("!!str 5", "!!null nope")}  # a null tag reads as null, whatever follows
MERGES = ["5", "[1, 2]", "x", "{}", "null", "{title: merged}", "[{a: 1}, 5]", "*nowhere", "!!int 3"]
VALID_MERGES = {"{}", "{title: merged}"}  # merging a mapping is legal YAML (an unknown key is another matter)
TOP_VALUES = ["", "   \n", "# only a comment\n", "null\n", "~\n", "[]\n", "42\n", "'text'\n", "[1, 2\n", "{\n",
              "- a\n- b\n", "---\n", "...\n", "? complex\n: key\n", "&a [*a]\n"]  # fmt: skip
RAW_DATES = ["0019-11-09", "2019-02-30", "2019-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "2019-1-9",
             "+2019-01-01", "2019-10-01T25:00:00", "2019-10-01 12:00:00", "10000-01-01"]  # fmt: skip
RAW_NUMBERS = [".inf", ".nan", "-.inf", "1e999", "0x7fffffffffffffff", "1_000", "0b101", "9" * 400, "-0", "+5",
               "0o17", "1:30", "190:20:30", "1e-400"]  # fmt: skip
CONTROL = [chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 0x7F, 0x85, 0x2028, 0x2029, 0xFEFF, 0x200B)]


def _text(target: str) -> str:
    return (DATA / target).read_text(encoding="utf-8")


def _line_choice(draw: st.DrawFn, lines: list[str], pattern: re.Pattern[str]) -> int | None:
    found = [i for i, line in enumerate(lines) if pattern.match(line)]
    return draw(st.sampled_from(found)) if found else None


@st.composite
def raw(draw: st.DrawFn, target: str | None = None) -> Mutant:
    target = draw(TARGETS) if target is None else target
    text = _text(target)
    lines = text.split("\n")
    trick = draw(st.sampled_from(list(_RAW)))
    out, step, reject = _RAW[trick](draw, text, lines)
    case = Case("raw", target, [f"{trick} {step}"], reject)
    return Mutant(case, {target: out if isinstance(out, bytes) else out.encode("utf-8")})


def _tag(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    tagged = draw(st.sampled_from(TAGGED))
    i = _line_choice(draw, lines, KEY_LINE)
    if i is None:  # only flow mappings (roles.yaml, hubs.yaml): tag a value inside one
        i = _line_choice(draw, lines, FLOW_LINE)
        lines[i] = FLOW_VALUE.sub(lambda m: f"{m['key']}: {tagged}", lines[i], count=1)  # type: ignore[index]
        return "\n".join(lines), f"line {i + 1}: {lines[i].strip()[:80]}", tagged in BAD_TAGS  # type: ignore[operator]
    m = KEY_LINE.match(lines[i])
    lines[i] = f"{m['indent']}{m['key']}: {tagged}"  # type: ignore[index]
    return "\n".join(lines), f"line {i + 1}: {m['key']}: {tagged}", tagged in BAD_TAGS  # type: ignore[index]


def _merge(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    value = draw(st.sampled_from(MERGES))
    i = _line_choice(draw, lines, KEY_LINE)
    if i is None:  # only flow mappings: merge into one of them
        i = _line_choice(draw, lines, FLOW_LINE)
        lines[i] = lines[i].replace("{", "{<<: " + value + ", ", 1)  # type: ignore[index]
        return "\n".join(lines), f"line {i + 1}: {lines[i].strip()[:80]}", value not in VALID_MERGES  # type: ignore[operator]
    m = KEY_LINE.match(lines[i])
    indent = " " * len(m["indent"])  # type: ignore[index]
    lines.insert(i + 1, f"{indent}<<: {value}")
    return "\n".join(lines), f"after line {i + 1}: <<: {value}", value not in VALID_MERGES


def _alias_bomb(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    levels = draw(st.integers(1, 9))
    width = draw(st.sampled_from([9, 10]))
    bomb = [f"lol0: &a0 [{', '.join(['lol'] * width)}]"]
    bomb += [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels + 1)]
    at = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    lines[at:at] = bomb
    return (
        "\n".join(lines),
        f"{levels + 1} nested alias levels of width {width} (~{width ** (levels + 1):.0e} strings)",
        True,
    )


def _recursive_alias(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    form = draw(st.sampled_from(["loop: &r [*r]", "loop: &r {a: *r}", "loop: &r [[[[*r]]]]"]))
    return form + "\n" + text, f"prepend {form!r}", True


def _benign_alias(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    i = _line_choice(draw, lines, KEY_LINE)
    if i is None:
        return text, "(no block mapping: unchanged)", False
    m = KEY_LINE.match(lines[i])  # type: ignore[index]
    later = [j for j in range(i + 1, len(lines)) if (n := KEY_LINE.match(lines[j])) and n["key"] == m["key"]]  # type: ignore[index]
    if not later:
        return text, "(no second occurrence: unchanged)", False
    j = draw(st.sampled_from(later))
    lines[i] = f"{m['indent']}{m['key']}: &v {m['value']}"  # type: ignore[index]
    n = KEY_LINE.match(lines[j])
    lines[j] = f"{n['indent']}{n['key']}: *v"  # type: ignore[index]
    return "\n".join(lines), f"line {j + 1} aliases line {i + 1}", False


def _documents(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    form, reject = draw(
        st.sampled_from(
            [("---\n" + text, False), (text + "\n...\n", False), (text + "\n---\n", True),
             (text + "\n---\nx: 1\n", True), (text + "\n--- |\n  more\n", True), ("%YAML 1.1\n---\n" + text, False),
             ("%YAML 1.3\n---\n" + text, True), ("%TAG !e! tag:example.com,2000:\n---\n" + text, False)]
        )
    )  # fmt: skip
    return form, f"documents: {form[:30]!r}...{form[-20:]!r}", reject


def _tabs(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    indented = [i for i, line in enumerate(lines) if line.startswith("  ")] or [0]
    i = draw(st.sampled_from(indented))
    how = draw(st.sampled_from(["indent", "after-colon", "trailing"]))
    if how == "indent":
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif how == "after-colon":
        lines[i] = lines[i].replace(": ", ":\t", 1)
    else:
        lines[i] += "\t"
    return "\n".join(lines), f"tab ({how}) on line {i + 1}", False


def _bom(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[bytes, str, bool]:
    raw = text.encode("utf-8")
    bom = b"\xef\xbb\xbf"
    form = draw(st.sampled_from(["start", "twice", "middle"]))
    if form == "start":
        return bom + raw, "UTF-8 BOM at the start", False
    if form == "twice":
        return bom + bom + raw, "two UTF-8 BOMs", False
    cut = raw.index(b"\n", len(raw) // 2) + 1
    return raw[:cut] + bom + raw[cut:], f"BOM at offset {cut}", True


def _newlines(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    form = draw(st.sampled_from(["crlf", "cr", "mixed", "no-final"]))
    if form == "crlf":
        return text.replace("\n", "\r\n"), "CRLF line ends", False
    if form == "cr":
        return text.replace("\n", "\r"), "CR-only line ends", False
    if form == "mixed":
        i = draw(st.integers(0, len(lines) - 2))
        return "\n".join(lines[:i]) + "\r\n" + "\n".join(lines[i:]), f"one CRLF at line {i}", False
    return text.rstrip("\n"), "no final newline", False


def _control(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    char = draw(st.sampled_from(CONTROL))
    at = draw(st.integers(0, len(text)))
    line = text[:at].count("\n") + 1
    return text[:at] + char + text[at:], f"{char!r} inserted at line {line}", False


def _encoding(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[bytes, str, bool]:
    form = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "nul", "invalid-utf8"]))
    accented = text.replace("e", "é", 1)  # at least one character whose Latin-1 and UTF-8 bytes differ
    if form in ("utf-16", "utf-32"):
        return text.encode(form), f"encoded as {form} (with BOM)", True
    if form.startswith("utf-16-"):
        return text.encode(form), f"encoded as {form} (no BOM)", True
    if form == "latin-1":
        return accented.encode("latin-1", "replace"), "Latin-1 bytes (é as 0xe9)", True
    raw = text.encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    byte = b"\0" if form == "nul" else draw(st.sampled_from([b"\x80", b"\xff", b"\xc3", b"\xed\xa0\x80"]))
    return raw[:at] + byte + raw[at:], f"{byte!r} at byte {at}", True


def _truncate(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[bytes, str, bool]:
    raw = text.encode("utf-8")
    at = draw(st.integers(0, len(raw) - 1))
    return raw[:at], f"truncated at byte {at} of {len(raw)}", False


def _top(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    value = draw(st.sampled_from(TOP_VALUES))
    return value, f"whole file := {value!r}", True


def _raw_date(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    spots = list(DATE_TOKEN.finditer(text))
    if not spots:
        return _raw_number(draw, text, lines)
    m = draw(st.sampled_from(spots))
    new = draw(st.sampled_from(RAW_DATES))
    line = text[: m.start()].count("\n") + 1
    return text[: m.start()] + new + text[m.end() :], f"line {line}: {m.group()} -> {new}", new != "2019-1-9"


def _raw_number(draw: st.DrawFn, text: str, lines: list[str]) -> tuple[str, str, bool]:
    i = _line_choice(draw, lines, NUMBER_LINE)
    if i is None:
        return _tag(draw, text, lines)
    new = draw(st.sampled_from(RAW_NUMBERS))
    m = NUMBER_LINE.match(lines[i])
    lines[i] = f"{m['head']}{new}"  # type: ignore[index]
    return "\n".join(lines), f"line {i + 1}: {m['head'].strip()} {new}", new in (".inf", ".nan", "-.inf", "1e999")  # type: ignore[index]


_RAW: dict[str, Callable[..., tuple[str | bytes, str, bool]]] = {
    "tag": _tag,
    "merge": _merge,
    "alias-bomb": _alias_bomb,
    "recursive-alias": _recursive_alias,
    "alias": _benign_alias,
    "documents": _documents,
    "tabs": _tabs,
    "bom": _bom,
    "newlines": _newlines,
    "control": _control,
    "encoding": _encoding,
    "truncate": _truncate,
    "top": _top,
    "date": _raw_date,
    "number": _raw_number,
}


# --- the file-system family ----------------------------------------------------------------------


def _replace_with(make: Callable[[Path], None]) -> Callable[[Path], Callable[[Path], None]]:
    def for_target(target: Path) -> Callable[[Path], None]:
        def apply(data: Path) -> None:
            path = data / target
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            make(path)

        return apply

    return for_target


def _unreadable(target: Path) -> Callable[[Path], None]:
    return lambda data: (data / target).chmod(0o000)


FS_OPS: dict[str, tuple[Callable[[Path], Callable[[Path], None]], bool]] = {
    # name: (make the change for a target file, must the data be rejected?)
    "dangling-symlink": (_replace_with(lambda p: p.symlink_to(p.parent / "nowhere.yaml")), True),
    "symlink-loop": (_replace_with(lambda p: p.symlink_to(p.name)), True),
    "folder": (_replace_with(lambda p: p.mkdir()), True),
    "fifo": (_replace_with(lambda p: os.mkfifo(p)), True),
    "dev-zero": (_replace_with(lambda p: p.symlink_to("/dev/zero")), True),
    "empty": (_replace_with(lambda p: p.write_bytes(b"")), True),
    "unreadable": (_unreadable, True),
    "upper-case-suffix": (lambda t: lambda d: (d / t).rename((d / t).with_suffix(".YAML")), True),
    "yml-suffix": (lambda t: lambda d: (d / t).rename((d / t).with_suffix(".yml")), False),
    "second-copy": (lambda t: lambda d: shutil.copyfile(d / t.with_name(t.name[5:]), d / t), True),
    "deleted": (lambda t: lambda d: (d / t).unlink(), False),  # a plan or year file may go; required ones reported
    "folder-is-a-file": (
        lambda t: (
            lambda d: (
                (shutil.rmtree(d / t.parent), (d / t.parent).write_text("x\n"))  # type: ignore[func-returns-value]
                if t.parent != Path(".")
                else None
            )
        ),
        True,
    ),
}


@st.composite
def filesystem(draw: st.DrawFn) -> Mutant:
    op = draw(st.sampled_from(list(FS_OPS)))
    choices = [PLAN] * 4 + [YEAR] * 2 + [f"{PROGRAMME}/19-09.yaml", "roles.yaml"]
    target = draw(st.sampled_from(choices))
    if op == "folder-is-a-file" and "/" not in target:
        target = PLAN
    make, reject = FS_OPS[op]
    if op == "deleted" and target == "roles.yaml":
        reject = True
    if op == "second-copy":  # the copy is the file to name; a stray file beside roles.yaml is not read at all
        reject = "/" in target
        target = str(Path(target).with_name("copy-" + Path(target).name))
    if op == "folder-is-a-file":
        case = Case("filesystem", f"{Path(target).parent}/", [f"{Path(target).parent} is a file"], reject)
    else:  # a deleted file cannot be named: the references to what it held are the report
        case = Case("filesystem", "" if op == "deleted" else target, [f"{op} {target}"], reject)
    return Mutant(case, fs=make(Path(target)), unprivileged=(op == "unreadable"))


# --- the arguments family --------------------------------------------------------------------------

ARGUMENTS = [
    (["--from", "2020-01-01", "--to", "2019-09-01"], True),
    (["--from", "0001-01-01", "--to", "9999-12-31"], False),
    (["--from", "9999-12-31"], False),  # an empty selection, not an error
    (["--to", "0001-01-01"], False),
    (["--person", "x" * 10**5], True),
    (["--person", ""], True),
    (["--work-group", "\x1b[2J"], True),
    (["--format", "yaml"], True),
    (["--from", "2019-02-30"], True),
    (["--from", "2019-10-01T10:00"], True),
]


@st.composite
def arguments(draw: st.DrawFn) -> Mutant:
    args, reject = draw(st.sampled_from(ARGUMENTS))
    return Mutant(Case("arguments", "", [" ".join(a[:40] for a in args)], reject), args=list(args))


def any_mutant() -> st.SearchStrategy[Mutant]:
    """The mix of a fuzz run: mostly structured and raw mutations of one file."""
    return st.one_of(structured(), structured(), raw(), raw(), filesystem(), arguments())
