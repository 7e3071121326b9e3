"""``psr-assist list``: the cases saved on this computer.

    psr-assist list
    psr-assist list Camberwell          # only cases whose defendant, court, CRN or id contains it
    psr-assist list --json

The store is found through ``PSR_ASSIST_HOME`` (default: the per-user data folder). An
encrypted store asks for its passphrase once (or reads ``PSR_ASSIST_PASSPHRASE``).
Only argparse and the standard library are imported here; ``run`` imports the store.
"""

from __future__ import annotations

import argparse
import json

from psr_assist.commands._args import fail

HELP = "list the cases saved on this computer"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "list",
        help=HELP,
        description=(
            "List the cases in your draft store, most recently changed first: id, defendant, court, "
            "hearing date, report type, status and last change. Use the id with 'psr-assist export-case'. "
            "The store is in PSR_ASSIST_HOME if set, otherwise your user data folder; an encrypted store "
            "asks for its passphrase (or reads PSR_ASSIST_PASSPHRASE)."
        ),
    )
    parser.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="TEXT",
        help="show only cases whose defendant, court, CRN or id contains TEXT",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.set_defaults(command="list")
    return parser


WIDEST = 32  # long names and courts are cut in the table (never in --json)


def _cell(text: str | None) -> str:
    if not text:
        return "-"
    text = " ".join(text.split())
    return text if len(text) <= WIDEST else text[: WIDEST - 1] + "…"


def _local_time(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def run(args: argparse.Namespace) -> int:
    from psr_assist.store import StoreError, StoreNotFound
    from psr_assist.store.cli_support import open_store_from_env

    try:
        store = open_store_from_env(create=False)
    except StoreNotFound:
        cases = []
    except StoreError as exc:
        return fail(str(exc))
    else:
        try:
            cases = store.list_cases(args.query or "")
        except StoreError as exc:
            return fail(str(exc))
        finally:
            store.close()

    if args.json:
        rows = [
            {
                "id": c.id,
                "defendant": c.defendant,
                "court": c.court,
                "hearing_date": c.hearing_date.isoformat() if c.hearing_date else None,
                "report_type": c.report_type.value if c.report_type else None,
                "status": c.status,
                "version": c.version,
                "revision": c.revision,
                "updated_at": c.updated_at.isoformat(),
            }
            for c in cases
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0

    if not cases:
        print("No cases match." if args.query else "No cases saved yet.")
        return 0
    from psr_assist.domain.questions import question_bank

    bank = question_bank()
    header = ("ID", "Defendant", "Court", "Hearing", "Type", "Status", "Last change")
    table = [header]
    for c in cases:
        status = c.status if c.version == 1 else f"{c.status} (v{c.version})"
        table.append(
            (
                c.id,
                _cell(c.defendant),
                _cell(c.court),
                c.hearing_date.isoformat() if c.hearing_date else "-",
                bank.short_label(c.report_type) if c.report_type else "-",
                status,
                _local_time(c.updated_at),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print(f"{len(cases)} case{'s' if len(cases) != 1 else ''}.")
    return 0
