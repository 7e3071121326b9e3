"""Short words for a report type come from one place (``short`` in prompts/choices.yaml)."""

from __future__ import annotations

from psr_assist.cli import main
from psr_assist.domain.case import Case, CaseDetails, Plea, ReportType
from psr_assist.domain.questions import question_bank
from psr_assist.store import open_store


def test_short_words_for_report_types_and_full_words_otherwise():
    bank = question_bank()
    assert [bank.short_label(t) for t in ReportType] == ["Oral", "FDR", "SDR"]
    assert bank.short_label(Plea.GUILTY_PLEA) == bank.choice_label(Plea.GUILTY_PLEA)


def test_psr_assist_list_uses_the_same_short_words(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(home))
    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE", raising=False)
    monkeypatch.delenv("PSR_ASSIST_ENCRYPT", raising=False)
    store = open_store(home)
    try:
        store.create(Case(id="oral-one", case_details=CaseDetails(report_type=ReportType.ORAL)))
    finally:
        store.close()
    assert main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("oral-one"))
    assert " Oral " in row and "ORAL" not in row
