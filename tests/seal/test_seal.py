"""The signed seal: keygen → render → verify for every document, from the PDF and from degraded
rasters; copied, changed and forged seals and wrong, expired or retired keys fail with their reason."""

from __future__ import annotations

import io
import json
import os
import stat
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers import DELETE, NAMES, apply_changes, sample_data
from PIL import Image, ImageFilter

from kzdocs import parse_document, render_docx, render_pdf, verify
from kzdocs.documents import Document
from kzdocs.errors import (
    BadSignatureError,
    ExpiredKeyError,
    IssuerMismatchError,
    RetiredKeyError,
    SealFormatError,
    SealKeyError,
    SealNotFoundError,
    TextChangedError,
    UnknownKeyError,
)
from kzdocs.render.html import html_from_view
from kzdocs.render.pdf import pdf_from_html
from kzdocs.seal import SealKey, TrustList, generate_key, load_key, load_trust, seal_document, text_digest
from kzdocs.seal.keys import TRUST_FILE, TrustEntry
from kzdocs.seal.payload import digest, from_digits, open_cose, qr_text, seal_of, sign, split_qr_text, to_digits
from kzdocs.seal.text import normalise, pdf_text

pytest.importorskip("zxingcpp")
VALID_FROM = date(2026, 1, 1)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SealKey]:
    """One office key per issuer BIN of the samples, valid from 2026-01-01."""
    found: dict[str, SealKey] = {}
    for name in NAMES:
        issuer = sample_data(name)["issuer"]
        if issuer["bin"] not in found:
            folder = tmp_path_factory.mktemp("office")
            found[issuer["bin"]] = generate_key(folder, bin=issuer["bin"], office_kk=issuer["name_kk"],
                                                office_ru=issuer["name_ru"], valid_from=VALID_FROM)
    return found


@pytest.fixture(scope="module")
def trust(keys: dict[str, SealKey]) -> TrustList:
    return TrustList(tuple(key.entry for key in keys.values()))


def doc_of(name: str, **changes: object) -> Document:
    return parse_document(name, apply_changes(sample_data(name), changes))


def photo(pdf: bytes, dpi: int, *, angle: float, blur_mm: float, quality: int) -> bytes:
    """A scan or photo of the last page (the one with the signature and the QR code): rasterised at
    ``dpi``, turned by ``angle`` degrees, blurred by a Gaussian of ``blur_mm`` (in millimetres on paper)
    and saved as JPEG at ``quality``."""
    document = pdfium.PdfDocument(pdf)
    page = document[len(document) - 1]
    image = page.render(scale=dpi / 72).to_pil().convert("RGB")
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    image = image.filter(ImageFilter.GaussianBlur(blur_mm / 25.4 * dpi))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def pdf_with_qr(doc: Document, qr: str) -> bytes:
    """The PDF of ``doc`` whose QR code carries ``qr`` (a seal copied from elsewhere)."""
    return pdf_from_html(html_from_view(replace(doc.view(), qr_payload=qr), css=None))


@pytest.mark.parametrize("name", NAMES)
def test_sealed_document_verifies_from_pdf_and_from_scans(name: str, keys: dict[str, SealKey],
                                                          trust: TrustList) -> None:
    doc = doc_of(name)
    pdf = render_pdf(doc, seal=keys[doc.issuer.bin])
    result = verify(pdf, trust)
    assert result.source == "pdf" and result.text_checked
    assert result.seal.number == doc.number and result.seal.issue_date == doc.issue_date
    assert result.seal.issuer_bin == doc.issuer.bin and result.entry.bin == doc.issuer.bin
    # a flatbed scan at 150 dpi and a sharper photo at 300 dpi: turned, blurred, JPEG-compressed
    for dpi, angle, quality in ((150, 3.0, 75), (300, -4.0, 60)):
        scan = photo(pdf, dpi, angle=angle, blur_mm=0.08, quality=quality)
        from_scan = verify(scan, trust)
        assert from_scan.source == "image" and not from_scan.text_checked
        assert from_scan.seal == result.seal


def test_the_seal_signs_the_key_facts(keys: dict[str, SealKey], trust: TrustList) -> None:
    doc = doc_of("aid-assignment")
    seal = verify(render_pdf(doc, seal=keys[doc.issuer.bin]), trust).seal
    assert seal.kind == "aid-assignment"
    assert seal.persons == ("881102422105", "850719351238", "120521533105", "150930614025")
    assert seal.facts == {"aid_type": "targeted_social_assistance", "period_from": date(2026, 10, 1),
                          "period_to": date(2026, 12, 31), "monthly_amount": Decimal("42500.50"),
                          "total_amount": Decimal("127501.50")}
    refusal = doc_of("motivated-refusal")
    facts = verify(render_pdf(refusal, seal=keys[refusal.issuer.bin]), trust).seal.facts
    assert facts["grounds"] == [g.code for g in refusal.grounds]


def test_signed_documents_are_byte_deterministic(keys: dict[str, SealKey]) -> None:
    doc = doc_of("queue-receipt")
    key = keys[doc.issuer.bin]
    assert render_pdf(doc, seal=key) == render_pdf(doc, seal=key)
    assert render_docx(doc, seal=key) == render_docx(doc, seal=key)
    assert render_pdf(doc, seal=key) != render_pdf(doc)


def test_the_printed_text_survives_extraction_in_every_language(keys: dict[str, SealKey]) -> None:
    for name in NAMES:
        doc = doc_of(name)
        for languages in (("kk", "ru"), ("kk",), ("ru",)):
            view = doc.view(languages)
            extracted = normalise(pdf_text(render_pdf(doc, languages)))
            assert digest(extracted.encode()) == text_digest(view), (name, languages)


def test_a_seal_copied_onto_another_document_fails(keys: dict[str, SealKey], trust: TrustList) -> None:
    original = doc_of("aid-assignment")
    sealed = seal_document(original, original.view(), keys[original.issuer.bin]).qr_payload
    other = doc_of("aid-assignment", number="02-15/9999", **{"applicant.full_name": "Сейітова Гүлназ Ерланқызы"})
    with pytest.raises(TextChangedError) as caught:
        verify(pdf_with_qr(other, sealed), trust)
    assert caught.value.code == "verify.text_changed"
    assert any("02-15/3381" in d for d in caught.value.differences)
    assert caught.value.seal.number == "02-15/3381"


def test_a_changed_amount_fails_and_is_named(keys: dict[str, SealKey], trust: TrustList) -> None:
    original = doc_of("aid-assignment")
    sealed = seal_document(original, original.view(), keys[original.issuer.bin]).qr_payload
    changed = doc_of("aid-assignment", monthly_amount=Decimal("92500.50"), total_amount=Decimal("277501.50"),
                     **{f"members.{i}.monthly_amount": DELETE for i in range(4)})
    with pytest.raises(TextChangedError) as caught:
        verify(pdf_with_qr(changed, sealed), trust)
    assert any("monthly amount 42500.50" in d for d in caught.value.differences)


def test_a_forged_payload_fails_the_signature(keys: dict[str, SealKey], trust: TrustList) -> None:
    doc = doc_of("aid-assignment")
    key = keys[doc.issuer.bin]
    genuine = seal_document(doc, doc.view(), key).qr_payload
    address, digits = split_qr_text(genuine) or ("", "")
    signed = open_cose(from_digits(digits))
    import cbor2

    message = list(cbor2.loads(from_digits(digits)).value)
    forged_seal = replace(signed.seal, facts={**signed.seal.facts, "monthly_amount": Decimal("92500.50")})
    message[2] = forged_seal.payload()  # the facts changed, the signature kept
    forged = qr_text(address, cbor2.dumps(cbor2.CBORTag(18, message)))
    with pytest.raises(BadSignatureError) as caught:
        verify(pdf_with_qr(doc, forged), trust)
    assert caught.value.code == "verify.signature" and caught.value.exit_code == 1


def test_wrong_expired_and_retired_keys_fail(keys: dict[str, SealKey], trust: TrustList, tmp_path: Path) -> None:
    doc = doc_of("visitation-permit")
    key = keys[doc.issuer.bin]
    pdf = render_pdf(doc, seal=key)
    stranger = generate_key(tmp_path, bin=doc.issuer.bin, office_kk="x", office_ru="y", valid_from=VALID_FROM)
    with pytest.raises(UnknownKeyError):  # the office's name and BIN, a key nobody published
        verify(render_pdf(doc, seal=stranger), trust)
    with pytest.raises(UnknownKeyError):
        verify(pdf, TrustList((stranger.entry,)))
    ended = replace(key.entry, valid_to=date(2026, 6, 30))  # rotated before the document was issued
    with pytest.raises(ExpiredKeyError) as expired:
        verify(pdf, TrustList((ended,)))
    assert expired.value.code == "verify.expired_key"
    with pytest.raises(RetiredKeyError):
        verify(pdf, TrustList((replace(key.entry, status="retired"),)))


def test_a_key_never_signs_another_offices_document(keys: dict[str, SealKey], trust: TrustList) -> None:
    doc = doc_of("queue-receipt")
    other_key = next(k for b, k in keys.items() if b != doc.issuer.bin)
    with pytest.raises(SealKeyError, match="not to the issuer BIN"):
        render_pdf(doc, seal=other_key)
    # signed by hand all the same, the verifier refuses it
    forged = qr_text(doc.view().qr_payload, sign(seal_of(doc, text_digest(doc.view())), other_key))
    with pytest.raises(IssuerMismatchError):
        verify(pdf_with_qr(doc, forged), trust)
    late = doc_of("queue-receipt", issue_date="2025-12-31", registered_on="2025-12-30")
    with pytest.raises(SealKeyError, match="outside the seal key's validity"):
        render_pdf(late, seal=keys[doc.issuer.bin])


def test_nothing_readable(trust: TrustList) -> None:
    with pytest.raises(SealNotFoundError, match="carries no seal") as caught:
        verify(render_pdf(doc_of("queue-receipt")), trust)
    assert caught.value.exit_code == 2
    blank = io.BytesIO()
    Image.new("L", (400, 400), 255).save(blank, format="PNG")
    with pytest.raises(SealNotFoundError, match="no QR code"):
        verify(blank.getvalue(), trust)
    with pytest.raises(SealNotFoundError, match="neither a PDF nor a PNG or JPEG picture") as junk:
        verify(b"hello", trust)
    assert "BytesIO" not in str(junk.value) and "0x" not in str(junk.value)  # no Python object in the text


def test_digits_round_trip_and_damage_is_refused() -> None:
    for size in range(1, 40):
        data = bytes(range(size))
        assert from_digits(to_digits(data)) == data
    assert len(to_digits(bytes(200))) == 28 * 17 + 10  # 28 blocks of 7 bytes, then 4 bytes in 10 digits
    with pytest.raises(SealFormatError):
        from_digits("1234")  # no block has 4 digits
    with pytest.raises(SealFormatError):
        from_digits("999")  # 999 > 255
    with pytest.raises(SealFormatError):
        open_cose(b"\x01\x02")


def test_keygen_writes_a_private_key_for_the_owner_only(tmp_path: Path) -> None:
    (tmp_path / "office.json").write_text(json.dumps({"issuer": sample_data("aid-assignment")["issuer"]}),
                                          encoding="utf-8")
    key = generate_key(tmp_path, valid_from=date(2026, 3, 1))
    mode = stat.S_IMODE(os.stat(tmp_path / "seal-key.pem").st_mode)
    assert mode == 0o600
    assert key.entry.valid_to == date(2031, 2, 28)
    assert "PRIVATE" not in repr(key)
    entries = json.loads((tmp_path / TRUST_FILE).read_text(encoding="utf-8"))
    assert entries[0]["bin"] == "050640033016" and entries[0]["algorithm"] == "Ed25519"
    assert "private" not in json.dumps(entries).lower()
    assert load_key(tmp_path).entry == key.entry
    with pytest.raises(SealKeyError, match="never overwrites"):
        generate_key(tmp_path)
    new = generate_key(tmp_path, valid_from=date(2027, 1, 1), rotate=True)
    old, current = load_trust([tmp_path / TRUST_FILE]).entries
    assert old.kid == key.entry.kid and old.valid_to == date(2026, 12, 31)
    assert current == new.entry and load_key(tmp_path).entry == new.entry
    assert (tmp_path / f"seal-key-{key.entry.kid.hex()}.pem").exists()


def test_a_trust_entry_must_match_its_public_key(tmp_path: Path, keys: dict[str, SealKey]) -> None:
    entry = next(iter(keys.values())).entry.to_json()
    entry["kid"] = "00" * 8
    path = tmp_path / "trust.json"
    path.write_text(json.dumps([entry]), encoding="utf-8")
    with pytest.raises(SealKeyError, match="does not match the public key"):
        load_trust([path])
    assert TrustEntry.from_json(next(iter(keys.values())).entry.to_json(), "x") == next(iter(keys.values())).entry


def test_import_kzdocs_loads_no_seal_library() -> None:
    import subprocess
    import sys

    code = ("import sys, kzdocs, kzdocs.seal, kzdocs.render.archive; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'cryptography', 'cbor2', 'zxingcpp', 'pikepdf'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
