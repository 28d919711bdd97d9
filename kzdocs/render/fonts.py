"""The bundled fonts and the glyph gate that refuses a font lacking a Kazakh letter.

Tinos (Google's croscore family, SIL OFL 1.1) is metric-compatible with Times New Roman, the
Kazakh office font, and covers every Kazakh letter and the tenge sign.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, Final

from fontTools.ttLib import TTFont

from kzdocs._resources import resource_dir
from kzdocs.errors import MissingGlyphError

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


@cache
def printable() -> frozenset[int]:
    """The code points every bundled face has a glyph for."""
    covered: set[int] | None = None
    for path in bundled_fonts():
        with TTFont(path, lazy=True) as font:
            cmap = set(font.getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def text_size(data: Any) -> int:
    """How many characters of text ``data`` (as ``model_dump`` gives it) holds."""
    return sum(len(text) for _path, text in _strings(data, ""))


def check_glyphs(data: Any) -> None:
    """The glyph gate for input: :class:`MissingGlyphError` names the first field (``data`` as
    ``model_dump`` gives it) holding a character no bundled face can draw."""
    covered = printable()
    for path, text in _strings(data, ""):
        for char in text:
            if ord(char) not in covered:
                raise MissingGlyphError(path, char)


def check_printed_text(text: str) -> None:
    """The glyph gate for everything printed (input and the documents' own words): a character no
    bundled face can draw raises :class:`FontCoverageError` instead of printing as a box."""
    covered = printable()
    missing = "".join(sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()}))
    if missing:
        raise FontCoverageError(FAMILY, missing)


@cache
def _advances(file_name: str = "Tinos-Regular.ttf") -> tuple[dict[int, int], int]:
    """Advance widths by code point, and units per em, of a bundled font."""
    font = TTFont(font_path(file_name), lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width_mm(text: str, size_pt: float) -> float:
    """The printed width of ``text`` in the regular bundled face at ``size_pt`` (advances, no kerning)."""
    widths, units = _advances()
    space = widths.get(32, units // 4)
    return sum(widths.get(ord(ch), space) for ch in text) / units * size_pt / 72 * 25.4
