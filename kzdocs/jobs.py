"""A batch into a folder: one file per record, resumable, with every failure listed.

Files are written atomically and named from the document number. A manifest
(``.kzdocs-batch.jsonl``) records each finished record (line, a hash of its input, its files) so a
rerun skips what is complete, even after a crash or a kill; failed records go to
``errors.jsonl`` with their line number and reasons. Nothing is lost and nothing is written twice.
One batch at a time per folder: a run removes the temporary files an interrupted run left behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzdocs.documents import document_class
from kzdocs.errors import OfficeConflictError
from kzdocs.files import remove_stale_parts, write_atomic
from kzdocs.inputs import InputError, csv_records, jsonl_records, merge, read_bytes
from kzdocs.office import Office
from kzdocs.render.batch import RenderResult, render_many

MANIFEST = ".kzdocs-batch.jsonl"
ERRORS = "errors.jsonl"


@dataclass
class BatchSummary:
    """What a batch did: counts, and where the failures are listed."""

    total: int = 0
    rendered: int = 0
    skipped: int = 0
    failed: int = 0
    errors_file: Path | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


def file_stem(number: str) -> str:
    """A safe file name from a document number: «02-15/3381» → «02-15_3381»."""
    stem = re.sub(r"[^\w.-]+", "_", number, flags=re.UNICODE).strip("._")
    return stem[:120] or "document"


def record_key(record: Mapping[str, Any], formats: tuple[str, ...], languages: tuple[str, ...]) -> str:
    """A stable hash of what a record's files are made from: its input (after the issuer profile is
    applied), the formats and the languages — change any and the record is rendered again."""
    text = json.dumps({"input": record, "formats": formats, "languages": languages}, sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_records(path: str | Path, kind: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Records of a ``.jsonl`` or ``.csv`` file (``-`` reads JSON Lines from standard input)."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text", "encoding") from None
    if str(path).lower().endswith(".csv"):
        yield from csv_records(text, document_class(kind))
    else:
        yield from jsonl_records(text)


def _load_manifest(out_dir: Path) -> dict[str, list[str]]:
    done: dict[str, list[str]] = {}
    manifest = out_dir / MANIFEST
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                done[entry["key"]] = entry["files"]
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a crash: that record is simply rendered again
    return done


@dataclass
class BatchPlan:
    """A batch read and checked against the folder: what is already done, what is left to render."""

    kind: str
    out_dir: Path
    formats: tuple[str, ...]
    languages: tuple[str, ...]
    summary: BatchSummary
    #: (input line, merged data) of the records still to render, in input order.
    todo: list[tuple[int, dict[str, Any]]]
    failures: list[dict[str, Any]]
    #: File stem → the input line that owns it (records already done own theirs).
    used: dict[str, int]


def plan_batch(kind: str, source: str | Path, out_dir: Path, *, profile: Mapping[str, Any] | None = None,
               formats: tuple[str, ...] = ("pdf",), languages: tuple[str, ...] = ("kk", "ru"),
               office: Office | None = None, keep_own: bool = False) -> BatchPlan:
    """Read every record of ``source``; raises :class:`InputError` when the file cannot be read.

    With ``office``, each record is completed from the kit (:meth:`Office.fill`); a record that gives
    its own issuer or signatory fails, unless ``keep_own``."""
    document_class(kind)
    records = list(read_records(source, kind))
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(out_dir)  # a killed run's half-written temporary files; its finished files stay
    done = _load_manifest(out_dir)
    plan = BatchPlan(kind, out_dir, formats, languages, BatchSummary(total=len(records)), [], [], {})
    for line, record in records:
        if isinstance(record, InputError):
            plan.failures.append({"line": line, "errors": [{"loc": [], "msg": str(record), "type": record.kind}]})
            continue
        if office is not None:
            try:
                data = office.fill(record, keep_own=keep_own)
            except OfficeConflictError as exc:
                plan.failures.append({"line": line, "errors": [{"loc": [exc.field], "msg": str(exc),
                                                                "type": exc.code}]})
                continue
            data["$office"] = office.digest  # a changed kit renders every record again
        else:
            data = merge(profile or {}, record)
        files = done.get(record_key(data, formats, languages))
        if files and all((out_dir / name).is_file() for name in files):
            plan.summary.skipped += 1
            for name in files:
                plan.used.setdefault(Path(name).stem, line)
            continue
        plan.todo.append((line, data))
    return plan


def run_batch(
    plan: BatchPlan,
    *,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Render what the plan has left; ``progress`` is told of each record finished (or failed)."""
    summary, failures, used, out_dir = plan.summary, list(plan.failures), dict(plan.used), plan.out_dir
    if progress and summary.total - len(plan.todo):
        progress(summary.total - len(plan.todo))
    manifest_path = out_dir / MANIFEST
    torn = manifest_path.exists() and not manifest_path.read_bytes().endswith(b"\n") and manifest_path.stat().st_size
    with manifest_path.open("a", encoding="utf-8") as manifest:
        if torn:
            manifest.write("\n")  # a line cut by a kill stays alone (and ignored), never glued to the next

        def finish(result: RenderResult) -> None:
            line, data = plan.todo[result.index]
            if not result.ok:
                failures.append({"line": line, "errors": result.errors})
            else:
                stem = file_stem(result.number or "")
                owner = used.get(stem)
                if owner is not None and owner != line:
                    failures.append({"line": line, "errors": [{
                        "loc": ["number"], "type": "number.duplicate",
                        "msg": f"document number {result.number} is already used by line {owner}"}]})
                else:
                    used[stem] = line
                    names = []
                    for fmt, payload in result.outputs.items():
                        write_atomic(out_dir / f"{stem}.{fmt}", payload)
                        names.append(f"{stem}.{fmt}")
                    key = record_key(data, plan.formats, plan.languages)
                    manifest.write(json.dumps({"line": line, "key": key, "files": names},
                                              ensure_ascii=False) + "\n")
                    manifest.flush()
                    os.fsync(manifest.fileno())
                    summary.rendered += 1
            if progress:
                progress(1)

        items = ((plan.kind, {k: v for k, v in data.items() if k != "$office"}) for _line, data in plan.todo)
        for _ in render_many(items, executor=executor, formats=plan.formats, languages=plan.languages,
                             progress=finish):
            pass

    failures.sort(key=lambda f: f["line"])
    summary.failures = failures
    summary.failed = len(failures)
    errors_path = out_dir / ERRORS
    if failures:
        text = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures)
        write_atomic(errors_path, text.encode("utf-8"))
        summary.errors_file = errors_path
    elif errors_path.exists():
        errors_path.unlink()
    return summary
