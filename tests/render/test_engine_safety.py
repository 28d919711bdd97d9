"""The PDF engine sees only the bundled fonts, refuses what they cannot draw, and is safe from threads.

Found by the adversarial review of issue 16: characters the font lacks printed as □ or were drawn
from the host's DejaVu (bytes depended on the machine), and ``render_pdf`` from 16 threads printed
GLib «corrupted double-linked list» warnings (memory corruption inside Pango).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont
from helpers import NAMES, sample, unvalidated

from kzdocs import render_pdf
from kzdocs.errors import FontCoverageError, MissingGlyphError
from kzdocs.render.fonts import check_printed_text, font_path
from kzdocs.render.pdf import engine, pdf_from_html

TESTS = Path(__file__).resolve().parent.parent
RENDER_HASH = ("import hashlib, sys; sys.path.insert(0, {tests!r}); from helpers import sample; "
               "from kzdocs import render_pdf; print(hashlib.sha256(render_pdf(sample('queue-receipt'))).hexdigest())")


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in pdfium.PdfDocument(pdf):
        for obj in page.get_objects():
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
                font = pdfium.raw.FPDFTextObj_GetFont(obj.raw)
                buffer = (pdfium.raw.c_char * 200)()
                length = pdfium.raw.FPDFFont_GetBaseFontName(font, buffer, 200)
                names.add(bytes(buffer[: max(length - 1, 0)]).decode())
    return names


def test_the_engine_sees_no_host_font() -> None:
    font_config = engine()[0]
    assert font_config.font_counts() == (0, 4)  # no system font; the four bundled faces


def test_a_letter_the_bundled_fonts_lack_is_not_drawn_from_a_host_font() -> None:
    pdf = pdf_from_html('<p>Тест ნიკა 王 😀</p>')  # the raw engine, past every gate
    assert embedded_fonts(pdf) and all("Tinos" in name for name in embedded_fonts(pdf)), embedded_fonts(pdf)


def test_the_glyph_gate_names_the_field_before_rendering() -> None:
    doc = unvalidated(sample("queue-receipt"), {"child.full_name": "Сейтқалиев ნიკა"})
    with pytest.raises(MissingGlyphError) as info:
        render_pdf(doc)
    assert info.value.field == "child.full_name"
    assert str(info.value).startswith("child.full_name: the bundled fonts have no glyph for U+10DC GEORGIAN LETTER NAR")
    with pytest.raises(FontCoverageError):
        check_printed_text("Құжат 王")


def planted_tinos(folder: Path) -> Path:
    """A host font that calls itself «Tinos Regular» but has the bold glyphs."""
    (folder / "fonts").mkdir()
    font = TTFont(font_path("Tinos-Bold.ttf"))
    for record in font["name"].names:
        record.string = {1: "Tinos", 16: "Tinos", 2: "Regular", 17: "Regular", 4: "Tinos",
                         6: "Tinos-Regular"}.get(record.nameID, record.toUnicode())
    font["OS/2"].usWeightClass = 400
    font["OS/2"].fsSelection = 0x40
    font["head"].macStyle = 0
    font.save(folder / "fonts" / "Planted.ttf")
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f'<dir>{folder / "fonts"}</dir><cachedir>{folder / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    return conf


def test_bytes_do_not_depend_on_the_host_fonts(tmp_path: Path) -> None:
    expected = hashlib.sha256(render_pdf(sample("queue-receipt"))).hexdigest()
    empty = tmp_path / "empty.conf"
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                     f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    for conf in (planted_tinos(tmp_path), empty):
        env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
        result = subprocess.run([sys.executable, "-c", RENDER_HASH.format(tests=str(TESTS))], env=env,
                                capture_output=True, text=True, timeout=300, check=True)
        assert result.stdout.strip() == expected, conf.name


THREADS = """
import hashlib, sys
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, {tests!r})
from helpers import NAMES, sample
from kzdocs import render_pdf
docs = [sample(name) for name in NAMES]
with ThreadPoolExecutor(16) as pool:
    for digest in pool.map(lambda i: hashlib.sha256(render_pdf(docs[i % len(docs)])).hexdigest(), range(48)):
        print(digest)
"""


@pytest.mark.slow
def test_sixteen_threads_render_the_same_bytes_without_glib_warnings() -> None:
    result = subprocess.run([sys.executable, "-c", THREADS.format(tests=str(TESTS))], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    for marker in ("GLib", "corrupted", "g_queue", "CRITICAL", "Pango"):
        assert marker not in result.stderr, result.stderr[-2000:]
    serial = [hashlib.sha256(render_pdf(sample(name))).hexdigest() for name in NAMES]
    assert result.stdout.split() == [serial[i % len(NAMES)] for i in range(48)]
