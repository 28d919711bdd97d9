"""Kazakh morphology as data: vowel harmony, the sound a word ends in, and suffix tables.

Only what the documents need: the ordinal suffix (-ыншы/-інші) and the four case forms of a
month name (attributive -дағы, locative -да, ablative -дан, dative -ға).
"""

from __future__ import annotations

from typing import Final, Literal

Sound = Literal["vowel", "nasal", "voiced", "voiceless"]

BACK_VOWELS: Final = frozenset("аоұыя")
FRONT_VOWELS: Final = frozenset("әеөүіэ")
#: Letters that end a word as a vowel. «у» and «и» are glides ([w], [ij]) and behave as
#: consonants before a suffix: елу → елуінші.
FINAL_VOWELS: Final = frozenset("аоұыәеөүіэяюё")
NASALS: Final = frozenset("мнң")
VOICELESS: Final = frozenset("кқпстфхцчшщ")

#: Ordinals that do not follow the regular suffix rule.
ORDINAL_EXCEPTIONS: Final = {
    "қырық": "қырқыншы",  # the stem drops its vowel
    "жиырма": "жиырмасыншы",
}

#: Case suffixes by form, then by the last sound, as (back, front) pairs.
CASE_SUFFIXES: Final[dict[str, dict[Sound, tuple[str, str]]]] = {
    "attributive": {
        "vowel": ("дағы", "дегі"),
        "voiced": ("дағы", "дегі"),
        "nasal": ("дағы", "дегі"),
        "voiceless": ("тағы", "тегі"),
    },
    "locative": {
        "vowel": ("да", "де"),
        "voiced": ("да", "де"),
        "nasal": ("да", "де"),
        "voiceless": ("та", "те"),
    },
    "ablative": {
        "vowel": ("дан", "ден"),
        "voiced": ("дан", "ден"),
        "nasal": ("нан", "нен"),
        "voiceless": ("тан", "тен"),
    },
    "dative": {
        "vowel": ("ға", "ге"),
        "voiced": ("ға", "ге"),
        "nasal": ("ға", "ге"),
        "voiceless": ("қа", "ке"),
    },
}

CASE_FORMS: Final = tuple(CASE_SUFFIXES)


def is_front(word: str) -> bool:
    """True when the last harmonic vowel of ``word`` is front (ә е ө ү і э)."""
    for letter in reversed(word.lower()):
        if letter in FRONT_VOWELS:
            return True
        if letter in BACK_VOWELS:
            return False
    return False


def last_sound(word: str) -> Sound:
    """Classify the sound ``word`` ends in, for choosing a suffix."""
    last = word.lower()[-1]
    if last in FINAL_VOWELS:
        return "vowel"
    if last in NASALS:
        return "nasal"
    if last in VOICELESS:
        return "voiceless"
    return "voiced"


def with_case(word: str, form: str) -> str:
    """Attach the case suffix ``form`` (attributive, locative, ablative, dative) to ``word``."""
    try:
        table = CASE_SUFFIXES[form]
    except KeyError:
        raise ValueError(f"unknown Kazakh case form {form!r}; expected one of {CASE_FORMS}") from None
    back, front = table[last_sound(word)]
    return word + (front if is_front(word) else back)


def ordinal_word(word: str) -> str:
    """Turn a Kazakh cardinal word into its ordinal: бір → бірінші, алты → алтыншы."""
    if word in ORDINAL_EXCEPTIONS:
        return ORDINAL_EXCEPTIONS[word]
    front = is_front(word)
    if last_sound(word) == "vowel":
        return word + ("нші" if front else "ншы")
    return word + ("інші" if front else "ыншы")
