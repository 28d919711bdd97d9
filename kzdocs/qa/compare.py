"""Compare two files of the same kind, with the golden record's version notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .docx import compare_docx
from .pdf import compare_pdf
from .report import DEFAULT_DPI, DEFAULT_SHIFT, DEFAULT_TOLERANCE, Mask, Report
from .versions import version_notes


def compare_files(expected: Path, actual: Path, *, dpi: int = DEFAULT_DPI, tolerance: int = DEFAULT_TOLERANCE,
                  shift: int = DEFAULT_SHIFT, masks: Sequence[Mask] = (), diff_dir: Path | None = None) -> Report:
    """Compare by the expected file's extension (``.pdf`` or ``.docx``)."""
    kind = expected.suffix.lower()
    if kind not in (".pdf", ".docx"):
        raise ValueError(f"{expected}: can compare .pdf and .docx files, not {kind or 'files without extension'}")
    if kind == ".pdf":
        report = compare_pdf(expected, actual, dpi=dpi, tolerance=tolerance, shift=shift, masks=masks,
                             diff_dir=diff_dir)
    else:
        report = compare_docx(expected, actual)
    report.notes.extend(version_notes(expected.parent))
    return report
