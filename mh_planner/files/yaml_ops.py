"""Edits of a hand-edited YAML file as values (`Op`s), what each does to the data, and values as YAML text.

Re-emitting a whole document through a round-trip library (ruamel.yaml) re-flows wrapped flow lists, and it
attaches comments to neighbouring nodes, so deleting or appending an entry can drop or misplace a comment
that belongs to the next section; it also costs ~100 ms per edit on the sample plan. Instead, each edit is an
`Op` on a path of the document: its text is spliced in at the positions the YAML parser reports for the nodes
(libyaml, a few ms), in the file's own indentation and quoting. Everything else, comments and blank lines
included, is left byte for byte. `apply` then re-parses the result and checks it reads back as exactly the
data the ops describe, so a splice that went wrong is an error, never a damaged file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml: a few ms per parse of a plan, against ~50 ms for the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Key = str | int
DocPath = tuple[Key, ...]


class YamlEditError(Exception):
    """The edit cannot be written into this file as it is laid out."""


class Block(dict[str, Any]):
    """A mapping to write in block style, one key a line (a local event); a plain dict is written in flow style."""


# --- edit operations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetKey:
    """Set `key` of the mapping at `path`; a new key goes after the first of `after` present, else last."""

    path: DocPath
    key: str
    value: Any
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeleteKey:
    """Remove `key` from the mapping at `path` (nothing happens when it is absent)."""

    path: DocPath
    key: str


@dataclass(frozen=True)
class Append:
    """Append `value` to the list at `path`; the list's key is created when missing."""

    path: DocPath
    value: Any


@dataclass(frozen=True)
class DeleteItem:
    """Remove item `index` of the list at `path`."""

    path: DocPath
    index: int


Op = SetKey | DeleteKey | Append | DeleteItem


# --- the same operations on plain data (what the text must read back as) -------------------------


def _update(node: Any, path: DocPath, change: Any) -> Any:
    """Copy-on-write: only the containers along `path` are copied, the rest is shared."""
    if not path:
        return change(node)
    head, rest = path[0], path[1:]
    copy: Any = dict(node) if isinstance(node, dict) else list(node)
    copy[head] = _update(node[head], rest, change)
    return copy


def apply_data(data: Any, op: Op) -> Any:
    if isinstance(op, SetKey):
        return _update(data, op.path, lambda m: {**m, op.key: op.value})
    if isinstance(op, DeleteKey):
        return _update(data, op.path, lambda m: {k: v for k, v in m.items() if k != op.key})
    if isinstance(op, Append):
        key = op.path[-1]
        return _update(data, op.path[:-1], lambda m: {**m, key: [*(m.get(key) or []), op.value]})
    return _update(data, op.path, lambda items: [v for i, v in enumerate(items) if i != op.index])


# --- rendering values as YAML text ----------------------------------------------------------------

_PLAIN_PUNCTUATION = set(" _.'()&/+-")


def _plain_ok(text: str) -> bool:
    """A string that reads back as itself unquoted, in block and flow context alike. Strings starting with a
    digit are quoted like the hand-written files do ("19-09", "13:00-16:00")."""
    if not text or not text[0].isalpha() or text != text.strip():
        return False
    if not all(ch.isalnum() or ch in _PLAIN_PUNCTUATION for ch in text):
        return False
    try:
        return bool(yaml.load(f"[{text}]", Loader=_Loader) == [text])  # catches yes/no/null/true and the like
    except yaml.YAMLError:
        return False


def _double_quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def render_scalar(value: Any, style: str | None = None) -> str:
    """A scalar as YAML text; `style` is the quoting of the value it replaces, kept where it can be."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value)
    if style == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    if style == '"' or not _plain_ok(text):
        return _double_quoted(text)
    return text


def render_key(key: str) -> str:
    return key if _plain_ok(key) else _double_quoted(key)


def render_flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{render_key(str(k))}: {render_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render_flow(v) for v in value) + "]"
    return render_scalar(value)


def is_block_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


@dataclass(frozen=True)
class Layout:
    """Indentation as the file uses it: the sample has mappings by 2, list dashes 2 in from their key."""

    indent: int = 2  # a nested block mapping's keys, from its parent key
    offset: int = 2  # a block list's dash, from its parent key
    gap: int = 2  # an item's content, from its dash


def render_entry(key: str, value: Any, col: int, layout: Layout) -> list[str]:
    pad = " " * col
    if isinstance(value, Block):
        lines = [f"{pad}{render_key(key)}:"]
        for k, v in value.items():
            lines += render_entry(str(k), v, col + layout.indent, layout)
        return lines
    if is_block_list(value):
        lines = [f"{pad}{render_key(key)}:"]
        for item in value:
            lines += render_item(item, col + layout.offset, col + layout.offset + layout.gap, layout)
        return lines
    return [f"{pad}{render_key(key)}: {render_flow(value)}"]


def render_item(value: Any, dash: int, content: int, layout: Layout) -> list[str]:
    head = " " * dash + "-" + " " * (content - dash - 1)
    if isinstance(value, Block) and value:
        lines: list[str] = []
        for k, v in value.items():
            lines += render_entry(str(k), v, content, layout)
        return [head + lines[0][content:], *lines[1:]]
    return [head + render_flow(value)]

