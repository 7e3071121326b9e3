"""One widget per kind of answer, built from the question bank.

Every field is a label, a control and a line for its error. A field never keeps the answer
itself: it reads from and writes to the case through its *host* (the wizard), which
validates with the case model, marks the session changed and schedules the autosave.
Errors are shown as text beside the field when the officer leaves it, in GOV.UK words;
a value the model refuses stays on screen (so nothing typed is thrown away) and the case
keeps its last good value.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, MaskedInput, OptionList, TextArea
from textual.widgets.option_list import Option

from psr_assist.domain.case import clean_text
from psr_assist.domain.wording import article, lower_first
from psr_assist.tui.field_values import (
    DATE_HINT,
    DATETIME_HINT,
    DAY_FIRST_DATE,
    ISO_DATE,
    FieldValueError,
    describe_model_error,
    format_date,
    format_datetime,
    format_number,
    parse_date,
    parse_datetime,
    parse_int,
    parse_number,
)
from psr_assist.tui.form_spec import APP_MANAGED, FieldSpec
from psr_assist.tui.model_path import child_path, get_path
from psr_assist.tui.widgets.plain import Label

if TYPE_CHECKING:
    from psr_assist.domain.questions import QuestionBank


VERBATIM_MARK = "✎ own words"


class FormHost(Protocol):
    """What a field needs from the screen that owns the case (the wizard)."""

    bank: QuestionBank

    @property
    def read_only(self) -> bool: ...

    def read(self, path: str) -> Any: ...

    def write(self, path: str, value: Any) -> Any: ...

    def field_focused(self, field: FieldWidget) -> None: ...

    def field_left(self, field: FieldWidget) -> None: ...

    def register_field(self, field: FieldWidget) -> None: ...

    def unregister_field(self, field: FieldWidget) -> None: ...

    def list_add(self, widget: ListField) -> None: ...

    def list_edit(self, widget: ListField, index: int) -> None: ...

    def list_remove(self, widget: ListField, index: int) -> None: ...

    def list_move(self, widget: ListField, index: int, to: int) -> None: ...

    def item_summary(self, widget: ListField, index: int, item: Any) -> str: ...


def choice_words(bank: QuestionBank, value: Enum) -> str:
    return bank.choice_label(value)


def display_value(bank: QuestionBank, spec: FieldSpec, value: Any) -> str:
    """An answer as the officer reads it (choice words, dd/mm/yyyy dates, Yes/No)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return choice_words(bank, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


# --------------------------------------------------------------------------- controls


class StyledWhenMounted:
    """No restyle before the widget is in the DOM.

    Textual's Input and TextArea add CSS classes in their constructors (compact, valid), and
    each class change restyles the widget and its component parts at once, although the
    stylesheet is applied to the whole widget anyway when it is mounted. Nothing is shown or
    styled differently: the classes are kept, only the wasted style passes are skipped.
    """

    _parent: Any

    def update_node_styles(self, animate: bool = True) -> None:
        if self._parent is None:
            return  # not mounted yet: the stylesheet is applied in full when it is
        super().update_node_styles(animate)  # type: ignore[misc]


# Textual calls the paste handler of every class in a widget's MRO, most derived first, with
# the same event. So these handlers only clean ``event.text`` and leave the inserting to
# Textual's own handler, which runs next: calling it as well would paste the text twice.


def fit_paste(control: Widget, text: str, kept: int, max_length: int | None) -> str:
    """The part of a paste that fits beside the ``kept`` characters; a notice says when it is cut."""
    if max_length is None or len(text) <= max_length - kept:
        return text
    room = max(max_length - kept, 0)
    control.notify(
        f"Only the first {room:,} characters were pasted: this answer holds {max_length:,} characters at most.",
        title="Pasted text cut short",
        severity="warning",
    )
    return text[:room]


def scroll_into_view(
    widget: Widget, top: bool = False, tries: int = 10, within: Widget | None = None, keep_clear: int = 0
) -> None:
    """Scroll ``widget`` (an answer just focused) into view once it has a place on screen. A step
    shown again after another (left scrolled elsewhere) has none until the refresh after it is
    shown; scrolled then, the answer stayed out of sight with the focus in it (found in tmux:
    Next to fix wrapping round to the first step, and the officer typing blind).

    ``within``: the step (or editor) the answer is in: its title and the heading of the answer's
    group stay in sight, from the top of the step when all of that fits on its first screen
    above the last ``keep_clear`` rows (where Next to fix's box sits). ``top``: otherwise, the
    answer at the top of the view."""
    if not widget.region:
        if tries:  # a refresh is not enough: a step shown again can take a few frames to have its place
            widget.set_timer(0.02, lambda: scroll_into_view(widget, top, tries - 1, within, keep_clear))
        return
    if within is not None and widget in within.walk_children():
        part = widget  # the step's part the answer is in: its group, or the answer itself
        while part.parent is not None and part.parent is not within:
            part = part.parent  # type: ignore[assignment]
        view = within.scrollable_content_region
        room = view.height - keep_clear
        part_bottom = part.region.bottom - view.y + within.scroll_y  # in the step's own rows
        if part_bottom <= room:
            within.scroll_home(animate=False)
            return
        if not top and part.region.height <= room:
            part.scroll_visible(animate=False)
            return
    widget.scroll_visible(animate=False, top=top)


class CleanInput(StyledWhenMounted, Input):
    """An Input that removes control characters from pasted text before it lands, and shows a
    long answer from its beginning when it is left (Textual leaves it scrolled to the cursor, so
    a court's name read as its last words)."""

    def on_blur(self) -> None:
        self.scroll_to(x=0, animate=False, immediate=True)

    def on_focus(self) -> None:
        # Back to where the cursor is, so the next letter is typed where it can be seen.
        from rich.cells import cell_len

        cursor = cell_len(self.value[: self.cursor_position])
        self.scroll_to_region(Region(cursor, 0, 1, 1), force=True, animate=False, immediate=True)

    def _on_paste(self, event: events.Paste) -> None:
        # One line: the pasted lines joined by spaces, without the spaces and line ends round them.
        pasted = str(clean_text(event.text)).replace("\t", " ")
        text = " ".join(line.strip() for line in pasted.split("\n") if line.strip())
        # A space at either end joins the paste to the words beside it ("2QT" + " and more"):
        # kept where there is a word for it to keep apart.
        start, end = sorted(self.selection)
        if text and pasted[:1].isspace() and start > 0 and not self.value[start - 1].isspace():
            text = " " + text
        if text and pasted[-1:].isspace() and end < len(self.value) and not self.value[end].isspace():
            text += " "
        # Textual drops a paste that would go past the limit whole: keep what fits, and say so.
        event.text = fit_paste(self, text, len(self.value) - len(self.selected_text), self.max_length or None)


# Dates as they arrive from other systems and documents: the digit dates a typed answer takes
# (ISO 2026-11-26, or day first 26/11/2026, 26-11-2026, 26.11.2026) with an optional time
# (2026-11-26T09:40, 26/11/2026 at 09.40), and dates with the month in words.
_TIME = r"(?:,?[ T]+(?:at )?(?P<H>\d{1,2})[:.](?P<M>\d{2}))?"
_PASTED_DATES = (
    re.compile(ISO_DATE + r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"),
    re.compile(DAY_FIRST_DATE + _TIME),
    # 26 November 2026, 26 Nov 2026, Thursday 26th November 2026
    re.compile(r"(?:[A-Za-z]+,? )?(?P<d>\d{1,2})(?:st|nd|rd|th)? (?P<mon>[A-Za-z]{3,9})\.?,? (?P<y>\d{4})" + _TIME),
)
_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "sept",
}
def pasted_date(text: str, with_time: bool) -> str | None:
    """A pasted date rewritten as the field shows it (``DD/MM/YYYY``, ``DD/MM/YYYY HH:MM``), or ``None``.

    Only the shape is rewritten: whether it is a real date is checked, as for typed dates, when
    the officer leaves the field.
    """
    text = str(clean_text(text)).strip()  # clean_text also drops the invisible direction marks
    for pattern in _PASTED_DATES:
        match = pattern.fullmatch(text)
        if match:
            month = match.groupdict().get("mon")
            if month is not None:
                name = month.lower()
                if name[:3] not in _MONTHS or (len(name) > 3 and name not in _MONTH_NAMES):
                    continue
                number = _MONTHS[name[:3]]
            else:
                number = int(match["m"])
            shown = f"{int(match['d']):02d}/{number:02d}/{match['y']}"
            if with_time and match["H"] is not None:
                shown += f" {int(match['H']):02d}:{match['M']}"
            return shown
    return None


class DateInput(StyledWhenMounted, MaskedInput):
    """The masked input of a date (or date and time) answer.

    A pasted date replaces the answer, in whichever common form it comes (the mask alone would
    refuse 2026-11-26, or a date with a space before it, without a word).
    """

    def _on_paste(self, event: events.Paste) -> None:
        shown = pasted_date(event.text, with_time=":" in self.template)
        if shown is None:
            text = str(clean_text(event.text)).strip()
            # Not a date it can read, but more than a piece of one (10/4/95: two-digit year): the
            # mask would drop it without a word, as it would letters.
            whole = len(re.findall(r"[/.\-]", text)) >= 2
            if whole or not re.fullmatch(r"[\d/:. ]*", text):
                # The mask would drop letters one by one and leave nothing: say why instead.
                event.stop()
                event.prevent_default()
                example = DATETIME_HINT if ":" in self.template else DATE_HINT
                self.notify(f"That is not a date this answer can take. Paste or type a date like {example}.",
                            title="Not pasted", severity="warning")
                return
            event.text = text
            return
        event.stop()
        event.prevent_default()  # the whole answer is replaced: nothing is inserted at the cursor
        self.value = shown
        self._step_over_separators(len(shown))

    def render_line(self, y: int) -> Strip:
        """Textual's masked input does not draw its selection: draw it, so the officer sees that
        what they type next replaces the whole date (selected when the answer is reached)."""
        strip = super().render_line(y)
        selection = self.selection
        if y != 0 or selection.is_empty or not self.has_focus:
            return strip
        start, end = sorted(selection)
        offset = int(self.scroll_offset.x)
        start, end = max(0, start - offset), max(0, end - offset)
        if start >= end:
            return strip
        style = self.get_component_rich_style("input--selection")
        middle = strip.crop(start, end)
        chosen = Strip(Segment.apply_style(middle, post_style=style), middle.cell_length)  # over the text's own
        return Strip.join([strip.crop(0, start), chosen, strip.crop(end)])

    def _step_over_separators(self, position: int | None = None) -> None:
        """Put the cursor past any separator it sits on, as Textual does after a click.

        Textual 8.2's mask fails an assertion (the app would stop) when a character goes in or
        is deleted with the cursor on a separator: after a date-only "26/11/2026" in a
        date-and-time answer, for one.
        """
        if position is not None:
            self.cursor_position = position
        template = getattr(self, "_template", None)
        if template is not None and hasattr(template, "insert_separators"):
            self.value, self.cursor_position = template.insert_separators(self.value, self.cursor_position)

    def action_delete_right(self) -> None:
        self._step_over_separators()
        if self.cursor_position < len(self.value):
            super().action_delete_right()

    def action_delete_right_word(self) -> None:
        self._step_over_separators()
        if self.cursor_position < len(self.value):
            super().action_delete_right_word()

    def insert_text_at_cursor(self, text: str) -> None:
        self._step_over_separators()
        super().insert_text_at_cursor(text)

    def replace(self, text: str, start: int, end: int) -> None:
        """Type or paste over a selection (the whole date is selected when the answer is reached)
        through the mask, as typing does. Textual's replace skips the mask: a letter typed over
        the date showed "Q_/__/____", the date gone from the screen. What the mask refuses
        leaves the answer, and its selection, as they were."""
        start, end = sorted((start, end))
        before, selection = self.value, self.selection
        for index in range(start, min(end, len(self.value))):
            self.cursor_position = index
            if not self._template.at_separator():
                self._template.delete_at_position()
        self.cursor_position = start
        cleared = self.value
        self.insert_text_at_cursor(text)
        if text and self.value == cleared:
            self.value, self.selection = before, selection  # refused (the mask has rung the bell)


class CleanTextArea(StyledWhenMounted, TextArea):
    """A TextArea that cleans pasted text and refuses to swallow more than the field can keep."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length

    def _on_paste(self, event: events.Paste) -> None:
        text = str(clean_text(event.text))
        event.text = fit_paste(self, text, len(self.text) - len(self.selected_text), self.max_length)

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Any:
        # Not being typed in, an answer shows its first lines: read from where it begins, not
        # from the middle of a sentence near its end, where the cursor waits for more words
        # (Textual scrolls to the cursor whenever it moves, the text rewraps or a scroll bar comes).
        if not self.has_focus:
            return None
        return super().scroll_cursor_visible(center, animate)

    def on_focus(self) -> None:
        # (Textual calls Widget's own focus handler too.) Entered: the cursor comes into view once the area has grown to its focused height.
        self.call_after_refresh(self.scroll_cursor_visible)

    def on_blur(self) -> None:
        self.scroll_home(animate=False)


class YesNo(Widget, can_focus=True):
    """A yes / no answer that can also be left unanswered. Keys: y, n, ←/→, space; delete clears."""

    DEFAULT_CSS = """
    YesNo { height: 1; width: auto; min-width: 20; padding: 0 1; background: $boost; }
    YesNo:focus { background: $accent 30%; text-style: bold; }
    YesNo:disabled { opacity: 60%; }
    """

    BINDINGS = [
        Binding("y", "set(True)", "Yes", show=False),
        Binding("n", "set(False)", "No", show=False),
        Binding("left,right,space", "toggle", "Change", show=False),
        Binding("delete,backspace", "set(None)", "Clear", show=False),
    ]

    value: reactive[bool | None] = reactive(None)

    class Changed(Message):
        def __init__(self, widget: YesNo, value: bool | None) -> None:
            super().__init__()
            self.widget = widget
            self.value = value

        @property
        def control(self) -> YesNo:
            return self.widget

    def __init__(self, value: bool | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(YesNo.value, value)

    def render(self) -> Text:
        def box(flag: bool, words: str, key: str) -> Text:
            mark = "(●)" if self.value is flag else "( )"
            style = "bold" if self.value is flag else ""
            # The key hint is text to read: full contrast (dim fell below 4.5:1 in every theme).
            return Text.assemble((f"{mark} {words}", style), f" [{key}]")

        text = Text.assemble(box(True, "Yes", "y"), "   ", box(False, "No", "n"))
        if self.value is None:
            text.append("   not answered", style="italic")
        return text

    def action_set(self, value: bool | None) -> None:
        self.value = value

    def action_toggle(self) -> None:
        self.value = True if self.value is not True else False

    def watch_value(self, value: bool | None) -> None:
        self.post_message(self.Changed(self, value))


# --------------------------------------------------------------------------- fields


class FieldWidget(Vertical):
    """Label, control and error line for one question at one path."""

    DEFAULT_CSS = """
    FieldWidget { height: auto; margin: 0 0 1 0; }
    FieldWidget > .field-label { color: $text; width: 100%; }
    FieldWidget.-has-error > .field-label { color: $text-error; }
    FieldWidget Input, FieldWidget MaskedInput { width: 1fr; max-width: 90; }
    FieldWidget .-short { max-width: 24; }
    """

    class Done(Message):
        """Enter in a one-line answer: the screen moves on (next field, or next interview question)."""

        def __init__(self, field: FieldWidget) -> None:
            super().__init__()
            self.field = field

    def __init__(self, spec: FieldSpec, path: str, host: FormHost, *, label: str | None = None) -> None:
        super().__init__(classes=f"field -{spec.control}")
        self.spec = spec
        self.path = path
        self.host = host
        self.label_text = label or spec.label
        self.error: str | None = None

    # -- the control shows a value the case could not take (so it is not saved)
    _pending_invalid = False
    top_while_focused = False  # focused by Next to fix: kept at the top of its pane while focused

    @property
    def pending_invalid(self) -> bool:
        return self._pending_invalid

    @pending_invalid.setter
    def pending_invalid(self, value: bool) -> None:
        # The screen keeps its own list of such fields, told only when the flag changes, so the
        # save indicator never says "Saved" over text that was not kept (and never scans per key).
        if value == self._pending_invalid:
            return
        self._pending_invalid = value
        note = getattr(self.host, "pending_invalid_changed", None)
        if note is not None:
            note(self, value)

    # -- building
    # A field is three widgets (itself, its label, its control): the label line also carries the
    # error and, for long answers, the character count. Fewer widgets keep each step quick to open.
    counter: str = ""
    note: str = ""  # a fact worked out from the answer, beside its label ("36 on the hearing date")
    ask: str = ""  # in an interview, the words to read aloud, under the label
    _label_lines = 1  # lines in the label now, as wrapped (the label alone, or with an error under it)

    def label_content(self) -> Text:
        text = Text(self.label_text, style="bold")
        if self.spec.question.verbatim:
            text.append(f"  {VERBATIM_MARK}", style="italic")
        if self.counter:
            text.append(f"  · {self.counter}", style="dim")
        if self.note:
            text.append(f"  · {self.note}", style="dim")
        if self.ask:
            text.append(f"\nAsk: “{self.ask}”", style="italic")
        if self.error:
            text.append(f"\n✗ {self.error}", style="bold")
        return text

    def compose(self) -> ComposeResult:
        value = self.host.read(self.path)
        controls = list(self.compose_control(value))
        yield Label(self.label_content(), classes="field-label")
        yield from controls

    def update_label(self) -> None:
        label = self.query_one(".field-label", Label)
        content = self.label_content()
        # Only a change in the number of lines needs a new layout (an error appearing or going,
        # or the count wrapping onto a line of its own in a narrow window: found in tmux, "· 63 of"
        # cut off); the count changing on every keystroke within a line must not reflow the screen.
        width = label.content_region.width
        if width > 0:
            lines = len(content.wrap(self.app.console, width))
        else:
            lines = content.plain.count("\n") + 1
        label.update(content, layout=lines != self._label_lines)
        self._label_lines = lines

    def compose_control(self, value: Any) -> ComposeResult:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def control(self) -> Widget:
        return self.query_one(".control")

    def on_mount(self) -> None:
        self.host.register_field(self)
        if self.host.read_only:
            self.control.disabled = True

    def on_unmount(self) -> None:
        self.host.unregister_field(self)

    # -- the value
    def raw(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, raw: Any) -> Any:
        return raw

    def show(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def refresh_from_model(self) -> None:
        """Show what the case holds now (after interview mode, a reload or a jump)."""
        if self.pending_invalid:
            return
        self.show(self.host.read(self.path))

    def commit(self, *, show_errors: bool) -> bool:
        """Write the control's value into the case. False when it cannot be stored."""
        if self.host.read_only:
            return True
        try:
            value = self.parse(self.raw())
        except FieldValueError as exc:
            self.pending_invalid = True
            if show_errors or self.error is not None:
                self.set_error(str(exc))
            return False
        current = self.host.read(self.path)
        if value == current and type(value) is type(current):
            self.pending_invalid = False
            self.set_error(None)
            return True
        try:
            stored = self.host.write(self.path, value)
        except ValidationError as exc:
            self.pending_invalid = True
            if show_errors or self.error is not None:
                self.set_error(describe_model_error(exc, self.label_text))
            return False
        self.pending_invalid = False
        self.set_error(None)
        if stored != value:
            # The model cleaned the text (control characters): show what was kept.
            self.show(stored)
        return True

    def set_error(self, message: str | None) -> None:
        if message == self.error:
            return
        self.error = message
        self.set_class(message is not None, "-has-error")
        self.update_label()

    def focus_control(self, *, top: bool = False, within: Widget | None = None, keep_clear: int = 0) -> None:
        """Focus the answer's control and scroll the answer into view (see :func:`scroll_into_view`)."""
        control = self.control
        self.top_while_focused = top  # a text area that grows on focus keeps it (on_resize)
        control.focus(scroll_visible=False)
        # After the next refresh, so a pane that has just been shown is laid out first.
        self.call_after_refresh(scroll_into_view, self, top=top, within=within, keep_clear=keep_clear)

    # -- events
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.host.field_focused(self)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.top_while_focused = False
        self.commit(show_errors=True)
        self.host.field_left(self)


class TextField(FieldWidget):
    def compose_control(self, value: Any) -> ComposeResult:
        yield CleanInput(
            value="" if value is None else str(value),
            max_length=self.spec.max_length or 0,
            placeholder=self.spec.question.placeholder or "",
            compact=True,
            classes="control",
            select_on_focus=False,
        )

    def raw(self) -> str:
        return self.control.value  # type: ignore[attr-defined]

    def parse(self, raw: str) -> str | None:
        return raw if raw.strip() else None

    def show(self, value: Any) -> None:
        control = self.control
        with control.prevent(Input.Changed):
            control.value = "" if value is None else str(value)  # type: ignore[attr-defined]
        if not control.has_focus:
            # Written elsewhere (the interview, a reload): what is typed next goes after it.
            control.cursor_position = len(control.value)  # type: ignore[attr-defined]

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.commit(show_errors=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit(show_errors=True)
        self.post_message(FieldWidget.Done(self))


class NumberField(TextField):
    def compose_control(self, value: Any) -> ComposeResult:
        integer = self.spec.control == "int"
        yield CleanInput(
            value=format_number(value),
            restrict=r"-?[0-9,]*" if integer else r"-?[0-9,]*\.?[0-9]*",
            compact=True,
            classes="control -short",
            placeholder="a whole number" if integer else "a number",
            select_on_focus=False,
        )

    def parse(self, raw: str) -> int | float | None:
        if self.spec.control == "int":
            return parse_int(raw, self.label_text)
        return parse_number(raw, self.label_text)

    def show(self, value: Any) -> None:
        control = self.control
        with control.prevent(Input.Changed):
            control.value = format_number(value)  # type: ignore[attr-defined]


class DateField(TextField):
    TEMPLATE = "00/00/0000;_"

    def compose_control(self, value: Any) -> ComposeResult:
        yield DateInput(
            self.TEMPLATE,
            value=self.format(value),
            valid_empty=True,
            compact=True,
            classes="control -short",
            # Reached by keyboard, the date is selected: typing replaces it. A full mask would
            # otherwise drop every digit typed without a word.
            select_on_focus=True,
        )

    def format(self, value: Any) -> str:
        return format_date(value)

    def parse(self, raw: str) -> dt.date | None:
        return parse_date(raw, self.label_text)

    def commit(self, *, show_errors: bool) -> bool:
        stored = super().commit(show_errors=show_errors)
        if stored and show_errors:  # leaving the answer: show the date as it was kept
            # A blank left in the mask reads as a one-digit part ("26/1 /2026" is 26 January,
            # as typing "26/1/2026" is); written out in full, the officer sees which date it is.
            value = self.host.read(self.path)
            if value is not None and self.format(value) != self.raw():
                self.show(value)
        return stored

    def show(self, value: Any) -> None:
        control = self.control
        with control.prevent(Input.Changed):
            control.value = self.format(value)  # type: ignore[attr-defined]


class DateTimeField(DateField):
    TEMPLATE = "00/00/0000 00:00;_"

    def format(self, value: Any) -> str:
        return format_datetime(value)

    def parse(self, raw: str) -> dt.datetime | None:
        return parse_datetime(raw, self.label_text)


class LongTextField(FieldWidget):
    DEFAULT_CSS = """
    LongTextField > TextArea { height: 4; max-width: 100; }
    LongTextField > TextArea:focus { height: 10; }
    """

    def compose_control(self, value: Any) -> ComposeResult:
        yield CleanTextArea(
            "" if value is None else str(value),
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            classes="control",
            max_length=self.spec.max_length,
            show_line_numbers=False,
            highlight_cursor_line=False,
        )
        self.counter = self._count_text(value or "")

    def _count_text(self, text: str) -> str:
        limit = self.spec.max_length
        used = len(text)
        if not used:
            return ""
        if limit:
            over = " · too long" if used > limit else ""
            return f"{used:,} of {limit:,} characters{over}"
        return f"{used:,} characters"

    def raw(self) -> str:
        return self.control.text  # type: ignore[attr-defined]

    def parse(self, raw: str) -> str | None:
        return raw if raw.strip() else None

    def show(self, value: Any) -> None:
        control = self.control
        text = "" if value is None else str(value)
        if control.text != text:  # type: ignore[attr-defined]
            with control.prevent(TextArea.Changed):
                control.load_text(text)  # type: ignore[attr-defined]
            if not control.has_focus:
                control.move_cursor(control.document.end)  # type: ignore[attr-defined]
                control.scroll_home(animate=False)  # shown from its beginning (CleanTextArea)
        self.counter = self._count_text(text)
        self.update_label()

    def on_resize(self) -> None:
        # A focused text area grows to ten lines: once it has, bring all of it into view, or the
        # lines being typed are below the edge of a small window (a dialog reached by Tab).
        # Brought to the top of the form by Next to fix: it stays there, clear of the box.
        if self.control.has_focus:
            self.scroll_visible(animate=False, top=self.top_while_focused)

    def on_mount(self) -> None:
        # (Textual calls FieldWidget.on_mount too, as it does every class's own handler.)
        # A text area opens with its cursor at the start: going back to add to an answer would
        # put the new words in front of it.
        control = self.control
        control.move_cursor(control.document.end)  # type: ignore[attr-defined]

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.counter = self._count_text(self.raw())
        self.update_label()
        self.commit(show_errors=False)


class ChoicePicker(Widget, can_focus=True):
    """One of a list of choices in a single line. Enter or space opens the list (a digit picks);
    ←/→ step through the choices; a letter jumps to the next choice starting with it; Delete clears."""

    DEFAULT_CSS = """
    ChoicePicker { height: 1; width: 1fr; max-width: 90; background: $panel; padding: 0 1; text-wrap: nowrap; }
    ChoicePicker:focus { background-tint: $accent 12%; text-style: bold; }
    ChoicePicker:disabled { opacity: 60%; }
    """

    BINDINGS = [
        # Not in the footer (at 80 columns it pushed Help and Quit off): the ▼ beside the answer
        # and the F1 key list say it.
        Binding("enter,space", "open", "Choose", show=False, tooltip="Show every choice"),
        Binding("right", "step(1)", "Next choice", show=False),
        Binding("left", "step(-1)", "Previous choice", show=False),
        Binding("delete,backspace", "clear", "Clear", show=False),
    ]

    value: reactive[Any] = reactive(None, always_update=True)

    class Changed(Message):
        def __init__(self, widget: ChoicePicker, value: Any) -> None:
            super().__init__()
            self.widget = widget
            self.value = value

        @property
        def control(self) -> ChoicePicker:
            return self.widget

    def __init__(self, options: list[tuple[str, Any]], value: Any = None, *, title: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.title = title
        self.set_reactive(ChoicePicker.value, value)

    def words(self) -> str | None:
        for words, value in self.options:
            if value == self.value and self.value is not None:
                return words
        return None

    def render(self) -> Text:
        words = self.words()
        text = Text(words or "Not answered", style="" if words else "italic", no_wrap=True, overflow="ellipsis")
        # A choice too long for the line is cut with an ellipsis, and the ▼ that says there is a
        # list stays (Textual would wrap the words and show only their first line).
        room = self.content_size.width - 3
        if room > 0 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        text.append("  ▼", style="dim")
        return text

    def _set(self, value: Any) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))

    def _index(self) -> int:
        for i, (_, value) in enumerate(self.options):
            if value == self.value and self.value is not None:
                return i
        return -1

    def action_step(self, delta: int) -> None:
        if not self.options:  # nothing to step through (an editor may offer no choice yet)
            return
        index = self._index()
        index = (index + delta) % len(self.options) if index >= 0 else (0 if delta > 0 else len(self.options) - 1)
        self._set(self.options[index][1])

    def action_clear(self) -> None:
        if self.value is not None:
            self._set(None)

    def action_open(self) -> None:
        from psr_assist.tui.screens.dialogs import ChoiceScreen

        options = [(words, ("set", value)) for words, value in self.options]
        options.append(("Not answered (clear the answer)", ("set", None)))

        def chosen(choice: Any) -> None:
            if choice is not None:
                self._set(choice[1])
            self.focus()

        self.app.push_screen(ChoiceScreen(self.title or "Choose one", options, selected=self._index()), chosen)

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if char and char.isalpha() and len(char) == 1:
            event.stop()
            start = self._index()
            n = len(self.options)
            for offset in range(1, n + 1):
                i = (start + offset) % n
                if self.options[i][0][:1].casefold() == char.casefold():
                    self._set(self.options[i][1])
                    return


class ChoiceField(FieldWidget):
    def compose_control(self, value: Any) -> ComposeResult:
        enum = self.spec.info.enum
        assert enum is not None
        options = [(self.host.bank.choice_label(member), member) for member in enum]
        yield ChoicePicker(options, value, title=self.label_text, classes="control")

    def raw(self) -> Any:
        return self.control.value  # type: ignore[attr-defined]

    def show(self, value: Any) -> None:
        self.control.set_reactive(ChoicePicker.value, value)
        self.control.refresh()

    @on(ChoicePicker.Changed)
    def _changed(self, event: ChoicePicker.Changed) -> None:
        event.stop()
        self.commit(show_errors=True)


class BoolField(FieldWidget):
    def compose_control(self, value: Any) -> ComposeResult:
        yield YesNo(value, classes="control")

    def raw(self) -> Any:
        return self.control.value  # type: ignore[attr-defined]

    def show(self, value: Any) -> None:
        control = self.control
        with control.prevent(YesNo.Changed):
            control.value = value  # type: ignore[attr-defined]

    @on(YesNo.Changed)
    def _changed(self, event: YesNo.Changed) -> None:
        event.stop()
        self.commit(show_errors=True)


# --------------------------------------------------------------------------- groups and lists


def unfold(widget: Widget) -> bool:
    """Open every folded part (consent, treatment details) round ``widget``; True if one was folded."""
    from textual.widgets import Collapsible

    folded = [node for node in widget.ancestors if isinstance(node, Collapsible) and node.collapsed]
    for node in folded:
        node.collapsed = False
    return bool(folded)


class GroupField(Vertical):
    """A group of questions about one thing (the defendant, risk to self)."""

    DEFAULT_CSS = """
    GroupField { height: auto; border: round $primary 40%; padding: 0 1; margin: 0 0 1 0; }
    /* The title is text to read, not part of the faint frame: full contrast in every theme. */
    GroupField { border-title-color: $foreground; border-title-style: bold; }
    GroupField > Collapsible { border: none; padding: 0; margin: 0; }
    /* A long title ("Conditions the court must be satisfied of (press Enter to fill in)") wraps
       at 80 columns instead of losing its end. */
    GroupField > Collapsible > CollapsibleTitle { width: 1fr; }
    """

    def __init__(self, spec: FieldSpec, path: str, host: FormHost) -> None:
        super().__init__(classes="group")
        self.spec = spec
        self.path = path
        self.host = host
        self.border_title = spec.label

    def compose(self) -> ComposeResult:
        optional = self.host.read(self.path) is None
        children = list(build_fields(self.spec.children, self.path, self.host))
        if optional:
            # Parts only some cases need (treatment details, consent): folded until opened.
            from textual.widgets import Collapsible  # not needed by every step

            with Collapsible(title=self._folded_title(collapsed=True), collapsed=True):
                yield from children
        else:
            yield from children

    def _folded_title(self, *, collapsed: bool) -> str:
        return f"{self.spec.label} ({'press Enter to fill in' if collapsed else 'press Enter to fold away'})"

    def on_collapsible_expanded(self, event: Any) -> None:
        if event.collapsible.parent is self:  # not a group folded inside this one
            event.collapsible.title = self._folded_title(collapsed=False)

    def on_collapsible_collapsed(self, event: Any) -> None:
        if event.collapsible.parent is self:
            event.collapsible.title = self._folded_title(collapsed=True)


class ItemList(OptionList):
    """The items of a repeating group. Keys: a add, enter edit, delete remove, shift+↑/↓ move.

    The keys are said beside the list's label, not in the footer: at 80 columns they pushed Help
    and Quit off it (found in tmux). F1 lists them too."""

    BINDINGS = [
        Binding("a,insert", "add", "Add", show=False, tooltip="Add a new item at the end"),
        Binding("enter", "edit", "Edit", show=False, tooltip="Edit the highlighted item"),
        Binding("delete,d", "remove", "Remove", show=False, tooltip="Remove the highlighted item (asks first)"),
        Binding("shift+up,left_square_bracket", "move(-1)", "Move up", show=False),
        Binding("shift+down,right_square_bracket", "move(1)", "Move down", show=False),
    ]

    DEFAULT_CSS = """
    ItemList { height: auto; max-height: 12; min-height: 1; border: none; padding: 0; background: $boost; }
    ItemList:focus { border: none; background-tint: $accent 10%; }
    """

    def owner(self) -> ListField:
        return self.query_ancestor(ListField)

    def action_add(self) -> None:
        self.owner().add()

    def action_edit(self) -> None:
        owner = self.owner()
        if owner.count() and self.highlighted is not None:
            owner.edit(self.highlighted)
        elif not owner.count():
            owner.add()

    def action_remove(self) -> None:
        if self.highlighted is not None and self.owner().count():
            self.owner().remove(self.highlighted)

    def action_move(self, delta: int) -> None:
        if self.highlighted is not None and self.owner().count():
            self.owner().move(self.highlighted, self.highlighted + delta)


class ListField(Vertical):
    """A repeating group (sources, offences, requirements…): one line per item, edited in a dialog."""

    DEFAULT_CSS = """
    ListField { height: auto; margin: 0 0 1 0; }
    ListField > .field-label { width: 100%; }
    """

    def __init__(self, spec: FieldSpec, path: str, host: FormHost) -> None:
        super().__init__(classes="field -list")
        self.spec = spec
        self.path = path
        self.host = host
        self.label_text = spec.label
        self.pending_invalid = False

    show_keys = True  # the keys beside the label (the interview says them in its own key line)

    def compose(self) -> ComposeResult:
        label = Text(self.spec.label, style="bold")
        if not self.host.read_only and self.show_keys:
            label.append("  · a add · Enter edit · Del remove · Shift+↑/↓ move", style="dim")
        yield Label(label, classes="field-label")
        # Still focusable when read-only: the items can be opened and read, not changed.
        yield ItemList(classes="control")

    def on_mount(self) -> None:
        self.host.register_field(self)
        self.refresh_from_model()

    def on_unmount(self) -> None:
        self.host.unregister_field(self)

    _built_width = -1  # the width the item lines were last summarised for

    def on_resize(self) -> None:
        # The lines are cut to the list's width: rebuild them when the width changes, not when
        # only the height does (which their own rebuild causes, and would lay out once more).
        if self.size.width != self._built_width:
            self.refresh_from_model()

    @property
    def control(self) -> ItemList:
        return self.query_one(ItemList)

    def items(self) -> list:
        return self.host.read(self.path) or []

    def count(self) -> int:
        return len(self.items())

    def refresh_from_model(self, highlight: int | None = None) -> None:
        items = self.items()
        control = self.control
        self._built_width = self.size.width
        keep = control.highlighted if highlight is None else highlight
        control.clear_options()
        if not items:
            word = lower_first(self.spec.item_label)
            control.add_option(Option(Text(f"None yet: press a to add {article(word)} {word}", style="italic")))
        else:
            control.add_options(
                Option(Text(f"{i + 1}. {self.host.item_summary(self, i, item)}"), id=f"item-{i}")
                for i, item in enumerate(items)
            )
        if items and keep is not None:
            control.highlighted = max(0, min(keep, len(items) - 1))
        elif items:
            control.highlighted = 0

    def add(self) -> None:
        if not self.host.read_only:
            self.host.list_add(self)

    def edit(self, index: int) -> None:
        self.host.list_edit(self, index)

    def remove(self, index: int) -> None:
        if not self.host.read_only:
            self.host.list_remove(self, index)

    def move(self, index: int, to: int) -> None:
        if not self.host.read_only and 0 <= to < self.count():
            self.host.list_move(self, index, to)

    def focus_control(self, *, top: bool = False, within: Widget | None = None, keep_clear: int = 0) -> None:
        self.control.focus(scroll_visible=False)
        self.call_after_refresh(scroll_into_view, self, top=top, within=within, keep_clear=keep_clear)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.host.field_focused(self)  # type: ignore[arg-type]


FIELD_CLASSES: dict[str, type[FieldWidget]] = {
    "text": TextField,
    "longtext": LongTextField,
    "date": DateField,
    "datetime": DateTimeField,
    "choice": ChoiceField,
    "bool": BoolField,
    "int": NumberField,
    "number": NumberField,
}


def build_field(spec: FieldSpec, path: str, host: FormHost) -> Widget:
    if spec.control == "group":
        return GroupField(spec, path, host)
    if spec.control == "list":
        return ListField(spec, path, host)
    return FIELD_CLASSES[spec.control](spec, path, host)


def build_fields(specs: tuple[FieldSpec, ...], parent: str, host: FormHost) -> list[Widget]:
    widgets = []
    for spec in specs:
        path = child_path(parent, spec.rel) if parent else spec.rel
        if path in APP_MANAGED:
            continue
        widgets.append(build_field(spec, path, host))
    return widgets


def summarise_item(bank: QuestionBank, spec: FieldSpec, item: Any, width: int = 70) -> str:
    """One line naming a list item by its first few answers."""
    parts: list[str] = []
    for child in spec.children:
        if child.control in ("list", "group"):
            continue
        value = get_path(item, child.rel)
        words = display_value(bank, child, value)
        if not words:
            continue
        if isinstance(value, bool):
            words = f"{child.label}: {words}"
        parts.append(" ".join(words.split()))
        if sum(len(p) for p in parts) > width:
            break
    text = " · ".join(parts) or "(nothing filled in yet)"
    return text if len(text) <= width else text[: width - 1] + "…"
