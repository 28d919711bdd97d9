"""Kazakh in the Latin alphabet: the 2021 letter table, and the letters Kazakh takes from Russian.

The table is the Kazakh Latin alphabet presented by the Government of Kazakhstan on 28 January
2021 (the revision of the alphabet of Presidential Decree No. 569 of 26 October 2017, as amended
by Decree No. 637 of 19 February 2018): 31 letters, one per Kazakh sound — A Ä B D E F G Ğ H I İ
J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z — where «І і» is written «I ı» and «И и», «Й й» are
written «İ i», so the dotted and dotless i differ in both cases (``i``↔``İ``, ``ı``↔``I``).

Letters the Kazakh Cyrillic alphabet takes from Russian have no letter of their own; kzdocs writes
them by sound, as the 2021 working group's transliteration rules do: Ч → Ç, Ц → Ts, Щ → Şş,
Ё → İo, Ю → İu, Я → İa, Э → E; the hard and soft signs are dropped. A letter that becomes two
keeps the case of its word: «Ялта» → «İalta», «ЯЛТА» → «İALTA». Everything that is not a Cyrillic
letter (digits, punctuation, Latin letters, «№») is kept as it is.

>>> to_latin("Қазақстан Республикасы")
'Qazaqstan Respublikasy'
>>> to_latin("екі мың жиырма алтыншы жылғы жиырма үшінші қараша")
'ekı myñ jiyrma altynşy jylğy jiyrma üşınşı qaraşa'
"""

from __future__ import annotations

from typing import Final

#: Lower-case Cyrillic → Latin. Kazakh letters first, then the letters taken from Russian.
LOWER: Final[dict[str, str]] = {
    "а": "a", "ә": "ä", "б": "b", "д": "d", "е": "e", "ф": "f", "г": "g", "ғ": "ğ", "х": "h", "һ": "h",
    "і": "ı", "и": "i", "й": "i", "ж": "j", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
    "ө": "ö", "п": "p", "қ": "q", "р": "r", "с": "s", "ш": "ş", "т": "t", "у": "u", "ұ": "ū", "ү": "ü",
    "в": "v", "ы": "y", "з": "z",
    # Letters of Russian loanwords and names.
    "ч": "ç", "ц": "ts", "щ": "şş", "ё": "io", "ю": "iu", "я": "ia", "э": "e", "ъ": "", "ь": "",
}


def upper_latin(text: str) -> str:
    """Upper case in the Kazakh Latin alphabet: ``i`` → ``İ`` and ``ı`` → ``I`` (not ``I`` and ``I``)."""
    return "".join("İ" if c == "i" else "I" if c == "ı" else c.upper() for c in text)


def _upper_form(letter: str, word_in_capitals: bool) -> str:
    latin = LOWER[letter.lower()]
    if not latin:
        return ""
    if word_in_capitals:
        return upper_latin(latin)
    return upper_latin(latin[0]) + latin[1:]


def _is_cyrillic_upper(char: str) -> bool:
    return char.lower() in LOWER and char != char.lower()


def to_latin(text: str) -> str:
    """``text`` with every Cyrillic letter written in the Kazakh Latin alphabet of 2021."""
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        if lower not in LOWER:
            out.append(char)
        elif char == lower:
            out.append(LOWER[lower])
        else:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            in_capitals = _is_cyrillic_upper(after) or (_is_cyrillic_upper(before) and not after.isalpha())
            out.append(_upper_form(char, in_capitals))
    return "".join(out)
