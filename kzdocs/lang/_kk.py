"""Kazakh morphology as data: vowel harmony, the sound a word ends in, and suffix tables.

Only what the documents need: the ordinal suffix (-ыншы/-інші) and the case endings a name or
a month takes (attributive -дағы, locative -да, ablative -дан, dative -ға, accusative -ны,
genitive -ның, instrumental -мен).
"""

from __future__ import annotations

from typing import Final, Literal

Sound = Literal["vowel", "sonorant", "nasal", "voiced", "voiceless"]

BACK_VOWELS: Final = frozenset("аоұыя")
FRONT_VOWELS: Final = frozenset("әеөүіэ")
#: Letters that end a word as a vowel. «у» and «и» are glides ([w], [ij]) and behave as
#: consonants before a suffix: елу → елуінші.
FINAL_VOWELS: Final = frozenset("аоұыәеөүіэяюё")
NASALS: Final = frozenset("мнң")
#: л, р and the glides й, у, и: they take -мен like a vowel, but -дың/-ды like a voiced consonant.
SONORANTS: Final = frozenset("лрйуи")
#: Voiceless consonants; a final б, в, г, д is devoiced and counts among them (Ахмедке).
VOICELESS: Final = frozenset("кқпстфхцчшщбвгд")

#: Ordinals that do not follow the regular suffix rule.
ORDINAL_EXCEPTIONS: Final = {
    "қырық": "қырқыншы",  # the stem drops its vowel
    "жиырма": "жиырмасыншы",
}

def _table(vowel: str, voiced: str, nasal: str, voiceless: str, sonorant: str | None = None
           ) -> dict[Sound, tuple[str, str]]:
    """A case's (back, front) suffixes after each kind of final sound, from "back/front" pairs."""
    pairs = {"vowel": vowel, "sonorant": sonorant or voiced, "nasal": nasal, "voiced": voiced,
             "voiceless": voiceless}
    return {sound: tuple(text.split("/")) for sound, text in pairs.items()}  # type: ignore[misc]


#: Case suffixes by form, then by the last sound, as (back, front) pairs.
CASE_SUFFIXES: Final[dict[str, dict[Sound, tuple[str, str]]]] = {
    "attributive": _table("дағы/дегі", "дағы/дегі", "дағы/дегі", "тағы/тегі"),
    "locative": _table("да/де", "да/де", "да/де", "та/те"),
    "ablative": _table("дан/ден", "дан/ден", "нан/нен", "тан/тен"),
    "dative": _table("ға/ге", "ға/ге", "ға/ге", "қа/ке"),
    "accusative": _table("ны/ні", "ды/ді", "ды/ді", "ты/ті"),
    "genitive": _table("ның/нің", "дың/дің", "ның/нің", "тың/тің"),
    "instrumental": _table("мен/мен", "бен/бен", "мен/мен", "пен/пен", sonorant="мен/мен"),
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
    if last in SONORANTS:
        return "sonorant"
    if last in NASALS:
        return "nasal"
    if last in VOICELESS:
        return "voiceless"
    return "voiced"


def with_case(word: str, form: str) -> str:
    """Attach the case suffix ``form`` (one of :data:`CASE_FORMS`) to ``word``."""
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
