"""Which hub to plan, or the whole network (`h`; asked at start-up in a folder of several hubs' plans)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from mh_planner.tui.literal import literal
from mh_planner.tui.screens.base import STYLES

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

NETWORK = "*"  # the picker's choice for the whole network


class HubPicker(ModalScreen[str | None]):
    """Which hub to plan, or the whole network: each hub by its id and name, the one being planned marked (●)."""

    CSS_PATH = STYLES / "modals.tcss"
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
