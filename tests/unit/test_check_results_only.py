"""Which results-only tools are licensed is content (``licensed`` in results_only.yaml), read by the report."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from psr_assist.domain.case import Case
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.instruments import instruments_dir, load_results_only_tools
from psr_assist.render.context import build_context


def test_cssrs_and_ldsq_are_licensed_other_tools_are_not():
    tools = load_results_only_tools()
    assert {tool_id: tool.licensed for tool_id, tool in tools.items()} == {"cssrs": True, "ldsq": True, "other": False}


def test_the_report_names_the_licensed_tools_from_the_content():
    case = Case.model_validate({"screening": {"results_only": [
        {"tool": "ldsq", "positive": False},
        {"tool": "other", "tool_name": "A local tool", "positive": False},
    ]}})
    ctx = build_context(case, draft=True, findings=[], marking=None, today=dt.date(2026, 11, 26))
    assert ctx["screening"]["licensed_tools"] == ["LDSQ"]


def test_a_tool_without_its_licensed_flag_is_refused(tmp_path):
    folder = tmp_path / "instruments"
    shutil.copytree(instruments_dir(), folder)
    path = folder / "results_only.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["tools"][0]["licensed"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="licensed"):
        load_results_only_tools(folder)
