"""AUDIT-C → AUDIT: which answers carry over is content (``leads_to.carry_items``), checked at load."""

from __future__ import annotations

import shutil

import pytest
import yaml

from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.instruments import instruments_dir, load_instruments


def test_audit_c_carries_its_three_questions_into_the_audit():
    audit_c = load_instruments()["audit_c"]
    assert audit_c.leads_to.instrument == "audit" and audit_c.leads_to.carry_items == 3
    assert audit_c.carried_answers([2, 1, 0]) == [2, 1, 0]
    assert audit_c.carried_answers([4]) == [4, None, None]
    assert load_instruments()["phq9"].carried_answers([1, 2, 3]) == []  # leads nowhere


def _copy_with(tmp_path, change):
    folder = tmp_path / "instruments"
    shutil.copytree(instruments_dir(), folder)
    path = folder / "audit_c.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_carrying_a_question_the_follow_on_does_not_share_is_refused(tmp_path):
    def reword(data):
        data["items"][2]["text"] = "A different question?"

    with pytest.raises(ContentError, match="carry_items is 3"):
        load_instruments(_copy_with(tmp_path, reword))


def test_carrying_more_questions_than_there_are_is_refused(tmp_path):
    def too_many(data):
        data["leads_to"]["carry_items"] = 4

    with pytest.raises(ContentError, match="carry_items 4"):
        load_instruments(_copy_with(tmp_path, too_many))
