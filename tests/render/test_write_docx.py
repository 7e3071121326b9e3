"""Writing a document: atomic, owner-only, never replacing a file without being told to."""

from __future__ import annotations

import os
import stat
import tempfile

import docx
import pytest

from psr_assist.render import OutputExistsError, OutputWriteError, build_report, write_docx
from psr_assist.render import files as render_files
from tests.render.cases import TODAY, sso_case


@pytest.fixture(scope="module")
def document():
    return build_report(sso_case(), draft=True, findings=[], today=TODAY)


def test_writes_a_readable_owner_only_file(tmp_path, document):
    path = write_docx(document, tmp_path / "report.docx")
    assert path == tmp_path / "report.docx"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert docx.Document(str(path)).paragraphs[0].text == "Pre-sentence report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]  # no temporary file left


def test_refuses_to_replace_an_existing_file(tmp_path, document):
    target = tmp_path / "report.docx"
    target.write_bytes(b"the officer's earlier version")
    with pytest.raises(OutputExistsError) as error:
        write_docx(document, target)
    assert str(error.value) == "report.docx already exists. Choose another file name, or use --force to replace it."
    assert error.value.exit_code == 1
    assert target.read_bytes() == b"the officer's earlier version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_force_replaces_and_keeps_it_owner_only(tmp_path, document):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_docx(document, target, force=True)
    assert target.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path, document, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render_files.os, "fsync", broken_fsync)
    with pytest.raises(OutputWriteError) as error:
        write_docx(document, target, force=True)
    assert str(error.value) == "Cannot write report.docx (the disk is full)."
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_missing_folder_and_folder_as_target_are_clear(tmp_path, document):
    with pytest.raises(OutputWriteError, match="The folder for report.docx does not exist"):
        write_docx(document, tmp_path / "nowhere" / "report.docx")
    with pytest.raises(OutputWriteError, match="is a folder"):
        write_docx(document, tmp_path)


def test_a_file_appearing_during_the_write_is_not_replaced(tmp_path, document, monkeypatch):
    target = tmp_path / "report.docx"
    real_link = os.link

    def racing_link(src, dst):
        target.write_bytes(b"written by someone else meanwhile")
        return real_link(src, dst)

    monkeypatch.setattr(render_files.os, "link", racing_link)
    with pytest.raises(OutputExistsError):
        write_docx(document, target)
    assert target.read_bytes() == b"written by someone else meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_unwritable_folder_is_a_clear_error(tmp_path, document, monkeypatch):
    # Simulated, so it also runs as root (CI), where a chmod-ed folder would still be writable.
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # the shared recipe in psr_assist.atomic
    with pytest.raises(OutputWriteError, match="permission denied") as err:
        write_docx(document, tmp_path / "report.docx")
    message = str(err.value)
    assert "\n" not in message and "report.docx" in message
    assert list(tmp_path.iterdir()) == []


def test_a_refused_replace_keeps_the_old_report_and_leaves_no_temporary_file(tmp_path, document, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"the report already sent")

    def denied(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(render_files.os, "replace", denied)
    with pytest.raises(OutputWriteError, match="(?i)permission denied") as err:
        write_docx(document, target, force=True)
    assert "\n" not in str(err.value) and "report.docx" in str(err.value)
    assert target.read_bytes() == b"the report already sent"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
