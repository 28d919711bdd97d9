"""pytest plugin (entry point ``kzdocs``): golden-file tests for projects that render with kzdocs.

    def test_notice(kzdocs_golden):
        kzdocs_golden(AidAssignmentNotice.model_validate(data), "notice")

renders the document, compares it with ``<golden dir>/notice.pdf`` and ``.docx`` (text, raster,
fonts) and fails with the report; diff images go to ``--kzdocs-diff-dir`` (default
``.kzdocs-diff/<test>``). ``--kzdocs-update-golden`` rewrites the golden files on purpose, with
``GOLDEN.json`` recording the versions they were made with. The golden folder is the ini option
``kzdocs_golden_dir`` (default ``golden`` beside the test file) or the ``golden_dir`` argument.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .report import DEFAULT_TOLERANCE, Mask, Report

if TYPE_CHECKING:  # the plugin loads with every pytest run: the library loads when a test uses it
    from kzdocs.documents import Document


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kzdocs", "kzdocs golden files")
    group.addoption("--kzdocs-update-golden", action="store_true", default=False,
                    help="rewrite kzdocs golden files from the current renders")
    group.addoption("--kzdocs-diff-dir", default=None, help="where diff images of failing comparisons go")
    parser.addini("kzdocs_golden_dir", "folder of golden files (relative to each test file)", default="golden")


class Golden:
    """The ``kzdocs_golden`` fixture: render, compare with the golden file, fail with the report."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        config = request.config
        self.update: bool = config.getoption("--kzdocs-update-golden")
        self.base = Path(str(request.node.path)).parent / str(config.getini("kzdocs_golden_dir"))
        diff_root = config.getoption("--kzdocs-diff-dir") or Path(str(config.rootpath)) / ".kzdocs-diff"
        self.diff_dir = Path(diff_root) / re.sub(r"[^\w.-]+", "_", request.node.name)

    def __call__(self, doc: Document, name: str, *, formats: Sequence[str] = ("pdf", "docx"),
                 languages: tuple[str, ...] = ("kk", "ru"), masks: Sequence[Mask] = (),
                 tolerance: int = DEFAULT_TOLERANCE, golden_dir: str | Path | None = None,
                 renderer: Any = None) -> list[Report]:
        """Compare renders of ``doc`` (by ``renderer``, a :class:`kzdocs.Renderer` with an office's look,
        when given) with the golden files."""
        from kzdocs.files import write_atomic
        from kzdocs.render import render_docx, render_pdf

        from .compare import compare_files
        from .versions import write_record

        folder = Path(golden_dir) if golden_dir else self.base
        reports, failures = [], []
        for fmt in formats:
            if renderer is not None:
                data = renderer.render_pdf(doc, languages) if fmt == "pdf" else renderer.render_docx(doc, languages)
            else:
                data = render_pdf(doc, languages) if fmt == "pdf" else render_docx(doc, languages)
            golden = folder / f"{name}.{fmt}"
            if self.update:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomic(golden, data)
                write_record(folder)
                continue
            if not golden.is_file():
                pytest.fail(f"no golden file {golden}; run pytest with --kzdocs-update-golden to create it")
            self.diff_dir.mkdir(parents=True, exist_ok=True)
            actual = self.diff_dir / f"{name}.actual.{fmt}"
            actual.write_bytes(data)
            report = compare_files(golden, actual, masks=masks, tolerance=tolerance,
                                   diff_dir=self.diff_dir / f"{name}-{fmt}")
            reports.append(report)
            if report.ok:
                actual.unlink()
            else:
                failures.append(f"{golden} vs {actual}:\n{report.summary()}")
        if failures:
            pytest.fail("kzdocs golden comparison failed\n" + "\n".join(failures), pytrace=False)
        return reports


@pytest.fixture
def kzdocs_golden(request: pytest.FixtureRequest) -> Golden:
    """Render a document and compare it with its golden PDF and DOCX."""
    return Golden(request)
