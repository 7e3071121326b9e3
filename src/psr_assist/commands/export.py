"""``psr-assist export CASE.json -o OUT.docx``: write the Word report (and optionally the companion).

Refuses (exit 1, saying why) while the check finds blockers, unless ``--draft``. A report that
has not been signed and finalised (``sign_off.status`` is not ``final``) is always a draft, as in
the app (``domain.report_state``): marked DRAFT, with the open findings in an appendix and no
sign-off block. Never replaces an existing file
without ``--force``. Files are written atomically, readable by the officer only. Prints the
path of each file written. Exit 2 when the case file cannot be read or is invalid.
Module level imports only the standard library; Textual is never imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from psr_assist.commands._args import fail, iso_date

MAX_MARKING = 100
SHOWN_BLOCKERS = 3


def _marking(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise argparse.ArgumentTypeError("enter the marking text, for example OFFICIAL-SENSITIVE")
    if len(text) > MAX_MARKING:
        raise argparse.ArgumentTypeError(f"must be {MAX_MARKING} characters or fewer")
    return text


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the Word report for a case",
        description=(
            "Write the pre-sentence report as a Word document. Refuses while the check finds blockers, "
            "unless --draft. A report that is not signed and finalised (sign_off.status final) is a draft: "
            "marked DRAFT, listing what is still open, without the sign-off block. Never replaces an "
            "existing file unless --force. Exit status: 0 written, 1 refused (blockers, or the file "
            "exists), 2 the case file cannot be read or is invalid, or the output is a folder or in a "
            "folder that does not exist."
        ),
    )
    parser.add_argument("case", metavar="CASE.json", help="the case file to export")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.docx", help="where to write the report")
    parser.add_argument(
        "--draft", action="store_true",
        help="export a draft even if the check finds blockers (marked DRAFT, with an appendix of open findings)",
    )
    parser.add_argument("--force", action="store_true", help="replace the output file(s) if they already exist")
    parser.add_argument(
        "--companion", metavar="COMPANION.docx",
        help="also write the plain-English companion for the person the report is about",
    )
    parser.add_argument(
        "--marking", type=_marking, metavar="TEXT",
        help="protective marking for the header and footer of every page, e.g. OFFICIAL-SENSITIVE (default: none)",
    )
    parser.add_argument(
        "--today", type=iso_date, metavar="YYYY-MM-DD",
        help="the date of the report and of the check (default: today)",
    )



def _blocked_message(blockers) -> str:
    from psr_assist.domain.check import count_words
    from psr_assist.domain.findings import Severity

    count = len(blockers)
    # Each finding as its own sentence: messages end in a full stop, and some in brackets (a
    # law's section), so joining them with ";" inside brackets gave ".;" and ")).)." (tmux run).
    shown = " ".join(f"[{f.rule_id}] {f.message}" for f in blockers[:SHOWN_BLOCKERS])
    more = f" And {count - SHOWN_BLOCKERS} more." if count > SHOWN_BLOCKERS else ""
    return (
        f"the report was not exported: {count_words(Severity.BLOCKER, count)} must be fixed first. "
        f"{shown}{more} Run psr-assist check for details, or use --draft to export a marked draft."
    )


def run(args: argparse.Namespace) -> int:
    from psr_assist.domain.case_file import CaseFileError, read_case_file
    from psr_assist.domain.check import check_case
    from psr_assist.domain.content_errors import ContentError
    from psr_assist.domain.findings import Severity
    from psr_assist.domain.report_state import export_as_draft
    from psr_assist.errors import UserError
    from psr_assist.render.files import check_target

    outputs = [Path(args.output)]
    if args.companion:
        outputs.append(Path(args.companion))
        if outputs[0].resolve() == outputs[1].resolve():
            return fail("the report and the companion need different file names.", 2)
    for path in outputs:
        if not str(path).strip() or path.name in ("", ".", ".."):
            return fail("give a file name for the report, e.g. -o report.docx.", 2)
        try:
            check_target(path, force=True)  # a folder, or a folder that is not there: exit 2
        except UserError as exc:
            return fail(str(exc), exc.exit_code)
        if path.resolve() == Path(args.case).resolve():
            return fail("the report would replace the case file itself: choose another file name.", 2)
        if path.suffix.lower() != ".docx":
            # Word decides how to open a file by its ending: a report called .txt opens as garbage.
            example = "--companion companion.docx" if path is not outputs[0] else "-o report.docx"
            return fail(f"{path.name} does not end in .docx: it is written as a Word document, e.g. {example}.", 2)

    try:
        case = read_case_file(args.case)
    except CaseFileError as exc:
        return fail(str(exc), 2)

    # Refuse before doing any work if a file would be replaced without --force.
    for path in outputs:
        try:
            check_target(path, force=args.force)
        except UserError as exc:
            return fail(str(exc), exc.exit_code)

    today = args.today or dt.date.today()
    try:
        findings = check_case(case, today=today)
    except ContentError as exc:
        return fail(f"the check's content is damaged: {exc}. Reinstall psr-assist.", 70)
    blockers = [f for f in findings if f.severity is Severity.BLOCKER]
    if blockers and not args.draft:
        return fail(_blocked_message(blockers), 1)
    draft = export_as_draft(case, findings, requested_draft=args.draft)

    try:
        from psr_assist.render import build_companion, build_report, write_docx

        report = build_report(case, draft=draft, findings=findings, marking=args.marking, today=today)
        written = [write_docx(report, outputs[0], force=args.force)]
        if args.companion:
            companion = build_companion(case, draft=draft, marking=args.marking, today=today)
            written.append(write_docx(companion, outputs[1], force=args.force))
    except ContentError as exc:
        return fail(f"the report templates are damaged: {exc}. Reinstall psr-assist.", 70)
    except UserError as exc:
        return fail(str(exc), exc.exit_code)
    for path in written:
        print(path)
    return 0
