"""The QR code: the SVG path covers exactly the dark modules qrcode computed; PNG for DOCX."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kzdocs.render.qr import _code, dark_rectangles, qr_png, qr_svg


def modules_of(svg: str) -> set[tuple[int, int]]:
    cells = set()
    for x, y, w, h in re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z", svg):
        for dx in range(int(w)):
            for dy in range(int(h)):
                cells.add((int(x) + dx, int(y) + dy))
    return cells


@given(st.text(min_size=1, max_size=120))
def test_svg_covers_exactly_the_dark_modules(payload: str) -> None:
    matrix = _code(payload).get_matrix()
    dark = {(x, y) for y, row in enumerate(matrix) for x, value in enumerate(row) if value}
    assert modules_of(qr_svg(payload)) == dark


def test_rectangles_do_not_overlap() -> None:
    matrix = _code("https://bilim-oral.gov.kz/verify?number=0871").get_matrix()
    seen: set[tuple[int, int]] = set()
    for x, y, w, h in dark_rectangles(matrix):
        cells = {(x + dx, y + dy) for dx in range(w) for dy in range(h)}
        assert not cells & seen
        seen |= cells


def test_png_is_a_png() -> None:
    assert qr_png("x").startswith(b"\x89PNG")
