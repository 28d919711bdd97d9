"""render_many: order, errors, bounded in-flight work, any executor."""

from __future__ import annotations

from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pytest
from helpers import sample, sample_data

from kzdocs import render_many, render_pdf


def items(count: int, bad: set[int] = frozenset()) -> list[Any]:  # type: ignore[assignment]
    base = sample_data("queue-receipt")
    out = []
    for i in range(count):
        data = {**base, "number": f"Q-{i}"}
        if i in bad:
            data["queue_number"] = -1
        out.append(("queue-receipt", data))
    return out


def test_sequential_keeps_order_and_reports_errors() -> None:
    seen: list[int] = []
    results = list(render_many(items(6, {2, 4}), formats=("pdf", "docx"), progress=lambda r: seen.append(r.index)))
    assert [r.index for r in results] == list(range(6)) == seen
    assert [r.ok for r in results] == [True, True, False, True, False, True]
    assert results[2].errors[0]["loc"] == ["queue_number"]
    assert results[0].number == "Q-0" and set(results[0].outputs) == {"pdf", "docx"}
    assert results[1].outputs["pdf"].startswith(b"%PDF")


def test_documents_and_raw_data_mix() -> None:
    results = list(render_many([sample("motivated-refusal"), ("motivated-refusal", sample_data("motivated-refusal"))]))
    assert results[0].outputs["pdf"] == results[1].outputs["pdf"] == render_pdf(sample("motivated-refusal"))


def test_process_pool_gives_the_same_bytes_in_order() -> None:
    local = [r.outputs["pdf"] for r in render_many(items(8))]
    with ProcessPoolExecutor(2) as pool:
        pooled = list(render_many(items(8), executor=pool, window=3))
    assert [r.index for r in pooled] == list(range(8))
    assert [r.outputs["pdf"] for r in pooled] == local


class CountingExecutor(Executor):
    """Runs tasks in a thread pool and records the most tasks ever in flight."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(2)
        self.in_flight = 0
        self.peak = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        future = self.pool.submit(fn, *args, **kwargs)
        return future

    def done(self) -> None:
        self.in_flight -= 1


def test_window_bounds_the_work_in_flight() -> None:
    executor = CountingExecutor()
    for _result in render_many(items(12), executor=executor, window=4):
        executor.done()
    assert executor.peak <= 4
    executor.pool.shutdown()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="formats"):
        list(render_many(items(1), formats=("png",)))
    with pytest.raises(ValueError, match="language"):
        list(render_many(items(1), languages=("en",)))
