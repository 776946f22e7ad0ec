"""The event editor: a modal form to add (a hub event, a work-group meeting, a school visit), move,
duplicate or delete an event (or a whole work group's series), or to confirm the date of a central event.
"Find a time" (ctrl+t) opens the scheduling assistant for what the form describes and fills in its choice.

Fields are checked as you type, each error shown under its field. Whenever the form describes a valid change,
the planner previews it in a worker and the form lists the conflicts it would create and those it would
remove ("check before you book"); Apply (or Enter in a field) hands the change to the app.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Select, SelectionList, Static
from textual.widgets.button import ButtonVariant

from mh_planner.calendar import Event  # the domain: loaded by the time an event can be edited
from mh_planner.editing.changes import (
    AddEvent,
    AddMeeting,
    AddVisit,
    AddWorkGroup,
    Change,
    ConfirmCentral,
    DuplicateEvent,
    MoveEvent,
)
from mh_planner.tui.describe import SEVERITY_MARK, fmt_day, when
from mh_planner.tui.editor_form import KINDS, Form, build
from mh_planner.tui.literal import choices, literal, markup
from mh_planner.tui.messages import PreviewReady
from mh_planner.tui.screens.base import STYLES
from mh_planner.tui.screens.editor_fields import EditorFields
from mh_planner.tui.widgets.form_input import FormInput
from mh_planner.user_input import time_text

if TYPE_CHECKING:
    from mh_planner.calendar import AnyEvent
    from mh_planner.tui.state import PlanState

TITLES = {
    "add": "New event",
    "move": "Move event",
    "confirm": "Confirm the date of a central event",
    "duplicate": "Duplicate event",
    "delete": "Delete",
}
APPLY = {"add": "Add", "move": "Move", "confirm": "Confirm", "duplicate": "Duplicate", "delete": "Delete"}


class EventEditor(EditorFields):
    CSS_PATH = STYLES / "modals.tcss"
    preview_delay: ClassVar[float] = 0.25  # seconds of quiet typing before a preview (tests: none)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+enter,ctrl+j", "apply", "Apply", key_display="⏎"),
        Binding("ctrl+t", "find_time", "Find a time"),
        # Tab moves to the next field at once, as the key arrives: bound as usual (on the screen, after the
        # field has had the key), the keys typed right after it would already be on their way to the field
        # it leaves ("T1", Tab, "14 Nov" typed fast gave the title "T114 Nov").
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    def __init__(self, state: PlanState, action: str, event: AnyEvent | None = None, day: dt.date | None = None):
        super().__init__()
        self.state = state
        self.action = action
        self.event = event
        self.day = day or (event.first_day if isinstance(event, Event) else state.year.terms[0].start)
        self.change: Change | None = None
        self.venue_chosen: str | None = None  # move: the venue of a proposal chosen in the assistant
        self._token = 0
        self._timer: Timer | None = None

    # --- construction -----------------------------------------------------------------------------

    @classmethod
    def add(cls, state: PlanState, day: dt.date) -> EventEditor:
        return cls(state, "add", day=day)

    @classmethod
    def for_event(cls, state: PlanState, event_id: str, action: str) -> EventEditor:
        event = state.by_id[event_id]
        if action == "move" and not state.editable(event):
            action = "confirm"  # a central event is not moved, its date is confirmed
        return cls(state, action, event=event)

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static(self._heading(), id="editor-title")
            with VerticalScroll(id="editor-form", can_focus=False):
                yield from self._fields()
            yield Static("", id="editor-error", classes="field-error")
            with VerticalScroll(id="editor-preview", can_focus=False):
                yield Static("", id="preview-text")
            with Horizontal(id="editor-buttons"):
                variant: ButtonVariant = "error" if self.action == "delete" else "primary"
                if self.action in ("add", "move"):
                    yield Button("Find a time", id="find-time", compact=True)
                yield Button(APPLY[self.action], id="apply", variant=variant, disabled=True, compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def _fields(self) -> ComposeResult:
        """The fields this action needs, filled in from the event."""
        event, action = self.event, self.action
        dated = event if isinstance(event, Event) else None  # an undated central event: only confirmed
        timed = dated is not None and not dated.all_day
        if action == "add":
            yield from self._field("What", Select(KINDS, value="event", allow_blank=False, id="kind"))
            yield from self._work_group_fields()
            yield from self._field("Title", FormInput(placeholder="e.g. Senior leaders' session", id="title"))
        if action in ("add", "move", "confirm", "duplicate"):
            day = self.day if event is None or action == "add" else (dated.first_day if dated else None)
            value = day.isoformat() if day else ""
            yield from self._field("Date", FormInput(value=value, placeholder="2019-11-12 or 12 Nov", id="day"))
        if action in ("add", "confirm") or (action == "move" and event is not None and event.all_day):
            value = ""
            if dated is not None and dated.all_day and dated.last_day != dated.first_day:
                value = dated.last_day.isoformat()
            yield from self._field("Until", FormInput(value=value, placeholder="last day, if several", id="end_day"))
        if action in ("add", "confirm") or (action == "move" and timed):
            value = time_text(dated.start.time(), dated.end.time()) if dated is not None and timed else ""
            placeholder = "13:00-16:00, twilight; empty: all day"
            yield from self._field("Time", FormInput(value=value, placeholder=placeholder, id="time"))
        if action == "add":
            calendar = self.state.calendar
            venues = choices(sorted(((v.name, v.id) for v in calendar.venues.values()), key=lambda o: o[0]))
            yield from self._field("Venue", Select(venues, prompt="(none)", id="venue", compact=True))
            projects = choices([(p.heading, p.id) for p in calendar.dataset.projects.values()])
            yield from self._field("Project", Select(projects, prompt="(none)", id="project", compact=True))
            people = sorted(((p.name, p.id) for p in calendar.people.values()), key=lambda o: o[0])
            with Vertical(id="row-people"):
                yield Label("People", classes="field-label")
                yield SelectionList[str](*((literal(name), value) for name, value in people), id="people")
        if action == "delete" and event is not None:
            yield Static(markup("[b]$title[/]\n$when", title=event.title, when=when(event)), classes="editor-note")
            if event.work_group:
                group = self.state.calendar.work_groups.get(event.work_group)
                name = group.name if group else event.work_group
                with RadioSet(id="scope"):
                    yield RadioButton("Only this event", value=True, id="scope-event")
                    whole = literal(f"The whole work group '{name}' (every meeting and visit)")
                    yield RadioButton(whole, id="scope-series")
        if action == "confirm" and event is not None and event.timing_text:
            window = f": {fmt_day(event.window.start)} to {fmt_day(event.window.end)}" if event.window else ""
            note = markup("[dim]Announced as '$timing'$window[/]", timing=event.timing_text, window=window)
            yield Static(note, classes="editor-note")

    def _heading(self) -> Content:
        title = markup(f"[b]{TITLES[self.action]}[/]")
        if self.event is not None and self.action != "delete":
            title += markup(": $title  [dim]($when)[/]", title=self.event.title, when=when(self.event))
        return title

    def on_mount(self) -> None:
        if self.action == "add":
            self._follow_group(False)
        self._check()

    # --- reading and checking ---------------------------------------------------------------------

    def build(self, form: Form) -> tuple[Change | None, dict[str, str]]:
        """The change the form describes, or the errors by field (editor_form.build)."""
        return build(self.state, self.action, self.event, form)

    def _check(self) -> None:
        change, errors = self.build(self.read())
        for widget in self.query(".field-error").results(Static):
            name = (widget.id or "").removeprefix("error-")
            if name in ("editor", ""):
                continue
            message = errors.get(name, "")
            widget.update(markup("[$text-error]↑ $message[/]", message=message) if message else "")
            widget.set_class(bool(message), "-shown")
        hint = Content("")
        event = self.event
        unchanged = isinstance(change, MoveEvent) and event is not None and change.start == event.start
        if unchanged and isinstance(change, MoveEvent) and event is not None and change.end == event.end:
            change, hint = None, markup("[dim]Type the new date or time.[/]")
        elif change is None and not errors:
            hint = markup("[dim]Fill in the form.[/]")
        if change is not None and self.action in ("add", "move", "duplicate", "confirm"):
            day = self._day_of(change)
            # On the calendars the event concerns (its schools' and venue's), as the checker reads them.
            year = self.state.calendar.year_of(event) if event is not None else self.state.year
            why = year.why_not_a_school_day(day) if day else None
            if day and why:
                hint = markup("[$text-warning]Note: $day is $why.[/]", day=fmt_day(day), why=why)
        self.query_one("#editor-error", Static).update(hint)
        same = change == self.change
        self.change = change
        self.query_one("#apply", Button).disabled = True  # until its preview is in
        if change is None:
            self._token += 1  # a preview still on its way is for a form that is no more
            self.query_one("#preview-text", Static).update("")
            return
        if not same or self._token == 0:
            self._schedule_preview()
        else:
            self.query_one("#apply", Button).disabled = False

    @staticmethod
    def _day_of(change: Change) -> dt.date | None:
        if isinstance(change, MoveEvent):
            return change.start.date()
        if isinstance(change, AddEvent | DuplicateEvent | ConfirmCentral | AddMeeting | AddVisit | AddWorkGroup):
            return change.day
        return None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._check()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("kind", "group"):
            self._follow_group(event.select.id == "group")
        self._check()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self._check()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._check()

    # --- check before you book --------------------------------------------------------------------

    def _schedule_preview(self) -> None:
        self._token += 1
        self.query_one("#preview-text", Static).update("[dim]Checking what this would change…[/]")
        if self._timer is not None:
            self._timer.stop()
        token, change = self._token, self.change
        if self.preview_delay <= 0:
            self._preview(token, change)
            return
        self._timer = self.set_timer(self.preview_delay, lambda: self._preview(token, change))

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, token: int, change: Change | None) -> None:
        if change is None:
            return
        session = getattr(self.app, "session", None)  # the app's: the planner and its lock
        try:
            added, removed = session.preview(change) if session else ([], [])
        except Exception as exc:  # the planner refuses the change: say why, inline
            self.post_message(PreviewReady(token, error=str(exc) or type(exc).__name__))
            return
        self.post_message(PreviewReady(token, list(added), list(removed)))

    def on_preview_ready(self, message: PreviewReady) -> None:
        if message.token != self._token:
            return  # a newer change is being previewed
        text = self.query_one("#preview-text", Static)
        apply = self.query_one("#apply", Button)
        if message.error:
            text.update(markup("[$text-error]Cannot do this: $error[/]", error=message.error))
            apply.disabled = True
            return
        lines = [markup("[b]Check before you book[/]")]
        if not message.added and not message.removed:
            lines.append(markup("[$text-success]✔ No conflict would appear or go away.[/]"))
        for conflict in message.added:
            new = markup(" [b]new:[/] $message", message=conflict.message)
            lines.append(SEVERITY_MARK[conflict.severity.value] + new)
        for conflict in message.removed:
            lines.append(markup("[$text-success]✔ resolved:[/] $message", message=conflict.message))
        text.update(Content("\n").join(lines))
        apply.disabled = False

    # --- leaving ----------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "find-time":
            self.action_find_time()
        else:
            self.action_cancel()

    def action_apply(self) -> None:
        if self.change is None:
            self.notify("The form is not complete yet.", severity="warning")
            return
        if self.query_one("#apply", Button).disabled:
            return  # its conflicts are not shown yet: look before you book
        self.dismiss(self.change)

    def action_cancel(self) -> None:
        self.dismiss(None)
