"""Money in tenge and tiyn: words and the office form «42 500 (…) теңге 50 тиын»."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Final

from ._common import check_lang, ru_plural
from .languages import localized
from .numbers import spell_number

MAX_AMOUNT: Final = Decimal(10**12)
CENT: Final = Decimal("0.01")
NBSP: Final = "\u00a0"
CURRENCY: Final = {"kk": "теңге", "ru": "тенге"}
TIYN: Final = "тиын"


def check_amount(amount: Decimal | int) -> Decimal:
    """Return ``amount`` as a ``Decimal`` after the money rules; raise ``TypeError``/``ValueError``.

    A float is refused (it cannot hold tiyn exactly); so are negative amounts, more than two
    decimal places, non-finite values and amounts of 10^12 tenge or more.
    """
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"amount must be a Decimal (or int), not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"amount must be a finite number, not {value}")
    if value < 0:
        raise ValueError(f"amount must not be negative, not {value}")
    if value >= MAX_AMOUNT:
        raise ValueError("amount must be less than 1 000 000 000 000 tenge")
    try:
        exact = value.quantize(CENT)
    except InvalidOperation:  # pragma: no cover - guarded by MAX_AMOUNT
        raise ValueError(f"amount {value} is out of range") from None
    if exact != value:
        raise ValueError(f"amount must have at most two decimal places (tiyn), not {value}")
    return exact


def split_amount(amount: Decimal | int) -> tuple[int, int]:
    """Split a checked amount into whole tenge and tiyn: 42500.50 → (42500, 50)."""
    exact = check_amount(amount)
    tiyn = int(exact * 100)
    return tiyn // 100, tiyn % 100


def group_digits(n: int) -> str:
    """Digits grouped by three with a no-break space: 42500 → «42 500»."""
    from babel.numbers import format_decimal  # Babel's locale data loads on first use, not on import

    text: str = format_decimal(n, locale="ru")
    return text.replace("\u202f", NBSP)


@localized(1)
def spell_amount(amount: Decimal | int, lang: str) -> str:
    """Amount in words: «қырық екі мың бес жүз теңге елу тиын» / «… тенге пятьдесят тиынов».

    Tiyn are omitted when zero; Russian «тиын» agrees with its number.
    """
    check_lang(lang)
    tenge, tiyn = split_amount(amount)
    words = f"{spell_number(tenge, lang)} {CURRENCY[lang]}"
    if tiyn:
        unit = TIYN if lang == "kk" else ru_plural(tiyn, "тиын", "тиына", "тиынов")
        words += f" {spell_number(tiyn, lang)} {unit}"
    return words


@localized(1)
def format_amount(amount: Decimal | int, lang: str) -> str:
    """Office form: «42 500 (қырық екі мың бес жүз) теңге 50 тиын» — tiyn always two digits."""
    check_lang(lang)
    tenge, tiyn = split_amount(amount)
    return f"{group_digits(tenge)} ({spell_number(tenge, lang)}) {CURRENCY[lang]} {tiyn:02d} {TIYN}"
