"""Proof that a killed writer never corrupts or half-saves a draft.

A writer process opens the store and saves revisions of one case in a loop (each with about
``draft_kb`` KB of narrative, different every time). Before each save it appends
``I <revision> <sha256>`` ("in flight") to a side log, and after ``save`` returns —
after the commit — ``C <revision> <sha256>`` ("committed"). The parent kills it with
``SIGKILL`` at a random moment (sometimes while it is still opening the store), then checks:

* ``PRAGMA integrity_check`` is ``ok``;
* the latest revision equals *exactly* the last committed one, or the one that was in flight
  when the kill landed (committed, but killed before it could log that);
* every kept revision decodes and equals a revision the writer logged for that number;
* no stray files (temporary copies) appear in the store folder.

``tests/unit/test_crash.py`` runs a few kills; ``scripts/crash_harness.py`` runs hundreds and
prints the line quoted in the README. The ``naive`` mode (``open("w")`` + write, the way most
editors save) is the control: it shows the harness catches torn writes.

POSIX only (fork and SIGKILL).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

PASSPHRASE = "crash-harness passphrase"
_FIELDS = (
    "circumstances",
    "age_and_maturity",
    "sex_and_gender",
    "race_and_ethnicity",
    "religion_or_belief",
    "disability",
    "care_experience",
    "caring_responsibilities",
    "literacy",
    "learning_style",
    "trauma",
    "intersection",
    "strengths",
    "protective_factors",
)
_WORDS = (
    "Mx Ferrow said the tenancy ended after the rent arrears grew over winter and contact with the "
    "community mental health team lapsed when the appointments moved across town; they describe "
    "sleeping poorly, drinking more at weekends and wanting help to get back to work. "
)
_EXPECTED_FILES = {"drafts.sqlite3", "drafts.sqlite3-wal", "drafts.sqlite3-shm", "locks"}


def _text(seed: int, n: int, length: int) -> str:
    base = _WORDS * (length // len(_WORDS) + 2)
    start = (seed * 7919 + n * 104729) % len(_WORDS)
    return f"[{seed}:{n}] " + base[start : start + length - 16]


def fill_case(case, seed: int, n: int, draft_kb: int) -> None:
    """Put about ``draft_kb`` KB of narrative, unique to (seed, n), into the case."""
    per_field = 19_000
    remaining = draft_kb * 1000
    for name in _FIELDS:
        size = min(per_field, remaining)
        setattr(case.person, name, _text(seed, n, size) if size > 40 else None)
        remaining -= max(size, 0)


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# --------------------------------------------------------------------------- the writers


def _sqlite_writer(
    home: str, case_id: str, log_path: str, ready, seed: int, draft_kb: int, encrypted: bool, keep_drafts: int
) -> None:
    from psr_assist.store.crypto import TEST_KDF  # noqa: F401 - the store already records its KDF
    from psr_assist.store.db import encode_case, open_store

    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    store = open_store(home, passphrase=PASSPHRASE if encrypted else None, keep_drafts=keep_drafts)
    case, revision = store.load(case_id)
    parent = os.getppid()
    ready.send_bytes(b"r")
    n = 0
    while os.getppid() == parent:  # never outlive the harness (it kills us long before that)
        n += 1
        fill_case(case, seed, n, draft_kb)
        body = encode_case(case)
        digest = _digest(body)
        os.write(log, f"I {revision + 1} {digest}\n".encode())
        revision = store.save_encoded(case, body, revision)
        os.write(log, f"C {revision} {digest}\n".encode())


def _naive_writer(
    home: str, case_id: str, log_path: str, ready, seed: int, draft_kb: int, encrypted: bool, keep_drafts: int
) -> None:
    from psr_assist.domain.case import Case

    target = Path(home) / "draft.json"
    case = Case(id=case_id)
    parent = os.getppid()
    ready.send_bytes(b"r")
    n = 0
    while os.getppid() == parent:
        n += 1
        fill_case(case, seed, n, draft_kb)
        with open(target, "w", encoding="utf-8") as fh:  # the way most editors save: truncate, then write
            fh.write(case.model_dump_json())


# --------------------------------------------------------------------------- checking


@dataclass
class Outcome:
    ok: bool
    problem: str = ""
    latest: int = 0
    in_flight_landed: bool = False  # the kill landed between commit and its log line


@dataclass
class Summary:
    mode: str
    kills: int = 0
    corrupt: int = 0  # integrity check failed or the draft did not decode
    mismatched: int = 0  # the draft was not exactly a committed (or in-flight) revision
    in_flight: int = 0
    early_kills: int = 0  # killed while opening the store
    first_revision: int = 0
    last_revision: int = 0
    seconds: float = 0.0
    draft_kb: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return self.corrupt + self.mismatched

    def line(self) -> str:
        if self.mode == "naive":
            return (
                f"naive open('w') control: {self.kills} kills, {self.corrupt} corrupt drafts "
                f"({self.draft_kb} KB drafts, {self.seconds:.0f} s)"
            )
        exact = (
            "the draft was exactly the last committed revision every time"
            if self.failures == 0
            else f"FAILED: {self.mismatched} drafts were not the last committed revision"
        )
        return (
            f"crash harness ({self.mode}): {self.kills} SIGKILLs at random moments, {self.failures} damaged or "
            f"torn drafts; integrity_check ok {self.kills - self.corrupt}/{self.kills}; {exact} ({self.in_flight} kills landed inside save() after its commit "
            f"was written, {self.early_kills} while the store was opening); {self.last_revision:,} revisions "
            f"of {self.draft_kb} KB; {self.seconds:.0f} s"
        )


def _parse_log(log_path: Path) -> list[tuple[str, int, str]]:
    entries = []
    try:
        text = log_path.read_text("ascii", "replace")
    except FileNotFoundError:
        return entries
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("I", "C") and parts[1].isdigit() and len(parts[2]) == 64:
            entries.append((parts[0], int(parts[1]), parts[2]))
    return entries


def verify_sqlite(home: Path, case_id: str, log_path: Path, *, encrypted: bool) -> Outcome:
    from psr_assist.store.db import encode_case, open_store
    from psr_assist.store.errors import StoreError

    stray = {p.name for p in home.iterdir()} - _EXPECTED_FILES
    if stray:
        return Outcome(False, f"unexpected files in the store folder: {sorted(stray)}")
    try:
        store = open_store(home, passphrase=PASSPHRASE if encrypted else None, create=False)
    except StoreError as exc:
        return Outcome(False, f"store would not open: {type(exc).__name__}")
    try:
        if not store.check_integrity():
            return Outcome(False, "integrity_check failed")
        case, latest = store.load(case_id)
        digest = _digest(encode_case(case))
        entries = _parse_log(log_path)
        logged: dict[int, set[str]] = {}
        for _kind, number, dig in entries:
            logged.setdefault(number, set()).add(dig)
        # Each writer logs "I <base + 1>" with the base it loaded, so the log pins down the truth:
        # if the last entry is "C n", the store must hold exactly that revision; if it is "I n"
        # (killed mid-save), the store holds either that save (it committed, the log line did
        # not make it) or revision n - 1 as last written to the log (the save did not commit).
        in_flight = False
        if not entries:
            ok = latest == 1
        else:
            kind, number, dig = entries[-1]
            if kind == "C":
                ok = (latest, digest) == (number, dig)
            elif (latest, digest) == (number, dig):
                ok, in_flight = True, True
            else:
                previous = next((d for _k, n, d in reversed(entries) if n == number - 1), None)
                ok = latest == number - 1 and (
                    digest == previous if previous is not None else number - 1 == 1
                )
        if not ok:
            return Outcome(
                False, f"latest revision {latest} is not the last committed or in-flight save", latest
            )
        for info in store.revisions(case_id):
            if info.number == 1:
                continue
            old = store.load_revision(case_id, info.number)
            if _digest(encode_case(old)) not in logged.get(info.number, set()):
                return Outcome(
                    False, f"kept revision {info.number} is not a revision the writer saved", latest
                )
        return Outcome(True, latest=latest, in_flight_landed=in_flight)
    except StoreError as exc:
        return Outcome(False, f"draft unreadable: {type(exc).__name__}")
    finally:
        store.close()


def verify_naive(home: Path) -> Outcome:
    from psr_assist.domain.case import Case

    target = home / "draft.json"
    try:
        Case.model_validate_json(target.read_bytes())
    except FileNotFoundError:
        return Outcome(True)
    except ValueError:
        return Outcome(False, "torn JSON")
    return Outcome(True)


# --------------------------------------------------------------------------- running


def run(
    home: Path,
    kills: int,
    *,
    mode: str = "sqlite",
    encrypted: bool = False,
    draft_kb: int = 200,
    keep_drafts: int = 10,
    max_delay: float = 0.25,
    early_fraction: float = 0.15,
    seed: int | None = None,
    stop_on_failure: bool = False,
    progress=None,
) -> Summary:
    """Kill a writer ``kills`` times and check the store after each kill."""
    import multiprocessing

    from psr_assist.domain.case import Case
    from psr_assist.store.crypto import TEST_KDF
    from psr_assist.store.db import open_store

    if mode not in ("sqlite", "naive"):
        raise ValueError("mode is 'sqlite' or 'naive'")
    rng = random.Random(seed)
    home = Path(home)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    log_path = home.parent / f"{home.name}.commits.log"
    case = Case()
    if mode == "sqlite":
        store = open_store(
            home, encrypt=encrypted, passphrase=PASSPHRASE if encrypted else None, kdf=TEST_KDF
        )
        store.create(case)
        store.close()
    label = mode if mode == "naive" else ("sqlite, encrypted" if encrypted else "sqlite")
    summary = Summary(mode=label, draft_kb=draft_kb, first_revision=1)
    ctx = multiprocessing.get_context("fork")
    target = _sqlite_writer if mode == "sqlite" else _naive_writer
    started = time.perf_counter()
    for k in range(kills):
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(
            target=target,
            args=(
                str(home),
                case.id,
                str(log_path),
                send,
                rng.randrange(1 << 30),
                draft_kb,
                encrypted,
                keep_drafts,
            ),
            daemon=True,
        )
        proc.start()
        send.close()
        early = rng.random() < early_fraction
        if early:
            time.sleep(rng.uniform(0, 0.01))
            summary.early_kills += 1
        else:
            if not receive.poll(30):
                proc.kill()
                proc.join()
                raise RuntimeError("the writer did not start within 30 s")
            time.sleep(rng.uniform(0.005, max_delay))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        receive.close()
        summary.kills += 1
        outcome = (
            verify_sqlite(home, case.id, log_path, encrypted=encrypted)
            if mode == "sqlite"
            else verify_naive(home)
        )
        if not outcome.ok:
            if "integrity" in outcome.problem or "unreadable" in outcome.problem or "torn" in outcome.problem:
                summary.corrupt += 1
            else:
                summary.mismatched += 1
            summary.problems.append(f"kill {k + 1}: {outcome.problem}")
            if stop_on_failure:
                break
        summary.in_flight += int(outcome.in_flight_landed)
        summary.last_revision = max(summary.last_revision, outcome.latest)
        if progress is not None:
            progress(k + 1, summary)
        if mode == "naive" and not outcome.ok:
            with contextlib.suppress(FileNotFoundError):
                (home / "draft.json").unlink()
    summary.seconds = time.perf_counter() - started
    return summary

