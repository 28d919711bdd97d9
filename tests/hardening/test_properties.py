"""Generated valid inputs for every document (hypothesis): each renders, deterministically, and the
PDF says the amounts and dates in words."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pypdfium2 as pdfium
from helpers import make_iin, pdf_text, sample_data, squeeze
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzdocs import parse_document, render_docx, render_pdf
from kzdocs.lang import format_amount, format_date
from kzdocs.workdays import next_working_day

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)


def word(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=2, max_size=12).map(str.capitalize)


full_names = st.one_of(
    st.lists(word(KAZAKH), min_size=2, max_size=3).map(" ".join),
    st.lists(word(RUSSIAN), min_size=2, max_size=3).map(" ".join),
)
sexes = st.sampled_from(["male", "female"])
issue_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
amounts = st.integers(min_value=1, max_value=9_999_999_99).map(lambda cents: Decimal(cents).scaleb(-2))


@st.composite
def person(draw: st.DrawFn, born_from: date, born_to: date, serial: int) -> dict[str, Any]:
    born = draw(st.dates(min_value=born_from, max_value=born_to))
    # random letters may end like a name of the other sex: the documented override says they are right
    return {"full_name": draw(full_names), "iin": make_iin(born, draw(sexes), serial), "name_sex_confirmed": True}


def years_before(d: date, years: int) -> date:
    return d.replace(year=d.year - years, day=min(d.day, 28))


@st.composite
def queue_receipts(draw: st.DrawFn) -> dict[str, Any]:
    data = sample_data("queue-receipt")
    issued = draw(issue_dates)
    child = draw(person(years_before(issued, 6), issued - timedelta(days=1), 1000))
    data.update(issue_date=issued.isoformat(), registered_on=issued.isoformat(), child=child,
                applicant={**draw(person(date(1960, 1, 1), date(2000, 12, 31), 3000)), "phone": "+7 701 000 00 00"},
                queue_number=draw(st.integers(1, 99_999)))
    return data


@st.composite
def referrals(draw: st.DrawFn) -> dict[str, Any]:
    data = sample_data("kindergarten-referral")
    issued = draw(issue_dates)
    child = draw(person(years_before(issued, 6), issued - timedelta(days=1), 2000))
    data.update(issue_date=issued.isoformat(), child={**data["child"], **child})
    data["organisation"]["number"] = str(draw(st.integers(1, 500)))
    return data


@st.composite
def aid_notices(draw: st.DrawFn) -> dict[str, Any]:
    data = sample_data("aid-assignment")
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 1))).replace(day=1)
    months = draw(st.integers(1, 12))
    end_month = date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1)
    monthly = draw(amounts.filter(lambda a: 1 <= a < 100_000_000))  # every child's share is at least 1 tiyn
    children = draw(st.lists(person(years_before(start, 17), start - timedelta(days=1), 5000), min_size=1,
                             max_size=3, unique_by=lambda p: p["iin"]))
    cents = int(monthly * 100)
    shares = [cents // len(children)] * len(children)
    shares[0] += cents - sum(shares)
    members = [{**child, "relation_kk": "ұлы", "relation_ru": "сын", "monthly_amount": str(Decimal(share) / 100)}
               for child, share in zip(children, shares, strict=True)]
    data.update(aid_type="child_benefit", period_from=start.isoformat(),
                period_to=(end_month - timedelta(days=1)).isoformat(), monthly_amount=str(monthly),
                issue_date=start.isoformat(), application_date=start.isoformat(), members=members)
    data.pop("total_amount")
    return data


@st.composite
def guardianships(draw: st.DrawFn) -> dict[str, Any]:
    data = sample_data("guardianship-certificate")
    basis_date = draw(issue_dates)
    data["basis"]["date"] = basis_date.isoformat()
    data["issue_date"] = basis_date.isoformat()
    data["guardian"] = draw(person(date(1950, 1, 1), years_before(basis_date, 19), 7000))
    data["children"] = draw(st.lists(person(years_before(basis_date, 17), basis_date, 8000), min_size=1, max_size=4,
                                     unique_by=lambda p: p["iin"]))
    return data


@st.composite
def visitations(draw: st.DrawFn) -> dict[str, Any]:
    data = sample_data("visitation-permit")
    issued = draw(issue_dates)
    start = issued + timedelta(days=draw(st.integers(0, 60)))
    data.update(issue_date=issued.isoformat(), period_from=start.isoformat(),
                period_to=(start + timedelta(days=draw(st.integers(0, 365)))).isoformat(),
                parent=draw(person(date(1960, 1, 1), date(2000, 1, 1), 4000)),
                child=draw(person(years_before(start, 17), issued - timedelta(days=1), 6000)))
    data["court"]["decision_date"] = (issued - timedelta(days=draw(st.integers(1, 2000)))).isoformat()
    data["schedule"]["weekdays"] = draw(st.lists(st.sampled_from(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]), min_size=1, max_size=3,
        unique=True))
    return data


@st.composite
def refusals(draw: st.DrawFn) -> dict[str, Any]:
    data = sample_data("motivated-refusal")
    issued = draw(issue_dates)
    data.update(issue_date=issued.isoformat(), application_date=issued.isoformat(),
                applicant={**draw(person(date(1940, 1, 1), date(2005, 1, 1), 9000))},
                service=draw(st.sampled_from(["preschool_queue", "externat", "child_benefit", "guardianship",
                                              "visitation_permit", "unemployed_registration", "tsa_certificate"])),
                grounds=[{"code": "other", "details_kk": draw(full_names), "details_ru": draw(full_names)}])
    return data


def check(name: str, data: dict[str, Any]) -> str:
    doc = parse_document(name, data)
    pdf, docx = render_pdf(doc), render_docx(doc)
    assert render_pdf(doc) == pdf and render_docx(doc) == docx  # deterministic
    assert len(pdfium.PdfDocument(pdf)) <= 2  # issue 10: never below 12 pt; a long one flows onto page 2
    text = squeeze(pdf_text(pdf))
    for lang in ("kk", "ru"):
        assert squeeze(format_date(doc.issue_date, lang)) in text
    return text


@SETTINGS
@given(queue_receipts())
def test_queue_receipts(data: dict[str, Any]) -> None:
    text = check("queue-receipt", data)
    assert squeeze(f"№ {data['queue_number']}") in text


@SETTINGS
@given(referrals())
def test_referrals_say_the_validity_date(data: dict[str, Any]) -> None:
    text = check("kindergarten-referral", data)
    valid_until = next_working_day(date.fromisoformat(data["issue_date"]) + timedelta(days=5))
    assert squeeze(f"{format_date(valid_until, 'kk', 'accusative')} қоса алғанға дейін") in text


@SETTINGS
@given(aid_notices())
def test_aid_notices_say_amounts_and_period_in_words(data: dict[str, Any]) -> None:
    text = check("aid-assignment", data)
    monthly = Decimal(data["monthly_amount"])
    doc = parse_document("aid-assignment", data)
    for lang in ("kk", "ru"):
        assert squeeze(format_amount(monthly, lang)) in text
        assert squeeze(format_amount(doc.total, lang)) in text  # type: ignore[attr-defined]
    assert squeeze(format_date(date.fromisoformat(data["period_from"]), "kk", "ablative")) in text
    assert squeeze(format_date(date.fromisoformat(data["period_to"]), "kk", "dative")) in text


@SETTINGS
@given(guardianships())
def test_guardianship_certificates(data: dict[str, Any]) -> None:
    text = check("guardianship-certificate", data)
    assert squeeze(format_date(date.fromisoformat(data["basis"]["date"]), "kk", "attributive")) in text


@SETTINGS
@given(visitations())
def test_visitation_permits(data: dict[str, Any]) -> None:
    text = check("visitation-permit", data)
    assert squeeze(format_date(date.fromisoformat(data["period_to"]), "ru")) in text


@SETTINGS
@given(refusals())
def test_refusals(data: dict[str, Any]) -> None:
    text = check("motivated-refusal", data)
    assert squeeze(format_date(date.fromisoformat(data["application_date"]), "kk", "attributive")) in text
