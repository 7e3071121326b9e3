"""Interview and desk modes, guidance, at a glance, next-to-fix, the palette, review and export."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Checkbox

from psr_assist.domain.case import AdjournmentRequest, Case, CaseDetails, ReportType
from psr_assist.domain.case_file import read_case_file
from psr_assist.domain.scoring import load_instruments
from psr_assist.tui.commands import PsrCommands
from psr_assist.tui.screens.dialogs import ConfirmScreen, HelpScreen, TextViewScreen
from psr_assist.tui.screens.export import ExportScreen, export_names
from psr_assist.tui.screens.summary import SummaryScreen
from psr_assist.tui.widgets.interview import InterviewView

from .helpers import (
    DEMO_CASE,
    EXAMPLES,
    example,
    field,
    interview_to,
    make_app,
    open_case,
    open_interview,
    open_step,
)


async def test_interview_mode_asks_one_question_at_a_time_and_switching_loses_nothing(store, export_dir) -> None:
    store.create(Case(id="iv", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_case(pilot, "iv")
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)
        assert wizard.mode == "interview" and view.display
        assert view.on_opening  # what to explain first: who reads the report, the right not to answer
        await pilot.press("enter")
        leaf = view.current
        assert leaf is not None and leaf.spec.question.ask
        assert str(view.query_one("#iv-ask").render()) == leaf.spec.question.ask
        # The footer offers the next question, not the next step.
        assert "Next question" in [b.binding.description for b in wizard.active_bindings.values()]
        field_ = view.current_field()
        field_.control.value = "she/her"
        await pilot.press("enter")  # a one-line answer: Enter goes on
        assert view.current is not leaf
        assert wizard.session.case.case_details.defendant.pronouns == "she/her"
        # Find a question answered with one digit and answer it.
        while view.current.spec.control not in ("choice", "bool"):
            await view.move(1)
        choice_leaf = view.current
        await pilot.press("1")
        assert view.current is not choice_leaf
        answered = wizard.read(choice_leaf.path)
        assert answered is not None
        await pilot.press("ctrl+b")
        assert view.current is choice_leaf
        await pilot.press("f2")  # back to desk mode, at the same question
        assert wizard.mode == "desk" and not view.display
        assert wizard.current_step == choice_leaf.step.id
        desk = field(app, choice_leaf.path)
        assert desk.raw() == answered
        assert field(app, "case_details.defendant.pronouns").raw() == "she/her"
        assert app.focused in desk.walk_children()


def _keys_text(view) -> str:
    return str(view.query_one("#iv-keys").render()).replace("\xa0", " ")


_to = interview_to


async def _burst(pilot, text: str, *then: str) -> None:
    """Keys as a fast typist, a paste without bracketed paste or a slow link deliver them: all at
    once, without waiting for the app between them (Pilot's press waits)."""
    driver = pilot.app._driver
    for char in text:
        driver.send_message(events.Key(char if char.isalnum() else _character_to_key(char), char))
    for key in then:
        driver.send_message(events.Key(key, None))
    for _ in range(3):
        await pilot.pause()


async def test_keys_typed_just_before_a_move_or_mode_switch_are_all_kept(store, export_dir) -> None:
    store.create(Case(id="burst", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "burst")
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)
        await pilot.press("enter")  # past the opening explanation
        while view.current.spec.control != "text":
            await view.move(1)
        leaf = view.current
        typed = "Eastbrook Surgery, Mill Lane, Eastbrook, registered since 2019"
        # F2 is acted on as soon as it is read: it must wait for the words typed before it.
        await _burst(pilot, typed, "f2")
        assert wizard.mode == "desk"
        assert wizard.read(leaf.path) == typed
        assert field(app, leaf.path).raw() == typed  # the desk shows what was kept
        await _burst(pilot, "", "f2")
        await _burst(pilot, "", "f2")  # and switching again writes nothing older back
        assert wizard.read(leaf.path) == typed

        # A one-digit answer and a move in the same burst: kept, and no crash.
        await pilot.press("f2")
        while view.current.spec.control not in ("choice", "bool"):
            await view.move(1)
        choice_leaf = view.current
        await _burst(pilot, "1", "f2")
        assert app.is_running and wizard.mode == "desk"
        assert wizard.read(choice_leaf.path) is not None

        # Desk mode: words then Ctrl+N to the next step, all kept in the answer left.
        await wizard.goto_step("case")
        court = field(app, "case_details.court")
        court.focus_control()
        await pilot.pause()
        await _burst(pilot, "Northgate Magistrates' Court", "ctrl+n")
        assert wizard.current_step != "case"
        assert wizard.read("case_details.court") == "Northgate Magistrates' Court"


async def test_help_guidance_and_the_narrow_layout(store, export_dir) -> None:
    store.create(Case(id="help"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "help")
        # At 80 columns the guidance panel gives way to a hint line under the form.
        assert not wizard.query_one("#guide").display
        assert wizard.query_one("#hint").display
        focused = wizard.focused_field
        assert focused.label_text in str(wizard.query_one("#hint").render())
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        headings = [h for h, _ in help_screen.sections]
        assert focused.label_text in headings
        keys = [row[1] for row in help_screen.keys]
        assert "Next step" in keys and "Next to fix" in keys and "Interview" in keys
        await pilot.press("escape")
        assert app.screen is wizard


async def test_help_in_the_interview_is_for_the_question_on_screen(store, export_dir) -> None:
    """Found in tmux: F1 on an interview question about mental health said "Step: Case
    details" (the step the desk was on), and listed "Enter: First question" on every question."""
    store.create(Case(id="ivhelp", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "ivhelp")
        await wizard.goto_step("case")
        await pilot.press("f2")
        await pilot.press("f1")  # on the opening, Enter goes on to the first question
        assert "First question" in [row[1] for row in app.screen.keys]
        await pilot.press("escape", "enter")
        view = wizard.query_one(InterviewView)
        await _to(view, "mental_health.history")
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        headings = [h for h, _ in help_screen.sections]
        assert f"Step: {view.current.step.title}" in headings and "Step: Case details" not in headings
        assert "First question" not in [row[1] for row in help_screen.keys]


async def test_f1_helps_on_a_screening_tool_and_at_a_glance(store, export_dir) -> None:
    """Found in tmux: F1 did nothing on a screening tool or the at-a-glance view."""
    from psr_assist.tui.screens.screening import ScreeningScreen

    from .helpers import screen_lines

    store.create(Case(id="f1s", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "f1s")
        wizard.new_screening("phq9")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        assert "f1 Help" in screen_lines(app)[-1]
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        said = dict(app.screen.sections)
        about = said["Patient Health Questionnaire-9 (PHQ-9)"]
        assert "0–4 Minimal depression\n" in about and "20–27 Severe depression" in about
        assert "Question 9 is a critical question." in about and "No permission required" in about
        assert said["Giving a screening tool"] == wizard.bank.screening_help != ""
        assert "Previous" in [row[1] for row in app.screen.keys]
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, SummaryScreen)
        assert "f1 Help" in screen_lines(app)[-1]
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert dict(app.screen.sections)["At a glance"] == wizard.bank.glance_help != ""


async def test_next_to_fix_jumps_to_the_field_a_finding_names(store, export_dir) -> None:
    store.create(Case(id="fix", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "fix")
        await pilot.press("ctrl+f")
        first = wizard.focused_field
        assert first is not None
        assert any(first.path == f.field or first.path.startswith(f.field) for f in wizard.session.findings)
        await pilot.press("ctrl+f")
        second = wizard.focused_field
        assert second.path != first.path


async def test_a_finding_whose_answer_is_on_another_step_goes_to_that_answer(store, export_dir) -> None:
    # An MHTR without a specialist assessment blocks the proposal, but the assessment is asked
    # on the screening step: choosing the finding must land there, not on the proposal.
    from psr_assist.domain.case import Proposal, Requirement, RequirementKind, SentenceKind

    mhtr = Requirement(kind=RequirementKind.MENTAL_HEALTH_TREATMENT, period_months=6)
    case = Case(id="mhtr", case_details=CaseDetails(report_type=ReportType.SDR),
                proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER, requirements=[mhtr]))
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, case.id)
        [finding] = [f for f in wizard.session.findings if f.rule_id == "proposal.mhtr-no-specialist-assessment"]
        assert finding.step == "proposal"  # listed with the proposal it blocks
        await wizard.jump_to_finding(finding)
        await pilot.pause()
        assert wizard.current_step == "screening"
        assert wizard.focused_field.path == "screening.specialist_assessment.status"


async def test_the_palette_offers_the_apps_commands(store, export_dir) -> None:
    store.create(Case(id="pal"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "pal")
        provider = PsrCommands(wizard)
        titles = [title for title, _, _ in provider._commands()]
        for wanted in ("Go to step 8: Risk", "Next to fix", "Check the case", "Export the report",
                       "Switch to interview mode", "Theme: high contrast"):
            assert any(t.startswith(wanted) for t in titles), wanted
        screening_help = next(help_ for title, help_, _ in provider._commands() if title == "Administer a screening tool")
        shipped = [instrument.short_name for instrument in load_instruments().values()]
        assert screening_help.startswith(", ".join(shipped))  # from the instrument files, not typed in
        go_risk = next(cb for title, _, cb in provider._commands() if title.startswith("Go to step 8"))
        await go_risk()
        await pilot.pause()
        assert wizard.current_step == "risk"
        await pilot.press("ctrl+t")
        assert app.theme == "psr-light"

    # A final report offers a new version, not signing again (found in tmux: "New version" was in
    # no key, footer, help or palette).
    from psr_assist.domain.case import ReportStatus, SignOff

    store.create(Case(id="pal-final", sign_off=SignOff(status=ReportStatus.FINAL, author_name="Ana Quill")))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "pal-final")
        titles = [title for title, _, _ in PsrCommands(wizard)._commands()]
        assert "New version" in titles and "Sign and finalise" not in titles


@pytest.mark.skipif(not (EXAMPLES / "community-order-dual-diagnosis.json").exists(), reason="needs examples/")
async def test_at_a_glance_draws_scores_against_bands_rosh_completeness_and_enquiries(store, export_dir) -> None:
    case = example("community-order-dual-diagnosis.json")
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_case(pilot, case.id)
        await pilot.press("ctrl+o")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        screening = str(summary.query_one("#sum-screening").render())
        assert "PHQ-9" in screening and ("┃" in screening or "│" in screening)
        assert "screening indicates" in screening
        rosh = summary._rosh()
        assert rosh.row_count == 4
        assert len(summary.query("ProgressBar")) == len(app.bank.steps)
        await pilot.press("escape")


async def test_outstanding_enquiries_show_the_time_asked(store, export_dir) -> None:
    demo = read_case_file(DEMO_CASE)
    store.create(demo)
    app = make_app(store, export_dir, now=dt.datetime(2026, 11, 26, 12, 10))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, demo.id)
        guide = str(wizard.query_one("#guide").render())
        assert "Waiting on (3)" in guide
        assert "asked 26/11 09:40, 2 h 30 min ago" in guide


async def test_export_refuses_a_court_copy_while_blockers_remain_but_offers_a_draft(store, export_dir) -> None:
    store.create(Case(id="gate", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        wizard = await open_case(pilot, "gate")
        await pilot.press("ctrl+r")
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert "blockers remain" in str(dialog.query_one("#ex-gate").render())
        assert not dialog.query("#export")  # no court export button while blockers remain
        dialog.action_export(False)
        assert "Fix the blockers first" in str(dialog.query_one("#ex-error").render())
        await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is wizard
        name, _ = export_names(wizard.session.case)
        document = docx.Document(str(export_dir / name))
        body = "\n".join(p.text for p in document.paragraphs)
        assert "DRAFT" in body
        assert any("Exported" in n.title for n in app._notifications)


async def test_export_can_mark_both_documents_official_sensitive(store, export_dir) -> None:
    store.create(Case(id="mark", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "mark")
        await pilot.press("ctrl+r")
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        marking = dialog.query_one("#ex-marking", Checkbox)
        assert marking.value is False  # off unless the officer asks for it
        marking.value = True
        await pilot.pause()
        await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is wizard
        report_name, companion_name = export_names(wizard.session.case)
        report = docx.Document(str(export_dir / report_name))
        assert report.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
        assert report.core_properties.keywords == "OFFICIAL-SENSITIVE"
        companion = docx.Document(str(export_dir / companion_name))
        assert companion.sections[0].footer.paragraphs[-1].text == "OFFICIAL-SENSITIVE"


async def test_export_without_marking_leaves_the_documents_unmarked(store, export_dir) -> None:
    store.create(Case(id="plain", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "plain")
        await pilot.press("ctrl+r", "e", "ctrl+d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        report_name, _ = export_names(wizard.session.case)
        report = docx.Document(str(export_dir / report_name))
        headers = [p.text for p in report.sections[0].header.paragraphs]
        assert "OFFICIAL-SENSITIVE" not in headers and not report.core_properties.keywords


async def test_preview_shows_the_report_text(store, export_dir) -> None:
    demo = read_case_file(DEMO_CASE)
    store.create(demo)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_case(pilot, demo.id)
        await pilot.press("ctrl+r", "p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TextViewScreen)
        assert "Sam Okoro" in app.screen.text
        assert "Sam Okoro" in app.screen.query_one("#preview-text").text
        # It opened at once, saying it was being prepared; no notice is left over after it.
        assert not any("Preparing" in str(n.message) for n in app._notifications)


async def test_the_preview_opens_at_once_and_a_preview_closed_early_or_failing_leaves_nothing(
    store, export_dir, monkeypatch
) -> None:
    import threading

    import psr_assist.render as render

    demo = read_case_file(DEMO_CASE)
    store.create(demo)
    app = make_app(store, export_dir)
    ready = threading.Event()
    real = render.report_text

    def slow(*args, **kwargs):
        ready.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "report_text", slow)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_case(pilot, demo.id)
        await pilot.press("ctrl+r", "p")
        assert isinstance(app.screen, TextViewScreen)  # before the text is ready
        assert app.screen.query_one("#preview-text").text == "Preparing the preview…"
        await pilot.press("escape")  # closed before it is ready
        review = app.screen
        ready.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is review and not isinstance(app.screen, TextViewScreen)

        def broken(*args, **kwargs):
            raise RuntimeError("Sam Okoro")  # case text in an error never reaches the screen

        monkeypatch.setattr(render, "report_text", broken)
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is review
        shown = [str(n.message) for n in app._notifications if n.title == "No preview"]
        assert shown and "RuntimeError" in shown[0] and "Okoro" not in shown[0]


@pytest.mark.skipif(not (EXAMPLES / "fdr-adjournment-psychiatric-report.json").exists(), reason="needs examples/")
async def test_a_drafted_adjournment_request_is_offered_and_inserted(store, export_dir) -> None:
    case = example("fdr-adjournment-psychiatric-report.json")
    case.proposal.adjournment = AdjournmentRequest()
    store.create(case)
    app = make_app(store, export_dir, now=dt.datetime(2026, 11, 12, 15, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, case.id)
        assert wizard.adjournment_finding() is not None
        await wizard.goto_step("proposal")
        await pilot.pause()
        offer = wizard.query_one("#adjourn-offer")
        assert offer.display
        words = str(offer.query_one(".offer-words").render())
        # Why: the needs the check found, in its words.
        assert words.startswith("! The check advises asking the court for an adjournment. This same-day report shows")
        assert wizard.adjournment_finding().message in words
        wizard.query_one("#adjourn").press()
        await pilot.pause()
        await pilot.pause()
        adjournment = wizard.session.case.proposal.adjournment
        assert adjournment.requested is True and adjournment.reason and adjournment.weeks
        assert field(app, "proposal.adjournment.reason").raw() == adjournment.reason
        assert store.load(case.id)[0].proposal.adjournment == adjournment
        wizard.run_check()
        assert not offer.display


@pytest.mark.skipif(not (EXAMPLES / "fdr-adjournment-psychiatric-report.json").exists(), reason="needs examples/")
async def test_a_drafted_adjournment_request_replaces_typed_answers_only_if_the_officer_says_yes(
    store, export_dir
) -> None:
    case = example("fdr-adjournment-psychiatric-report.json")
    case.proposal.adjournment = AdjournmentRequest(reason="Typed by the officer (fictional).")
    store.create(case)
    app = make_app(store, export_dir, now=dt.datetime(2026, 11, 12, 15, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, case.id, "proposal")
        wizard.query_one("#adjourn").press()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep what was typed
        await pilot.pause()
        assert wizard.session.case.proposal.adjournment.reason == "Typed by the officer (fictional)."
        wizard.query_one("#adjourn").press()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        adjournment = wizard.session.case.proposal.adjournment
        assert adjournment.requested is True and adjournment.reason != "Typed by the officer (fictional)."


async def test_choosing_a_finding_goes_to_its_answer_and_resizing_reflows(store, export_dir) -> None:
    store.create(Case(id="jump", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "jump")
        await pilot.press("ctrl+r")
        findings = wizard.session.findings
        target = next(i for i, f in enumerate(findings) if f.step == "risk")
        wizard.query_one("#findings").highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert wizard.current_step == "risk"
        assert wizard.focused_field is not None
        assert wizard.focused_field.path.startswith(findings[target].field.split("[")[0])
        # Narrow the terminal: the guidance panel gives way, the step list goes to one line a step.
        assert wizard.query_one("#guide").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not wizard.query_one("#guide").display and wizard.query_one("#hint").display
        assert wizard.query_one("#steps").one_line
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert wizard.query_one("#guide").display and not wizard.query_one("#steps").one_line


async def test_the_chosen_theme_is_there_at_the_next_start(store, export_dir) -> None:
    from psr_assist.store.preferences import PREFERENCES_FILE

    store.create(Case(id="theme"))
    app = make_app(store, export_dir)
    assert app.theme == "psr-dark"  # a first start
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t", "ctrl+t")  # dark → light → high contrast
        await pilot.pause()
        assert app.theme == "psr-high-contrast"
    assert (store.home / PREFERENCES_FILE).stat().st_mode & 0o777 == 0o600
    again = make_app(store, export_dir)
    assert again.theme == "psr-high-contrast"
    async with again.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "theme")
        commands = {title: (about, cb) for title, about, cb in PsrCommands(wizard)._commands()}
        # The palette says which theme is on (tmux run: nothing did).
        assert commands["Theme: high contrast"][0] == "The theme in use now"
        assert commands["Theme: light"][0] == "Change how the app looks"
        commands["Theme: light"][1]()  # the command palette's way
        await pilot.pause()
        assert again.theme == "psr-light"
        assert [t for t, about, _cb in PsrCommands(wizard)._commands() if about == "The theme in use now"] == [
            "Theme: light"
        ]
    assert make_app(store, export_dir).theme == "psr-light"


async def test_closing_an_editor_opened_from_a_finding_goes_back_to_the_review(store, export_dir) -> None:
    """Enter on a finding inside a list item opens that item; Esc brings the officer back to the
    review (not the item's step), and the guidance no longer shows the closed editor's answer."""
    from psr_assist.tui.screens.item_editor import ItemEditorScreen
    from psr_assist.tui.screens.wizard import FindingList

    store.create(read_case_file(DEMO_CASE))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "demo-fdr-sam-okoro")
        await pilot.press("ctrl+r")
        findings = wizard.session.findings
        index = next(i for i, f in enumerate(findings) if "[" in f.field)
        table = wizard.query_one(FindingList)
        assert app.focused is table
        table.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        # It says what to fix, as Ctrl+F does (tmux run: chosen from the review, it said nothing).
        fix = editor.query_one("#editor-fix")
        assert fix.display and findings[index].message in str(fix.render())
        label = wizard.focused_field.label_text  # the editor's answer, in the guidance
        assert label in str(wizard.query_one("#guide").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is wizard
        assert wizard.current_step == "review" and app.focused is wizard.query_one(FindingList)
        assert wizard.query_one(FindingList).highlighted == index
        guide = str(wizard.query_one("#guide").render())
        assert guide.startswith(app.bank.step("review").title) and label not in guide


async def test_the_guidance_follows_the_focus_back_from_an_item_editor(store, export_dir) -> None:
    from psr_assist.tui.screens.item_editor import ItemEditorScreen

    from .helpers import list_field

    store.create(read_case_file(DEMO_CASE))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "demo-fdr-sam-okoro")
        await wizard.goto_step("sources")
        sources = list_field(app, "sources")
        sources.focus_control()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemEditorScreen)
        inside = wizard.focused_field.label_text
        assert inside in str(wizard.query_one("#guide").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is wizard and wizard.current_step == "sources"
        assert wizard.focused_field is sources
        guide = str(wizard.query_one("#guide").render())
        assert sources.label_text in guide and inside not in guide


async def test_export_by_keys_to_a_typed_folder_and_the_choice_is_offered_again(store, export_dir, tmp_path) -> None:
    from psr_assist.tui.app import PsrAssistApp

    store.create(Case(id="where", case_details=CaseDetails(report_type=ReportType.FDR)))
    elsewhere = tmp_path / "court bundle"
    elsewhere.mkdir()
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "where")
        await pilot.press("ctrl+r", "e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        # The folder has the focus, all selected: typing replaces it. Tab reaches the marking.
        await pilot.press(*str(elsewhere), "tab", "space", "shift+tab", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is wizard
        report_name, _ = export_names(wizard.session.case)
        report = docx.Document(str(elsewhere / report_name))
        assert report.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
        assert not (export_dir / report_name).exists()  # not in the folder first offered
        # The next export offers the same folder and marking.
        await pilot.press("e")
        again = app.screen
        assert isinstance(again, ExportScreen)
        assert again.query_one("#ex-folder").value == str(elsewhere)
        assert again.query_one("#ex-marking", Checkbox).value is True
    # And so does the next session (kept beside the store, as the theme is).
    later = PsrAssistApp(store)
    assert (later.export_dir, later.export_marking) == (elsewhere, True)


async def test_the_interview_skips_follow_ups_after_no_and_alerts_on_current_thoughts_of_suicide(store, export_dir) -> None:
    from psr_assist.domain.case import YesNoUnknown
    from psr_assist.tui.screens.dialogs import CriticalAlertScreen

    store.create(Case(id="iv2", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "iv2")
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)

        async def to_question(path: str) -> None:
            await _to(view, path)

        # "No GP" is not followed by "Which surgery are you registered with?"
        await to_question("mental_health.gp_registered")
        await pilot.press(str([m for m in YesNoUnknown].index(YesNoUnknown.NO) + 1))
        assert view.current.path != "mental_health.gp_practice"
        assert wizard.read("mental_health.gp_registered") is YesNoUnknown.NO

        # "No" to current thoughts of suicide: no alert, and no "tell me more about those thoughts".
        await to_question("risk.risk_to_self.current_ideation")
        yes, no = (str([m for m in YesNoUnknown].index(v) + 1) for v in (YesNoUnknown.YES, YesNoUnknown.NO))
        await pilot.press(no)
        assert not isinstance(app.screen, CriticalAlertScreen)
        assert view.current.path != "risk.risk_to_self.ideation_details"

        # "Yes": an alert at once, saved; continuing the interview goes on to the follow-up.
        await view.move(-1)
        assert view.current.path == "risk.risk_to_self.current_ideation"
        await pilot.press(yes)
        await pilot.pause()
        alert = app.screen
        assert isinstance(alert, CriticalAlertScreen)
        assert "plans and intent" in alert.body and alert.continue_label.startswith("Continue the interview")
        assert store.load("iv2")[0].risk.risk_to_self.current_ideation is YesNoUnknown.YES
        await pilot.press("escape")
        assert app.screen is wizard and wizard.mode == "interview"
        assert view.current.path == "risk.risk_to_self.ideation_details"

        # Found writing this test: the alert's answer went to the question it was raised from,
        # gone by then, so the wizard thought it still up and raised no other alert (a PHQ-9
        # question 9 later in the interview came without one). A second "yes" alerts again.
        await view.move(-1)
        await pilot.press(no)  # answered again: the alert is for a change to "yes"
        while view.current.path != "risk.risk_to_self.current_ideation":
            await view.move(-1)
        await pilot.press(yes)
        await pilot.pause()
        assert isinstance(app.screen, CriticalAlertScreen)
        # "Go to risk to self" from the alert leaves the interview for the desk, and says so.
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is wizard and wizard.mode == "desk" and wizard.current_step == "risk"
        said = [str(n.message) for n in app._notifications]
        assert any("F2 goes back to the interview" in m for m in said), said


async def test_tab_from_the_step_list_in_the_interview_goes_to_the_answer(store, export_dir) -> None:
    """Found in tmux: Ctrl+G in the interview, then Tab, put the focus on the area round the
    answer, which shows none; a paste there went nowhere."""
    store.create(Case(id="ivtab", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard, view = await open_interview(pilot, "ivtab")
        await _to(view, "person.circumstances")
        await pilot.pause()
        answer = view.current_field().control
        assert app.focused is answer
        await pilot.press("ctrl+g")
        assert app.focused is wizard.query_one("#steps")
        await pilot.press("tab")
        assert app.focused is answer
        await pilot.press("shift+tab")
        assert app.focused is wizard.query_one("#steps")


async def test_f2_and_back_from_the_interviews_opening_keeps_the_desks_place(store, export_dir) -> None:
    """Found in tmux: on the mental health step, F2 showed the interview's opening, and F2 again
    went to the case details (question 1's step) instead of back to mental health."""
    store.create(Case(id="ivback", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "ivback")
        await wizard.goto_step("mental_health")
        await pilot.pause()
        here = wizard.focused_field
        assert here is not None
        await pilot.press("f2")
        assert wizard.query_one(InterviewView).on_opening
        await pilot.press("f2")
        await pilot.pause()
        assert wizard.mode == "desk" and wizard.current_step == "mental_health"
        assert wizard.focused_field is here and app.focused is here.control


async def test_the_question_count_goes_up_by_one_and_counts_only_questions_asked(store, export_dir) -> None:
    from textual.widgets import Static

    from psr_assist.domain.case import YesNoUnknown

    store.create(Case(id="iv3", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, view = await open_interview(pilot, "iv3")

        def count() -> tuple[int, int]:
            where = str(view.query_one("#iv-where", Static).render())
            number, _, total = where.split("question ", 1)[1].split(" · ")[0].partition(" of ")
            return int(number), int(total)

        await _to(view, "mental_health.gp_registered")
        at, total = count()
        choose = {v: str([m for m in YesNoUnknown].index(v) + 1) for v in YesNoUnknown}
        # "No GP": the surgery is not asked, and the count does not jump over it.
        await pilot.press(choose[YesNoUnknown.NO])
        assert view.current.path == "risk.risk_to_self.current_ideation"
        assert count() == (at + 1, total)
        # "Yes": the surgery is asked next, one more question in all.
        await view.move(-1)
        assert count() == (at, total)
        await pilot.press(choose[YesNoUnknown.YES])
        assert view.current.path == "mental_health.gp_practice"
        assert count() == (at + 1, total + 1)
        await view.move(1)
        assert count() == (at + 2, total + 1)


async def test_a_screening_tool_can_be_given_in_the_middle_of_the_interview(store, export_dir) -> None:
    from psr_assist.tui.screens.dialogs import ChoiceScreen
    from psr_assist.tui.screens.screening import ScreeningScreen

    store.create(Case(id="ivs", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "ivs")
        assert wizard.check_action("screening_tool", ()) is False  # at the desk: the step's own button
        await pilot.press("f2", "enter")  # interview, past the opening
        view = wizard.query_one(InterviewView)
        await _to(view, "mental_health.history")
        assert wizard.check_action("screening_tool", ()) is True  # offered in the footer here
        await pilot.press("f3")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("1")  # PHQ-9
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press(*"000000000")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is wizard and wizard.mode == "interview"
        assert view.current.path == "mental_health.history"  # back where the interview was
        assert wizard.session.case.screening.results[0].answers == [0] * 9


async def test_a_screening_tool_opened_by_a_slip_and_closed_unanswered_is_not_kept(store, export_dir) -> None:
    """Found in tmux: F3, 1, Esc left a PHQ-9 with no answers, and the report said "The PHQ-9
    was not completed (9 questions unanswered)" of a tool never given."""
    from textual.widgets._toast import Toast

    from psr_assist.tui.screens.screening import ScreeningScreen

    store.create(Case(id="slip", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard, _view = await open_interview(pilot, "slip")
        for answered in ("", "2"):
            await pilot.press("f3", "1")
            await pilot.pause()
            assert isinstance(app.screen, ScreeningScreen)
            await pilot.press(*answered, "escape")
            await pilot.pause()
            assert app.screen is wizard
            results = store.load("slip")[0].screening.results
            if not answered:
                assert results == [] and wizard.session.case.screening.results == []
                said = " ".join(str(t.render()) for t in app.screen.query(Toast))
                assert "Nothing was answered, so no PHQ-9 was kept." in said
        # One answer given: the tool was given, and is kept with its answer.
        assert [r.answers[0] for r in results] == [2]
        # Opened and the app quit with it on screen (code review): not kept either.
        await pilot.press("f3", "1")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await app.action_quit()
        await pilot.pause()
    assert [r.answers[0] for r in store.load("slip")[0].screening.results] == [2]


async def test_beside_an_encrypted_store_the_export_folder_is_not_kept_in_plain_text(tmp_path, export_dir) -> None:
    from psr_assist.store import crypto, open_store
    from psr_assist.store.preferences import read_preferences

    home = tmp_path / "enc"
    store = open_store(home, passphrase="a long enough passphrase", encrypt=True, kdf=crypto.TEST_KDF)
    try:
        app = make_app(store, export_dir)
        folder = tmp_path / "Megan Ashby bundle"  # a folder named after the (fictional) person
        app.remember_export(folder, True)
        kept = read_preferences(home)
        assert "export_folder" not in kept and kept["export_marking"] == "yes"
        assert app.export_dir == folder  # still offered again in this session
    finally:
        store.close()


async def test_the_interview_asks_about_people_close_to_them_and_adds_them_in_its_own_words(
    store, export_dir
) -> None:
    from psr_assist.tui.screens.item_editor import ItemEditorScreen
    from psr_assist.tui.widgets.fields import FieldWidget, ListField

    store.create(Case(id="ivl", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, view = await open_interview(pilot, "ivl")
        asked = [leaf.path for leaf in view.leaves]
        # Lists are interview questions too, in their place: people close to them with their
        # life now, past treatment with their mental health, the screening tools after risk to self.
        assert asked.index("person.caring_responsibilities") < asked.index("significant_others")
        assert asked.index("mental_health.history") < asked.index("mental_health.previous_treatment")
        assert asked.index("risk.risk_to_self.protective_factors") < asked.index("screening.results")
        await _to(view, "significant_others", press=pilot)
        assert "someone close to you" in str(view.query_one("#iv-ask").render())
        assert "A or Enter: add a significant other" in _keys_text(view)
        assert isinstance(app.focused.parent, ListField)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen) and editor.interview
        name = next(f for f in editor.query(FieldWidget) if f.path == "significant_others[0].name")
        # The words to read aloud are under the answers the interview asks; desk-only ones have none.
        assert "Ask: “What is their name?”" in str(name.query_one(".field-label").render())
        contacted = next(f for f in editor.query(FieldWidget) if f.path == "significant_others[0].contacted_on")
        assert "Ask:" not in str(contacted.query_one(".field-label").render())
        assert app.focused in name.walk_children()
        await pilot.press(*"Alys", "tab", *"sister", "escape")
        await pilot.pause()
        assert app.screen is wizard and wizard.mode == "interview"
        assert view.current.path == "significant_others"  # back at the question, the person listed
        assert "Alys" in str(app.focused.get_option_at_index(0).prompt)
        person = store.load("ivl")[0].significant_others[0]
        assert (person.name, person.relationship) == ("Alys", "sister")
        await pilot.press("ctrl+n")
        assert view.current.path != "significant_others"
        # At the desk the same person is in the list, and its dialog has no interview words.
        await pilot.press("f2")
        await wizard.goto_step("sources")
        await pilot.pause()
        desk_list = next(w for w in wizard.query(ListField) if w.path == "significant_others")
        assert desk_list.count() == 1
        wizard.list_edit(desk_list, 0)
        await pilot.pause()
        assert isinstance(app.screen, ItemEditorScreen) and not app.screen.interview
        assert all(not f.ask for f in app.screen.query(FieldWidget))


async def test_the_interview_offers_the_screening_tools_in_their_place(store, export_dir) -> None:
    from psr_assist.tui.screens.dialogs import ChoiceScreen

    store.create(Case(id="ivt", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard, view = await open_interview(pilot, "ivt")
        await _to(view, "screening.results")
        assert "A or Enter: add a screening tool" in _keys_text(view)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # which tool: as F3 anywhere in the interview


async def test_the_interview_answers_are_what_the_person_says_and_a_desk_diagnosis_stays(store, export_dir) -> None:
    from psr_assist.domain.case import Presence

    case = Case(id="ivp", case_details=CaseDetails(report_type=ReportType.FDR))
    case.comorbidity.autism.presence = Presence.DIAGNOSED  # confirmed at the desk from the GP
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivp")
        await _to(view, "comorbidity.adhd.presence")
        shown = str(view.query_one("#iv-answer").query_one("NumberedChoice").render())
        assert "1  Yes, in their words" in shown and "2  No" in shown
        assert "Diagnosed" not in shown and "Reported by the person" not in shown
        await pilot.press("1")
        assert wizard.read("comorbidity.adhd.presence") is Presence.SELF_REPORTED
        assert view.current.path == "comorbidity.autism.presence"
        shown = str(view.query_one("#iv-answer").query_one("NumberedChoice").render())
        assert "● Diagnosed or assessed by a professional" in shown  # kept, in sight, chosen
        await pilot.press("ctrl+n")
        assert wizard.read("comorbidity.autism.presence") is Presence.DIAGNOSED
        # "No" to drugs: "What do you use?" is not asked.
        await _to(view, "comorbidity.substance_misuse.presence", -1)
        await pilot.press("2")
        assert wizard.read("comorbidity.substance_misuse.presence") is Presence.NONE_IDENTIFIED
        assert view.current.path != "comorbidity.substance_misuse.details"


async def test_the_interview_asks_for_their_account_of_the_offence_in_their_own_words(store, export_dir) -> None:
    store.create(Case(id="iva", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "iva")
        await _to(view, "offence_analysis.own_account")
        assert "in your own words, what happened" in str(view.query_one("#iv-ask").render())
        assert "own words exactly" in str(view.query_one("#iv-note").render())
        await pilot.press(*"I just hit it.", "ctrl+n")
        assert view.current.path == "offence_analysis.mental_health_at_offence"
        assert store.load("iva")[0].offence_analysis.own_account == "I just hit it."


async def test_the_interview_says_whose_words_each_long_answer_is(store, export_dir) -> None:
    """Found in tmux: an officer typed what the person said, in the first person, into the
    mental health history, and the report printed it as the officer's own prose. The person's
    own words have their own answers; every other long answer is the officer's account, and the
    interview now says so beside it (the words are content, in prompts/steps.yaml)."""
    store.create(Case(id="ivw", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivw")
        bank = wizard.bank
        assert bank.interview_account_note and bank.interview_verbatim_note

        def note() -> str:
            return str(view.query_one("#iv-note").render())

        for path in ("mental_health.history", "mental_health.medication"):  # written up by the officer
            await _to(view, path)
            assert bank.interview_account_note[:30] in note() and bank.interview_verbatim_note not in note(), path
        await _to(view, "mental_health.gp_registered")  # a choice: nothing to say
        assert note() == ""
        for path in ("offence_analysis.own_account", "motivation.own_views"):  # their words, verbatim
            await _to(view, path)
            assert bank.interview_verbatim_note in note() and bank.interview_account_note[:30] not in note(), path


async def test_a_yes_to_drink_a_head_injury_or_a_health_problem_is_followed_up_and_a_no_is_not(
    store, export_dir
) -> None:
    store.create(Case(id="ivf", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivf")
        for group, follow_up in (("alcohol", "how much"), ("acquired_brain_injury", "what changes"),
                                 ("physical_health", "how does it affect you")):
            presence = f"comorbidity.{group}.presence"
            await _to(view, presence)
            await pilot.press("2")  # No
            assert view.current.path != f"comorbidity.{group}.details", group
            await _to(view, presence, -1)
            await pilot.press("1")  # Yes, in their words
            assert view.current.path == f"comorbidity.{group}.details", group  # the one-key answer's "how much?"
            assert follow_up in str(view.query_one("#iv-ask").render())


async def test_the_interview_asks_consent_to_a_proposed_treatment_requirement_in_its_dialog(store, export_dir) -> None:
    from psr_assist.domain.case import Requirement, RequirementKind
    from psr_assist.tui.screens.item_editor import ItemEditorScreen
    from psr_assist.tui.widgets.fields import FieldWidget

    case = Case(id="ivc", case_details=CaseDetails(report_type=ReportType.FDR))
    case.proposal.requirements = [Requirement(kind=RequirementKind.MENTAL_HEALTH_TREATMENT, period_months=9)]
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivc")
        asked = [leaf.path for leaf in view.leaves]
        # What may be proposed is talked through before the end, which stays on their strengths.
        assert asked[-2:] == ["proposal.requirements", "person.strengths"]
        await _to(view, "proposal.requirements")
        await pilot.press("enter")  # open the proposed MHTR
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen) and editor.interview
        consent = next(f for f in editor.query(FieldWidget) if f.path == "proposal.requirements[0].consent.given")
        # Straight to the consent question, unfolded, with the words to ask.
        assert app.focused in consent.walk_children()
        assert "Ask: “I've explained what this would involve." in str(consent.query_one(".field-label").render())
        await pilot.press("y", "escape")
        await pilot.pause()
        assert app.screen is wizard and view.current.path == "proposal.requirements"
        assert store.load("ivc")[0].proposal.requirements[0].consent.given is True
        # A requirement added here starts with its kind, which decides whether consent is asked.
        await pilot.press("a")
        await pilot.pause()
        kind = next(f for f in app.screen.query(FieldWidget) if f.path == "proposal.requirements[1].kind")
        assert app.focused in kind.walk_children()


async def test_a_read_only_interview_offers_no_keys_that_would_change_it(store, export_dir) -> None:
    from psr_assist.domain.case import ReportStatus, SignificantOther
    from psr_assist.tui.screens.item_editor import ItemEditorScreen

    case = Case(id="ivr", case_details=CaseDetails(report_type=ReportType.FDR))
    case.significant_others = [SignificantOther(name="Alys", relationship="sister")]
    case.sign_off.status = ReportStatus.FINAL  # signed and locked: read only
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "ivr")
        assert wizard.read_only
        await pilot.press("f2", "enter")
        view = wizard.query_one(InterviewView)
        await _to(view, "significant_others")
        keys = _keys_text(view)
        assert "add a" not in keys and "F3" not in keys and "Enter: open the highlighted" in keys
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        assert str(editor.query_one(".editor-help").render()).startswith("Read only: these answers can be read here")


async def test_a_licensed_tool_chosen_in_the_interview_opens_its_result_at_once(store, export_dir) -> None:
    """Chosen before the desk had opened the screening step, a licensed tool saved an entry and
    showed nothing, and choosing it again gave a blank entry without its tool."""
    from psr_assist.domain.case import ResultsOnlyTool
    from psr_assist.domain.scoring import load_results_only_tools
    from psr_assist.tui.screens.dialogs import ChoiceScreen
    from psr_assist.tui.screens.item_editor import ItemEditorScreen

    store.create(Case(id="ivlt", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, view = await open_interview(pilot, "ivlt")
        await _to(view, "screening.results")
        tools = list(load_results_only_tools())
        key = str(len(load_instruments()) + tools.index("ldsq") + 1)
        for round_ in range(3):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press(key)
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, ItemEditorScreen), round_
            assert editor.item_path == f"screening.results_only[{round_}]"
            assert editor.focus_path(f"screening.results_only[{round_}].score")
            await pilot.press("1", "2", "escape")  # something recorded: the entry is kept
            await pilot.pause()
            assert app.screen is wizard and view.current.path == "screening.results"
            if round_ == 0:  # between the two, the desk opens the screening step and comes back
                await pilot.press("f2")
                await wizard.goto_step("screening")
                await pilot.press("f2")
                await _to(view, "screening.results")
        kept = store.load("ivlt")[0].screening.results_only
        assert [entry.tool for entry in kept] == [ResultsOnlyTool.LDSQ] * 3
        assert all(entry.administered_on is not None for entry in kept)


async def test_an_item_added_and_closed_with_nothing_filled_in_is_not_kept(store, export_dir) -> None:
    """A slip of A then Esc left "1. (nothing filled in yet)", which the report printed as a
    significant other whose consent had not been recorded."""
    store.create(Case(id="ive", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, view = await open_interview(pilot, "ive")
        await _to(view, "significant_others")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is wizard and wizard.read("significant_others") == []
        assert store.load("ive")[0].significant_others == []
        assert any("no significant other was added" in n.message for n in app._notifications)
        # One with anything in it stays.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Jo", "escape")
        await pilot.pause()
        assert [p.name for p in store.load("ive")[0].significant_others] == ["Jo"]


async def test_f2_twice_comes_back_to_the_same_question(store, export_dir) -> None:
    """F2 to look at the desk and F2 again went to the step's first unanswered question."""
    store.create(Case(id="ivb", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivb")
        await _to(view, "mental_health.medication")  # history and past treatment still unanswered
        await pilot.press("f2")
        assert wizard.mode == "desk" and wizard.current_step == "mental_health"
        await pilot.press("f2")
        assert view.current.path == "mental_health.medication"
        # Gone to another step at the desk: the interview picks up there.
        await pilot.press("f2")
        await wizard.goto_step("person")
        await pilot.press("f2")
        assert view.current.step.id == "person"


async def test_ctrl_n_at_the_last_question_says_the_interview_is_over(store, export_dir) -> None:
    store.create(Case(id="ivz", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivz")
        await _to(view, view.leaves[-1].path)
        assert not any("last question" in n.message for n in app._notifications)
        await pilot.press("ctrl+n")
        assert view.current is view.leaves[-1]
        assert any("That was the last question" in n.message for n in app._notifications)


async def test_ctrl_b_at_the_first_question_shows_the_opening_again(store, export_dir) -> None:
    """Back from question 1 did nothing; the officer may want to read the opening again."""
    store.create(Case(id="ivo", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivo")
        assert view.index == 0 and not view.on_opening
        await pilot.press("ctrl+b")
        assert view.on_opening
        assert str(view.query_one("#iv-ask").render()).startswith(wizard.bank.interview_opening[:40])
        await pilot.press("ctrl+b")  # nothing before the opening: it stays
        assert view.on_opening
        await pilot.press("enter")
        assert not view.on_opening and view.index == 0


async def test_a_case_left_mid_interview_opens_at_the_step_the_interview_had_reached(store, export_dir) -> None:
    from psr_assist.store.preferences import remembered_step

    store.create(Case(id="ivm", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_case(pilot, "ivm")
        assert wizard.current_step == "case"
        await pilot.press("f2", "enter")
        view = wizard.query_one(InterviewView)
        await _to(view, "screening.results")
        assert remembered_step(store.home, "ivm") == "screening"


async def test_going_back_to_an_answer_adds_to_its_end(store, export_dir) -> None:
    """Words typed on going back to an answer went in front of it ("ZDiagnosed…")."""
    store.create(Case(id="ivk", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_case(pilot, "ivk")
        await wizard.goto_step("mental_health")  # the desk's fields exist, still empty
        await pilot.pause()
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)
        await _to(view, "mental_health.history")
        await pilot.press(*"Low mood since May", "ctrl+n")  # a long answer
        await _to(view, "mental_health.medication")
        await pilot.press(*"Sertraline", "ctrl+b", "ctrl+n")
        await _to(view, "mental_health.history", -1)
        await pilot.press(*"!")
        assert wizard.read("mental_health.history") == "Low mood since May!"
        await _to(view, "mental_health.medication")
        await pilot.press("f2")  # the desk: the interview's words in fields made before them
        field(app, "mental_health.medication").focus_control()
        await pilot.pause()
        await pilot.press(*" 50mg")
        assert wizard.read("mental_health.medication") == "Sertraline 50mg"
        field(app, "mental_health.history").focus_control()
        await pilot.pause()
        await pilot.press(*" 2026")
        assert wizard.read("mental_health.history") == "Low mood since May! 2026"


async def test_the_interview_key_line_follows_the_list_and_tab_stays_in_the_interview(store, export_dir) -> None:
    """After the first person was added the key line still said "A or Enter: add", and Tab went to
    the step list, where a digit meant as an answer opened a step at the desk."""
    store.create(Case(id="ivn", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard, view = await open_interview(pilot, "ivn")
        await _to(view, "significant_others")
        assert "A or Enter: add a significant other" in _keys_text(view)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Jo", "escape")
        await pilot.pause()
        assert "Enter: open the highlighted" in _keys_text(view) and "A or Enter" not in _keys_text(view)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert wizard.read("significant_others") == []
        assert "A or Enter: add a significant other" in _keys_text(view)
        for _ in range(4):
            await pilot.press("tab")
            assert "StepNav" not in type(app.focused).__name__
        assert wizard.mode == "interview"


async def test_a_licensed_tool_opened_by_a_slip_is_not_kept_and_the_notice_comes_on_the_way_back(
    store, export_dir
) -> None:
    from psr_assist.domain.scoring import load_results_only_tools

    store.create(Case(id="ivs2", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, view = await open_interview(pilot, "ivs2")
        await _to(view, "screening.results")
        key = str(len(load_instruments()) + list(load_results_only_tools()).index("ldsq") + 1)
        await pilot.press("a", key)
        await pilot.pause()
        assert not any("licensed tools" in n.message for n in app._notifications)  # not yet
        await pilot.press("escape")  # nothing recorded
        await pilot.pause()
        assert wizard.read("screening.results_only") == []
        note = view.query_one("#iv-note")
        assert "LDSQ" not in str(note.render())
        await pilot.press("a", key)
        await pilot.pause()
        assert app.screen.focus_path("screening.results_only[0].score")
        await pilot.press("1", "2", "escape")
        await pilot.pause()
        assert len(wizard.read("screening.results_only")) == 1
        assert any("kept with the licensed tools" in n.message for n in app._notifications)
        # The interview's list shows the scored tools only ("None yet"): the note says what else was given.
        said = "Also recorded on the screening step, results only: LDSQ."
        assert str(note.render()) == said
        await pilot.press("ctrl+b", "ctrl+n")
        assert view.current.path == "screening.results" and str(note.render()) == said
        await view.move(1)
        assert "LDSQ" not in str(note.render())


async def test_a_final_report_interview_offers_only_the_keys_that_move(store, export_dir) -> None:
    from psr_assist.domain.case import ReportStatus

    case = Case(id="ivf2", case_details=CaseDetails(report_type=ReportType.FDR))
    case.sign_off.status = ReportStatus.FINAL
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivf2")
        await _to(view, "comorbidity.adhd.presence")
        keys = _keys_text(view)
        assert "A number" not in keys and "Delete" not in keys and "Ctrl+N: next question" in keys
        await _to(view, "mental_health.history", -1)
        assert "Enter: new line" not in _keys_text(view)


async def test_ctrl_n_pressed_again_and_again_at_the_end_says_so_once(store, export_dir) -> None:
    store.create(Case(id="ivz2", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivz2")
        await _to(view, view.leaves[-1].path)
        for _ in range(6):
            await pilot.press("ctrl+n")
        assert sum("last question" in n.message for n in app._notifications) == 1


async def test_the_opening_is_said_first_even_when_question_1_was_answered_at_the_desk(store, export_dir) -> None:
    """Found in tmux: with the pronouns typed at the desk, F2 opened at question 2 and the opening
    (who reads the report, the right not to answer) was never said; Ctrl+B from question 2 then
    showed the opening instead of question 1."""
    case = Case(id="ivq1", case_details=CaseDetails(report_type=ReportType.FDR))
    case.case_details.defendant.pronouns = "he/him"
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_case(pilot, "ivq1")
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)
        assert view.on_opening
        assert "question 2, the first not yet answered" in str(view.query_one("#iv-keys").render())
        await pilot.press("enter")
        assert not view.on_opening and view.index == 1
        await pilot.press("ctrl+b")
        assert not view.on_opening and view.index == 0  # question 1, not the opening again


async def test_an_empty_list_moved_past_is_not_where_the_interview_starts_again(store, export_dir) -> None:
    """"There's no one": the officer moves past an empty list; coming back to the interview from
    that step stopped there again, as if it were unanswered."""
    store.create(Case(id="ivso", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard, view = await open_interview(pilot, "ivso")
        await _to(view, "significant_others")
        step = view.current.step.id
        await pilot.press("ctrl+n")  # no one to add
        await pilot.press("f2")
        await wizard.goto_step("case")
        await wizard.goto_step(step)
        await pilot.press("f2")
        assert view.current.path != "significant_others"
