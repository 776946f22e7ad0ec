"""The network in the planner: which hub it shows, the picker that asks, and the network a key away.

`NetworkApp` is the part of the app about a folder of several hubs' plans: `h` picks the hub to plan (or the
whole network), `H` switches between that hub and the whole network. When the folder has several plans and
no `--hub` was given, the picker asks at start-up. The narrowing runs in a worker (`Session.show`), like
every change of the plan: the app's thread only draws the snapshot it gets back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from mh_planner.tui.literal import literal
from mh_planner.tui.messages import PlanChanged, PlanLoaded

if TYPE_CHECKING:
    from mh_planner.tui.session import Session
    from mh_planner.tui.state import PlanState

NETWORK = "*"  # the picker's choice for the whole network


class HubPicker(ModalScreen[str | None]):
    """Which hub to plan, or the whole network: the hub's name, its events and conflicts."""

    DEFAULT_CSS = """
    HubPicker { align: center middle; }
    HubPicker > Vertical { width: 72; max-width: 100%; height: auto; max-height: 90%; border: round $accent;
        background: $surface; padding: 0 1; }
    HubPicker OptionList { height: auto; max-height: 30; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, state: PlanState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        network = self.state.network or self.state.calendar
        hubs = network.dataset.hubs
        options = [Option(f"The whole network: {len(self.state.hubs)} hubs", id=NETWORK)]
        self.order = [NETWORK, *sorted(self.state.hubs, key=lambda h: hubs[h].name if h in hubs else h)]
        for hub in self.order[1:]:
            name = hubs[hub].name if hub in hubs else hub.upper()
            mark = "●" if hub == self.state.home else " "
            options.append(Option(literal(f"{mark} {hub.upper():<8} {name}"), id=hub))  # data: never markup
        with Vertical():
            yield Label("[b]Which hub are you planning?[/]  The whole network is a key away (H).")
            yield OptionList(*options, id="hubs")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = self.order.index(self.state.home) if self.state.home in self.order else 0
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NetworkApp(App[int]):
    """The app's part about a network of hubs (see the module's docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "choose_hub", "Hub", show=False),
        Binding("H", "toggle_network", "Network", show=False),
    ]

    session: Session
    state: PlanState | None
    busy: str

    def on_plan_loaded(self, message: PlanLoaded) -> None:
        """Runs after the app's own handler: a folder of several plans with no hub chosen asks which; the
        rest of the network is checked in the background (the hub's plan was drawn with its own conflicts)."""
        state = message.state
        if len(state.hubs) > 1 and state.home is None and not isinstance(self.screen, HubPicker):
            self.action_choose_hub()
        elif len(state.hubs) > 1:
            self._complete()

    @work(thread=True, exclusive=True, group="complete")
    def _complete(self) -> None:
        self.session.complete()

    def action_choose_hub(self) -> None:
        state = self.state
        if state is None or len(state.hubs) < 2:
            return
        self.push_screen(HubPicker(state), self._chosen)

    def _chosen(self, choice: str | None) -> None:
        if choice is not None:
            self.show_hub(None if choice == NETWORK else choice)

    def action_toggle_network(self) -> None:
        """The whole network, or back to the hub being planned (or asks which, when none is yet)."""
        state = self.state
        if state is None or len(state.hubs) < 2:
            return
        if state.scope is None and state.home is None:
            self.action_choose_hub()
        else:
            self.show_hub(None if state.scope is not None else state.home)

    def show_hub(self, hub: str | None) -> None:
        self.busy = "narrowing"
        self._show(hub)

    @work(thread=True, exclusive=True, group="scope")
    def _show(self, hub: str | None) -> None:
        state, text = self.session.show(hub)
        self.post_message(PlanChanged(state, text))
