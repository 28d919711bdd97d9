"""The printed text a seal's digest covers, normalised so that it survives PDF text extraction.

The text is every string the view prints, in the order the page prints it (each block's Kazakh
lines, then its Russian lines, the QR caption after the signature block, table cells row by row).
Normalisation keeps every visible character and drops only what layout and extraction change:

* all whitespace (spaces, no-break spaces, line and paragraph breaks, tabs) is removed — so a
  different line or column break does not count, but a word moved across a space does not either;
* soft hyphens (U+00AD) are removed, and the hyphen pdfium reports at a line break (U+FFFE) and
  the Unicode hyphens U+2010/U+2011 count as ``-`` (kzdocs never hyphenates words itself).

A PDF's text layer, extracted with pypdfium2 and normalised the same way, gives the same string
when nothing printed was changed. What it cannot see: text drawn as pictures (a scan), letters
whose glyphs were swapped in the font, and where spaces fall.
"""

from __future__ import annotations

import re
from typing import Final

from kzdocs.documents import Table, View

_DROP: Final = re.compile(r"[\s\u00ad\u200b\u2060\ufeff]+")
_HYPHENS: Final = str.maketrans({"\ufffe": "-", "\u2010": "-", "\u2011": "-"})


def normalise(text: str) -> str:
    """``text`` without whitespace and soft hyphens, line-break hyphens as ``-``."""
    return _DROP.sub("", text.translate(_HYPHENS))


def printed_text(view: View) -> str:
    """Every string of the view in the order the page prints it (see the module docstring)."""
    parts: list[str] = []
    for index, block in enumerate(view.blocks):
        if isinstance(block, Table):
            parts.extend(str(cell) for cell in block.header)
            for row in block.rows:
                parts.extend(str(cell) for cell in row)
        else:
            for lang in view.languages:
                parts.extend(line.text for line in block.lines(lang))
            if index == view.qr_at:
                parts.extend(view.qr_caption)
    return "\n".join(parts)


def pdf_text(pdf: bytes) -> str:
    """The text layer of every page of a PDF (pypdfium2), pages joined by newlines."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()
