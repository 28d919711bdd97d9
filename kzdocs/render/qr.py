"""QR codes of the verification address: SVG (vector) for PDF/HTML, PNG for DOCX."""

from __future__ import annotations

import io
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def _code(payload: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=1, box_size=10)
    code.add_data(payload)
    code.make(fit=True)
    return code


def dark_rectangles(matrix: list[list[bool]]) -> list[tuple[int, int, int, int]]:
    """Cover the dark modules with rectangles (x, y, width, height): runs of a row, merged downwards
    while the rows below repeat the same run."""
    done: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}  # (start, end) of a run → the row it began on
    for y, row in enumerate([*matrix, []]):
        runs, x = set(), 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.add((start, x))
            x += 1
        for run, top in list(open_runs.items()):
            if run not in runs:
                done.append((run[0], top, run[1] - run[0], y - top))
                del open_runs[run]
        for run in sorted(runs):
            open_runs.setdefault(run, y)
    return sorted(done, key=lambda r: (r[1], r[0]))


@lru_cache(maxsize=256)
def qr_svg(payload: str, size_mm: int = 22) -> str:
    """An SVG ``<svg>`` element encoding ``payload`` as one path of rectangles (vector, crisp in print,
    and a fraction of the path qrcode's own SVG factory writes, so it draws several times faster)."""
    matrix = _code(payload).get_matrix()
    path = "".join(f"M{x} {y}h{w}v{h}h-{w}z" for x, y, w, h in dark_rectangles(matrix))
    side = len(matrix)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm" '
            f'viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><path d="{path}" fill="#000"/></svg>')


@lru_cache(maxsize=256)
def qr_png(payload: str) -> bytes:
    """A black-and-white PNG encoding ``payload``."""
    image = _code(payload).make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
