"""The shipped instrument files and their loader.

Pins the exact wording of the items that matter most, checks the licensing rules (required
notices; no C-SSRS screener wording in any shipped or test file, found by hashed phrases so
this file does not carry the wording either; no scored instrument is C-SSRS or LDSQ), and proves that a broken file is
refused with a message naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.instruments import (
    SEVERITIES,
    clear_cache,
    instruments_dir,
    load_instruments,
    load_results_only_tools,
)

SHIPPED = instruments_dir()
REPO = Path(__file__).resolve().parents[2]

EXPECTED = {
    "phq9": ("PHQ-9", 9),
    "gad7": ("GAD-7", 7),
    "audit_c": ("AUDIT-C", 3),
    "audit": ("AUDIT", 10),
    "dast10": ("DAST-10", 10),
    "k10": ("K10", 10),
    "core10": ("CORE-10", 10),
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def test_every_instrument_loads_with_its_questions():
    instruments = load_instruments()
    assert list(instruments) == ["phq9", "gad7", "audit_c", "audit", "dast10", "k10", "core10"]
    for iid, (short_name, count) in EXPECTED.items():
        assert instruments[iid].short_name == short_name
        assert instruments[iid].item_count == count


@pytest.mark.parametrize("iid", sorted(EXPECTED))
def test_each_file_carries_licence_notice_sources_and_a_prorating_decision(iid):
    instrument = load_instruments()[iid]
    assert instrument.licence.strip() and instrument.notice.strip()
    assert instrument.source and all(s.strip() for s in instrument.source)
    assert instrument.prorating.rationale.strip()
    assert instrument.timeframe.strip()
    assert all(band.severity in SEVERITIES for band in instrument.bands)


def test_loading_is_cached():
    assert load_instruments()["phq9"] is load_instruments()["phq9"]


# --------------------------------------------------------------------------- exact wording


@pytest.mark.parametrize(
    ("iid", "number", "text"),
    [
        ("phq9", 1, "Little interest or pleasure in doing things"),
        (
            "phq9",
            6,
            "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        ),
        ("phq9", 9, "Thoughts that you would be better off dead or of hurting yourself in some way"),
        ("gad7", 1, "Feeling nervous, anxious or on edge"),
        ("gad7", 7, "Feeling afraid as if something awful might happen"),
        (
            "audit_c",
            3,
            "How often have you had 6 or more units if female, or 8 or more if male, on a single occasion in the last year?",
        ),
        ("audit", 2, "How many units of alcohol do you drink on a typical day when you are drinking?"),
        (
            "audit",
            10,
            "Has a relative or friend, doctor or other health worker been concerned about your drinking or suggested that you cut down?",
        ),
        ("dast10", 3, "Are you always able to stop using drugs when you want to?"),
        ("dast10", 8, "Have you engaged in illegal activities in order to obtain drugs?"),
        ("k10", 4, "In the past 4 weeks, about how often did you feel hopeless?"),
        ("core10", 2, "I have felt I have someone to turn to for support when needed"),
        ("core10", 3, "I have felt able to cope when things go wrong"),
        ("core10", 6, "I made plans to end my life"),
    ],
)
def test_item_wording_is_exact(iid, number, text):
    assert load_instruments()[iid].item(number).text == text


def test_phq9_and_gad7_instructions_and_notice():
    phq9, gad7 = load_instruments()["phq9"], load_instruments()["gad7"]
    assert (
        phq9.instruction
        == "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert (
        gad7.instruction
        == "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )
    for instrument in (phq9, gad7):
        assert [o.label for o in instrument.options(1)] == [
            "Not at all",
            "Several days",
            "More than half the days",
            "Nearly every day",
        ]
        assert "No permission required to reproduce, translate, display or distribute" in instrument.notice
        assert "Spitzer" in instrument.notice


def test_gad7_uses_not_at_all_not_the_known_misprint():
    assert all("sure" not in o.label for o in load_instruments()["gad7"].options(1))


def test_phq9_has_the_unscored_functional_question():
    (extra,) = load_instruments()["phq9"].extra_questions
    assert extra.id == "difficulty"
    assert extra.text.startswith("If you checked off any problems, how difficult have these problems made it")
    assert extra.options == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]


def test_audit_uses_uk_units_not_standard_drinks():
    for iid in ("audit_c", "audit"):
        texts = " ".join(item.text for item in load_instruments()[iid].items)
        assert "units" in texts
        assert "standard drink" not in texts.lower()


def test_audit_c_questions_are_the_first_three_audit_questions():
    audit_c, audit = load_instruments()["audit_c"], load_instruments()["audit"]
    for number in (1, 2, 3):
        assert audit_c.item(number).text == audit.item(number).text
        assert audit_c.options(number) == audit.options(number)


def test_audit_c_leads_to_audit_at_5():
    leads_to = load_instruments()["audit_c"].leads_to
    assert leads_to is not None and leads_to.instrument == "audit" and leads_to.at_least == 5
    assert "full AUDIT" in leads_to.message


def test_core10_is_reproduced_with_attribution_and_the_no_derivatives_licence():
    core10 = load_instruments()["core10"]
    assert "CORE System Trust" in core10.notice and "CC BY-ND 4.0" in core10.notice
    assert core10.stem == "Over the last week..."


def test_dast10_credits_skinner_for_non_commercial_use():
    notice = load_instruments()["dast10"].notice
    assert "Skinner" in notice and "non-commercial" in notice


def test_k10_cites_kessler():
    assert "Kessler" in load_instruments()["k10"].notice


# --------------------------------------------------------------------------- scoring rules as data


def test_reverse_scored_items():
    reversed_items = {
        iid: [item.number for item in instrument.items if item.reverse_scored]
        for iid, instrument in load_instruments().items()
    }
    assert reversed_items == {
        "phq9": [],
        "gad7": [],
        "audit_c": [],
        "audit": [],
        "dast10": [3],
        "k10": [],
        "core10": [2, 3],
    }


def test_critical_items_have_reasons():
    critical = {iid: i.critical_items for iid, i in load_instruments().items()}
    assert critical == {
        "phq9": [9],
        "gad7": [],
        "audit_c": [],
        "audit": [],
        "dast10": [],
        "k10": [4],
        "core10": [6],
    }
    for iid, numbers in critical.items():
        for number in numbers:
            rule = load_instruments()[iid].item(number).critical
            assert rule is not None and len(rule.reason) > 40


def test_k10_red_flag_threshold_is_most_or_all_of_the_time():
    k10 = load_instruments()["k10"]
    rule = k10.item(4).critical
    flagged = [o.label for o in k10.options(4) if o.points >= rule.min_points]
    assert flagged == ["Most of the time", "All of the time"]


def test_only_core10_may_be_prorated_and_only_with_one_item_missing():
    rules = {iid: (i.prorating.allowed, i.prorating.max_missing) for iid, i in load_instruments().items()}
    assert rules.pop("core10") == (True, 1)
    assert all(rule == (False, None) for rule in rules.values())


@pytest.mark.parametrize("iid", sorted(EXPECTED))
def test_bands_cover_the_whole_range_without_gaps_or_overlaps(iid):
    instrument = load_instruments()[iid]
    covered = [t for band in instrument.bands for t in range(band.min, band.max + 1)]
    assert covered == list(range(instrument.score_range.min, instrument.score_range.max + 1))


# --------------------------------------------------------------------------- results-only tools


def test_results_only_tools_record_results_never_items():
    tools = load_results_only_tools()
    assert list(tools) == ["cssrs", "ldsq", "other"]
    raw = yaml.safe_load((SHIPPED / "results_only.yaml").read_text(encoding="utf-8"))
    for tool in raw["tools"]:
        assert not {"items", "questions", "option_sets", "instruction"} & set(tool)
    for tool in tools.values():
        ids = [f.id for f in tool.fields]
        for needed in ("administered_on", "administered_by", "positive", "action_taken"):
            assert needed in ids, f"{tool.id} must record {needed}"
        assert "not" in tool.notice and "questions" in tool.notice


def test_results_only_fields_match_the_case_model():
    from psr_assist.domain.case import ResultsOnlyEntry, ResultsOnlyTool

    assert {t.value for t in ResultsOnlyTool} == set(load_results_only_tools())
    # risk_to_self_screen ("does this other tool screen for suicide risk?") is proposed for the
    # case model; every other field must already exist there.
    known = set(ResultsOnlyEntry.model_fields) | {"risk_to_self_screen"}
    for tool in load_results_only_tools().values():
        assert {f.id for f in tool.fields} <= known, tool.id


def test_which_results_only_outcomes_are_critical():
    tools = load_results_only_tools()
    cssrs, ldsq, other = tools["cssrs"], tools["ldsq"], tools["other"]
    assert cssrs.is_critical(positive=True) is True
    assert cssrs.is_critical(positive=False) is False
    assert cssrs.is_critical(positive=None) is False
    assert ldsq.is_critical(positive=True) is False
    assert other.is_critical(positive=True, risk_to_self_screen=True) is True
    assert other.is_critical(positive=True, risk_to_self_screen=False) is False
    assert other.is_critical(positive=True) is False
    cssrs_action = next(f for f in cssrs.fields if f.id == "action_taken")
    assert cssrs_action.required_when_positive


# --------------------------------------------------------------------------- no licensed item wording anywhere
#
# The C-SSRS screener may not be reproduced, so this guard must not reproduce it either: it
# knows the screener only as SHA-256 fingerprints of distinctive phrases (one or more per item,
# 6 to 9 words). Text is normalised to lower-case words of letters only and every window of
# those lengths in every shipped file is hashed and compared. The phrases were hashed once in a
# scratch script that is not part of the repository.

Fingerprint = tuple[str, int, str]  # (sha256 of first word, word count, sha256 of the words)

CSSRS_SCREENER_FINGERPRINTS: tuple[Fingerprint, ...] = (
    ("9f3f9e1cf5db7117", 8, "54e6137cdd9344f3df333be05e4b58ed8bd96dda0c66ea9402f34837bb42c0d6"),
    ("4cd0e21a9a0795a1", 7, "fac62367150dbc467e6b31dcb1cb8d6b34967920086a0f0d5274592d4b3f3cf3"),
    ("e4c05c565b8cac5e", 7, "f84f9c07bc2f927aab67425f11e52635ee796bceccbdf4a73d70933d777d86f6"),
    ("e4c05c565b8cac5e", 7, "628abfb52fd36330fe80faa7dd2364e855b8a75a76c119777fb7a864b4135b53"),
    ("6ee16429668c2d82", 7, "abe6fd2bf5317f45baae46f351bfc90730dc1d335ede4ad22002b92f20c55368"),
    ("c639cb5f2da1e0ea", 7, "9db03754829417057eff4485d6218ef4c8651f3c505badcdbb65e6178d98607a"),
    ("a6b46dd0d1ae5e86", 6, "e5ddb3ab4f4fd1116b9c6204c6d9d45329e64f09933ec6f70c0aeb5126f841e2"),
    ("ba0f95091e1972cc", 9, "b7b4d25a0389653e9db57e2023c04b8a3a64fbdb2c3e5ea32637ae78bc154dcd"),
    ("ac0b52a2ae6ef999", 8, "400558c385de8e5a667d37fe95800bedf60aacf70e58f538a8105ca306f14242"),
    ("03494afd4248c42f", 9, "5a23ecf0b1185d5fd1de6a5e44d3018ef1982ade42ff8093b4204a8834bbf8b6"),
    ("b0f4b2e7996a5f4f", 8, "bf883103580e9ae7c93ba4cb1374d9b4997a5f9bb771d5c7d6d3d4a106aad1d2"),
)

SCANNED_ROOTS = ("prompts", "src", "docx_templates", "examples", "tests", "README.md")
TEXT_SUFFIXES = {".yaml", ".yml", ".py", ".md", ".j2", ".txt", ".json", ".tcss", ".toml", ".svg", ".xml", ".html"}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", html.unescape(text).lower())


def fingerprint(phrase: str) -> Fingerprint:
    words = _words(phrase)
    return (_sha(words[0])[:16], len(words), _sha(" ".join(words)))


def file_text(path: Path) -> str:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".xml")]
        # Word splits runs across tags; drop the tags so the words join up again.
        return re.sub(r"<[^>]+>", "", " ".join(parts))
    return path.read_text(encoding="utf-8", errors="replace")


def contains_fingerprinted_phrase(text: str, fingerprints) -> bool:
    by_first: dict[str, list[tuple[int, str]]] = {}
    for first, length, digest in fingerprints:
        by_first.setdefault(first, []).append((length, digest))
    words = _words(text)
    first_hash: dict[str, str] = {}
    for i, word in enumerate(words):
        key = first_hash.get(word)
        if key is None:
            key = first_hash[word] = _sha(word)[:16]
        for length, digest in by_first.get(key, ()):
            if _sha(" ".join(words[i : i + length])) == digest:
                return True
    return False


def shipped_files(repo: Path = REPO):
    for name in SCANNED_ROOTS:
        root = repo / name
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts and (
                path.suffix in TEXT_SUFFIXES or path.suffix == ".docx"
            ):
                yield path


def offenders(fingerprints, repo: Path = REPO) -> list[str]:
    return [
        str(path.relative_to(repo))
        for path in shipped_files(repo)
        if contains_fingerprinted_phrase(file_text(path), fingerprints)
    ]


def test_no_cssrs_screener_wording_in_any_shipped_or_test_file():
    files = list(shipped_files())
    # The scan really covers what ships: content, code, templates, examples, README and tests.
    for root in ("prompts", "src", "docx_templates", "examples", "tests"):
        assert any(p.is_relative_to(REPO / root) for p in files), root
    assert REPO / "README.md" in files
    assert Path(__file__).resolve() in files
    found = offenders(CSSRS_SCREENER_FINGERPRINTS)
    assert not found, "C-SSRS screener wording found in: " + ", ".join(found)


def test_the_fingerprints_are_well_formed():
    assert len(CSSRS_SCREENER_FINGERPRINTS) >= 6  # at least one phrase per screener item
    for first, length, digest in CSSRS_SCREENER_FINGERPRINTS:
        assert re.fullmatch(r"[0-9a-f]{16}", first)
        assert 6 <= length <= 9
        assert re.fullmatch(r"[0-9a-f]{64}", digest)


def test_the_guard_catches_a_fingerprinted_phrase_however_it_is_written(tmp_path):
    # A harmless made-up phrase stands in for a licensed item: same fingerprint scheme, same scan.
    planted = [fingerprint("the purple kettle sang at dawn again")]
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "clean.yaml").write_text("help: The kettle sang. Purple is a colour.\n")
    assert offenders(planted, tmp_path) == []

    # Case, punctuation, line breaks and HTML entities do not hide it.
    (tmp_path / "prompts" / "pasted.yaml").write_text("ask: 'The PURPLE kettle,\n  sang at&#160;dawn -- again?'\n")
    (tmp_path / "README.md").write_text("# Notes\n\nthe purple kettle sang at dawn again\n")
    (tmp_path / "docx_templates").mkdir()
    with zipfile.ZipFile(tmp_path / "docx_templates" / "base.docx", "w") as archive:
        archive.writestr(
            "word/document.xml",
            "<w:p><w:r><w:t>the purple kettle</w:t></w:r><w:r><w:t> sang at dawn again</w:t></w:r></w:p>",
        )
    assert offenders(planted, tmp_path) == ["prompts/pasted.yaml", "docx_templates/base.docx", "README.md"]


def test_no_scored_instrument_is_a_licensed_results_only_tool():
    for instrument in load_instruments().values():
        name = f"{instrument.id} {instrument.short_name} {instrument.name}".lower()
        assert not re.search(r"c-?ssrs|columbia|ldsq|learning disability screening", name)


# --------------------------------------------------------------------------- the loader refuses broken files


def _copy_shipped(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(SHIPPED / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, mutate) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_loader_accepts_another_directory(tmp_path):
    _copy_shipped(tmp_path, "phq9.yaml", "results_only.yaml")
    assert list(load_instruments(tmp_path)) == ["phq9"]
    assert list(load_results_only_tools(tmp_path)) == ["cssrs", "ldsq", "other"]


def _set_band(index, **changes):
    def mutate(data):
        data["bands"][index].update(changes)

    return mutate


def _set(key, value):
    def mutate(data):
        data[key] = value

    return mutate


def _drop(key):
    def mutate(data):
        del data[key]

    return mutate


def _item(item_number, **changes):
    def mutate(data):
        data["items"][item_number - 1].update(changes)

    return mutate


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (_set_band(1, min=6), r"gap: no band covers 5-5"),
        (_set_band(1, min=4), r"overlaps the band before it at 4-4"),
        (_set_band(4, max=26), r"gap: no band covers 27-27"),
        (_set_band(4, max=30), r"beyond the maximum score 27"),
        (_set_band(2, severity="dreadful"), r"bands\.2\.severity"),
        (_set("score_range", {"min": 0, "max": 30}), r"score_range is 0-30 but the items score 0-27"),
        (_drop("notice"), r"notice: Field required"),
        (_drop("source"), r"source: Field required"),
        (_set("id", "phq_nine"), r"id is 'phq_nine' but the file is named phq9\.yaml"),
        (_item(3, options="often"), r"option set 'often'"),
        (_item(9, critical={"min_points": 4, "reason": "too high"}), r"critical min_points 4 is more than"),
        (_item(9, critical={"min_points": 1}), r"items\.8\.critical\.reason: Field required"),
        (_item(2, number=7), r"numbered 1 to 9"),
        (
            _set("leads_to", {"instrument": "nothing_here", "at_least": 5, "message": "go on"}),
            r"leads_to names 'nothing_here'",
        ),
        (_set("prorating", {"allowed": True, "rationale": "why not"}), r"max_missing is not given"),
        (_set("surprise", 1), r"surprise: Extra inputs are not permitted"),
    ],
)
def test_loader_rejects_a_broken_file_naming_file_and_problem(tmp_path, mutate, problem):
    _copy_shipped(tmp_path, "phq9.yaml")
    _edit(tmp_path / "phq9.yaml", mutate)
    with pytest.raises(ContentError) as exc:
        load_instruments(tmp_path)
    message = str(exc.value)
    assert "phq9.yaml" in message
    assert re.search(problem, message), message
    assert "\n" not in message.strip()


def test_loader_rejects_invalid_yaml_with_the_line(tmp_path):
    (tmp_path / "gad7.yaml").write_text("id: gad7\nitems: [\n  - oops\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"gad7\.yaml: is not valid YAML at line \d+"):
        load_instruments(tmp_path)


def test_an_unquoted_yes_or_no_label_is_caught(tmp_path):
    # YAML reads a bare No as the boolean false: the loader must not accept it as a label.
    text = (SHIPPED / "dast10.yaml").read_text(encoding="utf-8").replace('label: "No"', "label: No")
    (tmp_path / "dast10.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"dast10\.yaml: option_sets\.no_yes\.0\.label"):
        load_instruments(tmp_path)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    (tmp_path / "k10.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"k10\.yaml: must be a mapping"):
        load_instruments(tmp_path)


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(ContentError, match="no instrument files"):
        load_instruments(tmp_path)


def test_a_results_only_file_with_item_wording_is_refused(tmp_path):
    _copy_shipped(tmp_path, "results_only.yaml")
    _edit(tmp_path / "results_only.yaml", lambda d: d["tools"][0].update(items=["an item"]))
    with pytest.raises(
        ContentError, match=r"results_only\.yaml: tools\.0\.items: Extra inputs are not permitted"
    ):
        load_results_only_tools(tmp_path)


def test_a_results_only_tool_must_record_positive(tmp_path):
    _copy_shipped(tmp_path, "results_only.yaml")
    _edit(
        tmp_path / "results_only.yaml",
        lambda d: d["tools"][1].update(fields=[f for f in d["tools"][1]["fields"] if f["id"] != "positive"]),
    )
    with pytest.raises(
        ContentError, match=r"results_only\.yaml: .*'ldsq' must record whether the screen was positive"
    ):
        load_results_only_tools(tmp_path)


def test_the_audit_c_unit_guide_adds_up():
    """The AUDIT-C asks in UK units; its guide's examples are the arithmetic the officer would do."""
    notes = " ".join(load_instruments()["audit_c"].notes.split())
    for phrase, ml, abv, units in (
        ("a pint of 4% beer is 2.3 units", 568, 4, 2.3),
        ("a 440 ml can of 9% lager, 4;", 440, 9, 4),
        ("a 175 ml glass of 12% wine, 2.1;", 175, 12, 2.1),
        ("a 750 ml bottle of it, 9;", 750, 12, 9),
        ("a 25 ml measure of 40% spirits, 1;", 25, 40, 1),
        ("a litre of 7.5% cider, 7.5.", 1000, 7.5, 7.5),
    ):
        assert phrase in notes
        assert round(ml * abv / 1000, 1) == units, phrase
