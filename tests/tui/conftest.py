"""Fixtures for the TUI's tests: a fixed 'today', a writable copy of the data, and a way to wait for the
app's workers (loading, edits, previews) before looking at the screen."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.loading import load
from mh_planner.scheduling import check
from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.session import Session
from mh_planner.tui.state import PlanState
from tests.builders import DATA, ROOT

TODAY = dt.date(2019, 11, 12)  # a Tuesday of the Peterborough clash: the planner opens on it
SMALL, LARGE = (80, 24), (160, 48)
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/tui carries the `tui` marker: `pytest -m "not tui"` is the fast inner loop."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.tui)


@pytest.fixture(scope="session")
def calendar() -> Calendar:
    return assemble(load(DATA))


@pytest.fixture(scope="session")
def state(calendar: Calendar) -> PlanState:
    return PlanState(DATA, calendar, check(calendar))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


_SHIPPED: list[Session] = []  # the sample, loaded once per test process


def shipped_session() -> Session:
    """A session on the shipped sample of its own, forked from one loaded once per process: an app given it
    shows the plan without loading (its edits stay its own; saving or reloading needs a copy of the data)."""
    if not _SHIPPED:
        session = Session(DATA)
        session.load()
        _SHIPPED.append(session)
    return _SHIPPED[0].fork()


def make_app(data: Path | str = "data", **kwargs: object) -> MHPlannerApp:
    """The app as a test sees it: today frozen, cursor not blinking, feeds kept out of the repository; on the
    shipped sample, a session already loaded."""
    kwargs.setdefault("export_dir", Path(data).parent / "calendars" if Path(data).is_absolute() else "/tmp/none")
    if "session" not in kwargs and Path(data).resolve() == DATA:
        kwargs["session"] = shipped_session()
    return MHPlannerApp(data, today=TODAY, blink=False, **kwargs)  # type: ignore[arg-type]


async def settle(pilot: Pilot[object]) -> None:
    """Let the app finish what it started (loading, an edit, a preview), then handle what the workers sent.

    The app's `busy` says what is still under way: on a loaded machine the first load may not have started
    yet when a test first waits (it starts after the first paint), so wait until the app says it is done;
    and until the keys it holds (`typing_ahead`) have all reached the screen they were typed for."""
    app = pilot.app
    for _ in range(600):  # 30 s at most
        with contextlib.suppress(WorkerCancelled):  # a closed screen's worker (the editor's preview): done
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not getattr(app, "busy", "") and not getattr(app, "typing_ahead", False):
            return
        await pilot.pause(0.05)
    raise TimeoutError(f"the app is still busy: {getattr(app, 'busy', '') or 'typing ahead'}")


def burst(app: MHPlannerApp, keys: list[str]) -> None:
    """Send keys as a fast typist (or a paste into tmux) does: all at once, none waiting for the one before."""
    from textual import events

    assert app._driver is not None
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


_PARSED: dict[tuple[object, ...], list[object]] = {}


@pytest.fixture(autouse=True, scope="session")
def css_parsed_once() -> None:
    """Each app parses every sheet it meets (the planner's and its widgets' own) again; the same text with the
    same theme's variables always gives the same rules, so the test process parses each once. A test-only
    cache in front of Textual's own per-app one: it changes no rule, only when it is worked out."""
    from textual.css.stylesheet import Stylesheet

    original = Stylesheet._parse_rules

    def parse_rules(self: Stylesheet, css: str, read_from: object, is_default_rules: bool = False,
                    tie_breaker: int = 0, scope: str = "") -> list[object]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        if key not in _PARSED:
            _PARSED[key] = original(self, css, read_from, is_default_rules, tie_breaker, scope)  # type: ignore[arg-type]
        return _PARSED[key]

    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign,assignment]


@pytest.fixture(autouse=True, scope="session")
def idle_seen_sooner() -> None:
    """Pilot waits after each key (twice) and in each pause until the app is idle: until a slice of wall time
    passes with next to no CPU time spent. Textual's slice is 20 ms, so a key costs a test 40 to 100 ms of
    sleeping however little it does; here the slice is 5 ms. A screen is redrawn at most 60 times a second, and
    what waits for that redraw (`call_after_refresh`: a search focusing its field) could come after a 5 ms
    slice found the app idle, so the test process redraws at 240: what a key sets off is still all done
    before the next key, only noticed sooner. Test-only, like the cache above: no rule, no screen changes."""
    from textual import _wait, screen

    _wait.SLEEP_GRANULARITY = 1 / 200
    _wait.SLEEP_IDLE = _wait.SLEEP_GRANULARITY / 20  # Textual's ratio: idle is under 5% of the slice busy
    screen.UPDATE_PERIOD = 1 / 240


@pytest.fixture(autouse=True)
def preview_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor previews a change as soon as it is typed (no debounce), so tests need not sleep."""
    from mh_planner.tui.screens.event_editor import EventEditor

    monkeypatch.setattr(EventEditor, "preview_delay", 0.0)


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository, so that the app shows 'data' and snapshots do not depend on where it is."""
    monkeypatch.chdir(ROOT)
    return ROOT
