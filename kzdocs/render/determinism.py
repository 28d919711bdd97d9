"""Byte-identical output (fixed zip order and timestamps for DOCX, fixed dates from the document), and
the boundary where an engine's own failures become kzdocs errors."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from typing import Final

from kzdocs.errors import EngineError, KzdocsError

ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)


def write_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip (DOCX) of ``parts`` in the given order, every entry stamped 1980-01-01 with the same
    attributes and compression: the same parts always give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, payload in parts:
            entry = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, payload, compresslevel=6)
    return out.getvalue()


def document_datetime(d: date) -> datetime:
    """The timestamp recorded in a document's metadata: its issue date at midnight UTC."""
    return datetime.combine(d, time(0, 0), tzinfo=UTC)


@contextmanager
def engine_errors(what: str) -> Iterator[None]:
    """Wrap an engine's own failures into :class:`~kzdocs.errors.EngineError` at the boundary, as httpx
    wraps transport errors; kzdocs errors pass unchanged. WeasyPrint raises even a ``BaseException``
    subclass (``FatalURLFetchingError``) for a refused URL: that is wrapped too, but never
    ``KeyboardInterrupt``, ``SystemExit`` or ``GeneratorExit``."""
    try:
        yield
    except KzdocsError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        raise EngineError(f"the {what} engine failed: {type(exc).__name__}: {exc}") from exc
