"""``psr-assist demo``: try the app on fictional cases in a throwaway store.

The store lives in a new private temporary folder (0700) and is deleted when the app closes:
nothing touches your real drafts. It holds the built-in fictional demo case and, in a source
checkout, the fictional examples from ``examples/``. Exports go to the current folder unless
you choose another in the export dialog.
"""

from __future__ import annotations

import argparse

from psr_assist.commands._args import fail

HELP = "try the app on fictional cases (a throwaway store; your drafts are not touched)"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "demo",
        help=HELP,
        description=(
            "Open psr-assist on fictional cases in a temporary draft store that is deleted when you quit. "
            "Your real drafts are never opened or changed."
        ),
    )
    parser.set_defaults(command="demo")
    return parser


def demo_cases() -> list:
    """The fictional cases the demo opens with: the built-in one, then examples/ in a checkout."""
    from pathlib import Path

    from psr_assist.domain.case_file import CaseFileError, parse_case, read_case_file

    here = Path(__file__).resolve().parent.parent
    cases = [parse_case((here / "tui" / "demo_case.json").read_bytes(), "demo_case.json")]
    examples = here.parent.parent / "examples"
    if examples.is_dir():
        for path in sorted(examples.glob("*.json")):
            try:
                case = read_case_file(path)
            except CaseFileError:
                continue  # an example being edited: the demo still opens
            if case.id not in {c.id for c in cases}:
                cases.append(case)
    return cases


PREFIX = "psr-assist-demo-"
PID_FILE = "demo.pid"


def _remove_abandoned(temp_root) -> None:
    """Delete demo stores left behind by a demo that was killed (its process no longer exists)."""
    import os
    import shutil

    for folder in temp_root.glob(f"{PREFIX}*"):
        try:
            if not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            pid = int((folder / PID_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def run(args: argparse.Namespace) -> int:
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from psr_assist.commands._terminal import terminal_problem
    from psr_assist.domain.content_errors import ContentError
    from psr_assist.store import StoreError, open_store

    problem = terminal_problem()
    if problem:
        return fail(problem)
    _remove_abandoned(Path(tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # created 0700
    (folder / PID_FILE).write_text(str(os.getpid()))
    store = None
    try:
        try:
            from psr_assist.domain.questions import question_bank

            bank = question_bank()
            store = open_store(folder, create=True)
            store.create_many(demo_cases(), new_id_on_clash=True)
        except (StoreError, ContentError) as exc:
            return fail(f"the demo cannot start: {exc}")
        from psr_assist.store.home import resolve_home
        from psr_assist.store.preferences import remembered_theme
        from psr_assist.tui.app import run_app
        from psr_assist.tui.themes import THEME_NAMES

        # The officer's own theme (high contrast, say), read from beside their real store;
        # nothing is written there: a theme chosen in the demo goes with the demo.
        theme = remembered_theme(resolve_home(), THEME_NAMES)
        # SIGTERM / SIGHUP (a closed terminal window) end the app cleanly with 128 + the
        # signal's number, so the finally below still deletes the throwaway store.
        return run_app(store, demo=True, bank=bank, export_dir=Path.cwd(), theme=theme)
    finally:
        if store is not None:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)
