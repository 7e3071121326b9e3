"""``psr-assist import``: bring case files (JSON) into the draft store.

    psr-assist import CASE.json [MORE.json ...]

Every file is read and checked before anything is stored; if any file cannot be used the
command stops with one line (exit 2) and the store is not changed. A case whose id is already
in the store is imported under a new id (nothing is ever overwritten). The new case ids are
printed, one per line. (The module is named ``import`` after the command; it is loaded with
importlib, so the keyword does not matter.)
"""

from __future__ import annotations

import argparse
import sys

from psr_assist.commands._args import fail

HELP = "import case files (JSON) into your draft store"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "import",
        help=HELP,
        description=(
            "Import one or more case files (JSON, as written by 'psr-assist export-case') into your draft "
            "store. Every file is checked first: if one cannot be used, nothing is imported. A case whose id "
            "is already in the store gets a new id, so nothing is overwritten. Prints the new case ids."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="CASE.json", help="the case file(s) to import")
    parser.set_defaults(command="import")
    return parser



def _read(path_text: str):
    """Read one case file; raise ValueError with one safe line."""
    from pathlib import Path

    from psr_assist.domain.case_file import CaseFileError, read_case_file

    try:
        return read_case_file(Path(path_text))
    except CaseFileError as exc:
        raise ValueError(str(exc)) from None
    except MemoryError:
        raise ValueError(f"{Path(path_text).name or path_text} is too large to be a case file.") from None
    except Exception:  # noqa: BLE001 - a hostile file must never produce a traceback or echo its contents
        raise ValueError(f"{Path(path_text).name or path_text} is not a valid psr-assist case file.") from None


def run(args: argparse.Namespace) -> int:
    cases = []
    for path_text in args.files:
        try:
            cases.append(_read(path_text))
        except ValueError as exc:
            return fail(f"{exc} Nothing was imported.")

    from psr_assist.store import StoreError
    from psr_assist.store.cli_support import open_store_from_env

    try:
        store = open_store_from_env(create=True)
    except StoreError as exc:
        return fail(str(exc))
    try:
        ids = store.create_many(cases, new_id_on_clash=True)
    except StoreError as exc:
        return fail(f"{exc} Nothing was imported.")
    finally:
        store.close()
    for path_text, case, new_id in zip(args.files, cases, ids, strict=True):
        if new_id != case.id:
            print(
                f"psr-assist: a case with the id in {path_text} was already in the store, so it was imported as a new case.",
                file=sys.stderr,
            )
        print(new_id)
    return 0
