"""Field types shared by the document models: names, texts, IINs, BINs, dates and money.

Every rule raises a ``PydanticCustomError`` whose type names the rule (``iin.check_digit``,
``money.float`` when a float is refused, ...) and whose message a clerk can read; pydantic adds the field path.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from kzdocs.errors import InvalidIdError
from kzdocs.ids import check_bin, parse_iin
from kzdocs.lang import check_amount

from ._charset import NAME, NUMBER, PERSON_NAME, TEXT, Charset, char_ctx, check_words, normalise

NAME_MAX: Final = 200
TEXT_MAX: Final = 1000
#: Document, application and act numbers: short enough for the QR code to stay scannable at its printed size.
NUMBER_MAX: Final = 40
#: The verification address: with the longest number, the QR code stays scannable at its printed size.
URL_MAX: Final = 60
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _clean_text(value: Any, limit: int, charset: Charset = TEXT) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("text.type", "must be text (a string)")
    if len(value) > 4 * limit:  # refused before a character is looked at
        raise PydanticCustomError("text.too_long", "must be at most {limit} characters", {"limit": limit})
    text = normalise(value, charset)
    if not text:
        raise PydanticCustomError("text.empty", "must not be empty")
    if len(text) > limit:
        raise PydanticCustomError("text.too_long", "must be at most {limit} characters", {"limit": limit})
    check_words(text, charset)
    return text


def _person_name(value: Any) -> str:
    return _clean_text(value, NAME_MAX, PERSON_NAME)


def _name(value: Any) -> str:
    return _clean_text(value, NAME_MAX, NAME)


def _number(value: Any) -> str:
    return _clean_text(value, NUMBER_MAX, NUMBER)


def _text(value: Any) -> str:
    return _clean_text(value, TEXT_MAX, TEXT)


def _iin(value: Any) -> str:
    try:
        return parse_iin(value).value
    except InvalidIdError as exc:
        raise PydanticCustomError(f"iin.{exc.rule}", str(exc)) from None


def _bin(value: Any) -> str:
    try:
        return check_bin(value)
    except InvalidIdError as exc:
        raise PydanticCustomError(f"bin.{exc.rule}", str(exc)) from None


def _iso_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date.type", "must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date.impossible", "is not a real date: {value}", {"value": value}) from None
    raise PydanticCustomError("date.format", "must be a date written YYYY-MM-DD")


def _money(value: Any) -> Decimal:
    if isinstance(value, float):
        raise PydanticCustomError(
            "money.float", "must be a Decimal or a string such as \"42500.50\"; a float is refused (it rounds tiyn)"
        )
    if isinstance(value, str):
        text = value.strip()
        foreign = next((ch for ch in text if ch.isdigit() and ch not in "0123456789"), None)
        if foreign is not None:
            raise PydanticCustomError(
                "money.digits", "must be written with the digits 0-9 (found U+{code} {char_name})", char_ctx(foreign)
            )
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
            hint = " (a dot before the tiyn, no spaces)" if "," in text or " " in text else ""
            raise PydanticCustomError("money.format", "must be an amount such as 42500.50{hint}", {"hint": hint})
        value = Decimal(text)
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise PydanticCustomError("money.type", "must be an amount such as \"42500.50\"")
    try:
        return check_amount(value)
    except ValueError as exc:
        raise PydanticCustomError("money.value", str(exc).replace("amount ", "", 1)) from None


def _phone(value: Any) -> str:
    text = _name(value)
    if not re.fullmatch(r"[0-9+() ,-]{5,60}", text) or sum(c in "0123456789" for c in text) < 5:
        raise PydanticCustomError("phone.format", "must be a phone number such as +7 7112 50-12-34")
    return text


def _url(value: Any) -> str:
    if isinstance(value, str) and not value.strip().isascii():
        raise PydanticCustomError("url.format", "must be an http(s) address such as https://egov.kz/verify")
    text = _clean_text(value, URL_MAX)
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[!#-&(-;=?-~]*)?", text):
        raise PydanticCustomError("url.format", "must be an http(s) address such as https://egov.kz/verify")
    return text


PersonName = Annotated[str, BeforeValidator(_person_name)]
"""A person's full name: 1..200 characters of letters, spaces and ``- . ' ’``, no digits."""
Name = Annotated[str, BeforeValidator(_name)]
"""A name of a body, position, place or relation: one line, 1..200 characters (see :mod:`._charset`)."""
Number = Annotated[str, BeforeValidator(_number)]
"""A document, application or act number: 1..40 letters of one alphabet, digits and ``- / . _ №``."""
Text = Annotated[str, BeforeValidator(_text)]
"""A free text: 1..1000 characters (see :mod:`._charset`)."""
Iin = Annotated[str, BeforeValidator(_iin)]
Bin = Annotated[str, BeforeValidator(_bin)]
Day = Annotated[date, BeforeValidator(_iso_date)]
Money = Annotated[Decimal, BeforeValidator(_money)]
Url = Annotated[str, BeforeValidator(_url)]
Count = Annotated[int, Field(strict=True, gt=0, lt=10**9)]
Phone = Annotated[str, BeforeValidator(_phone)]
"""A phone number as printed: digits, spaces, ``+ - ( )`` and commas between numbers."""


def age_on(born: date, on: date) -> int:
    """Full years between ``born`` and ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def add_years(d: date, years: int) -> date:
    """``d`` moved by whole years; 29 February becomes 28 February in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def _iban(value: Any) -> str:
    text = _name(value).replace(" ", "").upper()
    if not re.fullmatch(r"KZ[0-9]{2}[0-9A-Z]{16}", text):
        raise PydanticCustomError("iban.format", "must be a Kazakhstan IBAN: KZ and 18 letters or digits")
    digits = "".join(str(int(ch, 36)) for ch in text[4:] + text[:4])
    if int(digits) % 97 != 1:
        raise PydanticCustomError("iban.check_digits", "check digits do not match")
    return text


Iban = Annotated[str, BeforeValidator(_iban)]

_MOMENT: Final = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?")
_SERIAL: Final = re.compile(r"[0-9A-F]{1,64}")


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _MOMENT.fullmatch(value.strip()):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise PydanticCustomError("datetime.impossible", "is not a real date and time: {value}",
                                      {"value": value}) from None
    raise PydanticCustomError("datetime.format", "must be a date and time written YYYY-MM-DDTHH:MM[:SS][+05:00]")


def _serial(value: Any) -> str:
    text = "".join(value.split()).replace(":", "").upper() if isinstance(value, str) else ""
    if not _SERIAL.fullmatch(text):
        raise PydanticCustomError("certificate.serial", "must be the certificate's serial number: 1 to 64 hex digits")
    return text


#: A moment in time (ISO 8601, with an optional UTC offset), as the signing time of an electronic signature.
Moment = Annotated[datetime, BeforeValidator(_moment)]
#: A certificate serial number in hex (white space and colons dropped, upper case).
Serial = Annotated[str, BeforeValidator(_serial)]
"""A Kazakhstan IBAN (20 characters, ISO 13616 check digits)."""


def mask_iban(iban: str) -> str:
    """Show only the last four characters of an account: KZ** **** **** **** 1234."""
    return "\u00a0".join(["KZ**", "****", "****", "****", iban[-4:]])
