"""Exporting the report and the plain-English companion, with visible progress."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, ProgressBar

from psr_assist.domain.case import Case
from psr_assist.domain.check import count_words
from psr_assist.domain.findings import Finding, Severity
from psr_assist.domain.report_state import OFFICIAL_SENSITIVE, export_as_draft, is_final
from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static

STEPS = ("Building the report", "Writing the report", "Building the companion", "Writing the companion")
SHORT = 32  # terminal rows below which the dialog drops its spacing, so its buttons stay on screen
NAMED = 3  # answers named in the "not kept" warning; the rest are counted


class MarkingCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox whose state shows without colour, and which leaves Enter to the dialog.

    Textual's checkbox always shows its X, ticked or not, and tells the two apart by colour
    alone; here the X is there only when ticked. Its Enter ticks as Space does, although the
    dialog's button says Enter exports: here only Space ticks, and Enter reaches the dialog.
    """

    BINDINGS: list[BindingType] = [Binding("space", "toggle_button", "Tick or untick", show=False)]

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # the name Textual draws
        return "X" if self.value else " "


def export_names(case: Case, *, draft: bool | None = None) -> tuple[str, str]:
    """File names for the report and the companion, from the defendant's name and hearing date.

    A draft's names end in DRAFT (``draft`` defaults to "not final yet"): the final report is
    not saved over the draft's file, nor mistaken for it in a folder.
    """
    details = case.case_details
    name = details.defendant.name or f"case {case.id[:8]}"
    safe = re.sub(r"[^A-Za-z0-9 _-]+", "", name).strip() or f"case {case.id[:8]}"
    safe = re.sub(r"\s+", " ", safe)[:60]
    date = details.hearing_date.isoformat() if details.hearing_date else ""
    base = f"PSR {safe} {date}".strip()
    if draft is None:
        draft = not is_final(case)
    if draft:
        return f"{base} DRAFT.docx", f"{base} plain English DRAFT.docx"
    return f"{base}.docx", f"{base} plain English.docx"


class ExportScreen(ModalScreen[list[Path] | None]):
    """Choose the folder, confirm (a draft when blockers remain), watch it happen."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 84; max-width: 98%; height: auto; border: thick $primary; padding: 1 2;
        background: $surface; }
    ExportScreen .dialog-title { text-style: bold; margin-bottom: 1; }
    ExportScreen #ex-gate { margin-bottom: 1; }
    ExportScreen #ex-gate.-blocked, ExportScreen #ex-not-kept { text-style: bold; border-left: thick $error;
        padding-left: 1; }
    ExportScreen #ex-not-kept { margin-bottom: 1; }
    ExportScreen Horizontal { height: auto; margin-top: 1; }
    ExportScreen Button { margin-right: 2; }
    ExportScreen #ex-marking { margin-top: 1; }
    ExportScreen #ex-progress-row { height: auto; display: none; }
    ExportScreen.-running #ex-progress-row { display: block; }
    ExportScreen .field-error { color: $text-error; text-style: bold; }
    ExportScreen .-empty { display: none; }
    /* A short terminal (80x24): no blank lines, so the warnings and the buttons all fit. */
    ExportScreen.-short > Vertical { padding: 0 2; }
    ExportScreen.-short .dialog-title, ExportScreen.-short #ex-gate, ExportScreen.-short #ex-not-kept {
        margin-bottom: 0; }
    ExportScreen.-short #ex-marking, ExportScreen.-short Horizontal { margin-top: 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+d", "export(True)", "Export a draft", show=False, priority=True),
        # Enter exports from anywhere in the dialog, as its button says; a focused button takes
        # its own Enter first (so Enter on Cancel cancels).
        Binding("enter", "submit", "Export", show=False),
    ]

    def __init__(
        self,
        case: Case,
        findings: list[Finding],
        folder: Path,
        *,
        today: dt.date | None = None,
        marking: bool = False,
    ) -> None:
        super().__init__(classes="export")
        # Export from a copy: the officer may keep typing while the files are written.
        self.case = case.model_copy(deep=True)
        self.findings = list(findings)
        self.today = today
        self.blockers = sum(1 for f in self.findings if f.severity is Severity.BLOCKER)
        self.folder = folder
        self.running = False
        self.final = is_final(self.case)
        self.marking = marking  # ticked at the start (the officer's last choice); then as exported
        self.not_kept: list[str] = []  # labels of answers on screen that are not valid (so not exported)

    def compose(self) -> ComposeResult:
        # The names as they will be: a final report with blockers (a rule added since it was
        # signed) is exported as a draft, under a draft's name.
        report, companion = export_names(self.case, draft=export_as_draft(self.case, self.findings))
        with Vertical():
            yield Label("Export the report and the plain-English companion", classes="dialog-title")
            if self.blockers:
                gate = (
                    f"✗ {count_words(Severity.BLOCKER, self.blockers)} {'remains' if self.blockers == 1 else 'remain'}: "
                    "this report must not go to "
                    "court yet. You can export a draft copy, marked DRAFT on every page, to share or check. "
                    "Press Ctrl+D or choose “Export a draft”."
                )
            elif self.final:
                gate = "✓ Final report: exported without the DRAFT marking."
            else:
                gate = "✓ No blockers. Until you sign and finalise, every page is marked DRAFT."
            yield Static(gate, id="ex-gate", classes="-blocked" if self.blockers else "")
            yield Static("", id="ex-not-kept", classes="-empty")
            yield Label("Folder")
            yield Input(str(self.folder), id="ex-folder")
            yield Static(f"Files: {report}\n       {companion}", id="ex-files")
            yield MarkingCheckbox(
                f"Mark {OFFICIAL_SENSITIVE} (header and footer of every page)", self.marking, id="ex-marking"
            )
            yield Static("", classes="field-error -empty", id="ex-error")
            with Vertical(id="ex-progress-row"):
                yield Static("", id="ex-step")
                yield ProgressBar(total=len(STEPS), show_eta=False, id="ex-progress")
            with Horizontal():
                if self.blockers:
                    yield Button("Export a draft (Ctrl+D)", id="draft", variant="warning")
                else:
                    yield Button("Export (Enter)", id="export", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        # The folder first, all of it selected: what the officer types replaces it, and Enter
        # exports there. Tab goes on to the marking, then the buttons.
        self.query_one("#ex-folder", Input).focus()
        self._short(self.app.size.height)
        self._show_not_kept()

    def on_resize(self, event: events.Resize) -> None:
        self._short(event.size.height)

    def _short(self, height: int) -> None:
        self.set_class(height < SHORT, "-short")

    def _show_not_kept(self) -> None:
        """Name the answers the case screen shows but could not keep: the export leaves them out.

        By their labels only, never what was typed. The quit dialog warns of the same fields.
        """
        labels: list[str] = []
        for widgets in self._opener_fields().values():
            for widget in widgets:
                label = getattr(widget, "label_text", None)
                if getattr(widget, "pending_invalid", False) and label and label not in labels:
                    labels.append(label)
        self.not_kept = labels
        if not labels:
            return
        named = ", ".join(labels[:NAMED])
        if len(labels) > NAMED:
            named += f" and {len(labels) - NAMED} more"
        them = "it" if len(labels) == 1 else "them"
        text = (
            f"✗ Not valid on screen, so not kept and not in the report: {named}. "
            f"Press Esc to correct {them}, or export without {them}."
        )
        notice = self.query_one("#ex-not-kept", Static)
        notice.update(text)
        notice.remove_class("-empty")

    def _opener_fields(self) -> dict[str, list[Any]]:
        """The answers on the case screen this dialog was opened from (none when there is none)."""
        from psr_assist.tui.screens.wizard import WizardScreen

        stack = self.app.screen_stack
        below = stack[: stack.index(self)] if self in stack else stack
        for screen in reversed(below):
            if isinstance(screen, WizardScreen) and screen.session.case.id == self.case.id:
                return screen.fields
        return {}

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.action_export(event.button.id == "draft")

    @on(Input.Submitted, "#ex-folder")
    def _folder_entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        """Enter: export (a draft while blockers remain, as Enter in the folder always has)."""
        self.action_export(bool(self.blockers))

    def action_cancel(self) -> None:
        if not self.running:
            self.dismiss(None)

    def _error(self, message: str) -> None:
        error = self.query_one("#ex-error", Static)
        error.update(f"✗ {message}" if message else "")
        error.set_class(not message, "-empty")

    def action_export(self, draft_chosen: bool, force: bool = False) -> None:
        if self.running:
            return
        if self.blockers and not draft_chosen:
            self._error("Fix the blockers first, or press Ctrl+D to export a draft copy")
            return
        raw = self.query_one("#ex-folder", Input).value.strip()
        if not raw:
            self._error("Enter the folder to save the files in")
            return
        folder = Path(raw).expanduser()
        if not folder.is_dir():
            self._error("Enter a folder that exists (this one cannot be found)")
            return
        draft = export_as_draft(self.case, self.findings, requested_draft=draft_chosen)
        report, companion = export_names(self.case, draft=draft)
        # Ctrl+D on a final report: the files named are the ones written.
        self.query_one("#ex-files", Static).update(f"Files: {report}\n       {companion}")
        targets = [folder / report, folder / companion]
        existing = [p.name for p in targets if p.exists()]
        if existing and not force:
            from psr_assist.tui.screens.dialogs import ConfirmScreen, if_yes

            self.app.push_screen(
                ConfirmScreen(
                    "Replace the files already there?",
                    "These files already exist in that folder:\n" + "\n".join(f"· {n}" for n in existing),
                    yes="Replace",
                ),
                if_yes(lambda: self.action_export(draft_chosen, force=True)),
            )
            return
        self._error("")
        self.running = True
        self.add_class("-running")
        self.marking = self.query_one("#ex-marking", MarkingCheckbox).value
        self.folder = folder
        marking = OFFICIAL_SENSITIVE if self.marking else None
        self._run_export(targets, draft, marking, force)

    def _progress(self, step: int) -> None:
        self.query_one("#ex-step", Static).update(f"{STEPS[step]}…" if step < len(STEPS) else "Done")
        self.query_one("#ex-progress", ProgressBar).progress = step

    def _done(self, paths: list[Path]) -> None:
        self._progress(len(STEPS))
        self.running = False
        self.dismiss(paths)

    def _failed(self, message: str) -> None:
        self.running = False
        self.remove_class("-running")
        self._error(message)

    @work(thread=True, exclusive=True, group="export")
    def _run_export(self, targets: list[Path], draft: bool, marking: str | None, force: bool) -> None:
        from psr_assist.render import build_companion, build_report, write_docx

        call = self.app.call_from_thread
        try:
            call(self._progress, 0)
            doc = build_report(self.case, draft=draft, findings=self.findings, marking=marking, today=self.today)
            call(self._progress, 1)
            write_docx(doc, targets[0], force=force)
            call(self._progress, 2)
            companion = build_companion(self.case, draft=draft, marking=marking, today=self.today)
            call(self._progress, 3)
            write_docx(companion, targets[1], force=force)
        except Exception as exc:  # noqa: BLE001 - shown as one safe line; never the case text
            call(self._failed, _safe_message(exc))
            return
        call(self._done, targets)


def _safe_message(exc: Exception) -> str:
    from psr_assist.errors import UserError

    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, PermissionError):
        return "The file cannot be written there: permission denied. Choose another folder."
    if isinstance(exc, FileExistsError):
        return "A file with that name is already there. Export again and choose Replace."
    if isinstance(exc, OSError):
        return f"The file cannot be written ({exc.strerror or 'disk error'}). Choose another folder."
    from psr_assist.errors import describe_unexpected

    return describe_unexpected(exc).removeprefix("psr-assist: ")
