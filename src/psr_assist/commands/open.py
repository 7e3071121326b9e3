"""``psr-assist`` / ``psr-assist open [CASE_ID]``: open the app on the case list (or one case).

    psr-assist                      # the case list
    psr-assist open 3f2c…           # straight into one case (its id from the list)
    psr-assist open --home FOLDER   # a draft store in another folder

The store is in ``--home`` if given, else ``PSR_ASSIST_HOME``, else the per-user data folder.
An encrypted store asks for its passphrase here, before the app starts (or reads
``PSR_ASSIST_PASSPHRASE``). Only argparse and the standard library are imported at module
level; Textual is imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import os

from psr_assist.commands._args import fail

HELP = "open the app: your case list, or one case"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "open",
        help=HELP,
        description=(
            "Open psr-assist on the list of your reports, or straight into one case. Everything you type "
            "is saved as you go. The draft store is in --home if given, otherwise PSR_ASSIST_HOME, "
            "otherwise your user data folder; an encrypted store asks for its passphrase first."
        ),
    )
    parser.add_argument("case_id", nargs="?", metavar="CASE_ID", help="open this case (its id, from 'psr-assist list')")
    parser.add_argument("--home", metavar="FOLDER", help="use the draft store in FOLDER")
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help="create a new draft store encrypted with a passphrase (same as PSR_ASSIST_ENCRYPT=1)",
    )
    parser.set_defaults(command="open")
    return parser



def run(args: argparse.Namespace) -> int:
    from psr_assist.commands._terminal import terminal_problem
    from psr_assist.domain.content_errors import ContentError
    from psr_assist.store import StoreError
    from psr_assist.store.cli_support import open_store_from_env
    from psr_assist.store.home import HOME_ENV

    try:
        from psr_assist.domain.questions import question_bank

        bank = question_bank()
    except ContentError as exc:
        return fail(f"the question bank cannot be loaded: {exc}")
    saved_home = os.environ.get(HOME_ENV)
    if getattr(args, "home", None):
        os.environ[HOME_ENV] = args.home  # --home is PSR_ASSIST_HOME for this command only
    try:
        store = open_store_from_env(encrypt=True if getattr(args, "encrypt", False) else None)
    except StoreError as exc:
        return fail(str(exc))
    finally:
        if saved_home is None:
            os.environ.pop(HOME_ENV, None)
        else:
            os.environ[HOME_ENV] = saved_home
    try:
        case_id = getattr(args, "case_id", None)
        if case_id and not store.exists(case_id):
            return fail(f"there is no case {case_id} in the draft store. 'psr-assist list' shows the ids.")
        problem = terminal_problem()
        if problem:
            return fail(problem)
        # SIGTERM / SIGHUP (a closed terminal window) are handled inside the app: it saves,
        # releases the edit lock and returns 128 + the signal's number.
        from psr_assist.tui.app import run_app

        return run_app(store, case_id=case_id, bank=bank)
    finally:
        store.close()
