"""Shared helpers of the language layer: language codes and Russian plural agreement."""

from __future__ import annotations

from typing import Final

from kzdocs.errors import UnknownLanguageError

#: The languages the functions of this layer are written for; others derive from them
#: (see :mod:`kzdocs.lang.languages`).
LANGS: Final = ("kk", "ru")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a source language, ``"kk"`` or ``"ru"``; otherwise raise
    :class:`~kzdocs.errors.UnknownLanguageError` (a ``ValueError``)."""
    if lang not in LANGS:
        raise UnknownLanguageError(f"lang must be 'kk' or 'ru' here, not {lang!r}")
    return lang


def check_count(n: int, name: str = "n", *, limit: int = 10**12) -> int:
    """Return ``n`` if it is an ``int`` in ``0 <= n < limit``; raise otherwise."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{name} must be an int, not {type(n).__name__}")
    if not 0 <= n < limit:
        raise ValueError(f"{name} must be between 0 and {limit - 1}, not {n}")
    return n


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the Russian noun form agreeing with ``n`` (1 тиын, 2 тиына, 5 тиынов)."""
    n100 = n % 100
    if 11 <= n100 <= 14:
        return many
    n10 = n % 10
    if n10 == 1:
        return one
    if 2 <= n10 <= 4:
        return few
    return many


def no_yo(text: str) -> str:
    """Write ``ё`` as ``е``, as Kazakhstan office usage does."""
    return text.replace("ё", "е").replace("Ё", "Е")
