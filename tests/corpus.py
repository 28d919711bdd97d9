"""The corpus of bad inputs: each with the exact field path and rule the error must name.

Used by tests/documents (the library's ValidationError) and tests/cli (what a clerk reads).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from helpers import DELETE, make_iin

CHILD_7 = make_iin(date(2019, 11, 23), "male")  # 7 on 2026-11-23
CHILD_7_GIRL = make_iin(date(2019, 11, 23), "female")
ADULT_CHILD = make_iin(date(2008, 11, 1), "female")  # 18 before 2026-11
ADULT_BOY = make_iin(date(2008, 11, 1), "male")
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
    ("queue-receipt", {"applicant.full_name": "Әли\u202eев"}, ("applicant", "full_name"), "text.invisible_character"),
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
    # issue 10: one-language documents, a name of the other sex than the IIN, persons in the aid, grounds
    ("queue-receipt", {"accepted_documents": ["Өтініш"]}, ("accepted_documents", 0), "accepted_document.one_language"),
    ("queue-receipt", {"accepted_documents": [{"name_kk": "Өтініш"}]}, ("accepted_documents", 0, "name_ru"),
     "accepted_document.name_pair"),
    ("queue-receipt", {"accepted_documents": [{"document": "passport"}]}, ("accepted_documents", 0, "document"),
     "literal_error"),
    ("queue-receipt", {"child.iin": make_iin(date(2023, 6, 9), "female")}, ("child", "full_name"),
     "person.name_sex_mismatch"),
    ("queue-receipt", {"applicant.iin": make_iin(date(1992, 3, 14), "male")}, ("applicant", "full_name"),
     "person.name_sex_mismatch"),
    ("aid-assignment", {"members.0.birth_date": "1988-11-03"}, ("members", 0, "birth_date"),
     "person.birth_date_mismatch"),
    ("aid-assignment", {"members.2.iin": make_iin(date(2012, 5, 21), "female")}, ("members", 2, "full_name"),
     "person.name_sex_mismatch"),
    ("motivated-refusal", {"service": "job_seeker_registration"}, ("grounds", 1, "code"), "ground.not_for_service"),
    # 2. kindergarten referral
    ("kindergarten-referral", {"child.iin": CHILD_7_GIRL}, ("child", "birth_date"), "child.too_old"),
    ("kindergarten-referral", {"organisation.name_ru": DELETE}, ("organisation", "name_ru"),
     "organisation.name_pair"),
    ("kindergarten-referral", {"child.address_kk": ""}, ("child", "address_kk"), "text.empty"),
    # 3. aid assignment
    ("aid-assignment", {"issuer.legal_basis_kk": "Облыстық қағидалар"}, ("issuer", "legal_basis_ru"),
     "issuer.basis_pair"),
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
    ("aid-assignment", {"members.1.iin": "881102422105", "members.1.full_name": "Тоқтарова Сәуле"},
     ("members", 1, "iin"), "iin.duplicate"),
    ("aid-assignment", {"aid_type": "pension"}, ("aid_type",), "literal_error"),
    ("aid-assignment", {"application_date": "2026-10-09"}, ("application_date",), "date.future"),
    ("aid-assignment", {"payment.iban": "KZ44722C000022501734"}, ("payment", "iban"), "iban.check_digits"),
    ("aid-assignment", {"aid_type": "child_benefit"}, ("members", 0, "iin"), "child.too_old"),
    # 4. guardianship certificate
    ("guardianship-certificate", {"children": []}, ("children",), "too_short"),
    ("guardianship-certificate", {"children.0.iin": ADULT_BOY}, ("children", 0, "birth_date"), "child.too_old"),
    ("guardianship-certificate", {"guardian.iin": MINOR_GUARDIAN}, ("guardian", "birth_date"), "guardian.minor"),
    ("guardianship-certificate", {"children.1.iin": "160127577816", "children.1.full_name": "Бекмұханов Дәурен"},
     ("children", 1, "iin"), "iin.duplicate"),
    ("guardianship-certificate", {"children.0.iin": "791205422413", "children.0.full_name": "Нұрпейісова Гүлжан"},
     ("children", 0, "iin"), "person.same"),
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



# Wrong types everywhere, impossible values, limits, control characters.
CASES += [
    ("queue-receipt", {"applicant.full_name": "Ә" * 10_000}, ("applicant", "full_name"), "text.too_long"),
    ("queue-receipt", {"issuer.name_kk": "Орал\x00"}, ("issuer", "name_kk"), "text.control_character"),
    ("queue-receipt", {"child.full_name": "\x1b[31mҚызыл"}, ("child", "full_name"), "text.control_character"),
    ("queue-receipt", {"queue_number": 12.5}, ("queue_number",), "int_type"),
    ("queue-receipt", {"queue_number": True}, ("queue_number",), "int_type"),
    ("queue-receipt", {"electronic": "maybe"}, ("electronic",), "bool_parsing"),
    ("queue-receipt", {"issuer": "Орал қаласының білім беру бөлімі"}, ("issuer",), "model_type"),
    ("queue-receipt", {"priority": "large_families"}, ("priority",), "model_type"),
    ("queue-receipt", {"number": 4512}, ("number",), "text.type"),
    ("queue-receipt", {"child.iin": 230609512341}, ("child", "iin"), "iin.type"),
    ("queue-receipt", {"issue_date": None}, ("issue_date",), "date.format"),
    ("queue-receipt", {"issue_date": "2026-13-01"}, ("issue_date",), "date.impossible"),
    ("queue-receipt", {"registered_on": 20261123}, ("registered_on",), "date.format"),
    ("queue-receipt", {"accepted_documents": [5]}, ("accepted_documents", 0), "model_type"),
    ("queue-receipt", {"accepted_documents": ["application"] * 31}, ("accepted_documents",), "too_long"),
    ("queue-receipt", {"signatory.full_name": DELETE}, ("signatory", "full_name"), "missing"),
    ("queue-receipt", {"child.iin": "12345678901"}, ("child", "iin"), "iin.format"),
    ("kindergarten-referral", {"organisation": []}, ("organisation",), "model_type"),
    ("kindergarten-referral", {"queue_number": -3}, ("queue_number",), "greater_than"),
    ("kindergarten-referral", {"child.address_ru": "улица\u202eабв"}, ("child", "address_ru"),
     "text.invisible_character"),
    ("aid-assignment", {"monthly_amount": True}, ("monthly_amount",), "money.type"),
    ("aid-assignment", {"monthly_amount": []}, ("monthly_amount",), "money.type"),
    ("aid-assignment", {"monthly_amount": "1e3"}, ("monthly_amount",), "money.format"),
    ("aid-assignment", {"members": "Тоқтаров"}, ("members",), "list_type"),
    ("aid-assignment", {"members.2.relation_ru": ""}, ("members", 2, "relation_ru"), "text.empty"),
    ("aid-assignment", {"members.0.monthly_amount": 10625.14}, ("members", 0, "monthly_amount"), "money.float"),
    ("aid-assignment", {"payment.iban": "KZ00"}, ("payment", "iban"), "iban.format"),
    ("aid-assignment", {"application_number": ["АӘК-7715"]}, ("application_number",), "text.type"),
    ("guardianship-certificate", {"children": "Бекмұханов"}, ("children",), "list_type"),
    ("guardianship-certificate", {"children.0": {"full_name": "Дәурен"}}, ("children", 0, "iin"), "missing"),
    ("guardianship-certificate", {"basis.date": "16.11.2026"}, ("basis", "date"), "date.format"),
    ("guardianship-certificate", {"guardian.full_name": "Гүлжан\u200f"}, ("guardian", "full_name"),
     "text.invisible_character"),
    ("visitation-permit", {"schedule.weekdays": "saturday"}, ("schedule", "weekdays"), "list_type"),
    ("visitation-permit", {"schedule.time_from": 10}, ("schedule", "time_from"), "time.format"),
    ("visitation-permit", {"schedule.weekdays": ["saturday", "saturday"]}, ("schedule", "weekdays"),
     "schedule.duplicate"),
    ("visitation-permit", {"court": None}, ("court",), "model_type"),
    ("visitation-permit", {"place_kk": "\t"}, ("place_kk",), "text.empty"),
    ("motivated-refusal", {"grounds": [{"code": "false_data"}] * 11}, ("grounds",), "too_long"),
    ("motivated-refusal", {"grounds": [{"code": "false_data"}, {"code": "false_data"}]}, ("grounds",),
     "ground.duplicate"),
    ("motivated-refusal", {"grounds.0.details_kk": "Т" * 1001}, ("grounds", 0, "details_kk"), "text.too_long"),
    ("motivated-refusal", {"applicant.phone": "+7 (701) ДВА"}, ("applicant", "phone"), "phone.format"),
    ("motivated-refusal", {"electronic": [True]}, ("electronic",), "bool_type"),
]
