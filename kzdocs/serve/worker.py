"""The render worker: a process that renders one job at a time, sent over a pipe.

A worker warms up (renders a sample once) before it says it is ready; workers forked from the
forkserver, which preloads :mod:`kzdocs.serve.warm`, start warm at once. A worker ignores SIGINT
and SIGTERM: the server ends it by closing its pipe once its in-flight render is done, or kills it
when a render overruns its time limit.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from kzdocs.documents import Document, parse_document
from kzdocs.errors import KzdocsError, PageLimitError
from kzdocs.render import render_docx, render_pdf
from kzdocs.render.batch import field_loc
from kzdocs.render.renderer import DEFAULT, Renderer

#: Media types of the formats the service renders.
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Job:
    """One render: a validated document, the format, the languages and further options
    (a mapping, so that later options such as a seal or an archive copy add keys, not fields)."""

    document: Document
    fmt: str
    languages: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What a job gave: the bytes, or an HTTP status with ``{"loc", "type", "msg"}`` errors."""

    body: bytes = b""
    status: int = 200
    errors: list[dict[str, Any]] = field(default_factory=list)


def run_job(job: Job, renderer: Renderer | None = None) -> Outcome:
    """Render ``job`` (through ``renderer``: an office's look and seal; else kzdocs' own); every failure
    becomes an :class:`Outcome` (exceptions do not cross the pipe)."""
    look = renderer or DEFAULT  # with a kit, the request was checked against it already (Office.fill)
    try:
        if job.fmt == "pdf":
            archive = bool(job.options.get("archive"))
            return Outcome(look.render_pdf(job.document, job.languages, keep_own=True, archive=archive))
        if job.fmt == "docx":
            return Outcome(look.render_docx(job.document, job.languages, keep_own=True))
        return Outcome(look.render_html(job.document, job.languages, keep_own=True).encode("utf-8"))
    except PageLimitError as exc:
        return Outcome(status=422, errors=[{"loc": field_loc(exc.field), "type": "page_limit", "msg": str(exc)}])
    except KzdocsError as exc:
        return Outcome(status=500, errors=[{"loc": [], "type": exc.code, "msg": one_line(str(exc))}])
    except Exception as exc:  # an engine's own failure: reported in one line, never a traceback
        return Outcome(status=500, errors=[{"loc": [], "type": "render.engine",
                                            "msg": one_line(f"rendering failed: {type(exc).__name__}: {exc}")}])


def one_line(text: str) -> str:
    """The first line of ``text``, at most 300 characters."""
    line = text.strip().splitlines()[0] if text.strip() else "failed"
    return line[:300]


def serve_jobs(conn: Connection, renderer: Renderer | None = None) -> None:
    """A worker's life: say ready, then answer jobs (through ``renderer`` when the server has an office
    kit) until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warm()
    if renderer is not None and renderer.office is not None:
        renderer = warm_renderer(renderer)
    conn.send(os.getpid())
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run_job(job, renderer))


_warm = False


def warm() -> None:
    """Load the engines, fonts and templates by rendering the sample receipt once (per process)."""
    global _warm
    if _warm:
        return
    from kzdocs._resources import resource_dir

    try:
        sample = parse_document("queue-receipt", (resource_dir("samples") / "queue-receipt.json").read_bytes())
        render_pdf(sample)
        render_docx(sample)
    except Exception:  # a broken installation shows in the first real render, as a 500
        return
    _warm = True


def warm_renderer(renderer: Renderer) -> Renderer:
    """Prepare the office's letterhead parts by rendering the sample receipt once in its look."""
    from kzdocs._resources import resource_dir

    try:
        data = json.loads((resource_dir("samples") / "queue-receipt.json").read_bytes())
        data = {key: value for key, value in data.items() if key not in ("issuer", "signatory")}
        sample = renderer.document("queue-receipt", data)
        renderer.render_pdf(sample)
        renderer.render_docx(sample)
    except Exception:  # a kit the sample does not fit shows in the first real render instead
        pass
    return renderer
