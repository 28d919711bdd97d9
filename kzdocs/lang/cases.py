"""Kazakh case endings on a name or a phrase, by vowel harmony and the final sound of its last word."""

from __future__ import annotations

from . import _kk

#: The case forms :func:`kazakh_case` knows.
KAZAKH_CASES = _kk.CASE_FORMS


def kazakh_case(phrase: str, form: str) -> str:
    """``phrase`` with the Kazakh case ending ``form`` on its last word.

    >>> kazakh_case("Қалиев Бауыржан Серікұлы", "dative")
    'Қалиев Бауыржан Серікұлына'
    >>> kazakh_case("Асқар", "instrumental"), kazakh_case("Серік", "genitive")
    ('Асқармен', 'Серіктің')

    Forms: dative (-ға/-ге/-қа/-ке), accusative (-ны/-ды/-ты), genitive (-ның/-дың/-тың),
    locative (-да/-та), ablative (-дан/-нан/-тан), instrumental (-мен/-бен/-пен), attributive
    (-дағы/-тағы). A word ending in the possessive -ы/-і (a patronymic -ұлы, -қызы) takes the
    pronominal -на/-не in the dative, -нда in the locative, -нан in the ablative and -н in the
    accusative. An abbreviation written in capitals takes its ending after a hyphen (ЖСН-ге).
    """
    text = phrase.rstrip()
    if not text or not text[-1].isalpha():
        raise ValueError(f"a Kazakh case ending needs a word to attach to, not {phrase!r}")
    if form not in KAZAKH_CASES:
        raise ValueError(f"form must be one of {KAZAKH_CASES}, not {form!r}")
    last = text.split()[-1].split("-")[-1]
    if _is_possessive(last) and form in _POSSESSIVE:
        back, front = _POSSESSIVE[form]
        return text + (front if _kk.is_front(last) else back)
    if len(last) > 1 and last.isupper():  # an abbreviation is read by its letters' names: ЖСН = жэ-эс-эн
        spoken = _LETTER_NAMES.get(last[-1], last[-1].lower())
        return f"{text}-{_kk.with_case(spoken, form)[len(spoken):]}"
    return text + _kk.with_case(last.lower(), form)[len(last):]


#: How a capital letter is read at the end of an abbreviation (its Kazakh name).
_LETTER_NAMES = {
    "Б": "бэ", "В": "вэ", "Г": "гэ", "Ғ": "ғэ", "Д": "дэ", "Ж": "жэ", "З": "зэ", "К": "ка", "Қ": "қа",
    "Л": "эл", "М": "эм", "Н": "эн", "Ң": "эң", "П": "пэ", "Р": "эр", "С": "эс", "Т": "тэ", "Ф": "эф",
    "Х": "ха", "Һ": "һэ", "Ц": "цэ", "Ч": "чэ", "Ш": "ша", "Щ": "ща",
}


#: After the 3rd-person possessive (-ы/-і, as in «Серікұлы», «Асанқызы») the oblique cases take n.
_POSSESSIVE = {
    "dative": ("на", "не"),
    "locative": ("нда", "нде"),
    "ablative": ("нан", "нен"),
    "accusative": ("н", "н"),
    "attributive": ("ндағы", "ндегі"),
}


def _is_possessive(word: str) -> bool:
    lower = word.lower()
    return lower.endswith(("ұлы", "қызы", "улы"))
