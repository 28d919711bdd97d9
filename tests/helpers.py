"""Test helpers: the samples, and a valid IIN for a birth date and sex."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from kzdocs.documents import DOCUMENTS, Document, parse_document
from kzdocs.ids import check_digit

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = list(DOCUMENTS)


def sample_data(name: str) -> dict[str, Any]:
    """A fresh, mutable copy of ``samples/<name>.json`` (numbers as Decimal)."""
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"), parse_float=Decimal)
    return copy.deepcopy(data)


def sample(name: str) -> Document:
    return parse_document(name, sample_data(name))



#: Marks a key to delete in ``apply_changes`` (and the ``build`` fixture).
DELETE = object()


def apply_changes(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Set values at dotted paths (``"members.1.iin"``; ``__`` works too, for keyword arguments);
    :data:`DELETE` removes the key or list item. Changes ``data`` in place and returns it."""
    for path, value in changes.items():
        target: Any = data
        *head, last = path.replace("__", ".").split(".")
        for key in head:
            target = target[int(key)] if isinstance(target, list) else target[key]
        key: Any = int(last) if isinstance(target, list) else last
        if value is DELETE:
            del target[key]
        else:
            target[key] = value
    return data


def unvalidated(doc: Document, changes: dict[str, Any]) -> Document:
    """``doc`` with values set at dotted paths (``"grounds.0.details_ru"``) WITHOUT validation: for
    testing that the engines stay safe with text validation would refuse."""

    def replaced(model: Any, path: list[str], value: Any) -> Any:
        head, *rest = path
        if not rest:
            return model.model_copy(update={head: value})
        child = getattr(model, head)
        if isinstance(child, list):
            items = list(child)
            index, *rest = rest
            items[int(index)] = replaced(items[int(index)], rest, value) if rest else value
            return model.model_copy(update={head: items})
        return model.model_copy(update={head: replaced(child, rest, value)})

    for path, value in changes.items():
        doc = replaced(doc, path.split("."), value)
    return doc


def make_iin(born: date, sex: str = "male", serial: int = 1000) -> str:
    """A valid IIN for ``born`` and ``sex`` (the first serial from ``serial`` with a check digit)."""
    code = {18: 1, 19: 3, 20: 5}[born.year // 100] + (0 if sex == "male" else 1)
    for s in range(serial, 10000):
        first11 = f"{born:%y%m%d}{code}{s:04d}"
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise AssertionError("no serial gives a check digit")


def squeeze(text: str) -> str:
    """Text without whitespace (and zero-width spaces, a URL's break points in the DOCX): line breaks and
    justification differ between engines, letters do not."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "\u200b")


def pdf_text(pdf: bytes | Path) -> str:
    """The text of every page of a PDF, pages separated by newlines."""
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return text.replace("\ufffe", "-")  # pdfium marks a hyphen that ends a line as U+FFFE


def body_text(pdf: bytes) -> str:
    """The text of every page of a PDF without the page numbers (what the seal's check reads)."""
    from kzdocs.seal.text import pdf_text as sealed_text

    return sealed_text(pdf).replace("\ufffe", "-")


def docx_text(data: bytes) -> str:
    """The text runs of a DOCX body, a line each."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    xml = xml.replace("<w:noBreakHyphen/>", "<w:t>-</w:t>")  # Word's non-breaking hyphen prints «-»
    # a zero-width space marks where a URL may break; it is not printed
    return "\n".join(unescape(t).replace("\u200b", "") for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
