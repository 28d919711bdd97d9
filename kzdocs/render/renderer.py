"""``Renderer``: everything one office's renders need, owned in one object.

A renderer holds the office kit (issuer, signatory, letterhead, emblem, Word blank, calendar),
the URL fetcher that serves the package's fonts and the kit's emblem and refuses everything else,
and the caches built from them. The package's templates, fonts and parsed stylesheet are shared by
every renderer (they are the same files); nothing of one office is ever global, so two renderers
with different kits in one process never mix. A renderer never changes after it is made: share it
between threads. ``kzdocs.render_pdf`` and friends are the default renderer, without a kit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kzdocs import workdays as calendar
from kzdocs.documents import Document, Draft, Layout, Line, Passage, View, parse_document
from kzdocs.errors import OfficeConflictError
from kzdocs.limits import MAX_PAGES
from kzdocs.office import Office

if TYPE_CHECKING:
    from kzdocs.seal import SealKey

Languages = Iterable[str] | str


class Renderer:
    """Renders documents in one office's look; ``Renderer()`` is kzdocs' own look (no kit).

    >>> office = Office.load("office/")                         # doctest: +SKIP
    >>> renderer = Renderer(office)                             # doctest: +SKIP
    >>> doc = renderer.document("queue-receipt", data)          # issuer and signatory from the kit
    >>> pdf = renderer.render_pdf(doc)                          # doctest: +SKIP
    """

    def __init__(self, office: Office | None = None, *, seal: SealKey | bool | None = None) -> None:
        """``seal``: the key whose signed seal every document's QR code carries. By default (``None``) an
        office kit holding a seal key (``kzdocs seal keygen --office DIR``) seals with it; ``False``
        renders without a seal even then; a :class:`~kzdocs.seal.SealKey` seals with that key."""
        self.office = office
        self.seal: SealKey | None = office_seal(office) if seal is None or seal is True else (seal or None)
        if seal is True and self.seal is None:
            from kzdocs.errors import SealKeyError

            raise SealKeyError("seal=True needs an office kit holding a seal key (kzdocs seal keygen --office DIR)")
        self._fetcher: Any = None
        self._frames: dict[str, Any] = {}
        self._images: dict[str, Any] = {}  # WeasyPrint's image cache: the emblem decoded once
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Renderer({self.office.folder if self.office else 'no office'})"

    def __reduce__(self) -> tuple[Any, ...]:  # to process pools: the kit and key travel, caches are rebuilt
        return (_rebuild, (self.office, self.seal))

    # -- input -------------------------------------------------------------------------------

    def document(self, kind: str, data: Mapping[str, Any], *, keep_own: bool = False) -> Document:
        """Validate ``data`` as document ``kind``, the kit supplying ``issuer`` and ``signatory`` where the
        data leaves them out (:meth:`Office.fill`; ``keep_own`` keeps the data's own)."""
        filled = self.office.fill(data, keep_own=keep_own) if self.office else dict(data)
        with self._calendar():
            return parse_document(kind, filled)

    def check(self, doc: Document, *, keep_own: bool = False) -> Document:
        """``doc`` if it agrees with the kit; :class:`OfficeConflictError` when it names another issuer or
        signatory and ``keep_own`` was not given (never a silent override)."""
        from .html import check_document

        check_document(doc)
        if self.office is not None and not keep_own:
            if doc.issuer != self.office.issuer:
                raise OfficeConflictError("issuer")
            if self.office.signatory is not None and doc.signatory != self.office.signatory:
                raise OfficeConflictError("signatory")
        return doc

    def view(self, doc: Document, languages: Languages = ("kk", "ru"), *, keep_own: bool = False,
             layout: Layout | None = None) -> View:
        """Every string the document prints, with the kit's letterhead lines, executor and footer."""
        self.check(doc, keep_own=keep_own)
        with self._calendar():
            draft = doc.draft()
        return (office_draft(draft, self.office) if self.office else draft).view(languages, layout)

    # -- engines -----------------------------------------------------------------------------

    def render_html(self, doc: Document, languages: Languages = ("kk", "ru"), *, standalone: bool = True,
                    keep_own: bool = False, layout: Layout | None = None) -> str:
        """The HTML the PDF is made from (``standalone`` inlines the stylesheet and font faces)."""
        from .html import html_from_view, standalone_css

        view = self._sealed(doc, self.view(doc, languages, keep_own=keep_own, layout=layout))
        return html_from_view(view, css=standalone_css() if standalone else None, emblem=self._emblem_html())

    def render_pdf(self, doc: Document, languages: Languages = ("kk", "ru"), *, max_pages: int = MAX_PAGES,
                   keep_own: bool = False, layout: Layout | None = None, archive: bool = False) -> bytes:
        """The document as PDF bytes on the office's letterhead, sealed when the renderer has a key;
        ``archive`` writes PDF/A-3b carrying the input JSON (:mod:`kzdocs.render.archive`). Same input,
        kit and key, same bytes. Type sizes and the flow onto a second page are
        :func:`kzdocs.render.pdf.render_pdf`'s."""
        from .pdf import fitted_pdf

        view = self._sealed(doc, self.view(doc, languages, keep_own=keep_own, layout=layout))
        return fitted_pdf(doc, view, max_pages, emblem=self._emblem_html(), fetcher=self._url_fetcher(),
                          cache=self._images, archive=archive,
                          seal=self.seal.entry.kid.hex() if self.seal is not None else None)

    def render_docx(self, doc: Document, languages: Languages = ("kk", "ru"), *, keep_own: bool = False,
                    layout: Layout | None = None) -> bytes:
        """The document as DOCX bytes, in the office's Word blank when the kit has one."""
        from .docx import docx_from_view

        view = self._sealed(doc, self.view(doc, languages, keep_own=keep_own, layout=layout))
        if self.office is None or (self.office.emblem is None and self.office.word_blank is None):
            return docx_from_view(view)
        from .blank import office_docx

        return office_docx(view, self._frame(view.name), self.office.emblem)

    # -- what the renderer owns ----------------------------------------------------------------

    def _sealed(self, doc: Document, view: View) -> View:
        """``view`` with the document's signed seal in its QR code when the renderer has a key."""
        if self.seal is None:
            return view
        from kzdocs.seal import seal_document

        return seal_document(doc, view, self.seal)

    def _frame(self, name: str) -> Any:
        """The unchanging parts of this office's DOCX of document ``name``, prepared once."""
        frame = self._frames.get(name)
        if frame is None:
            from .blank import build_frame
            from .docx import compiled_template

            assert self.office is not None
            with self._lock:
                frame = self._frames.get(name)
                if frame is None:
                    frame = build_frame(compiled_template(), self.office.emblem, self.office.word_blank)
                    self._frames[name] = frame
        return frame

    def _calendar(self) -> Any:
        days = self.office.settings.calendar if self.office else None
        return calendar.using(days.days_off, days.working_days) if days else calendar.using()

    def _emblem_html(self) -> str | None:
        from .letterhead import emblem_html

        return emblem_html(self.office.emblem) if self.office and self.office.emblem else None

    def _url_fetcher(self) -> Any:
        """The fetcher of this renderer: the bundled fonts, and the kit's emblem (made once; stateless)."""
        if self._fetcher is None:
            from .pdf import BundledOnlyFetcher, OfficeFetcher

            self._fetcher = OfficeFetcher(self.office.emblem) if self.office and self.office.emblem \
                else BundledOnlyFetcher()
        return self._fetcher


def office_draft(draft: Draft, office: Office) -> Draft:
    """``draft`` with the kit's letterhead lines above the issuer's name, its executor line under the
    signature (the foot of the document, beside the QR code) and its footer lines at the end; the
    legal text is untouched. Derived languages (kk-Latn) come from the Kazakh lines, as for all text."""
    settings = office.settings
    blocks = list(draft.blocks)
    first = blocks[0]
    if isinstance(first, Passage) and settings.letterhead.kk:
        blocks[0] = Passage({
            "kk": tuple(Line(text, "issuer") for text in settings.letterhead.kk) + tuple(first.texts["kk"]),
            "ru": tuple(Line(text, "issuer") for text in settings.letterhead.ru) + tuple(first.texts["ru"])})
    at = draft.qr_at % len(blocks)
    signed = blocks[at]
    if settings.executor is not None and isinstance(signed, Passage):
        who = f"{settings.executor.full_name}, тел.\u00a0{settings.executor.phone.replace(' ', chr(0xA0))}"
        blocks[at] = Passage({"kk": (*signed.texts["kk"], Line(f"Орынд.: {who}", "label")),
                              "ru": (*signed.texts["ru"], Line(f"Исп.: {who}", "label"))})
    together = draft.together + ((settings.executor.full_name,) if settings.executor is not None else ())
    if settings.footer.kk:
        blocks.append(Passage({"kk": tuple(Line(text, "small") for text in settings.footer.kk),
                               "ru": tuple(Line(text, "small") for text in settings.footer.ru)}))
    return replace(draft, blocks=tuple(blocks), qr_at=at, together=together)


def office_seal(office: Office | None) -> SealKey | None:
    """The seal key an office kit holds (``seal-key.pem`` beside ``office.json``), or ``None``."""
    if office is None:
        return None
    from kzdocs.seal.keys import KEY_FILE

    if not office.kit_file(KEY_FILE).is_file():
        return None
    from kzdocs.seal import load_key

    return load_key(office.folder)


def _rebuild(office: Office | None, seal: SealKey | None) -> Renderer:
    return Renderer(office, seal=seal if seal is not None else False)


def renderer_for(seal: SealKey | None) -> Renderer:
    """The renderer of ``kzdocs.render_pdf`` and friends: :data:`DEFAULT`, or one sealing with ``seal``."""
    return DEFAULT if seal is None else Renderer(seal=seal)


#: The renderer behind ``kzdocs.render_pdf`` etc.: kzdocs' own look, no office kit.
DEFAULT = Renderer()
