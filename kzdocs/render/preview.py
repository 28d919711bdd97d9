"""PNG pictures of PDF pages (pypdfium2 + Pillow), for a quick look and for QA."""

from __future__ import annotations

import io

import pypdfium2 as pdfium


def page_png(pdf: bytes, page: int = 0, *, dpi: int = 110) -> bytes:
    """The PNG of one page of ``pdf`` at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        if not 0 <= page < len(document):
            raise ValueError(f"page {page + 1} does not exist: the PDF has {len(document)} page(s)")
        image = document[page].render(scale=dpi / 72).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()
