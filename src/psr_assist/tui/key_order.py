"""Keys typed ahead land where the officer meant them: one key at a time, in order.

Textual hands each key to the widget focused *when the app reads it*, then reads the next one
straight away. A key's effect comes later: the focused widget takes it in on its own turn, and a
binding's action (``a`` opens an editor, Enter a dialog, Ctrl+N the next step) runs only when the
key has come back up to the app. Keys typed in that gap (a fast typist, a slow moment, a slow
connection) were already handed to the widget the action took away: the list took the editor's
first letters, and they were lost, or acted on the list.

:class:`KeyOrder` makes the app take keys as an officer presses them: a key (or a paste, or a
mouse button) read while the one before it is still on its way is held at the app; when the one
before it has been taken in, has come back up as far as it goes, and the focus has settled (a
dialog opened, a step mounted, the next answer focused), the next one held is handed on. A key
read when nothing is on its way is handed on at once, exactly as before.

A letter typed (or text pasted) into a text box is not followed: it only adds text there, so
typing costs nothing more. The first key after such typing that is not typing (Enter, Ctrl+N,
Ctrl+Q, an arrow) waits until the box has taken in every letter sent to it, so that what it
does (store the answer, close the editor, quit) acts on the whole of what was typed.

A dialog that confirms something that cannot be undone (``KEYS_TYPED_AHEAD = False`` on its
screen: delete a case, sign and finalise, a critical screening answer) never takes keys typed
before it was on screen: they are dropped, and it waits for a key pressed while it is shown.

Nothing waits forever: a key is followed for at most :data:`KEY_SETTLE_SECONDS`; then the keys
held are handed on in order all the same.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App

KEY_SETTLE_SECONDS = 3.0  # the longest one key is followed before the next is handed on
SETTLE_ROUNDS = 8  # rounds of the app's and the screen's queues until the focus stays put

TYPED = (events.Key, events.Paste)
CLICKED = (events.MouseDown, events.MouseUp)  # held only behind keys on their way


class KeyOrder:
    """The keys and pastes an app has read and not yet handed on, and the one on its way."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: deque[events.Event] = deque()
        self.released: events.Event | None = None  # handed back to the app, not yet read again
        self.follower: asyncio.Task[None] | None = None
        self.typed_into: Any = None  # the text box last typed into, not yet followed

    def hold(self, event: events.Event) -> bool:
        """Whether ``event`` (a key, paste or mouse button the app has just read) must wait; if
        so it is held."""
        if event is self.released:
            self.released = None
        elif self.held or self.released is not None or self.busy:
            self.held.append(event)
            if not self.busy and self.released is None:  # nothing will hand it on: do it now
                self._release_next()
            return True
        if isinstance(event, CLICKED):
            return False
        box = self.typed_into
        if box is not None and not _only_types(event, _focused(self.app) or box):
            # The first key after typing that is not typing: the box takes in its letters first.
            self.typed_into = None
            self.held.appendleft(event)  # it is next, ahead of any held behind it
            self.follower = asyncio.create_task(self._after_typing(box))
            return True
        return False

    @property
    def busy(self) -> bool:
        return self.follower is not None and not self.follower.done()

    def follow(self, event: events.Event, target: Any, screen: Any) -> None:
        """Follow ``event``, just handed to ``target`` on ``screen``, until it has done what it does."""
        if isinstance(event, CLICKED):  # acted on where it points: the next is handed on after it
            self._release_next()
            return
        if _only_types(event, target):
            self.typed_into = target
            self._release_next()  # it reaches the box before anything handed on after it
            return
        self.typed_into = None
        self.follower = asyncio.create_task(self._follow(event, target, screen))

    def stop(self) -> None:
        """The app is closing: nothing more is followed or handed on."""
        self.held.clear()
        self.released = None
        self.typed_into = None
        if self.busy:
            assert self.follower is not None
            self.follower.cancel()

    async def _follow(self, event: events.Event, target: Any, screen: Any) -> None:
        try:
            await asyncio.wait_for(self._settle(event, target), KEY_SETTLE_SECONDS)
        except Exception:  # noqa: BLE001 - timed out, or the widget went: hand the keys on all the same
            pass
        finally:
            now = _screen(self.app)
            if now is not screen and not getattr(now, "KEYS_TYPED_AHEAD", True):
                self.held.clear()  # typed before this dialog was on screen: not its answer
            self._release_next()

    async def _after_typing(self, box: Any) -> None:
        try:
            # The box, then each container up to its screen: what the letters changed (the
            # answer stored) is done before the next key acts on it.
            await asyncio.wait_for(drain_upwards(box, to_screen=True), KEY_SETTLE_SECONDS)
        except Exception:  # noqa: BLE001 - timed out, or the box went: hand the keys on all the same
            pass
        finally:
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
            await drain_upwards(target, event=event)
        # Then until what it set off has settled: the messages the widget sent up (Enter in an
        # answer: "submitted", then "go to the next question"), a screen opened or closed, the
        # focus moved (a widget asks the app to focus it on the app's next turn).
        for _ in range(SETTLE_ROUNDS):
            before = (_screen(app), _focused(app))
            await drain_upwards(target)
            screen = _screen(app)
            if screen is not None:
                await _started(screen)  # a dialog just pushed: its queue starts in a moment
                await _drained(screen)
            await _drained(app)
            if (_screen(app), _focused(app)) == before:
                return


async def drain_upwards(node: Any, *, to_screen: bool = False, event: events.Event | None = None) -> None:
    """Wait for ``node``'s queue, then its parent's, and so on up to the app (or to its screen,
    ``to_screen``): a message sent up from ``node`` is followed all the way, or ``event`` until
    it is stopped. A queue this code is itself running in is passed over (it would wait for
    ever); a widget taken off the screen ends the walk (nothing more goes up from it)."""
    current = asyncio.current_task()
    while node is not None:
        if _task_of(node) is not current:
            await _started(node)
            await _drained(node)
        if event is not None and getattr(event, "_stop_propagation", False):
            break
        if to_screen and isinstance(node, Screen):
            break
        node = node.parent


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


def _focused(app: App[Any]) -> Any:
    try:
        return app.focused
    except Exception:  # no screen yet, or the app is closing
        return None


def _task_of(node: Any) -> Any:
    """The asyncio task running ``node``'s queue; None before it has started (Textual's
    ``task`` asserts then: it ended the walk, and the keys held were handed on at once)."""
    try:
        return node.task
    except (AssertionError, AttributeError):
        return None


async def _started(pump: Any) -> None:
    """Wait for a widget or screen just mounted to start taking its messages. Until its queue
    runs there is nothing to wait on, and a key handed on then acted before the screen had
    focused its first answer (tmux: Enter then Tab on a list item; the Tab was lost and the date
    typed next went into the offence's name). A real terminal draws between the two keys, where
    a test run does not."""
    while not getattr(pump, "is_running", True):
        if getattr(pump, "_closing", True) or getattr(pump, "_closed", True) or not getattr(pump, "is_attached", True):
            return  # closing, or never to run (or a Textual without these): nothing to wait for
        await asyncio.sleep(0.002)


async def _drained(pump: Any) -> bool:
    """Wait until everything already sent to ``pump`` has been handled; False if it is closed."""
    done = asyncio.Event()
    if not getattr(pump, "is_running", False) or not pump.call_later(done.set):
        return False
    await done.wait()
    return True
