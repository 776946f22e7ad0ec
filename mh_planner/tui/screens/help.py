"""`?`: the keys of every screen, what the year's letters and colours mean, and where to read more."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from mh_planner.tui.screens.base import STYLES
from mh_planner.tui.screens.table import SCREENS

# The first line of "Everywhere": the keys of the screens you switch between, from their table.
SCREEN_KEYS = (
    f"| **{' '.join(row.key for row in SCREENS)}** | {', '.join(row.title for row in SCREENS)}"
    " (or click them on the top line) |"
)

HELP = f"""\
# mh-planner

Plan a Maths Hub's year: the national programme's events, the exchange and the hub's own work groups,
checked for clashes as you edit. Nothing is written to your files until you save (**ctrl+s**).
**Esc** goes back to where you came from; a screen's key always shows that screen (the year and the month on
the day you are on).

## Everywhere

| key | does |
| --- | --- |
{SCREEN_KEYS}
| **g** | go to a date: 14 Nov, 14/11/2019, next tue, spring 2, october half-term, easter |
| **/** | search the agenda; **Enter** or **Down** goes to the results |
| **n** | new event (on the day you are on) |
| **u** / **ctrl+z** | undo; **U** / **ctrl+y** redo |
| **ctrl+s** | save (never over a file changed by something else without asking) |
| **ctrl+r** | reload the data folder from disk |
| **e** | export the iCalendar feeds |
| **P** | print the A3 year planner (on People: the selected person's) |
| **ctrl+p** | command palette: every action, and any event by name |
| **h** / **H** | in a folder of several hubs' plans: choose the hub you plan / show the whole network |
| **?** / **f1** | this help; **q** / **ctrl+q** quits (asking first if there are unsaved changes) |

## Year

Arrows move the day cursor (up and down go a month), **PgUp/PgDn** a week, **Home/End** the first or last
day, **t** today. **Enter** (or a click on the day) opens the week around it.

Each day shows a letter per kind of event, **lower case when the date is only provisional** (a central
event announced as a window, e.g. "Early October"):

- **X** exchange, **R** residential, **C** central event (workshop, webinar, launch, conference, forum)
- **W** work group meeting, **V** school visit, **L** the hub's own event, **D** deadline, **B** busy or
  booked in a calendar you imported
- **!** a clash, **?** a possible clash, **-** a holiday, **=** a bank holiday, **#** a closure day; at 80
  columns **·** a school day with nothing planned and **+** more kinds of event that day

Each month's row names its half-terms (Autumn 1, or Au1 when narrow) and, when tall, its holidays.
Shading says the same again: red a clash, amber a possible one; holidays, bank holidays, weekends.

## Month

A wall calendar: arrows move a day (up and down a week), **PgUp/PgDn** or **[ ]** a month, **Home/End**
the first or last day, **t** today; **Enter** (or a click on the day) opens its week, **Esc** comes back.

## Week

Time drawn to scale. **Left/Right** a day, **Up/Down** an event, **[ ]** a week, **t** today; a click
selects an event, a second click shows it. **Enter** shows the event's people and venue; **m** moves it
(or confirms the date of a central event), **d** duplicates, **x** deletes (an event, or a whole work
group's series): only where they apply (an exchange leg's dates are the programme's). **Esc** goes back.

## Agenda

Every event in a table: **/** searches, **f** goes to the filters (person, role, project, work group,
venue, kind, status), **x** clears them, **s** changes the sort (or click a column), **r** reverses it,
**Home/End** the first or last row. **Enter** opens the event in its week.

## Conflicts

Errors first, then warnings, each with its explanation. **Enter** opens the event (**Esc** comes back);
**f** applies the suggested fix; **t** opens the scheduling assistant: other times for the event, ranked
with their reasons (**1**-**5** or **Enter** picks one, **Tab** switches to the grid of who is free), or the
whole year placed; **w** hides or shows the warnings.

## People and venues

Each person's release days against their allowance, and their commitments; each venue's bookings.
**Tab** moves to the list of events, **Enter** opens an event; **i** imports a calendar of the person's
busy times or the venue's bookings.

## The editor

**Tab** moves between the fields. Type a date as 2019-11-12, 12/11/2019 or 12 Nov. Before you apply a
change, the editor lists the conflicts it would create or remove. **Enter** applies once that check is
shown; **ctrl+t** finds a time for what the form describes; **Esc** cancels.
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Markdown(HELP, id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def action_close(self) -> None:
        self.dismiss(None)
