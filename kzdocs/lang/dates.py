"""Dates in the official Kazakh and Russian forms, with Kazakh case endings on the month."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Final

from . import _kk
from ._common import check_lang
from .languages import localized
from .numbers import spell_ordinal

DATE_FORMS: Final = ("long", "attributive", "locative", "ablative", "dative", "accusative", "numeric")


@cache
def month_name(month: int, lang: str) -> str:
    """Month name from Babel's CLDR data: kk nominative «қараша», ru genitive «ноября»."""
    from babel.dates import get_month_names  # Babel loads on first use, not on import

    names = get_month_names("wide", context="format", locale=check_lang(lang))
    return str(names[month]).lower()


def _check_date(d: date) -> date:
    if not isinstance(d, date):
        raise TypeError(f"expected a datetime.date, not {type(d).__name__}")
    return d


@localized(1)
def format_date(d: date, lang: str, form: str = "long") -> str:
    """Format a date: kk «2026 жылғы 23 қараша» (the case ``form`` goes on the month),
    ru «23 ноября 2026 года»; ``numeric`` is «23.11.2026» in both languages.

    Forms: long, attributive (-дағы), locative (-да: «23 қарашада берілді»), ablative (-дан),
    dative (-ға), accusative (-ны: «28 қарашаны қоса алғанда»), numeric.
    In Russian every case form equals ``long``: the phrase keeps its shape.
    """
    check_lang(lang)
    _check_date(d)
    if form not in DATE_FORMS:
        raise ValueError(f"form must be one of {DATE_FORMS}, not {form!r}")
    if form == "numeric":
        return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"
    month = month_name(d.month, lang)
    if lang == "ru":
        return f"{d.day} {month} {d.year} года"
    if form != "long":
        month = _kk.with_case(month, form)
    return f"{d.year} жылғы {d.day} {month}"


@localized(1)
def spell_date(d: date, lang: str) -> str:
    """The whole date in words, as notaries write it.

    kk «екі мың жиырма алтыншы жылғы жиырма үшінші қараша»;
    ru «двадцать третьего ноября две тысячи двадцать шестого года».
    """
    check_lang(lang)
    _check_date(d)
    month = month_name(d.month, lang)
    if lang == "kk":
        return f"{spell_ordinal(d.year, 'kk')} жылғы {spell_ordinal(d.day, 'kk')} {month}"
    day = spell_ordinal(d.day, "ru", gender="n", case="gen")
    year = spell_ordinal(d.year, "ru", gender="m", case="gen")
    return f"{day} {month} {year} года"
