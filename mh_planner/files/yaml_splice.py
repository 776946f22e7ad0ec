"""Write `Op`s into a YAML file's text at the positions the parser reports, leaving everything else as it is.

See `yaml_ops` for why edits are spliced rather than re-emitted. `apply` re-parses the result and checks it
reads back as exactly the data the ops describe, so a splice that went wrong is an error, never a damaged file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mh_planner.files.yaml_ops import (
    Append,
    Block,
    DeleteItem,
    DeleteKey,
    DocPath,
    Layout,
    Op,
    SetKey,
    YamlEditError,
    apply_data,
    is_block_list,
    render_entry,
    render_flow,
    render_item,
    render_key,
    render_scalar,
)
from mh_planner.files.yaml_read import Source, parse_yaml
from mh_planner.problems import Problems

try:  # libyaml: a few ms per parse of a plan, against ~50 ms for the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# --- splicing text at the parser's positions ------------------------------------------------------

# The trees of the texts `parse` read last (an edit's result, the next edit's start): read, never changed.
_TREES: dict[str, Node] = {}
TREES_KEPT = 4


class _Text:
    """A document's text, its parse tree and where each line starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        root = _TREES.get(text)
        try:
            root = root if root is not None else yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise YamlEditError(f"the file no longer parses: {exc}") from exc
        if not isinstance(root, MappingNode):
            raise YamlEditError("the file is not a mapping of fields")
        self.root = root
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    # positions

    def line_start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line(self, line: int) -> str | None:
        if line < 0 or line >= len(self.starts) or self.starts[line] == len(self.text):
            return None
        end = self.text.find("\n", self.starts[line])
        return self.text[self.starts[line] : end if end >= 0 else len(self.text)]

    def blank(self, line: int) -> bool:
        text = self.line(line)
        return text is not None and not text.strip()

    def last_line(self, node: Node) -> int:
        """The last line holding any of `node` (block collections end where the next token starts)."""
        if isinstance(node, ScalarNode):
            end = node.end_mark.line
            if node.style in ("|", ">") and node.end_mark.column == 0 and end > node.start_mark.line:
                end -= 1
                while end > node.start_mark.line and self.blank(end):
                    end -= 1
            return end
        assert isinstance(node, MappingNode | SequenceNode)
        if node.flow_style or not node.value:
            return node.end_mark.line
        last = node.value[-1]
        return self.last_line(last[1] if isinstance(node, MappingNode) else last)

    def dash(self, item: Node) -> int:
        """The index of the `-` that opens a block list item."""
        i = item.start_mark.index - 1
        while i >= 0 and self.text[i] in " \t\n":
            i -= 1
        if i < 0 or self.text[i] != "-":
            raise YamlEditError("cannot find the dash of a list item")
        return i

    # tree

    def find(self, path: DocPath) -> Node:
        node: Node = self.root
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, SequenceNode) or part >= len(node.value):
                    raise YamlEditError(f"no item {part} in the list")
                node = node.value[part]
            else:
                pair = self.pair(node, part)
                if pair is None:
                    raise YamlEditError(f"no field {part!r}")
                node = pair[1]
        return node

    @staticmethod
    def pair(node: Node, key: str) -> tuple[Node, Node] | None:
        if not isinstance(node, MappingNode):
            raise YamlEditError(f"expected a mapping where {key!r} is looked up")
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k, v
        return None

    def layout(self) -> Layout:
        """Indentation from the first nested block mapping and block list of the file, else the defaults."""
        indent = offset = gap = None
        todo: list[Node] = [self.root]
        while todo and (indent is None or offset is None):
            node = todo.pop(0)
            if not isinstance(node, MappingNode) or node.flow_style:
                if isinstance(node, SequenceNode):
                    todo.extend(node.value)
                continue
            for k, v in node.value:
                if isinstance(v, MappingNode) and not v.flow_style and v.value and indent is None:
                    if v.start_mark.line > k.start_mark.line:
                        indent = v.value[0][0].start_mark.column - k.start_mark.column
                elif isinstance(v, SequenceNode) and not v.flow_style and v.value and offset is None:
                    dash = self.dash(v.value[0])
                    offset = dash - self.starts[self.text.count("\n", 0, dash)] - k.start_mark.column
                    gap = v.value[0].start_mark.column - (offset + k.start_mark.column)
                todo.append(v)
        default = Layout()
        return Layout(
            indent if indent and indent > 0 else default.indent,
            offset if offset is not None and offset >= 0 else default.offset,
            gap if gap and gap > 0 else default.gap,
        )

    # edits: each returns the new text

    def splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    def insert_lines(self, line: int, lines: Sequence[str]) -> str:
        at = self.line_start(line)
        lead = "" if at == 0 or self.text[at - 1] == "\n" else "\n"
        return self.splice(at, at, lead + "".join(f"{t}\n" for t in lines))

    def delete_lines(self, first: int, last: int) -> str:
        return self.replace_lines(first, last, [])

    def replace_lines(self, first: int, last: int, lines: Sequence[str]) -> str:
        end = self.line_start(last + 1)
        new = "".join(f"{t}\n" for t in lines)
        if new and end == len(self.text) and not self.text.endswith("\n"):
            new = new[:-1]  # the file had no final newline: do not add one
        return self.splice(self.line_start(first), end, new)


def _set_key(doc: _Text, op: SetKey, data: Any) -> str:
    mapping = doc.find(op.path)
    pair = doc.pair(mapping, op.key)
    if pair is not None:
        k, v = pair
        empty = isinstance(v, ScalarNode) and v.start_mark.index == v.end_mark.index
        if empty and not is_block_list(op.value) and not isinstance(op.value, Block):
            return doc.splice(v.start_mark.index, v.end_mark.index, " " + render_flow(op.value))
        if isinstance(v, ScalarNode) and v.style not in ("|", ">") and not isinstance(op.value, dict | list):
            return doc.splice(v.start_mark.index, v.end_mark.index, render_scalar(op.value, v.style))
        flow_value = not is_block_list(op.value) and not isinstance(op.value, Block)
        if flow_value and (isinstance(v, ScalarNode) or (isinstance(v, MappingNode | SequenceNode) and v.flow_style)):
            return doc.splice(v.start_mark.index, v.end_mark.index, render_flow(op.value))
        # A block value, or a flow/empty one becoming block: rewrite the whole entry in place.
        if not isinstance(mapping, MappingNode) or mapping.flow_style:
            raise YamlEditError(f"cannot write {op.key!r} as a block inside a flow mapping")
        if doc.text[doc.line_start(k.start_mark.line) : k.start_mark.index].strip():
            raise YamlEditError(f"cannot rewrite {op.key!r}: it shares its line with other text")
        lines = render_entry(op.key, op.value, k.start_mark.column, doc.layout())
        return doc.replace_lines(k.start_mark.line, doc.last_line(v), lines)

    assert isinstance(mapping, MappingNode)
    pairs = mapping.value
    ref = next((p for name in op.after for p in pairs if isinstance(p[0], ScalarNode) and p[0].value == name), None)
    ref = ref or (pairs[-1] if pairs else None)
    if mapping.flow_style:
        entry = f"{render_key(op.key)}: {render_flow(op.value)}"
        if ref is None:
            return doc.splice(mapping.start_mark.index, mapping.end_mark.index, "{" + entry + "}")
        return doc.splice(ref[1].end_mark.index, ref[1].end_mark.index, ", " + entry)
    if ref is None:
        raise YamlEditError("cannot add a field to an empty block mapping")
    col = pairs[0][0].start_mark.column
    lines = render_entry(op.key, op.value, col, doc.layout())
    if mapping is doc.root and any(doc.blank(k.start_mark.line - 1) for k, _ in pairs[1:]):
        lines = ["", *lines]  # top-level sections of this file are set apart by a blank line
    return doc.insert_lines(doc.last_line(ref[1]) + 1, lines)


def _delete_key(doc: _Text, op: DeleteKey) -> str:
    mapping = doc.find(op.path)
    pair = doc.pair(mapping, op.key)
    if pair is None:
        return doc.text
    assert isinstance(mapping, MappingNode)
    pairs = mapping.value
    i = pairs.index(pair)
    k, v = pair
    if mapping.flow_style:
        if len(pairs) == 1:
            return doc.splice(mapping.start_mark.index, mapping.end_mark.index, "{}")
        if i < len(pairs) - 1:
            return doc.splice(k.start_mark.index, pairs[i + 1][0].start_mark.index, "")
        return doc.splice(pairs[i - 1][1].end_mark.index, v.end_mark.index, "")
    if len(pairs) == 1:
        raise YamlEditError(f"cannot remove {op.key!r}, the only field of its mapping")
    if not doc.text[doc.line_start(k.start_mark.line) : k.start_mark.index].strip():
        return doc.delete_lines(k.start_mark.line, doc.last_line(v))
    # The key opens a list item ("- time: ..."): the next key moves up after the dash.
    if i == len(pairs) - 1:
        raise YamlEditError(f"cannot remove {op.key!r}: it shares its line with other text")
    return doc.splice(k.start_mark.index, pairs[i + 1][0].start_mark.index, "")


def _append(doc: _Text, op: Append, data: Any) -> str:
    parent_path, key = op.path[:-1], op.path[-1]
    assert isinstance(key, str)
    items = list(_get(data, parent_path).get(key) or [])
    pair = doc.pair(doc.find(parent_path), key)
    node = pair[1] if pair else None
    if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
        # Missing, empty or flow: write the whole list (a flow list of scalars stays on its line).
        return _set_key(doc, SetKey(parent_path, key, [*items, op.value]), data)
    last = node.value[-1]
    dash = doc.dash(last)
    dash_col = dash - doc.line_start(doc.text.count("\n", 0, dash))
    same_line = last.start_mark.line == doc.text.count("\n", 0, dash)
    content_col = last.start_mark.column if same_line else dash_col + doc.layout().gap
    lines = render_item(op.value, dash_col, content_col, doc.layout())
    return doc.insert_lines(doc.last_line(last) + 1, lines)


def _delete_item(doc: _Text, op: DeleteItem, data: Any) -> str:
    node = doc.find(op.path)
    if not isinstance(node, SequenceNode) or op.index >= len(node.value):
        raise YamlEditError(f"no item {op.index} in the list")
    if node.flow_style:
        items = [v for i, v in enumerate(_get(data, op.path)) if i != op.index]
        return doc.splice(node.start_mark.index, node.end_mark.index, render_flow(items))
    item = node.value[op.index]
    dash = doc.dash(item)
    first = doc.text.count("\n", 0, dash)
    if doc.text[doc.line_start(first) : dash].strip():
        raise YamlEditError("cannot remove a list item that shares its line with other text")
    last = doc.last_line(item)
    if len(node.value) == 1:
        # The list becomes `key: []`; comment lines inside it stay where they are.
        parent = doc.find(op.path[:-1])
        key = op.path[-1]
        assert isinstance(key, str)
        pair = doc.pair(parent, key)
        assert pair is not None
        colon = doc.text.index(":", pair[0].end_mark.index)  # before the item: deleting keeps its index
        text = doc.delete_lines(first, last)
        return text[: colon + 1] + " []" + text[colon + 1 :]
    if doc.blank(first - 1) and doc.blank(last + 1):
        last += 1  # entries set apart by blank lines: keep one between the neighbours, not two
    return doc.delete_lines(first, last)


def _get(data: Any, path: DocPath) -> Any:
    for part in path:
        data = data[part]
    return data


def apply_text(text: str, op: Op, data: Any) -> str:
    """`text` with `op` written in; `data` is what `text` reads as (to rewrite a flow list whole)."""
    doc = _Text(text)
    if isinstance(op, SetKey):
        return _set_key(doc, op, data)
    if isinstance(op, DeleteKey):
        return _delete_key(doc, op)
    if isinstance(op, Append):
        return _append(doc, op, data)
    return _delete_item(doc, op, data)


def parse(text: str, path: Path, display: str) -> tuple[Source | None, Problems]:
    """Read `text` exactly as the loader reads a file (dates, times kept as text, duplicate keys refused).
    The parser's tree is kept for the next edit of this text (it is not parsed a second time to be edited)."""
    problems = Problems()
    composed: list[Node] = []
    source = parse_yaml(text, path, problems, display, composed)
    if source is not None and source.data is None:
        problems.add(display, None, "", "expected exactly one YAML document")
        return None, problems
    if source is not None and not problems and "<<" not in text:  # merges are flattened in the tree as read
        _TREES[text] = composed[0]
        while len(_TREES) > TREES_KEPT:
            del _TREES[next(iter(_TREES))]
    return source, problems


def apply(text: str, data: Any, ops: Iterable[Op]) -> tuple[str, Any]:
    """Write `ops` into `text` (which reads as `data`); return the new text and the data it must read as."""
    for op in ops:
        text = apply_text(text, op, data)
        data = apply_data(data, op)
    return text, data

