"""PDF through WeasyPrint: one font configuration and one parsed stylesheet per process.

Rendering reads only the bundled fonts, through a URL fetcher that refuses every other URL.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from kzdocs.documents import Document

from .fonts import FACES, font_path
from .html import check_document, html_from_view, standalone_css

FONT_PREFIX = "kzdocs:fonts/"


class BundledOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``kzdocs:fonts/<bundled font>`` and refuses every other URL (network, ``file:``, ...)."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        name = url[len(FONT_PREFIX):] if url.startswith(FONT_PREFIX) else None
        if name is None or name not in FACES.values():
            raise FatalURLFetchingError(f"kzdocs refuses to fetch {url!r}: only the bundled fonts are read")
        return URLFetcherResponse(url, body=font_path(name).read_bytes(), headers={"Content-Type": "font/ttf"})


@cache
def engine() -> tuple[FontConfiguration, CSS, BundledOnlyFetcher]:
    """The process-wide font configuration, parsed stylesheet and URL fetcher."""
    fetcher = BundledOnlyFetcher()
    font_config = FontConfiguration()
    css = CSS(string=standalone_css(), font_config=font_config, url_fetcher=fetcher)
    return font_config, css, fetcher


def pdf_from_html(html: str) -> bytes:
    """Render kzdocs HTML (without inline CSS) to PDF bytes; same HTML, same bytes."""
    font_config, css, fetcher = engine()
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[css], font_config=font_config)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf: bytes = document.write_pdf(pdf_identifier=identifier)
    return pdf


def render_pdf(doc: Document, languages: tuple[str, ...] | str = ("kk", "ru")) -> bytes:
    """The document as PDF bytes (A4), Kazakh then Russian by default."""
    view = check_document(doc).view(languages)
    return pdf_from_html(html_from_view(view, css=None))
