"""``psr-assist export-case``: write one case from the draft store to a case file (JSON).

    psr-assist export-case ID -o CASE.json [--force]
    psr-assist export-case ID --revision N -o CASE.json    # an earlier (or finalised) revision
    psr-assist export-case ID --revisions                  # which revisions are kept

The file is written atomically (a crash leaves the old file or the new one, never half) and
is readable only by you (0600). An existing file is replaced only with ``--force``. A target
inside the psr-assist data folder (where the store lives) is always refused, so ``--force``
can never replace the store itself.
The file holds the case in plain text: keep it somewhere as safe as the store.
"""

from __future__ import annotations

import argparse

from psr_assist.commands._args import fail

HELP = "write a case from your draft store to a case file (JSON)"

#: The largest revision number SQLite can hold; anything outside 1..this is simply not kept.
_MAX_REVISION = 2**63 - 1


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export-case",
        help=HELP,
        description=(
            "Write the latest revision of a case (find its id with 'psr-assist list') to a case file, "
            "or an earlier one with --revision (list them with --revisions): every finalised report "
            "and the recent drafts are kept. "
            "The file is readable only by you and is not encrypted: keep it somewhere safe. "
            "An existing file is replaced only with --force. A file inside the psr-assist data folder "
            "(where your drafts are kept) is always refused."
        ),
    )
    parser.add_argument("case_id", metavar="ID", help="the case id shown by 'psr-assist list'")
    parser.add_argument("-o", "--output", metavar="CASE.json", help="the file to write")
    parser.add_argument("--force", action="store_true", help="replace the file if it already exists")
    parser.add_argument(
        "--revision", type=int, metavar="N", help="write revision N instead of the latest (see --revisions)"
    )
    parser.add_argument(
        "--revisions",
        action="store_true",
        help="list the kept revisions (number, when saved, final or not, reason) and write nothing",
    )
    parser.set_defaults(command="export-case")
    return parser



def _inside(target, folder) -> bool:
    """True when ``target`` (followed through symbolic links) is ``folder`` or anywhere inside it.

    Compares resolved paths, and also the folder's identity on disk (device and inode) for every
    existing folder above the target, so a different spelling of the same folder (a bind
    mount, a case-insensitive disk) is caught too.
    """
    import os

    real_target = os.path.normcase(os.path.realpath(target))
    real_folder = os.path.normcase(os.path.realpath(folder))
    if real_target == real_folder or real_target.startswith(real_folder.rstrip(os.sep) + os.sep):
        return True
    try:
        folder_stat = os.stat(real_folder)
    except OSError:
        return False
    current = real_target
    while True:
        try:
            if os.path.samestat(os.stat(current), folder_stat):
                return True
        except OSError:
            pass
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent


def _one_line(text: str | None) -> str:
    """A stored reason as one printable line (no line breaks or terminal control characters)."""
    if not text:
        return "-"
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split()) or "-"


def _print_revisions(case_id: str, revisions) -> None:
    header = ("Revision", "Version", "Saved at", "Final", "Reason for the new version")
    rows = [
        (
            str(info.number),
            str(info.version),
            info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            "yes" if info.final else "no",
            _one_line(info.reason),
        )
        for info in revisions
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    print(f"Kept revisions of case {case_id}, newest first:")
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join([*cells, row[4]]))


def _open(case_id: str):
    """The store, or None after saying (one line) why not."""
    from psr_assist.store import StoreError, StoreNotFound
    from psr_assist.store.cli_support import open_store_from_env

    try:
        return open_store_from_env(create=False)
    except StoreNotFound:
        fail(f"There is no case {case_id}: no cases have been saved on this computer yet.")
    except StoreError as exc:
        fail(str(exc))
    return None


def _no_case(case_id: str) -> int:
    return fail(f"There is no case {case_id} in your draft store. See 'psr-assist list' for the ids.")


def _list_revisions(case_id: str) -> int:
    from psr_assist.store import CaseNotFound, StoreError

    store = _open(case_id)
    if store is None:
        return 2
    try:
        revisions = store.revisions(case_id)
    except CaseNotFound:
        return _no_case(case_id)
    except StoreError as exc:
        return fail(str(exc))
    finally:
        store.close()
    _print_revisions(case_id, revisions)
    return 0


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from psr_assist.domain.case_file import case_to_json
    from psr_assist.render.files import OutputExistsError, OutputWriteError, check_target, write_bytes_atomic
    from psr_assist.store import CaseNotFound, RevisionNotFound, StoreError
    from psr_assist.store.home import resolve_home

    wanted: int | None = args.revision
    if args.revisions:
        if args.output is not None or wanted is not None:
            return fail("--revisions only lists the revisions: leave out -o and --revision.")
        return _list_revisions(args.case_id)
    if args.output is None:
        return fail("Give the file to write with -o CASE.json, or use --revisions to list the kept revisions.")

    target = Path(args.output)
    name = target.name or args.output
    # Never write into the store's own folder: --force there could replace the store itself
    # (drafts.sqlite3, its -wal or a lock), and a plain-text case file does not belong beside it.
    home = resolve_home()
    if _inside(target, home):
        return fail(
            f"{name} is inside the psr-assist data folder {home}, where your drafts are kept. "
            "Choose a file outside that folder. Nothing was written."
        )
    try:
        check_target(target, force=args.force, example="case.json")
    except (OutputExistsError, OutputWriteError) as exc:  # exists: 1; a folder, or none there: 2
        return fail(str(exc), exc.exit_code)

    store = _open(args.case_id)
    if store is None:
        return 2
    try:
        if wanted is None:
            case, revision = store.load(args.case_id)
        else:
            if not 1 <= wanted <= _MAX_REVISION:
                store.summary(args.case_id)  # an unknown case is named as such first
                raise RevisionNotFound("not kept")
            case, revision = store.load_revision(args.case_id, wanted), wanted
    except CaseNotFound:
        return _no_case(args.case_id)
    except RevisionNotFound:
        return fail(
            f"Case {args.case_id} has no revision {wanted} kept. "
            f"See 'psr-assist export-case {args.case_id} --revisions' for the kept revisions."
        )
    except StoreError as exc:
        return fail(str(exc))
    finally:
        store.close()

    data = (case_to_json(case) + "\n").encode("utf-8")
    try:
        write_bytes_atomic(data, target, force=args.force, example="case.json")
    except (OutputExistsError, OutputWriteError) as exc:
        return fail(f"{exc} Nothing was written.", 1)
    print(f"Wrote case {case.id} (revision {revision}) to {args.output}.")
    return 0
