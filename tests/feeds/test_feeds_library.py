"""feeds/ is a library: its modules take folders, a loaded dataset and a logger, and never call the command
line, print, or exit. The command layer is `cli/feed_commands.py` (it loads and reports for the CLI)."""

from __future__ import annotations

import ast
from pathlib import Path

import mh_planner.feeds

FEEDS = Path(mh_planner.feeds.__file__).parent


def library_modules() -> list[Path]:
    return sorted(FEEDS.glob("*.py"))


def test_no_library_module_imports_the_command_line() -> None:
    assert len(library_modules()) >= 10
    for path in library_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                assert not name.startswith("mh_planner.cli"), f"{path.name}: {name}"
                assert not name.startswith(("textual", "mh_planner.tui")), f"{path.name}: {name}"


def test_no_library_module_prints_or_exits() -> None:
    for path in library_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "exit", "input"), f"{path.name}:{node.lineno}"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert (node.value.id, node.attr) not in (("sys", "exit"), ("sys", "stdout"), ("sys", "stderr")), (
                    f"{path.name}:{node.lineno}"
                )
