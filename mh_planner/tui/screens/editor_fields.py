"""What the event editor's form is made of: its fields (the New form's kinds among them: a hub event, a
work-group meeting, a school visit), reading them into a `Form`, and "find a time", which opens the
scheduling assistant for what the form describes and writes its choice into the fields."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, Select, SelectionList, Static

from mh_planner.calendar import Event  # the domain: loaded by the time an event can be edited
from mh_planner.editing.changes import Change
from mh_planner.tui.editor_form import NEW_GROUP, Form
from mh_planner.tui.literal import choices, markup, notify_text
from mh_planner.user_input import parse_day, parse_time

if TYPE_CHECKING:
    from mh_planner.calendar import AnyEvent
    from mh_planner.scheduling import Proposal
    from mh_planner.tui.state import PlanState


class EditorFields(ModalScreen[Change | None]):
    """The editor's fields and what fills them; `EventEditor` checks, previews and applies."""

    state: PlanState
    action: str
    event: AnyEvent | None
    day: dt.date
    venue_chosen: str | None

    def _check(self) -> None:
        """Check the form and preview its change (the editor's)."""

    @staticmethod
    def _field(label: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="field", id=f"row-{widget.id}"):
            yield Label(label, classes="field-label")
            widget.compact = True
            yield widget
        yield Static("", id=f"error-{widget.id}", classes="field-error")

    def _work_group_fields(self) -> ComposeResult:
        """The New form's fields for a meeting or a visit (shown when the kind asks for them)."""
        calendar = self.state.calendar
        yield from self._field("Group", Select(choices(self._groups("meeting")), prompt="(choose)", id="group"))
        yield Static("", id="group-note", classes="editor-note")
        yield from self._field("School", Select([], prompt="(choose)", id="school"))
        people = sorted(((p.name, p.id) for p in calendar.people.values()), key=lambda o: o[0])
        yield from self._field("Lead", Select(choices(people), prompt="(choose)", id="lead"))

    def _groups(self, kind: str) -> list[tuple[str, str]]:
        groups = sorted(self.state.calendar.work_groups.values(), key=lambda g: g.name)
        if kind == "visit":
            return [(g.name, g.id) for g in groups if g.schools]
        return [*((g.name, g.id) for g in groups), ("A new work group…", NEW_GROUP)]

    def _follow_group(self, group_changed: bool) -> None:
        """Show the fields the kind and the work group need; fill in the group's venue and time."""
        form = self.read()
        kind, new = form.kind, form.group == NEW_GROUP
        shown = {
            "title": kind == "event" or (kind == "meeting" and new),
            "group": kind != "event",
            "school": kind == "visit",
            "lead": kind == "meeting" and new,
            "venue": kind != "visit",
            "project": kind == "event" or (kind == "meeting" and new),
            "end_day": kind == "event",
            "people": kind == "event" or (kind == "meeting" and new),
        }
        for name, visible in shown.items():
            for row in self.query(f"#row-{name}"):
                row.display = visible
        example = "the new group's name" if kind == "meeting" else "e.g. Senior leaders' session"
        self.query_one("#title", Input).placeholder = example
        group_select = self.query_one("#group", Select)
        if not group_changed:
            options = self._groups(kind)
            group_select.set_options(choices(options))
            if form.group in {v for _, v in options}:
                group_select.value = form.group
        self._group_defaults(kind, group_select.value if isinstance(group_select.value, str) else None)

    def _group_defaults(self, kind: str, group_id: str | None) -> None:
        group = self.state.calendar.work_groups.get(group_id or "")
        note = self.query_one("#group-note", Static)
        note.display = kind == "meeting" and group is not None
        if group is None:
            return
        names = [self.state.person_name(p) for p in group.members]
        others = f", with {', '.join(names)}" if names else ""
        note.update(markup("[dim]Led by $lead$others[/]", lead=self.state.person_name(group.lead), others=others))
        if kind == "meeting":
            self.query_one("#venue", Select).value = group.venue
        pattern = group.visits if kind == "visit" else group.meetings
        time = self.query_one("#time", Input)
        if pattern is not None and not time.value.strip():
            time.value = pattern.time
        schools = [(self.state.calendar.schools[s].name, s) for s in group.schools if s in self.state.calendar.schools]
        self.query_one("#school", Select).set_options(choices(schools))

    def _value(self, name: str) -> str:
        found = self.query(f"#{name}")
        if not found:
            return ""
        widget = found.first()
        if isinstance(widget, Input):
            return widget.value
        return ""

    def read(self) -> Form:
        form = Form(
            title=self._value("title"), day=self._value("day"), end_day=self._value("end_day"), time=self._value("time")
        )
        for name in ("venue", "project", "kind", "group", "school", "lead"):
            found = self.query(f"#{name}")
            if found:
                value = found.first(Select).value
                setattr(form, name, value if isinstance(value, str) else None)
        form.kind = form.kind or "event"
        people = self.query("#people")
        if people:
            form.people = list(people.first(SelectionList).selected)
        series = self.query("#scope-series")
        if series and series.first(RadioButton).value:
            form.scope = "series"
        form.venue_chosen = self.venue_chosen
        return form

    # --- find a time: the scheduling assistant for what the form describes ----------------------------

    def action_find_time(self) -> None:
        from mh_planner.tui.screens.assistant import AssistantScreen

        if self.action == "move" and isinstance(self.event, Event) and self.state.editable(self.event):
            self.app.push_screen(AssistantScreen(self.event.id), self._fill)
            return
        draft = self._draft() if self.action == "add" else None
        if draft is not None:
            self.app.push_screen(AssistantScreen(draft.id, draft=draft), self._fill)

    def _draft(self) -> Event | None:
        """The event the New form describes, for the assistant: its day and time as typed (or defaults)."""
        from mh_planner.scheduling import SchedulingError
        from mh_planner.scheduling.drafts import draft_event, draft_meeting

        form = self.read()
        try:
            day = parse_day(form.day, self.state.year.start_year)
        except ValueError:
            day = self.day
        try:
            times = parse_time(form.time) if form.time.strip() else None
        except ValueError:
            times = None
        times = times or (dt.time(13), dt.time(16))
        try:
            if form.kind == "meeting" and form.group not in (None, NEW_GROUP):
                return draft_meeting(self.state.calendar, form.group or "", day, times, form.venue)
            if form.kind == "visit":
                raise SchedulingError("a visit's day is the school's to agree: type it in")
            people = tuple(dict.fromkeys([*([form.lead] if form.lead else []), *form.people]))
            return draft_event(self.state.calendar, self.state.hub or "", form.title, day, times, form.venue, people)
        except SchedulingError as exc:
            notify_text(self, str(exc), severity="warning")
            return None

    def _fill(self, proposal: Proposal | None) -> None:
        """The assistant's choice, written into the form (then checked and previewed as if typed)."""
        if proposal is None:
            return
        self.query_one("#day", Input).value = proposal.start.date().isoformat()
        for found in self.query("#time"):
            found.value = f"{proposal.start:%H:%M}-{proposal.end:%H:%M}"  # type: ignore[attr-defined]
        venues = self.query("#venue")
        if proposal.venue and venues:
            venues.first(Select).value = proposal.venue
        self.venue_chosen = proposal.venue
        self._check()

