"""The benchmark pairs: each times a piece of psr-assist (the project side) against the bare work
its own dependencies force on it (the floor), so the ratio shows only what the project adds.

A pair's ``prepare`` does all untimed setup and raises :class:`Missing` when the project side
cannot be measured yet (its code or an example has not landed). ``project()`` and ``floor()``
each take one sample and return seconds; they raise :class:`SideFailed` when a side did not do
its job (wrong exit code, no output), so a failure is never timed as if it were fast.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import Budget

BENCH_DIR = Path(__file__).resolve().parent
DRIVERS = BENCH_DIR / "drivers"
PREFERRED_EXAMPLE = "community-order-dual-diagnosis.json"


class Missing(Exception):
    """The project side is not there to measure; the message says what is missing."""


class SideFailed(Exception):
    """A side ran but did not do its job; the message is one line, with no case text."""


@dataclass
class Context:
    repo: Path
    tmp: Path
    python: str = sys.executable
    _example: Path | None = field(default=None, init=False)

    def example(self) -> Path:
        """The largest example case: the preferred one if it exists, else the largest examples/*.json."""
        if self._example is None:
            examples = self.repo / "examples"
            preferred = examples / PREFERRED_EXAMPLE
            if preferred.is_file():
                self._example = preferred
            else:
                found = sorted(examples.glob("*.json"), key=lambda p: p.stat().st_size, reverse=True)
                if not found:
                    raise Missing(f"no example case: add examples/{PREFERRED_EXAMPLE} (or any examples/*.json)")
                self._example = found[0]
        return self._example

    def use_example(self, path: Path) -> None:
        if not path.is_file():
            raise SystemExit(f"run.py: no such case file: {path}")
        self._example = path

    def env(self, home: Path) -> dict[str, str]:
        """The environment for a child process: a throwaway store, never the officer's real one."""
        env = dict(os.environ)
        env["PSR_ASSIST_HOME"] = str(home)
        env.pop("TEXTUAL", None)  # no devtools or debug features in a timed run
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env


def have_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def require_module(name: str, who: str) -> None:
    if not have_module(name):
        raise Missing(f"{name} has not landed yet ({who})")


def time_process(argv: list[str], env: dict[str, str], ok_codes: tuple[int, ...] = (0,)) -> tuple[float, str]:
    """Run a fresh process; return (wall seconds, stdout). Raise SideFailed on an unexpected exit."""
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode not in ok_codes:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1][:200]
        raise SideFailed(f"{Path(argv[1]).name if len(argv) > 1 else argv[0]} exited {done.returncode}: {last}")
    return elapsed, done.stdout


def psr_assist_argv(ctx: Context, *args: str) -> list[str]:
    """How the officer runs it: the console script next to this interpreter (``python -m
    psr_assist`` where there is none), started by the same interpreter as the floors."""
    script = Path(ctx.python).parent / "psr-assist"
    if script.is_file():
        return [ctx.python, str(script), *args]
    return [ctx.python, "-m", "psr_assist", *args]


class Pair:
    id: str = ""
    what: str = ""
    floor_what: str = ""
    budget: Budget
    #: samples per round: fresh-process pairs take one, in-process micro-benchmarks more
    per_round: int = 1

    def prepare(self, ctx: Context) -> None:
        self.ctx = ctx

    def project(self) -> float:
        raise NotImplementedError

    def floor(self) -> float | None:
        return None

    def detail(self) -> dict:
        return {}

    def cleanup(self) -> None:
        pass


# --------------------------------------------------------------------------- fresh processes


class CheckCli(Pair):
    id = "check-cli"
    what = "`psr-assist check` on the largest example, fresh process"
    floor_what = "import pydantic + yaml and parse the same file"
    budget = Budget("ratio", 1.5)

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        require_module("psr_assist.commands.check", "the check command")
        example = ctx.example()
        self.env = ctx.env(ctx.tmp / "check-home")
        self.project_argv = psr_assist_argv(ctx, "check", str(example))
        self.floor_argv = [ctx.python, str(DRIVERS / "floor_check.py"), str(example)]
        self.example = example

    def project(self) -> float:
        # 0 = nothing blocks, 1 = blockers found: both are a completed check.
        return time_process(self.project_argv, self.env, ok_codes=(0, 1))[0]

    def floor(self) -> float:
        return time_process(self.floor_argv, self.env)[0]

    def detail(self) -> dict:
        return {"example": self.example.name, "command": " ".join(self.project_argv[1:])}


class ExportCli(Pair):
    id = "export-cli"
    what = "`psr-assist export --draft` of the largest example, fresh process"
    floor_what = "import pydantic + docx + jinja2 + yaml, open the base template and save it"
    budget = Budget("ratio", 1.5)

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        require_module("psr_assist.commands.export", "the export command")
        example = ctx.example()
        self.example = example
        self.env = ctx.env(ctx.tmp / "export-home")
        self.out = ctx.tmp / "export-project.docx"
        self.floor_out = ctx.tmp / "export-floor.docx"
        base = ctx.repo / "docx_templates" / "base.docx"
        self.template = str(base) if base.is_file() else "-"
        self.project_argv = psr_assist_argv(ctx, "export", str(example), "-o", str(self.out), "--draft", "--force")
        self.floor_argv = [ctx.python, str(DRIVERS / "floor_export.py"), str(example), self.template,
                           str(self.floor_out)]

    def project(self) -> float:
        self.out.unlink(missing_ok=True)
        elapsed = time_process(self.project_argv, self.env)[0]
        if not self.out.is_file() or self.out.stat().st_size == 0:
            raise SideFailed("export exited 0 but wrote no report")
        return elapsed

    def floor(self) -> float:
        self.floor_out.unlink(missing_ok=True)
        return time_process(self.floor_argv, self.env)[0]

    def detail(self) -> dict:
        return {
            "example": self.example.name,
            "template": "docx_templates/base.docx" if self.template != "-" else "python-docx default (no base.docx)",
            "report_bytes": self.out.stat().st_size if self.out.is_file() else None,
        }


# --------------------------------------------------------------------------- in process


class CheckCall(Pair):
    id = "check-call"
    what = "one full `check_case` on the largest example, in process"
    floor_what = ""
    budget = Budget("ms", 5.0)
    per_round = 60

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        from psr_assist.domain.case_file import read_case_file
        from psr_assist.domain.check import check_case

        self.case = read_case_file(ctx.example())
        self.check_case = check_case
        self.findings = len(check_case(self.case))  # also loads and registers the rules

    def project(self) -> float:
        t0 = time.perf_counter()
        self.check_case(self.case)
        return time.perf_counter() - t0

    def detail(self) -> dict:
        from psr_assist.domain.check import _RULES

        return {"example": self.ctx.example().name, "findings": self.findings, "rules": len(_RULES)}


def atomic_write(path: Path, data: bytes) -> None:
    """The floor's recipe: temp file in the same folder, write, flush, fsync, os.replace."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


NARRATIVE_BYTES = 200_000


def case_with_narrative(example: Path, total: int = NARRATIVE_BYTES):
    """The example case with ``total`` characters of narrative spread over its long-text fields
    (each filled up to the model's own limit). Plain ASCII, so characters are bytes."""
    from pydantic import BaseModel, ValidationError

    from keystrokes import text_of
    from psr_assist.domain.case import LONG_TEXT_MAX
    from psr_assist.domain.case_file import read_case_file

    case = read_case_file(example)
    remaining = total
    for section_name in type(case).model_fields:
        section = getattr(case, section_name)
        if not isinstance(section, BaseModel):
            continue
        for name, info in type(section).model_fields.items():
            if remaining <= 0:
                return case
            if not any(getattr(m, "max_length", None) == LONG_TEXT_MAX for m in info.metadata):
                continue
            size = min(LONG_TEXT_MAX, remaining)
            try:
                setattr(section, name, text_of(size))
            except ValidationError:
                continue
            remaining -= size
    if remaining > 0:
        raise SideFailed("the case model has too few long-text fields to hold 200 KB of narrative")
    return case


PAIRS: list[type[Pair]] = [CheckCli, ExportCli, CheckCall]
