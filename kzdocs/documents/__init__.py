"""The six result documents: typed input models and their views (pure: no files, no engines)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Final

from kzdocs.errors import InputTooLargeError, UnknownDocumentError

from ._base import Contact, Document, Issuer, Person, Resident, Signatory
from ._view import Line, Pair, Table, View, check_languages
from .aid_assignment import AidAssignmentNotice
from .guardianship_certificate import GuardianshipCertificate
from .kindergarten_referral import KindergartenReferral
from .motivated_refusal import MotivatedRefusal
from .queue_receipt import QueueReceipt
from .visitation_permit import VisitationPermit

#: CLI names → model classes.
DOCUMENTS: Final[dict[str, type[Document]]] = {
    cls.kind: cls
    for cls in (QueueReceipt, KindergartenReferral, AidAssignmentNotice, GuardianshipCertificate,
                VisitationPermit, MotivatedRefusal)
}

__all__ = [
    "DOCUMENTS",
    "MAX_INPUT_BYTES",
    "AidAssignmentNotice",
    "Contact",
    "Document",
    "GuardianshipCertificate",
    "InputTooLargeError",
    "Issuer",
    "KindergartenReferral",
    "Line",
    "MotivatedRefusal",
    "Pair",
    "Person",
    "QueueReceipt",
    "Resident",
    "Signatory",
    "Table",
    "View",
    "VisitationPermit",
    "check_languages",
    "document_class",
    "parse_document",
]


def document_class(kind: str) -> type[Document]:
    """The model class of a document name; ``UnknownDocumentError`` (a ``KeyError``) lists the names."""
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise UnknownDocumentError(f"unknown document {kind!r}; known: {', '.join(DOCUMENTS)}") from None


#: The largest JSON input one document may come from; larger input is refused before parsing.
MAX_INPUT_BYTES: Final = 1_000_000


def parse_document(kind: str, data: str | bytes | dict[str, object]) -> Document:
    """Validate JSON text (numbers read as ``Decimal``; a float is refused) or a dict into a document model.

    Raises ``pydantic.ValidationError`` listing every problem with its field path, and
    :class:`InputTooLargeError` for JSON text over :data:`MAX_INPUT_BYTES`.
    """
    if isinstance(data, (str, bytes)):
        size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
        if size > MAX_INPUT_BYTES:
            raise InputTooLargeError(size, MAX_INPUT_BYTES)
        data = json.loads(data, parse_float=Decimal)
    return document_class(kind).model_validate(data)
