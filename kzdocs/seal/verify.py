"""Verify a sealed document from its PDF, a scan or a photo, offline, against trust lists."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from kzdocs._extras import READING, require
from kzdocs.errors import (
    BadSignatureError,
    ExpiredKeyError,
    InputFileError,
    IssuerMismatchError,
    RetiredKeyError,
    SealFormatError,
    SealNotFoundError,
    TextChangedError,
    UnknownKeyError,
    VerificationError,
)

from .keys import TrustEntry, TrustList, load_trust
from .payload import Seal, digest, from_digits, open_cose, split_qr_text
from .text import normalise, pdf_text

if TYPE_CHECKING:
    from PIL.Image import Image

#: Resolutions a PDF page is rasterised at to find its QR code, tried in order.
PDF_DPIS: Final = (200,)
MAX_FILE_BYTES: Final = 50_000_000
Source = Literal["pdf", "image"]


@dataclass(frozen=True)
class Verification:
    """A seal that holds: what it signs, the trust entry of its key, and what was checked."""

    seal: Seal
    entry: TrustEntry
    source: Source
    #: True when a PDF's text layer was compared with the signed digest; False when there was none.
    text_checked: bool
    #: The verify address the QR code also carries (not covered by the signature).
    verify_address: str

    def to_json(self) -> dict[str, Any]:
        return {"valid": True, "source": self.source, "text_checked": self.text_checked,
                "office": {"bin": self.entry.bin, "name_kk": self.entry.office_kk, "name_ru": self.entry.office_ru},
                "verify_address": self.verify_address, "seal": self.seal.to_json()}


def read_source(source: bytes | str | Path) -> tuple[bytes, str]:
    """The bytes of a file (or the bytes given) and a name for messages."""
    if isinstance(source, bytes):
        return source, "the input"
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputFileError(f"{path}: {size:,} bytes is more than a document's {MAX_FILE_BYTES:,}", "too_large")
        return path.read_bytes(), str(path)
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file", "file_not_found") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a folder, not a file", "file") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror or exc})", "file") from None


def pdf_pages(pdf: bytes, dpi: int) -> list[Image]:
    """Each page of a PDF as a greyscale picture."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise SealNotFoundError(f"not a readable PDF ({exc})") from None
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def qr_texts(image: Image) -> list[str]:
    """The texts of the QR codes zxing-cpp finds in a picture.

    A low-resolution photo (a 150 dpi scan, a phone held far) is tried again enlarged twice and
    sharpened: zxing-cpp then samples the modules of a slightly rotated, blurred code correctly.
    """
    import zxingcpp
    from PIL import Image, ImageFilter

    texts: list[str] = []
    for attempt in range(2):
        if attempt:
            image = image.resize((image.width * 2, image.height * 2), Image.Resampling.BICUBIC)
            image = image.filter(ImageFilter.UnsharpMask(radius=2, percent=150, threshold=3))
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]
        texts = [result.text for result in found if result.valid]
        if any(split_qr_text(text) for text in texts):
            break
    return texts


def find_qr(data: bytes, name: str) -> tuple[Source, list[str]]:
    """Whether the file is a PDF or a picture, and the QR texts found in it."""
    if data.startswith(b"%PDF"):
        texts: list[str] = []
        for dpi in PDF_DPIS:
            texts = [t for page in pdf_pages(data, dpi) for t in qr_texts(page)]
            if any(split_qr_text(t) for t in texts):
                break
        return "pdf", texts
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("L")
    except UnidentifiedImageError:  # Pillow's own text names an in-memory object, of no use to a reader
        raise SealNotFoundError(f"{name}: neither a PDF nor a PNG or JPEG picture (a DOCX is checked as its "
                                "PDF or a scan of the paper)") from None
    except OSError as exc:
        raise SealNotFoundError(f"{name}: neither a PDF nor a picture kzdocs can read ({exc})") from None
    return "image", qr_texts(picture)


def check(signed_digits: str, trust: TrustList) -> tuple[Seal, TrustEntry]:
    """The seal of the QR digits and its trust entry, or the :class:`VerificationError` that fails it."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    signed = open_cose(from_digits(signed_digits))
    seal = signed.seal
    entry = trust.find(signed.kid)

    def fail(error: VerificationError) -> VerificationError:
        error.seal = seal
        return error

    if entry is None:
        raise fail(UnknownKeyError(f"the seal's key {signed.kid.hex()} is in none of the trust lists given"))
    try:
        Ed25519PublicKey.from_public_bytes(entry.public_key).verify(signed.signature, signed.to_be_signed)
    except InvalidSignature:
        raise fail(BadSignatureError(
            f"the signature does not match the sealed facts: they were changed or forged (key {entry.kid.hex()})"
        )) from None
    if entry.status == "retired":
        raise fail(RetiredKeyError(f"the key {entry.kid.hex()} of {entry.office_ru} was retired by its office"))
    if seal.issuer_bin != entry.bin:
        raise fail(IssuerMismatchError(
            f"the seal names the issuer BIN {seal.issuer_bin}, but its key belongs to BIN {entry.bin}"))
    if not entry.valid_from <= seal.issue_date <= entry.valid_to:
        raise fail(ExpiredKeyError(
            f"the document is dated {seal.issue_date}, outside its key's validity "
            f"{entry.valid_from} – {entry.valid_to}"))
    return seal, entry


def text_differences(seal: Seal, text: str) -> list[str]:
    """Which signed facts the printed text no longer shows (a hint when the digest fails)."""
    from kzdocs.lang import format_amount

    missing: list[str] = []
    if normalise(seal.number) not in text:
        missing.append(f"the document number {seal.number} is not printed")
    for name in ("monthly_amount", "total_amount"):
        if name in seal.facts:
            forms = {normalise(format_amount(seal.facts[name], lang)) for lang in ("kk", "ru")}
            if not any(form in text for form in forms):
                missing.append(f"the signed {name.replace('_', ' ')} {seal.facts[name]} is not printed")
    if "queue_number" in seal.facts and f"№{seal.facts['queue_number']}" not in text:
        missing.append(f"the signed queue number {seal.facts['queue_number']} is not printed")
    return missing or ["the wording differs outside the signed facts (names, addresses or other text)"]


def check_text(seal: Seal, pdf: bytes) -> bool:
    """Compare a PDF's text layer with the seal's digest: False if it has no text, raises if it differs."""
    text = normalise(pdf_text(pdf))
    if not text:
        return False
    if digest(text.encode("utf-8")) != seal.text_digest:
        differences = text_differences(seal, text)
        error = TextChangedError("the printed text is not the text that was signed: " + "; ".join(differences),
                                 differences)
        error.seal = seal
        raise error
    return True


def verify(source: bytes | str | Path, trust: TrustList | Iterable[str | Path]) -> Verification:
    """Verify the seal of a PDF, PNG or JPEG (a path or its bytes) against ``trust``.

    Returns the :class:`Verification` of a seal that holds; raises a
    :class:`~kzdocs.errors.VerificationError` subclass otherwise (``SealNotFoundError`` when
    nothing readable is found; the others carry the decoded seal in ``.seal`` when it could be read).
    """
    require("seal", READING)
    trust_list = trust if isinstance(trust, TrustList) else load_trust(trust)
    data, name = read_source(source)
    kind, texts = find_qr(data, name)
    sealed = [parts for parts in map(split_qr_text, texts) if parts]
    if not sealed:
        if texts:
            raise SealNotFoundError(f"{name}: the QR code carries no seal, only {texts[0][:120]!r}")
        raise SealNotFoundError(f"{name}: no QR code could be read")
    address, digits = sealed[0]
    try:
        seal, entry = check(digits, trust_list)
    except SealFormatError as exc:
        raise SealFormatError(f"{name}: {exc}") from None
    text_checked = check_text(seal, data) if kind == "pdf" else False
    return Verification(seal=seal, entry=entry, source=kind, text_checked=text_checked, verify_address=address)
