"""Rendering with an office kit (emblem, Word blank) against rendering without, side by side in one run.

    .venv/bin/python benchmarks/office.py            # 15 interleaved rounds per document and format
    .venv/bin/python benchmarks/office.py --rounds 5 # a quick look

Both sides render the same six sample inputs (issuer and signatory from the kit on the kit side)
through their own ``Renderer``; each figure is the median of interleaved runs (A, B, A, B, ...), so
a noisy neighbour slows both alike. Target: the kit's render time within 1.10x of the plain one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kzdocs import DOCUMENTS, Office, Renderer, parse_document  # noqa: E402
from kzdocs.inputs import loads  # noqa: E402


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    kit = Office.load(ROOT / "samples" / "office")
    plain, office = Renderer(), Renderer(kit)
    print(f"kit: emblem {kit.emblem.name if kit.emblem else '-'}, Word blank "
          f"{kit.word_blank.name if kit.word_blank else '-'}; {args.rounds} interleaved rounds\n")
    print("| document | format | without kit | with kit | ratio |")
    print("|---|---|---:|---:|---:|")
    totals: dict[str, list[float]] = {"pdf": [], "docx": []}
    for name in DOCUMENTS:
        data = loads((ROOT / "samples" / f"{name}.json").read_bytes())
        doc = parse_document(name, data)
        data.pop("issuer")
        data.pop("signatory")
        kit_doc = office.document(name, data)
        for fmt in ("pdf", "docx"):
            a: Callable[[], object] = partial(plain.render_pdf if fmt == "pdf" else plain.render_docx, doc)
            b: Callable[[], object] = partial(office.render_pdf if fmt == "pdf" else office.render_docx, kit_doc)
            a(), b()  # warm up: caches, fonts, the compiled templates
            plain_times, kit_times = [], []
            for _ in range(args.rounds):
                plain_times.append(timed(a))
                kit_times.append(timed(b))
            p, k = statistics.median(plain_times), statistics.median(kit_times)
            totals[fmt].append(k / p)
            print(f"| {name} | {fmt} | {p * 1000:.1f} ms | {k * 1000:.1f} ms | {k / p:.2f} |")
    for fmt, ratios in totals.items():
        print(f"\nmedian ratio {fmt}: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
