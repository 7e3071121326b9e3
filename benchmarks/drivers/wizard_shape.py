"""Diagnosis only (``run.py`` never runs it): how fast can *any* wizard-shaped first screen be?

    python wizard_shape.py plain N      plain Textual widgets laid out like the wizard at 120x40
                                        (status line, 10-step list, N answers, guidance, footer)
    python wizard_shape.py widgets N    the same, after importing the form widgets the wizard
                                        needs (TextArea, MaskedInput, ContentSwitcher)
    python wizard_shape.py pydantic N   the same, after importing those and pydantic's BaseModel

Nothing of psr-assist is imported: this is the floor a redesigned first screen could reach.
Run beside ``startup.py bare`` (same driver, same readiness test); it prints the same JSON line.
benchmarks/README.md ("How much of it is the form?") gives the results and what they mean.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import startup  # noqa: E402 - wraps App.run_async with the same headless auto-pilot and clock
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import Horizontal, Vertical, VerticalScroll  # noqa: E402
from textual.widgets import Footer, Input, Label, Static  # noqa: E402

GUIDANCE = "A take-away from the guide, in a few sentences, wrapped in the side panel. " * 3


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("plain", "widgets", "pydantic") or not argv[1].isdigit():
        print("usage: wizard_shape.py plain|widgets|pydantic ANSWERS", file=sys.stderr)
        return 2
    mode, answers = argv[0], int(argv[1])
    if mode in ("widgets", "pydantic"):
        from textual.widgets import ContentSwitcher, MaskedInput, TextArea  # noqa: F401
    if mode == "pydantic":
        from pydantic import BaseModel  # noqa: F401

    class Shape(App):
        CSS = "#steps { width: 28; border: round $primary; } #guide { width: 38; border: round $primary; }"
        BINDINGS = [("ctrl+q", "quit", "Quit"), ("ctrl+n", "quit", "Next step"), ("f1", "quit", "Help")]

        def compose(self) -> ComposeResult:
            yield Static(" Saved  |  Desk mode  |  A. Person - FDR - A Magistrates' Court")
            with Horizontal():
                with Vertical(id="steps"):
                    for number in range(10):
                        yield Static(f"{number} Step {number}\n    no problems found")
                with VerticalScroll():
                    yield Label("Case details")
                    for number in range(answers):
                        yield Label(f"Question {number}")
                        yield Input(value="An answer")
                        yield Static("")  # the answer's error line
                yield Static(GUIDANCE, id="guide")
            yield Footer()

    Shape().run()
    if "ready_ms" not in startup._ready:
        print("wizard_shape: the screen never became ready", file=sys.stderr)
        return 3
    print(json.dumps(startup._ready))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
