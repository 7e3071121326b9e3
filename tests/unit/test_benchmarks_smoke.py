"""Smoke test of the benchmark harness's pure parts, on fake timings.

Nothing here measures speed: the benchmarks measure it (``python benchmarks/run.py``); tests only
check that the harness computes medians, ratios and verdicts right and writes readable output,
so a broken harness cannot report a false "ok".
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCH_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


harness = _load("harness")

MACHINE = {
    "nproc": 2,
    "cpu": "Test CPU",
    "system": "Linux 6",
    "python": "3.11.7",
    "libraries": {"textual": "8.2.8", "pydantic": "2.14.4"},
}


def test_median_of_odd_and_even_counts():
    assert harness.median([3.0, 1.0, 2.0]) == 2.0
    assert harness.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        harness.median([])


def test_ratio_uses_medians_so_one_slow_outlier_does_not_fail_a_pair():
    budget = harness.Budget("ratio", 1.3)
    project = [0.25, 0.26, 0.24, 2.0, 0.25]  # one 2 s hiccup
    floor = [0.20, 0.21, 0.19, 0.20, 0.20]
    row = harness.summarize("startup", "wizard", "bare app", budget, project, floor)
    assert row["project_ms"] == pytest.approx(250.0)
    assert row["floor_ms"] == pytest.approx(200.0)
    assert row["ratio"] == pytest.approx(1.25)
    assert row["status"] == harness.OK
    assert row["samples"] == 5
    assert row["project_spread_ms"] == [240.0, 2000.0]


def test_ratio_over_budget_is_over_and_fails_check():
    budget = harness.Budget("ratio", 1.5)
    row = harness.summarize("check-cli", "check", "imports", budget, [0.32] * 3, [0.2] * 3)
    assert row["ratio"] == pytest.approx(1.6)
    assert row["status"] == harness.OVER
    assert harness.exit_code([row]) == 1


def test_ratio_exactly_at_budget_is_within_it():
    row = harness.summarize("x", "x", "y", harness.Budget("ratio", 2.0), [0.4], [0.2])
    assert row["status"] == harness.OK


def test_absolute_budget_compares_the_median_in_ms():
    budget = harness.Budget("ms", 5.0)
    fast = harness.summarize("check-call", "check", "", budget, [0.003, 0.004, 0.009], None)
    slow = harness.summarize("check-call", "check", "", budget, [0.006, 0.007, 0.001], None)
    assert fast["project_ms"] == pytest.approx(4.0)
    assert fast["ratio"] is None and fast["floor_ms"] is None
    assert fast["status"] == harness.OK
    assert slow["status"] == harness.OVER


def test_a_ratio_budget_without_floor_samples_is_refused():
    with pytest.raises(ValueError):
        harness.summarize("x", "x", "y", harness.Budget("ratio", 1.5), [0.1], None)
    with pytest.raises(ValueError):
        harness.Budget("speed", 1.0)


def test_missing_or_failed_pairs_fail_check_but_not_a_plain_run():
    budget = harness.Budget("ratio", 1.5)
    ok = harness.summarize("a", "a", "b", budget, [0.1], [0.1])
    missing = harness.unmeasured("typing", "typing", "bare", budget, harness.MISSING, "the app has not landed")
    error = harness.unmeasured("export-cli", "export", "floor", budget, harness.ERROR, "export exited 2")
    assert harness.exit_code([ok]) == 0
    assert harness.exit_code([ok, missing]) == 1
    assert harness.exit_code([ok, error]) == 1


def _rows():
    return [
        harness.summarize("startup", "wizard to first screen", "bare Textual app", harness.Budget("ratio", 1.3),
                          [0.30, 0.31, 0.29], [0.20, 0.20, 0.21]),
        harness.summarize("check-call", "one check", "", harness.Budget("ms", 5.0), [0.0012] * 3, None),
        harness.unmeasured("typing", "300 keys | live check", "bare TextArea", harness.Budget("ratio", 1.5),
                           harness.MISSING, "psr_assist.tui.app has not landed yet"),
    ]


def test_table_shows_every_column_and_the_reason_for_a_missing_pair():
    table = harness.format_table(_rows())
    lines = table.splitlines()
    assert lines[0].split() == ["id", "what", "project", "floor", "ratio", "budget", "ok"]
    startup = next(line for line in lines if line.startswith("startup"))
    assert "300 ms" in startup and "200 ms" in startup and "1.50×" in startup
    assert "≤ 1.3×" in startup and startup.rstrip().endswith("OVER")
    check = next(line for line in lines if line.startswith("check-call"))
    assert "1.20 ms" in check and "≤ 5 ms" in check and check.rstrip().endswith("ok")
    assert "typing: psr_assist.tui.app has not landed yet" in table


def test_markdown_is_a_table_with_machine_and_date():
    md = harness.format_markdown(_rows(), MACHINE, "2026-11-26")
    lines = md.splitlines()
    assert lines[0].startswith("| id | what |")
    assert lines[1].startswith("|---|")
    body = [line for line in lines if line.startswith("| ") and not line.startswith("| id")]
    assert len(body) == 3
    # every row has the same number of cells, even with a "|" in the text
    assert {line.replace("\\|", "").count("|") for line in lines[:5]} == {8}
    assert "vs bare Textual app" in md
    assert "Measured 2026-11-26 on Test CPU (2 cores), Linux 6, Python 3.11.7; textual 8.2.8" in md
    assert "`typing` MISSING" in md


def test_json_report_round_trips_with_machine_verdict_and_rows(tmp_path):
    rows = _rows()
    data = harness.report(rows, MACHINE, "2026-11-26T10:00:00+00:00", "python benchmarks/run.py", 12.34)
    path = tmp_path / "latest.json"
    path.write_text(harness.to_json(data), encoding="utf-8")
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back["machine"]["nproc"] == 2
    assert back["date"].startswith("2026-11-26")
    assert back["elapsed_s"] == 12.3
    assert back["all_within_budget"] is False
    assert [r["id"] for r in back["results"]] == ["startup", "check-call", "typing"]
    assert back["results"][0]["ratio"] == pytest.approx(1.5)
    assert back["results"][0]["budget"] == {"kind": "ratio", "limit": 1.3, "text": "≤ 1.3×"}


def test_every_pair_has_an_id_a_description_and_a_budget():
    pairs = _load("pairs")
    ids = [p.id for p in pairs.PAIRS]
    assert len(ids) == len(set(ids))
    for pair in pairs.PAIRS:
        assert pair.id and pair.what
        assert isinstance(pair.budget, pairs.Budget)
        assert pair.budget.kind == "ms" or pair.floor_what, f"{pair.id}: a ratio needs a floor"


def test_the_atomic_floor_writes_the_bytes_and_leaves_no_temp_file(tmp_path):
    pairs = _load("pairs")
    target = tmp_path / "draft.json"
    target.write_bytes(b"old")
    pairs.atomic_write(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]


def test_cpu_summary_gives_medians_in_ms_and_their_ratio():
    cpu = harness.cpu_summary([0.30, 0.20, 0.25], [0.10, 0.10, 0.12])
    assert cpu == {"project": 250.0, "floor": 100.0, "ratio": 2.5}
