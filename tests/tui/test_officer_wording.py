"""Words the exploratory run found unclear, now in the officer's words (every person is fictional)."""

from __future__ import annotations

from textual.widgets import Collapsible, Static

from psr_assist.domain.case import Case, RequirementKind
from psr_assist.store.locks import LockHolder
from psr_assist.tui.screens.dialogs import ReasonScreen
from psr_assist.tui.widgets.fields import GroupField
from tests.tui.helpers import make_app


def test_the_read_only_reason_does_not_show_a_process_number() -> None:
    assert LockHolder(23062).describe() == "This case is open in another psr-assist window."


async def test_the_palette_says_what_quit_does_in_plain_words(store, export_dir) -> None:
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)):
        [quit_help] = [c.help for c in app.get_system_commands(app.screen) if c.title == "Quit"]
        assert quit_help == "Close psr-assist. Your work is saved as you go."


async def test_an_empty_reason_asks_for_a_reason_with_its_article(store, export_dir) -> None:
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ReasonScreen("New version", "Why a new version?", "Reason for the new version"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one(".field-error", Static)
        assert str(error.render()) == "✗ Enter a reason for the new version"


async def test_a_folded_section_says_how_to_open_it_and_how_to_fold_it_away(store, export_dir) -> None:
    from tests.tui.test_requirement_editor import new_requirement

    store.create(Case(id="req"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await new_requirement(pilot, RequirementKind.MENTAL_HEALTH_TREATMENT)
        folded = next(c for c in editor.query(Collapsible) if isinstance(c.parent, GroupField) and c.display)
        assert folded.title.endswith("(press Enter to fill in)")
        folded.collapsed = False
        await pilot.pause()
        assert folded.title.endswith("(press Enter to fold away)")
        folded.collapsed = True
        await pilot.pause()
        assert folded.title.endswith("(press Enter to fill in)")


def test_a_step_with_only_advice_says_so_instead_of_no_problems() -> None:
    from psr_assist.domain.findings import Finding, Severity
    from psr_assist.domain.questions import question_bank
    from psr_assist.tui.step_status import MARK_DONE, step_statuses

    def advice(n: int) -> list[Finding]:
        return [Finding(rule_id="person.trauma-missing", severity=Severity.ADVICE, step="person",
                        field="person.trauma", message="m", fix="f")] * n

    progress = {"person": (3, 5)}
    [one] = [s for s in step_statuses(question_bank(), advice(1), progress) if s.step_id == "person"]
    assert (one.mark, one.words) == (MARK_DONE, "1 piece of advice")
    [two] = [s for s in step_statuses(question_bank(), advice(2), progress) if s.step_id == "person"]
    assert two.words == "2 pieces of advice"
    [none] = [s for s in step_statuses(question_bank(), [], progress) if s.step_id == "person"]
    assert none.words == "no problems found"


async def test_a_choice_with_nothing_to_offer_ignores_the_arrow_keys() -> None:
    from textual.app import App

    from psr_assist.tui.widgets.fields import ChoicePicker

    class One(App):
        def compose(self):
            yield ChoicePicker([], value=None)

    app = One()
    async with app.run_test() as pilot:
        picker = app.query_one(ChoicePicker)
        picker.focus()
        await pilot.press("right", "left")
        assert picker.value is None and app.is_running
