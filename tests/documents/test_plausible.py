"""Implausible people and unscannable QR codes are refused, naming the field (issue 16)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import apply_changes, make_iin, sample_data
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kzdocs import parse_document
from kzdocs.documents._base import MAX_AGE, QR_MAX_BYTES
from kzdocs.documents._layout import verification_payload
from kzdocs.render.qr import _code


def errors(name: str, changes: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        parse_document(name, apply_changes(sample_data(name), changes))
    return [(".".join(map(str, e["loc"])), e["type"]) for e in info.value.errors()]


def test_a_guardian_aged_176_is_refused() -> None:
    found = errors("guardianship-certificate", {"guardian.iin": make_iin(date(1850, 3, 1), "female", 2000)})
    assert found == [("guardian.birth_date", "person.implausible_age")]


def test_an_applicant_born_after_the_issue_date_is_refused() -> None:
    found = errors("motivated-refusal", {"applicant.iin": make_iin(date(2090, 5, 1), "male", 2000)})
    assert found == [("applicant.birth_date", "person.born_after_issue")]


def test_an_aid_member_born_after_the_issue_date_is_refused() -> None:
    found = errors("aid-assignment", {"members.2.iin": make_iin(date(2090, 5, 1), "male", 2000)})
    assert ("members.2.iin", "person.born_after_issue") in found or ("members.2.birth_date",
                                                                     "person.born_after_issue") in found


def test_the_age_bound_is_inclusive() -> None:
    issued = date.fromisoformat(sample_data("motivated-refusal")["issue_date"])
    oldest = date(issued.year - MAX_AGE, issued.month, issued.day)
    data = apply_changes(sample_data("motivated-refusal"), {"applicant.iin": make_iin(oldest, "male", 2000)})
    parse_document("motivated-refusal", data)


def test_a_number_that_makes_the_qr_too_dense_is_refused() -> None:
    found = errors("queue-receipt", {"number": "ӘӘӘӘӘӘӘӘӘӘ-ӘӘӘӘӘӘӘӘӘӘ-ӘӘӘ"})
    assert found == [("number", "qr.too_dense")]
    doc = parse_document("queue-receipt", apply_changes(sample_data("queue-receipt"), {"number": "ӘӘӘӘӘӘӘӘ-2026"}))
    assert len(verification_payload(doc).encode()) <= QR_MAX_BYTES


@given(st.binary(min_size=1, max_size=QR_MAX_BYTES).map(lambda b: b.decode("latin-1")), st.sampled_from(
    ["https://karaganda-social.gov.kz/verify?number=", "", "HTTPS://A.KZ/V?NUMBER=0123456789"]))
def test_a_payload_within_the_bound_prints_as_qr_version_7_at_most(tail: str, head: str) -> None:
    payload = (head + tail)[:QR_MAX_BYTES]
    payload = payload.encode("utf-8")[:QR_MAX_BYTES].decode("utf-8", "ignore")
    assert _code(payload).version <= 7  # 45 modules + border in 20 mm: each module over 0.4 mm
