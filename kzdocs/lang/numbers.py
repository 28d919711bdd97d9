"""Cardinal and ordinal numbers in words (num2words for cardinals and Russian ordinals)."""

from __future__ import annotations

from typing import Any, Final

from . import _kk
from ._common import check_count, check_lang, no_yo
from .languages import localized

RU_GENDERS: Final = ("m", "f", "n")
def num2words(n: int, **options: Any) -> str:
    """num2words, imported on first use (it loads every language it knows)."""
    from num2words import num2words as spell

    return str(spell(n, **options))


#: Case names accepted by :func:`spell_ordinal`, mapped to num2words' codes.
RU_CASES: Final = {"nom": "n", "gen": "g", "dat": "d", "acc": "a", "ins": "i", "prep": "p"}


@localized(1)
def spell_number(n: int, lang: str, *, gender: str = "m") -> str:
    """Spell a cardinal ``0 <= n < 10**12``: 2026 → «екі мың жиырма алты» / «две тысячи двадцать шесть».

    ``gender`` agrees Russian 1 and 2 of the last group with a noun (одна минута, две минуты,
    «один миллион одна минута»); тысяча, миллион and миллиард keep their own agreement.
    Kazakh has no gender.
    """
    check_lang(lang)
    check_count(n)
    if gender not in RU_GENDERS:
        raise ValueError(f"gender must be one of {RU_GENDERS}, not {gender!r}")
    if lang == "kk":
        return str(num2words(n, lang="kz"))
    head, last = n - n % 1000, n % 1000
    if not head:
        return no_yo(num2words(last, lang="ru", gender=gender))
    words = num2words(head, lang="ru")
    if last:
        words += " " + num2words(last, lang="ru", gender=gender)
    return no_yo(words)


@localized(1)
def spell_ordinal(n: int, lang: str, *, gender: str = "m", case: str = "nom") -> str:
    """Spell an ordinal: 23 → «жиырма үшінші» / «двадцать третий».

    Russian takes ``gender`` (m, f, n) and ``case`` (nom, gen, dat, acc, ins, prep); the
    accusative is inanimate. Kazakh ordinals have neither and ignore both.
    """
    check_lang(lang)
    check_count(n)
    if gender not in RU_GENDERS:
        raise ValueError(f"gender must be one of {RU_GENDERS}, not {gender!r}")
    if case not in RU_CASES:
        raise ValueError(f"case must be one of {tuple(RU_CASES)}, not {case!r}")
    if lang == "kk":
        *head, last = spell_number(n, "kk").split(" ")
        return " ".join([*head, _kk.ordinal_word(last)])
    text = num2words(n, lang="ru", to="ordinal", gender=gender, case=RU_CASES[case], animate=False)
    return no_yo(text)
