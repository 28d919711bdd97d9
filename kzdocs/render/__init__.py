"""Engines: HTML (Jinja2), PDF (WeasyPrint), DOCX (docxtpl), QR codes, fonts, deterministic bytes.

The functions here are the front door; each loads its engine on first call, so importing
:mod:`kzdocs.render` costs nothing until a document is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kzdocs.errors import EngineError, FontCoverageError, PageLimitError, RenderError, TemplateError

if TYPE_CHECKING:
    from kzdocs.documents import Document, Layout
    from kzdocs.seal import SealKey

__all__ = [
    "EngineError",
    "FontCoverageError",
    "PageLimitError",
    "RenderError",
    "TemplateError",
    "render_docx",
    "render_html",
    "render_pdf",
]

LANGUAGES_DEFAULT = ("kk", "ru")


def render_pdf(doc: Document, languages: Iterable[str] | str = LANGUAGES_DEFAULT, *, max_pages: int = 2,
               layout: Layout | None = None, seal: SealKey | None = None, archive: bool = False) -> bytes:
    """The document as PDF bytes (A4), Kazakh then Russian by default (see :func:`kzdocs.render.pdf.render_pdf`);
    ``seal`` signs its QR code, ``archive`` makes it PDF/A-3b carrying its input."""
    from .pdf import render_pdf as render

    return render(doc, languages, max_pages=max_pages, layout=layout, seal=seal, archive=archive)


def render_docx(doc: Document, languages: Iterable[str] | str = LANGUAGES_DEFAULT, *,
                layout: Layout | None = None, seal: SealKey | None = None) -> bytes:
    """The document as DOCX bytes, Kazakh then Russian by default; ``seal`` signs its QR code."""
    from .docx import render_docx as render

    return render(doc, languages, layout=layout, seal=seal)


def render_html(doc: Document, languages: Iterable[str] | str = LANGUAGES_DEFAULT, *, standalone: bool = True,
                layout: Layout | None = None) -> str:
    """The HTML the PDF is made from (a web preview); ``standalone`` inlines stylesheet and fonts."""
    from .html import render_html as render

    return render(doc, languages, standalone=standalone, layout=layout)
