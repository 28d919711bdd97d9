"""DOCX through docxtpl: the view's strings placed in a generated template, autoescaped.

The templates (``templates/docx/<document>.docx``) are built by ``tools/build_docx_templates.py``.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any, Final

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText, RichTextParagraph
from jinja2 import Environment, StrictUndefined

from kzdocs._resources import resource_dir
from kzdocs.documents import Document, Line, Pair, Table, View

from .determinism import document_datetime, normalise_zip
from .html import check_document
from .qr import qr_png

#: The view's line styles → paragraph styles defined in the DOCX templates.
PARAGRAPH_STYLES: Final = {
    "issuer": "KzIssuer", "number": "KzNumber", "title": "KzTitle", "subtitle": "KzSubtitle", "body": "KzBody",
    "center": "KzCenter", "right": "KzRight", "label": "KzLabel", "blank": "KzBlank", "caption": "KzCaption",
    "item": "KzItem", "signature": "KzSignature", "small": "KzSmall", "heading": "KzHeading",
}
#: Font size of each style relative to the body size.
SCALE: Final = {"small": 0.78, "caption": 0.7}
TABLE_SCALE: Final = 0.88
QR_TEXT_SCALE: Final = 0.68
#: Text width of the page (A4 minus margins) in twentieths of a point.
TEXT_WIDTH_TWIPS: Final = round((210 - 20 - 12) / 25.4 * 1440)
QR_CELL_TWIPS: Final = round(45 / 25.4 * 1440)


@cache
def template_bytes(name: str) -> bytes:
    """The template file of a document, read once per process."""
    return (resource_dir("templates") / "docx" / f"{name}.docx").read_bytes()


@cache
def jinja_environment() -> Environment:
    """An autoescaping Jinja environment for docxtpl (user data can never become XML)."""
    return Environment(autoescape=True, undefined=StrictUndefined)


def body_half_points(view: View) -> int:
    """Body size in half-points: 11 pt bilingual (two columns), 14 pt in one language."""
    return 22 if len(view.languages) > 1 else 28


def _rich(text: str, size: int, *, bold: bool = False, italic: bool = False) -> RichText:
    rich = RichText()
    for index, part in enumerate(text.split("\n")):
        if index:
            rich.xml += "<w:r><w:br/></w:r>"
        rich.add(part, size=size, bold=bold, italic=italic)
    return rich


def _paragraphs(lines: tuple[Line, ...], size: int) -> RichTextParagraph:
    paragraph = RichTextParagraph()
    for line in lines:
        run_size = round(size * SCALE.get(line.style, 1.0))
        paragraph.add(_rich(line.text, run_size, italic=line.style == "blank"), parastyle=PARAGRAPH_STYLES[line.style])
    return paragraph


def _twips(widths: tuple[int, ...] | list[int], total: int = TEXT_WIDTH_TWIPS) -> list[int]:
    return [round(total * w / sum(widths)) for w in widths]


def _block(block: Pair | Table, view: View, size: int) -> dict[str, Any]:
    if isinstance(block, Table):
        cell_size = round(size * TABLE_SCALE)
        return {
            "kind": "table",
            "header": [_rich(text, cell_size, bold=True) for text in block.header],
            "rows": [[_rich(text, cell_size) for text in row] for row in block.rows],
            "twips": _twips(block.widths),
        }
    return {
        "kind": "pair",
        "cells": [_paragraphs(block.lines(lang), size) for lang in view.languages],
        "twips": _twips([1] * len(view.languages)),
    }


def context(view: View, template: DocxTemplate) -> dict[str, Any]:
    """The docxtpl context of a view: rich paragraphs, table cells, the QR image and its caption."""
    size = body_half_points(view)
    caption = RichTextParagraph()
    for text in view.qr_caption:
        caption.add(_rich(text, round(size * QR_TEXT_SCALE)), parastyle="KzLabel")
    return {
        "blocks": [_block(block, view, size) for block in view.blocks],
        "qr": InlineImage(template, io.BytesIO(qr_png(view.qr_payload)), width=Mm(20), height=Mm(20)),
        "qr_caption": caption,
    }


def _fix_grids(template: DocxTemplate) -> None:
    """Make each table's grid match its first row's cell widths (docxtpl spreads columns evenly)."""
    from docx.oxml.ns import qn

    for table in template.docx.element.body.iter(qn("w:tbl")):
        first_row = table.find(qn("w:tr"))
        grid = table.find(qn("w:tblGrid"))
        if first_row is None or grid is None:
            continue
        widths = []
        for cell in first_row.findall(qn("w:tc")):
            width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            widths.append(width.get(qn("w:w")) if width is not None else None)
        if None in widths:
            continue
        for column in list(grid):
            grid.remove(column)
        for width in widths:
            column = grid.makeelement(qn("w:gridCol"), {qn("w:w"): width})
            grid.append(column)


def docx_from_view(view: View) -> bytes:
    """Render a view into its document's DOCX template; same view, same bytes."""
    template = DocxTemplate(io.BytesIO(template_bytes(view.name)))
    template.render(context(view, template), jinja_env=jinja_environment(), autoescape=True)
    _fix_grids(template)
    props = template.docx.core_properties
    stamp = document_datetime(view.issue_date)
    props.title = view.title
    props.author = view.author
    props.last_modified_by = view.author
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.identifier = view.number
    props.language = "-".join(view.languages)
    props.subject = props.keywords = props.comments = props.category = ""
    buffer = io.BytesIO()
    template.save(buffer)
    return normalise_zip(buffer.getvalue())


def render_docx(doc: Document, languages: tuple[str, ...] | str = ("kk", "ru")) -> bytes:
    """The document as DOCX bytes, Kazakh then Russian by default."""
    return docx_from_view(check_document(doc).view(languages))
