"""``kzdocs office check``: render every sample with an office kit and report what would go wrong.

Reported: a document that does not fit its page (overflow), a letter of the kit's texts the PDF
font lacks (missing glyph), and parity problems — PDF and DOCX that do not carry the same text,
or text the Word blank's header or footer carries that the PDF letterhead lacks.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from kzdocs._resources import resource_dir
from kzdocs.documents import DOCUMENTS
from kzdocs.errors import KzdocsError, PageLimitError
from kzdocs.office import Office

from .renderer import Renderer

LANGUAGE_SETS = (("kk", "ru"), ("kk",), ("ru",))


@dataclass(frozen=True)
class Finding:
    """One problem: its kind (``overflow``, ``glyph``, ``parity``, ``render``), where, and what."""

    kind: str
    where: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "where": self.where, "message": self.message}


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "\u200b")


def pdf_text(pdf: bytes) -> str:
    """The text of every page without the page numbers (as the seal's check reads it)."""
    from kzdocs.seal.text import pdf_text as printed

    return printed(pdf).replace("\ufffe", "-")


def _texts(xml: bytes) -> list[str]:
    from html import unescape

    xml = xml.replace(b"<w:noBreakHyphen/>", b"<w:t>-</w:t>")  # Word's non-breaking hyphen prints «-»
    paragraphs = re.findall(rb"<w:p[ >].*?</w:p>", xml, re.S)
    lines = ["".join(unescape(t.decode("utf-8")) for t in re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
             for p in paragraphs]
    return [line for line in lines if line.strip()]


def blank_texts(office: Office) -> list[tuple[str, str]]:
    """The lines of text the Word blank's headers and footers carry, with their part names."""
    if office.word_blank is None:
        return []
    return [(name, line) for name, data in office.word_blank.parts
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name) for line in _texts(data)]


def kit_texts(office: Office) -> str:
    """Every text the kit prints."""
    values: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(office.settings.model_dump(mode="json", exclude={"seal", "emblem", "word_blank", "calendar"}))
    return "".join(values)


def check_kit(office: Office, out_dir: Path) -> list[Finding]:
    """Render every sample with ``office`` into ``out_dir`` (PDF and DOCX, each language set)."""
    from .fonts import FACES, font_path, missing_letters

    findings: list[Finding] = []
    letters = "".join(sorted({ch for ch in kit_texts(office) if not ch.isspace()}))
    for face in FACES.values():
        missing = missing_letters(font_path(face), letters)
        if missing:
            findings.append(Finding("glyph", "office.json", f"the PDF font {face} has no {' '.join(missing)}: "
                                    "these letters would print blank"))
    renderer = Renderer(office)
    header_lines = blank_texts(office)
    blank_name = office.word_blank.name if office.word_blank else ""
    for name in DOCUMENTS:
        source = resource_dir("samples") / f"{name}.json"
        if not source.is_file():
            continue
        data = json.loads(source.read_text(encoding="utf-8"), parse_float=Decimal)
        data.pop("issuer", None)
        data.pop("signatory", None)
        try:
            doc = renderer.document(name, data)
        except (KzdocsError, ValueError) as exc:
            findings.append(Finding("render", name, f"the sample cannot be completed from the kit: {exc}"))
            continue
        for languages in LANGUAGE_SETS:
            stem = f"{name}.{'-'.join(languages)}"
            try:
                pdf = renderer.render_pdf(doc, languages)
            except PageLimitError as exc:
                findings.append(Finding("overflow", stem, str(exc)))
                continue
            except KzdocsError as exc:
                findings.append(Finding("render", stem, str(exc)))
                continue
            docx = renderer.render_docx(doc, languages)
            (out_dir / f"{stem}.pdf").write_bytes(pdf)
            (out_dir / f"{stem}.docx").write_bytes(docx)
            in_pdf = _squeeze(pdf_text(pdf))
            with zipfile.ZipFile(io.BytesIO(docx)) as archive:
                in_docx = _squeeze("".join(_texts(archive.read("word/document.xml"))))
            if Counter(in_pdf) != Counter(in_docx):
                extra = (Counter(in_docx) - Counter(in_pdf)) + (Counter(in_pdf) - Counter(in_docx))
                findings.append(Finding("parity", stem, "the PDF and the DOCX body do not carry the same text "
                                        f"(letters differing: {''.join(sorted(extra))[:40]})"))
            if len(languages) > 1:
                for part, line in header_lines:  # once, against the first bilingual render
                    if _squeeze(line) not in in_pdf:
                        findings.append(Finding("parity", f"{blank_name} {part}", f"the Word blank prints «{line}», "
                                                "which the PDF letterhead lacks; put it in office.json (letterhead "
                                                "or footer) or remove it from the blank"))
                header_lines = []
    return findings
