"""psr-assist list / import / export-case, through ``main(argv)``.

Every person named here is fictional.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import stat
from pathlib import Path

import pytest

from psr_assist.cli import main
from psr_assist.domain.case import Case, ReportType
from psr_assist.domain.case_file import case_to_json, parse_case
from psr_assist.store import crypto, open_store

NAME = "Wilhelmina Thornbury-Pask"
CANARY = "CANARY-7731-private-words"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(path))
    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE", raising=False)
    monkeypatch.delenv("PSR_ASSIST_ENCRYPT", raising=False)
    return path


def sample_case(name: str = NAME) -> Case:
    case = Case()
    case.case_details.defendant.name = name
    case.case_details.court = "Ravensholme Magistrates' Court"
    case.case_details.hearing_date = dt.date(2026, 12, 3)
    case.case_details.report_type = ReportType.SDR
    case.offence_analysis.analysis = f"{CANARY} about the offence."
    case.person.strengths = f"{CANARY} strengths."
    return case


def write_case(folder: Path, case: Case, name: str = "case.json") -> Path:
    path = folder / name
    path.write_text(case_to_json(case), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- list


def test_list_with_no_store_says_so_and_creates_nothing(capsys, home):
    code, out, err = run(capsys, "list")
    assert (code, out.strip(), err) == (0, "No cases saved yet.", "")
    assert not home.exists()
    code, out, _ = run(capsys, "list", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_list_shows_the_cases_as_a_table_and_as_json(capsys, home):
    with open_store(home) as store:
        first = sample_case()
        store.create(first)
        second = sample_case("Cornelius Abernethy-Sloane")
        second.case_details.report_type = None
        store.create(second)
        store.finalise(second.id, 1)

    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Defendant", "Court", "Hearing", "Type", "Status", "Last", "change"]
    assert lines[1].startswith(second.id) and "final" in lines[1]
    assert lines[2].startswith(first.id)
    for piece in (NAME, "Ravensholme Magistrates' Court", "2026-12-03", "SDR", "draft"):
        assert piece in lines[2]
    assert lines[-1] == "2 cases."
    assert CANARY not in out  # the list never shows narrative

    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [second.id, first.id]
    assert rows[1] == {
        "id": first.id,
        "defendant": NAME,
        "court": "Ravensholme Magistrates' Court",
        "hearing_date": "2026-12-03",
        "report_type": "sdr",
        "status": "draft",
        "version": 1,
        "revision": 1,
        "updated_at": rows[1]["updated_at"],
    }
    assert dt.datetime.fromisoformat(rows[1]["updated_at"]).tzinfo is not None

    code, out, _ = run(capsys, "list", "abernethy")
    assert code == 0 and second.id in out and first.id not in out


def test_a_damaged_store_is_one_line_exit_2_that_names_recover(capsys, tmp_path, home):
    home.mkdir(mode=0o700)
    (home / "drafts.sqlite3").write_bytes(b"not a database at all" * 100)
    before = (home / "drafts.sqlite3").read_bytes()
    path = write_case(tmp_path, sample_case())
    for argv in (
        ["list"],
        ["import", str(path)],
        ["export-case", "some-id", "-o", str(tmp_path / "out.json")],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "", argv
        assert err.startswith("psr-assist: ") and err.count("\n") == 1 and "damaged" in err, argv
        assert err.endswith(
            "It has been left unchanged. Run 'psr-assist recover' to rescue the drafts into a new store.\n"
        ), argv
    assert (home / "drafts.sqlite3").read_bytes() == before
    assert not (tmp_path / "out.json").exists()


# --------------------------------------------------------------------------- import


def test_import_prints_the_id_and_the_case_is_stored(capsys, tmp_path, home):
    case = sample_case()
    path = write_case(tmp_path, case)
    code, out, err = run(capsys, "import", str(path))
    assert (code, out.strip(), err) == (0, case.id, "")
    with open_store(home) as store:
        assert store.load(case.id) == (case, 1)


def test_importing_an_id_that_exists_makes_a_new_case(capsys, tmp_path, home):
    case = sample_case()
    path = write_case(tmp_path, case)
    run(capsys, "import", str(path))
    with open_store(home) as store:
        edited, rev = store.load(case.id)
        edited.person.trauma = "edited after the first import"
        store.save(edited, rev)
    code, out, err = run(capsys, "import", str(path))
    assert code == 0
    new_id = out.strip()
    assert new_id != case.id and "imported as a new case" in err
    with open_store(home) as store:
        assert store.load(case.id)[0].person.trauma == "edited after the first import"  # not overwritten
        assert store.load(new_id)[0].person.trauma is None
        assert len(store.list_cases()) == 2


def test_import_is_all_or_nothing(capsys, tmp_path, home):
    good = write_case(tmp_path, sample_case(), "good.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"case_details": {"court": ', encoding="utf-8")
    code, out, err = run(capsys, "import", str(good), str(bad))
    assert code == 2 and out == ""
    assert err.startswith("psr-assist: bad.json") and "Nothing was imported." in err
    assert not (home / "drafts.sqlite3").exists()


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (b"", "not valid JSON"),
        (b'{"case_details": {"defendant": {"name": "Wilhel', "truncated"),
        (b"[" * 100_000, "nested too deeply"),
        (b"\xff\xfe\x00\x00garbage", "UTF-8"),
        (b'["a", "list"]', "expected an object"),
        (b'{"schema_version": 99}', "newer psr-assist"),
        (b'{"case_details": {"hearing_date": "' + CANARY.encode() + b'"}}', "must be a date"),
        (b'{"unknown_field": "' + CANARY.encode() + b'"}', "not a field"),
        (b'{"id": "../../etc/passwd"}', "id"),
        (b'{"person": {"strengths": "' + b"x" * 20_001 + b'"}}', "too long"),
        (b'{"case_details": {"offences": [' + b"{}," * 60 + b"{}]}}", "too many"),
        (b'{"proposal": {"order_length_months": ' + b"9" * 5000 + b"}}", ""),
    ],
)
def test_bad_case_files_are_refused_with_one_line(capsys, tmp_path, home, content, expect):
    path = tmp_path / "incoming.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "import", str(path))
    assert code == 2 and out == ""
    assert err.startswith("psr-assist: incoming.json") and err.count("\n") == 1, err
    assert expect in err
    assert CANARY not in err and "Traceback" not in err
    assert not (home / "drafts.sqlite3").exists()


def test_oversized_folder_missing_and_device_files_are_refused(capsys, tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(6_000_000)
    for target, expect in [
        (big, "too large"),
        (tmp_path / "missing.json", "was not found"),
        (tmp_path, "is a folder"),
        (Path("/dev/zero"), "not a regular file"),
    ]:
        code, out, err = run(capsys, "import", str(target))
        assert code == 2 and out == "", target
        assert err.startswith("psr-assist: ") and err.count("\n") == 1 and expect in err, err


def _mutants(valid: bytes, rng: random.Random):
    """Thousands of broken variants of a valid case file."""
    text = valid.decode("utf-8")
    for _ in range(700):  # truncated anywhere
        yield valid[: rng.randrange(len(valid))]
    for _ in range(700):  # random bytes flipped
        data = bytearray(valid)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        yield bytes(data)
    raw = json.loads(text)
    leaves = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, [*path, key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, [*path, i])
        leaves.append(path)

    walk(raw, [])
    hostile_values = [
        None,
        True,
        -1,
        10**30,
        1.5e308,
        "",
        CANARY * 2000,
        [],
        {},
        [CANARY] * 100,
        {"x": CANARY},
        "2026-02-30",
        "\u0000\u202e" + CANARY,
        {"__proto__": CANARY},
        [[[[[[CANARY]]]]]],
    ]
    for _ in range(700):  # a value replaced by something of the wrong shape
        doc = json.loads(text)
        path = rng.choice(leaves)
        if not path:
            continue
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = rng.choice(hostile_values)
        yield json.dumps(doc).encode()
    for prefix in (b"\xef\xbb\xbf", b"PK\x03\x04", b"\x00" * 10, b"   \n"):
        yield prefix + valid
    yield text.encode("utf-16")
    yield b'{"a": ' * 50_000
    yield b'{"schema_version": "1"}'
    yield b"NaN"
    yield b'{"risk": {"rosh": {"children": NaN}}}'


def test_thousands_of_generated_bad_files_give_no_traceback_and_change_nothing(capsys, tmp_path, home):
    """About 2,100 broken files. Most go straight to the import command's ``run`` (stricter than
    ``main``: any exception fails the test instead of becoming a message); every 20th goes
    through ``main`` as a user would run it."""
    import importlib

    from psr_assist.cli import build_parser

    command = importlib.import_module("psr_assist.commands.import")
    parser = build_parser()
    with open_store(home) as store:
        store.create(sample_case("Existing Case Holder"))
    valid = case_to_json(sample_case()).encode("utf-8")
    rng = random.Random(20261126)
    path = tmp_path / "fuzzed.json"
    refused = accepted = 0
    for n, data in enumerate(_mutants(valid, rng)):
        path.write_bytes(data)
        if n % 20 == 0:
            code = main(["import", str(path)])
        else:
            code = command.run(parser.parse_args(["import", str(path)]))
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "unexpected error" not in err, err
        if code == 2:
            refused += 1
            assert out == "" and err.startswith("psr-assist: fuzzed.json") and err.count("\n") == 1, err
            assert CANARY not in err, err
        else:
            assert code == 0, err
            accepted += 1  # a harmless flip (inside a text value) still makes a valid case
            parse_case(data)
    assert refused >= 1900
    with open_store(home) as store:
        assert len(store.list_cases()) == 1 + accepted


# --------------------------------------------------------------------------- export-case


def test_export_case_writes_an_owner_only_file_that_round_trips(capsys, tmp_path, home):
    case = sample_case()
    with open_store(home) as store:
        rev = store.create(case)
        case.person.trauma = "second revision"
        store.save(case, rev)
    out_path = tmp_path / "out" / "case.json"
    out_path.parent.mkdir()
    old = os.umask(0o022)
    try:
        code, out, err = run(capsys, "export-case", case.id, "-o", str(out_path))
    finally:
        os.umask(old)
    assert code == 0 and err == "" and "revision 2" in out
    assert stat.S_IMODE(out_path.stat().st_mode) == 0o600
    assert parse_case(out_path.read_bytes()) == case
    assert [p.name for p in out_path.parent.iterdir()] == ["case.json"]  # no temporary files left

    # and it imports straight back (as a new case, since the id is taken)
    code, out, _ = run(capsys, "import", str(out_path))
    assert code == 0 and out.strip() != case.id


def test_export_case_refuses_to_overwrite_without_force(capsys, tmp_path, home):
    case = sample_case()
    with open_store(home) as store:
        store.create(case)
    target = tmp_path / "case.json"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "export-case", case.id, "-o", str(target))
    assert code == 1 and out == ""
    assert err == "psr-assist: case.json already exists. Choose another file name, or use --force to replace it.\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "export-case", case.id, "-o", str(target), "--force")
    assert code == 0 and parse_case(target.read_bytes()) == case


def test_export_case_unknown_id_and_bad_destinations(capsys, tmp_path, home):
    code, _, err = run(capsys, "export-case", "nosuchcase", "-o", str(tmp_path / "x.json"))
    assert code == 2 and "no cases have been saved" in err
    with open_store(home) as store:
        store.create(sample_case())
    code, _, err = run(capsys, "export-case", "nosuchcase", "-o", str(tmp_path / "x.json"))
    assert code == 2 and err.startswith("psr-assist: There is no case nosuchcase") and err.count("\n") == 1
    code, _, err = run(capsys, "export-case", "nosuchcase", "-o", str(tmp_path / "missing" / "x.json"))
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "export-case", "nosuchcase", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    assert not (tmp_path / "x.json").exists()


# --------------------------------------------------------------------------- encrypted store from the CLI


def test_commands_use_an_encrypted_store_with_the_passphrase_from_the_environment(
    capsys, tmp_path, home, monkeypatch
):
    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)
    monkeypatch.setenv("PSR_ASSIST_ENCRYPT", "1")
    case = sample_case()
    path = write_case(tmp_path, case)

    code, _, err = run(capsys, "import", str(path))  # no passphrase and no terminal: a clear line
    assert code == 2 and "PSR_ASSIST_PASSPHRASE" in err and err.count("\n") == 1
    assert not (home / "drafts.sqlite3").exists()

    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "a long enough passphrase")
    code, out, _ = run(capsys, "import", str(path))
    assert code == 0 and out.strip() == case.id
    assert NAME.encode() not in (home / "drafts.sqlite3").read_bytes()
    code, out, _ = run(capsys, "list")
    assert code == 0 and NAME in out

    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "the wrong passphrase")
    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert err == "psr-assist: That passphrase is not right for this draft store. Try again.\n"

    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE")
    code, _, err = run(capsys, "export-case", case.id, "-o", str(tmp_path / "out.json"))
    assert code == 2 and "encrypted" in err and "PSR_ASSIST_PASSPHRASE" in err


def test_passphrase_prompt_is_used_once_per_run(monkeypatch, home):
    from psr_assist.store.cli_support import open_store_from_env

    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)
    asked = []

    def prompt(text):
        asked.append(text)
        return "a long enough passphrase"

    store = open_store_from_env(encrypt=True, prompt=prompt, interactive=True)
    assert store.encrypted and len(asked) == 2  # a new passphrase is typed twice
    store.close()
    asked.clear()
    store = open_store_from_env(prompt=prompt, interactive=True)
    assert store.encrypted and len(asked) == 1
    store.close()

    answers = iter(["wrong one", "still wrong", "a long enough passphrase"])
    store = open_store_from_env(prompt=lambda _t: next(answers), interactive=True)
    assert store.encrypted
    store.close()


# --------------------------------------------------------------------------- export-case never writes into the store's folder


def _store_fingerprint(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(home.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    "relative", ["drafts.sqlite3", "drafts.sqlite3-wal", "new.json", "locks/x.json", "."]
)
def test_export_case_refuses_any_target_in_the_data_folder_even_with_force(capsys, home, relative):
    case = sample_case()
    with open_store(home) as store:
        store.create(case)
    before = _store_fingerprint(home)
    target = home / relative
    code, out, err = run(capsys, "export-case", case.id, "-o", str(target), "--force")
    assert (code, out) == (2, "")
    assert err.startswith("psr-assist: ") and err.count("\n") == 1
    assert "inside the psr-assist data folder" in err and "Nothing was written" in err
    assert CANARY not in err and NAME not in err
    assert _store_fingerprint(home) == before
    assert not (home / "new.json").exists()
    with open_store(home) as store:  # the store is still there and still holds the case
        assert store.load(case.id)[0] == case


def test_export_case_refuses_a_link_or_other_spelling_that_leads_into_the_data_folder(
    capsys, tmp_path, home
):
    case = sample_case()
    with open_store(home) as store:
        store.create(case)
    before = _store_fingerprint(home)
    file_link = tmp_path / "innocent.json"
    file_link.symlink_to(home / "drafts.sqlite3")
    folder_link = tmp_path / "elsewhere"
    folder_link.symlink_to(home, target_is_directory=True)
    for target in (
        file_link,
        folder_link / "drafts.sqlite3",
        folder_link / "fresh.json",
        tmp_path / "out" / ".." / "home" / "drafts.sqlite3",
    ):
        (tmp_path / "out").mkdir(exist_ok=True)
        code, _, err = run(capsys, "export-case", case.id, "-o", str(target), "--force")
        assert code == 2 and "inside the psr-assist data folder" in err, target
    assert _store_fingerprint(home) == before
    # a file next to the data folder (same prefix in its name) is fine
    sibling = tmp_path / "home-copy.json"
    code, _, err = run(capsys, "export-case", case.id, "-o", str(sibling))
    assert code == 0 and parse_case(sibling.read_bytes()) == case


# --------------------------------------------------------------------------- export-case --revision / --revisions


def _finalised_then_changed(home: Path) -> Case:
    """Revisions: 1 draft, 2 draft, 3 final, 4 new version (with a reason), 5 draft."""
    case = sample_case()
    with open_store(home) as store:
        rev = store.create(case)
        case.person.trauma = "second revision"
        rev = store.save(case, rev)
        rev = store.finalise(case.id, rev)
        _, rev = store.new_version(case.id, "The court asked\nfor an addendum \x1b[31m")
        changed, _ = store.load(case.id)
        changed.person.trauma = "after the new version"
        store.save(changed, rev)
    return case


def test_export_case_writes_a_chosen_revision_including_the_finalised_one(capsys, tmp_path, home):
    case = _finalised_then_changed(home)
    out_path = tmp_path / "final.json"
    code, out, err = run(capsys, "export-case", case.id, "--revision", "3", "-o", str(out_path))
    assert code == 0 and err == "" and "revision 3" in out
    final = parse_case(out_path.read_bytes())
    assert final.sign_off.status.value == "final" and final.person.trauma == "second revision"

    first = tmp_path / "first.json"
    code, _, _ = run(capsys, "export-case", case.id, "--revision", "1", "-o", str(first))
    assert code == 0 and parse_case(first.read_bytes()).person.trauma is None

    latest = tmp_path / "latest.json"
    code, out, _ = run(capsys, "export-case", case.id, "-o", str(latest))
    assert code == 0 and "revision 5" in out
    assert parse_case(latest.read_bytes()).person.trauma == "after the new version"


@pytest.mark.parametrize("number", ["6", "0", "-1", "99999999999999999999"])
def test_export_case_unknown_revision_is_one_line_exit_2(capsys, tmp_path, home, number):
    case = _finalised_then_changed(home)
    target = tmp_path / "x.json"
    code, out, err = run(capsys, "export-case", case.id, "--revision", number, "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"psr-assist: Case {case.id} has no revision {number} kept. "
        f"See 'psr-assist export-case {case.id} --revisions' for the kept revisions.\n"
    )
    assert not target.exists()
    code, _, err = run(capsys, "export-case", "nosuchcase", "--revision", number, "-o", str(target))
    assert code == 2 and err.startswith("psr-assist: There is no case nosuchcase in your draft store")


def test_export_case_revisions_lists_number_time_final_and_reason(capsys, tmp_path, home):
    case = _finalised_then_changed(home)
    code, out, err = run(capsys, "export-case", case.id, "--revisions")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"Kept revisions of case {case.id}, newest first:"
    assert lines[1].split() == ["Revision", "Version", "Saved", "at", "Final", "Reason", "for", "the", "new", "version"]
    rows = [line.split(None, 5) for line in lines[2:]]
    # number, version, date, time, final, reason
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("5", "2", "no"),
        ("4", "2", "no"),
        ("3", "1", "yes"),
        ("2", "1", "no"),
        ("1", "1", "no"),
    ]
    assert rows[1][5] == "The court asked for an addendum"  # one line, no terminal escape code left
    assert "\x1b" not in out and rows[0][5] == "-"
    assert dt.date.fromisoformat(rows[0][2]) >= dt.date(2025, 1, 1)
    assert list(tmp_path.glob("*.json")) == []  # nothing written


def test_export_case_revisions_and_output_are_checked(capsys, tmp_path, home):
    case = _finalised_then_changed(home)
    code, out, err = run(capsys, "export-case", case.id)
    assert (code, out) == (2, "") and "-o CASE.json" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export-case", case.id, "--revisions", "-o", str(tmp_path / "x.json"))
    assert code == 2 and "--revisions only lists" in err and not (tmp_path / "x.json").exists()
    code, _, err = run(capsys, "export-case", "nosuchcase", "--revisions")
    assert code == 2 and err.startswith("psr-assist: There is no case nosuchcase in your draft store")


def test_export_case_revisions_with_no_store_creates_nothing(capsys, home):
    code, out, err = run(capsys, "export-case", "anything", "--revisions")
    assert (code, out) == (2, "") and "no cases have been saved" in err
    assert not home.exists()


def test_export_case_revisions_of_an_encrypted_store_show_the_reason(capsys, home, monkeypatch):
    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)
    passphrase = "a long enough passphrase"
    case = sample_case()
    with open_store(home, encrypt=True, passphrase=passphrase) as store:
        rev = store.create(case)
        rev = store.finalise(case.id, rev)
        store.new_version(case.id, "Sentencing adjourned")
    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", passphrase)
    code, out, _ = run(capsys, "export-case", case.id, "--revisions")
    assert code == 0 and "Sentencing adjourned" in out and "yes" in out


# --------------------------------------------------------------------------- a data folder without permission


def _deny_inside(monkeypatch, folder: Path) -> None:
    """Simulate ``chmod 000 folder`` (root ignores modes): looking at anything inside it is refused."""
    import errno

    real_stat = os.stat
    prefix = str(folder) + os.sep

    def stat_(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(prefix):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_)


PERMISSION_LINE = "cannot be used: permission denied"


@pytest.mark.parametrize("with_store", [False, True])
def test_a_data_folder_without_permission_is_one_line_for_every_command(
    capsys, tmp_path, home, monkeypatch, with_store
):
    case = sample_case()
    if with_store:
        with open_store(home) as store:
            store.create(case)
    else:
        home.mkdir(mode=0o700)
    case_file = write_case(tmp_path, sample_case("Ottoline Marchbanks"))
    before = sorted(p.name for p in home.iterdir())
    _deny_inside(monkeypatch, home)
    for argv in (
        ["list"],
        ["import", str(case_file)],
        ["export-case", case.id, "-o", str(tmp_path / "out.json")],
        ["export-case", case.id, "--revisions"],
        ["recover"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert err == (
            f"psr-assist: The psr-assist data folder {home} {PERMISSION_LINE}. "
            "Give yourself access to it or set PSR_ASSIST_HOME to a folder of your own.\n"
        ), argv
    monkeypatch.undo()
    assert sorted(p.name for p in home.iterdir()) == before  # nothing created or moved
    assert not (tmp_path / "out.json").exists()


def test_open_store_raises_a_store_error_for_a_folder_without_permission(home, monkeypatch):
    from psr_assist.store import StoreError

    home.mkdir(mode=0o700)
    _deny_inside(monkeypatch, home)
    for create in (False, True):
        with pytest.raises(StoreError, match=PERMISSION_LINE) as info:
            open_store(home, create=create)
        assert info.value.reason == "permission denied"


def test_a_real_folder_without_permission_is_one_line(tmp_path):
    """End to end in a child process: mode 000, with capabilities dropped when running as root."""
    import shutil
    import subprocess
    import sys

    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a mode-000 folder cannot be refused")
        prefix = [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o000)
    try:
        env = {**os.environ, "PSR_ASSIST_HOME": str(folder)}
        env.pop("PSR_ASSIST_PASSPHRASE", None)
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "psr_assist", "list"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    finally:
        folder.chmod(0o700)
    if prefix and "setpriv" in result.stderr:
        pytest.skip("setpriv cannot drop capabilities here")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("psr-assist: The psr-assist data folder") and PERMISSION_LINE in result.stderr
    assert result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- Ctrl+D / Ctrl+C at the passphrase prompt


def _terminal_with_keys(monkeypatch, *keys: BaseException | str) -> list[str]:
    """Pretend stdin is a terminal and getpass returns (or raises) ``keys`` in turn; returns the prompts."""
    import getpass

    from psr_assist.store import cli_support

    monkeypatch.setattr(cli_support, "_can_prompt", lambda: True)
    asked: list[str] = []
    pending = list(keys)

    def fake_getpass(prompt: str = "", stream=None) -> str:
        asked.append(prompt)
        key = pending.pop(0)
        if isinstance(key, BaseException):
            raise key
        return key

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return asked


def _encrypted_store(home: Path, monkeypatch) -> Case:
    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)
    case = sample_case()
    with open_store(home, encrypt=True, passphrase="a long enough passphrase") as store:
        store.create(case)
    return case


@pytest.mark.parametrize("argv", [["list"], ["export-case", "ID", "--revisions"], ["recover"]])
def test_ctrl_d_at_the_passphrase_prompt_is_one_line_exit_2(capsys, home, monkeypatch, argv):
    case = _encrypted_store(home, monkeypatch)
    before = (home / "drafts.sqlite3").read_bytes()
    asked = _terminal_with_keys(monkeypatch, EOFError())
    code, out, err = run(capsys, *[case.id if word == "ID" else word for word in argv])
    assert (code, out) == (2, "")
    assert err == "psr-assist: No passphrase was entered; nothing was opened.\n"
    assert len(asked) == 1
    assert (home / "drafts.sqlite3").read_bytes() == before
    assert not list(home.glob("*.damaged*")) and len(list(home.glob("drafts*.sqlite3"))) == 1  # nothing set aside


def test_ctrl_d_on_a_later_try_or_when_choosing_a_new_passphrase(capsys, tmp_path, home, monkeypatch):
    case = _encrypted_store(home, monkeypatch)
    asked = _terminal_with_keys(monkeypatch, "wrong passphrase", EOFError())
    code, _, err = run(capsys, "list")
    assert code == 2 and len(asked) == 2
    assert err.endswith("psr-assist: No passphrase was entered; nothing was opened.\n")

    # a new encrypted store: Ctrl+D on the second typing creates nothing
    other = tmp_path / "other-home"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(other))
    monkeypatch.setenv("PSR_ASSIST_ENCRYPT", "1")
    _terminal_with_keys(monkeypatch, "a long enough passphrase", EOFError())
    code, out, err = run(capsys, "import", str(write_case(tmp_path, case)))
    assert (code, out) == (2, "")
    assert err == "psr-assist: No passphrase was entered; nothing was created.\n"
    assert not (other / "drafts.sqlite3").exists()


def test_ctrl_c_at_the_passphrase_prompt_stops(capsys, home, monkeypatch):
    _encrypted_store(home, monkeypatch)
    _terminal_with_keys(monkeypatch, KeyboardInterrupt())
    code, out, err = run(capsys, "list")
    assert (code, out, err) == (130, "", "psr-assist: stopped.\n")


# --------------------------------------------------------------------------- a data location that is a file


@pytest.mark.parametrize("below", [False, True])
def test_a_data_location_that_is_a_file_is_refused_not_shown_as_empty(capsys, tmp_path, monkeypatch, below):
    plain = tmp_path / "f"
    plain.write_bytes(b"not a folder")
    location = plain / "sub" if below else plain
    monkeypatch.setenv("PSR_ASSIST_HOME", str(location))
    case_file = write_case(tmp_path, sample_case())
    expected = (
        f"psr-assist: The psr-assist data location {location} cannot be used: part of that path is a file, "
        "not a folder. Set PSR_ASSIST_HOME to a folder.\n"
        if below
        else f"psr-assist: The psr-assist data location {location} is a file, not a folder. "
        "Move it away or set PSR_ASSIST_HOME to a folder.\n"
    )
    for argv in (
        ["list"],
        ["list", "--json"],
        ["import", str(case_file)],
        ["export-case", "anything", "-o", str(tmp_path / "out.json")],
        ["export-case", "anything", "--revisions"],
        ["recover"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", expected), argv
    assert plain.read_bytes() == b"not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "f"]


def test_open_store_checks_the_location_before_looking_for_a_store(tmp_path):
    from psr_assist.store import StoreError, StoreNotFound

    plain = tmp_path / "f"
    plain.touch()
    for create in (False, True):
        with pytest.raises(StoreError, match="is a file, not a folder") as info:
            open_store(plain, create=create)
        assert not isinstance(info.value, StoreNotFound)
    with pytest.raises(StoreNotFound):  # a folder that is not there yet is simply "no store"
        open_store(tmp_path / "not-yet", create=False)


def test_a_new_passphrase_too_short_or_mistyped_is_asked_for_again(monkeypatch, home, capsys):
    """A slip of the fingers while choosing a passphrase used to end the command."""
    from psr_assist.store.cli_support import open_store_from_env
    from psr_assist.store.errors import StoreError

    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)
    answers = iter(["short", "a long enough passphrase", "a long enough passphrasf",
                    "a long enough passphrase", "a long enough passphrase"])
    store = open_store_from_env(encrypt=True, prompt=lambda _t: next(answers), interactive=True)
    assert store.encrypted
    store.close()
    err = capsys.readouterr().err
    assert "too short: use at least 8 characters" in err and "different. Choose one again" in err
    assert "long enough" not in err and "short\n" not in err  # what was typed is never echoed
    store = open_store_from_env(prompt=lambda _t: "a long enough passphrase", interactive=True)
    store.close()

    # Three slips and nothing is made: one line, no store file.
    other = home.parent / "other"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(other))
    with pytest.raises(StoreError, match="shorter than 8 characters. Nothing was created"):
        open_store_from_env(encrypt=True, prompt=lambda _t: "short", interactive=True)
    assert not (other / "drafts.sqlite3").exists()
