"""Every example table of ../shared/spec/language.md, plus the edges, as test vectors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kzdocs.lang import (
    format_amount,
    format_date,
    format_duration,
    spell_amount,
    spell_date,
    spell_number,
    spell_ordinal,
)


def norm(s: str) -> str:
    return s.replace("\u00a0", " ").replace("\u202f", " ")


CARDINALS = [
    (0, "нөл", "ноль"),
    (1, "бір", "один"),
    (2, "екі", "два"),
    (5, "бес", "пять"),
    (7, "жеті", "семь"),
    (11, "он бір", "одиннадцать"),
    (12, "он екі", "двенадцать"),
    (13, "он үш", "тринадцать"),
    (14, "он төрт", "четырнадцать"),
    (15, "он бес", "пятнадцать"),
    (16, "он алты", "шестнадцать"),
    (17, "он жеті", "семнадцать"),
    (18, "он сегіз", "восемнадцать"),
    (19, "он тоғыз", "девятнадцать"),
    (21, "жиырма бір", "двадцать один"),
    (22, "жиырма екі", "двадцать два"),
    (25, "жиырма бес", "двадцать пять"),
    (40, "қырық", "сорок"),
    (45, "қырық бес", "сорок пять"),
    (100, "жүз", "сто"),
    (101, "жүз бір", "сто один"),
    (180, "жүз сексен", "сто восемьдесят"),
    (1000, "бір мың", "одна тысяча"),
    (1001, "бір мың бір", "одна тысяча один"),
    (2000, "екі мың", "две тысячи"),
    (2026, "екі мың жиырма алты", "две тысячи двадцать шесть"),
    (21000, "жиырма бір мың", "двадцать одна тысяча"),
    (42500, "қырық екі мың бес жүз", "сорок две тысячи пятьсот"),
    (1_000_000, "бір миллион", "один миллион"),
    (1_000_000_000, "бір миллиард", "один миллиард"),
    (3_000, "үш мың", "три тысячи"),  # ё → е would matter in «трёх», not here
]


@pytest.mark.parametrize(("n", "kk", "ru"), CARDINALS)
def test_cardinals(n: int, kk: str, ru: str) -> None:
    assert spell_number(n, "kk") == kk
    assert spell_number(n, "ru") == ru


ORDINALS = [
    (1, "бірінші", "первый"),
    (2, "екінші", "второй"),
    (3, "үшінші", "третий"),
    (4, "төртінші", "четвертый"),  # ё → е
    (6, "алтыншы", "шестой"),
    (7, "жетінші", "седьмой"),
    (8, "сегізінші", "восьмой"),
    (9, "тоғызыншы", "девятый"),
    (10, "оныншы", "десятый"),
    (20, "жиырмасыншы", "двадцатый"),
    (23, "жиырма үшінші", "двадцать третий"),
    (30, "отызыншы", "тридцатый"),
    (40, "қырқыншы", "сороковой"),
    (50, "елуінші", "пятидесятый"),
    (60, "алпысыншы", "шестидесятый"),
    (70, "жетпісінші", "семидесятый"),
    (80, "сексенінші", "восьмидесятый"),
    (90, "тоқсаныншы", "девяностый"),
    (100, "жүзінші", "сотый"),
    (1000, "бір мыңыншы", "тысячный"),
    (2026, "екі мың жиырма алтыншы", "две тысячи двадцать шестой"),
    (1_000_000, "бір миллионыншы", "миллионный"),
]


@pytest.mark.parametrize(("n", "kk", "ru"), ORDINALS)
def test_ordinals(n: int, kk: str, ru: str) -> None:
    assert spell_ordinal(n, "kk") == kk
    assert spell_ordinal(n, "ru") == ru


def test_russian_ordinal_gender_and_case() -> None:
    assert spell_ordinal(23, "ru", gender="n", case="gen") == "двадцать третьего"
    assert spell_ordinal(3, "ru", gender="f") == "третья"
    assert spell_ordinal(3, "ru", gender="f", case="acc") == "третью"
    assert spell_ordinal(2026, "ru", case="gen") == "две тысячи двадцать шестого"
    assert spell_ordinal(1, "ru", gender="n", case="prep") == "первом"
    assert spell_ordinal(40, "ru", case="ins") == "сороковым"
    assert spell_ordinal(4, "ru", gender="f", case="dat") == "четвертой"


def test_yo_is_written_as_ye() -> None:
    assert spell_number(3, "ru", gender="f") == "три"
    assert "ё" not in spell_ordinal(3, "ru", case="gen") + spell_ordinal(4, "ru") + spell_number(4, "ru")
    assert format_duration(3, "minute", "ru") == "3 (три) минуты"


AMOUNTS = [
    ("42500.50", "kk", "қырық екі мың бес жүз теңге елу тиын", "42 500 (қырық екі мың бес жүз) теңге 50 тиын"),
    ("42500.50", "ru", "сорок две тысячи пятьсот тенге пятьдесят тиынов",
     "42 500 (сорок две тысячи пятьсот) тенге 50 тиын"),
    ("1", "ru", "один тенге", "1 (один) тенге 00 тиын"),
    ("3500000", "kk", "үш миллион бес жүз мың теңге", "3 500 000 (үш миллион бес жүз мың) теңге 00 тиын"),
    ("0", "ru", "ноль тенге", "0 (ноль) тенге 00 тиын"),
    ("0.01", "ru", "ноль тенге один тиын", "0 (ноль) тенге 01 тиын"),
    ("0.02", "ru", "ноль тенге два тиына", "0 (ноль) тенге 02 тиын"),
    ("0.05", "ru", "ноль тенге пять тиынов", "0 (ноль) тенге 05 тиын"),
    ("10.11", "ru", "десять тенге одиннадцать тиынов", "10 (десять) тенге 11 тиын"),
    ("10.21", "ru", "десять тенге двадцать один тиын", "10 (десять) тенге 21 тиын"),
    ("10.22", "ru", "десять тенге двадцать два тиына", "10 (десять) тенге 22 тиын"),
    ("10.25", "ru", "десять тенге двадцать пять тиынов", "10 (десять) тенге 25 тиын"),
    ("10.21", "kk", "он теңге жиырма бір тиын", "10 (он) теңге 21 тиын"),
    ("21000", "ru", "двадцать одна тысяча тенге", "21 000 (двадцать одна тысяча) тенге 00 тиын"),
    ("2000.10", "kk", "екі мың теңге он тиын", "2 000 (екі мың) теңге 10 тиын"),
    ("999999999999.99", "kk",
     "тоғыз жүз тоқсан тоғыз миллиард тоғыз жүз тоқсан тоғыз миллион тоғыз жүз тоқсан тоғыз мың "
     "тоғыз жүз тоқсан тоғыз теңге тоқсан тоғыз тиын",
     "999 999 999 999 (тоғыз жүз тоқсан тоғыз миллиард тоғыз жүз тоқсан тоғыз миллион тоғыз жүз "
     "тоқсан тоғыз мың тоғыз жүз тоқсан тоғыз) теңге 99 тиын"),
    ("1.500", "ru", "один тенге пятьдесят тиынов", "1 (один) тенге 50 тиын"),
]


@pytest.mark.parametrize(("amount", "lang", "words", "office"), AMOUNTS)
def test_amounts(amount: str, lang: str, words: str, office: str) -> None:
    assert spell_amount(Decimal(amount), lang) == words
    assert norm(format_amount(Decimal(amount), lang)) == office


def test_amount_groups_with_no_break_space() -> None:
    assert format_amount(Decimal("42500"), "ru").startswith("42\u00a0500 (")


def test_int_amount_is_exact() -> None:
    assert spell_amount(7, "kk") == "жеті теңге"


@pytest.mark.parametrize("bad", [1.5, 42500.0, "42500", None, True])
def test_non_decimal_amount_is_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        spell_amount(bad, "ru")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_amount(bad, "kk")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("-1", "negative"),
        ("-0.01", "negative"),
        ("1.005", "two decimal places"),
        ("1000000000000", "less than"),
        ("1e12", "less than"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
    ],
)
def test_bad_amount_values_are_refused(bad: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spell_amount(Decimal(bad), "kk")


DATES = [
    (date(2026, 11, 23), "long", "2026 жылғы 23 қараша", "23 ноября 2026 года"),
    (date(2014, 9, 2), "attributive", "2014 жылғы 2 қыркүйектегі", "2 сентября 2014 года"),
    (date(2014, 9, 29), "locative", "2014 жылғы 29 қыркүйекте", "29 сентября 2014 года"),
    (date(2026, 10, 1), "ablative", "2026 жылғы 1 қазаннан", "1 октября 2026 года"),
    (date(2026, 12, 31), "dative", "2026 жылғы 31 желтоқсанға", "31 декабря 2026 года"),
    (date(2013, 4, 15), "attributive", "2013 жылғы 15 сәуірдегі", "15 апреля 2013 года"),
    (date(2026, 11, 23), "numeric", "23.11.2026", "23.11.2026"),
    (date(2024, 2, 29), "long", "2024 жылғы 29 ақпан", "29 февраля 2024 года"),
    (date(2000, 1, 1), "numeric", "01.01.2000", "01.01.2000"),
    (date(2100, 3, 8), "dative", "2100 жылғы 8 наурызға", "8 марта 2100 года"),
]


@pytest.mark.parametrize(("d", "form", "kk", "ru"), DATES)
def test_dates(d: date, form: str, kk: str, ru: str) -> None:
    assert format_date(d, "kk", form) == kk
    assert format_date(d, "ru", form) == ru


# All twelve months in every Kazakh case form (vowel harmony and the last sound).
MONTH_FORMS = {
    1: ("қаңтар", "қаңтардағы", "қаңтарда", "қаңтардан", "қаңтарға"),
    2: ("ақпан", "ақпандағы", "ақпанда", "ақпаннан", "ақпанға"),
    3: ("наурыз", "наурыздағы", "наурызда", "наурыздан", "наурызға"),
    4: ("сәуір", "сәуірдегі", "сәуірде", "сәуірден", "сәуірге"),
    5: ("мамыр", "мамырдағы", "мамырда", "мамырдан", "мамырға"),
    6: ("маусым", "маусымдағы", "маусымда", "маусымнан", "маусымға"),
    7: ("шілде", "шілдедегі", "шілдеде", "шілдеден", "шілдеге"),
    8: ("тамыз", "тамыздағы", "тамызда", "тамыздан", "тамызға"),
    9: ("қыркүйек", "қыркүйектегі", "қыркүйекте", "қыркүйектен", "қыркүйекке"),
    10: ("қазан", "қазандағы", "қазанда", "қазаннан", "қазанға"),
    11: ("қараша", "қарашадағы", "қарашада", "қарашадан", "қарашаға"),
    12: ("желтоқсан", "желтоқсандағы", "желтоқсанда", "желтоқсаннан", "желтоқсанға"),
}


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_every_kazakh_form(month: int) -> None:
    d = date(2026, month, 5)
    forms = ("long", "attributive", "locative", "ablative", "dative")
    for form, expected in zip(forms, MONTH_FORMS[month], strict=True):
        assert format_date(d, "kk", form) == f"2026 жылғы 5 {expected}"


RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]


@pytest.mark.parametrize("month", range(1, 13))
def test_russian_months_are_genitive(month: int) -> None:
    assert format_date(date(2026, month, 1), "ru") == f"1 {RU_MONTHS[month - 1]} 2026 года"


SPELLED = [
    (date(2026, 11, 23), "екі мың жиырма алтыншы жылғы жиырма үшінші қараша",
     "двадцать третьего ноября две тысячи двадцать шестого года"),
    (date(2014, 9, 2), "екі мың он төртінші жылғы екінші қыркүйек",
     "второго сентября две тысячи четырнадцатого года"),
    (date(2000, 1, 1), "екі мыңыншы жылғы бірінші қаңтар", "первого января двухтысячного года"),
    (date(2024, 2, 29), "екі мың жиырма төртінші жылғы жиырма тоғызыншы ақпан",
     "двадцать девятого февраля две тысячи двадцать четвертого года"),
    (date(2100, 12, 3), "екі мың жүзінші жылғы үшінші желтоқсан",
     "третьего декабря две тысячи сотого года"),
    (date(1990, 4, 30), "бір мың тоғыз жүз тоқсаныншы жылғы отызыншы сәуір",
     "тридцатого апреля тысяча девятьсот девяностого года"),
]


@pytest.mark.parametrize(("d", "kk", "ru"), SPELLED)
def test_spell_date(d: date, kk: str, ru: str) -> None:
    assert spell_date(d, "kk") == kk
    assert spell_date(d, "ru") == ru


DURATIONS = [
    (5, "working_day", "5 (бес) жұмыс күні", "5 (пять) рабочих дней"),
    (1, "working_day", "1 (бір) жұмыс күні", "1 (один) рабочий день"),
    (3, "working_day", "3 (үш) жұмыс күні", "3 (три) рабочих дня"),
    (28, "calendar_day", "28 (жиырма сегіз) күнтізбелік күн", "28 (двадцать восемь) календарных дней"),
    (30, "calendar_day", "30 (отыз) күнтізбелік күн", "30 (тридцать) календарных дней"),
    (2, "minute", "2 (екі) минут", "2 (две) минуты"),
    (1, "minute", "1 (бір) минут", "1 (одна) минута"),
    (21, "minute", "21 (жиырма бір) минут", "21 (двадцать одна) минута"),
    (15, "minute", "15 (он бес) минут", "15 (пятнадцать) минут"),
    (1, "hour", "1 (бір) сағат", "1 (один) час"),
    (2, "hour", "2 (екі) сағат", "2 (два) часа"),
    (11, "hour", "11 (он бір) сағат", "11 (одиннадцать) часов"),
    (5, "day", "5 (бес) күн", "5 (пять) дней"),
    (22, "day", "22 (жиырма екі) күн", "22 (двадцать два) дня"),
    (12, "month", "12 (он екі) ай", "12 (двенадцать) месяцев"),
    (1, "month", "1 (бір) ай", "1 (один) месяц"),
    (0, "day", "0 (нөл) күн", "0 (ноль) дней"),
]


@pytest.mark.parametrize(("n", "unit", "kk", "ru"), DURATIONS)
def test_durations(n: int, unit: str, kk: str, ru: str) -> None:
    assert format_duration(n, unit, "kk") == kk
    assert format_duration(n, unit, "ru") == ru


@pytest.mark.parametrize("bad_lang", ["en", "kz", "KK", "", "rus"])
def test_unknown_language_is_a_value_error(bad_lang: str) -> None:
    with pytest.raises(ValueError, match="language must be"):
        spell_number(1, bad_lang)
    with pytest.raises(ValueError, match="language must be"):
        format_date(date(2026, 1, 1), bad_lang)
    with pytest.raises(ValueError, match="language must be"):
        spell_amount(Decimal(1), bad_lang)
    with pytest.raises(ValueError, match="language must be"):
        format_duration(1, "day", bad_lang)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="form"):
        format_date(date(2026, 1, 1), "kk", "genitive")
    with pytest.raises(ValueError, match="unit"):
        format_duration(1, "week", "kk")
    with pytest.raises(ValueError):
        spell_number(-1, "kk")
    with pytest.raises(ValueError):
        spell_number(10**12, "kk")
    with pytest.raises(TypeError):
        spell_number(1.0, "kk")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="case"):
        spell_ordinal(1, "ru", case="vocative")
    with pytest.raises(ValueError, match="gender"):
        spell_ordinal(1, "ru", gender="x")
    with pytest.raises(TypeError):
        format_date("2026-01-01", "kk")  # type: ignore[arg-type]
