"""Output languages as values: the codes kzdocs writes, which text each is written from, and how.

Documents are written in two source languages, Kazakh (``kk``) and Russian (``ru``). Other
output languages are derived from a source: ``kk-Latn`` is the finished Kazakh text in the
Latin alphabet (:func:`kzdocs.lang.latin.to_latin`). There is no fallback: a code kzdocs does
not write is an :class:`~kzdocs.errors.UnknownLanguageError`.

>>> check_languages("ru,kk")
('kk', 'ru')
>>> source_of("kk-Latn")
'kk'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable
from typing import Final, Literal, ParamSpec, TypeAlias, cast, get_args

from kzdocs.errors import UnknownLanguageError

from .latin import to_latin

P = ParamSpec("P")

#: A language kzdocs writes: Kazakh (Cyrillic), Kazakh in the Latin alphabet, Russian.
Lang: TypeAlias = Literal["kk", "kk-Latn", "ru"]
#: Every output language, in the order columns are printed (Kazakh first, as state bodies do).
LANGUAGES: Final[tuple[Lang, ...]] = cast(tuple[Lang, ...], get_args(Lang))
#: The languages documents are written in; every other language is derived from one of them.
SOURCES: Final[tuple[Lang, ...]] = ("kk", "ru")
#: A derived language: the source it is made from and the function that makes it.
DERIVED: Final[dict[Lang, tuple[Lang, Callable[[str], str]]]] = {"kk-Latn": ("kk", to_latin)}
#: The BCP 47 tag of each language as documents declare it (HTML ``lang``, DOCX ``w:lang``).
TAGS: Final[dict[Lang, str]] = {"kk": "kk-KZ", "kk-Latn": "kk-Latn-KZ", "ru": "ru-RU"}


def check_lang(lang: object) -> Lang:
    """``lang`` if kzdocs writes it; :class:`UnknownLanguageError` otherwise (never a silent fallback)."""
    if lang not in LANGUAGES:
        raise UnknownLanguageError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def check_languages(languages: Iterable[str] | str) -> tuple[Lang, ...]:
    """Normalise a choice of languages (``"kk,ru"``, ``("ru",)``, ...) to print order, each once.

    Raises :class:`UnknownLanguageError` for an unknown code, a repeated one or an empty choice.
    """
    if isinstance(languages, str):
        languages = [part.strip() for part in languages.split(",")]
    chosen = tuple(languages)
    if not chosen or len(set(chosen)) != len(chosen):
        raise UnknownLanguageError(
            f"languages must name one or more of {', '.join(LANGUAGES)}, each once; not {chosen!r}"
        )
    checked = {check_lang(lang) for lang in chosen}
    return tuple(lang for lang in LANGUAGES if lang in checked)


def source_of(lang: Lang) -> Lang:
    """The language a text in ``lang`` is written from: itself, or the source of a derived language."""
    return DERIVED[lang][0] if lang in DERIVED else check_lang(lang)


def derive(text: str, lang: Lang, keep: Collection[str] = ()) -> str:
    """``text`` (written in ``source_of(lang)``) as printed in ``lang``.

    Substrings in ``keep`` — identifiers such as a document number «ЗКО-2026-1» — are printed as
    written in every language (a number written in other letters is another number).
    """
    if lang not in DERIVED:
        return text
    convert = DERIVED[lang][1]
    kept = sorted((k for k in keep if k and k in text), key=len, reverse=True)
    if not kept:
        return convert(text)
    parts = re.split("(" + "|".join(re.escape(k) for k in kept) + ")", text)
    return "".join(part if index % 2 else convert(part) for index, part in enumerate(parts))


def localized(lang_at: int) -> Callable[[Callable[P, str]], Callable[P, str]]:
    """Let a function of the language layer, written for the source languages, write every language.

    ``lang_at`` is the position of the function's ``lang`` argument (it may also come by name).
    The language is checked (no fallback), the source text made, then derived: ``kk-Latn`` is
    the Kazakh text in the Latin alphabet.
    """

    def decorate(function: Callable[P, str]) -> Callable[P, str]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> str:
            if "lang" in kwargs:
                lang = check_lang(kwargs["lang"])
                kwargs["lang"] = source_of(lang)
            elif len(args) > lang_at:
                lang = check_lang(args[lang_at])
                args = (*args[:lang_at], source_of(lang), *args[lang_at + 1:])  # type: ignore[assignment]
            else:
                return function(*args, **kwargs)  # the function reports its missing argument
            return derive(function(*args, **kwargs), lang)

        return wrapper

    return decorate
