"""The pure parts of the benchmark harness: budgets, medians, ratios, verdicts and output.

Nothing here times anything or touches the disk, so ``tests/unit/test_benchmarks_smoke.py`` can
check it on fake timings. ``run.py`` does the measuring and hands the samples to
:func:`summarize`.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A result's status. OK and OVER are verdicts on a measurement; MISSING means the project side
# is not there to measure (its code has not landed, or no example exists); ERROR means a side
# ran but failed (wrong exit code, exception), so its time would be meaningless.
OK = "ok"
OVER = "OVER"
MISSING = "MISSING"
ERROR = "ERROR"


@dataclass(frozen=True)
class Budget:
    """Either a ratio against the floor (``kind="ratio"``) or an absolute median in ms."""

    kind: str
    limit: float

    def __post_init__(self) -> None:
        if self.kind not in ("ratio", "ms"):
            raise ValueError(f"unknown budget kind {self.kind!r}")
        if not self.limit > 0:
            raise ValueError("a budget must be positive")

    def text(self) -> str:
        if self.kind == "ratio":
            return f"≤ {self.limit:g}×"
        return f"≤ {self.limit:g} ms"


def median(samples: Sequence[float]) -> float:
    if not samples:
        raise ValueError("no samples")
    return float(statistics.median(samples))


def ratio(project: float, floor: float) -> float:
    if floor <= 0:
        raise ValueError("the floor must take some time")
    return project / floor


def summarize(
    pair_id: str,
    what: str,
    floor_what: str,
    budget: Budget,
    project_s: Sequence[float],
    floor_s: Sequence[float] | None,
    *,
    detail: dict | None = None,
) -> dict:
    """One result row from raw samples in seconds. The verdict compares the median ratio (or the
    median project time, for an absolute budget) with the budget."""
    project_ms = median(project_s) * 1000
    floor_ms = median(floor_s) * 1000 if floor_s else None
    if budget.kind == "ratio":
        if floor_ms is None:
            raise ValueError(f"{pair_id}: a ratio budget needs floor samples")
        value = ratio(project_ms, floor_ms)
    else:
        value = project_ms
    return {
        "id": pair_id,
        "what": what,
        "floor_what": floor_what,
        "status": OK if value <= budget.limit else OVER,
        "project_ms": round(project_ms, 3),
        "floor_ms": None if floor_ms is None else round(floor_ms, 3),
        "ratio": round(value, 3) if budget.kind == "ratio" else None,
        "budget": {"kind": budget.kind, "limit": budget.limit, "text": budget.text()},
        "samples": len(project_s),
        "project_spread_ms": _spread(project_s),
        "floor_spread_ms": _spread(floor_s) if floor_s else None,
        "detail": detail or {},
        "note": "",
    }


def cpu_summary(project_cpu_s: Sequence[float], floor_cpu_s: Sequence[float]) -> dict:
    """Median CPU time (user + system) of each side's processes, in ms, and their ratio."""
    out: dict = {"project": round(median(project_cpu_s) * 1000, 1)}
    if floor_cpu_s:
        out["floor"] = round(median(floor_cpu_s) * 1000, 1)
        out["ratio"] = round(out["project"] / out["floor"], 3) if out["floor"] > 0 else None
    return out


def unmeasured(pair_id: str, what: str, floor_what: str, budget: Budget, status: str, note: str) -> dict:
    """A row for a pair that could not be measured (MISSING or ERROR), with one line saying why."""
    if status not in (MISSING, ERROR):
        raise ValueError(status)
    return {
        "id": pair_id,
        "what": what,
        "floor_what": floor_what,
        "status": status,
        "project_ms": None,
        "floor_ms": None,
        "ratio": None,
        "budget": {"kind": budget.kind, "limit": budget.limit, "text": budget.text()},
        "samples": 0,
        "project_spread_ms": None,
        "floor_spread_ms": None,
        "detail": {},
        "note": note,
    }


def _spread(samples: Sequence[float]) -> list[float]:
    """Fastest and slowest sample, in ms: shows how noisy a median is."""
    return [round(min(samples) * 1000, 3), round(max(samples) * 1000, 3)]


def exit_code(results: Iterable[dict]) -> int:
    """0 when every pair was measured and is within budget; 1 otherwise (OVER, MISSING or ERROR)."""
    return 0 if all(r["status"] == OK for r in results) else 1


def _ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1:
        return f"{value:.3f} ms"
    if value < 10:
        return f"{value:.2f} ms"
    return f"{value:.0f} ms"


def _ratio(row: dict) -> str:
    return "—" if row["ratio"] is None else f"{row['ratio']:.2f}×"


COLUMNS = ("id", "what", "project", "floor", "ratio", "budget", "ok")


def _cells(row: dict) -> list[str]:
    return [
        row["id"],
        row["what"],
        _ms(row["project_ms"]),
        _ms(row["floor_ms"]),
        _ratio(row),
        row["budget"]["text"],
        row["status"],
    ]


def format_table(results: Sequence[dict]) -> str:
    """A plain aligned table for the terminal, with each unmeasured pair's reason underneath."""
    rows = [list(COLUMNS)] + [_cells(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"{r['id']}: {r['note']}" for r in results if r["note"]]
    if notes:
        lines.append("")
        lines.extend(notes)
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(results: Sequence[dict], machine: dict, date: str) -> str:
    """The README's Performance table, with the machine and date it was measured on."""
    lines = [
        "| id | what | project (median) | floor (median) | ratio | budget | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        what = r["what"] if not r["floor_what"] else f"{r['what']} — vs {r['floor_what']}"
        cells = _cells(r)
        cells[1] = what
        lines.append("| " + " | ".join(_md_escape(c) for c in cells) + " |")
    notes = [f"- `{r['id']}` {r['status']}: {_md_escape(r['note'])}" for r in results if r["note"]]
    lines.append("")
    lines.append(f"Measured {date} on {machine_line(machine)}.")
    if notes:
        lines.append("")
        lines.extend(notes)
    return "\n".join(lines) + "\n"


def machine_line(machine: dict) -> str:
    libs = ", ".join(f"{k} {v}" for k, v in machine.get("libraries", {}).items())
    return (
        f"{machine.get('cpu', '?')} ({machine.get('nproc', '?')} cores), "
        f"{machine.get('system', '?')}, Python {machine.get('python', '?')}"
        + (f"; {libs}" if libs else "")
        + (f"; psr-assist at {machine['commit']}" if machine.get("commit") else "")
    )


def report(results: Sequence[dict], machine: dict, date: str, command: str, elapsed_s: float) -> dict:
    return {
        "date": date,
        "command": command,
        "elapsed_s": round(elapsed_s, 1),
        "machine": machine,
        "all_within_budget": exit_code(results) == 0,
        "results": list(results),
    }


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
