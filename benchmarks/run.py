"""kzdocs against the engines it sits on, measured side by side in one run.

    .venv/bin/python benchmarks/run.py            # the full run (several minutes)
    .venv/bin/python benchmarks/run.py --quick    # smaller counts, for a look
    .venv/bin/python benchmarks/run.py --record   # also write benchmarks/RESULTS.md

Every figure is a median of interleaved runs (A, B, A, B, ...), so a noisy neighbour slows both
sides alike; ratios matter more than milliseconds on shared machines.

1. render_pdf(doc) against raw WeasyPrint on the same HTML (render_html(doc)) with a shared
   font configuration: the ratio is kzdocs's overhead (target at most 1.10).
2. render_docx(doc) against a naive docxtpl render of the same template and context, loading
   the .docx, rendering and saving each time (target: kzdocs at least 2x faster).
3. render_pdf against `soffice --headless --convert-to pdf` of the same DOCX, when LibreOffice is
   installed (target: kzdocs at least 12x faster).
4. render_many with 1 and 2 worker processes on 1,000 documents (target: 2 processes at least
   1.7x the rate of 1 on 2 cores).
5. Resident memory after 100 and after 2,000 renders in one process (target: at most 10 MB growth).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx.shared import Mm  # noqa: E402
from docxtpl import DocxTemplate, InlineImage  # noqa: E402
from jinja2 import Environment  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from kzdocs import DOCUMENTS, Document, parse_document, render_docx, render_html, render_many, render_pdf  # noqa: E402
from kzdocs.render.docx import context  # noqa: E402
from kzdocs.render.pdf import BundledOnlyFetcher  # noqa: E402
from kzdocs.render.qr import qr_png  # noqa: E402

SAMPLES = ROOT / "samples"
TEMPLATES = ROOT / "templates" / "docx"


def load(name: str) -> Document:
    return parse_document(name, (SAMPLES / f"{name}.json").read_bytes())


def side_by_side(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians (seconds) of ``a`` and ``b`` timed alternately, after one warm-up each."""
    a(), b()
    times_a, times_b = [], []
    for _ in range(runs):
        for action, times in ((a, times_a), (b, times_b)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return statistics.median(times_a), statistics.median(times_b)


def pdf_overhead(runs: int) -> list[tuple[str, float, float]]:
    font_config, fetcher = FontConfiguration(), BundledOnlyFetcher()
    rows = []
    for name in DOCUMENTS:
        doc = load(name)
        html = render_html(doc)

        def raw(html: str = html) -> bytes:
            return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf(font_config=font_config))

        kz, engine = side_by_side(lambda doc=doc: render_pdf(doc), raw, runs)
        rows.append((name, kz, engine))
    return rows


def docx_speed(runs: int) -> list[tuple[str, float, float]]:
    rows = []
    for name in DOCUMENTS:
        doc = load(name)
        template_path = TEMPLATES / f"{name}.docx"

        def naive(doc: Document = doc, path: Path = template_path) -> bytes:
            template = DocxTemplate(path)
            view = doc.view()
            values = context(view)
            values["qr"] = InlineImage(template, io.BytesIO(qr_png(view.qr_payload)), width=Mm(20), height=Mm(20))
            template.render(values, jinja_env=Environment(autoescape=True), autoescape=True)
            out = io.BytesIO()
            template.save(out)
            return out.getvalue()

        kz, baseline = side_by_side(lambda doc=doc: render_docx(doc), naive, runs)
        rows.append((name, kz, baseline))
    return rows


def libreoffice(runs: int) -> list[tuple[str, float, float]] | str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "skipped: LibreOffice (soffice) is not installed"
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        for name in DOCUMENTS:
            doc = load(name)
            source = Path(folder) / f"{name}.docx"
            source.write_bytes(render_docx(doc))

            def convert(source: Path = source) -> None:
                subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                                "pdf", "--outdir", folder, str(source)], check=True, capture_output=True)

            kz, office = side_by_side(lambda doc=doc: render_pdf(doc), convert, runs)
            rows.append((name, kz, office))
    return rows


def _items(count: int) -> list[tuple[str, dict[str, object]]]:
    names = list(DOCUMENTS)
    data = {name: json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8")) for name in names}
    return [(names[i % len(names)], {**data[names[i % len(names)]], "number": f"B-{i}"}) for i in range(count)]


def batch_rates(count: int) -> list[tuple[int, float]]:
    rates = []
    for workers in (1, 2):
        with ProcessPoolExecutor(workers) as pool:
            list(render_many(_items(workers * 4), executor=pool))  # start the workers, load the engines
            start = time.perf_counter()
            done = sum(1 for result in render_many(_items(count), executor=pool) if result.ok)
            rates.append((workers, done / (time.perf_counter() - start)))
    return rates


MEMORY_PROBE = """
import json, sys
from pathlib import Path
from kzdocs import DOCUMENTS, parse_document, render_pdf, render_docx
def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
docs = [parse_document(n, (Path(sys.argv[1]) / f"{n}.json").read_bytes()) for n in DOCUMENTS]
marks, total = {}, int(sys.argv[2])
for i in range(1, total + 1):
    doc = docs[i % len(docs)]
    render_pdf(doc) if i % 2 else render_docx(doc)
    if i in (100, total):
        marks[i] = rss_mb()
print(json.dumps(marks))
"""


def memory(total: int) -> dict[int, float]:
    out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(SAMPLES), str(total)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return {int(k): v for k, v in json.loads(out.stdout).items()}


def table(title: str, head: tuple[str, str, str], rows: list[tuple[str, float, float]], target: str) -> list[str]:
    lines = [f"### {title}", "", f"| document | {head[0]} | {head[1]} | {head[2]} |", "|---|---:|---:|---:|"]
    for name, kz, other in rows:
        lines.append(f"| {name} | {kz * 1000:.1f} ms | {other * 1000:.1f} ms | {kz / other:.2f} |")
    kz_all = statistics.median(r[1] for r in rows)
    other_all = statistics.median(r[2] for r in rows)
    lines += [f"| **median** | {kz_all * 1000:.1f} ms | {other_all * 1000:.1f} ms | {kz_all / other_all:.2f} |", "",
              target, ""]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller counts (a look, not a record)")
    parser.add_argument("--record", action="store_true", help="write benchmarks/RESULTS.md")
    args = parser.parse_args()
    runs, batch, renders = (5, 60, 300) if args.quick else (21, 1000, 2000)

    out = [f"## Run of {date.today().isoformat()}{' (quick)' if args.quick else ''}", "",
           f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; Python "
           f"{platform.python_version()}; kzdocs {version('kzdocs')}, WeasyPrint {version('weasyprint')}, "
           f"pydyf {version('pydyf')}, docxtpl {version('docxtpl')}, python-docx {version('python-docx')}.", ""]
    pdf = pdf_overhead(runs)
    out += table("1. PDF: render_pdf against raw WeasyPrint on the same HTML", ("kzdocs", "WeasyPrint", "ratio"),
                 pdf, "Target: ratio at most 1.10.")
    docx = docx_speed(runs)
    out += table("2. DOCX: render_docx against a naive docxtpl render (load, render, save)",
                 ("kzdocs", "docxtpl", "ratio"), docx, "Target: ratio at most 0.50 (kzdocs at least 2x faster).")
    office = libreoffice(max(3, runs // 3))
    if isinstance(office, str):
        out += ["### 3. PDF: kzdocs against a LibreOffice conversion of the same DOCX", "", office, ""]
    else:
        out += table("3. PDF: kzdocs against a LibreOffice conversion of the same DOCX", ("kzdocs", "soffice", "ratio"),
                     office, "Target: ratio at most 0.083 (kzdocs at least 12x faster).")
    rates = batch_rates(batch)
    speedup = rates[1][1] / rates[0][1]
    out += [f"### 4. render_many on {batch} documents (PDF), process pool", "", "| workers | documents/s |",
            "|---:|---:|", *(f"| {w} | {r:.1f} |" for w, r in rates), "",
            f"Speed-up with 2 processes: {speedup:.2f}x (target at least 1.7x on 2 cores).", ""]
    marks = memory(renders)
    growth = marks[renders] - marks[100]
    out += [f"### 5. Resident memory over {renders} renders in one process (PDF and DOCX alternating)", "",
            f"After 100: {marks[100]:.1f} MB; after {renders}: {marks[renders]:.1f} MB; growth {growth:.1f} MB "
            "(target at most 10 MB).", ""]
    text = "\n".join(out)
    print(text)
    if args.record:
        results = ROOT / "benchmarks" / "RESULTS.md"
        header = "# Benchmark results\n\nProduced by `.venv/bin/python benchmarks/run.py --record`.\n\n"
        kept = ""  # the section benchmarks/serve.py records stays
        if results.exists() and "<!-- serve.py: start -->" in (current := results.read_text(encoding="utf-8")):
            kept = "\n" + current[current.index("<!-- serve.py: start -->"):]
        results.write_text(header + text + "\n" + kept, encoding="utf-8")


if __name__ == "__main__":
    main()
