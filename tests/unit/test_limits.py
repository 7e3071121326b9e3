"""Sentencing limits: the data file, both edges of every range, dated versions, unverified changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from psr_assist.domain.case import Case
from psr_assist.domain.check import check_case, rule_catalogue
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.findings import Severity
from psr_assist.domain.limits import LIMIT_IDS, load_limits, sentencing_limits
from psr_assist.paths import prompts_dir
from tests.fixtures.cases import TODAY, clean_data, clean_sso_data
from tests.fixtures.cases.mutate import seq, set_

CURFEW = "proposal.requirements[5]"
UPW = "proposal.requirements[3]"


def _ids(data, today=TODAY) -> set[str]:
    return {f.rule_id for f in check_case(Case.model_validate(data), today)}


def _findings(data, rule_id, today=TODAY):
    return [f for f in check_case(Case.model_validate(data), today) if f.rule_id == rule_id]


def test_shipped_limits_load_and_cover_every_limit_the_check_applies():
    limits = sentencing_limits()
    assert {limit.id for limit in limits.limits} == LIMIT_IDS
    for limit in limits.limits:
        for entry in limit.entries:
            assert entry.source and entry.summary
    # Every limit has a rule, and the catalogue names the legal source from the data file.
    catalogue = {r.id: r for r in rule_catalogue()}
    for limit_id in LIMIT_IDS:
        info = catalogue[f"proposal.limit-{limit_id}"]
        assert info.severity is Severity.BLOCKER
        assert "Sentencing Act 2020" in info.source and "limits.yaml" in info.source


# (base, mutation path, value, rule expected to fire or None)
EDGES = [
    ("co", "proposal.order_length_months", 36, None),
    ("co", "proposal.order_length_months", 37, "proposal.limit-community-order-length"),
    ("co", f"{UPW}.hours", 39, "proposal.limit-upw-hours"),
    ("co", f"{UPW}.hours", 40, None),
    ("co", f"{UPW}.hours", 300, None),
    ("co", f"{UPW}.hours", 301, "proposal.limit-upw-hours"),
    ("co", f"{CURFEW}.hours_per_day", 1.5, "proposal.limit-curfew-hours-per-day"),
    ("co", f"{CURFEW}.hours_per_day", 2, None),
    ("co", f"{CURFEW}.hours_per_day", 16, None),
    ("co", f"{CURFEW}.hours_per_day", 20.5, "proposal.limit-curfew-hours-per-day"),
    ("co", f"{CURFEW}.hours_per_week", 112, None),
    ("co", f"{CURFEW}.hours_per_week", 112.5, "proposal.limit-curfew-hours-per-week"),
    ("co", f"{CURFEW}.period_months", 18, None),
    ("sso", "proposal.custodial_term_weeks", 1, "proposal.limit-sso-custodial-term"),
    ("sso", "proposal.custodial_term_weeks", 2, None),
    ("sso", "proposal.custodial_term_weeks", 104, None),
    ("sso", "proposal.operational_period_months", 5,
     ("proposal.limit-sso-operational-period", "proposal.limit-supervision-within-operational")),
    ("sso", "proposal.operational_period_months", 18, None),
    ("sso", "proposal.operational_period_months", 24, None),
    ("sso", "proposal.operational_period_months", 25, "proposal.limit-sso-operational-period"),
    ("sso", "proposal.supervision_period_months", 24, None),
    ("sso", "proposal.supervision_period_months", 12, None),
    ("co", "proposal.requirements[0].period_months", 18, None),
    ("co", "proposal.requirements[0].period_months", 19, "proposal.limit-requirement-within-order"),
]


@pytest.mark.parametrize(("base", "path", "value", "expected"), EDGES)
def test_limit_edges(base, path, value, expected):
    data = clean_data() if base == "co" else clean_sso_data()
    if path.endswith("hours_per_week"):
        set_(f"{CURFEW}.hours_per_day", 2)(data)
    if path.endswith("hours_per_day"):
        set_(f"{CURFEW}.hours_per_week", 50)(data)
    set_(path, value)(data)
    limit_ids = {i for i in _ids(data) if i.startswith("proposal.limit")}
    wanted = set() if expected is None else {expected} if isinstance(expected, str) else set(expected)
    assert limit_ids == wanted


def test_curfew_daily_hours_at_the_upper_edge():
    data = clean_data()
    set_(f"{CURFEW}.hours_per_day", 20)(data)
    set_(f"{CURFEW}.hours_per_week", 112)(data)
    assert not {i for i in _ids(data) if i.startswith("proposal.limit")}


def test_curfew_period_edges_and_pre_2022_twelve_months():
    data = clean_data()
    seq(set_("proposal.order_length_months", 36), set_(f"{CURFEW}.period_months", 24))(data)
    assert "proposal.limit-curfew-period" not in _ids(data)
    set_(f"{CURFEW}.period_months", 25)(data)
    assert "proposal.limit-curfew-period" in _ids(data)
    # Before PCSC Act 2022 s150 the curfew had to fall within 12 months.
    seq(set_("case_details.hearing_date", "2022-06-27"), set_(f"{CURFEW}.period_months", 13))(data)
    assert "proposal.limit-curfew-period" in _ids(data)
    set_(f"{CURFEW}.period_months", 12)(data)
    assert "proposal.limit-curfew-period" not in _ids(data)


def test_curfew_hours_a_day_depend_on_the_date():
    data = clean_data()
    seq(set_(f"{CURFEW}.hours_per_day", 17), set_(f"{CURFEW}.hours_per_week", 100))(data)
    set_("case_details.hearing_date", "2022-06-27")(data)
    found = _findings(data, "proposal.limit-curfew-hours-per-day")
    assert len(found) == 1 and "2 to 16 hours a day" in found[0].message
    set_("case_details.hearing_date", "2022-06-28")(data)
    assert not _findings(data, "proposal.limit-curfew-hours-per-day")


def test_daily_hours_every_day_count_against_the_weekly_cap():
    data = clean_data()
    seq(set_(f"{CURFEW}.hours_per_day", 16), set_(f"{CURFEW}.hours_per_week", None))(data)
    assert not _findings(data, "proposal.limit-curfew-hours-per-week")  # 16 x 7 = 112: at the cap
    set_(f"{CURFEW}.hours_per_day", 17)(data)
    (finding,) = _findings(data, "proposal.limit-curfew-hours-per-week")
    assert "17 hours every day" in finding.message and "119 hours in 7 days" in finding.message
    assert finding.field == f"{CURFEW}.hours_per_week"


def test_weekly_curfew_cap_did_not_exist_before_2022():
    data = clean_data()
    seq(set_(f"{CURFEW}.hours_per_day", 16), set_(f"{CURFEW}.hours_per_week", 140))(data)
    set_("case_details.hearing_date", "2022-06-27")(data)
    assert not _findings(data, "proposal.limit-curfew-hours-per-week")
    set_("case_details.hearing_date", "2022-06-28")(data)
    assert _findings(data, "proposal.limit-curfew-hours-per-week")


def test_supervision_period_edges_and_within_operational():
    data = clean_sso_data()
    for r in range(3):
        set_(f"proposal.requirements[{r}].period_months", 6)(data)
    set_(f"{CURFEW}.period_months", 3)(data)
    set_("proposal.supervision_period_months", 6)(data)
    assert not {i for i in _ids(data) if i.startswith("proposal.limit")}
    set_("proposal.supervision_period_months", 5)(data)
    assert {i for i in _ids(data) if i.startswith("proposal.limit")} == {
        "proposal.limit-sso-supervision-period",
        "proposal.limit-requirement-within-order",
    }
    seq(set_("proposal.supervision_period_months", 25), set_("proposal.operational_period_months", 24))(data)
    assert {i for i in _ids(data) if i.startswith("proposal.limit")} == {
        "proposal.limit-sso-supervision-period",
        "proposal.limit-supervision-within-operational",
    }
    seq(set_("proposal.supervision_period_months", 24), set_("proposal.operational_period_months", 24))(data)
    assert not {i for i in _ids(data) if i.startswith("proposal.limit")}


def test_a_breach_names_the_limit_and_its_source():
    data = clean_data()
    set_(f"{UPW}.hours", 350)(data)
    (finding,) = _findings(data, "proposal.limit-upw-hours")
    assert finding.severity is Severity.BLOCKER
    assert "350 hours" in finding.message
    assert "40 to 300 hours" in finding.message
    assert "Sch 9 para 2" in finding.message
    assert finding.field == f"{UPW}.hours"


def test_unpaid_work_hours_are_added_up():
    data = clean_data()
    data["proposal"]["requirements"].append({"kind": "unpaid_work", "hours": 250})
    (finding,) = _findings(data, "proposal.limit-upw-hours")
    assert "350 hours" in finding.message and "in total" in finding.message


def test_treatment_longer_than_the_order_is_a_blocker_naming_the_limit():
    data = clean_data()
    set_("proposal.requirements[0].period_months", 24)(data)
    (finding,) = _findings(data, "proposal.limit-requirement-within-order")
    assert finding.severity is Severity.BLOCKER
    assert "mental health treatment requirement lasts 24 months" in finding.message
    assert "18 months" in finding.message and "s209" in finding.message


def test_sso_requirement_must_fit_the_supervision_period():
    data = clean_sso_data()
    set_("proposal.requirements[1].period_months", 19)(data)
    (finding,) = _findings(data, "proposal.limit-requirement-within-order")
    assert "supervision period (18 months)" in finding.message


class TestUnverifiedSentencingAct2026:
    """The 3-year suspendable term (Sentencing Act 2026) is NOT VERIFIED: never applied silently."""

    def _data(self, hearing: str, weeks: int):
        data = clean_sso_data()
        seq(set_("case_details.hearing_date", hearing), set_("proposal.custodial_term_weeks", weeks))(data)
        return data

    def test_before_the_change_over_two_years_is_a_blocker(self):
        assert "proposal.limit-sso-custodial-term" in _ids(self._data("2026-03-21", 105))

    def test_after_the_change_over_two_years_is_a_warning_to_check_the_law(self):
        ids = _ids(self._data("2026-03-22", 105))
        assert "proposal.limit-check-current-law" in ids
        assert "proposal.limit-sso-custodial-term" not in ids
        (finding,) = _findings(self._data("2026-03-22", 156), "proposal.limit-check-current-law")
        assert finding.severity is Severity.WARNING
        assert "not verified" in finding.message and "14 days to 2 years" in finding.message
        assert "22 March 2026" in finding.message

    def test_beyond_the_unverified_limit_is_still_a_blocker(self):
        ids = _ids(self._data("2026-06-01", 157))
        assert "proposal.limit-sso-custodial-term" in ids
        assert "proposal.limit-check-current-law" not in ids

    def test_in_force_is_the_verified_entry(self):
        limit = sentencing_limits().get("sso-custodial-term")
        assert limit.in_force(dt.date(2026, 6, 1)).max == 104
        assert limit.pending(dt.date(2026, 6, 1)).max == 156
        assert limit.pending(dt.date(2026, 3, 21)) is None


def test_without_a_hearing_date_today_chooses_the_limit():
    data = clean_sso_data()
    seq(set_("case_details.hearing_date", None), set_("proposal.custodial_term_weeks", 105))(data)
    assert "proposal.limit-sso-custodial-term" in _ids(data, today=dt.date(2026, 1, 10))
    assert "proposal.limit-check-current-law" in _ids(data, today=dt.date(2026, 4, 10))


def test_hearings_before_the_sentencing_code_are_not_checked():
    data = clean_data()
    seq(set_("case_details.hearing_date", "2019-01-01"), set_("proposal.order_length_months", 48))(data)
    assert "proposal.limit-community-order-length" not in _ids(data)


def test_adjourning_skips_limits():
    data = clean_data()
    seq(set_("proposal.order_length_months", 48), set_("proposal.adjournment",
        {"requested": True, "reason": "r", "assessment_needed": "a", "weeks": 3}))(data)
    assert not {i for i in _ids(data) if i.startswith("proposal.limit")}


# --------------------------------------------------------------------------- the data file


def _write(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load((prompts_dir() / "limits.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "limits.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def _limit(raw, limit_id):
    return next(limit for limit in raw["limits"] if limit["id"] == limit_id)


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda raw: raw["limits"].pop(0), "limits missing: community-order-length"),
        (lambda raw: raw["limits"].append({**raw["limits"][0], "id": "made-up"}), "unknown limits"),
        (lambda raw: _limit(raw, "upw-hours")["entries"][0].update(min=400), "more than max"),
        (lambda raw: _limit(raw, "upw-hours")["entries"][0].update(verified=False), "first entry must be verified"),
        (lambda raw: _limit(raw, "curfew-period")["entries"].reverse(), "date order"),
        (lambda raw: _limit(raw, "upw-hours")["entries"][0].pop("source"), "source"),
        (lambda raw: _limit(raw, "upw-hours")["entries"][0].update(min=None, max=None), "neither min nor max"),
        (lambda raw: _limit(raw, "requirement-within-order").update(unit="months"), "'within' limit"),
        (lambda raw: raw["thresholds"].clear(), "thresholds must be exactly: drr-review-period"),
        (lambda raw: raw["thresholds"][0].update(verified=False), "must be verified"),
    ],
)
def test_broken_limits_file_names_the_file_and_problem(tmp_path, mutate, words):
    path = _write(tmp_path, mutate)
    with pytest.raises(ContentError) as err:
        load_limits(path)
    assert str(err.value).startswith("limits.yaml:")
    assert words in str(err.value)


def test_the_drr_review_threshold_comes_from_the_limits_file():
    threshold = sentencing_limits().threshold("drr-review-period")
    assert (threshold.value, threshold.unit) == (12, "months")
    assert threshold.source == "Sentencing Act 2020 Sch 9 para 21"
    info = next(r for r in rule_catalogue() if r.id == "proposal.drr-review-missing")
    assert info.title == "A DRR over 12 months includes review"
    assert info.source.startswith("Sentencing Act 2020 Sch 9 para 21")


def test_limits_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "limits.yaml"
    path.write_text("version: 1\nlimits: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^limits.yaml: .*line"):
        load_limits(path)


def test_missing_limits_file(tmp_path):
    with pytest.raises(ContentError, match="limits.yaml: file is missing"):
        load_limits(tmp_path / "limits.yaml")
