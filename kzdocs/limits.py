"""Limits shared by the library and its command line, in one light module (no imports)."""

from __future__ import annotations

from typing import Final

#: Seconds one record of a batch may take to render before it fails (a runaway input).
DEFAULT_TIME_LIMIT: Final = 120.0

#: Pages a document may take unless the caller says otherwise: at 12 pt a long bilingual document
#: (a receipt listing many documents, an aid notice with a large family) flows onto a second page.
MAX_PAGES: Final = 2
