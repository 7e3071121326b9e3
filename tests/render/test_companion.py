"""The plain-English companion for the defendant: content, plain words, length."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from psr_assist.domain.case import ChangeStage, RequirementKind, SentenceKind
from psr_assist.domain.case_file import read_case_file
from psr_assist.render import build_companion, build_report, companion_text, report_text
from psr_assist.render.prose import words
from tests.render import docx_read as rd
from tests.render.cases import FIXTURES, TODAY, oral_case, sso_case

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))

# Reading-ease target. GOV.UK writes for a reading age of about 9; on the Flesch Reading Ease
# scale 60-70 is "plain English" and 70-80 "fairly easy" (a reading age of about 12 to 13).
# The companion is for people who may be unwell, anxious or not confident readers, so we aim
# for "fairly easy": 70 or more, with sentences of 12 words or fewer on average. Some words
# cannot be avoided (probation, treatment, appointment) and names of services come from the
# case, so a higher target would push us into dropping information the person needs.
READING_EASE_TARGET = 70
MEAN_SENTENCE_WORDS = 12


def _syllables(word: str) -> int:
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(text: str) -> tuple[float, float]:
    """(Flesch Reading Ease, mean words per sentence). Headings and bullets count as sentences."""
    sentences = [s for s in re.split(r"[.!?:]+\s|\n+", text) if re.search(r"[A-Za-z]", s)]
    words_ = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    syllables = sum(_syllables(w) for w in words_)
    per_sentence = len(words_) / len(sentences)
    return 206.835 - 1.015 * per_sentence - 84.6 * syllables / len(words_), per_sentence


def _cases():
    cases = [(name, factory()) for name, factory in FIXTURES.items()]
    cases += [(path.stem, read_case_file(path)) for path in EXAMPLES]
    return cases


@pytest.mark.parametrize(("name", "case"), _cases(), ids=[n for n, _ in _cases()])
def test_reading_ease_meets_the_target(name, case):
    ease, per_sentence = reading_ease(companion_text(case, today=TODAY))
    assert ease >= READING_EASE_TARGET, f"{name}: reading ease {ease:.0f}"
    assert per_sentence <= MEAN_SENTENCE_WORDS, f"{name}: {per_sentence:.1f} words a sentence"


def test_the_companion_is_much_easier_to_read_than_the_report():
    case = sso_case()
    companion, _ = reading_ease(companion_text(case, today=TODAY))
    report, _ = reading_ease(report_text(case, draft=False, today=TODAY))
    assert companion - report >= 15


def _user_words(case) -> set[str]:
    return set(re.findall(r"\b[A-Z]{2,}\b", json.dumps(case.model_dump(mode="json"))))


@pytest.mark.parametrize(("name", "case"), _cases(), ids=[n for n, _ in _cases()])
def test_no_acronyms_of_our_own(name, case):
    """Any capitalised abbreviation in the companion must come from the case itself (a service's name)."""
    found = set(re.findall(r"\b[A-Z]{2,}\b", companion_text(case, today=TODAY))) - {"DRAFT"}
    assert found <= _user_words(case), f"{name}: {sorted(found - _user_words(case))}"


def test_fixture_companions_have_no_acronyms_at_all():
    for factory in FIXTURES.values():
        assert not re.findall(r"\b[A-Z]{2,}\b", companion_text(factory(), today=TODAY))


@pytest.fixture(scope="module")
def sso_companion():
    return rd.reopen(build_companion(sso_case(), today=TODAY))


def test_what_is_proposed_and_why(sso_companion):
    text = rd.all_text(sso_companion)
    assert "This is for Dana Whitlock." in text
    assert "has written a report about you for Eastmere Crown Court." in text
    assert "The court makes the final decision." in text
    # The prison term as well as how long it is suspended: "for 18 months" alone reads as the sentence.
    assert "Your officer is suggesting a suspended sentence: a prison sentence of 16 weeks, suspended for 18 months." in text
    assert "a prison sentence that you do not serve now" in text
    assert "Your officer thinks this plan can help you with:" in text
    bullets = [p.text for p in sso_companion.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:1] == ["Stopping or cutting down drinking"]  # what the alcohol treatment can help with
    assert "Binge drinking" not in text  # the plan's presenting issue: the officer's words for the court
    assert "You told your officer you want to take part." in text


def test_each_requirement_explained_day_to_day(sso_companion):
    parts = [text for level, text in rd.headings(sso_companion) if level == 2]
    assert parts == ["Unpaid work", "Staying at home at set times", "Help to stop or cut down drinking"]
    text = rd.all_text(sso_companion)
    assert "You would do 120 hours in total, within 12 months." in text
    assert "You would stay at home for 8 hours a day, for 3 months." in text
    assert "This part would last 6 months." in text
    assert "You would work with Eastmere Alcohol Service." in text


def test_agreement_consequences_and_contacts(sso_companion):
    text = rd.all_text(sso_companion)
    assert "The court can only order treatment if you agree to it." in text
    assert ("You said you agree to the part about help to stop or cut down drinking. Your officer will ask you "
            "to sign to say so.") in text
    # A first missed appointment can go straight back to court (Sch 10 and Sch 16 para 6), and a
    # suspended sentence is usually activated (Sch 16 para 13): "you will get a warning" promised otherwise.
    assert ("If you miss an appointment without a good reason, you may get a warning, or you may be taken "
            "back to court straight away.") in text
    assert "you will get a warning" not in text
    assert "The court would then usually send you to prison." in text
    # The report's author, who may not be the officer supervising any order.
    assert "The officer who wrote your report is Morwenna Tate, Eastmere probation office." in text
    for number in ("111", "116 123", "999"):
        assert number in text


def test_headings_in_order(sso_companion):
    assert sso_companion.paragraphs[0].text == "About your report for the court"
    assert [t for level, t in rd.headings(sso_companion) if level == 1] == [
        "What the report is",
        "What your officer is suggesting",
        "Why your officer suggests this",
        "What it would mean day to day",
        "Your agreement",
        "If you do not take part",
        "Who to contact",
    ]


def test_adjournment_companion_explains_the_wait():
    case = sso_case()
    case.proposal.adjournment.requested = True
    case.proposal.adjournment.weeks = 4
    document = rd.reopen(build_companion(case, today=TODAY))
    text = rd.all_text(document)
    assert "Your officer is asking the court to wait before it decides your sentence, for about 4 weeks." in text
    assert "If you do not come back to court, you could be arrested." in text
    titles = [t for _, t in rd.headings(document)]
    assert "What it would mean day to day" not in titles and "Your agreement" not in titles


def test_oral_companion_and_written_consent():
    case = oral_case()
    text = rd.all_text(rd.reopen(build_companion(case, today=TODAY)))
    assert "Your officer is suggesting a community order for 12 months." in text
    assert "This would be up to 15 days." in text


def test_companion_properties_and_markings():
    document = rd.reopen(build_companion(sso_case(), draft=True, marking="OFFICIAL-SENSITIVE", today=TODAY))
    props = document.core_properties
    assert props.title == "About your report for the court"
    assert props.author == "Morwenna Tate" and props.language == "en-GB"
    assert rd.header_texts(document) == ["OFFICIAL-SENSITIVE", "DRAFT"]
    assert rd.footer_texts(document)[-1] == "OFFICIAL-SENSITIVE"


def test_companion_is_short():
    for factory in FIXTURES.values():
        assert len(companion_text(factory(), today=TODAY).split()) < 650  # about two pages at 12 pt


def test_report_and_companion_differ():
    case = sso_case()
    assert rd.all_text(rd.reopen(build_report(case, draft=False, today=TODAY))) != rd.all_text(
        rd.reopen(build_companion(case, today=TODAY))
    )


# --------------------------------------------------------------------------- content completeness


def test_every_sentence_and_requirement_has_plain_words():
    data = words("companion.yaml")
    for kind in SentenceKind:
        assert data["sentences"][kind.value]["name"] and data["sentences"][kind.value]["means"]
    for kind in RequirementKind:
        entry = data["requirements"][kind.value]
        assert entry["title"] and entry["means"] and entry["often"]


def test_report_wording_covers_every_choice_it_names():
    labels = words()["labels"]
    for kind in RequirementKind:
        assert labels["requirements"][kind.value].endswith("requirement")
    for kind in SentenceKind:
        assert labels["sentences"][kind.value]
    for stage in ChangeStage:
        assert labels["change_stages"][stage.value]


def test_court_reviews_of_a_drug_rehabilitation_requirement_are_mentioned_only_when_proposed():
    case = read_case_file(Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json")
    [drr] = [r for r in case.proposal.requirements if r.kind is RequirementKind.DRUG_REHABILITATION]
    drr.treatment.review_provision = False  # as the report says: "Reviews by the court: no"
    assert "review hearings" not in companion_text(case)
    drr.treatment.review_provision = True
    assert "The court would also check how you are getting on, at review hearings." in companion_text(case)


@pytest.mark.parametrize(
    ("consent", "companion_says", "report_says"),
    [
        # Marked "in writing" but taken by word of mouth: the report said not written, the
        # companion told the person they had signed.
        ({"given": True, "in_writing": True, "method": "verbal_only", "date": "2026-11-20"},
         "You said you agree to the part about help to stop or cut down drinking.",
         "agreed to the alcohol treatment requirement on 20 November 2026, but written consent has not been recorded."),
        ({"given": True, "in_writing": True, "method": "signed_form", "date": "2026-11-20"},
         "You signed to say you agree to the part about help to stop or cut down drinking, on 20 November 2026.",
         "gave written consent to the alcohol treatment requirement on 20 November 2026"),
        # Refused: the companion had said the officer would still ask.
        ({"given": False},
         "You told your officer you do not agree to the part about help to stop or cut down drinking. "
         "The court cannot order it unless you agree.",
         "has not consented to the alcohol treatment requirement."),
        (None,
         "Your officer will talk with you about the part about help to stop or cut down drinking, and ask if you agree.",
         "Consent to the alcohol treatment requirement has not been recorded."),
    ],
)
def test_the_companion_and_the_report_agree_about_consent(consent, companion_says, report_says):
    case = sso_case()
    (atr,) = [r for r in case.proposal.requirements if r.kind is RequirementKind.ALCOHOL_TREATMENT]
    atr.consent = consent
    companion = rd.all_text(rd.reopen(build_companion(case, today=TODAY)))
    report = rd.all_text(rd.reopen(build_report(case, draft=True, today=TODAY)))
    assert companion_says in companion
    assert report_says in report
    if consent is None or not consent.get("given"):
        assert "You said you agree" not in companion and "You signed" not in companion


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_plans_presenting_issues_are_never_copied_to_the_person(path):
    """The plan's presenting issues were listed as what the plan "can help you with": a risk to a
    former partner and children handed to the person who poses it, and "passive suicidal
    thoughts" stated baldly. They are the officer's words for the court."""
    case = read_case_file(path)
    text = rd.all_text(rd.reopen(build_companion(case, today=TODAY)))
    issues = [item.presenting_issue for item in case.proposal.plan if item.presenting_issue]
    assert not [issue for issue in issues if issue in text]
    if not case.proposal.adjournment.requested and case.proposal.requirements:
        assert "Your officer thinks this plan can help you with:" in text


def test_alcohol_abstinence_and_monitoring_allows_for_a_limit():
    """The law lets the court set no alcohol or a level (Sch 9 para 25); the companion said
    "You must not drink any alcohol" whichever the court chose."""
    case = sso_case()
    from psr_assist.domain.case import Requirement

    case.proposal.requirements.append(Requirement(kind=RequirementKind.ALCOHOL_ABSTINENCE_MONITORING, period_months=3))
    text = rd.all_text(rd.reopen(build_companion(case, today=TODAY)))
    assert "You must not drink alcohol, or you must keep under a limit the court sets." in text
    assert "must not drink any alcohol" not in text
