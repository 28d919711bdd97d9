"""Kazakh and Russian words for numbers, amounts, dates and durations (pure, no I/O).

>>> from decimal import Decimal
>>> format_amount(Decimal("42500.50"), "kk")
'42\\xa0500 (қырық екі мың бес жүз) теңге 50 тиын'
>>> from datetime import date
>>> format_date(date(2026, 12, 31), "kk", "dative")
'2026 жылғы 31 желтоқсанға'
"""

from .amounts import check_amount, format_amount, spell_amount
from .dates import DATE_FORMS, format_date, spell_date
from .durations import UNITS, format_duration
from .numbers import spell_number, spell_ordinal

__all__ = [
    "DATE_FORMS",
    "UNITS",
    "check_amount",
    "format_amount",
    "format_date",
    "format_duration",
    "spell_amount",
    "spell_date",
    "spell_number",
    "spell_ordinal",
]
