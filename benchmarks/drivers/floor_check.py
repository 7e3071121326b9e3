"""Floor for ``check-cli``: the bare work ``psr-assist check CASE.json`` cannot avoid.

Imports the third-party libraries ``check`` needs (pydantic's BaseModel, PyYAML for the content
files) and reads and parses the same case file. Run as a fresh process by ``benchmarks/run.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml  # noqa: F401 - the content parser check needs
from pydantic import BaseModel  # noqa: F401 - the case model's base


def main(case_path: str) -> int:
    data = json.loads(Path(case_path).read_bytes())
    return 0 if isinstance(data, dict) else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
