"""The shape of the code, enforced: the core does not know it has a UI, modules and functions stay small,
one registry of rules. The layers themselves are import-linter's contract (`make test` runs `lint-imports`).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import mh_planner

PACKAGE = Path(mh_planner.__file__).parent
ABOVE_THE_CORE = ("mh_planner.tui", "mh_planner.cli", "mh_planner.__main__")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[str]:
    found = ["mh_planner"]
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="mh_planner."):
        found.append(info.name)
    return sorted(found)


CORE = [m for m in _modules() if not m.startswith(ABOVE_THE_CORE)]


# A clean interpreter that has imported only third-party libraries the core may use, and forks a fresh
# process per module asked for: each module is imported alone (a failure names its culprit), at the cost
# of a fork rather than of an interpreter start and its imports.
IMPORTER = """
import importlib, os, sys
import dateutil, holidays, icalendar, pydantic, yaml
for line in sys.stdin:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(line.strip())
            found = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})
            answer = ' '.join(found) or 'clean'
        except BaseException as exc:
            answer = 'error ' + repr(exc)
        os.write(write, answer.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, 'rb') as pipe:
        answer = pipe.read().decode()
    os.waitpid(pid, 0)
    print(answer, flush=True)
"""


@pytest.fixture(scope="module")
def importer() -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=30)


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_neither_textual_nor_rich(importer: subprocess.Popen[str], module: str) -> None:
    assert importer.stdin is not None and importer.stdout is not None
    importer.stdin.write(module + "\n")
    importer.stdin.flush()
    answer = importer.stdout.readline().strip()
    assert answer == "clean", f"{module}: {answer}"


def test_the_command_line_answers_help_without_the_domain() -> None:
    code = (
        "import sys\nfrom mh_planner.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'pydantic', 'icalendar'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.name} has {lines} lines: split it by job"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines in {path.name}: {', '.join(long)}"


def test_every_rule_module_is_registered_once() -> None:
    from mh_planner.rules import RULES

    helpers = {"conflict", "index", "rule", "incremental"}
    modules = {m.name for m in pkgutil.iter_modules([str(PACKAGE / "rules")])} - helpers
    registered = {rule.check.__module__.rsplit(".", 1)[1] for rule in RULES}
    assert registered == modules
    assert len({rule.name for rule in RULES}) == len(RULES)
