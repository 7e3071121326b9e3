"""`psr-assist schema`: print the JSON Schema of the case file."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the case file",
        description="Print the JSON Schema that every case file (CASE.json) must follow.",
    )
    p.add_argument("--indent", type=int, default=2, help="indentation (default 2)")


def run(args: argparse.Namespace) -> int:
    import json

    from psr_assist.domain.case import SCHEMA_VERSION, Case

    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"psr-assist case file (format {SCHEMA_VERSION})"
    print(json.dumps(schema, indent=args.indent, ensure_ascii=False))
    return 0
