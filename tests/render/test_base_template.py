"""The styled base every document starts from: docx_templates/base.docx (built by build_base.py)."""

from __future__ import annotations

import importlib.util
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from psr_assist.paths import docx_templates_dir
from psr_assist.render.docx_writer import STYLE_IDS, open_base

BASE = docx_templates_dir() / "base.docx"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_base", docx_templates_dir() / "build_base.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def base():
    return docx.Document(str(BASE))


@pytest.fixture(scope="module")
def base_parts():
    with zipfile.ZipFile(BASE) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_committed_base_is_exactly_what_the_build_script_makes():
    assert BASE.read_bytes() == _build_module().build(), "run: python docx_templates/build_base.py"


def test_every_style_the_renderer_uses_exists(base):
    ids = {style.style_id for style in base.styles}
    assert set(STYLE_IDS.values()) <= ids
    names = {style.name for style in base.styles}
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid", "Header", "Footer",
                 "Protective Marking", "Draft Marking", "Own Words"):
        assert name in names
    open_base()  # and the renderer's own check passes


def test_headings_are_real_outline_levels(base):
    for level in (1, 2, 3):
        style = base.styles[f"Heading {level}"]
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline is not None and outline.get(qn("w:val")) == str(level - 1)


def test_body_text_is_sans_serif_at_least_12pt_british_english_left_aligned(base_parts):
    styles = base_parts["word/styles.xml"].decode()
    assert 'w:ascii="Arial"' in styles
    assert '<w:sz w:val="24"/>' in styles  # 12 pt in half-points
    assert '<w:lang w:val="en-GB"' in styles
    assert "en-US" not in styles
    assert 'w:val="both"' not in styles  # never justified
    assert "<w:i/>" not in styles  # no italics (GDS accessible documents)


def test_every_font_size_is_at_least_12pt(base_parts):
    import re

    sizes = [int(s) for s in re.findall(r'<w:sz w:val="(\d+)"/>', base_parts["word/styles.xml"].decode())]
    assert sizes and min(sizes) >= 24


def test_page_is_a4_with_one_default_header_and_footer(base):
    section = base.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert not section.different_first_page_header_footer
    assert not base.settings.odd_and_even_pages_header_footer
    sect = section._sectPr
    refs = [(r.tag.split("}")[1], r.get(qn("w:type"))) for r in sect if r.tag in
            (qn("w:headerReference"), qn("w:footerReference"))]
    assert sorted(refs) == [("footerReference", "default"), ("headerReference", "default")]


def test_footer_has_page_x_of_y_fields_and_marking_slots(base):
    footer = base.sections[0].footer
    codes = [node.text.strip() for node in footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text == "Page 1 of 1"  # cached values; the real ones come at layout
    header_styles = [p.style.name for p in base.sections[0].header.paragraphs]
    footer_styles = [p.style.name for p in footer.paragraphs]
    assert header_styles == ["Protective Marking", "Draft Marking"]
    assert footer_styles[-1] == "Protective Marking"


def test_no_leftover_template_metadata(base, base_parts):
    props = base.core_properties
    assert props.author == "" and props.last_modified_by == "" and props.comments == ""
    assert props.language == "en-GB"
    assert not any("thumbnail" in name for name in base_parts)
    everything = b"".join(base_parts.values())
    for leftover in (b"python-docx", b"Microsoft", b"Normal.dotm", b"customXml", b"rsid"):
        assert leftover not in everything


def test_base_opens_in_python_docx_from_memory():
    document = docx.Document(io.BytesIO(BASE.read_bytes()))
    assert document.paragraphs == []  # the body is empty: the renderer fills it
