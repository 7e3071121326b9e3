"""Driving the app in tests: set answers through their widgets, press only navigation keys."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, MaskedInput, TextArea

from psr_assist.domain.case import Case
from psr_assist.domain.case_file import read_case_file
from psr_assist.tui.app import PsrAssistApp
from psr_assist.tui.field_values import format_date, format_datetime, format_number
from psr_assist.tui.screens.wizard import WizardScreen
from psr_assist.tui.widgets.fields import ChoicePicker, FieldWidget, ListField, YesNo

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
DEMO_CASE = REPO / "src" / "psr_assist" / "tui" / "demo_case.json"
NOW = dt.datetime(2026, 11, 26, 12, 0)


def make_app(store: Any, export_dir: Path, **kwargs: Any) -> PsrAssistApp:
    kwargs.setdefault("now", NOW)
    return PsrAssistApp(store, export_dir=export_dir, **kwargs)


def example(name: str) -> Case:
    return read_case_file(EXAMPLES / name)


def wizard_of(app: PsrAssistApp) -> WizardScreen:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, WizardScreen):
            return screen
    raise AssertionError("no wizard is open")


def field(app: PsrAssistApp, path: str) -> Any:
    widgets = wizard_of(app).fields.get(path)
    assert widgets, f"no field on screen for {path}"
    return widgets[-1]


def typed(value: Any) -> Any:
    """What an officer would type or pick for a model value."""
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value)
    return value


def put(widget: FieldWidget, value: Any) -> None:
    """Set a control's value as the officer would, then leave the field (commit + save)."""
    control = widget.control
    if isinstance(control, TextArea):
        control.load_text("" if value is None else str(value))
    elif isinstance(control, YesNo | ChoicePicker):
        control.value = value
    elif isinstance(control, Input | MaskedInput):
        control.value = "" if value is None else str(typed(value))
    else:  # pragma: no cover - a new control kind
        raise AssertionError(f"cannot set {type(control).__name__}")
    widget.commit(show_errors=True)
    widget.host.field_left(widget)


async def set_answer(pilot: Pilot, path: str, value: Any) -> None:
    put(field(pilot.app, path), value)  # type: ignore[arg-type]
    await pilot.pause()


def shown(widget: FieldWidget) -> Any:
    """What the widget shows, as the model value it stands for."""
    return widget.parse(widget.raw())


def is_enum(value: Any) -> bool:
    return isinstance(value, Enum)


async def open_case(pilot: Pilot, case_id: str) -> WizardScreen:
    app = pilot.app
    app.open_case(case_id)  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.pause()
    return wizard_of(app)  # type: ignore[arg-type]


async def open_interview(pilot: Pilot, case_id: str) -> tuple[WizardScreen, Any]:
    """Open the case and start the interview, past its opening: (the wizard, its InterviewView)."""
    from psr_assist.tui.widgets.interview import InterviewView

    wizard = await open_case(pilot, case_id)
    await pilot.press("f2", "enter")
    return wizard, wizard.query_one(InterviewView)


async def interview_to(view: Any, path: str, step: int = 1, *, press: Pilot | None = None) -> None:
    """Move the interview to the question at ``path`` (by Ctrl+N when ``press`` is a pilot);
    fail, never hang, when it is not asked."""
    for _ in range(len(view.leaves) + 1):
        if view.current.path == path:
            return
        if press is not None:
            await press.press("ctrl+n")
        else:
            await view.move(step)
    raise AssertionError(f"the interview never reaches {path}")


async def open_step(pilot: Pilot, case_id: str, step_id: str) -> WizardScreen:
    """Open the case and go to one of its steps, laid out and ready for keys."""
    wizard = await open_case(pilot, case_id)
    await wizard.goto_step(step_id)
    await pilot.pause()
    return wizard


def list_field(app: PsrAssistApp, path: str) -> ListField:
    for widget in wizard_of(app).fields.get(path, []):
        if isinstance(widget, ListField):
            return widget
    raise AssertionError(f"no list on screen for {path}")


# --------------------------------------------------------------------------- driving a whole case

INSTRUMENT_KEYS: dict[str, str] = {}  # instrument or tool id -> its digit in the picker


def picker_keys() -> dict[str, str]:
    """The digit that picks each instrument or results-only tool in the screening picker."""
    if not INSTRUMENT_KEYS:
        from psr_assist.domain.scoring import load_instruments, load_results_only_tools

        ids = list(load_instruments()) + list(load_results_only_tools())
        for index, ident in enumerate(ids[:10]):
            INSTRUMENT_KEYS[ident] = str((index + 1) % 10)
    return INSTRUMENT_KEYS


async def dismiss_alerts(pilot: Pilot) -> int:
    """Close any critical-item alert with Esc ("continue"); return how many there were."""
    from psr_assist.tui.screens.dialogs import CriticalAlertScreen

    seen = 0
    await pilot.pause()
    while isinstance(pilot.app.screen, CriticalAlertScreen):
        seen += 1
        await pilot.press("escape")
        await pilot.pause()
    return seen


async def fill_specs(pilot: Pilot, specs: Any, parent: str, source: Any, skip: set[str] = frozenset()) -> None:
    """Answer every question in ``specs`` with the value ``source`` holds, through the widgets."""
    from psr_assist.tui.form_spec import APP_MANAGED
    from psr_assist.tui.model_path import child_path, get_path, is_answered

    app = pilot.app
    wizard = wizard_of(app)  # type: ignore[arg-type]
    for spec in specs:
        path = child_path(parent, spec.rel) if parent else spec.rel
        if path in APP_MANAGED or spec.rel in skip:
            continue
        value = get_path(source, spec.rel)
        if spec.control == "group":
            if value is not None:
                await fill_specs(pilot, spec.children, path, value)
            continue
        if spec.control == "list":
            for item in value or []:
                await add_item(pilot, path, spec, item)
            continue
        if not is_answered(value) or wizard.read(path) == value:
            continue
        put(field(app, path), value)  # type: ignore[arg-type]
        if wizard._alert_open:  # a critical answer: the alert is on its way
            await dismiss_alerts(pilot)


async def add_item(pilot: Pilot, path: str, spec: Any, item: Any) -> None:
    """Add one list item by keyboard (a, or the screening picker), fill it in, close it (Esc)."""
    from psr_assist.tui.screens.item_editor import ItemEditorScreen
    from psr_assist.tui.screens.screening import ScreeningScreen

    app = pilot.app
    wizard = wizard_of(app)  # type: ignore[arg-type]
    keys = picker_keys()
    if path == "screening.results":
        list_field(app, path).focus_control()  # type: ignore[arg-type]
        await pilot.press("a", keys[item.instrument])
        screen = app.screen
        assert isinstance(screen, ScreeningScreen)
        for answer in item.answers:
            await pilot.press(str(answer))
            await dismiss_alerts(pilot)
        for extra in screen.extras:
            if extra.id in item.extra_answers and screen.position < screen.count + len(screen.extras):
                await pilot.press(str(item.extra_answers[extra.id]))
        await pilot.press("m")  # date, who, notes
        assert isinstance(app.screen, ItemEditorScreen)
        index = len(wizard.session.case.screening.results) - 1
        await fill_specs(pilot, spec.children, f"{path}[{index}]", item)
        await pilot.press("escape", "escape")
        assert app.screen is wizard
        return
    if path == "screening.results_only":
        list_field(app, "screening.results").focus_control()  # type: ignore[arg-type]
        await pilot.press("a", keys[item.tool.value])
        skip = {"tool"}
    else:
        list_field(app, path).focus_control()  # type: ignore[arg-type]
        await pilot.press("a")
        skip = set()
    assert isinstance(app.screen, ItemEditorScreen), app.screen
    index = len(wizard.read(path)) - 1
    await fill_specs(pilot, spec.children, f"{path}[{index}]", item, skip)
    await pilot.press("escape")
    await dismiss_alerts(pilot)
    assert app.screen is wizard


async def fill_step(pilot: Pilot, step_id: str, source: Case) -> None:
    from psr_assist.tui.form_spec import step_specs

    wizard = wizard_of(pilot.app)  # type: ignore[arg-type]
    assert wizard.current_step == step_id
    await fill_specs(pilot, step_specs(wizard.bank, step_id), "", source)


def screen_lines(app: Any) -> list[str]:
    """The screen as the officer sees it now: one string per terminal row (no styles)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).splitlines()[:height]
