"""The network in the planner: which hub it shows, and the network a key away.

`NetworkApp` is the part of the app about a folder of several hubs' plans: `h` picks the hub to plan (or the
whole network: `screens/hub_picker.py`), `H` switches between that hub and the whole network. When the
folder has several plans and no `--hub` was given, the picker asks at start-up. The narrowing runs in a
worker (`Session.show`), like every change of the plan: the app's thread only draws the snapshot it gets
back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from mh_planner.tui.messages import PlanChanged, PlanLoaded
from mh_planner.tui.screens.hub_picker import NETWORK, HubPicker

if TYPE_CHECKING:
    from mh_planner.tui.session import Session
    from mh_planner.tui.state import PlanState

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
