"""QR codes of the verification address: SVG (vector) for PDF/HTML, PNG for DOCX."""

from __future__ import annotations

import io
import re
from functools import lru_cache

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M


def _code(payload: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=1, box_size=10)
    code.add_data(payload)
    code.make(fit=True)
    return code


@lru_cache(maxsize=256)
def qr_svg(payload: str, size_mm: int = 20) -> str:
    """An SVG ``<svg>`` element (one path, no XML declaration) encoding ``payload``."""
    image = _code(payload).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg: str = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg"):]
    return re.sub(r'width="[^"]*" height="[^"]*"', f'width="{size_mm}mm" height="{size_mm}mm"', svg, count=1)


@lru_cache(maxsize=256)
def qr_png(payload: str) -> bytes:
    """A black-and-white PNG encoding ``payload``."""
    image = _code(payload).make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
