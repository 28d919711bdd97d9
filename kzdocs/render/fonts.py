"""The bundled fonts and the glyph gate that refuses a font lacking a Kazakh letter.

Tinos (Google's croscore family, SIL OFL 1.1) is metric-compatible with Times New Roman, the
Kazakh office font, and covers every Kazakh letter and the tenge sign.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from fontTools.ttLib import TTFont

from kzdocs._resources import resource_dir

from .errors import FontCoverageError

FAMILY: Final = "Tinos"
#: CSS (weight, style) → file.
FACES: Final = {
    ("normal", "normal"): "Tinos-Regular.ttf",
    ("bold", "normal"): "Tinos-Bold.ttf",
    ("normal", "italic"): "Tinos-Italic.ttf",
    ("bold", "italic"): "Tinos-BoldItalic.ttf",
}
KAZAKH_LETTERS: Final = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
REQUIRED: Final = (
    KAZAKH_LETTERS
    + "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    + "№₸«»–—…0123456789"
)


def font_path(file_name: str) -> Path:
    """Path of a bundled font file."""
    return resource_dir("fonts") / file_name


def missing_letters(path: Path, required: str = REQUIRED) -> str:
    """The letters of ``required`` that the font at ``path`` has no glyph for."""
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
    return "".join(ch for ch in required if ord(ch) not in cmap)


def check_font(path: Path, required: str = REQUIRED) -> Path:
    """Return ``path`` if the font covers ``required``; raise :class:`FontCoverageError` otherwise."""
    missing = missing_letters(path, required)
    if missing:
        raise FontCoverageError(path.name, missing)
    return path


@cache
def bundled_fonts() -> tuple[Path, ...]:
    """The bundled font files, each checked once per process by the glyph gate."""
    return tuple(check_font(font_path(name)) for name in FACES.values())


def font_face_css() -> str:
    """``@font-face`` rules loading the bundled fonts through the ``kzdocs:`` URL scheme."""
    bundled_fonts()
    rules = [
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("kzdocs:fonts/{name}"); }}'
        for (weight, style), name in FACES.items()
    ]
    return "\n".join(rules)
