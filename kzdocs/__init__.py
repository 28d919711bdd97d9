"""kzdocs: result documents of Kazakhstan's state services in Kazakh and Russian, as DOCX and PDF.

>>> from kzdocs import QueueReceipt, render_pdf
>>> doc = QueueReceipt.model_validate(data)       # doctest: +SKIP
>>> pdf: bytes = render_pdf(doc)                  # doctest: +SKIP
"""

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
)
from kzdocs.errors import (
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
from kzdocs.office import Office
from kzdocs.render import render_docx, render_html, render_pdf
from kzdocs.render.batch import RenderResult, render_many

__version__ = "0.1.0"

__all__ = [
    "DOCUMENTS",
    "AidAssignmentNotice",
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
    "Signatory",
    "TemplateError",
    "UnknownDocumentError",
    "UnknownLanguageError",
    "VerificationError",
    "VisitationPermit",
    "__version__",
    "parse_document",
    "render_docx",
    "render_html",
    "render_many",
    "render_pdf",
]
