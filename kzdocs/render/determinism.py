"""Byte-identical output: fixed zip order and timestamps for DOCX, fixed dates from the document."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, time
from typing import Final

ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (DOCX) with its entries in their original order, each stamped 1980-01-01."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def document_datetime(d: date) -> datetime:
    """The timestamp recorded in a document's metadata: its issue date at midnight UTC."""
    return datetime.combine(d, time(0, 0), tzinfo=UTC)
