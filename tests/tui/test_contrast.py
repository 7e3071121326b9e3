"""Every word on screen can be read: text at least 4.5:1 against its background (WCAG 2.2 AA),
in the dark, light and high-contrast themes.

Found in tmux: group titles ("The defendant", "Risk to self") and the step list's title were
drawn in their faint frame's colour (about 2:1), and dimmed key hints, step numbers and a finding's
"Fix:" fell just under 4.5:1. The screen is read from Textual's compositor: the colours each cell
is drawn with, after transparency and dimming are worked out.
"""

from __future__ import annotations

import pytest
from rich.color import ColorSystem

from psr_assist.domain.case import Case, CaseDetails, ReportType
from psr_assist.tui.themes import THEME_NAMES

from .helpers import example, make_app, open_case

AA = 4.5


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def faint_text(app) -> list[tuple[float, int, str, str]]:
    """(ratio, row, text, colours) for each run of words drawn under 4.5:1, in full colour or
    in the 256 colours a terminal without true colour shows (Textual picks the nearest; the
    light theme's footer keys fell to 4.1:1 there)."""
    found = []
    for row, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
            if not any(ch.isalnum() for ch in segment.text) or style is None:
                continue
            if style.color is None or style.bgcolor is None:
                continue
            for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
                fg = tuple(style.color.downgrade(system).get_truecolor())
                bg = tuple(style.bgcolor.downgrade(system).get_truecolor())
                if style.reverse:
                    fg, bg = bg, fg
                ratio = contrast(fg, bg)
                if ratio < AA:
                    found.append((round(ratio, 2), row, segment.text.strip()[:40], system.name))
    return found


@pytest.mark.parametrize("theme", list(THEME_NAMES))
async def test_every_step_of_an_empty_case_is_readable(store, export_dir, theme) -> None:
    """An empty case shows every placeholder, "Not answered" and key hint."""
    store.create(Case(id="empty", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        wizard = await open_case(pilot, "empty")
        for step in wizard.bank.steps:
            await wizard.goto_step(step.id)
            await pilot.pause()
            assert not faint_text(app), (step.id, faint_text(app))


@pytest.mark.parametrize("theme", list(THEME_NAMES))
async def test_the_review_the_interview_and_the_case_list_are_readable(store, export_dir, theme) -> None:
    case = example("domestic-abuse-high-rosh.json")
    case.sign_off.author_name = None  # a finding to highlight in the review's list
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        assert not faint_text(app), ("case list", faint_text(app))
        wizard = await open_case(pilot, case.id)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not faint_text(app), ("review", faint_text(app))
        await pilot.press("f2", "enter")
        await pilot.pause()
        assert wizard.mode == "interview"
        assert not faint_text(app), ("interview", faint_text(app))
