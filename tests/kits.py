"""Office kits for tests: the sample kit copied, Word blanks made as offices make them."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from helpers import SAMPLES

KIT = SAMPLES / "office"


def copy_kit(tmp_path: Path, name: str = "office") -> Path:
    """A private copy of ``samples/office`` to spoil."""
    target = tmp_path / name
    shutil.copytree(KIT, target)
    return target


def settings(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "office.json").read_text(encoding="utf-8"))
    return data


def write_settings(folder: Path, data: dict[str, Any]) -> None:
    (folder / "office.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def plain_docx() -> bytes:
    """A blank DOCX as python-docx writes it."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """``data`` (a zip) with parts replaced, added, or removed (``None``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in changes:
                continue
            target.writestr(info, source.read(info))
        for name, payload in changes.items():
            if payload is not None:
                target.writestr(name, payload)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)
