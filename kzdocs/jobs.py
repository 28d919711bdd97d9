"""A batch into a folder: one file per record, resumable, with every failure listed.

Files are written atomically and named from the document number. A manifest
(``.kzdocs-batch.jsonl``) records each finished record (line, a hash of its input, its files) so a
rerun skips what is complete, even after a crash or a kill; failed records go to
``errors.jsonl`` with their line number and reasons. Nothing is lost and nothing is written twice.
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
from kzdocs.files import write_atomic
from kzdocs.inputs import InputError, csv_records, jsonl_records, merge, read_bytes
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


def record_key(record: Mapping[str, Any]) -> str:
    """A stable hash of a record's input (after the issuer profile is applied)."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
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


def run_batch(
    kind: str,
    source: str | Path,
    out_dir: Path,
    *,
    formats: tuple[str, ...] = ("pdf",),
    languages: tuple[str, ...] = ("kk", "ru"),
    profile: Mapping[str, Any] | None = None,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Render every record of ``source`` into ``out_dir``; see the module docstring."""
    document_class(kind)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = _load_manifest(out_dir)
    summary = BatchSummary()
    records: list[tuple[int, dict[str, Any]]] = []
    failures: list[dict[str, Any]] = []
    #: File stem → the input line that owns it in this run (skipped records first).
    used: dict[str, int] = {}
    for line, record in read_records(source, kind):
        summary.total += 1
        if isinstance(record, InputError):
            failures.append({"line": line, "errors": [{"loc": [], "msg": str(record), "type": record.kind}]})
            continue
        data = merge(profile or {}, record)
        key = record_key(data)
        files = done.get(key)
        if files and all((out_dir / name).is_file() for name in files):
            summary.skipped += 1
            for name in files:
                used.setdefault(Path(name).stem, line)
            continue
        records.append((line, data))
    if total:
        total(summary.total)
    if progress and summary.total - len(records):
        progress(summary.total - len(records))

    with (out_dir / MANIFEST).open("a", encoding="utf-8") as manifest:

        def finish(result: RenderResult) -> None:
            line, data = records[result.index]
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
                    manifest.write(json.dumps({"line": line, "key": record_key(data), "files": names},
                                              ensure_ascii=False) + "\n")
                    manifest.flush()
                    os.fsync(manifest.fileno())
                    summary.rendered += 1
            if progress:
                progress(1)

        items = ((kind, data) for _line, data in records)
        for _ in render_many(items, executor=executor, formats=formats, languages=languages, progress=finish):
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
