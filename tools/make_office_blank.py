#!/usr/bin/env python3
"""Make the sample kit's Word blank, ``samples/office/letterhead.docx``, as an office would in Word:
its own margins, a customised Normal style, and a header picture (a band in the kit's colours).

    .venv/bin/python tools/make_office_blank.py [OUT.docx] [--font NAME]

Run once; the file is committed (Word blanks are the office's files, not generated on each build).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent


def band_png() -> bytes:
    """A thin band in the placeholder emblem's colours (navy and gold), for the header."""
    image = Image.new("RGB", (1700, 24), "#1f4e79")
    ImageDraw.Draw(image).rectangle((0, 16, 1700, 24), fill="#e0a526")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def make_blank(font: str = "Times New Roman") -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(14), Mm(10)
    section.left_margin, section.right_margin = Mm(22), Mm(10)
    section.header_distance, section.footer_distance = Mm(6), Mm(6)
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(12)
    normal.font.color.rgb = RGBColor(0x10, 0x10, 0x10)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run().add_picture(io.BytesIO(band_png()), width=Mm(178))
    document.core_properties.author = "Орал қаласының білім беру бөлімі"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    font = "Times New Roman"
    if "--font" in argv:
        font = argv[argv.index("--font") + 1]
        del argv[argv.index("--font"):argv.index("--font") + 2]
    out = Path(argv[0]) if argv else ROOT / "samples" / "office" / "letterhead.docx"
    out.write_bytes(make_blank(font))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
