"""Rendering: every sample to PDF and DOCX, one A4 page, text parity, escaping, fonts, isolation."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from helpers import NAMES, body_text, docx_text, pdf_text, sample, sample_data, squeeze, unvalidated
from pydantic import ValidationError

from kzdocs import parse_document, render_docx, render_html, render_pdf
from kzdocs.render.errors import FontCoverageError
from kzdocs.render.fonts import KAZAKH_LETTERS, check_font, font_path, missing_letters
from kzdocs.render.pdf import BundledOnlyFetcher

LANGUAGE_SETS = [("kk", "ru"), ("kk",), ("ru",)]
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def renders() -> dict[tuple[str, tuple[str, ...]], tuple[bytes, bytes]]:
    out = {}
    for name in NAMES:
        doc = sample(name)
        for languages in LANGUAGE_SETS:
            out[name, languages] = (render_pdf(doc, languages), render_docx(doc, languages))
    return out


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_every_sample_fits_one_a4_page(renders: dict, name: str, languages: tuple[str, ...]) -> None:
    pdf, _ = renders[name, languages]
    document = pdfium.PdfDocument(pdf)
    # issue 10: never below 12 pt (14 pt in one language): a long one (the receipt, the aid notice) flows onto
    # a second page
    assert len(document) in (1, 2)
    width, height = document[0].get_size()
    assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_docx_and_pdf_carry_the_same_text(renders: dict, name: str, languages: tuple[str, ...]) -> None:
    pdf, docx_bytes = renders[name, languages]
    view = sample(name).view(languages)
    # the page number (from page 2 on) is the PDF's own, left out as the seal's check does; Word numbers pages itself
    in_pdf, in_docx = squeeze(body_text(pdf)), squeeze(docx_text(docx_bytes))
    for line in view.text_lines():
        for part in line.split("\n"):
            assert squeeze(part) in in_pdf, part
            assert squeeze(part) in in_docx, part
    # Nothing else is printed: the same letters, the same number of times.
    assert Counter(in_pdf) == Counter(in_docx)


def test_docx_opens_in_python_docx(renders: dict) -> None:
    for name in NAMES:
        document = docx.Document(io.BytesIO(renders[name, ("kk", "ru")][1]))
        assert document.tables
        assert document.core_properties.author == sample(name).issuer.name_kk


@pytest.mark.parametrize("name", NAMES)
def test_same_input_same_bytes_in_two_processes(tmp_path: Path, name: str) -> None:
    script = (
        "import sys, hashlib, json\n"
        "from decimal import Decimal\n"
        "from kzdocs import parse_document, render_pdf, render_docx\n"
        f"doc = parse_document({name!r}, open({str(Path('samples') / (name + '.json'))!r}, 'rb').read())\n"
        "print(hashlib.sha256(render_pdf(doc)).hexdigest(), hashlib.sha256(render_docx(doc)).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    runs = [subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True)
            .stdout for _ in range(2)]
    assert runs[0] == runs[1]
    doc = sample(name)
    here = [hashlib.sha256(render_pdf(doc)).hexdigest(), hashlib.sha256(render_docx(doc)).hexdigest()]
    assert runs[0].split() == here


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    document = pdfium.PdfDocument(pdf)
    for page in document:
        for obj in page.get_objects():
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
                font = pdfium.raw.FPDFTextObj_GetFont(obj.raw)
                size = pdfium.raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = (pdfium.raw.c_char * size)()
                pdfium.raw.FPDFFont_GetBaseFontName(font, buffer, size)
                names.add(bytes(buffer).rstrip(b"\0").decode())
    return names


def test_every_embedded_font_is_a_bundled_font(renders: dict) -> None:
    seen: set[str] = set()
    for pdf, _ in renders.values():
        seen |= embedded_fonts(pdf)
    assert seen, "no fonts found"
    assert all(re.fullmatch(r"[A-Z]{6}\+Tinos(-Bold|-Italic|-BoldItalic)?", name) for name in seen), seen


def test_bundled_fonts_cover_every_kazakh_letter() -> None:
    for file_name in ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf"):
        assert missing_letters(font_path(file_name)) == ""
        check_font(font_path(file_name))


def poor_font(folder: Path) -> Path:
    """Tinos cut down to a few letters, three of them Kazakh (ә ғ қ), saved in ``folder``."""
    from fontTools import subset

    options = subset.Options()
    font = subset.load_font(str(font_path("Tinos-Regular.ttf")), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="абвгдеАБВГДЕ0123456789әғқ")
    subsetter.subset(font)
    poor = folder / "Poor.ttf"
    subset.save_font(font, str(poor), options)
    return poor


def test_glyph_gate_refuses_a_font_without_kazakh_letters(tmp_path: Path) -> None:
    with pytest.raises(FontCoverageError) as info:
        check_font(poor_font(tmp_path))
    assert "ң" in info.value.missing and "ө" in info.value.missing and "ә" not in info.value.missing
    assert "lacks the letters" in str(info.value)
    assert set(KAZAKH_LETTERS) - set("әғқ") <= set(info.value.missing)


def test_rendering_refuses_to_print_with_a_font_lacking_kazakh_letters(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from kzdocs.render import fonts, html, pdf

    poor = poor_font(tmp_path)
    caches = (fonts.bundled_fonts, html.standalone_css, pdf.engine)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(fonts, "font_path", lambda name: poor if name == "Tinos-Regular.ttf" else
                        fonts.resource_dir("fonts") / name)
    try:
        with pytest.raises(FontCoverageError, match=r"font Poor\.ttf lacks the letters"):
            render_pdf(sample("queue-receipt"))
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()
    assert render_pdf(sample("queue-receipt")).startswith(b"%PDF")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "https://example.com/font.ttf", "file:///etc/passwd",
                                 "kzdocs:fonts/../../etc/passwd", "data:text/css,body{}", "kzdocs:fonts/Other.ttf"])
def test_url_fetcher_refuses_everything_but_bundled_fonts(url: str) -> None:
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        BundledOnlyFetcher().fetch(url)
    assert BundledOnlyFetcher().fetch("kzdocs:fonts/Tinos-Regular.ttf").status == 200


HOSTILE = '<script>alert(1)</script> {{ 7*7 }} {% for x in y %} </w:t> ]]> & <img src="http://127.0.0.1:9/x">'


def test_user_text_is_printed_literally_never_evaluated() -> None:
    data = sample_data("motivated-refusal")
    data["grounds"] = [{"code": "other", "details_kk": "x", "details_ru": "x"}]
    with pytest.raises(ValidationError):  # validation refuses < > { }; the engines must still escape them
        parse_document("motivated-refusal", {**data, "applicant": {**data["applicant"], "full_name": "Әли <b>"}})
    doc = unvalidated(parse_document("motivated-refusal", data), {
        "grounds.0.details_kk": HOSTILE, "grounds.0.details_ru": HOSTILE, "applicant.full_name": "Әли {{ 7*7 }} <b>"})
    html = render_html(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert '<img src="http' not in html
    text = docx_text(render_docx(doc))
    assert HOSTILE in text and "Әли {{ 7*7 }} <b>" in text
    docx.Document(io.BytesIO(render_docx(doc)))  # still a well-formed document
    pdf = squeeze(pdf_text(render_pdf(doc)))
    assert squeeze(HOSTILE) in pdf


def test_render_refuses_what_is_not_a_document() -> None:
    with pytest.raises(TypeError, match="expected a kzdocs document"):
        render_pdf({"number": "1"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="language"):
        render_docx(sample("queue-receipt"), ("en",))


def test_committed_docx_templates_are_what_the_builder_makes() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "tools/build_docx_templates.py", "--check"], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", NAMES)
def test_lean_user_agent_stylesheet_looks_the_same_as_weasyprints(name: str) -> None:
    import weasyprint

    from kzdocs.qa import compare_pdf
    from kzdocs.render.pdf import engine, fitted_html, write

    assert "_ua_stylesheets" in vars(weasyprint.HTML), "WeasyPrint renamed its UA hook: LeanHTML does nothing"
    font_config, css, fetcher = engine()
    html = fitted_html(sample(name).view())
    full = write(weasyprint.HTML(string=html, url_fetcher=fetcher).render(stylesheets=[css], font_config=font_config),
                 html)
    report = compare_pdf(full, render_pdf(sample(name)), shift=0, tolerance=8)
    assert report.ok, report.summary()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("languages", LANGUAGE_SETS)
def test_iins_and_dates_in_tables_are_never_broken(renders: dict, name: str, languages: tuple[str, ...]) -> None:
    from kzdocs.documents import Table

    text = pdf_text(renders[name, languages][0])
    for block in sample(name).view(languages).blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if re.fullmatch(r"\d{12}|\d{2}\.\d{2}\.\d{4}", cell):
                        assert cell in text, cell  # on one line, not split by a wrap
