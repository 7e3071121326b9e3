"""``psr-assist`` / ``psr-assist open`` and ``psr-assist demo``: the way into the app."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from psr_assist.cli import main
from psr_assist.domain.case import Case
from psr_assist.store import open_store
from psr_assist.store.crypto import TEST_KDF


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Replace the app itself: record how it would have been started."""
    calls: list[dict] = []

    def fake_run_app(store, **kwargs):
        calls.append(
            {
                "home": store.home,
                "ids": [s.id for s in store.list_cases()],
                "mode": stat.S_IMODE(os.stat(store.home).st_mode),
                **kwargs,
            }
        )
        return 0

    monkeypatch.setattr("psr_assist.tui.app.run_app", fake_run_app)
    monkeypatch.setattr("psr_assist.commands._terminal.terminal_problem", lambda: None)  # pytest has no tty
    return calls


def test_open_with_no_command_opens_the_case_list(home, runs) -> None:
    assert main([]) == 0
    assert runs[0]["home"] == home and runs[0]["case_id"] is None


def test_open_a_case_by_id_and_in_another_home(home, tmp_path, runs, capsys) -> None:
    other = tmp_path / "elsewhere"
    with open_store(other) as store:
        store.create(Case(id="abc123"))
    assert main(["open", "abc123", "--home", str(other)]) == 0
    assert runs[0]["home"] == other and runs[0]["case_id"] == "abc123"
    assert os.environ["PSR_ASSIST_HOME"] == str(home)  # --home is for that one command
    assert main(["open", "nope", "--home", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("psr-assist: there is no case nope") and err.count("\n") == 1


def test_an_encrypted_store_without_a_terminal_or_passphrase_is_one_line_and_exit_2(home, runs, capsys, monkeypatch) -> None:
    with open_store(home, encrypt=True, passphrase="correct horse battery", kdf=TEST_KDF):
        pass
    assert main(["open"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("psr-assist: ") and err.count("\n") == 1 and "Traceback" not in err
    assert runs == []
    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "wrong passphrase")
    assert main(["open"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "correct horse battery")
    assert main(["open"]) == 0 and len(runs) == 1


def test_demo_uses_a_private_throwaway_store_and_never_the_real_one(home, runs, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo"]) == 0
    call = runs[0]
    assert call["demo"] is True
    assert "demo-fdr-sam-okoro" in call["ids"]
    assert call["mode"] == 0o700
    assert call["home"] != home and not call["home"].exists()  # deleted on exit
    assert not home.exists()  # the real store was never created or opened
    assert call["export_dir"] == Path.cwd()


def test_demo_starts_in_the_officers_own_theme_and_writes_nothing_beside_the_real_store(
    home, runs, tmp_path, monkeypatch
) -> None:
    from psr_assist.store.preferences import PREFERENCES_FILE, remember

    monkeypatch.chdir(tmp_path)
    home.mkdir(mode=0o700)
    remember(home, "theme", "psr-high-contrast")
    before = sorted(p.name for p in home.iterdir())
    assert main(["demo"]) == 0
    assert runs[0]["theme"] == "psr-high-contrast"
    assert sorted(p.name for p in home.iterdir()) == before == [PREFERENCES_FILE]


def test_the_open_and_demo_commands_do_not_import_textual_until_run() -> None:
    code = (
        "import sys; import psr_assist.cli, psr_assist.commands.open, psr_assist.commands.demo; "
        "psr_assist.cli.build_parser(); assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_demo_stores_left_by_a_killed_demo_are_removed_next_time(tmp_path) -> None:
    from psr_assist.commands.demo import PID_FILE, PREFIX, _remove_abandoned

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f"{PREFIX}old"
    abandoned.mkdir()
    (abandoned / PID_FILE).write_text(dead.stdout.strip())
    (abandoned / "drafts.sqlite3").write_bytes(b"fictional")
    running = tmp_path / f"{PREFIX}running"
    running.mkdir()
    (running / PID_FILE).write_text(str(os.getpid()))
    unrelated = tmp_path / "somebody-else"
    unrelated.mkdir()
    _remove_abandoned(tmp_path)
    assert not abandoned.exists()
    assert running.exists() and unrelated.exists()


def test_open_encrypt_creates_a_new_encrypted_store(home, runs, monkeypatch) -> None:
    import psr_assist.store.cli_support as cli_support

    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "a fictional passphrase")
    real_open = cli_support.open_store
    monkeypatch.setattr(cli_support, "open_store", lambda **kw: real_open(**kw, kdf=TEST_KDF))
    assert main(["open", "--encrypt"]) == 0
    with open_store(home, passphrase="a fictional passphrase") as store:
        assert store.encrypted


def test_options_without_a_command_go_to_open(home, tmp_path, runs) -> None:
    other = tmp_path / "another-home"
    assert main(["--home", str(other)]) == 0
    assert runs[0]["home"] == other


@pytest.mark.parametrize("command", [["open"], ["demo"]])
def test_the_app_without_a_terminal_is_one_line_and_exit_2(home, command, capsys, monkeypatch) -> None:
    started = []
    monkeypatch.setattr("psr_assist.tui.app.run_app", lambda *a, **k: started.append(1) or 0)
    assert main(command) == 2  # pytest's stdin is not a terminal
    err = capsys.readouterr().err
    assert err.startswith("psr-assist: the app needs a terminal") and err.count("\n") == 1
    assert not started
