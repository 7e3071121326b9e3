"""Report-type profiles: oral, FDR and SDR need different things, decided by data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from psr_assist.domain.case import Case, ReportType
from psr_assist.domain.check import check_case, rule_catalogue
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.findings import Severity
from psr_assist.domain.profiles import PROFILE_ELEMENTS, load_profiles, report_profiles
from psr_assist.domain.scoring import load_instruments
from psr_assist.paths import prompts_dir
from tests.fixtures.cases import TODAY, clean_data
from tests.fixtures.cases.mutate import seq, set_


def _severities(data) -> dict[str, Severity]:
    return {f.rule_id: f.severity for f in check_case(Case.model_validate(data), TODAY)}


def test_shipped_profiles_load_and_define_every_element():
    profiles = report_profiles()
    assert set(profiles.elements) == PROFILE_ELEMENTS
    assert set(profiles.report_types) == set(ReportType)
    assert profiles.default_report_type is ReportType.SDR


def test_every_rule_element_is_in_the_profiles():
    used = {r.element for r in rule_catalogue() if r.element}
    assert used == PROFILE_ELEMENTS  # no element without a rule, no rule without an element


def test_signal_instruments_exist():
    instruments = load_instruments()
    signals = report_profiles().signals
    assert set(signals.mental_health_instruments) <= set(instruments)
    assert set(signals.substance_thresholds) <= set(instruments)


def test_sdr_requires_everything():
    profiles = report_profiles()
    assert {e.levels[ReportType.SDR] for e in profiles.elements.values()} == {"required"}


def test_oral_needs_less_than_fdr_and_fdr_less_than_sdr():
    order = {"not_needed": 0, "recommended": 1, "required": 2}
    profiles = report_profiles()
    for element in profiles.elements.values():
        oral, fdr, sdr = (order[element.levels[t]] for t in (ReportType.ORAL, ReportType.FDR, ReportType.SDR))
        assert oral <= fdr <= sdr
    oral_total = sum(order[e.levels[ReportType.ORAL]] for e in profiles.elements.values())
    fdr_total = sum(order[e.levels[ReportType.FDR]] for e in profiles.elements.values())
    assert oral_total < fdr_total


@pytest.mark.parametrize(
    ("report_type", "expected"),
    [("sdr", Severity.WARNING), ("fdr", Severity.WARNING), ("oral", Severity.ADVICE)],
)
def test_offence_analysis_severity_follows_the_profile(report_type, expected):
    data = clean_data()
    seq(set_("case_details.report_type", report_type), set_("offence_analysis.analysis", None))(data)
    assert _severities(data)["case.offence-analysis-missing"] is expected


@pytest.mark.parametrize(
    ("report_type", "expected"),
    [("sdr", Severity.WARNING), ("fdr", Severity.ADVICE), ("oral", None)],
)
def test_pattern_of_offending_not_needed_in_an_oral_report(report_type, expected):
    data = clean_data()
    seq(set_("case_details.report_type", report_type), set_("offence_analysis.pattern_of_offending", None))(data)
    assert _severities(data).get("case.pattern-of-offending-missing") is expected


def test_full_risk_analysis_only_required_in_an_sdr():
    data = clean_data()
    set_("risk.rosh.analysis", None)(data)
    assert _severities(data)["risk.rosh-analysis-missing"] is Severity.WARNING
    set_("case_details.report_type", "fdr")(data)
    assert _severities(data)["risk.rosh-analysis-missing"] is Severity.ADVICE
    set_("case_details.report_type", "oral")(data)
    assert "risk.rosh-analysis-missing" not in _severities(data)


def test_safety_rules_apply_to_every_report_type():
    for report_type in ("oral", "fdr", "sdr"):
        data = clean_data()
        seq(
            set_("case_details.report_type", report_type),
            set_("sources[1].status", "requested"),
            set_("proposal.requirements[0].consent.in_writing", False),
        )(data)
        found = _severities(data)
        assert found["sources.da-check-missing"] is Severity.BLOCKER
        assert found["proposal.mhtr-no-written-consent"] is Severity.BLOCKER


def test_missing_report_type_is_checked_as_strictly_as_an_sdr():
    data = clean_data()
    seq(set_("case_details.report_type", None), set_("risk.rosh.analysis", None))(data)
    found = _severities(data)
    assert found["case.report-type-missing"] is Severity.BLOCKER
    assert found["risk.rosh-analysis-missing"] is Severity.WARNING


def test_oral_clean_case_still_passes():
    data = clean_data()
    set_("case_details.report_type", "oral")(data)
    assert _severities(data) == {}


# --------------------------------------------------------------------------- the data file


def _write(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load((prompts_dir() / "profiles.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "profiles.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda raw: raw["elements"].pop("dual_diagnosis"), "elements missing: dual_diagnosis"),
        (lambda raw: raw["elements"].update(made_up=raw["elements"]["trauma"]), "unknown elements"),
        (lambda raw: raw["elements"]["trauma"]["levels"].pop("oral"), "no level for report type"),
        (lambda raw: raw["elements"]["trauma"]["levels"].update(oral="sometimes"), "elements.trauma.levels"),
        (lambda raw: raw["report_types"].pop("fdr"), "no profile for: fdr"),
        (lambda raw: raw["elements"]["trauma"].update(field="person.no_such_field"), "not a field of the case"),
        (lambda raw: raw["signals"].update(mental_health_need_at_least="awful"), "signals.mental_health_need_at_least"),
    ],
)
def test_broken_profiles_file_names_the_file_and_problem(tmp_path, mutate, words):
    path = _write(tmp_path, mutate)
    with pytest.raises(ContentError) as err:
        load_profiles(path)
    assert str(err.value).startswith("profiles.yaml:")
    assert words in str(err.value)
