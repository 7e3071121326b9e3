"""The shipped question bank (prompts/steps.yaml, prompts/choices.yaml) and what happens when it is broken."""

from __future__ import annotations

import shutil
import typing
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from psr_assist.domain import case as case_module
from psr_assist.domain.case import Case, CustodyPosition, RoshLevel, SourceKind, YesNoUnknown
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.questions import (
    Question,
    QuestionBank,
    default_control,
    load_question_bank,
    question_bank,
    resolve_field,
)
from psr_assist.paths import prompts_dir

STEP_IDS = ["case", "sources", "mental_health", "screening", "comorbidity", "person", "motivation", "risk",
            "proposal", "review"]

# Case fields deliberately not asked as questions: bookkeeping, and instrument answers (their own widget).
NOT_ASKED = {
    "schema_version",
    "id",
    "screening.results.instrument",
    "screening.results.answers",
    "screening.results.extra_answers",
}

# The person's own words: recorded as said, never tidied.
OWN_WORDS = {"motivation.own_views", "motivation.lived_experience", "offence_analysis.own_account"}


def _walk(questions: list[Question], prefix: str = "") -> Iterator[tuple[str, Question]]:
    """(full field path, question) for every question, nested ones included."""
    for q in questions:
        path = f"{prefix}{q.field}"
        yield path, q
        yield from _walk(q.fields, f"{path}.")


def _all(bank: QuestionBank) -> list[tuple[str, str, Question]]:
    return [(step.id, path, q) for step in bank.steps for path, q in _walk(step.questions)]


def _model_leaves(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every answerable field of the case model, as a dotted path (list items without an index)."""
    for name in model.model_fields:
        path = f"{prefix}{name}"
        info = resolve_field(model, name)
        if info.item_model is not None:
            yield from _model_leaves(info.item_model, f"{path}.")
        else:
            yield path


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


# --------------------------------------------------------------------------- the shipped bank


def test_shipped_bank_loads_with_the_steps_in_order(bank: QuestionBank) -> None:
    assert bank.step_ids == STEP_IDS
    assert question_bank().step_ids == STEP_IDS


def test_every_step_has_a_title_summary_and_takeaway(bank: QuestionBank) -> None:
    for step in bank.steps:
        assert step.title.strip(), step.id
        assert step.summary.strip(), step.id
        assert "\n" not in step.summary, f"{step.id}: the summary is one line"
        assert len(step.takeaway.split()) >= 15, f"{step.id}: the take-away needs real content"


def test_every_question_has_a_label_and_help(bank: QuestionBank) -> None:
    for step_id, path, q in _all(bank):
        assert q.label.strip(), path
        assert q.help.strip(), f"{step_id}: {path} has no help"
        assert q.help.strip().endswith((".", "?")), f"{path}: help should be full sentences"
        # help is 1-4 sentences: a short panel, not an essay
        assert len(q.help) <= 600, f"{path}: help is too long ({len(q.help)} characters)"


def test_labels_are_written_for_officers_not_generated(bank: QuestionBank) -> None:
    # The skeleton made every label from its field name ("Gp registered", "Crn"). Some officer labels
    # coincide with a field name ("Date of birth", "Details"); most should not.
    entries = _all(bank)
    generated = [path for _, path, q in entries if q.label == path.rsplit(".", 1)[-1].replace("_", " ").capitalize()]
    assert len(generated) < len(entries) // 3, generated
    labels = {q.label for _, _, q in entries}
    for bad in ("Gp registered", "Crn", "Pnc", "Significantother", "Previoustreatment", "Screeningresult"):
        assert bad not in labels
        assert bad not in {q.item_label for _, _, q in entries}


def test_ids_are_the_full_field_path(bank: QuestionBank) -> None:
    # Ids are stable and readable: other code (the TUI, findings) refers to them.
    for _, path, q in _all(bank):
        assert q.id == path


def test_every_case_field_is_reached_by_a_question(bank: QuestionBank) -> None:
    asked = {path for _, path, _ in _all(bank)}
    leaves = set(_model_leaves(Case))
    missing = sorted(leaves - asked - NOT_ASKED)
    assert not missing, f"case fields no question fills: {missing}"
    # and the deliberate exclusions really are excluded (instrument answers have their own widget)
    assert not (asked & NOT_ASKED)


def test_questions_stay_in_their_steps(bank: QuestionBank) -> None:
    where = {path: step_id for step_id, path, _ in _all(bank)}
    assert where["case_details.court"] == "case"
    assert where["offence_analysis.mental_health_at_offence"] == "case"
    assert where["sources.kind"] == "sources"
    assert where["significant_others.consent_to_contact"] == "sources"
    assert where["screening.specialist_assessment.status"] == "screening"
    assert where["comorbidity.dual_diagnosis_analysis"] == "comorbidity"
    assert where["person.intersection"] == "person"
    assert where["motivation.own_views"] == "motivation"
    assert where["risk.risk_to_self.action_taken"] == "risk"
    assert where["proposal.requirements.consent.in_writing"] == "proposal"
    assert where["sign_off.status"] == "review"


def test_own_words_fields_are_verbatim_interview_questions(bank: QuestionBank) -> None:
    by_path = {path: q for _, path, q in _all(bank)}
    for path in OWN_WORDS:
        assert by_path[path].verbatim, path
        assert by_path[path].interview, path
    verbatim = {path for path, q in by_path.items() if q.verbatim}
    assert verbatim == OWN_WORDS, "only the person's own words are verbatim"
    for path in verbatim:
        assert by_path[path].control == "longtext", f"{path}: own words need room"


def _max_length(model: type[BaseModel], name: str) -> int | None:
    """The max length the case model puts on a text field (ShortText 300, LongText 20,000...)."""

    def scan(annotation: object) -> int | None:
        for arg in typing.get_args(annotation):
            for meta in getattr(arg, "__metadata__", ()) or ():
                for inner in [meta, *(getattr(meta, "metadata", None) or [])]:
                    if isinstance(getattr(inner, "max_length", None), int):
                        return inner.max_length
            found = scan(arg)
            if found:
                return found
        return None

    return scan(model.model_fields[name].annotation)


def test_long_text_fields_get_a_multi_line_control(bank: QuestionBank) -> None:
    def walk(model: type[BaseModel], questions: list[Question]) -> Iterator[tuple[str, str]]:
        for q in questions:
            *parents, name = q.field.split(".")
            owner = model
            for part in parents:
                owner = resolve_field(owner, part).item_model
            info = resolve_field(model, q.field)
            if info.item_model is not None:
                yield from walk(info.item_model, q.fields)
                continue
            limit = _max_length(owner, name)
            control = q.control or default_control(info)
            if limit is not None:
                yield q.id, ("longtext" if limit > case_module.SHORT_TEXT_MAX else "text") + ":" + control

    checked = [item for step in bank.steps for item in walk(Case, step.questions)]
    assert len(checked) > 100
    wrong = [qid for qid, pair in checked if pair.split(":")[0] != pair.split(":")[1]]
    assert not wrong, f"text controls that do not fit the field's length: {wrong}"


def test_interview_questions_have_wording_to_read_aloud(bank: QuestionBank) -> None:
    interview = [(path, q) for _, path, q in _all(bank) if q.interview]
    assert len(interview) >= 25, "interview mode needs enough questions to run an interview"
    for path, q in interview:
        assert q.ask and q.ask.strip(), f"{path}: interview question without wording"
    for _, path, q in _all(bank):
        if q.ask:
            assert q.interview, f"{path}: has interview wording but is not marked interview"


def test_interview_wording_offers_choice_on_sensitive_subjects(bank: QuestionBank) -> None:
    by_path = {path: q for _, path, q in _all(bank)}
    # Trauma-informed: the person decides what to share.
    for path in ("mental_health.history", "person.trauma", "risk.risk_to_self.self_harm_history"):
        ask = by_path[path].ask.lower()
        assert "don't" in ask or "you can" in ask, f"{path}: say the person need not answer"
    assert "no" in by_path["significant_others.consent_to_contact"].ask.lower()


def test_interview_wording_does_not_embed_licensed_tools(bank: QuestionBank) -> None:
    # C-SSRS items must never be reproduced: the bank's wording is checked against the hashed
    # fingerprints of the screener's phrases (the phrases themselves are kept out of the repo).
    from tests.unit.test_instruments import CSSRS_SCREENER_FINGERPRINTS, contains_fingerprinted_phrase

    text = " ".join(f"{q.ask or ''} {q.help}" for _, _, q in _all(bank))
    assert not contains_fingerprinted_phrase(text, CSSRS_SCREENER_FINGERPRINTS)


def test_help_carries_the_guides_key_practice_points(bank: QuestionBank) -> None:
    by_path = {path: q for _, path, q in _all(bank)}
    assert "adverse" in by_path["mental_health.concern_raised"].help
    assert "confirmed independently" in by_path["sources.verified"].help
    assert "mask" in by_path["comorbidity.dual_diagnosis_analysis"].help
    assert "not a diagnosis" in by_path["screening.results"].help
    assert "writing" in by_path["proposal.requirements.consent"].help
    assert "finished within" in by_path["proposal.order_length_months"].help
    assert "combine" in bank.step("person").takeaway or "intersect" in bank.step("person").takeaway


def test_every_choice_has_officer_words(bank: QuestionBank) -> None:
    for name, enum in vars(case_module).items():
        if isinstance(enum, type) and issubclass(enum, Enum) and enum.__module__ == case_module.__name__:
            for value in enum:
                words = bank.choice_label(value)
                assert words and words != value.value, f"{name}.{value.value}"
    assert bank.choice_label(SourceKind.DOMESTIC_ABUSE_CALLOUTS) == "Police domestic abuse call-outs"
    assert bank.choice_label(SourceKind.SAFEGUARDING) == "Safeguarding (children's social care)"
    assert [bank.choice_label(v) for v in RoshLevel] == ["Low", "Medium", "High", "Very high"]
    assert bank.choice_label(CustodyPosition.POSSIBLE) == "A custodial sentence is possible or expected"


# --------------------------------------------------------------------------- broken content


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    for name in ("steps.yaml", "choices.yaml"):
        shutil.copy(prompts_dir() / name, tmp_path / name)
    return tmp_path


def _edit_steps(directory: Path, change) -> None:
    path = directory / "steps.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _edit_choices(directory: Path, change) -> None:
    path = directory / "choices.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _question(data: dict, step_id: str, question_id: str) -> dict:
    step = next(s for s in data["steps"] if s["id"] == step_id)
    return next(q for q in step["questions"] if q["id"] == question_id)


def test_a_copy_of_the_shipped_content_loads(content: Path) -> None:
    assert load_question_bank(content).step_ids == STEP_IDS
    _edit_steps(content, lambda data: None)  # a round trip through the YAML dumper changes nothing
    assert load_question_bank(content) == load_question_bank()


def test_bad_yaml_in_steps_names_the_file_and_line(content: Path) -> None:
    text = (content / "steps.yaml").read_text(encoding="utf-8").splitlines()
    text.insert(5, "steps: [unclosed")
    (content / "steps.yaml").write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_question_bank(content)
    message = str(err.value)
    assert message.startswith("steps.yaml: ")
    assert "line" in message


def test_bad_yaml_in_choices_names_the_file(content: Path) -> None:
    (content / "choices.yaml").write_text("RoshLevel:\n  low: Low\n    high: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^choices\.yaml: .*line \d+"):
        load_question_bank(content)


def test_unknown_field_path_is_named(content: Path) -> None:
    _edit_steps(content, lambda d: _question(d, "case", "case_details.court").update(field="case_details.courtroom"))
    with pytest.raises(ContentError) as err:
        load_question_bank(content)
    message = str(err.value)
    assert message.startswith("steps.yaml: ")
    assert "case_details.courtroom" in message
    assert "not a field" in message


def test_unknown_nested_field_path_is_named(content: Path) -> None:
    def change(d: dict) -> None:
        _question(d, "sources", "sources")["fields"][0]["field"] = "flavour"

    _edit_steps(content, change)
    with pytest.raises(ContentError, match=r"^steps\.yaml: .*flavour.*not a field"):
        load_question_bank(content)


def test_duplicate_question_id_is_named(content: Path) -> None:
    _edit_steps(content, lambda d: _question(d, "case", "case_details.hearing_date").update(id="case_details.court"))
    with pytest.raises(ContentError) as err:
        load_question_bank(content)
    message = str(err.value)
    assert message.startswith("steps.yaml: ")
    assert "'case_details.court'" in message
    assert "twice" in message


def test_duplicate_step_id_is_refused(content: Path) -> None:
    _edit_steps(content, lambda d: d["steps"][1].update(id="case"))
    with pytest.raises(ContentError, match=r"^steps\.yaml: .*share an id"):
        load_question_bank(content)


def test_unknown_key_in_a_question_is_named(content: Path) -> None:
    _edit_steps(content, lambda d: _question(d, "case", "case_details.court").update(hint="typo for help"))
    with pytest.raises(ContentError, match=r"^steps\.yaml: .*hint"):
        load_question_bank(content)


def test_unknown_enum_value_in_choices_is_named(content: Path) -> None:
    _edit_choices(content, lambda d: d["RoshLevel"].update(extreme="Extreme"))
    with pytest.raises(ContentError) as err:
        load_question_bank(content)
    message = str(err.value)
    assert message.startswith("choices.yaml: ")
    assert "RoshLevel" in message
    assert "extreme" in message


def test_unknown_choice_list_is_named(content: Path) -> None:
    _edit_choices(content, lambda d: d.update(RiskColour={"red": "Red"}))
    with pytest.raises(ContentError, match=r"^choices\.yaml: 'RiskColour'"):
        load_question_bank(content)


def test_missing_choice_words_are_named(content: Path) -> None:
    _edit_choices(content, lambda d: d["RoshLevel"].pop("very_high"))
    with pytest.raises(ContentError) as err:
        load_question_bank(content)
    message = str(err.value)
    assert message.startswith("choices.yaml: ")
    assert "RoshLevel" in message
    assert "very_high" in message


def test_a_whole_missing_choice_list_is_named(content: Path) -> None:
    _edit_choices(content, lambda d: d.pop("CustodyPosition"))
    with pytest.raises(ContentError, match=r"^choices\.yaml: CustodyPosition has no words for: possible"):
        load_question_bank(content)


def test_a_missing_file_is_named(content: Path) -> None:
    (content / "choices.yaml").unlink()
    with pytest.raises(ContentError, match=r"^choices\.yaml: file is missing"):
        load_question_bank(content)


def test_a_badly_broken_steps_file_is_one_short_line(content: Path) -> None:
    steps = yaml.safe_load((content / "steps.yaml").read_text(encoding="utf-8"))
    for step in steps["steps"]:
        step["colour"] = "red"  # an unknown key in every step: one problem each
    (content / "steps.yaml").write_text(yaml.safe_dump(steps), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_question_bank(content)
    message = str(err.value)
    assert message.startswith("steps.yaml: ") and "\n" not in message
    assert message.count("Extra inputs are not permitted") == 3
    assert message.endswith(f"and {len(steps['steps']) - 3} more problems")


def test_follow_ups_and_alerts_must_name_answers_the_case_can_hold(content: Path) -> None:
    from psr_assist.domain.questions import answer_is

    def follow_up(**change):
        return lambda d: _question(d, "mental_health", "mental_health.gp_practice").update(**change)

    for change, words in (
        (follow_up(asked_if={"gp_registerd": ["yes"]}), "not a field"),
        (follow_up(asked_if={"gp_registered": [True]}), "cannot hold"),  # yes unquoted in YAML
        (follow_up(asked_if={"gp_registered": ["maybe"]}), "cannot hold"),
        (follow_up(asked_if={"gp_practice": ["yes"]}), "choice or yes/no"),
        (follow_up(alert="Act now."), "both an alert"),
    ):
        _edit_steps(content, change)
        with pytest.raises(ContentError, match=words):
            load_question_bank(content)
        for name in ("steps.yaml",):
            shutil.copy(prompts_dir() / name, content / name)
    # The shipped follow-ups and alert (current thoughts of suicide) are what they say.
    bank = load_question_bank()
    questions = {}
    walk = [q for _, q in bank.questions()]
    while walk:
        question = walk.pop()
        questions[question.id] = question
        walk.extend(question.fields)
    assert questions["mental_health.gp_practice"].asked_if == {"gp_registered": ["yes"]}
    assert questions["risk.risk_to_self.ideation_details"].asked_if == {"current_ideation": ["yes"]}
    assert questions["risk.risk_to_self.current_ideation"].alert_when == ["yes"]
    assert answer_is(YesNoUnknown.YES, ["yes"]) and not answer_is(YesNoUnknown.NO, ["yes"])
    assert not answer_is(None, ["yes"]) and not answer_is(True, ["yes"]) and answer_is(True, [True])


def test_the_interview_asks_language_first_and_risk_to_self_before_other_needs(content: Path) -> None:
    from psr_assist.tui.form_spec import interview_leaves

    bank = load_question_bank()
    asked = [leaf.spec.question.id for leaf in interview_leaves(bank)]
    assert asked == bank.interview_order
    assert asked[:2] == ["case_details.defendant.pronouns", "person.first_language"]
    ideation = asked.index("risk.risk_to_self.current_ideation")
    assert asked.index("mental_health.history") < ideation < asked.index("comorbidity.substance_misuse.presence")
    assert ideation < len(asked) / 2  # never left to the end, when the time in the cell runs out
    # The order must name every interview question once, and nothing else.
    order = list(bank.interview_order)
    for broken, words in (
        (order[1:], "leaves out case_details.defendant.pronouns"),
        (order + [order[0]], "twice"),
        (order + ["case_details.court"], "not an interview question"),
    ):
        _edit_steps(content, lambda d, b=broken: d.update(interview_order=b))
        with pytest.raises(ContentError, match=words):
            load_question_bank(content)


def test_the_interview_offers_what_the_person_says_not_the_officers_categories(content: Path) -> None:
    from psr_assist.domain.case import Presence, YesNoUnknown

    bank = load_question_bank()
    offered = bank.interview_options(Presence)
    # "Have you ever been told you have ADHD?": yes, no, they wonder, or not known. A diagnosis
    # is the desk's to record once it is confirmed, so it is not offered to be chosen in the room.
    assert [value for _, value in offered] == [
        Presence.SELF_REPORTED,
        Presence.NONE_IDENTIFIED,
        Presence.SUSPECTED,
        Presence.UNKNOWN,
    ]
    assert offered[0][0].startswith("Yes") and offered[1][0] == "No"
    # A list without interview words offers every choice in its usual words.
    assert bank.interview_options(YesNoUnknown) == [("Yes", YesNoUnknown.YES), ("No", YesNoUnknown.NO),
                                                    ("Not known", YesNoUnknown.UNKNOWN)]
    # The drug-use follow-up is not asked after "No".
    substance = next(q for _, q in bank.questions() if q.id == "comorbidity.substance_misuse")
    details = next(q for q in substance.fields if q.id == "comorbidity.substance_misuse.details")
    assert "none_identified" not in details.asked_if["presence"]
    assert "suspected" not in details.asked_if["presence"]  # "you see signs" is not "I use"
    # Interview words are checked like every other words.
    _edit_choices(content, lambda d: d["interview"]["Presence"].update(maybe="Maybe"))
    with pytest.raises(ContentError, match=r"choices\.yaml: interview: Presence has words for unknown value\(s\): maybe"):
        load_question_bank(content)
    _edit_choices(content, lambda d: d["interview"]["Presence"].pop("maybe"))
    _edit_choices(content, lambda d: d["interview"].update(Presense=d["interview"].pop("Presence")))
    with pytest.raises(ContentError, match="interview: 'Presense' is not a choice list"):
        load_question_bank(content)


def test_a_question_can_offer_its_own_interview_answers(content: Path) -> None:
    """"Yes" to a knock on the head is not a brain injury: the head-injury question offers its own
    answers, so only a knock with changes since is recorded, and then as suspected."""
    from psr_assist.domain.case import Presence

    bank = load_question_bank()
    walk = [q for _, q in bank.questions()]
    questions = {}
    while walk:
        question = walk.pop()
        questions[question.id] = question
        walk.extend(question.fields)
    head = questions["comorbidity.acquired_brain_injury.presence"]
    offered = bank.interview_options(Presence, head)
    assert [value for _, value in offered] == [Presence.SUSPECTED, Presence.NONE_IDENTIFIED, Presence.UNKNOWN]
    assert offered[0][0].startswith("Yes, with changes since")
    # Others keep the choice list's interview words; asked about a need, a yes records one.
    alcohol = questions["comorbidity.alcohol.presence"]
    assert bank.interview_options(Presence, alcohol) == bank.interview_options(Presence)
    assert "problems" in alcohol.ask
    # Checked at load like asked_if and alert_when.
    _edit_steps(content, lambda d: next(
        g for g in next(s for s in d["steps"] if s["id"] == "comorbidity")["questions"]
        if g["id"] == "comorbidity.acquired_brain_injury")["fields"][0]["interview_answers"].update(maybe="Maybe"))
    with pytest.raises(ContentError, match="interview_answers gives 'maybe'"):
        load_question_bank(content)


def _every_question(bank: QuestionBank):
    def walk(questions):
        for q in questions:
            yield q
            yield from walk(q.fields)

    for step in bank.steps:
        yield from walk(step.questions)


def test_what_asked_if_rules_out_the_check_never_asks_for(bank: QuestionBank) -> None:
    """asked_if (prompts) says which answers follow from which; the check (domain/rules) says which
    answers are missing. The two must agree, or the interview would skip (and the desk would not
    start at) an answer the check then demands."""
    from psr_assist.domain.case import Presence, SpecialistAssessmentStatus
    from psr_assist.domain.check import check_case
    from psr_assist.domain.questions import is_asked
    from psr_assist.domain.rules.facts import PRESENT

    by_id = {q.id: q for q in _every_question(bank)}

    def read(case: Case):
        def value(path: str):
            node = case
            for part in path.split("."):
                node = getattr(node, part)
            return node

        return value

    for status in SpecialistAssessmentStatus:
        case = Case()
        case.mental_health.concern_raised = True
        case.screening.specialist_assessment.status = status
        for finding in check_case(case):
            question = by_id.get(finding.field)
            if finding.field.startswith("screening.specialist_assessment.") and question is not None:
                assert is_asked(question, finding.field, read(case)), (status, finding.field)
    # A condition's details are asked only when the check counts the condition as present (never
    # after "none identified" or "not known"), and every condition's details are asked somewhere.
    details = [q for q in by_id.values() if q.id.startswith("comorbidity.") and q.id.endswith(".details")]
    assert details
    for question in details:
        asked_when = {Presence(v) for v in question.asked_if.get("presence", [])}
        assert asked_when and asked_when <= set(PRESENT), question.id
