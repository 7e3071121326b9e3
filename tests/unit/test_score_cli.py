"""``psr-assist score`` as an officer or a script meets it, through ``psr_assist.cli.main``."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from psr_assist import cli


@pytest.fixture
def main():
    """The real entry point, ``cli.main``, with every command module it builds a parser for."""
    return cli.main


def _fails_cleanly(capsys, code: int) -> str:
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("psr-assist: ")
    assert "Traceback" not in captured.err
    return lines[0]


def test_phq9_complete_shows_name_total_and_band(main, capsys):
    assert main(["score", "phq9", "1,2,1,1,0,2,1,0,0"]) == 0
    out = capsys.readouterr().out
    assert "PHQ-9" in out
    assert "Total: 8 out of 27" in out
    assert "Band: Mild depression" in out
    assert "WARNING" not in out and "Incomplete" not in out
    assert "not a diagnosis" in out


def test_critical_item_prints_a_clear_warning(main, capsys):
    assert main(["score", "phq9", "0,0,0,0,0,0,0,0,1"]) == 0
    out = capsys.readouterr().out
    warning = [line for line in out.splitlines() if line.startswith("WARNING")]
    assert len(warning) == 1
    assert "question 9" in warning[0] and "risk-to-self" in warning[0]


def test_core10_risk_item_warning(main, capsys):
    assert main(["score", "core10", "0,4,4,0,0,2,0,0,0,0"]) == 0
    out = capsys.readouterr().out
    assert "WARNING: critical question 6" in out
    assert "Total: 2 out of 40" in out


def test_incomplete_answers_list_missing_questions_and_give_no_band(main, capsys):
    assert main(["score", "gad7", "0,1,,3,,1,0"]) == 0
    out = capsys.readouterr().out
    assert "Incomplete: questions 3 and 5 not answered" in out
    assert "Band:" not in out
    assert "Total: 5 out of 21" in out


def test_core10_prorated_total_is_labelled(main, capsys):
    assert main(["score", "core10", "2,4,4,2,2,0,3,2,2,"]) == 0
    out = capsys.readouterr().out
    assert "Total: 14 out of 40 (prorated from 9 of 10 answers)" in out
    assert "Band: Mild psychological distress" in out


def test_audit_c_4_does_not_send_on_to_audit(main, capsys):
    assert main(["score", "audit-c", "2,2,0"]) == 0
    out = capsys.readouterr().out
    assert "Total: 4 out of 12" in out
    assert "full AUDIT" not in out


def test_audit_c_5_says_go_on_to_the_full_audit(main, capsys):
    assert main(["score", "audit_c", "2,2,1"]) == 0
    out = capsys.readouterr().out
    assert "Total: 5 out of 12" in out
    assert "go on to the full AUDIT" in out


def test_json_output(main, capsys):
    assert main(["score", "phq9", "3,3,3,3,3,3,3,,2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["instrument"] == "phq9"
    assert data["total"] == 23
    assert data["band"] is None and data["band_label"] is None and data["severity"] is None
    assert data["critical_items"] == [9]
    assert data["missing_items"] == [8]
    assert data["complete"] is False
    assert data["prorated"] is False
    assert data["max_total"] == 27
    assert data["leads_to"] is None


def test_json_output_complete_with_band_and_leads_to(main, capsys):
    assert main(["score", "audit_c", "4,4,4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["total"], data["band"], data["complete"], data["leads_to"]) == (
        12,
        "positive",
        True,
        "audit",
    )
    assert data["severity"] == "mild"
    assert data["critical_items"] == [] and data["missing_items"] == []


def test_spaces_around_answers_are_fine(main, capsys):
    assert main(["score", "k10", "0, 0, 0, 0, 0, 0, 0, 0, 0, 1"]) == 0
    assert "Total: 11 out of 50" in capsys.readouterr().out


def test_list_shows_every_instrument(main, capsys):
    assert main(["score", "--list"]) == 0
    out = capsys.readouterr().out
    for iid, short in [
        ("phq9", "PHQ-9"),
        ("gad7", "GAD-7"),
        ("audit_c", "AUDIT-C"),
        ("audit", "AUDIT"),
        ("dast10", "DAST-10"),
        ("k10", "K10"),
        ("core10", "CORE-10"),
    ]:
        assert any(line.split()[:2] == [iid, short] for line in out.splitlines()), iid
    assert "C-SSRS" in out and "LDSQ" in out and "Results only" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["score", "phq99", "0"], "There is no screening instrument called 'phq99'"),
        (["score", "phq9", "0,0,0,0,0,0,0,0"], "PHQ-9 has 9 questions but 8 answers were given."),
        (["score", "phq9", "0,0,0,0,0,0,0,0,4"], "Answer 9 for PHQ-9 must be an option position from 0 to 3"),
        (["score", "phq9", "0,0,x,0,0,0,0,0,0"], "answer 3 is not an option position"),
        (["score", "phq9", "0,0,1.5,0,0,0,0,0,0"], "answer 3 is not an option position"),
        (["score", "phq9", "0,0,0,0,0,0,0,0,-1"], "answer 9 is not an option position"),
        (["score", "phq9"], "Enter the answers"),
        (["score", "phq9", ""], "Enter the answers"),
        (["score", "phq9", "0", "0"], "PHQ-9 has 9 questions but 2 answers were given."),
        (["score"], "Enter an instrument"),
        (["score", "cssrs", "1"], "results-only"),
    ],
)
def test_invalid_input_is_one_line_on_stderr_and_exit_2(main, capsys, argv, expected):
    line = _fails_cleanly(capsys, main(argv))
    assert expected in line


@pytest.mark.parametrize(
    "answers",
    [
        ["1", "2", "1", "0", "0", "0", "0", "0", "1"],
        ["1,", "2,", "1,", "0,", "0,", "0,", "0,", "0,", "1"],  # "1, 2, 1, …" as typed in a shell
        ["1,2,1", "0,0,0", "0,0,1"],
    ],
)
def test_answers_typed_with_spaces_score_as_with_commas(main, capsys, answers):
    assert main(["score", "phq9", *answers, "--json"]) == 0
    spaced = capsys.readouterr().out
    assert main(["score", "phq9", "1,2,1,0,0,0,0,0,1", "--json"]) == 0
    assert spaced == capsys.readouterr().out


def test_a_comma_and_space_never_adds_an_unanswered_question(main, capsys):
    assert main(["score", "audit-c", "2,", "2"]) == 2  # two answers, not "2, (blank), 2"
    assert "AUDIT-C has 3 questions but 2 answers were given." in capsys.readouterr().err


def test_negative_position_is_a_usage_error_not_a_traceback(main, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["score", "phq9", "-1,0,0,0,0,0,0,0,0"])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_score_appears_in_the_main_help(main, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "score" in capsys.readouterr().out


def _top_level_imports(name: str) -> set[str]:
    source = Path(cli.__file__).with_name("commands").joinpath(name).read_text(encoding="utf-8")
    top_level = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            top_level |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            top_level.add(node.module or "")
    return top_level


def test_the_command_module_imports_only_the_standard_library_at_top_level():
    # The commands' shared helpers (_args) are allowed because they too are standard library only.
    assert _top_level_imports("score.py") <= {"__future__", "argparse", "json", "sys", "psr_assist.commands._args"}
    assert _top_level_imports("_args.py") <= {"__future__", "argparse", "datetime", "sys"}


def test_an_absurdly_long_number_is_one_plain_line(capsys):
    from psr_assist.cli import main

    assert main(["score", "phq9", "9" * 5000]) == 2
    err = capsys.readouterr().err
    assert err.startswith("psr-assist: ") and "sys.set_int_max_str_digits" not in err and len(err) < 300
