"""A document as a list of plain blocks, before it becomes Word or text.

The report and the companion are built once as blocks (pure Python, no python-docx); the Word
writer (``docx_writer``) and the plain-text preview (:func:`to_text`) both read the same blocks,
so the preview on the review screen says exactly what the exported file says.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1-3
    text: str


@dataclass(frozen=True)
class Para:
    """One paragraph. ``label`` (bold, in the same paragraph) leads into ``text``."""

    text: str
    style: str = "body"  # body | own_words | draft | statutory
    label: str | None = None


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths (same length as ``columns``); equal when empty.
    widths: tuple[float, ...] = ()
    description: str = ""


Block = Title | Heading | Para | Bullets | Table


@dataclass
class DocumentSpec:
    """Everything a writer needs: blocks plus the document's properties and markings."""

    title: str
    subject: str
    author: str
    marking: str | None
    draft: bool
    category: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self) -> list[tuple[int, str]]:
        return [(b.level, b.text) for b in self.blocks if isinstance(b, Heading)]


def to_text(spec: DocumentSpec, width: int = 80) -> str:
    """A plain-text rendering of the blocks (for previews): headings underlined, tables as lists."""
    out: list[str] = []
    if spec.marking:
        out += [spec.marking, ""]
    for block in spec.blocks:
        if isinstance(block, Title):
            out += [block.text, "=" * min(len(block.text), width), ""]
        elif isinstance(block, Heading):
            underline = {1: "=", 2: "-"}.get(block.level)
            if out and out[-1] != "":
                out.append("")
            out.append(block.text)
            if underline:
                out.append(underline * min(len(block.text), width))
            out.append("")
        elif isinstance(block, Para):
            text = f"{block.label} {block.text}" if block.label else block.text
            if block.style == "own_words":
                text = "\n".join("    " + line for line in text.split("\n"))
            out += [text, ""]
        elif isinstance(block, Bullets):
            out += [f"  - {item}" for item in block.items]
            out.append("")
        elif isinstance(block, Table):
            for row in block.rows:
                if len(block.columns) == 2:  # a label and its value: "Name: …", not "Detail: Name; Information: …"
                    label, value = (tuple(row) + ("", ""))[:2]
                    if value:
                        out.append(f"  - {label}: {value}".replace("\n", "\n      "))
                    continue
                cells = [
                    f"{col}: {val}".replace("\n", "\n      ")
                    for col, val in zip(block.columns, row, strict=False)
                    if val
                ]
                line = ""
                for cell in cells:
                    # "…not yet received. What to do: …", never "received.; What to do".
                    line += cell if not line else (" " if line.rstrip().endswith((".", "!", "?")) else "; ") + cell
                out.append("  - " + line)
            out.append("")
    if spec.marking:
        out += [spec.marking, ""]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
