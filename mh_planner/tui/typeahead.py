"""Typing ahead: keys typed faster than the planner opens (or closes) a screen reach that screen, in order.

Textual sends a key, the moment it arrives, to the widget focused then (`App.on_event`: `self.focused or
self.screen`), and runs the key's bindings only once it has travelled back up to the app (`App._on_key`).
So `n` pushes the New form only after the keys typed right after it have gone to the screen underneath,
and a screen still mounting has nothing focused: `n`, Tab, `T1` typed fast lost the `T1`, and `Esc` then
an arrow typed into the form as it closed moved nothing. Textual's own Pilot does not meet this because it
waits for the app between keys (`App._press_keys`, `Pilot._wait_for_screen`); a terminal does not wait.

`TypeAheadApp` hands the app one key (or paste) at a time. One that arrives while the one before is on its
way is held; the next held key is sent once the one before has been handled all the way up (each widget
it bubbles through, then the app and its bindings), nothing is left queued on the focused widget's path
(an `Input.Submitted` it posted...), the screen on view is mounted and, when the key opened, closed or
moved focus, that screen has been refreshed once (focus set after a refresh, as the search's, is in
place). Held keys are never dropped, nor sent early to a screen slow to mount.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer

PATIENCE = 2.0  # seconds after which a key still on its way is followed up its path again (see _unstick)
ROUNDS = 8  # times the path is followed again while messages keep coming, before the key goes on anyway


class TypeAheadApp(App[int]):
    """The app's keys handled one after another, each on the screen the keys before it left on view."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Key | events.Paste] = deque()
        self._turn = 0  # one per key sent: what settles an older key is ignored
        self._waiting = False  # a key is on its way: the ones typed after it are held
        self._sending: events.Key | events.Paste | None = None  # a held key posted again, to go on
        self._seen: tuple[object, ...] = ()  # the screen and focus last refreshed after (or before the key)
        self._patience: Timer | None = None  # made when first needed: a timer needs the app running

    @property
    def typing_ahead(self) -> bool:
        """Keys are held, or the last one sent is still on its way (tests wait for it, as a user would); once
        the app is leaving, nothing more will be handled."""
        return self._waiting and self.return_code is None

    async def on_event(self, event: events.Event) -> None:
        # Only a key (or a bracketed paste, in turn with the keys) fresh from the terminal: a forwarded key
        # is on its way back up to the bindings.
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            await super().on_event(event)
            return
        if event is not self._sending and self._waiting:
            self._held.append(event)
            return
        self._sending = None
        self._begin()
        await super().on_event(event)  # a priority binding, or sent down to the focused widget
        self._follow(self._turn, ROUNDS)  # after the key, and after what it sent down

    def _begin(self) -> None:
        """A key is sent: hold the next ones until the app has settled."""
        self._waiting = True
        self._turn += 1
        self._seen = self._where()
        if self._patience is None:
            self._patience = self.set_interval(PATIENCE, self._unstick)
        self._patience.reset()
        self._patience.resume()

    def _where(self) -> tuple[object, ...]:
        return (self.screen, self.focused)

    def _path(self) -> list[DOMNode]:
        """The focused widget (or the screen), its ancestors and the app: the way a key bubbles up."""
        return (self.focused or self.screen).ancestors_with_self

    def _follow(self, turn: int, rounds: int) -> None:
        """Wait for each node of the key's path in turn, from the focused widget up: each has then handled
        what it had queued (the key itself, as it bubbled up) before the one above looks."""
        self._climb(turn, rounds, self._where(), self._path())

    def _climb(self, turn: int, rounds: int, where: tuple[object, ...], path: list[DOMNode]) -> None:
        while path and turn == self._turn:
            if path.pop(0).call_later(self._climb, turn, rounds, where, path):
                return  # a node closed (a screen dismissed) cannot be waited for: the next one is
        self._check(turn, rounds, where)

    def _check(self, turn: int, rounds: int, where: tuple[object, ...]) -> None:
        if turn != self._turn:
            return
        now = self._where()
        queued = any(node.message_queue_size for node in self._path() if node is not self)
        if rounds and (now != where or queued or not self.screen.is_mounted):
            self._follow(turn, rounds - 1)  # still moving: a screen mounting, focus set, messages posted
        elif rounds and now != self._seen:
            self._seen = now  # a screen or focus new since the key: wait for its refresh (and what follows it)
            self.call_after_refresh(self._follow, turn, rounds - 1)
        else:
            self._next_key(turn)

    def _next_key(self, turn: int) -> None:
        """The app has settled after key `turn`: the next key held goes on, through the app's queue."""
        if turn != self._turn:
            return
        self._turn += 1  # whatever else was following this key stops
        if self._held:
            self._sending = self._held.popleft()
            self.post_message(self._sending)
        else:
            self._waiting = False
            if self._patience is not None:
                self._patience.pause()

    def _unstick(self) -> None:
        """A key on its way for `PATIENCE` seconds: a screen slow to mount is still waited for, but a refresh
        waited on may never come (its screen dismissed first): follow the key's path again, from where the
        app is now."""
        if self._waiting:
            self._follow(self._turn, ROUNDS)
