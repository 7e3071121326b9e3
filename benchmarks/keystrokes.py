"""Type into a running Textual app, one key at a time, and time it precisely.

``Pilot.press`` waits for the process to look idle after every key (``wait_for_idle`` sleeps in
steps of 20 ms, twice per key), so 300 presses cost at least 12 s whatever the app does, and an
app that spent 15 ms more per key would still measure almost the same. That hides exactly what
the ``typing`` pair is meant to find. Here each key is sent the way Pilot sends it (a ``Key``
event through the driver), then we wait only until the app has really taken it — the target's
text has grown — and every widget has drained its queue, and then paint the frame, as the
screen's refresh timer would. Every side is driven by this same function.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events
from textual.keys import _character_to_key

SAMPLE = (
    "He said the shifts at the warehouse ended in March, and since then he has slept badly, "
    "drunk more, and missed two appointments with his GP. "
)
KEY_TIMEOUT_S = 5.0


def text_of(length: int) -> str:
    """Printable narrative text (letters, spaces, commas, full stops) of exactly ``length`` chars."""
    return (SAMPLE * (length // len(SAMPLE) + 1))[:length]


async def _drain(pilot) -> None:
    """Wait until the app, the screen and the focused widget with all its ancestors have handled
    every message queued so far: the path a key and the messages it causes (``Changed`` bubbling
    up to the form) take. ``Pilot._wait_for_screen`` does this for *every* widget on the screen,
    which costs one callback per widget per wait — on a form with hundreds of widgets that
    harness overhead would swamp the app's own work. Work queued elsewhere still runs on the
    same event loop inside the timed window, and a full wait ends it."""
    app = pilot.app
    focused = app.focused
    chain = [app, app.screen]
    if focused is not None:
        chain.extend(reversed(list(focused.ancestors_with_self)))
    done = asyncio.Event()
    pending = 0

    def one_done() -> None:
        nonlocal pending
        pending -= 1
        if pending == 0:
            done.set()

    for node in dict.fromkeys(chain):
        if node.call_later(one_done):
            pending += 1
    if pending:
        await asyncio.wait_for(done.wait(), KEY_TIMEOUT_S)


async def type_text(pilot, text: str, get_text: Callable[[], str]) -> float:
    """Type ``text`` into the focused widget; return the seconds from the first key to the last
    frame painted with every message handled. ``get_text`` reads the target widget's text."""
    app = pilot.app
    driver = app._driver
    start_len = len(get_text())
    t0 = time.perf_counter()
    for n, ch in enumerate(text, 1):
        key = ch if ch.isalnum() else _character_to_key(ch)
        driver.send_message(events.Key(key, ch))
        deadline = time.perf_counter() + KEY_TIMEOUT_S
        while len(get_text()) < start_len + n:
            await _drain(pilot)
            if time.perf_counter() > deadline:
                raise RuntimeError(f"key {n} did not reach the field (is it focused?)")
        await _drain(pilot)  # messages the edit caused (Changed, live check, …)
        app.screen._on_timer_update()  # paint, as the refresh timer would
    await pilot._wait_for_screen()  # everything queued anywhere is done
    return time.perf_counter() - t0
