"""Command line: argument parsing only.

Each subcommand lives in ``psr_assist.commands.<name>`` and exposes ``add_parser(subparsers)``
and ``run(args) -> int``. Those modules import only argparse at module level; each ``run``
imports the layers it needs, so ``check`` and ``export`` never load Textual.

Exit codes used throughout: 0 ok, 1 the case has blockers / the command refused, 2 the input
could not be read or is invalid (one line on stderr, never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Sequence

# Order is the order shown in --help.
COMMANDS = ("open", "demo", "check", "export", "score", "schema", "list", "import", "export-case", "recover", "lint")


def _module_for(name: str):
    return importlib.import_module(f"psr_assist.commands.{name.replace('-', '_')}")


#: Commands that run the app; every other command is short-lived.
APP_COMMANDS = ("open", "demo")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, told the terminal's width up front.

    Left to itself it imports ``shutil`` (and with it the bz2 and lzma modules) to find the
    width every time a parser is built, which every short command pays for, help or not.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """As ``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (``only``) one with just that command, which is all a command line needs."""
    import functools

    from psr_assist import __version__

    parser = argparse.ArgumentParser(
        formatter_class=_HelpFormatter,
        prog="psr-assist",
        description=(
            "Write a pre-sentence report for a defendant with mental health needs: gather, screen, "
            "check against effective practice and the law, and export a court-ready Word report. "
            "Run with no command to open the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"psr-assist {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND",
        parser_class=functools.partial(argparse.ArgumentParser, formatter_class=_HelpFormatter),
    )
    for name in (only,) if only in COMMANDS else COMMANDS:
        _module_for(name).add_parser(sub)
    return parser


@contextlib.contextmanager
def _as_program() -> Iterator[None]:
    """Garbage collection off while a command that ends the process runs (all but the app).

    Its memory is bounded (one case) and all returned when the process ends, so collections
    would only walk the same long-lived objects again and again (pydantic's, python-docx's, the
    content's), and the interpreter walks them all once more at exit. Frozen before the
    collector is switched back on, they are simply released with the process. Measured on
    ``export`` of the largest example: about a third of its time. Only when ``main`` runs as
    the program (no ``argv`` given), never when it is called as a function (tests, scripts).
    """
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


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
    words = list(sys.argv[1:] if argv is None else argv)
    # No command means "open": `psr-assist --encrypt` and `psr-assist --home DIR` open the app.
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help", "--version")):
        words = ["open", *words]
    # A known command needs only its own parser (importing every command's module and building
    # every parser costs more than some commands' work); anything else gets the whole parser.
    args = build_parser(only=words[0]).parse_args(words)
    command = args.command
    from psr_assist.caches import content_store
    from psr_assist.domain import content_cache

    # Kept content for this command only (a caller of main() gets its own setting back); the
    # lint validates the content files themselves, every time.
    previous_store = content_cache.install(None if command == "lint" else content_store())
    try:
        if command in APP_COMMANDS or argv is not None:
            return int(_module_for(command).run(args) or 0)
        with _as_program():
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
    finally:
        content_cache.install(previous_store)
