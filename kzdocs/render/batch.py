"""Many documents at once, through any ``concurrent.futures.Executor``.

``render_many`` keeps input order, holds only a bounded window of work in flight (so a million
items stream through in constant memory), and reports progress through a callback. A process
pool on one machine, or a Dask ``distributed`` client's ``get_executor()`` across many: the
scheduling is the executor's, not ours.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Final

from pydantic import ValidationError

from kzdocs.documents import Document, parse_document
from kzdocs.errors import KzdocsError, RenderTimeoutError
from kzdocs.lang import check_languages

from .errors import PageLimitError
from .renderer import DEFAULT, Renderer

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
    """Pydantic errors as plain JSON-ready dicts: location, message, rule, and the rule's values
    (``ctx``, as text) that :mod:`kzdocs.messages` words them from. The input is left out (it may be
    personal data), except a code refused by a list of codes (to suggest the one meant)."""
    errors = []
    for e in exc.errors(include_url=False):
        item: dict[str, Any] = {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
        if e.get("ctx"):
            item["ctx"] = {key: str(value) for key, value in e["ctx"].items()}
        if e["type"] == "literal_error" and isinstance(e.get("input"), str):
            item["input"] = e["input"]
        errors.append(item)
    return errors


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RenderTimeoutError` in the block after ``seconds`` (only in a process's main
    thread, where a timer signal can interrupt; elsewhere the block runs unbounded)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise RenderTimeoutError(f"rendering this record took longer than {seconds:g} s, its time limit")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def failed(index: int, kind: str, message: str, loc: list[str | int] | None = None) -> RenderResult:
    """A failed result with one error."""
    return RenderResult(index, errors=[{"loc": loc or [], "msg": message, "type": kind}])


def render_one(index: int, item: Item, formats: tuple[str, ...], languages: tuple[str, ...],
               limit: float | None = None, renderer: Renderer | None = None) -> RenderResult:
    """Validate (when given raw data) and render one item, through ``renderer`` when given (an office's
    look and seal; the item was completed from its kit already); whatever goes wrong with it (bad
    input, an engine error, more than ``limit`` seconds) becomes a failed result, never an exception."""
    try:
        with time_limit(limit):
            return _render_one(index, item, formats, languages, _shared(renderer) if renderer else None)
    except RenderTimeoutError as exc:
        return failed(index, exc.code, str(exc))
    except KzdocsError as exc:
        return failed(index, exc.code, str(exc))
    except RecursionError:
        return failed(index, "input", "the input is nested too deeply")
    except Exception as exc:  # a record must never stop a batch; the reason is kept for the clerk
        return failed(index, "render.failed", f"this record could not be rendered: {type(exc).__name__}: {exc}")


def _render_one(index: int, item: Item, formats: tuple[str, ...], languages: tuple[str, ...],
                renderer: Renderer | None) -> RenderResult:
    try:
        if isinstance(item, Document):
            doc = item
        elif renderer is not None:
            doc = renderer.document(item[0], dict(item[1]), keep_own=True)
        else:
            doc = parse_document(item[0], dict(item[1]))
    except ValidationError as exc:
        return RenderResult(index, errors=error_list(exc))
    except KzdocsError:
        raise
    except (KeyError, ValueError, TypeError, ArithmeticError) as exc:
        return failed(index, "input", str(exc).strip("'\""))
    outputs = {}
    try:
        look = renderer or DEFAULT  # with a kit, the record was completed from it already
        for fmt in formats:
            outputs[fmt] = (look.render_pdf(doc, languages, keep_own=True) if fmt == "pdf"
                            else look.render_docx(doc, languages, keep_own=True))
    except PageLimitError as exc:
        return failed(index, "page_limit", str(exc), field_loc(exc.field))
    return RenderResult(index, outputs=outputs, number=doc.number)


#: Renderers of this process by office kit and key: a renderer sent with every record is unpickled
#: anew each time; the one kept here holds the kit's prepared letterhead parts for the next record.
_RENDERERS: dict[tuple[str, str], Renderer] = {}


def _shared(renderer: Renderer) -> Renderer:
    key = (renderer.office.digest if renderer.office else "", renderer.seal.entry.kid.hex() if renderer.seal else "")
    return _RENDERERS.setdefault(key, renderer)


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
    pending: deque[tuple[int, Future[RenderResult] | RenderResult]] = deque()
    for index, item in enumerate(items):
        try:
            pending.append((index, executor.submit(render_one, index, item, chosen_formats, chosen_languages)))
        except Exception as exc:  # a broken or closed executor: this item fails, the run goes on
            reason = str(exc) or type(exc).__name__
            pending.append((index, failed(index, "worker", f"could not be sent to a worker: {reason}")))
        if len(pending) >= limit:
            result = _outcome(*pending.popleft())
            if progress:
                progress(result)
            yield result
    while pending:
        result = _outcome(*pending.popleft())
        if progress:
            progress(result)
        yield result


def _outcome(index: int, future: Future[RenderResult] | RenderResult) -> RenderResult:
    """A future's result; a worker that died or an item that could not travel is a failed result."""
    if isinstance(future, RenderResult):
        return future
    try:
        return future.result()
    except Exception as exc:
        reason = str(exc) or type(exc).__name__
        return failed(index, "worker", f"the worker rendering this item failed: {reason}")
