"""The app in a real terminal: tmux runs `psr-assist demo`, we type and read the screen.

Pilot tests drive the app in-process; this one proves the installed entry point works in a
real pseudo-terminal, with real key sequences, and cleans up its throwaway store on quit.
Runs where tmux is installed (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

TMUX = shutil.which("tmux")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
]


class Terminal:
    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, env=self.env, timeout=30
        )
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "psr", "-p")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "psr", *keys)


@pytest.fixture
def terminal(tmp_path):
    env = {
        **os.environ,
        "TMPDIR": str(tmp_path),  # the demo's throwaway store goes here, so we can see it go
        "PSR_ASSIST_HOME": str(tmp_path / "must-not-be-used"),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    env.pop("TMUX", None)
    term = Terminal(f"psr-test-{uuid.uuid4().hex[:8]}", env)
    status = tmp_path / "exit-status"
    command = f"cd {tmp_path} && {sys.executable} -m psr_assist demo; echo $? > {status}"
    term.tmux("new-session", "-d", "-s", "psr", "-x", "120", "-y", "40", command)
    term.status = status
    yield term
    term.tmux("kill-server")


def _opening(step_id: str) -> str:
    """The first words of a step's take-away: shown only in the guidance panel of the step on screen."""
    from psr_assist.domain.questions import question_bank

    return " ".join(question_bank().step(step_id).takeaway.split()[:3])


def _demo_defendant() -> str:
    from psr_assist.domain.case_file import parse_case
    from psr_assist.paths import _PACKAGE_DIR

    case = parse_case((_PACKAGE_DIR / "tui" / "demo_case.json").read_bytes())
    return case.case_details.defendant.name


def test_demo_in_a_real_terminal_walks_every_step_by_keyboard_and_cleans_up(terminal, tmp_path):
    from psr_assist.domain.questions import question_bank

    name = _demo_defendant()
    screen = terminal.wait_for(name)  # the built-in fictional case, in every installation
    assert "DEMO" in screen and "your reports" in screen
    # Type to filter down to that case, then open it: the first step's form is shown.
    terminal.keys(name.split()[-1])
    terminal.wait_for("1 of ")
    terminal.keys("Enter")
    screen = terminal.wait_for(_opening("case"))
    assert "Steps" in screen and "Saved" in screen
    # Every step in turn by keyboard; each shows its own form and not the previous one.
    steps = question_bank().step_ids
    for previous, step in zip(steps, steps[1:], strict=False):
        terminal.keys("C-n")
        screen = terminal.wait_for(_opening(step))
        assert _opening(previous) not in screen
    # And back one step.
    terminal.keys("M-Left")
    terminal.wait_for(_opening(steps[-2]))
    terminal.keys("C-q")
    deadline = time.monotonic() + 30
    while not terminal.status.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert terminal.status.read_text().strip() == "0"
    # The throwaway store is gone, and the real store was never created.
    assert not list(tmp_path.glob("psr-assist-demo-*"))
    assert not (tmp_path / "must-not-be-used").exists()


def test_keys_typed_ahead_of_a_new_case_land_in_its_first_answer(terminal):
    # Ctrl+N asks the kind of report, 1 picks it, the new case opens at its first answer (the
    # court): all typed in one go, before any of it is on screen. Nothing is lost on the way.
    terminal.wait_for("DEMO")
    terminal.keys("C-n", "1", *"Northgate")
    screen = terminal.wait_for("New case · Oral · Northgate")  # the status line names the court
    assert "Court" in screen
    terminal.keys("C-q")
    deadline = time.monotonic() + 30
    while not terminal.status.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert terminal.status.read_text().strip() == "0"
