"""Keys typed ahead of what they open land in it, in order: a fast typist loses nothing.

Each burst here is sent all at once, without waiting for the app between keys, as a fast typist,
a slow moment or a slow connection delivers them (Pilot's ``press`` waits after every key).
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from textual import events
from textual.keys import _character_to_key

from psr_assist.domain.case import Case, CaseDetails, ReportType
from psr_assist.tui import key_order
from psr_assist.tui.screens.item_editor import ItemEditorScreen
from psr_assist.tui.widgets.interview import InterviewView

from .helpers import field, make_app, open_case


def _key(name: str) -> events.Key:
    if len(name) == 1:
        return events.Key(name if name.isalnum() else _character_to_key(name), name)
    return events.Key(name, None)


async def _burst(pilot, *keys: str | events.Event) -> None:
    driver = pilot.app._driver
    for key in keys:
        driver.send_message(_key(key) if isinstance(key, str) else key)
    for _ in range(6):
        await pilot.pause(0.05)


async def _send(pilot, keys: list[str], *, at_once: bool) -> None:
    """``keys`` all at once, or pressed one by one as Pilot does (waiting after each)."""
    if at_once:
        await _burst(pilot, *keys)
    else:
        for key in keys:
            await pilot.press(key)
    await pilot.pause()


@asynccontextmanager
async def _at_answer(store, export_dir, case_id: str, path: str = "case_details.court", **details):
    """A new case open in the wizard with the answer at ``path`` focused: (pilot, app, wizard)."""
    store.create(Case(id=case_id, case_details=CaseDetails(**details)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, case_id)
        wizard.fields[path][-1].focus_control()
        await pilot.pause()
        yield pilot, app, wizard


async def test_words_typed_straight_after_a_on_a_list_land_in_the_editor_it_opens(store, export_dir) -> None:
    async with _at_answer(store, export_dir, "ahead", "case_details.offences") as (pilot, app, wizard):
        await _burst(pilot, "a", *"Theft from a shop")
        assert isinstance(app.screen, ItemEditorScreen)
        assert app.focused.value == "Theft from a shop"
        await pilot.press("escape")
        assert [o.description for o in wizard.session.case.case_details.offences] == ["Theft from a shop"]


async def _as_typed(
    store, export_dir, keys: list[str], *, at_once: bool, interview: bool = False, start: str = "case_details.court"
) -> dict:
    """The case after ``keys``, pressed one by one (``at_once=False``) or sent all at once, from
    the answer ``start`` (or the interview's first one-digit question)."""
    case_id = f"{'interview' if interview else start.replace('.', '_')}-{'burst' if at_once else 'pressed'}-{len(keys)}"
    async with _at_answer(store, export_dir, case_id, start, report_type=ReportType.FDR) as (pilot, _, wizard):
        if interview:
            await pilot.press("f2", "enter")
            view = wizard.query_one(InterviewView)
            while view.current.spec.control not in ("choice", "bool"):
                await view.move(1)
            await pilot.pause()
        await _send(pilot, keys, at_once=at_once)
        return wizard.session.case.model_dump(mode="json", exclude={"id", "meta"})


async def test_words_typed_straight_after_ctrl_n_land_where_they_land_when_typed_slowly(store, export_dir) -> None:
    # Ctrl+N stores the court, shows the next step and focuses its first answer; what is typed
    # straight after it goes there, not into the court.
    keys = [*"Northgate", "ctrl+n", "down", "down", "tab", *"Eastbrook Surgery"]
    slowly = await _as_typed(store, export_dir, keys, at_once=False)
    quickly = await _as_typed(store, export_dir, keys, at_once=True)
    assert slowly["case_details"]["court"] == "Northgate"
    assert quickly == slowly


async def test_interview_answers_given_in_a_burst_are_those_given_one_by_one(store, export_dir) -> None:
    # One digit answers a question and goes on to the next: a second digit typed before the
    # next question is shown answers that question, never changes the first one's answer.
    keys = ["2", "1", "2", "2", "1", "1"]
    slowly = await _as_typed(store, export_dir, keys, at_once=False, interview=True)
    quickly = await _as_typed(store, export_dir, keys, at_once=True, interview=True)
    assert quickly == slowly
    assert slowly != await _as_typed(store, export_dir, [], at_once=True, interview=True)


async def test_a_paste_between_keys_keeps_its_place(store, export_dir) -> None:
    async with _at_answer(store, export_dir, "paste", "case_details.offences") as (pilot, app, wizard):
        await _burst(pilot, "a", *"Theft ", events.Paste("from a shop"), *" at night")
        assert isinstance(app.screen, ItemEditorScreen)
        assert app.focused.value == "Theft from a shop at night"
        await pilot.press("escape")
        assert [o.description for o in wizard.session.case.case_details.offences] == ["Theft from a shop at night"]


async def test_a_key_that_never_settles_does_not_hold_the_next_ones_for_ever(store, export_dir, monkeypatch) -> None:
    async def never(self, event, target) -> None:
        await asyncio.sleep(3600)

    monkeypatch.setattr(key_order.KeyOrder, "_settle", never)
    monkeypatch.setattr(key_order, "KEY_SETTLE_SECONDS", 0.02)
    async with _at_answer(store, export_dir, "stuck") as (pilot, app, _):
        court = field(app, "case_details.court")
        await _burst(pilot, *"Northgate")
        assert court.control.value == "Northgate"  # every key, in order
        assert not app.key_order.held


async def test_words_typed_in_an_editor_and_ctrl_n_at_once_are_kept_in_the_item(store, export_dir) -> None:
    # Ctrl+N acts as soon as it is read: it must wait for the words typed before it to be in
    # the box, or the editor closes on an empty item ("Nothing was filled in").
    keys = ["a", *"Theft", "ctrl+n"]
    start = "case_details.offences"
    slowly = await _as_typed(store, export_dir, keys, at_once=False, start=start)
    quickly = await _as_typed(store, export_dir, keys, at_once=True, start=start)
    assert [o["description"] for o in slowly["case_details"]["offences"]] == ["Theft"]
    assert quickly == slowly


async def test_words_typed_and_ctrl_q_at_once_are_saved_before_quitting(store, export_dir) -> None:
    async with _at_answer(store, export_dir, "quit") as (pilot, _, _):
        await _burst(pilot, *"Northgate", "ctrl+q")
    assert store.load("quit")[0].case_details.court == "Northgate"


async def test_a_click_waits_for_the_keys_typed_before_it(store, export_dir) -> None:
    from textual.geometry import Offset
    from textual.pilot import _get_mouse_message_arguments

    async with _at_answer(store, export_dir, "click") as (pilot, app, _):
        court = field(app, "case_details.court")
        name = field(app, "case_details.defendant.name").control
        where = _get_mouse_message_arguments(name, Offset(1, 0), button=1)
        await _burst(pilot, "tab", "shift+tab", *"abc", events.MouseDown(**where), events.MouseUp(**where), *"Alex")
        assert court.control.value == "abc"  # typed before the click: in the answer it was typed in
        assert name.value == "Alex"  # typed after it: in the answer clicked


async def test_a_y_typed_before_a_delete_question_is_on_screen_does_not_answer_it(store, export_dir) -> None:
    """Delete then a name typed at once ("Whyte"): the "y" was read as "yes, delete" before
    the question was on screen. Keys typed ahead of a question that cannot be undone are
    dropped; it waits for a key pressed while it is shown."""
    from psr_assist.tui.screens.case_list import CaseTable, FilterInput
    from psr_assist.tui.screens.dialogs import ConfirmScreen

    for n in range(2):
        store.create(Case(id=f"keep-{n}"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(CaseTable).focus()
        await pilot.pause()
        await _burst(pilot, "delete", *"Whyte")
        assert isinstance(app.screen, ConfirmScreen)
        assert len(store.list_cases()) == 2
        await pilot.press("n")  # pressed while it is shown: answered
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(store.list_cases()) == 2
        assert app.screen.query_one(FilterInput).value == ""  # the name typed ahead went nowhere


async def test_keys_are_handed_on_even_if_following_one_fails(store, export_dir, monkeypatch) -> None:
    async def broken(self, event, target) -> None:
        raise RuntimeError("a widget went away")

    monkeypatch.setattr(key_order.KeyOrder, "_settle", broken)
    async with _at_answer(store, export_dir, "broken") as (pilot, app, _):
        court = field(app, "case_details.court")
        await _burst(pilot, "end", *"North")
        assert court.control.value == "North"
        assert not app.key_order.held


async def _interview_from_text_to_choice(store, export_dir, keys: list[str], *, at_once: bool) -> tuple:
    """Keys from a one-line text question whose next question is answered with a digit."""
    case_id = f"text-choice-{'burst' if at_once else 'pressed'}"
    async with _at_answer(store, export_dir, case_id, report_type=ReportType.FDR) as (pilot, _, wizard):
        await pilot.press("f2", "enter")
        view = wizard.query_one(InterviewView)
        at = next(
            i for i, (leaf, after) in enumerate(zip(view.leaves, view.leaves[1:], strict=False))
            if leaf.spec.control == "text" and after.spec.control in ("choice", "bool")
        )
        await view.show_question(at)
        await pilot.pause()
        await _send(pilot, keys, at_once=at_once)
        case = wizard.session.case.model_dump(mode="json", exclude={"id", "meta"})
        return case, wizard.read(view.leaves[at + 1].path)


async def test_a_digit_typed_straight_after_enter_answers_the_next_question(store, export_dir) -> None:
    """Found in tmux: Enter on a one-line question then a digit at once: the digit was lost (the
    question it was meant for was shown only after it had gone to the one left)."""
    keys = [*"Eastbrook", "enter", "2"]
    slowly, answer = await _interview_from_text_to_choice(store, export_dir, keys, at_once=False)
    assert answer is not None
    quickly, _ = await _interview_from_text_to_choice(store, export_dir, keys, at_once=True)
    assert quickly == slowly


async def test_the_walk_up_waits_for_a_widget_whose_queue_has_not_started() -> None:
    """Found in tmux: Enter on a list item, then Tab at once. The editor's answers were still
    starting when the Enter was followed up: Textual's ``task`` asserts for a widget not yet
    running, that ended the wait, the Tab was handed on before the editor had focused its
    first answer and was lost, and the date typed next went into the offence's name. The walk
    now waits for such a widget to start, then for its queue."""
    class Starting:
        """A widget just mounted: no queue yet, then one that runs what it was sent."""

        parent = None
        is_attached = True
        _closing = _closed = False

        def __init__(self) -> None:
            self.is_running = False
            self.sent: list = []

        @property
        def task(self):
            assert self.is_running  # as Textual's MessagePump.task does before it starts
            return None

        def call_later(self, callback) -> bool:
            self.sent.append(callback)
            return True

    node = Starting()

    async def start() -> None:
        await asyncio.sleep(0.01)
        node.is_running = True
        while not node.sent:
            await asyncio.sleep(0.002)
        for callback in node.sent:
            callback()

    starting = asyncio.create_task(start())
    await asyncio.wait_for(key_order.drain_upwards(node), 1.0)
    await starting
    assert node.sent  # waited for it to start, then for what it had been sent
