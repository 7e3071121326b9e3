"""Keys typed ahead land where the officer meant them: one key at a time, in order.

Textual hands each key to the widget focused *when the app reads it*, then reads the next one
straight away. A key's effect comes later: the focused widget takes it in on its own turn, and a
binding's action (``a`` opens an editor, Enter a dialog, Ctrl+N the next step) runs only when the
key has come back up to the app. Keys typed in that gap (a fast typist, a slow moment, a slow
connection) were already handed to the widget the action took away: the list took the editor's
first letters, and they were lost, or acted on the list.

:class:`KeyOrder` makes the app take keys as an officer presses them: a key (or a paste) read
while the one before it is still on its way is held at the app; when the one before it has been
taken in, has come back up as far as it goes, and the focus has settled (a dialog opened, a step
mounted, the next answer focused), the next key held is handed on. A key read when nothing is
on its way is handed on at once, exactly as before. A letter typed (or text pasted) into a text
box is not followed at all: it only adds text there, so typing costs nothing more.

Nothing waits forever: a key is followed for at most :data:`KEY_SETTLE_SECONDS`; then the keys
held are handed on in order all the same.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App

KEY_SETTLE_SECONDS = 3.0  # the longest one key is followed before the next is handed on
SETTLE_ROUNDS = 8  # rounds of the app's and the screen's queues until the focus stays put

TYPED = (events.Key, events.Paste)


class KeyOrder:
    """The keys and pastes an app has read and not yet handed on, and the one on its way."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: deque[events.Event] = deque()
        self.released: events.Event | None = None  # handed back to the app, not yet read again
        self.follower: asyncio.Task[None] | None = None

    def hold(self, event: events.Event) -> bool:
        """Whether ``event`` (a key or paste the app has just read) must wait; if so it is held."""
        if event is self.released:
            self.released = None
            return False
        if self.held or self.released is not None or self.busy:
            self.held.append(event)
            return True
        return False

    @property
    def busy(self) -> bool:
        return self.follower is not None and not self.follower.done()

    def follow(self, event: events.Event, target: Any) -> None:
        """Follow ``event``, just handed to ``target``, until it has done what it does."""
        if _only_types(event, target):
            self._release_next()  # it reaches the box before anything handed on after it
            return
        self.follower = asyncio.create_task(self._follow(event, target))

    def stop(self) -> None:
        """The app is closing: nothing more is followed or handed on."""
        self.held.clear()
        self.released = None
        if self.busy:
            assert self.follower is not None
            self.follower.cancel()

    async def _follow(self, event: events.Event, target: Any) -> None:
        try:
            await asyncio.wait_for(self._settle(event, target), KEY_SETTLE_SECONDS)
        except TimeoutError:
            pass
        self._release_next()

    def _release_next(self) -> None:
        if not self.held:
            return
        event = self.held.popleft()
        self.released = event
        if not self.app.post_message(event):  # closing: what is held goes nowhere
            self.held.clear()
            self.released = None

    async def _settle(self, event: events.Event, target: Any) -> None:
        app = self.app
        if event.is_forwarded:
            # Up from the widget it was handed to, as far as it bubbles (to the app's bindings).
            node = target
            while node is not None:
                if not await _drained(node) or getattr(event, "_stop_propagation", False):
                    break
                if node is app:
                    break
                node = node.parent
        # Then until what it set off has settled: a screen opened or closed, the focus moved
        # (a widget asks the app to focus it on the app's next turn).
        for _ in range(SETTLE_ROUNDS):
            before = (_screen(app), app.focused)
            await _drained(app)
            screen = _screen(app)
            if screen is not None:
                await _drained(screen)
            if (_screen(app), app.focused) == before:
                return


TEXT_BOXES = {("Input", "textual.widgets._input"), ("TextArea", "textual.widgets._text_area")}


def _only_types(event: events.Event, target: Any) -> bool:
    """Whether ``event`` only adds text to ``target``: a printable key or a paste into a text box
    that can be written in (the box takes it and stops it; nothing else can follow from it)."""
    if not isinstance(event, events.Paste) and not (isinstance(event, events.Key) and event.is_printable):
        return False
    if getattr(target, "read_only", False):
        return False
    return any((cls.__name__, cls.__module__) in TEXT_BOXES for cls in type(target).__mro__)


def _screen(app: App[Any]) -> Any:
    try:
        return app.screen
    except Exception:  # no screen yet, or the app is closing
        return None


async def _drained(pump: Any) -> bool:
    """Wait until everything already sent to ``pump`` has been handled; False if it is closed."""
    done = asyncio.Event()
    if not getattr(pump, "is_running", False) or not pump.call_later(done.set):
        return False
    await done.wait()
    return True
