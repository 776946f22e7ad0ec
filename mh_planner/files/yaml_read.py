"""Read a YAML file into plain data while remembering the line of every key and value.

PyYAML silently keeps the last of two equal keys: here a duplicate key is an error. Values are built by
PyYAML's safe constructor (dates become dates), except base-60 integers: an unquoted `13:00` stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mh_planner.problems import Loc, Problems

try:  # libyaml's C parser when it is there: several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64


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


class _Builder:
    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.lines: dict[Loc, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(loc, line)
        if depth > MAX_DEPTH:
            self.problems.add(self.path, line, loc, "nested too deeply (a recursive alias?)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, loc)

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            return node.value  # most scalars: no need to go through the constructor
        if node.tag == "tag:yaml.org,2002:int" and ":" in node.value:
            return node.value  # 13:00 is a time, not YAML 1.1's base-60 integer 780
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "out of range" in detail or "must be in" in detail:
                detail = f"impossible date {node.value!r} ({detail})"
            self.problems.add(self.path, node.start_mark.line + 1, loc, detail)
            return node.value

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self._scalar(key_node, loc) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                continue
            try:
                hash(key)
            except TypeError:
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                self.problems.add(
                    self.path,
                    line,
                    (*loc, str(key)),
                    f"duplicate key (first at line {seen[key]}); YAML would silently keep only the last",
                )
            else:
                seen[key] = line
        self.constructor.flatten_mapping(node)  # resolve `<<: *anchor` merges
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add(self.path, key_node.start_mark.line + 1, loc, "a key must be plain text")
                continue
            key = self._scalar(key_node, loc)
            child = (*loc, key if isinstance(key, str | int) else str(key))
            self.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child, depth + 1)
        return result


def read_yaml(path: Path, problems: Problems, display: str | None = None) -> Source | None:
    """Parse `path`; on failure record a problem (with its line) and return None."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(name, None, "", f"cannot read the file: {exc.strerror or exc}")
        return None
    return parse_bytes(raw, path, problems, name)


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


def parse_yaml(
    text: str, path: Path, problems: Problems, name: str, composed: list[yaml.Node] | None = None
) -> Source | None:
    """Parse YAML text as `read_yaml` does a file: on failure record a problem and return None. `composed`
    receives the parser's tree (`yaml_splice` edits the next change into the text at its positions)."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        problems.add(name, line, "", f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:
        problems.add(name, None, "", f"YAML error: {exc}")
        return None
    if len(nodes) > 1:
        problems.add(name, nodes[1].start_mark.line + 1, "", "more than one YAML document in the file")
        return None
    if composed is not None:
        composed.extend(nodes)
    builder = _Builder(Path(name), problems)
    data = builder.build(nodes[0], ()) if nodes and nodes[0] is not None else None
    return Source(path, data, builder.lines)
