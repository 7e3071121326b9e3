"""Opening the store from the command line or the app: environment, then one passphrase prompt.

Environment variables
---------------------
``PSR_ASSIST_HOME``        where the store lives (default: the per-user data folder).
``PSR_ASSIST_ENCRYPT=1``   create the store encrypted when it does not exist yet.
``PSR_ASSIST_PASSPHRASE``  the passphrase, for scripts and tests. People should let
                           psr-assist ask for it (once per run, not echoed).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TypeVar

from psr_assist.store.crypto import MIN_PASSPHRASE_CHARS
from psr_assist.store.db import Store, open_store
from psr_assist.store.errors import PassphraseRequired, StoreError, StoreNotFound, WrongPassphrase

PASSPHRASE_ENV = "PSR_ASSIST_PASSPHRASE"
ENCRYPT_ENV = "PSR_ASSIST_ENCRYPT"
MAX_ATTEMPTS = 3

T = TypeVar("T")


def encrypt_requested() -> bool:
    return os.environ.get(ENCRYPT_ENV, "").strip().lower() in {"1", "yes", "true", "on"}


def _can_prompt() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _default_prompt(text: str) -> str:
    import getpass

    try:
        return getpass.getpass(text)
    except EOFError:
        # getpass leaves the cursor after the prompt: end that line so the message stands alone.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            if sys.stderr.isatty():
                sys.stderr.write("\n")
        raise


def _asker(ask: Callable[[str], str], *, new_store: bool) -> Callable[[str], str]:
    """``ask`` with end of input (Ctrl+D, a closed stdin) turned into one clear :class:`StoreError`.

    Ctrl+C (``KeyboardInterrupt``) is left alone: the command line says "stopped".
    """

    def asking(text: str) -> str:
        try:
            return ask(text)
        except EOFError:
            raise StoreError(
                "No passphrase was entered; nothing was "
                + ("created." if new_store else "opened."),
                reason="no passphrase was entered",
            ) from None

    return asking


def with_passphrase(
    attempt: Callable[[str | None], T],
    *,
    prompt: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> T:
    """Call ``attempt(passphrase)`` the way every command unlocks the store; returns its result.

    First with ``PSR_ASSIST_PASSPHRASE`` (or ``None``). When ``attempt`` raises
    :class:`PassphraseRequired` and a terminal is attached, the passphrase is asked for
    (``prompt``, default ``getpass``): typed twice for a new store, up to three tries for an
    existing one. Without a terminal and without the variable, one clear :class:`StoreError`.
    """
    interactive = _can_prompt() if interactive is None else interactive
    ask = prompt or _default_prompt
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    try:
        return attempt(passphrase)
    except StoreNotFound:
        raise
    except PassphraseRequired as exc:
        if not interactive:
            raise StoreError(
                (
                    "Choose a passphrase for the new encrypted draft store"
                    if exc.new_store
                    else "The draft store is encrypted"
                )
                + f": run psr-assist in a terminal to type it, or set {PASSPHRASE_ENV}.",
                reason="the passphrase is needed",
            ) from None
        if exc.new_store:
            return attempt(_choose_passphrase(_asker(ask, new_store=True)))
    except WrongPassphrase:
        if not interactive:
            raise
    # An existing encrypted store: ask, with a few tries.
    ask = _asker(ask, new_store=False)
    for tries in range(MAX_ATTEMPTS):
        typed = ask("Passphrase for your psr-assist drafts: ")
        try:
            return attempt(typed)
        except WrongPassphrase:
            if tries == MAX_ATTEMPTS - 1:
                raise
            print("That passphrase is not right. Try again.", file=sys.stderr)
    raise AssertionError("unreachable")  # pragma: no cover


def _choose_passphrase(ask: Callable[[str], str]) -> str:
    """A new passphrase, typed twice. One too short, or typed differently the second time, is
    asked for again (a few tries), rather than ending the command over a slip of the fingers."""
    for tries in range(MAX_ATTEMPTS):
        last = tries == MAX_ATTEMPTS - 1
        first = ask(f"Choose a passphrase for your psr-assist drafts (at least {MIN_PASSPHRASE_CHARS} characters): ")
        if len(first) < MIN_PASSPHRASE_CHARS:
            if last:
                raise StoreError(
                    f"The passphrase was shorter than {MIN_PASSPHRASE_CHARS} characters. Nothing was created; try again.",
                    reason="the passphrase is too short",
                )
            print(f"That is too short: use at least {MIN_PASSPHRASE_CHARS} characters.", file=sys.stderr)
            continue
        if ask("Type the passphrase again: ") == first:
            return first
        if last:
            raise StoreError("The two passphrases were different. Nothing was created; try again.")
        print("The two passphrases were different. Choose one again.", file=sys.stderr)
    raise AssertionError("unreachable")  # pragma: no cover


def open_store_from_env(
    *,
    create: bool = True,
    encrypt: bool | None = None,
    prompt: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> Store:
    """Open the store the way every command does; raises :class:`StoreError` with one line.

    The passphrase comes from ``PSR_ASSIST_PASSPHRASE`` or is asked for (see
    :func:`with_passphrase`).
    """
    encrypt = encrypt_requested() if encrypt is None else encrypt
    return with_passphrase(
        lambda passphrase: open_store(passphrase=passphrase, create=create, encrypt=encrypt),
        prompt=prompt,
        interactive=interactive,
    )
