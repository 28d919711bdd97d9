"""The signed seal: an office's key signs each document's key facts into its QR code, and anyone
holding the PDF, a scan or a photo verifies them offline against the office's published trust list.

>>> key = kzdocs.seal.load_key("office/")                       # doctest: +SKIP
>>> pdf = kzdocs.render_pdf(doc, seal=key)                      # doctest: +SKIP
>>> kzdocs.verify(pdf, trust=["office/seal-trust.json"])        # doctest: +SKIP

The scheme (see :mod:`kzdocs.seal.payload`): CBOR facts in a COSE_Sign1 signed with Ed25519,
written as decimal digits in the fragment of the office's verify address. cryptography and cbor2
(and zxing-cpp for reading) are imported on first use, from the ``seal`` extra.
"""

from __future__ import annotations

from dataclasses import replace

from kzdocs._extras import SIGNING, require
from kzdocs.documents import Document, View
from kzdocs.errors import SealKeyError

from .keys import SealKey, TrustEntry, TrustList, generate_key, load_key, load_trust
from .payload import Seal, digest, qr_text, seal_of, sign
from .text import normalise, printed_text
from .verify import Verification, verify


def text_digest(view: View) -> bytes:
    """The digest of a view's normalised printed text (what the seal signs)."""
    return digest(normalise(printed_text(view)).encode("utf-8"))


def seal_document(doc: Document, view: View, key: SealKey) -> View:
    """``view`` with its QR code carrying the document's seal signed by ``key``.

    Refuses (:class:`SealKeyError`) a retired key, another office's key, or an issue date outside
    the key's validity — a seal that would not verify is never printed.
    """
    require("seal", SIGNING)
    entry = key.entry
    if entry.status != "active":
        raise SealKeyError(f"the seal key {entry.kid.hex()} is retired; make a new one (kzdocs seal keygen --rotate)")
    if entry.bin != doc.issuer.bin:
        raise SealKeyError(f"the seal key belongs to BIN {entry.bin}, not to the issuer BIN {doc.issuer.bin}")
    if not entry.valid_from <= doc.issue_date <= entry.valid_to:
        raise SealKeyError(f"issue_date {doc.issue_date} is outside the seal key's validity "
                           f"{entry.valid_from} – {entry.valid_to}")
    cose = sign(seal_of(doc, text_digest(view)), key)
    return replace(view, qr_payload=qr_text(view.qr_payload, cose))


__all__ = [
    "Seal",
    "SealKey",
    "TrustEntry",
    "TrustList",
    "Verification",
    "generate_key",
    "load_key",
    "load_trust",
    "seal_document",
    "text_digest",
    "verify",
]
