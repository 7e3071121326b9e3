"""``psr-assist export``: exit codes, the blocker gate, overwrite refusal, --force, --draft, --companion."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from psr_assist.cli import main
from psr_assist.domain.case import ReportStatus
from psr_assist.domain.case_file import case_to_json
from psr_assist.domain.findings import Finding, Severity
from tests.render.cases import sso_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EMPTY = EXAMPLES / "empty.json"


@pytest.fixture
def case_file(tmp_path) -> Path:
    """A signed and finalised case (a not-finalised case always exports as a draft)."""
    case = sso_case()
    case.sign_off.status = ReportStatus.FINAL
    path = tmp_path / "case.json"
    path.write_text(case_to_json(case), encoding="utf-8")
    return path


@pytest.fixture
def unfinalised_case_file(tmp_path) -> Path:
    case = sso_case()
    assert case.sign_off.status is ReportStatus.DRAFT
    path = tmp_path / "draft-case.json"
    path.write_text(case_to_json(case), encoding="utf-8")
    return path


@pytest.fixture
def no_blockers(monkeypatch):
    """Make the check find nothing, to test the command's own logic for a complete case."""
    monkeypatch.setattr("psr_assist.domain.check.check_case", lambda case, today=None: [])


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("psr-assist: ")
    assert "Traceback" not in err
    return lines[0]


def test_unreadable_case_file_is_exit_2_with_one_line(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert main(["export", str(tmp_path / "missing.json"), "-o", str(out)]) == 2
    assert "missing.json was not found" in _one_line(capsys.readouterr().err)
    bad = tmp_path / "bad.json"
    bad.write_text('{"case_details": {"court": "Secret Court Name", "hearing_date": "not a date"}}')
    assert main(["export", str(bad), "-o", str(out)]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "hearing_date" in line and "Secret Court Name" not in line
    assert not out.exists()


@pytest.mark.parametrize("name", ["report.txt", "report", "companion.doc"])
def test_a_file_name_word_would_not_open_is_refused_before_anything_is_written(tmp_path, capsys, name):
    out = tmp_path / name
    argv = ["export", str(EMPTY), "--draft", "--today", "2026-11-26"]
    if name.startswith("companion"):
        argv += ["-o", str(tmp_path / "report.docx"), "--companion", str(out)]
    else:
        argv += ["-o", str(out)]
    assert main(argv) == 2
    line = _one_line(capsys.readouterr().err)
    assert f"{name} does not end in .docx" in line
    assert ("--companion companion.docx" if name.startswith("companion") else "-o report.docx") in line
    assert list(tmp_path.iterdir()) == []
    assert main(["export", str(EMPTY), "--draft", "--today", "2026-11-26", "-o", str(tmp_path / "R.DOCX")]) == 0


def test_blockers_refuse_export_and_say_why(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert main(["export", str(EMPTY), "-o", str(out), "--today", "2026-11-26"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "the report was not exported:" in line
    assert "blockers must be fixed first" in line and "--draft" in line
    assert "case." in line or "sources." in line  # the first rule ids are named
    # Each finding its own sentence (tmux run: ".;" and ")).)." when they were joined in brackets).
    assert ".;" not in line and ".)" not in line and ").)" not in line
    assert re.search(r"must be fixed first\. \[[a-z_.-]+\] [A-Z]", line) and " And " in line
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_draft_exports_despite_blockers(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert main(["export", str(EMPTY), "-o", str(out), "--draft", "--today", "2026-11-26"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    document = docx.Document(str(out))
    assert "DRAFT" in [p.text for p in document.sections[0].header.paragraphs]
    assert any(p.text == "Appendix: open findings (draft only)" for p in document.paragraphs)


def test_final_export_when_nothing_blocks(case_file, tmp_path, capsys, no_blockers):
    out = tmp_path / "report.docx"
    assert main(["export", str(case_file), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "Sign-off" in texts and not any("DRAFT" in t for t in texts)
    assert document.core_properties.author == "Morwenna Tate"


def test_a_report_not_finalised_is_a_draft_even_without_the_flag(unfinalised_case_file, tmp_path, capsys,
                                                                  monkeypatch):
    """As in the app: until signed and finalised, the report is marked DRAFT and has no sign-off block."""
    warning = Finding(rule_id="review.sign-off-name-missing", severity=Severity.WARNING, step="review",
                      field="sign_off.author_name", message="The report does not name the officer signing it.",
                      fix="Enter the name of the officer signing the report.")
    monkeypatch.setattr("psr_assist.domain.check.check_case", lambda case, today=None: [warning])
    out = tmp_path / "report.docx"
    assert main(["export", str(unfinalised_case_file), "-o", str(out), "--today", "2026-11-26"]) == 0
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "DRAFT" in [p.text for p in document.sections[0].header.paragraphs]
    assert "Appendix: open findings (draft only)" in texts
    assert "Sign-off" not in texts
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("does not name the officer signing it" in text for text in texts + cells)


def test_never_overwrites_without_force(case_file, tmp_path, capsys, no_blockers):
    out = tmp_path / "report.docx"
    out.write_bytes(b"yesterday's report")
    assert main(["export", str(case_file), "-o", str(out), "--draft"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == "psr-assist: report.docx already exists. Choose another file name, or use --force to replace it."
    assert out.read_bytes() == b"yesterday's report"


def test_existing_companion_is_refused_before_anything_is_written(case_file, tmp_path, capsys, no_blockers):
    out, companion = tmp_path / "report.docx", tmp_path / "companion.docx"
    companion.write_bytes(b"keep me")
    assert main(["export", str(case_file), "-o", str(out), "--companion", str(companion)]) == 1
    assert "companion.docx already exists" in _one_line(capsys.readouterr().err)
    assert not out.exists() and companion.read_bytes() == b"keep me"


def test_force_replaces(case_file, tmp_path, capsys, no_blockers):
    out = tmp_path / "report.docx"
    out.write_bytes(b"old")
    assert main(["export", str(case_file), "-o", str(out), "--force"]) == 0
    assert docx.Document(str(out)).paragraphs[0].text == "Pre-sentence report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_companion_and_marking(case_file, tmp_path, capsys, no_blockers):
    out, companion = tmp_path / "report.docx", tmp_path / "for-dana.docx"
    assert main(["export", str(case_file), "-o", str(out), "--companion", str(companion),
                 "--marking", "official-sensitive"]) == 0
    assert capsys.readouterr().out.split() == [str(out), str(companion)]
    report = docx.Document(str(out))
    assert report.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert report.core_properties.keywords == "OFFICIAL-SENSITIVE"
    plain = docx.Document(str(companion))
    assert plain.paragraphs[0].text == "About your report for the court"
    assert plain.sections[0].footer.paragraphs[-1].text == "OFFICIAL-SENSITIVE"


def test_report_and_companion_must_have_different_names(case_file, tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert main(["export", str(case_file), "-o", str(out), "--companion", str(out)]) == 2
    assert "different file names" in _one_line(capsys.readouterr().err)


def test_missing_output_folder_is_a_clear_refusal(case_file, tmp_path, capsys, no_blockers):
    # Refused before any work, as a path that cannot be used (exit 2, like export-case).
    assert main(["export", str(case_file), "-o", str(tmp_path / "no" / "report.docx")]) == 2
    assert "The folder for report.docx does not exist" in _one_line(capsys.readouterr().err)


def test_empty_marking_is_a_usage_error(case_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(case_file), "-o", str(tmp_path / "r.docx"), "--marking", "  "])
    assert exit_.value.code == 2


def test_export_never_imports_textual_and_render_imports_lazily(tmp_path):
    out = tmp_path / "report.docx"
    code = (
        "import sys\n"
        "import psr_assist.render\n"
        "assert 'docx' not in sys.modules and 'jinja2' not in sys.modules, 'render imported eagerly'\n"
        "from psr_assist.cli import main\n"
        f"rc = main(['export', {str(EMPTY)!r}, '-o', {str(out)!r}, '--draft'])\n"
        "assert rc == 0, rc\n"
        "assert 'textual' not in sys.modules, 'export imported textual'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_export_never_replaces_its_own_case_file_even_with_force(tmp_path, capsys):
    import shutil
    from pathlib import Path

    from psr_assist.cli import main

    source = Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json"
    case = tmp_path / "case.json"
    shutil.copy(source, case)
    before = case.read_bytes()
    assert main(["export", str(case), "-o", str(case), "--force", "--draft"]) == 2
    assert "replace the case file" in capsys.readouterr().err
    assert case.read_bytes() == before


def test_export_to_a_folder_or_an_empty_name_says_what_to_do(tmp_path, capsys):
    import shutil
    from pathlib import Path

    from psr_assist.cli import main

    source = Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json"
    case = tmp_path / "case.json"
    shutil.copy(source, case)
    assert main(["export", str(case), "-o", str(tmp_path), "--draft"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["export", str(case), "-o", "", "--draft"]) == 2
    assert "give a file name" in capsys.readouterr().err


def test_a_very_long_author_still_exports(tmp_path):
    from pathlib import Path

    from docx import Document

    from psr_assist.cli import main
    from psr_assist.domain.case_file import case_to_json, read_case_file

    source = Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json"
    case = read_case_file(source)
    case.case_details.author = "Fictional Officer " * 16  # 288 characters: over Word's 255
    path = tmp_path / "case.json"
    path.write_text(case_to_json(case))
    out = tmp_path / "r.docx"
    assert main(["export", str(path), "-o", str(out), "--draft"]) == 0
    assert len(Document(str(out)).core_properties.author) == 255
