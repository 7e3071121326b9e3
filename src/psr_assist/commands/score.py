"""``psr-assist score``: score a screening instrument from the command line.

    psr-assist score phq9 0,1,2,3,0,1,2,,0
    psr-assist score audit-c 2,2,1 --json
    psr-assist score --list

ANSWERS has one entry per question, in order: the 0-based position of the chosen option (0 for
the first option as the form lists it); leave an entry empty for a question not answered yet.
Only argparse and the standard library are imported here; ``run`` imports the domain.
"""

from __future__ import annotations

import argparse
import json
import sys

from psr_assist.commands._args import fail

# The instruments are content (prompts/instruments); --list names them, so the help does not.
HELP = "score a screening instrument (psr-assist score --list names them)"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "score",
        help=HELP,
        description=(
            "Score a screening instrument. ANSWERS gives one entry per question, in order, separated "
            "by commas or spaces: the 0-based position of the chosen option (0 = the first option "
            "on the form). Leave an entry empty for a question not answered yet, e.g. 0,1,,3. "
            "A screen is not a diagnosis."
        ),
    )
    parser.add_argument(
        "instrument", nargs="?", metavar="INSTRUMENT", help="instrument id, e.g. phq9 (see --list)"
    )
    parser.add_argument(
        "answers", nargs="*", metavar="ANSWERS",
        help="option positions separated by commas (an empty place: not answered), e.g. 0,1,,3; or by spaces",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument("--list", action="store_true", help="list the instruments that can be scored")
    parser.set_defaults(command="score")
    return parser



def _joined(words: list[str]) -> str:
    """The answers typed as separate words, as one comma-separated list: "0 1 2" and "0, 1, 2"
    are "0,1,2" (a comma at the end of a word only separates it from the next)."""
    last = len(words) - 1
    return ",".join(word.strip()[:-1] if i < last and word.strip().endswith(",") else word.strip()
                    for i, word in enumerate(words))


def _parse_answers(text: str) -> list[int | None]:
    answers: list[int | None] = []
    for number, raw in enumerate(text.split(","), start=1):
        entry = raw.strip()
        if not entry:
            answers.append(None)
        elif entry.isascii() and entry.isdigit() and len(entry) <= 3:
            answers.append(int(entry))
        else:
            raise ValueError(
                f"answer {number} is not an option position: give the 0-based position of the chosen "
                "option (0 for the first), or leave it empty if not answered."
            )
    return answers


def _questions(numbers: list[int]) -> str:
    word = "question" if len(numbers) == 1 else "questions"
    if len(numbers) > 1:
        return f"{word} {', '.join(str(n) for n in numbers[:-1])} and {numbers[-1]}"
    return f"{word} {numbers[0]}"


def _list(out) -> int:
    from psr_assist.domain.scoring import load_instruments, load_results_only_tools

    for instrument in load_instruments().values():
        print(
            f"{instrument.id:<8} {instrument.short_name:<8} {instrument.name} ({instrument.item_count} questions)",
            file=out,
        )
    tools = [t for t in load_results_only_tools().values() if t.id != "other"]
    if tools:
        names = ", ".join(t.short_name for t in tools)
        print(f"Results only (questions not reproduced; record the result in the app): {names}", file=out)
    return 0


def _human(instrument, result, out) -> None:
    print(f"{instrument.short_name}: {instrument.name}", file=out)
    if result.total is None:
        print(f"Total: none yet (0 of {instrument.item_count} questions answered)", file=out)
    else:
        note = (
            f" (prorated from {result.answered} of {instrument.item_count} answers)"
            if result.prorated
            else ""
        )
        print(f"Total: {result.total} out of {result.max_total}{note}", file=out)
    if result.band_label:
        print(f"Band: {result.band_label}", file=out)
    for number in result.critical_items:
        rule = instrument.item(number).critical
        print(f"WARNING: critical question {number} answered. {rule.reason}", file=out)
    if result.missing_items:
        print(f"Incomplete: {_questions(result.missing_items)} not answered", file=out)
        if result.critical_missing:
            print(f"Critical {_questions(result.critical_missing)} not answered yet: ask it.", file=out)
        if not result.prorated:
            print("No band until every question is answered.", file=out)
    if result.leads_to:
        target = instrument.leads_to
        print(f"Next: {target.message.strip()} (psr-assist score {target.instrument} ...)", file=out)
    print("This is a screening result, not a diagnosis.", file=out)


def run(args: argparse.Namespace) -> int:
    from psr_assist.domain.content_errors import ContentError
    from psr_assist.domain.scoring import InvalidAnswers, UnknownInstrument, get_instrument, score

    out = sys.stdout
    try:
        if getattr(args, "list", False):
            return _list(out)
        if not args.instrument:
            return fail(
                "Enter an instrument and its answers, e.g. 'psr-assist score phq9 0,1,2,3,0,1,2,0,0' "
                "(see 'psr-assist score --list')."
            )
        given = _joined(args.answers or [])
        if not given.strip():
            return fail(
                f"Enter the answers for {args.instrument} as comma-separated option positions, e.g. 0,1,,3."
            )
        instrument = get_instrument(args.instrument)
        try:
            answers = _parse_answers(given)
        except ValueError as exc:
            return fail(f"{instrument.short_name} {exc}")
        result = score(instrument.id, answers)
    except (UnknownInstrument, InvalidAnswers) as exc:
        return fail(str(exc))
    except ContentError as exc:
        return fail(f"the instrument files are broken, reinstall psr-assist: {exc}")

    if args.json:
        payload = {"instrument_name": instrument.short_name, **result.to_dict()}
        print(json.dumps(payload, ensure_ascii=False), file=out)
    else:
        _human(instrument, result, out)
    return 0
