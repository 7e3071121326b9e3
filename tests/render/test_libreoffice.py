"""Every example report (and companion) converts to PDF in LibreOffice, with sane pages.

Runs only where LibreOffice is installed (CI installs it: Debian package libreoffice-writer-nogui).
The per-page text checks (marking at the top and bottom of every page, "Page i of N") also need
pdftotext (Debian package poppler-utils); without it only the conversion and page count are checked.
Page counts are LibreOffice's layout, a proxy for Word's, so only ranges are asserted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from psr_assist.domain.case_file import read_case_file
from psr_assist.render import build_companion, build_report, write_docx
from tests.render.cases import TODAY, oral_case, sso_case

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
MARKING = "OFFICIAL-SENSITIVE"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"),
]


def _documents():
    """(name, document, allowed page range). Written reports as drafts; the oral record as a final,
    since it must fit on one or two pages without the draft's appendix of open findings."""
    cases = [(p.stem, read_case_file(p)) for p in EXAMPLES] + [("fixture-sso", sso_case()), ("fixture-oral", oral_case())]
    for name, case in cases:
        if case.case_details.report_type is not None and case.case_details.report_type.value == "oral":
            yield f"{name}-oral-final", build_report(case, draft=False, marking=MARKING, today=TODAY), (1, 2)
        else:
            yield f"{name}-report", build_report(case, draft=True, marking=MARKING, today=TODAY), (2, 60)
        yield f"{name}-companion", build_companion(case, draft=False, marking=MARKING, today=TODAY), (1, 2)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Write every document, convert them all in one LibreOffice run (its own profile), return the PDFs."""
    work = tmp_path_factory.mktemp("lo")
    docs, expected = [], {}
    for name, document, pages in _documents():
        docs.append(write_docx(document, work / f"{name}.docx"))
        expected[name] = pages
    profile = work / "profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, docs)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {name: (work / "pdf" / f"{name}.pdf", expected[name]) for name in expected}


def _page_count(pdf: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def _names():
    return [name for name, _, _ in _documents()]


@pytest.mark.parametrize("name", _names())
def test_converts_with_a_sane_page_count(converted, name):
    pdf, (low, high) = converted[name]
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice produced no PDF for {name}"
    assert low <= _page_count(pdf) <= high


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (apt-get install poppler-utils)")
@pytest.mark.parametrize("name", _names())
def test_every_page_is_marked_and_numbered(converted, name):
    pdf, _ = converted[name]
    pages = _page_count(pdf)
    for number in range(1, pages + 1):
        text = subprocess.run([PDFTOTEXT, "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert text.count(MARKING) >= 2, f"{name} page {number}: marking missing from header or footer"
        assert f"Page {number} of {pages}" in text
        if name.endswith("-report"):
            assert "DRAFT" in text
