"""The six result documents: typed input models and their views (pure: no files, no engines)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Final

from kzdocs.errors import InputTooLargeError

from ._base import Contact, Document, Issuer, Person, Resident, Signatory
from ._registry import DOCUMENTS, document_class, load_plugins, register, unregister
from ._view import Block, Cell, Draft, Layout, Line, Multi, Passage, Table, Texts, View, bi
from .aid_assignment import AidAssignmentNotice
from .guardianship_certificate import GuardianshipCertificate
from .kindergarten_referral import KindergartenReferral
from .motivated_refusal import MotivatedRefusal
from .queue_receipt import QueueReceipt
from .visitation_permit import VisitationPermit

for _cls in (QueueReceipt, KindergartenReferral, AidAssignmentNotice, GuardianshipCertificate, VisitationPermit,
             MotivatedRefusal):
    register(_cls)

__all__ = [
    "DOCUMENTS",
    "MAX_INPUT_BYTES",
    "AidAssignmentNotice",
    "Block",
    "Cell",
    "Contact",
    "Document",
    "Draft",
    "GuardianshipCertificate",
    "InputTooLargeError",
    "Issuer",
    "KindergartenReferral",
    "Layout",
    "Line",
    "MotivatedRefusal",
    "Multi",
    "Passage",
    "Person",
    "QueueReceipt",
    "Resident",
    "Signatory",
    "Table",
    "Texts",
    "View",
    "VisitationPermit",
    "bi",
    "document_class",
    "load_plugins",
    "parse_document",
    "register",
    "unregister",
]


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
