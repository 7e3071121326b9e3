"""The headless entry points must never load Textual (fresh interpreter, as harlequin does)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from psr_assist.cli import build_parser
build_parser()
for name in {modules!r}:
    __import__(name)
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'jinja2', 'sqlite3'))))
"""


def _loaded(modules: list[str]) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(modules=modules)], capture_output=True, text=True, check=True
    )
    return {m.split(".")[0] for m in json.loads(out.stdout)}


def test_cli_parser_loads_no_heavy_library():
    # Building the parser is what every command pays: it must not import Textual, docx or jinja2.
    assert _loaded([]) == set()


def test_domain_is_pure():
    assert _loaded(
        ["psr_assist.domain.case", "psr_assist.domain.check", "psr_assist.domain.questions", "psr_assist.domain.case_file"]
    ) == set()


@pytest.mark.parametrize("argv", [["check", "{example}"], ["check", "{example}", "--json"], ["schema"]])
def test_headless_commands_never_import_textual(argv, tmp_path):
    from psr_assist.domain.case import Case

    example = tmp_path / "case.json"
    example.write_text(Case(id="hygiene").model_dump_json())
    argv = [a.format(example=example) for a in argv]
    code = (
        "import sys\n"
        "from psr_assist.cli import main\n"
        f"rc = main({argv!r})\n"
        "sys.stdout.flush()\n"
        "print('TEXTUAL_LOADED' if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 'CLEAN', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "CLEAN", out.stderr[-500:]


def test_export_never_imports_textual(tmp_path):
    from psr_assist.domain.case import Case

    example = tmp_path / "case.json"
    example.write_text(Case(id="hygiene").model_dump_json())
    target = tmp_path / "out.docx"
    code = (
        "import sys\n"
        "from psr_assist.cli import main\n"
        f"main(['export', {str(example)!r}, '-o', {str(target)!r}, '--draft'])\n"
        "print('TEXTUAL_LOADED' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "CLEAN", out.stderr[-500:]
    assert target.exists()
