"""Command line: argument parsing only.

Each subcommand lives in ``psr_assist.commands.<name>`` and exposes ``add_parser(subparsers)``
and ``run(args) -> int``. Those modules import only argparse at module level; each ``run``
imports the layers it needs, so ``check`` and ``export`` never load Textual.

Exit codes used throughout: 0 ok, 1 the case has blockers / the command refused, 2 the input
could not be read or is invalid (one line on stderr, never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Order is the order shown in --help.
COMMANDS = ("open", "demo", "check", "export", "score", "schema", "list", "import", "export-case", "recover", "lint")


def _module_for(name: str):
    return importlib.import_module(f"psr_assist.commands.{name.replace('-', '_')}")


def build_parser() -> argparse.ArgumentParser:
    from psr_assist import __version__

    parser = argparse.ArgumentParser(
        prog="psr-assist",
        description=(
            "Write a pre-sentence report for a defendant with mental health needs: gather, screen, "
            "check against effective practice and the law, and export a court-ready Word report. "
            "Run with no command to open the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"psr-assist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        _module_for(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Files we create are for the officer only (owner read/write), whatever the shell's umask.
    os.umask(0o077)
    # A terminal or pipe that cannot show every character (LANG=C, PYTHONIOENCODING=ascii) gets
    # replacement marks, never a crash in the middle of a listing.
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        try:
            stream.reconfigure(errors=errors)
        except (AttributeError, ValueError, OSError):
            pass
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    # No command means "open": `psr-assist --encrypt` and `psr-assist --home DIR` open the app.
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help", "--version")):
        words = ["open", *words]
    args = parser.parse_args(words)
    command = args.command
    if command != "lint":  # the lint validates the content files themselves, every time
        from psr_assist.caches import install_content_cache

        install_content_cache()
    try:
        return int(_module_for(command).run(args) or 0)
    except KeyboardInterrupt:
        print("psr-assist: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: never print case text or locals
        from psr_assist.errors import describe_unexpected

        print(describe_unexpected(exc), file=sys.stderr)
        return 70
