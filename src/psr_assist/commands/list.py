"""``psr-assist list``: the cases saved on this computer.

    psr-assist list
    psr-assist list Camberwell          # only cases whose defendant, court, CRN or id contains it
    psr-assist list --json

The store is found through ``PSR_ASSIST_HOME`` (default: the per-user data folder). An
encrypted store asks for its passphrase once (or reads ``PSR_ASSIST_PASSPHRASE``).
Only argparse and the standard library are imported here; ``run`` imports the store.

The table is laid out in terminal cells, not Python characters: a Chinese, Japanese or Korean
character or an emoji takes two cells and a combining accent none, so every column lines up
whatever the names are written in. The widths are worked out here from ``unicodedata`` rather
than with Rich's ``rich.cells`` (the same rules, which the tests compare against): ``list`` is a
quick command that loads neither Textual nor Rich, as ``check`` and ``export`` do not.
"""

from __future__ import annotations

import argparse
import json
import unicodedata

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


WIDEST = 32  # long names and courts are cut in the table (never in --json), counted in terminal cells
ELLIPSIS = "…"  # one cell; ends a cut name

_ZWJ = "\u200d"  # zero width joiner: the next character is drawn as part of the same emoji
_VS16 = "\ufe0f"  # variation selector 16: show the character before it as an emoji (two cells)
_FITZPATRICK = range(0x1F3FB, 0x1F400)  # skin tone modifiers: part of the emoji before them
_REGIONAL = range(0x1F1E6, 0x1F200)  # regional indicators: a pair is one flag
# Format characters that do take a cell: the soft hyphen and the prepended concatenation marks.
_VISIBLE_FORMAT = frozenset(
    "\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)


def _char_cells(ch: str) -> int:
    """Cells one character takes on its own: 2 for East Asian Wide or Fullwidth (this includes the
    emoji shown as emoji by default), 0 for combining marks, invisible format characters and the
    Hangul vowel and final-consonant jamo that join the syllable before them, 1 otherwise."""
    if ch < "\u0300":
        return 0 if ch < " " or "\x7f" <= ch < "\xa0" else 1
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Mc"):
        return 0
    if category == "Cf" and ch not in _VISIBLE_FORMAT:
        return 0
    if "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _clusters(text: str) -> list[tuple[str, int]]:
    """``text`` as the pieces a terminal draws as one, each with the cells it takes: a letter with
    its combining marks, an emoji with its skin tone, variation selector and joined emoji, a flag.
    A name is only ever cut between two pieces."""
    pieces: list[str] = []
    cells: list[int] = []
    joining = False  # the last piece ends in a zero width joiner: the next character joins it
    for ch in text:
        code = ord(ch)
        if not pieces:
            pieces.append(ch)
            cells.append(_char_cells(ch))
        elif joining:
            pieces[-1] += ch
            joining = False
        elif ch == _ZWJ:
            pieces[-1] += ch
            joining = True
        elif ch == _VS16:
            pieces[-1] += ch
            if cells[-1]:
                cells[-1] = 2
        elif code in _FITZPATRICK and cells[-1]:
            pieces[-1] += ch
        elif code in _REGIONAL and len(pieces[-1]) == 1 and ord(pieces[-1]) in _REGIONAL:
            pieces[-1] += ch
            cells[-1] = 2
        elif _char_cells(ch) == 0:
            pieces[-1] += ch
        else:
            pieces.append(ch)
            cells.append(_char_cells(ch))
    return list(zip(pieces, cells, strict=True))


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` (one line) takes."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(cells for _, cells in _clusters(text))


def _pad(text: str, cells: int) -> str:
    """``text`` followed by spaces up to ``cells`` terminal cells (like ``str.ljust``, in cells)."""
    return text + " " * (cells - cell_width(text))


def _cell(text: str | None) -> str:
    """A name or court for the table: on one line, and cut to WIDEST cells with an ellipsis. The cut
    falls between whole characters: never inside a wide character, never between a letter and its
    accent or an emoji and its modifiers. A wide character that does not fit is left out whole and
    a space after the ellipsis makes up its cell, so a cut name always takes exactly WIDEST cells."""
    if not text:
        return "-"
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch.isspace())
    text = " ".join(text.split())
    if not text:
        return "-"
    if cell_width(text) <= WIDEST:
        return text
    room = WIDEST - cell_width(ELLIPSIS)
    kept: list[str] = []
    used = 0
    for piece, cells in _clusters(text):
        if used + cells > room:
            break
        kept.append(piece)
        used += cells
    return "".join(kept) + ELLIPSIS + " " * (room - used)


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
    widths = [max(cell_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print(f"{len(cases)} case{'s' if len(cases) != 1 else ''}.")
    return 0
