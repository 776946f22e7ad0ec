"""Textual's footer, rebuilt at most once per refresh, and only when the keys it shows change.

Textual's `Footer` rebuilds itself (every key a new widget, each restyled) after each change of the screen's
bindings, and opening a screen changes them four to six times before it is drawn (the screen resumed twice,
a widget focused, the plan shown): each change asks for one more rebuild after the next refresh. Here a
change only asks when none is due yet, and the rebuild, reading the bindings as they are when it runs, is
skipped when the keys it would show are those it shows.
"""

from __future__ import annotations

from typing import Any

from textual import widgets
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets._footer import FooterKey


class Footer(widgets.Footer):
    _rebuild_due = False
    _built: tuple[object, ...] | None = None  # the keys as last built

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen and not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.is_attached:
            return  # its screen closed before the refresh
        # Most changes of bindings (focus moving, a screen resumed) leave the footer's keys as they are.
        keys = tuple(
            (binding.key, binding.description, binding.action, binding.key_display, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        if keys != self._built:
            self._built = keys
            await self.recompose()

    def compose(self) -> ComposeResult:
        # A key starts compact and follows the footer's `compact` once mounted, each change a class that
        # restyles it (and a rebuild makes every key anew): a wide footer's keys were styled three times. A
        # key given the footer's `compact` before it is mounted is styled once.
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):  # that one stays
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
