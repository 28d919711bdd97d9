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
from kzdocs.render import FontCoverageError, PageLimitError, RenderError, render_docx, render_html, render_pdf
from kzdocs.render.batch import RenderResult, render_many

__version__ = "0.1.0"

__all__ = [
    "DOCUMENTS",
    "AidAssignmentNotice",
    "Document",
    "FontCoverageError",
    "GuardianshipCertificate",
    "Issuer",
    "KindergartenReferral",
    "MotivatedRefusal",
    "PageLimitError",
    "Person",
    "QueueReceipt",
    "RenderError",
    "RenderResult",
    "Signatory",
    "VisitationPermit",
    "__version__",
    "parse_document",
    "render_docx",
    "render_html",
    "render_many",
    "render_pdf",
]
