"""The command line as a new user meets it: help, version, schema, bad commands, crashes."""

from __future__ import annotations

import json

import pytest

from psr_assist.cli import COMMANDS, main


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("psr-assist ")


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2


def test_schema_is_the_case_model_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"].startswith("psr-assist case file")
    assert schema["additionalProperties"] is False
    for section in ("case_details", "sources", "screening", "risk", "proposal", "sign_off"):
        assert section in schema["properties"]


def test_an_unexpected_error_prints_type_and_place_only(capsys, monkeypatch):
    import psr_assist.commands.schema as schema_cmd

    def boom(args):
        secret = "Zebedee Fictional-Name was seen by the crisis team"  # noqa: F841 - a local, like case text
        raise RuntimeError(secret)

    monkeypatch.setattr(schema_cmd, "run", boom)
    assert main(["schema"]) == 70
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "test_cli_basics.py" not in err
    assert "Zebedee" not in err and "crisis" not in err
    assert len(err.strip().splitlines()) == 1


def test_output_that_cannot_show_every_character_does_not_crash(tmp_path):
    import os
    import subprocess
    import sys

    from psr_assist.domain.case import Case

    case = Case(id="accents")
    case.case_details.defendant.name = "Zoë Fictional 李"
    path = tmp_path / "case.json"
    path.write_text(case.model_dump_json(), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PSR_ASSIST_HOME": str(tmp_path / "home")}
    imported = subprocess.run([sys.executable, "-m", "psr_assist", "import", str(path)], env=env, capture_output=True)
    assert imported.returncode == 0, imported.stderr
    listed = subprocess.run([sys.executable, "-m", "psr_assist", "list"], env=env, capture_output=True)
    assert listed.returncode == 0, listed.stderr
    assert b"Zo? Fictional ?" in listed.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_alone_gets_the_same_parser_as_in_the_whole_one(name):
    from psr_assist.cli import build_parser

    def command_help(parser):
        sub = next(a for a in parser._actions if a.dest == "command")  # the subcommand table
        return sub.choices[name].format_help()

    assert command_help(build_parser(only=name)) == command_help(build_parser())


def test_a_command_as_the_program_runs_without_the_collector_and_leaves_it_on(monkeypatch):
    import gc

    from psr_assist import cli

    seen = {}

    def run(args):
        seen["enabled"] = gc.isenabled()
        return 0

    monkeypatch.setattr(cli._module_for("score"), "run", run)
    frozen = gc.get_freeze_count()
    monkeypatch.setattr("sys.argv", ["psr-assist", "score", "--list"])
    try:
        assert cli.main() == 0  # as the console script calls it
        assert seen["enabled"] is False
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen  # what was alive at the end was frozen
    finally:
        gc.unfreeze()
    seen.clear()
    assert cli.main(["score", "--list"]) == 0  # called as a function: the collector is left alone
    assert seen["enabled"] is True


def test_help_fits_the_terminal_width_it_is_given(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 48 and len(lines) > 5
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert any(len(line) > 100 for line in capsys.readouterr().out.splitlines())


def test_building_a_command_line_loads_neither_shutil_nor_openssl():
    # Every short command builds its parser and keys its kept content: neither needs shutil
    # (argparse's own way to the terminal width) or OpenSSL (hashlib's SHA-256).
    import subprocess
    import sys

    code = (
        "import sys, psr_assist.cli as cli, psr_assist.domain.content_cache as cc\n"
        "cli.build_parser('check'); cc.sha256(b'x')\n"
        "assert 'shutil' not in sys.modules and '_hashlib' not in sys.modules, sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
