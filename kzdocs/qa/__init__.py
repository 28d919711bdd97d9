"""QA: compare renders with golden PDFs and DOCX files — text, raster with masks, fonts, metadata.

The comparison engines (pypdfium2, Pillow, python-docx) load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["Mask", "PageDiff", "Report", "compare_docx", "compare_files", "compare_pdf"]

_EXPORTS = {
    "compare_files": ".compare", "compare_docx": ".docx", "compare_pdf": ".pdf",
    "Mask": ".report", "PageDiff": ".report", "Report": ".report",
}


if not TYPE_CHECKING:  # type checkers see the imports below, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        if name not in _EXPORTS:
            raise AttributeError(f"module 'kzdocs.qa' has no attribute {name!r}")
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)


if TYPE_CHECKING:
    from .compare import compare_files
    from .docx import compare_docx
    from .pdf import compare_pdf
    from .report import Mask, PageDiff, Report
