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


def second_kit(tmp_path: Path) -> Path:
    """Another office: Karaganda's social programmes department, a PNG logo, no Word blank, a footer."""
    import io as _io

    from PIL import Image, ImageDraw

    folder = tmp_path / "karaganda"
    folder.mkdir()
    image = Image.new("RGB", (240, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 220, 180), outline="darkgreen", width=12)
    draw.polygon([(120, 40), (190, 160), (50, 160)], fill="darkgreen")
    buffer = _io.BytesIO()
    image.save(buffer, format="PNG")
    (folder / "emblem.png").write_bytes(buffer.getvalue())
    aid = json.loads((SAMPLES / "aid-assignment.json").read_text(encoding="utf-8"))
    write_settings(folder, {
        "issuer": aid["issuer"], "signatory": aid["signatory"],
        "executor": {"full_name": "Сапарова Д. Қ.", "phone": "+7 7212 41-08-80"},
        "footer": {"kk": ["Қабылдау: дүйсенбі–жұма"], "ru": ["Приём: понедельник–пятница"]},
        "calendar": {"days_off": ["2026-11-24", "2026-11-25"]},
    })
    return folder


def without_office_fields(name: str) -> dict[str, Any]:
    """A sample's input without issuer and signatory (the office supplies them)."""
    from helpers import sample_data

    data = sample_data(name)
    del data["issuer"], data["signatory"]
    return data


def made_blank(font: str = "Times New Roman") -> bytes:
    """A Word blank made by ``tools/make_office_blank.py`` (python-docx: margins, Normal, a header picture)."""
    import importlib.util

    tool = SAMPLES.parent / "tools" / "make_office_blank.py"
    spec = importlib.util.spec_from_file_location("make_office_blank", tool)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data: bytes = module.make_blank(font)
    return data
