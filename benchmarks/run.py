"""Run the psr-assist benchmarks: each pair side by side, alternating, several rounds, median.

    python benchmarks/run.py [--rounds N] [--check] [--json PATH] [--markdown] [--only ID ...]

Prints a table (id, what, project median, floor median, ratio, budget, ok/OVER) and writes JSON
(default benchmarks/results/latest.json). ``--check`` exits 1 when any pair is over its budget
or could not be measured. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import harness  # noqa: E402
import pairs as pairs_mod  # noqa: E402

REPO = BENCH_DIR.parent
LIBRARIES = ("textual", "pydantic", "python-docx", "jinja2", "pyyaml", "platformdirs", "cryptography",
             "argon2-cffi", "rich")


def machine_info() -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libraries = {}
    for name in LIBRARIES:
        try:
            libraries[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            libraries[name] = "not installed"
    commit = "?"
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src", "prompts",
                                  "docx_templates"], capture_output=True, text=True, check=True).stdout.strip()
        if changed:
            commit += " + uncommitted changes"  # the benchmark measures the working tree
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "libraries": libraries,
        "commit": commit,
    }


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(pair: pairs_mod.Pair, ctx: pairs_mod.Context, rounds: int) -> dict:
    args = (pair.id, pair.what, pair.floor_what, pair.budget)
    try:
        pair.prepare(ctx)
    except pairs_mod.Missing as missing:
        return harness.unmeasured(*args, harness.MISSING, str(missing))
    except (pairs_mod.SideFailed, Exception) as exc:  # noqa: BLE001 - report, keep measuring the rest
        return harness.unmeasured(*args, harness.ERROR, f"setup failed: {_one_line(exc)}")
    try:
        has_floor = pair.floor() is not None  # warm-up of both sides, untimed
        pair.project()
        project: list[float] = []
        floor: list[float] = []
        samples = min(rounds, pair.max_rounds or rounds) * pair.per_round
        gc.collect()
        cpu: dict[str, list[float]] = {"project": [], "floor": []}
        for n in range(samples):
            project.append(pair.project())  # A, B, A, B … in the same run
            cpu["project"].append(pairs_mod.last_cpu_s)
            if has_floor:
                floor.append(pair.floor())
                cpu["floor"].append(pairs_mod.last_cpu_s)
            if pair.per_round == 1:
                progress(f"  {pair.id}: round {n + 1}/{samples}")
        detail = pair.detail()
        if pair.fresh_process:
            detail["cpu_ms"] = harness.cpu_summary(cpu["project"], cpu["floor"])
        return harness.summarize(*args, project, floor if has_floor else None, detail=detail)
    except Exception as exc:  # noqa: BLE001
        return harness.unmeasured(*args, harness.ERROR, _one_line(exc))
    finally:
        pair.cleanup()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ids = [p.id for p in pairs_mod.PAIRS]
    parser = argparse.ArgumentParser(description="Benchmark psr-assist against its floors.")
    parser.add_argument("--rounds", type=int, default=7, help="rounds per pair (default 7); "
                        "in-process micro-benchmarks take several samples per round")
    parser.add_argument("--check", action="store_true", help="exit 1 if any pair is over budget or unmeasured")
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "results" / "latest.json",
                        help="where to write the JSON results (default benchmarks/results/latest.json)")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for the README)")
    parser.add_argument("--example", type=Path, help="time this case file instead of the largest example")
    parser.add_argument("--only", nargs="+", metavar="ID", choices=ids, help=f"run only these pairs: {', '.join(ids)}")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    date = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    selected = [p for p in pairs_mod.PAIRS if not args.only or p.id in args.only]
    results = []
    tmp = Path(tempfile.mkdtemp(prefix="psr-bench-"))
    try:
        ctx = pairs_mod.Context(repo=REPO, tmp=tmp)
        if args.example:
            ctx.use_example(args.example.resolve())
        for cls in selected:
            progress(f"{cls.id} …")
            result = measure(cls(), ctx, args.rounds)
            progress(f"  {cls.id}: {result['status']}")
            results.append(result)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - started
    machine = machine_info()
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = harness.report(results, machine, date, command.strip(), elapsed)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(harness.to_json(report), encoding="utf-8")
    print(harness.format_table(results))
    first = [(r["id"], r["detail"]["first_run_ms"]) for r in results if r.get("detail", {}).get("first_run_ms")]
    if first:
        print("\nFirst run after installing or upgrading (empty caches; reported, not judged): "
              + ", ".join(f"{pid} {ms:.0f} ms" for pid, ms in first))
    print(f"\n{harness.machine_line(machine)}; {date}; {elapsed:.0f} s. JSON: {args.json}")
    if args.markdown:
        print()
        print(harness.format_markdown(results, machine, date[:10]))
    return harness.exit_code(results) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
