"""Reading input: CSV cells typed by the document's schema, JSON numbers as Decimal, profiles."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kzdocs.documents import QueueReceipt
from kzdocs.inputs import InputError, csv_records, load_profile, loads, merge


def test_csv_cells_follow_the_schema() -> None:
    text = ("number,queue_number,electronic,child.iin,accepted_documents,priority.ground,members.0.x\n"
            "R-1,15,да,230609512341,Өтініш; Куәлік ;,large_families,\n")
    [(line, data)] = list(csv_records(text, QueueReceipt))
    assert line == 2
    assert data == {"number": "R-1", "queue_number": 15, "electronic": True, "child": {"iin": "230609512341"},
                    "accepted_documents": ["Өтініш", "Куәлік"], "priority": {"ground": "large_families"}}


def test_json_numbers_are_decimal_and_errors_name_the_place() -> None:
    assert loads('{"a": 0.1}')["a"] == Decimal("0.1")
    with pytest.raises(InputError, match="not valid JSON: Expecting value at line 1 column 7") as info:
        loads('{"a": }', "case.json")
    assert info.value.reason == "json"


def test_profiles_merge_under_the_case(tmp_path: Path) -> None:
    profile = tmp_path / "issuer.json"
    profile.write_text('{"name_kk": "Бөлім", "phone": "+7 7112 50-12-34"}', encoding="utf-8")
    assert load_profile(profile) == {"issuer": {"name_kk": "Бөлім", "phone": "+7 7112 50-12-34"}}
    assert merge({"issuer": {"name_kk": "A", "bin": "1"}}, {"issuer": {"name_kk": "B"}, "number": "7"}) == {
        "issuer": {"name_kk": "B", "bin": "1"}, "number": "7"}
    (tmp_path / "bad.json").write_text('{"issuer": {}, "child": {}}', encoding="utf-8")
    with pytest.raises(InputError, match="not child"):
        load_profile(tmp_path / "bad.json")
