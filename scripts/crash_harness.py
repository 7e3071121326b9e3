#!/usr/bin/env python3
"""The long crash test: SIGKILL a writer hundreds of times and check the draft store after each kill.

    python scripts/crash_harness.py                 # 300 kills, plain store, 200 KB drafts
    python scripts/crash_harness.py --kills 100 --encrypted
    python scripts/crash_harness.py --control       # also run the naive open('w') writer, which must fail

After every kill: PRAGMA integrity_check is ok, the latest draft equals exactly the last
committed revision (or the one in flight when the kill landed), every kept revision is one the
writer saved, and no stray files are left. Prints one summary line per mode (paste it into the
README) and exits 1 if any kill left a damaged or torn draft. POSIX only.
See psr_assist/store/crash_harness.py for how it works.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=300, help="kills per mode (default 300)")
    parser.add_argument(
        "--draft-kb", type=int, default=200, help="narrative per revision in KB (default 200)"
    )
    parser.add_argument("--max-delay", type=float, default=0.3, help="longest wait before a kill, seconds")
    parser.add_argument("--keep-drafts", type=int, default=50, help="drafts kept per case (default 50)")
    parser.add_argument("--encrypted", action="store_true", help="use an encrypted store")
    parser.add_argument("--both", action="store_true", help="run a plain and an encrypted store")
    parser.add_argument(
        "--control", action="store_true", help="also run the naive open('w') writer (expected to fail)"
    )
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--dir", type=Path, default=None, help="work folder (default: a new temporary folder)"
    )
    args = parser.parse_args(argv)

    from psr_assist.store import crash_harness

    work = args.dir or Path(tempfile.mkdtemp(prefix="psr-crash-"))
    modes = [(False,), (True,)] if args.both else [(args.encrypted,)]
    failed = False
    lines = []
    for (encrypted,) in modes:
        name = "encrypted" if encrypted else "plain"

        def progress(done: int, summary, name=name) -> None:
            if done % 25 == 0 or done == args.kills:
                print(
                    f"  {name}: {done}/{args.kills} kills, {summary.failures} failures, revision {summary.last_revision}",
                    file=sys.stderr,
                    flush=True,
                )

        summary = crash_harness.run(
            work / name,
            args.kills,
            encrypted=encrypted,
            draft_kb=args.draft_kb,
            keep_drafts=args.keep_drafts,
            max_delay=args.max_delay,
            seed=args.seed,
            progress=progress,
        )
        for problem in summary.problems:
            print(f"  PROBLEM {problem}", file=sys.stderr)
        failed |= summary.failures > 0
        lines.append(summary.line())
    if args.control:
        control = crash_harness.run(
            work / "naive",
            min(args.kills, 100),
            mode="naive",
            draft_kb=args.draft_kb,
            max_delay=args.max_delay,
            seed=args.seed,
        )
        lines.append(control.line())
    machine = f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {date.today().isoformat()}"
    for line in lines:
        print(f"{line} [{machine}]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
