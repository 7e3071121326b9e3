"""Reading an exported document back, the way a test (or a reviewer) sees it."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from psr_assist.render.files import document_bytes


def reopen(document: Document) -> Document:
    """Save to bytes and open again: what Word would read, not the objects we built."""
    return docx.Document(io.BytesIO(document_bytes(document)))


def parts(document: Document) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(document_bytes(document))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def body(document: Document) -> list[Paragraph | Table]:
    return list(document.iter_inner_content())


def headings(document: Document) -> list[tuple[int, str]]:
    found = []
    for p in document.paragraphs:
        name = p.style.name
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), p.text))
    return found


def table_cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables(document: Document) -> list[list[list[str]]]:
    return [table_cells(t) for t in document.tables]


def table_with_header(document: Document, first_header: str) -> list[list[str]]:
    for t in document.tables:
        cells = table_cells(t)
        if cells and cells[0][0] == first_header:
            return cells
    raise AssertionError(f"no table whose first header cell is {first_header!r}")


def header_texts(document: Document) -> list[str]:
    return [p.text for p in document.sections[0].header.paragraphs]


def footer_texts(document: Document) -> list[str]:
    return [p.text for p in document.sections[0].footer.paragraphs]


def field_codes(part_element) -> list[str]:
    return [node.text.strip() for node in part_element.iter(qn("w:instrText"))]


def all_text(document: Document) -> str:
    """Every paragraph and table cell of the body, in order, one per line."""
    lines: list[str] = []
    for item in body(document):
        if isinstance(item, Paragraph):
            lines.append(item.text)
        else:
            for row in item.rows:
                lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def extracted_text(document: Document) -> str:
    """The golden-file view: header, body (style-tagged paragraphs, tables as rows), footer."""
    lines = [f"[header] {t}" for t in header_texts(document)]
    for item in body(document):
        if isinstance(item, Paragraph):
            lines.append(f"[{item.style.name}] {item.text}")
        else:
            lines.append("[table]")
            for row in item.rows:
                lines.append("  | " + " | ".join(cell.text.replace("\n", " / ") for cell in row.cells))
    lines += [f"[footer] {t}" for t in footer_texts(document)]
    return "\n".join(lines) + "\n"
