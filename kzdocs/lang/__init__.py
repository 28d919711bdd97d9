"""Kazakh and Russian words for numbers, amounts, dates and durations (pure, no I/O).

Every function takes the output language as a value (:data:`Lang`): ``kk``, ``ru`` or ``kk-Latn``
(the Kazakh text in the Latin alphabet).

>>> from decimal import Decimal
>>> format_amount(Decimal("42500.50"), "kk")
'42\\xa0500 (қырық екі мың бес жүз) теңге 50 тиын'
>>> from datetime import date
>>> format_date(date(2026, 12, 31), "kk", "dative")
'2026 жылғы 31 желтоқсанға'
"""

from .amounts import check_amount, format_amount, spell_amount
from .cases import KAZAKH_CASES, kazakh_case
from .dates import DATE_FORMS, format_date, spell_date
from .durations import UNITS, format_duration
from .languages import LANGUAGES, SOURCES, TAGS, Lang, check_lang, check_languages, derive, source_of
from .latin import to_latin
from .numbers import spell_number, spell_ordinal

__all__ = [
    "DATE_FORMS",
    "KAZAKH_CASES",
    "LANGUAGES",
    "SOURCES",
    "TAGS",
    "UNITS",
    "Lang",
    "check_amount",
    "check_lang",
    "check_languages",
    "derive",
    "format_amount",
    "format_date",
    "format_duration",
    "kazakh_case",
    "source_of",
    "spell_amount",
    "spell_date",
    "spell_number",
    "spell_ordinal",
    "to_latin",
]
