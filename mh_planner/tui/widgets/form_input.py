"""A text field that handles its keys in the order they were typed, however fast.

Textual's `Input` inserts a printable character as soon as the key reaches it, but runs its editing keys
(Backspace, End, the arrows...) as bindings, from the app, once the key has travelled back up: typed fast,
"14 Nov" after ten Backspaces is inserted first and then erased. This field runs its own bindings as the key
arrives, in turn with the characters around it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FormInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)
