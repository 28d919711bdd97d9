"""Durations with the number in digits and words: «5 (бес) жұмыс күні» / «5 (пять) рабочих дней»."""

from __future__ import annotations

from typing import Final, NamedTuple

from ._common import check_count, check_lang, ru_plural
from .amounts import group_digits
from .languages import localized
from .numbers import spell_number


class Unit(NamedTuple):
    """A unit of time: the Kazakh noun (singular after a numeral) and the Russian forms."""

    kk: str
    ru_one: str
    ru_few: str
    ru_many: str
    ru_gender: str = "m"


UNITS: Final = {
    "minute": Unit("минут", "минута", "минуты", "минут", "f"),
    "hour": Unit("сағат", "час", "часа", "часов"),
    "day": Unit("күн", "день", "дня", "дней"),
    "working_day": Unit("жұмыс күні", "рабочий день", "рабочих дня", "рабочих дней"),
    "calendar_day": Unit("күнтізбелік күн", "календарный день", "календарных дня", "календарных дней"),
    "month": Unit("ай", "месяц", "месяца", "месяцев"),
}


@localized(2)
def unit_word(n: int, unit: str, lang: str) -> str:
    """The noun of ``unit`` agreeing with ``n``: kk «жұмыс күні»; ru «рабочих дня»."""
    check_lang(lang)
    try:
        forms = UNITS[unit]
    except KeyError:
        raise ValueError(f"unit must be one of {tuple(UNITS)}, not {unit!r}") from None
    if lang == "kk":
        return forms.kk
    return ru_plural(n, forms.ru_one, forms.ru_few, forms.ru_many)


@localized(2)
def format_duration(n: int, unit: str, lang: str) -> str:
    """Format a duration: 2 minute → «2 (екі) минут» / «2 (две) минуты»; digits grouped by three
    with a no-break space, as in :func:`~kzdocs.lang.format_amount` (21 000)."""
    check_count(n)
    word = unit_word(n, unit, lang)
    return f"{group_digits(n)} ({spell_number(n, lang, gender=UNITS[unit].ru_gender)}) {word}"
