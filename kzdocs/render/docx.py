"""DOCX from the generated templates (``templates/docx/<document>.docx``, built by
``tools/build_docx_templates.py``), in docxtpl's tag syntax, autoescaped.

Each template is parsed once per process: docxtpl turns its body into Jinja source, which is
compiled once; every render fills that compiled template with the view's strings (as docxtpl
``RichText`` runs and paragraphs), lets docxtpl repair tables with looped columns, and writes the
parts into a zip in a fixed order with fixed timestamps — the same view gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final
from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText, RichTextParagraph
from jinja2 import Environment, StrictUndefined, Template
from lxml import etree

from kzdocs._resources import resource_dir
from kzdocs.documents import Document, Layout, Line, Passage, Table, View
from kzdocs.errors import TemplateError
from kzdocs.lang import TAGS, Lang

from .determinism import document_datetime, engine_errors, write_zip
from .qr import qr_png
from .typeset import SMALL_PRINT_MIN, URL, typeset_view, url_pieces

if TYPE_CHECKING:
    from kzdocs.seal import SealKey

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
#: Printed side of the QR code (as in style.css): large enough for a sealed QR read from a 150 dpi scan.
QR_SIZE_MM: Final = 22
#: Page margins of the DOCX templates in millimetres: top, right, bottom, left.
PAGE_MARGINS_MM: Final = (12, 12, 12, 20)
#: Text width of the page (A4 minus margins) in twentieths of a point.
TEXT_WIDTH_TWIPS: Final = round((210 - PAGE_MARGINS_MM[1] - PAGE_MARGINS_MM[3]) / 25.4 * 1440)
QR_PART: Final = "word/media/kzdocs-qr.png"
QR_REL_ID: Final = "rIdKzdocsQr"
RELS_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
IMAGE_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
QR_RUN: Final = (
    '</w:t></w:r><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<wp:extent cx="{emu}" cy="{emu}"/><wp:docPr id="1001" name="QR code"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
    '<pic:nvPicPr><pic:cNvPr id="0" name="kzdocs-qr.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="{emu}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    '</wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">'
)
CORE_XML: Final = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
    "<cp:revision>1</cp:revision><dc:identifier>{number}</dc:identifier><dc:language>{language}</dc:language>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
    "</cp:coreProperties>"
)


#: The one DOCX layout every document is filled into (built by ``tools/build_docx_templates.py``).
TEMPLATE: Final = "document.docx"


@cache
def template_bytes(name: str = TEMPLATE) -> bytes:
    """A DOCX template of the package, read once per process."""
    try:
        return (resource_dir("templates") / "docx" / name).read_bytes()
    except OSError as exc:
        raise TemplateError(f"the DOCX template {name} cannot be read: {exc.strerror or exc}") from exc


@cache
def jinja_environment() -> Environment:
    """An autoescaping Jinja environment for docxtpl (user data can never become XML)."""
    return Environment(autoescape=True, undefined=StrictUndefined)


def body_half_points(view: View) -> int:
    """Body size in half-points: 12 pt with two languages (the PDF's floor: Word lays the page out
    itself, so the DOCX does not step down), 14 pt in one language."""
    return 24 if len(view.languages) > 1 else 28


def small_print(size: int, scale: float) -> int:
    """A scaled size in half-points, never below the small-print minimum (8 pt)."""
    return max(2 * SMALL_PRINT_MIN, round(size * scale))


#: A hyphen Word must not break a line at: before a digit (50-12-34, ЗКО-2026-004512), where the PDF
#: engine does not break either (Unicode line breaking), and every hyphen of a web address.
_TIGHT_HYPHEN: Final = re.compile(r"-(?=\d)")
NO_BREAK_HYPHEN: Final = "<w:noBreakHyphen/>"
ZERO_WIDTH_SPACE: Final = "\u200b"


def word_pieces(text: str) -> list[str]:
    """``text`` as Word must break it: cut at each hyphen it must not break at (the cuts stand for
    ``<w:noBreakHyphen/>``), and a zero-width space after each «/» of a web address — the only
    places a web address may break.

    >>> word_pieces("тел. 50-12-34, https://bilim-oral.gov.kz/verify")
    ['тел. 50', '12', '34, https://\u200bbilim', 'oral.gov.kz/\u200bverify']
    """
    last = 0
    marked = ""
    for match in URL.finditer(text):
        marked += _TIGHT_HYPHEN.sub("\0", text[last:match.start()])
        marked += ZERO_WIDTH_SPACE.join(url_pieces(match.group(0))).replace("-", "\0")
        last = match.end()
    marked += _TIGHT_HYPHEN.sub("\0", text[last:])
    return marked.split("\0")


def _rich(text: str, size: int, lang: Lang, *, bold: bool = False, italic: bool = False) -> RichText:
    """Runs of ``text`` (a line break at each ``\\n``), marked with the language Word proofreads them in;
    non-breaking hyphens and URL breaks as :func:`word_pieces` puts them."""
    rich = RichText()
    for index, part in enumerate(text.split("\n")):
        if index:
            rich.xml += "<w:r><w:br/></w:r>"
        pieces = word_pieces(part)
        for number, piece in enumerate(pieces):
            if number:  # a non-breaking hyphen, in a run of the same look and language
                rich.add("-", size=size, bold=bold, italic=italic, lang=TAGS[lang])
                rich.xml = rich.xml.removesuffix('<w:t xml:space="preserve">-</w:t></w:r>') + NO_BREAK_HYPHEN + "</w:r>"
            if piece or len(pieces) == 1:
                rich.add(piece, size=size, bold=bold, italic=italic, lang=TAGS[lang])
    return rich


#: Body text side by side is set ragged right, as in the PDF: two narrow columns with unbreakable dates
#: and amounts would otherwise stretch their spaces.
RAGGED: Final = '<w:pStyle w:val="KzBody"/><w:jc w:val="left"/>'


def _paragraphs(lines: tuple[Line, ...], size: int, lang: Lang, *, ragged: bool = False) -> RichTextParagraph:
    paragraph = RichTextParagraph()
    for line in lines:
        run_size = small_print(size, SCALE[line.style]) if line.style in SCALE else size
        paragraph.add(_rich(line.text, run_size, lang, italic=line.style == "blank"),
                      parastyle=PARAGRAPH_STYLES[line.style])
    if ragged:
        paragraph.xml = paragraph.xml.replace('<w:pStyle w:val="KzBody"/>', RAGGED)
    return paragraph


def _twips(widths: tuple[int, ...] | list[int], total: int = TEXT_WIDTH_TWIPS) -> list[int]:
    return [round(total * w / sum(widths)) for w in widths]


def _block(block: Passage | Table, size: int, lang: Lang) -> dict[str, Any]:
    if isinstance(block, Table):  # a cell may hold every language («Аты-жөні / Ф.И.О.»): marked as the first
        cell_size = round(size * TABLE_SCALE)
        return {
            "table": True,
            "header": [_rich(str(text), cell_size, lang, bold=True) for text in block.header],
            "rows": [[_rich(str(text), cell_size, lang) for text in row] for row in block.rows],
            "twips": _twips(block.widths),
        }
    return {
        "table": False,
        "cells": [_paragraphs(lines, size, cell_lang, ragged=len(block.texts) > 1)
                  for cell_lang, lines in block.texts.items()],
        "twips": _twips([1] * len(block.texts)),
    }


class QrImage:
    """The QR code as an inline picture run, pointing at the image part the engine adds."""

    def __init__(self, size_mm: int = QR_SIZE_MM) -> None:
        self.emu = size_mm * 36000

    def __html__(self) -> str:
        return QR_RUN.format(emu=self.emu, rid=QR_REL_ID)


def context(view: View) -> dict[str, Any]:
    """The template context of a view (typeset: :func:`~kzdocs.render.typeset.typeset_view`): rich
    paragraphs, table cells, the QR picture and its caption, every run marked with its language."""
    size = body_half_points(view)
    view = typeset_view(view)
    caption = RichTextParagraph()
    for text, lang in zip(view.qr_caption, view.languages, strict=True):
        caption.add(_rich(text, small_print(size, QR_TEXT_SCALE), lang), parastyle="KzLabel")
    return {
        "blocks": [_block(block, size, view.languages[0]) for block in view.blocks],
        "qr": QrImage(),
        "qr_caption": caption,
    }


def fix_grids(body: Any) -> None:
    """Make each table's grid match its first row's cell widths (docxtpl spreads looped columns evenly)."""
    for table in body.iter(qn("w:tbl")):
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
            grid.append(grid.makeelement(qn("w:gridCol"), {qn("w:w"): width}))


@dataclass(frozen=True)
class CompiledTemplate:
    """A DOCX template parsed once per process: its body compiled to a Jinja template (docxtpl's tag
    syntax), the document part around the body, and the other parts as they are. Rendering reads it
    and never changes it, so one instance serves every render (and every thread)."""

    body: Template
    document: bytes
    parts: tuple[tuple[str, bytes], ...]
    tables: DocxTemplate

    def render(self, view: View) -> bytes:
        """The DOCX bytes of a view: deterministic zip order, timestamps and core properties."""
        xml = self.body.render(context(view))
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        body = self.tables.fix_tables(xml)  # docxtpl's repair of tables with looped columns
        fix_grids(body)
        document = etree.fromstring(self.document)
        document.replace(document.find(qn("w:body")), body)
        rendered = {
            "word/document.xml": etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True),
            "docProps/core.xml": core_properties(view),
            QR_PART: qr_png(view.qr_payload),
        }
        return write_zip((name, rendered.get(name, payload)) for name, payload in self.parts)


def _with_qr_part(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The template's parts with a relationship and a content type for the QR picture."""
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    rels.append(rels.makeelement(f"{{{RELS_NS}}}Relationship", {
        "Id": QR_REL_ID, "Type": IMAGE_REL, "Target": QR_PART.removeprefix("word/")}))
    types = etree.fromstring(parts["[Content_Types].xml"])
    if not any(t.get("Extension") == "png" for t in types):
        types.insert(0, types.makeelement(f"{{{TYPES_NS}}}Default", {"Extension": "png", "ContentType": "image/png"}))
    return {
        **parts,
        "word/_rels/document.xml.rels": etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True),
        "[Content_Types].xml": etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
        QR_PART: b"",
    }


@cache
def compiled_template(name: str = TEMPLATE) -> CompiledTemplate:
    """Parse and compile a DOCX template, once per process."""
    data = template_bytes(name)
    template = DocxTemplate(io.BytesIO(data))
    template.init_docx()
    source = template.patch_xml(template.get_xml())
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    return CompiledTemplate(
        body=jinja_environment().from_string(source),
        document=parts["word/document.xml"],
        parts=tuple(_with_qr_part(parts).items()),
        tables=template,
    )


def core_properties(view: View) -> bytes:
    """``docProps/core.xml`` from the document: its title, issuer, number and issue date."""
    stamp = document_datetime(view.issue_date).strftime("%Y-%m-%dT%H:%M:%SZ")
    return CORE_XML.format(
        title=escape(view.title), author=escape(view.author), number=escape(view.number),
        language=escape(", ".join(TAGS[lang] for lang in view.languages)), stamp=stamp,
    ).encode("utf-8")


def docx_from_view(view: View) -> bytes:
    """Render a view into the DOCX layout; same view, same bytes."""
    with engine_errors("DOCX"):
        return compiled_template().render(view)


def render_docx(doc: Document, languages: Iterable[str] | str = ("kk", "ru"), *,
                layout: Layout | None = None, seal: SealKey | None = None) -> bytes:
    """The document as DOCX bytes, Kazakh then Russian by default; with ``seal`` the QR code carries
    the document's signed seal (the same seal as the PDF of the same input)."""
    from .renderer import renderer_for

    return renderer_for(seal).render_docx(doc, languages, layout=layout)
