"""Blocks into Word: python-docx filling ``docx_templates/base.docx``.

The base template owns the look (styles, A4, header and footer with the page fields); this
module adds the body, fills or removes the empty marking paragraphs in the header and footer
and sets the document properties. It never assigns ``.text`` to a paragraph of the template
(that would delete the PAGE / NUMPAGES fields).

lxml escapes text for XML itself, so the officer's text goes in exactly as typed:
``&``, ``<``, ``{{ }}``, emoji and right-to-left scripts included. A paragraph whose first
written mostly in a right-to-left script (Arabic, Hebrew, ...) is marked as a right-to-left
paragraph so Word lays it out the right way round.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import unicodedata
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml.etree import SubElement

from psr_assist.domain.content_errors import ContentError
from psr_assist.render.blocks import Bullets, DocumentSpec, Heading, Para, Table, Title

LANGUAGE = "en-GB"

# Paragraph and table styles of base.docx, by style id (checked when a document is opened).
STYLE_IDS = {
    "title": "Title",
    "heading1": "Heading1",
    "heading2": "Heading2",
    "heading3": "Heading3",
    "body": "Normal",
    "statutory": "Normal",
    "own_words": "OwnWords",
    "draft": "DraftMarking",
    "bullet": "ListBullet",
    "table": "TableGrid",
    "table_text": "TableText",
    "table_heading": "TableHeading",
}
MARKING_STYLE_ID = "ProtectiveMarking"
DRAFT_STYLE_ID = "DraftMarking"
DRAFT_HEADER_TEXT = "DRAFT"
# Text width of the base template (A4 less two 2 cm margins), in twentieths of a point.
TEXT_WIDTH_TWIPS = 9638
# Space between a table and a paragraph that follows it (12 pt).
SPACE_AFTER_TABLE = 240

_W_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BREAKS = re.compile(r"(\n|\t)")


def base_template_path() -> Path:
    from psr_assist.render.prose import templates_dir

    return templates_dir() / "base.docx"


@functools.lru_cache(maxsize=2)
def _base_bytes(path: Path) -> bytes:
    return path.read_bytes()


def open_base(path: Path | None = None) -> Document:
    """A fresh document from the base template (read from disk once per process)."""
    path = (path or base_template_path()).resolve()
    document = docx.Document(io.BytesIO(_base_bytes(path)))
    styles = document.styles.element
    missing = sorted({sid for sid in STYLE_IDS.values() if styles.get_by_id(sid) is None})
    if missing:
        raise ContentError(f"{path.name}: style(s) missing: {', '.join(missing)}; rebuild it with build_base.py")
    return document


def _is_rtl(text: str) -> bool:
    """Is the text mostly right-to-left (more strongly RTL letters than LTR ones)?

    "قال إنه is before the court" stays left-to-right: one Arabic name at the start of an English
    sentence must not flip the whole sentence.
    """
    if text.isascii():
        return False
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            ltr += 1
        elif kind in ("R", "AL"):
            rtl += 1
    return rtl > ltr


def _add_run(paragraph, text: str, *, bold: bool = False) -> None:
    """A run holding ``text``: new lines become line breaks, tabs become tabs."""
    run = SubElement(paragraph, qn("w:r"))
    if bold:
        SubElement(SubElement(run, qn("w:rPr")), qn("w:b"))
    for piece in _BREAKS.split(text):
        if piece == "\n":
            SubElement(run, qn("w:br"))
        elif piece == "\t":
            SubElement(run, qn("w:tab"))
        elif piece:
            node = SubElement(run, qn("w:t"))
            node.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                node.set(_W_SPACE, "preserve")


def _new_paragraph(style_id: str | None, text: str = "", *, label: str | None = None, space_before: int = 0):
    """A ``w:p`` with a style, an optional bold label and the text; right-to-left if the text is.

    ``space_before`` (twentieths of a point) separates a paragraph from a table above it.
    """
    paragraph = OxmlElement("w:p")
    rtl = _is_rtl((label or "") + text)
    if (style_id and style_id != "Normal") or rtl or space_before:
        ppr = SubElement(paragraph, qn("w:pPr"))
        if style_id and style_id != "Normal":
            SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), style_id)
        if rtl:
            # Schema order: w:pStyle ... w:bidi ... w:spacing.
            SubElement(ppr, qn("w:bidi"))
        if space_before:
            SubElement(ppr, qn("w:spacing")).set(qn("w:before"), str(space_before))
    if label:
        _add_run(paragraph, label + (" " if text else ""), bold=True)
    if text:
        _add_run(paragraph, text)
    return paragraph


def _cell_xml(width: int, style_id: str, text: str):
    from psr_assist.render.prose import paragraphs

    cell = OxmlElement("w:tc")
    tcw = SubElement(SubElement(cell, qn("w:tcPr")), qn("w:tcW"))
    tcw.set(qn("w:w"), str(width))
    tcw.set(qn("w:type"), "dxa")
    # Blank lines in a cell start new paragraphs; a cell always holds at least one paragraph.
    for part in paragraphs(text) or [""]:
        cell.append(_new_paragraph(style_id, part))
    return cell


def _table_xml(block: Table):
    columns = len(block.columns)
    weights = block.widths if len(block.widths) == columns else (1.0,) * columns
    total = sum(weights)
    widths = [int(TEXT_WIDTH_TWIPS * weight / total) for weight in weights]

    table = OxmlElement("w:tbl")
    tbl_pr = SubElement(table, qn("w:tblPr"))
    SubElement(tbl_pr, qn("w:tblStyle")).set(qn("w:val"), STYLE_IDS["table"])
    tbl_w = SubElement(tbl_pr, qn("w:tblW"))
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    SubElement(tbl_pr, qn("w:tblLayout")).set(qn("w:type"), "fixed")
    look = SubElement(tbl_pr, qn("w:tblLook"))
    for name, value in (("val", "04A0"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                        ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
        look.set(qn(f"w:{name}"), value)
    # Accessibility: a caption and description that screen readers announce.
    SubElement(tbl_pr, qn("w:tblCaption")).set(qn("w:val"), block.caption)
    if block.description:
        SubElement(tbl_pr, qn("w:tblDescription")).set(qn("w:val"), block.description)
    grid = SubElement(table, qn("w:tblGrid"))
    for width in widths:
        SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(width))

    header = SubElement(table, qn("w:tr"))
    # A row is kept on one page (a plan row split as "Drug rehabilitation" / "requirement" across
    # two pages reads as two rows); the header row repeats on every page and is declared a header
    # for screen readers. In trPr, cantSplit comes before tblHeader (the schema's order).
    header_pr = SubElement(header, qn("w:trPr"))
    SubElement(header_pr, qn("w:cantSplit"))
    SubElement(header_pr, qn("w:tblHeader"))
    for width, text in zip(widths, block.columns, strict=True):
        header.append(_cell_xml(width, STYLE_IDS["table_heading"], text))
    for values in block.rows:
        row = SubElement(table, qn("w:tr"))
        SubElement(SubElement(row, qn("w:trPr")), qn("w:cantSplit"))
        for width, text in zip(widths, values, strict=True):
            row.append(_cell_xml(width, STYLE_IDS["table_text"], text))
    return table


def _style_id(paragraph) -> str | None:
    ppr = paragraph._p.pPr
    if ppr is None or ppr.pStyle is None:
        return None
    return ppr.pStyle.val


def _fill_header_footer(document: Document, *, marking: str | None, draft: bool) -> None:
    """Fill the template's empty marking paragraphs; remove the ones not wanted."""
    for section in document.sections:
        for part in (section.header, section.footer):
            kept = 0
            unwanted = []
            for paragraph in part.paragraphs:
                style = _style_id(paragraph)
                if style == MARKING_STYLE_ID:
                    text = marking
                elif style == DRAFT_STYLE_ID:
                    text = DRAFT_HEADER_TEXT if draft else None
                else:
                    kept += 1
                    continue
                if text:
                    paragraph.add_run(text)
                    kept += 1
                else:
                    unwanted.append(paragraph)
            # A header or footer must keep at least one paragraph: leave one empty if need be.
            for paragraph in unwanted[: len(unwanted) if kept else len(unwanted) - 1]:
                paragraph._p.getparent().remove(paragraph._p)


# Word's core properties hold at most 255 characters each (python-docx refuses longer ones).
_PROPERTY_MAX = 255


def _prop(value: str | None) -> str:
    text = value or ""
    return text if len(text) <= _PROPERTY_MAX else text[: _PROPERTY_MAX - 1] + "…"


def _set_properties(document: Document, spec: DocumentSpec, now: dt.datetime) -> None:
    props = document.core_properties
    props.title = _prop(spec.title)
    props.subject = _prop(spec.subject)
    props.author = _prop(spec.author)
    props.last_modified_by = _prop(spec.author)
    props.keywords = _prop(spec.marking)
    props.comments = ""
    props.category = _prop(spec.category)
    props.content_status = "Draft" if spec.draft else "Final"
    props.language = LANGUAGE
    props.created = now
    props.modified = now
    props.revision = 1


def to_docx(spec: DocumentSpec, *, now: dt.datetime | None = None, base: Path | None = None) -> Document:
    """Write the blocks into a fresh copy of the base template."""
    document = open_base(base)
    body = document.element.body
    end = body.sectPr  # new content goes before the section properties

    def add(element) -> None:
        if end is not None:
            end.addprevious(element)
        else:
            body.append(element)

    after_table = False
    for block in spec.blocks:
        gap = SPACE_AFTER_TABLE if after_table else 0
        after_table = isinstance(block, Table)
        if isinstance(block, Para):
            add(_new_paragraph(STYLE_IDS[block.style], block.text, label=block.label, space_before=gap))
        elif isinstance(block, Heading):
            add(_new_paragraph(STYLE_IDS[f"heading{block.level}"], block.text))
        elif isinstance(block, Table):
            add(_table_xml(block))
        elif isinstance(block, Bullets):
            for index, item in enumerate(block.items):
                add(_new_paragraph(STYLE_IDS["bullet"], item, space_before=gap if index == 0 else 0))
        elif isinstance(block, Title):
            add(_new_paragraph(STYLE_IDS["title"], block.text))
        else:  # pragma: no cover - a new block type without a writer
            raise TypeError(f"no Word writer for {type(block).__name__}")
    _fill_header_footer(document, marking=spec.marking, draft=spec.draft)
    _set_properties(document, spec, (now or dt.datetime.now(dt.UTC)).replace(microsecond=0))
    return document
