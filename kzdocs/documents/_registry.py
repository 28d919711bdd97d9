"""The one place documents are registered: by name, from this package, another package's entry
point (group ``kzdocs.documents``) or a :func:`register` call.

A document is one model class — its fields, its rules, and ``draft()`` writing its text — and
nothing else: every document shares the HTML and DOCX layouts.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Final, TypeVar

from kzdocs.errors import UnknownDocumentError

if TYPE_CHECKING:
    from ._base import Document

D = TypeVar("D", bound="type[Document]")

#: Registered name → model class, in registration order (the six of this package first).
DOCUMENTS: Final[dict[str, type[Document]]] = {}
#: The entry-point group other packages declare their documents in.
ENTRY_POINT_GROUP: Final = "kzdocs.documents"
_plugins_loaded = False


def register(cls: D) -> D:
    """Register a document model under its ``kind`` (usable as a class decorator).

    The class needs a ``kind`` (lower-case words joined by hyphens), ``titles`` in ``kk``, ``ru``
    and ``en``, and a ``draft()``. Registering another class under a taken name is refused.
    """
    from ._base import Document

    if not (isinstance(cls, type) and issubclass(cls, Document)):
        raise TypeError(f"only kzdocs.Document subclasses can be registered, not {cls!r}")
    kind = cls.kind
    if not kind or not all(part.isalnum() and part.islower() for part in kind.split("-")):
        raise ValueError(f"{cls.__name__}.kind must be lower-case words joined by hyphens, not {kind!r}")
    missing = [lang for lang in ("kk", "ru", "en") if not cls.titles.get(lang)]
    if missing:
        raise ValueError(f"{cls.__name__}.titles lacks {', '.join(missing)}")
    if cls.draft is Document.draft:
        raise TypeError(f"{cls.__name__} must define draft()")
    if DOCUMENTS.get(kind, cls) is not cls:
        raise ValueError(f"a document named {kind!r} is already registered ({DOCUMENTS[kind].__name__})")
    DOCUMENTS[kind] = cls
    return cls


def unregister(kind: str) -> None:
    """Remove a registered document (for tests and plugins that replace their own)."""
    DOCUMENTS.pop(kind, None)


def load_plugins() -> None:
    """Register the documents other installed packages declare (once per process)."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        register(entry.load())


def document_class(kind: str) -> type[Document]:
    """The model class of a document name; :class:`UnknownDocumentError` (a ``KeyError``) lists the names."""
    load_plugins()
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise UnknownDocumentError(f"unknown document {kind!r}; known: {', '.join(DOCUMENTS)}") from None
