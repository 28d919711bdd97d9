"""How long a QA comparison takes: one A4 page at the default dpi, median of repeated runs.

    .venv/bin/python benchmarks/compare.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzdocs import parse_document, render_docx, render_pdf  # noqa: E402
from kzdocs.qa import compare_docx, compare_pdf  # noqa: E402
from kzdocs.qa.pdf import DEFAULT_DPI  # noqa: E402


def median_seconds(action, runs: int = 15) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    samples = ROOT / "samples"
    golden_pdf = (samples / "aid-assignment.pdf").read_bytes()
    golden_docx = (samples / "aid-assignment.docx").read_bytes()
    data = (samples / "aid-assignment.json").read_text(encoding="utf-8").replace('"42500.50"', '"42500.60"')
    data = data.replace('"127501.50"', '"127501.80"').replace('"10625.14"', '"10625.24"')
    doc = parse_document("aid-assignment", data)
    changed_pdf, changed_docx = render_pdf(doc), render_docx(doc)
    equivalent_pdf = golden_pdf.replace(b"/ID [", b"/ID  [", 1) if b"/ID [" in golden_pdf else golden_pdf + b"\n"
    rows = [
        (f"PDF, 1 page, {DEFAULT_DPI} dpi, different", median_seconds(lambda: compare_pdf(golden_pdf, changed_pdf))),
        (f"PDF, 1 page, {DEFAULT_DPI} dpi, equivalent",
         median_seconds(lambda: compare_pdf(golden_pdf, equivalent_pdf))),
        ("PDF, identical bytes", median_seconds(lambda: compare_pdf(golden_pdf, golden_pdf))),
        ("DOCX, different", median_seconds(lambda: compare_docx(golden_docx, changed_docx))),
        ("render_pdf of the same document (for scale)", median_seconds(lambda: render_pdf(doc))),
    ]
    print(f"{'comparison':48} {'median':>10}")
    for label, seconds in rows:
        print(f"{label:48} {seconds * 1000:8.1f} ms")
    print(f"ratio PDF compare / render_pdf: {rows[0][1] / rows[-1][1]:.2f}")


if __name__ == "__main__":
    main()
