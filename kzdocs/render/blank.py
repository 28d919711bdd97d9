"""An office's DOCX: the emblem in the letterhead and the body filled into the office's Word blank.

The blank (``letterhead.docx``) keeps what an office sets in Word: page size and margins, its
styles (the body's ``Kz*`` paragraph styles are added only where the blank does not define them,
so a restyled ``KzBody`` in the blank wins, and every ``Kz*`` style rests on the blank's
``Normal``), and the header and footer with their pictures. The generated body replaces the
blank's body; tables are rescaled to the blank's text width.

What does not change between renders — the blank's parts, the merged styles, relationships,
content types and the emblem — is prepared once per renderer and document (a :class:`Frame`, its
zip entries compressed once); a render compresses only the body, the core properties and the QR
code. Same render and kit, same bytes.
"""

from __future__ import annotations

import copy
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any, Final

from docx.oxml.ns import qn
from lxml import etree

from kzdocs.documents import View
from kzdocs.errors import EngineError
from kzdocs.office import Emblem, WordBlank

from .docx import QR_PART, CompiledTemplate, compiled_template, context, core_properties, fix_grids
from .letterhead import EMBLEM_PART, EMBLEM_REL_ID, place_emblem
from .qr import qr_png

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
IMAGE_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
DOCUMENT: Final = "word/document.xml"
DOCUMENT_RELS: Final = "word/_rels/document.xml.rels"
STYLES: Final = "word/styles.xml"
CORE: Final = "docProps/core.xml"
#: Parts written anew for each render.
DYNAMIC: Final = (DOCUMENT, CORE, QR_PART)
_PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _xml(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


def _bytes(root: Any) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


# -- a deterministic zip with entries compressed once ---------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One zip entry, compressed: name, CRC-32, sizes and the deflated bytes."""

    name: bytes
    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, name: str, payload: bytes) -> Entry:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        return cls(name.encode("utf-8"), zlib.crc32(payload), len(payload), packer.compress(payload) + packer.flush())


def zip_entries(entries: list[Entry]) -> bytes:
    """A zip of ``entries`` in order, every one stamped 1980-01-01, deflated, mode 0644 (as
    :func:`kzdocs.render.determinism.write_zip` writes them)."""
    local, central = bytearray(), bytearray()
    for entry in entries:
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, entry.crc, len(entry.data), entry.size,
                             len(entry.name), 0) + entry.name + entry.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, entry.crc, len(entry.data),
                               entry.size, len(entry.name), 0, 0, 0, 0, 0o644 << 16, offset) + entry.name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + end)


# -- the frame of an office's DOCX -----------------------------------------------------------------

def text_width(sect: Any) -> int | None:
    """The text width of a section in twips (page width minus left and right margins)."""
    size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
    if size is None or margins is None:
        return None
    try:
        return int(size.get(_w("w"))) - int(margins.get(_w("left"), 0)) - int(margins.get(_w("right"), 0))
    except (TypeError, ValueError):
        return None


def _rescale(body: Any, factor: float) -> None:
    for tag in ("tcW", "tblW"):
        for node in body.iter(_w(tag)):
            if node.get(_w("type")) == "dxa" and node.get(_w("w"), "").isdigit():
                node.set(_w("w"), str(round(int(node.get(_w("w"))) * factor)))
    for node in body.iter(_w("gridCol")):
        if node.get(_w("w"), "").isdigit():
            node.set(_w("w"), str(round(int(node.get(_w("w"))) * factor)))


def _merged_styles(blank: bytes, rendered: bytes) -> bytes:
    """The blank's styles, plus each style of the template whose id the blank does not define."""
    target, source = _xml(blank), _xml(rendered)
    known = {style.get(_w("styleId")) for style in target.iter(_w("style"))}
    for style in source.iter(_w("style")):
        if style.get(_w("styleId")) not in known:
            target.append(copy.deepcopy(style))
    return _bytes(target)


@dataclass(frozen=True)
class Frame:
    """What an office's DOCX of one document shares between renders: the parts in order (a prepared
    :class:`Entry`, or ``None`` for a part made per render), the section properties that end the
    body, and the factor table widths are scaled by."""

    entries: tuple[tuple[str, Entry | None], ...]
    sect: bytes
    scale: float


def build_frame(template: CompiledTemplate, emblem: Emblem | None, blank: WordBlank | None) -> Frame:
    """Prepare the unchanging parts of an office's DOCX for one document template."""
    made = dict(template.parts)
    own_sect = _xml(template.document).find(_w("body")).find(_w("sectPr"))
    rels = _xml(made[DOCUMENT_RELS])
    extra: dict[str, bytes] = {}
    if emblem is not None:
        extra[EMBLEM_PART] = emblem.png
    if blank is None:
        if emblem is not None:
            rels.append(rels.makeelement(f"{{{RELS}}}Relationship", {
                "Id": EMBLEM_REL_ID, "Type": IMAGE_REL, "Target": EMBLEM_PART.removeprefix("word/")}))
        parts = {**made, DOCUMENT_RELS: _bytes(rels), **extra}
        order = [name for name, _ in template.parts] + sorted(extra)
        return Frame(tuple((n, None if n in DYNAMIC else Entry.of(n, parts[n])) for n in order),
                     _bytes(own_sect), 1.0)
    parts = dict(blank.parts)
    blank_body = _xml(parts[DOCUMENT]).find(_w("body"))
    sect = blank_body.find(_w("sectPr")) if blank_body is not None else None
    if sect is None:
        sect = own_sect
    width, own_width = text_width(sect), text_width(own_sect)
    scale = width / own_width if width and own_width else 1.0
    blank_rels = _xml(parts[DOCUMENT_RELS]) if DOCUMENT_RELS in parts else etree.Element(f"{{{RELS}}}Relationships")
    taken = {rel.get("Id") for rel in blank_rels}
    images = [(QR_PART, next(r for r in rels if r.get("Target") == QR_PART.removeprefix("word/")))]
    if emblem is not None:
        images.append((EMBLEM_PART, rels.makeelement(f"{{{RELS}}}Relationship", {
            "Id": EMBLEM_REL_ID, "Type": IMAGE_REL, "Target": EMBLEM_PART.removeprefix("word/")})))
    for part, rel in images:
        if rel.get("Id") in taken or part in parts:
            raise ValueError(f"the blank already uses {rel.get('Id')} or {part}")
        blank_rels.append(copy.deepcopy(rel))
    types = _xml(parts["[Content_Types].xml"])
    if not any(node.get("Extension", "").lower() == "png" for node in types.iter(f"{{{TYPES}}}Default")):
        types.insert(0, types.makeelement(f"{{{TYPES}}}Default", {"Extension": "png", "ContentType": "image/png"}))
    fixed = {
        DOCUMENT_RELS: _bytes(blank_rels),
        "[Content_Types].xml": _bytes(types),
        STYLES: _merged_styles(parts[STYLES], made[STYLES]),
        **extra,
    }
    order = [name for name, _ in blank.parts]  # a blank without core properties keeps none
    order += [name for name in (DOCUMENT_RELS, QR_PART, *sorted(extra)) if name not in order]
    return Frame(tuple((n, None if n in DYNAMIC else Entry.of(n, fixed.get(n, parts.get(n, b"")))) for n in order),
                 _bytes(sect), scale)


def office_docx(view: View, frame: Frame, emblem: Emblem | None) -> bytes:
    """The DOCX of ``view`` in an office's frame; :class:`EngineError` if it cannot be laid out."""
    try:
        template = compiled_template()
        xml = template.body.render(context(view))
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        body = template.tables.fix_tables(xml)  # docxtpl's repair of tables with looped columns
        fix_grids(body)
        if emblem is not None:
            place_emblem(body, emblem)
        own = body.find(_w("sectPr"))
        if own is not None:
            body.remove(own)
        if frame.scale != 1.0:
            _rescale(body, frame.scale)
        body.append(etree.fromstring(frame.sect))
        document = etree.fromstring(template.document)
        document.replace(document.find(qn("w:body")), body)
    except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
        raise EngineError(f"the document cannot be laid out on the office's letterhead: {exc}") from exc
    fresh = {DOCUMENT: _bytes(document), CORE: core_properties(view), QR_PART: qr_png(view.qr_payload)}
    return zip_entries([entry or Entry.of(name, fresh[name]) for name, entry in frame.entries])
