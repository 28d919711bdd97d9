"""The office's letterhead in a rendered document: the emblem between the Kazakh and Russian names
(above the name in one language), and the kit's extra lines, executor and footer in the view.

The view keeps every printed string, so the PDF and the DOCX carry the same letterhead text;
the emblem is a picture (the kit's SVG or PNG in the PDF, its PNG raster in the DOCX).
"""

from __future__ import annotations

import copy
from typing import Any, Final

from lxml import etree

from kzdocs.office import Emblem

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMBLEM_URL: Final = "kzdocs-office:emblem.png"
EMBLEM_PART: Final = "word/media/kzdocs-emblem.png"
EMBLEM_REL_ID: Final = "rIdKzdocsEmblem"
#: The emblem's height on the page, and the widest it may be, in millimetres.
EMBLEM_HEIGHT_MM: Final = 18
EMBLEM_MAX_WIDTH_MM: Final = 30
#: The width of the letterhead's centre column, in millimetres.
CENTRE_MM: Final = 32
EMU_PER_MM: Final = 36000
TWIPS_PER_MM: Final = 1440 / 25.4
PICTURE: Final = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:drawing>'
    '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
    '<wp:docPr id="1002" name="Emblem"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
    '</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="kzdocs-emblem.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    '</wp:inline></w:drawing></w:r>'
)


def emblem_size_mm(emblem: Emblem) -> tuple[float, float]:
    """Width and height of the emblem on the page: 22 mm high, at most 34 mm wide."""
    height = float(EMBLEM_HEIGHT_MM)
    width = height * emblem.aspect
    if width > EMBLEM_MAX_WIDTH_MM:
        width, height = float(EMBLEM_MAX_WIDTH_MM), EMBLEM_MAX_WIDTH_MM / emblem.aspect
    return width, height


def emblem_html(emblem: Emblem) -> str:
    """The ``<img>`` of the emblem, fetched from the office's kit through the renderer's URL fetcher: the
    kit's SVG as vector graphics, or its PNG (the DOCX carries the PNG, or the SVG's raster)."""
    width, height = emblem_size_mm(emblem)
    return (f'<img class="emblem" src="{EMBLEM_URL}" alt="" '
            f'style="width: {width:.2f}mm; height: {height:.2f}mm">')


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _picture_paragraph(emblem: Emblem) -> Any:
    width, height = emblem_size_mm(emblem)
    run = etree.fromstring(PICTURE.format(cx=round(width * EMU_PER_MM), cy=round(height * EMU_PER_MM),
                                          rid=EMBLEM_REL_ID))
    paragraph = etree.Element(_w("p"))
    properties = etree.SubElement(paragraph, _w("pPr"))
    etree.SubElement(properties, _w("spacing"), {_w("before"): "0", _w("after"): "60"})
    etree.SubElement(properties, _w("jc"), {_w("val"): "center"})
    paragraph.append(run)
    return paragraph


def place_emblem(body: Any, emblem: Emblem) -> None:
    """Put the emblem into the letterhead, the body's first table: a centre column between two
    language columns, or a centred picture above a one-column letterhead."""
    table = body.find(_w("tbl"))
    if table is None:
        body.insert(0, _picture_paragraph(emblem))
        return
    row = table.find(_w("tr"))
    cells = row.findall(_w("tc")) if row is not None else []
    if len(cells) != 2:
        body.insert(list(body).index(table), _picture_paragraph(emblem))
        return
    centre = round(CENTRE_MM * TWIPS_PER_MM)
    cell = copy.deepcopy(cells[0])
    for child in list(cell):
        if child.tag != _w("tcPr"):
            cell.remove(child)
    properties = cell.find(_w("tcPr"))
    if properties is None:
        properties = etree.SubElement(cell, _w("tcPr"))
    for child in list(properties):
        if child.tag in (_w("tcBorders"), _w("vAlign")):
            properties.remove(child)
    etree.SubElement(properties, _w("vAlign"), {_w("val"): "center"})
    cell.append(_picture_paragraph(emblem))
    cells[0].addnext(cell)
    for side in cells:
        width = side.find(f"{_w('tcPr')}/{_w('tcW')}")
        if width is not None and width.get(_w("w"), "").isdigit():
            width.set(_w("w"), str(int(width.get(_w("w"))) - centre // 2))
    width = cell.find(f"{_w('tcPr')}/{_w('tcW')}")
    if width is not None:
        width.set(_w("w"), str(centre))
        width.set(_w("type"), "dxa")
    grid = table.find(_w("tblGrid"))
    if grid is not None:
        for column in list(grid):
            grid.remove(column)
        for side in row.findall(_w("tc")):
            tcw = side.find(f"{_w('tcPr')}/{_w('tcW')}")
            grid.append(grid.makeelement(_w("gridCol"), {_w("w"): tcw.get(_w("w")) if tcw is not None else "0"}))
