"""The scheduling assistant: who is free when for an event's people and venue, and the times the scheduler
proposes, best first, each with its reasons. Opened from the editor ("Find a time") and from the conflicts
screen (`t`, find another time); Enter on a proposal chooses it, Esc goes back.

The proposals come from a worker (`Session.suggest`: the placement core ranks every candidate, the checker
verifies each before it is listed), so the screen never waits on them. What a choice leads to is the
opener's: the conflicts screen applies it as one undoable change; the editor fills in its form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Static

from mh_planner.tui.describe import fmt_day, plain
from mh_planner.tui.literal import markup
from mh_planner.tui.messages import ApplyChange, SuggestionsReady
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.availability_grid import LEGEND, AvailabilityGrid, GridMoved, cell_kind

if TYPE_CHECKING:
    from mh_planner.calendar import Event
    from mh_planner.scheduling import Proposal
    from mh_planner.tui.app import MHPlannerApp
    from mh_planner.tui.session_scheduling import Assistance

COLUMNS = (("rank", "#", 2), ("date", "Date", 16), ("time", "Time", 11), ("where", "Where", 24),
           ("score", "Pen.", 4), ("why", "Why", 200))  # fmt: skip


class AssistantScreen(PlannerScreen["Proposal | None"]):
    CSS_PATH = STYLES / "assistant.tcss"
    MODE = "year"
    AUTO_FOCUS = "#proposals"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter", "choose", "Choose", priority=True),
        Binding("tab", "switch", "Grid/proposals"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 6)),
    ]

    def __init__(self, event_id: str, draft: Event | None = None, title: str = "Find a time") -> None:
        super().__init__()
        self.event_id, self.draft, self.heading = event_id, draft, title
        self.assistance: Assistance | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield Static(markup("[b]$heading[/]  [dim]finding times…[/]", heading=self.heading), id="assistant-title")
        yield AvailabilityGrid(id="assistant-grid")
        yield Static(LEGEND, id="assistant-legend")
        yield Static("", id="assistant-detail")
        table: DataTable[Any] = DataTable(id="proposals", cursor_type="row", zebra_stripes=True)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.find()

    @work(thread=True, exclusive=True, group="assistant")
    def find(self) -> None:
        session = self.planner_app.session
        self.post_message(SuggestionsReady(session.suggest(self.event_id, draft=self.draft)))

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        from mh_planner.tui.session import Failed

        result = message.result
        title = self.query_one("#assistant-title", Static)
        if isinstance(result, Failed):
            title.update(markup("[b]$heading[/]  [$text-error]$text[/]", heading=self.heading, text=result.text))
            return
        self.assistance = result
        found = result.found
        now = found.now
        clash = "  [$text-error]✖ in a clash now[/]" if found.clashes else ""
        where = "new" if self.draft is not None else f"now {now.when_text()}"
        text = markup(f"[b]$heading:[/] $title ($period) [dim]$where[/]{clash}", heading=self.heading,
                      title=found.title, period=found.period, where=where)  # fmt: skip
        if not found.proposals:
            text += markup("\n[$text-warning]Nothing fits: $why[/]", why=found.explanation or "")
        title.update(text)
        ranks: dict[dt.date, int] = {}
        for rank, proposal in enumerate(found.proposals, 1):
            ranks.setdefault(proposal.start.date(), rank)
        self.query_one(AvailabilityGrid).show(result.board, ranks, None if self.draft else now.start.date())
        self._fill(found.proposals)

    def _fill(self, proposals: tuple[Proposal, ...]) -> None:
        table = self.query_one("#proposals", DataTable)
        table.clear()
        calendar = self.planner_app.state.calendar if self.planner_app.state else None
        for rank, p in enumerate(proposals, 1):
            why = "; ".join((*p.reasons, *(f"✔ resolves {text}" for text in p.resolves)))
            venue = calendar.venues.get(p.venue or "") if calendar else None
            where = venue.name if venue else p.place
            table.add_row(str(rank), fmt_day(p.start.date()), f"{p.start:%H:%M}-{p.end:%H:%M}", plain(where),
                          str(p.score), plain(why), key=str(rank))  # fmt: skip

    # --- the cursor -----------------------------------------------------------------------------------

    def on_grid_moved(self, message: GridMoved) -> None:
        if self.assistance is None:
            return
        self.query_one("#assistant-detail", Static).update(self._describe(message.day, message.who))

    def _describe(self, day: dt.date, who: str) -> Content:
        assert self.assistance is not None
        board, found = self.assistance.board, self.assistance.found
        i = board.days.index(day)
        parts = [markup("[b]$day[/]", day=fmt_day(day))]
        if board.closed[i]:
            parts.append(markup("[dim]not a school day: $why[/]", why=board.closed[i] or ""))
        for row in board.rows:
            if who and row.who != who:
                continue
            cell = row.cells[i]
            kind = cell_kind(cell, None)
            what = "; ".join((*cell.busy, *(f"window of {w}" for w in cell.windows))) or "free"
            style = "$text-error" if kind == "busy" else "$text-warning" if cell.windows else "$text-success"
            parts.append(markup(f"$who: [{style}]$what[/]", who=row.label, what=what))
        picks = [f"#{n} {p.start:%H:%M}-{p.end:%H:%M}" for n, p in enumerate(found.proposals, 1)
                 if p.start.date() == day]  # fmt: skip
        if picks:
            parts.append(markup("[$text-success]proposed: $picks[/]", picks=", ".join(picks)))
        text = Content(" · ").join(parts)
        chosen = self.current
        if chosen is not None and chosen.start.date() == day:
            rank = found.proposals.index(chosen) + 1
            why = "; ".join((*chosen.reasons, *(f"✔ resolves {r}" for r in chosen.resolves)))
            text += markup(f"\n[b]#{rank}[/] $why", why=why)
        return text

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        message.stop()
        proposal = self.current
        if proposal is not None:
            self.query_one(AvailabilityGrid).go_to(proposal.start.date())

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        self.action_choose()

    @property
    def current(self) -> Proposal | None:
        if self.assistance is None or not self.assistance.found.proposals:
            return None
        table = self.query_one("#proposals", DataTable)
        proposals = self.assistance.found.proposals
        return proposals[min(max(table.cursor_row, 0), len(proposals) - 1)]

    # --- actions --------------------------------------------------------------------------------------

    def action_switch(self) -> None:
        grid, table = self.query_one(AvailabilityGrid), self.query_one("#proposals", DataTable)
        (table if grid.has_focus else grid).focus()

    def action_pick(self, number: int) -> None:
        if self.assistance is not None and number <= len(self.assistance.found.proposals):
            self.query_one("#proposals", DataTable).move_cursor(row=number - 1)

    def action_choose(self) -> None:
        grid = self.query_one(AvailabilityGrid)
        proposal = self.current
        if grid.has_focus and grid.board is not None and self.assistance is not None:
            day = grid.board.days[grid.day]
            on_day = [p for p in self.assistance.found.proposals if p.start.date() == day]
            proposal = on_day[0] if on_day else None
        if proposal is None:
            self.notify("No proposal there: see why above, or pick one of the list.", severity="warning")
            return
        self.dismiss(proposal)

    def action_back(self) -> None:
        self.dismiss(None)


def open_assistant(
    app: MHPlannerApp, event_id: str, then: Callable[[Proposal | None], None] | None = None, **options: Any
) -> None:
    """The assistant for an event; by default its choice is applied as one undoable change."""

    def apply(proposal: Proposal | None) -> None:
        if proposal is None:
            return
        from mh_planner.editing.changes import MoveEvent

        event = app.state.by_id.get(event_id) if app.state else None
        title = event.title if event is not None else event_id
        app.post_message(ApplyChange(MoveEvent(event_id, title, proposal.start, proposal.end, venue=proposal.venue)))

    app.push_screen(AssistantScreen(event_id, **options), then or apply)
