"""Issue 16 figures: what adversarial input costs, and what the engine lock costs threads.

    .venv/bin/python benchmarks/robustness.py

1. CPU seconds of the review's worst record (30 accepted documents named by 1,000-letter words,
   which validation now refuses) next to the worst record the input bounds still accept (every
   word at its 40-letter limit, every list and text at its maximum), rendered with max_pages=1.
2. Wall time of 48 renders one after another and from 16 threads: the process-wide engine lock
   serialises layout, so threads gain nothing — and lose nothing either.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import NAMES, sample, sample_data  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from kzdocs import PageLimitError, parse_document, render_pdf  # noqa: E402
from kzdocs.documents.queue_receipt import QueueReceipt  # noqa: E402


def cpu(action) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    start = time.process_time()
    try:
        action()
        outcome = "rendered"
    except PageLimitError:
        outcome = "PageLimitError"
    except ValidationError as exc:
        outcome = f"refused ({exc.errors()[0]['type']})"
    return time.process_time() - start, outcome


def receipt(words: list[str], items: int = 30) -> QueueReceipt:
    data = sample_data("queue-receipt")
    data["accepted_documents"] = [{"name_kk": " ".join(words), "name_ru": " ".join(words)}] * items
    return parse_document("queue-receipt", data)  # type: ignore[return-value]


def main() -> None:
    print("worst records (CPU seconds, one render, max_pages=1)")
    for label, words, items in (
            ("review: 30 items of 1,000-letter words", ["Ә" * 1000], 30),
            ("30 items of 1,000 characters in 40-letter words", ["Ә" * 40] * 24, 30),
            ("30 items of 1,000 characters in ordinary words", ["Әлеуметтік"] * 90, 30),
            ("under the per-page bound: 30 items of 6 40-letter words", ["Ә" * 40] * 6, 30)):
        seconds, outcome = cpu(lambda w=words, n=items: render_pdf(receipt(w, n)))
        print(f"  {label:58} {seconds:7.2f} s  {outcome}")
    docs = [sample(name) for name in NAMES]
    render_pdf(docs[0])
    start = time.perf_counter()
    for i in range(48):
        render_pdf(docs[i % len(docs)])
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda i: render_pdf(docs[i % len(docs)]), range(48)))
    threaded = time.perf_counter() - start
    print(f"48 renders: serial {serial:.2f} s, 16 threads {threaded:.2f} s, "
          f"ratio threads/serial {threaded / serial:.2f}")


if __name__ == "__main__":
    main()
