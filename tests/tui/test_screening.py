"""Administering an instrument: one key per answer, live total and band, the critical-item alert
at once, the blocker in the check, and one key to the risk-to-self questions (issue 3)."""

from __future__ import annotations

import pytest

from psr_assist.domain.case import Case, CaseDetails, ReportType, ScreeningResult
from psr_assist.tui.screens.dialogs import ChoiceScreen, CriticalAlertScreen
from psr_assist.tui.screens.item_editor import ItemEditorScreen
from psr_assist.tui.screens.screening import ScreeningScreen
from psr_assist.tui.widgets.score_bar import score_saved, score_words

from .helpers import field, list_field, make_app, open_step, put

CRITICAL_RULE = "risk.critical-item-no-risk-to-self"


def _new_case(store, case_id: str) -> None:
    store.create(Case(id=case_id, case_details=CaseDetails(report_type=ReportType.FDR, author="Officer Example")))


async def _start(pilot, choice: str):
    """From the screening step: a on the screening list, then the instrument's number."""
    app = pilot.app
    wizard = await open_step(pilot, app.start_case, "screening")
    list_field(app, "screening.results").focus_control()
    await pilot.press("a")
    assert isinstance(app.screen, ChoiceScreen)
    await pilot.press(choice)
    return wizard


async def test_phq9_item_9_raises_the_alert_at_once_and_links_to_risk_to_self(store, export_dir) -> None:
    _new_case(store, "phq")
    app = make_app(store, export_dir)
    app.start_case = "phq"
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _start(pilot, "1")  # PHQ-9 is first
        screen = app.screen
        assert isinstance(screen, ScreeningScreen) and screen.instrument.id == "phq9"
        # The wording on screen is the instrument file's, exactly.
        assert str(screen.query_one("#sc-item").render()) == screen.instrument.item(1).text
        await pilot.press(*"10210012")  # items 1-8: one key each, auto-advancing
        total = str(screen.query_one("#sc-total").render())
        assert "Total 7 of 27" in total and "8 of 9 answered; no band until all 9 are answered" in total
        assert not wizard.session.findings or all(f.rule_id != CRITICAL_RULE for f in wizard.session.findings)
        await pilot.press("1")  # item 9: "Several days"
        # The alert is up at once, in words, not colour alone.
        assert isinstance(app.screen, CriticalAlertScreen)
        alert = app.screen
        assert "CRITICAL ANSWER: PHQ-9 question 9" in str(alert.query_one(".alert-title").render())
        assert "Thoughts that you would be better off dead" in str(alert.query_one(".alert-body").render())
        # The answers are already in the case and saved, and the check blocks.
        assert wizard.session.case.screening.results[0].answers == [1, 0, 2, 1, 0, 0, 1, 2, 1]
        wizard.run_check()
        assert any(f.rule_id == CRITICAL_RULE and f.severity.value == "blocker" for f in wizard.session.findings)
        assert "critical screening answer" in str(wizard.query_one("#banner").render())
        stored, _ = store.load("phq")
        assert stored.screening.results[0].answers[8] == 1
        await pilot.press("r")  # straight to risk to self
        await pilot.pause()
        assert app.screen is wizard
        assert wizard.current_step == "risk"
        focused_field = wizard.focused_field
        assert focused_field is not None and focused_field.path.startswith("risk.risk_to_self")
        blocker = next(f for f in wizard.session.findings if f.rule_id == CRITICAL_RULE)
        assert focused_field.path == blocker.field or focused_field.path.startswith(blocker.field)
        # Recording the analysis and the action clears the blocker and the banner.
        put(field(app, "risk.risk_to_self.analysis"), "Thoughts of being better off dead most days; no plan.")
        put(field(app, "risk.risk_to_self.action_taken"), "Crisis team called at 11:40; assessed at court.")
        put(field(app, "risk.risk_to_self.current_ideation"), __import__("psr_assist.domain.case").domain.case.YesNoUnknown.YES)
        await pilot.pause()
        assert isinstance(app.screen, CriticalAlertScreen)  # current thoughts: said at once as well
        await pilot.press("escape")
        wizard.run_check()
        assert all(f.rule_id != CRITICAL_RULE for f in wizard.session.findings)
        assert "critical screening answer" not in str(wizard.query_one("#banner").render())


async def test_answers_can_be_corrected_and_the_total_follows(store, export_dir) -> None:
    _new_case(store, "gad")
    app = make_app(store, export_dir)
    app.start_case = "gad"
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await _start(pilot, "2")  # GAD-7
        screen = app.screen
        assert screen.instrument.id == "gad7"
        await pilot.press(*"3333333")
        assert "Total 21 of 21" in str(screen.query_one("#sc-total").render())
        assert "Severe" in str(screen.query_one("#sc-total").render())
        await pilot.press("up", "up", "0")  # back to question 6 and correct it
        assert wizard.session.case.screening.results[0].answers == [3, 3, 3, 3, 3, 0, 3]
        assert "Total 18 of 21" in str(screen.query_one("#sc-total").render())
        await pilot.press("escape")
        assert app.screen is wizard
        summary = list_field(app, "screening.results").control.get_option_at_index(0).prompt
        assert "GAD-7 · 18 of 21" in str(summary)


async def test_audit_c_of_5_or_more_offers_the_full_audit_with_answers_carried_over(store, export_dir) -> None:
    _new_case(store, "audit")
    app = make_app(store, export_dir)
    app.start_case = "audit"
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _start(pilot, "3")  # AUDIT-C
        screen = app.screen
        assert screen.instrument.id == "audit_c"
        await pilot.press("2", "2", "1")  # 2 + 2 + 1 = 5
        assert "full AUDIT" in str(screen.query_one("#sc-next").render())
        await pilot.press("f")
        audit = app.screen
        assert isinstance(audit, ScreeningScreen) and audit.instrument.id == "audit"
        results = wizard.session.case.screening.results
        assert [r.instrument for r in results] == ["audit_c", "audit"]
        assert results[1].answers[:3] == [2, 2, 1]
        assert audit.position == 3  # carries on at question 4


async def test_a_positive_results_only_suicide_screen_raises_the_alert_and_shows_no_items(store, export_dir) -> None:
    from psr_assist.domain.case import ResultsOnlyTool

    _new_case(store, "cssrs")
    app = make_app(store, export_dir)
    app.start_case = "cssrs"
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _start(pilot, "8")  # C-SSRS, results only
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        entry = wizard.session.case.screening.results_only[0]
        assert entry.tool is ResultsOnlyTool.CSSRS
        # The tool's own notice says why its questions are not shown; none of its items are.
        assert "does not show the C-SSRS questions" in str(editor.query_one(".editor-notice").render())
        assert entry.administered_by == "Officer Example"
        put(field(app, "screening.results_only[0].positive"), True)
        await pilot.pause()
        assert isinstance(app.screen, CriticalAlertScreen)
        assert "C-SSRS" in str(app.screen.query_one(".alert-title").render())
        await pilot.press("escape")  # continue: back to the entry
        assert app.screen is editor


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ([], "not started"),
        ([1, 2, 1], "4 of 27 · 3 of 9 answered"),
        ([1, 2, 1, 2, 1, 1, 1, 1, 0], "10 of 27 · Moderate depression"),
    ],
)
def test_a_saved_screen_reads_as_its_band_or_how_far_it_got(answers, words) -> None:
    """The words the screening list and the at-a-glance overview both show for one entry."""
    instrument, scored = score_saved(ScreeningResult(instrument="phq9", answers=answers))
    assert instrument.short_name == "PHQ-9"
    assert score_words(instrument, scored) == words


def test_a_saved_screen_the_check_cannot_score_is_not_given_a_band() -> None:
    # More answers than questions: the check reports the entry as not fitting the instrument,
    # so the lists must not show a band for it either.
    with pytest.raises(ValueError, match="too_many"):
        score_saved(ScreeningResult(instrument="phq9", answers=[1, 2, 1, 2, 1, 1, 1, 1, 0, 3]))


async def test_every_option_of_the_question_shows_at_80x24(store, export_dir) -> None:
    """On a small terminal the score box gives way: each answer of the current question is on screen,
    the extra question after item 9 included."""
    from .helpers import dismiss_alerts, screen_lines

    _new_case(store, "small")
    app = make_app(store, export_dir)
    app.start_case = "small"
    async with app.run_test(size=(80, 24)) as pilot:
        await _start(pilot, "1")
        screen = app.screen
        assert isinstance(screen, ScreeningScreen)

        async def options_shown(where: str) -> None:
            await pilot.pause()
            await pilot.pause()
            if screen.position < screen.count:
                labels = [o.label for o in screen.instrument.options(screen.position + 1)]
            else:
                labels = list(screen.extras[screen.position - screen.count].options)
            text = "\n".join(screen_lines(app))
            for number, label in enumerate(labels):
                assert f" {number}  {label}" in text, f"{where}: option {number} ({label}) is not on screen"

        for number in range(1, screen.count + 1):
            await options_shown(f"question {number}")
            await pilot.press("1")
            await dismiss_alerts(pilot)
        assert screen.position == screen.count  # the extra question, asked as a problem was ticked
        await options_shown("the extra question")


async def test_k10_answers_are_keyed_by_their_points_as_on_the_form(store, export_dir) -> None:
    """The K10 scores 1 to 5 ("None of the time" is 1): its keys are 1 to 5, so "1" is never the
    second answer. Instruments that score from 0 keep 0 as their first key."""
    from .helpers import screen_lines

    _new_case(store, "k10")
    app = make_app(store, export_dir)
    app.start_case = "k10"
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _start(pilot, "6")
        screen = app.screen
        assert isinstance(screen, ScreeningScreen) and screen.instrument.id == "k10"
        text = "\n".join(screen_lines(app))
        assert " 1  None of the time" in text and " 5  All of the time" in text
        assert " 0  " not in text and "(1 point)" not in text  # the key is the score: no note needed
        await pilot.press("0")  # not an answer here
        assert screen.position == 0
        await pilot.press("1", "5")
        assert wizard.session.case.screening.results[0].answers[:2] == [0, 4]  # None…, All of the time
