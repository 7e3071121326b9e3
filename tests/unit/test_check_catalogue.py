"""The rule catalogue is data: stable ids grouped by step, a severity, a title and a source for each."""

from __future__ import annotations

import re

import pytest

from psr_assist.domain.case import Case
from psr_assist.domain.check import (
    STEP_ORDER,
    RuleInfo,
    check_case,
    define,
    findings_by_step,
    rule_catalogue,
    rule_info,
    step_for_field,
    summary_line,
)
from psr_assist.domain.findings import SEVERITY_ORDER, Finding, Severity
from psr_assist.domain.questions import question_bank, resolve_field


def test_step_order_matches_the_question_bank():
    assert list(STEP_ORDER) == question_bank().step_ids


def test_catalogue_entries_are_complete():
    catalogue = rule_catalogue()
    assert len(catalogue) >= 100
    ids = [r.id for r in catalogue]
    assert len(ids) == len(set(ids))
    for info in catalogue:
        assert isinstance(info, RuleInfo)
        assert re.fullmatch(r"[a-z_]+\.[a-z0-9]+(-[a-z0-9]+)*", info.id), info.id
        assert info.step in STEP_ORDER
        assert isinstance(info.severity, Severity)
        assert info.title and info.title[0].isupper()
        assert len(info.source) > 10
    # In step order, as the audit appendix lists them.
    assert [STEP_ORDER.index(r.step) for r in catalogue] == sorted(STEP_ORDER.index(r.step) for r in catalogue)


@pytest.mark.parametrize(
    "rule_id",
    [
        "sources.da-check-missing",
        "sources.safeguarding-check-missing",
        "proposal.mhtr-no-written-consent",
        "risk.critical-item-no-risk-to-self",
        "proposal.limit-requirement-within-order",
        "proposal.checks-caveat-missing",
        "case.report-type-missing",
    ],
)
def test_what_must_never_reach_a_court_is_a_blocker(rule_id):
    assert rule_info(rule_id).severity is Severity.BLOCKER


def test_sources_name_the_guide_or_the_law():
    for info in rule_catalogue():
        assert any(word in info.source for word in ("Guide", "guide", "Sentencing", "PI 04/2016", "MoJ", "CSTR",
                                                    "prompts/", "Instrument", "Results-only", "Report types")), info.id


def test_define_refuses_bad_or_duplicate_ids():
    with pytest.raises(ValueError, match="must be"):
        define("Sources.Bad_Id", Severity.ADVICE, "T", "source")
    with pytest.raises(ValueError, match="must be"):
        define("nowhere.rule", Severity.ADVICE, "T", "source")
    with pytest.raises(ValueError, match="twice"):
        define("sources.da-check-missing", Severity.ADVICE, "T", "source")
    with pytest.raises(ValueError, match="unknown profile element"):
        define("sources.some-new-rule", Severity.ADVICE, "T", "source", element="nope")


@pytest.mark.parametrize(
    ("field", "step"),
    [
        ("case_details.report_type", "case"),
        ("offence_analysis.analysis", "case"),
        ("sources[3].status", "sources"),
        ("significant_others[0].consent_to_contact", "sources"),
        ("proposal.plan[2].intervention", "proposal"),
        ("sign_off.author_name", "review"),
        ("risk.rosh.children", "risk"),
    ],
)
def test_step_for_field(field, step):
    assert step_for_field(field) == step


def test_every_finding_field_is_a_real_place_in_the_case():
    """The app jumps to a finding's field: every field the empty case reports must resolve."""
    for finding in check_case(Case()):
        path = re.sub(r"\[\d+\]", "", finding.field)
        parts = path.split(".")
        resolve_field(Case, parts[0]) if len(parts) == 1 else resolve_field(Case, path)


def test_summary_line():
    def f(severity):
        return Finding(rule_id="case.court-missing", severity=severity, step="case", field="x", message="m", fix="f")

    assert summary_line([]) == "0 blockers, 0 warnings, 0 pieces of advice"
    assert summary_line([f(Severity.BLOCKER), f(Severity.WARNING), f(Severity.ADVICE), f(Severity.ADVICE)]) == (
        "1 blocker, 1 warning, 2 pieces of advice"
    )
    # The app's review screen leaves out what it has none of.
    assert summary_line([], zeros=False) == "No problems found"
    assert summary_line([f(Severity.ADVICE)], zeros=False) == "1 piece of advice"
    assert summary_line([f(Severity.BLOCKER), f(Severity.BLOCKER)], zeros=False) == "2 blockers"


def test_findings_by_step_groups_in_wizard_order_blockers_first():
    from tests.fixtures.cases import TODAY, clean_data
    from tests.fixtures.cases.mutate import seq, set_

    data = clean_data()
    seq(set_("sources[1].status", "requested"), set_("person.trauma", None), set_("proposal.rationale", None))(data)
    grouped = findings_by_step(check_case(Case.model_validate(data), TODAY))
    assert list(grouped) == list(STEP_ORDER)
    assert grouped["sources"][0].severity is Severity.BLOCKER
    assert {f.severity for f in grouped["person"]} == {Severity.ADVICE}
    assert grouped["proposal"] and grouped["proposal"][0].severity is Severity.WARNING
    assert grouped["case"] == [] and grouped["review"] == []
    for items in grouped.values():
        ranks = [SEVERITY_ORDER[f.severity] for f in items]
        assert ranks == sorted(ranks)
