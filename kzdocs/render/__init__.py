"""Engines: HTML (Jinja2), PDF (WeasyPrint), DOCX (docxtpl), QR codes, fonts, deterministic bytes."""

from .docx import render_docx
from .errors import FontCoverageError, PageLimitError, RenderError
from .html import render_html
from .pdf import render_pdf

__all__ = ["FontCoverageError", "PageLimitError", "RenderError", "render_docx", "render_html", "render_pdf"]
