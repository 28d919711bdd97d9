"""Which characters a printed field may hold, and why any other character is refused.

A field prints exactly what it accepted, so only characters that look like what they are get in:
Cyrillic letters (Russian, Kazakh and the neighbouring alphabets), Latin letters, the digits 0–9,
single spaces and a small punctuation set per kind of field. Everything else is refused with its
code point and Unicode name: invisible and format characters (bidi marks such as U+061C, zero-width
characters, the soft hyphen, tag characters, fillers such as U+3164 and U+2800, line and paragraph
separators), private-use and unassigned code points, surrogates, digits of other scripts
(``৪`` looks like 8), letters of other scripts (they would print as □: the bundled font has no
glyph for them), a word that mixes Latin and Cyrillic letters (``AӘК`` prints like ``АӘК``), more
than one combining mark on a letter, and unbroken runs longer than the layout can wrap cheaply.

Text is NFC-normalised first, so ``й``, ``ё`` or ``ü`` typed as a letter plus a combining mark
become the one precomposed letter the font draws; a no-break space becomes a space, and runs of
spaces become one.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from typing import Final

from pydantic_core import PydanticCustomError

RUSSIAN_LETTERS: Final = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH_LETTERS: Final = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
#: Letters of the other Cyrillic alphabets of the region (Ukrainian, Belarusian, Uzbek, Tatar), for names.
OTHER_CYRILLIC_LETTERS: Final = "ЄєЇїҐґЎўҲҳҖҗ"
CYRILLIC: Final = frozenset(RUSSIAN_LETTERS + KAZAKH_LETTERS + OTHER_CYRILLIC_LETTERS)
#: Latin letters: ASCII, Latin-1 and Latin Extended-A (the Kazakh Latin alphabet's Ä Ğ I İ Ñ Ö Ş Ū Ü among them).
LATIN: Final = frozenset(
    string.ascii_letters + "".join(chr(c) for c in range(0xC0, 0x180) if unicodedata.category(chr(c)) in ("Lu", "Ll"))
)
DIGITS: Final = frozenset(string.digits)
#: Combining marks kept after NFC (stress marks and the like, which have no precomposed letter).
COMBINING_MARKS: Final = frozenset("\u0300\u0301\u0306\u0308")
#: Combining marks allowed on one letter.
MAX_MARKS: Final = 1
#: Characters read as a space: runs of them print as one space.
SPACES: Final = frozenset(" \u00a0")
#: Stripped from both ends (line ends and tabs of pasted text); inside a value they are refused.
_ENDS: Final = " \t\r\n\u00a0"
#: Zero-width or blank characters that are not format characters (Cf) but print nothing a reader sees.
_INVISIBLE: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f")


@dataclass(frozen=True)
class Charset:
    """What one kind of field may contain."""

    #: Punctuation allowed besides letters, digits and the space.
    punctuation: frozenset[str]
    #: Whether the digits 0–9 are allowed.
    digits: bool = True
    #: The longest run of characters without a space, hyphen or slash (a line can break only there).
    longest_run: int = 40
    #: Whether all letters of the value must be of one script (identifiers: numbers), not only each word's.
    one_script: bool = False


_NAME_PUNCTUATION: Final = frozenset("-–—.,'’\"«»()№/:;&+")
PERSON_NAME: Final = Charset(frozenset("-.'’"), digits=False, longest_run=30)
NAME: Final = Charset(_NAME_PUNCTUATION)
NUMBER: Final = Charset(frozenset("-/._№"), one_script=True, longest_run=40)
TEXT: Final = Charset(_NAME_PUNCTUATION | frozenset("!?%*#§₸@_…[]“”„="))
#: Where a line may break inside a run of non-space characters.
_BREAKS: Final = frozenset("-–—/")


def char_ctx(char: str) -> dict[str, str]:
    """``{"code": "061C", "char_name": "ARABIC LETTER MARK"}`` for an error message."""
    category = unicodedata.category(char)
    fallback = {"Cc": "<control>", "Cs": "<surrogate>", "Co": "<private use>"}.get(category, "<unassigned>")
    return {"code": f"{ord(char):04X}", "char_name": unicodedata.name(char, fallback)}


def _refuse(kind: str, message: str, char: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message + " (U+{code} {char_name})", char_ctx(char))


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def refused_character(char: str, charset: Charset) -> PydanticCustomError | None:
    """Why ``char`` may not stand in a field of ``charset``, or ``None`` if it may."""
    if char in CYRILLIC or char in LATIN or char in SPACES or char in charset.punctuation:
        return None
    if char in DIGITS:
        return None if charset.digits else _refuse("text.digit", "must not contain digits", char)
    category = unicodedata.category(char)
    if category == "Cc":
        return _refuse("text.control_character", "must not contain control characters", char)
    if category in ("Cs", "Cn") or _is_noncharacter(char):
        return _refuse("text.not_a_character", "must not contain code points that are not characters", char)
    if category == "Co":
        return _refuse("text.private_use", "must not contain private-use characters", char)
    if (category in ("Cf", "Zl", "Zp", "Zs") or char in _INVISIBLE
            or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF):
        return _refuse("text.invisible_character", "must not contain invisible or format characters", char)
    if category[0] == "N":
        return _refuse("text.digit", "must use the digits 0-9 only", char)
    if category[0] == "L":
        return _refuse("text.script", "must be written in Cyrillic or Latin letters", char)
    if category[0] == "M" and char not in COMBINING_MARKS:
        return _refuse("text.combining_mark", "must not contain this combining mark", char)
    if category[0] == "M":
        return None
    return _refuse("text.character", "must not contain this character", char)


def _script(char: str) -> str | None:
    return "Cyrillic" if char in CYRILLIC else "Latin" if char in LATIN else None


def _check_scripts(text: str, charset: Charset) -> None:
    words = [text] if charset.one_script else text.split(" ")
    for word in words:
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1:
            raise PydanticCustomError(
                "text.mixed_scripts",
                "mixes Latin and Cyrillic letters in «{word}»; type it in one alphabet",
                {"word": word},
            )


def _check_marks(text: str) -> None:
    marks = 0
    for index, char in enumerate(text):
        if unicodedata.category(char)[0] != "M":
            marks = 0
            continue
        marks += 1
        if index == marks - 1 or _script(text[index - marks]) is None:
            raise _refuse("text.combining_mark", "has a combining mark that follows no letter", char)
        if marks > MAX_MARKS:
            raise PydanticCustomError(
                "text.combining_marks", "has more than {limit} combining mark on one letter (U+{code} {char_name})",
                {"limit": MAX_MARKS, **char_ctx(char)},
            )


def _check_runs(text: str, charset: Charset) -> None:
    run = 0
    for char in text:
        run = 0 if char == " " or char in _BREAKS else run + 1
        if run > charset.longest_run:
            raise PydanticCustomError(
                "text.long_word",
                "has a word longer than {limit} characters; a line cannot break inside it",
                {"limit": charset.longest_run},
            )


def normalise(value: str, charset: Charset) -> str:
    """``value`` NFC-normalised, its spaces collapsed and stripped; a character ``charset`` refuses raises."""
    text = unicodedata.normalize("NFC", value.strip(_ENDS))
    for char in text:
        problem = refused_character(char, charset)
        if problem is not None:
            raise problem
    text = text.replace("\u00a0", " ")
    return " ".join(part for part in text.split(" ") if part)


def check_words(text: str, charset: Charset) -> None:
    """Refuse stacked combining marks, words mixing Latin and Cyrillic, and overlong unbroken runs."""
    _check_marks(text)
    _check_scripts(text, charset)
    _check_runs(text, charset)
