"""Golden files: the extracted text of each report and companion guards the wording.

A failure shows the difference. When a wording change is intended (a template, wording.yaml, an
example case), regenerate and review the diff before committing:

    PSR_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py

Examples are rendered as finals (no findings appendix), so new check rules do not churn them.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from psr_assist.domain.case_file import read_case_file
from psr_assist.render import build_companion, build_report
from tests.render import docx_read as rd
from tests.render.cases import TODAY, empty_case, oral_case, sso_case
from tests.render.test_report import FINDINGS

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
UPDATE = os.environ.get("PSR_UPDATE_GOLDEN") == "1"


def _renders():
    yield "fixture-sso-draft", lambda: build_report(sso_case(), draft=True, findings=FINDINGS, today=TODAY)
    yield "fixture-sso-final-marked", lambda: build_report(
        sso_case(), draft=False, marking="OFFICIAL-SENSITIVE", today=TODAY
    )
    yield "fixture-sso-companion", lambda: build_companion(sso_case(), today=TODAY)
    yield "fixture-oral-final", lambda: build_report(oral_case(), draft=False, today=TODAY)
    yield "fixture-empty-draft", lambda: build_report(empty_case(), draft=True, findings=[], today=TODAY)
    for path in EXAMPLES:
        yield f"example-{path.stem}", lambda path=path: build_report(read_case_file(path), draft=False, today=TODAY)
        yield f"example-{path.stem}-companion", lambda path=path: build_companion(read_case_file(path), today=TODAY)


RENDERS = list(_renders())


@pytest.mark.parametrize(("name", "render"), RENDERS, ids=[n for n, _ in RENDERS])
def test_extracted_text_matches_golden(name, render):
    actual = rd.extracted_text(rd.reopen(render()))
    golden = GOLDEN / f"{name}.txt"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file for {name}: run PSR_UPDATE_GOLDEN=1 python -m pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now", n=1)
        )
        pytest.fail(f"{name} differs from its golden file:\n{diff[:6000]}")


def test_no_stale_golden_files():
    expected = {f"{name}.txt" for name, _ in RENDERS}
    stale = sorted(p.name for p in GOLDEN.glob("*.txt") if p.name not in expected)
    assert not stale, f"golden files with no render (delete them): {stale}"
