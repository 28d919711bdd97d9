"""Every validation rule of the spec: each bad input names its field path and its rule."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from corpus import CASES
from helpers import DELETE, sample_data
from pydantic import ValidationError

from kzdocs.documents import DOCUMENTS, Document, parse_document

Build = Callable[..., Document]

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
    with pytest.raises(ValidationError, match="a float is refused"):
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


def test_the_corpus_covers_every_document() -> None:
    assert len(CASES) >= 60
    assert {case[0] for case in CASES} == set(DOCUMENTS)
