"""The Word report, reopened from its bytes: structure, tables, markings, properties, wording."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from psr_assist.domain.case_file import read_case_file
from psr_assist.domain.findings import Finding, Severity
from psr_assist.render import build_report, report_text
from tests.render import docx_read as rd
from tests.render.cases import TODAY, empty_case, oral_case, sso_case

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))

STATUTORY = "This is a pre-sentence report as defined in section 31 of the Sentencing Act 2020."
NOT_BINDING = "This report is not binding on the court."

FINDINGS = [
    Finding(rule_id="sources.da-check-missing", severity=Severity.BLOCKER, step="sources", field="sources",
            message="There is no result for the police domestic abuse call-out check.",
            fix="Record the result of the domestic abuse check."),
    Finding(rule_id="person.intersection-missing", severity=Severity.ADVICE, step="person",
            field="person.intersection", message="How the factors combine is not analysed.",
            fix="Describe how they combine."),
]


def h1s(document) -> list[str]:
    return [text for level, text in rd.headings(document) if level == 1]


def subheadings(document, under: str, level: int = 2) -> list[str]:
    """Headings of ``level`` between the H1 ``under`` and the next H1."""
    found, inside = [], False
    for lvl, text in rd.headings(document):
        if lvl == 1:
            inside = text == under
        elif inside and lvl == level:
            found.append(text)
    return found


@pytest.fixture(scope="module")
def sso_draft():
    return rd.reopen(build_report(sso_case(), draft=True, findings=FINDINGS, today=TODAY))


@pytest.fixture(scope="module")
def sso_final():
    return rd.reopen(build_report(sso_case(), draft=False, marking="official-sensitive", today=TODAY))


# --------------------------------------------------------------------------- structure and order


def test_sections_in_the_order_the_brief_sets(sso_draft):
    assert sso_draft.paragraphs[0].style.name == "Title"
    assert sso_draft.paragraphs[0].text == "Pre-sentence report"
    assert h1s(sso_draft) == [
        "Sources of information",
        "Offence analysis",
        "Assessment",
        "Risk",
        "Proposal",
        "Screening instrument notices",
        "Appendix: open findings (draft only)",
    ]
    assert subheadings(sso_draft, "Assessment") == [
        "Circumstances",
        "Mental health",
        "Screening",
        "Other needs (comorbidity)",
        "The person and diversity",
        "Motivation and the person's views",
    ]
    assert subheadings(sso_draft, "Risk") == [
        "Likelihood of reoffending",
        "Risk of serious harm",
        "Mental health and risk",
        "Risk to self",
        "Risks if custody is imposed",
    ]
    assert subheadings(sso_draft, "Proposal") == [
        "Proposed sentence",
        "Requirements",
        "Structured plan",
        "Consent to treatment",
        "Rationale",
        "Alternatives considered",
        "Checks not available on the day",
    ]
    assert subheadings(sso_draft, "Proposal", level=3) == [
        "Unpaid work requirement",
        "Curfew requirement",
        "Alcohol treatment requirement",
        "Custody",
    ]


def test_headings_never_skip_a_level(sso_draft):
    previous = 0
    for level, _ in rd.headings(sso_draft):
        assert level <= previous + 1
        previous = level


def test_final_has_sign_off_and_no_draft_marks(sso_final):
    assert h1s(sso_final)[-1] == "Sign-off"
    assert "Appendix: open findings (draft only)" not in h1s(sso_final)
    assert "DRAFT" not in rd.all_text(sso_final)
    assert not any("DRAFT" in t for t in rd.header_texts(sso_final) + rd.footer_texts(sso_final))
    sign_off = rd.tables(sso_final)[-1]
    assert sign_off[0] == ["Detail", "Record"]
    assert sign_off[1] == ["Report author", "Morwenna Tate"]
    # Not a dangerousness report and nobody countersigned: no empty "Not recorded" rows.
    assert not any(row[0].startswith("Countersigned") for row in sign_off)
    assert sso_final.paragraphs[-1].text == "End of report."


def test_a_dangerousness_report_shows_its_countersignature():
    import datetime as dt

    case = sso_case()
    case.sign_off.dangerousness_report = True
    case.sign_off.countersigned_by = "Ifeoma Castellane (fictional SPO)"
    case.sign_off.countersigned_on = dt.date(2026, 11, 25)
    sign_off = rd.tables(rd.reopen(build_report(case, draft=False, today=TODAY)))[-1]
    assert ["Countersigned by", "Ifeoma Castellane (fictional SPO)"] in sign_off
    assert ["Countersigned on", "25 November 2026"] in sign_off


def test_front_sheet_statutory_lines_and_details(sso_draft):
    texts = [p.text for p in sso_draft.paragraphs]
    assert texts.count(STATUTORY) == 1 and texts.count(NOT_BINDING) == 1
    assert texts.index(STATUTORY) < texts.index("Sources of information")
    front = rd.tables(sso_draft)[0]
    assert front[0] == ["Detail", "Information"]
    rows = dict(front[1:])
    assert rows["Name"] == "Dana Whitlock"
    assert rows["Date of birth"] == "21 July 1999"
    assert rows["Age at hearing"] == "27"
    assert rows["Court"] == "Eastmere Crown Court"
    assert rows["Hearing date"] == "3 December 2026"
    assert rows["Offences"] == "Assault occasioning actual bodily harm on 14 June 2026\nCriminal damage on 14 June 2026"
    assert rows["Plea"] == "Found guilty after trial"
    assert rows["Report author"].startswith("Morwenna Tate, ")
    assert rows["Date of report"] == "26 November 2026"


def test_a_signed_final_report_is_dated_the_day_it_was_signed():
    from psr_assist.domain.case import ReportStatus

    case = sso_case()
    case.sign_off.signed_on = dt.date(2026, 11, 20)

    def dated(document) -> str:
        return dict(rd.tables(document)[0][1:])["Date of report"]

    # Printed a week later, the signed report keeps its date; a draft is dated the day it is printed.
    case.sign_off.status = ReportStatus.FINAL
    assert dated(rd.reopen(build_report(case, draft=False, today=TODAY))) == "20 November 2026"
    # Printed as a draft (asked for, or forced by blockers), it is not the signed report.
    assert dated(rd.reopen(build_report(case, draft=True, today=TODAY))) == "26 November 2026"
    case.sign_off.status = ReportStatus.DRAFT
    assert dated(rd.reopen(build_report(case, draft=True, today=TODAY))) == "26 November 2026"


def test_sources_table_and_what_was_not_available(sso_draft):
    table = rd.table_with_header(sso_draft, "Source")
    assert table[0] == ["Source", "Status", "Date", "Verified"]
    assert table[1] == ["Interview with the person", "Received", "20 November 2026", "No"]
    assert table[2][1:] == ["Not available on the day", "Not recorded", "Not recorded"]
    assert table[3][2] == "20 November 2026 at 09:15"
    assert table[4] == ["GP: Reed Lane Surgery", "Received", "23 November 2026", "Yes"]
    text = rd.all_text(sso_draft)
    assert ("Police domestic abuse call-outs: not available on the day. Reason: The police unit did not reply "
            "before the deadline.") in text
    assert ("Safeguarding (children's social care): Eastmere children's services: requested on "
            "20 November 2026 at 09:15 and not received when this report was written.") in text
    # The consent is the defendant's, and says so: not the significant other refusing contact.
    assert "Ivy Whitlock, mother: Dana Whitlock did not agree to them being contacted." in text


def test_screening_table_says_what_screening_indicates(sso_draft):
    table = rd.table_with_header(sso_draft, "Tool")
    assert table[0] == ["Tool", "Date", "Score", "What the screening indicates"]
    assert table[1] == ["PHQ-9", "20 November 2026", "6 out of 27", "Mild depression"]
    assert table[2] == ["GAD-7", "20 November 2026", "Incomplete (5 of 7 questions)", "Not completed"]
    assert table[3][2:] == ["8 out of 12", "Increasing or higher risk (AUDIT-C positive)"]
    assert table[4] == ["hads", "20 November 2026", "No score", "Not a tool psr-assist can score"]
    text = rd.all_text(sso_draft)
    assert "Screening with the PHQ-9 indicates: mild depression, with a score of 6 out of 27." in text
    assert "A screening result is not a diagnosis" in text
    assert "The GAD-7 was not completed (2 questions unanswered), so it gives no result." in text
    assert "The AUDIT-C result means the full AUDIT should follow; it has not been recorded." in text
    results_only = [t for t in rd.tables(sso_draft) if t[0] == ["Tool", "Date", "Result", "Screen positive"]][0]
    assert results_only[1][0] == "C-SSRS" and results_only[1][3] == "Yes"
    assert results_only[2][:3] == ["LDSQ", "20 November 2026", "Score 4"]
    assert "Action taken after the C-SSRS: Safety plan agreed; GP told the same day." in text
    assert "The C-SSRS and LDSQ are licensed tools. Their questions are not reproduced" in text


def test_critical_item_is_quoted_with_its_answer():
    case = sso_case()
    case.screening.results[0].answers = [1, 1, 1, 1, 0, 1, 1, 0, 2]
    text = rd.all_text(rd.reopen(build_report(case, draft=True, findings=[], today=TODAY)))
    assert ('Question 9 of the PHQ-9 ("Thoughts that you would be better off dead or of hurting yourself in '
            'some way") was answered "More than half the days".') in text


def test_rosh_table_lists_the_four_groups(sso_draft):
    table = rd.table_with_header(sso_draft, "Group")
    assert table == [
        ["Group", "Level of risk"],
        ["Children", "Low"],
        ["The public", "Medium"],
        ["A known adult", "Low"],
        ["Staff", "Low"],
    ]
    assert "The highest risk of serious harm to any group is assessed as medium." in rd.all_text(sso_draft)


def test_proposal_requirements_plan_and_consent(sso_draft):
    text = rd.all_text(sso_draft)
    assert ("The proposal is a suspended sentence order: 16 weeks' custody, suspended for 18 months, with a "
            "supervision period of 12 months and the requirements set out below.") in text  # one "with", not two
    assert "120 hours of unpaid work, to be completed within 12 months." in text
    assert "A curfew of 8 hours a day, for 3 months." in text
    assert "Provider: Eastmere Alcohol Service" in text
    assert "Arrangements have been or can be made for the treatment: yes" in text
    assert ("Dana Whitlock agreed to the alcohol treatment requirement on 24 November 2026, but written consent "
            "has not been recorded.") in text
    plan = rd.table_with_header(sso_draft, "Presenting issue")
    assert plan[0] == ["Presenting issue", "Link to offending or risk", "Intervention and provider",
                       "Requirement and timescale"]
    assert plan[1] == ["Binge drinking", "Drunk at the time of the offence",
                       "Alcohol treatment\nEastmere Alcohol Service", "Alcohol treatment requirement\nMonths 1 to 6"]
    assert "The court has indicated that it is not considering a custodial sentence." in text


def test_own_views_are_quoted_verbatim_in_their_own_style(sso_draft):
    quoted = [p for p in sso_draft.paragraphs if p.style.name == "Own Words"]
    assert [p.text for p in quoted] == ["I know I need to stop drinking before it costs me my job."]


def test_narrative_blank_lines_become_paragraphs(sso_draft):
    texts = [p.text for p in sso_draft.paragraphs]
    first = "Dana Whitlock struck a door supervisor after being refused entry to a bar."
    assert texts[texts.index(first) + 1] == "She had been drinking heavily since the afternoon."


def test_every_table_repeats_its_header_row_and_has_a_caption(sso_draft):
    assert len(sso_draft.tables) >= 8
    for table in sso_draft.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val"))
        header_styles = {p.style.name for cell in table.rows[0].cells for p in cell.paragraphs}
        assert header_styles == {"Table Heading"}


def test_no_table_row_is_split_across_two_pages(sso_draft):
    """A plan row broke across pages ("Drug rehabilitation" / "requirement"), reading as two rows."""
    for table in sso_draft.tables:
        for row in table._tbl.tr_lst:
            assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None
            names = [child.tag for child in row.trPr]
            if qn("w:tblHeader") in names:  # the schema's order: cantSplit before tblHeader
                assert names.index(qn("w:cantSplit")) < names.index(qn("w:tblHeader"))


# --------------------------------------------------------------------------- markings and properties


def test_protective_marking_in_header_and_footer_when_configured(sso_final):
    assert rd.header_texts(sso_final) == ["OFFICIAL-SENSITIVE"]
    footer = rd.footer_texts(sso_final)
    assert footer[-1] == "OFFICIAL-SENSITIVE"
    assert sso_final.core_properties.keywords == "OFFICIAL-SENSITIVE"


def test_no_marking_by_default(sso_draft):
    assert rd.header_texts(sso_draft) == ["DRAFT"]
    assert not any("OFFICIAL" in t for t in rd.footer_texts(sso_draft))
    assert sso_draft.core_properties.keywords == ""


def test_marking_with_descriptor_is_printed_in_capitals():
    document = rd.reopen(build_report(sso_case(), draft=True, findings=[], marking="official-sensitive - personal data",
                                      today=TODAY))
    assert rd.header_texts(document) == ["OFFICIAL-SENSITIVE - PERSONAL DATA", "DRAFT"]
    assert rd.footer_texts(document)[-1] == "OFFICIAL-SENSITIVE - PERSONAL DATA"


def test_final_without_marking_keeps_a_valid_empty_header():
    document = rd.reopen(build_report(sso_case(), draft=False, today=TODAY))
    assert rd.header_texts(document) == [""]
    assert len(rd.footer_texts(document)) == 1


def test_draft_is_marked_in_header_and_body(sso_draft):
    assert "DRAFT" in rd.header_texts(sso_draft)
    body_marks = [p for p in sso_draft.paragraphs if p.style.name == "Draft Marking"]
    assert len(body_marks) == 1
    assert body_marks[0].text == ("DRAFT: not for the court. The completeness check has 2 open findings, "
                                  "listed in the appendix.")


def test_page_x_of_y_fields_survive_filling_the_footer(sso_final):
    footer = sso_final.sections[0].footer
    assert rd.field_codes(footer._element) == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("Page ")


def test_document_properties(sso_final):
    props = sso_final.core_properties
    assert props.title == "Pre-sentence report – CRN Z123456"
    assert props.author == "Morwenna Tate" and props.last_modified_by == "Morwenna Tate"
    assert props.subject == "Standard delivery report (SDR) for Eastmere Crown Court hearing on 3 December 2026"
    assert props.language == "en-GB"
    assert props.comments == ""
    assert props.content_status == "Final"
    now = dt.datetime.now(dt.UTC)
    for stamp in (props.created, props.modified):
        assert abs((now - stamp.replace(tzinfo=dt.UTC)).total_seconds()) < 120


def test_no_library_or_template_names_anywhere_in_the_file():
    parts = rd.parts(build_report(sso_case(), draft=True, findings=FINDINGS, today=TODAY))
    blob = b"".join(parts.values())
    for leftover in (b"python-docx", b"generated by", b"Microsoft", b"thumbnail"):
        assert leftover not in blob
    assert b'w:val="en-GB"' in parts["word/styles.xml"]


# --------------------------------------------------------------------------- the draft appendix


def test_draft_appendix_lists_the_findings_it_is_given(sso_draft):
    table = rd.table_with_header(sso_draft, "Priority")
    assert table[0] == ["Priority", "Step", "Finding", "What to do"]
    assert table[1][0] == "Must fix" and table[1][2] == FINDINGS[0].message and table[1][3] == FINDINGS[0].fix
    assert table[2][0] == "Advice"
    assert table[1][1] != "sources"  # the step's title, not its id


def test_draft_appendix_comes_from_the_check_when_not_given():
    from psr_assist.domain.check import check_case

    case = empty_case()
    document = rd.reopen(build_report(case, draft=True, today=TODAY))
    table = rd.table_with_header(document, "Priority")
    assert len(table) - 1 == len(check_case(case, TODAY)) > 0


def test_final_ignores_findings():
    document = rd.reopen(build_report(sso_case(), draft=False, findings=FINDINGS, today=TODAY))
    assert FINDINGS[0].message not in rd.all_text(document)


# --------------------------------------------------------------------------- empty and partial cases


def test_empty_case_reads_naturally():
    document = rd.reopen(build_report(empty_case(), draft=True, findings=[], today=TODAY))
    text = rd.all_text(document)
    for sentence in (
        "No sources of information have been recorded.",
        "The offences before the court have not been recorded.",
        "No analysis of the offence has been recorded.",
        "Nothing has been recorded about the defendant's circumstances.",
        # What has not been recorded, never as a fact about the person ("No screening tools were used").
        "No previous treatment has been recorded.",
        "No screening has been recorded.",
        "No reoffending predictors have been recorded.",
        "No risk of serious harm levels have been recorded.",
        "The link between the defendant's mental health and the risk of harm has not been analysed.",
        "No sentence has been proposed yet.",
        "No requirements are proposed.",
        "No structured plan has been recorded.",
        # Not "consent is not needed": with no sentence yet, that is not known.
        "No sentence has been proposed yet, so whether consent to treatment is needed is not yet known.",
        "The defendant's own views have not been recorded.",
        "The completeness check found nothing open.",
    ):
        assert sentence in text
    assert not re.search(r"\bNone\b|\{\{|\}\}|\{%", text)
    assert h1s(document) == ["Sources of information", "Offence analysis", "Assessment", "Risk", "Proposal",
                             "Appendix: open findings (draft only)"]
    rosh = rd.table_with_header(document, "Group")
    assert [row[1] for row in rosh[1:]] == ["Not recorded"] * 4


@pytest.mark.parametrize("section", ["mental_health", "screening", "risk", "proposal", "person", "motivation",
                                     "comorbidity", "offence_analysis", "sources", "case_details"])
def test_each_section_alone_renders(section):
    """A case with only one part filled in (the rest empty) renders without a template error."""
    full = sso_case().model_dump()
    case = empty_case().model_copy(update={section: getattr(sso_case(), section)})
    assert full  # the source case is complete
    for draft in (True, False):
        document = build_report(case, draft=draft, findings=[], today=TODAY)
        assert "None" not in rd.all_text(document).split()


def test_adjournment_replaces_the_proposal():
    case = sso_case()
    case.proposal.adjournment.requested = True
    case.proposal.adjournment.weeks = 3
    case.proposal.adjournment.assessment_needed = "a psychiatric report"
    case.proposal.adjournment.from_whom = "the court psychiatry scheme"
    case.proposal.adjournment.reason = "Her needs are complex."
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))
    assert subheadings(document, "Proposal") == ["Request for an adjournment", "Checks not available on the day"]
    text = rd.all_text(document)
    assert "The court is asked to adjourn sentence for 3 weeks so that a further assessment can be made." in text
    assert "Assessment needed: a psychiatric report" in text
    assert "To be provided by: the court psychiatry scheme" in text
    assert "Reason: Her needs are complex." in text
    assert "Structured plan" not in [t for _, t in rd.headings(document)]


# --------------------------------------------------------------------------- oral report


def test_oral_report_is_a_short_record():
    document = rd.reopen(build_report(oral_case(), draft=False, today=TODAY))
    assert document.paragraphs[0].text == "Record of oral pre-sentence report"
    text = rd.all_text(document)
    assert STATUTORY in text and NOT_BINDING in text
    assert ("This is a record of the pre-sentence report given orally to Northgate Magistrates' Court on "
            "26 November 2026 by Priya Okafor.") in text
    assert h1s(document) == ["Sources of information", "Offence analysis", "Assessment", "Risk", "Proposal",
                             "Screening instrument notices", "Sign-off"]
    assert "I just want somewhere to live and to feel normal again." in text
    assert "Rehabilitation activity requirement: up to 15 days" in text
    # One to two pages: about 500 words of 12 pt text fill an A4 page with these tables.
    assert len(text.split()) < 800


def test_the_oral_record_carries_what_an_oral_report_must_cover():
    """prompts/profiles.yaml makes diversity, risks if custody and the impact of custody required
    in an oral report, and the check asks for them; the oral record left all of them out."""
    case = oral_case()
    case.person.disability = "Registered partially sighted; needs letters in large print."
    case.person.diversity_considered = True
    case.risk.risks_if_custody = "Lost his hostel place last time he was remanded."
    case.proposal.custody_position = "possible"
    case.proposal.custody_impact = "Custody would end his housing application."
    document = rd.reopen(build_report(case, draft=False, today=TODAY))
    text = rd.all_text(document)
    assert "Disability: Registered partially sighted; needs letters in large print." in text
    assert "These factors have been taken into account in the proposal." in text
    assert "Risks if custody: Lost his hostel place last time he was remanded." in text
    assert "A custodial sentence is possible in this case." in text
    assert "Custody would end his housing application." in text
    assert len(text.split()) < 800


# --------------------------------------------------------------------------- preview and examples


def test_report_text_says_what_the_docx_says(sso_draft):
    preview = report_text(sso_case(), draft=True, findings=FINDINGS, today=TODAY)
    for paragraph in sso_draft.paragraphs:
        if paragraph.text:
            assert paragraph.text in preview
    for table in rd.tables(sso_draft):
        for row in table[1:]:
            for cell in row:
                assert cell.split("\n")[0] in preview


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("draft", [True, False], ids=["draft", "final"])
def test_every_example_renders(path, draft):
    case = read_case_file(path)
    document = rd.reopen(build_report(case, draft=draft, today=TODAY))
    titles = h1s(document)
    core = ["Sources of information", "Offence analysis", "Assessment", "Risk", "Proposal"]
    assert [t for t in titles if t in core] == core
    assert titles[-1] == ("Appendix: open findings (draft only)" if draft else "Sign-off")
    if json.loads(path.read_text())["proposal"]["adjournment"].get("requested"):
        assert "Request for an adjournment" in subheadings(document, "Proposal")


# --------------------------------------------------------------------------- every example, draft and final


def _example_renders():
    from psr_assist.domain.check import check_case
    from psr_assist.domain.findings import has_blockers

    for path in EXAMPLES:
        yield pytest.param(path, True, id=f"{path.stem}-draft")
        # A final report is only ever produced for a case the check lets through.
        if not has_blockers(check_case(read_case_file(path), today=TODAY)):
            yield pytest.param(path, False, id=f"{path.stem}-final")


EXAMPLE_RENDERS = list(_example_renders())


@pytest.fixture(scope="module")
def rendered_examples():
    cache: dict[tuple[Path, bool], object] = {}

    def get(path: Path, draft: bool):
        if (path, draft) not in cache:
            cache[path, draft] = rd.reopen(build_report(read_case_file(path), draft=draft, today=TODAY))
        return cache[path, draft]

    return get


def test_some_example_is_rendered_final():
    assert sum(not p.values[1] for p in EXAMPLE_RENDERS) >= 3


@pytest.mark.parametrize(("path", "draft"), EXAMPLE_RENDERS)
def test_every_example_has_the_document_properties(path, draft, rendered_examples):
    case = read_case_file(path)
    props = rendered_examples(path, draft).core_properties
    crn = case.case_details.defendant.crn
    assert props.title.startswith("Pre-sentence report") or props.title.startswith("Oral")
    assert props.title.endswith(f" – CRN {crn}") if crn else "CRN" not in props.title
    author = case.case_details.author or case.sign_off.author_name or ""
    assert props.author == author and props.last_modified_by == author
    assert props.language == "en-GB"
    assert props.comments == "" and props.keywords == ""  # no marking asked for
    assert props.content_status == ("Draft" if draft else "Final")
    now = dt.datetime.now(dt.UTC)
    for stamp in (props.created, props.modified):
        assert abs((now - stamp.replace(tzinfo=dt.UTC)).total_seconds()) < 600


@pytest.mark.parametrize(("path", "draft"), EXAMPLE_RENDERS)
def test_every_example_table_repeats_its_header_row_and_has_a_caption(path, draft, rendered_examples):
    document = rendered_examples(path, draft)
    assert document.tables
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val"))
        assert {p.style.name for cell in table.rows[0].cells for p in cell.paragraphs} == {"Table Heading"}


@pytest.mark.parametrize(("path", "draft"), EXAMPLE_RENDERS)
def test_every_example_footer_has_page_x_of_y(path, draft, rendered_examples):
    document = rendered_examples(path, draft)
    for section in document.sections:
        footer = section.footer
        assert rd.field_codes(footer._element) == ["PAGE", "NUMPAGES"]
        assert footer.paragraphs[0].text.startswith("Page ")
    assert ("DRAFT" in rd.header_texts(document)) is draft


def test_the_preview_shows_label_and_value_tables_as_plain_lines():
    text = report_text(sso_case(), draft=True, findings=[], today=TODAY)
    name = sso_case().case_details.defendant.name
    assert f"  - Name: {name}\n" in text
    assert "Detail:" not in text and "Information:" not in text and "Level of risk:" not in text
    assert "Source: " in text  # a table of several columns keeps its column names
    # A finding's message ends in a full stop: the next column follows as a sentence, not ".;".
    drafted = report_text(sso_case(), draft=True, findings=FINDINGS, today=TODAY)
    assert ("Finding: There is no result for the police domestic abuse call-out check. What to do: Record the "
            "result of the domestic abuse check.") in drafted
    assert ".;" not in drafted


def test_what_someone_contacted_against_the_persons_wishes_said_is_left_out():
    """Found in tmux: a partner contacted though the defendant said no was quoted in the court
    copy. What they said is left out, and the report says so; someone not contacted, with a note
    of why, keeps the note."""
    from psr_assist.domain.case import SignificantOther

    case = sso_case()
    said = "He says she has been fine and there is nothing wrong with her."
    note = "She did not agree to me contacting him, so I did not."
    case.significant_others = [
        SignificantOther(name="Dariusz Example", relationship="Partner", consent_to_contact=False,
                         contacted_on=dt.date(2026, 5, 18), summary=said),
        SignificantOther(name="Alex Example", relationship="Brother", consent_to_contact=False, summary=note),
    ]
    text = report_text(case, draft=True, today=TODAY)
    assert said not in text
    assert ("Dariusz Example, partner: Dana Whitlock did not agree to them being contacted; they were contacted "
            "on 18 May 2026, and nothing they said is used in this report.") in text
    assert note in text and "Alex Example, brother: Dana Whitlock did not agree to them being contacted." in text


@pytest.mark.parametrize(
    "pronouns, learns, safe, words",
    [
        ("he/him", "How he learns best:", "What keeps him safe:", "in his own words"),
        ("She / Her", "How she learns best:", "What keeps her safe:", "in her own words"),
        ("they/them", "How they learn best:", "What keeps them safe:", "in their own words"),
        ("ze/zir", "How they learn best:", "What keeps them safe:", "in their own words"),  # never guessed
        # The answer holds the name as well (found in tmux: "Call me Jory, he/him" gave "their").
        ("Call me Dana, he/him", "How he learns best:", "What keeps him safe:", "in his own words"),
        ("Dana. She/her please", "How she learns best:", "What keeps her safe:", "in her own words"),
        ("Just Dana; they or she", "How they learn best:", "What keeps them safe:", "in their own words"),
        # The officer's words or a refusal never win over the pair the person gave (code review).
        ("Her name is Dana; pronouns they/them", "How they learn best:", "What keeps them safe:",
         "in their own words"),
        ("Call him Dan, they/them", "How they learn best:", "What keeps them safe:", "in their own words"),
        ("Dana - ze/zir, never he", "How they learn best:", "What keeps them safe:", "in their own words"),
        ("he", "How he learns best:", "What keeps him safe:", "in his own words"),
        (None, "How they learn best:", "What keeps them safe:", "in their own words"),
    ],
)
def test_the_report_speaks_of_the_person_with_the_pronouns_they_gave(pronouns, learns, safe, words):
    case = sso_case()
    case.case_details.defendant.pronouns = pronouns
    case.person.learning_style = "Short sessions."
    case.risk.risk_to_self.protective_factors = "Her mother."
    case.motivation.own_views = "I want help."
    text = report_text(case, draft=True, today=TODAY)
    assert f"{learns} Short sessions." in text
    assert f"{safe} Her mother." in text
    assert f"Dana Whitlock's views, {words}:" in text


def test_the_persons_account_of_the_offence_is_quoted_before_the_analysis():
    case = sso_case()
    case.offence_analysis.own_account = "I'd had a skinful and I lost it when he said no.\n\nI'm ashamed of it."
    doc = rd.reopen(build_report(case, draft=True, today=TODAY))
    texts = [p.text for p in doc.paragraphs]
    lead = texts.index("Dana Whitlock's account of the offence, in their own words:")
    assert texts[lead + 1 : lead + 3] == ["I'd had a skinful and I lost it when he said no.", "I'm ashamed of it."]
    quoted = {p.text for p in doc.paragraphs if p.style.name == "Own Words"}
    assert {"I'd had a skinful and I lost it when he said no.", "I'm ashamed of it."} <= quoted
    analysis = texts.index("Dana Whitlock struck a door supervisor after being refused entry to a bar.")
    assert texts.index("Offence analysis") < lead < analysis  # their words, then the officer's analysis
    # Without an account, no heading line is left standing alone.
    plain = [p.text for p in rd.reopen(build_report(sso_case(), draft=True, today=TODAY)).paragraphs]
    assert not any("account of the offence" in t for t in plain)


def test_a_total_below_the_cut_off_never_stands_alone_beside_a_critical_answer():
    """CORE-10 total 1 ("Healthy or low-level problems") with "I made plans to end my life":
    the band must not read as reassurance on its own, in the sentence or in the table."""
    from psr_assist.domain.case import ScreeningResult

    case = sso_case()
    case.screening.results = [ScreeningResult(instrument="core10", administered_on=TODAY,
                                              answers=[0, 4, 4, 0, 0, 1, 0, 0, 0, 0])]
    text = rd.all_text(rd.reopen(build_report(case, draft=True, findings=[], today=TODAY)))
    # domain.md §4.6: a low total with the risk item above zero is not a low-risk result. The band's
    # words ("Healthy or low-level problems") had still led the table cell.
    assert ("The CORE-10 total of 1 out of 40 falls in its lowest band: healthy or low-level problems (below the "
            "clinical cut-off). But a critical item was answered, so this is not a low-risk result.\n"
            'Question 6 of the CORE-10 ("I made plans to end my life") was answered "Only occasionally". '
            "Whatever the total, this is a critical item") in text
    assert "indicates: healthy" not in text
    table = rd.table_with_header(rd.reopen(build_report(case, draft=True, findings=[], today=TODAY)), "Tool")
    assert table[1][-1] == "Critical item: question 6 (not a low-risk result, whatever the total)"
    # Above the lowest band, the band's words stand, with the critical item beside them.
    case.screening.results[0].answers = [4, 4, 4, 4, 4, 1, 4, 4, 0, 0]
    table = rd.table_with_header(rd.reopen(build_report(case, draft=True, findings=[], today=TODAY)), "Tool")
    assert table[1][-1].endswith("; critical item: question 6") and not table[1][-1].startswith("Critical")
    case.screening.results[0].answers = [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]  # no critical answer: no such words
    text = rd.all_text(rd.reopen(build_report(case, draft=True, findings=[], today=TODAY)))
    assert "critical item" not in text


@pytest.mark.parametrize(
    ("concerns", "summary", "said"),
    [
        ("yes", "Three call-outs since 2024.", "concerns were identified."),
        ("yes", None, "concerns were identified; what they were has not been recorded."),
        ("no", None, "no concerns were identified."),
        ("unknown", None, "it is not known whether concerns were identified."),
        (None, None, "whether concerns were identified has not been recorded."),
    ],
)
def test_the_report_says_what_the_domestic_abuse_and_safeguarding_checks_found(concerns, summary, said):
    """The check asks whether each check found concerns, but the report never said: without a
    summary, a high-risk domestic abuse report read as if the checks had found nothing."""
    case = oral_case()  # both checks received, no concerns
    case.sources[-2].concerns_identified = concerns
    case.sources[-2].summary = summary
    case.sources[-1].status = "requested"
    text = rd.all_text(rd.reopen(build_report(case, draft=True, today=TODAY)))
    assert f"Police domestic abuse call-outs: {said}" in text
    # Only a check received says what it found; one still awaited says it is awaited.
    assert "Safeguarding (children's social care): requested" in text
    assert "Safeguarding (children's social care): no concerns" not in text
    assert text.count(f"Police domestic abuse call-outs: {said}") == 1


def test_each_treatment_requirement_lists_its_own_statutory_conditions():
    """The report printed one generic list for a DRR or ATR (no dependency condition) and said
    arrangements "have been made" where the law says "have been or can be made"."""
    from psr_assist.domain.case import RequirementKind
    from psr_assist.domain.requirements import STATUTORY_CONDITIONS

    case = read_case_file(Path(__file__).resolve().parents[2] / "examples" / "community-order-dual-diagnosis.json")
    text = rd.all_text(rd.reopen(build_report(case, draft=True, today=TODAY)))
    for kind in (RequirementKind.MENTAL_HEALTH_TREATMENT, RequirementKind.DRUG_REHABILITATION):
        for _, condition in STATUTORY_CONDITIONS[kind]:
            assert f"{condition[0].upper()}{condition[1:]}: yes" in text
    assert "The defendant is dependent on, or has a propensity to misuse, drugs" in text
    assert "Arrangements for the treatment have been made" not in text


def test_diversity_is_said_to_inform_a_proposal_only_where_there_is_one():
    """An adjournment report, which proposes no sentence, said the factors had been taken into
    account "in the proposal"."""
    adjourning = read_case_file(Path(__file__).resolve().parents[2] / "examples" / "fdr-adjournment-psychiatric-report.json")
    assert adjourning.person.diversity_considered is True and adjourning.proposal.adjournment.requested
    text = rd.all_text(rd.reopen(build_report(adjourning, draft=True, today=TODAY)))
    assert "taken into account in the proposal" not in text
    assert "These factors have been taken into account in this report, and will be in the proposal after the adjournment." in text
    proposing = sso_case()
    proposing.person.diversity_considered = True
    assert "These factors have been taken into account in the proposal." in rd.all_text(
        rd.reopen(build_report(proposing, draft=True, today=TODAY))
    )


def test_who_diagnosed_and_the_source_are_separate_paragraphs_of_the_cell():
    """"Affective Disorders Team (working impression) (Eastbrook … by telephone), 2024": the
    officer's own brackets and the report's ran together."""
    from psr_assist.domain.case import Diagnosis

    case = sso_case()
    case.mental_health.diagnoses = [Diagnosis(condition="Depressive disorder", status="suspected",
                                              diagnosed_by="Mood team (working impression)",
                                              source="Mood team by telephone", year=2024)]
    table = rd.table_with_header(rd.reopen(build_report(case, draft=True, today=TODAY)), "Condition")
    assert table[1][-1] == "Mood team (working impression), 2024\nSource: Mood team by telephone"


def test_a_check_with_a_summary_says_what_it_found_once_at_the_head_of_its_summary():
    """Found in tmux: "…: no concerns were identified." then, further down, the same check again
    with its summary. Now one paragraph: what it found, then what it said."""
    from psr_assist.domain.case import Source, SourceKind, SourceStatus, YesNoUnknown

    case = sso_case()
    case.sources.append(Source(kind=SourceKind.SAFEGUARDING, label="Eastmere children's services",
                               status=SourceStatus.RECEIVED, received_on=TODAY,
                               concerns_identified=YesNoUnknown.NO, summary="Not known to children's services."))
    text = rd.all_text(rd.reopen(build_report(case, draft=True, today=TODAY)))
    line = ("Safeguarding (children's social care): Eastmere children's services: No concerns were identified. "
            "Not known to children's services.")
    assert line in text
    assert text.count("Eastmere children's services: no concerns were identified") == 0
    assert text.count("Not known to children's services.") == 1
