"""The archive copy: PDF/A-3b that carries the document's input JSON as its source.

WeasyPrint writes the PDF/A-3b structure (``pdf_variant="pdf/a-3b"``: XMP ``pdfaid:part`` 3 and
``conformance`` B, the sRGB output intent, embedded fonts, the associated file with its
``AFRelationship``); kzdocs gives it the input as ``<document>.json`` with relationship
``Source`` and the issue date as every date, so the same input gives the same bytes.
``extract_source`` reads the JSON back: rendering it again gives the identical PDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from kzdocs.documents import Document
from kzdocs.errors import InputFileError

from .determinism import document_datetime

VARIANT: Final = "pdf/a-3b"
#: The attachment's description: what to render the JSON as to get this PDF again.
DESCRIPTION: Final = "kzdocs source: document={kind}; languages={languages}; max_pages={max_pages}; seal={seal}"


def source_json(doc: Document) -> str:
    """The document's input as JSON (amounts as decimal strings, dates ISO, omitted fields left out)."""
    return json.dumps(doc.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"


def archive_options(doc: Document, languages: tuple[str, ...], max_pages: int, seal_kid: str | None
                    ) -> dict[str, Any]:
    """WeasyPrint ``write_pdf`` options for the PDF/A-3b archive copy of ``doc``."""
    from weasyprint import Attachment

    stamp = document_datetime(doc.issue_date)
    source = Attachment(
        string=source_json(doc), name=f"{doc.kind}.json", relationship="Source", created=stamp, modified=stamp,
        description=DESCRIPTION.format(kind=doc.kind, languages=",".join(languages), max_pages=max_pages,
                                       seal=seal_kid or "none"),
    )
    return {"pdf_variant": VARIANT, "attachments": [source], "finisher": single_af}


def single_af(_document: Any, pdf: Any) -> None:
    """List each associated file once in the catalogue's ``AF`` (WeasyPrint 70 adds the source twice:
    once from the embedded-files name tree and once as a file specification)."""
    if "AF" in pdf.catalog:
        unique = list(dict.fromkeys(pdf.catalog["AF"]))
        pdf.catalog["AF"].clear()
        pdf.catalog["AF"].extend(unique)


@dataclass(frozen=True)
class Source:
    """The input JSON embedded in an archive copy, and how it was rendered."""

    name: str
    data: bytes
    description: str

    @property
    def settings(self) -> dict[str, str]:
        """``document``, ``languages``, ``max_pages`` and ``seal`` from the description."""
        text = self.description.removeprefix("kzdocs source: ")
        return dict(part.split("=", 1) for part in text.split("; ") if "=" in part)


def extract_source(pdf: bytes) -> Source:
    """The embedded input of a kzdocs archive copy; :class:`InputFileError` when there is none."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise InputFileError(f"not a readable PDF ({exc})", "pdf") from None
    try:
        for index in range(document.count_attachments()):
            attachment = document.get_attachment(index)
            name = attachment.get_name()
            get_desc = getattr(attachment, "get_desc", None)  # pypdfium2 5; earlier releases cannot read it
            description = get_desc() if get_desc else "kzdocs source: (description unreadable)"
            if name.endswith(".json") and description.startswith("kzdocs source:"):
                return Source(name=name, data=bytes(attachment.get_data()), description=description)
    finally:
        document.close()
    raise InputFileError("the PDF carries no kzdocs source (render it with --archive)", "no_source")
