"""The printed text a seal's digest covers, normalised so that it survives PDF text extraction.

The text is every string the view prints, in the order the page prints it (each block's Kazakh
lines, then its Russian lines, the QR caption after the signature block, table cells row by row).
Normalisation keeps every visible character and drops only what layout and extraction change:

* all whitespace (spaces, no-break spaces, line and paragraph breaks, tabs) is removed — so a
  different line or column break does not count, but a word moved across a space does not either;
* soft hyphens (U+00AD) are removed, and the hyphen pdfium reports at a line break (U+FFFE) and
  the Unicode hyphens U+2010/U+2011 count as ``-`` (kzdocs never hyphenates words itself).

A PDF's text layer, extracted with pypdfium2 and normalised the same way, gives the same string
when nothing printed was changed. A document that flows onto a second page prints its page number
in the top margin from page 2 on; the number is the engine's, not the document's, so
:func:`pdf_text` leaves it out (only a number that is exactly the page's own, in that margin).
What it cannot see: text drawn as pictures (a scan), letters whose glyphs were swapped in the
font, and where spaces fall. A passage is never split across pages (``style.css``), so each
page reads a passage's Kazakh lines before its Russian ones, as the digest does.
"""

from __future__ import annotations

import re
from typing import Any, Final

from kzdocs.documents import Table, View

_DROP: Final = re.compile(r"[\s\u00ad\u200b\u2060\ufeff]+")
_HYPHENS: Final = str.maketrans({"\ufffe": "-", "\u2010": "-", "\u2011": "-"})
#: The top page margin of the PDF layout in points (14 mm, ``templates/html/style.css``): a page
#: number is printed there, the body never is.
TOP_MARGIN_PT: Final = 14 / 25.4 * 72


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


def page_text(page: Any, number: int) -> str:
    """The text layer of one page (pypdfium2), without its page number in the top margin (the last
    characters of the page, exactly ``number``)."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        end = count
        if number > 1:
            top = page.get_height() - TOP_MARGIN_PT
            while end and textpage.get_charbox(end - 1)[1] > top:
                end -= 1
            if textpage.get_text_range(end, count - end).strip() != str(number):
                end = count
        return str(textpage.get_text_range(0, end))
    finally:
        textpage.close()


def pdf_text(pdf: bytes) -> str:
    """The text layer of every page of a PDF (pypdfium2), pages joined by newlines, page numbers left out."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for number, page in enumerate(document, 1):
            pages.append(page_text(page, number))
            page.close()
        return "\n".join(pages)
    finally:
        document.close()
