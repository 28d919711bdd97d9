"""kzdocs: result documents of Kazakhstan's state services in Kazakh and Russian, as DOCX and PDF.

>>> from kzdocs import QueueReceipt, render_pdf
>>> doc = QueueReceipt.model_validate(data)       # doctest: +SKIP
>>> pdf: bytes = render_pdf(doc)                  # doctest: +SKIP

Importing kzdocs is light: every public name is loaded from its module on first use (PEP 562),
and the rendering engines (WeasyPrint, docxtpl, qrcode, pypdfium2) only when a document is
rendered. ``import kzdocs.lang`` loads the language layer and nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name → the module that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        ("DOCUMENTS", "AidAssignmentNotice", "Document", "GuardianshipCertificate", "Issuer",
         "KindergartenReferral", "MotivatedRefusal", "Person", "QueueReceipt", "Signatory", "VisitationPermit",
         "parse_document", "register"),
        "kzdocs.documents",
    ),
    **dict.fromkeys(
        ("ConfigurationError", "EngineError", "FontCoverageError", "InputError", "InputFileError", "InputTooLargeError",
         "InvalidDocumentError", "InvalidIdError", "KitPathError", "KitRuleError", "KzdocsError", "OfficeConflictError",
         "OfficeError", "OutputError", "PageLimitError",
         "PrintError", "RenderError", "TemplateError", "UnknownDocumentError", "UnknownLanguageError",
         "VerificationError"),
        "kzdocs.errors",
    ),
    **dict.fromkeys(("render_docx", "render_html", "render_pdf"), "kzdocs.render"),
    **dict.fromkeys(("RenderResult", "render_many"), "kzdocs.render.batch"),
    "Lang": "kzdocs.lang",
    "Office": "kzdocs.office",
    "Renderer": "kzdocs.render.renderer",
    "verify": "kzdocs.seal",
}

__all__ = [
    "DOCUMENTS",
    "AidAssignmentNotice",
    "ConfigurationError",
    "Document",
    "EngineError",
    "FontCoverageError",
    "GuardianshipCertificate",
    "InputError",
    "InputFileError",
    "InputTooLargeError",
    "InvalidDocumentError",
    "InvalidIdError",
    "Issuer",
    "KindergartenReferral",
    "KitPathError",
    "KitRuleError",
    "KzdocsError",
    "Lang",
    "MotivatedRefusal",
    "Office",
    "OfficeConflictError",
    "OfficeError",
    "OutputError",
    "PageLimitError",
    "Person",
    "PrintError",
    "QueueReceipt",
    "RenderError",
    "RenderResult",
    "Renderer",
    "Signatory",
    "TemplateError",
    "UnknownDocumentError",
    "UnknownLanguageError",
    "VerificationError",
    "VisitationPermit",
    "__version__",
    "parse_document",
    "register",
    "render_docx",
    "render_html",
    "render_many",
    "render_pdf",
    "verify",
]


if not TYPE_CHECKING:  # type checkers see the imports below, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'kzdocs' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups are plain attribute reads
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:
    from kzdocs.documents import (
        DOCUMENTS,
        AidAssignmentNotice,
        Document,
        GuardianshipCertificate,
        Issuer,
        KindergartenReferral,
        MotivatedRefusal,
        Person,
        QueueReceipt,
        Signatory,
        VisitationPermit,
        parse_document,
        register,
    )
    from kzdocs.errors import (
        ConfigurationError,
        EngineError,
        FontCoverageError,
        InputError,
        InputFileError,
        InputTooLargeError,
        InvalidDocumentError,
        InvalidIdError,
        KitPathError,
        KitRuleError,
        KzdocsError,
        OfficeConflictError,
        OfficeError,
        OutputError,
        PageLimitError,
        PrintError,
        RenderError,
        TemplateError,
        UnknownDocumentError,
        UnknownLanguageError,
        VerificationError,
    )
    from kzdocs.lang import Lang
    from kzdocs.office import Office
    from kzdocs.render import render_docx, render_html, render_pdf
    from kzdocs.render.batch import RenderResult, render_many
    from kzdocs.render.renderer import Renderer
    from kzdocs.seal import verify
