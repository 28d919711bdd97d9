"""Comparing DOCX files: XML parts after normalisation (zip order and timestamps ignored), and the text
by paragraph and table cell."""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

import docx
from lxml import etree

from kzdocs.files import read_limited

from .report import PageDiff, Report

#: Bounds on a DOCX to compare, checked before anything is decompressed (a zip bomb is refused).
MAX_DOCX_BYTES, MAX_UNPACKED_BYTES, MAX_PARTS = 50_000_000, 200_000_000, 2_000


def _bytes(source: bytes | str | Path) -> bytes:
    return source if isinstance(source, bytes) else read_limited(source, MAX_DOCX_BYTES, what="the limit for a DOCX")


def check_archive(data: bytes) -> None:
    """Refuse a DOCX whose parts would unpack to more than :data:`MAX_UNPACKED_BYTES` (or that is not a
    zip file), from the sizes its directory declares; reads are bounded by them too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ValueError(f"not a DOCX file (not a zip archive: {exc})") from None
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or total > MAX_UNPACKED_BYTES:
        raise ValueError(f"the DOCX would unpack to {total:,} bytes in {len(infos):,} parts; at most "
                         f"{MAX_UNPACKED_BYTES:,} bytes are compared (a zip bomb?)")


def _parts(data: bytes) -> dict[str, bytes]:
    check_archive(data)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                content = member.read(info.file_size + 1)
            if len(content) > info.file_size:
                raise ValueError(f"part {info.filename} is larger than the archive declares")
            parts[info.filename] = content
    return parts


def _canonical(name: str, data: bytes) -> bytes:
    """XML in canonical form (attribute order, namespace prefixes, whitespace between tags)."""
    if not name.endswith((".xml", ".rels")):
        return data
    parser = etree.XMLParser(remove_blank_text=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return data
    return bytes(etree.tostring(root, method="c14n"))


def text_blocks(data: bytes) -> list[str]:
    """The document's text: one entry per body paragraph, and per table cell as ``[table r,c] text``."""
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    body = document.element.body
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    number = 0
    for child in body.iterchildren():
        tag = etree.QName(child).localname
        if tag == "p":
            text = next(paragraphs).text
            if text.strip():
                lines.append(text)
        elif tag == "tbl":
            table = next(tables)
            number += 1
            for r, row in enumerate(table.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    for paragraph in cell.paragraphs:
                        if paragraph.text.strip():
                            lines.append(f"[table {number} {r},{c}] {paragraph.text}")
    return lines


def compare_docx(expected: bytes | str | Path, actual: bytes | str | Path) -> Report:
    """Compare two DOCX files: identical bytes; equivalent parts (only zip order or timestamps differ);
    or different, with the parts that differ and a text diff by paragraph and table cell."""
    expected_bytes, actual_bytes = _bytes(expected), _bytes(actual)
    if expected_bytes == actual_bytes:
        return Report("docx", "identical")
    check_archive(expected_bytes)
    check_archive(actual_bytes)
    report = Report("docx", "equivalent")
    old, new = _parts(expected_bytes), _parts(actual_bytes)
    for name in sorted(set(old) | set(new)):
        if name not in new:
            report.differences.append(f"part {name} is missing")
        elif name not in old:
            report.differences.append(f"part {name} is new")
        elif _canonical(name, old[name]) != _canonical(name, new[name]):
            report.differences.append(f"part {name} differs")
    if list(old) != list(new) and set(old) == set(new):
        report.notes.append("zip entries are in a different order")
    if not report.differences:
        report.notes.append("only the zip container differs (order, timestamps or compression)")
        return report
    report.status = "different"
    old_text, new_text = text_blocks(expected_bytes), text_blocks(actual_bytes)
    if old_text != new_text:
        diff = "\n".join(difflib.unified_diff(old_text, new_text, "expected", "actual", lineterm="", n=1))
        report.pages.append(PageDiff(1, text_diff=diff))
    return report
