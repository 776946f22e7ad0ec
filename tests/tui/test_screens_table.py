"""One table of screens: the app's modes and keys, the status bar's tabs, the palette and the help all follow
it, so that adding a screen is one module and one row."""

from __future__ import annotations

import re

from textual.binding import Binding
from textual.content import Content

from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.commands import APP_ACTIONS
from mh_planner.tui.screens.base import PlannerScreen
from mh_planner.tui.screens.help import HELP
from mh_planner.tui.screens.table import SCREENS, ScreenRow
from mh_planner.tui.widgets.status_bar import tab_label, tabs


def test_each_row_is_a_mode_of_the_app_shown_by_its_own_screen() -> None:
    assert list(MHPlannerApp.MODES) == [row.mode for row in SCREENS]
    assert MHPlannerApp.DEFAULT_MODE in MHPlannerApp.MODES
    assert len({row.key for row in SCREENS}) == len(SCREENS)
    for row in SCREENS:
        screen = row.load()
        assert issubclass(screen, PlannerScreen) and row.mode == screen.MODE  # lights its own tab


def test_each_row_has_a_key_and_no_other_key_switches_screens() -> None:
    switching = [b for b in MHPlannerApp.BINDINGS if isinstance(b, Binding) and b.action.startswith("show(")]
    assert [(b.key, b.action, b.description) for b in switching] == [(r.key, r.action, r.title) for r in SCREENS]


def test_each_row_is_in_the_palette_and_no_other_entry_switches_screens() -> None:
    switching = [entry for entry in APP_ACTIONS if entry[2].startswith("show(")]
    assert switching == [(row.title, row.help, row.action) for row in SCREENS]


def test_each_tab_row_is_a_tab_that_switches_to_its_screen() -> None:
    markup = tabs(active="year")
    assert re.findall(r"@click=app\.(show\('\w+'\))", markup) == [row.action for row in SCREENS if row.tab]
    plain = Content.from_markup(markup).plain
    assert plain.split() == [row.title for row in SCREENS if row.tab]
    assert markup.count("reverse bold") == 1


def test_a_tab_underlines_its_key_or_adds_it() -> None:
    assert tab_label(ScreenRow("venues", "Venues", "v", "venues:VenuesScreen", "")) == "[u]V[/u]enues"
    assert tab_label(ScreenRow("month", "Month", "o", "month:MonthScreen", "")) == "M[u]o[/u]nth"
    assert tab_label(ScreenRow("month", "Month", "z", "month:MonthScreen", "")) == "Month [u]z[/u]"


def test_the_help_names_every_row_with_its_key() -> None:
    everywhere = HELP.split("## Everywhere", 1)[1]
    line = next(line for line in everywhere.splitlines() if line.startswith("| **"))
    assert line.startswith(f"| **{' '.join(row.key for row in SCREENS)}** | ")
    assert ", ".join(row.title for row in SCREENS) in line


def test_the_help_names_every_key_the_app_answers_everywhere() -> None:
    """The help's "Everywhere" is typed by hand: each key the app binds (every alias) must be in it, bold."""
    import re

    from textual.binding import Binding

    from mh_planner.tui.app import MHPlannerApp

    everywhere = HELP.split("## Everywhere", 1)[1].split("\n## ", 1)[0]
    said = {key for run in re.findall(r"\*\*(.+?)\*\*", everywhere) for key in run.split()}
    names = {"slash": "/", "question_mark": "?"}
    bound = {
        names.get(key.strip(), key.strip())
        for cls in MHPlannerApp.__mro__
        if cls.__module__.startswith("mh_planner")
        for binding in cls.__dict__.get("BINDINGS", [])
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }
    assert bound - said == set()
