"""The benchmark pairs: each times a piece of psr-assist (the project side) against the bare work
its own dependencies force on it (the floor), so the ratio shows only what the project adds.

A pair's ``prepare`` does all untimed setup and raises :class:`Missing` when the project side
cannot be measured yet (its code or an example has not landed). ``project()`` and ``floor()``
each take one sample and return seconds; they raise :class:`SideFailed` when a side did not do
its job (wrong exit code, no output), so a failure is never timed as if it were fast.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import resource
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

    def env(self, home: Path, caches: Path | None = None) -> dict[str, str]:
        """The environment for a child process: a throwaway store, never the officer's real one,
        and throwaway caches (compiled templates, kept content), shared by the run's children and
        filled by each pair's untimed first run, as an officer's are after the first use."""
        env = dict(os.environ)
        env["PSR_ASSIST_HOME"] = str(home)
        caches = caches or self.tmp / "caches"
        env["PSR_ASSIST_TEMPLATE_CACHE"] = str(caches / "templates")
        env["PSR_ASSIST_CONTENT_CACHE"] = str(caches / "content")
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


#: CPU seconds (user + system) of the last process time_process ran: a cross-check that is far
#: less sensitive than wall time to other work on a busy machine.
last_cpu_s = 0.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_process(
    argv: list[str], env: dict[str, str], ok_codes: tuple[int, ...] = (0,), *, must_print: bool = False
) -> tuple[float, str]:
    """Run a fresh process; return (wall seconds, stdout). Raise SideFailed on an unexpected exit,
    a traceback, or (with ``must_print``) no output: a crash must never be timed as a fast run."""
    global last_cpu_s
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    last_cpu_s = _children_cpu() - cpu0
    if "Traceback (most recent call last)" in done.stderr:
        last = done.stderr.strip().splitlines()[-1][:200]
        raise SideFailed(f"{Path(argv[1]).name if len(argv) > 1 else argv[0]} crashed: {last}")
    if must_print and not done.stdout.strip():
        raise SideFailed(f"{Path(argv[1]).name if len(argv) > 1 else argv[0]} printed nothing")
    if done.returncode not in ok_codes:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1][:200]
        raise SideFailed(f"{Path(argv[1]).name if len(argv) > 1 else argv[0]} exited {done.returncode}: {last}")
    return elapsed, done.stdout


FIRST_RUNS = 3


def first_run_ms(ctx: Context, argv: list[str], env: dict[str, str], ok_codes: tuple[int, ...] = (0,)) -> float:
    """Median wall ms of the project side with empty caches (the first run after installing or
    upgrading): reported beside the pair, not judged against its budget."""
    samples = []
    for n in range(FIRST_RUNS):
        caches = Path(tempfile.mkdtemp(prefix=f"first-{n}-", dir=ctx.tmp))
        first_env = ctx.env(Path(env["PSR_ASSIST_HOME"]), caches)
        samples.append(time_process(argv, first_env, ok_codes)[0] * 1000)
    return round(sorted(samples)[len(samples) // 2], 1)


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
    #: a cap on rounds for a pair whose single sample takes seconds (None: no cap)
    max_rounds: int | None = None
    #: each sample is a fresh process (timed by wall clock; CPU time kept as a cross-check)
    fresh_process: bool = False

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
    fresh_process = True

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
        return time_process(self.project_argv, self.env, ok_codes=(0, 1), must_print=True)[0]

    def floor(self) -> float:
        return time_process(self.floor_argv, self.env)[0]

    def detail(self) -> dict:
        return {
            "example": self.example.name,
            "command": " ".join(self.project_argv[1:]),
            "first_run_ms": first_run_ms(self.ctx, self.project_argv, self.env, ok_codes=(0, 1)),
        }


class ExportCli(Pair):
    id = "export-cli"
    what = "`psr-assist export --draft` of the largest example, fresh process"
    floor_what = "import pydantic + docx + jinja2 + yaml, open the base template and save it"
    budget = Budget("ratio", 1.5)
    fresh_process = True

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
            "first_run_ms": first_run_ms(self.ctx, self.project_argv, self.env),
        }


class Startup(Pair):
    id = "startup"
    what = "the wizard on the largest example, fresh process, to first screen ready for input"
    floor_what = "a bare Textual app (Input + Footer), same driver"
    budget = Budget("ratio", 1.3)
    fresh_process = True

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        self.floor_argv = [ctx.python, str(DRIVERS / "startup.py"), "bare"]
        self.home = ctx.tmp / "startup-home"
        self.env = ctx.env(self.home)
        self.ready: dict[str, list[float]] = {"project": [], "floor": []}
        require_module("psr_assist.commands.open", "opening the app")
        require_module("psr_assist.tui.app", "the wizard")
        self.case_id = store_example(ctx, self.home)
        self.project_argv = [ctx.python, str(DRIVERS / "startup.py"), "cli", *open_case_args(self.case_id)]

    def _run(self, argv: list[str], side: str) -> float:
        elapsed, out = time_process(argv, self.env)
        try:
            report = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            raise SideFailed(f"the {side} side never reported its first screen ready") from None
        self.ready[side].append(report["ready_ms"])
        self.focused = getattr(self, "focused", {})
        self.focused[side] = f"{report['screen']} / {report['focused']}"
        return elapsed

    def project(self) -> float:
        return self._run(self.project_argv, "project")

    def floor(self) -> float:
        return self._run(self.floor_argv, "floor")

    def detail(self) -> dict:
        from harness import median

        return {
            "example": self.ctx.example().name,
            "command": " ".join(self.project_argv[2:]),
            "in_script_ready_ms": {k: round(median(v), 1) for k, v in self.ready.items() if v},
            "first_screen_and_focus": getattr(self, "focused", {}),
            "first_run_ms": first_run_ms(self.ctx, self.project_argv, self.env),
        }


def open_case_args(case_id: str) -> list[str]:
    """The command line that opens one stored case in the app."""
    return ["open", case_id]


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
        self.typed = 0

    def project(self) -> float:
        # As while typing: one narrative changes by a character before each check, so the
        # per-text caches (plain English, scores) cannot answer from a previous identical call.
        self.typed += 1
        self.case.person.trauma = (self.case.person.trauma or "")[:-1] + "abcdefghij"[self.typed % 10]
        t0 = time.perf_counter()
        self.check_case(self.case)
        return time.perf_counter() - t0

    def detail(self) -> dict:
        from psr_assist.domain import check

        catalogue = getattr(check, "rule_catalogue", None)
        return {"example": self.ctx.example().name, "findings": self.findings,
                "rules": len(catalogue()) if catalogue else None,
                "median_ms_per_example": self._per_example()}

    def _per_example(self) -> dict[str, float]:
        """The same check on every example (a case with many findings may cost more)."""
        from harness import median
        from psr_assist.domain.case_file import read_case_file

        out = {}
        for path in sorted((self.ctx.repo / "examples").glob("*.json")):
            case = read_case_file(path)
            self.check_case(case)
            samples = []
            for _ in range(30):
                t0 = time.perf_counter()
                self.check_case(case)
                samples.append(time.perf_counter() - t0)
            out[path.name] = round(median(samples) * 1000, 3)
        return out


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
    (each filled up to the model's own limit; a field that refuses that much text is not a
    long-text field and is left alone). Plain ASCII, so characters are bytes."""
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
        for name in type(section).model_fields:
            if remaining <= 0:
                return case
            try:
                setattr(section, name, text_of(LONG_TEXT_MAX))  # validate_assignment: only long text takes it
            except ValidationError:
                continue
            size = min(LONG_TEXT_MAX, remaining)
            setattr(section, name, text_of(size))
            remaining -= size
    if remaining > 0:
        raise SideFailed("the case model has too few long-text fields to hold 200 KB of narrative")
    return case


class Autosave(Pair):
    id = "autosave"
    what = "one autosave (`CaseSession.save_now`) of a case with 200 KB of narrative, in process"
    floor_what = "write the same bytes with the atomic recipe (temp file, fsync, os.replace)"
    budget = Budget("ratio", 3.0)
    per_round = 20

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        require_module("psr_assist.session", "the case session")
        from psr_assist.session import CaseSession
        from psr_assist.store import open_store

        case = case_with_narrative(ctx.example())
        self.store = open_store(ctx.tmp / "autosave-home")
        self.session = CaseSession.new(self.store, case)
        # the field each save changes by one character, so every save is a real new revision
        self.section, self.field = _first_long_text(case)
        self.floor_path = ctx.tmp / "autosave-floor" / "draft.json"
        self.floor_path.parent.mkdir()
        self.saves = 0

    def _change_one_character(self) -> None:
        section = getattr(self.session.case, self.section)
        text = getattr(section, self.field)
        setattr(section, self.field, text[:-1] + ("x" if text[-1] != "x" else "y"))
        self.session.mark_changed()

    def project(self) -> float:
        self._change_one_character()
        before = self.session.revision
        t0 = time.perf_counter()
        saved = self.session.save_now()
        elapsed = time.perf_counter() - t0
        if not saved or self.session.revision != before + 1:
            raise SideFailed(f"save_now did not store a new revision ({self.session.status_text()})")
        self.saves += 1
        return elapsed

    def floor(self) -> float:
        from psr_assist.store.db import encode_case

        data = encode_case(self.session.case)  # the same bytes the store writes (not timed)
        t0 = time.perf_counter()
        atomic_write(self.floor_path, data)
        return time.perf_counter() - t0

    def detail(self) -> dict:
        from psr_assist.store.db import encode_case

        case = self.session.case
        t0 = time.perf_counter()
        body = encode_case(case)
        encode_ms = (time.perf_counter() - t0) * 1000
        return {"case_bytes": len(body), "saves": self.saves, "encode_ms_once": round(encode_ms, 3),
                "keep_drafts": self.store.keep_drafts}

    def cleanup(self) -> None:
        if hasattr(self, "session"):
            self.session.close()
        if hasattr(self, "store"):
            self.store.close()


def _first_long_text(case) -> tuple[str, str]:
    from pydantic import BaseModel

    for section_name in type(case).model_fields:
        section = getattr(case, section_name)
        if isinstance(section, BaseModel):
            for name in type(section).model_fields:
                value = getattr(section, name)
                if isinstance(value, str) and len(value) > 1000:
                    return section_name, name
    raise SideFailed("no long narrative field to change")


KEYSTROKES = 300


def _bare_textarea_app(text: str = ""):
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, TextArea

    class BareTextArea(App):
        def compose(self) -> ComposeResult:
            yield TextArea(text, id="narrative")
            yield Footer()

    return BareTextArea()


TYPING_STEP = "person"  # a step made of narrative fields


class Typing(Pair):
    id = "typing"
    what = "300 keystrokes into a narrative field of the wizard, then its live check and autosave"
    floor_what = "the same 300 keystrokes into a bare TextArea app holding the same text"
    budget = Budget("ratio", 1.5)
    max_rounds = 5

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        from keystrokes import text_of

        self.text = text_of(KEYSTROKES)
        require_module("psr_assist.tui.app", "the wizard")
        require_module("psr_assist.tui.screens.wizard", "the wizard")
        from psr_assist.store import open_store

        self.home = ctx.tmp / "typing-home"
        self.case_id = store_example(ctx, self.home)
        self.open_store = open_store
        self.initial_text: str | None = None
        self.where = ""
        self.end_ms: list[float] = []

    async def _project_once(self) -> float:
        from keystrokes import type_text
        from psr_assist.tui.app import PsrAssistApp
        from psr_assist.tui.screens.wizard import WizardScreen
        from psr_assist.tui.widgets.fields import LongTextField

        with self.open_store(self.home, create=False) as store:
            app = PsrAssistApp(store, case_id=self.case_id)
            async with app.run_test(size=(120, 40)) as pilot:
                wizard = await _wait_for(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.is_mounted)
                pane = await wizard.goto_step(TYPING_STEP)
                await pilot.pause()
                field = pane.query(LongTextField).first()
                area = field.control
                area.focus()
                area.move_cursor(area.document.end)
                await pilot.pause()
                if self.initial_text is None:
                    self.initial_text = area.text
                    self.where = f"{TYPING_STEP}: {field.path}"
                session = wizard.session
                revision = session.revision
                elapsed = await type_text(pilot, self.text, lambda: area.text)
                # The burst's debounced work, as its timers would run it once typing pauses:
                # the live check and the autosave (same methods, called now rather than after
                # a 0.3 s / 1 s idle wait, which is sleep, not work).
                t0 = time.perf_counter()
                wizard.run_check()
                saved = wizard.save_now()
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                end = time.perf_counter() - t0
                if not saved or session.revision <= revision:
                    raise SideFailed(f"the autosave after typing did not store a new revision ({session.status_text()})")
                if not session.case.model_dump_json().count(self.text[:40]):
                    raise SideFailed("the typed text did not reach the case")
                self.end_ms.append(end * 1000)
                await _restore(pilot, wizard, field, self.initial_text)
            for open_session in list(app.sessions):  # as run_app does on quit: release the case
                open_session.close()
        return elapsed + end

    async def _floor_once(self) -> float:
        from textual.widgets import TextArea

        from keystrokes import type_text

        app = _bare_textarea_app(self.initial_text or "")
        async with app.run_test(size=(120, 40)) as pilot:
            area = app.query_one(TextArea)
            area.focus()
            area.move_cursor(area.document.end)
            await pilot.pause()
            elapsed = await type_text(pilot, self.text, lambda: area.text)
            if self.text not in area.text:
                raise SideFailed("the bare TextArea did not receive the keys")
        return elapsed

    def project(self) -> float:
        return asyncio.run(self._project_once())

    def floor(self) -> float:
        return asyncio.run(self._floor_once())

    def detail(self) -> dict:
        from harness import median

        return {
            "field": self.where,
            "initial_chars": len(self.initial_text or ""),
            "keystrokes": KEYSTROKES,
            "check_and_autosave_after_typing_ms": round(median(self.end_ms), 2) if self.end_ms else None,
        }


async def _wait_for(pilot, condition, timeout: float = 20.0):
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SideFailed("the wizard did not open")
        await pilot.pause()
    return pilot.app.screen


async def _restore(pilot, wizard, field, text: str | None) -> None:
    """Put the field back as it was and save, so every sample types into the same text."""
    area = field.control
    area.load_text(text or "")
    await pilot.pause()
    wizard.save_now()
    await pilot.pause()


def store_example(ctx: Context, home: Path) -> str:
    """Put the largest example into a throwaway store (through the store's API, as ``psr-assist
    import`` does); return its case id. Not timed."""
    from psr_assist.domain.case_file import read_case_file
    from psr_assist.store import open_store

    case = read_case_file(ctx.example())
    with open_store(home) as store:
        store.create(case)
    return case.id


def fictional_drafts(count: int, start: int = 0):
    """``count`` small fictional drafts, as an officer's case list holds them."""
    import datetime as dt

    from psr_assist.domain.case import Case

    courts = ("Northgate Magistrates' Court", "Riverside Crown Court", "Eastfield Magistrates' Court")
    for n in range(start, start + count):
        case = Case()
        details = case.case_details
        details.court = courts[n % len(courts)]
        details.hearing_date = dt.date(2027, 1, 1) + dt.timedelta(days=n % 300)
        details.defendant.name = f"Test Person {n:05d}"
        details.defendant.crn = f"X{n:06d}"
        yield case


class List10k(Pair):
    id = "list-10k"
    what = "`psr-assist` to the case list ready for input, fresh process, 10,000 drafts in the store"
    floor_what = "the same with 10 drafts"
    budget = Budget("ratio", 2.0)
    fresh_process = True
    BIG = 10_000
    SMALL = 10

    def prepare(self, ctx: Context) -> None:
        super().prepare(ctx)
        from psr_assist.store import open_store

        self.open_store = open_store
        require_module("psr_assist.tui.app", "the app")
        self.big_home = ctx.tmp / "list-10k-home"
        self.small_home = ctx.tmp / "list-10-home"
        t0 = time.perf_counter()
        for home, count in ((self.big_home, self.BIG), (self.small_home, self.SMALL)):
            with open_store(home) as store:
                batch = 1000
                for start in range(0, count, batch):
                    store.create_many(fictional_drafts(min(batch, count - start), start))
        self.build_s = time.perf_counter() - t0
        argv = [ctx.python, str(DRIVERS / "startup.py"), "cli", "open"]
        self.big = (argv, ctx.env(self.big_home))
        self.small = (argv, ctx.env(self.small_home))
        self.seen: dict[str, str] = {}

    def _run(self, side: tuple[list[str], dict[str, str]], name: str) -> float:
        elapsed, out = time_process(*side)
        try:
            report = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            raise SideFailed("the case list never reported ready") from None
        self.seen[name] = f"{report['screen']} / {report['focused']}"
        return elapsed

    def project(self) -> float:
        return self._run(self.big, "10k")

    def floor(self) -> float:
        return self._run(self.small, "10")

    def _store_list_ms(self, home: Path, expected: int, times: int = 5) -> float:
        from harness import median

        samples = []
        for _ in range(times):
            t0 = time.perf_counter()
            with self.open_store(home, create=False) as store:
                cases = store.list_cases()
            samples.append(time.perf_counter() - t0)
            if len(cases) != expected:
                raise SideFailed(f"listed {len(cases)} cases, expected {expected}")
        return round(median(samples) * 1000, 2)

    def detail(self) -> dict:
        return {
            "build_stores_s": round(self.build_s, 1),
            "store_bytes_10k": (self.big_home / "drafts.sqlite3").stat().st_size,
            "first_screen_and_focus": self.seen,
            "in_process_open_store_and_list_cases_ms": {
                "10k": self._store_list_ms(self.big_home, self.BIG),
                "10": self._store_list_ms(self.small_home, self.SMALL),
            },
        }


PAIRS: list[type[Pair]] = [Startup, CheckCli, ExportCli, CheckCall, Autosave, Typing, List10k]
