"""HTML of a document (Jinja2, autoescaped): the source of the PDF and a web preview."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from markupsafe import Markup, escape

from kzdocs._resources import resource_dir
from kzdocs.documents import Document, Layout, View
from kzdocs.errors import TemplateError

from .fonts import font_face_css
from .qr import qr_svg
from .typeset import URL, body_sizes, name_fits, typeset_view, url_pieces


@cache
def environment() -> Environment:
    """The Jinja environment of the bundled HTML templates, compiled templates cached."""
    env = Environment(
        loader=FileSystemLoader(resource_dir("templates") / "html"),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
        keep_trailing_newline=True,
    )
    env.filters["urls"] = break_urls
    return env


def break_urls(text: str) -> Markup:
    """``text`` escaped, each web address in it breakable only after a «/»: its pieces are kept whole
    (``nowrap``) with a ``<wbr>`` between them."""
    parts: list[str] = []
    last = 0
    for match in URL.finditer(text):
        parts.append(str(escape(text[last:match.start()])))
        parts.append('<span class="url">' + "<wbr>".join(
            f'<span class="nowrap">{escape(piece)}</span>' for piece in url_pieces(match.group(0))) + "</span>")
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


@cache
def stylesheet() -> str:
    """The shared stylesheet (without the ``@font-face`` rules)."""
    return (resource_dir("templates") / "html" / "style.css").read_text(encoding="utf-8")


def check_document(doc: object) -> Document:
    """``doc`` if it is a document model; a clear ``TypeError`` otherwise."""
    if not isinstance(doc, Document):
        raise TypeError(
            f"expected a kzdocs document (e.g. QueueReceipt.model_validate(data)), not {type(doc).__name__}"
        )
    return doc


#: The one HTML layout of every document.
TEMPLATE = "document.html"


def html_from_view(view: View, *, css: str | None, size: int | None = None, emblem: str | None = None) -> str:
    """Render a view with the document layout; ``css`` is inlined when given; ``size`` is the body
    type in points (the largest of :func:`~kzdocs.render.typeset.body_sizes` by default); ``emblem``
    (an ``<img>`` a renderer made from its office's kit) is placed in the letterhead. The strings are
    typeset first (:func:`~kzdocs.render.typeset.typeset_view`)."""
    try:
        template = environment().get_template(TEMPLATE)
    except (JinjaTemplateError, OSError) as exc:
        raise TemplateError(f"the HTML template {TEMPLATE} cannot be read: {exc}") from exc
    size = size or body_sizes(view)[0]
    return template.render(view=typeset_view(view, name_fits(view, size)), css=Markup(css) if css else None,
                           qr_svg=Markup(qr_svg(view.qr_payload)), size=size,
                           emblem=Markup(emblem) if emblem else None)


@cache
def standalone_css() -> str:
    """The stylesheet with the ``@font-face`` rules of the bundled fonts (``kzdocs:fonts/...`` URLs)."""
    return font_face_css() + "\n" + stylesheet()


def render_html(doc: Document, languages: Iterable[str] | str = ("kk", "ru"), *, standalone: bool = True,
                layout: Layout | None = None) -> str:
    """The HTML the PDF is made from. ``standalone`` inlines the stylesheet and font faces, so the page
    renders on its own (WeasyPrint with :class:`kzdocs.render.pdf.BundledOnlyFetcher`, or a browser,
    which falls back to the locally installed Tinos or Times New Roman)."""
    from .renderer import DEFAULT

    return DEFAULT.render_html(doc, languages, standalone=standalone, layout=layout)
