"""User text is text: whatever an officer types comes out exactly, and is never run as a template."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from psr_assist.domain.case import Motivation, OffenceAnalysis
from psr_assist.render import build_companion, build_report, companion_text, report_text
from tests.render import docx_read as rd
from tests.render.cases import TODAY, sso_case

HOSTILE = [
    "Tom & Jerry <Ltd> \"quoted\" 'single' > less < more",
    "{{ 7*7 }} {% if true %}yes{% endif %} {# not a comment #} ${x} %(name)s {0}",
    "{{ cycler.__init__.__globals__.os.getpid() }}",
    "Emoji 😀👍🏽 and Zoë O’Brien-Łukasiewicz paid £20 – “fine”",
    "<w:p>not xml</w:p> ]]> <![CDATA[x]]> &amp; &#x41; \\n",
    "None",
    "line one\nline two\twith a tab",
]
ARABIC = "قال إنه يريد المساعدة"
HEBREW = "הוא אמר שהוא רוצה עזרה"


def _case_with(text: str):
    case = sso_case()
    case.case_details.defendant.name = text.split("\n")[0][:300]
    case.offence_analysis.analysis = text
    case.motivation.own_views = text
    case.sources[3].summary = text
    case.sources[3].label = text.split("\n")[0][:300]
    case.proposal.plan[0].presenting_issue = text.split("\n")[0][:300]
    case.proposal.rationale = text
    case.person.strengths = text
    return case


@pytest.mark.parametrize("text", HOSTILE + [ARABIC, HEBREW], ids=range(len(HOSTILE) + 2))
def test_hostile_text_round_trips_exactly(text):
    case = _case_with(text)
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))
    paragraphs = [p.text for p in document.paragraphs]
    # Narrative fields: their own paragraph, exactly.
    assert paragraphs.count(text) >= 3  # offence analysis, rationale, strengths
    own_words = [p.text for p in document.paragraphs if p.style.name == "Own Words"]
    assert own_words == [text]
    # A labelled paragraph: label, a space, then the text exactly.
    first_line = text.split("\n")[0]
    assert f"GP: {first_line}: {text}" in paragraphs
    # Table cells.
    plan = rd.table_with_header(document, "Presenting issue")
    assert plan[1][0] == first_line
    front = dict(rd.tables(document)[0][1:])
    assert front["Name"] == first_line
    # Names inside sentences.
    assert f"{first_line} was found guilty after a trial." in paragraphs
    # The preview and the companion carry the same text.
    assert text in report_text(case, draft=True, findings=[], today=TODAY)
    assert f"This is for {first_line}." in companion_text(case, today=TODAY)
    companion = rd.reopen(build_companion(case, today=TODAY))
    # The name inside a sentence of the companion's Word file, exactly (the plan's own words are not copied there).
    assert any(p.text.startswith(f"This is for {first_line}. ") for p in companion.paragraphs)


def test_template_syntax_in_user_text_is_never_evaluated():
    case = _case_with("{{ 7*7 }} and {{ cycler.__init__.__globals__.os.getpid() }}")
    text = rd.all_text(rd.reopen(build_report(case, draft=True, findings=[], today=TODAY)))
    assert "49" not in text
    assert "{{ cycler.__init__.__globals__.os.getpid() }}" in text


def test_right_to_left_paragraphs_are_marked_right_to_left():
    case = _case_with(ARABIC)
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))

    def bidi(paragraph) -> bool:
        ppr = paragraph._p.pPr
        return ppr is not None and ppr.find(qn("w:bidi")) is not None

    arabic_only = [p for p in document.paragraphs if p.text == ARABIC]
    english_with_name = [p for p in document.paragraphs if p.text.startswith(ARABIC + " was found guilty")]
    assert len(arabic_only) >= 3 and english_with_name
    assert all(bidi(p) for p in arabic_only)
    assert not any(bidi(p) for p in english_with_name)
    assert not any(bidi(p) for p in document.paragraphs if p.text.isascii())


def test_characters_xml_cannot_hold_are_removed_not_fatal():
    case = sso_case()
    # Bypass the model's own cleaning (as a future field or import path might) to test the renderer's guard.
    case.offence_analysis = OffenceAnalysis.model_construct(analysis="a\x00b\x07c\ufffed\x0be\ud800f\x1fg\r\nh")
    case.motivation = Motivation.model_construct(own_views="said \x01\x02hello\x0c")
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))
    paragraphs = [p.text for p in document.paragraphs]
    assert "abcdef" + "g\nh" in paragraphs
    assert "said hello" in paragraphs


def test_a_100000_character_paragraph_comes_out_whole():
    words = " ".join(f"word{i}" for i in range(20_000))[:99_999] + "."
    assert len(words) == 100_000
    case = sso_case()
    case.offence_analysis = OffenceAnalysis.model_construct(analysis=words)
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))
    assert words in [p.text for p in document.paragraphs]


def test_leading_and_trailing_spaces_inside_text_are_kept():
    case = sso_case()
    case.proposal.rationale = "First line\n   indented second line  \nthird"
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))
    assert "First line\n   indented second line  \nthird" in [p.text for p in document.paragraphs]


def test_a_pasted_direction_override_cannot_reverse_words_in_the_report():
    case = _case_with("The defendant said \u202eon\u202c to treatment.")
    document = rd.reopen(build_report(case, draft=True, findings=[], today=TODAY))
    text = rd.all_text(document)
    assert "The defendant said on to treatment." in text
    assert not any(mark in text for mark in "\u202a\u202b\u202c\u202d\u202e")
