"""Issue 10, language layer: Russian gender only on the last group, grouped durations, Kazakh cases."""

from __future__ import annotations

from datetime import date

import pytest

from kzdocs.lang import format_date, format_duration, kazakh_case, spell_number


def norm(s: str) -> str:
    return s.replace("\u00a0", " ")


@pytest.mark.parametrize(("n", "gender", "ru"), [
    (1_000_000, "f", "один миллион"),
    (2_000_000, "f", "два миллиона"),
    (1_000_000, "n", "один миллион"),
    (1_000_000_000, "f", "один миллиард"),
    (21_000_000, "f", "двадцать один миллион"),
    (1_000_001, "f", "один миллион одна"),
    (2_000_002, "n", "два миллиона два"),
    (21_001, "n", "двадцать одна тысяча одно"),
    (2_000, "f", "две тысячи"),
    (2_002, "f", "две тысячи две"),
    (1, "f", "одна"),
    (2, "n", "два"),
    (0, "f", "ноль"),
])
def test_russian_gender_applies_to_the_last_group_only(n: int, gender: str, ru: str) -> None:
    assert spell_number(n, "ru", gender=gender) == ru


def test_duration_groups_digits_and_keeps_million_masculine() -> None:
    assert norm(format_duration(1_000_000, "minute", "ru")) == "1 000 000 (один миллион) минут"
    assert norm(format_duration(21_000, "minute", "ru")) == "21 000 (двадцать одна тысяча) минут"
    assert norm(format_duration(21_000, "minute", "kk")) == "21 000 (жиырма бір мың) минут"
    assert format_duration(1_001_001, "minute", "ru") == "1\u00a0001\u00a0001 (один миллион одна тысяча одна) минута"


@pytest.mark.parametrize(("word", "dative", "accusative", "genitive", "locative", "instrumental"), [
    ("Асқар", "Асқарға", "Асқарды", "Асқардың", "Асқарда", "Асқармен"),
    ("Айгүл", "Айгүлге", "Айгүлді", "Айгүлдің", "Айгүлде", "Айгүлмен"),
    ("Серік", "Серікке", "Серікті", "Серіктің", "Серікте", "Серікпен"),
    ("Азат", "Азатқа", "Азатты", "Азаттың", "Азатта", "Азатпен"),
    ("Бауыржан", "Бауыржанға", "Бауыржанды", "Бауыржанның", "Бауыржанда", "Бауыржанмен"),
    ("Мөлдір", "Мөлдірге", "Мөлдірді", "Мөлдірдің", "Мөлдірде", "Мөлдірмен"),
    ("Әлия", "Әлияға", "Әлияны", "Әлияның", "Әлияда", "Әлиямен"),
    ("Әсел", "Әселге", "Әселді", "Әселдің", "Әселде", "Әселмен"),
    ("Ұлжан", "Ұлжанға", "Ұлжанды", "Ұлжанның", "Ұлжанда", "Ұлжанмен"),
    ("Қаз", "Қазға", "Қазды", "Қаздың", "Қазда", "Қазбен"),
    ("Дәурен", "Дәуренге", "Дәуренді", "Дәуреннің", "Дәуренде", "Дәуренмен"),
    # patronymics carry the possessive: the oblique cases take -н-
    ("Жақсылықов Ерлан Бекұлы", "Жақсылықов Ерлан Бекұлына", "Жақсылықов Ерлан Бекұлын",
     "Жақсылықов Ерлан Бекұлының", "Жақсылықов Ерлан Бекұлында", "Жақсылықов Ерлан Бекұлымен"),
    ("Жұмабаева Гүлнар Серікқызы", "Жұмабаева Гүлнар Серікқызына", "Жұмабаева Гүлнар Серікқызын",
     "Жұмабаева Гүлнар Серікқызының", "Жұмабаева Гүлнар Серікқызында", "Жұмабаева Гүлнар Серікқызымен"),
    ("ЖСН", "ЖСН-ге", "ЖСН-ді", "ЖСН-нің", "ЖСН-де", "ЖСН-мен"),
])
def test_kazakh_case_endings(word: str, dative: str, accusative: str, genitive: str, locative: str,
                             instrumental: str) -> None:
    assert kazakh_case(word, "dative") == dative
    assert kazakh_case(word, "accusative") == accusative
    assert kazakh_case(word, "genitive") == genitive
    assert kazakh_case(word, "locative") == locative
    assert kazakh_case(word, "instrumental") == instrumental


def test_kazakh_case_refuses_what_it_cannot_inflect() -> None:
    with pytest.raises(ValueError, match="form must be"):
        kazakh_case("Асқар", "vocative")
    with pytest.raises(ValueError, match="word to attach"):
        kazakh_case("№ 12", "dative")


@pytest.mark.parametrize(("day", "locative", "accusative"), [
    (date(2026, 11, 23), "2026 жылғы 23 қарашада", "2026 жылғы 23 қарашаны"),
    (date(2026, 9, 1), "2026 жылғы 1 қыркүйекте", "2026 жылғы 1 қыркүйекті"),
    (date(2026, 1, 5), "2026 жылғы 5 қаңтарда", "2026 жылғы 5 қаңтарды"),
    (date(2026, 7, 5), "2026 жылғы 5 шілдеде", "2026 жылғы 5 шілдені"),
    (date(2026, 4, 5), "2026 жылғы 5 сәуірде", "2026 жылғы 5 сәуірді"),
])
def test_kazakh_date_as_adverb_and_as_object(day: date, locative: str, accusative: str) -> None:
    assert format_date(day, "kk", "locative") == locative
    assert format_date(day, "kk", "accusative") == accusative
    assert format_date(day, "ru", "accusative") == format_date(day, "ru")
