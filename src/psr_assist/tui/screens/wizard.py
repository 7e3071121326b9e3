"""The wizard: the step list beside the form, guidance at hand, interview and desk modes.

The screen is the *host* of every field: fields read and write the case held by the
:class:`~psr_assist.session.CaseSession` through it. After each change it marks the session
changed, schedules the autosave (about a second after the last change, and at most five
seconds after the first unsaved one), re-runs the check shortly after, and raises the
critical-item alert at once when a screening answer needs it. It also saves at every field
exit, step change, mode switch and quit.

The proposal step shows only the answers that belong to the proposed sentence, as the domain
says (``domain.sentences``, which the check uses too): a custodial term or an operational period
is hidden while a community order is proposed, its value kept as it is, and choosing another
sentence changes what is shown at once. An answer the check asks to be changed stays in view
(requirements held with a sentence that cannot carry them), so it is changed rather than lost.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.scalar import Unit
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, OptionList
from textual.widgets.option_list import Option

from psr_assist.domain.case import case_age
from psr_assist.domain.critical import CriticalSignal, critical_signals, risk_to_self_addressed
from psr_assist.domain.findings import Finding, Severity
from psr_assist.domain.questions import answer_is
from psr_assist.domain.report_state import is_final
from psr_assist.domain.rules.proposal import FDR_ADJOURN
from psr_assist.domain.rules.risk import CRITICAL
from psr_assist.domain.sentences import proposal_field_applies
from psr_assist.domain.wording import lower_first
from psr_assist.store.locks import OPEN_ELSEWHERE
from psr_assist.tui import model_path
from psr_assist.tui.field_values import format_date
from psr_assist.tui.form_spec import (
    answer_step,
    field_order,
    interview_leaves,
    leaves,
    path_matches,
    step_progress,
    step_specs,
)
from psr_assist.tui.step_status import SEVERITY_WORDS, StepStatus, findings_summary, step_statuses
from psr_assist.tui.widgets.fields import (
    FieldWidget,
    ListField,
    build_fields,
    display_value,
    summarise_item,
    unfold,
)
from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static
from psr_assist.tui.widgets.score_bar import score_saved, score_words
from psr_assist.tui.widgets.wizard_parts import StatusLine, StepNav, outstanding_enquiries

if TYPE_CHECKING:
    from psr_assist.domain.questions import QuestionBank, Step
    from psr_assist.session import CaseSession
    from psr_assist.tui.app import PsrAssistApp
    from psr_assist.tui.form_spec import FieldSpec
    from psr_assist.tui.widgets.interview import InterviewView

AUTOSAVE_DELAY = 1.0  # seconds after the last change
READ_ONLY_NOTICE_SECONDS = 8.0  # a read-only case says why it takes no typing at most this often
# Seconds after the first unsaved change, even while typing goes on: what a power cut or a
# killed terminal can lose. (At 5 s, `kill -9` after 3 s of steady typing lost all of it.)
AUTOSAVE_MAX_WAIT = 1.0
CHECK_DELAY = 0.3
FREE_CHECK_SECONDS = 2.0  # how often a case open in another window is looked at again
SETTLE_SECONDS = 0.5  # the longest a move waits for keys typed before it (settle_typing)
CRITICAL_RULE = CRITICAL.id
ADJOURNMENT_RULE = FDR_ADJOURN.id
RISK_TO_SELF = "risk.risk_to_self"
PROPOSAL = "proposal."
SENTENCE = "proposal.sentence"
DATE_OF_BIRTH = "case_details.defendant.date_of_birth"
HEARING_DATE = "case_details.hearing_date"
GUIDE_MIN_WIDTH = 110
FIX_BOX_ROWS = 10  # the rows at the foot of a step that Next to fix's box can cover (its tallest, and a margin)


class StepPane(VerticalScroll):
    """One step as a form, built from the question bank."""

    DEFAULT_CSS = """
    StepPane { padding: 0 1; }
    StepPane > .step-title { text-style: bold; width: 100%; background: $primary 20%; padding: 0 1; }
    StepPane > .step-summary { color: $text-muted; margin-bottom: 1; padding: 0 1; }
    StepPane > .step-actions { height: auto; margin-bottom: 1; }
    StepPane #adjourn-offer { border-left: thick $warning; padding-left: 1; }
    """

    def __init__(self, step: Step, wizard: WizardScreen) -> None:
        super().__init__(id=f"pane-{step.id}", classes="step-pane")
        self.step = step
        self.wizard = wizard
        self.can_focus = wizard.read_only  # read-only: scroll with the keyboard

    def compose(self) -> ComposeResult:
        yield Label(self.step.title, classes="step-title")
        if self.step.summary:
            yield Static(self.step.summary, classes="step-summary")
        if self.step.id == "screening" and not self.wizard.read_only:
            with Horizontal(classes="step-actions"):
                yield Button("Administer a screening tool", id="administer", variant="primary")
        if self.step.id == "proposal" and not self.wizard.read_only:
            with Vertical(classes="step-actions", id="adjourn-offer"):
                yield Static(
                    "! The check advises asking the court for an adjournment: the needs found look too complex "
                    "for a safe same-day proposal.",
                    classes="offer-words",
                )
                yield Button("Insert a drafted adjournment request", id="adjourn", variant="warning")
        fields = build_fields(step_specs(self.wizard.bank, self.step.id), "", self.wizard)
        for widget in fields:  # before the first layout: what does not apply is never laid out
            widget.display = self.wizard.answer_shown(getattr(widget, "path", ""))
        yield from fields

    def on_mount(self) -> None:
        self.refresh_offers()
        # A step certain to be taller than the terminal gets its scroll bar before its first
        # layout: Textual otherwise lays every answer out at the full width, finds the content
        # overflows, and lays out and paints them all again two columns narrower. The bar and
        # the widths are the ones "auto" arrives at; the rule is dropped after that first
        # layout (without a new one), so the bar still goes when the content later fits.
        if _min_content_height(self) > self.app.size.height - 2:  # the status line and the footer
            self.styles.overflow_y = "scroll"
            self._scroll_forced = True

    _scroll_forced = False

    def on_resize(self) -> None:
        if self._scroll_forced:
            self._scroll_forced = False
            self.styles.clear_rule("overflow_y")

    def refresh_offers(self) -> None:
        advice = self.wizard.adjournment_finding()
        for offer in self.query("#adjourn-offer"):
            offer.display = advice is not None
            if advice is not None:  # the needs the check found, so the officer can weigh the advice
                offer.query_one(".offer-words", Static).update(
                    f"! The check advises asking the court for an adjournment. {advice.message}"
                )

    def fit_to_sentence(self) -> None:
        """Show the answers that belong to the proposed sentence and hide the rest (values kept)."""
        if self.step.id != "proposal":
            return
        focused = self.screen.focused
        for widget in self.children:
            path = getattr(widget, "path", None)
            if path is None:
                continue
            shown = self.wizard.answer_shown(path)
            if widget.display == shown:
                continue
            widget.display = shown
            if not shown and focused is not None and focused in widget.walk_children():
                self.screen.focus_next()  # never leave the focus on an answer that is not shown

    @on(Button.Pressed, "#administer")
    def _administer(self) -> None:
        self.wizard.start_screening()

    @on(Button.Pressed, "#adjourn")
    def _adjourn(self) -> None:
        self.wizard.insert_adjournment_request()


def _displayed(widget: Widget, pane: Widget) -> bool:
    """Whether the answer of ``pane`` that ``widget`` is (or is in) is displayed: one that does not
    belong to the proposed sentence is not. (A folded group still counts: Enter opens it.)"""
    node: Any = widget
    while node.parent is not None and node.parent is not pane:
        node = node.parent
    return bool(node.display)


def _min_height(widget: Widget) -> int:
    """Rows ``widget`` cannot be shorter than, from its styles alone (before any layout).

    Only fixed heights in cells count; anything sized by its content or the screen counts as
    nothing, and margins only between children (as they collapse), so this never exceeds the
    height the layout will give.
    """
    styles = widget.styles
    height = styles.height
    cap = styles.max_height
    limit = int(cap.value) if cap is not None and cap.unit is Unit.CELLS else None
    if height is not None and height.unit is Unit.CELLS:
        rows = int(height.value)
    elif height is None or height.is_auto:
        rows = _min_content_height(widget)
        if rows:
            rows += styles.gutter.height
        floor = styles.min_height
        if floor is not None and floor.unit is Unit.CELLS:
            rows = max(rows, int(floor.value))
    else:
        return 0
    return min(rows, limit) if limit is not None else rows


def _min_content_height(widget: Widget) -> int:
    """Rows the children of ``widget`` cannot take less than, stacked (0 unless laid out vertically)."""
    layout = widget.styles.layout
    if layout is not None and layout.name != "vertical":
        return 0
    children = [child for child in widget.children if child.display]
    margins = sum(child.styles.margin.bottom for child in children[:-1])
    return sum(_min_height(child) for child in children) + margins


class FindingList(OptionList):
    """The findings, each with its mark, step, message and fix. Enter goes to the answer."""


class ReviewPane(VerticalScroll):
    """Review and sign-off: the check, the preview, export, sign-off and new versions."""

    DEFAULT_CSS = """
    ReviewPane { padding: 0 1; }
    ReviewPane > .step-title { text-style: bold; width: 100%; background: $primary 20%; padding: 0 1; }
    ReviewPane > .review-state { margin: 1 0; text-style: bold; }
    ReviewPane > .review-heading { text-style: bold; margin-top: 1; }
    ReviewPane > FindingList { height: auto; max-height: 16; }
    ReviewPane > .review-actions { height: auto; margin: 1 0; }
    ReviewPane Button { margin-right: 1; }
    """

    # On the pane, not the findings list: the buttons say "Preview (p)", so p works with a button
    # focused too. A field being typed in keeps its letters (it stops the key before bindings are
    # looked at), and check_action keeps the keys out of the footer there.
    BINDINGS = [
        Binding("p", "preview", "Preview"),
        Binding("e", "export", "Export"),
        Binding("s", "sign_off", "Sign", tooltip="Sign and finalise the report: it is then locked"),
        # Named on its button, "New version (v)": in the footer it pushed Quit off at 80 columns.
        Binding("v", "new_version", "New version", show=False,
                tooltip="Unlock a final report as a new version, with a reason"),
    ]

    def __init__(self, step: Step, wizard: WizardScreen) -> None:
        super().__init__(id=f"pane-{step.id}", classes="step-pane review-pane")
        self.step = step
        self.wizard = wizard

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("preview", "export", "sign_off", "new_version"):
            from textual.widgets import Input, MaskedInput, TextArea  # loaded with the fields already

            if isinstance(self.app.focused, Input | TextArea | MaskedInput):
                return False  # the letter is typed, not a command: not offered in the footer
            if action == "sign_off":
                return not self.wizard.read_only
            if action == "new_version":
                return is_final(self.wizard.session.case)
        return True

    def action_preview(self) -> None:
        self.wizard.action_preview()

    def action_export(self) -> None:
        self.wizard.action_export()

    def action_sign_off(self) -> None:
        self.wizard.action_sign_off()

    def action_new_version(self) -> None:
        self.wizard.action_new_version()

    def compose(self) -> ComposeResult:
        yield Label(self.step.title, classes="step-title")
        yield Static("", classes="review-state", id="review-state")
        yield Label("What the check found (Enter goes to the answer)", classes="review-heading")
        yield FindingList(id="findings")
        with Horizontal(classes="review-actions"):
            yield Button("Preview (p)", id="preview")
            yield Button("Export (e)", id="export", variant="primary")
            if is_final(self.wizard.session.case):
                yield Button("New version (v)", id="new-version", variant="warning")
            else:
                yield Button("Sign and finalise (s)", id="sign", variant="success")
        yield Label("Sign-off", classes="review-heading")
        yield from build_fields(step_specs(self.wizard.bank, self.step.id), "", self.wizard)

    def on_mount(self) -> None:
        self.refresh_findings()

    def refresh_findings(self) -> None:
        wizard = self.wizard
        findings = wizard.session.findings
        case = wizard.session.case
        status = "Final" if is_final(case) else "Draft"
        self.query_one("#review-state", Static).update(f"{status} · {findings_summary(findings)}")
        table = self.query_one(FindingList)
        keep = table.highlighted
        table.clear_options()
        titles = {s.id: s.title for s in wizard.bank.steps}
        for i, finding in enumerate(findings):
            mark, words = SEVERITY_WORDS[finding.severity]
            prompt = Text.assemble(
                (f"{mark} {words}", "bold"),
                f" · {titles.get(finding.step, finding.step)}: ",
                finding.message,
                ("\n   Fix: ", "italic"),
                (finding.fix, "italic"),
            )
            table.add_option(Option(prompt, id=f"finding-{i}"))
        if not findings:
            table.add_option(Option(Text("✓ Nothing to fix: the check found no problems.", style="bold")))
        if findings:
            table.highlighted = min(keep or 0, len(findings) - 1)
        focused = self.app.focused
        if focused is not None and focused is not table and self in focused.ancestors:
            # A sign-off answer being typed: the list above it grew or shrank with the check, and
            # the answer must not slide out of sight (found in tmux at 80x24).
            self.call_after_refresh(focused.scroll_visible, animate=False)

    @on(OptionList.OptionSelected, "#findings")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        findings = self.wizard.session.findings
        if 0 <= event.option_index < len(findings):
            # An answer inside a list item opens its editor: closing it comes back here. What
            # to fix is said there too, as Ctrl+F says it (tmux run: the editor said nothing).
            finding = findings[event.option_index]
            await self.wizard.jump_to_finding(finding, back_to="review", top=True)
            self.wizard.say_what_to_fix(finding)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "preview": self.wizard.action_preview,
            "export": self.wizard.action_export,
            "sign": self.wizard.action_sign_off,
            "new-version": self.wizard.action_new_version,
        }
        if event.button.id in actions:
            actions[event.button.id]()


class WizardScreen(Screen[None]):
    """One case, step by step."""

    DEFAULT_CSS = """
    WizardScreen { layout: vertical; }
    WizardScreen #banner { height: auto; display: none; padding: 0 1; text-style: bold; }
    WizardScreen #banner.-shown { display: block; }
    WizardScreen #banner.-critical { background: $error 30%; border-left: thick $error; }
    WizardScreen #banner.-readonly { background: $warning 20%; border-left: thick $warning; }
    WizardScreen #body { height: 1fr; }
    WizardScreen StepNav { width: 28; height: 100%; border: round $primary 50%; }
    WizardScreen #main { width: 1fr; }
    WizardScreen #guide { width: 38; height: 100%; border: round $primary 50%; padding: 0 1; }
    WizardScreen #guide.-narrow { display: none; }
    WizardScreen #hint { height: auto; max-height: 3; color: $text-muted; padding: 0 1; display: none;
        border-top: solid $primary 30%; }
    WizardScreen #hint.-narrow { display: block; }
    WizardScreen #interview { display: none; }
    WizardScreen.-interview #interview { display: block; }
    WizardScreen.-interview #panes { display: none; }
    WizardScreen.-interview #guide { display: none; }
    WizardScreen.-interview #hint { display: none; }
    """

    BINDINGS = [
        Binding("ctrl+n,alt+right", "next", "Next step", id="next-step", priority=True,
                tooltip="Save and go to the next step"),
        # The interview's next and previous are named in its own key line: the footer keeps its
        # room at 80 columns for Help and Quit.
        Binding("ctrl+n,alt+right", "next_question", "Next question", id="next-question", priority=True,
                show=False, tooltip="Interview mode: the next question"),
        Binding("ctrl+b,alt+left", "previous", "Back", id="previous-step", priority=True,
                tooltip="Save and go to the previous step"),
        Binding("ctrl+b,alt+left", "previous_question", "Back", id="previous-question", priority=True,
                show=False, tooltip="Interview mode: the previous question"),
        Binding("ctrl+f", "next_to_fix", "Next to fix", id="next-to-fix", priority=True,
                tooltip="Jump to the next answer the check says is missing or inconsistent"),
        # On the review step its findings are the list itself: the key works, the footer keeps its
        # room at 80 columns for Help and Quit.
        Binding("ctrl+f", "next_to_fix_quietly", "Next to fix", id="next-to-fix-review", priority=True,
                show=False, tooltip="Jump to the next answer the check says is missing or inconsistent"),
        # One key, named for where it goes: "Interview" at the desk, "Desk" in the interview.
        Binding("f2", "to_interview", "Interview", id="toggle-mode", priority=True,
                tooltip="Switch to interview mode: one question at a time, in words to read aloud"),
        Binding("f2", "to_desk", "Desk", id="toggle-mode-desk", priority=True,
                tooltip="Switch to desk mode: every answer of the step, with guidance beside it"),
        # Named in the interview's own key line (the footer is full at 80 columns).
        Binding("f3", "screening_tool", "Screening tool", id="screening-tool", show=False,
                tooltip="Interview mode: give a screening tool now (PHQ-9, GAD-7, AUDIT-C…), then back here"),
        Binding("f1", "help", "Help", id="help", tooltip="Help for this question, and every key"),
        Binding("ctrl+g", "steps", "Steps", id="go-to-step", show=False,
                tooltip="Go to the step list; then a digit or Enter opens a step"),
        Binding("ctrl+o", "glance", "At a glance", id="glance", show=False,
                tooltip="Screening scores, risk grid, completeness and outstanding enquiries"),
        Binding("ctrl+r", "review", "Review", id="review", show=False, tooltip="Review, export and sign-off"),
        Binding("ctrl+s", "save", "Save now", id="save", show=False, tooltip="Save now (it also saves by itself)"),
        Binding("ctrl+l", "close_case", "Case list", id="close-case", show=False,
                tooltip="Save, close this case and go back to the case list"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":  # nothing after the review step: not offered there
            return self.mode == "desk" and self.current_step != self.bank.steps[-1].id
        if action == "previous":
            return self.mode == "desk"
        if action in ("next_to_fix", "next_to_fix_quietly"):
            on_review = self.mode == "desk" and self.current_step == self.bank.steps[-1].id
            return on_review == (action == "next_to_fix_quietly")
        if action in ("to_interview", "to_desk"):
            return self.mode == ("desk" if action == "to_interview" else "interview")
        if action in ("next_question", "previous_question", "screening_tool"):
            # The screening tools are one key away in the interview, whatever the question (a risk
            # that comes up is screened there and then); at the desk the screening step has its own list.
            return self.mode == "interview" and (action != "screening_tool" or not self.read_only)
        if action == "sign_off":
            # A final (or otherwise read-only) report cannot be signed: the key is not offered.
            return not self.read_only
        return True

    def __init__(self, session: CaseSession, bank: QuestionBank, *, start_step: str | None = None) -> None:
        super().__init__(classes="wizard")
        self.session = session
        self.bank = bank
        self.fields: dict[str, list[Widget]] = {}
        self._invalid_fields: list[Widget] = []  # fields showing a value that is not valid, so not kept
        self.current_step = start_step if start_step in bank.step_ids else bank.steps[0].id
        self.focused_field: Any = None
        self.mode = "desk"
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._first_unsaved: float | None = None
        self._known_critical = self._critical_signals()
        self._interview: InterviewView | None = None
        self._statuses: list[StepStatus] = []
        self._focus_target: Widget | None = None  # what _focus_first gave the focus to
        self.AUTO_FOCUS = ""  # not the step list while composing: on_mount focuses the first answer
        # The app says why a case is read-only as it opens: the first key is not told again.
        self._told_read_only = time.monotonic() if session.read_only else -READ_ONLY_NOTICE_SECONDS
        self._open_tool: tuple[int, Any] | None = None  # a screening tool on screen, and how it started

    # ------------------------------------------------------------------ helpers
    @property
    def psr_app(self) -> PsrAssistApp:
        return self.app  # type: ignore[return-value]

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    def now(self) -> dt.datetime:
        return self.psr_app.now()

    def today(self) -> dt.date:
        return self.psr_app.today()

    def who(self) -> str:
        details = self.session.case.case_details
        name = details.defendant.name or "New case"
        parts = [name]
        if details.report_type is not None:
            parts.append(self.bank.short_label(details.report_type))
        if details.court:
            parts.append(details.court)
        return " · ".join(parts)

    def step_index(self, step_id: str) -> int:
        return self.bank.step_ids.index(step_id)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Static("", id="banner")
        with Horizontal(id="body"):
            yield StepNav(self.statuses(), width=28, id="steps")
            with Vertical(id="main"):
                yield ContentSwitcher(id="panes")
                yield Static("", id="hint")
            yield Static("", id="guide")
        yield AppFooter()

    async def on_mount(self) -> None:
        self.refresh_status()
        self.refresh_banner()
        self._apply_width(self.size.width, self.size.height)
        await self.goto_step(self.current_step, save=False)
        # The first answer has the focus before the screen is first shown (Widget.focus waits
        # for the app's next turn): the step list is never focused, restyled and painted
        # first only to lose the focus at once. Later resumes auto-focus as Textual does.
        target = self._focus_target
        if self.focused is None and target is not None and target.is_mounted:
            self.set_focus(target, scroll_visible=False)
        del self.AUTO_FOCUS
        if self.session.read_only and self.session.lock is None and (
            self.session.read_only_reason or ""
        ).startswith(OPEN_ELSEWHERE):
            # Open in another window: watch for it to be closed there, then offer it here.
            self._free_timer = self.set_interval(FREE_CHECK_SECONDS, self._check_free, name="free-check")

    _free_timer: Timer | None = None

    def _check_free(self) -> None:
        """The other window has let the case go: open it again here, for editing, where the
        officer was (the values on screen may be older than what the other window saved)."""
        from psr_assist.store import StoreError

        if self.app.screen is not self:
            return  # not while a dialog is open over it: at the next check
        try:
            lock = self.session.store.acquire_edit_lock(self.session.case_id)
        except StoreError:
            lock = None
            if self._free_timer is not None:
                self._free_timer.stop()  # cannot lock here at all: it stays read-only, as it said
            return
        if lock is None:
            return
        lock.release()
        if self._free_timer is not None:
            self._free_timer.pause()  # resumed if the officer has moved on before the app's turn
        self.app.call_later(self.psr_app.reopen_case, self)  # on the app's turn, not this screen's

    _desk_focus: Any = None  # the answer the desk had when the interview was opened

    def on_key(self, event: Any) -> None:
        """A read-only case takes no typing: say why, rather than drop the keys without a word
        (tmux run: typing and pasting into a signed report did nothing, and only the banner,
        out of the officer's eye line, said why). The keys that do something here still do."""
        if self.read_only and event.is_printable and event.key not in self.active_bindings:
            self._say_read_only()

    def on_paste(self, event: Any) -> None:
        if self.read_only:
            self._say_read_only()

    def _say_read_only(self) -> None:
        now = time.monotonic()
        if now - self._told_read_only > READ_ONLY_NOTICE_SECONDS:
            self._told_read_only = now
            self.notify(f"{self.session.read_only_reason} Nothing typed here is kept.", title="Read-only",
                        severity="warning")

    _shown_once = False

    def on_screen_resume(self, event: Any) -> None:
        if not self._shown_once:
            # Shown for the first time: every widget in it was styled as it was mounted, moments
            # ago, and nothing has changed the stylesheet since, so Textual's restyle of the
            # whole screen on resume would only do it all again. Later resumes (a dialog closed,
            # the theme changed meanwhile) restyle as usual.
            self._shown_once = True
            event.refresh_styles = False

    def on_resize(self, event: Any) -> None:
        if event.size == getattr(getattr(self, "_compositor", None), "size", None):
            # Already laid out at this size (the compositor keeps the size of the last full
            # layout): Textual sends the screen a Resize after its first layout and again when
            # the app next idles, and each would lay out every widget once more for nothing.
            # Changes inside the screen are laid out on their own; a new size goes through.
            event.prevent_default()
        self._apply_width(event.size.width, event.size.height)

    def _apply_width(self, width: int, height: int) -> None:
        narrow = width < GUIDE_MIN_WIDTH
        self.query_one("#guide").set_class(narrow, "-narrow")
        self.query_one("#hint").set_class(narrow, "-narrow")
        self.query_one(StepNav).set_width(22 if width < 90 else 28, compact=width < 90 or height < 30)

    # ------------------------------------------------------------------ host interface (fields)
    def read(self, path: str) -> Any:
        return model_path.get_path(self.session.case, path)

    def write(self, path: str, value: Any) -> Any:
        if self.read_only:
            return self.read(path)
        alerting = self._alert_questions().get(path)
        before = self.read(path) if alerting is not None else None
        try:
            stored = model_path.set_path(self.session.case, path, value)
        except IndexError:
            # The item was taken out as its dialog closed (added and left untouched): the answer
            # that loses the focus on the way out has nowhere to go, and nothing to keep.
            return None
        self.changed(critical=path.startswith("screening"))
        if alerting is not None and answer_is(stored, alerting.alert_when) and not answer_is(
            before, alerting.alert_when
        ):
            self.save_now()  # an answer that raises an alert is never left only in memory
            self._raise_answer_alert(alerting)
        if path == SENTENCE:
            # Another sentence: the check at once (what it asks for changes) and with it the
            # answers shown on the proposal step (run_check fits them).
            self.run_check()
        if path in (DATE_OF_BIRTH, HEARING_DATE):
            self._show_age()
        return stored

    def age_note(self) -> str:
        """The person's age, for the officer to check the date of birth against: on the hearing
        date, or today while there is none."""
        age = case_age(self.session.case, self.today())
        if age is None:
            return ""
        return f"{age} on the hearing date" if self.session.case.case_details.hearing_date else f"{age} today"

    def _show_age(self) -> None:
        note = self.age_note()
        for field in self.fields.get(DATE_OF_BIRTH, []):
            if getattr(field, "note", None) != note:
                field.note = note  # type: ignore[attr-defined]
                field.update_label()  # type: ignore[attr-defined]

    def answer_shown(self, path: str) -> bool:
        """Whether the answer at ``path`` is shown in desk mode.

        A proposal answer that does not belong to the proposed sentence (``domain.sentences``) is
        hidden, unless the check points at it: then the officer must see it to change it.
        """
        if not path.startswith(PROPOSAL):
            return True
        if proposal_field_applies(self.session.case.proposal.sentence, path[len(PROPOSAL):]):
            return True
        return any(
            f.field == path or f.field.startswith((f"{path}.", f"{path}[")) for f in self.session.findings
        )

    def register_field(self, field: Widget) -> None:
        self.fields.setdefault(field.path, []).append(field)  # type: ignore[attr-defined]
        if field.path == DATE_OF_BIRTH:  # type: ignore[attr-defined]
            field.note = self.age_note()  # type: ignore[attr-defined]
            field.update_label()  # type: ignore[attr-defined]

    def pending_invalid_changed(self, field: Widget, invalid: bool) -> None:
        """A field now shows (or no longer shows) a value the case could not take."""
        if invalid and field not in self._invalid_fields:
            self._invalid_fields.append(field)
        elif not invalid and field in self._invalid_fields:
            self._invalid_fields.remove(field)
        self.refresh_status()

    def unregister_field(self, field: Widget) -> None:
        if field in self._invalid_fields:
            self._invalid_fields.remove(field)
            self.refresh_status()
        items = self.fields.get(field.path, [])  # type: ignore[attr-defined]
        if field in items:
            items.remove(field)
        if not items:
            self.fields.pop(field.path, None)  # type: ignore[attr-defined]

    def field_focused(self, field: Any) -> None:
        self.focused_field = field
        self.refresh_guidance()

    def field_left(self, field: Any) -> None:
        if self.session.dirty:
            self.save_now()

    # lists
    def list_add(self, widget: ListField) -> None:
        if widget.path == "screening.results":
            self.start_screening()
            return
        limit = widget.spec.info.max_length
        if limit is not None and widget.count() >= limit:
            word = lower_first(widget.spec.item_label)
            self.notify(
                f"This list holds {limit} at most. Remove one before you add another {word}.",
                title="The list is full",
                severity="warning",
            )
            return
        index = model_path.append_item(self.session.case, widget.path)
        self.changed()
        widget.refresh_from_model(highlight=index)
        self.list_edit(widget, index, added=True)

    def list_edit(
        self,
        widget: ListField,
        index: int,
        focus_path: str | None = None,
        *,
        back_to: str | None = None,
        added: bool = False,
        baseline: Any = None,
        note_on_close: str = "",
    ) -> None:
        """Open item ``index`` of the list in its editor; closed, back to the list, or to step ``back_to``."""
        if widget.path == "screening.results":
            self.open_screening(index)
            return
        from psr_assist.tui.screens.item_editor import NEXT_TO_FIX, ItemEditorScreen

        count = widget.count()
        if not 0 <= index < count:
            return
        editor = ItemEditorScreen(
            widget.spec,
            widget.path,
            index,
            count,
            self,
            notice=self._notice_for(widget, index),
            interview=self.mode == "interview",
        )

        def closed(then: str | None) -> None:
            # Ctrl+F in the editor: this item is done, on to the next answer to fix from here.
            fix_next = then == NEXT_TO_FIX
            if added and self._still_empty(widget.path, index, baseline):
                # Added and closed with nothing filled in (a slip of A or Enter): an empty item
                # would reach the report as "a significant other: consent not recorded".
                model_path.remove_item(self.session.case, widget.path, index)
                self.changed()
                word = lower_first(widget.spec.item_label)
                self.notify(f"Nothing was filled in, so no {word} was added.")
            elif note_on_close:
                self.notify(note_on_close)
            self.save_now()
            if widget.is_mounted:
                widget.refresh_from_model(highlight=index)
            self._list_changed()
            if fix_next:
                self.call_later(self.action_next_to_fix)
            if back_to is not None and back_to != self.current_step and not fix_next:
                self.call_later(self.goto_step, back_to, save=False)  # the guidance follows
                return
            interview = self._interview if self.mode == "interview" else None
            if interview is not None and interview not in widget.ancestors:
                # Opened from the interview (a licensed tool): back to its question, never to a
                # desk list hidden behind it, where the next key would add an empty item.
                interview.focus_answer()
            elif widget.is_mounted:
                widget.focus_control()
                # The list may already hold the focus (nothing tells it so again): the guidance
                # is about the list now, not the closed editor's answer.
                self.field_focused(widget)

        self.push_dialog(editor, closed)
        if focus_path:
            self.call_after_refresh(editor.focus_path, focus_path)

    def _still_empty(self, path: str, index: int, baseline: Any = None) -> bool:
        """Whether item ``index`` is still as it was added (empty, or as ``baseline`` made it)."""
        items = model_path.list_at(self.session.case, path)
        if not 0 <= index < len(items):
            return False
        return items[index] == (baseline if baseline is not None else type(items[index])())

    def _list_changed(self) -> None:
        """A list's items changed: the interview's key line says what A and Enter now do."""
        if self.mode == "interview" and self._interview is not None:
            self._interview.refresh_keys()

    def _notice_for(self, widget: ListField, index: int) -> str:
        """A results-only tool's own notice (why its questions are not shown) above its entry."""
        if widget.path != "screening.results_only":
            return ""
        entry = widget.items()[index]
        if entry.tool is None:
            return ""
        try:
            from psr_assist.domain.scoring import get_results_only_tool

            return " ".join(get_results_only_tool(entry.tool.value).notice.split())
        except Exception:  # noqa: BLE001 - the entry is still editable without its notice
            return ""

    def list_remove(self, widget: ListField, index: int) -> None:
        from psr_assist.tui.screens.dialogs import ConfirmScreen, if_yes

        items = widget.items()
        if not 0 <= index < len(items):
            return
        what = f"{widget.spec.item_label} {index + 1}"
        summary = self.item_summary(widget, index, items[index])

        def remove() -> None:
            model_path.remove_item(self.session.case, widget.path, index)
            self.changed()
            self.save_now()
            widget.refresh_from_model(highlight=max(0, index - 1))
            self._list_changed()
            self.notify(f"{what} removed.", title="Removed")

        self.push_dialog(
            ConfirmScreen(f"Remove {what.lower()}?", f"{summary}\n\nThis removes it from the case.", yes="Remove"),
            if_yes(remove),
        )

    def list_move(self, widget: ListField, index: int, to: int) -> None:
        where = model_path.move_item(self.session.case, widget.path, index, to)
        self.changed()
        widget.refresh_from_model(highlight=where)

    def item_summary(self, widget: ListField, index: int, item: Any) -> str:
        if widget.path == "screening.results":
            return self._screening_summary(item)
        width = max(30, (widget.size.width or 70) - 6)
        return summarise_item(self.bank, widget.spec, item, width=width)

    def _screening_summary(self, result: Any) -> str:
        try:
            inst, scored = score_saved(result)
        except Exception:  # noqa: BLE001 - an unknown instrument is still listed
            return f"{result.instrument}: cannot be scored"
        parts = [inst.short_name, score_words(inst, scored)]
        if scored.critical_items:
            parts.append("⚠ critical answer")
        if result.administered_on:
            parts.append(format_date(result.administered_on))
        return " · ".join(parts)

    # ------------------------------------------------------------------ changes, saving, checking
    def changed(self, *, critical: bool = True) -> None:
        """Something in the case changed: autosave and re-check soon, the alert at once.

        Called on every keystroke, so it only notes the time; one timer each for the autosave
        and the check looks at that time when it fires and waits on if typing went on.
        """
        self.session.mark_changed()
        now = time.monotonic()
        self._last_change = now
        if self._first_unsaved is None:
            self._first_unsaved = now
        if self._save_timer is None:
            self._save_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave, name="autosave")
        if self._check_timer is None:
            self._check_timer = self.set_timer(CHECK_DELAY, self._check_due, name="check")
        self.refresh_status()
        if critical:
            self._check_critical()

    _last_change = 0.0

    def _autosave(self) -> None:
        self._save_timer = None
        now = time.monotonic()
        quiet = now - self._last_change
        waited = now - (self._first_unsaved or now)
        if quiet < AUTOSAVE_DELAY and waited < AUTOSAVE_MAX_WAIT:
            # Still typing: save a second after the last change, and at least every AUTOSAVE_MAX_WAIT.
            delay = min(AUTOSAVE_DELAY - quiet, AUTOSAVE_MAX_WAIT - waited)
            self._save_timer = self.set_timer(max(0.05, delay), self._autosave, name="autosave")
            return
        # A store kept busy by another program must not freeze the screen: wait briefly, and
        # if it is still busy say so ("Not saved: the draft store is busy") and try again later.
        from psr_assist.session import AUTOSAVE_WAIT_SECONDS, BUSY_REASON

        busy = not self.save_now(wait=AUTOSAVE_WAIT_SECONDS) and BUSY_REASON in (self.session.last_error or "")
        if busy and self._save_timer is None:
            self._save_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave, name="autosave")

    def _check_due(self) -> None:
        self._check_timer = None
        quiet = time.monotonic() - self._last_change
        if quiet < CHECK_DELAY:
            self._check_timer = self.set_timer(max(0.05, CHECK_DELAY - quiet), self._check_due, name="check")
            return
        self.run_check()

    def save_now(self, *, wait: float | None = None) -> bool:
        """Save whatever changed (cheap when nothing did) and show the truth about it.

        ``wait``: how long to queue behind another program holding the store; None (quit, step
        change, explicit save) keeps the store's own timeout. Only the autosave timer passes less.
        """
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        ok = self.session.save_now(wait=wait)
        self._first_unsaved = None if ok else self._first_unsaved
        self.refresh_status()
        if self.session.read_only:
            self.refresh_banner()
        return ok

    def run_check(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
            self._check_timer = None
        self.session.refresh_findings(self.today())
        self._statuses = []
        nav = self.query_one(StepNav)
        nav.update_statuses(self.statuses())
        self.refresh_banner()
        self.refresh_guidance()
        for pane in self.query(ReviewPane):
            pane.refresh_findings()
        for step_pane in self.query(StepPane):
            step_pane.refresh_offers()
            step_pane.fit_to_sentence()
        fixed = getattr(self.app.screen, "fixed_unless", None)
        if self.app.screen is not self and callable(fixed):  # an item's editor saying what to fix
            fixed({(f.rule_id, f.field) for f in self.session.findings})

    def statuses(self) -> list[StepStatus]:
        if not self._statuses:
            progress = step_progress(self.bank, self.session.case, self.answer_shown)
            self._statuses = step_statuses(self.bank, self.session.findings, progress)
        return self._statuses

    def refresh_status(self) -> None:
        session = self.session
        invalid = self._invalid_fields
        if invalid:
            # Words as well as the style: never colour alone.
            label = getattr(invalid[0], "label_text", "an answer")
            more = f" (and {len(invalid) - 1} more)" if len(invalid) > 1 else ""
            # Only that answer is not kept: said so, so the officer does not think all is lost.
            if session.last_error:
                rest = f" · {session.last_error}"
            elif session.state in ("saving", "not_saved") or session.dirty:
                rest = " · saving the rest"
            else:
                rest = " · the rest is saved"
            save, style = f"✗ Not kept: {label} is not valid{more}{rest}", "bold reverse"
        elif session.state == "saving":
            save, style = "… Saving", "bold"
        elif session.last_error:
            save, style = f"✗ {session.last_error}", "bold reverse"
        elif session.state == "not_saved" or session.dirty:
            save, style = "… Saving", "bold"
        elif session.read_only:
            save, style = "Read-only", "bold"
        else:
            when = ""
            if session.last_saved_at is not None:
                when = " " + session.last_saved_at.astimezone().strftime("%H:%M:%S")
            save, style = f"✓ Saved{when}" if not self.psr_app.frozen_clock else "✓ Saved", "bold"
        mode = "Interview mode" if self.mode == "interview" else "Desk mode"
        try:
            self.query_one(StatusLine).show(self.who(), mode, save, style)
        except Exception:  # noqa: BLE001 - during teardown the line may already be gone
            pass

    def refresh_banner(self) -> None:
        lines = []
        classes = []
        if self.session.read_only:
            lines.append(f"READ-ONLY: {self.session.read_only_reason or 'this case cannot be changed here.'}")
            if self.can_keep_copy():
                lines.append("Ctrl+P, then “Keep my changes as a copy”, saves what is on screen as a new case.")
            classes.append("-readonly")
        critical = [f for f in self.session.findings if f.rule_id == CRITICAL_RULE]
        if critical or (self._known_critical and not self._risk_to_self_done()):
            lines.append(
                "⚠ A critical screening answer needs a risk-to-self assessment and the action taken: "
                "press Ctrl+F to go there."
            )
            classes.append("-critical")
        banner = self.query_one("#banner", Static)
        words = "\n".join(lines)
        if words != self._banner_words:  # called after every check: re-lay out only for new words
            self._banner_words = words
            banner.update(words)
        banner.set_class(bool(lines), "-shown")
        banner.set_class("-critical" in classes, "-critical")
        banner.set_class("-readonly" in classes and "-critical" not in classes, "-readonly")

    _banner_words = ""  # as composed

    def _risk_to_self_done(self) -> bool:
        return risk_to_self_addressed(self.session.case)

    # ------------------------------------------------------------------ critical items
    def _critical_signals(self) -> dict[tuple[str, int], CriticalSignal]:
        """Every critical answer in the case (decided in domain.critical, as the check does), by
        (instrument or tool, item number or entry index)."""
        return {(s.source, s.number): s for s in critical_signals(self.session.case)}

    def _check_critical(self) -> None:
        signals = self._critical_signals()
        new = sorted(signals.keys() - self._known_critical.keys())
        self._known_critical = signals
        if new:
            self.save_now()  # a critical answer is never left only in memory
        if new and not self._alert_open:
            self._raise_alert(signals[new[0]])
        if new:
            self.refresh_banner()

    def _raise_alert(self, signal: CriticalSignal) -> None:
        from psr_assist.tui.screens.dialogs import CriticalAlertScreen

        name, number = signal.source, signal.number
        if signal.instrument:
            from psr_assist.domain.scoring import get_instrument

            inst = get_instrument(name)
            item = inst.item(number)
            headline = f"{inst.short_name} question {number}"
            body = f"“{item.text}”\n\n{item.critical.reason if item.critical else ''}"
        else:
            headline = f"{self.bank.choice_label(_tool_enum(name))} is positive"
            body = "A positive suicide screen needs a risk-to-self assessment today, whatever else is recorded."
        self._push_alert(CriticalAlertScreen(headline, body))

    def _push_alert(self, alert: Any) -> None:
        """Put up a critical alert; its "go to risk to self" goes there."""
        def chosen(choice: str | None) -> None:
            if choice == "risk":
                self.go_to_risk_to_self()

        self.push_dialog(alert, chosen)

    _alerts: dict[str, Any] | None = None

    def _alert_questions(self) -> dict[str, Any]:
        """The questions whose answer can raise an alert (``alert`` in steps.yaml), by path."""
        if self._alerts is None:
            self._alerts = {
                leaf.path: leaf.spec.question
                for step in self.bank.steps
                for leaf in leaves(self.bank, step)
                if leaf.spec.question.alert
            }
        return self._alerts

    def _raise_answer_alert(self, question: Any) -> None:
        """An answer that needs acting on before the person leaves (current thoughts of suicide)."""
        from psr_assist.tui.screens.dialogs import CriticalAlertScreen

        if self._alert_open:
            return
        keep_on = "Continue the interview (Esc)" if self.mode == "interview" else "Continue (Esc)"
        self._push_alert(CriticalAlertScreen(question.label, question.alert, continue_label=keep_on))

    @property
    def _alert_open(self) -> bool:
        """Whether a critical alert is up: read from the screens, not from its answer coming back."""
        from psr_assist.tui.screens.dialogs import CriticalAlertScreen

        return any(isinstance(screen, CriticalAlertScreen) for screen in self.app.screen_stack)

    def push_dialog(self, screen: Any, callback: Any = None) -> Any:
        """Show ``screen`` over the wizard; its answer comes back here, whichever widget asked.

        Textual hands a dialog's answer to whatever handler pushed it (the active message pump).
        An interview answer that raised an alert is replaced by the next question while the
        alert is open, and the answer (go to risk to self) went nowhere; the wizard also thought
        the alert still up and raised no other for the rest of the session (now read from the
        screens: ``_alert_open``).
        """
        try:  # private in Textual 8.2: without it, the answer goes back as Textual decides
            from textual._context import active_message_pump
        except ImportError:  # pragma: no cover
            return self.app.push_screen(screen, callback)
        token = active_message_pump.set(self)
        try:
            return self.app.push_screen(screen, callback)
        finally:
            active_message_pump.reset(token)

    def go_to_risk_to_self(self) -> None:
        # Close whatever sits over the wizard (screening, a dialog), then go to the questions.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        target = next((f for f in self.session.findings if f.rule_id == CRITICAL_RULE), None)
        path = target.field if target is not None else RISK_TO_SELF
        step = target.step if target is not None else self._step_of(path) or "risk"
        if self.mode == "interview":
            self.call_later(self.set_mode, "desk")
            # The assessment and the action taken are written at the desk: say where the
            # officer is, and the way back (tmux run: the interview was left without a word).
            self.notify("Record your risk-to-self assessment and the action you took here. F2 goes back to the "
                        "interview.", title="Desk mode: risk to self")
        self.call_later(self.jump_to, step, path)

    def _step_of(self, path: str) -> str | None:
        for step_id, qpath in field_order(self.bank):
            if path_matches(qpath, path):
                return step_id
        return None

    # ------------------------------------------------------------------ steps
    _remembered_step: str | None = None

    def remember_step(self, step_id: str) -> None:
        """The step the case opens at next time: the desk's, or the interview question's."""
        if not self.read_only and step_id != self._remembered_step:
            self._remembered_step = step_id
            self.psr_app.remember_step(self.session.case_id, step_id)

    async def goto_step(self, step_id: str, *, save: bool = True, focus: bool = True) -> StepPane | ReviewPane:
        if save:
            self.save_now()
        switcher = self.query_one("#panes", ContentSwitcher)
        pane_id = f"pane-{step_id}"
        existing = switcher.query(f"#{pane_id}")
        if existing:
            pane = existing.first()
        else:
            step = self.bank.step(step_id)
            pane = ReviewPane(step, self) if step_id == "review" else StepPane(step, self)
            await switcher.mount(pane)
        if switcher.current != pane_id:
            for shown in switcher.query(".-room-for-fix"):
                shown.remove_class("-room-for-fix")
            # What to fix on the step left is not about this one (tmux run: a risk step's box
            # stayed over the case details for seconds). Next to fix shows its box after this.
            self._withdraw_fix_notice()
        switcher.current = pane_id
        if step_id != self.current_step:
            self.current_step = step_id
            self.refresh_bindings()  # the last step offers no "Next step"
        self.remember_step(step_id)
        self.query_one(StepNav).show_current(step_id)
        self.focused_field = None
        if focus:
            self._focus_first(pane)
        self.refresh_guidance()
        return pane  # type: ignore[return-value]

    def _focus_first(self, pane: Widget) -> None:
        if isinstance(pane, ReviewPane):
            # Read-only too: the findings list carries the preview and export keys. The review
            # opens at its top (its heading and state), not where it was last left; the list is
            # in sight there, so focusing it must not scroll (Textual would, after this, and a
            # list taller than what is left below the heading took the heading out of sight).
            pane.scroll_home(animate=False)
            self._focus_target = pane.query_one(FindingList)
            self._focus_target.focus(scroll_visible=False)
            return
        if self.read_only:
            self._focus_target = pane
            pane.focus()
            return
        from psr_assist.domain.questions import is_asked

        for widget in pane.query(".field"):
            if isinstance(widget, FieldWidget | ListField):
                if isinstance(widget, FieldWidget) and widget.control.disabled:
                    continue
                if not _displayed(widget, pane):
                    continue
                if not is_asked(widget.spec.question, widget.path, self.read):
                    continue  # "Why it is not needed" after "Requested": not where to start typing
                if not model_path.is_answered(self.read(widget.path)):
                    self._focus_target = widget.control
                    widget.focus_control(within=pane)
                    return
        first = next((w for w in pane.query(".field") if _displayed(w, pane)), None)
        if first is not None:
            self._focus_target = first.control  # type: ignore[attr-defined]
            first.focus_control(within=pane)  # type: ignore[attr-defined]
        else:
            self._focus_target = pane
            pane.focus()

    async def settle_typing(self) -> None:
        """Let every key already sent to the focused answer reach it, and what it sends reach
        this screen, before a move or a change of mode acts on the answer.

        The keys that move (Ctrl+N, Ctrl+B, Ctrl+F, F2) are priority keys: the app acts on them
        as soon as it reads them, ahead of keys typed just before them that the answer has not
        taken in yet (a fast typist, a paste without bracketed paste, a slow connection). Acting
        first would store the answer cut short and take it off the screen; the rest would then
        arrive in an answer no longer shown. So the move waits for each of the answer's own
        queues in turn, from the focused control up to this screen (never one this code is
        running in, and never longer than SETTLE_SECONDS).
        """
        import asyncio

        from psr_assist.tui.key_order import drain_upwards

        focused = self.app.focused
        if focused is None or focused.screen is not self:
            return
        try:
            await asyncio.wait_for(drain_upwards(focused, to_screen=True), SETTLE_SECONDS)
        except TimeoutError:
            return

    async def action_next_question(self) -> None:
        await self.settle_typing()
        if self._interview is not None:
            await self._interview.move(1)

    async def action_previous_question(self) -> None:
        await self.settle_typing()
        if self._interview is not None:
            await self._interview.move(-1)

    async def action_next(self) -> None:
        await self.settle_typing()
        index = self.step_index(self.current_step)
        if index + 1 < len(self.bank.steps):
            await self.goto_step(self.bank.steps[index + 1].id)

    async def action_previous(self) -> None:
        await self.settle_typing()
        index = self.step_index(self.current_step)
        if index > 0:
            await self.goto_step(self.bank.steps[index - 1].id)

    def action_steps(self) -> None:
        nav = self.query_one(StepNav)
        nav.can_focus = True  # asked for by its key (Ctrl+G), in either mode
        nav.focus()

    async def action_review(self) -> None:
        if self.mode == "interview":
            await self.set_mode("desk")
        await self.goto_step("review")  # at its top (_focus_first)

    @on(StepNav.Chosen)
    async def _step_chosen(self, event: StepNav.Chosen) -> None:
        if self.mode == "interview":
            await self.set_mode("desk")
        await self.goto_step(event.step_id)

    # ------------------------------------------------------------------ jumping to findings
    async def jump_to(self, step_id: str, path: str, *, back_to: str | None = None, top: bool = False) -> bool:
        """Show the step and focus the answer at ``path`` (opening a list item if needed; closing
        that item's editor then goes to step ``back_to``, if given). ``top``: scroll the answer to
        the top of the form, clear of the box that says what to fix (bottom right)."""
        if self.mode == "interview":
            await self.set_mode("desk", go_to_current=False)
        pane = await self.goto_step(step_id, focus=False)
        await self._settle()
        candidates: list[tuple[int, Widget]] = []
        order = {p: i for i, p in enumerate(self._pane_paths(pane))}
        for widget in pane.query(".field"):
            wpath = getattr(widget, "path", None)
            if wpath and path_matches(wpath, path) and _displayed(widget, pane):
                candidates.append((order.get(wpath, 10_000), widget))
        if not candidates:
            self._focus_first(pane)
            return False
        candidates.sort(key=lambda c: c[0])
        widget = candidates[0][1]
        unfold(widget)  # a folded group is opened so the answer can be seen
        if top:
            # The box that says what to fix sits at the bottom right: the last answers of a step
            # could not scroll up clear of it without room below them (kept until the step changes).
            if not pane.query_children(".fix-room"):
                await pane.mount(Static("", classes="fix-room"))
            pane.add_class("-room-for-fix")
        # From the step's title when the answer is on its first screen clear of the box, else
        # at the top of the view.
        widget.focus_control(top=top, within=pane, keep_clear=FIX_BOX_ROWS if top else 0)  # type: ignore[attr-defined]
        # Focus that was already there sends no focus event: say which answer is in focus.
        self.field_focused(widget)
        if isinstance(widget, ListField):
            parts = model_path.parse_path(path)
            lparts = model_path.parse_path(widget.path)
            if len(parts) > len(lparts) and isinstance(parts[len(lparts)], int):
                index = parts[len(lparts)]
                if 0 <= index < widget.count():
                    widget.control.highlighted = index
                    rest = model_path.join_path(parts)
                    self.list_edit(
                        widget, index, focus_path=rest if len(parts) > len(lparts) + 1 else None, back_to=back_to
                    )
        return True

    def _pane_paths(self, pane: Widget) -> list[str]:
        step = getattr(pane, "step", None)
        if step is None:
            return []
        return [leaf.path for leaf in leaves(self.bank, step)]

    async def _settle(self) -> None:
        """Let a newly mounted pane lay out before focusing inside it."""
        import asyncio

        await asyncio.sleep(0)

    async def jump_to_finding(self, finding: Finding, *, back_to: str | None = None, top: bool = False) -> None:
        step = answer_step(self.bank, finding.step, finding.field)
        await self.jump_to(step, finding.field, back_to=back_to, top=top)

    async def action_next_to_fix(self) -> None:
        await self.settle_typing()
        findings = self.session.findings
        if not findings:
            self._show_fix_box("The check found nothing to fix.", "Nothing to fix")
            return
        order = field_order(self.bank)
        index_of = {(s, p): i for i, (s, p) in enumerate(order)}

        def position(finding: Finding) -> int:
            step = answer_step(self.bank, finding.step, finding.field)
            for i, (sid, qpath) in enumerate(order):
                if sid == step and path_matches(qpath, finding.field):
                    return i
            # A finding on a step with no matching question: the start of its step.
            step_start = [i for i, (sid, _) in enumerate(order) if sid == step]
            return step_start[0] if step_start else len(order)

        ranked = sorted(findings, key=lambda f: (position(f), f.severity is not Severity.BLOCKER))
        here_path = getattr(self.focused_field, "path", None)
        # Safety first: an unanswered critical screening answer is always the next thing to fix.
        critical = next((f for f in findings if f.rule_id == CRITICAL_RULE), None)
        if critical is not None and not (here_path and path_matches(here_path, critical.field)):
            await self.jump_to_finding(critical, top=True)
            self.say_what_to_fix(critical)
            return
        if here_path is not None:
            here = next(
                (i for (sid, p), i in index_of.items() if sid == self.current_step and path_matches(p, here_path)),
                -1,
            )
        else:
            starts = [i for i, (sid, _) in enumerate(order) if sid == self.current_step]
            here = (starts[0] - 1) if starts else -1
        # The answer in focus comes first: its own findings, one per press, before moving on
        # (at 80 columns there is no side panel, so this is where an officer learns of them).
        at_here = [f for f in ranked if position(f) == here] if here_path is not None else []
        keys = [(f.rule_id, f.field) for f in at_here]
        last = self._last_fix
        if at_here and last not in keys:
            target = at_here[0]
        elif last in keys and keys.index(last) + 1 < len(at_here):
            target = at_here[keys.index(last) + 1]
        else:
            after = [f for f in ranked if position(f) > here]
            target = after[0] if after else ranked[0]
        await self.jump_to_finding(target, top=True)
        self.say_what_to_fix(target)

    _fix_notice: Any = None  # the finding next-to-fix last showed, while it may still be up
    _last_fix: tuple[str, str] | None = None  # (rule id, field) of the finding next-to-fix last showed

    def on_screen_suspend(self) -> None:
        """A dialog over the wizard (a picker, an item's editor): the box that said what to fix
        would sit on top of it, over its choices. The officer is acting on it: take it away."""
        self._withdraw_fix_notice()

    def _withdraw_fix_notice(self) -> None:
        notice, self._fix_notice = self._fix_notice, None
        if notice is None:
            return
        unnotify = getattr(self.app, "_unnotify", None)
        if callable(unnotify):
            unnotify(notice)

    def say_what_to_fix(self, finding: Finding) -> None:
        """Say what to fix for ``finding``, just jumped to: in the item's editor the jump opened,
        else in the one box."""
        self._last_fix = (finding.rule_id, finding.field)
        mark, words = SEVERITY_WORDS[finding.severity]
        title, message = f"{mark} {words}", f"{finding.message}\nFix: {finding.fix}"
        show_fix = getattr(self.app.screen, "show_fix", None)
        if self.app.screen is not self and callable(show_fix):
            # The jump opened the item's editor: it says what to fix above its answers for as
            # long as it is open, where a box would cover them (and race its own withdrawal).
            self._withdraw_fix_notice()
            show_fix(title, message, key=(finding.rule_id, finding.field))
            return
        self._show_fix_box(message, title)

    def _show_fix_box(self, message: str, title: str) -> None:
        """One box for Next to fix, replacing its last (boxes would otherwise stack up over the
        form on a small terminal; "Nothing to fix" did, one per press)."""
        from textual.notifications import Notification, Notify

        notice = Notification(message, title, "information", 6)
        previous, self._fix_notice = self._fix_notice, notice
        if previous is not None:
            # Textual takes a timed-out box away with _unnotify; without it, clear them all.
            unnotify = getattr(self.app, "_unnotify", None)
            if callable(unnotify):
                unnotify(previous, refresh=False)
            else:  # pragma: no cover - a Textual without it
                self.app.clear_notifications()
        self.app.post_message(Notify(notice))

    # ------------------------------------------------------------------ guidance
    def refresh_guidance(self) -> None:
        step = self.bank.step(self.current_step)
        field = self.focused_field
        text = Text()
        text.append(f"{step.title}\n", style="bold underline")
        if step.takeaway:
            text.append("Take-away from the guide\n", style="bold")
            text.append(f"{step.takeaway}\n\n")
        hint = Text()
        if field is not None:
            question = field.spec.question
            text.append(f"{field.label_text}\n", style="bold")
            if question.help:
                text.append(f"{question.help}\n")
                hint.append(f"{field.label_text}: ", style="bold")
                hint.append(question.help)
            if question.verbatim:
                text.append("✎ Own words: write exactly what the person says; do not tidy it up.\n", style="italic")
            if question.ask:
                text.append("To ask: ", style="bold")
                text.append(f"“{question.ask.strip()}”\n")
            findings = [
                f for f in self.session.findings if f.step == self.current_step and path_matches(field.path, f.field)
            ]
            for finding in findings[:3]:
                mark, words = SEVERITY_WORDS[finding.severity]
                text.append(f"{mark} {words}: ", style="bold")
                text.append(f"{finding.message} {finding.fix}\n")
            text.append("\n")
        lines = outstanding_enquiries(self.session.case, self.bank, self.now())
        text.append(f"Waiting on ({len(lines)})\n", style="bold")
        text.append("\n".join(lines) if lines else "No enquiries outstanding.", style="")
        # The guide panel's size is fixed (its width, the body's height): new words only need a
        # repaint, not a new layout of the whole screen on every focus move. The hint line's
        # height follows its words, but only while it is shown (narrow terminals).
        self.query_one("#guide", Static).update(text, layout=False)
        if not hint.plain:
            hint = Text(f"{step.title}: F1 for help on any question.", style="italic")
        else:
            hint.append("  (F1: more)", style="italic")
        hint_line = self.query_one("#hint", Static)
        hint_line.update(hint, layout=hint_line.display)

    def action_help(self) -> None:
        from psr_assist.tui.screens.dialogs import HelpScreen, question_help

        step = self.bank.step(self.current_step)
        leaf = self._interview.current if self.mode == "interview" and self._interview is not None else None
        if leaf is not None and not self._interview.on_opening:
            step = leaf.step  # the interview's question may be on another step than the desk's
        sections: list[tuple[str, str]] = []
        field = self.focused_field
        if field is not None:
            sections.append(question_help(field))
        sections.append((f"Step: {step.title}", (step.summary + "\n\n" if step.summary else "") + (step.takeaway or "")))
        self.push_dialog(HelpScreen(sections, self.psr_app.key_table(self)))

    # ------------------------------------------------------------------ modes
    async def action_next_to_fix_quietly(self) -> None:
        await self.action_next_to_fix()

    async def action_to_interview(self) -> None:
        await self.action_toggle_mode()

    async def action_to_desk(self) -> None:
        await self.action_toggle_mode()

    async def action_toggle_mode(self) -> None:
        await self.settle_typing()
        await self.set_mode("desk" if self.mode == "interview" else "interview")

    async def set_mode(self, mode: str, *, go_to_current: bool = True) -> None:
        if mode == self.mode:
            return
        self.save_now()
        from psr_assist.tui.widgets.interview import InterviewView

        if mode == "interview":
            self._desk_focus = self.focused_field  # where the desk was, if the interview goes nowhere
            if self._interview is None:
                self._interview = InterviewView(self, interview_leaves(self.bank), id="interview")
                await self.query_one("#main").mount(self._interview, before=0)
            self.mode = "interview"
            self.add_class("-interview")
            # Tab stays in the interview: from the step list a digit meant as an answer opened a step.
            self.query_one(StepNav).can_focus = False
            self.refresh_bindings()
            view = self._interview
            left_at = view.left_at
            if left_at is not None and view.leaves[left_at].step.id == self.current_step:
                # Back from a look at the desk on the same step: the question it was left at.
                await view.show_question(left_at)
            else:
                await view.show_question(view.first_unanswered_from(self.current_step))
        else:
            leaf = self._interview.current if self._interview is not None else None
            if self._interview is not None and self._interview.on_opening:
                leaf = None  # no question reached: back to where the desk was, not to question 1's step
            if self._interview is not None:
                self._interview.left_at = None if self._interview.on_opening else self._interview.index
                field = self._interview.current_field()
                if field is not None:
                    field.commit(show_errors=False)
            self.mode = "desk"
            self.remove_class("-interview")
            self.query_one(StepNav).can_focus = True
            self.refresh_bindings()
            # Nothing is lost: every desk field shows what the interview wrote.
            for widgets in list(self.fields.values()):
                for widget in widgets:
                    if widget.is_attached and widget.screen is self and hasattr(widget, "refresh_from_model"):
                        widget.refresh_from_model()  # type: ignore[attr-defined]
            if go_to_current and leaf is not None:
                await self.jump_to(leaf.step.id, leaf.path)
            elif go_to_current:
                desk = self._desk_focus
                if desk is not None and desk.is_attached:  # the desk's step is as it was left
                    desk.focus_control()
                else:
                    await self.goto_step(self.current_step, save=False)
        self.refresh_status()

    @on(FieldWidget.Done)
    async def _field_done(self, event: FieldWidget.Done) -> None:
        if self.mode == "interview" and self._interview is not None:
            await self._interview.move(1)
        else:
            self.focus_next()

    async def on_interview_view_advance(self, event: Any) -> None:
        if self._interview is not None:
            await self._interview.move(1)

    # ------------------------------------------------------------------ screening
    async def action_screening_tool(self) -> None:
        await self.settle_typing()
        field = self._interview.current_field() if self._interview is not None else None
        if field is not None:
            field.commit(show_errors=True)  # what was typed is kept before the tool opens
        self.start_screening()

    def start_screening(self) -> None:
        if self.read_only:
            return
        from psr_assist.domain.scoring import load_instruments, load_results_only_tools
        from psr_assist.tui.screens.dialogs import ChoiceScreen

        options: list[tuple[str, Any]] = [
            (f"{inst.short_name}: {inst.name}", ("scored", inst.id)) for inst in load_instruments().values()
        ]
        for tool in load_results_only_tools().values():
            options.append((f"{tool.short_name}: results only (the questions are not shown)", ("results", tool.id)))

        def chosen(choice: Any) -> None:
            if choice is None:
                return
            kind, ident = choice
            if kind == "scored":
                self.new_screening(ident)
            else:
                self.new_results_only(ident)

        self.push_dialog(
            ChoiceScreen(
                "Which screening tool?",
                options,
                body="Choose with a number or the arrows and Enter. Results-only tools are licensed: "
                "administer them on their own form and record only the result.",
            ),
            chosen,
        )

    def _administered_by(self) -> str | None:
        details = self.session.case.case_details
        return details.author or self.session.case.sign_off.author_name

    def new_screening(self, instrument_id: str, answers: list[int | None] | None = None) -> int:
        from psr_assist.domain.case import ScreeningResult
        from psr_assist.domain.scoring import get_instrument

        inst = get_instrument(instrument_id)
        result = ScreeningResult(
            instrument=inst.id,
            administered_on=self.today(),
            administered_by=self._administered_by(),
            answers=(answers or []) + [None] * (inst.item_count - len(answers or [])),
        )
        index = model_path.append_item(self.session.case, "screening.results", result)
        self.changed()
        self._refresh_list("screening.results", index)
        self.open_screening(index, baseline=result.model_copy(deep=True))
        return index

    def new_results_only(self, tool_id: str) -> None:
        from psr_assist.domain.case import ResultsOnlyEntry, ResultsOnlyTool

        entry = ResultsOnlyEntry(
            tool=ResultsOnlyTool(tool_id), administered_on=self.today(), administered_by=self._administered_by()
        )
        index = model_path.append_item(self.session.case, "screening.results_only", entry)
        self.changed()
        self._refresh_list("screening.results_only", index)
        note = ""
        if self.mode == "interview":
            # Said on the way back: the interview's list shows only the scored tools.
            note = "The result is kept with the licensed tools, on the screening step."
        # Closed untouched (a slip of the key), the entry is not kept: only its tool and date
        # were filled in, and the check would ask for a result nobody recorded.
        self.list_edit(
            self._list_for("screening.results_only"), index, added=True, baseline=entry.model_copy(), note_on_close=note
        )

    def _list_widget(self, path: str) -> ListField | None:
        for widget in self.fields.get(path, []):
            if isinstance(widget, ListField):
                return widget
        return None

    def _list_for(self, path: str) -> ListField:
        """The list at ``path`` on screen or, where its step has not been opened (a licensed tool
        chosen in the interview), one made for the item's dialog, which works without being shown."""
        widget = self._list_widget(path)
        if widget is not None:
            return widget
        spec = next(leaf.spec for step in self.bank.steps for leaf in leaves(self.bank, step) if leaf.path == path)
        return ListField(spec, path, self)

    def _refresh_list(self, path: str, highlight: int | None = None) -> None:
        # Every list at the path: the desk's and the interview's can both be mounted.
        for widget in list(self.fields.get(path, [])):
            if isinstance(widget, ListField) and widget.is_mounted:
                widget.refresh_from_model(highlight=highlight)

    def open_screening(self, index: int, *, baseline: Any = None) -> None:
        """Give the screening tool at ``index``. ``baseline``: the entry as just started; closed
        still so (a slip of F3 or a digit), it is not kept, or the report would say the tool
        "was not completed" of a tool never given."""
        from psr_assist.tui.screens.screening import ScreeningScreen

        try:
            screen = ScreeningScreen(self, index)
        except Exception:  # noqa: BLE001 - an instrument psr-assist no longer knows
            self.notify("This screening entry cannot be opened: its instrument is not known.", severity="error")
            return

        path = "screening.results"
        self._open_tool = (index, baseline)

        def closed(_: Any) -> None:
            if self.discard_untouched_tool():
                self.notify(f"Nothing was answered, so no {screen.instrument.short_name} was kept.")
            self._open_tool = None
            self.save_now()
            self._refresh_list(path, index)

        self.push_dialog(screen, closed)

    def discard_untouched_tool(self) -> bool:
        """Take out the screening tool on screen if it is still as it was started (nothing
        answered): on closing it, and on closing the case or quitting with it open. True if so."""
        if self._open_tool is None:
            return False
        index, baseline = self._open_tool
        path = "screening.results"
        if baseline is None or not self._still_empty(path, index, baseline):
            return False
        self._open_tool = None
        model_path.remove_item(self.session.case, path, index)
        self.changed()
        self.save_now()
        return True

    def start_follow_on(self, index: int, instrument_id: str) -> None:
        """AUDIT-C positive: start the full AUDIT with the questions they share carried over
        (``leads_to.carry_items`` in the instrument file)."""
        from psr_assist.domain.scoring import get_instrument

        source = self.read(f"screening.results[{index}]")
        carried = get_instrument(source.instrument).carried_answers(source.answers)
        target = get_instrument(instrument_id)
        self.app.pop_screen()
        self.save_now()
        self.new_screening(target.id, carried)

    def edit_screening_details(self, index: int) -> None:
        widget = self._list_for("screening.results")
        from psr_assist.tui.screens.item_editor import NEXT_TO_FIX, ItemEditorScreen

        def closed(then: str | None) -> None:
            self.save_now()
            if then == NEXT_TO_FIX:
                from psr_assist.tui.screens.screening import ScreeningScreen

                if isinstance(self.app.screen, ScreeningScreen):
                    self.app.screen.dismiss(None)  # the tool is left as Esc leaves it, then on to the fix
                self.call_later(self.action_next_to_fix)

        self.push_dialog(ItemEditorScreen(widget.spec, widget.path, index, widget.count(), self), closed)

    # ------------------------------------------------------------------ adjournment
    def adjournment_finding(self) -> Finding | None:
        """The check's advice to ask for an adjournment (its message names the complex needs), if any."""
        return next((f for f in self.session.findings if f.rule_id == ADJOURNMENT_RULE), None)

    def insert_adjournment_request(self) -> None:
        """Put the drafted request into the adjournment answers (asks before replacing any typed ones)."""
        from psr_assist.domain.adjournment import draft_adjournment_request

        draft = draft_adjournment_request(self.session.case, self.today())
        current = self.session.case.proposal.adjournment
        typed = [name for name in type(current).model_fields if model_path.is_answered(getattr(current, name))]

        def insert() -> None:
            self.write("proposal.adjournment", draft.model_copy(update={"requested": True}))
            for widgets in list(self.fields.values()):
                for widget in widgets:
                    if getattr(widget, "path", "").startswith("proposal.adjournment") and hasattr(
                        widget, "refresh_from_model"
                    ):
                        widget.pending_invalid = False  # type: ignore[attr-defined]
                        widget.refresh_from_model()  # type: ignore[attr-defined]
            self.save_now()
            self.notify("A drafted adjournment request is in place: read it and edit it in your own words.",
                        title="Adjournment request drafted")
            self.call_later(self.jump_to, "proposal", "proposal.adjournment.reason")

        if typed:
            from psr_assist.tui.screens.dialogs import ConfirmScreen, if_yes

            self.push_dialog(
                ConfirmScreen(
                    "Replace the adjournment answers?",
                    "Some adjournment answers are already filled in. The drafted request replaces them.",
                    yes="Replace",
                ),
                if_yes(insert),
            )
        else:
            insert()

    # ------------------------------------------------------------------ at a glance, review, export, sign-off
    def action_glance(self) -> None:
        from psr_assist.tui.screens.summary import SummaryScreen

        self.save_now()
        self.run_check()
        self.push_dialog(SummaryScreen(self))

    def action_save(self) -> None:
        if self.save_now():
            self.notify("Saved.", timeout=2)

    def action_preview(self) -> None:
        from psr_assist.tui.screens.dialogs import TextViewScreen

        self.save_now()
        # The preview opens at once and says it is being prepared; the text follows.
        screen = TextViewScreen("Report preview (read-only; Esc closes)", "Preparing the preview…")
        self.push_dialog(screen)
        self._build_preview(self.session.case.model_copy(deep=True), screen)

    def _build_preview(self, case: Any, screen: Any) -> None:
        today = self.today()

        def work() -> None:
            from psr_assist.domain.check import check_case
            from psr_assist.domain.report_state import export_as_draft
            from psr_assist.render import report_text

            try:
                findings = check_case(case, today)
                draft = export_as_draft(case, findings)
                text = report_text(case, draft=draft, findings=findings, today=today)
            except Exception as exc:  # noqa: BLE001 - one safe line, never case text
                from psr_assist.errors import describe_unexpected

                self.app.call_from_thread(self._show_preview, screen, None, describe_unexpected(exc))
                return
            self.app.call_from_thread(self._show_preview, screen, text)

        self.run_worker(work, thread=True, exclusive=True, group="preview")

    def _show_preview(self, screen: Any, text: str | None, error: str = "") -> None:
        if not screen.is_attached:  # closed before it was ready
            return
        if text is None:
            screen.dismiss(None)
            self.notify(error.removeprefix("psr-assist: "), title="No preview", severity="error")
            return
        screen.show_text(text)

    def action_export(self) -> None:
        from psr_assist.tui.screens.export import ExportScreen

        self.save_now()
        findings = self.session.refresh_findings(self.today())

        app = self.psr_app
        dialog = ExportScreen(self.session.case, findings, app.export_dir, today=self.today(), marking=app.export_marking)

        def done(paths: Any) -> None:
            if paths:
                names = "\n".join(str(p) for p in paths)
                self.notify(f"Saved:\n{names}", title="Exported", timeout=10)
                app.remember_export(dialog.folder, dialog.marking)
            elif dialog.not_kept and self._invalid_fields:
                # "Press Esc to correct it": Esc goes to the answer to correct (found in tmux: the
                # focus went back to wherever it had been).
                path = getattr(self._invalid_fields[0], "path", None)
                step = self._step_of(path) if path else None
                if path and step:
                    self.call_later(self.jump_to, step, path)

        self.push_dialog(dialog, done)

    def action_sign_off(self) -> None:
        from psr_assist.domain.check import check_case, count_words
        from psr_assist.tui.screens.dialogs import ConfirmScreen, if_yes

        if self.read_only:
            self.notify(self.session.read_only_reason or "This case is read-only here.", severity="warning")
            return
        self.save_now()
        findings = self.session.refresh_findings(self.today())
        blockers = [f for f in findings if f.severity is Severity.BLOCKER]
        if blockers:
            self.notify(
                f"Fix the {count_words(Severity.BLOCKER, len(blockers))} first: Ctrl+F goes to the next one.",
                title="Cannot sign yet",
                severity="warning",
            )
            return
        author = self.session.case.sign_off.author_name or self.session.case.case_details.author
        signing = self._signing_values(author)
        # Check the report as it would be once finalised: the review rules say what signing needs.
        would_be = self._as_finalised(signing)
        refused = [f for f in check_case(would_be, self.today()) if f.severity is Severity.BLOCKER]
        if refused:
            first = refused[0]
            self.notify(first.fix, title="Cannot sign yet", severity="warning")
            self.call_later(self.jump_to, first.step, first.field)
            return

        def sign() -> None:
            for name, value in signing.items():  # what was checked is what is saved
                self.write(f"sign_off.{name}", value)
            if self.session.finalise():
                self.notify("Signed and locked. To change it now, start a new version.", title="Final")
                self.call_later(self.reload)
            else:
                self.notify(self.session.last_error or "Not finalised.", severity="error")
                self.refresh_status()

        # What the officer signs off with still open (no blockers by now), and the date the report
        # will carry (found in tmux: 14 warnings open, and the dialog said nothing of them).
        dated = would_be.sign_off.signed_on
        body = f"Signed by {author}" + (f", dated {format_date(dated)}" if dated else "") + ". "
        if findings:
            body += f"The check still has {findings_summary(findings)} open (press Esc, then look at the review to read them). "
        body += "The report will be locked: any change after this needs a new version, with a reason, and this final version is kept."
        self.push_dialog(ConfirmScreen("Sign and finalise this report?", body, yes="Sign and finalise"), if_yes(sign))

    def _signing_values(self, author: str | None) -> dict[str, Any]:
        """What signing now fills in on ``sign_off``: the author, and today for a date not yet given."""
        sign = self.session.case.sign_off
        values: dict[str, Any] = {"author_name": author}
        if sign.signed_on is None:
            values["signed_on"] = self.today()
        if sign.countersigned_by and sign.countersigned_on is None:
            values["countersigned_on"] = self.today()
        return values

    def _as_finalised(self, signing: dict[str, Any]) -> Any:
        """A copy of the case as signing (``signing``, from :meth:`_signing_values`) and finalising would leave it."""
        from psr_assist.domain.case import ReportStatus

        case = self.session.case.model_copy(deep=True)
        for name, value in signing.items():
            setattr(case.sign_off, name, value)
        case.sign_off.status = ReportStatus.FINAL
        return case

    def action_new_version(self) -> None:
        from psr_assist.tui.screens.dialogs import ReasonScreen

        if self.session.lock is None:
            # Open in another window: refused before the reason is asked, not after (tmux run).
            self.notify(f"{self.session.read_only_reason} A new version can be started there.",
                        title="Not unlocked", severity="error")
            return

        def given(reason: str | None) -> None:
            if not reason:
                return
            if self.session.start_new_version(reason):
                self.notify("A new version is open for changes; the final version is kept.", title="New version")
                self.call_later(self.reload)
            else:
                self.notify(self.session.last_error or "Not unlocked.", severity="error")

        self.push_dialog(
            ReasonScreen(
                "Start a new version",
                "The final report stays in the history exactly as it went to court.",
                "Reason for the new version",
                keys="Enter starts the new version. Esc leaves the report final and locked.",
            ),
            given,
        )

    async def reload(self) -> None:
        """Rebuild the forms after the case changed underneath them (final, new version)."""
        step = self.current_step
        switcher = self.query_one("#panes", ContentSwitcher)
        await switcher.remove_children()
        self.fields.clear()
        self._statuses = []
        self.run_check()
        self.refresh_banner()
        self.refresh_status()
        await self.goto_step(step, save=False)
        self.refresh_bindings()  # signing is offered again, or no longer

    def can_keep_copy(self) -> bool:
        from psr_assist.session import CONFLICT_REASON, DELETED_REASON

        return self.session.read_only and self.session.read_only_reason in (CONFLICT_REASON, DELETED_REASON)

    async def action_keep_copy(self) -> None:
        """After a conflict (or a deletion) elsewhere: keep what is on screen as a new case."""
        if not self.can_keep_copy():
            return
        new_id = self.session.keep_as_copy()
        if new_id is None:
            self.notify(self.session.last_error or "The copy could not be saved.", severity="error")
            return
        self.notify("Your changes are saved as a new case; the other copy is untouched.", title="Kept as a copy")
        await self.reload()

    def action_close_case(self) -> None:
        self.psr_app.close_case(self)

    # ------------------------------------------------------------------ description for others
    def describe_value(self, spec: FieldSpec, value: Any) -> str:
        return display_value(self.bank, spec, value)


def _tool_enum(name: str) -> Any:
    from psr_assist.domain.case import ResultsOnlyTool

    try:
        return ResultsOnlyTool(name)
    except ValueError:
        return ResultsOnlyTool.OTHER
