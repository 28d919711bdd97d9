#!/usr/bin/env python3
"""Build templates/docx/document.docx with python-docx, deterministically.

Every document is filled into this one layout; only the strings differ, and they come from the view.
The Jinja tags are docxtpl's:

    {%p for block in blocks %}            one paragraph per tag, removed on render
      {%p if block.table %}               a bordered data table: header row, then one row per item,
                                          columns looped with {%tc %} and sized from block.twips
      {%p else %}                         a borderless table with one cell per column ({{p cell }})
      {%p endif %}
    {%p endfor %}
    QR code and the verification text     {{ qr }} and {{p qr_caption }}

Run ``python tools/build_docx_templates.py`` after changing this file; CI checks the committed
templates are what this script builds.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzdocs.render.determinism import write_zip  # noqa: E402
from kzdocs.render.docx import PAGE_MARGINS_MM  # noqa: E402

FONT = "Times New Roman"
LEFT, CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
#: name → (alignment, bold, italic, space after in pt, space before in pt, underline border)
STYLES = {
    "KzBody": (JUSTIFY, False, False, 2, 0, False),
    "KzIssuer": (CENTER, True, False, 0, 0, False),
    "KzSmall": (CENTER, False, False, 0, 0, False),
    "KzNumber": (LEFT, False, False, 2, 0, False),
    "KzTitle": (CENTER, True, False, 1, 3, False),
    "KzSubtitle": (CENTER, False, False, 2, 0, False),
    "KzHeading": (CENTER, True, False, 2, 3, False),
    "KzCenter": (CENTER, True, False, 2, 0, False),
    "KzRight": (RIGHT, False, False, 2, 0, False),
    "KzLabel": (LEFT, False, False, 2, 0, False),
    "KzItem": (LEFT, False, False, 1, 0, False),
    "KzBlank": (CENTER, False, True, 0, 2, True),
    "KzCaption": (CENTER, False, False, 3, 0, False),
    "KzSignature": (LEFT, False, False, 0, 6, False),
}


def add_styles(document: Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, (align, bold, italic, after, before, underline) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.bold = bold
        style.font.italic = italic
        style.paragraph_format.alignment = align
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.space_before = Pt(before)
        if underline:
            borders = OxmlElement("w:pBdr")
            bottom = OxmlElement("w:bottom")
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "000000")):
                bottom.set(qn(key), value)
            borders.append(bottom)
            style.element.get_or_add_pPr().append(borders)


#: Child order of w:tblPr required by the schema (Word and LibreOffice ignore misplaced ones).
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def table_properties(table: object, borders: str | None) -> None:
    """Full width, fixed layout, and no borders (``nil``) or the table style's (``None``), in schema order."""
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    for child in list(tbl_pr):
        if child.tag in (qn("w:tblW"), qn("w:tblBorders"), qn("w:tblLayout")):
            tbl_pr.remove(child)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), "5000")
    width.set(qn("w:type"), "pct")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    children = [*tbl_pr, width, layout]
    if borders is not None:
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), borders)
            edges.append(element)
        children.append(edges)
    for child in children:
        if child.getparent() is tbl_pr:
            tbl_pr.remove(child)
    for child in sorted(children, key=lambda c: TBLPR_ORDER.index(c.tag.split("}")[1])):
        tbl_pr.append(child)


def tag(cell: object, text: str) -> None:
    cell.paragraphs[0].text = text  # type: ignore[attr-defined]


def sized_cell(cell: object, text: str) -> None:
    """A looped cell whose width comes from ``block.twips``."""
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    width = tc_pr.find(qn("w:tcW"))
    if width is None:
        width = OxmlElement("w:tcW")
        tc_pr.append(width)
    width.set(qn("w:w"), "{{ block.twips[loop.index0] }}")
    width.set(qn("w:type"), "dxa")
    tag(cell, text)


def looped_row(table: object, row: int, content: str) -> None:
    cells = table.rows[row].cells  # type: ignore[attr-defined]
    tag(cells[0], "{%tc for cell in " + content + " %}")
    sized_cell(cells[1], "{{r cell }}" if "{{" not in content else content)
    tag(cells[2], "{%tc endfor %}")


#: Parts of python-docx's default template that no kzdocs document uses; dropping them keeps each
#: render small and fast (stylesWithEffects alone is 438 kB of XML).
DROPPED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}


def slim(data: bytes) -> bytes:
    """Drop unused parts (and their relationships) and unused styles from a built template."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    dropped = [name for name in parts if name.startswith(DROPPED_PARTS)]
    for name in dropped:
        del parts[name]
    targets = {name.split("/")[-1] for name in dropped} | {"item1.xml"}
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        root = etree.fromstring(parts[rels])
        for rel in list(root):
            if rel.get("Target", "").split("/")[-1] in targets:
                root.remove(rel)
        parts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for entry in list(types):
        if entry.get("PartName", "").lstrip("/") in dropped or entry.get("Extension") == "jpeg":
            types.remove(entry)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    styles = etree.fromstring(parts["word/styles.xml"])
    for element in list(styles):
        if element.tag == qn("w:latentStyles"):
            styles.remove(element)
        elif element.tag == qn("w:style"):
            style_id = element.get(qn("w:styleId"), "")
            if style_id not in KEPT_STYLES and not style_id.startswith("Kz"):
                styles.remove(element)
    parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    return write_zip(parts.items())


def build(name: str) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = PAGE_MARGINS_MM
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    add_styles(document)
    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    body.text = "{%p for block in blocks %}"
    document.add_paragraph("{%p if block.table %}")

    data = document.add_table(rows=6, cols=3, style="Table Grid")
    table_properties(data, None)
    tag(data.rows[0].cells[0], "{%tr if block.header %}")
    looped_row(data, 1, "block.header")
    tag(data.rows[2].cells[0], "{%tr endif %}")
    tag(data.rows[3].cells[0], "{%tr for row in block.rows %}")
    looped_row(data, 4, "row")
    tag(data.rows[5].cells[0], "{%tr endfor %}")

    document.add_paragraph("{%p else %}")
    pair = document.add_table(rows=1, cols=3)
    table_properties(pair, "nil")
    cells = pair.rows[0].cells
    tag(cells[0], "{%tc for cell in block.cells %}")
    sized_cell(cells[1], "{{p cell }}")
    tag(cells[2], "{%tc endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")

    verify = document.add_table(rows=1, cols=2)
    table_properties(verify, "nil")
    verify.alignment = WD_TABLE_ALIGNMENT.LEFT
    verify.rows[0].cells[0].width = Mm(24)
    verify.rows[0].cells[1].width = Mm(120)
    tag(verify.rows[0].cells[0], "{{ qr }}")
    tag(verify.rows[0].cells[1], "{{p qr_caption }}")

    props = document.core_properties
    props.title = name
    props.author = "kzdocs"
    props.comments = "kzdocs layout of every document; built by tools/build_docx_templates.py"
    props.created = props.modified = datetime(2026, 1, 1, tzinfo=UTC)
    props.last_modified_by = "kzdocs"
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return slim(buffer.getvalue())


#: The one DOCX layout every document is filled into.
TEMPLATE = ROOT / "templates" / "docx" / "document.docx"


def main(argv: list[str]) -> int:
    data = build("document")
    if "--check" in argv:
        if not TEMPLATE.exists() or TEMPLATE.read_bytes() != data:
            print(f"out of date (run python tools/build_docx_templates.py): {TEMPLATE.name}", file=sys.stderr)
            return 1
        return 0
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
