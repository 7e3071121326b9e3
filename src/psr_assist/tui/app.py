"""The psr-assist app: the case list, then one case at a time in the wizard.

Privacy rules this class enforces:

* An unexpected error never shows Textual's traceback (which prints local variables, i.e.
  case text). The screen closes, the open case is saved if it can be, and the terminal shows
  only the error's type and place (:func:`psr_assist.errors.describe_unexpected`); the process
  exits with a non-zero code (:data:`CRASH_EXIT_CODE`).
* No screenshots to disk: the palette's "Screenshot" command is gone and the screenshot
  methods refuse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from psr_assist.tui.commands import PsrCommands
from psr_assist.tui.key_order import CLICKED, TYPED, KeyOrder
from psr_assist.tui.themes import DEFAULT_THEME, THEME_NAMES, THEMES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from psr_assist.domain.case import ReportType
    from psr_assist.domain.questions import QuestionBank
    from psr_assist.session import CaseSession
    from psr_assist.store import Store
    from psr_assist.tui.screens.wizard import WizardScreen

SIGNAL_EXIT_DEADLINE = 5.0  # seconds: after SIGTERM/SIGHUP (all saved), the process ends even if Textual hangs
CRASH_EXIT_CODE = 70  # as the CLI's last-resort handler (EX_SOFTWARE)
HIDDEN_SYSTEM_COMMANDS = {"Screenshot", "Theme"}
GC_PAUSE_SECONDS = 1.0  # the garbage collector is off this long after the app starts (run_app)


class PsrAssistApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "psr-assist"
    COMMANDS = App.COMMANDS | {PsrCommands}
    COMMAND_PALETTE_DISPLAY = "Ctrl+P"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Save everything and quit"),
        Binding("ctrl+t", "cycle_theme", "Theme", id="theme", show=False,
                tooltip="Switch between dark, light and high-contrast"),
        # Tab moves the focus as soon as the app reads the key, so that what is typed straight
        # after it (fast typing, a slow moment) lands in the next answer, not the one just left.
        Binding("tab", "focus_next", "Next answer", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous answer", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        case_id: str | None = None,
        demo: bool = False,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
        export_dir: Path | None = None,
        bank: QuestionBank | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        from psr_assist.domain.questions import question_bank

        self.store = store
        self.start_case_id = case_id
        self.demo = demo
        self._today = today
        self._now = now
        self.frozen_clock = now is not None
        self.bank = bank or question_bank()
        from psr_assist.store.preferences import read_preferences

        kept = read_preferences(store.home)
        # Where the officer last exported, and whether they marked it, unless told otherwise.
        self.export_dir = export_dir or _existing_folder(kept.get("export_folder")) or default_export_folder()
        self.export_marking = kept.get("export_marking") == "yes"
        self.sessions: list[CaseSession] = []
        for item in THEMES:
            self.register_theme(item)
        if theme is None:  # the one the officer chose last time, kept beside the store
            from psr_assist.store.preferences import remembered_theme

            theme = remembered_theme(store.home, THEME_NAMES) or DEFAULT_THEME
        self.theme = theme
        self._keep_theme = True  # from now on a change of theme is the officer's choice
        self.crash_message: str | None = None
        self.stop_signal: int | None = None  # SIGTERM / SIGHUP received: the app is stopping
        self._signal_handlers: list[tuple[Any, int, Any]] = []
        self.hard_exit_after: float | None = None  # seconds a signalled shutdown may take (run_app)
        self._watchdog: Any = None
        self.key_order = KeyOrder(self)

    def get_driver_class(self):
        """Textual's driver for this terminal, reading pasted text as text (``paste_guard``)."""
        from psr_assist.tui.paste_guard import install

        install()
        return super().get_driver_class()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications never parse markup: they can name a defendant or quote a finding."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        self.notify("Press Ctrl+Q to quit. Your work is saved as you go.", title="Do you want to quit?")

    # ------------------------------------------------------------------ clock
    def today(self) -> dt.date:
        if self._today is not None:
            return self._today
        if self._now is not None:
            return self._now.date()
        return dt.date.today()

    def now(self) -> dt.datetime:
        return self._now if self._now is not None else dt.datetime.now()

    def format_changed(self, when: dt.datetime) -> str:
        from psr_assist.tui.field_values import format_datetime

        return format_datetime(when.astimezone() if when.tzinfo is not None else when)

    # ------------------------------------------------------------------ start
    gc_paused = False  # run_app turns the garbage collector off while the first screen is built

    def on_mount(self) -> None:
        self._listen_for_stop_signals()
        # Straight into a case when one was named: the case list is built only when it is needed.
        if not (self.start_case_id and self.open_case(self.start_case_id)):
            self.show_case_list()
        if self.gc_paused:
            self.set_timer(GC_PAUSE_SECONDS, self._resume_gc, name="resume-gc")

    def _resume_gc(self) -> None:
        import gc

        self.gc_paused = False
        gc.enable()

    # ------------------------------------------------------------------ stop signals
    def _listen_for_stop_signals(self) -> None:
        """A closed terminal window (SIGHUP) or a polite kill (SIGTERM) saves, releases and exits.

        Handled inside the app's own event loop (not by raising out of a Python signal handler,
        which tears Textual's tasks apart and floods the terminal with tracebacks).
        """
        import asyncio
        import signal

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                previous = signal.getsignal(signum)
                loop.add_signal_handler(signum, self._stop_on_signal, int(signum))
            except (NotImplementedError, RuntimeError, ValueError, OSError):
                continue  # not the main thread, or no such signal here: the default stays
            self._signal_handlers.append((loop, signum, previous))

    def _forget_stop_signals(self) -> None:
        import signal

        for loop, signum, previous in self._signal_handlers:
            try:
                loop.remove_signal_handler(signum)
                signal.signal(signum, previous if previous is not None else signal.SIG_DFL)
            except (RuntimeError, ValueError, OSError, TypeError):
                pass
        self._signal_handlers.clear()

    def _stop_on_signal(self, signum: int) -> None:
        """Save every open case, release its edit lock and exit with 128 + the signal's number."""
        if self.stop_signal is not None:
            return  # a second signal while stopping: the first one is already doing it
        self.stop_signal = signum
        for session in list(self.sessions):
            session.emergency_save()
            try:
                self._close_session(session)
            except Exception:  # noqa: BLE001 - closing must never print case text
                pass
        self.sessions.clear()
        if self.hard_exit_after is not None:
            # After a hang-up Textual can block for ever writing to the terminal that is gone.
            # Everything is saved and unlocked by now, so a stuck shutdown must not keep the
            # process (and its open store) alive.
            import os
            import threading

            self._watchdog = threading.Timer(self.hard_exit_after, os._exit, (128 + signum,))
            self._watchdog.daemon = True
            self._watchdog.start()
        self.exit(return_code=128 + signum)

    async def on_event(self, event: events.Event) -> None:
        """Keys, pastes and clicks are taken one at a time, in order (``key_order``)."""
        if isinstance(event, TYPED + CLICKED) and not event.is_forwarded:
            if self.key_order.hold(event):
                return
            screen = self.screen if self.screen_stack else None
            target = self.focused or screen
            await super().on_event(event)
            self.key_order.follow(event, target, screen)
            return
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.key_order.stop()
        self._forget_stop_signals()

    def show_case_list(self) -> None:
        from psr_assist.tui.screens.case_list import CaseListScreen

        if not any(isinstance(s, CaseListScreen) for s in self.screen_stack):
            self.push_screen(CaseListScreen())

    # ------------------------------------------------------------------ cases
    def open_case(self, case_id: str, *, step: str | None = None) -> bool:
        """Open the case in the wizard: at ``step``, else where the officer left it last time."""
        from psr_assist.session import CaseSession
        from psr_assist.store import StoreError

        try:
            session = CaseSession.open(self.store, case_id)
        except StoreError as exc:
            self.notify(str(exc), title="This case cannot be opened", severity="error", timeout=10)
            return False
        if step is None:
            from psr_assist.store.preferences import remembered_step

            step = remembered_step(self.store.home, case_id)
        self._show_case(session, step=step)
        return True

    def _close_session(self, session: CaseSession) -> bool:
        """Close the case's session (saved, unlocked); a new case with nothing written in it is
        deleted, and the step it was opened at forgotten. True when it was deleted."""
        session.close(discard_untouched=True)
        if session.discarded:
            self.remember_step(session.case_id, None)
        return session.discarded

    def remember_step(self, case_id: str, step: str | None) -> None:
        """Reopen the case at ``step`` next time (``None``: forget it, the case is gone)."""
        from psr_assist.store.preferences import remember_step

        remember_step(self.store.home, case_id, step)  # not kept: it opens at the start, no harm

    def new_case(self, report_type: ReportType) -> None:
        from psr_assist.domain.case import Case, CaseDetails
        from psr_assist.domain.profiles import report_profiles
        from psr_assist.session import CaseSession
        from psr_assist.store import StoreError

        details = CaseDetails(report_type=report_type)
        if report_profiles().is_same_day(report_type):
            details.hearing_date = self.today()  # same-day reports (profiles.yaml): today unless changed
        try:
            session = CaseSession.new(self.store, Case(case_details=details))
        except StoreError as exc:
            self.notify(str(exc), title="The case could not be started", severity="error", timeout=10)
            return
        self._show_case(session)

    def _show_case(self, session: CaseSession, *, step: str | None = None) -> None:
        from psr_assist.tui.screens.wizard import WizardScreen

        self.sessions.append(session)
        self.push_screen(WizardScreen(session, self.bank, start_step=step))
        if session.read_only and session.read_only_reason:
            self.notify(session.read_only_reason, title="Read-only", severity="warning", timeout=8)

    async def reopen_case(self, wizard: WizardScreen) -> None:
        """Open a read-only case again, now that it can be edited here, at the same step."""
        if self.screen is not wizard:
            timer = getattr(wizard, "_free_timer", None)
            if timer is not None and wizard.is_attached:
                timer.resume()  # a dialog opened meanwhile: look again later
            return
        step = wizard.current_step
        wizard.session.close()
        if wizard.session in self.sessions:
            self.sessions.remove(wizard.session)
        await self.pop_screen()
        if not self.open_case(wizard.session.case_id, step=step):
            self.show_case_list()
            return
        reopened = self.screen_stack[-1]
        if not getattr(getattr(reopened, "session", None), "read_only", True):
            self.notify("The other window has closed this case: you can edit it here now.", title="Ready to edit")

    def close_case(self, wizard: WizardScreen) -> None:
        def close() -> None:
            from psr_assist.tui.screens.case_list import CaseListScreen

            wizard.discard_untouched_tool()  # a tool opened and not begun is not a tool given
            discarded = self._close_session(wizard.session)
            if wizard.session in self.sessions:
                self.sessions.remove(wizard.session)
            for screen in self.screen_stack:
                if isinstance(screen, CaseListScreen) and not discarded:
                    screen.return_to = wizard.session.case_id  # the list highlights the case just closed
            if self.screen is wizard:
                self.pop_screen()
            self.show_case_list()
            if discarded:
                self.notify("Nothing was written in the new case, so it was not kept.")

        self._confirm_if_unsaved([wizard], "Close this case anyway?", close)

    def _wizards(self) -> list[WizardScreen]:
        from psr_assist.tui.screens.wizard import WizardScreen

        return [s for s in self.screen_stack if isinstance(s, WizardScreen)]

    def _confirm_if_unsaved(self, wizards: list[WizardScreen], question: str, then: Any) -> None:
        problems: list[str] = []
        for wizard in wizards:
            for widgets in wizard.fields.values():
                for widget in widgets:
                    if getattr(widget, "pending_invalid", False):
                        problems.append(f"· {widget.label_text}: not valid, so not kept")  # type: ignore[attr-defined]
            if not wizard.save_now():
                problems.append(f"· {wizard.session.last_error or 'Not saved'}")
        if not problems:
            then()
            return
        from psr_assist.tui.screens.dialogs import ConfirmScreen, if_yes

        self.push_screen(
            ConfirmScreen("Some of your work is not saved", "\n".join(problems[:8]) + f"\n\n{question}", yes="Yes"),
            if_yes(then),
        )

    async def action_quit(self) -> None:
        def finish() -> None:
            for wizard in self._wizards():
                wizard.discard_untouched_tool()  # a tool opened and not begun is not a tool given
            for session in list(self.sessions):
                self._close_session(session)
            self.sessions.clear()
            self.exit(0)

        self._confirm_if_unsaved(self._wizards(), "Quit anyway?", finish)

    def watch_theme(self, old: str, new: str) -> None:
        """Keep the officer's choice for the next start (the key, the palette or anything else)."""
        if old == new or not getattr(self, "_keep_theme", False):
            return
        from psr_assist.store.preferences import remember

        remember(self.store.home, "theme", new)  # a preference that cannot be kept is not worth a message

    def remember_export(self, folder: Path, marking: bool) -> None:
        """Offer the same folder and marking at the next export, in this session and the next."""
        from psr_assist.store.preferences import remember

        self.export_dir, self.export_marking = folder, marking
        if not self.store.encrypted:
            # preferences.json is plain text: beside an encrypted store it keeps no folder name,
            # which an officer may have named after the person.
            remember(self.store.home, "export_folder", str(folder))
        remember(self.store.home, "export_marking", "yes" if marking else "no")

    def action_cycle_theme(self) -> None:
        names = [t.name for t in THEMES]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(f"Theme: {self.theme.removeprefix('psr-').replace('-', ' ')}", timeout=2)

    # ------------------------------------------------------------------ keys, palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title in HIDDEN_SYSTEM_COMMANDS:
                continue
            if command.title == "Quit":  # in the officer's words, not Textual's
                command = command._replace(help="Close psr-assist. Your work is saved as you go.")
            yield command

    def key_table(self, screen: Screen) -> list[tuple[str, str, str]]:
        """Every key that does something on ``screen``: (key, what it does, more)."""
        rows: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        # A screen may say what an app-wide key does there (Tab on the case list moves between
        # the filter and the list: there are no answers to go to).
        words: dict[str, tuple[str, str]] = getattr(screen, "KEY_WORDS", {})
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.system:
                continue
            # The app's own keys (not every cursor-movement key of the text box in focus).
            if binding.action not in _own_actions(active.node):
                continue
            marker = f"{binding.action}:{binding.description}"
            if marker in seen:
                continue
            seen.add(marker)
            does, more = words.get(binding.action, (binding.description, binding.tooltip or active.tooltip))
            rows.append((self.get_key_display(binding), does, more))
        rows.append(("Ctrl+P", "Command palette", "Every command by name: go to a step, export, themes…"))
        return rows

    # ------------------------------------------------------------------ no screenshots
    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self._refuse_screenshot()

    def save_screenshot(self, filename: str | None = None, path: str | None = None, time_format: str | None = None) -> str:
        self._refuse_screenshot()
        return ""

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None, time_format: str | None = None) -> str | None:
        self._refuse_screenshot()
        return None

    def _refuse_screenshot(self) -> None:
        self.notify("Screenshots are turned off: they would put case details in a file.", severity="warning")

    # ------------------------------------------------------------------ unexpected errors
    def _handle_exception(self, error: Exception) -> None:
        """Replace Textual's crash output (a traceback with locals) by one safe line; save first."""
        from textual.worker import WorkerFailed

        from psr_assist.errors import describe_unexpected

        original = error.error if isinstance(error, WorkerFailed) else error
        self._return_code = CRASH_EXIT_CODE
        if self.crash_message is not None:
            return  # already stopping: the first error is the one to report
        if self._exception is None:
            # Kept so that test harnesses (Pilot) still see the failure; never printed.
            self._exception = error
            self._exception_event.set()
        saved = self._emergency_save()
        message = describe_unexpected(original)
        if saved is True:
            message += "\nYour open case was saved just before psr-assist stopped."
        elif saved is False:
            message += "\nYour latest changes could not be saved; the last saved version is safe."
        self.crash_message = message
        self._exit_renderables.clear()
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()

    def _fatal_error(self) -> None:  # never used with the handler above; kept safe regardless
        self._exit_renderables.clear()
        self._exit_renderables.append(Text("psr-assist: unexpected error. Your saved drafts are safe."))
        self._close_messages_no_wait()

    def _emergency_save(self) -> bool | None:
        """True if every open case is saved, False if one is not, None when none is open."""
        if not self.sessions:
            return None
        ok = True
        for session in self.sessions:
            ok = session.emergency_save() and ok
        return ok


def _existing_folder(text: str | None) -> Path | None:
    """``text`` as a folder, if it is one that is there now."""
    if not text:
        return None
    folder = Path(text)
    return folder if folder.is_dir() else None


def default_export_folder() -> Path:
    """Where exports go unless the officer chooses: their Documents folder, else their home."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def _own_actions(node: Any) -> set[str]:
    """Actions bound by psr-assist's own classes (and Textual's App and Screen) on ``node``."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("psr_assist") or cls in (App, Screen):
            for item in cls.__dict__.get("BINDINGS", []):
                action = item.action if isinstance(item, Binding) else item[1]
                actions.add(action)
    return actions


def run_app(
    store: Store,
    *,
    case_id: str | None = None,
    demo: bool = False,
    bank: QuestionBank | None = None,
    export_dir: Path | None = None,
    theme: str | None = None,
) -> int:
    """Run the app until the officer quits; return the process exit code.

    ``theme``: the one to start with; by default the one last chosen with this store.

    Non-zero after a crash, and 128 + the signal's number after SIGTERM or SIGHUP (143, 129):
    the open cases are saved and their edit locks released first. The process is expected to
    end soon after (the CLI returns this code): what the app leaves behind is not collected.
    """
    # Everything imported so far (Textual, the case model, the question bank) lives as long as
    # the process: moved out of the garbage collector's sight, it is not walked again by every
    # full collection while the app runs, nor once more when the process exits (~200 ms at
    # start-up and quit on the largest example). Only objects alive now are frozen.
    import gc

    gc.freeze()
    # Building the first screen allocates tens of thousands of objects that stay (the widgets),
    # so the collector would walk them over and over for almost nothing to free: it is off
    # while the app starts (GC_PAUSE_SECONDS after it mounts), then on for the rest of the session.
    gc.disable()
    app = PsrAssistApp(store, case_id=case_id, demo=demo, bank=bank, export_dir=export_dir, theme=theme)
    app.hard_exit_after = SIGNAL_EXIT_DEADLINE
    app.gc_paused = True
    try:
        app.run()
    finally:
        gc.enable()
        app._forget_stop_signals()
        for session in list(app.sessions):
            session.emergency_save()
            try:
                app._close_session(session)
            except Exception:  # noqa: BLE001 - closing must never print case text
                pass
        if app._watchdog is not None:
            app._watchdog.cancel()
        # Everything is saved, unlocked and closed, and the process is about to end: the last
        # full collection at interpreter exit would walk every screen and widget the app left
        # (~25 ms after the largest example) to free memory the system takes back anyway.
        gc.freeze()
    return app.return_code or 0
