"""Startup driver, run as a fresh ``python`` process by ``benchmarks/run.py`` (pair ``startup``).

    python startup.py bare              a bare Textual app: one Input and a Footer (the floor)
    python startup.py cli ARG...        ``psr_assist.cli.main([ARG...])``, exactly as the console
                                        script runs it (the project side)

Both sides run the same way: ``App.run_async`` is wrapped so that the app runs headless at a fixed
size with an auto-pilot that waits until the first screen is mounted, painted and has a focused
widget (ready for input), then exits. Nothing else about the app changes, so the project side
pays for everything ``psr-assist`` really does before the officer can type: imports, opening the
store, loading the case and content, composing and mounting the first screen, and quitting.

On success the driver prints one JSON line: ms from the driver's first line to ready, and the
focused widget's type (so the harness can tell a real first screen from an empty one).

Diagnosis only (never set by ``run.py``): ``STARTUP_ANSWERS=N`` draws only the first N answers
of each step, to see how much of the start-up is the form itself (benchmarks/README.md,
"Over budget").
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from textual.app import App  # noqa: E402 - the project imports it too; importing it first changes no total

READY_TIMEOUT_S = 20.0
SIZE = (120, 40)
_ready: dict = {}
_original_run_async = App.run_async


async def _until_ready(pilot) -> None:
    app = pilot.app
    deadline = time.perf_counter() + READY_TIMEOUT_S
    while True:
        await pilot._wait_for_screen()
        if app.screen.is_mounted and app.focused is not None:
            break
        if time.perf_counter() > deadline:
            _ready["error"] = "no widget had focus within the timeout"
            app.exit(return_code=3)
            return
        await asyncio.sleep(0.001)
    app.screen._on_timer_update()  # paint the first frame now rather than on the next tick
    await pilot._wait_for_screen()
    _ready["ready_ms"] = round((time.perf_counter() - T0) * 1000, 3)
    _ready["focused"] = type(app.focused).__name__
    _ready["screen"] = type(app.screen).__name__
    app.exit()


async def _headless_run_async(self, *args, **kwargs):
    kwargs.update(headless=True, size=SIZE, auto_pilot=_until_ready)
    return await _original_run_async(self, *args, **kwargs)


App.run_async = _headless_run_async


def _bare() -> int:
    from textual.app import ComposeResult
    from textual.widgets import Footer, Input

    class Bare(App):
        BINDINGS = [("ctrl+q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Input(placeholder="Type here")
            yield Footer()

    Bare().run()
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        code = _bare()
    elif argv[:1] == ["cli"]:
        import psr_assist.commands._terminal as terminal
        from psr_assist.cli import main as cli_main

        # The app runs headless here (no tty on purpose), so its "needs a terminal" guard is
        # told the driver stands in for one; everything else runs as the console script does.
        terminal.terminal_problem = lambda: None
        answers = os.environ.get("STARTUP_ANSWERS")
        if answers is not None:
            import psr_assist.tui.screens.wizard as wizard

            all_specs = wizard.step_specs
            wizard.step_specs = lambda bank, step_id: all_specs(bank, step_id)[: int(answers)]
        code = cli_main(argv[1:])
    else:
        print("usage: startup.py bare | cli ARG...", file=sys.stderr)
        return 2
    if "ready_ms" not in _ready:
        print("startup driver: " + _ready.get("error", "the app exited before its first screen was ready"),
              file=sys.stderr)
        return 3
    print(json.dumps(_ready))
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
