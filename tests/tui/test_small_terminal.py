"""At 80x24 nothing the officer needs is cut off: words beside bars, key help, the footer, hints,
the case list's status; notifications do not pile up; the layout is whole after a resize."""

from __future__ import annotations

from psr_assist.domain.case_file import read_case_file

from .helpers import (
    DEMO_CASE,
    field,
    interview_to,
    list_field,
    make_app,
    open_case,
    open_interview,
    open_step,
    screen_lines,
)

DEMO_ID = "demo-fdr-sam-okoro"


async def _demo(pilot):
    pilot.app.store.create(read_case_file(DEMO_CASE))
    return await open_case(pilot, DEMO_ID)


async def _lines(pilot) -> list[str]:
    await pilot.pause()
    await pilot.pause()
    return screen_lines(pilot.app)


async def test_at_80_columns_the_review_footer_keeps_help_and_quit_whole(store, export_dir) -> None:
    """Found in tmux: the review's own keys pushed "f1 Help" and "^q Quit" off an 80-column
    footer. The review step offers no "Next step" (it is the last), its findings list is where
    "Next to fix" would go (the key still works), and F2 is named for where it goes."""
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        last = (await _lines(pilot))[-1]
        assert "f1 Help" in last and "^q Quit" in last and "f2 Interview" in last, repr(last)
        await pilot.press("ctrl+r")
        last = (await _lines(pilot))[-1]
        for words in ("p Preview", "e Export", "s Sign", "^b Back", "f1 Help", "^q Quit"):
            assert words in last, repr(last)
        assert "Next step" not in last and "Next to fix" not in last
        assert last.rstrip().endswith("Ctrl+P palette"), repr(last)  # and no stray character
        # A final report's review too (code review: "v New version" pushed Quit off).
        from psr_assist.domain.case import ReportStatus

        wizard.session.case.sign_off.status = ReportStatus.FINAL
        wizard.refresh_bindings()
        last = (await _lines(pilot))[-1]
        assert "f1 Help" in last and "^q Quit" in last, repr(last)
        wizard.session.case.sign_off.status = ReportStatus.DRAFT
        wizard.refresh_bindings()
        from psr_assist.tui.screens.wizard import FindingList

        assert isinstance(app.focused, FindingList)
        await pilot.press("ctrl+f")  # still works on the review step: to the answer to fix
        await pilot.pause()
        assert wizard.focused_field is not None and not isinstance(app.focused, FindingList)
        # A list or a choice focused at the desk keeps Help and Quit too (found in tmux).
        for step, path in (("sources", "sources"), ("risk", "risk.rosh.children")):
            await wizard.goto_step(step)
            widget = list_field(app, path) if step == "sources" else wizard.fields[path][-1]
            widget.focus_control()
            last = (await _lines(pilot))[-1]
            assert "f1 Help" in last and "^q Quit" in last, (step, last)


async def test_at_a_glance_shows_each_steps_count_and_state_beside_its_bar(store, export_dir) -> None:
    from psr_assist.tui.screens.summary import SummaryScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, SummaryScreen)
        for status in wizard.statuses():
            words = f"{status.answered} of {status.total} · {status.words}"
            row = next(r for r in app.screen.query(".progress-row") if words in str(r.query_one(".progress-words").render()))
            row.scroll_visible(animate=False, immediate=True)
            text = "\n".join(await _lines(pilot))
            assert words in text, f"{status.title}: '{words}' is not on screen"


async def test_help_shows_every_word_of_each_keys_description(store, export_dir) -> None:
    from psr_assist.tui.screens.dialogs import HelpScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        seen: list[str] = []
        for _ in range(6):  # read the whole help, a page at a time
            seen += " ".join(await _lines(pilot)).split()
            await pilot.press("pagedown")
        for key, _does, more in app.screen.keys:
            missing = [word for word in (more or "").split() if word not in seen]
            assert not missing, f"{key}: {missing} cut off"


async def test_interview_mode_shows_its_keys_whole(store, export_dir) -> None:
    from psr_assist.tui.widgets.interview import InterviewView

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)
        kinds = set()
        for _ in range(20):  # long answers, one-line answers and choices
            keys = view.query_one("#iv-keys")
            words = str(keys.render()).split()
            lines = await _lines(pilot)
            region = keys.content_region
            shown = " ".join(line[region.x:region.right] for line in lines[region.y:region.bottom]).split()
            assert shown == words, f"{view.current.path}: {' '.join(shown)!r}"
            kinds.add(view.current.spec.control)
            await pilot.press("ctrl+n")
        assert {"choice", "longtext"} <= kinds


async def test_the_case_list_shows_final_and_draft_whole_at_80_columns(store, export_dir) -> None:
    from psr_assist.domain.case import Case, CaseDetails, Defendant

    for case_id, name in (("later", "Robin Example"), ("again", "Alex Sample")):
        store.create(Case(id=case_id, case_details=CaseDetails(defendant=Defendant(name=name))))
        revision = store.finalise(case_id, store.summary(case_id).revision)
        _case, revision = store.new_version(case_id, "The court asked for an addendum")
    store.finalise("again", revision)  # version 2, final again
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        text = "\n".join(await _lines(pilot))
        assert "✎ Draft v2" in text and "✓ Final v2" in text, text


async def test_next_to_fix_shows_one_finding_at_a_time(store, export_dir) -> None:
    from textual.widgets._toast import Toast

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await _demo(pilot)
        seen = []
        for _ in range(5):
            await pilot.press("ctrl+f")
            await pilot.pause()
            await pilot.pause()
            toasts = list(app.screen.query(Toast))
            if app.screen is not wizard:  # an item's editor says it above its answers, in no box
                assert not toasts and app.screen.query_one("#editor-fix").display
                await pilot.press("escape")
                await pilot.pause()
                continue
            assert len(toasts) == 1, f"{len(toasts)} finding boxes on screen"
            seen.append(wizard.focused_field.path)
        assert len(set(seen)) > 1  # it did move on each time
        assert len(app._notifications) == 1


async def test_next_to_fix_shows_each_answer_clear_of_its_box_through_the_whole_demo(store, export_dir) -> None:
    """Found in tmux at 80x24: the box saying what to fix covered the answer Ctrl+F jumped to
    when that answer was a long one near the end of its step (it could not scroll higher), and
    boxes stacked up after an item's editor opened and closed. Walk every finding of the demo."""
    from textual.widgets._toast import Toast

    from psr_assist.tui.screens.item_editor import ItemEditorScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await _demo(pilot)
        seen: set = set()
        editors = 0
        while True:
            await pilot.press("ctrl+f")
            await _lines(pilot)
            if wizard._last_fix in seen:
                break
            seen.add(wizard._last_fix)
            rule, _ = wizard._last_fix
            if app.screen is not wizard:  # an item's editor: it says what to fix, with no box over it
                editors += 1
                assert isinstance(app.screen, ItemEditorScreen)
                assert not list(app.screen.query(Toast)), rule
                said = str(app.screen.query_one("#editor-fix").render())
                assert "Fix:" in said and app.screen.query_one("#editor-fix").region.height, rule
                await pilot.press("escape")
                await _lines(pilot)
                continue
            [toast] = list(app.screen.query(Toast))
            answer = wizard.focused_field.region
            form = wizard.query_one(f"#pane-{wizard.current_step}").region  # the step, as far as it is on screen
            room = toast.region.y - form.y
            first_lines = answer.__class__(answer.x, answer.y, answer.width, min(answer.height, room))
            assert form.contains_region(first_lines), (rule, answer, form)  # on screen, not scrolled away
            assert not first_lines.intersection(toast.region), (rule, answer, toast.region)
            if answer.height <= room:  # it fits above the box: none of it is covered
                assert not answer.intersection(toast.region), (rule, answer, toast.region)
        assert len(seen) > 15 and editors, (len(seen), editors)


async def test_ctrl_f_in_a_screening_tools_details_closes_the_tool_before_moving_on(store, export_dir) -> None:
    """Code review: Ctrl+F in a tool's "Date, who, notes" (m) moved the wizard behind the tool,
    and the box saying what to fix sat over its score."""
    from psr_assist.tui.screens.screening import ScreeningScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await _demo(pilot)
        before = len(wizard.session.case.screening.results)
        wizard.new_screening("phq9")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await _lines(pilot)
        await _lines(pilot)
        assert not any(isinstance(s, ScreeningScreen) for s in app.screen_stack)
        assert wizard._last_fix is not None
        assert len(wizard.session.case.screening.results) == before  # left as Esc leaves it: not begun


async def test_the_what_to_fix_box_goes_when_the_officer_goes_to_another_step(store, export_dir) -> None:
    """Found in tmux: after Ctrl+F on the risk step, Ctrl+G 1 opened the case details with the
    risk step's box still over them for seconds."""
    from textual.widgets._toast import Toast

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await _demo(pilot)
        await pilot.press("ctrl+f")
        await _lines(pilot)
        assert len(list(app.screen.query(Toast))) == 1
        fixed_on = wizard.current_step
        other = next(s.id for s in wizard.bank.steps if s.id not in (fixed_on, "review"))
        await pilot.press("ctrl+g", str([s.id for s in wizard.bank.steps].index(other) + 1))
        await _lines(pilot)
        assert wizard.current_step == other
        assert not list(app.screen.query(Toast)) and not app._notifications


async def test_ctrl_f_in_an_items_editor_closes_it_and_goes_on_to_the_next_fix(store, export_dir) -> None:
    """Found in tmux: Ctrl+F opened an item's editor to fix it, and Ctrl+F there did nothing;
    the officer had to know to press Esc first. It closes the item (keeping what was typed)
    and goes on, as it does everywhere else."""
    from textual.widgets._toast import Toast

    from psr_assist.tui.screens.item_editor import ItemEditorScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await _demo(pilot)
        for _ in range(30):
            await pilot.press("ctrl+f")
            await _lines(pilot)
            if app.screen is not wizard:
                break
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        assert "Next to fix" in "\n".join(await _lines(pilot))  # offered in its footer
        opened_for = wizard._last_fix
        await pilot.press("ctrl+f")
        await _lines(pilot)
        await _lines(pilot)
        assert editor not in app.screen_stack
        assert wizard._last_fix != opened_for  # on to the next finding
        if app.screen is wizard:
            assert len(list(app.screen.query(Toast))) == 1


async def test_next_to_fix_wrapping_round_to_a_step_left_scrolled_shows_the_answer_it_focuses(
    store, export_dir
) -> None:
    """Found in tmux: from the review, Ctrl+F wrapped round to the court on the first step, which
    had been left scrolled down. The court had the focus but stayed above the screen (the step
    had no place on screen yet when it was scrolled), so the officer typed blind."""
    from psr_assist.domain.case import Case

    store.create(Case(id="wrap"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await open_case(pilot, "wrap")
        await pilot.press(*["tab"] * 10)  # down the first step
        await _lines(pilot)
        pane = wizard.query_one("#pane-case")
        assert pane.scroll_y > 0
        await wizard.goto_step("review")
        await pilot.press("ctrl+f")  # the sign-off, the last thing to fix
        await _lines(pilot)
        assert wizard.current_step == "review"
        await pilot.press("ctrl+f")  # round to the first: the court
        await _lines(pilot)
        court = wizard.focused_field
        assert court.path == "case_details.court" and app.focused is court.control
        assert pane.region.contains_region(court.region), (court.region, pane.region)


async def test_a_step_opens_with_the_heading_of_the_answer_to_do_in_sight(store, export_dir) -> None:
    """Found in tmux at 80x24: Ctrl+G to a step scrolled its first answer to do just into view,
    cutting off the heading of the group it is in ("Drug use" showed as "│ Drug use │" with no
    title), and a step whose first answer to do was on its first screen lost its own title; the
    review, chosen from the step list, opened at the foot of its findings."""
    from psr_assist.tui.widgets.fields import FieldWidget, ListField
    from psr_assist.tui.widgets.wizard_parts import StepNav

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        for status in wizard.statuses():
            if status.step_id == "review":
                continue
            pane = await wizard.goto_step(status.step_id)
            await _lines(pilot)
            pane.scroll_end(animate=False)  # left at its foot, then come back to
            await wizard.goto_step("review")
            await _lines(pilot)
            await wizard.goto_step(status.step_id)
            await _lines(pilot)
            field = next(w for w in app.focused.ancestors_with_self if isinstance(w, FieldWidget | ListField))
            assert pane.region.contains_region(field.region), status.step_id
            part = field
            while part.parent is not pane:
                part = part.parent
            view = pane.scrollable_content_region
            if part.region.height <= view.height:  # its group (or itself), heading and all, in sight
                assert view.contains_region(part.region), (status.step_id, part.region, view)
            top = part.region.bottom - view.y + pane.scroll_y
            if top <= view.height:  # all of that on the step's first screen: from the step's title
                assert pane.scroll_y == 0, status.step_id
        review = await wizard.goto_step("review")
        review.scroll_end(animate=False)
        await wizard.goto_step("case")
        await _lines(pilot)
        wizard.query_one(StepNav).post_message(StepNav.Chosen("review"))
        await _lines(pilot)
        assert wizard.current_step == "review" and review.scroll_y == 0


async def test_next_to_fix_keeps_the_steps_title_when_the_answer_is_on_its_first_screen(store, export_dir) -> None:
    """Found in tmux at 80x24: Ctrl+F to the court (the first answer of the first step) scrolled
    the step's title and summary away; to the sources list it left the summary's last words at
    the top and an empty screen below. An answer that fits above the box on its step's first
    screen is shown from the step's title."""
    from textual.widgets._toast import Toast

    from psr_assist.domain.case import Case

    store.create(Case(id="title"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await open_case(pilot, "title")
        for path in ("case_details.court", "sources"):
            finding = next(f for f in wizard.session.findings if f.field == path)
            await wizard.jump_to_finding(finding, top=True)
            wizard.say_what_to_fix(finding)
            await _lines(pilot)
            pane = wizard.query_one(f"#pane-{wizard.current_step}")
            title = pane.query_one(".step-title")
            [toast] = list(app.screen.query(Toast))
            assert pane.scroll_y == 0 and pane.region.contains_region(title.region), path
            assert not wizard.focused_field.region.intersection(toast.region), path


async def test_an_item_editor_opens_with_its_first_answers_label_in_sight(store, export_dir) -> None:
    """Found in tmux at 80x24: a new source's editor opened one row down, its first answer's
    label ("Type of source") out of sight above the answer."""
    from psr_assist.domain.case import Case
    from psr_assist.tui.screens.item_editor import ItemEditorScreen
    from psr_assist.tui.widgets.fields import FieldWidget

    store.create(Case(id="editor"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "editor")
        await wizard.goto_step("sources")
        list_field(app, "sources").focus_control()
        await _lines(pilot)
        await pilot.press("a")
        await _lines(pilot)
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        answers = editor.query_one("#item-fields")
        first = editor.query(FieldWidget).first()
        assert answers.scroll_y == 0 and answers.region.contains_region(first.region)
        assert "Type of source" in "\n".join(await _lines(pilot))


async def test_nothing_to_fix_is_said_in_one_box_however_often_it_is_asked(store, export_dir) -> None:
    """Found in tmux: on a complete case each Ctrl+F added another "Nothing to fix" box, four
    of them covering the step list and the form at 80x24."""
    from textual.widgets._toast import Toast

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await _demo(pilot)
        wizard.session.findings = []  # what the check says of a complete case
        for _ in range(4):
            await pilot.press("ctrl+f")
        await _lines(pilot)
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1 and "nothing to fix" in str(toasts[0].render())


async def test_the_step_list_has_no_gaps_right_after_a_resize(store, export_dir) -> None:
    from psr_assist.tui.widgets.wizard_parts import StepNav

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        nav = wizard.query_one(StepNav)
        titles = [status.title[:8] for status in wizard.statuses()]

        def rows(lines: list[str]) -> list[int]:
            region = nav.content_region
            found = []
            for title in titles:
                found += [y for y in range(region.y, region.bottom) if title in lines[y][region.x:region.right]][:1]
            return found

        before = rows(await _lines(pilot))
        assert before == list(range(before[0], before[0] + len(titles)))  # one line a step, no gaps
        await pilot.resize_terminal(120, 40)
        await _lines(pilot)
        await pilot.resize_terminal(80, 24)
        assert rows(await _lines(pilot)) == before
        # Resized while another screen is on top: the step list is laid out on the way back.
        await pilot.resize_terminal(120, 40)
        await pilot.press("ctrl+o")
        await pilot.resize_terminal(80, 24)
        await pilot.press("escape")
        assert app.screen is wizard
        assert rows(await _lines(pilot)) == before


async def test_next_to_fix_shows_the_focused_answers_own_findings_first_one_per_press(store, export_dir) -> None:
    from psr_assist.domain.case import Case

    store.create(Case(id="src"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await open_step(pilot, "src", "sources")
        list_field(app, "sources").focus_control()
        await pilot.pause()
        shown = []
        for _ in range(5):
            await pilot.press("ctrl+f")
            await pilot.pause()
            shown.append(wizard._last_fix)
        # The sources list's own findings, blockers first, each once; then on to the next answer.
        assert shown[:4] == [
            ("sources.none-recorded", "sources"),
            ("sources.da-check-missing", "sources"),
            ("sources.safeguarding-check-missing", "sources"),
            ("sources.interview-missing", "sources"),
        ]
        assert shown[4][1] != "sources"


async def test_the_what_to_fix_box_covers_neither_the_answer_nor_a_dialog_opened_on_it(store, export_dir) -> None:
    from textual.widgets._toast import Toast

    from psr_assist.domain.case import Case

    store.create(Case(id="cover"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        wizard = await open_case(pilot, "cover")
        for _ in range(6):
            await pilot.press("ctrl+f")
            await pilot.pause()
            await pilot.pause()
            [toast] = list(app.screen.query(Toast))
            answer = wizard.focused_field.region
            assert not answer.intersection(toast.region), wizard.focused_field.path
        # A dialog opened on the answer (Enter on a choice): the box goes, it would sit on the choices.
        while wizard.focused_field.spec.control not in ("choice", "bool"):
            await pilot.press("ctrl+f")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not wizard
        assert not list(app.screen.query(Toast))


async def test_the_interview_opens_with_what_to_explain_first_then_asks(store, export_dir) -> None:
    from psr_assist.domain.case import Case
    from psr_assist.tui.widgets.interview import InterviewView

    store.create(Case(id="open"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "open")
        await pilot.press("f2")
        view = wizard.query_one(InterviewView)
        assert view.on_opening and view.current_field() is None  # nothing is asked or recorded yet
        text = " ".join(" ".join(await _lines(pilot)).split())
        assert "Probation Service" in text and "prosecution" in text and "not to answer" in text
        assert "Enter or Ctrl+N: the first question" in text
        await pilot.press("enter")
        assert not view.on_opening and view.index == 0
        field = view.current_field()
        keys = view.query_one("#iv-keys")
        assert app.focused in list(field.walk_children())
        assert 0 < field.control.region.height and field.control.region.bottom <= keys.region.y
        await pilot.press("f2", "f2")  # to the desk and back: the opening is not said twice
        assert not view.on_opening and view.index == 0


async def test_at_80x24_the_interview_keeps_every_choice_item_and_typed_line_in_sight(store, export_dir) -> None:
    """Found in tmux: the fourth answer to "Are you using any drugs?", the fifth person added and
    the fifth line typed were below the edge of the window, out of sight."""
    from psr_assist.domain.case import Case, CaseDetails, ReportType, SignificantOther

    case = Case(id="iv80", case_details=CaseDetails(report_type=ReportType.FDR))
    case.significant_others = [SignificantOther(name=f"Person {n}") for n in range(1, 7)]
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard, view = await open_interview(pilot, "iv80")

        async def to(path: str) -> None:
            await interview_to(view, path)

        def visible(widget) -> bool:
            keys = view.query_one("#iv-keys").region
            region = widget.region
            return region.height > 0 and region.bottom <= keys.y

        await to("significant_others")
        items = view.query_one("#iv-answer").children[0]
        await pilot.press("end")
        await pilot.pause()
        text = " ".join(" ".join(await _lines(pilot)).split())
        assert "6. Person 6" in text  # the highlighted (last) person is in sight
        assert visible(items)
        await to("mental_health.history")
        for n in range(1, 10):
            await pilot.press(*f"Line {n}", "enter")
        await pilot.pause()
        text = " ".join(" ".join(await _lines(pilot)).split())
        assert "Line 9" in text  # the line being typed
        await to("comorbidity.substance_misuse.presence")
        await pilot.pause()
        text = " ".join(" ".join(await _lines(pilot)).split())
        assert "4 Not known" in text  # the last of the four answers


async def test_at_80x24_every_screening_tool_can_be_reached_in_the_choice(store, export_dir) -> None:
    """The tenth tool (0: Other) was below the dialog's edge, and End moved the highlight out of sight."""
    from textual.widgets import OptionList

    from psr_assist.tui.screens.dialogs import ChoiceScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        wizard.start_screening()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        options = app.screen.query_one(OptionList)
        assert options.region.bottom <= app.screen.query_one("AppFooter").region.y
        await pilot.press("end")
        await pilot.pause()
        text = " ".join(" ".join(await _lines(pilot)).split())
        last = " ".join(app.screen.options[-1][0].split()[:3])
        assert f"0 {last}" in text  # the highlighted last tool, in sight


async def test_at_80x24_a_text_area_reached_by_tab_in_a_dialog_is_kept_in_sight(store, export_dir) -> None:
    """Tab to "What they told you" at the foot of a person's dialog and type: the text area grew
    to ten lines below the edge of the window, and the lines being typed were out of sight."""
    from psr_assist.domain.case import Case, CaseDetails, ReportType, SignificantOther

    case = Case(id="dlg80", case_details=CaseDetails(report_type=ReportType.FDR))
    case.significant_others = [SignificantOther(name="Jo")]
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard, view = await open_interview(pilot, "dlg80")
        await interview_to(view, "significant_others")
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(8):
            if "summary" in getattr(app.focused.parent, "path", ""):
                break
            await pilot.press("tab")
        assert app.focused.parent.path.endswith("summary")
        for n in range(1, 10):
            await pilot.press(*f"told {n}", "enter")
        text = " ".join(" ".join(await _lines(pilot)).split())
        assert "told 9" in text


async def test_at_80x24_the_interview_footer_keeps_help_and_quit(store, export_dir) -> None:
    """The footer repeated the key line's keys (next, back, a list's add and edit) and ran out of
    room: "f1 Hel", and on a list question no Help or Quit at all."""
    from psr_assist.domain.case import Case, CaseDetails, ReportType

    store.create(Case(id="foot80", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard, view = await open_interview(pilot, "foot80")
        for path in ("significant_others", "mental_health.gp_registered"):
            await interview_to(view, path)
            footer = (await _lines(pilot))[-1]
            assert "f1 Help" in footer and "^q Quit" in footer, path
            assert "Next question" not in footer  # the key line says it


async def test_a_labels_character_count_is_never_cut_off_when_it_wraps(store, export_dir) -> None:
    """Found in tmux at 80x24: typing the first words into an empty own-words answer showed
    "Their account of the offence  ✎ own words  · 63 of" — the count wrapped onto a line the
    label had no room for, because only a new line character counted as a new line."""
    from psr_assist.domain.case import Case

    from .helpers import field

    store.create(Case(id="count"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "count")
        answer = field(app, "offence_analysis.own_account")
        answer.focus_control()
        await pilot.pause()
        await pilot.press(*"I was")
        await pilot.pause()
        await pilot.pause()
        label = answer.query_one(".field-label")
        wrapped = answer.label_content().wrap(app.console, label.content_region.width)
        assert "characters" in answer.label_content().plain
        assert label.content_region.height == len(wrapped), (label.content_region, [str(w) for w in wrapped])


async def test_at_80x24_a_screening_tools_footer_says_finish_whole(store, export_dir) -> None:
    """Found in tmux: the PHQ-9's footer read "esc Finis", the one key needed at the end."""
    from psr_assist.tui.screens.screening import ScreeningScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        await wizard.goto_step("screening")
        wizard.new_screening("phq9")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        last = (await _lines(pilot))[-1]
        assert "esc Finish" in last and "^q Quit" in last, repr(last)


async def test_a_status_line_too_long_for_the_terminal_ends_in_an_ellipsis(store, export_dir) -> None:
    """Found in tmux: a long court name was cut at a word, leaving "… Northgate and" as if that
    were the court. The line is cut where it must be, and says so."""
    from psr_assist.domain.case import Case, CaseDetails, Defendant

    court = "Northgate and Westbrook Combined Magistrates' Court sitting at Eastbrook"
    details = CaseDetails(court=court, defendant=Defendant(name="Alex Fictional"))
    store.create(Case(id="long-court", case_details=details))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "long-court")
        status = (await _lines(pilot))[0]
        assert status.lstrip().startswith("✓ Saved")
        assert "Alex Fictional · Northgate and Westbrook" in status
        assert status.rstrip().endswith("…")
    async with make_app(store, export_dir).run_test(size=(160, 24)) as pilot:
        await open_case(pilot, "long-court")
        status = (await _lines(pilot))[0]
        assert status.rstrip().endswith(court)  # room for it all: nothing cut


async def test_a_choice_too_long_for_its_line_ends_in_an_ellipsis_and_keeps_its_list_mark(store, export_dir) -> None:
    """At 80 columns the longest choice (the custody position) was cut at a word, without the ▼
    that says there is a list to choose from."""
    from psr_assist.domain.case import Case, CustodyPosition, Proposal

    chosen = CustodyPosition.NOT_THRESHOLD
    store.create(Case(id="long-choice", proposal=Proposal(custody_position=chosen)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "long-choice", "proposal")
        picker = field(app, "proposal.custody_position").control
        await pilot.pause()
        line = picker.render_lines(picker.region.reset_offset)[0].text.rstrip()
        assert line.endswith("…  ▼")
        assert line.strip().startswith("A custodial sentence is not being")
        await pilot.resize_terminal(200, 40)
        picker.value = CustodyPosition.COURT_INDICATED  # shorter than the line, at this width
        await pilot.pause()
        line = picker.render_lines(picker.region.reset_offset)[0].text.rstrip()
        assert line.strip() == app.bank.choice_label(CustodyPosition.COURT_INDICATED) + "  ▼"  # nothing cut


async def test_the_footer_follows_the_step_after_a_preview_closed_at_once(store, export_dir) -> None:
    """Found in tmux: Ctrl+R, p, Esc in quick succession left the review's keys (p Preview,
    e Export, s Sign) in the footer of every step after it, and no "Next step"."""
    from textual import events

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await _demo(pilot)
        for _ in range(4):  # it depends on timing: the tmux run saw it on the fourth try
            for key in ("ctrl+r", "p", "escape"):
                app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
            for _ in range(5):
                await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            await pilot.press("ctrl+b")
            assert wizard.current_step == "proposal"
            footer = (await _lines(pilot))[-1]
            assert "Next step" in footer and "Preview" not in footer and "Sign" not in footer
