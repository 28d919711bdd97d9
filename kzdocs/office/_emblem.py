"""The letterhead's emblem: a PNG or a safe SVG, and the PNG raster Word needs for an SVG.

An SVG is accepted only when it is plain drawing: no scripts, no event handlers, no external
references (links, images, stylesheets, fonts), no text (fonts differ between machines: convert
text to paths), no DTD or entities. Anything else is refused, never cleaned: a kit that passes is
exactly what prints.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from kzdocs.errors import KitRuleError

#: The largest emblem file and picture accepted.
MAX_BYTES: Final = 1_000_000
MAX_PIXELS: Final = 4096
PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
SVG_NS: Final = "http://www.w3.org/2000/svg"
XLINK_NS: Final = "http://www.w3.org/1999/xlink"
#: The SVG elements an emblem may use: shapes, groups, paint servers, clipping, internal reuse.
SVG_ELEMENTS: Final = frozenset({
    "svg", "g", "defs", "title", "desc", "metadata", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol", "use", "pattern",
})
#: Side of the raster given to Word for an SVG emblem, in pixels (about 600 dpi at 25 mm).
RASTER_SIDE: Final = 600
_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE)
_LENGTH = re.compile(r"\s*([0-9.]+)\s*(px|mm|cm|in|pt|pc)?\s*")


@dataclass(frozen=True)
class Emblem:
    """The emblem as given (``data``, PNG or SVG) and as a PNG for Word (``png``), with its aspect."""

    name: str
    kind: Literal["png", "svg"]
    data: bytes
    png: bytes
    #: Width divided by height.
    aspect: float

    @property
    def media_type(self) -> str:
        return "image/png" if self.kind == "png" else "image/svg+xml"


def load_emblem(name: str, data: bytes) -> Emblem:
    """Check an emblem file and prepare its Word raster; :class:`KitRuleError` names the rule broken."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "png":
        pixels = check_png(name, data)
        return Emblem(name, "png", data, data, pixels[0] / pixels[1])
    if suffix == "svg":
        width, height = check_svg(name, data)
        return Emblem(name, "svg", data, svg_to_png(name, data, width / height), width / height)
    raise KitRuleError(name, "emblem.format", "the emblem must be a PNG or an SVG file (emblem.png or emblem.svg)")


def check_png(name: str, data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, checked to be a whole, readable picture within the size limit."""
    from PIL import Image

    if not data.startswith(PNG_MAGIC):
        raise KitRuleError(name, "emblem.not_png", "is not a PNG file (its content is something else)")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise KitRuleError(name, "emblem.not_png", "is not a PNG file")
            width, height = image.size
            if width > MAX_PIXELS or height > MAX_PIXELS:
                raise KitRuleError(name, "emblem.too_large",
                                   f"is {width}×{height} pixels; at most {MAX_PIXELS}×{MAX_PIXELS} is accepted")
            image.load()
    except KitRuleError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken file
        raise KitRuleError(name, "emblem.broken", f"is not a readable PNG ({exc})") from None
    return width, height


def _length(value: str | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.fullmatch(value)
    if not match:
        return None
    scale = {"px": 1.0, None: 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
    return float(match.group(1)) * scale[match.group(2)]


def _refuse(name: str, rule: str, message: str) -> KitRuleError:
    return KitRuleError(name, rule, message + "; kzdocs refuses the emblem rather than clean it")


def check_svg(name: str, data: bytes) -> tuple[float, float]:
    """The size of a safe SVG (from ``viewBox`` or ``width``/``height``); refuses anything unsafe."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise KitRuleError(name, "svg.syntax", f"is not well-formed SVG ({exc.msg})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _refuse(name, "svg.dtd", "declares a DTD or entities")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise KitRuleError(name, "svg.root", "is not an SVG picture (the root must be <svg> in the SVG namespace)")
    for sibling in (*root.itersiblings(preceding=True), *root.itersiblings()):
        if isinstance(sibling, etree._ProcessingInstruction):
            raise _refuse(name, "svg.instruction", f"has a processing instruction <?{sibling.target}?>")
    for node in root.iter():
        if not isinstance(node.tag, str):
            if isinstance(node, etree._ProcessingInstruction):
                raise _refuse(name, "svg.instruction", f"has a processing instruction <?{node.target}?>")
            if isinstance(node, etree._Entity):
                raise _refuse(name, "svg.dtd", "uses an entity")
            continue
        qname = etree.QName(node)
        if qname.namespace not in (SVG_NS, None) and qname.localname != "metadata" and not _inside_metadata(node):
            raise _refuse(name, "svg.foreign", f"has a foreign element <{qname.localname}>")
        if _inside_metadata(node):
            continue
        if qname.localname == "script":
            raise _refuse(name, "svg.script", "contains a script")
        if qname.localname in ("text", "tspan", "textPath"):
            raise _refuse(name, "svg.text", "contains text; convert the text to paths (fonts differ between machines)")
        if qname.localname not in SVG_ELEMENTS:
            raise _refuse(name, "svg.element", f"uses <{qname.localname}>, which an emblem may not "
                          "(scripts, images, links, styles, embedded objects and animation are refused)")
        for attribute, value in node.attrib.items():
            local = etree.QName(attribute).localname
            if local.lower().startswith("on"):
                raise _refuse(name, "svg.script", f"has an event handler {local}=")
            if local == "href" and not value.strip().startswith("#"):
                raise _refuse(name, "svg.external", f"refers to {value!r}, outside the picture")
            for match in _URL.finditer(value):
                if not match.group(2).strip().startswith("#"):
                    raise _refuse(name, "svg.external", f"refers to {match.group(2)!r}, outside the picture")
            if "@import" in value or "javascript:" in value.lower() or "expression(" in value.lower():
                raise _refuse(name, "svg.external", f"has a {local}= value that loads or runs something")
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
    else:
        width, height = _length(root.get("width")) or 0.0, _length(root.get("height")) or 0.0
    if not (width > 0 and height > 0):
        raise KitRuleError(name, "svg.size", "needs a viewBox (or width and height) to know its proportions")
    if not 0.2 <= width / height <= 5:
        raise KitRuleError(name, "svg.size", f"is {width:g}×{height:g}: too narrow or too wide for a letterhead")
    return width, height


def _inside_metadata(node: object) -> bool:
    from lxml import etree

    parent = node.getparent() if isinstance(node, etree._Element) else None
    while parent is not None:
        if etree.QName(parent).localname == "metadata":
            return True
        parent = parent.getparent()
    return False


@lru_cache(maxsize=16)
def svg_to_png(name: str, data: bytes, aspect: float) -> bytes:
    """A PNG raster of a checked SVG through WeasyPrint and pdfium (no other library), deterministic."""
    import pypdfium2 as pdfium
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class EmblemOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url != "kzdocs-office:emblem.svg":
                raise FatalURLFetchingError(f"kzdocs refuses to fetch {url!r}")
            return URLFetcherResponse(url, body=data, headers={"Content-Type": "image/svg+xml"})

    width_px = RASTER_SIDE if aspect >= 1 else round(RASTER_SIDE * aspect)
    height_px = round(width_px / aspect)
    html = (f'<style>@page {{ size: {width_px}px {height_px}px; margin: 0 }} body {{ margin: 0 }} '
            f'img {{ display: block; width: {width_px}px; height: {height_px}px }}</style>'
            '<img src="kzdocs-office:emblem.svg">')
    try:
        pdf = HTML(string=html, url_fetcher=EmblemOnly()).write_pdf()
        document = pdfium.PdfDocument(pdf)
        try:
            image = document[0].render(scale=96 / 72, fill_color=(255, 255, 255, 0)).to_pil()
        finally:
            document.close()
    except BaseException as exc:  # WeasyPrint's fetch errors are BaseExceptions
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise KitRuleError(name, "svg.broken", f"cannot be drawn ({type(exc).__name__}: {exc})") from None
    buffer = io.BytesIO()
    image.convert("RGBA").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
