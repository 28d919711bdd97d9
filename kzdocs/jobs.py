"""A batch into a folder: one file per record, resumable, every failure listed, nothing lost.

The input is streamed (a 250 MB file is never held whole). Each record's files are named from
its document number and written atomically; the folder's :class:`~kzdocs.journal.Journal`
records what was written, from which input, with which bytes and settings. A rerun skips a record
only when its files on disk are verifiably the ones the journal wrote from the same input and
settings; it renders again a record whose input changed (and reports the file it replaced);
it never overwrites a file the journal did not write; it reports the files of an earlier
number of a corrected record as stale. One batch at a time per folder (a lock); workers are
processes that die with the batch; a record that crashes, stalls or kills its worker fails alone.
Failed records go to ``errors.jsonl`` with their line number and reasons.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import signal
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kzdocs import workdays
from kzdocs.documents import MAX_INPUT_BYTES, document_class
from kzdocs.errors import KzdocsError, OfficeConflictError, OutputError
from kzdocs.files import MAX_NAME_BYTES, bounded_lines, open_input, temp_name, write_atomic
from kzdocs.inputs import InputError, csv_records, loads, merge, table_records
from kzdocs.journal import Entry, Journal
from kzdocs.limits import DEFAULT_TIME_LIMIT
from kzdocs.office import Office
from kzdocs.render.batch import FORMATS, RenderResult, render_one
from kzdocs.render.renderer import Renderer

ERRORS = "errors.jsonl"
#: Seconds one record may take to render in a batch before it fails (``--time-limit``).
#: A line this long (bytes) is not a record at all: the input is refused as a whole.
GIVE_UP_BYTES = 64 * MAX_INPUT_BYTES
_STEM_BYTES = MAX_NAME_BYTES - len(".docx") - 10


@dataclass
class BatchSummary:
    """What a batch did: counts, where the failures are listed, and what needs the clerk's eye."""

    total: int = 0
    rendered: int = 0
    skipped: int = 0
    failed: int = 0
    #: Records whose input changed since their files were written: rendered again, in place.
    replaced: int = 0
    errors_file: Path | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)
    #: Files of an earlier number of a corrected record: ``{"line", "number", "now", "files"}``.
    stale: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def report(self) -> dict[str, Any]:
        """The summary for machines (``--json``)."""
        return {"total": self.total, "rendered": self.rendered, "skipped": self.skipped, "failed": self.failed,
                "replaced": self.replaced, "stale": [name for s in self.stale for name in s["files"]],
                "errors_file": str(self.errors_file) if self.errors_file else None}


def file_stem(number: str) -> str:
    """A safe file name from a document number: «02-15/3381» → «02-15_3381».

    Never starts with ``-`` or ``.`` (no file looks like an option or is hidden), and fits a file
    name's 255 bytes with its extension: a longer number is cut and given a short hash of the whole.
    """
    stem = re.sub(r"[^\w.-]+", "_", number, flags=re.UNICODE).strip("._-")
    encoded = stem.encode("utf-8")
    if len(encoded) > _STEM_BYTES:
        digest = hashlib.sha256(number.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = encoded[:_STEM_BYTES - 9].decode("utf-8", "ignore").rstrip("._-") + "~" + digest
    return stem or "document"


def input_hash(record: Mapping[str, Any]) -> str:
    """A stable hash of a record's input (after the issuer profile is applied)."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def batch_settings(kind: str, languages: tuple[str, ...], office: Office | None = None,
                   seal: str | None = None) -> str:
    """What a record's files depend on besides its input: the document, languages, the office kit, the
    seal key's id and the calendar's extra days off and working days (a change of ``KZDOCS_DAYS_OFF``
    renders again)."""
    kit = {"office": office.digest} if office is not None else {}
    if seal is not None:
        kit["seal"] = seal
    return json.dumps({"kind": kind, "languages": list(languages), **kit, **workdays.settings()}, sort_keys=True)


def record_key(record: Mapping[str, Any], formats: tuple[str, ...], languages: tuple[str, ...]) -> str:
    """A hash of a record's input, formats and languages (kept for callers of earlier versions)."""
    text = json.dumps({"input": record, "formats": formats, "languages": languages}, sort_keys=True,
                      ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _error(line: int, kind: str, message: str, loc: list[Any] | None = None) -> dict[str, Any]:
    return {"line": line, "errors": [{"loc": loc or [], "msg": message, "type": kind}]}


def _jsonl(stream: Any) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    for number, raw in bounded_lines(stream, MAX_INPUT_BYTES, GIVE_UP_BYTES):
        if raw is None:
            yield number, InputError(f"line {number} is larger than {MAX_INPUT_BYTES:,} bytes, the limit for one "
                                     "document", "too_large")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, InputError(f"line {number} is not UTF-8 text", "encoding")
            continue
        if not text.strip():
            continue
        try:
            record = loads(text, f"line {number}")
        except InputError as exc:
            yield number, exc
            continue
        if not isinstance(record, dict):
            yield number, InputError(f"line {number} is not a JSON object", "json")
            continue
        yield number, record


def read_records(path: str | Path, kind: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Records of a ``.jsonl``, ``.csv`` or ``.xlsx`` file, streamed (``-`` reads JSON Lines from standard input).

    A record that cannot be read is given as an :class:`InputError` in its place; an input that is
    not a file of records at all raises it.
    """
    model = document_class(kind)
    if str(path).lower().endswith((".csv", ".xlsx")):  # a register as Excel keeps it (kzdocs.tables)
        yield from table_records(path, model)
        return
    stream, _size = open_input(path)
    try:
        if str(path).lower().endswith(".csv"):
            import io

            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            try:
                yield from csv_records(text, model)
            except UnicodeDecodeError:
                raise InputError(f"{path} is not UTF-8 text", "encoding") from None
        else:
            yield from _jsonl(stream)
    finally:
        if str(path) != "-":
            stream.close()


def count_records(path: str | Path) -> int | None:
    """About how many records a regular input file holds (its lines), for a progress bar; ``None``
    for standard input, a pipe or a device."""
    if str(path) == "-" or str(path).lower().endswith(".xlsx"):
        return None
    try:
        stream, size = open_input(path)
    except InputError:
        return None
    with stream:
        if size is None:
            return None
        lines, last = 0, b"\n"
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    lines += last != b"\n"
    return max(lines - str(path).lower().endswith(".csv"), 0)


# --- workers ---------------------------------------------------------------------------------


def _die_with(parent: int) -> None:
    """Make this worker process end when ``parent`` does (even by SIGKILL)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="kzdocs-parent-watch", daemon=True).start()


class _Workers:
    """Worker processes (or a caller's executor); a pool broken by a killed worker is replaced."""

    def __init__(self, jobs: int, executor: Executor | None) -> None:
        self.jobs = jobs
        self.external = executor
        self._pool: ProcessPoolExecutor | None = None

    @property
    def restartable(self) -> bool:
        return self.external is None

    def submit(self, *args: Any) -> Future[RenderResult]:
        if self.external is not None:
            return self.external.submit(render_one, *args)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=get_context("fork"), initializer=_die_with,
                                             initargs=(os.getpid(),))
        return self._pool.submit(render_one, *args)

    def restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self, *, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=not wait)
            self._pool = None


# --- the batch -------------------------------------------------------------------------------


@dataclass
class _Task:
    line: int
    data: dict[str, Any]
    input_sha: str
    formats: tuple[str, ...]


class _Batch:
    def __init__(self, journal: Journal, kind: str, source: str, formats: tuple[str, ...],
                 languages: tuple[str, ...], replace_changed: bool, office: Office | None) -> None:
        self.journal = journal
        self.folder = journal.folder
        self.kind = kind
        self.source = source
        self.formats = formats
        self.languages = languages
        self.renderer = Renderer(office) if office is not None else None  # the kit's look and its seal
        kid = self.renderer.seal.entry.kid.hex() if self.renderer and self.renderer.seal else None
        self.settings = batch_settings(kind, languages, office, kid)
        self.settings_sha = hashlib.sha256(self.settings.encode("utf-8")).hexdigest()
        self.replace_changed = replace_changed
        self.summary = BatchSummary()
        self.failures: list[dict[str, Any]] = []
        #: File stem → the input line that owns it in this run.
        self.claimed: dict[str, int] = {}
        self.stale: list[dict[str, Any]] = []

    def claim(self, stem: str, line: int, number: str) -> dict[str, Any] | None:
        owner = self.claimed.get(stem)
        if owner is not None and owner != line:
            return _error(line, "number.duplicate", f"document number {number} is already used by line {owner}"
                          + ("" if number == stem else f" (both are written as {stem}.*)"), ["number"])
        self.claimed[stem] = line
        return None

    def plan(self, line: int, data: dict[str, Any]) -> _Task | dict[str, Any] | None:
        """The task for a record, a failure, or ``None`` when its files are verifiably done."""
        input_sha = input_hash(data)
        done: dict[str, str] = {}
        for (name,) in self.journal.db.execute(
                "SELECT name FROM files WHERE input_sha=? AND settings_sha=? AND kind=?",
                (input_sha, self.settings_sha, self.kind)).fetchall():
            fmt = name.rsplit(".", 1)[-1]
            if fmt in self.formats and self.journal.holds(name):
                done[fmt] = name
        number = data.get("number")
        if done:
            stem = Path(next(iter(done.values()))).stem
            refused = self.claim(stem, line, str(number))
            if refused:
                return refused
        elif isinstance(number, str) and number.strip():
            refused = self.claim(file_stem(number.strip()), line, number.strip())
            if refused:
                return refused
        todo = tuple(f for f in self.formats if f not in done)
        return _Task(line, data, input_sha, todo) if todo else None

    def finish(self, task: _Task, result: RenderResult) -> None:
        """Write a rendered record's files and journal them; a refusal is a failed record."""
        if not result.ok:
            self.failures.append({"line": task.line, "errors": result.errors})
            return
        number = result.number or ""
        stem = file_stem(number)
        refused = self.claim(stem, task.line, number)
        if refused:
            self.failures.append(refused)
            return
        entries: list[tuple[str, Entry, bytes]] = []
        replaced = False
        for fmt in task.formats:
            name = f"{stem}.{fmt}"
            path = self.folder / name
            if os.path.lexists(path):
                held = self.journal.holds(name)
                if held is None:
                    self.failures.append(_error(task.line, "output.foreign",
                                                f"{name} is already in the folder and was not written there by kzdocs "
                                                "(or was changed since); it is left as it is: move it away and "
                                                "run the batch again", ["number"]))
                    return
                if held.kind and (held.kind != self.kind or held.number != number):
                    self.failures.append(_error(task.line, "output.taken",
                                                f"{name} already holds {held.kind} № {held.number}, from line "
                                                f"{held.line} of {Path(held.source).name}; use another folder",
                                                ["number"]))
                    return
                if held.input_sha and held.input_sha != task.input_sha:
                    if not self.replace_changed:
                        self.failures.append(_error(task.line, "number.issued",
                                                    f"document number {number} was already issued into this folder "
                                                    f"from other content (line {held.line} of "
                                                    f"{Path(held.source).name})", ["number"]))
                        return
                    replaced = True
            payload = result.outputs[fmt]
            entries.append((temp_name(), Entry(name, hashlib.sha256(payload).hexdigest(), len(payload), self.kind,
                                               number, task.input_sha, self.settings_sha, self.settings,
                                               self.source, task.line), payload))
        previous = self.journal.previous(self.source, task.line) if self.source != "-" else None
        for temp, entry, payload in entries:
            self.journal.intend(temp, entry)
            write_atomic(self.folder / entry.name, payload, temp=temp)
        self.journal.commit_files([(t, e) for t, e, _p in entries], self.source, task.line, self.kind, number)
        self.summary.rendered += 1
        self.summary.replaced += replaced
        if previous and previous[0] == self.kind and previous[1] != number:
            self.stale.append({"line": task.line, "number": previous[1], "now": number, "files": previous[2]})

    def stale_outputs(self) -> list[dict[str, Any]]:
        """Files an earlier number of a corrected record left, still in the folder and not reused."""
        found = []
        for item in self.stale:
            files = [n for n in item["files"] if Path(n).stem not in self.claimed
                     and (held := self.journal.holds(n)) is not None and held.number == item["number"]]
            if files:
                found.append({**item, "files": files})
        return found


def run_batch(
    kind: str,
    source: str | Path,
    out_dir: Path,
    *,
    profile: Mapping[str, Any] | None = None,
    formats: tuple[str, ...] = ("pdf",),
    languages: tuple[str, ...] = ("kk", "ru"),
    jobs: int = 1,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    replace_changed: bool = True,
    window: int | None = None,
    office: Office | None = None,
    keep_own: bool = False,
) -> BatchSummary:
    """Render every record of ``source`` into ``out_dir``; see the module's description.

    With ``office``, each record is completed from the kit (:meth:`Office.fill`); a record that gives
    its own issuer or signatory fails, unless ``keep_own``. Otherwise ``profile`` is laid under each
    record (the deprecated issuer profile).

    Records render in ``jobs`` worker processes (or on ``executor``). Raises
    :class:`~kzdocs.errors.InputFileError` when the input cannot be read at all,
    :class:`~kzdocs.errors.OutputError` when the folder cannot be written (the journal keeps what
    was done: run again to go on), :class:`~kzdocs.journal.FolderBusyError` when another batch
    holds the folder, :class:`~kzdocs.errors.ConfigurationError` for a malformed calendar setting.
    """
    document_class(kind)
    if not formats or any(f not in FORMATS for f in formats):
        raise ValueError(f"formats must be some of {FORMATS}, not {formats!r}")
    workdays.settings()  # a malformed KZDOCS_DAYS_OFF stops the run before anything is written
    source_id = "-" if str(source) == "-" else os.path.realpath(source)
    records = read_records(source, kind)
    first = next(records, None)  # an input that cannot be opened is refused before the folder is touched
    out_dir = Path(out_dir)
    try:
        with Journal.open(out_dir) as journal:
            def complete(record: dict[str, Any]) -> dict[str, Any]:
                return office.fill(record, keep_own=keep_own) if office is not None else merge(profile or {}, record)

            return _run(journal, kind, source_id, first, records, complete, formats, languages,
                        _Workers(jobs, executor), progress, time_limit, replace_changed,
                        window or 4 * (jobs if executor is None else (os.cpu_count() or 1)), office)
    except sqlite3.Error as exc:
        reason = {"database or disk is full": "No space left on device",
                  "attempt to write a readonly database": "Read-only file system"}.get(str(exc), str(exc))
        raise OutputError(f"{out_dir}: the journal cannot be written ({reason}); what was finished is kept: "
                          "free space or fix the folder and run again") from None
    except KzdocsError:
        raise
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else f"{out_dir}: "
        raise OutputError(f"{where}cannot write ({exc.strerror or exc}); what was finished is kept: free space "
                          "or fix the folder and run again") from None


def _run(journal: Journal, kind: str, source: str, first: tuple[int, Any] | None,
         records: Iterator[tuple[int, Any]], complete: Callable[[dict[str, Any]], dict[str, Any]],
         formats: tuple[str, ...], languages: tuple[str, ...], workers: _Workers,
         progress: Callable[[int], None] | None, limit: float | None, replace_changed: bool, window: int,
         office: Office | None) -> BatchSummary:
    batch = _Batch(journal, kind, source, formats, languages, replace_changed, office)
    errors_path = journal.folder / ERRORS
    if os.path.lexists(errors_path) and journal.holds(ERRORS) is None:
        raise OutputError(f"{errors_path} is already in the folder and was not written there by kzdocs; "
                          "move it away and run the batch again")
    summary = batch.summary
    pending: deque[tuple[_Task, Future[RenderResult]]] = deque()

    def tick() -> None:
        if progress:
            progress(1)

    def submit(task: _Task) -> Future[RenderResult]:
        try:
            return workers.submit(0, (kind, task.data), task.formats, languages, limit, batch.renderer)
        except BrokenProcessPool as exc:  # a worker died since the last result: settled like the others
            broken: Future[RenderResult] = Future()
            broken.set_exception(exc)
            return broken

    def settle(task: _Task, future: Future[RenderResult]) -> None:
        try:
            result = future.result()
        except BrokenProcessPool:
            suspects = [task] + [t for t, _f in pending]
            pending.clear()
            retry_alone(suspects)
            return
        except Exception as exc:
            result = RenderResult(0, errors=[{"loc": [], "type": "worker",
                                              "msg": f"the worker rendering this record failed: {exc}"}])
        batch.finish(task, result)
        tick()

    def retry_alone(suspects: list[_Task]) -> None:
        """A worker died (killed by the system, out of memory?): the records it may have held are
        rendered again one at a time, and a record that kills a fresh worker alone fails."""
        for suspect in suspects:
            if not workers.restartable:
                result = RenderResult(0, errors=[{"loc": [], "type": "worker", "msg":
                                                  "the worker rendering this record died"}])
            else:
                workers.restart()
                try:
                    result = submit(suspect).result()
                except BrokenProcessPool:
                    workers.restart()
                    result = RenderResult(0, errors=[{"loc": [], "type": "worker.killed", "msg":
                                                      "the process rendering this record was killed (out of "
                                                      "memory?); the record was tried alone and failed again"}])
            batch.finish(suspect, result)
            tick()

    interrupted = True
    try:
        stream = [first] if first is not None else []
        for line, record in (item for chunk in (stream, records) for item in chunk):
            summary.total += 1
            if isinstance(record, InputError):
                batch.failures.append(_error(line, record.reason, str(record)))
                tick()
                continue
            try:
                data = complete(record)
                planned = batch.plan(line, data)
            except OfficeConflictError as exc:
                planned = _error(line, exc.code, str(exc), [exc.field])
            except (RecursionError, ValueError, TypeError) as exc:
                planned = _error(line, "input", f"line {line} cannot be read as a record: {exc}")
            if planned is None:
                summary.skipped += 1
                tick()
            elif isinstance(planned, dict):
                batch.failures.append(planned)
                tick()
            else:
                pending.append((planned, submit(planned)))
                while len(pending) >= window:
                    settle(*pending.popleft())
        while pending:
            settle(*pending.popleft())
        interrupted = False
    finally:
        workers.close(wait=not interrupted)

    failures = sorted(batch.failures, key=lambda f: f["line"])
    summary.failures = failures
    summary.failed = len(failures)
    summary.stale = batch.stale_outputs()
    if failures:
        text = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures)
        payload = _escape_controls(text).encode("utf-8")
        temp = temp_name()
        entry = Entry(ERRORS, hashlib.sha256(payload).hexdigest(), len(payload), "errors", "", "", "", "{}", source, 0)
        journal.intend(temp, entry)
        write_atomic(errors_path, payload, temp=temp)
        journal.commit_files([(temp, entry)], "-", 0, "errors", "")
        summary.errors_file = errors_path
    elif journal.holds(ERRORS) is not None:
        errors_path.unlink()
        journal.forget(ERRORS)
    return summary


_C1 = re.compile("[\u0080-\u009f\u2028\u2029\ud800-\udfff]")


def _escape_controls(text: str) -> str:
    """JSON text with C1 controls, line separators and lone surrogates escaped too, so a terminal
    showing the file never receives a control sequence (JSON already escapes C0 controls such as
    ESC) and the file is valid UTF-8."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
