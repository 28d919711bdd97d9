"""IIN and BIN: format, check digit, birth date, century and sex."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzdocs.ids import InvalidIdError, check_bin, check_digit, is_valid_bin, is_valid_iin, parse_iin


def complete(prefix: str) -> str:
    """A 12-digit number: ``prefix`` padded with the first serial that has a check digit."""
    for serial in range(10 ** (11 - len(prefix))):
        first11 = prefix + f"{serial:0{11 - len(prefix)}d}"
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise AssertionError(f"no valid number starts with {prefix}")


def test_spec_examples() -> None:
    male = parse_iin("900101300017")
    assert (male.birth_date, male.sex, male.century) == (date(1990, 1, 1), "male", 1900)
    female = parse_iin("210517600370")
    assert (female.birth_date, female.sex, female.century) == (date(2021, 5, 17), "female", 2000)
    assert not is_valid_iin("900101300016")


@pytest.mark.parametrize(
    ("prefix", "born", "sex", "century"),
    [
        ("0002295", date(2000, 2, 29), "male", 2000),  # leap day in 2000
        ("8512312", date(1885, 12, 31), "female", 1800),
        ("9912313", date(1999, 12, 31), "male", 1900),
        ("9602294", date(1996, 2, 29), "female", 1900),
    ],
)
def test_century_and_sex(prefix: str, born: date, sex: str, century: int) -> None:
    parsed = parse_iin(complete(prefix))
    assert (parsed.birth_date, parsed.sex, parsed.century) == (born, sex, century)


@pytest.mark.parametrize(
    ("value", "rule", "message"),
    [
        ("90010130001", "format", "exactly 12 digits"),
        ("9001013000170", "format", "exactly 12 digits"),
        ("90010130001a", "format", "exactly 12 digits"),
        ("９００１０１３０００１７", "format", "exactly 12 digits"),  # full-width digits
        (" 900101300017", "format", "exactly 12 digits"),
        ("900101300016", "check_digit", "check digit does not match"),
        (complete("0102295"), "birth_date", "real birth date"),  # 2001-02-29 does not exist
        (complete("0002305"), "birth_date", "real birth date"),
        (complete("9013013"), "birth_date", "real birth date"),
        (complete("9001010"), "century", "digit 7"),
        (complete("9001017"), "century", "digit 7"),
    ],
)
def test_invalid_iins_name_the_rule(value: str, rule: str, message: str) -> None:
    with pytest.raises(InvalidIdError, match=message) as info:
        parse_iin(value)
    assert info.value.rule == rule
    assert not is_valid_iin(value)


def test_non_string_iin() -> None:
    with pytest.raises(InvalidIdError, match="string"):
        parse_iin(900101300017)  # type: ignore[arg-type]
    assert not is_valid_iin(None)  # type: ignore[arg-type]


@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    st.booleans(),
    st.integers(min_value=0, max_value=9999),
)
def test_generated_iins_parse_back(born: date, male: bool, serial: int) -> None:
    code = {18: 1, 19: 3, 20: 5}[born.year // 100] + (0 if male else 1)
    first11 = f"{born:%y%m%d}{code}{serial:04d}"
    digit = check_digit(first11)
    if digit is None:
        assert not any(is_valid_iin(first11 + str(d)) for d in range(10))
        return
    iin = parse_iin(first11 + str(digit))
    assert iin.birth_date == born
    assert iin.sex == ("male" if male else "female")
    assert not is_valid_iin(first11 + str((digit + 1) % 10))


def test_bins() -> None:
    valid = complete("080440")
    assert is_valid_bin(valid)
    assert check_bin(valid) == valid
    assert not is_valid_bin(valid[:11] + str((int(valid[11]) + 1) % 10))
    assert not is_valid_bin("12345")
    with pytest.raises(InvalidIdError, match="registration month") as info:
        check_bin(complete("081340"))
    assert info.value.rule == "month"
    with pytest.raises(InvalidIdError, match="entity type"):
        check_bin(complete("080410"))
    with pytest.raises(InvalidIdError, match="unit"):
        check_bin(complete("080447"))
