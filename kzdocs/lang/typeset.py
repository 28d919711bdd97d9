"""Where a printed line must not break: inside a date, a phone number, «№ 12», an amount and its
currency, or a name given as a whole phrase (the signatory's, under the signature line).

:func:`keep_together` turns the spaces inside those phrases into no-break spaces (U+00A0). The
engines apply it to every string they print (:func:`kzdocs.render.typeset.typeset_view`), so a
view keeps plain text and the seal's digest, which ignores all white space, is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

NBSP: Final = "\u00a0"
_KK_MONTHS: Final = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
_KK_LATN_MONTHS: Final = "qañtar|aqpan|nauryz|säuır|mamyr|mausym|şılde|tamyz|qyrküiek|qazan|qaraşa|jeltoqsan"
_RU_MONTHS: Final = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_TOGETHER: Final = (
    # 2026 жылғы 23 қарашада / 2026 jylğy 23 qaraşada (any case ending)
    re.compile(rf"\b\d{{4}} (?:жылғы|jylğy) \d{{1,2}} (?:{_KK_MONTHS}|{_KK_LATN_MONTHS})\w*", re.IGNORECASE),
    re.compile(rf"\b\d{{1,2}} (?:{_RU_MONTHS}) \d{{4}}(?: год\w*)?", re.IGNORECASE),  # 23 ноября 2026 года
    re.compile(r"№ \S"),  # № 12
    re.compile(r"(?<![\w.])\+?\d[\d ()\-]{5,}\d(?![\w.])"),  # +7 7112 50-12-34
    # …) тенге 50 тиын, 42 500 теңге: the currency stays with its number
    re.compile(r"[\d)] (?:тенге|теңге|teñge)(?: \d{2} (?:тиын|tiyn)\w*)?", re.IGNORECASE),
    re.compile(r"\d \("),  # 42 500 (сорок …: the digits stay with their spelling's opening bracket
)


def _join(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", NBSP)


def keep_together(text: str, phrases: Iterable[str] = ()) -> str:
    """``text`` with no-break spaces inside dates, phone numbers, «№ 12», amounts and ``phrases``.

    >>> keep_together("выдано 23 ноября 2026 года под № 1548").replace(NBSP, "+")
    'выдано 23+ноября+2026+года под №+1548'
    >>> keep_together("__________ Ахметова Айгерим Сериковна", ["Ахметова Айгерим Сериковна"]).replace(NBSP, "+")
    '__________ Ахметова+Айгерим+Сериковна'
    """
    for pattern in _TOGETHER:
        text = pattern.sub(_join, text)
    for phrase in phrases:
        if " " in phrase and phrase in text:
            text = text.replace(phrase, phrase.replace(" ", NBSP))
    return text
