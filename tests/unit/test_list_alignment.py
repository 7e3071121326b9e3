"""``psr-assist list`` lines its columns up in terminal cells, whatever script a name is written in.

A Chinese, Japanese or Korean character or an emoji takes two cells in a terminal and a combining
accent none, so padding by Python characters pushes every later column out of line. Widths here are
measured with Rich (what Textual draws with), not with the code under test.

Every person and court named here is fictional.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from psr_assist.cli import main
from psr_assist.commands.list import WIDEST, cell_width
from psr_assist.domain.case import Case, ReportType
from psr_assist.store import open_store

WIDE = "王小雨"  # three East Asian Wide characters: six cells
COMBINING = "Zoe\u0308 N\u0301owak"  # ë and Ń written as a letter and a combining accent: nine cells
EMOJI = "Sam 🙂 Okoro"  # the emoji takes two cells
PLAIN = "Wilhelmina Thornbury-Pask"
COLUMNS = ("ID", "Defendant", "Court", "Hearing", "Type", "Status", "Last change")

ZWJ, VS16 = "\u200d", "\ufe0f"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(path))
    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE", raising=False)
    monkeypatch.delenv("PSR_ASSIST_ENCRYPT", raising=False)
    return path


def make_case(name: str, court: str | None, hearing: dt.date | None, kind: ReportType | None) -> Case:
    case = Case()
    case.case_details.defendant.name = name
    case.case_details.court = court
    case.case_details.hearing_date = hearing
    case.case_details.report_type = kind
    return case


def save(home: Path, *cases: Case) -> None:
    with open_store(home) as store:
        for case in cases:
            store.create(case)


def list_table(capsys, *argv: str) -> list[str]:
    assert main(["list", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def column_starts(header: str) -> list[int]:
    """Where each column begins, in cells (the header is plain ASCII, so characters are cells)."""
    starts, position = [], 0
    for title in COLUMNS:
        position = header.index(title, position)
        starts.append(position)
        position += len(title)
    return starts


def index_at_cell(line: str, cell: int) -> int:
    """The index of the character that is drawn starting at ``cell`` (a cell boundary, or it fails)."""
    for index in range(len(line) + 1):
        width = cell_len(line[:index])
        if width == cell and (index == len(line) or cell_len(line[: index + 1]) > cell):
            return index
        if width > cell:
            break
    raise AssertionError(f"no character starts at cell {cell} of {line!r}")


def split_row(line: str, starts: list[int]) -> list[str]:
    """The row cut at the header's column starts, measured in cells."""
    indexes = [index_at_cell(line, start) for start in starts] + [len(line)]
    return [line[a:b] for a, b in zip(indexes, indexes[1:], strict=False)]


def rows_by_id(lines: list[str], ids: list[str]) -> dict[str, str]:
    return {case_id: next(line for line in lines if line.startswith(case_id)) for case_id in ids}


def test_every_column_starts_at_the_same_cell_on_every_row(capsys, home):
    cases = [
        make_case(WIDE, "Ravensholme Magistrates' Court", dt.date(2026, 12, 3), ReportType.SDR),
        make_case(COMBINING, "横浜 Crown Court", dt.date(2027, 1, 14), ReportType.FDR),
        make_case(EMOJI, "Llanfair 🌊 Youth Court", None, ReportType.ORAL),
        make_case(PLAIN, None, dt.date(2026, 11, 30), None),
    ]
    save(home, *cases)

    lines = list_table(capsys)
    assert lines[-1] == "4 cases."
    starts = column_starts(lines[0])
    rows = rows_by_id(lines, [c.id for c in cases])
    expected = {
        cases[0].id: [WIDE, "Ravensholme Magistrates' Court", "2026-12-03", "SDR"],
        cases[1].id: [COMBINING, "横浜 Crown Court", "2027-01-14", "FDR"],
        cases[2].id: [EMOJI, "Llanfair 🌊 Youth Court", "-", "Oral"],
        cases[3].id: [PLAIN, "-", "2026-11-30", "-"],
    }
    for case_id, line in rows.items():
        cells = split_row(line, starts)
        # Each value sits exactly under its heading: cut at the heading's cell, it is whole.
        assert [cell.strip() for cell in cells[:6]] == [case_id, *expected[case_id], "draft"], line
        for start in starts[1:]:
            before = line[: index_at_cell(line, start)]
            assert before.endswith("  "), f"column at cell {start} does not follow a gap: {line!r}"
        # The last column (the time) begins at the same cell as its heading on every row: cut
        # there, it is a whole time (strptime raises on anything else).
        shown = dt.datetime.strptime(cells[6].strip(), "%Y-%m-%d %H:%M")
        assert shown.year == dt.datetime.now().year or shown.year == dt.datetime.now().year - 1

    # The combining accents are shown as written (not dropped, not moved).
    assert COMBINING in rows[cases[1].id]


def test_a_long_wide_name_is_cut_to_the_column_width_in_cells(capsys, home):
    odd = "A" + WIDE * 6  # 37 cells: the cut lands after a whole wide character
    even = WIDE * 6 + "B"  # 37 cells: a wide character straddles the cut, so it is left out whole
    court = "東京 " * 12  # a court cut the same way
    cases = [make_case(odd, court, None, None), make_case(even, "Kestrel Bay Magistrates' Court", None, None)]
    save(home, *cases)

    lines = list_table(capsys)
    starts = column_starts(lines[0])
    rows = rows_by_id(lines, [c.id for c in cases])
    for case, name in ((cases[0], odd), (cases[1], even)):
        cells = split_row(rows[case.id], starts)
        shown = cells[1].rstrip()
        assert shown.endswith("…"), shown
        assert cell_len(shown) in (WIDEST - 1, WIDEST)
        assert name.startswith(shown[:-1])
        # Court starts right after WIDEST cells of name and the two-space gap.
        assert starts[2] - starts[1] == WIDEST + 2
    # Exactly WIDEST cells then the gap: a wide character that would not fit whole is left out
    # and a space after the ellipsis makes up its cell.
    assert split_row(rows[cases[0].id], starts)[1] == "A" + (WIDE * 6)[:15] + "…" + "  "
    assert split_row(rows[cases[1].id], starts)[1] == (WIDE * 6)[:15] + "… " + "  "
    shown_court = split_row(rows[cases[0].id], starts)[2].rstrip()
    assert shown_court.endswith("…") and court.startswith(shown_court[:-1])


def _attaches(text: str, index: int) -> bool:
    """Whether ``text[index]`` is drawn as part of the character before it."""
    ch = text[index]
    return (
        unicodedata.category(ch)[0] == "M"
        or ch in (ZWJ, VS16)
        or 0x1F3FB <= ord(ch) <= 0x1F3FF  # a skin tone
        or text[index - 1] == ZWJ
    )


@pytest.mark.parametrize(
    "name",
    [
        # Each name is a trap for cutting at 31 Python characters: the 32nd character belongs to
        # the 31st, so the old cut left "Zoe" for "Zoë", "N" for "Ń", or half an emoji.
        "Zoe\u0308" * 11,
        "Nowak " + "N\u0301" * 13 + "owak Ńowak Ńowak",
        "Sam Okoro " * 2 + "1234567890👍🏽 Okoro",  # a skin tone
        "Sam Okoro " * 2 + "123456789👨\u200d👩\u200d👧 Okoro",  # a family joined by zero width joiners
        "Sam Okoro " * 2 + "1234567890❤\ufe0f Okoro",  # a heart asked to show as an emoji
    ],
)
def test_a_cut_never_splits_a_letter_from_its_accent_or_an_emoji_sequence(capsys, home, name):
    assert cell_len(name) > WIDEST and _attaches(name, WIDEST - 1)
    case = make_case(name, "Ravensholme Magistrates' Court", None, None)
    save(home, case)

    lines = list_table(capsys)
    starts = column_starts(lines[0])
    cells = split_row(rows_by_id(lines, [case.id])[case.id], starts)
    shown = cells[1].rstrip(" ")
    assert shown.endswith("…") and cell_len(shown) <= WIDEST, shown
    kept = shown[:-1]
    assert name.startswith(kept)
    assert not _attaches(name, len(kept)), f"cut inside a character: {kept!r} + {name[len(kept)]!r}"
    assert cells[2].strip() == "Ravensholme Magistrates' Court"  # the next column is where it belongs


def test_json_keeps_the_names_whole_and_as_written(capsys, home):
    long_name = WIDE * 6
    cases = [make_case(COMBINING, "横浜 Crown Court", None, None), make_case(long_name, None, None, None)]
    save(home, *cases)
    rows = {row["id"]: row for row in json.loads("\n".join(list_table(capsys, "--json")))}
    assert rows[cases[0].id]["defendant"] == COMBINING  # not normalised, not cut
    assert rows[cases[1].id]["defendant"] == long_name


@pytest.mark.parametrize(
    "text",
    [
        WIDE,
        COMBINING,
        EMOJI,
        "横浜 Crown Court",
        "👍🏽",
        "👨\u200d👩\u200d👧",
        "❤\ufe0f",
        "🇬🇧",
        "\u1100\u1161\u11a8",
        "…",
        "ＡＢ",
    ],
)
def test_cell_width_agrees_with_what_textual_draws(text):
    assert cell_width(text) == cell_len(text)


def test_list_with_wide_names_loads_neither_textual_nor_rich(home):
    save(home, make_case(EMOJI, "横浜 Crown Court", None, None))
    code = (
        "import sys\n"
        "from psr_assist.cli import main\n"
        "rc = main(['list'])\n"
        "sys.stdout.flush()\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "print('LOADED ' + ','.join(heavy) if heavy else 'CLEAN', file=sys.stderr)\n"
        "raise SystemExit(rc)\n"
    )
    env = {**os.environ, "PSR_ASSIST_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=env
    )
    assert out.returncode == 0, out.stderr[-500:]
    assert EMOJI in out.stdout
    assert out.stderr.strip().splitlines()[-1] == "CLEAN", out.stderr[-500:]
