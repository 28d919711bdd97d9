"""Issue 10 (native-speaker review): validation rules that keep wrong words off the page."""

from __future__ import annotations

import doctest
from collections.abc import Callable
from datetime import date
from typing import Any, get_args

import pytest
from helpers import make_iin, sample_data
from pydantic import ValidationError

from kzdocs import workdays
from kzdocs.documents import Document, parse_document
from kzdocs.documents import _names as names
from kzdocs.documents.catalogue import ACCEPTED_DOCUMENTS, REFUSAL_GROUNDS, SERVICES
from kzdocs.documents.motivated_refusal import GroundCode, ServiceCode
from kzdocs.documents.queue_receipt import AcceptedCode
from kzdocs.lang import cases

Build = Callable[..., Document]


def errors(doc: str, changes: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        build(doc, changes)
    return list(info.value.errors())


def test_doctests_of_the_new_helpers() -> None:
    for module in (names, cases):
        assert doctest.testmod(module).failed == 0


def test_literals_match_the_catalogues() -> None:
    assert set(get_args(AcceptedCode)) == set(ACCEPTED_DOCUMENTS)
    assert set(get_args(ServiceCode)) == set(SERVICES)
    assert set(get_args(GroundCode)) == set(REFUSAL_GROUNDS)
    for service in SERVICES.values():
        assert set(service.grounds) <= set(REFUSAL_GROUNDS) and "other" in service.grounds


# point 5: a plain string is one language; a bilingual receipt prints both
def test_accepted_documents_by_code_print_in_both_languages(build: Build) -> None:
    doc = build("queue-receipt", {"accepted_documents": ["application", {"code": "birth_certificate"},
                                                         {"name_kk": "Анықтама", "name_ru": "Справка"}]})
    kk, ru = "\n".join(doc.view(("kk",)).text_lines()), "\n".join(doc.view(("ru",)).text_lines())
    assert "1) Өтініш; 2) Баланың туу туралы куәлігі; 3) Анықтама." in kk
    assert "1) Заявление; 2) Свидетельство о рождении ребенка; 3) Справка." in ru
    assert "Өтініш" not in ru


def test_a_one_language_document_name_is_refused_with_a_clear_error(build: Build) -> None:
    [error] = errors("queue-receipt", {"accepted_documents": ["application", "Өтініш"]}, build)
    assert error["loc"] == ("accepted_documents", 1)
    assert "one language only" in error["msg"] and "birth_certificate" in error["msg"]
    assert "name_kk and name_ru" in error["msg"]


# point 11: a ground must fit the service
def test_a_ground_that_does_not_fit_the_service_is_refused(build: Build) -> None:
    found = errors("motivated-refusal", {"service": "job_seeker_registration"}, build)
    [error] = [e for e in found if e["type"] == "ground.not_for_service"]
    assert error["loc"] == ("grounds", 1, "code")
    assert "age_limit" in error["msg"] and "job_seeker_registration" in error["msg"]
    assert "age_limit" not in SERVICES["job_seeker_registration"].grounds
    assert "age_limit" in SERVICES["preschool_queue"].grounds
    build("motivated-refusal", {"service": "preschool_queue"})  # the same grounds fit the queue


# point 13: the name's ending against the IIN's sex
@pytest.mark.parametrize(("full_name", "expected"), [
    ("Қалиев Бауыржан Серікұлы", "male"),
    ("Жұмабаева Гүлнар Серікқызы", "female"),
    ("Иванов Петр Сергеевич", "male"),
    ("Петрова Анна Ивановна", "female"),
    ("Ковальская Ирина", "female"),
    ("Жасмин Қалиева", None),  # a female first name with a «male» ending: endings disagree, nothing told
    ("Ли Анна", None),
    ("Ким Сергей", None),
    ("Нұрлан Әлия", None),
])
def test_what_a_name_tells(full_name: str, expected: str | None) -> None:
    told = names.name_sex(full_name)
    assert (told[0] if told else None) == expected


def test_a_name_of_the_other_sex_than_the_iin_is_refused(build: Build) -> None:
    woman = make_iin(date(1988, 11, 2), "female")
    [error] = errors("aid-assignment", {"applicant.iin": woman, "applicant.full_name": "Қалиев Бауыржан Серікұлы",
                                        "applicant.birth_date": "1988-11-02"}, build)
    assert error["loc"] == ("applicant", "full_name")
    assert "man's name" in error["msg"] and "woman's" in error["msg"] and "name_sex_confirmed" in error["msg"]
    assert "Қалиев" not in error["msg"]  # personal data stays out of messages
    confirmed = build("aid-assignment", {"applicant.iin": woman, "applicant.birth_date": "1988-11-02",
                                         "applicant.full_name": "Қалиев Бауыржан Серікұлы",
                                         "applicant.name_sex_confirmed": True})
    assert "Уважаемая Қалиев Бауыржан Серікұлы!" in "\n".join(confirmed.view(("ru",)).text_lines())


def test_names_without_a_telling_ending_pass(build: Build) -> None:
    doc = build("motivated-refusal", {"applicant.full_name": "Ли Анна", "applicant.iin": make_iin(date(1980, 1, 1)),
                                      "applicant.birth_date": "1980-01-01"})
    assert doc.applicant.full_name == "Ли Анна"  # type: ignore[attr-defined]


# point 14: aid members are persons
def test_aid_members_accept_a_birth_date_checked_against_the_iin(build: Build) -> None:
    doc = build("aid-assignment", {"members.0.birth_date": "1988-11-02"})
    assert doc.members[0].born == date(1988, 11, 2)  # type: ignore[attr-defined]
    [error] = errors("aid-assignment", {"members.0.birth_date": "1988-11-03"}, build)
    assert error["loc"] == ("members", 0, "birth_date") and error["type"] == "person.birth_date_mismatch"


# point 7: the last day of a term that falls on a day off moves to the next working day
@pytest.mark.parametrize(("issued", "last_day"), [
    ("2026-11-23", date(2026, 11, 30)),  # +5 = Saturday 28.11 → Monday 30.11
    ("2026-11-20", date(2026, 11, 25)),  # +5 = Wednesday: no move
    ("2026-12-11", date(2026, 12, 17)),  # +5 = 16.12, Independence Day → 17.12
])
def test_referral_validity_ends_on_a_working_day(issued: str, last_day: date) -> None:
    data = sample_data("kindergarten-referral")
    data["issue_date"] = issued
    doc = parse_document("kindergarten-referral", data)
    assert doc.valid_until == last_day  # type: ignore[attr-defined]
    assert workdays.is_working_day(last_day)
    assert workdays.next_working_day(last_day) == last_day
