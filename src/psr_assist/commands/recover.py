"""``psr-assist recover``: rescue the drafts from a damaged draft store into a new one.

    psr-assist recover
    psr-assist recover --home FOLDER

The damaged file is renamed (``drafts.damaged-<date>-<time>.sqlite3``, with its ``-wal`` and
``-shm``) and never written, copied over or deleted; every case is carried into a fresh store
at its newest readable revision, keeping the last change (and created time) the damaged store
had for it, so the case list keeps its order. A case whose last change cannot be read shows
the time of recovery, and the summary says how many did. An encrypted store asks for its
passphrase (or reads ``PSR_ASSIST_PASSPHRASE``) and the new store is encrypted with the same one;
where that cannot be told (an emptied file), ``PSR_ASSIST_ENCRYPT=1`` makes the new store encrypted.
Only argparse and the standard library are imported here; ``run`` imports the store.
"""

from __future__ import annotations

import argparse

from psr_assist.commands._args import fail

HELP = "rescue your drafts from a damaged draft store into a new one"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "recover",
        help=HELP,
        description=(
            "When psr-assist says your draft store is damaged: move the damaged file aside, unchanged, "
            "and rescue every case it can still read (each at its newest readable revision) into a new "
            "draft store. Each case keeps its last change, so the case list reads as before; the summary "
            "says how many cases had no readable time (they show the time of recovery). "
            "Close every psr-assist window first. The damaged file is never changed or "
            "deleted; keep it until you have checked your drafts. A store that is not damaged is left "
            "alone. The store is in --home if given, otherwise PSR_ASSIST_HOME, otherwise your user "
            "data folder; an encrypted store asks for its passphrase (or reads PSR_ASSIST_PASSPHRASE)."
        ),
    )
    parser.add_argument("--home", metavar="FOLDER", help="recover the draft store in FOLDER")
    parser.set_defaults(command="recover")
    return parser


def run(args: argparse.Namespace) -> int:
    from psr_assist.store import StoreError, recover_store
    from psr_assist.store.cli_support import encrypt_requested, with_passphrase

    home = getattr(args, "home", None) or None
    # The new store is encrypted when the damaged one was; when that cannot be told (its header
    # is gone, or the file was emptied), PSR_ASSIST_ENCRYPT=1 makes sure it is.
    encrypt = True if encrypt_requested() else None
    try:
        result = with_passphrase(lambda passphrase: recover_store(home, passphrase=passphrase, encrypt=encrypt))
    except StoreError as exc:
        return fail(str(exc))
    for line in result.report_lines():
        print(line)
    return 0
