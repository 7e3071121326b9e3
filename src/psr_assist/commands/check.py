"""``psr-assist check CASE.json [--json] [--today YYYY-MM-DD]``: the completeness and consistency check.

Exit 0 when nothing blocks, 1 when something blocks, 2 when the case file cannot be read or is
invalid. Module level imports only the standard library; Textual is never imported.
"""

from __future__ import annotations

import argparse
import json
import sys

from psr_assist.commands._args import fail, iso_date


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a case for completeness and consistency",
        description=(
            "Check a case file against effective practice and the law. Prints findings grouped by step. "
            "Exit status: 0 nothing blocks, 1 something blocks, 2 the file cannot be read or is invalid."
        ),
    )
    parser.add_argument("case", metavar="CASE.json", help="the case file to check")
    parser.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    parser.add_argument(
        "--today", type=iso_date, metavar="YYYY-MM-DD",
        help="the date to check as of while the case has no hearing date (default: today)",
    )


def _steps() -> list[tuple[str, str]]:
    """(step id, title) in wizard order, from the question bank."""
    from psr_assist.domain.questions import question_bank

    return [(step.id, step.title) for step in question_bank().steps]


def _human(findings, out) -> None:
    from psr_assist.domain.check import findings_by_step, summary_line

    if not findings:
        print("No findings: nothing is missing or inconsistent.", file=out)
        print(summary_line(findings), file=out)
        return
    try:
        titles = dict(_steps())
    except Exception:  # noqa: BLE001 - the check itself worked; show ids if the titles cannot load
        titles = {}
    first = True
    for step, in_step in findings_by_step(findings).items():
        if not in_step:
            continue
        if not first:
            print(file=out)
        first = False
        title = titles.get(step) or step.replace("_", " ").capitalize()
        print(title, file=out)
        print("-" * len(title), file=out)
        for finding in in_step:
            print(f"  {finding.severity.value.upper()}: {finding.message}", file=out)
            print(f"    Fix: {finding.fix}", file=out)
            print(f"    Rule: {finding.rule_id} (field: {finding.field})", file=out)
    print(file=out)
    print(summary_line(findings), file=out)


def run(args: argparse.Namespace) -> int:
    from psr_assist.domain.case_file import CaseFileError, read_case_file
    from psr_assist.domain.check import check_case
    from psr_assist.domain.content_errors import ContentError
    from psr_assist.domain.findings import has_blockers

    try:
        case = read_case_file(args.case)
    except CaseFileError as exc:
        return fail(str(exc))
    try:
        findings = check_case(case, today=args.today)
    except ContentError as exc:
        return fail(f"the check's content is damaged: {exc}. Reinstall psr-assist.", 70)
    if args.json:
        rows = [
            {
                "rule_id": f.rule_id,
                "severity": f.severity.value,
                "step": f.step,
                "field": f.field,
                "message": f.message,
                "fix": f.fix,
            }
            for f in findings
        ]
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _human(findings, sys.stdout)
    return 1 if has_blockers(findings) else 0
