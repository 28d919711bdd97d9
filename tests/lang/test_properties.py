"""Property tests of the language layer (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kzdocs.lang import format_amount, format_date, spell_amount, spell_date, spell_number, spell_ordinal
from kzdocs.lang._kk import ORDINAL_EXCEPTIONS

numbers = st.integers(min_value=0, max_value=10**12 - 1)
KK_ORDINAL_ENDINGS = ("ншы", "нші")
RU_ORDINAL_ENDINGS = ("ый", "ой", "ий")


@given(numbers)
def test_every_number_spells_in_both_languages(n: int) -> None:
    kk, ru = spell_number(n, "kk"), spell_number(n, "ru")
    assert kk and ru
    assert "ё" not in ru
    assert kk == kk.strip() and "  " not in kk


@given(numbers)
def test_ordinals_end_in_the_right_suffix(n: int) -> None:
    kk = spell_ordinal(n, "kk")
    assert kk.endswith(KK_ORDINAL_ENDINGS)
    last = spell_number(n, "kk").split()[-1]
    if last not in ORDINAL_EXCEPTIONS:
        # The ordinal is the cardinal plus a suffix that keeps the word's vowel harmony.
        assert kk.startswith(spell_number(n, "kk"))
        suffix = kk[len(spell_number(n, "kk")):]
        front = suffix in ("нші", "інші")
        back = suffix in ("ншы", "ыншы")
        assert front or back
    ru = spell_ordinal(n, "ru")
    assert ru.endswith(RU_ORDINAL_ENDINGS)
    assert spell_ordinal(n, "ru", gender="f").endswith(("ая", "ья"))
    assert spell_ordinal(n, "ru", gender="n", case="gen").endswith("го")


@given(st.integers(min_value=0, max_value=99))
def test_russian_tiyn_agreement_follows_n_mod_100(tiyn: int) -> None:
    words = spell_amount(Decimal(5) + Decimal(tiyn) / 100, "ru")
    if tiyn == 0:
        assert "тиын" not in words
        return
    if tiyn % 10 == 1 and tiyn != 11:
        assert words.endswith(" тиын")
    elif tiyn % 10 in (2, 3, 4) and tiyn not in (12, 13, 14):
        assert words.endswith(" тиына")
    else:
        assert words.endswith(" тиынов")


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_every_amount_round_trips_through_its_digits(cents: int) -> None:
    amount = Decimal(cents).scaleb(-2)
    for lang in ("kk", "ru"):
        office = format_amount(amount, lang)
        digits = office.split(" (")[0].replace("\u00a0", "")
        assert int(digits) == cents // 100
        assert office.endswith(f" {cents % 100:02d} тиын")
        assert spell_amount(amount, lang)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_every_date_formats_in_every_form(d: date) -> None:
    for form in ("long", "attributive", "locative", "ablative", "dative", "numeric"):
        kk = format_date(d, "kk", form)
        ru = format_date(d, "ru", form)
        assert str(d.year) in kk and str(d.year) in ru
    assert spell_date(d, "kk").split(" жылғы ")[1].split()[-1] == format_date(d, "kk").split()[-1]
    assert spell_date(d, "ru").endswith(" года")
