"""Comparing PDFs: page count, text per page, a shift-tolerant raster diff with masks, fonts, metadata."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .report import DEFAULT_DPI, DEFAULT_SHIFT, DEFAULT_TOLERANCE, Mask, PageDiff, Report

#: Changed pixels a page may have and still count as unchanged: anti-aliasing of a sub-pixel move
#: leaves a stray pixel or two, while a changed letter at 100 dpi changes dozens.
DEFAULT_NOISE = 3
METADATA_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")


def _bytes(source: bytes | str | Path) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def normalise_text(text: str) -> str:
    """Page text with pdfium's line-end hyphen marks restored and whitespace collapsed per line."""
    text = text.replace("\ufffe", "-").replace("\r\n", "\n").replace("\u00a0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def embedded_fonts(document: pdfium.PdfDocument) -> set[str]:
    """Base names of the fonts the pages use, without the subset prefix (ABCDEF+)."""
    names: set[str] = set()
    for page in document:
        for obj in page.get_objects():
            if obj.type != pdfium.raw.FPDF_PAGEOBJ_TEXT:
                continue
            font = pdfium.raw.FPDFTextObj_GetFont(obj.raw)
            size = pdfium.raw.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = (pdfium.raw.c_char * size)()
            pdfium.raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = bytes(buffer).rstrip(b"\0").decode("latin-1")
            names.add(name.split("+", 1)[-1])
    return names


def page_text(page: pdfium.PdfPage, masks: Sequence[Mask] = ()) -> str:
    """The text of a page, leaving out characters whose centre lies in a mask."""
    textpage = page.get_textpage()
    if not masks:
        return normalise_text(textpage.get_text_range())
    height = page.get_height()
    kept = []
    for index in range(textpage.count_chars()):
        left, bottom, right, top = textpage.get_charbox(index)
        cx, cy = (left + right) / 2, height - (bottom + top) / 2
        if any(m.x <= cx <= m.x + m.width and m.y <= cy <= m.y + m.height for m in masks):
            continue
        kept.append(textpage.get_text_range(index, 1))
    return normalise_text("".join(kept))


def _grey(page: pdfium.PdfPage, scale: float) -> Image.Image:
    image: Image.Image = page.render(scale=scale, grayscale=True).to_pil()
    return image.convert("L")


def raster_changes(expected: Image.Image, actual: Image.Image, tolerance: int, shift: int) -> Image.Image:
    """A mask (255 = changed) of pixels that differ by more than ``tolerance`` grey levels from every
    pixel within ``shift`` pixels in the other image, in either direction."""
    if expected.size != actual.size:
        actual = actual.resize(expected.size)
    size = 2 * shift + 1
    changed = Image.new("L", expected.size, 0)
    for a, b in ((actual, expected), (expected, actual)):
        low = b.filter(ImageFilter.MinFilter(size)) if shift else b
        high = b.filter(ImageFilter.MaxFilter(size)) if shift else b
        darker = ImageChops.subtract(low, a)  # a below anything near it in b
        lighter = ImageChops.subtract(a, high)  # a above anything near it in b
        changed = ImageChops.lighter(changed, ImageChops.lighter(darker, lighter))
    return changed.point(lambda v: 255 if v > tolerance else 0)


def _highlight(actual: Image.Image, changed: Image.Image, box: tuple[int, int, int, int] | None) -> bytes:
    base = actual.convert("RGB")
    red = Image.new("RGB", base.size, (230, 0, 0))
    out = Image.composite(red, base, changed)
    if box:
        draw = ImageDraw.Draw(out)
        x0, y0, x1, y1 = box
        draw.rectangle((max(x0 - 4, 0), max(y0 - 4, 0), x1 + 4, y1 + 4), outline=(230, 0, 0), width=2)
    buffer = io.BytesIO()
    out.save(buffer, format="PNG")
    return buffer.getvalue()


def compare_pdf(
    expected: bytes | str | Path,
    actual: bytes | str | Path,
    *,
    dpi: int = DEFAULT_DPI,
    tolerance: int = DEFAULT_TOLERANCE,
    shift: int = DEFAULT_SHIFT,
    noise: int = DEFAULT_NOISE,
    masks: Sequence[Mask] = (),
    diff_dir: str | Path | None = None,
) -> Report:
    """Compare two PDFs as a reader would: what they say (text per page) and how they look (raster).

    ``tolerance`` is in grey levels (0-255); ``shift`` lets content move by that many pixels; up to
    ``noise`` changed pixels on a page are forgiven; ``masks`` exclude regions meant to change. Diff
    images go to ``diff_dir`` when given.
    """
    expected_bytes, actual_bytes = _bytes(expected), _bytes(actual)
    if expected_bytes == actual_bytes:
        return Report("pdf", "identical")
    report = Report("pdf", "equivalent")
    old, new = pdfium.PdfDocument(expected_bytes), pdfium.PdfDocument(actual_bytes)
    try:
        if len(old) != len(new):
            report.differences.append(f"page count: expected {len(old)}, actual {len(new)}")
        old_fonts, new_fonts = embedded_fonts(old), embedded_fonts(new)
        if old_fonts != new_fonts:
            report.differences.append(
                f"fonts: expected {', '.join(sorted(old_fonts))}; actual {', '.join(sorted(new_fonts))}")
        old_meta, new_meta = old.get_metadata_dict(), new.get_metadata_dict()
        for key in METADATA_KEYS:
            if old_meta.get(key, "") != new_meta.get(key, ""):
                report.notes.append(f"metadata {key}: {old_meta.get(key, '')!r} → {new_meta.get(key, '')!r}")
        scale = dpi / 72
        out_dir = Path(diff_dir) if diff_dir else None
        for index in range(min(len(old), len(new))):
            page = PageDiff(index + 1)
            page_masks = [m for m in masks if m.page == index + 1]
            old_text, new_text = page_text(old[index], page_masks), page_text(new[index], page_masks)
            if old_text != new_text:
                page.text_diff = "\n".join(difflib.unified_diff(
                    old_text.splitlines(), new_text.splitlines(), "expected", "actual", lineterm="", n=1))
            old_image, new_image = _grey(old[index], scale), _grey(new[index], scale)
            changed = raster_changes(old_image, new_image, tolerance, shift)
            draw = ImageDraw.Draw(changed)
            for mask in page_masks:
                draw.rectangle((mask.x * scale, mask.y * scale, (mask.x + mask.width) * scale,
                                (mask.y + mask.height) * scale), fill=0)
            box = changed.getbbox()
            if box and changed.histogram()[255] <= noise:
                box = None
            if box:
                page.changed_pixels = changed.histogram()[255]
                page.bbox = (box[0] / scale, box[1] / scale, (box[2] - box[0]) / scale, (box[3] - box[1]) / scale)
            if page.different:
                page.diff_png = _highlight(new_image, changed, box)
                if out_dir:
                    out_dir.mkdir(parents=True, exist_ok=True)
                    page.diff_path = out_dir / f"page-{index + 1}-diff.png"
                    page.diff_path.write_bytes(page.diff_png)
            report.pages.append(page)
    finally:
        old.close()
        new.close()
    if report.differences or any(p.different for p in report.pages):
        report.status = "different"
    return report
