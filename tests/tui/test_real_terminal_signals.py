"""SIGTERM while the app is open in a real terminal: saved, unlocked, exit 143, no traceback.

tmux (a private server, ``tmux -L``) runs ``psr-assist open`` on an imported fictional example;
we type at the end of the first answer and send SIGTERM to the app's own process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.tui.test_real_terminal import TMUX, Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json"
CASE_ID = "example-community-order-dual-diagnosis"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "psr_assist", *args], capture_output=True, text=True, env=env, timeout=60
    )


def _app_pid(status: Path, timeout: float = 10.0) -> int:
    """The python process running the app (not the shell that started it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                comm = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if comm.startswith("python") and b"open" in cmdline and CASE_ID.encode() in cmdline:
                if str(status).encode() not in b" ".join(cmdline):
                    return int(entry.name)
        time.sleep(0.2)
    raise AssertionError("the app's process was not found")


def test_sigterm_saves_what_was_typed_releases_the_lock_and_exits_143_without_a_traceback(tmp_path):
    home = tmp_path / "home"
    env = {
        **os.environ,
        "PSR_ASSIST_HOME": str(home),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    env.pop("TMUX", None)
    env.pop("PSR_ASSIST_PASSPHRASE", None)
    env.pop("PSR_ASSIST_ENCRYPT", None)
    assert _cli("import", str(EXAMPLE), env=env).returncode == 0
    term = Terminal(f"psr-sig-{uuid.uuid4().hex[:8]}", env)
    status = tmp_path / "exit-status"
    command = f"cd {tmp_path} && {sys.executable} -m psr_assist open {CASE_ID}; echo $? > {status}; sleep 30"
    term.tmux("new-session", "-d", "-s", "psr", "-x", "120", "-y", "40", command)
    try:
        term.wait_for("Saved")
        term.keys("End", " ZZTYPED")
        term.wait_for("ZZTYPED")
        os.kill(_app_pid(status), signal.SIGTERM)
        deadline = time.monotonic() + 30
        while not (status.exists() and status.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status.read_text().strip() == "143"
        pane = term.tmux("capture-pane", "-t", "psr", "-p", "-S", "-100")
        assert "Traceback" not in pane and "Task was destroyed" not in pane and "Error" not in pane
    finally:
        term.tmux("kill-server")
    # The typed text is in the store.
    out = tmp_path / "out.json"
    assert _cli("export-case", CASE_ID, "-o", str(out), env=env).returncode == 0
    assert json.loads(out.read_text())["case_details"]["court"].endswith(" ZZTYPED")
    # And the edit lock was released: the case opens for editing, not read-only.
    from psr_assist.store import open_store

    store = open_store(home)
    try:
        lock = store.acquire_edit_lock(CASE_ID)
        assert lock is not None, "the edit lock was left behind"
        lock.release()
    finally:
        store.close()
