"""`psr-assist lint`: validate every shipped content file, as the app does at start-up."""

from __future__ import annotations

import argparse

from psr_assist.commands._args import fail


def add_parser(sub: argparse._SubParsersAction) -> None:
    sub.add_parser(
        "lint",
        help="check the shipped content files (questions, instruments, limits, profiles)",
        description=(
            "Load and validate every content file in prompts/ and docx_templates/: the question bank, "
            "choice words, instruments, sentencing limits, report-type profiles and plain-English list. "
            "Exit 0 when all are valid, 2 when one is broken (the message names the file)."
        ),
    )


def run(args: argparse.Namespace) -> int:
    from psr_assist.domain.check import rule_catalogue
    from psr_assist.domain.content_errors import ContentError
    from psr_assist.domain.limits import load_limits
    from psr_assist.domain.plain_english import load_plain_english
    from psr_assist.domain.profiles import load_profiles
    from psr_assist.domain.questions import load_question_bank
    from psr_assist.domain.scoring import load_instruments, load_results_only_tools

    checks = [
        ("question bank (steps.yaml, choices.yaml)", lambda: f"{len(load_question_bank().steps)} steps"),
        ("instruments", lambda: f"{len(load_instruments())} instruments"),
        ("results-only tools", lambda: f"{len(load_results_only_tools())} tools"),
        ("sentencing limits (limits.yaml)", lambda: f"{len(load_limits().limits)} limits"),
        ("report-type profiles (profiles.yaml)", lambda: "loaded" if load_profiles() else "empty"),
        ("plain English (plain_english.yaml)", lambda: "loaded" if load_plain_english() else "empty"),
        ("rule catalogue", lambda: f"{len(rule_catalogue())} rules"),
    ]
    failed = False
    for label, load in checks:
        try:
            detail = load()
        except ContentError as exc:
            fail(str(exc))
            failed = True
            continue
        print(f"ok  {label}: {detail}")
    try:
        from psr_assist.paths import docx_templates_dir

        base = docx_templates_dir() / "base.docx"
        if not base.is_file():
            raise FileNotFoundError
        print("ok  report template: base.docx present")
    except FileNotFoundError:
        fail("docx_templates/base.docx is missing; rebuild it with docx_templates/build_base.py")
        failed = True
    return 2 if failed else 0
