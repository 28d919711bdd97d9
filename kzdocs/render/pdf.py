"""PDF through WeasyPrint: one font configuration and one parsed stylesheet per process.

Rendering reads only the bundled fonts, through a URL fetcher that refuses every other URL.
"""

from __future__ import annotations

import hashlib
import html as html_escapes
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from weasyprint import CSS, HTML
from weasyprint.document import Document as RenderedDocument
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from kzdocs._resources import resource_dir
from kzdocs.documents import Document, Layout
from kzdocs.errors import PageLimitError, SealedSplitError
from kzdocs.limits import MAX_PAGES

from .determinism import engine_errors
from .fontconfig import BundledFontConfiguration
from .fonts import FACES, check_glyphs, check_printed_text, font_path, text_size
from .html import html_from_view, standalone_css
from .typeset import body_sizes

if TYPE_CHECKING:
    from kzdocs.documents import View
    from kzdocs.seal import SealKey

FONT_PREFIX = "kzdocs:fonts/"
#: Pango, fontconfig and WeasyPrint's font configuration are not thread-safe: every layout and PDF
#: write of the process goes through this lock (threads then render one at a time).
ENGINE_LOCK = threading.RLock()
_TAG = re.compile(r"<[^>]*>")
#: Characters of input one page can hold at most (A4 in the smallest type holds about 8,400): a document
#: with more than this per allowed page is refused before any layout, which bounds what one render costs.
PRINTED_PER_PAGE = 16_000
T = TypeVar("T")


class BundledOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``kzdocs:fonts/<bundled font>`` and refuses every other URL (network, ``file:``, ...)."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        name = url[len(FONT_PREFIX):] if url.startswith(FONT_PREFIX) else None
        if name is None or name not in FACES.values():
            raise FatalURLFetchingError(f"kzdocs refuses to fetch {url!r}: only the bundled fonts are read")
        return URLFetcherResponse(url, body=font_path(name).read_bytes(), headers={"Content-Type": "font/ttf"})


class OfficeFetcher(BundledOnlyFetcher):
    """Serves the bundled fonts and one office's emblem (at ``kzdocs-office:emblem.png``) from the kit's
    bytes held in memory; refuses every other URL. An SVG emblem (checked safe when the kit was loaded:
    no scripts, no external references) is drawn as vector graphics — sharper than its raster and
    cheaper to write than re-compressing a raster's pixels on every render; Word gets the raster."""

    URL = "kzdocs-office:emblem.png"

    def __init__(self, emblem: Any) -> None:
        super().__init__()
        self.png: bytes = emblem.png
        self.svg: bytes | None = emblem.data if emblem.kind == "svg" else None

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url == self.URL:
            if self.svg is not None:
                return URLFetcherResponse(url, body=self.svg, headers={"Content-Type": "image/svg+xml"})
            return URLFetcherResponse(url, body=self.png, headers={"Content-Type": "image/png"})
        return super().fetch(url, headers)


class LeanHTML(HTML):  # type: ignore[misc]
    """WeasyPrint's ``HTML`` with the user-agent stylesheet cut down to the elements kzdocs uses
    (``templates/html/ua.css``). WeasyPrint chooses its UA stylesheet in ``_ua_stylesheets``; if a
    release renames it, this class changes nothing and rendering is only slower (a test watches)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [user_agent_css()]


@cache
def user_agent_css() -> CSS:
    """The parsed lean user-agent stylesheet, once per process."""
    return CSS(string=(resource_dir("templates") / "html" / "ua.css").read_text(encoding="utf-8"))


@cache
def engine() -> tuple[BundledFontConfiguration, CSS, BundledOnlyFetcher]:
    """The process-wide font configuration (the bundled fonts only), parsed stylesheet and URL fetcher."""
    fetcher = BundledOnlyFetcher()
    font_config = BundledFontConfiguration()
    css = CSS(string=standalone_css(), font_config=font_config, url_fetcher=fetcher)
    return font_config, css, fetcher


def lay_out(html: str, fetcher: URLFetcher | None = None, cache: dict[str, Any] | None = None) -> RenderedDocument:
    """Lay out kzdocs HTML (without inline CSS) with the process-wide fonts and stylesheet; ``fetcher``
    (a renderer's, serving its office's emblem) replaces the bundled-only one, and ``cache`` (a
    renderer's) keeps decoded images between renders."""
    with ENGINE_LOCK, engine_errors("PDF"):
        font_config, css, bundled = engine()
        return LeanHTML(string=html, url_fetcher=fetcher or bundled).render(stylesheets=[css],
                                                                            font_config=font_config, cache=cache)


def write(document: RenderedDocument, html: str, **options: Any) -> bytes:
    """PDF bytes of a laid-out document; the identifier comes from the HTML, so same HTML, same bytes.
    ``options`` go to WeasyPrint's ``write_pdf`` (the archive copy's variant and attachment)."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with ENGINE_LOCK, engine_errors("PDF"):
        pdf: bytes = document.write_pdf(pdf_identifier=identifier, **options)
    return pdf


def pdf_from_html(html: str) -> bytes:
    """Render kzdocs HTML (without inline CSS) to PDF bytes; same HTML, same bytes."""
    with engine_errors("PDF"):
        return write(lay_out(html), html)




def fitted(view: View, max_pages: int, finish: Callable[[RenderedDocument, str], T], *,
           emblem: str | None = None, fetcher: URLFetcher | None = None, cache: dict[str, Any] | None = None) -> T:
    """``finish(document, html)`` of ``view`` laid out at the largest body size that fits one page
    (:func:`~kzdocs.render.typeset.body_sizes`); at the smallest size the text flows onto further pages,
    up to ``max_pages``. :class:`_Overflow` (internal) carries the pages it needed otherwise."""
    sizes = body_sizes(view)
    pages = 0
    for size in sizes:
        html = html_from_view(view, css=None, size=size, emblem=emblem)
        if size == sizes[0]:  # every printed letter, a kit's included, has a glyph in the bundled fonts
            check_printed_text(html_escapes.unescape(_TAG.sub("", html)))
        with ENGINE_LOCK:  # the laid-out document holds Pango objects: drop it under the lock too
            document = lay_out(html, fetcher=fetcher, cache=cache)
            pages = len(document.pages)
            if pages == 1 or (size == sizes[-1] and pages <= max_pages):
                return finish(document, html)
            del document
    raise _Overflow(pages)


class _Overflow(Exception):
    """A view needs more pages than allowed; :func:`fitted_pdf` turns it into a :class:`PageLimitError`."""

    def __init__(self, pages: int) -> None:
        super().__init__(pages)
        self.pages = pages


def fitted_html(view: View, max_pages: int = MAX_PAGES) -> str:
    """The HTML :func:`render_pdf` prints ``view`` from (at the body size that fits); for tests and QA."""
    return fitted(view, max_pages, lambda document, html: html)


def fitted_pdf(doc: Document, view: View, max_pages: int, *, emblem: str | None = None,
               fetcher: URLFetcher | None = None, cache: dict[str, Any] | None = None,
               archive: bool = False, seal: str | None = None) -> bytes:
    """The PDF of ``view`` (see :func:`fitted`); :class:`PageLimitError` names ``doc``'s field to shorten
    when it needs more than ``max_pages`` (or, before any layout, more input than that many pages can
    hold). ``archive`` writes PDF/A-3b with the input JSON (:mod:`kzdocs.render.archive`). ``seal``, the
    key id of a sealed view: its laid-out text is checked against the digest its seal signs — a passage
    longer than a page splits its columns across pages and would not verify, so it is refused
    (:class:`SealedSplitError`)."""
    data = doc.model_dump(mode="json")
    check_glyphs(data)
    if (size := text_size(data)) > PRINTED_PER_PAGE * max_pages:
        raise PageLimitError(-(-size // PRINTED_PER_PAGE), max_pages, *doc.largest_field())
    options: dict[str, Any] = {}
    if archive:
        from .archive import archive_options

        options = archive_options(doc, view.languages, max_pages, seal)
    try:
        pdf, pages = fitted(view, max_pages, lambda document, html: (write(document, html, **options),
                                                                      len(document.pages)),
                            emblem=emblem, fetcher=fetcher, cache=cache)
    except _Overflow as exc:
        raise PageLimitError(exc.pages, max_pages, *doc.largest_field()) from None
    if seal is not None and pages > 1:
        from kzdocs.seal import text_digest
        from kzdocs.seal.payload import digest
        from kzdocs.seal.text import normalise, pdf_text

        if digest(normalise(pdf_text(pdf)).encode("utf-8")) != text_digest(view):
            raise SealedSplitError(pages, max_pages, *doc.largest_field())
    return pdf


def render_pdf(doc: Document, languages: Iterable[str] | str = ("kk", "ru"), *, max_pages: int = MAX_PAGES,
               layout: Layout | None = None, seal: SealKey | None = None, archive: bool = False) -> bytes:
    """The document as PDF bytes (A4), Kazakh then Russian by default.

    The body is set at 14 pt in one language, and at 13 pt, then 12 pt, with two; never smaller: a
    document that does not fit one page at the smallest size flows onto further pages (numbered from
    the second) up to ``max_pages``; beyond that :class:`PageLimitError` names the field to shorten.
    A failure of the engine is an :class:`~kzdocs.errors.EngineError`. With ``seal`` (an office key
    from :func:`kzdocs.seal.load_key`) the QR code carries the document's signed seal; ``archive``
    writes PDF/A-3b with the input JSON embedded as its source (:mod:`kzdocs.render.archive`).
    """
    from .renderer import renderer_for

    return renderer_for(seal).render_pdf(doc, languages, max_pages=max_pages, layout=layout, archive=archive)
