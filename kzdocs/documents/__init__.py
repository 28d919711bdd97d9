"""The six result documents: typed input models and their views (pure: no files, no engines)."""

from __future__ import annotations

from typing import Final

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
    "AidAssignmentNotice",
    "Contact",
    "Document",
    "GuardianshipCertificate",
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
]
