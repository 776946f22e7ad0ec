"""Place the whole year (a command-palette action): the scheduler places every meeting and visit that follows
its pattern in a worker, and this preview lists what would move, and why, before anything changes. `r` also
repairs what clashes (moves the hub's dated events in a clash); Enter applies every move as one change (one
undo), Esc leaves the plan as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, LoadingIndicator, Static

from mh_planner.tui.describe import plain
from mh_planner.tui.literal import markup
from mh_planner.tui.messages import ApplyChange, PlacementReady
from mh_planner.tui.screens.base import STYLES

if TYPE_CHECKING:
    from mh_planner.editing.changes import Change
    from mh_planner.scheduling import YearPlacement
    from mh_planner.tui.app import MHPlannerApp

COLUMNS = (("event", "Event", 36), ("from", "From", 22), ("to", "To", 22), ("why", "Why", 200))


def short(start: dt.datetime, end: dt.datetime) -> str:
    return f"{start:%a} {start.day} {start:%b} {start:%H:%M}-{end:%H:%M}"


class PlacementPreview(ModalScreen["Change | None"]):
    CSS_PATH = STYLES / "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply all", priority=True),
        Binding("r", "repair", "Also repair clashes"),
    ]

    def __init__(self, repair: bool = False) -> None:
        super().__init__()
        self.repair = repair
        self.result: YearPlacement | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="placement", classes="dialog"):
            yield Static("[b]Place the whole year[/]", id="placement-title")
            yield LoadingIndicator(id="placement-busy")
            yield Static("", id="placement-summary")
            table: DataTable[Any] = DataTable(id="placement-moves", cursor_type="row", zebra_stripes=True)
            for key, label, width in COLUMNS:
                table.add_column(label, key=key, width=width)
            yield table
            yield Static("", id="placement-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply all", id="apply", variant="primary", disabled=True, compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.solve()

    @work(thread=True, exclusive=True, group="place")
    def solve(self) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        self.post_message(PlacementReady(session.place(self.repair)))

    def on_placement_ready(self, message: PlacementReady) -> None:
        from mh_planner.tui.session import Failed

        self.query_one("#placement-busy").display = False
        summary = self.query_one("#placement-summary", Static)
        result = message.result
        if isinstance(result, Failed):
            summary.update(markup("[$text-error]$text[/]", text=result.text))
            return
        self.result = result
        summary.update(summary_text(result, self.repair))
        table = self.query_one("#placement-moves", DataTable)
        table.clear()
        for move in result.moves:
            why = "; ".join((*(f"avoids {a}" for a in move.avoids), *move.reasons))
            table.add_row(plain(move.title), short(move.was_start, move.was_end), short(move.start, move.end),
                          plain(why), key=move.event_id)  # fmt: skip
        self.query_one("#apply", Button).disabled = not (result.ok and result.moves)

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        message.stop()
        result = self.result
        if result is None or not result.moves:
            return
        move = result.moves[min(max(message.cursor_row, 0), len(result.moves) - 1)]
        lines = [markup("[b]$title[/]", title=move.title), markup("from $was", was=move.was)]
        lines.append(markup("to   $when, $where", when=move.when_text(), where=move.where))
        lines += [markup("[$text-success]avoids[/] $text", text=text) for text in move.avoids]
        lines += [markup("[dim]$text[/]", text=text) for text in move.reasons]
        self.query_one("#placement-detail", Static).update(Content("\n").join(lines))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()

    def action_repair(self) -> None:
        """Solve again, also moving the hub's dated events that are in a clash (or back to not)."""
        self.repair = not self.repair
        self.result = None
        self.query_one("#apply", Button).disabled = True
        self.query_one("#placement-busy").display = True
        self.query_one("#placement-summary", Static).update("")
        self.query_one("#placement-moves", DataTable).clear()
        self.query_one("#placement-detail", Static).update("")
        self.solve()

    def action_apply(self) -> None:
        from mh_planner.editing.changes import MoveEvents

        result = self.result
        if result is None or not result.ok or not result.moves:
            return
        moves = tuple((m.event_id, m.start, m.end, m.venue) for m in result.moves)
        self.dismiss(MoveEvents(moves, "the year's placement"))

    def action_cancel(self) -> None:
        self.dismiss(None)


def summary_text(result: YearPlacement, repair: bool) -> Content:
    mode = "repairing clashes too" if repair else "r: also move the hub's dated events in a clash"
    if result.explanation:
        return markup(f"[$text-error]No placement: $why[/]\n[dim]{mode}[/]", why=result.explanation)
    lines = [
        markup(
            f"{result.placed} sessions placed ({result.kept} kept where the plan dates them): "
            f"[b]{len(result.moves)} to move[/]. Penalty {result.score_now} now, {result.score} after (lower is "
            f"better). Errors: {len(result.before)} now, {len(result.remaining)} after."
        ),
    ]
    lines += [markup("[$text-warning]Not repaired: $text[/]", text=text) for text in result.not_repaired]
    if not result.moves:
        lines.append(markup("[$text-success]Nothing to move: every session is where it fits best.[/]"))
    lines.append(markup(f"[dim]Enter applies every move as one change (u undoes it) · {mode}[/]"))
    return Content("\n").join(lines)


def place_the_year(app: MHPlannerApp) -> None:
    """The palette's "Place the whole year": the preview, then its moves applied as one change."""
    if app.state is None or app.problems is not None:
        app.notify("There is no plan loaded to place.", severity="warning")
        return

    def applied(change: Change | None) -> None:
        if change is not None:
            app.post_message(ApplyChange(change))

    app.push_screen(PlacementPreview(), applied)
