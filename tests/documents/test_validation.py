"""Every validation rule of the spec: each bad input names its field path and its rule."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from helpers import DELETE, make_iin, sample_data
from pydantic import ValidationError

from kzdocs.documents import DOCUMENTS, Document, parse_document

Build = Callable[..., Document]

CHILD_7 = make_iin(date(2019, 11, 23), "male")  # 7 on 2026-11-23
ADULT_CHILD = make_iin(date(2008, 11, 1), "female")  # 18 before 2026-11
MINOR_GUARDIAN = make_iin(date(2010, 1, 1), "female")

CASES: list[tuple[str, dict[str, Any], tuple[Any, ...], str]] = [
    # shared parts
    ("queue-receipt", {"child.iin": "230609512342"}, ("child", "iin"), "iin.check_digit"),
    ("queue-receipt", {"child.birth_date": "2023-06-10"}, ("child", "birth_date"), "person.birth_date_mismatch"),
    ("queue-receipt", {"issuer.bin": "980340012007"}, ("issuer", "bin"), "bin.check_digit"),
    ("queue-receipt", {"issuer.verify_url": "javascript:alert(1)"}, ("issuer", "verify_url"), "url.format"),
    ("queue-receipt", {"issuer.phone": "call me"}, ("issuer", "phone"), "phone.format"),
    ("queue-receipt", {"issue_date": "2026-02-30"}, ("issue_date",), "date.impossible"),
    ("queue-receipt", {"issue_date": "23.11.2026"}, ("issue_date",), "date.format"),
    ("queue-receipt", {"applicant.full_name": "   "}, ("applicant", "full_name"), "text.empty"),
    ("queue-receipt", {"applicant.full_name": "А" * 201}, ("applicant", "full_name"), "text.too_long"),
    ("queue-receipt", {"applicant.full_name": "Әли\x07"}, ("applicant", "full_name"), "text.control_character"),
    ("queue-receipt", {"applicant.full_name": "Әли\u202eев"}, ("applicant", "full_name"), "text.control_character"),
    ("queue-receipt", {"issuer": DELETE}, ("issuer",), "missing"),
    ("queue-receipt", {"surprise": 1}, ("surprise",), "extra_forbidden"),
    # 1. queue receipt
    ("queue-receipt", {"child.iin": CHILD_7, "child.birth_date": DELETE}, ("child", "birth_date"), "child.too_old"),
    ("queue-receipt", {"registered_on": "2026-11-24"}, ("registered_on",), "date.future"),
    ("queue-receipt", {"queue_number": 0}, ("queue_number",), "greater_than"),
    ("queue-receipt", {"queue_number": "15"}, ("queue_number",), "int_type"),
    ("queue-receipt", {"priority": {}}, ("priority", "ground"), "missing"),
    ("queue-receipt", {"priority": {"ground": "vip"}}, ("priority", "ground"), "literal_error"),
    ("queue-receipt", {"accepted_documents": []}, ("accepted_documents",), "too_short"),
    ("queue-receipt", {"accepted_time": "25:00"}, ("accepted_time",), "time.format"),
    # 2. kindergarten referral
    ("kindergarten-referral", {"child.iin": CHILD_7}, ("child", "birth_date"), "child.too_old"),
    ("kindergarten-referral", {"organisation.name_ru": DELETE}, ("organisation", "name_ru"),
     "organisation.name_pair"),
    ("kindergarten-referral", {"child.address_kk": ""}, ("child", "address_kk"), "text.empty"),
    # 3. aid assignment
    ("aid-assignment", {"monthly_amount": 42500.5}, ("monthly_amount",), "money.float"),
    ("aid-assignment", {"monthly_amount": "42500.505"}, ("monthly_amount",), "money.value"),
    ("aid-assignment", {"monthly_amount": "-1"}, ("monthly_amount",), "money.value"),
    ("aid-assignment", {"monthly_amount": "0", "members": []}, ("monthly_amount",), "amount.range"),
    ("aid-assignment", {"monthly_amount": "100000000", "members": [], "total_amount": DELETE},
     ("monthly_amount",), "amount.range"),
    ("aid-assignment", {"monthly_amount": "abc"}, ("monthly_amount",), "money.format"),
    ("aid-assignment", {"total_amount": "127501.49"}, ("total_amount",), "amount.total_mismatch"),
    ("aid-assignment", {"period_to": "2026-09-30"}, ("period_to",), "period.reversed"),
    ("aid-assignment", {"period_from": "2026-10-02"}, ("period_from",), "period.whole_months"),
    ("aid-assignment", {"period_to": "2026-12-30", "total_amount": DELETE}, ("period_to",), "period.whole_months"),
    ("aid-assignment", {"members.0.monthly_amount": "10625.15"}, ("members",), "members.sum_mismatch"),
    ("aid-assignment", {"members.0.monthly_amount": DELETE}, ("members",), "members.partial_amounts"),
    ("aid-assignment", {"members.1.iin": "881102422105"}, ("members", 1, "iin"), "iin.duplicate"),
    ("aid-assignment", {"aid_type": "pension"}, ("aid_type",), "literal_error"),
    ("aid-assignment", {"application_date": "2026-10-09"}, ("application_date",), "date.future"),
    ("aid-assignment", {"payment.iban": "KZ44722C000022501734"}, ("payment", "iban"), "iban.check_digits"),
    ("aid-assignment", {"aid_type": "child_benefit"}, ("members", 0, "iin"), "child.too_old"),
    # 4. guardianship certificate
    ("guardianship-certificate", {"children": []}, ("children",), "too_short"),
    ("guardianship-certificate", {"children.0.iin": ADULT_CHILD}, ("children", 0, "birth_date"), "child.too_old"),
    ("guardianship-certificate", {"guardian.iin": MINOR_GUARDIAN}, ("guardian", "birth_date"), "guardian.minor"),
    ("guardianship-certificate", {"children.1.iin": "160127577816"}, ("children", 1, "iin"), "iin.duplicate"),
    ("guardianship-certificate", {"children.0.iin": "791205422413"}, ("children", 0, "iin"), "person.same"),
    ("guardianship-certificate", {"basis.date": "2026-11-21"}, ("basis", "date"), "date.future"),
    ("guardianship-certificate", {"basis.kind": "whim"}, ("basis", "kind"), "literal_error"),
    # 5. visitation permit
    ("visitation-permit", {"period_to": "2026-11-30"}, ("period_to",), "period.reversed"),
    ("visitation-permit", {"child.iin": ADULT_CHILD}, ("child", "birth_date"), "child.too_old"),
    ("visitation-permit", {"court.decision_date": "2026-11-23"}, ("court", "decision_date"), "date.order"),
    ("visitation-permit", {"schedule.time_to": "09:00"}, ("schedule", "time_to"), "schedule.time_order"),
    ("visitation-permit", {"schedule.weekdays": []}, ("schedule", "weekdays"), "schedule.empty"),
    ("visitation-permit", {"schedule.weekdays": ["caturday"]}, ("schedule", "weekdays", 0), "literal_error"),
    ("visitation-permit", {"schedule.dates": ["2027-06-05"]}, ("schedule", "dates", 0), "schedule.outside_period"),
    # 6. motivated refusal
    ("motivated-refusal", {"service": "passport"}, ("service",), "literal_error"),
    ("motivated-refusal", {"grounds": []}, ("grounds",), "too_short"),
    ("motivated-refusal", {"grounds.0.code": "bad_mood"}, ("grounds", 0, "code"), "literal_error"),
    ("motivated-refusal", {"grounds.0.details_ru": DELETE}, ("grounds", 0, "details_ru"),
     "ground.details_required"),
    ("motivated-refusal", {"grounds": [{"code": "other", "details_kk": "себеп"}]}, ("grounds", 0, "details_ru"),
     "ground.details_required"),
    ("motivated-refusal", {"application_date": "2026-11-19"}, ("application_date",), "date.future"),
]


@pytest.mark.parametrize(("doc", "changes", "loc", "rule"), CASES, ids=[f"{c[0]}:{c[3]}:{i}" for i, c in
                                                                          enumerate(CASES)])
def test_bad_input_names_field_and_rule(build: Build, doc: str, changes: dict[str, Any], loc: tuple[Any, ...],
                                        rule: str) -> None:
    with pytest.raises(ValidationError) as info:
        build(doc, changes)
    found = [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]
    assert (loc, rule) in found, found


def test_every_document_kind_is_registered() -> None:
    assert list(DOCUMENTS) == ["queue-receipt", "kindergarten-referral", "aid-assignment",
                               "guardianship-certificate", "visitation-permit", "motivated-refusal"]


def test_birth_date_is_taken_from_the_iin(build: Build) -> None:
    doc = build("queue-receipt", {"child.birth_date": DELETE})
    assert doc.child.birth_date == date(2023, 6, 9)  # type: ignore[attr-defined]


def test_json_numbers_are_read_as_decimal_without_rounding() -> None:
    text = json.dumps(sample_data("aid-assignment"), default=str, ensure_ascii=False)
    text = text.replace('"monthly_amount": "42500.50"', '"monthly_amount": 42500.50', 1)
    assert '"monthly_amount": 42500.50' in text
    doc = parse_document("aid-assignment", text)
    assert doc.monthly_amount == Decimal("42500.50")  # type: ignore[attr-defined]
    assert str(doc.monthly_amount) == "42500.50"  # type: ignore[attr-defined]


def test_a_float_amount_from_python_is_refused() -> None:
    data = sample_data("aid-assignment")
    data["monthly_amount"] = 42500.5
    with pytest.raises(ValidationError, match="not a float"):
        parse_document("aid-assignment", data)


def test_many_problems_are_reported_together(build: Build) -> None:
    with pytest.raises(ValidationError) as info:
        build("visitation-permit", {"period_to": "2026-11-30", "schedule.time_to": "09:00",
                                    "parent.iin": "900404366127"})
    locs = {tuple(e["loc"]) for e in info.value.errors()}
    assert {("parent", "iin"), ("schedule", "time_to")} <= locs


def test_input_must_be_an_object() -> None:
    with pytest.raises(ValidationError) as info:
        parse_document("queue-receipt", "[1, 2]")
    assert info.value.errors()[0]["type"] == "document.type"


def test_unknown_document_name() -> None:
    with pytest.raises(KeyError, match="unknown document 'queue-reciept'"):
        parse_document("queue-reciept", {})
