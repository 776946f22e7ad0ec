"""Read a YAML file into plain data while remembering the line of every key and value.

PyYAML silently keeps the last of two equal keys: here a duplicate key is an error. Values are built by
PyYAML's safe constructor (dates become dates), except base-60 integers: an unquoted `13:00` stays text.

Whatever the file holds, reading it is bounded and ends in data or in problems with a line, never in an
exception: the file's size is capped (`MAX_BYTES`), and so is the number of values built (`MAX_VALUES`), which
stops an alias bomb ("billion laughs": a few lines of nested aliases that expand to billions of values) and a
merge-key bomb alike; only the tags of YAML's core schema are read (`!!python/...`, `!!set`, `!custom` are
problems), and a value its tag cannot read (`!!bool maybe`) is a problem at its line.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mh_planner.problems import Loc, Problems, shorten

try:  # libyaml's C parser when it is there: several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_BYTES = 5 * 2**20  # a hand-edited data file is a few hundred KB at most
MAX_VALUES = 200_000  # values built from one file, aliases expanded: a plan has a few thousand

_CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
TAG_NAMES = {"int": "an integer", "float": "a number", "bool": "true or false", "timestamp": "a date", "null": "null"}


class TooManyValues(Exception):
    """The file expands to more values than any data file holds (at `line`, the limit was reached)."""

    def __init__(self, line: int) -> None:
        self.line = line


@dataclass
class Source:
    """A file's data and where each part of it stands."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest enclosing part (a missing key is reported at its mapping)."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


def _tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _ident(key_node: yaml.Node) -> object:
    return (key_node.tag, key_node.value) if isinstance(key_node, yaml.ScalarNode) else id(key_node)


class _Builder:
    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.lines: dict[Loc, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.built = 0
        self.open: set[int] = set()  # the nodes being built, outermost first: an alias to one is a loop

    def count(self, node: yaml.Node) -> None:
        self.built += 1
        if self.built > MAX_VALUES:
            raise TooManyValues(node.start_mark.line + 1)

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        self.count(node)
        line = node.start_mark.line + 1
        self.lines.setdefault(loc, line)
        if depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep (a recursive alias?)"
            self.problems.add(self.path, line, loc[:3], message)
            return None
        if isinstance(node, yaml.CollectionNode) and id(node) in self.open:
            self.problems.add(self.path, line, loc, "an alias to the value that holds it (a recursive alias)")
            return None
        if isinstance(node, yaml.MappingNode) and node.tag == f"{_CORE}map":
            return self._nested(node, loc, depth, self._mapping)
        if isinstance(node, yaml.SequenceNode) and node.tag == f"{_CORE}seq":
            return self._nested(node, loc, depth, self._sequence)
        if isinstance(node, yaml.ScalarNode) and node.tag in SCALAR_TAGS:
            return self._scalar(node, loc)
        self.problems.add(self.path, line, loc, f"unsupported YAML tag {shorten(_tag(node.tag))}")
        return None

    def _nested(self, node: Any, loc: Loc, depth: int, build: Callable[[Any, Loc, int], Any]) -> Any:
        self.open.add(id(node))
        try:
            return build(node, loc, depth)
        finally:
            self.open.discard(id(node))

    def _sequence(self, node: yaml.SequenceNode, loc: Loc, depth: int) -> list[Any]:
        return [self.build(child, (*loc, i), depth + 1) for i, child in enumerate(node.value)]

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.tag == f"{_CORE}str":
            return node.value  # most scalars: no need to go through the constructor
        if node.tag == f"{_CORE}int" and ":" in node.value:
            return node.value  # 13:00 is a time, not YAML 1.1's base-60 integer 780
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception as exc:  # each tag's constructor fails its own way (KeyError for `!!bool maybe`)
            detail = str(exc).splitlines()[0] if isinstance(exc, ValueError | yaml.YAMLError) else ""
            if node.tag == f"{_CORE}timestamp" and detail:
                detail = f"impossible date {shorten(node.value)} ({detail})"
            else:
                detail = f"cannot read {shorten(node.value)} as {TAG_NAMES.get(node.tag[len(_CORE) :], node.tag)}"
            self.problems.add(self.path, node.start_mark.line + 1, loc, detail)
            return node.value

    def _key(self, key_node: yaml.Node, loc: Loc) -> Any:
        """A mapping key as data (None when it cannot be one: a list, a mapping, an unreadable value)."""
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SCALAR_TAGS:
            return None
        key = self._scalar(key_node, loc)
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _pairs(self, node: yaml.MappingNode, loc: Loc, depth: int = 0) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's own pairs, then those of the mappings it merges (`<<: *anchor`), each key once: the
        first wins, as YAML's merge keys say. Unlike PyYAML's `flatten_mapping`, this neither changes the
        nodes nor repeats keys, so nested merges cannot multiply."""
        own: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            self.count(key_node)
            if key_node.tag != f"{_CORE}merge":
                own.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode) or depth > MAX_DEPTH:
                    line = source.start_mark.line + 1
                    self.problems.add(self.path, line, loc, "`<<` must be a mapping (or a list of mappings) to merge")
                    continue
                merged += self._pairs(source, loc, depth + 1)
        if not merged:
            return own
        seen = {_ident(key_node) for key_node, _ in own}
        for key_node, value_node in merged:
            if _ident(key_node) not in seen:
                seen.add(_ident(key_node))
                own.append((key_node, value_node))
        return own

    def _duplicates(self, node: yaml.MappingNode, loc: Loc) -> None:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == f"{_CORE}merge":
                continue
            key = self._key(key_node, loc)
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                message = f"duplicate key (first at line {seen[key]}); YAML would silently keep only the last"
                self.problems.add(self.path, line, (*loc, str(key)), message)
            else:
                seen[key] = line

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        self._duplicates(node, loc)
        result: dict[Any, Any] = {}
        for key_node, value_node in self._pairs(node, loc):
            key = self._key(key_node, loc)
            if key is None:
                self.problems.add(self.path, key_node.start_mark.line + 1, loc, "a key must be plain text")
                continue
            if key in result:
                continue  # a duplicate (reported above), or a merged key the mapping sets itself
            child = (*loc, key if isinstance(key, str | int) else str(key))
            self.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child, depth + 1)
        return result


def read_yaml(path: Path, problems: Problems, display: str | None = None) -> Source | None:
    """Parse `path`; on failure record a problem (with its line) and return None."""
    name = display or str(path)
    raw = read_bytes(path, problems, name)
    return None if raw is None else parse_bytes(raw, path, problems, name)


def read_bytes(path: Path, problems: Problems, name: str) -> bytes | None:
    """The bytes of a data file, read as `read_yaml` reads them (a regular file, at most `MAX_BYTES`, opened
    without blocking); None after recording why not. `files.parse_cache` reads through this too."""
    try:
        raw = _read_regular(path)
    except OSError as exc:
        problems.add(name, None, "", f"cannot read the file: {exc.strerror or exc}")
        return None
    if raw is None:
        problems.add(name, None, "", "not a regular file (a folder, a FIFO or a device): not read")
        return None
    if len(raw) > MAX_BYTES:
        problems.add(name, None, "", f"the file is too large for a data file (over {MAX_BYTES // 2**20} MB)")
        return None
    return raw


def parse_bytes(raw: bytes, path: Path, problems: Problems, name: str) -> Source | None:
    """Parse a file's bytes as `read_yaml` does (`files.parse_cache` parses exactly the bytes it hashed)."""
    if b"\0" in raw:
        problems.add(name, None, "", "not a text file (it contains NUL bytes)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(name, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
        return None
    return parse_yaml(text, path, problems, name)


def _read_regular(path: Path) -> bytes | None:
    """At most a byte more than the limit of a regular file; None for anything else (opened without blocking:
    a FIFO would wait for a writer, /dev/zero never ends)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return f.read(MAX_BYTES + 1)


def _syntax_error(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """The line to show and the message for a YAML error that stopped the parser."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return line, f"the character U+{ord(char):04X} is not allowed in YAML text (write it as \\u{ord(char):04x})"
    if not isinstance(exc, yaml.MarkedYAMLError):
        position = re.search(r"position (\d+)", str(exc))
        found = text[: int(position.group(1))].count("\n") + 1 if position else None
        return found, f"YAML error: {str(exc).splitlines()[0]}"
    problem, context = exc.problem_mark, exc.context_mark
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    # An unclosed bracket or quote is found lines later, where the parser gives up: point at where it opened.
    opened = re.search(r"flow|quoted", exc.context or "")
    if opened and context is not None and problem is not None and context.line != problem.line:
        stopped = f"opened here; the parser stopped at line {problem.line + 1}"
        return context.line + 1, f"YAML syntax error: {what} ({stopped})"
    mark = problem or context
    return (mark.line + 1 if mark else None), f"YAML syntax error: {what}"


def parse_yaml(
    text: str, path: Path, problems: Problems, name: str, composed: list[yaml.Node] | None = None
) -> Source | None:
    """Parse YAML text as `read_yaml` does a file: on failure record a problem and return None. `composed`
    receives the parser's tree (`yaml_splice` edits the next change into the text at its positions)."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        line, message = _syntax_error(exc, text)
        problems.add(name, line, "", message)
        return None
    except RecursionError:
        problems.add(name, None, "", "nested too deeply to read")
        return None
    if len(nodes) > 1:
        problems.add(name, nodes[1].start_mark.line + 1, "", "more than one YAML document in the file")
        return None
    if composed is not None:
        composed.extend(nodes)
    builder = _Builder(Path(name), problems)
    try:
        data = builder.build(nodes[0], ()) if nodes and nodes[0] is not None else None
    except TooManyValues as exc:
        message = f"more than {MAX_VALUES:,} values once its aliases are expanded (an alias bomb?)"
        problems.add(name, exc.line, "", message)
        return None
    return Source(path, data, builder.lines)
