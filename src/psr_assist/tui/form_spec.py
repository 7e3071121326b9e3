"""The shape of every form, worked out once from the question bank and the case model.

A :class:`FieldSpec` says which control a question needs and where its value lives. Screens
build their widgets from these specs, so a question added to ``prompts/steps.yaml`` appears in
the app without code changes. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from psr_assist.domain.case import Case
from psr_assist.domain.questions import (
    FieldInfo,
    Question,
    QuestionBank,
    Step,
    default_control,
    resolve_field,
)
from psr_assist.tui.model_path import child_path, get_path, is_answered, parse_path

# Fields the app sets itself and never offers as an editable control.
APP_MANAGED = frozenset({"sign_off.status"})


@dataclass(frozen=True)
class FieldSpec:
    question: Question
    rel: str  # the question's field, relative to its parent (the case or a list item)
    control: str
    info: FieldInfo
    children: tuple[FieldSpec, ...] = ()

    @property
    def label(self) -> str:
        return self.question.label

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def item_label(self) -> str:
        return self.question.item_label or "Item"

    @property
    def max_length(self) -> int | None:
        return self.info.max_length

    def path_under(self, parent: str) -> str:
        return child_path(parent, self.rel) if parent else self.rel


def _specs(model: type[BaseModel], questions: list[Question]) -> tuple[FieldSpec, ...]:
    out = []
    for q in questions:
        info = resolve_field(model, q.field)
        control = q.control or default_control(info)
        children: tuple[FieldSpec, ...] = ()
        if control in ("list", "group") and info.item_model is not None:
            children = _specs(info.item_model, q.fields)
        out.append(FieldSpec(q, q.field, control, info, children))
    return tuple(out)


# Keyed by the bank object itself (kept alive here, so its id cannot be reused).
_CACHE: dict[tuple[int, str], tuple[QuestionBank, Any]] = {}


def _cached(bank: QuestionBank, key: str, make: Any) -> Any:
    entry = _CACHE.get((id(bank), key))
    if entry is None or entry[0] is not bank:
        entry = (bank, make())
        _CACHE[(id(bank), key)] = entry
    return entry[1]


def step_specs(bank: QuestionBank, step_id: str) -> tuple[FieldSpec, ...]:
    return _cached(bank, f"specs:{step_id}", lambda: _specs(Case, bank.step(step_id).questions))


@dataclass(frozen=True)
class Leaf:
    """One answerable question at a concrete path (lists count as one question)."""

    step: Step
    spec: FieldSpec
    path: str


def leaves(bank: QuestionBank, step: Step, case: Case | None = None) -> list[Leaf]:
    """The step's questions in order, groups opened up; lists stay whole."""
    result: list[Leaf] = []

    def walk(specs: tuple[FieldSpec, ...], parent: str) -> None:
        for spec in specs:
            path = spec.path_under(parent)
            if spec.rel in APP_MANAGED or path in APP_MANAGED:
                continue
            if spec.control == "group":
                walk(spec.children, path)
            else:
                result.append(Leaf(step, spec, path))

    walk(step_specs(bank, step.id), "")
    return result


def step_progress(
    bank: QuestionBank, case: Case, shown: Callable[[str], bool] | None = None
) -> dict[str, tuple[int, int]]:
    """(answered, total) questions per step; with ``shown``, only the questions at the paths it
    accepts (an answer hidden because it does not apply is not one still to do)."""
    out: dict[str, tuple[int, int]] = {}
    for step in bank.steps:
        items = [leaf for leaf in leaves(bank, step) if shown is None or shown(leaf.path)]
        answered = sum(1 for leaf in items if is_answered(get_path(case, leaf.path)))
        out[step.id] = (answered, len(items))
    return out


def interview_leaves(bank: QuestionBank) -> list[Leaf]:
    """Questions asked in interview mode, in the bank's interview_order (else the order of the steps).

    Questions marked ``interview: true`` in the bank, lists too (people close to the person,
    past treatment, the screening tools: asked once, each item added in its own dialog); if the
    bank marks none (content still being written), every single-value question is used so the
    mode is never empty.
    """
    every = [leaf for step in bank.steps for leaf in leaves(bank, step)]
    marked = [leaf for leaf in every if leaf.spec.question.interview]
    every = [leaf for leaf in every if leaf.spec.control != "list"]
    if marked and bank.interview_order:  # the bank's interview order (checked to name each once)
        rank = {qid: i for i, qid in enumerate(bank.interview_order)}
        marked.sort(key=lambda leaf: rank.get(leaf.spec.question.id, len(rank)))
    return marked or every


def field_order(bank: QuestionBank) -> list[tuple[str, str]]:
    """(step id, path) of every question, lists included, in the order the steps show them."""
    return _cached(
        bank, "order", lambda: [(step.id, leaf.path) for step in bank.steps for leaf in leaves(bank, step)]
    )


def answer_step(bank: QuestionBank, step_id: str, finding_path: str) -> str:
    """The step whose question a finding about ``finding_path`` points to: its own step when a
    question there matches, else the step that asks it (an MHTR's blocker about the specialist
    assessment is the proposal's, but the answer is asked on the screening step)."""
    order = field_order(bank)
    if any(sid == step_id and path_matches(path, finding_path) for sid, path in order):
        return step_id
    return next((sid for sid, path in order if path_matches(path, finding_path)), step_id)


def path_matches(field_path: str, finding_path: str) -> bool:
    """Whether a question at ``field_path`` is the place a finding about ``finding_path`` points to."""
    if field_path == finding_path:
        return True
    fp = parse_path(finding_path)
    qp = parse_path(field_path)
    # A finding on a group or a list item points at its first field; one inside a list item
    # points at the list.
    if len(qp) <= len(fp):
        return [p for p in fp[: len(qp)]] == qp or _strip_indices(fp)[: len(qp)] == qp
    return qp[: len(fp)] == fp


def _strip_indices(parts: list[Any]) -> list[Any]:
    return [p for p in parts if not isinstance(p, int)]


