from __future__ import annotations

from psr_assist.cli import main


def test_lint_passes_on_the_shipped_content(capsys):
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert "ok  question bank" in out and "ok  instruments" in out and "ok  sentencing limits" in out


def test_lint_names_the_broken_file(capsys, monkeypatch, tmp_path):
    import psr_assist.domain.limits as limits

    broken = tmp_path / "limits.yaml"
    broken.write_text("limits: [unclosed\n")
    original = limits.load_limits
    monkeypatch.setattr(limits, "load_limits", lambda path=None: original(broken))
    assert main(["lint"]) == 2
    err = capsys.readouterr().err
    assert "limits.yaml" in err and err.startswith("psr-assist: ")
