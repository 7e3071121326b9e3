"""The case model: shape, never completeness; unknown keys refused; text cleaned at input."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from psr_assist.domain.case import (
    LONG_TEXT_MAX,
    Case,
    ConsentRecord,
    Requirement,
    RequirementKind,
    RoshLevel,
    Source,
    SourceKind,
    SourceStatus,
    age_on,
    case_age,
)
from psr_assist.domain.case_file import CaseFileError, parse_case, read_case_file


def test_an_empty_case_is_a_valid_draft():
    case = Case()
    assert case.schema_version == 1
    assert case.sources == [] and case.proposal.requirements == []


def test_round_trip_keeps_every_value():
    case = Case(id="round-trip")
    case.case_details.court = "Fictional Magistrates' Court"
    case.case_details.hearing_date = dt.date(2026, 11, 26)
    case.sources.append(
        Source(kind=SourceKind.DOMESTIC_ABUSE_CALLOUTS, status=SourceStatus.RECEIVED, verified=True, summary="None")
    )
    case.risk.rosh.children = RoshLevel.HIGH
    case.proposal.requirements.append(
        Requirement(kind=RequirementKind.MENTAL_HEALTH_TREATMENT, period_months=6, consent=ConsentRecord(given=True))
    )
    again = parse_case(case.model_dump_json())
    assert again == case
    assert again.risk.rosh.children is RoshLevel.HIGH


def test_unknown_keys_are_an_error_not_dropped():
    data = json.loads(Case().model_dump_json())
    data["risk"]["rosh"]["pets"] = "low"
    with pytest.raises(CaseFileError, match=r"risk > rosh holds a name that is not a field psr-assist knows"):
        parse_case(json.dumps(data))


def test_error_messages_never_echo_the_value():
    data = json.loads(Case().model_dump_json())
    data["case_details"]["hearing_date"] = "Zebedee Fictional-Name"
    with pytest.raises(CaseFileError) as err:
        parse_case(json.dumps(data))
    assert "Zebedee" not in str(err.value)
    assert "hearing_date must be a date" in str(err.value)


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d["risk"]["rosh"].__setitem__("children", "extreme"), "children is not one of the allowed choices"),
        (lambda d: d["proposal"].__setitem__("order_length_months", -1), "below the smallest allowed value"),
        (lambda d: d["person"].__setitem__("trauma", "x" * (LONG_TEXT_MAX + 1)), "trauma is too long"),
        (lambda d: d.__setitem__("sources", [{"kind": "interview", "verified": "maybe"}]), "verified must be true or false"),
    ],
)
def test_shape_is_validated(mutate, where):
    data = json.loads(Case().model_dump_json())
    mutate(data)
    with pytest.raises(CaseFileError, match=where):
        parse_case(json.dumps(data))


def test_control_characters_are_removed_at_input_and_new_lines_kept():
    case = Case()
    case.person.trauma = "line one\x00\r\nline two\ttabbed\u200b"
    assert case.person.trauma == "line one\nline two\ttabbed"


def test_terminal_colour_codes_are_removed_whole_and_bracketed_text_kept():
    # Copied from a program's coloured output: the code goes whole, not just its ESC.
    case = Case()
    case.case_details.court = "Court\x1b[31mRED\x1b[0m \x1b]0;title\x07end\x1b"
    assert case.case_details.court == "CourtRED end"
    case.person.trauma = "Scored [31m] on the scale, see [2]"  # no ESC: ordinary brackets, kept
    assert case.person.trauma == "Scored [31m] on the scale, see [2]"
    # A character-set choice (as 'tput sgr0' writes it) goes whole too.
    case.case_details.court = "Court\x1b(B\x1b[mX"
    assert case.case_details.court == "CourtX"
    case.case_details.court = "North\x1b Court"  # a stray ESC before a space: only the ESC goes
    assert case.case_details.court == "North Court"
    # A title code with no terminator is not a code: the answer after it is kept, not cut off.
    case.person.trauma = "X \x1b]0;t unterminated and then the real answer"
    assert case.person.trauma == "X ]0;t unterminated and then the real answer"


def test_invisible_direction_controls_that_could_reorder_text_are_removed_and_scripts_kept():
    case = Case()
    # "\u202eon" would show as "no": the embedding and override controls go, whatever they wrap.
    case.person.trauma = "He said \u202eon\u202c. \u202aA\u202b B\u202d C\u202c"
    assert case.person.trauma == "He said on. A B C"
    # A lone right-to-left mark would show "6 - 12 months" as "12 - 6 months"; isolates likewise.
    case.person.trauma = "Order of 6 - \u200f12 months, \u2067from 1 - 2\u2069, \u200eand\u061c 3"
    assert case.person.trauma == "Order of 6 - 12 months, from 1 - 2, and 3"
    # Right-to-left scripts need no controls and are kept exactly.
    for kept in ("قال إنه يريد المساعدة", "הוא אמר", "Name: مريم (GP) ٣"):
        case.person.trauma = kept
        assert case.person.trauma == kept


def test_assignment_is_validated():
    case = Case()
    with pytest.raises(ValidationError):
        case.case_details.hearing_date = "not a date"


def test_age_is_derived_from_date_of_birth_and_hearing_date():
    assert age_on(dt.date(2003, 11, 27), dt.date(2026, 11, 26)) == 22
    assert age_on(dt.date(2003, 11, 26), dt.date(2026, 11, 26)) == 23
    case = Case()
    case.case_details.defendant.date_of_birth = dt.date(2000, 1, 1)
    case.case_details.hearing_date = dt.date(2026, 6, 1)
    assert case_age(case) == 26


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"\xff\xfe\x00", "not a text file saved as UTF-8"),
        (b'{"case_details": {', "not valid JSON"),
        (b"[]", "not a psr-assist case file"),
        (b'{"schema_version": 99}', "newer psr-assist"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON|nested too deeply"),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path, payload, message):
    path = tmp_path / "bad.json"
    path.write_bytes(payload)
    with pytest.raises(CaseFileError, match=message) as err:
        read_case_file(path)
    assert "\n" not in str(err.value)


def test_a_file_saved_with_a_byte_order_mark_reads_as_any_other(tmp_path):
    # Windows Notepad writes UTF-8 with a byte-order mark in front.
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + Case(id="bom").model_dump_json().encode())
    assert read_case_file(path).id == "bom"
    assert parse_case("\ufeff" + Case(id="bom").model_dump_json()).id == "bom"


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(CaseFileError, match="was not found"):
        read_case_file(tmp_path / "nope.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 5_000_001)
    with pytest.raises(CaseFileError, match="too large"):
        read_case_file(big)
    with pytest.raises(CaseFileError, match="is a folder"):
        read_case_file(tmp_path)


def test_validation_errors_never_quote_what_was_typed():
    case = Case()
    with pytest.raises(ValidationError) as err:
        case.person.trauma = "Quillfeather described the night " * 1000
    assert "Quillfeather" not in str(err.value)


# --------------------------------------------------------------------------- files the CLI writes


def test_the_cli_runs_every_command_under_an_owner_only_umask(tmp_path, monkeypatch, capsys):
    """cli.main sets umask 077 before any command runs, so even a file a command creates
    without an explicit mode (a temporary file, a library's output) is the officer's only."""
    import os
    import stat
    from pathlib import Path

    from psr_assist import cli
    from psr_assist.commands import export as export_command

    example = Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json"
    seen: dict[str, int] = {}
    real_run = export_command.run

    def spying_run(args):
        current = os.umask(0o077)
        os.umask(current)
        seen["umask"] = current
        probe = tmp_path / "probe.txt"
        with open(probe, "w", encoding="utf-8") as handle:  # no mode given: the umask decides
            handle.write("x")
        return real_run(args)

    monkeypatch.setattr(export_command, "run", spying_run)
    out = tmp_path / "report.docx"
    old = os.umask(0o022)  # a typical shell's loose umask
    try:
        code = cli.main(["export", str(example), "-o", str(out), "--today", "2026-11-26"])
    finally:
        os.umask(old)
    assert code == 0, capsys.readouterr().err
    assert seen["umask"] == 0o077
    assert stat.S_IMODE((tmp_path / "probe.txt").stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "raw",
    [
        '{"case_details": {"Zed Fictional hears voices": 1}}',
        '{"case_details": {"\\u001b]0;pwned\\u0007": 1}}',
        '{"screening": {"results": [{"instrument": "phq9", "extra_answers": {"Zed Fictional hears voices": 99}}]}}',
    ],
)
def test_invented_keys_are_never_repeated_in_messages(raw):
    with pytest.raises(CaseFileError) as err:
        parse_case(raw)
    message = str(err.value)
    assert "Zed" not in message and "\x1b" not in message and "pwned" not in message
    assert len(message) < 200


def test_lone_surrogates_are_removed_at_input():
    case = parse_case('{"case_details": {"court": "a\\ud800b"}}')
    assert case.case_details.court == "ab"
    case.case_details.court.encode("utf-8")  # storable


def test_a_number_with_thousands_of_digits_is_one_clear_line():
    with pytest.raises(CaseFileError, match="number too long"):
        parse_case('{"schema_version": ' + "9" * 5000 + "}")


def test_devices_and_pipes_are_refused_without_reading_them(tmp_path):
    import os

    with pytest.raises(CaseFileError, match="not a regular file"):
        read_case_file("/dev/zero")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(CaseFileError, match="not a regular file"):
        read_case_file(fifo)


def test_the_step_lists_name_the_models_own_fields():
    from psr_assist.domain.case import (
        COMORBIDITY_CONDITIONS,
        PROTECTED_CHARACTERISTICS,
        Comorbidity,
        Condition,
        Person,
    )

    conditions = [name for name, info in Comorbidity.model_fields.items() if info.annotation is Condition]
    assert list(COMORBIDITY_CONDITIONS) == conditions  # every condition, in model order
    assert set(PROTECTED_CHARACTERISTICS) <= set(Person.model_fields)
