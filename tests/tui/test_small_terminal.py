"""At 80x24 nothing the officer needs is cut off: words beside bars, key help, the footer, hints,
the case list's status; notifications do not pile up; the layout is whole after a resize."""

from __future__ import annotations

from psr_assist.domain.case_file import read_case_file

from .helpers import DEMO_CASE, make_app, open_case, screen_lines

DEMO_ID = "demo-fdr-sam-okoro"


async def _demo(pilot):
    pilot.app.store.create(read_case_file(DEMO_CASE))
    return await open_case(pilot, DEMO_ID)


async def _lines(pilot) -> list[str]:
    await pilot.pause()
    await pilot.pause()
    return screen_lines(pilot.app)


async def test_the_footer_shows_no_stray_character_when_its_keys_overflow(store, export_dir) -> None:
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(pilot)
        await pilot.press("ctrl+r")  # the review's keys come first: the footer overflows
        last = (await _lines(pilot))[-1]
        assert "Sign and finalise" in last
        assert last.rstrip().endswith("Ctrl+P palette"), repr(last)
