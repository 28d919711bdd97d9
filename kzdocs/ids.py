"""Kazakhstan identifiers: IIN (ЖСН / ИИН, individuals) and BIN (БСН / БИН, legal entities).

Both are 12 digits whose last digit is a check digit: digits 1..11 weighted 1..11, summed
mod 11; if that gives 10, weights 3..11,1,2 are tried; if 10 again, the number is invalid.
An IIN begins with the birth date YYMMDD; digit 7 gives century and sex (1/2 → 1800s,
3/4 → 1900s, 5/6 → 2000s; odd male, even female).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from kzdocs.errors import InvalidIdError

Sex = Literal["male", "female"]

_WEIGHTS_1: Final = tuple(range(1, 12))
_WEIGHTS_2: Final = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURIES: Final = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


@dataclass(frozen=True)
class Iin:
    """A parsed IIN: the birth date, sex and century it encodes."""

    value: str
    birth_date: date
    sex: Sex
    #: First year of the century of birth: 1800, 1900 or 2000.
    century: int


def check_digit(digits: str) -> int | None:
    """The check digit for the first 11 digits, or ``None`` when no valid one exists."""
    values = [int(c) for c in digits[:11]]
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        total = sum(v * w for v, w in zip(values, weights, strict=True)) % 11
        if total != 10:
            return total
    return None


def _check_twelve_digits(s: object, kind: str) -> str:
    if not isinstance(s, str):
        raise InvalidIdError(f"{kind} must be a string of 12 digits", "type")
    if len(s) != 12 or not s.isascii() or not s.isdigit():
        raise InvalidIdError(f"{kind} must be exactly 12 digits", "format")
    expected = check_digit(s)
    if expected is None:
        raise InvalidIdError(f"{kind} cannot have a valid check digit", "check_digit")
    if expected != int(s[11]):
        raise InvalidIdError("check digit does not match", "check_digit")
    return s


def parse_iin(s: str) -> Iin:
    """Parse and check an IIN; raise :class:`InvalidIdError` naming the broken rule."""
    _check_twelve_digits(s, "IIN")
    code = int(s[6])
    if code not in _CENTURIES:
        raise InvalidIdError("digit 7 (century and sex) must be 1 to 6", "century")
    century = _CENTURIES[code]
    try:
        born = date(century + int(s[0:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        raise InvalidIdError("digits 1-6 are not a real birth date (YYMMDD)", "birth_date") from None
    return Iin(value=s, birth_date=born, sex="male" if code % 2 else "female", century=century)


def is_valid_iin(s: str) -> bool:
    """True when ``s`` is a valid IIN (format, birth date, century digit, check digit)."""
    try:
        parse_iin(s)
    except InvalidIdError:
        return False
    return True


def check_bin(s: str) -> str:
    """Check a BIN and return it; raise :class:`InvalidIdError` naming the broken rule.

    Besides the check digit: digits 3-4 are the registration month (01-12), digit 5 the
    entity type (4 resident, 5 non-resident, 6 individual entrepreneur in joint venture)
    and digit 6 the unit (0 head office, 1 branch, 2 representative office, 3 farm).
    """
    _check_twelve_digits(s, "BIN")
    if not 1 <= int(s[2:4]) <= 12:
        raise InvalidIdError("digits 3-4 (registration month) must be 01 to 12", "month")
    if s[4] not in "456":
        raise InvalidIdError("digit 5 (entity type) must be 4, 5 or 6", "entity_type")
    if s[5] not in "0123":
        raise InvalidIdError("digit 6 (unit) must be 0 to 3", "unit")
    return s


def is_valid_bin(s: str) -> bool:
    """True when ``s`` is a valid BIN."""
    try:
        check_bin(s)
    except InvalidIdError:
        return False
    return True
