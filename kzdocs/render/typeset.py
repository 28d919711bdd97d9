"""Typesetting shared by the engines: the body type sizes, and where a line must not break.

Both engines print :func:`typeset_view` of a view: the same strings with no-break spaces inside
dates, phone numbers, «№ 12», amounts and the view's ``together`` phrases (the signatory's name).
The view itself keeps plain spaces; the seal's digest ignores white space, so it is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from kzdocs.documents import Line, Passage, Table, View
from kzdocs.lang.typeset import keep_together

#: Body type in points, tried in turn until a document fits one page: 14 pt (the Kazakh office norm)
#: in one language; with two languages 13 pt, then 12 pt (the spec's floor for a bilingual page).
#: Never smaller: at the last size a longer document flows onto further pages, numbered from the second.
ONE_LANGUAGE: Final = (14,)
TWO_LANGUAGES: Final = (13, 12)
#: Small print (captions, footers, the QR caption) is never set below this size in points.
SMALL_PRINT_MIN: Final = 8
#: A web address in printed text: it breaks only after a «/».
URL: Final = re.compile(r"https?://[^\s<>«»\"]*[^\s<>«»\".,;:)]")


#: The PDF's text width (A4 less 22 mm and 14 mm margins), the QR column beside the signature (40 mm and
#: its 3 mm padding) and the padding either side of the rule between two columns (``style.css``).
TEXT_WIDTH_MM: Final = 210 - 22 - 14
QR_COLUMN_MM: Final = 40 + 3
COLUMN_PADDING_MM: Final = 4


def signature_column_mm(view: View) -> float:
    """The width of one language's column beside the QR code, where the signatory's name is printed."""
    columns = view.columns
    return (TEXT_WIDTH_MM - QR_COLUMN_MM) / columns - (COLUMN_PADDING_MM if columns > 1 else 0)


def name_fits(view: View, size_pt: float) -> Callable[[str], bool]:
    """Whether a phrase fits one line of the signature column at ``size_pt`` (1 mm to spare): only
    then is it kept whole; a longer name breaks between its words, never inside one."""
    from .fonts import text_width_mm

    width = signature_column_mm(view) - 1
    return lambda phrase: text_width_mm(phrase, size_pt) <= width


def body_sizes(view: View) -> tuple[int, ...]:
    """The body sizes in points tried for ``view``, largest first (see :data:`TWO_LANGUAGES`)."""
    return ONE_LANGUAGE if len(view.languages) == 1 else TWO_LANGUAGES


def url_pieces(url: str) -> list[str]:
    """A URL cut after each run of «/»: the only places it may break.

    >>> url_pieces("https://bilim-oral.gov.kz/verify?n=1")
    ['https://', 'bilim-oral.gov.kz/', 'verify?n=1']
    """
    return re.findall(r"[^/]*/+|[^/]+$", url)


def typeset_view(view: View, fits: Callable[[str], bool] | None = None) -> View:
    """``view`` with no-break spaces wherever a printed line must not break; of the view's ``together``
    phrases (names) only those that ``fits`` one line are kept whole."""
    together = tuple(p for p in view.together if fits is None or fits(p))

    def text(value: str) -> str:
        return keep_together(value, together)

    blocks: list[Passage | Table] = []
    for block in view.blocks:
        if isinstance(block, Table):
            blocks.append(Table(header=tuple(text(str(c)) for c in block.header),
                                rows=tuple(tuple(text(str(c)) for c in row) for row in block.rows),
                                widths=block.widths))
        else:
            blocks.append(Passage({lang: tuple(Line(text(line.text), line.style) for line in lines)
                                   for lang, lines in block.texts.items()}))
    return replace(view, blocks=tuple(blocks), qr_caption=tuple(text(c) for c in view.qr_caption))
