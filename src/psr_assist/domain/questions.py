"""The question bank: steps, their questions and help text, loaded from ``prompts/``.

``prompts/steps.yaml`` lists the steps in order; each question names the case field it fills
(a dotted path into :class:`~psr_assist.domain.case.Case`; ``[]`` marks a repeating group).
``prompts/choices.yaml`` gives the words shown for every choice the case model allows.
Both are validated against the case model at load time, so a question can never point at a
field that does not exist, and a choice can never be shown without words.
"""


import datetime as dt
import functools
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from psr_assist.domain import case as case_module
from psr_assist.domain.case import Case
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.rules.content import describe, read_yaml

Control = Literal["text", "longtext", "date", "datetime", "choice", "bool", "int", "number", "list", "group"]


class _Content(BaseModel):
    # Built on first validation, not at import: content kept from an earlier run needs no validator.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Question(_Content):
    id: str
    field: str  # path relative to the step's case root, or to the list item for nested questions
    label: str
    help: str = ""
    ask: str | None = None  # interview wording: plain, trauma-informed, to read aloud
    control: Control | None = None  # derived from the model when omitted
    interview: bool = False  # asked in interview mode
    verbatim: bool = False  # the person's own words: never edited, summarised or spell-checked
    placeholder: str | None = None
    item_label: str | None = None  # for lists: "Source", "Offence"
    fields: list["Question"] = Field(default_factory=list)  # for lists and groups
    # Asked only when each named answer beside it (in the same group, item or part of the case)
    # is one of the values given: a follow-up ("Which surgery?") is not asked after "No". The
    # interview skips it; at the desk it stays on screen but is not where the focus goes first.
    asked_if: dict[str, list[str | bool]] = Field(default_factory=dict)
    # Said at once, as a critical alert, when the answer is one of ``alert_when``.
    alert: str | None = None
    alert_when: list[str | bool] = Field(default_factory=list)
    # The answers interview mode offers for this question (value -> words, in order), where the
    # choice list's own interview words would say more than the question asks ("Yes" to a knock
    # on the head is not a brain injury).
    interview_answers: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _list_has_fields(self) -> "Question":
        if self.control in ("list", "group") and not self.fields:
            raise ValueError(f"question {self.id!r} is a {self.control} but lists no fields")
        if bool(self.alert) != bool(self.alert_when):
            raise ValueError(f"question {self.id!r} needs both an alert and the answers that raise it")
        return self


def is_asked(question: Question, path: str, read: typing.Callable[[str], Any]) -> bool:
    """Whether ``question``, answered at ``path``, is asked given the answers beside it
    (``asked_if``), read through ``read(path)``."""
    if not question.asked_if:
        return True
    beside = path.rsplit(".", 1)[0] + "." if "." in path else ""
    return all(answer_is(read(beside + name), values) for name, values in question.asked_if.items())


def answer_is(value: Any, allowed: typing.Iterable[str | bool]) -> bool:
    """Whether a stored answer is one of ``allowed`` (choices by their value: "yes")."""
    if value is None:
        return False
    plain = value.value if isinstance(value, Enum) else value
    return any(plain == wanted and type(plain) is type(wanted) for wanted in allowed)


class Step(_Content):
    id: str
    title: str
    summary: str  # one line: what this step is for
    takeaway: str  # the guide's take-away this step serves, in our words
    questions: list[Question]


class QuestionBank(_Content):
    version: int
    # Said before the interview's first question: who the officer is, what the report is for,
    # who reads it, the limits of confidentiality, and that the person may decline.
    interview_opening: str = ""
    # Beside an interview question: whose words its answer is. The person's own (verbatim), or
    # the officer's account of what they said (a long answer that is not verbatim), which the
    # report prints as the officer's prose.
    interview_verbatim_note: str = ""
    interview_account_note: str = ""
    # F1 on a screening tool and on the at-a-glance view: how to use them.
    screening_help: str = ""
    glance_help: str = ""
    # The order interview mode asks its questions in (question ids), when it is not the order of
    # the steps: rapport and language first, risk to self straight after mental health, not last.
    interview_order: list[str] = Field(default_factory=list)
    steps: list[Step]
    choices: dict[str, dict[str, str]] = Field(default_factory=dict)  # Enum name -> value -> words
    short_choices: dict[str, dict[str, str]] = Field(default_factory=dict)  # the same, where space is tight
    # The answers an interview offers for a choice list, in the person's terms, in order (a
    # value left out is not offered there); lists without any offer their usual words.
    interview_choices: dict[str, dict[str, str]] = Field(default_factory=dict)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]

    def choice_label(self, enum_value: Enum) -> str:
        return self.choices.get(type(enum_value).__name__, {}).get(enum_value.value, enum_value.value)

    def short_label(self, enum_value: Enum) -> str:
        """Shorter words for a choice where space is tight (``short`` in choices.yaml), else its words."""
        short = self.short_choices.get(type(enum_value).__name__, {}).get(enum_value.value)
        return short or self.choice_label(enum_value)

    def interview_options(self, enum: type[Enum], question: Question | None = None) -> list[tuple[str, Enum]]:
        """The answers interview mode offers for a choice list: the question's own
        (``interview_answers`` in steps.yaml), else the list's (``interview`` in choices.yaml):
        what the person might say, not the officer's categories; else every choice in its words."""
        words = (question.interview_answers if question is not None else None) or self.interview_choices.get(
            enum.__name__
        )
        if not words:
            return [(self.choice_label(member), member) for member in enum]
        return [(text, enum(value)) for value, text in words.items()]

    def questions(self) -> typing.Iterator[tuple[Step, Question]]:
        for step in self.steps:
            for q in step.questions:
                yield step, q


# --------------------------------------------------------------------------- field resolution


class FieldInfo(typing.NamedTuple):
    """What the case model says about one field a question fills."""

    annotation: Any  # the bare type, Optional removed
    is_list: bool
    item_model: type[BaseModel] | None  # for lists of models / nested models
    enum: type[Enum] | None
    max_length: int | None


def unwrap_annotation(annotation: Any) -> Any:
    """The bare type behind ``Annotated[...]`` and ``X | None``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap_annotation(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return unwrap_annotation(args[0])
    return annotation


def _max_length_in(annotation: Any) -> int | None:
    """The max_length hidden in an Annotated alias (ShortText, LongText), even inside Optional."""
    for meta in getattr(annotation, "__metadata__", ()) or ():
        for candidate in (meta, *getattr(meta, "metadata", ())):
            value = getattr(candidate, "max_length", None)
            if isinstance(value, int):
                return value
    for arg in typing.get_args(annotation):
        found = _max_length_in(arg)
        if found is not None:
            return found
    return None


def resolve_field(model: type[BaseModel], path: str) -> FieldInfo:
    """Follow a dotted path (``risk.rosh.children``, ``sources``) through the case model."""
    current: type[BaseModel] = model
    parts = path.split(".")
    for index, part in enumerate(parts):
        if part not in current.model_fields:
            raise KeyError(path)
        info = current.model_fields[part]
        annotation = unwrap_annotation(info.annotation)
        max_length = None
        for meta in info.metadata:
            max_length = getattr(meta, "max_length", max_length)
        is_last = index == len(parts) - 1
        origin = typing.get_origin(annotation)
        if origin is list:
            item = unwrap_annotation(typing.get_args(annotation)[0])
            if not is_last:
                raise KeyError(path)
            model_item = item if isinstance(item, type) and issubclass(item, BaseModel) else None
            return FieldInfo(annotation, True, model_item, None, max_length)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if is_last:
                return FieldInfo(annotation, False, annotation, None, None)
            current = annotation
            continue
        if not is_last:
            raise KeyError(path)
        if max_length is None:
            max_length = _max_length_in(info.annotation)
        enum = annotation if isinstance(annotation, type) and issubclass(annotation, Enum) else None
        return FieldInfo(annotation, False, None, enum, max_length)
    raise KeyError(path)


def default_control(info: FieldInfo) -> str:
    if info.is_list:
        return "list"
    if info.item_model is not None:
        return "group"
    if info.enum is not None:
        return "choice"
    ann = info.annotation
    if ann is bool:
        return "bool"
    if ann is int:
        return "int"
    if ann is float:
        return "number"
    if ann is dt.datetime:
        return "datetime"
    if ann is dt.date:
        return "date"
    if info.max_length is not None and info.max_length > case_module.SHORT_TEXT_MAX:
        return "longtext"
    return "text"


# --------------------------------------------------------------------------- loading


def _all_enums() -> dict[str, type[Enum]]:
    return {
        name: obj
        for name, obj in vars(case_module).items()
        if isinstance(obj, type) and issubclass(obj, Enum) and obj.__module__ == case_module.__name__
    }


def _check_questions(
    file: str,
    model: type[BaseModel],
    prefix: str,
    questions: list[Question],
    seen: set[str],
    asked: list[str] | None = None,
) -> None:
    """Check each question against the case model. ``asked`` collects the ids interview mode
    asks (answers marked ``interview``, in groups too; a list marked ``interview`` is asked as
    one question, its items are not asked one by one)."""
    for q in questions:
        if q.id in seen:
            raise ContentError(f"{file}: question id {q.id!r} is used twice")
        seen.add(q.id)
        try:
            info = resolve_field(model, q.field)
        except KeyError:
            raise ContentError(
                f"{file}: question {q.id!r} points at {(prefix + q.field)!r}, which is not a field of the case"
            ) from None
        natural = default_control(info)
        control = q.control or natural
        compatible = {
            "text": {"text", "longtext"},
            "longtext": {"text", "longtext"},
        }.get(natural, {natural})
        if control not in compatible:
            raise ContentError(
                f"{file}: question {q.id!r} uses control {control!r} but {prefix}{q.field} needs {natural!r}"
            )
        if control in ("list", "group"):
            if info.item_model is None:
                raise ContentError(f"{file}: question {q.id!r} is a {control} of plain values; not supported")
            if not q.fields:
                raise ContentError(f"{file}: question {q.id!r} is a {control} but lists no fields")
            if control == "list" and q.interview and asked is not None:
                asked.append(q.id)  # asked as one question; its items are filled in the item's dialog
            inner = asked if control == "group" else None
            _check_questions(file, info.item_model, f"{prefix}{q.field}.", q.fields, seen, inner)
        elif q.interview and asked is not None:
            asked.append(q.id)
        elif q.fields:
            raise ContentError(f"{file}: question {q.id!r} has nested fields but is not a list or group")
        beside = q.field.rsplit(".", 1)[0] + "." if "." in q.field else ""  # the answers next to this one
        for other, values in q.asked_if.items():
            _check_answers(file, q.id, "asked_if", model, prefix, beside + other, values)
        if q.alert_when:
            _check_answers(file, q.id, "alert_when", model, prefix, q.field, q.alert_when)
        if q.interview_answers:
            _check_answers(file, q.id, "interview_answers", model, prefix, q.field, list(q.interview_answers))


def _check_interview_order(order: list[str], asked: list[str]) -> None:
    """``interview_order`` names every question interview mode asks once, and nothing else."""
    twice = sorted({qid for qid in order if order.count(qid) > 1})
    if twice:
        raise ContentError(f"steps.yaml: interview_order names {', '.join(twice)} twice")
    unknown = [qid for qid in order if qid not in asked]
    if unknown:
        raise ContentError(f"steps.yaml: interview_order names {', '.join(unknown)}, which is not an interview question")
    missing = [qid for qid in asked if qid not in order]
    if missing:
        raise ContentError(f"steps.yaml: interview_order leaves out {', '.join(missing)}")


def _check_answers(
    file: str, qid: str, key: str, model: type[BaseModel], prefix: str, field: str, values: list[str | bool]
) -> None:
    """``values`` must be answers the field at ``field`` (beside the question) can hold."""
    try:
        info = resolve_field(model, field)
    except KeyError:
        raise ContentError(f"{file}: question {qid!r} {key} names {(prefix + field)!r}, which is not a field") from None
    if info.enum is not None:
        allowed: set[Any] = {member.value for member in info.enum}
    elif unwrap_annotation(info.annotation) is bool:
        allowed = {True, False}
    else:
        raise ContentError(f"{file}: question {qid!r} {key} needs a choice or yes/no answer, not {prefix}{field}")
    for value in values:
        if not answer_is(value, allowed):
            raise ContentError(
                f"{file}: question {qid!r} {key} gives {value!r}, which {prefix}{field} cannot hold"
                " (quote yes and no in YAML)"
            )


def load_question_bank(directory: Path | None = None) -> QuestionBank:
    """Load and validate ``steps.yaml`` and ``choices.yaml``; raise ContentError naming the file."""
    if directory is None:
        from psr_assist.paths import prompts_dir

        directory = prompts_dir()
    steps_raw = read_yaml(directory / "steps.yaml")
    choices_raw = read_yaml(directory / "choices.yaml")
    if not isinstance(choices_raw, dict):
        raise ContentError("choices.yaml: expected a mapping of choice lists")
    choices_raw = dict(choices_raw)
    short_raw = choices_raw.pop("short", None) or {}
    interview_raw = choices_raw.pop("interview", None) or {}
    try:
        bank = QuestionBank.model_validate(
            {
                **(steps_raw or {}),
                "choices": choices_raw,
                "short_choices": short_raw,
                "interview_choices": interview_raw,
            }
        )
    except ValidationError as exc:
        raise ContentError(f"steps.yaml: {describe(exc)}") from None
    if not bank.steps:
        raise ContentError("steps.yaml: no steps are defined")
    step_ids = [s.id for s in bank.steps]
    if len(set(step_ids)) != len(step_ids):
        raise ContentError("steps.yaml: two steps share an id")
    seen: set[str] = set()
    asked: list[str] = []
    for step in bank.steps:
        _check_questions("steps.yaml", Case, "", step.questions, seen, asked)
    if bank.interview_order:
        _check_interview_order(bank.interview_order, asked)
    enums = _all_enums()
    for where, lists in (("", bank.choices), ("short: ", bank.short_choices), ("interview: ", bank.interview_choices)):
        for name, labels in lists.items():
            if name not in enums:
                raise ContentError(f"choices.yaml: {where}{name!r} is not a choice list of the case model")
            unknown = set(labels) - {e.value for e in enums[name]}
            if unknown:
                raise ContentError(
                    f"choices.yaml: {where}{name} has words for unknown value(s): {', '.join(sorted(unknown))}"
                )
    for name, enum in enums.items():
        missing = [e.value for e in enum if e.value not in bank.choices.get(name, {})]
        if missing:
            raise ContentError(f"choices.yaml: {name} has no words for: {', '.join(missing)}")
    return bank


@functools.lru_cache(maxsize=1)
def question_bank() -> QuestionBank:
    """The shipped question bank, loaded once per process (kept between runs when allowed)."""
    from psr_assist.domain.content_cache import cached
    from psr_assist.paths import prompts_dir

    directory = prompts_dir()
    sources = [directory / "steps.yaml", directory / "choices.yaml"]
    return cached("question-bank", sources, lambda: load_question_bank(directory), QuestionBank)
