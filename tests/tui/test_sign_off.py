"""Sign-off locks the report; changing it afterwards needs a new version with a reason (issue 7.5)."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from psr_assist.domain.case import Case, CaseDetails, Defendant, ReportStatus, SignOff
from psr_assist.domain.findings import Finding, Severity
from psr_assist.domain.rules.review import FINAL_NOT_SIGNED
from psr_assist.tui.screens.dialogs import ReasonScreen

from .helpers import EXAMPLES, example, field, make_app, open_case, put


@asynccontextmanager
async def _signing(store, export_dir, case: Case):
    """``case`` stored and open in the wizard, with Ctrl+R then s (sign) pressed: (pilot, app, wizard)."""
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        wizard = await open_case(pilot, case.id)
        await pilot.press("ctrl+r", "s")
        await pilot.pause()
        await pilot.pause()
        yield pilot, app, wizard


async def test_signing_is_refused_while_blockers_remain(store, export_dir) -> None:
    case = Case(id="early", case_details=CaseDetails(defendant=Defendant(name="Robin Example")))
    async with _signing(store, export_dir, case) as (_, app, wizard):
        assert app.screen is wizard
        assert any("Fix the" in n.message and "blocker" in n.message for n in app._notifications)
        assert store.summary("early").status == "draft"


@pytest.mark.skipif(not (EXAMPLES / "domestic-abuse-high-rosh.json").exists(), reason="needs examples/")
async def test_a_final_report_is_read_only_and_a_new_version_needs_a_reason(store, export_dir) -> None:
    case = example("domestic-abuse-high-rosh.json")
    case.sign_off = SignOff(author_name=case.case_details.author, dangerousness_report=True)
    async with _signing(store, export_dir, case) as (pilot, app, wizard):
        # A dangerousness report needs its countersignature first: the check blocks, Ctrl+F goes there.
        assert any("Fix the 1 blocker" in n.message for n in app._notifications)
        assert store.summary(case.id).status == "draft"
        await pilot.press("ctrl+f")
        assert wizard.focused_field.path == "sign_off.countersigned_by"
        put(field(app, "sign_off.countersigned_by"), "Senior probation officer (fictional)")
        await pilot.press("ctrl+r", "s", "y")
        await pilot.pause()
        await pilot.pause()
        assert store.summary(case.id).status == "final"
        assert wizard.read_only and "READ-ONLY" in str(wizard.query_one("#banner").render())
        final = store.load(case.id)[0]
        assert final.sign_off.signed_on is not None and final.sign_off.countersigned_on is not None
        # Start a new version: it asks why.
        wizard.query_one("#new-version").press()
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        from psr_assist.store import MAX_REASON_LENGTH

        reason_box = app.screen.query_one("#reason")
        assert reason_box.max_length == MAX_REASON_LENGTH  # the store's limit: a long reason is not cut short
        reason_box.value = "Court asked for the victim's updated statement to be reflected"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not wizard.read_only
        assert store.summary(case.id).status == "draft" and store.summary(case.id).version == 2
        await wizard.goto_step("case")
        await pilot.pause()
        assert not field(app, "case_details.court").control.disabled
        revisions = store.revisions(case.id)
        assert any(r.final for r in revisions)  # the final version is kept



async def test_a_locked_report_says_why_typing_does_nothing_and_v_starts_a_new_version(store, export_dir) -> None:
    """Found in tmux: in a signed report typing and pasting did nothing without a word (only the
    banner said why); the new version had no key; its dialog did not say Enter confirms."""
    from textual import events

    from .helpers import screen_lines

    case = Case(id="locked", case_details=CaseDetails(defendant=Defendant(name="Robin Example")))
    case.sign_off.status = ReportStatus.FINAL
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        wizard = await open_case(pilot, "locked")
        assert wizard.read_only

        def told() -> list[str]:
            return [n.message for n in app._notifications if n.title == "Read-only"]

        assert len(told()) == 1  # said as it opens: a key straight after is not told again
        await pilot.press("x")
        assert len(told()) == 1
        wizard._told_read_only = -100.0  # later on
        await pilot.press("x", "y")
        assert len(told()) == 2 and "This report is final" in told()[-1]  # once, not per key
        assert "Nothing typed here is kept" in told()[-1]
        wizard._told_read_only = -100.0
        wizard.post_message(events.Paste("pasted words"))
        await pilot.pause()
        assert len(told()) == 3
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "New version (v)" in str(wizard.query_one("#new-version").label)
        await pilot.press("p")  # a key that does something here is not told off
        await pilot.pause()
        assert len(told()) == 3
        await pilot.press("escape", "v")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        assert "Enter starts the new version" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        assert store.summary("locked").status == "final"


@pytest.mark.skipif(not (EXAMPLES / "domestic-abuse-high-rosh.json").exists(), reason="needs examples/")
async def test_signing_checks_the_report_as_it_would_be_once_final(store, export_dir, monkeypatch) -> None:
    """The review rules decide what signing needs: a blocker that only a final report would have refuses."""
    import psr_assist.domain.check as check

    real = check.check_case
    seen: list[Case] = []

    def check_case(case, today=None):
        findings = real(case, today)
        if case.sign_off.status is ReportStatus.FINAL:
            seen.append(case)
            findings.insert(0, Finding(rule_id=FINAL_NOT_SIGNED.id, severity=Severity.BLOCKER, step="review",
                                       field="sign_off.author_name", message="Final but not signed.",
                                       fix="Enter the name of the officer signing the report."))
        return findings

    monkeypatch.setattr(check, "check_case", check_case)
    case = example("domestic-abuse-high-rosh.json")
    case.sign_off = SignOff(dangerousness_report=True, countersigned_by="Senior probation officer (fictional)")
    async with _signing(store, export_dir, case) as (pilot, app, wizard):
        assert app.screen is wizard  # no confirmation offered
        assert any(n.title == "Cannot sign yet" and n.message == "Enter the name of the officer signing the report."
                   for n in app._notifications)
        assert wizard.focused_field.path == "sign_off.author_name"
        assert store.summary(case.id).status == "draft"
        # What was checked is the case as signing would leave it: named, dated, countersignature dated.
        final = seen[-1].sign_off
        assert final.author_name == case.case_details.author
        assert final.signed_on is not None and final.countersigned_on is not None
        assert wizard.session.case.sign_off.status is ReportStatus.DRAFT  # the real case is untouched


@pytest.mark.skipif(not (EXAMPLES / "domestic-abuse-high-rosh.json").exists(), reason="needs examples/")
async def test_what_signing_checked_is_what_is_saved(store, export_dir, monkeypatch) -> None:
    """Signing names the author and dates what is not dated yet; a date already given is kept."""
    import datetime as dt

    from psr_assist.tui.screens.wizard import WizardScreen

    real = WizardScreen._as_finalised
    seen: list[Case] = []

    def as_finalised(self, signing):  # the copy of the case that signing checks
        copy = real(self, signing)
        seen.append(copy)
        return copy

    monkeypatch.setattr(WizardScreen, "_as_finalised", as_finalised)
    case = example("domestic-abuse-high-rosh.json")
    earlier = dt.date(2026, 11, 20)
    # Signed earlier (on paper, say), countersigned now: a countersignature dated before the
    # signature is refused by the check (review.countersigned-before-signed).
    case.sign_off = SignOff(dangerousness_report=True, countersigned_by="Senior probation officer (fictional)",
                            signed_on=earlier)
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_case(pilot, case.id)
        await pilot.press("ctrl+r", "s", "y")
        await pilot.pause()
        await pilot.pause()
        assert store.summary(case.id).status == "final"
        saved = store.load(case.id)[0].sign_off
        [checked_case] = seen
        checked = checked_case.sign_off
        assert checked.status is ReportStatus.FINAL
        assert saved.author_name == checked.author_name == case.case_details.author
        assert saved.signed_on == checked.signed_on == earlier
        assert saved.countersigned_on == checked.countersigned_on == app.today()


@pytest.mark.skipif(not (EXAMPLES / "domestic-abuse-high-rosh.json").exists(), reason="needs examples/")
async def test_a_countersignature_dated_before_signing_today_stops_signing(store, export_dir) -> None:
    """Found in tmux: a report was finalised countersigned before it was signed. Signing dates the
    signature today, so a countersignature dated earlier is refused, and says what to do."""
    import datetime as dt

    case = example("domestic-abuse-high-rosh.json")
    case.sign_off = SignOff(dangerousness_report=True, countersigned_by="Senior probation officer (fictional)",
                            countersigned_on=dt.date(2026, 11, 20))
    async with _signing(store, export_dir, case) as (pilot, app, wizard):
        assert store.summary(case.id).status == "draft"
        assert wizard.focused_field.path == "sign_off.countersigned_on"
        assert any("countersignature cannot be before the signature" in n.message for n in app._notifications)


@pytest.mark.skipif(not (EXAMPLES / "domestic-abuse-high-rosh.json").exists(), reason="needs examples/")
async def test_after_signing_preview_and_export_work_at_once(store, export_dir) -> None:
    """Signing rebuilds the review read-only: the focus comes back to the findings, so p and e still
    work without a click, and "Sign and finalise" is no longer offered on the final report."""
    from psr_assist.tui.screens.export import ExportScreen
    from psr_assist.tui.screens.wizard import FindingList
    from psr_assist.tui.widgets.footer import AppFooter

    case = example("domestic-abuse-high-rosh.json")
    case.sign_off = SignOff(dangerousness_report=True, countersigned_by="Senior probation officer (fictional)")
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        wizard = await open_case(pilot, case.id)
        await pilot.press("ctrl+r", "s", "y")
        await pilot.pause()
        await pilot.pause()
        assert store.summary(case.id).status == "final"
        assert isinstance(app.focused, FindingList)
        footer = wizard.query_one(AppFooter)
        await pilot.pause()
        offered = {key for key, _action, _words, _group, enabled, _tip in footer.shown_keys()[0] if enabled}
        assert {"p", "e"} <= offered and "s" not in offered
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is wizard and isinstance(app.focused, FindingList)


async def test_the_review_keys_work_with_a_button_focused_and_never_take_typed_letters(store, export_dir) -> None:
    """The buttons say "Preview (p)" and "Sign and finalise (s)", but the keys worked only while the
    findings list had the focus: with a button focused, p and s did nothing."""
    from textual.widgets import Button, Input

    from psr_assist.tui.screens.dialogs import ConfirmScreen
    from psr_assist.tui.widgets.footer import AppFooter

    case = example("domestic-abuse-high-rosh.json")
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        wizard = await open_case(pilot, case.id)
        await pilot.press("ctrl+r")
        await pilot.pause()
        wizard.query_one("#preview", Button).focus()
        await pilot.pause()
        footer = wizard.query_one(AppFooter)
        offered = {key for key, _action, _words, _group, enabled, _tip in footer.shown_keys()[0] if enabled}
        assert {"p", "e", "s"} <= offered
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # "Sign and finalise?"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is wizard and store.summary(case.id).status == "draft"
        # In a sign-off answer the letters are typed, and the footer does not offer them.
        name = field(app, "sign_off.countersigned_by")
        name.control.focus()
        await pilot.pause()
        offered = {key for key, _action, _words, _group, enabled, _tip in footer.shown_keys()[0] if enabled}
        assert not {"p", "e", "s"} & offered
        await pilot.press("s", "e", "p")
        await pilot.pause()
        assert app.screen is wizard and isinstance(app.focused, Input) and app.focused.value.endswith("sep")


async def test_a_sign_off_answer_being_typed_stays_in_sight_as_the_findings_change(store, export_dir) -> None:
    """Found in tmux at 80x24: typing a countersignature date that the check finds wrong added a
    finding above it, and the answer being typed slid below the edge of the window."""
    import datetime as dt

    case = example("domestic-abuse-high-rosh.json")
    case.sign_off = SignOff(signed_on=dt.date(2026, 11, 20), countersigned_by="Alex Smith (fictional)")
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, case.id)
        await pilot.press("ctrl+r")
        await pilot.pause()
        answer = field(app, "sign_off.countersigned_on")
        answer.focus_control()
        await pilot.pause()
        before = len(wizard.session.findings)
        answer.control.value = "11/11/2026"  # before the signature: a new blocker above
        answer.commit(show_errors=True)
        wizard.run_check()
        await pilot.pause()
        await pilot.pause()
        assert len(wizard.session.findings) > before
        screen = app.screen.region
        assert screen.contains_region(answer.control.region), (answer.control.region, screen)


async def test_the_sign_dialog_says_what_is_still_open_and_the_date_the_report_will_carry(store, export_dir) -> None:
    """Found in tmux: with 14 warnings open, "Sign and finalise this report?" said nothing of them."""
    import datetime as dt

    from psr_assist.tui.screens.dialogs import ConfirmScreen

    case = example("domestic-abuse-high-rosh.json")
    case.sign_off = SignOff(signed_on=dt.date(2026, 11, 20))
    case.person.intersection = None  # one piece of advice or warning open, at least
    async with _signing(store, export_dir, case) as (_, app, wizard):
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        words = " ".join(str(w.render()) for w in dialog.query("Static, Label"))
        assert "dated 20/11/2026" in words
        open_findings = [f for f in wizard.session.findings if f.severity.name in ("WARNING", "ADVICE")]
        assert open_findings and "open (press Esc" in words
