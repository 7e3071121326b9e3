"""The command palette (Ctrl+P): the app's own commands, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from psr_assist.domain.report_state import is_final
from psr_assist.tui.themes import THEME_NAMES


class PsrCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from psr_assist.tui.screens.case_list import CaseListScreen
        from psr_assist.tui.screens.wizard import WizardScreen

        app: Any = self.app
        screen = self.screen
        out: list[tuple[str, str, Callable[[], Any]]] = []
        if isinstance(screen, WizardScreen):
            wizard = screen
            for index, step in enumerate(wizard.bank.steps):
                out.append(
                    (
                        f"Go to step {index + 1}: {step.title}",
                        step.summary or "Open this step",
                        partial(_go, wizard, step.id),
                    )
                )
            out += [
                ("Next to fix", "Jump to the next answer the check says is missing", wizard.action_next_to_fix),
                ("Check the case", "Run the completeness check and show the findings", wizard.action_review),
                ("Export the report", "Write the report and the plain-English companion (.docx)", wizard.action_export),
                ("Preview the report", "Read the report text as it stands", wizard.action_preview),
                ("At a glance", "Screening, risk grid, completeness, outstanding enquiries", wizard.action_glance),
                (
                    "Switch to desk mode" if wizard.mode == "interview" else "Switch to interview mode",
                    "Interview: one question at a time to read aloud. Desk: forms with guidance.",
                    wizard.action_toggle_mode,
                ),
                ("Administer a screening tool", _screening_help(), wizard.start_screening),
                # A final report is not signed again: it is opened as a new version, with a reason.
                (
                    ("New version", "Open a final report for changes, with a reason; the final is kept",
                     wizard.action_new_version)
                    if is_final(wizard.session.case)
                    else ("Sign and finalise", "Sign the report and lock it", wizard.action_sign_off)
                ),
                ("Save now", "Save the case now (it also saves by itself)", wizard.action_save),
                ("Back to the case list", "Save and close this case", wizard.action_close_case),
                *(
                    [("Keep my changes as a copy", "Save what is on screen as a new case", wizard.action_keep_copy)]
                    if wizard.can_keep_copy()
                    else []
                ),
                ("Help", "Help for this question and every key", wizard.action_help),
            ]
        if isinstance(screen, CaseListScreen):
            out += [
                ("New case", "Start a new report", screen.action_new),
                ("Open the highlighted case", "", screen.action_open),
            ]
        for name, words in THEME_NAMES.items():
            about = "The theme in use now" if app.theme == name else "Change how the app looks"
            out.append((f"Theme: {words}", about, partial(setattr, app, "theme", name)))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


async def _go(wizard: Any, step_id: str) -> None:
    if wizard.mode == "interview":
        await wizard.set_mode("desk", go_to_current=False)
    await wizard.goto_step(step_id)


def _screening_help() -> str:
    """The instruments the app can administer, from their content files, then the results-only route."""
    from psr_assist.domain.scoring import load_instruments

    names = ", ".join(instrument.short_name for instrument in load_instruments().values())
    return f"{names}, or record a results-only tool"
