"""Many documents at once, through any ``concurrent.futures.Executor``.

``render_many`` keeps input order, holds only a bounded window of work in flight (so a million
items stream through in constant memory), and reports progress through a callback. A process
pool on one machine, or a Dask ``distributed`` client's ``get_executor()`` across many: the
scheduling is the executor's, not ours.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from kzdocs.documents import Document, check_languages, parse_document

from .docx import render_docx
from .errors import PageLimitError
from .pdf import render_pdf

FORMATS: Final = ("pdf", "docx")
Item = Document | tuple[str, Mapping[str, Any]]


@dataclass(frozen=True)
class RenderResult:
    """The outcome of one item: its position, the rendered files, or why it failed."""

    index: int
    #: Format (``pdf``, ``docx``) → bytes; empty when the item failed.
    outputs: dict[str, bytes] = field(default_factory=dict)
    #: The document number, when the input was valid.
    number: str | None = None
    #: Validation problems, as ``{"loc": [...], "msg": ..., "type": ...}``.
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def error_list(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic errors as plain JSON-ready dicts: location, message, rule."""
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]


def render_one(index: int, item: Item, formats: tuple[str, ...], languages: tuple[str, ...]) -> RenderResult:
    """Validate (when given raw data) and render one item; bad input becomes a failed result."""
    try:
        doc = item if isinstance(item, Document) else parse_document(item[0], dict(item[1]))
    except ValidationError as exc:
        return RenderResult(index, errors=error_list(exc))
    except (KeyError, ValueError) as exc:
        return RenderResult(index, errors=[{"loc": [], "msg": str(exc).strip("'\""), "type": "input"}])
    outputs = {}
    try:
        for fmt in formats:
            outputs[fmt] = render_pdf(doc, languages) if fmt == "pdf" else render_docx(doc, languages)
    except PageLimitError as exc:
        return RenderResult(index, errors=[{"loc": field_loc(exc.field), "msg": str(exc), "type": "page_limit"}])
    return RenderResult(index, outputs=outputs, number=doc.number)


def field_loc(path: str) -> list[str | int]:
    """``"grounds[0].details_ru"`` → ``["grounds", 0, "details_ru"]``."""
    return [int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", path)]


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(formats)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"formats must be some of {FORMATS}, not {chosen!r}")
    return chosen


def render_many(
    items: Iterable[Item],
    *,
    executor: Executor | None = None,
    formats: Iterable[str] = ("pdf",),
    languages: tuple[str, ...] | str = ("kk", "ru"),
    window: int | None = None,
    progress: Callable[[RenderResult], None] | None = None,
) -> Iterator[RenderResult]:
    """Render ``items`` (documents, or ``(name, data)`` pairs validated on the worker) in order.

    ``window`` bounds the items in flight (default: 4 per CPU). ``progress`` is called with each
    result as it is yielded. Invalid items yield a result with ``errors``; they never stop the run.
    """
    chosen_formats = _check_formats(formats)
    chosen_languages = check_languages(languages)
    if executor is None:
        for index, item in enumerate(items):
            result = render_one(index, item, chosen_formats, chosen_languages)
            if progress:
                progress(result)
            yield result
        return
    limit = window or 4 * (os.cpu_count() or 1)
    pending: deque[Future[RenderResult]] = deque()
    for index, item in enumerate(items):
        pending.append(executor.submit(render_one, index, item, chosen_formats, chosen_languages))
        if len(pending) >= limit:
            result = pending.popleft().result()
            if progress:
                progress(result)
            yield result
    while pending:
        result = pending.popleft().result()
        if progress:
            progress(result)
        yield result
