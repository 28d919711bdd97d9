"""Kazakh in the Latin alphabet of 2021: the letter table, letters taken from Russian, case, identifiers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzdocs.lang import (
    check_languages,
    derive,
    format_amount,
    format_date,
    format_duration,
    spell_number,
    to_latin,
)
from kzdocs.lang.latin import LOWER, upper_latin

#: The 2021 table, Cyrillic → Latin, upper and lower case (Kazakh letters).
TABLE = [
    ("А", "A"), ("Ә", "Ä"), ("Б", "B"), ("Д", "D"), ("Е", "E"), ("Ф", "F"), ("Г", "G"), ("Ғ", "Ğ"), ("Х", "H"),
    ("Һ", "H"), ("І", "I"), ("И", "İ"), ("Й", "İ"), ("Ж", "J"), ("К", "K"), ("Л", "L"), ("М", "M"), ("Н", "N"),
    ("Ң", "Ñ"), ("О", "O"), ("Ө", "Ö"), ("П", "P"), ("Қ", "Q"), ("Р", "R"), ("С", "S"), ("Ш", "Ş"), ("Т", "T"),
    ("У", "U"), ("Ұ", "Ū"), ("Ү", "Ü"), ("В", "V"), ("Ы", "Y"), ("З", "Z"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), TABLE)
def test_letter_table(cyrillic: str, latin: str) -> None:
    lower = {"I": "ı", "İ": "i"}.get(latin, latin.lower())
    assert to_latin(cyrillic.lower()) == lower
    assert to_latin(cyrillic + "а") == latin + "a"  # a capital at the start of a word


def test_the_two_i_letters_keep_their_dots_in_both_cases() -> None:
    assert to_latin("Іле") == "Ile" and to_latin("іле") == "ıle"
    assert to_latin("Ие") == "İe" and to_latin("ИЕ") == "İE"
    assert upper_latin("ıi") == "Iİ"


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Чапаев", "Çapaev"), ("Щучинск", "Şşuçinsk"), ("Цой", "Tsoi"), ("Юрий", "İurii"), ("Яна", "İana"),
    ("Ёлка", "İolka"), ("Эдуард", "Eduard"), ("объект", "obekt"), ("Ильич", "İliç"),
    ("ЯНВАРЬ", "İANVAR"), ("ЦОН", "TSON"), ("Я", "İa"),
])
def test_letters_kazakh_takes_from_russian(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


def test_sentences_names_and_numbers() -> None:
    assert to_latin("Қазақстан Республикасы") == "Qazaqstan Respublikasy"
    assert to_latin("Жұмабаева Гүлнар Серікқызы") == "Jūmabaeva Gülnar Serıkqyzy"
    assert to_latin("№ 1548, «Балапан» 12-үй") == "№ 1548, «Balapan» 12-üi"
    assert to_latin("ЖСН 920314412346") == "JSN 920314412346"


def test_identifiers_are_kept_as_written() -> None:
    text = "№ ЗКО-2026-1 хабарлама, өтініш № ЗКО-7"
    assert derive(text, "kk-Latn", keep=("ЗКО-2026-1", "ЗКО-7")) == "№ ЗКО-2026-1 habarlama, ötınış № ЗКО-7"
    assert derive(text, "kk", keep=("ЗКО-2026-1",)) == text


def test_language_layer_writes_kk_latn() -> None:
    assert format_amount(Decimal("42500.50"), "kk-Latn") == "42\xa0500 (qyryq ekı myñ bes jüz) teñge 50 tiyn"
    assert format_date(date(2026, 11, 23), "kk-Latn", "dative") == "2026 jylğy 23 qaraşağa"
    assert format_duration(3, "working_day", "kk-Latn") == "3 (üş) jūmys künı"
    assert spell_number(2026, "kk-Latn") == "ekı myñ jiyrma alty"


def test_languages_in_print_order() -> None:
    assert check_languages("ru,kk-Latn") == ("kk-Latn", "ru")
    assert check_languages(["kk-Latn", "kk"]) == ("kk", "kk-Latn")


@given(st.text(alphabet="".join(LOWER) + "".join(LOWER).upper() + " -.,«»№0123456789"))
def test_no_cyrillic_survives(text: str) -> None:
    assert not any(c.lower() in LOWER for c in to_latin(text))
