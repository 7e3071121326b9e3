"""``psr-assist check``: findings grouped by step, JSON, exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from psr_assist.cli import main
from psr_assist.domain.case import Case
from tests.fixtures.cases import clean_data
from tests.fixtures.cases.mutate import seq, set_

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _invoke(argv: list[str]) -> int:
    """Run ``psr-assist <argv>`` through the real entry point, as an officer's shell would."""
    return main(argv)


def _write(tmp_path: Path, data, name="case.json") -> Path:
    path = tmp_path / name
    path.write_text(Case.model_validate(data).model_dump_json(), encoding="utf-8")
    return path


def test_clean_case_exits_0(tmp_path, capsys):
    assert _invoke(["check", str(_write(tmp_path, clean_data())), "--today", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert "No findings" in out
    assert out.strip().endswith("0 blockers, 0 warnings, 0 pieces of advice")


def test_warnings_alone_exit_0(tmp_path, capsys):
    data = clean_data()
    set_("proposal.rationale", None)(data)
    assert _invoke(["check", str(_write(tmp_path, data))]) == 0
    out = capsys.readouterr().out
    assert "WARNING: The proposal has no rationale." in out
    assert out.strip().endswith("0 blockers, 1 warning, 0 pieces of advice")


def test_blockers_exit_1_and_are_grouped_by_step_in_wizard_order(tmp_path, capsys):
    data = clean_data()
    seq(
        set_("sign_off.author_name", None),
        set_("proposal.requirements[0].consent.in_writing", False),
        set_("sources[1].status", "requested"),
        set_("proposal.alternatives", "Not the index offence."),
    )(data)
    assert _invoke(["check", str(_write(tmp_path, data))]) == 1
    out = capsys.readouterr().out
    from psr_assist.domain.questions import question_bank

    bank = question_bank()
    headings = [f"{bank.step(step).title}\n{'-' * len(bank.step(step).title)}\n" for step in ("sources", "proposal", "review")]
    positions = [out.index(heading) for heading in headings]
    assert positions == sorted(positions)
    # Severity is a word, never colour alone; each finding carries fix and rule id.
    assert "  BLOCKER: The domestic abuse call-out check was requested but there is no result yet." in out
    assert "    Fix: Record the result of the domestic abuse check" in out
    assert "    Rule: sources.da-check-missing (field: sources[1].status)" in out
    # Within a step, blockers come before advice.
    assert out.index("proposal.mhtr-no-written-consent") < out.index("ADVICE: 'index offence' is probation jargon")
    assert out.strip().endswith("2 blockers, 1 warning, 1 piece of advice")
    assert "\x1b[" not in out


def test_json_output(tmp_path, capsys):
    data = clean_data()
    set_("proposal.requirements[0].consent", None)(data)
    assert _invoke(["check", str(_write(tmp_path, data)), "--json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "rule_id": "proposal.mhtr-no-written-consent",
            "severity": "blocker",
            "step": "proposal",
            "field": "proposal.requirements[0].consent",
            "message": rows[0]["message"],
            "fix": rows[0]["fix"],
        }
    ]
    assert "written consent" in rows[0]["message"]


def test_json_clean_case_is_an_empty_list(tmp_path, capsys):
    assert _invoke(["check", str(_write(tmp_path, clean_data())), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_today_chooses_limits_when_there_is_no_hearing_date(tmp_path, capsys):
    from tests.fixtures.cases import clean_sso_data

    data = clean_sso_data()
    seq(set_("case_details.hearing_date", None), set_("proposal.custodial_term_weeks", 105))(data)
    path = _write(tmp_path, data)
    assert _invoke(["check", str(path), "--json", "--today", "2026-01-10"]) == 1
    ids = {r["rule_id"] for r in json.loads(capsys.readouterr().out)}
    assert "proposal.limit-sso-custodial-term" in ids
    _invoke(["check", str(path), "--json", "--today", "2026-04-10"])
    ids = {r["rule_id"] for r in json.loads(capsys.readouterr().out)}
    assert "proposal.limit-check-current-law" in ids and "proposal.limit-sso-custodial-term" not in ids


def test_bad_today_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        _invoke(["check", str(_write(tmp_path, clean_data())), "--today", "next tuesday"])
    assert exc.value.code == 2
    assert "must be a date like 2026-11-26" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "was not found"),
        ("{not json", "is not valid JSON"),
        ('{"case_details": {"court": 5}}', "case_details > court must be text"),
        ('{"mystery": "Secret Name"}', "is not a field psr-assist knows"),
    ],
)
def test_unreadable_or_invalid_file_exits_2_with_one_line(tmp_path, capsys, content, words):
    path = tmp_path / "case.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert _invoke(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("psr-assist: ") and words in lines[0]
    assert "Secret Name" not in captured.err and "Traceback" not in captured.err


EXPECTED_EXIT = {
    "empty.json": 1,
    "fdr-adjournment-psychiatric-report.json": 0,
    "community-order-dual-diagnosis.json": 0,
    "domestic-abuse-high-rosh.json": 0,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_EXIT))
def test_examples_pass_check_as_expected(name, capsys):
    path = EXAMPLES / name
    assert _invoke(["check", str(path)]) == EXPECTED_EXIT[name]
    out = capsys.readouterr().out
    if EXPECTED_EXIT[name] == 0:
        assert out.strip().endswith(" of advice") and out.strip().splitlines()[-1].startswith("0 blockers")


def test_through_the_cli_entry_point(tmp_path, capsys):
    assert main(["check", str(_write(tmp_path, clean_data())), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["check", str(tmp_path / "missing.json")]) == 2
