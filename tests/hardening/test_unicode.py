"""Characters that would make a document lie are refused, naming the field and the character.

Each case was found by an adversarial review (issue 16): U+061C reordered a printed number,
invisible characters and fillers printed nothing, mixed alphabets made two numbers look alike,
stacked combining marks overprinted the amounts, non-ASCII digits were read as amounts.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from helpers import apply_changes, pdf_text, sample_data, squeeze
from pydantic import ValidationError

from kzdocs import parse_document, render_pdf
from kzdocs.documents._charset import COMBINING_MARKS, CYRILLIC, DIGITS, LATIN, NAME, NUMBER, PERSON_NAME, TEXT
from kzdocs.inputs import csv_records
from kzdocs.render.fonts import FACES, font_path, missing_letters


def refused(name: str, changes: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        parse_document(name, apply_changes(sample_data(name), changes))
    return info.value.errors()


def test_the_arabic_letter_mark_cannot_reorder_a_number() -> None:
    (error,) = refused("aid-assignment", {"number": "02-\u061c3381\u061c/15"})
    assert error["loc"] == ("number",)
    assert error["type"] == "text.invisible_character"
    assert error["msg"] == "must not contain invisible or format characters (U+061C ARABIC LETTER MARK)"
    assert error["ctx"] == {"code": "061C", "char_name": "ARABIC LETTER MARK"}


INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u00ad": "SOFT HYPHEN", "\U000e0041": "TAG LATIN CAPITAL LETTER A", "\u3164": "HANGUL FILLER",
    "\u115f": "HANGUL CHOSEONG FILLER", "\u2800": "BRAILLE PATTERN BLANK", "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR", "\ufeff": "ZERO WIDTH NO-BREAK SPACE", "\u2060": "WORD JOINER",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR", "\ufe0f": "VARIATION SELECTOR-16", "\u3000": "IDEOGRAPHIC SPACE",
}


@pytest.mark.parametrize("char", list(INVISIBLE))
@pytest.mark.parametrize("path", ["applicant.full_name", "grounds.0.details_ru", "application_number",
                                  "signatory.position_kk"])
def test_invisible_and_filler_characters_are_refused(char: str, path: str) -> None:
    (error,) = refused("motivated-refusal", {path: f"Мұқанов{char}Серік"})
    assert ".".join(map(str, error["loc"])) == path
    assert error["type"] == "text.invisible_character"
    assert f"(U+{ord(char):04X} {INVISIBLE[char]})" in error["msg"]


def test_a_name_of_blank_braille_cells_is_refused() -> None:
    (error,) = refused("aid-assignment", {"applicant.full_name": "\u2800\u2800\u2800"})
    assert error["loc"] == ("applicant", "full_name")


@pytest.mark.parametrize(("char", "rule"), [
    ("\ue000", "text.private_use"), ("\U000f0000", "text.private_use"), ("\ud800", "text.not_a_character"),
    ("\udfff", "text.not_a_character"), ("\ufffe", "text.not_a_character"), ("\U0001ffff", "text.not_a_character"),
    ("\x85", "text.control_character"),
])
def test_private_use_surrogates_and_noncharacters_are_refused(char: str, rule: str) -> None:
    (error,) = refused("queue-receipt", {"child.full_name": f"Нұр{char}сұлтан"})
    assert (error["loc"], error["type"]) == (("child", "full_name"), rule)


@pytest.mark.parametrize(("path", "value", "word"), [
    ("application_number", "AӘК-7715", "AӘК-7715"),  # Latin A before Cyrillic ӘК
    ("applicant.full_name", "Тоқтарова Сәуле Бaқытжанқызы", "Бaқытжанқызы"),  # Latin a
    ("payment.bank_ru", "AO «Казпочта»", "AO"),  # Latin A and O before a Cyrillic word: fine …
])
def test_a_word_mixing_latin_and_cyrillic_is_refused(path: str, value: str, word: str) -> None:
    if word == "AO":  # … as long as no single word mixes the alphabets
        parse_document("aid-assignment", apply_changes(sample_data("aid-assignment"), {path: value}))
        return
    (error,) = refused("aid-assignment", {path: value})
    assert ".".join(map(str, error["loc"])) == path
    assert error["type"] == "text.mixed_scripts"
    assert error["ctx"] == {"word": word}


def test_a_number_keeps_to_one_alphabet() -> None:
    (error,) = refused("aid-assignment", {"number": "KZ-АӘК-1"})
    assert (error["loc"], error["type"]) == (("number",), "text.mixed_scripts")
    for number in ("АӘК-1", "KZ-2026/15", "02-15/3381"):
        parse_document("aid-assignment", apply_changes(sample_data("aid-assignment"), {"number": number}))


def test_stacked_combining_marks_are_refused() -> None:
    (error,) = refused("aid-assignment", {"applicant.full_name": "Тоқтарова С" + "\u0301" * 180 + "әуле"})
    assert (error["loc"], error["type"]) == (("applicant", "full_name"), "text.combining_marks")
    assert error["ctx"]["limit"] == 1
    (error,) = refused("aid-assignment", {"applicant.full_name": "\u0301Сәуле"})
    assert error["type"] == "text.combining_mark"
    (error,) = refused("aid-assignment", {"applicant.full_name": "Сәу\u20ddле"})  # enclosing circle
    assert error["type"] == "text.combining_mark"


def test_decomposed_letters_are_stored_composed() -> None:
    data = apply_changes(sample_data("aid-assignment"), {
        "applicant.full_name": "Ки\u0306ынова Се\u0308ма", "payment.bank_ru": "Zu\u0308rich  Bank\u00a0AG"})
    doc = parse_document("aid-assignment", data)
    assert doc.applicant.full_name == "Кйынова Сёма"  # type: ignore[attr-defined]
    assert doc.payment.bank_ru == "Zürich Bank AG"  # type: ignore[attr-defined]
    stressed = parse_document("aid-assignment", apply_changes(sample_data("aid-assignment"), {
        "applicant.full_name": "Тоқтарова Са\u0301уле"}))
    assert stressed.applicant.full_name == "Тоқтарова Са\u0301уле"  # type: ignore[attr-defined]


@pytest.mark.parametrize("amount", ["৪২৫০০", "４２５００", "𝟒𝟐𝟓𝟎𝟎", "42５00.50", "٤٢٥٠٠"])
def test_money_in_other_digits_is_refused(amount: str) -> None:
    data = sample_data("aid-assignment")
    data["total_amount"] = None
    data["members"] = []
    errors = refused("aid-assignment", {"monthly_amount": amount, "total_amount": None, "members": []})
    assert [(e["loc"], e["type"]) for e in errors] == [(("monthly_amount",), "money.digits")]
    foreign = next(ch for ch in amount if ch not in DIGITS and ch != ".")
    assert errors[0]["ctx"]["code"] == f"{ord(foreign):04X}"


@pytest.mark.parametrize(("path", "value", "rule"), [
    ("issue_date", "২০২৬-১১-২৩", "date.format"),
    ("schedule.time_from", "1০:00", "time.format"),
    ("place_ru", "город Уральск, улица Курмангазы, ১২", "text.digit"),
    ("parent.full_name", "Жақсылықов Ерлан 2", "text.digit"),
    ("number", "ҚҚО-²⁰²⁶", "text.digit"),
    ("place_kk", "Орал қаласы, Ⅻ", "text.digit"),
])
def test_other_digits_are_refused_everywhere(path: str, value: str, rule: str) -> None:
    (error,) = refused("visitation-permit", {path: value})
    assert (".".join(map(str, error["loc"])), error["type"]) == (path, rule)


def test_an_iban_in_other_digits_is_refused() -> None:
    (error,) = refused("aid-assignment", {"payment.iban": "KZ৪3722C000022501734"})
    assert (error["loc"], error["type"]) == (("payment", "iban"), "text.digit")


def test_a_csv_count_in_other_digits_is_not_read_as_a_number() -> None:
    from kzdocs.documents import QueueReceipt

    ((_line, record),) = csv_records("queue_number\n৪২\n", QueueReceipt)
    assert record["queue_number"] == "৪২"  # left as text: validation refuses it as not an integer


@pytest.mark.parametrize(("value", "rule", "code"), [
    ("Сейтқалиев 王小明", "text.script", "738B"),  # CJK: the font has no glyph
    ("Сейтқалиев ნიკა", "text.script", "10DC"),  # Georgian
    ("Сейтқалиев Ερλαν", "text.script", "0395"),  # Greek: looks like Latin and Cyrillic
    ("Сейтқалиев 😀", "text.character", "1F600"),
    ("Сейтқалиев ¹", "text.digit", "00B9"),
])
def test_letters_the_font_lacks_are_refused_before_rendering(value: str, rule: str, code: str) -> None:
    (error,) = refused("queue-receipt", {"child.full_name": value})
    assert (error["loc"], error["type"], error["ctx"]["code"]) == (("child", "full_name"), rule, code)


def test_an_unbroken_word_longer_than_a_line_can_wrap_is_refused() -> None:
    (error,) = refused("queue-receipt", {"accepted_documents.0.name_kk": "Ә" * 41})
    assert error["loc"] == ("accepted_documents", 0, "name_kk")
    assert error["type"] == "text.long_word" and error["ctx"] == {"limit": 40}
    (error,) = refused("queue-receipt", {"child.full_name": "Ә" * 31})
    assert error["type"] == "text.long_word" and error["ctx"] == {"limit": 30}
    parse_document("queue-receipt", apply_changes(sample_data("queue-receipt"), {
        "accepted_documents.0.name_kk": "-".join(["Ә" * 40] * 5), "child.full_name": "Ә" * 30}))


def test_every_allowed_character_has_a_glyph_in_every_bundled_face() -> None:
    allowed = CYRILLIC | LATIN | DIGITS | COMBINING_MARKS | {" "}
    for charset in (PERSON_NAME, NAME, NUMBER, TEXT):
        allowed |= charset.punctuation
    for face in FACES.values():
        assert missing_letters(font_path(face), "".join(sorted(allowed))) == "", face


def test_accepted_text_prints_exactly() -> None:
    value = "Кийнов-О’Нил Zürich Сёма"
    data = apply_changes(sample_data("queue-receipt"), {"child.full_name": unicodedata.normalize("NFD", value)})
    text = pdf_text(render_pdf(parse_document("queue-receipt", data)))
    assert squeeze(value) in squeeze(text)
