"""QA: compare renders with golden PDFs and DOCX files — text, raster with masks, fonts, metadata."""

from .compare import compare_files
from .docx import compare_docx
from .pdf import compare_pdf
from .report import Mask, PageDiff, Report

__all__ = ["Mask", "PageDiff", "Report", "compare_docx", "compare_files", "compare_pdf"]
