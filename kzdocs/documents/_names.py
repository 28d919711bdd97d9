"""What a full name's endings say about sex, to catch a name paired with another person's IIN."""

from __future__ import annotations

from typing import Final, Literal

NameSex = Literal["male", "female"]

#: Endings that mark a patronymic (the last of three or more words).
PATRONYMIC_ENDINGS: Final[dict[str, NameSex]] = {
    "ович": "male", "евич": "male", "ьич": "male", "ич": "male",
    "овна": "female", "евна": "female", "ична": "female", "инична": "female",
}
#: Endings that mark sex in any word: Kazakh «son of» / «daughter of», Russian-type surnames.
WORD_ENDINGS: Final[dict[str, NameSex]] = {
    "ұлы": "male", "улы": "male", "қызы": "female", "кызы": "female",
    "ов": "male", "ев": "male", "ёв": "male", "ин": "male", "ын": "male", "ский": "male", "цкий": "male",
    "ова": "female", "ева": "female", "ёва": "female", "ина": "female", "ына": "female",
    "ская": "female", "цкая": "female",
}
#: Shorter words than this are not judged by a surname ending (Ин, Ли, Ким ...).
MIN_WORD: Final = 4


def _ending(word: str, table: dict[str, NameSex]) -> tuple[str, NameSex] | None:
    lower = word.lower()
    for ending in sorted(table, key=len, reverse=True):
        if lower.endswith(ending):
            return ending, table[ending]
    return None


def name_sex(full_name: str) -> tuple[NameSex, str] | None:
    """The sex a full name's endings agree on, with one telling ending; ``None`` when they do not
    tell (no telling ending, or endings that disagree, as in «Жасмин Қалиева»).

    >>> name_sex("Қалиев Бауыржан Серікұлы")
    ('male', 'ұлы')
    >>> name_sex("Ли Анна") is None
    True
    """
    words = [w for part in full_name.split() for w in part.split("-") if w]
    found: list[tuple[str, NameSex]] = []
    for index, word in enumerate(words):
        if len(word) < MIN_WORD:
            continue
        hit = _ending(word, WORD_ENDINGS)
        if hit is None and len(words) >= 3 and index == len(words) - 1:
            hit = _ending(word, PATRONYMIC_ENDINGS)
        if hit is not None:
            found.append(hit)
    sexes = {sex for _, sex in found}
    if len(sexes) != 1:
        return None
    (sex,) = sexes
    return sex, found[-1][0]
