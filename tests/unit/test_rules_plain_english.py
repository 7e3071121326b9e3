"""Plain English: acronyms spelled out at first use, and jargon replaced, in text for the court or the person."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from psr_assist.domain.case import Case
from psr_assist.domain.check import check_case
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.findings import Severity
from psr_assist.domain.plain_english import load_plain_english, plain_english
from psr_assist.paths import prompts_dir
from tests.fixtures.cases import TODAY, clean_data
from tests.fixtures.cases.mutate import set_

ACRONYM = "review.acronym-not-spelled-out"
JARGON = "review.jargon"


def _plain(data):
    return [f for f in check_case(Case.model_validate(data), TODAY) if f.rule_id in (ACRONYM, JARGON)]


def _with(**texts):
    data = clean_data()
    for path, text in texts.items():
        set_(path.replace("__", "."), text)(data)
    return data


def test_acronym_without_spelling_out_is_advice_at_first_use():
    data = _with(
        offence_analysis__analysis="He breached a previous DRR.",
        proposal__rationale="A DRR would help.",
    )
    (finding,) = _plain(data)
    assert finding.rule_id == ACRONYM and finding.severity is Severity.ADVICE
    assert finding.field == "offence_analysis.analysis"
    assert finding.step == "case"  # the step where the text is written, so the app can jump there
    assert "'DRR'" in finding.message and "1 more time" in finding.message
    assert "drug rehabilitation requirement (DRR)" in finding.fix


@pytest.mark.parametrize(
    "text",
    [
        "A mental health treatment requirement (MHTR) would help. The MHTR lasts a year.",
        "An MHTR (mental health treatment requirement) would help.",
        "A Mental Health Treatment Requirement (MHTR) would help.",
    ],
)
def test_acronym_spelled_out_in_the_same_text_is_fine(text):
    assert _plain(_with(proposal__rationale=text)) == []


def test_acronym_spelled_out_in_an_earlier_section_is_fine():
    data = _with(
        offence_analysis__analysis="Talk of a mental health treatment requirement began in March.",
        proposal__rationale="The MHTR is suitable.",
    )
    assert _plain(data) == []


def test_spelling_out_later_does_not_count_for_the_first_use():
    data = _with(
        offence_analysis__analysis="The MHTR team saw him.",
        proposal__rationale="A mental health treatment requirement (MHTR) is proposed.",
    )
    (finding,) = _plain(data)
    assert finding.field == "offence_analysis.analysis"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Two MHTRs failed.", True),
        ("The MHTR's provider agreed.", True),
        ("Seen by L&D at court.", True),
        ("Seen at the OASys review.", True),
        ("Dread and drama.", False),  # case-sensitive whole words: no 'DRR' or 'DA' inside words
        ("He lives on Da Silva Road.", False),
        ("The PSRS team.", False),
    ],
)
def test_acronym_matching(text, found):
    assert bool(_plain(_with(proposal__rationale=text))) is found


def test_acronyms_in_list_items_point_at_the_item():
    data = clean_data()
    set_("proposal.plan[2].intervention", "Weekly sessions with the CMHT.")(data)
    (finding,) = _plain(data)
    assert finding.field == "proposal.plan[2].intervention" and finding.step == "proposal"


def test_the_needs_a_plan_names_are_checked_too():
    # Each need of the plan is listed, as written, in the person's own plain-English companion.
    data = clean_data()
    set_("proposal.plan[0].presenting_issue", "Criminogenic needs")(data)
    (finding,) = _plain(data)
    assert finding.field == "proposal.plan[0].presenting_issue" and finding.rule_id == "review.jargon"


def test_the_persons_own_words_are_never_checked():
    data = _with(motivation__own_views="My criminogenic needs and the MHTR, innit.")
    assert _plain(data) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("His criminogenic needs are clear.", "criminogenic"),
        ("This supports desistance.", "desistance"),
        ("The index offence was theft.", "index offence"),
        ("Both index offences were thefts.", "index offence"),
        ("He has pro-criminal associates.", "pro-criminal"),
        ("He has procriminal associates.", "pro-criminal"),
        ("He has Pro criminal associates.", "pro-criminal"),
        ("Responsivity issues were noted.", "responsivity"),
    ],
)
def test_jargon_is_found_in_its_forms(text, term):
    (finding,) = _plain(_with(proposal__alternatives=text))
    assert finding.rule_id == JARGON and finding.severity is Severity.ADVICE
    assert f"'{term}'" in finding.message
    assert "for example" in finding.fix


def test_jargon_inside_other_words_is_not_found():
    assert _plain(_with(proposal__alternatives="He is a prosocialite with an indexed offence.")) == []


def test_each_term_is_reported_once_with_a_count():
    data = _with(
        offence_analysis__analysis="Criminogenic needs.",
        proposal__rationale="More criminogenic needs.",
        proposal__alternatives="Still criminogenic.",
    )
    (finding,) = _plain(data)
    assert finding.field == "offence_analysis.analysis" and "2 more times" in finding.message


def test_shipped_lists_load_and_compile():
    content = plain_english().content
    forms = {a.acronym for a in content.acronyms}
    assert {"RoSH", "MHTR", "DRR", "ATR", "RAR", "UPW", "CMHT", "OASys", "CPS", "L&D", "SSO", "PSR"} <= forms
    terms = {j.term for j in content.jargon}
    assert {"criminogenic", "desistance", "index offence", "pro-criminal", "responsivity"} <= terms
    assert "motivation.own_views" not in content.fields


def _write(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load((prompts_dir() / "plain_english.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "plain_english.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda raw: raw["acronyms"].append(raw["acronyms"][0]), "acronym listed twice"),
        (lambda raw: raw["jargon"].append({"term": "Pro criminal", "plain": "x"}), "jargon term listed twice"),
        (lambda raw: raw["fields"].append("proposal.no_such_text"), "not a text field"),
        (lambda raw: raw["fields"].append("proposal.order_length_months"), "not a text field"),
        (lambda raw: raw["acronyms"].append({"acronym": "X"}), "acronyms"),
    ],
)
def test_broken_plain_english_file(tmp_path, mutate, words):
    with pytest.raises(ContentError) as err:
        load_plain_english(_write(tmp_path, mutate))
    assert str(err.value).startswith("plain_english.yaml:") and words in str(err.value)


def test_long_plain_text_has_no_findings():
    text = ("He attended every session and kept to his plan. " * 400)[:19_000]
    data = _with(proposal__rationale=text, risk__rosh__analysis=text, offence_analysis__analysis=text)
    assert _plain(data) == []
