"""Floor for ``export-cli``: the bare work ``psr-assist export CASE.json -o OUT.docx`` cannot avoid.

Imports the third-party libraries ``export`` needs (pydantic's BaseModel, python-docx, Jinja2,
PyYAML), reads and parses the same case file, opens the same base template and saves it to OUT.
With TEMPLATE given as ``-`` (no base template shipped yet) it opens python-docx's default one.
Run as a fresh process by ``benchmarks/run.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
import jinja2  # noqa: F401 - prose templates
import yaml  # noqa: F401 - content files
from pydantic import BaseModel  # noqa: F401 - the case model's base


def main(case_path: str, template: str, out: str) -> int:
    json.loads(Path(case_path).read_bytes())
    document = docx.Document(None if template == "-" else template)
    document.save(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
