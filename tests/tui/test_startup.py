"""What the officer sees when a case opens, kept exactly so while the start-up got cheaper:
the footer's keys, the step's scroll bar, and the layout after a resize."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from psr_assist.domain.case import Case, CaseDetails, ReportType
from psr_assist.domain.case_file import read_case_file

from .helpers import DEMO_CASE, EXAMPLES, field, list_field, make_app, open_case

BIGGEST = EXAMPLES / "community-order-dual-diagnosis.json"


def footer_words(screen) -> list[str]:
    return [key.description for key in screen.query(FooterKey)]


async def test_the_footer_shows_the_wizards_keys_and_changes_only_when_they_do(store, export_dir) -> None:
    store.create(Case(id="keys", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "keys")
        words = footer_words(wizard)
        assert {"Quit", "Next step", "Back", "Next to fix", "Interview", "Help"} <= set(words)
        keys = list(wizard.query(FooterKey))

        # From one answer to the next the keys stay the same: the footer is not rebuilt.
        field(app, "case_details.court").focus_control()
        await pilot.pause()
        field(app, "case_details.author").focus_control()
        await pilot.pause()
        assert list(wizard.query(FooterKey)) == keys

        # A list's keys are said beside its label, not in the footer, which keeps Help and Quit
        # (found in tmux: at 80 columns "a Add del Remove" pushed them off).
        offences = list_field(app, "case_details.offences")
        offences.focus_control()
        await pilot.pause()
        assert footer_words(wizard) == words
        assert "a add · Enter edit · Del remove" in str(offences.query_one(".field-label").render())

        # Interview mode drops the step keys; its question keys are in its own key line, which
        # leaves the footer room for Help and Quit at 80 columns.
        await pilot.press("f2")
        await pilot.pause()
        assert "Next step" not in footer_words(wizard) and "Next question" not in footer_words(wizard)
        assert {"Help", "Quit", "Desk"} <= set(footer_words(wizard))  # F2 named for where it goes
        assert "Ctrl+N" in str(wizard.query_one("#iv-keys").render())


async def test_a_long_step_scrolls_and_its_scroll_bar_goes_when_everything_fits(store, export_dir) -> None:
    case = read_case_file(BIGGEST if BIGGEST.exists() else DEMO_CASE)
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, case.id)
        pane = wizard.query_one("#pane-case")
        assert pane.virtual_size.height > pane.size.height
        assert pane.show_vertical_scrollbar
        # The scroll bar is Textual's own choice from here on ("auto"), not a fixed setting.
        assert pane.styles.overflow_y == "auto"
        answers = [w for w in pane.query(".field") if w.parent is pane]
        widths = {w.size.width for w in answers}
        assert len(widths) == 1 and widths.pop() == pane.scrollable_content_region.width

        # A terminal tall enough for the whole step: no scroll bar, the answers take its width.
        await pilot.resize_terminal(120, 140)
        await pilot.pause()
        await pilot.pause()
        assert pane.virtual_size.height <= pane.size.height
        assert not pane.show_vertical_scrollbar
        widths = {w.size.width for w in answers}
        assert len(widths) == 1 and widths.pop() == pane.scrollable_content_region.width


async def test_a_step_opened_in_a_tall_terminal_has_no_scroll_bar(store, export_dir) -> None:
    store.create(Case(id="short", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 140)) as pilot:
        wizard = await open_case(pilot, "short")
        pane = wizard.query_one("#pane-case")
        assert not pane.show_vertical_scrollbar
        assert pane.styles.overflow_y == "auto"


async def test_the_garbage_collector_is_back_on_once_the_app_has_started(store, export_dir, monkeypatch) -> None:
    import gc

    import psr_assist.tui.app as app_module

    # run_app turns it off while the first screen is built; the app turns it back on.
    store.create(Case(id="gc", case_details=CaseDetails(report_type=ReportType.SDR)))
    gc.disable()
    try:
        monkeypatch.setattr(app_module, "GC_PAUSE_SECONDS", 60.0)
        app = make_app(store, export_dir, case_id="gc")
        app.gc_paused = True
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not gc.isenabled() and app.gc_paused  # still starting

        monkeypatch.setattr(app_module, "GC_PAUSE_SECONDS", 0.1)
        app = make_app(store, export_dir, case_id="gc")
        app.gc_paused = True
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            assert gc.isenabled() and not app.gc_paused
    finally:
        gc.enable()


def test_run_app_starts_the_app_with_the_collector_paused_and_leaves_it_on(store, monkeypatch) -> None:
    import gc

    import psr_assist.tui.app as app_module

    seen = {}

    def run(self, *args, **kwargs):  # the app itself is driven by the test above
        seen.update(enabled=gc.isenabled(), paused=self.gc_paused)
        return 0

    monkeypatch.setattr(app_module.PsrAssistApp, "run", run)
    try:
        assert app_module.run_app(store) == 0
    finally:
        gc.unfreeze()
    assert seen == {"enabled": False, "paused": True}  # so the app knows to turn it back on
    assert gc.isenabled()


async def test_list_lines_are_cut_to_the_lists_width_again_after_a_resize(store, export_dir) -> None:
    case = read_case_file(BIGGEST if BIGGEST.exists() else DEMO_CASE)
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_case(pilot, case.id)
        offences = list_field(app, "case_details.offences")
        assert offences.count() >= 1

        def longest() -> int:
            control = offences.control
            return max(len(control.get_option_at_index(i).prompt.plain) for i in range(control.option_count))

        wide = longest()
        await pilot.resize_terminal(90, 40)
        await pilot.pause()
        await pilot.pause()
        assert longest() < wide
        assert longest() <= offences.size.width


async def test_footer_keys_are_compact_only_on_a_narrow_terminal(store, export_dir) -> None:
    store.create(Case(id="narrow", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "narrow")

        def compact() -> set[bool]:
            return {key.has_class("-compact") for key in wizard.query(FooterKey) if not key.has_class("-command-palette")}

        assert compact() == {False}
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert compact() == {True}
        # Keys rebuilt while narrow (the review's keys) are compact from the start.
        await wizard.goto_step("review")
        await pilot.pause()
        await pilot.pause()
        assert compact() == {True} and "Preview" in footer_words(wizard)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert compact() == {False}


async def test_the_first_unanswered_answer_has_the_focus_and_the_step_list_never_had_it(
    store, export_dir, monkeypatch
) -> None:
    from textual.widget import Widget

    from psr_assist.tui.widgets.wizard_parts import StepNav

    focused_steps: list[object] = []

    def on_focus(self, event) -> None:
        focused_steps.append(self)
        return Widget._on_focus(self, event)

    monkeypatch.setattr(StepNav, "_on_focus", on_focus, raising=False)
    store.create(Case(id="focus", case_details=CaseDetails(report_type=ReportType.SDR, court="Northgate")))
    app = make_app(store, export_dir, case_id="focus")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        wizard = app.screen
        # The court is answered: the hearing date is the first answer still to give.
        assert wizard.focused is field(app, "case_details.hearing_date").control
        assert focused_steps == []
        # Later the step list takes the focus as usual (Ctrl+G), and a closed dialog gives it back.
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(wizard.focused, StepNav) and focused_steps
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is wizard and isinstance(wizard.focused, StepNav)


async def test_the_app_still_starts_if_textual_changes_its_private_footer_flag(store, export_dir, monkeypatch) -> None:
    from textual.widgets import Footer

    # The footer sets Footer._bindings_ready (private) to show its keys from the first frame; a
    # Textual in which it is a plain attribute, or gone, must only lose that, never the app.
    monkeypatch.setattr(Footer, "_bindings_ready", False)
    store.create(Case(id="plain", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "plain")
        await pilot.pause()
        assert wizard.is_mounted
